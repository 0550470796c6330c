"""Structure from heading levels: Word heading styles (carried as Markdown "#" marks by ingest.formats) and
Markdown headings. Used when the headings carry no numbering of their own; numbered headings (第一章 总则,
一、总体要求) are left to the numbering schemes, so a styled 第一章 is not nested twice.

Decimal numbers that no scheme carries (a standard saved as 「## 程度分级」 over 「### 5.1 颅脑」, with 「6.1 …」
paragraphs under 「## 附则」) are read inside the heading tree: a heading or paragraph whose number runs in
sequence is cited by its number ("5.2.2"), the others by their heading chain."""

from __future__ import annotations

import re

from ingest.articles import build_articles
from ingest.cleaning import is_marker_line
from ingest.decimal import decimal_number, decimal_run
from ingest.numbering import is_heading_line
from ingest.structure import SectionNode, item_heading
from ingest.textutil import BIAN_RE, BUFEN_RE, DECIMAL_RE

# "## 总则" as Markdown writes it; after tidy_spaces the space before Chinese is gone ("##总则").
HEADING_MARK_RE = re.compile(r"^\s{0,3}(#{1,6})\s*(?=\S)")
MIN_NUMBERED_SHARE = 0.5  # headings that mostly carry numbers are left to the numbering schemes
_BARE_NUMERAL = re.compile(r"[一二三四五六七八九十]{1,3}")  # 「## 三」: a part's numeral, alone


def split_heading_marks(lines: list[str]) -> tuple[list[str], dict[int, int]]:
    """Lines without their leading "#" marks, and line index -> heading level (number of "#").

    A heading that is a numeral alone (「## 三」) is that part's heading (「三、」).
    Example: split_heading_marks(["#办法", "##总则", "正文。"]) == (["办法", "总则", "正文。"], {0: 1, 1: 2})
    """
    out: list[str] = []
    levels: dict[int, int] = {}
    for i, line in enumerate(lines):
        m = HEADING_MARK_RE.match(line)
        if m and line[m.end():].strip():
            levels[i] = len(m.group(1))
            line = line[m.end():].strip()
            if _BARE_NUMERAL.fullmatch(line):  # 「## 三」 after 「## 二、…」: part 三, its text on the lines below
                line += "、"
        out.append(line)
    return out, levels


def unmarked(line: str) -> str:
    """A line without its heading marks.

    Example: unmarked("##第一章总则") == "第一章总则"
    """
    m = HEADING_MARK_RE.match(line)
    return line[m.end():].strip() if m else line


def title_heading(levels: dict[int, int]) -> int | None:
    """Index of the heading that is the document's title: the first heading, alone at its level and above the rest.

    Example: title_heading({0: 1, 3: 2, 7: 2}) == 0; title_heading({2: 2, 5: 2}) is None
    """
    if not levels:
        return None
    first = min(levels)
    level = levels[first]
    others = [lv for i, lv in levels.items() if i != first]
    return first if all(lv > level for lv in others) else None


def is_numbered_heading(line: str) -> bool:
    """A heading that carries its own number (第一章, 一、, （一）, 1.2, 第一部分, 第一编), so numbering decides.

    Example: is_numbered_heading("第一章 总则") is True; is_numbered_heading("总体要求") is False
    """
    return bool(is_marker_line(line) or BIAN_RE.match(line) or BUFEN_RE.match(line) or DECIMAL_RE.match(line))


def section_headings(lines: list[str], levels: dict[int, int]) -> dict[int, int]:
    """The heading lines that open sections (the title heading excluded)."""
    title = title_heading(levels)
    return {i: lv for i, lv in levels.items() if i != title}


def is_decimal_heading(line: str) -> bool:
    """A heading that opens with a decimal number (5.1 颅脑, 1 总则); 「1.总体要求」 is a 1. item, not decimal.

    Example: is_decimal_heading("5.1颅脑、脊髓") is True; is_decimal_heading("1.总体要求") is False
    """
    return decimal_number(line) is not None


