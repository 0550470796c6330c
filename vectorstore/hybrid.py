"""Hybrid retrieval: dense (Chroma) + BM25, fused by reciprocal rank, scoped by what the question names."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import replace
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from ingest.textutil import int_to_cn
from vectorstore.keyword import BM25Index, add_words
from vectorstore.scope import DocInfo, Scope, restrict, scope_of
from vectorstore.store import ChromaStore, StoredChunk
from vectorstore.types import Hit

log = logging.getLogger(__name__)


def section_matches(path: str, scope: Scope, parent: str = "") -> bool:
    """True when a section path is the part / item / article / chapter / appendix row a question points at.

    An article ref matches the article and its 款/项 refinements ("第三十三条第二款"), or an article numbered
    "十二、" as in 国务院工作规则; a chapter ref matches
    the chapter, its 节, and (given the section's parent path) the articles inside it.
    Example: section_matches("五、（三）", Scope(part=5, item=3)) is True;
    section_matches("第三十三条", Scope(article=33)) is True; section_matches("第十条", Scope(chapter=2), "第二章") is True
    """
    if scope.row is not None:
        return path == f"附件（序号{scope.row}）"
    if scope.article is not None:
        base = f"第{int_to_cn(scope.article)}条"
        if path.startswith(f"{int_to_cn(scope.article)}、"):  # articles numbered 一、 (国务院工作规则)
            base = f"{int_to_cn(scope.article)}、"
        if not (path == base or path.startswith((base + "第", base + "（"))):
            return False
        if scope.paragraph is not None and "款" in path:
            return path.startswith(f"{base}第{int_to_cn(scope.paragraph)}款")
        return scope.item is None or "（" not in path or f"（{int_to_cn(scope.item)}）" in path
    if scope.chapter is not None:
        base = f"第{int_to_cn(scope.chapter)}章"
        return any(p == base or p.startswith(base + "第") for p in (path, parent) if p)
    ok = True
    if scope.part is not None:
        ok = path.startswith((f"{int_to_cn(scope.part)}、", f"第{int_to_cn(scope.part)}部分"))
    if scope.item is not None:
        ok = ok and f"（{int_to_cn(scope.item)}）" in path
    return ok and bool(path) and not path.startswith("附件")


class HybridSearcher:
    """Searches one ChromaStore; keeps a BM25 index and a document catalog rebuilt from the store."""

    def __init__(self, store: ChromaStore, dense_k: int = 60, keyword_k: int = 60, rrf_k: int = 60,
                 recheck_s: float = 5.0) -> None:
        self.store = store
        self.recheck_s = recheck_s  # how often to look whether another client changed a shared store
        self._checked = 0.0
        self.dense_k = dense_k
        self.keyword_k = keyword_k
        self.rrf_k = rrf_k
        self._index = BM25Index()
        self._chunks: dict[str, StoredChunk] = {}
        self._docs: list[DocInfo] = []
        self._lock = threading.RLock()

    def refresh(self) -> None:
        """Rebuild the keyword index and catalog from the store (after any ingest or delete)."""
        chunks = self.store.all_chunks()
        add_words({u.strip() for c in chunks for u in re.split(r"[、，,；;]", str(c.metadata.get("lead", ""))) if u.strip()})
        index = BM25Index()
        # Keyword search sees the heading context too, so a question naming a heading finds the item.
        index.build([c.chunk_id for c in chunks],
                    [f"{c.metadata.get('headings', '')} {c.text}" for c in chunks])
        docs: dict[str, DocInfo] = {}
        sections: dict[str, set[str]] = {}
        counts: dict[str, int] = {}
        for c in chunks:
            m = c.metadata
            doc_id = str(m["doc_id"])
            sections.setdefault(doc_id, set()).add(str(m.get("section", "")) + str(m.get("kind", "")))
            counts[doc_id] = counts.get(doc_id, 0) + 1
            docs.setdefault(doc_id, DocInfo(
                doc_id=doc_id, title=str(m.get("title", "")), doc_number=str(m.get("doc_number")) or None,
                region=str(m.get("region")) or None, parent_region=str(m.get("parent_region")) or None,
                year=int(m.get("year") or 0) or None, date=str(m.get("date") or "") or None,
                source=str(m.get("source", ""))))
        docs = {k: replace(d, sections=len(sections[k]), chunks=counts[k]) for k, d in docs.items()}
        with self._lock:
            self._index, self._chunks, self._docs = index, {c.chunk_id: c for c in chunks}, list(docs.values())
            self._checked = time.monotonic()

    def _maybe_refresh(self) -> None:
        """With a shared Chroma server another machine may ingest: rebuild when the chunk count moved."""
        if time.monotonic() - self._checked < self.recheck_s:
            return
        self._checked = time.monotonic()
        if self.store.count() != len(self._chunks):
            log.info("store changed by another client: rebuilding the keyword index")
            self.refresh()

    @property
    def docs(self) -> list[DocInfo]:
        """The indexed documents."""
        return list(self._docs)

    def chunk(self, chunk_id: str) -> StoredChunk | None:
        """A stored chunk by id."""
        return self._chunks.get(chunk_id)

    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        """All chunks of a document in reading order."""
        found = [c for c in self._chunks.values() if c.metadata.get("doc_id") == doc_id]
        return sorted(found, key=lambda c: (int(c.metadata.get("start", 0)), int(c.metadata.get("chunk_index", 0))))

    def scope(self, question: str) -> Scope:
        """What the question names, against the indexed documents."""
        return scope_of(question, self._docs)

    def search(self, question: str, k: int = 5, scope: Scope | None = None) -> list[Hit]:
        """The k best chunks for a question, best first."""
        self._maybe_refresh()
        scope = scope or self.scope(question)
        if scope.doc_ids is not None and not scope.doc_ids:
            return []
        # Embedding is the slow part and needs no shared state: keep it outside the lock.
        vector = self.store.embeddings.embed_query(question)
        with self._lock:
            allowed_docs = None if scope.doc_ids is None else set(scope.doc_ids)
            allowed = None if allowed_docs is None else {
                cid for cid, c in self._chunks.items() if c.metadata.get("doc_id") in allowed_docs}
            dense = self.store.query(vector, self.dense_k, sorted(allowed_docs) if allowed_docs is not None else None)
            keyword = self._index.search(question, self.keyword_k, allowed)
            fused: dict[str, float] = {}
            for ranked in (dense, keyword):
                for rank, (cid, _s) in enumerate(ranked):
                    fused[cid] = fused.get(cid, 0.0) + 1.0 / (self.rrf_k + rank + 1)
            dense_s, kw_s = dict(dense), dict(keyword)
            if allowed is not None and (scope.wants_parts or scope.wants_doc_facts):
                # Structure and document-fact questions are answered by parts / the header, whatever the wording.
                kinds = ({"part"} if scope.wants_parts else set()) | ({"notice", "preamble"} if scope.wants_doc_facts else set())
                for cid in allowed:
                    m = self._chunks[cid].metadata
                    if m.get("kind") in kinds and int(m.get("chunk_index", 0)) == 0:
                        fused[cid] = fused.get(cid, 0.0) + 0.5
            if scope.section_ref:
                # A question that points at a section gets that section first, whatever the similarity.
                pool = allowed if allowed is not None else set(self._chunks)
                for cid in pool:
                    c = self._chunks[cid]
                    if section_matches(str(c.metadata.get("section", "")), scope):
                        level = int(c.metadata.get("level", 2))
                        fused[cid] = fused.get(cid, 0.0) + 1.0 + (0.1 if level == 1 and scope.item is None else 0)
            order = sorted(fused, key=lambda cid: -fused[cid])[:k]
            return [self._hit(cid, fused[cid], dense_s.get(cid, 0.0), kw_s.get(cid, 0.0)) for cid in order
                    if cid in self._chunks]

    def _hit(self, cid: str, score: float, dense: float, kw: float) -> Hit:
        c = self._chunks[cid]
        m = c.metadata
        return Hit(chunk_id=cid, doc_id=str(m["doc_id"]), text=c.text, doc_title=str(m.get("title", "")),
                   doc_number=str(m.get("doc_number") or "") or None, section=str(m.get("section", "")),
                   heading=str(m.get("heading", "")), score=score, dense_score=dense, keyword_score=kw,
                   metadata=dict(m))


def hit_to_document(hit: Hit) -> LCDocument:
    """A Hit as a LangChain Document (page_content = chunk text, ids and scores in metadata)."""
    meta = dict(hit.metadata)
    meta.update(chunk_id=hit.chunk_id, score=hit.score, dense_score=hit.dense_score, keyword_score=hit.keyword_score)
    return LCDocument(page_content=hit.text, metadata=meta, id=hit.chunk_id)


def document_to_hit(doc: LCDocument) -> Hit:
    """Back from a LangChain Document made by hit_to_document."""
    m = dict(doc.metadata)
    return Hit(chunk_id=str(m.pop("chunk_id", doc.id or "")), doc_id=str(m.get("doc_id", "")), text=doc.page_content,
               doc_title=str(m.get("title", "")), doc_number=str(m.get("doc_number") or "") or None,
               section=str(m.get("section", "")), heading=str(m.get("heading", "")),
               score=float(m.pop("score", 0.0)), dense_score=float(m.pop("dense_score", 0.0)),
               keyword_score=float(m.pop("keyword_score", 0.0)), metadata=m)


class HybridRetriever(BaseRetriever):
    """LangChain retriever over a HybridSearcher, so any LangChain chain can use our retrieval."""

    searcher: Any
    k: int = 5
    doc_ids: tuple[str, ...] | None = None  # search only these documents (None: all)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        scope = restrict(self.searcher.scope(query), self.doc_ids)
        return [hit_to_document(h) for h in self.searcher.search(query, k=self.k, scope=scope)]
