"""Document-level facts from the header block: title, 文号, 发文机关, dates, region, year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.regions import DOC_NUMBER_PREFIX, find_regions, parent_region
from ingest.textutil import PART_RE, cn_date_to_iso

DOC_NUMBER_RE = re.compile(r"([\u4e00-\u9fa5]{1,10})[〔\[【（(［]\s*(\d{4})\s*[〕\]】）)］]\s*第?(\d{1,4})\s*号")
DATE_LINE_RE = re.compile(r"^[0-9〇○零一二三四五六七八九Ｏ]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$")
PRINT_DATE_RE = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)印发$")
TITLE_END_RE = re.compile(r"(要点|安排|方案|意见|办法|规定|计划|通知|决定|细则|规划|纲要|制度|条例)$")
ISSUER_RE = re.compile(r"^[\u4e00-\u9fa5]{2,24}(办公厅|人民政府|政府|办公室|委员会|局)$")
SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？]")


@dataclass(frozen=True)
class DocMeta:
    """What the header of one document says about it."""

    title: str
    title_index: int  # line index of the body title (-1 when the first line stands in)
    doc_number: str | None
    issuer: str | None
    date: str | None
    print_date: str | None
    notice_title: str | None
    region: str | None
    parent_region: str | None
    year: int | None


def normalize_doc_number(text: str) -> str | None:
    """Find a 文号 and write it with 〔〕 brackets.

    Example: normalize_doc_number("成办发[2013]56号") == "成办发〔2013〕56号"
    """
    m = DOC_NUMBER_RE.search(text)
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else None


def find_body_title(lines: list[str]) -> int:
    """Index of the plan's own title: the last short, unpunctuated line before the preamble and 一、.

    Example: [..., "2019年上海市政务公开工作要点", "2019年本市政务公开工作的总体要求是，…。", "一、…"] -> that title
    """
    first_part = next((i for i, ln in enumerate(lines) if PART_RE.match(ln)), len(lines))
    for i in range(first_part - 1, -1, -1):
        ln = lines[i]
        if 6 <= len(ln) <= 40 and not SENTENCE_PUNCT.search(ln) and TITLE_END_RE.search(ln.strip("》")):
            return i
    return -1


def _notice_title(header: list[str]) -> str | None:
    """The covering notice's title (…关于…的通知), joining a title broken after 的."""
    stripped = [ln.strip("《》") for ln in header]
    for i, ln in enumerate(stripped):
        if "关于" not in ln or SENTENCE_PUNCT.search(ln):
            continue
        joined = ln
        if not ln.endswith("通知") and i + 1 < len(stripped) and stripped[i + 1].endswith("通知"):
            joined = ln + header[i + 1].rstrip("》")
        if joined.endswith("通知"):
            return re.sub(r"^.*?〕\d+号", "", joined).strip("《》") or None
    return None


def _issuer(header: list[str], notice_title: str | None) -> str | None:
    if notice_title and "关于" in notice_title:
        prefix = notice_title.split("关于", 1)[0]
        if prefix:
            return prefix
    for ln in header:
        if ISSUER_RE.match(ln) and not ln.startswith("各"):
            return ln
    return None


def extract_metadata(lines: list[str], raw_tail: list[str]) -> DocMeta:
    """Read the header of a document (lines before its body title) and its last lines."""
    title_index = find_body_title(lines)
    header = lines[: max(title_index, 0)] if title_index >= 0 else lines[:3]
    title = lines[title_index] if title_index >= 0 else lines[0][:40]
    title = title.strip("《》")

    doc_number = None
    for ln in header:
        m = DOC_NUMBER_RE.match(ln)
        if m:
            doc_number = normalize_doc_number(ln)
            break
    notice = _notice_title(header)
    issuer = _issuer(header, notice)
    date = next((cn_date_to_iso(ln) for ln in header if DATE_LINE_RE.match(ln)), None)
    print_date = None
    for ln in raw_tail:
        if m := PRINT_DATE_RE.search(ln):
            print_date = cn_date_to_iso(m.group(1))

    region = _region(title, notice, issuer, doc_number)
    year_m = re.search(r"(\d{4})年", title)
    if year_m:
        year: int | None = int(year_m.group(1))
    elif doc_number:
        year = int(re.search(r"〔(\d{4})〕", doc_number).group(1))  # type: ignore[union-attr]
    else:
        year = int(date[:4]) if date else None
    return DocMeta(title=title, title_index=title_index, doc_number=doc_number, issuer=issuer, date=date,
                   print_date=print_date, notice_title=notice, region=region,
                   parent_region=parent_region(region), year=year)


def _region(title: str, notice: str | None, issuer: str | None, doc_number: str | None) -> str | None:
    for text in (title, notice or "", issuer or ""):
        found = find_regions(text)
        if found:
            return found[0]
    if doc_number and doc_number[0] in DOC_NUMBER_PREFIX:
        return DOC_NUMBER_PREFIX[doc_number[0]]
    # A place the gazetteer does not know, named at the start of the title: "2030年某某市…要点".
    m = re.match(r"^(?:\d{4}年(?:度)?)?([\u4e00-\u9fa5]{2,5}?(?:省|市|区|县))", title)
    if m and m.group(1) not in ("本市", "全市", "本区", "全区"):
        return m.group(1)
    return None
