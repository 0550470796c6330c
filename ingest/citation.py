"""Article-exact citations: which 款 and 项 of an article a quoted sentence sits in."""

from __future__ import annotations

import re

from ingest.textutil import ITEM_RE, SUB_RE, int_to_cn, normalize_brackets
from ingest.types import Section

_SPACE = re.compile(r"\s+")


def clauses(text: str) -> list[tuple[int, str | None, str]]:
    """(款 number, 项 marker or None, line) for each line of an article's text.

    A line starting with （N） is a 项 of the current 款 (a 1. line under a 项 stays in it); any other line
    starts a new 款.
    Example: clauses("甲：\\n（一）乙；\\n丙。") == [(1, None, "甲："), (1, "（一）", "（一）乙；"), (2, None, "丙。")]
    """
    out: list[tuple[int, str | None, str]] = []
    kuan, item = 0, None
    for line in text.split("\n"):
        if m := ITEM_RE.match(line):
            item = normalize_brackets(line[: m.end()].strip())
        elif item is not None and SUB_RE.match(line):
            pass  # 目 inside a 项
        else:
            kuan, item = kuan + 1, None
        out.append((max(kuan, 1), item, line))
    return out


def _find_line(rows: list[tuple[int, str | None, str]], quote: str) -> int | None:
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


def clause_path(section: Section, quote: str) -> str:
    """Refine an article's path to the 款 / 项 the quote comes from; other sections keep their path.

    第N款 is added only when the article has more than one 款; a 项 in the first 款 is written without it.
    Example: for 第十五条 = "…下列情形之一的：\\n（一）…；\\n（三）未按规定…；\\n前款规定…。",
    a quote from （三） -> "第十五条（三）", a quote from the last line -> "第十五条第二款"
    """
    if section.kind != "article":
        return section.path
    rows = clauses(section.text)
    i = _find_line(rows, quote)
    if i is None:
        return section.path
    kuan, item, _line = rows[i]
    many = rows[-1][0] > 1
    by_kuan = section.path.endswith("条")  # 一、-numbered articles are cited by 项 only
    path = section.path
    if by_kuan and many and (item is None or kuan > 1):
        path += f"第{int_to_cn(kuan)}款"
    return path + (item or "")
