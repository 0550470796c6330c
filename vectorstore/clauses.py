"""Clause vectors ("small to big"): each sentence of a multi-sentence chunk embedded on its own, so an
answer can pick the clause that means what the question asks, not only the one sharing its words."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.embeddings import Embeddings

from ingest.header import FULL_DATE
from ingest.textutil import split_sentences
from ingest.types import Chunk

log = logging.getLogger(__name__)

MIN_CLAUSE_CHARS = 6  # shorter pieces ("一是", "（三）") carry no meaning of their own
RECENT_VECTORS = 1024  # clause vectors remembered across documents: series repeat their boilerplate
# An appendix row is one task with its lead and deadline, ranked and quoted as a whole (assistant.evidence).
WHOLE_KINDS = frozenset({"appendix_row"})
EMBED_CHARS = 80  # a clause is embedded from its opening: its subject and verb, at a bounded cost per clause


def clauses_of(text: str) -> list[str]:
    """The sentences of a chunk, as answers quote them: line breaks inside a sentence removed, a line that closes
    without a full stop (a signature's date, a note in brackets) ending its clause. A lead-in's colon does not:
    「…不得使用武器：」 and its first case are read together.

    Example: clauses_of("甲乙丙丁戊己。\\n庚辛壬癸子丑；") == ["甲乙丙丁戊己。", "庚辛壬癸子丑；"];
    clauses_of("国务院办公厅\\n一九九七年二月四日\\n（本文有删减）\\n我局于1月召开会商会。") ==
    ["国务院办公厅一九九七年二月四日", "（本文有删减）", "我局于1月召开会商会。"]
    """
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        current += line
        if _CLOSED_LINE.search(line.strip()):
            pieces.append(current)
            current = ""
    return [s for piece in [*pieces, current] for s in split_sentences(piece)]


# A line that ends a clause without 。；: a date alone (the signature's), a note wholly in brackets
# (「（本文有删减）」, not an item's 「（一）」).
_CLOSED_LINE = re.compile(rf"^(?:{FULL_DATE.pattern}|[（(](?![一二三四五六七八九十\d]{{1,3}}[)）])[^（）()]{{2,30}}[)）])$")


def vector_clauses(text: str) -> list[str]:
    """The clauses of a chunk that have vectors, stored as "<chunk id>:<position>": none for a chunk with fewer
    than two clauses of MIN_CLAUSE_CHARS or more.

    Example: vector_clauses("甲乙丙丁戊己。庚辛壬癸子丑；一是") == ["甲乙丙丁戊己。", "庚辛壬癸子丑；"]
    """
    parts = [p for p in clauses_of(text) if len(p) >= MIN_CLAUSE_CHARS]
    return parts if len(parts) >= 2 else []


@dataclass(frozen=True)
class ClauseVector:
    """One embedded clause: its position in its chunk and its unit vector."""

    chunk_id: str
    index: int
    text: str
    vector: tuple[float, ...]


class ClauseIndex:
    """A second Chroma collection beside the chunks: one record per clause of a multi-sentence chunk.

    A one-sentence chunk gets no records: its chunk vector already is its clause vector.
    """

    def __init__(self, client_collection: Any, embeddings: Embeddings, write_batch: int = 128) -> None:
        self._get_collection = client_collection  # () -> chromadb Collection, created lazily by the store
        self.embeddings = embeddings
        self.write_batch = write_batch
        self._lock = threading.Lock()
        self._recent: dict[str, list[float]] = {}  # embedded text -> vector, the last RECENT_VECTORS

    def add(self, chunks: Sequence[Chunk]) -> int:
        """Embed and store the clauses of chunks that have more than one; returns how many were written."""
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, str | int]] = []
        for c in chunks:
            if c.metadata.get("kind") in WHOLE_KINDS:
                continue  # quoted whole, never ranked clause by clause: a vector per clause would go unread
            for i, part in enumerate(vector_clauses(c.text)):
                ids.append(f"{c.chunk_id}:{i}")
                texts.append(part)
                metas.append({"chunk_id": c.chunk_id, "doc_id": c.doc_id, "index": i})
        if not ids:
            return 0
        coll = self._get_collection()
        step = max(1, self.write_batch)
        # A clause repeated across chunks or recent documents (boilerplate, a sentence quoted twice) is embedded
        # once: the same text always gets the same vector, so this changes no vector.
        with self._lock:
            found = {t: self._recent[t] for t in dict.fromkeys(t[:EMBED_CHARS] for t in texts) if t in self._recent}
        todo = [t for t in dict.fromkeys(t[:EMBED_CHARS] for t in texts) if t not in found]
        for i in range(0, len(todo), step):
            found.update(zip(todo[i:i + step], self.embeddings.embed_documents(todo[i:i + step]), strict=True))
        with self._lock:
            self._recent.update((t, found[t]) for t in todo)
            for old in list(self._recent)[:max(0, len(self._recent) - RECENT_VECTORS)]:
                del self._recent[old]
        for i in range(0, len(ids), step):
            coll.upsert(ids=ids[i:i + step], embeddings=[found[t[:EMBED_CHARS]] for t in texts[i:i + step]],
                        documents=texts[i:i + step], metadatas=metas[i:i + step])
        return len(ids)

    def delete_doc(self, doc_id: str, keep_chunks: set[str] | None = None) -> None:
        """Remove the clauses of a document (all, or those of chunks not in keep_chunks)."""
        coll = self._get_collection()
        if keep_chunks is None:
            coll.delete(where={"doc_id": doc_id})
            return
        res = coll.get(where={"doc_id": doc_id}, include=["metadatas"])
        stale = [i for i, m in zip(res["ids"], res["metadatas"], strict=True)
                 if str((m or {}).get("chunk_id")) not in keep_chunks]
        if stale:
            coll.delete(ids=stale)

    def vectors(self, chunk_ids: Sequence[str], texts: Mapping[str, str] | None = None) -> dict[str, list[ClauseVector]]:
        """Clause vectors of some chunks, in clause order; chunks with one clause are absent.

        Given the chunks' texts, the records are read by id (their ids follow from the text), which is three
        times faster in Chroma than filtering on the chunk_id metadata.
        """
        if not chunk_ids:
            return {}
        coll = self._get_collection()
        ids = list(dict.fromkeys(chunk_ids))
        include = ["embeddings", "documents", "metadatas"]
        if texts is not None and all(cid in texts for cid in ids):
            wanted = [f"{cid}:{i}" for cid in ids for i in range(len(vector_clauses(texts[cid])))]
            if not wanted:
                return {}
            res = coll.get(ids=wanted, include=include)
        else:
            where = {"chunk_id": ids[0]} if len(ids) == 1 else {"chunk_id": {"$in": ids}}
            res = coll.get(where=where, include=include)
        out: dict[str, list[ClauseVector]] = {}
        embs = res.get("embeddings")
        if embs is None:
            return out
        for text, meta, vec in zip(res["documents"], res["metadatas"], embs, strict=True):
            m = meta or {}
            cv = ClauseVector(str(m.get("chunk_id")), int(m.get("index", 0)), text or "",
                              tuple(float(x) for x in vec))
            out.setdefault(cv.chunk_id, []).append(cv)
        for v in out.values():
            v.sort(key=lambda cv: cv.index)
        return out
