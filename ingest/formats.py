"""Text out of .docx, .pdf and .html files, in reading order, for the same structure parser as .txt."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from ingest.cleaning import CLOSERS, is_marker_line


class FormatError(ValueError):
    """A file of a supported type that cannot be read (corrupt, encrypted, no text layer)."""


def docx_text(data: bytes, name: str) -> str:
    """Paragraphs (headings included) and tables (one tab-separated line per row) in document order."""
    try:
        import docx  # python-docx; imported here because only .docx files need it
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise FormatError(f"{name} 不是有效的 Word（.docx）文件或已损坏：{exc}") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append("\t".join(c.text.strip().replace("\n", "") for c in row.cells))
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


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of every page, with lines wrapped by the page width joined again."""
    try:
        import pypdf  # imported here because only .pdf files need it

        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise FormatError(f"{name} 是加密的 PDF，无法读取。")
        pages = [p.extract_text() or "" for p in reader.pages]
    except FormatError:
        raise
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
