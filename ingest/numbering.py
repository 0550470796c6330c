"""Which numbering system a document uses, judged by evidence: how many lines carry each marker family
and whether their numbers run in sequence. Also drops a 目录 (table of contents), which is not content."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.textutil import ARTICLE_RE, BIAN_RE, BUFEN_RE, CHAPTER_RE, DECIMAL_RE, PART_RE, cn_to_int

PLAN = "plan"  # 一、（一）1.（1） work plans: the original parser
ARTICLES = "articles"  # 编/章/节/第X条, with 款 and （一） 项 inside articles
CHAPTER_PARTS = "chapter_parts"  # 第X章 whose articles are numbered 一、… through the document
DECIMAL = "decimal"  # 1 / 1.1 / 1.2.1 with （1） items
MAX_HEADING_LINE = 40  # a 第X章 line longer than this, or with a sentence in it, is text
_TOC = re.compile(r"^目录$")


@dataclass(frozen=True)
class NumberingFit:
    """How well one marker family fits a document: lines that carry it, and lines that continue its sequence."""

    family: str
    lines: int
    in_sequence: int


def is_heading_line(line: str) -> bool:
    """A structural heading line: short and without sentence punctuation.

    Example: is_heading_line("第四章政府信息公开的程序") is True; is_heading_line("第四章规定的…，应当…。") is False
    """
    return len(line) <= MAX_HEADING_LINE and not re.search(r"[。；;，,：:]", line)


def _fit(family: str, lines: list[str], number: Callable[[str], int | None], gap: int = 3,
         any_start: bool = False) -> NumberingFit:
    """How many lines carry the family's numbers, and how many of them run in sequence (allowing a gap of
    deleted or misnumbered units); any_start: an excerpt may open at any number (第三百六十七条)."""
    count = run = 0
    last = 0
    for line in lines:
        n = number(line)
        if n is None:
            continue
        count += 1
        if last < n <= last + gap or (any_start and run == 0):
            run += 1
            last = n
    return NumberingFit(family, count, run)


def _article_number(line: str) -> int | None:
    m = ARTICLE_RE.match(line)
    return cn_to_int(m.group(1)) if m and len(line) > len(m.group(0)) else None


def _chapter_number(line: str) -> int | None:
    m = CHAPTER_RE.match(line)
    return cn_to_int(m.group(1)) if m and is_heading_line(line) else None


def _part_number(line: str) -> int | None:
    m = PART_RE.match(line)
    return cn_to_int(m.group(1)) if m else None


def _bufen_number(line: str) -> int | None:
    m = BUFEN_RE.match(line)
    return cn_to_int(m.group(1)) if m and is_heading_line(line) else None


def has_bufen(lines: list[str]) -> bool:
    """True when a plan is divided into 第一部分, 第二部分, … (in sequence, on heading lines).

    Example: has_bufen(["第一部分总体要求", "一、甲", "第二部分主要任务"]) is True
    """
    return numbering_fits(lines)["bufen"].in_sequence >= 2


def _decimal_top(line: str) -> int | None:
    m = DECIMAL_RE.match(line)
    return int(m.group(1)) if m and m.group(1).isdigit() and is_heading_line(line) else None


def _decimal_sub(line: str) -> int | None:
    m = DECIMAL_RE.match(line)
    return 1 if m and not m.group(1).isdigit() else None


def numbering_fits(lines: list[str]) -> dict[str, NumberingFit]:
    """Evidence for each marker family in the lines.

    Example: numbering_fits(["第一条甲。", "第二条乙。"])["article"] == NumberingFit("article", 2, 2)
    """
    fits = [
        _fit("article", lines, _article_number, gap=9, any_start=True),  # as ingest.articles reads them
        _fit("chapter", lines, _chapter_number),
        _fit("part", lines, _part_number),
        _fit("decimal", lines, _decimal_top),
    ]
    sub = sum(1 for ln in lines if _decimal_sub(ln))
    fits.append(NumberingFit("decimal_sub", sub, sub))
    fits.append(_fit("bufen", lines, _bufen_number))
    return {f.family: f for f in fits}


def choose_scheme(lines: list[str]) -> str:
    """The numbering system that fits the lines best (one of PLAN, ARTICLES, CHAPTER_PARTS, DECIMAL).

    Example: choose_scheme(["第一章总则", "一、甲。", "二、乙。", "第二章附则", "三、丙。"]) == CHAPTER_PARTS
    """
    f = numbering_fits(lines)
    # two articles in sequence are evidence enough when they are most of the article lines (an excerpt of a law)
    if f["article"].in_sequence >= 2 and f["article"].in_sequence >= 0.5 * f["article"].lines:
        return ARTICLES
    # Articles numbered 一、 through the document: the 一、 sequence does not restart in each chapter.
    if f["chapter"].in_sequence >= 2 and f["part"].in_sequence > f["chapter"].in_sequence:
        return CHAPTER_PARTS
    # Chapters and no other numbering the schemes read (a list of crime names 1．2．… under 第X章 and 第X节):
    # the chapters are the document's structure.
    if f["chapter"].in_sequence >= 2 and not f["article"].lines and not f["part"].lines and not f["decimal"].lines:
        return ARTICLES
    if f["decimal"].in_sequence >= 3 and f["decimal_sub"].lines >= 2 and f["decimal"].in_sequence > f["part"].in_sequence:
        return DECIMAL
    return PLAN


def drop_toc(lines: list[str]) -> list[str]:
    """Remove a 目录 block: from the 目录 line to where its first entry is repeated as a body heading.

    Example: drop_toc(["预案", "目录", "1总则", "2附则", "1总则", "正文。"]) == ["预案", "1总则", "正文。"]
    """
    plain = [ln.lstrip("#").strip() for ln in lines]  # a Word or Markdown heading mark does not count
    for i, line in enumerate(plain):
        if not _TOC.match(line) or i + 1 >= len(lines):
            continue
        first = plain[i + 1]
        for j in range(i + 2, min(len(lines), i + 400)):
            if plain[j] == first:
                return lines[:i] + lines[j:]
    return lines


def first_marker(lines: list[str], scheme: str) -> int:
    """Index of the line where the scheme's structure starts (len(lines) when it never does).

    Example: first_marker(["条例", "（题注）", "第一章总则", "第一条甲。"], ARTICLES) == 2
    """
    for i, line in enumerate(lines):
        if scheme in (ARTICLES, CHAPTER_PARTS) and (_chapter_number(line) is not None
                                                    or (BIAN_RE.match(line) and is_heading_line(line))):
            return i
        if scheme == ARTICLES and _article_number(line) == 1:
            return i
        if scheme == DECIMAL and _decimal_top(line) == 1:
            return i
        if scheme == PLAN and (PART_RE.match(line) or _bufen_number(line) is not None):
            return i
    return len(lines)
