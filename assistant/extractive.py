"""The offline answerer: decides what form of answer a question wants, finds the clauses that give it,
checks they really do, and composes a cited answer, or says plainly that the documents are silent.

Parts, one job each: assistant.query and assistant.wording (what is asked), assistant.evidence (which
clauses answer, and whether they do), assistant.forms (how the answer reads); the answers themselves come
from assistant.clause_answers (facts, figures, lists, summaries), assistant.outline (the section tree),
assistant.docfacts (header, notice and signature) and assistant.across (several documents). This module
decides which of them a question wants, and splits a message that asks several things.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.across import Across
from assistant.clause_answers import ClauseAnswers
from assistant.compound import CompoundAnswerer
from assistant.docfacts import DocFacts, abbreviates, unindexed
from assistant.evidence import ClauseRanker, Thresholds, asked_unit, asks_meaning, coverage, meaningful
from assistant.forms import Draft, doc_label, items, refuse
from assistant.outline import LAST_UNIT, TITLE_AND_CONTENT, Outline, item_text, matches
from assistant.query import DOC_FACT_INTENTS, content_terms, detect_intent
from assistant.wording import (
    ASKS_CASES,
    ASKS_RANGE,
    COUNT_LEAD,
    EACH_DOCUMENT,
    LEANS_ON_CONTEXT,
    NAMES_SECTION,
    REFERS,
    VERSION,
    WHOLE_TEXT,
    asks_if_said,
    question_parts,
)
from ingest.textutil import int_to_cn
from vectorstore.clauses import ClauseVector
from vectorstore.hybrid import HybridSearcher
from vectorstore.scope import Scope, scoped_title, without_doc_names
from vectorstore.types import Hit

__all__ = ["Draft", "ExtractiveAnswerer", "asked_unit", "content_terms", "coverage"]


class ExtractiveAnswerer:
    """Answers from retrieved hits without a language model."""

    def __init__(self, searcher: HybridSearcher, embed_query: Callable[[str], list[float]] | None = None,
                 clause_vectors: Callable[[list[str]], dict[str, list[ClauseVector]]] | None = None,
                 thresholds: Thresholds | None = None) -> None:
        self.searcher = searcher
        self.ranker = ClauseRanker(embed_query, clause_vectors)
        self.th = thresholds or Thresholds()
        self.outline = Outline(searcher)
        self.clause_answers = ClauseAnswers(searcher, self.ranker, self.th, self.outline)
        self.facts = DocFacts(searcher, self.ranker, self.th, self.outline)
        self.across = Across(searcher, self.ranker, self.th, self.answer)
        self.compound = CompoundAnswerer(searcher, self.outline, self._by_structure, self._structural_intent,
                                         self._content_part)

    def answer(self, question: str, hits: list[Hit], scope: Scope) -> Draft:
        """Compose a cited answer to question from hits, or a refusal."""
        if not meaningful(question):
            return refuse("请输入一个具体的问题。")
        parts = question_parts(question)
        if len(parts) == 1 and (parts[0].startswith("按") and not question.lstrip().startswith("按") or asks_if_said(question)):
            question = f"{parts[0]}？"  # 「…多长时间？条例有规定吗」: the source named after the question, not a yes/no
        intent = detect_intent(question)
        if intent == "general" and not content_terms(question) and LEANS_ON_CONTEXT.search(question):
            return refuse("（这个问题像是接着上一个问题问的，但没有上文。请把问题说完整，"
                          "例如「成都市2013年推进环境保护信息公开由谁牵头？」）")
        if (per_document := self._per_document(question, intent, parts, hits, scope)) is not None:
            return per_document
        if intent == "compare":
            return self.across.compare(question, scope)
        if (intent == "yes_no" or intent in DOC_FACT_INTENTS) and (checked := self._fact_checked(question, hits, scope)) is not None:
            return checked
        if (absent := self._not_in_library(question, scope)) is not None:
            return absent
        intent, referenced = self._of_document(question, intent, hits, scope)
        if referenced is not None:
            return referenced
        if intent in DOC_FACT_INTENTS:
            return self.compound.with_content_parts(question, self.facts.answer(question, hits, scope), scope)
        if intent == "cross_doc":
            return self.across.cross_doc(question, scope)
        if (of_section := self._of_section(question, intent, hits, scope)) is not None:
            return of_section
        if len(parts) >= 2:  # the pieces read once, above
            return self.compound.answer(parts, hits, scope)
        scope = self.outline.chapter_named(question, hits, self.outline.last(question, hits, scope))
        if scope.chapter and intent == "general" and _ASKS_JIE.search(question):
            intent = "list"  # 「那一章是怎么分节的」: its 节, each by its title
        return self._by_structure(question, self._structural_intent(question, intent, scope), hits, scope)

    def _content_part(self, question: str, intent: str, hits: list[Hit], scope: Scope) -> Draft:
        """A part of a message asked after its document facts: a text the document cites (「要点开头说要全面落实的
        是哪份中办、国办文件」), else what the document says."""
        intent, referenced = self._of_document(question, intent, hits, scope)
        return referenced if referenced is not None else self._by_structure(question, intent, hits, scope)

    def _per_document(self, question: str, intent: str, parts: list[str], hits: list[Hit], scope: Scope) -> Draft | None:
        """One answer per document named: what each says, or each part of the message asked of the document it names;
        None for other messages."""
        if scope.doc_ids and 2 <= len(scope.doc_ids) <= 4 and EACH_DOCUMENT.search(question) and (
                intent in DOC_FACT_INTENTS or scope.wants_parts or scope.wants_doc_facts or not scope.years and self._places_in_titles(scope)):
            # named by title or 文号 ("集约化试点方案和政务新媒体意见对IPv6分别提了什么要求"), or a fact or the parts
            # of each document however named ("上海和成都2013年的安排各是哪天发的"); other questions of places and
            # years are compared
            return self.across.by_document(question, scope)
        if len(parts) >= 2 and self._each_its_own_document(parts, scope):
            return self.compound.answer(parts, hits, scope)  # 「我在对比：甲条例里…多少天？乙条例里…又是多久？」
        return None

    def _of_section(self, question: str, intent: str, hits: list[Hit], scope: Scope) -> Draft | None:
        """A section the question names that the document lacks, a chapter's title with what its articles say, or
        the breach of a named article: 「违反第二十五条的，要承担什么责任」 is answered by the article that punishes it,
        not by 第二十五条; None otherwise."""
        if scope.section_ref and not self._section_exists(scope, hits):
            return refuse(f"（文件中没有问题所指的{_ref_name(scope)}）")
        if scope.chapter and TITLE_AND_CONTENT.search(question) and \
                (titled := self.outline.section("section_title", hits, scope, question)) is not None:
            return titled  # 「第九章叫什么，主要讲啥」: its title and what each of its articles says, in one answer
        return self.clause_answers.breached(question, intent, scope)

    def _each_its_own_document(self, parts: list[str], scope: Scope) -> bool:
        """Whether every part of a message names one document of those scoped, each a different one: each part is
        asked of its own document, however the message opens (「我在对比两个规定」)."""
        if not scope.doc_ids or len(scope.doc_ids) < 2:
            return False
        named = [self.searcher.scope(p).doc_ids for p in parts]
        ids = [n[0] for n in named if n and len(n) == 1 and n[0] in scope.doc_ids]
        return len(ids) == len(parts) and len(set(ids)) == len(ids)

    def _places_in_titles(self, scope: Scope) -> bool:
        """Whether every place the question names is in the title of a document it names (「信访工作条例和济南
        优化营商环境条例」 names two documents, 「上海和成都的安排」 compares two places)."""
        titles = [d.title for d in self.searcher.docs if d.doc_id in (scope.doc_ids or ())]
        return all(any(r.rstrip("省市区县") in t for t in titles) for r in scope.regions) and \
            len(scope.regions) < len(scope.doc_ids or ())

    def _names_other_kind(self, question: str, scope: Scope) -> bool:
        """Whether the question asks when a document of another kind than the one scoped comes out: 「那个管理办法
        啥时候出台」 of a 要点 is about a task of the 要点, not about the 要点's own date."""
        m = _TASK_DOCUMENT.search(question)
        if m is None or not scope.doc_ids or len(scope.doc_ids) != 1:
            return False
        return not scoped_title(scope, self.searcher.docs).endswith(m.group(1))

    def _of_document(self, question: str, intent: str, hits: list[Hit], scope: Scope) -> tuple[str, Draft | None]:
        """What a question of a document's facts asks once the documents it names are known: a document the text
        refers to (answered here), or a task of it rather than a fact of it (a new intent)."""
        if intent == "cross_doc" and scope.doc_ids is not None and len(scope.doc_ids) == 1:
            # "《2012年…要点》要落实哪份文件？": a document it refers to, not which of the library's documents
            intent = "basis" if REFERS.search(question) else "general"
        if intent == "doc_number" and (named := self._pointed_mention(question)) is not None:
            # 「…里说按《2012年…信息公开工作要点》办，那份信息公开要点的文号是多少」: the 文号 of the one it names
            draft = self.facts.referenced(question, hits, scope)
            return intent, draft if draft is not None and named in draft.text else \
                refuse(f"（文件中没有写明《{named}》的文号）")
        if intent == "general" and scope.doc_ids is not None and len(scope.doc_ids) == 1 and \
                _WHICH_TEXT.search(question) and REFERS.search(question):
            # 「开头说要全面落实的是哪份中办、国办文件」: a text it cites, by its title and 文号, when the question's words
            # all name that text (not 「搞行政审批标准化要认真执行的是哪个办法」, a task's own rule)
            draft = self.facts.referenced(question, hits, scope)
            asked = [t for t in content_terms(question) if not _NO_TEXT_WORD.search(t)]
            if draft is not None and all(abbreviates(t, draft.text.split("\n", 1)[0]) for t in asked):
                return "basis", draft
        if intent == "doc_number" and (other := _BODY_DOC.search(question)) is not None and \
                other.group(1) not in scoped_title(scope, self.searcher.docs) and \
                other.group(1) not in self._issuer_of(scope):
            # 「开头说贯彻国务院、省政府的部署，省政府那份文件的文号是多少」: another body's document, which the text
            # names by 文号 or not at all
            draft = self.facts.referenced(question, hits, scope)
            return intent, draft if draft is not None and other.group(1) in draft.text else \
                refuse(f"（文件中没有写明{other.group(1)}那份文件的文号）")
        if intent in ("basis", "doc_number") and REFERS.search(question):
            draft = self.facts.referenced(question, hits, scope)
            if draft is not None:
                return intent, draft
        if intent in _AS_TASK and (scope.doc_ids and (any(f"《{n}》" in question for n in self._unknown_names(question))
                                                     or self._names_other_kind(question, scope))
                                   or self._names_unindexed(question)):
            # 「按19年上海要点的分解表，《上海市公共数据开放管理办法》啥时候出台」: a document the plan says to
            # issue is one of its tasks; its 出台 is the task's time limit, not the plan's own date
            intent = _AS_TASK[intent]
        return intent, None

    def _fact_checked(self, question: str, hits: list[Hit], scope: Scope) -> Draft | None:
        """「…要点是市政府办公厅自己制定的吗」: the document fact asked as 「谁制定的」, then 是 or 不是 by whether
        the body the question names is the one the text gives; None for other yes/no questions."""
        if (m := _FACT_CHECKED.search(question)) is None:
            return None
        adopted = re.search(r"通过|批准", m.group("verb"))  # the meeting that adopted it, or the body that approved it
        asked = f"{question[:m.start()]}是{'在哪次会议上' if adopted else '谁'}{m.group('verb')}的？"
        if detect_intent(asked) not in DOC_FACT_INTENTS:
            return None
        draft = self.facts.answer(asked, hits, scope)
        if draft.refused:
            return None
        stated = re.sub(r"《[^》]*》", "", draft.text.split("\n", 1)[0])  # the fact, without the title it names
        verdict = "是。" if abbreviates(m.group("body"), stated) else "不是。"  # 市政府办公厅 for 上海市人民政府办公厅
        return replace(draft, text=verdict + draft.text)

    def _issuer_of(self, scope: Scope) -> str:
        """The issuer of the one document scoped, "" otherwise."""
        ids = scope.doc_ids or ()
        return next((str(d.issuer or "") for d in self.searcher.docs if len(ids) == 1 and d.doc_id == ids[0]), "")

    def _pointed_mention(self, question: str) -> str | None:
        """A 《title》 no library document is, which the question then points back at to ask its 文号 (「那份信息公开
        要点的文号」), else None."""
        for m in re.finditer(r"《([^》]{2,40})》", question):
            if not unindexed([m.group(1)], [d.title for d in self.searcher.docs]):
                continue
            after = _POINTED.search(question, m.end())
            if after and abbreviates(after.group(1), m.group(1)) or _ITS_NUMBER.match(question, m.end()):
                return m.group(1)
        return None

    def _names_unindexed(self, question: str) -> bool:
        """Whether the question names a 办法, 标准 or 制度 that no library document is (「家政服务机构的评价办法
        由哪个部门制定」): who makes it or when is a task a document sets, not a fact of the document."""
        titles = [d.title for d in self.searcher.docs]
        names = [m.group(0) for m in _MADE_THING.finditer(question)]
        return bool(names) and not any(abbreviates(n, t) for n in names for t in titles)

    def _not_in_library(self, question: str, scope: Scope) -> Draft | None:
        """A refusal naming what the question asks of that the library does not hold: a place or year without a
        document, or a law named by a title no document has."""
        if scope.doc_ids is not None and not scope.doc_ids:
            return refuse(self._missing_reason(scope))
        unknown = self._unknown_names(question)
        if scope.doc_ids is not None:  # a library document is named too: only a 《title》 whose content is asked
            unknown = [n for n in unknown if _asks_inside(question, n)]
        if unknown:
            titles = "、".join(f"《{d.title}》" for d in self.searcher.docs[:20])
            return refuse(f"文件库中没有{'、'.join(f'《{n}》' for n in unknown)}（已收录：{titles}）。")
        return None

    def _structural_intent(self, question: str, intent: str, scope: Scope) -> str:
        """Refine the intent where the document's structure is (or is not) the answer."""
        # The words that named the document are no topic ("医疗保障基金使用监督管理条例共分几章？" asks its structure).
        plain = COUNT_LEAD.sub("", WHOLE_TEXT.sub("", without_doc_names(question, scope, self.searcher.docs)))
        # nor are the words of a shortened name ("最高法那个关于审理…的规定") or of its version ("修订后的")
        title = scoped_title(scope, self.searcher.docs)
        terms = [t for t in content_terms(VERSION.sub("", plain))
                 if not (scope.doc_ids and len(scope.doc_ids) == 1 and abbreviates(t, title))]
        if intent == "parts" and terms:
            return "list"  # "环境保护从哪几个方面推进": the aspects of a topic, not the document's parts
        if intent in ("summary", "list") and not terms and not scope.section_ref and not self._unknown_names(question) \
                and not ASKS_CASES.search(question) and not _ASKS_KINDS.search(question) and not asks_meaning(question):
            # 「在哪些情况下可以征收房屋」: the cases a clause lists; 「…监督检查分成了哪几类」: the kinds a clause names;
            # 「人才市场管理条例里说的“人才”具体指哪些人」: the article that defines a word of the title
            return "doc_outline"
        if intent in ("locate", "list") and scope.section_ref and ASKS_RANGE.search(question):
            return "count_items"  # "第十三章包括从第几条到第几条？": the range of its articles
        structural = not [t for t in terms if not re.fullmatch(r"第.{1,4}[部分章节条项]?", t)]
        if intent == "count_items" and not (structural or scope.section_ref):
            return "quantity"  # "有几个国家试点区": a figure the text gives, not a count of items
        return intent

    def _by_structure(self, question: str, intent: str, hits: list[Hit], scope: Scope) -> Draft:
        """Answers the section tree gives (outlines, counts, a named section), else answers from clauses."""
        if intent == "doc_outline":
            named = self.outline.part_named(question, hits, scope)
            if named is not None:  # "提出了哪些重点任务？" where 三、 is 重点任务: its items
                children = self.outline.children(named)
                return items(f"根据{doc_label(named)}{named.metadata.get('section', '')}“{named.metadata.get('heading', '')}”，"
                             f"包括以下各项：", [(c, str(c.metadata.get("section", "")), item_text(c)) for c in children])
            intent = "parts"  # "国办发〔2018〕115号提出了哪些主要任务？": the document's parts are its tasks
        if intent == "attachments":
            draft = self.outline.attachments(hits, scope)
            if draft is not None:
                return draft
            intent = "general"
        if intent == "count_items":
            draft = self.outline.count(hits, scope, question)
            if draft is not None:
                return draft
            intent = "quantity"
        wants_section = intent in ("section_title", "general", "list", "summary")
        if intent in ("parts", "count_rows") or (wants_section and scope.section_ref and scope.row is None):
            if intent == "general" and _PRECISE_ASK.search(question) and self._asks_of_section(question, scope):
                # "第（十一）项…申请公开这类信息，由谁来答复": what the section says on that, not the whole section
                inside = self.clause_answers.answer(question, intent, hits, scope)
                if not inside.refused:
                    return inside
            draft = self.outline.section(intent, hits, scope, question)
            if draft is not None:
                return draft
        return self.clause_answers.answer(question, intent, hits, scope)

    def _asks_of_section(self, question: str, scope: Scope) -> bool:
        """Whether a question that names a section asks something of it beyond what it is ("由谁来答复")."""
        plain = LAST_UNIT.sub("", NAMES_SECTION.sub("", without_doc_names(question, scope, self.searcher.docs)))
        title = scoped_title(scope, self.searcher.docs)
        return any(not abbreviates(t, title) and t not in _SAYS for t in content_terms(VERSION.sub("", plain)))

    def _unknown_names(self, question: str) -> list[str]:
        """Laws and regulations the question names by title that no indexed document is.

        Example: "行政处罚法规定…" with only 行政许可法 indexed -> ["行政处罚法"]
        """
        titles = [d.title for d in self.searcher.docs]
        names = re.findall(r"《([^》]{2,40})》", question)
        names += [m for m in re.findall(r"([\u4e00-\u9fa5]{2,14}?(?:法(?![律规定院人治制官庭则])|条例))", question)
                  if not re.search(r"(算|办|方|做|说|合|违|非|依|执|立|司|守|用|想|看|本|该|此|语|书|手|疗)法$|"
                                   r"^(本|该|此|这|上述|有关|相关|根据|依照|按照|对|按)|的|或|和|与|及|是|在|了", m)]  # 「删去了示范法」: a verb
        return unindexed(names, titles)

    def _section_exists(self, scope: Scope, hits: list[Hit]) -> bool:
        """Whether some document in scope has the part, item, row or article the question points at.

        Retrieval puts a matching section first wherever it is, so the hits answer for a large library;
        a few named documents are also read whole.
        """
        if any(matches(h.section, scope) for h in hits):
            return True
        docs = scope.doc_ids if scope.doc_ids is not None and len(scope.doc_ids) <= 5 else ()
        for doc_id in docs:
            if any(matches(str(c.metadata.get("section", "")), scope) for c in self.searcher.chunks_of(doc_id)):
                return True
        return False

    def _missing_reason(self, scope: Scope) -> str:
        docs = self.searcher.docs
        have = sorted({f"{d.region}{d.year or ''}年" if d.region else f"《{d.title}》" for d in docs})
        named = "、".join(scope.missing) if scope.missing else "、".join(scope.regions + tuple(f"{y}年" for y in scope.years))
        return f"现有文件中没有与“{named}”对应的文件（已收录：{'、'.join(have[:20])}）。"


