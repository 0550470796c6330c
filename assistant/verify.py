"""Checking an LLM's answer against the sources it cites: markers, numbers, dates, quoted names."""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER_RE = re.compile(r"\[(\d{1,2})\]")
_SENTENCE_RE = re.compile(r"[^。；！？\n]+[。；！？\n]?")
# Facts that must appear verbatim in a cited source: dates, numbers (with % or a unit),
# Chinese counts, and names in quotes or book-title marks.
FACT_RES = [
    re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{1,2}月底|\d{4}年"),
    re.compile(r"\d+(?:\.\d+)?\s*(?:[%％个项次家类大条分日天年月号处人万亿元]|)"),
    re.compile(r"[一二三四五六七八九十两]+(?:个|项|次|家|类|大类|大要素|季度)"),
    re.compile(r"“[^”]{1,40}”|《[^》]{1,60}》|〔\d{4}〕\d+号"),
]


def _norm(text: str) -> str:
    """Compare ignoring spaces and the width of digits and punctuation.

    Example: _norm("４０００ 个，") == "4000个,"
    """
    table = str.maketrans("０１２３４５６７８９％，：；（）", "0123456789%,:;()")
    return re.sub(r"\s+", "", text).translate(table)


def facts_in(sentence: str) -> list[str]:
    """The checkable facts of a sentence, markers excluded.

    Example: facts_in("分值不低于4分[1]，2019年3月5日印发") == ["2019年3月5日", "4分"]
    """
    text = MARKER_RE.sub("", sentence)
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for rx in FACT_RES:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in spans):
                continue  # already covered by a longer fact (a digit inside a date)
            spans.append((m.start(), m.end()))
            found.append(m.group(0).strip())
    return found


def _found(fact: str, pool: str) -> bool:
    """A fact occurs in the pool; a number only as a whole number (4 is not found in 2014).

    Example: _found("4分", "不低于4分") is True; _found("4", "2014年") is False
    """
    f = _norm(fact)
    if f[:1].isdigit():
        return re.search(rf"(?<![\d.]){re.escape(f)}(?![\d.])" if f[-1].isdigit() else rf"(?<![\d.]){re.escape(f)}",
                         pool) is not None
    return f in pool


@dataclass(frozen=True)
class Verification:
    """The outcome of checking an answer: the repaired text and what could not be supported."""

    text: str  # the answer with markers to no source removed
    cited: tuple[int, ...]  # valid markers used, in order of first use
    removed_markers: tuple[int, ...]
    unsupported: tuple[tuple[str, str], ...]  # (sentence, fact not found in its cited sources)
    uncited_facts: tuple[str, ...]  # sentences stating facts with no marker at all
    refused: bool

    @property
    def ok(self) -> bool:
        """True when every stated fact is found in a source the sentence cites."""
        return self.refused or (bool(self.cited) and not self.unsupported and not self.uncited_facts)


def verify_answer(text: str, sources: dict[int, str], refusal: str) -> Verification:
    """Check an answer whose [n] markers refer to sources[n].

    Markers pointing to no source are removed; every fact of a cited sentence must appear in one of
    the sentence's cited sources; a sentence that states facts without any marker is reported.
    """
    refused = _norm(refusal.rstrip("。")) in _norm(text) and len(_norm(text)) <= len(_norm(refusal)) + 10
    removed = sorted({int(n) for n in MARKER_RE.findall(text) if int(n) not in sources})
    repaired = MARKER_RE.sub(lambda m: m.group(0) if int(m.group(1)) in sources else "", text).strip()
    cited: list[int] = []
    unsupported: list[tuple[str, str]] = []
    uncited: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_RE.findall(repaired)):
        if not sentence:
            continue
        markers = [int(n) for n in MARKER_RE.findall(sentence)]
        for n in markers:
            if n not in cited:
                cited.append(n)
        facts = facts_in(sentence)
        if not facts:
            continue
        if not markers:
            if not refused:
                uncited.append(sentence)
            continue
        pool = _norm("\n".join(sources[n] for n in markers))
        unsupported.extend((sentence, f) for f in facts if not _found(f, pool))
    return Verification(text=repaired, cited=tuple(cited), removed_markers=tuple(removed),
                        unsupported=tuple(unsupported), uncited_facts=tuple(uncited), refused=refused)
