"""Document-level facts from the header block: title, 文号, 发文机关, dates, region, year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.classify import (
    doc_type_of,
    is_national,
    issuer_places,
    level_of,
    local_region,
    number_issuer,
    title_issuer,
)
from ingest.header import (
    PROMULGATION_LINE,
    HeaderFacts,
    effective_date_in,
    effective_on_issue,
    ling_issuer,
    meeting_issuer,
    normalize_ling,
    repealed_edition_issuer,
)
from ingest.regions import DOC_NUMBER_PREFIX, find_regions, parent_region
from ingest.textutil import BUFEN_RE, PART_RE, cn_date_to_iso

DOC_NUMBER_RE = re.compile(r"([\u4e00-\u9fa5]{1,10})[〔\[【（(［]\s*(\d{4})\s*[〕\]】）)］]\s*第?(\d{1,4})\s*号")
DATE_LINE_RE = re.compile(r"^[0-9〇○零一二三四五六七八九Ｏ]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$")
PRINT_DATE_RE = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)印发$")
TITLE_END_RE = re.compile(r"(要点|安排|方案|意见|办法|规定|计划|通知|决定|细则|规划|纲要|制度|条例)$")
ISSUER_RE = re.compile(r"^[\u4e00-\u9fa5]{2,24}(办公厅|人民政府|政府|办公室|委员会|局)$")
SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？]")
_NOTICE_END = ("通知", "函")


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
    publish_date: str | None = None
    effective_date: str | None = None
    doc_type: str | None = None
    level: str | None = None


def normalize_doc_number(text: str) -> str | None:
    """Find a 文号 (bracket form first, else a 令 number) and write it the usual way, with 〔〕 brackets.

    Example: normalize_doc_number("成办发[2013]56号") == "成办发〔2013〕56号";
    normalize_doc_number("国令第706号") == "国务院令第706号"
    """
    m = DOC_NUMBER_RE.search(text)
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else normalize_ling(text)


def find_body_title(lines: list[str]) -> int:
    """Index of the plan's own title: the last short, unpunctuated line before the preamble and 一、.

    Example: [..., "2019年上海市政务公开工作要点", "2019年本市政务公开工作的总体要求是，…。", "一、…"] -> that title
    """
    first_part = next((i for i, ln in enumerate(lines) if PART_RE.match(ln) or BUFEN_RE.match(ln)), len(lines))
    for i in range(first_part - 1, -1, -1):
        ln = lines[i]
        if 6 <= len(ln) <= 40 and not SENTENCE_PUNCT.search(ln) and TITLE_END_RE.search(ln.strip("》")):
            return i
    return -1


def signature_at_end(lines: list[str]) -> tuple[str | None, str | None]:
    """(date, signing body) from the last lines of a document, where a signature and date close it.

    Example: signature_at_end(["…。", "国务院办公厅", "2018年12月4日"]) == ("2018-12-04", "国务院办公厅")
    """
    for i in range(len(lines) - 1, max(len(lines) - 4, 0) - 1, -1):
        if DATE_LINE_RE.match(lines[i]):
            signer = lines[i - 1] if i > 0 and (ISSUER_RE.match(lines[i - 1]) or lines[i - 1] == "国务院") else None
            return cn_date_to_iso(lines[i]), signer
    return None, None


def _notice_title(header: list[str]) -> str | None:
    """The covering notice's title (…关于…的通知), joining a title broken after 的."""
    stripped = [ln.strip("《》") for ln in header]
    for i, ln in enumerate(stripped):
        if "关于" not in ln or SENTENCE_PUNCT.search(ln):
            continue
        joined = ln
        if not ln.endswith(_NOTICE_END) and i + 1 < len(stripped) and stripped[i + 1].endswith(_NOTICE_END):
            joined = ln + header[i + 1].rstrip("》")
        if joined.endswith(_NOTICE_END):
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
    under_title = lines[title_index + 1:title_index + 3] if title_index >= 0 else []
    for ln in header + [ln for ln in under_title if DOC_NUMBER_RE.fullmatch(ln)]:  # or the line under the title
        m = DOC_NUMBER_RE.match(ln)
        if m:
            doc_number = normalize_doc_number(ln)
            break
    notice = _notice_title(header)
    issuer = _issuer(header, notice)
    date = next((cn_date_to_iso(ln) for ln in header if DATE_LINE_RE.match(ln)), None)
    if date is None:  # no covering notice: the signature and date close the document
        date, signer = signature_at_end(lines)
        issuer = issuer or signer
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
                   parent_region=parent_region(region), year=year, doc_type=doc_type_of(title),
                   level=level_of(region, is_national(issuer, doc_number, title)),
                   effective_date=effective_date_in(lines))


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


