"""Messages that ask several things at once: each part answered on its own scope, the later parts with the
first part's topic or the item it found, citations numbered through.

Example: 「多少天内作出决定？可以延长多久？」 -> the article on the time limit, then the clause on its extension.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.evidence import asked_unit, states_figure
from assistant.followup import unsaid
from assistant.forms import Draft, cite, label, recited, refuse, renumbered
from assistant.outline import Outline
from assistant.query import DOC_FACT_INTENTS, content_terms, detect_intent, doc_fact_intents
from assistant.types import Citation
from assistant.wording import (
    ASKS_RANGE,
    COUNT_LEAD,
    EACH,
    EACH_NAME,
    NAMES_SECTION,
    STRUCTURE_INTENTS,
    WHOLE_TEXT,
    question_parts,
    repeats,
)
from ingest.textutil import cn_to_int, int_to_cn, split_sentences
from vectorstore.hybrid import HybridSearcher
from vectorstore.scope import Scope, scoped_title
from vectorstore.types import Hit

# Answers a question of a given intent on hits and scope (the answerer's own dispatch by structure).
AnswerAs = Callable[[str, str, list[Hit], Scope], Draft]
# The intent a question has once the document's structure is considered.
IntentOf = Callable[[str, str, Scope], str]


# A later part that opens by pointing back at the document: 「它施行后…」「该条例…」「这部法…」.
_OPENING_POINTER = re.compile(r"^(?:那么?|那)?(?:它|其|该文件|该条例|该法|这个文件|这部法|这个条例|这份文件)")


class CompoundAnswerer:
    """Splits the work of a several-part message between the parts; each part is answered by answer_as."""

    def __init__(self, searcher: HybridSearcher, outline: Outline, answer_as: AnswerAs, intent_of: IntentOf,
                 content_as: AnswerAs | None = None) -> None:
        self.searcher = searcher
        self.outline = outline
        self.by_structure = answer_as
        self.intent_of = intent_of
        self.content_as = content_as or answer_as  # a part asked after document facts (it may name a text it cites)

    def with_content_parts(self, question: str, facts: Draft, scope: Scope) -> Draft:
        """Document facts, then the parts of the message that ask what the text says (「最早是哪年发布的？后来修订过
        吗？它出台后废止了哪个旧办法？」: the 废止 is in 第二十四条, no fact of the header)."""
        parts = question_parts(question)
        rest = [p for p in parts if not doc_fact_intents(p) and content_terms(p) and detect_intent(p) not in DOC_FACT_INTENTS]
        if facts.refused or not rest or len(rest) == len(parts):
            return facts
        cites = list(facts.citations)
        lines = [facts.text]
        title = scoped_title(scope, self.searcher.docs) if scope.doc_ids and len(scope.doc_ids) == 1 else ""
        for part in rest:
            # 「它施行后废止了哪个老条例」: the document the message named, said in the pronoun's place
            asked = (_OPENING_POINTER.sub(title, part, count=1) if title else part) + "？"
            draft = self.content_as(asked, self.intent_of(asked, detect_intent(asked), scope),
                                    self.searcher.search(asked, k=5, scope=scope), scope)
            if not draft.refused and not repeats(draft.text, "\n".join(lines)):
                lines.append(renumbered(draft, cites))
        return Draft(text="\n".join(lines), refused=False, citations=tuple(cites))

    def answer(self, parts: list[str], hits: list[Hit], scope: Scope) -> Draft:
        """Two questions in one ("多少天内作出决定？可以延长多久？"): each answered, the later ones with the
        first one's topic, citations numbered through."""
        if any(NAMES_SECTION.search(p) for p in parts) and (
                not NAMES_SECTION.search(parts[0]) or any(WHOLE_TEXT.search(p) for p in parts[1:])):
            return self._structure_parts(parts, hits, scope)
        if (counted := self._counted_each(parts, hits, scope)) is not None:
            return counted
        whole_scope = scope
        scope = self._named_in(parts[0], scope)  # 「甲通知废止了什么？乙规定又废止了什么？」: each part its document
        own = self.searcher.search(parts[0], k=5, scope=scope) if content_terms(parts[0]) else []
        whole_hits = hits
        hits = own + [h for h in hits if h.chunk_id not in {x.chunk_id for x in own}]  # the first part's own best first
        opening = self.outline.last(parts[0], hits, scope)  # "最后一部分…提了哪些要求？简单概括下。"
        first_intent = self.intent_of(parts[0], detect_intent(parts[0]), opening)
        first = self.by_structure(parts[0] + "？", first_intent, hits, opening)
        if first.refused and own:  # a story told in the first part is read best with the whole message
            first = self.by_structure(parts[0] + "？", first_intent, whole_hits, scope)
        topic = " ".join(content_terms(parts[0])[:5])
        lines, cites = ([], []) if first.refused else ([first.text], list(first.citations))
        for part in parts[1:]:
            follow = self._structure_follow(part, parts[0], first, first_intent, hits, scope, cites)
            if follow is not None:  # a question about the text's structure: answered, or nothing new to add
                if not follow.refused:
                    lines.append(renumbered(follow, cites))
                continue
            if _answered_by_first(part, first, first_intent):
                continue
            about = _about(part, first, topic)
            # 「…继续盘问规定又废止了什么」: a part naming another document is asked of it, on its own topic;
            # 「第二块里讲热线的那一条，谁牵头？…又有啥要求」: a later part is asked of the item the first found
            named = self._named_in(part, whole_scope)
            other = named.doc_ids is not whole_scope.doc_ids and named.doc_ids != scope.doc_ids
            scope = named if other else _item_found(first, scope)
            sub = part + "？" if other else f"{about} {part}？"
            sub_hits = self.searcher.search(sub, k=5, scope=scope)
            # "…多长时间内审结？最多可以延长多久？": the same article usually answers the second part too
            cited = set() if other else {c.chunk_id for c in first.citations}
            sub_hits = [h for h in hits if h.chunk_id in cited] + [h for h in sub_hits if h.chunk_id not in cited]
            # Retrieved with the first part's topic, judged on its own words (the topic would favour any clause on it).
            # 「要是跨了两个省呢」 names too little of its own to be judged without the first part's topic
            asked = f"{part}？" if len(content_terms(part)) >= (2 if part.rstrip().endswith("呢") else 1) else sub
            stored = sub_hits
            if part.rstrip().endswith("呢") and not first.refused:  # 「要是跨了两个省呢」: the first part's question
                sub_hits = unsaid(sub_hits, first.text)  # in another case, asked with its topic, not answered again
            draft = recited(self.by_structure(asked, self.intent_of(asked, detect_intent(asked), scope),
                                               sub_hits, scope), stored)
            if not other and (_PARALLEL.search(part) or draft.refused or repeats(draft.text, "\n".join(lines))) and \
                    (sibling := _sibling_figure(part, first, hits, "\n".join(lines))) is not None:
                # (a part naming another document is answered from it: 「乙条例里…起诉期限又是多久」)
                # 「新建小区按啥标准配？老小区又是多少？」: the figure the first answer's article gives beside it
                draft = sibling
            if draft.refused or repeats(draft.text, "\n".join(lines)):
                continue  # nothing to add: the earlier answer already said it
            lines.append(renumbered(draft, cites))
        if first.refused:  # one part the documents do not answer does not hide the parts they do
            if not lines:
                return first
            lines.insert(0, f"关于“{parts[0].strip()}”：根据现有文件未找到直接规定。")
        return Draft(text="\n".join(lines), refused=False, citations=tuple(cites))

    def _counted_each(self, parts: list[str], hits: list[Hit], scope: Scope) -> Draft | None:
        """A count, then 「各是什么」: 「分成几节？各节叫什么？」 the count with each 节's title; 「依申请公开一共安排了
        几项工作？各是什么？」 the items of the part that topic heads, counted. None for other messages."""
        if len(parts) != 2:
            return None
        if "节" in parts[0] and EACH_NAME.search(parts[1].strip()) and detect_intent(parts[0]) == "count_items":
            return self.outline.count(hits, scope, "，".join(parts))
        if EACH.search(parts[1].strip()) and _COUNTED_WORK.search(parts[0]):
            listed = self.by_structure(f"{parts[0]}，分别是哪些？", "list", hits, scope)
            if not listed.refused and len(listed.citations) >= 2:
                return replace(listed, text=f"共{int_to_cn(len(listed.citations))}项。\n{listed.text}")
        return None

    def _named_in(self, part: str, scope: Scope) -> Scope:
        """The scope narrowed to the documents one part of a message names, when it names some of those scoped."""
        named = self.searcher.scope(part).doc_ids
        if not named or not scope.doc_ids or len(scope.doc_ids) < 2 or not set(named) < set(scope.doc_ids):
            return scope
        return replace(scope, doc_ids=tuple(named))

    def _structure_follow(self, part: str, opening: str, first: Draft, first_intent: str, hits: list[Hit],
                          scope: Scope, cites: list[Citation]) -> Draft | None:
        """A later part of a message that asks about the text's structure, answered on the right scope; a refusal
        when it adds nothing; None when the part asks about content."""
        if (last := self.outline.last(part, hits, scope)) is not scope:  # "…多少条？最后一条说的是什么？"
            return self.by_structure(part + "？", self.intent_of(part, detect_intent(part), last), hits, last)
        if (each := EACH.search(part.strip())) and not content_terms(part.strip()[each.end():]):
            # "一共有几条？分别讲什么？": the items just counted, each by its title
            wanted = "list" if scope.section_ref else "parts" if re.search(r"部分|章|大项", opening) else ""
            listing = self.outline.section(wanted, hits, scope, opening) if first_intent == "count_items" and wanted else None
            return listing or refuse()
        if (detect_intent(part) in STRUCTURE_INTENTS or ASKS_RANGE.search(part)) and \
                not content_terms(COUNT_LEAD.sub("", ASKS_RANGE.sub("", part))):
            # "…共有几章、多少条": a count of the same document, not of its topic's clauses; "…在哪一章？
            # 从第几条到第几条？": of the chapter the first part found
            within_found = _located(first, scope) if first_intent == "locate" and not first.refused else scope
            draft = self.by_structure(part + "？", self.intent_of(part, detect_intent(part), within_found),
                                       hits, within_found)
            said = {(c.doc_id, c.section) for c in cites}
            # an answer citing nothing new adds nothing, unless it says a range of articles the first did not
            # (「共5条（第三十七条至第四十一条）」 cites the last article, which the first part may have quoted)
            new = any((c.doc_id, c.section) not in said for c in draft.citations) or any(
                span not in first.text for span in _ARTICLE_RANGE.findall(draft.text))
            return draft if new and not draft.refused else refuse()
        return None

    def _structure_parts(self, parts: list[str], hits: list[Hit], scope: Scope) -> Draft:
        """Several structure questions in one ("共分几章？第三章下面分了几节？全法共多少条？"): each part on its own
        scope. A part that names a section is about it, and so are the parts after it that name nothing, until
        one speaks of the whole text (全法, 全文, 整部); a part before any named section is about the whole."""
        whole = replace(scope, part=None, item=None, article=None, paragraph=None, chapter=None, row=None)
        current = whole
        lines: list[str] = []
        cites: list[Citation] = []
        for part in parts:
            if WHOLE_TEXT.search(part) and not NAMES_SECTION.search(part):
                current = whole
            elif NAMES_SECTION.search(part):
                current = scope
            asked = part + "？"
            draft = self.by_structure(asked, self.intent_of(part, detect_intent(part), current), hits, current)
            if not draft.refused:
                lines.append(renumbered(draft, cites))
        if not lines:
            return refuse()
        return Draft(text="\n".join(lines), refused=False, citations=tuple(cites))


