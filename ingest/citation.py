"""Article-exact citations: which 款 and 项 of an article a quoted sentence sits in."""

from __future__ import annotations

import re

from ingest.textutil import ITEM_RE, SUB_RE, int_to_cn, normalize_brackets
from ingest.types import Section

_SPACE = re.compile(r"\s+")
Clause = tuple[int, str | None, str]  # (款 number, 项 marker or None, line)


def clauses(text: str, first: tuple[int, str | None] | None = None) -> list[Clause]:
    """(款 number, 项 marker or None, line) for each line of an article's text.

    A line starting with （N） is a 项 of the current 款 (a 1. line under a 项 stays in it); any other line
    starts a new 款. `first` gives the 款/项 of the first line when text is a later piece of the article.
    Example: clauses("甲：\\n（一）乙；\\n丙。") == [(1, None, "甲："), (1, "（一）", "（一）乙；"), (2, None, "丙。")]
    """
    out: list[Clause] = []
    kuan, item = 0, None
    for n, line in enumerate(text.split("\n")):
        if n == 0 and first is not None:
            kuan, item = first
        elif m := ITEM_RE.match(line):
            item = normalize_brackets(line[: m.end()].strip())
        elif item is not None and SUB_RE.match(line):
            pass  # 目 inside a 项
        else:
            kuan, item = kuan + 1, None
        out.append((max(kuan, 1), item, line))
    return out


def _find_line(rows: list[Clause], quote: str) -> int | None:
    """Index of the line holding the quote (or, for a quote across lines, its beginning)."""
    q = _SPACE.sub("", quote).strip("「」“”\"'…")
    if not q:
        return None
    lines = [_SPACE.sub("", r[2]) for r in rows]
    for probe in (q, q[:20], q[:10]):
        hits = [i for i, ln in enumerate(lines) if probe and probe in ln]
        if hits:
            return hits[0]
    return None


def clause_path_of_text(path: str, text: str, quote: str, first_kuan: int = 1, first_item: str = "",
                        kuan_count: int = 0) -> str:
    """clause_path for an article given as its path and text (or one chunk of it).

    For a chunk that is not the article's start, pass the chunk metadata "kuan_first", "item_first" and
    "kuan_count" (ingest.chunking records them), so 款 numbers count from the article's beginning.
    Example: clause_path_of_text("第十三条", "符合下列情形之一的：\\n（一）取得个人的同意；\\n依照本法…。", "取得个人的同意")
    == "第十三条（一）"
    """
    if not (path.endswith("条") or path.endswith("、")) or not quote:
        return path
    first = (first_kuan, first_item or None) if (first_kuan > 1 or first_item) else None
    rows = clauses(text, first)
    i = _find_line(rows, quote)
    if i is None:
        return path
    kuan, item, _line = rows[i]
    many = (kuan_count or rows[-1][0]) > 1
    if path.endswith("条") and many and (item is None or kuan > 1):  # 一、-numbered articles: by 项 only
        path += f"第{int_to_cn(kuan)}款"
    return path + (item or "")


def clause_path(section: Section, quote: str) -> str:
    """Refine an article's path to the 款 / 项 the quote comes from; other sections keep their path.

    第N款 is added only when the article has more than one 款; a 项 in the first 款 is written without it.
    Example: for 第十五条 = "…下列情形之一的：\\n（一）…；\\n（三）未按规定…；\\n前款规定…。",
    a quote from （三） -> "第十五条（三）", a quote from the last line -> "第十五条第二款"
    """
    if section.kind != "article":
        return section.path
    return clause_path_of_text(section.path, section.text, quote)


def piece_clause(text: str, offset: int) -> tuple[int, str, int]:
    """(款 number, 项 marker or "", 款 count) at a character offset of an article's text.

    Example: piece_clause("甲：\\n（一）乙；\\n丙。", 4) == (1, "（一）", 2)
    """
    rows = clauses(text)
    pos = 0
    for kuan, item, line in rows:
        if offset < pos + len(line) + 1:
            return kuan, item or "", rows[-1][0]
        pos += len(line) + 1
    return rows[-1][0], rows[-1][1] or "", rows[-1][0]
