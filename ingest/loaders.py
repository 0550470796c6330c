"""Files -> text. Detects encodings (UTF-8, UTF-8 BOM, GBK/GB18030) and refuses binary files."""

from __future__ import annotations

import logging
from pathlib import Path

from ingest import formats

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
MAX_FILE_BYTES = 20 * 1024 * 1024


class LoadError(ValueError):
    """A file that cannot be read as a policy document; the message is Chinese and names the file."""


def decode_text(data: bytes, name: str = "文件") -> str:
    """Decode bytes as UTF-8 (with or without BOM) or GB18030, refusing binary data.

    Example: decode_text("政务公开".encode("gbk")) == "政务公开"
    """
    if not data.strip():
        raise LoadError(f"{name} 是空文件，没有可索引的内容。")
    if b"\x00" in data[:8192]:
        raise LoadError(f"{name} 看起来是二进制文件（含空字节），不是文本文件，已跳过。")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise LoadError(f"{name} 的编码无法识别（既不是 UTF-8 也不是 GBK/GB18030），已跳过。") from exc
    if not _looks_like_text(text):
        raise LoadError(f"{name} 解码后不像正常文本（可能是二进制或损坏的文件），已跳过。")
    log.info("%s decoded as GB18030", name)
    return text


def _looks_like_text(text: str) -> bool:
    """True when most characters are CJK, ASCII printable or common punctuation."""
    sample = text[:5000]
    if not sample:
        return False
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    return good / len(sample) > 0.95


def load_text(path: str | Path) -> str:
    """Read one .txt/.md/.docx/.pdf/.html file and return its text, or raise LoadError with a Chinese reason."""
    p = Path(path)
    if not p.exists():
        raise LoadError(f"找不到文件：{p}")
    if not p.is_file():
        raise LoadError(f"不是文件：{p}")
    if p.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise LoadError(f"{p.name}：暂不支持 {p.suffix or '无扩展名'} 格式（支持 {'、'.join(SUPPORTED_SUFFIXES)}）。")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LoadError(f"{p.name} 太大（{size // 1024 // 1024} MB），上限 {MAX_FILE_BYTES // 1024 // 1024} MB。")
    data = p.read_bytes()
    suffix = p.suffix.lower()
    try:
        if suffix == ".docx":
            text = formats.docx_text(data, p.name)
        elif suffix == ".pdf":
            text = formats.pdf_text(data, p.name)
        elif suffix in (".html", ".htm"):
            text = formats.html_text(decode_text(data, p.name))
        else:
            return decode_text(data, p.name)
    except formats.FormatError as exc:
        raise LoadError(str(exc)) from exc
    if not text.strip():
        raise LoadError(f"{p.name} 中没有可索引的文字内容。")
    return text


def find_files(paths: list[str | Path]) -> list[Path]:
    """Expand files and directories into a sorted list of files; a missing path raises LoadError."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise LoadError(f"找不到路径：{p}")
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        else:
            found.append(p)
    return found
