"""The offline answerer: decides what form of answer a question wants, finds the clauses that give it,
checks they really do, and composes a cited answer, or says plainly that the documents are silent.

Parts, one job each: assistant.query (what is asked), assistant.evidence (which clauses answer, and
whether they do), assistant.forms (how the answer reads), this module (which form, from which hits).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from assistant.evidence import (
    Clause,
    ClauseRanker,
    Thresholds,
    asked_unit,
    constraint_gaps,
    coverage,
    judge,
    meaningful,
    states_figure,
)
from assistant.forms import (
    Draft,
    Numbered,
    cite,
    cite_path,
    doc_fact,
    doc_label,
    effective,
    fact,
    items,
    label,
    named_doc_label,
    refuse,
    renumbered,
    short,
    yes_no,
)
from assistant.query import DOC_FACT_INTENTS, content_terms, detect_intent, doc_fact_intents
from assistant.types import Citation
from assistant.wording import (
    ADOPTED_WHEN,
    ASKS_CONSEQUENCE,
    ASKS_COUNT,
    ASKS_MEASURES,
    ASKS_SPAN,
    ASKS_TITLE,
    COUNT_LEAD,
    EACH,
    EACH_NAME,
    ISSUED_WHEN,
    LEANS_ON_CONTEXT,
    NAMES_SECTION,
    NAMES_WANTED,
    REFERS,
    REMEDY,
    STRUCTURE_INTENTS,
    WHOLE_TEXT,
    head_terms,
    question_parts,
    remove_place,
    repeats,
)
from ingest.textutil import int_to_cn, split_sentences
from prompts import load_prompt
from vectorstore.clauses import ClauseVector, clauses_of
from vectorstore.hybrid import HybridSearcher, as_hit
from vectorstore.scope import Scope, topic_of, without_doc_names
from vectorstore.store import StoredChunk
from vectorstore.types import Hit

__all__ = ["Draft", "ExtractiveAnswerer", "asked_unit", "content_terms", "coverage"]

MAX_ITEMS = 12


class ExtractiveAnswerer:
    """Answers from retrieved hits without a language model."""

    def __init__(self, searcher: HybridSearcher, embed_query: Callable[[str], list[float]] | None = None,
                 clause_vectors: Callable[[list[str]], dict[str, list[ClauseVector]]] | None = None,
                 thresholds: Thresholds | None = None) -> None:
        self.searcher = searcher
        self.ranker = ClauseRanker(embed_query, clause_vectors)
        self.th = thresholds or Thresholds()

    # ---- entry point -------------------------------------------------------------------------
    def answer(self, question: str, hits: list[Hit], scope: Scope) -> Draft:
        """Compose a cited answer to question from hits, or a refusal."""
        if not meaningful(question):
            return refuse("请输入一个具体的问题。")
        intent = detect_intent(question)
        if intent == "general" and not content_terms(question) and LEANS_ON_CONTEXT.search(question):
            return refuse("（这个问题像是接着上一个问题问的，但没有上文。请把问题说完整，"
                          "例如「成都市2013年推进环境保护信息公开由谁牵头？」）")
        if intent == "compare":
            return self._compare(question, scope)
        if scope.doc_ids is not None and not scope.doc_ids:
            return refuse(self._missing_reason(scope))
        unknown = self._unknown_names(question)
        if scope.doc_ids is not None:  # a library document is named too: only a 《title》 whose content is asked
            unknown = [n for n in unknown if _asks_inside(question, n)]
        if unknown:
            titles = "、".join(f"《{d.title}》" for d in self.searcher.docs[:20])
            return refuse(f"文件库中没有{'、'.join(f'《{n}》' for n in unknown)}（已收录：{titles}）。")
        if intent == "cross_doc" and scope.doc_ids is not None and len(scope.doc_ids) == 1:
            # "《2012年…要点》要落实哪份文件？": a document it refers to, not which of the library's documents
            intent = "basis" if REFERS.search(question) else "general"
        if intent in ("basis", "doc_number") and REFERS.search(question):
            draft = self._referenced(question, hits, scope)
            if draft is not None:
                return draft
        if intent in DOC_FACT_INTENTS:
            return self._doc_facts(question, hits, scope)
        if intent == "cross_doc":
            return self._cross_doc(question, scope)
        if scope.section_ref and not self._section_exists(scope, hits):
            return refuse(f"（文件中没有问题所指的{_ref_name(scope)}）")
        parts = question_parts(question)
        if len(parts) >= 2:
            return self._compound(parts, hits, scope)
        return self._by_structure(question, self._structural_intent(question, intent, scope), hits, scope)

    def _compound(self, parts: list[str], hits: list[Hit], scope: Scope) -> Draft:
        """Two questions in one ("多少天内作出决定？可以延长多久？"): each answered, the later ones with the
        first one's topic, citations numbered through."""
        if any(NAMES_SECTION.search(p) for p in parts) and (
                not NAMES_SECTION.search(parts[0]) or any(WHOLE_TEXT.search(p) for p in parts[1:])):
            return self._structure_parts(parts, hits, scope)
        if len(parts) == 2 and "节" in parts[0] and EACH_NAME.search(parts[1].strip()) and \
                detect_intent(parts[0]) == "count_items":  # "分成几节？各节叫什么？": the count with each 节's title
            named = self._count_items(hits, scope, "，".join(parts))
            if named is not None:
                return named
        own = self.searcher.search(parts[0], k=5, scope=scope) if content_terms(parts[0]) else []
        whole_hits = hits
        hits = own + [h for h in hits if h.chunk_id not in {x.chunk_id for x in own}]  # the first part's own best first
        first_intent = self._structural_intent(parts[0], detect_intent(parts[0]), scope)
        first = self._by_structure(parts[0] + "？", first_intent, hits, scope)
        if first.refused and own:  # a story told in the first part is read best with the whole message
            first = self._by_structure(parts[0] + "？", first_intent, whole_hits, scope)
        topic = " ".join(content_terms(parts[0])[:5])
        lines, cites = ([], []) if first.refused else ([first.text], list(first.citations))
        for part in parts[1:]:
            if (each := EACH.search(part.strip())) and not content_terms(part.strip()[each.end():]):
                # "一共有几条？分别讲什么？": the items just counted, each by its title
                wanted = "list" if scope.section_ref else "parts" if re.search(r"部分|章|大项", parts[0]) else ""
                listing = self._structure(wanted, hits, scope, parts[0]) if first_intent == "count_items" and wanted else None
                if listing is not None and not listing.refused:
                    lines.append(renumbered(listing, cites))
                continue
            if detect_intent(part) in STRUCTURE_INTENTS and not content_terms(COUNT_LEAD.sub("", part)):
                # "…共有几章、多少条": a count of the same document, not of its topic's clauses
                draft = self._by_structure(part + "？", self._structural_intent(part, detect_intent(part), scope),
                                           hits, scope)
                said = {(c.doc_id, c.section) for c in cites}
                if not draft.refused and any((c.doc_id, c.section) not in said for c in draft.citations):
                    lines.append(renumbered(draft, cites))  # an answer citing nothing new adds nothing
                continue
            sub = f"{topic} {part}？"
            sub_hits = self.searcher.search(sub, k=5, scope=scope)
            # "…多长时间内审结？最多可以延长多久？": the same article usually answers the second part too
            cited = {c.chunk_id for c in first.citations}
            sub_hits = [h for h in hits if h.chunk_id in cited] + [h for h in sub_hits if h.chunk_id not in cited]
            # Retrieved with the first part's topic, judged on its own words (the topic would favour any clause on it).
            asked = f"{part}？" if content_terms(part) else sub
            draft = self._by_structure(asked, self._structural_intent(asked, detect_intent(asked), scope), sub_hits, scope)
            if draft.refused or repeats(draft.text, "\n".join(lines)):
                continue  # nothing to add: the earlier answer already said it
            lines.append(renumbered(draft, cites))
        if first.refused:  # one part the documents do not answer does not hide the parts they do
            if not lines:
                return first
            lines.insert(0, f"关于“{parts[0].strip()}”：根据现有文件未找到直接规定。")
        return Draft(text="\n".join(lines), refused=False, citations=tuple(cites))

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
            draft = self._by_structure(asked, self._structural_intent(part, detect_intent(part), current), hits, current)
            if not draft.refused:
                lines.append(renumbered(draft, cites))
        if not lines:
            return refuse()
        return Draft(text="\n".join(lines), refused=False, citations=tuple(cites))

    def _structural_intent(self, question: str, intent: str, scope: Scope) -> str:
        """Refine the intent where the document's structure is (or is not) the answer."""
        # The words that named the document are no topic ("医疗保障基金使用监督管理条例共分几章？" asks its structure).
        plain = COUNT_LEAD.sub("", WHOLE_TEXT.sub("", without_doc_names(question, scope, self.searcher.docs)))
        terms = content_terms(plain)
        if intent == "parts" and terms:
            return "list"  # "环境保护从哪几个方面推进": the aspects of a topic, not the document's parts
        if intent in ("summary", "list") and not terms and not scope.section_ref:
            return "doc_outline"
        if intent in ("locate", "list") and scope.section_ref and re.search(r"第几条到第几条|从第几条|起止|哪些条", question):
            return "count_items"  # "第十三章包括从第几条到第几条？": the range of its articles
        structural = not [t for t in terms if not re.fullmatch(r"第.{1,4}[部分章节条项]?", t)]
        if intent == "count_items" and not (structural or scope.section_ref):
            return "quantity"  # "有几个国家试点区": a figure the text gives, not a count of items
        return intent

    def _by_structure(self, question: str, intent: str, hits: list[Hit], scope: Scope) -> Draft:
        """Answers the section tree gives (outlines, counts, a named section), else answers from clauses."""
        if intent == "doc_outline":
            named = self._part_named(question, hits, scope)
            if named is not None:  # "提出了哪些重点任务？" where 三、 is 重点任务: its items
                children = self._children(named)
                return items(f"根据{doc_label(named)}{named.metadata.get('section', '')}“{named.metadata.get('heading', '')}”，"
                             f"包括以下各项：", [(c, str(c.metadata.get("section", "")), _item_text(c)) for c in children])
            intent = "parts"  # "国办发〔2018〕115号提出了哪些主要任务？": the document's parts are its tasks
        if intent == "attachments":
            draft = self._attachments(hits, scope)
            if draft is not None:
                return draft
            intent = "general"
        if intent == "count_items":
            draft = self._count_items(hits, scope, question)
            if draft is not None:
                return draft
            intent = "quantity"
        wants_section = intent in ("section_title", "general", "list", "summary")
        if intent in ("parts", "count_rows") or (wants_section and scope.section_ref and scope.row is None):
            draft = self._structure(intent, hits, scope, question)
            if draft is not None:
                return draft
        return self._from_clauses(question, intent, hits, scope)

    def _part_named(self, question: str, hits: list[Hit], scope: Scope) -> StoredChunk | None:
        """A top-level part whose heading the question uses word for word, with items under it."""
        found = self._doc_hits(hits, scope)
        if found is None:
            return None
        for c in self.searcher.chunks_of(found[0]):
            heading = str(c.metadata.get("heading", ""))
            if (int(c.metadata.get("level", 0)) == 1 and int(c.metadata.get("chunk_index", 0)) == 0 and len(heading) >= 4
                    and heading in question and len(self._children(c)) >= 2):
                return c
        return None

    def _unknown_names(self, question: str) -> list[str]:
        """Laws and regulations the question names by title that no indexed document is.

        Example: "行政处罚法规定…" with only 行政许可法 indexed -> ["行政处罚法"]
        """
        titles = [d.title for d in self.searcher.docs]
        names = re.findall(r"《([^》]{2,40})》", question)
        names += [m for m in re.findall(r"([\u4e00-\u9fa5]{2,14}?(?:法(?![律规定院人治制官庭则])|条例))", question)
                  if not re.search(r"(算|办|方|做|说|合|违|依|执|立|司|守|用|想|看|本|该|此|语|书|手|疗)法$|"
                                   r"^(本|该|此|这|上述|有关|相关|根据|依照|按照|对|按)|的|或|和|与|及|是|在", m)]
        unknown = []
        for name in dict.fromkeys(names):
            core = re.sub(r"^(中华人民共和国|国务院|关于)", "", name)
            if not any(_abbreviates(core, t) for t in titles):
                unknown.append(name)
        return unknown

    def _section_exists(self, scope: Scope, hits: list[Hit]) -> bool:
        """Whether some document in scope has the part, item, row or article the question points at.

        Retrieval puts a matching section first wherever it is, so the hits answer for a large library;
        a few named documents are also read whole.
        """
        if any(_matches(h.section, scope) for h in hits):
            return True
        docs = scope.doc_ids if scope.doc_ids is not None and len(scope.doc_ids) <= 5 else ()
        for doc_id in docs:
            if any(_matches(str(c.metadata.get("section", "")), scope) for c in self.searcher.chunks_of(doc_id)):
                return True
        return False

    def _from_clauses(self, question: str, intent: str, hits: list[Hit], scope: Scope) -> Draft:
        """Answers built from the best clauses of the hits: facts, yes/no, lists and summaries."""
        if not hits:
            return refuse()
        # The words that named the document (its title) are not its topic: every clause of it would share them.
        terms = _off_title(content_terms(topic_of(question, scope, self.searcher.docs)), scope, self.searcher.docs)
        clauses = self._clauses(question, terms, hits, intent, scope)
        if not clauses:
            return refuse()
        fitting = [c for c in clauses[:8] if scope.section_ref or judge(c, terms, self.th)]
        if not fitting:
            return refuse(near=clauses)
        asked = without_doc_names(question, scope, self.searcher.docs)  # the title's 处罚 is asked of no clause
        # a remedy the document never provides, else the first clause that states all the question pins down
        chosen = self._unprovided(asked, scope) or _without_gaps(asked, fitting, scope)
        if isinstance(chosen, list):
            return refuse(f"（文件中没有写明：{'、'.join(chosen)}）", near=clauses)
        best = chosen
        fitting = [c for c in fitting if c is best or not _gaps(asked, c, scope)]  # every form picks from these
        if intent == "yes_no":
            return yes_no(best, question)
        if intent == "locate":
            return self._locate(question, best)
        if intent == "general" and best.index == 0 and best.hit.heading and best.text.startswith(best.hit.heading):
            intent = "summary"  # the best clause is only the item's heading: what the item says is wanted
        if intent in ("list", "summary"):
            return self._listing(question, intent, terms, clauses, scope)
        if intent == "quantity":
            return self._quantity(question, terms, fitting, clauses)
        if intent == "lead":
            lead = self._lead_clause(terms, clauses, scope)
            if lead is None:
                return refuse("（相关条款没有写明牵头单位）", near=clauses)
            best = lead
        if intent == "deadline":
            best = self._when_clause(question, terms, best, fitting, clauses, hits, scope)
        if ASKS_CONSEQUENCE.search(question):
            best = _whole_sentence(best)
        return fact(best, intent, asked_unit(question))

    def _unprovided(self, question: str, scope: Scope) -> list[str]:
        """Remedies and procedures the question asks about (申请复核, 听证, 缓缴) that the one document it is
        about never mentions: a clause on a neighbouring step would answer something else."""
        named = list(dict.fromkeys(REMEDY.findall(question)))
        if not named or not scope.doc_ids or len(scope.doc_ids) != 1:
            return []
        text = "".join(c.text for c in self.searcher.chunks_of(scope.doc_ids[0]))
        return [w for w in named if w not in text]

    def _when_clause(self, question: str, terms: list[str], best: Clause, fitting: list[Clause], clauses: list[Clause],
                     hits: list[Hit], scope: Scope) -> Clause:
        """The clause that says when: a task's deadline, or for "多长时间内" one that states the span."""
        if not re.search(r"(多少|几)个?(工作)?[天日]", question):
            best = self._deadline_clause(terms, clauses, hits, scope) or best
        if ASKS_SPAN.search(question) and not _SPAN.search(best.text):
            # "多长时间内派出急救车辆？": a clause that gives the span, not one that says 及时
            best = next((c for c in fitting if _SPAN.search(c.text) and c.lexical_ctx >= best.lexical_ctx - 0.2), best)
        return best

    def _quantity(self, question: str, terms: list[str], fitting: list[Clause], clauses: list[Clause]) -> Draft:
        """A figure in the unit asked for; two when the question asks two ("A和B分别…多少"), each cited."""
        counter, _noun = asked_unit(question)
        bare = bool(re.search(r"号码|编号|多少号|电话", question))
        with_figure = _same_polarity(question, [c for c in fitting if states_figure(c.text, counter, bare)])
        if not with_figure:
            return refuse("（文件中没有写明相应的数字）", near=clauses)
        best = with_figure[0]
        if _FIGURE_SERIES.search(best.text):
            best = _whole_sentence(best)  # "平原…每户不超过80平方米；丘陵…120平方米；山区…150平方米。": every case
        other = self._second_figure(question, terms, best, clauses, counter)
        if other is None:
            return fact(best, "quantity", asked_unit(question))
        cites: list[Citation] = []
        first = renumbered(fact(best, "quantity", asked_unit(question)), cites)
        return Draft(text=first + "\n" + renumbered(fact(other, "quantity", asked_unit(question)), cites),
                     refused=False, citations=tuple(cites))

    @staticmethod
    def _second_figure(question: str, terms: list[str], best: Clause, clauses: list[Clause], counter: str) -> Clause | None:
        """The next clause of the same section when the question asks two figures ("A和B分别…多少") and that
        clause gives the figure for the question words the first one lacks."""
        if not re.search(r"分别|各(是|为|有)|和|与|及", question):
            return None
        missing = [t for t in terms if t not in best.text]
        for c in clauses:
            if (c.hit.chunk_id == best.hit.chunk_id and c.index == best.index + 1 and states_figure(c.text, counter)
                    and any(t in c.text for t in missing)):
                return c
        return None

    def _locate(self, question: str, best: Clause) -> Draft:
        """Where the document says it: the article (哪一条), or the chapter / part around it (哪一章)."""
        hit = best.hit
        path = hit.section
        if re.search(r"章|节|部分", question):
            chunks = self.searcher.chunks_of(hit.doc_id)
            heads = {str(c.metadata.get("section", "")): c for c in chunks if int(c.metadata.get("chunk_index", 0)) == 0}
            want = "节" if "节" in question else "章" if "章" in question else ""
            parent = str(hit.metadata.get("parent", ""))
            chapter = re.match(r"第[一二三四五六七八九十百零〇]+章", parent)
            for outer in [parent, chapter.group(0) if chapter else "", *ancestors(path)]:
                head = heads.get(outer)
                kind = str(head.metadata.get("kind", "")) if head is not None else ""
                if head is None or (want == "章" and kind not in ("chapter", "part")) or (want == "节" and kind != "jie"):
                    continue
                heading = str(head.metadata.get("heading", ""))
                marks = Numbered()
                first = marks.mark(head, heading)
                second = marks.mark(hit, best.text)
                return Draft(text=f"规定在{doc_label(hit)}{outer}“{heading}”{first}。\n其中{path}：{best.text}{second}",
                             refused=False, citations=tuple(marks.citations))
        where = cite_path(hit, best.text) or path
        return Draft(text=f"规定在{doc_label(hit)}{where}：{best.text}[1]", refused=False,
                     citations=(cite(1, hit, best.text),))

    def _clauses(self, question: str, terms: list[str], hits: list[Hit], intent: str, scope: Scope) -> list[Clause]:
        """The clauses of the hits, best first; the section or the appendix table the question names comes first."""
        if scope.section_ref and hits and _matches(hits[0].section, scope):
            hits = [h for h in hits if _matches(h.section, scope)]  # the section the question points at
        clauses = self.ranker.rank(question, terms, hits, intent)
        if re.search(r"任务分解表|分解表|任务表|附件", question):
            rows = [c for c in clauses if c.hit.metadata.get("kind") == "appendix_row"]
            clauses = rows + [c for c in clauses if c not in rows]
        return clauses

    # ---- refusals ----------------------------------------------------------------------------
    def _missing_reason(self, scope: Scope) -> str:
        docs = self.searcher.docs
        have = sorted({f"{d.region}{d.year or ''}年" if d.region else f"《{d.title}》" for d in docs})
        named = "、".join(scope.missing) if scope.missing else "、".join(scope.regions + tuple(f"{y}年" for y in scope.years))
        return f"现有文件中没有与“{named}”对应的文件（已收录：{'、'.join(have[:20])}）。"

    # ---- fact forms: which clause ------------------------------------------------------------
    def _lead_clause(self, terms: list[str], clauses: list[Clause], scope: Scope) -> Clause | None:
        """The best clause whose section names a lead unit (or a 负责 note), if it is about the question."""
        for c in clauses[:12]:
            if (c.hit.metadata.get("lead") or re.search(r"牵头|负责[)）]", c.hit.text)) and (
                    judge(c, terms, self.th) or scope.section_ref):
                return c
        # Laws and opinions name the responsible body in the sentence itself: "国家网信部门负责统筹协调…".
        for c in clauses[:8]:
            if _NAMES_BODY.search(c.text) and (judge(c, terms, self.th) or scope.section_ref):
                return c
        return None

    def _deadline_clause(self, terms: list[str], clauses: list[Clause], hits: list[Hit], scope: Scope) -> Clause | None:
        """An appendix row with a 完成时限 when it covers the question about as well as the best clause."""
        best = clauses[0]
        for c in clauses[:10]:
            if c.hit.metadata.get("deadline") and (scope.row is not None or c.lexical_ctx >= best.lexical_ctx - 0.1):
                return c
        return None

    # ---- lists and summaries -------------------------------------------------------------------
    def _listing(self, question: str, intent: str, terms: list[str], clauses: list[Clause], scope: Scope) -> Draft:
        """A list or a summary: a titled parent's items, else the list the clauses give, else the key points."""
        best = clauses[0]
        parent = self._titled_parent(terms, clauses, 0.5 if intent == "list" else 0.75)
        if parent is not None:
            children = self._children(parent)
            heading = str(parent.metadata.get("heading", ""))
            intro = f"根据{doc_label(parent)}{parent.metadata.get('section', '')}“{heading}”，包括以下各项："
            return items(intro, [(c, str(c.metadata.get("section", "")), _item_text(c, intent == "summary"))
                                 for c in children])
        measures = ASKS_MEASURES.search(question)
        if intent == "list" and measures and coverage(content_terms(measures.group(0)),
                                                      str(best.hit.metadata.get("heading", ""))) >= 0.99:
            intent = "summary"  # "提出了哪些解读方面的机制": the points of the item whose heading names them
        if intent == "list":
            listed = self._list_form(question, terms, clauses)
            if listed is not None:
                return listed
        return self._summary(terms, clauses)

    def _list_form(self, question: str, terms: list[str], clauses: list[Clause]) -> Draft | None:
        """The items of an article's 「下列」 list, a series 一是…二是…, or the clause that enumerates them."""
        best = clauses[0]
        kind = re.search(r"哪(?:几|些|[0-9一二三四五六七八九十]{1,2})(?:个|家|类|项|种|处|份|条|所|座|位|批)?(?:分)?([\u4e00-\u9fa5])", question)
        enumerations = [c for c in clauses[:10] if _enumerates(c.text) and judge(c, terms, self.th)
                        and c.lexical_ctx >= best.lexical_ctx - 0.25]
        if kind:  # "哪几个区": an enumeration of 区 first
            enumerations.sort(key=lambda c: -min(c.text.count(kind.group(1)), 3))
        opening = next((c for c in clauses[:3] if re.search(r"下列|如下|以下", c.text)), None)
        if opening is not None and opening.hit.metadata.get("kind") == "article":
            listed = _article_items(opening.hit)
            if len(listed) >= 2:  # "…有下列情形之一的：（一）…（二）…": every 项, each cited to it
                return items(f"根据{doc_label(opening.hit)}{opening.hit.section}：{opening.text.split('：')[0]}：",
                             [(opening.hit, "", line) for line in listed])
        anchor = enumerations[0] if enumerations else best
        series = sorted((c for c in clauses if c.hit.chunk_id == anchor.hit.chunk_id and _SERIES.match(c.text)),
                        key=lambda c: c.index)
        # The clause itself names what is asked, or ranks above every point of the series.
        specific = bool(enumerations) and (enumerations[0].lexical >= 0.6 or (
            enumerations[0] is best and not _SERIES.match(best.text)))
        heading = best.index == 0 and bool(best.hit.heading) and best.hit.heading.rstrip("。") in best.text
        if len(series) >= 2 and best not in series and not heading and best.lexical >= 0.5 and all(
                c.lexical <= best.lexical - 0.3 for c in series):
            return items(f"根据{label(best.hit)}：", [(best.hit, "", best.text)])  # "想随时查看…，有什么办法": the one clause that says it
        if len(series) >= 2 and not specific:  # 一是…二是…三是…: every point of the series, in order
            return items(f"根据{label(anchor.hit)}：", [(c.hit, "", c.text) for c in series])
        if enumerations:
            return items(f"根据{label(anchor.hit)}：", [(anchor.hit, "", anchor.text)])
        return None

    def _summary(self, terms: list[str], clauses: list[Clause]) -> Draft:
        """The key requirements of the matching section(s), as short points in document order."""
        best = clauses[0]
        sections = [best.hit]
        for c in clauses[1:8]:
            if len(sections) >= 3:
                break
            same = any(c.hit.doc_id == s.doc_id and c.hit.section == s.section for s in sections)
            if not same and coverage(terms, str(c.hit.metadata.get("headings", ""))) >= 0.5 and judge(c, terms, self.th):
                sections.append(c.hit)
        rows = []
        for hit in sections:
            sentences = [s for s in split_sentences(hit.text.replace("\n", "")) if len(s) >= 6]
            if hit is best.hit:  # a long section is split over chunks: its point may run on into the next one
                whole = "".join(c.text for c in self.searcher.chunks_of(hit.doc_id)
                                if c.metadata.get("section") == hit.section).replace("\n", "")
                sentences = _focus([s for s in split_sentences(whole) if len(s) >= 6], best.text)
            rows += [(hit, f"{hit.section} " if len(sections) > 1 else "", s) for s in sentences[:8]]
        if terms and not any(t in f"{h.metadata.get('headings', '')} {h.text}" for h in sections for t in terms):
            return refuse("（相关条款没有写到问题所说的内容）", near=clauses)  # no word of the topic in any section
        topic = "、".join(terms[:3]) or "该问题"
        where = doc_label(best.hit) + (best.hit.section if len(sections) == 1 else "")
        return items(f"根据{where}，关于“{topic}”的要求主要有：", rows[:MAX_ITEMS])

    def _titled_parent(self, terms: list[str], clauses: list[Clause], min_cover: float) -> StoredChunk | None:
        """A section among the best clauses' sections and their ancestors whose own heading names the
        question's topic and which has at least two sections under it: its children are the list."""
        if not terms:
            return None
        seen: set[tuple[str, str]] = set()
        for c in clauses[:6]:
            chunks = self.searcher.chunks_of(c.hit.doc_id)
            heads = {str(x.metadata.get("section", "")): x for x in chunks if int(x.metadata.get("chunk_index", 0)) == 0}
            for path in (c.hit.section, *ancestors(c.hit.section, str(c.hit.metadata.get("parent", "")))):
                if not path or (c.hit.doc_id, path) in seen or path not in heads:
                    continue
                seen.add((c.hit.doc_id, path))
                head = heads[path]
                if head.metadata.get("kind") in ("chapter", "jie"):
                    continue  # a chapter's articles are not the items of a list
                if coverage(terms, str(head.metadata.get("heading", ""))) >= min_cover and len(self._children(head)) >= 2:
                    return head
        return None

    def _children(self, head: Hit | StoredChunk) -> list[StoredChunk]:
        """First chunks of the sections directly under a section, in reading order."""
        path = str(head.metadata.get("section", ""))
        if not path:
            return []
        level = int(head.metadata.get("level", 0))
        out = []
        for c in self.searcher.chunks_of(str(head.metadata.get("doc_id", ""))):
            m = c.metadata
            sub = str(m.get("section", ""))
            if sub == path or int(m.get("chunk_index", 0)) != 0 or m.get("kind") == "appendix_row":
                continue
            parent = str(m.get("parent", ""))
            if parent == path or (not parent and sub.startswith(path) and int(m.get("level", 0)) == level + 1):
                out.append(c)
        return out[:MAX_ITEMS]

    # ---- across documents --------------------------------------------------------------------
    def _cross_doc(self, question: str, scope: Scope) -> Draft:
        """One line per document that addresses the topic."""
        terms = content_terms(question)
        hits = self.searcher.search(question, k=40, scope=scope)
        rows: list[tuple[Hit | StoredChunk, str, str]] = []
        seen: set[str] = set()
        head = head_terms(question)
        for doc_id in dict.fromkeys(h.doc_id for h in hits):
            # a document's sections that carry the topic's words first: its best-ranked ones may be about the
            # document's other words ("哪些文件提到了领导小组": 七、（一） of the 2012 plan, not its first hits)
            doc_hits = sorted((h for h in hits if h.doc_id == doc_id), key=lambda h: -coverage(terms, h.text))[:4]
            clauses = self.ranker.rank(question, terms, doc_hits, "general")
            # "提到了医疗机构的院务公开": a clause naming 院务公开, the head of the phrase, mentions it too
            good = [c for c in clauses if c.lexical_ctx >= 0.5 or c.semantic >= self.th.semantic
                    or (head and all(t in c.text for t in head) and judge(c, terms, self.th))]
            if good and doc_id not in seen:
                seen.add(doc_id)
                rows.append((good[0].hit, f"{named_doc_label(good[0].hit)}{good[0].hit.section}：", good[0].text))
        if not rows:
            return refuse()
        return items(f"共有{len(rows)}份文件涉及：", rows)

    # ---- document facts and structure --------------------------------------------------------
    def _doc_hits(self, hits: list[Hit], scope: Scope) -> tuple[str, StoredChunk] | None:
        """The document a question about document facts means, with its first chunk."""
        if scope.doc_ids and len(scope.doc_ids) == 1:
            doc_id = scope.doc_ids[0]
        elif hits:
            doc_id = hits[0].doc_id
        elif scope.doc_ids:
            doc_id = scope.doc_ids[0]
        else:
            return None
        chunks = self.searcher.chunks_of(doc_id)
        return (doc_id, chunks[0]) if chunks else None

    def _referenced(self, question: str, hits: list[Hit], scope: Scope) -> Draft | None:
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
                      or (scope.section_ref and _within(c.hit.section, scope)))]  # "第七部分的试点依据哪个文件"
        if not found:
            return None
        c, named = max(found, key=lambda f: (sum(_abbreviates(t, f[1].group(0)) for t in terms),
                                             judge(f[0], terms, self.th), -clauses.index(f[0])))
        title, number = named.group(1), named.group(2)
        return Draft(text=f"{title}，文号为{number}。\n根据{label(c.hit)}：{c.text}[1]", refused=False,
                     citations=(cite(1, c.hit, c.text),))

    def _doc_facts(self, question: str, hits: list[Hit], scope: Scope) -> Draft:
        """Every document fact the question asks for, one after another, each cited."""
        found = self._doc_hits(hits, scope)
        if found is None:
            return refuse()
        doc_id, first = found
        chunks = self.searcher.chunks_of(doc_id)
        head = [c for c in chunks if c.metadata.get("kind") in ("notice", "preamble")] or chunks[:2]
        drafts: list[Draft] = []
        answered: set[str] = set()  # the intents a draft answered
        for intent in doc_fact_intents(question) or [detect_intent(question)]:
            if intent == "date" and ADOPTED_WHEN.search(question) and not ISSUED_WHEN.search(question):
                intent = "approval"  # "哪一天通过的": the step that adopted it, not the date of this version
            if intent in answered:
                continue  # asked twice in one question ("哪天通过…经哪个机关批准"): answered once
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

    def _structure(self, intent: str, hits: list[Hit], scope: Scope, question: str = "") -> Draft | None:
        if scope.section_ref:  # "条例第六十九条…": the document where that section was found
            hits = [h for h in hits if _matches(h.section, scope)] + [h for h in hits if not _matches(h.section, scope)]
        found = self._doc_hits(hits, scope)
        if found is None:
            return None
        doc_id, first = found
        chunks = self.searcher.chunks_of(doc_id)
        name = f"《{first.metadata.get('title', '')}》"
        if intent == "count_rows":
            rows = {int(c.metadata.get("row_number") or 0) for c in chunks if c.metadata.get("kind") == "appendix_row"}
            if not rows:
                return None
            last = max((c for c in chunks if c.metadata.get("kind") == "appendix_row"),
                       key=lambda c: int(c.metadata.get("row_number") or 0))  # the count ends at the last row
            return Draft(text=f"{name}的附件任务分解表共列出{len(rows)}项任务（序号1至{max(rows)}）。[1]",
                         refused=False, citations=(cite(1, last, last.text),))
        parts = [c for c in chunks if int(c.metadata.get("level", 0)) == 1 and int(c.metadata.get("chunk_index", 0)) == 0]
        if intent == "parts" and re.search(r"几[个]?[章编]|多少[个]?[章编]", question) and not any(
                c.metadata.get("kind") == "chapter" for c in parts):
            return _no_chapters(name, chunks)  # "分了几章？" of a text that is only articles
        if intent == "parts":
            if not parts:
                return None
            return _parts_listing(name, parts, question)
        target = [c for c in chunks if _matches(str(c.metadata.get("section", "")), scope)]
        jie = re.search(r"第([一二三四五六七八九十]{1,3})节", question)
        if jie and scope.chapter:  # 第四章第三节: the 节 inside the chapter
            target = [c for c in chunks if c.metadata.get("section") == f"第{int_to_cn(scope.chapter)}章第{jie.group(1)}节"] or target
        if not target:
            return None
        sec = target[0]
        path = str(sec.metadata["section"])
        heading = str(sec.metadata.get("heading", ""))
        if sec.metadata.get("kind") == "article":
            base = re.match(r"第[一二三四五六七八九十百零〇\d]+条", path)
            whole = [c for c in chunks if base and str(c.metadata.get("section", "")).startswith(base.group(0))]
            return _article(name, whole or target, scope.item)  # 第（八）项 may sit in a later piece of the article
        if sec.metadata.get("kind") in ("chapter", "jie") and intent in ("section_title", "general"):
            return Draft(text=f"{name}{path}的标题是“{heading}”。[1]", refused=False,
                         citations=(cite(1, sec, heading),))
        children = self._children(sec) if intent in ("list", "summary", "general") else []
        if len(children) >= 2:
            intro = f"{name}{path}“{heading}”包括以下各项："
            return items(intro, [(c, str(c.metadata.get("section", "")), _item_text(c)) for c in children])
        if int(sec.metadata.get("level", 0)) == 1 and (ASKS_TITLE.search(question) or len(sec.text) <= len(heading) + 4):
            return Draft(text=f"{name}{path}的标题是“{heading}”。[1]", refused=False,
                         citations=(cite(1, sec, heading),))
        sentences = split_sentences(sec.text.replace("\n", ""))
        body = "".join(sentences[1:3]) if heading else "".join(sentences[:2])
        lead = f"标题为“{heading}”，" if heading else ""
        return Draft(text=f"{name}{path}{lead}主要内容：{body}[1]", refused=False,
                     citations=(cite(1, sec, body),))

    def _attachments(self, hits: list[Hit], scope: Scope) -> Draft | None:
        """What a document has attached ("后面附了什么？"): each attachment by its title, a table with its rows
        counted, else the 附件 lines of its notice or closing."""
        found = self._doc_hits(hits, scope)
        if found is None:
            return None
        doc_id, first = found
        chunks = self.searcher.chunks_of(doc_id)
        tables: dict[str, list[StoredChunk]] = {}
        for c in chunks:
            if c.metadata.get("kind") == "appendix_row":
                tables.setdefault(str(c.metadata.get("heading", "")), []).append(c)
        # the attachment as a whole is cited ("附件"), not its first row
        lines = [(StoredChunk(rows[0].chunk_id, rows[0].text, {**rows[0].metadata, "section": "附件"}), "附件",
                  f"《{title}》，共{len(rows)}项") for title, rows in tables.items() if title]
        if not lines:
            for c in chunks:
                for m in _ATTACHMENT_LINE.finditer(c.text):
                    lines.append((c, "附件", m.group(1).strip("：: 。")))
        if not lines:
            return None
        return items(f"{doc_label(first)}附有以下附件：", lines)

    def _count_items(self, hits: list[Hit], scope: Scope, question: str = "") -> Draft | None:
        """How many items a document (or the part the question names) lists."""
        found = self._doc_hits(hits, scope)
        if found is None:
            return None
        doc_id, first = found
        chunks = [c for c in self.searcher.chunks_of(doc_id) if int(c.metadata.get("chunk_index", 0)) == 0]
        name = f"《{first.metadata.get('title', '')}》"
        articles = [c for c in chunks if c.metadata.get("kind") == "article"]
        if scope.section_ref:
            target = [c for c in chunks if _matches(str(c.metadata.get("section", "")), scope)]
            if not target:
                return None
            path = str(target[0].metadata.get("section", ""))
            if target[0].metadata.get("kind") == "chapter" and re.search(r"(几|多少)(个)?节", question):
                children = [c for c in chunks if c.metadata.get("kind") == "jie" and c.metadata.get("parent") == path]
            elif target[0].metadata.get("kind") in ("chapter", "jie"):
                children = [c for c in articles if str(c.metadata.get("parent", "")).startswith(path)]
            else:
                children = self._children(target[0])
            where = f"{name}{path}"
        elif articles:
            chapters = [c for c in chunks if c.metadata.get("kind") == "chapter"]
            children, where = articles, name + (f"共{len(chapters)}章，" if chapters else "")
        else:
            level = min((int(c.metadata.get("level", 0)) for c in chunks if int(c.metadata.get("level", 0)) >= 2),
                        default=0)
            children = [c for c in chunks if int(c.metadata.get("level", 0)) == level and c.metadata.get("kind") != "appendix_row"]
            where = name
        if len(children) < 2:
            return None
        first, last = children[0], children[-1]
        unit = {"article": "条", "jie": "节"}.get(str(last.metadata.get("kind")), "项")
        names = bool(NAMES_WANTED.search(question))
        if unit == "节" and names:  # "包括哪几节": each 节 by its title, not only how many
            marks = Numbered()
            listing = "；".join(f"{c.metadata.get('section')} {c.metadata.get('heading', '')}"
                               f"{marks.mark(c, str(c.metadata.get('heading', '')))}" for c in children)
            return Draft(text=f"{where}共{len(children)}节：{listing}。", refused=False,
                         citations=tuple(marks.citations))
        if names:  # "包括哪些条": the range, cited at both ends
            return Draft(text=f"{where}共{len(children)}{unit}（{first.metadata.get('section')}[1]至"
                              f"{last.metadata.get('section')}[2]）。",
                         refused=False, citations=(cite(1, first, _item_text(first)), cite(2, last, _item_text(last))))
        # "共多少条": the count is checked against the last item, which is what is cited
        return Draft(text=f"{where}共{len(children)}{unit}（{first.metadata.get('section')}至"
                          f"{last.metadata.get('section')}[1]）。",
                     refused=False, citations=(cite(1, last, _item_text(last)),))

    # ---- comparisons -------------------------------------------------------------------------
    def _compare(self, question: str, scope: Scope) -> Draft:
        """Answer once per named region (or year), each with its own retrieval and citation."""
        indexed_years = {d.year for d in self.searcher.docs if d.year}
        years = [f"{y}年" for y in dict.fromkeys(int(y) for y in re.findall(r"(\d{4})\s*年", question)) if y in indexed_years]
        keys: list[str] = list(scope.regions) if len(scope.regions) >= 2 else years
        if len(keys) < 2:
            plain = re.sub(r"分别(是|有)(什么|哪些)", "有哪些", question)
            plain = re.sub(r"分别|各自|对比|比较", "", plain)
            # "城市和农村有区别吗": two cases inside one rule, not two documents: the rule answers both
            plain = re.sub(r"(有没有|有无|有)?(什么|何)?(区别|不同|差别|异同)(吗|呢)?", "", plain)
            hits = self.searcher.search(plain, k=5, scope=scope)
            return self.answer(plain, hits, scope) if detect_intent(plain) != "compare" else refuse()
        core = re.sub(r"分别|各自|对比|比较|和|与|及", " ", question)
        lines: list[str] = []
        cites: list[Citation] = []
        named = set(scope.regions)
        for key in keys:
            sub = core
            for other in keys:
                if other != key:
                    sub = remove_place(sub, other)
            sub_scope = self.searcher.scope(sub)
            if key.endswith("年"):  # the year's side reads that year's documents, whatever else the side names
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