# A count of the tasks or measures a plan sets on a topic (not of its 章, 节, 条 or 部分).
_COUNTED_WORK = re.compile(r"(?:一共|总共|共)?(?:安排|部署|提出|提了|列了|有)了?几(?:项|个|条|点)(?:工作|任务|措施|要求|举措)")
# A range of articles an answer states: 「第三十七条至第四十一条」.
_ARTICLE_RANGE = re.compile(r"第[一二三四五六七八九十百零〇]+条至第[一二三四五六七八九十百零〇]+条")
# A later part that points at what the first part found: 「这项的完成时限」「它由谁牵头」.
_POINTS_BACK = re.compile(r"这一?项|这一?条|该项|这个任务|这件事|它")

def _located(draft: Draft, scope: Scope) -> Scope:
    """The scope narrowed to the chapter or part an answer located ("规定在…第四章"), else the scope as it is."""
    first = draft.citations[0].section if draft.citations else ""
    if m := re.fullmatch(r"第([一二三四五六七八九十百零〇]+)章", first):
        return replace(scope, chapter=cn_to_int(m.group(1)), doc_ids=(draft.citations[0].doc_id,))
    if m := re.fullmatch(r"([一二三四五六七八九十]+)、", first):
        return replace(scope, part=cn_to_int(m.group(1)), doc_ids=(draft.citations[0].doc_id,))
    return scope


