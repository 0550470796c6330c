"""Across documents: one line per document that addresses a topic, and comparisons answered once per
region or year, each from its own documents.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace

from assistant.evidence import ClauseRanker, Thresholds, coverage, judge
from assistant.forms import Draft, cn_date, items, named_doc_label, refuse, renumbered
from assistant.query import content_terms, detect_intent
from assistant.types import Citation
from assistant.wording import QUOTED, head_terms, remove_place
from ingest.regions import region_surfaces
from prompts import load_prompt
from vectorstore.hybrid import HybridSearcher
from vectorstore.scope import DOC_PAIR, Scope, without_doc_names
from vectorstore.store import StoredChunk
from vectorstore.types import Hit


class Across:
    """Questions over several documents: which of them address a topic, and what each side of a comparison says."""

    def __init__(self, searcher: HybridSearcher, ranker: ClauseRanker, thresholds: Thresholds,
                 answer: Callable[[str, list[Hit], Scope], Draft]) -> None:
        self.searcher = searcher
        self.ranker = ranker
        self.th = thresholds
        self.answer = answer  # one side of a comparison is a question of its own

    def cross_doc(self, question: str, scope: Scope) -> Draft:
        """One line per document that addresses the topic."""
        terms = content_terms(question)
        hits = self.searcher.search(question, k=40, scope=scope)
        rows: list[tuple[Hit | StoredChunk, str, str]] = []
        seen: set[str] = set()
        head = head_terms(question)
        quoted = QUOTED.findall(question)
        for doc_id in dict.fromkeys(h.doc_id for h in hits):
            # a document's sections that carry the topic's words first: its best-ranked ones may be about the
            # document's other words ("哪些文件提到了领导小组": 七、（一） of the 2012 plan, not its first hits)
            doc_hits = sorted((h for h in hits if h.doc_id == doc_id), key=lambda h: -coverage(terms, h.text))[:4]
            clauses = self.ranker.rank(question, terms, doc_hits, "general")
            # "提到了医疗机构的院务公开": a clause naming 院务公开, the head of the phrase, mentions it too
            good = [c for c in clauses if c.lexical_ctx >= 0.5 or c.semantic >= self.th.semantic
                    or (head and all(t in c.text for t in head) and judge(c, terms, self.th))]
            # a name the question quotes (“三公”经费) is mentioned only where it is said
            good = [c for c in good if all(q in c.text for q in quoted)]
            if good and doc_id not in seen:
                seen.add(doc_id)
                said = good[0].text
                if _WHAT_EACH_SAYS.search(question):  # 「各自怎么要求的」: the section's other clauses on the topic too
                    topic = head or terms
                    more = sorted((c for c in clauses if c.hit.chunk_id == good[0].hit.chunk_id and c is not good[0]
                                   and any(t in c.text for t in topic)), key=lambda c: c.index)[:2]
                    said = "".join(c.text for c in sorted([good[0], *more], key=lambda c: c.index))
                rows.append((good[0].hit, f"{named_doc_label(good[0].hit)}{good[0].hit.section}：", said))
        if not rows:
            return refuse()
        return items(f"共有{len(rows)}份文件涉及：", rows)

    def by_document(self, question: str, scope: Scope) -> Draft:
        """The same question asked of each named document, one line each, citations numbered through."""
        # each document is asked the question without the names of them all ("…方案和…意见对IPv6提了什么要求")
        paired = DOC_PAIR.sub("", question, count=1)
        if paired == question:  # 「矿产资源法和节约用水条例里…」: names DOC_PAIR does not read as a pair, each left out
            paired = without_doc_names(question, scope, self.searcher.docs)
        # (「两部法规分别…」: the texts counted are no words to search each by)
        asked = re.sub(r"分别|各自|各(?=是)|(?:两|这两|那两)(?:部|份|个)(?:法规|法律|文件|条例|规定|办法)", "", paired)
        lines: list[str] = []
        cites: list[Citation] = []
        for doc_id in scope.doc_ids or ():
            own = replace(scope, doc_ids=(doc_id,))
            draft = self.answer(asked, self.searcher.search(asked, k=5, scope=own), own)
            title = next((d.title for d in self.searcher.docs if d.doc_id == doc_id), doc_id)
            said = "根据现有文件未找到相关内容。" if draft.refused else renumbered(draft, cites)
            lines.append(said if said.startswith(f"《{title}》") else f"《{title}》：{said}")
        if not cites:
            return refuse()
        dated = sorted((d.date, d.title) for d in self.searcher.docs if d.doc_id in (scope.doc_ids or ()) and d.date)
        if (first := _WHICH_FIRST.search(question)) and len(dated) == len(scope.doc_ids or ()) >= 2 and dated[0][0] != dated[1][0]:
            # 「哪个成文更早」: the dates each line gives, compared
            date, title = dated[-1] if first.group(1) in "晚后" else dated[0]
            lines.append(f"{'更晚' if first.group(1) in '晚后' else '更早'}的是《{title}》（{cn_date(date)}）。")
        return Draft(text="\n".join(lines), refused=False, citations=tuple(cites))

    def compare(self, question: str, scope: Scope) -> Draft:
        """Answer once per named region (or year), each with its own retrieval and citation."""
        indexed_years = {d.year for d in self.searcher.docs if d.year}
        years = [f"{y}年" for y in dict.fromkeys(int(y) for y in re.findall(r"(\d{4})\s*年", question)) if y in indexed_years]
        keys: list[str] = list(scope.regions) if len(scope.regions) >= 2 else years
        pairs = _region_years(question, scope.regions)
        if len(pairs) > len(keys):  # "上海13年、静安17年、上海19年": three sides, each a place in a year
            keys = list(pairs)
        if len(keys) < 2:
            plain = re.sub(r"分别(是|有)(什么|哪些)", "有哪些", question)
            plain = re.sub(r"分别|各自|对比|比较", "", plain)
            # "城市和农村有区别吗": two cases inside one rule, not two documents: the rule answers both
            plain = _DIFFERENCE.sub("", plain)
            for a, b in itertools.pairwise(region_surfaces(plain)):  # 「广东和福建落实了多少」 of one national text:
                plain = re.sub(rf"({a})(?:和|与|跟|同|及)({b})", r"\1、\2", plain)  # what it says of both, no sides
            hits = self.searcher.search(plain, k=5, scope=scope)
            return self.answer(plain, hits, scope) if detect_intent(plain) != "compare" else refuse()
        # each side is asked what the question asks, not whether the sides differ
        core = _DIFFERENCE.sub("", re.sub(r"分别|各自|对比|比较|和|与|及", " ", question))
        lines: list[str] = []
        cites: list[Citation] = []
        named = set(scope.regions)
        for key in keys:
            sub = core
            for other in keys:
                if other in pairs:
                    sub = sub.replace(pairs[other], " ") if other != key else sub
                elif other != key:
                    for region in scope.regions if other.endswith("年") else ():  # "静安17年的要点": the year's place
                        base = re.escape(region.rstrip("市区省"))
                        sub = re.sub(rf"{base}[市区省]?的?{other}|{other}的?{base}[市区省]?", other, sub)
                    sub = remove_place(sub, other)
            if len(scope.years) == 1 and key in scope.regions and str(scope.years[0]) not in sub:
                sub = f"{scope.years[0]}年{sub}"  # 「上海和成都2013年…」: the one year is both places' year
            sub_scope = self.searcher.scope(sub)
            if key.endswith("年") and key not in pairs:  # the year's side reads that year's documents, whatever else the side names
                of_year = [d.doc_id for d in self.searcher.docs if f"{d.year}年" == key]
                kept = tuple(d for d in (sub_scope.doc_ids if sub_scope.doc_ids is not None else of_year) if d in of_year)
                sub_scope = Scope(**{**sub_scope.__dict__, "doc_ids": kept})
            if sub_scope.doc_ids and named:
                # 上海市 beside 静安区: the city's side keeps the city's own documents, not the district's.
                own = tuple(d.doc_id for d in self.searcher.docs if d.doc_id in sub_scope.doc_ids
                            and not (d.region in named and d.region != key and not key.endswith("年")))
                sub_scope = Scope(**{**sub_scope.__dict__, "doc_ids": own})
            if sub_scope.doc_ids is not None and not sub_scope.doc_ids:
                lines.append(f"{key}：现有文件中没有对应的文件。")
                continue
            hits = self.searcher.search(sub, k=5, scope=sub_scope)
            draft = self.answer(sub, hits, sub_scope) if detect_intent(sub) != "compare" else refuse()
            if draft.refused or not draft.citations:
                lines.append(f"{key}：根据现有文件未找到相关内容。")
                continue
            lines.append(f"{key}：{renumbered(draft, cites)}")
        refused = not cites
        return Draft(text="\n".join(lines) if not refused else load_prompt("refusal"), refused=refused,
                     citations=tuple(cites))


# 「各自怎么要求的」「各说了啥」: what each document says, not only that it mentions the topic.
_WHAT_EACH_SAYS = re.compile(r"各自|各说|分别(?:说|讲|是怎么|怎么|提了|作了|做了|有)|(?:说|讲)了(?:些)?(?:什么|啥)|怎么(?:要求|说|规定|提)")
# 「哪个成文更早」「哪份先发」: which of the documents named came first (or last).
_WHICH_FIRST = re.compile(r"哪(?:份|个|一份|一个|部)[^，,。？?]{0,6}?(?:更|较|最)?(早|晚|先|后)(?:[^，,。？?]{0,4})?(?:[？?，,]|$)")
_DIFFERENCE = re.compile(r"(有没有|有无|有)?(什么|何)?(区别|不同|差别|异同)(吗|呢)?|"
                         r"[，,]?(两者|两份|二者)?(的)?(说法|提法|要求|规定)?(是否|是不是)?(一样|相同|一致)(吗|不|么|呢)?")


def _region_years(question: str, regions: tuple[str, ...]) -> dict[str, str]:
    """Each place written with a year ("上海2013年", "2017年静安区"), as the side's name and the words that name it.

    Example: _region_years("上海2013年、静安2017年、上海2019年", ("上海市", "静安区")) has three sides
    """
    if not regions:
        return {}
    names = "|".join(re.escape(r.rstrip("市区省")) for r in regions)
    found: dict[str, str] = {}
    for m in re.finditer(rf"({names})[市区省]?的?(\d{{4}}年)|(\d{{4}}年)的?({names})[市区省]?", question):
        place, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        found.setdefault(f"{place}{year}", m.group(0))
    return found