def _asks_inside(question: str, name: str) -> bool:
    """Whether the question asks what a document named in 《》 itself says, not about a clause that cites it.

    Example: _asks_inside("《某某行动计划》确定的目标有哪些？", "某某行动计划") is True;
    _asks_inside("按《某某条例》，本市要公开什么？", "某某条例") is False
    """
    return bool(re.search(rf"《{re.escape(name)}》(?:中|里|里面|上|当中)?(?:所|都)?(?:确定|规定|提出|明确|要求|列出|包括|包含|"
                          rf"设定|制定|部署|安排)了?的", question))


# A span or a frequency (「三分钟内」「不得超过1个月」「每月召开三次」), never a date (「2004年6月16日」).
_N = r"(?<![年月0-9一二三四五六七八九十百两])[0-9一二三四五六七八九十百两]+\s*"
_SPAN = re.compile(rf"{_N}个?(?:工作日|日|天|小时|分钟|秒|周|月|年)(?:内|以内|之内|前)|"
                   rf"{_N}个?(?:工作日|小时|分钟|月)(?![0-9一二三四五六七八九十]+日)|年内|年底|月底|季度|每(?:年|季度?|月|周|日|天)")


_NEGATED = re.compile(r"(?:没有|未|无|不)(?:作|做|经|曾)?(约定|规定|明确|申请|登记|备案|批准|同意)")


