"""LLM answers through any OpenAI-compatible endpoint, verified against their sources, with the
extractive answer as the safe fallback."""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

from assistant.extractive import Draft
from assistant.settings import Settings
from assistant.types import Citation
from assistant.verify import MARKER_RE, Verification, normalize_markers, verify_answer
from ingest.textutil import split_sentences
from ingest.tokens import count_tokens
from prompts import load_prompt
from vectorstore.types import Hit

log = logging.getLogger(__name__)

OnToken = Callable[[str], None]
MAX_ANSWER_TOKENS = 400


class LLMError(RuntimeError):
    """The LLM could not give an answer (unreachable, slow, erroring); the message is Chinese."""

    def __init__(self, message: str, partial: str = "") -> None:
        super().__init__(message)
        self.partial = partial  # what had streamed before the failure


class _Abandoned(Exception):
    """Raised inside a stream the caller no longer waits for."""


class _StopWhenAbandoned(BaseCallbackHandler):
    """Ends an abandoned stream from inside the chat model, at its next token.

    Closing the LCEL stream from outside would not do: on GeneratorExit LangChain reads the rest
    of its input for tracing, which on an endless stream never ends. An error raised at the token
    travels up through the chain instead, and the HTTP response is dropped.
    """

    raise_error = True

    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop

    def on_llm_new_token(self, token: Any, **kwargs: Any) -> None:
        """Raise once the caller has given up."""
        if self.stop.is_set():
            raise _Abandoned


def stream_within(chain: Any, inputs: dict[str, Any], deadline: float, budget_s: float,
                  on_token: OnToken | None = None) -> str:
    """The text a LangChain runnable streams, or LLMError once time.monotonic() passes deadline.

    The stream is read on a worker thread, so a server that stalls or never ends the stream cannot
    hold the caller past the deadline. When the caller gives up, the worker ends at the model's next
    token and drops the HTTP response; a silent server is cut by the client's own read timeout.
    """
    pieces: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()
    started = deadline - budget_s

    def pump() -> None:
        try:
            for piece in chain.stream(inputs, config={"callbacks": [_StopWhenAbandoned(stop)]}):
                if stop.is_set():
                    return
                pieces.put(("piece", piece))
            pieces.put(("done", None))
        except BaseException as exc:  # handed to the caller's thread
            pieces.put(("error", exc))

    threading.Thread(target=pump, name="llm-stream", daemon=True).start()
    parts: list[str] = []
    try:
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0:
                    raise queue.Empty
                kind, value = pieces.get(timeout=left)
            except queue.Empty:
                waited = time.monotonic() - started
                got = sum(len(p) for p in parts)
                state = f"已收到 {got} 个字，回答仍未结束" if got else "没有收到任何内容"
                raise LLMError(f"LLM 超时：等待 {waited:.1f} 秒（上限 {budget_s:g} 秒），{state}", "".join(parts)) from None
            if kind == "done":
                return "".join(parts)
            if kind == "error":
                raise LLMError(f"LLM 调用失败：{type(value).__name__}: {str(value)[:120]}") from value
            parts.append(value)
            if on_token is not None and value:
                on_token(value)
    finally:
        stop.set()


def make_chat_model(settings: Settings) -> BaseChatModel:
    """LangChain's ChatOpenAI for the configured endpoint (no retries: we fall back instead)."""
    from langchain_openai import ChatOpenAI  # heavy: imports the openai client

    options: dict[str, Any] = {
        "base_url": settings.llm_base_url, "api_key": settings.llm_api_key or "not-needed",
        "model": settings.llm_model or "", "temperature": settings.llm_temperature,
        "timeout": settings.llm_timeout, "max_retries": 0, "streaming": True,
        # A small model can run on and on (measured: 4,674 characters in 240 s on one question); an
        # answer here is a few sentences, and a long list still fits. Sent as max_tokens in the body:
        # ChatOpenAI's own max_tokens goes out as max_completion_tokens, which llama.cpp's server ignores.
        "extra_body": {"max_tokens": MAX_ANSWER_TOKENS},
    }
    return ChatOpenAI(**options)


@dataclass(frozen=True)
class Context:
    """Numbered source blocks given to the model, and which hit each number is."""

    text: str
    hits: dict[int, Hit]