# A document of some kind said to come out (「那个管理办法啥时候出台」).
_TASK_DOCUMENT = re.compile(r"(办法|条例|规定|意见|方案|细则|规则|制度|标准|指南|清单|目录|规划)[^，,。？?]{0,8}?"
                            r"(?:出台|制定|印发|修订|发布|编制|完成)")
# A document named before, pointed back at for its 文号: 「那份信息公开要点的文号」.
_POINTED = re.compile(r"(?:那份|这份|该|那个|这个)([\u4e00-\u9fa5]{2,12}?)(?:的)?(?:文号|发文字号|字号)")
# 「…提到的《X》，文号是多少」: the 文号 asked right after the title is that document's
_ITS_NUMBER = re.compile(r"[的，,]?\s*(?:文号|发文字号|字号)")
# A document fact asked as yes or no: 「是市政府办公厅自己制定的吗」「是国务院发的吗」「是区人大审议通过的吗」.
_FACT_CHECKED = re.compile(r"(?:是不是|是否|是)(?:由)?(?P<body>(?![^，。？?]*(?:哪|谁|什么|啥|何))[\u4e00-\u9fa5]{2,12}?)(?:自己|亲自|单独|直接|自行)?"
                           r"(?P<verb>制定|制订|起草|拟订|印发|发布|发|(?:审议|讨论)?通过|批准)的(?:吗|么|嘛|(?=[？?]\s*$))")