def _same_polarity(question: str, clauses: list[Clause]) -> list[Clause]:
    """Clauses stating the case the question puts first: "没有约定…的" is answered by 「未作约定的」, not by
    「有约定的」 beside it (stable otherwise).

    Example: for "没有约定利率的按什么利率计算", 「未作约定的，按照每日利率万分之五」 comes before 「有约定的，…」
    """
    m = _NEGATED.search(question)
    if not m:
        return clauses
    negated = re.compile(r"(?:没有|未|无|不)(?:作|做|经|曾)?" + m.group(1))
    return sorted(clauses, key=lambda c: not negated.search(c.text))


# A clause that names who acts: 负责/主管/牵头…, or 「由公安部门给予警告」 in a penalty article's lead-in.
_NAMES_BODY = re.compile(r"负责|主管|牵头|解释|承担|组织协调|由[\u4e00-\u9fa5]{2,16}?(?:部门|机关|机构|局|委员会|政府|法院|检察院)")


def _parts_listing(name: str, parts: list[StoredChunk], question: str) -> Draft:
    """The top-level parts (chapters) by number and title; a count cites the last, a listing each."""
    sep = " " if any(c.metadata.get("kind") == "chapter" for c in parts) else ""
    listing = "；".join(f"{c.metadata['section']}{sep}{c.metadata['heading']}" for c in parts)
    cites: tuple[Citation, ...]
    if ASKS_COUNT.search(question) and not NAMES_WANTED.search(question):
        # "共有几章": the count is checked against the last part, which is what is cited
        cites = (cite(1, parts[-1], str(parts[-1].metadata["heading"])),)
    else:
        cites = tuple(cite(i + 1, c, str(c.metadata["heading"])) for i, c in enumerate(parts))
    marks = "".join(f"[{i + 1}]" for i in range(len(cites)))
    unit = "章" if sep else "个部分"
    return Draft(text=f"{name}正文共分{int_to_cn(len(parts))}{unit}：{listing}。{marks}", refused=False, citations=cites)


