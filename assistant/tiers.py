"""Tiers a text sets by a figure, and the one a question's own figure falls in.

「累计缴费满一年不足五年的，…最长为十二个月；累计缴费满五年不足十年的，…最长为十八个月；累计缴费十年以上的，…」:
one clause per tier. A user who tells their own figure (「我交了七年」) asks about the tier it falls in, whichever
clause the words alone rank first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.evidence import Clause
from assistant.normalize import arabic_figures, cn_number

# The units a tier and a told figure must share: 个月 and 月 alike, 天 and 日 alike.
_UNIT = r"(个月|月|年|周岁|岁|日|天|小时|元|万元|人|名|分|公里|千米|平方米|米|公顷|亩|万立方米|立方米|吨|户|次)"
_SAME_UNIT = {"个月": "月", "天": "日", "周岁": "岁", "名": "人", "千米": "公里"}
_NUMBER = r"(\d+(?:\.\d+)?)"
# A figure told, not asked: 「交了7年」「工作满15年」 (not 「几年」「多少年」, nor a calendar year 2019年).
_TOLD = re.compile(rf"(?<![\d.第])(?<!多少){_NUMBER}\s*(?:多|余)?\s*{_UNIT}")  # 「占地六十多公顷」
# A bound the asker names: 「使用期限不到一年」 is just under a year, 「超过三十人」 just over thirty.
_UNDER, _OVER = ("不到", "不足", "不满", "未满", "少于", "低于"), ("超过", "高于", "多于")
_TOLD_RANGE = re.compile(rf"(?<![\d.第]){_NUMBER}\s*{_UNIT}?\s*(?:到|至|-|~|～)\s*{_NUMBER}\s*{_UNIT}")
# Tiers a text sets: 满A不足B, A以上B以下 / A至B, A以上 / 满A, 不满A / 不足A / A以下.
_BETWEEN = re.compile(rf"(?:(?<![不未])满|超过)?{_NUMBER}\s*{_UNIT}?(?:以上)?(?:不足|不满|未满|至|到|－|-|~|～)(?:不足)?{_NUMBER}\s*{_UNIT}(?:以下)?")
_AT_LEAST = re.compile(rf"(?:(?<![不未])满|超过|不少于){_NUMBER}\s*{_UNIT}(?:以上)?(?![^，；。]{{0,2}}(?:不足|不满|未满|至|到))|"
                       rf"(?<![满到至足])(?<!超过){_NUMBER}\s*{_UNIT}以上(?![^，；。]{{0,12}}\d+\s*\S{{0,2}}以下)")
_BELOW = re.compile(rf"(?:不满|不足|未满|少于){_NUMBER}\s*{_UNIT}|(?<![至到足满]){_NUMBER}\s*{_UNIT}以下")


@dataclass(frozen=True)
class Tier:
    """A range of one unit: low (inclusive) to high (exclusive); None for an open end."""

    unit: str
    low: float | None
    high: float | None

    def holds(self, value: float) -> bool:
        """Whether value falls in the range."""
        return (self.low is None or value >= self.low) and (self.high is None or value < self.high)


def same_unit(unit: str | None) -> str:
    """A unit said one way: 个月 as 月, 天 as 日, 周岁 as 岁.

    Example: same_unit("天") == "日"; same_unit("年") == "年"
    """
    return _SAME_UNIT.get(unit or "", unit or "")


def told_figures(question: str) -> list[tuple[float, str]]:
    """The figures a question tells of its own case, with their units.

    Example: told_figures("我和单位一起交了七年失业保险，能领多久？") == [(7.0, "年")]
    """
    # 「占地六十多公顷」: a round figure and more falls in the tier its figure does
    text = arabic_figures(re.sub(r"([零一二两三四五六七八九十百千万]+)(?=[多余])", lambda m: str(cn_number(m.group(1)) or m.group(1)), question))
    # 「12到14岁的孩子」: a range told stands for its lower end (12 falls in 已满十二周岁不满十四周岁, not in 满十四周岁…)
    ranges = [(float(m.group(1)), same_unit(m.group(4))) for m in _TOLD_RANGE.finditer(text)]
    text = _TOLD_RANGE.sub("", text)
    return ranges + [(_told_value(float(m.group(1)), text[:m.start()]), same_unit(m.group(2))) for m in _TOLD.finditer(text)
                     if not (same_unit(m.group(2)) == "年" and len(m.group(1)) == 4)]


def _told_value(value: float, before: str) -> float:
    """A figure told with a bound before it, as the case it stands for: 不到1年 just under one, 超过30人 just over thirty.

    Example: _told_value(1.0, "使用期限不到") < 1.0 < _told_value(1.0, "超过")
    """
    return value - 0.001 if before.endswith(_UNDER) else value + 0.001 if before.endswith(_OVER) else value


def tier_of(sentence: str) -> Tier | None:
    """The one tier a clause sets, or None when it sets none (or several).

    Example: tier_of("累计缴费满五年不足十年的，领取失业保险金的期限最长为十八个月；") == Tier("年", 5.0, 10.0)
    """
    if not _conditions(sentence):
        return None
    text = arabic_figures(sentence)
    found: list[Tier] = []
    for m in _BETWEEN.finditer(text):
        found.append(Tier(same_unit(m.group(2) or m.group(4)), float(m.group(1)), float(m.group(3))))
    rest = _BETWEEN.sub("", text)
    for m in _AT_LEAST.finditer(rest):
        value, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        found.append(Tier(same_unit(unit), float(value), None))
    for m in _BELOW.finditer(rest):
        value, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        found.append(Tier(same_unit(unit), None, float(value)))
    return found[0] if len(found) == 1 else None


def tiers_of(sentence: str) -> list[Tier]:
    """The tiers a clause sets, one per unit: 「占地面积五十公顷以上或者挖填土石方总量五十万立方米以上的」 sets one in 公顷
    and one in 立方米 (500000 of them); [] when a unit has more than one (the clause lists outcomes, not one case).

    Example: [t.unit for t in tiers_of("占地面积五十公顷以上或者挖填土石方总量五十万立方米以上的，报设区的市审批")] ==
    ["公顷", "立方米"]
    """
    if (one := tier_of(sentence)) is not None:
        return [one]
    if not _conditions(sentence):
        return []
    found = [tier_of(f"{piece}的，") for piece in re.split(r"或者|或|、|，|,", sentence.split("的，")[0])]
    tiers = [t for t in found if t is not None]
    return tiers if len({t.unit for t in tiers}) == len(tiers) else []


def _conditions(sentence: str) -> bool:
    """A tier sets a case (「…满五年不足十年的，」), not an outcome (「处五千元以上一万元以下罚款」)."""
    return bool(re.search(r"的[，,]", sentence))


def tier_first(question: str, clauses: Sequence[Clause], depth: int = 8) -> list[Clause]:
    """The clauses, with the tier the question's own figure falls in moved before a higher-ranked tier of the same
    unit it does not fall in (「交了七年」: 满五年不足十年 before 满一年不足五年), or before the top clause's general
    rule when its own article sets that tier; unchanged when the question tells no figure or no ranked tier holds it."""
    told = told_figures(question)
    if not told:
        return list(clauses)
    ranked = list(clauses)
    tiers = [tiers_of(c.text) for c in ranked[:_OWN_DEPTH]]
    head = ranked[:depth]
    fits = [i for i in range(len(head)) if _holds(tiers[i], told)]
    misses = [i for i in range(len(head)) if _concerns(tiers[i], told) and i not in fits]
    if not fits or not misses:
        return _own_article_tier(told, ranked, tiers)
    fit = fits[0]
    if misses[0] > fit and head[fit].hit.chunk_id != head[0].hit.chunk_id:
        return ranked  # the tier asked already leads its article's others, and another article leads all
    return [head[fit]] + [c for i, c in enumerate(head) if i != fit] + ranked[depth:]


# How far down the ranking a tier of the top clause's own article is looked for.
_OWN_DEPTH = 12


def _holds(tiers: list[Tier], told: list[tuple[float, str]]) -> bool:
    """Whether a told figure falls in one of a clause's tiers of its unit."""
    return any(t.unit == u and t.holds(v) for t in tiers for v, u in told)