def _item_found(draft: Draft, scope: Scope) -> Scope:
    """A scope naming a part (「第二块」) narrowed to the item of it the answer found (二、（十四）), so the
    question's later parts ask about that item, not the whole part.

    Example: a draft citing 二、（十四） and a scope of part 2 -> part 2, item 14
    """
    first = draft.citations[0].section if draft.citations else ""
    m = re.fullmatch(r"([一二三四五六七八九十]+)、（([一二三四五六七八九十]+)）", first)
    if not m or scope.part != cn_to_int(m.group(1)) or scope.item is not None:
        return scope
    return replace(scope, item=cn_to_int(m.group(2)), doc_ids=(draft.citations[0].doc_id,))


def _answered_by_first(part: str, first: Draft, first_intent: str) -> bool:
    """Whether the first answer already answers a later part: 「…有没有年龄要求？是哪一条规定的？」 (it cites the
    article), 「归谁牵头？具体落实的是哪些单位？」 (the note it gives names both)."""
    if first.refused or not first.citations:
        return False
    if detect_intent(part) == "locate" and not content_terms(part):
        return True
    quote, counter = first.citations[0].quote, asked_unit(part)[0]
    # 「死几个」 counts people with 个
    counters = (counter, "人") if counter == "个" else (counter,)
    if detect_intent(part) == "quantity" and all(t in quote for t in content_terms(part)) and \
            any(states_figure(quote, c, False, part) for c in counters):
        return True  # 「“较大事故”怎么划线？死几个、重伤几个？」: the definition quoted first gives the figures asked
    return first_intent == "lead" == detect_intent(part) and "责任单位" in first.text.split("\n", 1)[0]


