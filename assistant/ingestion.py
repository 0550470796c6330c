"""Ingest files into the store: parse, chunk, embed; unchanged files are a no-op, changed ones replace.

Each file gets an id that no other file shares (see assign_doc_id); its absolute path is kept in the
ledger and in chunk metadata ("source_path").
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from ingest import LoadError, chunk_document, find_files, load_text, parse_document
from ingest.chunking import TokenCounter
from ingest.parser import doc_id_for, legacy_doc_id
from ingest.types import Chunk
from ingest.version import is_current
from vectorstore.ledger import DELETED, READY, DocLedger
from vectorstore.library import DocumentLibrary
from vectorstore.store import ChromaStore

log = logging.getLogger(__name__)

CANDIDATES_PER_READ = 12  # candidate ids assign_doc_id reads from the ledger at a time (one read nearly always does)


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


def assign_doc_id(path: Path, root: Path | None, doc_hash: str, ledger: DocLedger) -> str:
    """The id a file gets: the one it already has, else its readable path id, made unique when taken.

    1. The same file (absolute path) keeps its id, so re-ingesting it updates it in place.
    2. Identical content already stored is that document (a copy is not a second document).
    3. A document stored before source paths were kept is claimed by the file of the same name.
    4. Else doc_id_for(path, root) -- "2019/通知" -- or, when another file holds it, with the
       extension ("文件.docx"), then with a number ("文件.docx (2)").
    Example: "a/文件.pdf" then "a/文件.docx" in one folder -> "文件", "文件.docx"
    Reads only the records it needs (this path's, this content's and those of a few candidate ids), never
    the whole ledger: at 2,400 documents the whole ledger took 0.15 s to read for each ingest.
    """
    for found in (ledger.find(source_path=str(path.resolve())), ledger.find(doc_hash=doc_hash, state=READY)):
        live = [r for r in found if r.state != DELETED]
        if live:  # several (a race, an old migration): the last in ledger order, as when all were read
            return live[-1].doc_id
    base, legacy = doc_id_for(str(path), str(root) if root else None), legacy_doc_id(str(path))
    names = id_candidates(base, path.suffix)
    batch = list(islice(names, CANDIDATES_PER_READ))
    records = ledger.get_many([*batch, legacy])
    for cand in (base, legacy):
        old = records.get(cand)
        if old is not None and old.state != DELETED and not old.source_path and old.source == path.name:
            return cand
    while batch:
        free = [c for c in batch if c not in records or records[c].state == DELETED]
        if free:
            return free[0]
        batch = list(islice(names, CANDIDATES_PER_READ))
        records = ledger.get_many(batch)
    raise ValueError(f"{path.name}：同名文件过多，无法分配编号。")


def id_candidates(base: str, ext: str) -> Iterator[str]:
    """The ids a file may take under rule 4 of assign_doc_id, in order of preference (10,000 in all).

    Example: list(islice(id_candidates("文件", ".docx"), 3)) == ["文件", "文件.docx", "文件.docx (2)"]
    """
    yield base
    yield base + ext
    for n in range(2, 10_000):
        yield f"{base}{ext} ({n})"


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


@dataclass(frozen=True)
class StaleDocuments:
    """Served documents that an older version of the parser made (see ingest.version)."""

    files: tuple[Path, ...] = ()  # their files, still on disk: parse them again
    missing: tuple[tuple[str, str], ...] = ()  # (doc id, source path) whose file is gone: kept as parsed


def stale_documents(library: DocumentLibrary, under: tuple[str | Path, ...] | None = None) -> StaleDocuments:
    """The served documents an older parser made, from the local catalog (no store read).

    under: only documents whose file lies in one of these folders (the bundled corpus), else all.
    """
    roots = tuple(Path(u).resolve() for u in under) if under is not None else None
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for row in library.index.doc_rows():
        if is_current(str(row["doc_hash"])):
            continue
        path = Path(str(row["source_path"])) if row["source_path"] else None
        if roots is not None and (path is None or not any(path.is_relative_to(r) for r in roots)):
            continue
        if path is not None and path.is_file():
            files.append(path)
        else:
            missing.append((str(row["doc_id"]), str(path or "")))
    return StaleDocuments(tuple(files), tuple(missing))


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
        # Asked afresh for every file: what earlier files of this call wrote is in the ledger already.
        doc_id = assign_doc_id(f, root, doc.content_hash, library.ledger)
        old = library.ledger.get(doc_id)
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
        written += len(chunks)
    if not docs:
        reasons = "；".join(r for _f, r in skipped)
        raise ValueError(f"没有可导入的文件：{reasons}")
    return IngestReport(added=added, updated=updated, unchanged=unchanged, chunks=written, documents=tuple(docs),
                        skipped=tuple(skipped))
