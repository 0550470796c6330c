"""Hybrid retrieval: dense (Chroma) + BM25, fused by reciprocal rank, scoped by what the question names."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from ingest.attachments import in_attachment
from ingest.textutil import BIAN_PREFIX, cn_to_int, int_to_cn, said_shortened
from vectorstore.clauses import ClauseVector
from vectorstore.keyword import tokenize
from vectorstore.library import DocumentLibrary
from vectorstore.scope import DocInfo, Scope, restrict, scope_of, topic_of
from vectorstore.store import ChromaStore, StoredChunk, StoreError
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
    if scope.task is not None:
        return numbered_task(path) == scope.task
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
        base = f"第{int_to_cn(scope.chapter)}章"  # chapters run on through 编: 第二编第十三章 is 第十三章
        paths = {q for p in (path, parent) if p for q in (p, BIAN_PREFIX.sub("", p))}
        return any(p == base or p.startswith(base + "第") for p in paths)
    ok = True
    if scope.part is not None:
        top = str(scope.part)  # decimal plans (1 / 1.1 / 1.2.1) cite 第6部分 as "6"
        ok = (path.startswith((f"{int_to_cn(scope.part)}、", f"第{int_to_cn(scope.part)}部分"))
              or path == top or path.startswith((top + ".", top + "（")))
    if scope.item is not None:
        ok = ok and f"（{int_to_cn(scope.item)}）" in path
    # an attachment's 一、 is not the text's 第一部分; an item alone (「规定第九条」 read as （九）) is found in it too
    return ok and bool(path) and (not path.startswith("附件") or scope.part is None and scope.item is not None
                                  and in_attachment(path))


def numbered_task(path: str) -> int | None:
    """The number of a task numbered through the text at the end of a path: 13 for 「四、（三）13.」."""
    m = re.search(r"(?:^|[）、])(\d{1,3})\.$", path)
    return int(m.group(1)) if m else None


class HybridSearcher:
    """Searches one ChromaStore (dense) and its DocumentLibrary's local index (keyword, catalog, chunk texts)."""

    def __init__(self, store: ChromaStore, library: DocumentLibrary | None = None, dense_k: int = 60,
                 keyword_k: int = 60, rrf_k: int = 60) -> None:
        self.store = store
        self.library = library or DocumentLibrary(store)
        self.dense_k = dense_k
        self.keyword_k = keyword_k
        self.rrf_k = rrf_k

    @property
    def recheck_s(self) -> float:
        """How often a question looks whether another process changed the store."""
        return self.library.recheck_s

    @recheck_s.setter
    def recheck_s(self, value: float) -> None:
        self.library.recheck_s = value

    def refresh(self) -> None:
        """Compare every ledger record with the local index and apply differences (no chunk re-read)."""
        self.library.sync(full=True)

    @property
    def docs(self) -> list[DocInfo]:
        """The indexed documents (looking for changes by other processes now and then)."""
        self.library.maybe_sync()
        return self.library.docs

    def chunk(self, chunk_id: str) -> StoredChunk | None:
        """A stored chunk by id."""
        return self.library.index.chunks([chunk_id]).get(chunk_id)

    def clause_vectors(self, chunk_ids: list[str]) -> dict[str, list[ClauseVector]]:
        """Clause vectors of some served chunks (read by id: their texts come from the local index)."""
        return self.store.clauses.vectors(chunk_ids, self.library.index.texts(chunk_ids))

    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        """All chunks of a document in reading order."""
        return self.library.index.chunks_of(doc_id)

    def scope(self, question: str) -> Scope:
        """What the question names, against the indexed documents (a chapter or part also by its quoted title)."""
        docs = self.library.docs
        scope = scope_of(question, docs, self._mentioned)
        if scope.article is not None and scope.item is None and scope.part is None:
            one = scope.doc_ids if scope.doc_ids is not None else tuple(d.doc_id for d in docs)  # a library of one
            return self._items_as_articles(scope, one[0]) if len(one) == 1 else scope
        if scope.section_ref or scope.doc_ids is None or len(scope.doc_ids) != 1:
            return scope
        quoted = {re.sub(r"\s+", "", q) for q in _QUOTED.findall(question)}
        if not quoted or _MEANING_ASKED.search(question):  # 「“国家通用语言文字”具体指啥」: a term, not a heading
            return scope
        for c in self.chunks_of(scope.doc_ids[0]):
            heading = re.sub(r"\s+", "", str(c.metadata.get("heading", "")))
            named = heading in quoted or any(len(q) >= 4 and said_shortened(q, heading) for q in quoted)
            if named and (ref := _section_number(str(c.metadata.get("section", "")))) is not None:
                kind, number = ref
                return replace(scope, chapter=number) if kind == "chapter" else replace(scope, part=number)
        return scope

    def _items_as_articles(self, scope: Scope, doc_id: str) -> Scope:
        """「规定第九条」 of a text numbered （一）（二）… through its parts, with no 第…条: item （九）."""
        assert scope.article is not None
        paths = list(dict.fromkeys(str(c.metadata.get("section", "")) for c in self.chunks_of(doc_id)))
        if any(re.match(r"第[一二三四五六七八九十百零〇]+条", p) for p in paths):
            return scope  # its articles
        tasks = [n for n in map(numbered_task, paths) if n is not None]
        if len(tasks) >= 3 and tasks == sorted(set(tasks)) and scope.article in tasks:
            # 「主要任务里第13条」 of tasks numbered 1. 2. … through the parts (四、（三）13.): task 13
            return replace(scope, article=None, task=scope.article)
        if any(p.startswith(f"{int_to_cn(scope.article)}、") for p in paths):
            return scope  # parts numbered 一、 read as articles (国务院工作规则)
        item = f"（{int_to_cn(scope.article)}）"
        return replace(scope, article=None, item=scope.article) if any(p.endswith(item) for p in paths) else scope

    def _mentioned(self, word: str) -> bool:
        """Whether the served texts have the word (as one search token, or all of its tokens)."""
        tokens = tokenize(word)
        return bool(tokens) and all(self.library.index.mentions(t) for t in tokens)

    def _dense(self, vector: list[float], doc_ids: list[str] | None) -> list[tuple[str, float]]:
        try:
            return self.store.query(vector, self.dense_k, doc_ids)
        except StoreError as exc:
            # Another process may have rewritten an embedded store under us ("Error finding id"): reopen, retry once.
            # A server that does not answer is not retried: the user gets its CHROMA_TIMEOUT, not twice that.
            if not self.store.embedded:
                raise
            log.warning("dense search failed, reopening the store: %s", exc)
            self.store.reopen()
            self.library.mark_stale()
            return self.store.query(vector, self.dense_k, doc_ids)

    def _section_pool(self, scope: Scope, doc_ids: list[str] | None) -> list[tuple[str, str, int]]:
        """Candidate chunks for a section reference: all chunks of the scoped documents, or (unscoped) the
        chunks whose path has the named article / chapter / part / item / row, found through the section index."""
        if doc_ids is not None:
            return self.library.index.sections(doc_ids)
        if scope.row is not None:
            like = f"附件（序号{scope.row}）"
        elif scope.task is not None:
            like = f"%{scope.task}."
        elif scope.article is not None:  # 「条例第二十九条」 with two 条例 in the library: each one's article
            like = f"第{int_to_cn(scope.article)}条%"
        elif scope.chapter is not None:
            like = f"%第{int_to_cn(scope.chapter)}章%"
        elif scope.part is not None:
            like = f"{int_to_cn(scope.part)}、%"
        else:
            like = f"%（{int_to_cn(scope.item or 0)}）%"
        return self.library.index.sections(None, like)

    def search(self, question: str, k: int = 5, scope: Scope | None = None, each_best: bool = False) -> list[Hit]:
        """The k best chunks for a question, best first; each_best: then each retriever's own best chunk when the
        fusion ranked it lower (for an answerer to read, see with_each_best)."""
        self.library.maybe_sync()
        scope = scope or self.scope(question)
        if scope.doc_ids is not None and not scope.doc_ids:
            return []
        doc_ids = None if scope.doc_ids is None else sorted(set(scope.doc_ids))
        # Embedding is the slow part and needs no shared state.
        topic = topic_of(question, scope, self.library.docs)
        vector = self.store.embeddings.embed_query(topic)
        dense = self._dense(vector, doc_ids)
        keyword = self.library.index.search(tokenize(topic), self.keyword_k, self.library.total_chunks, doc_ids)
        fused: dict[str, float] = {}
        for ranked in (dense, keyword):
            for rank, (cid, _s) in enumerate(ranked):
                fused[cid] = fused.get(cid, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        dense_s, kw_s = dict(dense), dict(keyword)
        if doc_ids is not None and (scope.wants_parts or scope.wants_doc_facts):
            # Structure and document-fact questions are answered by parts / the header, whatever the wording.
            kinds = ({"part", "chapter"} if scope.wants_parts else set()) | ({"notice", "preamble"} if scope.wants_doc_facts else set())
            for cid in self.library.index.first_chunks(doc_ids, sorted(kinds)):
                fused[cid] = fused.get(cid, 0.0) + 0.5
        for cid in self._with_phrases(question, doc_ids):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (self.rrf_k + 1)
        if scope.section_ref:
            # A question that points at a section gets that section first, whatever the similarity.
            for cid, section, level in self._section_pool(scope, doc_ids):
                if section_matches(section, scope):
                    fused[cid] = fused.get(cid, 0.0) + 1.0 + (0.1 if level == 1 and scope.item is None else 0)
        order = sorted(fused, key=lambda cid: -fused[cid])
        keep = k
        if each_best and k >= 3 and not scope.section_ref:
            order, keep = with_each_best(order, k, [ranked[0][0] for ranked in (keyword, dense) if ranked])
        found = self.library.index.chunks(order[:4 * k + 8])
        if len(found) < min(k, len(order)):
            found = self.library.index.chunks(order)
        if any(cid not in found for cid in order[:k]):
            # Chroma knows chunks our index does not (yet): another process wrote; look at the ledger soon.
            self.library.mark_stale()
        order = [cid for cid in order if cid in found][:keep]
        return [self._hit(found[cid], fused[cid], dense_s.get(cid, 0.0), kw_s.get(cid, 0.0)) for cid in order]

    def _with_phrases(self, question: str, doc_ids: list[str] | None) -> list[str]:
        """Chunks of the scoped documents that say a name the question quotes word for word: 「“较大事故”怎么划线」
        searches “较大事故” as a phrase, as a search box does."""
        quoted = [q for q in (re.sub(r"\s+", "", x) for x in _QUOTED.findall(question)) if len(q) >= 2]
        if not quoted or doc_ids is None or len(doc_ids) > _PHRASE_DOCS:
            return []
        return [c.chunk_id for d in doc_ids for c in self.chunks_of(d)
                if any(q in re.sub(r"\s+", "", c.text) for q in quoted)]

    @staticmethod
    def _hit(c: StoredChunk, score: float, dense: float, kw: float) -> Hit:
        return as_hit(c, score, dense, kw)


def with_each_best(order: list[str], k: int, bests: list[str]) -> tuple[list[str], int]:
    """The fused order with each retriever's best chunk read after the first k, whatever the other retriever
    thinks of it (the chunk that says nearly all of a paraphrased question's words, 降低工资、解除劳动合同, when the
    embedding ranks it 37th), and how many to read: k and those. The first k stay as they are.

    Example: with_each_best(["a", "b", "c", "d", "e"], 2, ["e", "a"]) == (["a", "b", "e", "c", "d"], 3)
    """
    missing = list(dict.fromkeys(b for b in bests if b in order[k:]))
    rest = [cid for cid in order if cid not in missing]
    return rest[:k] + missing + rest[k:], k + len(missing)


def as_hit(c: StoredChunk, score: float = 0.0, dense: float = 0.0, kw: float = 0.0) -> Hit:
    """A stored chunk as a search hit (a chunk read by document, not found by a search, scores 0)."""
    m = c.metadata
    return Hit(chunk_id=c.chunk_id, doc_id=str(m["doc_id"]), text=c.text, doc_title=str(m.get("title", "")),
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
    each_best: bool = False  # also each retriever's own best chunk, after the k (for an answerer)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        scope = restrict(self.searcher.scope(query), self.doc_ids)
        return [hit_to_document(h) for h in self.searcher.search(query, k=self.k, scope=scope, each_best=self.each_best)]


_PHRASE_DOCS = 3  # a quoted phrase is looked for word for word in this many scoped documents at most
# A quoted term asked for its meaning or extent: 「“X”具体指什么」「“X”是什么意思」「“X”的定义」「“X”具体都包括哪些」
# (not 「“法律责任”部分包括哪些条」: a part named by its heading).
_MEANING_ASKED = re.compile(r"[”\"」』](?:(?!部分|章|节|编)[^，,。？?]){0,4}(?:具体)?(?:都)?(?:是指|指的是|指|是什么意思|什么意思|的含义|的定义|怎么定义|"
                            r"(?:包括|包含)(?:哪些|哪几|什么|啥))")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,24})[”\"」』]")


def _section_number(path: str) -> tuple[str, int] | None:
    """The scope field a chapter or top-level part's path sets: 第六章 -> chapter 6, 六、 or 6 -> part 6.

    Example: _section_number("第六章") == ("chapter", 6); _section_number("六、（一）") is None
    """
    if m := re.fullmatch(r"(?:第[一二三四五六七八九十百]+编)?第([一二三四五六七八九十百]+)章", path):
        return "chapter", cn_to_int(m.group(1))
    if m := re.fullmatch(r"([一二三四五六七八九十]+)、", path):
        return "part", cn_to_int(m.group(1))
    if re.fullmatch(r"\d{1,2}", path):
        return "part", int(path)
    return None

