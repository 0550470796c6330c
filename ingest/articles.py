"""Cleaned lines of a law or regulation -> 编/章/节 and article nodes (第X条, or 一、 numbered through chapters).

An article keeps its 款 and 项 as lines in order; its first line is the first 款 without the 第X条 marker.
Only a marker at the start of a line whose number continues the sequence starts a unit, so
「依照本法第三十条规定」 inside a sentence, or a 款 that happens to begin with 第三十条, stays text.
"""

from __future__ import annotations

import re

from ingest.numbering import is_heading_line
from ingest.structure import SectionNode
from ingest.textutil import (
    ARTICLE_RE,
    BIAN_PREFIX,
    BIAN_RE,
    CHAPTER_RE,
    JIE_RE,
    PART_RE,
    cn_to_int,
    int_to_cn,
)

LEVEL_CHAPTER, LEVEL_JIE, LEVEL_ARTICLE = 1, 2, 3


def _article(line: str, numbered_parts: bool) -> tuple[int, str, str] | None:
    """(number, path, text after the marker) for an article line.

    Example: _article("第三十三条行政机关应当…。", False) == (33, "第三十三条", "行政机关应当…。")
    """
    m = (PART_RE if numbered_parts else ARTICLE_RE).match(line)
    if not m or len(line) == m.end():
        return None
    n = cn_to_int(m.group(1))
    return n, (f"{int_to_cn(n)}、" if numbered_parts else f"第{int_to_cn(n)}条"), line[m.end():].strip()


# What follows 第X条 when a line starts with a reference, not an article: 「第六条规定的情形除外」.
_REFERENCE = re.compile(r"^(?:规定|所列|所称|第[一二三四五六七八九十百]+[款项]|[、至]|和第|或者第|及第|的规定)")


def _skips_ahead(found: tuple[int, str, str], last: int) -> bool:
    """The next article number, or a gap in the numbering (a deleted or misnumbered article, or an excerpt that
    leaves articles out: 第二条, then 第六条); a line that refers to an article is told apart by the caller.

    Example: _skips_ahead((12, "第十二条", "本法…。"), 10) is True; _skips_ahead((30, "第三十条", "…"), 10) is False
    """
    return last < found[0] <= last + _MAX_GAP


_MAX_GAP = 9


def build_articles(lines: list[str], start: int, end: int, numbered_parts: bool = False) -> list[SectionNode]:
    """Walk lines[start:end] into chapter, 节 and article nodes in reading order.

    Lines before the first marker are left to the caller (preamble); a line that is no marker joins the
    innermost open unit.
    """
    nodes: list[SectionNode] = []
    bian: SectionNode | None = None
    chapter: SectionNode | None = None
    jie: SectionNode | None = None
    article: SectionNode | None = None
    last_article = chapter_no = part_no = 0
    for i in range(start, end):
        line = lines[i]
        m = None
        if (m := BIAN_RE.match(line)) and is_heading_line(line):
            title = line[m.end():].strip()
            bian = SectionNode(f"第{int_to_cn(cn_to_int(m.group(1)))}编", LEVEL_CHAPTER, "bian", title, [line], i, i,
                         headings=(title,) if title else ())
            chapter = jie = article = None
            nodes.append(bian)
            continue
        if not numbered_parts and (part := part_heading(lines, i, end, part_no)) is not None:
            # 「二、立案、结案时间及审理期限的计算」 over the articles of a 规定 without chapters: a part, cited 二、
            part_no = part
            title = line[line.index("、") + 1:].strip()
            chapter = SectionNode(f"{int_to_cn(part)}、", LEVEL_CHAPTER, "part", title, [line], i, i, headings=(title,))
            jie = article = None
            nodes.append(chapter)
            continue
        lost = (chapter is not None and article is not None and _lost_chapter(lines, i, end, chapter_no))
        if lost or ((m := CHAPTER_RE.match(line)) and is_heading_line(line)):
            chapter_no = chapter_no + 1 if lost or m is None else cn_to_int(m.group(1))
            title = line if lost or m is None else line[m.end():].strip()
            up = bian.headings if bian else ()
            chapter = SectionNode((bian.path if bian else "") + f"第{int_to_cn(chapter_no)}章", LEVEL_CHAPTER,
                            "chapter", title, [line], i, i, headings=up + ((title,) if title else ()),
                            parent=bian.path if bian else "")
            jie = article = None
            nodes.append(chapter)
            continue
        if chapter and (m := JIE_RE.match(line)) and is_heading_line(line):
            title = line[m.end():].strip()
            number = f"第{int_to_cn(cn_to_int(m.group(1)))}节"
            jie = SectionNode(chapter.path + number, LEVEL_JIE, "jie", title, [line], i, i,
                        headings=chapter.headings + (f"{number} {title}".strip(),), parent=chapter.path)
            article = None
            nodes.append(jie)
            continue
        found = _article(line, numbered_parts)
        if found and not _REFERENCE.match(found[2]) and (last_article == 0 or _skips_ahead(found, last_article)):
            last_article, path, rest = found
            unit = jie or chapter or bian
            heads = unit.headings if unit else ()
            article = SectionNode(path, LEVEL_ARTICLE, "article", unit.heading if unit else "", [rest], i, i,
                            headings=heads, parent=unit.path if unit else "")
            nodes.append(article)
            continue
        target = article or jie or chapter or bian
        if target is None:
            continue
        if target is not article and not target.heading and len(target.texts) == 1 and is_heading_line(line):
            # "第一章" on a line of its own, its title on the next: the title is the heading.
            target.heading = line
            target.headings = (target.headings + (line,) if target.kind != "jie"
                               else target.headings[:-1] + (f"{target.texts[0]} {line}",))
        elif target is not article and target.heading and len(target.texts) == 1 and is_heading_line(line) \
                and (_HEADING_GOES_ON.match(line) or _HEADING_BROKEN.search(target.heading)):
            # 「第四章 外商投资经营国际海上运输」 then 「及其辅助性业务的特别规定」: one heading wrapped over two lines;
            # 「第七章 卷烟纸、滤嘴棒…烟草专用机械的」 then 「生产和销售」: the first line breaks off after a joining word
            target.heading += line
            target.headings = target.headings[:-1] + (target.headings[-1] + line,)
        target.texts.append(line)
        target.last_line = i
    return _chapters_through(nodes)