def structured_by_headings(lines: list[str], levels: dict[int, int], decimal_scheme: bool = False) -> bool:
    """True when the section headings mostly carry no number that a numbering scheme reads, so their levels are
    the structure.

    decimal_scheme: the document's decimal numbering fits as a scheme (1, 1.1, 2 …). When it does not (the
    outer numbers sit on unnumbered headings), decimal headings count with the unnumbered ones.
    Example: structured_by_headings(["办法", "总则", "正文。", "附则"], {0: 1, 1: 2, 3: 2}) is True
    """
    heads = section_headings(lines, levels)
    if len(heads) < 2:
        return False
    numbered = sum(1 for i in heads if is_numbered_heading(lines[i])
                   and (decimal_scheme or not is_decimal_heading(lines[i])))
    return numbered < MIN_NUMBERED_SHARE * len(heads)


def heading_path(chain: tuple[str, ...]) -> str:
    """How a citation names a section known only by its heading: the heading chain in 「」.

    Example: heading_path(("主要任务", "推进决策公开")) == "「主要任务／推进决策公开」"
    """
    return "「" + "／".join(chain) + "」"


def build_headings(lines: list[str], levels: dict[int, int], start: int, end: int,
                   articles: bool = False) -> list[SectionNode]:
    """Walk lines[start:end]: each section heading opens a node at its level; other lines are its text.

    With articles (the body is numbered 第X条), the articles under a heading become its children.
    Levels are ranked (Word's Heading 2 and 3 under a Heading 1 title become levels 1 and 2).
    """
    heads = {i: lv for i, lv in section_headings(lines, levels).items() if start <= i < end}
    rank = {lv: n + 1 for n, lv in enumerate(sorted(set(heads.values())))}
    nodes: list[SectionNode] = []
    stack: list[SectionNode] = []
    body: list[int] = []

    def flush() -> None:
        owner = stack[-1] if stack else None
        if not body:
            return
        if articles:
            for node in build_articles(lines, body[0], body[-1] + 1):
                if node.kind == "article" and owner is not None and not node.parent:
                    node.parent, node.heading, node.headings = owner.path, owner.heading, owner.headings
                nodes.append(node)
            first_article = next((n.first_line for n in nodes if n.first_line >= body[0]), body[-1] + 1)
            body[:] = [i for i in body if i < first_article]
        if owner is not None:
            owner.texts.extend(lines[i] for i in body)
            owner.last_line = max(owner.last_line, body[-1])
        body.clear()

    numbers = {} if articles else decimal_run(lines, start, end)
    for i in range(start, end):
        if i not in heads and i not in numbers:
            body.append(i)
            continue
        flush()
        if i in numbers:
            node = _numbered(lines, i, numbers[i], rank[heads[i]] if i in heads else None, stack)
        else:
            level = rank[heads[i]]
            while stack and stack[-1].level >= level:
                stack.pop()
            chain = (stack[-1].headings if stack else ()) + (lines[i],)
            node = SectionNode(heading_path(chain), level, "part", lines[i], [lines[i]], i, i, headings=chain,
                               parent=stack[-1].path if stack else "")
        nodes.append(node)
        stack.append(node)
    flush()
    return nodes


def _numbered(lines: list[str], i: int, number: tuple[int, ...], level: int | None,
              stack: list[SectionNode]) -> SectionNode:
    """The node of a heading (its level given) or a paragraph (level None) whose decimal number runs in sequence.

    A paragraph (「6.1　伤后…」) sits under the innermost heading, or under the paragraph its number extends (6.1.1
    under 6.1); its heading is its text when short, else its first short sentence. Pops the stack to the parent.
    """
    path = ".".join(map(str, number))
    kind = "part" if level is not None else "item"
    if level is None:
        while stack and stack[-1].kind == "item" and not path.startswith(stack[-1].path + "."):
            stack.pop()
        level = stack[-1].level + 1 if stack else 1
    while stack and stack[-1].level >= level:
        stack.pop()
    found = decimal_number(lines[i])
    rest = found[1] if found else lines[i]
    heading = rest if is_heading_line(rest) else item_heading(rest)
    up = stack[-1].headings if stack else ()
    return SectionNode(path, level, kind, heading, [rest], i, i, headings=up + ((heading,) if heading else ()),
                       parent=stack[-1].path if stack else "")