def _no_chapters(name: str, chunks: list[StoredChunk]) -> Draft | None:
    """The answer to "分了几章" for a text without chapters: it has none, and how many articles it has."""
    arts = [c for c in chunks if c.metadata.get("kind") == "article" and int(c.metadata.get("chunk_index", 0)) == 0
            and re.fullmatch(r"第[一二三四五六七八九十百零〇]+条", str(c.metadata.get("section", "")))]
    if not arts:
        return None
    first, last = arts[0], arts[-1]
    return Draft(text=f"{name}不分章，正文共{int_to_cn(len(arts))}条（{first.metadata['section']}至"
                      f"{last.metadata['section']}[1]）。", refused=False, citations=(cite(1, last, last.text),))


def _off_title(terms: list[str], scope: Scope, docs: list[Any]) -> list[str]:
    """Without the words of the one scoped document's title when other words remain: 「举报危害国家安全行为获奖后
    多长时间内领取奖励」 in the 公民举报危害国家安全行为奖励办法 is about 获奖 and 领取, which every clause's
    举报/国家安全 would outweigh."""
    if not scope.doc_ids or len(scope.doc_ids) != 1:
        return terms
    title = next((str(d.title) for d in docs if d.doc_id == scope.doc_ids[0]), "")
    rest = [t for t in terms if t not in title]
    return rest if rest and title else terms


