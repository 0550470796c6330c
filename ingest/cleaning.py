"""Repair extracted text line by line: spacing, page junk, glued headings, lines broken mid-sentence."""

from __future__ import annotations

import re

from ingest.textutil import (
    ARTICLE_RE,
    CHAPTER_RE,
    DOC_NUMBER_LINE_RE,
    ITEM_RE,
    JIE_RE,
    PART_RE,
    SENTENCE_END,
    SUB_RE,
    SUBSUB_RE,
    cn_to_int,
    int_to_cn,
    tidy_spaces,
)

# Lines that are page furniture, not content.
JUNK_RES = [
    re.compile(r"^扫描二维码"),
    re.compile(r"关注我们$"),
    re.compile(r"^[-—\s]*第?\s*\d+\s*页(\s*/?\s*共\s*\d+\s*页)?[-—\s]*$"),
    re.compile(r"^[-—－]\s*\d+\s*[-—－]$"),  # "- 3 -" page numbers
    re.compile(r"^[（(]此件公开发布[)）]$"),
    re.compile(r"^抄送[：:]"),
    re.compile(r"^.{0,20}\d{4}年\d{1,2}月\d{1,2}日印发$"),
    re.compile(r"^[\u4e00-\u9fa5]{2,20}文件$"),  # letterhead: 上海市人民政府办公厅文件
    re.compile(r"^打印本页|^关闭窗口|^【?字体[：:]"),
    re.compile(r"^扫一扫在手机打开当前页$"),  # gov.cn page footer
]
_SUBDECIMAL = re.compile(r"^\d{1,2}(?:[.．]\d{1,2}){1,3}(?![\d.．])\s*[\u4e00-\u9fff]")
# A long line is a candidate for having been broken mid-sentence by extraction.
MIN_BROKEN_LINE = 40
# Line ends that close a paragraph: sentence punctuation, a closing bracket after 负责/牵头 notes,
# an addressee colon.
CLOSERS = SENTENCE_END + "：:）)”"
# Full-width digits (保存２年, １００级) are the same figures as 2年 and 100级: read and matched as digits.
DIGIT_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})


def is_marker_line(line: str) -> bool:
    """True if a line starts with a section marker (一、 / （一） / 1. / （1） / 第X章 / 第X节 / 第X条 / 1.2).

    Example: is_marker_line("（三）继续扩大数据开放。") is True; is_marker_line("2019年本市…") is False
    """
    return bool(PART_RE.match(line) or ITEM_RE.match(line) or SUB_RE.match(line) or SUBSUB_RE.match(line)
                or ARTICLE_RE.match(line) or CHAPTER_RE.match(line) or JIE_RE.match(line)
                or _SUBDECIMAL.match(line))


def is_junk(line: str) -> bool:
    """True for page furniture such as 扫描二维码 关注我们, 抄送, 印发 dates, page numbers."""
    return any(r.search(line) for r in JUNK_RES)


def split_glued_headings(lines: list[str]) -> list[str]:
    """Split a part or item heading glued to the end of the previous paragraph.

    Only the next expected number is split off, so ordinary text is never cut.
    Example: ["三、甲", "…的行为。四、推进财政信息公开"] -> ["三、甲", "…的行为。", "四、推进财政信息公开"]
    """
    out: list[str] = []
    last_part = 0
    last_item = 0
    for line in lines:
        pending = [line]
        while pending:
            cur = pending.pop(0)
            if m := PART_RE.match(cur):
                last_part, last_item = cn_to_int(m.group(1)), 0
            elif m := ITEM_RE.match(cur):
                last_item = cn_to_int(m.group(1))
            glued = _find_glued(cur, last_part, last_item)
            if glued is None:
                out.append(cur)
            else:
                out.append(cur[:glued])
                pending.insert(0, cur[glued:])
    return out


def _find_glued(line: str, last_part: int, last_item: int) -> int | None:
    """Index where an expected next heading starts after sentence-final punctuation, or None."""
    candidates = [f"{int_to_cn(last_part + 1)}、"]
    for n in (last_item + 1, 1):
        num = int_to_cn(n)
        candidates += [f"（{num}）", f"({num})"]
    best: int | None = None
    for cand in candidates:
        for m in re.finditer(re.escape(cand), line):
            i = m.start()
            if i > 0 and line[i - 1] in SENTENCE_END and (best is None or i < best):
                best = i
    return best


def repair_broken_lines(lines: list[str]) -> list[str]:
    """Join a long line that stops mid-sentence with the line that continues it.

    Example: ["涉及人民群众切身利益、" + "…"*40, "需要社会广泛知晓的决策事项。"] -> one line
    """
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] = out[-1] + line
        else:
            out.append(line)
    return out


