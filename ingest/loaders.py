"""Files -> text. Detects encodings (UTF-8, UTF-8 BOM, UTF-16, GBK/GB18030) and refuses binary files."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ingest import formats

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
MAX_FILE_BYTES = 20 * 1024 * 1024


class LoadError(ValueError):
    """A file that cannot be read as a policy document; the message is Chinese and names the file."""


def _utf16_codec(data: bytes) -> str | None:
    """"utf-16" when the bytes start with a UTF-16 byte-order mark, "utf-16-le"/"-be" when they read as
    BOM-less UTF-16 text, else None.

    BOM-less UTF-16 is only considered when there are zero bytes (every ASCII character brings one:
    newlines, digits, punctuation), and accepted when nearly every character it decodes to is
    Chinese, ASCII or CJK punctuation; binary data decodes to scattered code points and fails.
    A file of Chinese characters alone, without one ASCII character, carries no zero byte and is
    not detected (it is then tried as UTF-8 and GB18030 like any other file).
    Example: _utf16_codec("一、总则\n".encode("utf-16-le")) == "utf-16-le"
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = data[:8192]
    if len(data) % 2 or b"\x00" not in sample:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        text = sample.decode(codec, errors="replace")
        plain = sum(1 for ch in text if _is_plain(ch))
        if plain >= 0.95 * len(text):
            return codec
    return None


def _is_plain(ch: str) -> bool:
    """A character of ordinary Chinese text: CJK ideograph or punctuation, or printable ASCII / whitespace."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 32 <= o < 127
            or ch in "\n\r\t" or 0x2010 <= o <= 0x2027)


def decode_text(data: bytes, name: str = "文件") -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (BOM, or BOM-less with ASCII in it) or GB18030,
    refusing binary data.

    Example: decode_text("政务公开".encode("gbk")) == "政务公开"
    """
    if not data.strip():
        raise LoadError(f"{name} 是空文件，没有可索引的内容。")
    codec = _utf16_codec(data)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise LoadError(f"{name} 看起来是 UTF-16 编码，但无法解码（文件可能已损坏），已跳过。") from exc
        log.info("%s decoded as %s", name, codec)
        return text.lstrip("\ufeff")
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
    loop = symlink_loop(p)
    if loop:
        raise LoadError(f"{p}：{loop}，已跳过。")
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


def symlink_loop(p: Path) -> str | None:
    """Why a path is a symbolic-link loop (Chinese), or None when it is not one.

    Two kinds: links that point at each other (resolving never ends), and a link to a folder that
    contains the link itself, which a folder walk would enter forever.
    """
    if not p.is_symlink():
        return None
    try:
        target = p.resolve(strict=True)
    except (RuntimeError, OSError) as exc:
        if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == 40:  # ELOOP
            return "是循环的符号链接（链接互相指向，无法解析）"
        return None  # a dangling link: reported as missing by the caller
    if target.is_dir() and p.parent.resolve().is_relative_to(target):
        return f"是指向上级目录 {target} 的符号链接，会形成循环"
    return None


def find_files(paths: list[str | Path]) -> list[Path]:
    """Expand files and directories into a sorted list of files; a missing path raises LoadError.

    Linked folders are followed once; a symbolic-link loop is listed too, so that load_text()
    reports it in the ingest report instead of it vanishing silently.
    """
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if symlink_loop(p):
            found.append(p)
        elif not p.exists():
            raise LoadError(f"找不到路径：{p}")
        elif p.is_dir():
            found.extend(_walk(p))
        else:
            found.append(p)
    return found


def _walk(root: Path) -> list[Path]:
    """Files under root, sorted, hidden names skipped, each real folder entered once."""
    out: list[Path] = []
    seen: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        here = Path(folder)
        keep = []
        for d in sorted(dirs):
            if symlink_loop(here / d):
                out.append(here / d)
            else:
                keep.append(d)
        dirs[:] = keep
        for f in files:
            fp = here / f
            if not f.startswith(".") and (fp.is_file() or symlink_loop(fp)):
                out.append(fp)
    return sorted(out)