def _whole_sentence(best: Clause) -> Clause:
    """The clause with the rest of its sentence when it stops at 「；」: a penalty's ladder ("处警告；警告后不改正的，
    处二百元以上五百元以下罚款。") is one answer, its first step alone a wrong one."""
    if not best.text.endswith(("；", ";")):
        return best
    units = clauses_of(best.hit.text)
    if best.index >= len(units) or units[best.index] != best.text:
        return best
    text = best.text
    for more in units[best.index + 1: best.index + 4]:
        text += more
        if not more.endswith(("；", ";")):
            break
    return replace(best, text=text)


# A clause that opens a series of figures for cases: 「按照下列标准执行：平原地区…80平方米；」
_FIGURE_SERIES = re.compile(r"(下列|以下|如下)[\u4e00-\u9fa5]{0,6}[：:]")
_ATTACHMENT_LINE = re.compile(r"(?m)^\s*附件\s*\d{0,2}\s*[：:．.、]?\s*(\S.{3,60})$")


def _abbreviates(short: str, title: str) -> bool:
    """Whether short names title: its characters appear in the title in order (保密法 -> 保守国家秘密法).

    Example: _abbreviates("保密法", "中华人民共和国保守国家秘密法") is True; _abbreviates("行政处罚法", "行政许可法") is False
    """
    it = iter(title)
    return all(ch in it for ch in short)


