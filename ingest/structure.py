"""Cleaned lines -> the section tree: notice, preamble, 一、 parts, （一） items, sub-items, closing words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.cleaning import is_marker_line
from ingest.textutil import BUFEN_RE, ITEM_RE, PART_RE, SUB_RE, SUBSUB_RE, normalize_brackets

MAX_HEADING = 40
_LEAD_RES = [
    re.compile(r"[（(]牵头(?:单位|部门)[:：]([^;；)）]+)"),
    re.compile(r"[（(]([^（）()]{2,160}?)等?牵头[，,；;)）]"),
]
# A date written in Chinese numerals on its own line (「二〇〇四年十一月四日」, 「二○一二年七月九日」).
CN_DATE = re.compile(r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")
SIGNATURE_RE = re.compile(r"^[\u4e00-\u9fa5]{2,24}(办公厅|人民政府|政府|办公室)$|^\d{4}年\d{1,2}月\d{1,2}日$|^国务院$")


def extract_lead(text: str) -> str | None:
    """The lead unit named in an item's closing note, in either house style.

    Example: extract_lead("…。（市审改办牵头，各相关部门负责）") == "市审改办";
    extract_lead("…。(牵头部门:区府办、区监察局)") == "区府办、区监察局"
    """
    for rx in _LEAD_RES:
        found = rx.findall(text)
        if found:
            return str(found[-1]).strip()
    return None


def item_heading(body: str) -> str:
    """An item's heading: its first sentence when short, else "" (the item has no heading).

    Example: item_heading("继续扩大数据开放。出台《办法》…") == "继续扩大数据开放"
    """
    first = body.split("。", 1)[0]
    return first if len(first) <= MAX_HEADING and first != body else ""


def part_heading(line: str) -> str:
    """A part's heading: its whole line, or only its first sentence when the part's text runs on after it on
    the same line (「一、牢固树立“安全第一”思想。煤矿安全生产事关…」, as a 通报 writes its parts).

    Example: part_heading("总体要求") == "总体要求"; part_heading("关于乙烯项目问题。你省请求…。") == "关于乙烯项目问题"
    """
    whole = line.rstrip("。")
    if "。" not in whole:  # a heading line has no full stop inside it
        return whole
    return item_heading(line) or whole


@dataclass
class SectionNode:
    """A section being built; frozen into a Section when the walk ends."""

    path: str
    level: int
    kind: str
    heading: str
    texts: list[str]
    first_line: int
    last_line: int
    headings: tuple[str, ...] = ()
    children: list[SectionNode] = field(default_factory=list)
    parent: str = ""  # path of the enclosing structural unit
    owns_paragraphs: bool = False  # an item that is only a heading: the free paragraphs after it are its body


def _marker(line: str, bufen: bool = False) -> tuple[int, str, str] | None:
    """(level, normalized marker, rest of line) for a marker line, else None.

    With bufen (a plan divided into 第X部分), 第X部分 is level 1 and every other marker one level lower.
    """
    shift = 1 if bufen else 0
    if bufen and (m := BUFEN_RE.match(line)):
        return 1, f"第{m.group(1)}部分", line[m.end():].strip()
    for level, rx in ((1, PART_RE), (2, ITEM_RE), (3, SUB_RE), (4, SUBSUB_RE)):
        m = rx.match(line)
        if m:
            raw = line[: m.end()].strip()
            return level + shift, normalize_brackets(raw).replace("．", "."), line[m.end():].strip()
    return None


def heading_only(text: str, heading: str) -> bool:
    """True when an item's line is nothing but its short heading, so its paragraphs follow on their own lines.

    Example: heading_only("统筹建设监管工作平台。", "统筹建设监管工作平台") is True
    """
    return bool(text) and len(text) <= MAX_HEADING and text.count("。") <= 1 and text.rstrip("。") == heading


def build_sections(lines: list[str], title_index: int, body_end: int, offsets: list[int],
                   bufen: bool = False) -> list[SectionNode]:
    """Walk lines[title_index+1:body_end] (and the notice before) into nodes in reading order.

    bufen: the plan is divided into 第X部分 above its 一、 parts (paths "第二部分三、（一）").
    """
    item_level = 3 if bufen else 2
    nodes: list[SectionNode] = []
    notice = [i for i in range(max(title_index, 0)) if "。" in lines[i]]
    if notice:
        nodes.append(SectionNode("", 0, "notice", "通知", [lines[i] for i in notice], notice[0], notice[-1]))
    end = body_end
    while end > title_index + 1 and SIGNATURE_RE.match(lines[end - 1]):
        end -= 1  # signature and date lines after the body
    markers = [i for i in range(title_index + 1, end) if is_marker_line(lines[i]) or (bufen and BUFEN_RE.match(lines[i]))]
    first_marker = markers[0] if markers else end
    last_marker = markers[-1] if markers else end
    pre = list(range(title_index + 1, first_marker))
    if pre:
        nodes.append(SectionNode("", 0, "preamble", "前言", [lines[i] for i in pre], pre[0], pre[-1]))
    stack: list[SectionNode] = []
    closing: list[int] = []
    for i in range(first_marker, end):
        line = lines[i]
        mk = _marker(line, bufen)
        if mk is None:
            # An item whose line is only its heading ("（一）统筹建设监管工作平台。") owns the paragraphs under it.
            owner = stack[-1] if stack and stack[-1].owns_paragraphs else None
            if owner is not None:
                owner.texts.append(line)
                owner.last_line = i
            elif i > last_marker and stack and stack[-1].level >= item_level:
                closing.append(i)
            elif stack:
                # An item is one paragraph; a free paragraph after it belongs to the enclosing part.
                part = next((n for n in reversed(stack) if n.level < item_level), stack[0])
                target = part if stack[-1].level >= item_level else stack[-1]
                target.texts.append(line)
                target.last_line = i
            else:  # before any part this scheme numbers (「第一条…」 of a few excerpted articles): the opening text
                opening = next((n for n in nodes if n.kind == "preamble"), None)
                if opening is None:
                    opening = SectionNode("", 0, "preamble", "前言", [], i, i)
                    nodes.append(opening)
                opening.texts.append(line)
                opening.last_line = i
            continue
        level, marker, rest = mk
        while stack and stack[-1].level >= level:
            stack.pop()
        parent_path = stack[-1].path if stack else ""
        heading = part_heading(rest) if level < item_level else item_heading(rest)
        parent_heads = stack[-1].headings if stack else ()
        node = SectionNode(parent_path + marker, level, "part" if level < item_level else "item", heading, [rest], i, i,
                     headings=parent_heads + ((heading,) if heading else ()), parent=parent_path,
                     owns_paragraphs=level >= item_level and heading_only(rest, heading))
        nodes.append(node)
        stack.append(node)
    if closing:
        nodes.append(SectionNode("", 0, "closing", "结语", [lines[i] for i in closing], closing[0], closing[-1]))
    return nodes


def line_offsets(lines: list[str]) -> list[int]:
    """Start offset of each line in "\\n".join(lines).

    Example: line_offsets(["ab", "c"]) == [0, 3]
    """
    out, pos = [], 0
    for ln in lines:
        out.append(pos)
        pos += len(ln) + 1
    return out
