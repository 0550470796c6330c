"""Text out of .docx, .pdf and .html files, in reading order, for the same structure parser as .txt."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ingest.cleaning import CLOSERS, is_marker_line


class FormatError(ValueError):
    """A file of a supported type that cannot be read (corrupt, encrypted, no text layer, too big inside)."""


# Limits checked before a parser sees the file. A .docx is a zip: its central directory declares
# each member's uncompressed size, and Python's zipfile never inflates a member past that size, so
# checking the declared sizes bounds what python-docx (which reads every part into memory) gets.
# The body is then counted for paragraphs, a 6-byte "<w:p/>" each, before lxml builds a tree of them.
DOCX_MAX_MEMBERS = 2000
DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024  # all members together
DOCX_MAX_PART = 25 * 1024 * 1024  # any one member, word/document.xml included
DOCX_MAX_PARAGRAPHS = 50_000  # table cells hold paragraphs too
PDF_MAX_PAGES = 2000
PDF_MAX_STREAM = 20 * 1024 * 1024  # decompressed bytes of any one PDF stream
MAX_TEXT_CHARS = 5_000_000  # text taken out of one file
_PARAGRAPH = re.compile(rb"<w:p[\s/>]")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def check_docx_package(data: bytes, name: str) -> None:
    """Refuse a .docx whose zip declares too many members, too much uncompressed data or too many paragraphs.

    Raises FormatError with a Chinese reason naming the file.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise FormatError(f"{name} 不是有效的 Word（.docx）文件或已损坏：{exc}") from exc
    with archive:
        members = archive.infolist()
        if len(members) > DOCX_MAX_MEMBERS:
            raise FormatError(f"{name} 包含 {len(members)} 个内部文件，超过上限 {DOCX_MAX_MEMBERS}（疑似压缩炸弹），已拒绝。")
        total = sum(m.file_size for m in members)
        if total > DOCX_MAX_UNCOMPRESSED:
            raise FormatError(f"{name} 解压后共 {_mb(total)}，超过上限 {_mb(DOCX_MAX_UNCOMPRESSED)}（疑似压缩炸弹），已拒绝。")
        big = max(members, key=lambda m: m.file_size, default=None)
        if big is not None and big.file_size > DOCX_MAX_PART:
            raise FormatError(f"{name} 的内部文件 {big.filename} 解压后 {_mb(big.file_size)}，超过上限 "
                              f"{_mb(DOCX_MAX_PART)}（疑似压缩炸弹），已拒绝。")
        try:
            body = archive.open("word/document.xml")
        except KeyError:
            return  # python-docx will say what is wrong with the package
        count, tail = 0, b""
        with body:
            while chunk := body.read(1 << 20):
                count += len(_PARAGRAPH.findall(tail + chunk))
                tail = chunk[-5:]  # a tag cut by the chunk boundary is counted once, in the next window
                if count > DOCX_MAX_PARAGRAPHS:
                    raise FormatError(f"{name} 的段落超过 {DOCX_MAX_PARAGRAPHS} 个（疑似段落炸弹），已拒绝。")


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_STYLES = ("title", "标题")


def _outline_level(ppr: Any) -> int | None:
    """The w:outlineLvl of a paragraph's or style's properties (0 = top), None when absent or body text (9)."""
    if ppr is None:
        return None
    for child in ppr.iterchildren():
        if child.tag.rsplit("}", 1)[-1] == "outlineLvl":
            value = next((v for k, v in child.attrib.items() if k.rsplit("}", 1)[-1] == "val"), "9")
            return int(value) if value.isdigit() and int(value) < 9 else None
    return None


def heading_level(paragraph: Any) -> int | None:
    """How deep a Word paragraph is as a heading: 0 for the Title style, N for Heading N / 标题 N or outline
    level N-1 (on the paragraph or its style chain), None for body text."""
    level = _outline_level(paragraph._p.pPr)
    if level is not None:
        return level + 1
    style = paragraph.style
    for _ in range(10):  # a style's basedOn chain; bounded because a broken file may loop
        if style is None:
            return None
        name = (style.name or "").strip()
        if name.lower() in _TITLE_STYLES:
            return 0
        if m := _HEADING_STYLE.match(name):
            return int(m.group(1))
        level = _outline_level(style.element.pPr)
        if level is not None:
            return level + 1
        style = style.base_style
    return None


def docx_text(data: bytes, name: str) -> str:
    """Paragraphs and tables (one tab-separated line per row) in document order.

    Headings (Word heading styles, 标题 N, outline levels) are written as Markdown headings, the Title style
    as "#" and Heading N as N+1 "#"s, so the parser can build the section tree from them.
    Example: a Heading 1 paragraph "总则" -> "## 总则"
    """
    check_docx_package(data, name)
    try:
        import docx  # python-docx; imported here because only .docx files need it
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise FormatError(f"{name} 不是有效的 Word（.docx）文件或已损坏：{exc}") from exc
    lines: list[str] = []
    size = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        before = len(lines)
        if tag == "p":
            para = Paragraph(child, document)
            level = heading_level(para) if para.text.strip() else None
            lines.append(para.text if level is None else "#" * min(level + 1, 6) + " " + para.text.strip())
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append("\t".join(c.text.strip().replace("\n", "") for c in row.cells))
        size += sum(len(ln) for ln in lines[before:])
        if size > MAX_TEXT_CHARS:
            raise FormatError(f"{name} 的文字超过 {MAX_TEXT_CHARS} 字，超出单个文件上限，已拒绝。")
    return "\n".join(lines)