def _gaps(question: str, c: Clause, scope: Scope) -> list[str]:
    """What the question pins down that the clause's section does not state."""
    meta = c.hit.metadata
    evidence = f"{meta.get('headings', '')} {c.hit.text}"
    return constraint_gaps(question, evidence, (*scope.years, int(meta.get("year") or 0)),
                           f"{meta.get('title', '')} {meta.get('region', '')}")


def _without_gaps(question: str, fitting: list[Clause], scope: Scope) -> Clause | list[str]:
    """The first clause whose section states everything the question pins down, else the first clause's gaps."""
    gaps: list[str] = []
    for c in fitting:
        found = _gaps(question, c, scope)
        if not found:
            return c
        gaps = gaps or found
    return gaps


def _source_of(c: Citation, chunks: list[StoredChunk], default: StoredChunk) -> StoredChunk:
    """The stored chunk a citation was made from."""
    return next((x for x in chunks if x.chunk_id == c.chunk_id), default)


def _article(name: str, pieces: list[StoredChunk], item: int | None = None) -> Draft:
    """What an article says: its whole text (a long one cut), or the 项 asked for, cited to it."""
    first = pieces[0]
    path = str(first.metadata.get("section", ""))
    if item is not None:
        marker = re.compile(rf"^[（(]{int_to_cn(item)}[)）]")
        for piece in pieces:
            line = next((ln for ln in piece.text.split("\n") if marker.match(ln)), None)
            if line:
                return Draft(text=f"{name}{path}规定：{line}[1]", refused=False,
                             citations=(cite(1, piece, line),))
    text = "\n".join(p.text for p in pieces if p.metadata.get("section") == path)
    shown = text if len(text) <= 500 else text[:500] + "…"
    return Draft(text=f"{name}{path}规定：\n{shown}[1]", refused=False, citations=(cite(1, first, shown),))