def build_context(hits: Sequence[Hit], max_tokens: int = 2500, count: Callable[[str], int] = count_tokens) -> Context:
    """Number the hits as [n] 《title》（文号）section blocks, as many as fit the token budget.

    The numbers look like the markers the answer must use: given 【n】 labels, the 1.5B model cited
    as 【3】、【4】, which no marker reader takes.
    """
    blocks: list[str] = []
    used: dict[int, Hit] = {}
    total = 0
    for hit in hits:
        n = len(used) + 1
        # Document text must not be able to close its own block and speak outside it.
        body = hit.text.replace("<<<", "‹‹‹").replace(">>>", "›››")
        block = f"[{n}] {hit.label}\n<<<资料开始>>>\n{body}\n<<<资料结束>>>"
        cost = count(block)
        if used and total + cost > max_tokens:
            break
        blocks.append(block)
        used[n] = hit
        total += cost
    return Context(text="\n\n".join(blocks), hits=used)


_NAMED = re.compile(r"《([^》]{1,80})》(（[^）]{1,40}）)?")


def mark_named_sources(text: str, context: Context) -> str:
    """A clause the answer names by its label instead of a marker gets its [n] after the name.

    The name is 《title》, optionally （文号） and the section; a bare title means the document's first
    block. A title that is no block's stays unmarked, so its facts still need a marker of their own.
    Example: with [2] = 《要点》（沪府办发〔2019〕7号）四、（三）, "见《要点》（沪府办发〔2019〕7号）四、（三）。"
    becomes "见《要点》（沪府办发〔2019〕7号）四、（三）[2]。"
    """
    out: list[str] = []
    last = 0
    for m in _NAMED.finditer(text):
        blocks = [(n, h) for n, h in context.hits.items() if h.doc_title == m.group(1)]
        if not blocks:
            continue
        end = m.end()
        named = [(n, h) for n, h in blocks if h.section and text.startswith(h.section, end)]
        n, hit = max(named, key=lambda b: len(b[1].section)) if named else blocks[0]
        if named:
            end += len(hit.section)
        if MARKER_RE.match(text, end):
            continue
        out += [text[last:end], f"[{n}]"]
        last = end
    return "".join(out) + text[last:]


def _history_text(history: Sequence[Any]) -> str:
    lines = []
    for turn in list(history)[-6:]:
        if isinstance(turn, dict):
            who = "用户" if turn.get("role") == "user" else "助手"
            lines.append(f"{who}：{turn.get('content', '')}")
    return "\n".join(lines)


@dataclass(frozen=True)
class LLMTrace:
    """What the model said for one question and what verification made of it (for evals and logs).

    outcome: answered | refused | rejected (failed verification) | error (unreachable, timeout).
    """

    question: str
    raw: str
    outcome: str
    reasons: tuple[str, ...] = ()  # Verification.reasons, or ("timeout",) / ("error",)
    unsupported: tuple[str, ...] = ()  # the facts not found in their cited clauses
    context_blocks: int = 0


@dataclass(frozen=True)
class LLMResult:
    """What the LLM path produced: a draft, an optional notice, and whether it is the extractive fallback."""

    draft: Draft
    notice: str | None = None
    fell_back: bool = False


