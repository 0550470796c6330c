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
        if old is not None:
            store.delete_doc(doc.doc_id)
            updated += 1
        else:
            added += 1
        store.add(chunks)
        existing[doc.doc_id] = doc.content_hash
        written += len(chunks)
    if not docs:
        reasons = "；".join(r for _f, r in skipped)
        raise ValueError(f"没有可导入的文件：{reasons}")
    return IngestReport(added=added, updated=updated, unchanged=unchanged, chunks=written, documents=tuple(docs),
                        skipped=tuple(skipped))