def ancestors(path: str, parent: str = "") -> list[str]:
    """Enclosing section paths, nearest first (the parser's parent when known, else path prefixes).

    Example: ancestors("五、（三）1.") == ["五、（三）", "五、"]
    """
    if parent:
        return [parent]
    out = []
    for m in re.finditer(r"、|）|\.", path):
        prefix = path[: m.end()]
        if prefix != path:
            out.append(prefix)
    return out[::-1]


def _item_text(chunk: StoredChunk, whole: bool = False) -> str:
    """An item in a list answer: its heading, else its first sentence; in a summary, its text.

    Example: an item "推进决策公开。严格落实…" -> "推进决策公开。" (list) or the whole item (summary)
    """
    if whole:
        text = chunk.text.replace("\n", "")
        return text if len(text) <= 300 else text[:300] + "…"
    heading = str(chunk.metadata.get("heading", ""))
    return heading + "。" if heading else short(chunk.text, 60)


def _article_items(hit: Hit) -> list[str]:
    """The 项 lines of an article, （一） first even when it shares a line with the article's opening words."""
    out = []
    for line in hit.text.split("\n"):
        m = re.search(r"[（(][一二三四五六七八九十]{1,3}[)）]", line)
        if m and (m.start() == 0 or line[m.start() - 1] in "：:"):
            out.append(line[m.start():])
    return out