class LLMAnswerer:
    """The LCEL chains for condensing follow-ups and answering from numbered context blocks."""

    def __init__(self, chat: BaseChatModel, timeout_s: float = 30.0, context_tokens: int = 2500,
                 trace: Callable[[LLMTrace], None] | None = None) -> None:
        self.chat = chat
        self.trace = trace  # called once per answered question; the eval counts rejections with it
        self.timeout_s = timeout_s
        self.context_tokens = context_tokens
        self.condense_chain = (ChatPromptTemplate.from_messages([
            ("system", load_prompt("condense")),
            ("human", "对话历史：\n{history}\n\n最新问题：{question}"),
        ]) | chat | StrOutputParser()).with_config(run_name="condense")
        self.answer_chain = (ChatPromptTemplate.from_messages([
            ("system", load_prompt("answer_system")),
            ("human", load_prompt("answer_user")),
        ]) | chat | StrOutputParser()).with_config(run_name="answer")

    def deadline(self) -> float:
        """The time.monotonic() by which an answer started now must be complete."""
        return time.monotonic() + self.timeout_s

    def condense(self, question: str, history: Sequence[Any], deadline: float | None = None) -> str:
        """A standalone question written by the model; raises LLMError on failure.

        It may use at most half of the time left before deadline, so the answer keeps the rest.
        """
        end = self.deadline() if deadline is None else deadline
        budget = max(0.0, end - time.monotonic()) / 2
        try:
            out = stream_within(self.condense_chain, {"history": _history_text(history), "question": question},
                                time.monotonic() + budget, budget)
        except LLMError as exc:
            raise LLMError(f"LLM 改写问题失败：{exc}") from exc
        out = out.strip().strip("“”\"")
        return out if 2 <= len(out) <= 300 else question

    def generate(self, question: str, context: Context, on_token: OnToken | None = None,
                 deadline: float | None = None) -> str:
        """Stream the answer text; raises LLMError when the endpoint fails or the deadline passes."""
        end = self.deadline() if deadline is None else deadline
        return stream_within(self.answer_chain, {"context": context.text, "question": question}, end,
                             self.timeout_s, on_token).strip()

    def answer(self, question: str, hits: Sequence[Hit], on_token: OnToken | None = None, *,
               fallback: Callable[[], Draft], deadline: float | None = None) -> LLMResult:
        """The verified LLM answer, or the extractive one with a notice saying why.

        deadline (time.monotonic()) bounds the whole LLM work of the question; default: timeout_s from now.
        """
        refusal = load_prompt("refusal")
        if not hits:
            return LLMResult(Draft(text=refusal, refused=True, citations=()))
        context = build_context(hits, self.context_tokens)
        try:
            text = self.generate(question, context, on_token, deadline)
        except LLMError as exc:
            log.warning("LLM failed, falling back: %s", exc)
            self._trace(LLMTrace(question, exc.partial, "error", ("timeout" if "超时" in str(exc) else "error",),
                                 context_blocks=len(context.hits)))
            return LLMResult(fallback(), f"{exc}，已改用抽取式回答。", fell_back=True)
        # A clause is its label and its text: an answer may name the document, its 文号 and section.
        text = mark_named_sources(normalize_markers(text), context)
        check = verify_answer(text, {n: f"{h.label}\n{h.text}" for n, h in context.hits.items()}, refusal)
        outcome = "refused" if check.refused else "answered" if check.ok else "rejected"
        self._trace(LLMTrace(question, text, outcome, check.reasons, tuple(f for _s, f in check.unsupported),
                             len(context.hits)))
        if check.refused:
            return LLMResult(Draft(text=refusal, refused=True, citations=()))
        if not check.ok:
            return LLMResult(fallback(), f"LLM 回答未通过引用核验（{describe(check)}），已改用抽取式回答。",
                             fell_back=True)
        notice = f"已删除指向不存在资料的引用标记 {check.removed_markers}。" if check.removed_markers else None
        return LLMResult(Draft(text=check.text, refused=False, citations=_citations(check, context)), notice)


    def _trace(self, trace: LLMTrace) -> None:
        log.info("LLM %s %s: %r", trace.outcome, trace.reasons, trace.raw[:300])
        if self.trace is not None:
            self.trace(trace)


def describe(check: Verification) -> str:
    """A short Chinese account of what failed verification."""
    bits = []
    if check.unsupported:
        bits.append("与所引条款不符：" + "、".join(sorted({f for _s, f in check.unsupported})))
    if check.uncited_facts:
        bits.append("有事实未标注出处")
    if not check.cited:
        bits.append("没有有效引用")
    return "；".join(bits)


def _citations(check: Verification, context: Context) -> tuple[Citation, ...]:
    """Citations renumbered in order of use, each quoting the sentence of the source that best matches."""
    out = []
    for n in check.cited:
        hit = context.hits[n]
        quote = _best_quote(check.text, n, hit.text)
        out.append(Citation(marker=n, doc_id=hit.doc_id, doc_title=hit.doc_title, doc_number=hit.doc_number,
                            section=hit.section, quote=quote, heading=hit.heading, chunk_id=hit.chunk_id,
                            section_text=hit.text))
    return tuple(out)


def _best_quote(answer: str, marker: int, source: str) -> str:
    """The source sentence sharing most characters with the answer sentences that cite it."""
    claims = "".join(s for s in split_sentences(answer) if f"[{marker}]" in s)
    sentences = split_sentences(source.replace("\n", "")) or [source]
    return max(sentences, key=lambda s: len(set(s) & set(claims)))