def repair_pdf_lines(lines: list[str]) -> list[str]:
    """Join lines a PDF wrapped at the page width: a nearly full line not ending a sentence continues.

    Example: ["一、标题", "（一）推进公开。年内公开雨水花", "园456处。"] with the middle line full -> joined
    """
    full = max((len(ln) for ln in lines), default=0)
    out: list[str] = []
    for ln in lines:
        prev = out[-1] if out else ""
        wrapped = prev and len(prev) >= 0.8 * full and prev[-1] not in CLOSERS
        if wrapped and ln and not is_marker_line(ln) and "\t" not in ln:
            out[-1] = prev + ln
        else:
            out.append(ln)
    return out


@contextlib.contextmanager
def _pdf_limits(pypdf: Any) -> Iterator[None]:
    """pypdf's own decompression limits, lowered for this call only (pypdf >= 7; older versions keep theirs)."""
    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:
        yield
        return
    with apply(zlib_maximum_output_length=PDF_MAX_STREAM, lzw_maximum_output_length=PDF_MAX_STREAM,
               run_length_maximum_output_length=PDF_MAX_STREAM, maximum_declared_stream_length=PDF_MAX_STREAM,
               array_based_stream_maximum_output_length=PDF_MAX_STREAM):
        yield


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of every page, with lines wrapped by the page width joined again."""
    try:
        import pypdf  # imported here because only .pdf files need it
        from pypdf.errors import LimitReachedError

        with _pdf_limits(pypdf):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise FormatError(f"{name} 是加密的 PDF，无法读取。")
            if len(reader.pages) > PDF_MAX_PAGES:
                raise FormatError(f"{name} 有 {len(reader.pages)} 页，超过上限 {PDF_MAX_PAGES} 页，已拒绝。")
            pages: list[str] = []
            for pdf_page in reader.pages:
                pages.append(pdf_page.extract_text() or "")
                if not pages[-1].strip():
                    # pypdf's text extraction swallows its own decompression limit and returns "";
                    # reading the content stream again raises it, so a bomb is not called a scan.
                    contents = pdf_page.get_contents()
                    if contents is not None:
                        contents.get_data()
                if sum(len(p) for p in pages) > MAX_TEXT_CHARS:
                    raise FormatError(f"{name} 的文字超过 {MAX_TEXT_CHARS} 字，超出单个文件上限，已拒绝。")
    except FormatError:
        raise
    except LimitReachedError as exc:
        raise FormatError(f"{name} 的内容解压后过大（单个数据流上限 {_mb(PDF_MAX_STREAM)}，疑似压缩炸弹），已拒绝。") from exc
    except Exception as exc:
        raise FormatError(f"{name} 不是有效的 PDF 文件或已损坏：{exc}") from exc
    if not "".join(pages).strip():
        raise FormatError(f"{name} 没有文字层（可能是扫描件），暂不支持 OCR。")
    out: list[str] = []
    for page in pages:
        out.extend(repair_pdf_lines([ln.strip() for ln in page.splitlines() if ln.strip()]))
    return "\n".join(out)


_SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "svg", "button", "select"}
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "ul",
          "ol", "title", "pre", "blockquote", "dd", "dt"}
_BOILER = re.compile(r"nav|menu|footer|header|breadcrumb|sidebar|share|copyright|toolbar", re.I)


class _TextExtractor(HTMLParser):
    """Collects visible text, dropping scripts, navigation, headers and footers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._stack: list[bool] = []  # per open element: does it start a skipped region
        self._pre = 0  # inside <pre>, line breaks in the source are text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        marker = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        skip = tag in _SKIP or bool(marker and _BOILER.search(marker))
        if tag not in ("br", "img", "hr", "meta", "link", "input"):
            self._stack.append(skip)
            self._skip_depth += skip
        if tag in _BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        self._pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "img", "hr", "meta", "link", "input"):
            return
        self._pre -= tag == "pre" and self._pre > 0
        if self._stack:
            self._skip_depth -= self._stack.pop()
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip_depth == 0:
            # A line break in HTML source is a space; only tags (and <pre>) break lines. Without this the
            # indentation between <td>s of a gov.cn metadata table split one row into a line per cell.
            self.parts.append(data if self._pre else re.sub(r"[\r\n]+", " ", data))


def html_text(text: str) -> str:
    """Visible text of a web page, one block per line, table cells separated by tabs."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    lines = []
    for raw in "".join(parser.parts).split("\n"):
        cells = [re.sub(r"[ \t\u00a0]+", " ", c).strip() for c in raw.split("\t")]
        line = "\t".join(c for c in cells if c) if len([c for c in cells if c]) > 1 else "".join(cells).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)
