"""Clause vectors ("small to big"): each sentence of a multi-sentence chunk embedded on its own, so an
answer can pick the clause that means what the question asks, not only the one sharing its words."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.embeddings import Embeddings

from ingest.textutil import split_sentences
from ingest.types import Chunk

log = logging.getLogger(__name__)

MIN_CLAUSE_CHARS = 6  # shorter pieces ("一是", "（三）") carry no meaning of their own
EMBED_CHARS = 80  # a clause is embedded from its opening: its subject and verb, at a bounded cost per clause


def clauses_of(text: str) -> list[str]:
    """The sentences of a chunk, as answers quote them (line breaks inside a sentence removed).

    Example: clauses_of("甲乙丙丁戊己。\\n庚辛壬癸子丑；") == ["甲乙丙丁戊己。", "庚辛壬癸子丑；"]
    """
    return split_sentences(text.replace("\n", ""))


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

    def add(self, chunks: Sequence[Chunk]) -> int:
        """Embed and store the clauses of chunks that have more than one; returns how many were written."""
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, str | int]] = []
        for c in chunks:
            parts = [p for p in clauses_of(c.text) if len(p) >= MIN_CLAUSE_CHARS]
            if len(parts) < 2:
                continue
            for i, part in enumerate(parts):
                ids.append(f"{c.chunk_id}:{i}")
                texts.append(part)
                metas.append({"chunk_id": c.chunk_id, "doc_id": c.doc_id, "index": i})
        if not ids:
            return 0
        coll = self._get_collection()
        step = max(1, self.write_batch)
        for i in range(0, len(ids), step):
            vectors = self.embeddings.embed_documents([t[:EMBED_CHARS] for t in texts[i:i + step]])
            coll.upsert(ids=ids[i:i + step], embeddings=vectors, documents=texts[i:i + step],
                        metadatas=metas[i:i + step])
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

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[ClauseVector]]:
        """Clause vectors of some chunks, in clause order; chunks with one clause are absent."""
        if not chunk_ids:
            return {}
        coll = self._get_collection()
        ids = list(dict.fromkeys(chunk_ids))
        where = {"chunk_id": ids[0]} if len(ids) == 1 else {"chunk_id": {"$in": ids}}
        res = coll.get(where=where, include=["embeddings", "documents", "metadatas"])
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