def part_heading(lines: list[str], i: int, end: int, part_no: int) -> int | None:
    """The number of a part heading 「一、…」 set over articles: a short heading line, numbered next in turn (一、
    first), with an article right under it. None for anything else, such as a list inside an article.

    Example: part_heading(["一、各类案件的审理期限", "第一条 …。"], 0, 2, 0) == 1
    """
    m = PART_RE.match(lines[i])
    if not m or not is_heading_line(lines[i]) or i + 1 >= end or not ARTICLE_RE.match(lines[i + 1]):
        return None
    number = cn_to_int(m.group(1))
    return number if number == part_no + 1 else None


_LAST_CHAPTERS = ("附则", "法律责任")
# The second line of a wrapped heading opens with a joining word: 「及其辅助性业务的特别规定」.
_HEADING_GOES_ON = re.compile(r"(?:及其|及|以及|和|与|暨|等|的)(?![一二三四五六七八九十]+[、条章节])")
# The first line of a wrapped heading ends on a word that needs more after it: 「…烟草专用机械的」.
_HEADING_BROKEN = re.compile(r"(?:的|和|及|与|暨|、|或者|以及)$")
_LOST_TITLE_MAX = 12


def _lost_chapter(lines: list[str], i: int, end: int, chapter_no: int) -> bool:
    """A chapter heading whose 「第N章」 the text lost: a bare title line (「法律责任」) between articles, where
    the chapters jump from N-1 to N+1 around it, or, after the last chapter, a usual last-chapter title.

    Example: ["第五章 保障", "第四十五条 …。", "法律责任", "第四十六条 …。", "第七章 附则"] -> "法律责任" is 第六章
    """
    line = lines[i]
    if (len(line) > _LOST_TITLE_MAX or not is_heading_line(line) or line.startswith("第")
            or i + 1 >= end or not ARTICLE_RE.match(lines[i + 1])):
        return False
    later = next((m for j in range(i + 1, end) if (m := CHAPTER_RE.match(lines[j])) and is_heading_line(lines[j])),
                 None)
    if later is None:
        return line.replace(" ", "") in _LAST_CHAPTERS
    return cn_to_int(later.group(1)) == chapter_no + 2


def _chapters_through(nodes: list[SectionNode]) -> list[SectionNode]:
    """Chapters numbered on through the 编 (民事诉讼法: 第二编 holds 第十三章) are cited without the 编;
    where each 编 starts again at 第一章 (民法典) the 编 stays in the path to keep it unique."""
    chapters = [n.path for n in nodes if n.kind == "chapter"]
    strip = [BIAN_PREFIX.sub("", p) for p in chapters]
    if not any(p != s for p, s in zip(chapters, strip, strict=True)) or len(set(strip)) != len(strip):
        return nodes
    for n in nodes:
        if n.kind in ("chapter", "jie"):
            n.path = BIAN_PREFIX.sub("", n.path)
        if n.kind in ("jie", "article") and n.parent:
            n.parent = BIAN_PREFIX.sub("", n.parent)
    return nodes

