"""Ingest files into the store: parse, chunk, embed; unchanged files are a no-op, changed ones replace.

Each file gets an id that no other file shares (see assign_doc_id); its absolute path is kept in the
ledger and in chunk metadata ("source_path").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest import LoadError, chunk_document, find_files, load_text, parse_document
from ingest.chunking import TokenCounter
from ingest.parser import doc_id_for, legacy_doc_id
from ingest.types import Chunk
from vectorstore.ledger import DELETED, READY, DocLedger, DocRecord
from vectorstore.library import DocumentLibrary
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
    """doc id -> content hash of each complete stored document; "" for a half-written one (from the ledger)."""
    return {doc_id: r.doc_hash if r.state == READY else "" for doc_id, r in DocLedger(store).records().items()
            if r.state != DELETED}


def assign_doc_id(path: Path, root: Path | None, doc_hash: str, records: dict[str, DocRecord],
                  by_path: dict[str, str] | None = None, by_hash: dict[str, str] | None = None) -> str:
    """The id a file gets: the one it already has, else its readable path id, made unique when taken.

    1. The same file (absolute path) keeps its id, so re-ingesting it updates it in place.
    2. Identical content already stored is that document (a copy is not a second document).
    3. A document stored before source paths were kept is claimed by the file of the same name.
    4. Else doc_id_for(path, root) -- "2019/通知" -- or, when another file holds it, with the
       extension ("文件.docx"), then with a number ("文件.docx (2)").
    Example: "a/文件.pdf" then "a/文件.docx" in one folder -> "文件", "文件.docx"
    by_path / by_hash: source path -> id and content hash -> id of the records (made when not given).
    """
    if by_path is None or by_hash is None:
        by_path, by_hash = record_maps(records)
    source = str(path.resolve())
    if source in by_path:
        return by_path[source]
    if doc_hash in by_hash:
        return by_hash[doc_hash]
    base = doc_id_for(str(path), str(root) if root else None)
    for cand in (base, legacy_doc_id(str(path))):
        old = records.get(cand)
        if old is not None and old.state != DELETED and not old.source_path and old.source == path.name:
            return cand
    ext = path.suffix
    for cand in (base, base + ext, *(f"{base}{ext} ({n})" for n in range(2, 10_000))):
        old = records.get(cand)
        if old is None or old.state == DELETED:
            return cand
    raise ValueError(f"{path.name}：同名文件过多，无法分配编号。")


def record_maps(records: dict[str, DocRecord]) -> tuple[dict[str, str], dict[str, str]]:
    """(source path -> doc id, content hash -> doc id) of the live records; hashes of complete ones only."""
    live = [r for r in records.values() if r.state != DELETED]
    return ({r.source_path: r.doc_id for r in live if r.source_path},
            {r.doc_hash: r.doc_id for r in live if r.state == READY and r.doc_hash})


def unique_chunks(chunks: list[Chunk]) -> list[Chunk]:
    """The chunks with repeated ids left out. An id is a hash of a chunk's text and place, so a repeat is the
    same record twice (民法典物权编 has items parsed as "（一）当事人的姓名或者名称和住所；" under two
    articles); Chroma refuses a batch with a repeated id, and the ledger's chunk count must be what is stored.
    """
    first: dict[str, Chunk] = {}
    for c in chunks:
        first.setdefault(c.chunk_id, c)
    out = list(first.values())
    if len(out) < len(chunks):
        log.warning("%s: %d repeated chunks left out", chunks[0].doc_id, len(chunks) - len(out))
    return out


def _files(paths: list[str | Path]) -> list[tuple[Path, Path | None]]:
    """(file, the folder it was found in or None for a file argument), in argument order."""
    out: list[tuple[Path, Path | None]] = []
    for raw in paths:
        root = Path(raw) if Path(raw).is_dir() else None
        out.extend((f, root) for f in find_files([raw]))
    return out


def ingest_paths(library: DocumentLibrary, paths: list[str | Path], chunk_tokens: int,
                 count: TokenCounter) -> IngestReport:
    """Ingest files and folders into a library; unchanged files are skipped, changed ones replace.

    Raises ValueError when a path is missing or when no file at all could be read.
    """
    files = _files(paths)
    if not files:
        raise ValueError("给定路径下没有文件。")
    records = library.ledger.records()
    by_path, by_hash = record_maps(records)
    added = updated = unchanged = written = 0
    docs: list[str] = []
    skipped: list[tuple[str, str]] = []
    for f, root in files:
        try:
            doc = parse_document(load_text(f), str(f))
        except (LoadError, ValueError) as exc:
            skipped.append((str(f), str(exc)))
            log.warning("skipped %s: %s", f, exc)
            continue
        doc_id = assign_doc_id(f, root, doc.content_hash, records, by_path, by_hash)
        old = records.get(doc_id)
        docs.append(doc_id)
        if old is not None and old.state == READY and old.doc_hash == doc.content_hash:
            unchanged += 1
            continue
        doc = replace(doc, doc_id=doc_id)
        source_path = str(f.resolve())
        chunks = unique_chunks([replace(c, metadata={**c.metadata, "source_path": source_path})
                                for c in chunk_document(doc, chunk_tokens, count)])
        library.write(doc_id, doc.content_hash, source_path, doc.source, chunks, previous=old)
        if old is not None and old.state != DELETED:
            updated += 1
        else:
            added += 1
        records[doc_id] = DocRecord(doc_id=doc_id, state=READY, doc_hash=doc.content_hash, chunks=len(chunks),
                                    source_path=source_path, source=doc.source)
        by_path[source_path] = by_hash[doc.content_hash] = doc_id
        written += len(chunks)
    if not docs:
        reasons = "；".join(r for _f, r in skipped)
        raise ValueError(f"没有可导入的文件：{reasons}")
    return IngestReport(added=added, updated=updated, unchanged=unchanged, chunks=written, documents=tuple(docs),
                        skipped=tuple(skipped))