def _continues(prev: str, line: str) -> bool:
    if "\t" in prev or "\t" in line or prev.startswith("#") or line.startswith("#"):
        return False  # table rows and headings (Markdown / Word heading styles) are never joined
    if prev[-1] in CLOSERS or DOC_NUMBER_LINE_RE.match(prev):
        return False
    if DOC_NUMBER_LINE_RE.match(line) and not prev.endswith("》"):
        return False  # a 文号 under a title (cut over lines) stands alone; under a 《quoted》 title it stays with it
    # A heading or title line has no inner punctuation; a prose line cut short does.
    if len(prev) < MIN_BROKEN_LINE and not any(p in prev for p in "。，,；;"):
        return False
    return not (is_marker_line(line) or line.startswith("附件"))


def clean_lines(text: str) -> list[str]:
    """Turn raw document text into clean logical lines: no junk, no empty lines, paragraphs whole."""
    # zero-width characters are not content; full-width digits are digits
    text = text.replace("\u200b", "").replace("\ufeff", "").translate(DIGIT_WIDTH)
    lines = [tidy_spaces(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln and not is_junk(ln)]
    return repair_broken_lines(split_glued_headings(rows_from_cell_lines(lines)))


# How a table's header row starts, tab-separated as extracted or as rows_from_cell_lines rejoins it.
TABLE_HEADER = "序号\t"
_HEADER_CELL = re.compile(r"[\u4e00-\u9fa5 ]{2,12}")
_GROUP_ROW = re.compile(r"^[一二三四五六七八九十]{1,3}、.{2,40}$")  # 「一、知识产权保护方面（共5项）」 between rows
_MAX_COLUMNS = 8


def rows_from_cell_lines(lines: list[str]) -> list[str]:
    """A table a web page gave one cell per line (序号 / 改革举措 / 主要内容 / … then 1 / … / 2 / …) as its
    header row and one numbered item per row: 「1.知识产权案件“三合一”审判。主要内容：…；指导部门：…」, the first
    cell its heading and the others under their column names (ingest.attachments cites them 附件（序号1）). Rows
    are taken while each is followed by the next number, a group heading (一、…) or the end of the table; a table
    that does not line up is left as it is.

    Example: rows_from_cell_lines(["序号", "举措", "部门", "1", "三合一审判", "法院", "2", "技术调查官", "法院"]) ==
    ["序号\t举措\t部门", "1.三合一审判。部门：法院。", "2.技术调查官。部门：法院。"]
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        head = _cell_header(lines, i)
        if not head:
            out.append(lines[i])
            i += 1
            continue
        rows, j, number, grouped = [], i + len(head) + 1, 1, False
        while j < len(lines):
            if _GROUP_ROW.match(lines[j]):
                rows.append(lines[j])
                j, grouped = j + 1, True
                continue
            cells = lines[j + 1:j + 1 + len(head)]
            after = lines[j + 1 + len(head)] if j + 1 + len(head) < len(lines) else ""
            # the next number, or a later one after a group heading (rows a published text left out)
            at = int(lines[j]) if lines[j].isdigit() and len(lines[j]) <= 3 else 0
            if not (at == number or grouped and number < at <= number + 20) or len(cells) < len(head) \
                    or any(c.isdigit() for c in cells) or after.isdigit() and int(after) != at + 1:
                break
            rows.append(_row_item(at, head, cells))
            j, number, grouped = j + 1 + len(head), at + 1, False
        if number <= 2:  # not a table that lines up: the lines as they were
            out.append(lines[i])
            i += 1
            continue
        out += [TABLE_HEADER + "\t".join(head), *rows]  # the header stays, so the rows are known as a table's
        i = j
    return out


def _cell_header(lines: list[str], i: int) -> list[str]:
    """The column names after a 「序号」 line, when the next lines are short names and then row 1 or a group."""
    if lines[i].replace(" ", "") != "序号":
        return []
    head = []
    for ln in lines[i + 1:i + 1 + _MAX_COLUMNS]:
        if ln == "1" or _GROUP_ROW.match(ln) or not _HEADER_CELL.fullmatch(ln):
            break
        head.append(ln.replace(" ", ""))
    return head if 2 <= len(head) < _MAX_COLUMNS else []


def _row_item(number: int, head: list[str], cells: list[str]) -> str:
    first, rest = cells[0].rstrip("。；;"), [c.rstrip("。；;") for c in cells[1:]]
    return f"{number}.{first}。" + "；".join(f"{h}：{c}" for h, c in zip(head[1:], rest, strict=True)) + "。"
