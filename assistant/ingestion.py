"""Ingest files into the store: parse, chunk, embed; unchanged files are a no-op, changed ones replace."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ingest import LoadError, chunk_document, find_files, load_text, parse_document
from ingest.chunking import TokenCounter
from vectorstore.store import ChromaStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestReport:
    """What one ingest call did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    chunks: int = 0  # chunks written by this call
    documents: tuple[str, ...] = ()  # doc ids seen, in file order
    skipped: tuple[tuple[str, str], ...] = field(default=())  # (file, Chinese reason)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form, with the field names of the API."""
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "chunks": self.chunks,
                "documents": list(self.documents), "skipped": [{"file": f, "reason": r} for f, r in self.skipped]}


def stored_versions(store: ChromaStore) -> dict[str, str]:
    """doc id -> content hash of each complete stored document; "" for a half-written one.

    A document is complete when all its chunks carry one hash and there are as many as it had.
    """
    hashes: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    expected: dict[str, int] = {}
    for c in store.all_chunks():
        doc_id = str(c.metadata.get("doc_id"))
        hashes.setdefault(doc_id, set()).add(str(c.metadata.get("doc_hash", "")))
        counts[doc_id] = counts.get(doc_id, 0) + 1
        expected[doc_id] = int(c.metadata.get("doc_chunks", 0) or 0)
    out = {}
    for doc_id, hs in hashes.items():
        complete = len(hs) == 1 and counts[doc_id] == expected[doc_id]
        if not complete:
            log.warning("document %s is incomplete in the store (%d chunks, %d versions)", doc_id, counts[doc_id], len(hs))
        out[doc_id] = next(iter(hs)) if complete else ""
    return out


def ingest_paths(store: ChromaStore, paths: list[str | Path], existing: dict[str, str], chunk_tokens: int,
                 count: TokenCounter) -> IngestReport:
    """Ingest files and folders. `existing` maps doc id -> content hash already stored.

    Raises ValueError when a path is missing or when no file at all could be read.
    """
    files = find_files(list(paths))
    if not files:
        raise ValueError("给定路径下没有文件。")
    added = updated = unchanged = written = 0
    docs: list[str] = []
    skipped: list[tuple[str, str]] = []
    for f in files:
        try:
            doc = parse_document(load_text(f), str(f))
        except (LoadError, ValueError) as exc:
            skipped.append((str(f), str(exc)))
            log.warning("skipped %s: %s", f, exc)
            continue
        docs.append(doc.doc_id)
        old = existing.get(doc.doc_id)
        if old == doc.content_hash:
            unchanged += 1
            continue
        chunks = chunk_document(doc, chunk_tokens, count)
        # Write the new version first, then drop what is left of other versions: a crash in between
        # leaves a document whose chunks disagree, which stored_versions() reports as incomplete.
        store.add(chunks)
        if old is not None:
            store.delete_doc(doc.doc_id, keep_hash=doc.content_hash)
            updated += 1
        else:
            added += 1
        existing[doc.doc_id] = doc.content_hash
        written += len(chunks)
    if not docs:
        reasons = "；".join(r for _f, r in skipped)
        raise ValueError(f"没有可导入的文件：{reasons}")
    return IngestReport(added=added, updated=updated, unchanged=unchanged, chunks=written, documents=tuple(docs),
                        skipped=tuple(skipped))