def _about(part: str, first: Draft, topic: str) -> str:
    """What a later part is asked about: the first part's topic, or what the first answer found when the part
    points back at it (「任务分解表里这项的完成时限」) or asks only a time (「…多少个？截止到啥时候？」)."""
    if not first.citations:
        return topic
    if _POINTS_BACK.search(part):
        stated = first.text.split("\n", 1)[0]  # the fact the first answer states, else the clause it quotes
        said = stated if not stated.startswith("根据") else first.citations[0].quote
        return " ".join(content_terms(said)[:8]) or topic
    if not content_terms(part) and detect_intent(part) == "deadline":  # the time limit of the task it quotes
        return " ".join(content_terms(first.citations[0].quote)[:8]) or topic
    return topic


# A later part asked in parallel with the first: 「老小区又是多少？」「那要是跨省呢？」.
_PARALLEL = re.compile(r"又|呢\s*$")
# A figure with its unit (「二十平方米」「10个工作日」「6个月」): the unit tells figures of one kind apart.
_FIGURE_UNIT = re.compile(r"(?<![0-9])(?:[0-9]{1,3}(?:,[0-9]{3})*|[一二三四五六七八九十百千万两]+)\s*个?"
                          r"(工作日|小时|分钟|日|天|周|月|年|公里|千米|平方米|米|万元|元|%|％|次|人|户|周岁|岁)(?![0-9])")


def _sibling_figure(part: str, first: Draft, hits: list[Hit], said: str) -> Draft | None:
    """For a later part that asks a figure or a time, the sentence of the first answer's section that gives
    one of the same unit and was not said yet (the article's next 款), else None.

    Example: first answered 「…每百户不少于二十平方米…」 of 第十四条; 「老小区又是多少」 -> 「已建成生活区…每百户不少于
    十五平方米…」 of 第十四条
    """
    if first.refused or not first.citations or detect_intent(part) not in ("quantity", "deadline"):
        return None
    units = set(_FIGURE_UNIT.findall(first.text))
    hit = next((h for h in hits if h.chunk_id == first.citations[0].chunk_id), None)
    if not units or hit is None:
        return None
    for sentence in split_sentences(hit.text.replace("\n", "")):
        core = sentence.strip(" 。；;，,")
        if core and core not in said and units & set(_FIGURE_UNIT.findall(sentence)):
            return Draft(text=f"根据{label(hit)}：{sentence}[1]", refused=False, citations=(cite(1, hit, sentence),))
    return None
