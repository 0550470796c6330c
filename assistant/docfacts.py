"""Document facts: what a document's header, notice, preamble and signature say about it, and the
documents it names as its basis.
"""

from __future__ import annotations

import re

from assistant.evidence import ClauseRanker, Thresholds, judge
from assistant.forms import Draft, Numbered, cite, doc_fact, effective, label, refuse
from assistant.outline import Outline, within
from assistant.query import content_terms, detect_intent, doc_fact_intents
from assistant.types import Citation
from assistant.wording import ADOPTED_WHEN, ISSUED_WHEN
from vectorstore.hybrid import HybridSearcher, as_hit
from vectorstore.scope import Scope, in_order
from vectorstore.store import StoredChunk
from vectorstore.types import Hit

# When it was issued, asked as a time (「哪天通过、哪天发布」); not 「第几号令公布的」, which asks the 令.
_ISSUED_ASKED = re.compile(r"(?:哪天|哪一天|何时|什么时候|哪一?年|几月几日|日期|时间)[^，,。？?]{0,8}?(?:%s)|(?:%s)的?(?:日期|时间)"
                           % ((ISSUED_WHEN.pattern,) * 2))


class DocFacts:
    """文号, issuer, dates, 主送, 抄送, the documents it implements: read from the header, notice and signature."""

    def __init__(self, searcher: HybridSearcher, ranker: ClauseRanker, thresholds: Thresholds, outline: Outline) -> None:
        self.searcher = searcher
        self.ranker = ranker
        self.th = thresholds
        self.outline = outline

    def answer(self, question: str, hits: list[Hit], scope: Scope) -> Draft:
        """Every document fact the question asks for, one after another, each cited."""
        found = self.outline.doc_of(hits, scope)
        if found is None:
            return refuse()
        doc_id, first = found
        chunks = self.searcher.chunks_of(doc_id)
        head = [c for c in chunks if c.metadata.get("kind") in ("notice", "preamble")] or chunks[:2]
        # a law states what it implements in its first article: 「为了实施《职工带薪年休假条例》…，制定本实施办法」
        head += [c for c in chunks if str(c.metadata.get("section", "")).startswith("第一条") and c not in head][:1]
        drafts: list[Draft] = []
        answered: set[str] = set()  # the intents a draft answered
        asked = doc_fact_intents(question) or [detect_intent(question)]
        adopted = ADOPTED_WHEN.search(question)
        if "date" in asked and "approval" not in asked and adopted and \
                _ISSUED_ASKED.search(question.replace(adopted.group(0), "")):
            asked.insert(asked.index("date"), "approval")  # 「哪天通过、哪天发布」: both steps, each its own date
        for intent in asked:
            if intent == "date" and ADOPTED_WHEN.search(question) and not _ISSUED_ASKED.search(question):
                intent = "approval"  # "哪一天通过的": the step that adopted it, not the date of this version
            if intent in answered or (intent == "doc_number" and "origin" in answered):
                continue  # asked twice in one question ("哪天通过…经哪个机关批准"), or the first 令's number: answered once
            if intent == "effective":
                drafts.append(effective(f"《{first.metadata.get('title', '')}》", first, chunks))
            else:
                drafts.append(doc_fact(intent, first, head, question))
            if not drafts[-1].refused:
                answered.add(intent)
        if not answered:
            return drafts[0]
        marks = Numbered()
        lines = []
        for d in drafts:
            text = d.text
            for c in d.citations:
                text = text.replace(f"[{c.marker}]", marks.mark(_source_of(c, chunks, first), c.quote))
            lines.append(text)
        return Draft(text="\n".join(lines), refused=False, citations=tuple(marks.citations))

    def referenced(self, question: str, hits: list[Hit], scope: Scope) -> Draft | None:
        """A document the scoped one refers to (依据/落实/按照 《…》（文号）): its title and 文号, from the
        clause that names it, the one closest to the question."""
        terms = content_terms(question)
        chunks = self.searcher.chunks_of(scope.doc_ids[0]) if scope.doc_ids and len(scope.doc_ids) == 1 else []
        head = [as_hit(c) for c in chunks if c.metadata.get("kind") in ("notice", "preamble")]
        clauses = self.ranker.rank(question, terms, [*hits, *(h for h in head if h.chunk_id not in {x.chunk_id for x in hits})],
                                   "general")
        # The cited document whose own title and 文号 carry most of the question's words (中办、国办 -> 中办发,
        # 国务院办公厅; 试点 -> 《关于开展…试点工作的意见》), then the clause that fits the question, then rank.
        found = [(c, m) for c in clauses[:10] if (m := _NAMED_NUMBER.search(c.text))
                 and (judge(c, terms, self.th) or not terms or c.hit.metadata.get("kind") in ("notice", "preamble")
                      or (scope.section_ref and within(c.hit.section, scope)))]  # "第七部分的试点依据哪个文件"
        if not found:
            return None
        c, named = max(found, key=lambda f: (sum(abbreviates(t, f[1].group(0)) for t in terms),
                                             judge(f[0], terms, self.th), -clauses.index(f[0])))
        title, number = named.group(1), named.group(2)
        return Draft(text=f"{title}，文号为{number}。\n根据{label(c.hit)}：{c.text}[1]", refused=False,
                     citations=(cite(1, c.hit, c.text),))


# 《title》（文号） as documents cite each other.
_NAMED_NUMBER = re.compile(r"(《[^》]{2,80}》)\s*[（(]([\u4e00-\u9fa5]{1,12}[〔\[［]\d{4}[〕\]］]\s*第?\d{1,4}号)[)）]")


def _source_of(c: Citation, chunks: list[StoredChunk], default: StoredChunk) -> StoredChunk:
    """The stored chunk a citation was made from."""
    return next((x for x in chunks if x.chunk_id == c.chunk_id), default)


def unindexed(names: list[str], titles: list[str]) -> list[str]:
    """The names no title stands for, once a name's 中华人民共和国, 国务院 or 关于 is set aside.

    Example: unindexed(["行政处罚法", "中华人民共和国行政许可法"], ["中华人民共和国行政许可法"]) is ["行政处罚法"]
    """
    return [n for n in dict.fromkeys(names)
            if not any(abbreviates(re.sub(r"^(中华人民共和国|国务院|关于)", "", n), t) for t in titles)]


def abbreviates(short: str, title: str) -> bool:
    """Whether short names title: its characters appear in the title in order (保密法 -> 保守国家秘密法).

    Example: abbreviates("保密法", "中华人民共和国保守国家秘密法") is True; abbreviates("行政处罚法", "行政许可法") is False
    """
    return in_order(short, title)