def title_before(lines: list[str], first_marker: int) -> int:
    """Index of the body title just above the first structural marker, skipping a parenthesised 题注; -1 if none.

    Example: title_before(["2018年11月6日", "专利代理条例", "（1991年…发布）", "第一章总则"], 3) == 1
    """
    i = first_marker - 1
    if i >= 0 and lines[i].endswith(("）", ")")):
        while i >= 0 and not lines[i].startswith(("（", "(")):
            i -= 1
        i -= 1
    while i >= 0 and PROMULGATION_LINE.match(lines[i]):  # 「2031年5月20日…会议通过」 under the title, unbracketed
        i -= 1
    if i < 0:
        return -1
    ln = lines[i]
    if len(ln) > 40 or SENTENCE_PUNCT.search(ln) or DATE_LINE_RE.match(ln) or DOC_NUMBER_RE.search(ln):
        return -1
    return i


def joined_title(lines: list[str], index: int) -> str:
    """A title line joined with the line above when that is the title's first half (a wrapped title).

    Example: joined_title(["国务院关于在市场监管领域全面推行", "部门联合监管的意见"], 1) == "国务院关于在市场监管领域全面推行部门联合监管的意见"
    """
    title = lines[index].strip("《》")
    prev = lines[index - 1] if index > 0 else ""
    if prev and len(prev) <= 40 and not SENTENCE_PUNCT.search(prev) and ("关于" in prev or prev.endswith("的")) \
            and not DATE_LINE_RE.match(prev) and not DOC_NUMBER_RE.search(prev):
        return prev.strip("《") + lines[index]
    return title


def issued_title(notice: str) -> str | None:
    """The title of the document a covering notice issues, or None when the title is not such a notice.

    Example: issued_title("国务院关于印发《国务院工作规则》的通知") == "国务院工作规则";
    issued_title("国务院办公厅关于印发国家粮食应急预案的函") == "国家粮食应急预案"
    """
    m = re.search(r"(?:印发|转发|发布|公布)[\u4e00-\u9fa5]{0,12}?(?:制订|制定)?的?《([^》]+)》的(?:通知|函)$", notice)
    if m:
        return m.group(1)
    m = re.search(r"关于(?:印发|转发|发布)(.+?)的(?:通知|函)$", notice)
    return m.group(1).strip("《》") if m else None