# 《title》（文号） as documents cite each other.
_NAMED_NUMBER = re.compile(r"(《[^》]{2,80}》)\s*[（(]([\u4e00-\u9fa5]{1,12}[〔\[［]\d{4}[〕\]］]\s*第?\d{1,4}号)[)）]")
_SERIES = re.compile(r"[一二三四五六七八九十]是|[（(][一二三四五六七八九十]{1,3}[)）]")


def _focus(sentences: list[str], anchor: str, room: int = 8) -> list[str]:
    """The part of a long section that is about the best clause: its 一是/二是 point, else a window from it.

    A section of many sentences covers several topics; a summary of one of them reads that topic's point.
    Example: _focus(["甲。", "一是A。", "a1。", "a2。", "二是B。", "b1。", "三是C。"], "二是B。", room=3) == ["二是B。", "b1。"]
    """
    if len(sentences) <= room:
        return sentences
    at = next((i for i, s in enumerate(sentences) if anchor and (anchor in s or s in anchor)), None)
    if at is None or at == 0:
        return sentences
    points = [i for i, s in enumerate(sentences) if _POINT.match(s)]
    start = max((i for i in points if i <= at), default=None)
    if start is None:
        return sentences[max(0, at - 1):]
    end = min((i for i in points if i > start), default=len(sentences))
    return sentences[start:end]


_POINT = re.compile(r"^[一二三四五六七八九十]是")


def _enumerates(text: str) -> bool:
    """A clause that lists things: 甲、乙、丙 or 一是…二是….

    Example: _enumerates("教育、卫生健康、医保等行业") is True
    """
    return text.count("、") >= 2 or bool(re.search(r"[一二三四五六七八九十]是", text))


def _ref_name(scope: Scope) -> str:
    """How a refusal names the section a question pointed at."""
    if scope.row is not None:
        return f"附件序号{scope.row}"
    article = getattr(scope, "article", None)
    if article:
        return f"第{int_to_cn(article)}条"
    bits = ([f"第{int_to_cn(scope.part)}部分"] if scope.part else []) + ([f"第（{int_to_cn(scope.item)}）项"] if scope.item else [])
    return "".join(bits) or "条款"


def _within(path: str, scope: Scope) -> bool:
    """Whether a section is the one the question names or inside it (七、（一） is inside 第七部分)."""
    if scope.item is None and scope.part is not None and path.startswith(f"{int_to_cn(scope.part)}、"):
        return True
    return _matches(path, scope)


def _matches(path: str, scope: Scope) -> bool:
    from vectorstore.hybrid import section_matches

    if scope.item is None and scope.part is not None:
        return path in (f"{int_to_cn(scope.part)}、", str(scope.part))  # str: a decimal plan's part "6"
    return section_matches(path, scope)