# A rule, standard or list a text says someone is to make: 「星级评价办法」「收费标准」 (not 「这个办法」).
_MADE_THING = re.compile(r"(?<![这那该本此])(?<!这个)(?<!那个)[\u4e00-\u9fa5]{2,8}?(?:办法|细则|标准|制度|规划|目录|清单|指南|规范)"
                         r"(?=[和与及、，,由是要应在谁]|$)")
# 「省政府那份文件的文号」: the 文号 of a document another body issued.
_BODY_DOC = re.compile(r"((?:国务院|省政府|省人民政府|国家|中央|省委|市委|[\u4e00-\u9fa5]{1,6}?(?:部|委|局|厅)))(?:的)?(?:那份|那个|这份|这个|那一?份)?"
                       r"(?:文件|通知|意见|部署|规定|办法|决定)的?(?:文号|发文字号)")
# Words of a question that name no text: where in the document it is said, and the verb of following it.
_NO_TEXT_WORD = re.compile(r"开头|开篇|前言|首先|落实|贯彻|执行|依据|根据|按照|遵照|参照")
# 「哪份…文件」「哪个意见」: a text asked for by its kind.
_WHICH_TEXT = re.compile(r"哪(?:一)?[份个部项][^，,。？?]{0,10}(?:文件|通知|意见|办法|规定|决定)")
# A document fact asked of a document the scoped one only mentions (a task to draft it): the task's fact.
_AS_TASK = {"date": "deadline", "effective": "deadline", "issuer": "lead", "drafter": "lead"}