def extract_general(lines: list[str], title_line: int, raw_tail: list[str], title: str, table: dict[str, str],
                    facts: HeaderFacts, ling: str | None, body_first: int | None = None) -> DocMeta:
    """Metadata of a law, regulation or gov.cn page: the metadata table first, then 令 and promulgation lines,
    then the header lines above the body title, then the signature date at the end. Unknown stays None.
    body_first: index of the first numbered line of the body (a 文号 is looked for between the title and it)."""
    body_first = len(lines) if body_first is None else body_first
    header = lines[: max(title_line, 0)]
    # a gov.cn page is titled by its 标题, the covering notice's own when it issues a document; otherwise the
    # header's notice (the bundled plans keep the plan's title, their notice is notice_title)
    notice = None if table.get("标题") else (_notice_title(header) if header else None)
    doc_number = None
    if table.get("发文字号"):
        doc_number = normalize_doc_number(table["发文字号"]) or table["发文字号"]
    doc_number = doc_number or ling or facts.doc_number
    if doc_number is None:
        doc_number = next((normalize_doc_number(ln) for ln in header if DOC_NUMBER_RE.match(ln)), None)
    if doc_number is None and title_line >= 0:  # a 文号 line of its own between the title and the body (法释〔2024〕13号)
        doc_number = next((normalize_doc_number(ln) for ln in lines[title_line + 1:min(body_first, title_line + 12)]
                           if DOC_NUMBER_RE.fullmatch(ln)), None)
    issuer = (table.get("发文机关") or ling_issuer(doc_number) or facts.issuer or _issuer(header, notice)
              or meeting_issuer(header))
    date = (cn_date_to_iso(table.get("成文日期", "")) or facts.date
            or next((cn_date_to_iso(ln) for ln in header if DATE_LINE_RE.match(ln)), None)
            or signature_at_end(lines)[0])
    issuer = (issuer or signature_at_end(lines)[1] or title_issuer(title) or number_issuer(doc_number)
              or repealed_edition_issuer(lines, title))
    publish_date = cn_date_to_iso(table.get("发布日期", "")) or facts.publish_date
    print_date = next((cn_date_to_iso(m.group(1)) for ln in raw_tail if (m := PRINT_DATE_RE.search(ln))), None)
    national = is_national(issuer, doc_number, title)
    place, enclosing = (None, None) if national else issuer_places(issuer)
    region = None if national else (place or _region(title, notice, issuer, doc_number) or local_region(issuer))
    if issuer and region and re.match(r"[市省]人民代表大会", issuer) and region.endswith(issuer[0]):
        issuer = region + issuer[1:]  # 「市十四届人大常委会第二十次会议通过」 of 宁波市人民调解条例: 宁波市's
    year_m = re.search(r"(\d{4})年", title)
    num_m = re.search(r"〔(\d{4})〕", doc_number or "")
    year = int(year_m.group(1)) if year_m else int(num_m.group(1)) if num_m else int(date[:4]) if date else None
    return DocMeta(title=title, title_index=title_line, doc_number=doc_number, issuer=issuer, date=date,
                   print_date=print_date, notice_title=notice, region=region,
                   parent_region=parent_region(region) or (enclosing if region == place else None),
                   year=year, publish_date=publish_date,
                   effective_date=(facts.effective_date or effective_date_in(lines) or effective_date_in(header, True)
                                   or effective_on_issue(lines, publish_date, print_date, facts.amended)),
                   doc_type=doc_type_of(title), level=level_of(region, national))


_ADDRESSEE = re.compile(r"(各[^。；《》]{2,120}?|^[^。；《》]{2,60}?(?:政府|委员会|办公厅|部门|单位|局|办事处)|"
                        r"^[\u4e00-\u9fa5、，,]{1,30}?(?:部|委|院|署|厅|办|总局|银行|会)|"  # a 批复's 「教育部：」
                        # a reply to deputies or a member by name: 「周桂英等代表：」「马万祺副主席：」
                        r"^[\u4e00-\u9fa5]{2,4}?等?(?:代表|委员|副主席|主席|副委员长|委员长|同志|先生|女士))[：:]$")


def copied_in(tail: list[str]) -> str | None:
    """The bodies a document is copied to (抄送), from the line at its foot, or None.

    Example: copied_in(["抄送：市委各部门,市人大常委会办公厅。", "2019年3月8日印发"]) == "市委各部门,市人大常委会办公厅"
    """
    for line in tail:
        m = re.match(r"\s*抄\s*送\s*[：:]\s*(.+?)[。.]?\s*$", line)
        if m:
            return m.group(1)
    return None


# Who signs a 令 or an order: a line of the office and the name (「总理　　李克强」, cleaned to 「总理李克强」).
_SIGNER = re.compile(r"(国务院总理|总理|国家主席|主席|部长|局长|署长|主任|行长|院长|省长|市长|区长|县长|州长)[ \t\u3000]*"
                     r"([\u4e00-\u9fa5]{2,4})")


def signer_in(lines: list[str], head: int = 40, foot: int = 8) -> str | None:
    """Who signed the document (a 令 is signed by the 总理 or a minister), from its head or foot, or None.

    Example: signer_in(["中华人民共和国国务院令", "第707号", "现公布…", "总理　　李克强", "2018年12月18日"]) == "总理 李克强"
    """
    for line in [*lines[:head], *lines[-foot:]]:
        if m := _SIGNER.fullmatch(line.strip()):
            return f"{m.group(1)} {m.group(2)}"
    return None


def recipients_in(lines: list[str], window: int = 15) -> str | None:
    """The covering notice's addressees (主送), from the line that ends with a colon near the top.

    Example: recipients_in(["沪府办发〔2019〕7号", "各区人民政府,市政府各委、办、局:", "经市政府同意，…"])
    == "各区人民政府,市政府各委、办、局"
    """
    for line in lines[:window]:
        m = _ADDRESSEE.search(line.strip())  # also at the end of a header line the extraction glued together
        if m and not re.search(r"如下|通知|决定|规定", m.group(1)):
            return m.group(1)
    return None