def _concerns(tiers: list[Tier], told: list[tuple[float, str]]) -> bool:
    """Whether a clause sets a tier in the unit of a told figure."""
    return any(t.unit == u for t in tiers for _v, u in told)


def _own_article_tier(told: list[tuple[float, str]], clauses: list[Clause], tiers: list[list[Tier]]) -> list[Clause]:
    """The top clause's general rule, then a tier of the same article the told figure falls in, first: 「占地六十多公顷，
    …报哪一级审批」 is answered by 「占地面积五十公顷以上…的，应当报设区的市…审批」, not by 「报县（市、区）…审批」.
    tiers: those of the first clauses, in order."""
    if not clauses:
        return clauses
    own = [i for i, c in enumerate(clauses[:len(tiers)]) if c.hit.chunk_id == clauses[0].hit.chunk_id]
    held = [i for i in own if _holds(tiers[i], told)]
    missed = [i for i in own if _concerns(tiers[i], told) and i not in held]
    if held and missed:
        return clauses  # the article sets a tier the figure is not in as well: the ranking decides
    if held:
        fit: int | None = held[0]
    elif missed and missed[0] == 0:  # 「占地十公顷」 where the top clause is the 三十公顷以上 tier: the article's general rule
        fit = next((i for i in own if not tiers[i]), None)
    else:
        fit = None
    return clauses if not fit else [clauses[fit]] + clauses[:fit] + clauses[fit + 1:]


def tier_holds(told: str, text: str) -> bool:
    """Whether a figure told (「7年」) falls in a tier one of text's sentences sets: the text states it, as a range.

    Example: tier_holds("7年", "累计缴费满一年不足五年的，…十二个月；累计缴费满五年不足十年的，…十八个月；") is True
    """
    figures = told_figures(told)
    return bool(figures) and any(
        any(tier.unit == u and tier.holds(v) for tier in tiers_of(sentence) for v, u in figures)
        for sentence in re.split(r"(?<=[；;。])", text))
