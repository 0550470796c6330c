"""The Assistant: the Python API over ingestion, retrieval and answering."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.extractive import ExtractiveAnswerer
from assistant.followup import already_said, asks_of_same_topic, last_answer, resolve_followup, unsaid
from assistant.forms import recited
from assistant.ingestion import IngestReport, ingest_paths, stale_documents
from assistant.limits import bound_history, bound_queries, check_k
from assistant.llm import LLMAnswerer, LLMError, make_chat_model
from assistant.normalize import normalize_question
from assistant.query import MAX_ANALYSED_CHARS, is_followup, validate_question
from assistant.settings import Settings
from assistant.types import Answer
from ingest.tokens import count_tokens
from vectorstore.embeddings import make_embeddings, model_slug
from vectorstore.hybrid import HybridRetriever, HybridSearcher, document_to_hit
from vectorstore.library import DocumentLibrary
from vectorstore.scope import DocInfo, restrict
from vectorstore.store import ChromaStore
from vectorstore.types import Hit

log = logging.getLogger(__name__)
BUNDLED_MARK = "bundled-corpus-indexed"


class Assistant:
    """Ask questions about the indexed policy documents; ingest more; embed texts.

    Example:
        bot = Assistant()
        ans = bot.ask("2019年上海市政务公开工作要点的文号是什么？")
        ans.text, ans.citations[0].section
    """

    def __init__(self, settings: Settings | None = None, embeddings: Embeddings | None = None,
                 chat_model: BaseChatModel | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._embeddings = bound_queries(embeddings) if embeddings is not None else None
        self._chat_model = chat_model
        self._llm: LLMAnswerer | None = None
        self._store: ChromaStore | None = None
        self._searcher: HybridSearcher | None = None
        self._answerer: ExtractiveAnswerer | None = None
        self._chain: Runnable[dict[str, Any], Answer] | None = None
        self._lock = threading.RLock()  # lazy set-up only: questions never wait for an ingest
        self._write_lock = threading.Lock()  # one writer at a time in this process

    # ---- lazy set-up -------------------------------------------------------------------------
    @property
    def embeddings(self) -> Embeddings:
        """The configured embedding model (loaded on first use)."""
        if self._embeddings is None:
            self._embeddings = bound_queries(make_embeddings(self.settings.embedding_model))
        return self._embeddings

    @property
    def store(self) -> ChromaStore:
        """The Chroma store, embedded or server, per settings."""
        if self._store is None:
            s = self.settings
            self._store = ChromaStore(self.embeddings, path=s.chroma_path, host=s.chroma_host, port=s.chroma_port,
                                      collection=f"policy-{model_slug(s.embedding_model)}", write_batch=s.write_batch,
                                      timeout_s=s.chroma_timeout)
        return self._store

    @property
    def searcher(self) -> HybridSearcher:
        """Hybrid search over the store; indexes the bundled corpus until one indexing of it has finished."""
        with self._lock:
            if self._searcher is None:
                library = DocumentLibrary(self.store)
                library.open()
                # The mark is set only when the whole corpus is in, so an interrupted first indexing resumes.
                if self.settings.index_bundled_corpus and not library.ledger.has_mark(BUNDLED_MARK):
                    log.info("indexing %s", ", ".join(self.settings.corpus_dirs))
                    with self._write_lock:
                        ingest_paths(library, list(self.settings.corpus_dirs), self.settings.chunk_tokens, self._count)
                    library.ledger.set_mark(BUNDLED_MARK)
                elif self.settings.index_bundled_corpus:
                    self._reparse_bundled(library)
                if n := len(stale_documents(library).files):
                    log.warning("%d 份文件由旧版解析器导入，运行 python -m assistant reindex 可按新版重新解析", n)
                self._searcher = HybridSearcher(self.store, library)
            return self._searcher

    def _reparse_bundled(self, library: DocumentLibrary) -> None:
        """Parse the bundled corpus's documents again when an older parser made them (a code upgrade)."""
        stale = stale_documents(library, under=tuple(self.settings.corpus_dirs))
        if stale.files:
            log.info("re-parsing %d bundled documents made by an older parser", len(stale.files))
            with self._write_lock:
                ingest_paths(library, list(stale.files), self.settings.chunk_tokens, self._count)

    @property
    def llm_available(self) -> bool:
        """True when an LLM is configured (or was passed in)."""
        return self._chat_model is not None or self.settings.llm_configured

    @property
    def llm(self) -> LLMAnswerer:
        """The LLM answerer; raises ValueError when no LLM is configured."""
        if self._llm is None:
            if not self.llm_available:
                raise ValueError("未配置 LLM：请设置 LLM_BASE_URL 和 LLM_MODEL，或使用抽取式回答。")
            chat = self._chat_model or make_chat_model(self.settings)
            self._llm = LLMAnswerer(chat, timeout_s=self.settings.llm_timeout)
        return self._llm

    def _mode(self, mode: str | None) -> str:
        if mode is None:
            return "llm" if self.llm_available else "extractive"
        if mode not in ("llm", "extractive"):
            raise ValueError(f"未知的回答方式：{mode}（可选 llm / extractive）")
        if mode == "llm" and not self.llm_available:
            raise ValueError("未配置 LLM：请设置 LLM_BASE_URL 和 LLM_MODEL，或使用抽取式回答。")
        return mode

    def _count(self, text: str) -> int:
        return count_tokens(text, self.settings.tiktoken_cache_dir)

    # ---- API ---------------------------------------------------------------------------------
    def ingest(self, paths: Sequence[str | Path]) -> IngestReport:
        """Index files or folders. Unchanged files are skipped, changed files replace their old chunks.

        Questions keep being answered meanwhile, from the documents complete so far.
        Raises ValueError (Chinese message) for a missing path or when no file could be read.
        """
        if isinstance(paths, (str, Path)):
            paths = [paths]
        library = self.searcher.library  # make sure the bundled corpus is in before counting what is new
        with self._write_lock:
            return ingest_paths(library, list(paths), self.settings.chunk_tokens, self._count)

    def reindex(self) -> IngestReport:
        """Parse again every document an older version of the parser made (after an upgrade), from its file.

        A document whose file is gone is kept as it was parsed and listed in the report's skipped.
        """
        library = self.searcher.library
        stale = stale_documents(library)
        gone = tuple((path or doc_id, "原文件已不存在，无法按新版解析器重新解析（仍按旧版解析结果回答）")
                     for doc_id, path in stale.missing)
        if not stale.files:
            return IngestReport(skipped=gone)
        with self._write_lock:
            report = ingest_paths(library, list(stale.files), self.settings.chunk_tokens, self._count)
        return replace(report, skipped=report.skipped + gone)

    def delete(self, doc_id: str) -> None:
        """Remove a document and all its chunks."""
        library = self.searcher.library
        with self._write_lock:
            library.delete(doc_id)

    def documents(self) -> list[DocInfo]:
        """The indexed documents."""
        return self.searcher.docs

    def embed(self, texts: list[str], query: bool = False) -> list[list[float]]:
        """Embed texts with the configured model (as passages, or as queries with query=True)."""
        if query:
            return [self.embeddings.embed_query(t) for t in texts]
        return self.embeddings.embed_documents(texts)

    def retrieve(self, question: str, k: int = 5) -> list[Hit]:
        """The k best sections for a question, best first. Raises ValueError for an empty or huge question, or k
        outside 1..50."""
        k = check_k(k)
        q = validate_question(question)
        return self.searcher.search(q, k=k)

    @property
    def retriever(self) -> HybridRetriever:
        """Our hybrid retrieval as a LangChain retriever."""
        return HybridRetriever(searcher=self.searcher, k=self.settings.top_k)

    @property
    def chain(self) -> Runnable[dict[str, Any], Answer]:
        """The answer flow as a LangChain runnable: condense -> retrieve -> answer.

        Input {"question": str, "history": [...]}, output an Answer.
        """
        if self._chain is None:
            self._chain = (RunnableLambda(self._condense_step) | RunnableLambda(self._retrieve_step)
                           | RunnableLambda(self._answer_step)).with_config(run_name="policy_qa")
        return self._chain

    def ask(self, question: str, history: Sequence[Any] | None = None, doc_ids: Sequence[str] | None = None,
            mode: str | None = None, on_token: Callable[[str], None] | None = None) -> Answer:
        """Answer a question (with optional chat history) from the indexed documents, with citations.

        doc_ids limits the answer to those documents (the UI's filters). mode is "extractive" or "llm"
        (default: llm when configured). on_token receives LLM text as it streams.
        """
        q = validate_question(question)
        history = bound_history(history, self.settings.history_turns, self.settings.history_turn_chars)
        return self.chain.invoke({"question": q, "history": history, "mode": self._mode(mode),
                                  "doc_ids": tuple(doc_ids) if doc_ids is not None else None, "on_token": on_token})

    def stream(self, question: str, history: Sequence[Any] | None = None, doc_ids: Sequence[str] | None = None,
               mode: str | None = None) -> Iterator[str | Answer]:
        """Yield answer text pieces as they arrive (LLM mode), then the final Answer."""
        q = validate_question(question)
        resolved = self._mode(mode)
        pieces: queue.Queue[tuple[str, Any]] = queue.Queue()

        def run() -> None:
            try:
                ans = self.ask(q, history, doc_ids, resolved, on_token=lambda t: pieces.put(("token", t)))
                pieces.put(("answer", ans))
            except BaseException as exc:  # re-raised in the caller's thread
                pieces.put(("error", exc))

        threading.Thread(target=run, daemon=True).start()
        while True:
            kind, value = pieces.get(timeout=self.settings.llm_timeout + 120)
            if kind == "token":
                yield value
            elif kind == "answer":
                yield value
                return
            else:
                raise value

    # ---- chain steps -------------------------------------------------------------------------
    def _condense_step(self, data: dict[str, Any]) -> dict[str, Any]:
        t0 = time.perf_counter()
        standalone = normalize_question(resolve_followup(normalize_question(data["question"]), data.get("history"),
                                                         self.searcher.docs))
        # A pasted paragraph is matched on its opening: retrieval and analysis cost stays bounded.
        standalone = standalone[:MAX_ANALYSED_CHARS]
        if data.get("mode") == "llm" and data.get("history") and is_followup(data["question"]):
            llm = self.llm
            data = {**data, "deadline": llm.deadline()}  # condensing and answering share LLM_TIMEOUT
            try:
                standalone = llm.condense(data["question"], data["history"], data["deadline"])
            except LLMError as exc:
                log.warning("LLM condense failed, using the rule-based rewrite: %s", exc)
        return {**data, "standalone": standalone, "timings": {"condense_ms": (time.perf_counter() - t0) * 1000}}

    def _retrieve_step(self, data: dict[str, Any]) -> dict[str, Any]:
        t0 = time.perf_counter()
        searcher = self.searcher
        doc_ids = data.get("doc_ids")
        scope = restrict(searcher.scope(data["standalone"]), doc_ids)
        docs = HybridRetriever(searcher=searcher, k=self.settings.top_k, doc_ids=doc_ids, each_best=True).invoke(data["standalone"])
        hits = [document_to_hit(d) for d in docs]
        timings = {**data["timings"], "retrieve_ms": (time.perf_counter() - t0) * 1000}
        return {**data, "scope": scope, "hits": hits, "timings": timings}

    def _answer_step(self, data: dict[str, Any]) -> Answer:
        t0 = time.perf_counter()
        if self._answerer is None:
            self._answerer = ExtractiveAnswerer(self.searcher, self.embeddings.embed_query, self.searcher.clause_vectors)
        answerer = self._answerer
        scope = data["scope"]
        mode, notice = data.get("mode", "extractive"), None
        if mode == "llm" and not (scope.doc_ids is not None and not scope.doc_ids):
            result = self.llm.answer(data["standalone"], data["hits"], data.get("on_token"),
                                     fallback=lambda: answerer.answer(data["standalone"], data["hits"], scope),
                                     deadline=data.get("deadline"))
            draft, notice = result.draft, result.notice
            if result.fell_back:
                mode = "extractive"
        else:
            draft = answerer.answer(data["standalone"], data["hits"], scope)
            said = last_answer(data.get("history")) or ""
            # (「那罚款具体是多少？」 asks the figure of the act before, said or not)
            if said and not draft.refused and is_followup(data["question"]) and not asks_of_same_topic(data["question"]) and \
                    already_said([c.quote for c in draft.citations], said):
                # 「那要是还不服呢？」: what the last answer said is not the answer to what comes next
                again = recited(answerer.answer(data["standalone"], unsaid(data["hits"], said), scope), data["hits"])
                draft = draft if again.refused else again
            mode = "extractive"
        timings = {**data["timings"], "answer_ms": (time.perf_counter() - t0) * 1000}
        return Answer(question=data["question"], text=draft.text, refused=draft.refused, citations=draft.citations,
                      hits=tuple(data["hits"]), standalone_question=data["standalone"], mode=mode, notice=notice,
                      timings_ms=timings)
