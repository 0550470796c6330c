"""Which of the ranked clauses answers first: the one that denies what the question denies, states the figures or
the case it names, and whose section states every year, place or body it pins down; and the words they are
ranked by when one document is asked about (not its title's).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.evidence import Clause, constraint_gaps, figures
from assistant.quoting import LISTS_CASES
from assistant.tiers import tier_holds
from assistant.wording import ASKS_CASES
from vectorstore.scope import ALIASES, Scope, scoped_title

_NEGATED = re.compile(r"(?:没有|未|无|不)(?:作|做|经|曾)?(约定|规定|明确|申请|登记|备案|批准|同意)")


_ASKED_NOT = re.compile(r"(?:不予|不得|不能|不会|不用|无需|不)([\u4e00-\u9fa5]{2})")


def negated_first(question: str, clauses: list[Clause]) -> list[Clause]:
    """Among the best clauses, those that deny what the question denies come first: 「哪些事法院不受理」 is
    answered by 「人民法院不予受理」, not by the 「应当受理」 list beside it (stable otherwise)."""
    m = _ASKED_NOT.search(question)
    if not m:
        return clauses
    denied = re.compile(rf"(?:不予|不得|不能|不|无需|不再)(?:[\u4e00-\u9fa5]{{0,2}}){m.group(1)}")
    top = clauses[:10]
    return sorted(top, key=lambda c: not denied.search(c.text)) + clauses[10:]


def figures_first(question: str, clauses: list[Clause], window: int = 8) -> list[Clause]:
    """Among the best clauses, those stating the figures the question names come first: 「只有两家厂家入围…」 is
    answered by 「入围生产企业为2家的，采取议价采购」, not by the 1家 case beside it (stable otherwise)."""
    asked = {f for f in figures(re.sub(r"哪一|多少|几", "", question)) if not f[-1].isdigit()}
    if not asked:
        return clauses
    top = clauses[:window]
    stated = {id(c): len(asked & figures(c.text)) for c in top}
    if not top or max(stated.values()) <= stated[id(top[0])]:
        return clauses
    return sorted(top, key=lambda c: -stated[id(c)]) + clauses[window:]


def same_polarity(question: str, clauses: list[Clause]) -> list[Clause]:
    """Clauses stating the case the question puts first: "没有约定…的" is answered by 「未作约定的」, not by
    「有约定的」 beside it (stable otherwise).

    Example: for "没有约定利率的按什么利率计算", 「未作约定的，按照每日利率万分之五」 comes before 「有约定的，…」
    """
    m = _NEGATED.search(question)
    if not m:
        return clauses
    negated = re.compile(r"(?:没有|未|无|不)(?:作|做|经|曾)?" + m.group(1))
    return sorted(clauses, key=lambda c: not negated.search(c.text))


# A condition a question puts in the negative: 「没有固定收入的」「无民事行为能力」「没经同意」「未成年」.
_NEGATED_CASE = re.compile(r"(?<![有])(?:没有|没|无|未)(?:作|做|经|曾)?([\u4e00-\u9fa5]{2})")


def opposite_case(question: str, text: str) -> bool:
    """Whether a clause states the positive case of a condition the question negates: 「受害人有固定收入的，…」 for
    「没有固定收入的话误工费按什么算」 (its neighbour 「受害人无固定收入的，…」 is the one asked).

    Example: opposite_case("没有固定收入的话按什么算", "受害人有固定收入的，按实际减少的收入计算") is True
    """
    for m in _NEGATED_CASE.finditer(question):
        # the positive case said as one (「有固定收入的」), not the word in passing (「没有身份证」 is the story's,
        # and a clause on 「证明身份」 no other case of it)
        # (a question that says both, 「没资质的借有资质的公司的名义」, puts no case first)
        positive = re.compile(r"(?<![没无])有" + m.group(1))
        negated = re.compile(r"(?:没有|没|无|未|不|缺乏|不具备|不具有)(?:作|做|经|曾)?" + m.group(1))
        if positive.search(text) and not negated.search(text) and not positive.search(question):
            return True
    return False


def off_title(terms: list[str], scope: Scope, docs: list[Any]) -> list[str]:
    """Without the words of the one scoped document's title when other words remain: 「举报危害国家安全行为获奖后
    多长时间内领取奖励」 in the 公民举报危害国家安全行为奖励办法 is about 获奖 and 领取, which every clause's
    举报/国家安全 would outweigh."""
    if not scope.doc_ids or len(scope.doc_ids) != 1:
        return terms
    title = scoped_title(scope, docs)
    rest = [t for t in terms if t not in title and dict(ALIASES).get(t, "\0") not in title]  # 国办: 国务院办公厅
    return rest if rest and title else terms


def section_gaps(question: str, c: Clause, scope: Scope) -> list[str]:
    """What the question pins down that the clause's section does not state."""
    meta = c.hit.metadata
    # A piece that continues a 「到2025年，…」 paragraph states that year though its own text does not.
    year = f"到{meta['year_scope']}年" if meta.get("year_scope") else ""
    evidence = f"{meta.get('headings', '')} {year} {c.hit.text}"
    gaps = constraint_gaps(question, evidence, (*scope.years, int(meta.get("year") or 0)),
                           f"{meta.get('title', '')} {meta.get('region', '')}", str(meta.get("date") or ""))
    # 「我交了七年」: a figure of the asker's own case is stated by the tier it falls in (满五年不足十年)
    return [g for g in gaps if not tier_holds(g, c.hit.text)]


def without_gaps(question: str, fitting: list[Clause], scope: Scope) -> Clause | list[str]:
    """The first clause whose section states everything the question pins down, else the first clause's gaps."""
    gaps: list[str] = []
    for c in fitting:
        found = section_gaps(question, c, scope)
        if not found:
            return c
        gaps = gaps or found
    return gaps


def cases_first(question: str, clauses: list[Clause], window: int = 8) -> list[Clause]:
    """Among the best clauses, the one that introduces a list of cases comes first when the question asks in which
    cases something applies: 「在哪些情况下可以征收」 is answered by 「有下列情形之一，确需征收房屋的，…：」, not by the
    article that only names 征收 (stable otherwise)."""
    if not ASKS_CASES.search(question):
        return clauses
    top = clauses[:window]
    return sorted(top, key=lambda c: not opens_cases(c)) + clauses[window:]


# A list of cases, not of things to do or decide: 「有下列情形之一的」「具备以下条件」.
CASES_LIST = re.compile(r"(?:下列|以下|如下)[^。；：:]{0,4}(?:情形|情况|条件|情节)|情形之一")


def opens_cases(c: Clause) -> bool:
    """Whether a clause opens a list of cases: it says so, or it opens the (一)… of a section that does
    (「…出现下列情形之一时，…；业主大会应当启动提前换届改选程序：」 opens its cases after a 「；」)."""
    if CASES_LIST.search(c.text) and LISTS_CASES.search(c.text):
        return True
    opens = c.text.rstrip().endswith(("：", ":")) or re.search(r"[（(]一[)）]", c.text) is not None
    return opens and CASES_LIST.search(c.hit.text) is not None