def _asks_inside(question: str, name: str) -> bool:
    """Whether the question asks what a document named in 《》 itself says, not about a clause that cites it.

    Example: _asks_inside("《某某行动计划》确定的目标有哪些？", "某某行动计划") is True;
    _asks_inside("按《某某条例》，本市要公开什么？", "某某条例") is False
    """
    return bool(re.search(rf"《{re.escape(name)}》(?:中|里|里面|上|当中)?(?:所|都)?(?:确定|规定|提出|明确|要求|列出|包括|包含|"
                          rf"设定|制定|部署|安排)了?的", question))


# How a chapter is divided into 节, asked without a count: 「怎么分节的」「分了哪些节」.
_ASKS_JIE = re.compile(r"分节|分了?哪些节|分成?哪几节|有哪些节|下设哪些节")
# A question that asks one thing (who, when, how much), which a clause of a named section answers.
# 「分成了哪几类」「有哪几种形式」: the kinds of a thing the text sorts it into, not the document's parts.
_ASKS_KINDS = re.compile(r"(?:几|哪几|哪些|多少)(?:个)?(?:类|种|级|类型|形式|档)")
_PRECISE_ASK = re.compile(r"由谁|谁来|是谁|什么时候|何时|多久|多长|多少|几[个天日年次名]")
# Words that ask what a section says, not something of it: "第十一条规定了什么", "主要讲了哪些内容".
_SAYS = frozenset("规定 规定了 讲 讲了 说 说了 写 写了 内容 要求 明确 提出 包括 涉及 主要".split())


def _ref_name(scope: Scope) -> str:
    """How a refusal names the section a question pointed at."""
    if scope.row is not None:
        return f"附件序号{scope.row}"
    if scope.task is not None:
        return f"第{scope.task}项任务"
    article = getattr(scope, "article", None)
    if article:
        return f"第{int_to_cn(article)}条"
    bits = ([f"第{int_to_cn(scope.part)}部分"] if scope.part else []) + ([f"第（{int_to_cn(scope.item)}）项"] if scope.item else [])
    return "".join(bits) or "条款"

