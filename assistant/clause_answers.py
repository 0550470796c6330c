"""Answers built from clauses: the fact, figure, date, lead unit, yes/no, list or summary a question
asks for, from the clauses that state it, or a refusal that shows the nearest ones.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from assistant.clause_order import (
    CASES_LIST,
    cases_first,
    figures_first,
    negated_first,
    off_title,
    opposite_case,
    same_polarity,
    section_gaps,
    without_gaps,
)
from assistant.docfacts import unindexed
from assistant.evidence import (
    ASKS_SANCTION,
    NUMBER_RE,
    PUNISHES,
    TIME_RE,
    Clause,
    ClauseRanker,
    Thresholds,
    asked_unit,
    asks_meaning,
    coverage,
    defines_asked,
    figures,
    judge,
    members_asked,
    only_counted,
    side_gaps,
    states_figure,
)
from assistant.forms import (
    FIRST_LEADS,
    Draft,
    Numbered,
    cite,
    cite_path,
    doc_label,
    duty_note,
    fact,
    items,
    label,
    refuse,
    renumbered,
)
from assistant.normalize import arabic_figures
from assistant.outline import MAX_ITEMS, Outline, ancestors, article_items, item_text, within
from assistant.query import STEPS_ASKED, content_terms, lone_pairs
from assistant.quoting import (
    CASE_LINE,
    LISTS_CASES,
    POINT,
    focus,
    lead_in,
    quote_for,
    rest_of_sentence,
    sentence_cases,
    short_whole,
    whole_sentence,
    with_extension,
    with_lead_in,
    with_listed_cases,
    with_proviso,
    with_referred_paragraph,
    with_time_limit,
)
from assistant.sanctions import ARTICLE_PATH, Sanctions, breach_of
from assistant.tiers import tier_first
from assistant.types import Citation
from assistant.verdicts import (
    VERDICT_LEXICAL,
    figure_differs,
    mention_asked,
    not_mentioned,
    states_predicate,
    yes_or_no,
)
from assistant.wording import (
    ASKS_CASES,
    ASKS_CONSEQUENCE,
    ASKS_FINE,
    ASKS_MEASURES,
    ASKS_SPAN,
    DOC_KIND,
    NAME_ASKED,
    QUOTED,
    REMEDY,
)
from ingest.regions import region_mentions
from ingest.textutil import NUMBERED_ITEM, char_bigrams, cn_to_int, int_to_cn, said_shortened, split_sentences
from vectorstore.clauses import clauses_of
from vectorstore.hybrid import HybridSearcher, as_hit
from vectorstore.scope import Scope, in_order, library_places, spelled_out, topic_of, without_doc_names
from vectorstore.store import StoredChunk
from vectorstore.types import Hit

# A quoted piece that is what someone wrote or said: a sentence, a denial (没经同意), words of a person (我们).
_SAID = re.compile(r"[，,。！!？?；;]|^(?:没|不|未|别)|[我你他她]")
# A charge the question names: 「占路费」「收多少钱」「收费标准」 (a fee, never a fine's sum).
_ASKS_CHARGE = re.compile(r"(?<![罚])(?:[\u4e00-\u9fa5]{1,3}费(?![用]?[的]?罚)|收(?:多少|几)|收取|收费)")
# What comes before a name the asker gives a thing of their own (「起名叫“…”」「招牌上写着“…”」), or a thing of the
# story counted in scare quotes (「又让另交一笔“服务费”」).
_NAMES_OWN = re.compile(r"(?:叫做?|名为|取名|起名|命名为?|名字是|名称是|写着|写上|标着|印着|打出|"
                        r"[一两几这那每]?(?:笔|份|张|种|项|个|些|次|条))$")
# 「家政服务消费者不得有下列行为：」: a party's list of bans; and a question asking what may not be done.
_PARTY_BANS = re.compile(r"^([\u4e00-\u9fa5]{3,16}?)(?:不得|禁止)(?:有|从事|实施)?下列[\u4e00-\u9fa5]{0,6}[：:]")
_ASKS_BANS = re.compile(r"(?:哪些|什么)(?:事|事情|行为)?(?:是)?(?:禁止|不得|不能|不准|不许|不可以)|"
                        r"(?:禁止|不得|不能|不准|不许|不可以)(?:做|干|有|从事|实施)(?:哪些|什么)")
# A lead-in that lists the bodies or people a rule applies to: 「下列单位应当建立专职消防队：」.
_LISTS_OF_KIND = re.compile(r"(?:下列|以下)(?:单位|机构|部门|企业|场所|人员|组织)[^：:。]{0,30}[：:]")
# A clause that opens an article's 项: 「有下列情形之一的：」「…如下：」「…：（一）…」.
_OPENS_ITEMS = re.compile(r"下列|如下|以下|[：:]\s*[（(]一[)）]|[：:]$")
# A code a text names things by: PM2.5, ISO9001, 5G, 12345 (letters and figures, at least one letter).
_CODE = re.compile(r"(?<![A-Za-z\d.])(?=[\w.]*[A-Za-z])[A-Za-z\d][A-Za-z\d.]*[A-Za-z\d](?![A-Za-z\d])")


class ClauseAnswers:
    """Facts, figures, dates, yes/no, lists and summaries from the best clauses of the hits."""

    def __init__(self, searcher: HybridSearcher, ranker: ClauseRanker, thresholds: Thresholds, outline: Outline) -> None:
        self.searcher = searcher
        self.ranker = ranker
        self.th = thresholds
        self.outline = outline
        self.sanctions = Sanctions(searcher, ranker)

    def answer(self, question: str, intent: str, hits: list[Hit], scope: Scope) -> Draft:
        """Answers built from the best clauses of the hits: facts, yes/no, lists and summaries."""
        topic = mention_asked(question) if intent == "yes_no" else None
        one = scope.doc_ids[0] if scope.doc_ids and len(scope.doc_ids) == 1 else None
        if topic and one and (sibling := self._sibling_only(topic, one)) is not None:
            # 「有没有提到用政务微信发布」 where the document speaks only of 政务微博: 没有, and what it does say
            asked, said = sibling
            near = self._clauses(question, [said] if said else content_terms(question), hits, intent, scope)[:2]
            return not_mentioned(asked, refuse(near=near), said)
        draft = self._answer(question, intent, hits, scope)
        if topic and draft.refused:
            return not_mentioned(topic, draft)  # 「有没有提到办好政府公报」 where no clause does: 没有 is the answer
        return draft

    def _sibling_only(self, topic: str, doc_id: str) -> tuple[str, str] | None:
        """A name the question asks about that the document never writes, while it writes a sibling of it (the
        same name but its last character: 政务微信 and 政务微博), as (asked, written); else None."""
        text = "".join(c.text for c in self.searcher.chunks_of(doc_id))
        words = content_terms(topic)
        names = words + [a + b for a, b in zip(words, words[1:], strict=False) if a + b in topic]  # 社区 微信: 社区微信
        for term in names:
            if len(term) >= 4 and term not in text and (m := re.search(re.escape(term[:-1]) + r"[\u4e00-\u9fa5]", text)):
                return term, m.group(0)
        for code in _CODE.findall(topic):  # 「有没有点名PM10」 where the text names PM2.5: a code is all or nothing
            if code.lower() not in text.lower():
                letters = re.match(r"[A-Za-z]+", code)
                sibling = re.search(re.escape(letters.group(0)) + r"[\w.]*", text, re.I) if letters else None
                return code, sibling.group(0) if sibling else ""
        return None

    def _answer(self, question: str, intent: str, hits: list[Hit], scope: Scope) -> Draft:
        """The answer, or a refusal that shows the nearest clauses."""
        if not hits:
            return refuse()
        # The words that named the document (its title) are not its topic: every clause of it would share them.
        # (a shortened name too: 「按动植物检疫条例」 for 进出境动植物检疫法实施条例 leaves no 「按动」 to match)
        terms = off_title(content_terms(topic_of(question, scope, self.searcher.docs, shortened=True)), scope, self.searcher.docs)
        terms += [p for p in self._places_asked_about(question) if p not in terms]
        terms += [p for p in lone_pairs(question) if p not in terms and any(p in h.text for h in hits)]  # 证后监督检查
        # 「《…指导目录》要在什么时候编完」: a document the text only mentions is what is asked about, a topic
        mentioned = unindexed(re.findall(r"《([^》]{2,40})》", question), [d.title for d in self.searcher.docs])
        # 「对示范法第十二条是怎么改的」「刑法第246条对应什么罪名」: an article another text has, which this one names
        cited = [] if scope.section_ref else [_as_written(a, hits) for a in _CITED_ARTICLE.findall(question)]
        mentioned += [a for a in dict.fromkeys(cited) if a not in terms]
        terms = [*mentioned, *(t for t in terms if t not in mentioned)]
        hits = self._with_list_lead(question, intent, terms, hits, scope)
        clauses = self._clauses(question, terms, hits, intent, scope)
        clauses = [c for c in clauses if all(a in c.hit.text for a in cited)] or clauses  # (not the part on another)
        if not clauses:
            return refuse()
        if NAME_ASKED.search(question) and (named := _named_thing(terms, clauses[:5])) is not None:
            return named  # "政务微博叫啥名": the name in quotes beside 微博, however little else is shared
        meaning = asks_meaning(question)  # (a clause defining the word asked fits, though the word is the title's)
        fitting = [c for c in clauses[:8] if scope.section_ref or judge(c, terms, self.th) or meaning and defines_asked(question, c.text)]
        fitting = [c for c in fitting if all(n in c.hit.text for n in mentioned)]  # a clause not naming it is about else
        if not fitting:
            return refuse(near=clauses)
        asked = without_doc_names(question, scope, self.searcher.docs, shortened=True)  # the title's 处罚 is asked of no clause
        if intent == "list" and _ASKED_N.search(arabic_figures(question)) and \
                self._has_asked_count(question, self.outline.titled_parent(terms, clauses, 0.5)):
            return self._listing(question, intent, terms, clauses, scope)  # 「哪3项」 and a part with three items
        for asked_n in dict.fromkeys([question, *(_counted_as(question, c.text) for c in fitting[:3])]):
            counted = [c for c in fitting[:3] if asked_n and only_counted(asked_n, c.text)]
            if counted and (named := self._members_named_elsewhere(asked_n, counted)) is not None:
                # 「那5个试点区是哪5个」, or 「试点区是哪几个」 of a text that says 「五个试点区」: the same document names
                # them where it assigns the task (a row's 责任单位)
                return named
        if _unlisted_members(question, fitting) or _unnamed_places(question, fitting):
            return refuse("（文件中没有写明：具体名单）", near=clauses)
        best = self._choose(asked, fitting, scope)
        if isinstance(best, list) and intent == "yes_no" and (differs := figure_differs(best, fitting)) is not None:
            return differs  # 「是不是给了60天」 of a clause that gives 30日
        if isinstance(best, list):
            return refuse(f"（文件中没有写明：{'、'.join(best)}）", near=clauses)
        if _ELIDED.fullmatch(best.hit.text.strip()):  # 「五、关于新机场建设项目问题。（略）」: a heading, its text left out
            return refuse("（文件公布的文本中这一部分内容从略）", near=clauses)
        fitting = [c for c in fitting if c is best or not section_gaps(asked, c, scope)]  # every form picks from these
        if (penalty := self.sanctions.penalty_for(question, terms, best, intent)) is not None:
            best, fitting = penalty, [penalty, *fitting]  # 「让寄存还不听，会怎么罚」: the article that punishes it
        if PUNISHES.search(best.text):  # and the steps it goes on to: 「…责令限期改正；逾期不改正的，处二千元…」
            steps = sorted((c for c in self.ranker.rank(question, terms, [best.hit], intent)
                            if c.index > best.index and _NEXT_STEP.match(c.text)), key=lambda c: c.index)
            fitting = [best, *steps, *(c for c in fitting if c is not best)]
        return self._form(question, intent, terms, best, fitting, clauses, hits, scope)

    def _form(self, question: str, intent: str, terms: list[str], best: Clause, fitting: list[Clause],
              clauses: list[Clause], hits: list[Hit], scope: Scope) -> Draft:
        """The answer in the form its question asks for: 是/否, where it is, a list or summary, a figure, a fact."""
        if intent == "yes_no":
            stating = states_predicate(terms, best, clauses)  # the same chunk: judged already
            if PUNISHES.search(stating.text) and not ASKS_SANCTION.search(question) and \
                    (duty := self.sanctions.duty_punished(question, terms, stating, intent)) is not None:
                stating = duty  # 「可以转包给别家吗」 found as the fine for it: the article that forbids it answers
            item = _item_asked(terms, stating, clauses)
            # an item is judged with the lead-in that makes it a rule (「不得招用下列人员为救生员：……（三）全日制在校学生」)
            said = max(best.lexical, stating.lexical, coverage(terms, f"{lead_in(item) or ''}{item.text}"))
            return yes_or_no(question, item, sure=said >= VERDICT_LEXICAL, lead=self._earlier_lead(item))
        if intent == "locate":
            return self._locate(question, _headed_part(question, content_terms(question), clauses) or best)
        if intent in ("lead", "list", "general") and _ASKS_EXCEPTED.search(question) and (
                excepting := next((c for c in fitting[:3] if _STATES_EXCEPTION.search(c.text)), None)) is not None:
            # 「哪些单位不在停产停业这条要求里」: the clause that makes the exception (「除国家机关…外，其他用人单位应当…」)
            return self._fact(question, "general", terms, excepting, fitting, clauses, hits, scope)
        if intent == "general" and best.index == 0 and best.hit.heading and best.text.startswith(best.hit.heading):
            intent = "summary"  # the best clause is only the item's heading: what the item says is wanted
        if intent == "lead" and _LISTS_OF_KIND.match(best.text) and re.search(r"哪些|哪几(?:个|家|类)", question):
            intent = "list"  # 「哪些单位必须建立专职消防队」 of 「下列单位应当建立专职消防队：（一）…」: the units listed
        if intent in ("list", "summary") and defines_asked(question, best.text):
            # 「“不良行为”具体包括哪些」 defined by an article's 项: each 项, cited; else the defining clause as it says it
            # (「前款规定的条约和重要协定是指：（一）…」 opens its 项 with no 下列)
            opens = LISTS_CASES.search(best.text) or _OPENS_ITEMS.search(best.text)
            listed = self._list_form(question, terms, clauses) if intent == "list" and opens else None
            if listed is not None:
                return listed
            intent = "general"  # 「“地方志”包括哪几种」: the clause that defines it says which, as it says it
        if intent in ("list", "summary"):
            return self._listing(question, intent, terms, clauses, scope)
        if intent in ("general", "quantity") and (kinds := _KINDS_COUNTED.search(question)) and not any(
                _divides(c.text, kinds.group(1)) for c in fitting[:3]):
            # 「阶梯水价分几档」 of 「…实行阶梯水价」: the text sets up the tiers without counting them
            return refuse(f"（文件中没有写明分为几{kinds.group(1)}）", near=clauses)
        if intent in ("quantity", "deadline") and (holder := _validity_holder(question)) and holder not in best.hit.text:
            # 「小摊点备案卡有效期是几年」 of an article on the 登记证's: the text gives no time for the card
            return refuse(f"（文件中没有写明{holder}的有效期）", near=clauses)
        if intent == "quantity":
            return self._quantity(question, terms, fitting, clauses, scope)
        return self._fact(question, intent, terms, best, fitting, clauses, hits, scope)

    def _fact(self, question: str, intent: str, terms: list[str], best: Clause, fitting: list[Clause],
              clauses: list[Clause], hits: list[Hit], scope: Scope) -> Draft:
        """A lead unit, a deadline or a plain fact, from the clause that states it, or a refusal saying what is missing."""
        if intent == "lead":
            lead = self._lead_clause(question, terms, clauses, scope)
            if lead is None and not _ASKS_LEAD.search(question):
                # 「专家组是哪些单位的专家」: no lead is asked, the bodies a clause names answer
                lead = next((c for c in fitting[:5] if _NAMES_INSTITUTION.search(c.text)), None)
            if lead is None:
                return refuse("（相关条款没有写明牵头单位）", near=clauses)
            if (named := _NAMED_BODY_ASKED.search(question)) and not _BODY_WORD.search(lead.text.replace(named.group(1), "")):
                # 「“国家地方志工作指导机构”具体是哪个单位」 where the text only ever says that name: it does not say
                return refuse(f"（文件中没有写明“{named.group(1)}”具体是哪个单位）", near=clauses)
            best = lead
        if intent == "deadline":
            when = self._when_clause(question, terms, best, fitting, clauses, hits, scope)
            if when is None:  # "起诉期限是多长" where the text says only 「一定期限内」
                return refuse("（文件中没有写明具体期限）", near=clauses)
            if when is not best and _BACK_REFERENCE.match(when.text) and when.hit.chunk_id == best.hit.chunk_id:
                return fact(when, intent, asked_unit(question), f"{best.text}……{when.text}")  # the task, then its time
            if when is not best and when in rest_of_sentence(best):  # the condition, then the time its sentence gives
                return fact(when, intent, asked_unit(question), whole_sentence(best).text)
            best = when
        context = self._point(best).text if POINT.match(best.text) else quote_for(best, question)
        if intent == "deadline":
            context = with_extension(best, context)
        if LISTS_CASES.search(best.text):  # 「具有下列情形之一的，应当认定为…：（一）…」: every case, not the first
            context = with_listed_cases(best, context)
        else:
            context = with_lead_in(best, context)
        context = with_time_limit(best, with_referred_paragraph(best, with_proviso(best, context)))
        announces = context.endswith(("以下意见：", "如下意见：", "以下建议：", "如下：", "以下：")) and context.endswith(best.text)
        units = clauses_of(best.hit.text) if announces else []
        if announces and best.index + 1 < len(units):
            context += units[best.index + 1]  # 「X提出了以下意见：」 and the first of them, in the same section
            announces = False
        draft = fact(best, intent, asked_unit(question), context,
                     first_leads=intent == "lead" and self._first_leads(str(best.hit.metadata.get("doc_id", ""))))
        children = self.outline.children(best.hit) if announces else []
        first = split_sentences(children[0].text.replace("\n", "")) if children else []
        if first:  # …以下意见： and the first one
            return Draft(text=f"{draft.text}\n{label(children[0])}：{first[0]}[2]", refused=False,
                         citations=(*draft.citations, cite(2, children[0], first[0])))
        return _each_named(question, draft, context, best, clauses)

    def _members_named_elsewhere(self, question: str, counted: list[Clause]) -> Draft | None:
        """The N members a clause only counts (「五个试点区要继续做好国家试点的总结…」), named in a run of exactly N
        elsewhere in its document, in a part that says most of the same words (the task's row: 「做好国家试点的总结…
        浦东新区政府、徐汇区政府…」); None when no part does."""
        asked = members_asked(question)
        if asked is None:
            return None
        counting = counted[0]
        noun = re.search(rf"{asked[0]}{asked[1]}([\u4e00-\u9fa5]{{1,4}})", arabic_figures(question))
        if noun is None:
            return None
        head = noun.group(1)[-1]  # 「5个试点区」: each of them is a 区 (浦东新区政府), a short name
        words = set(char_bigrams(counting.text))
        found: list[tuple[float, str, StoredChunk]] = []
        for chunk in self.searcher.chunks_of(counting.hit.doc_id):
            runs = [r for r in _NAME_RUN.findall(chunk.text) if r.count("、") + 1 == int(asked[0])
                    and all(head in name and len(name) <= 12 for name in r.split("、"))]
            if chunk.chunk_id != counting.hit.chunk_id and len(runs) == 1 and words:
                found.append((len(words & set(char_bigrams(chunk.text))) / len(words), runs[0], chunk))
        if not found:
            return None
        share, names, chunk = max(found, key=lambda f: f[0])
        if share < _MEMBERS_SHARE:
            return None
        return Draft(text=f"{names}。\n根据{label(counting.hit)}：{counting.text}[1]\n根据{label(chunk)}：{names}[2]",
                     refused=False, citations=(cite(1, counting.hit, counting.text), cite(2, chunk, names)))

    def _with_list_lead(self, question: str, intent: str, terms: list[str], hits: list[Hit], scope: Scope) -> list[Hit]:
        """The hits, with the article of the one document asked about that lists the kind of thing asked
        (「需要满足哪些条件」 and 「企业取得生产许可证，应当符合下列条件：」) among the first when the search missed it."""
        kind = _KIND_LISTED.search(question)
        if intent not in ("list", "summary") or kind is None or not hits or scope.doc_ids and len(scope.doc_ids) != 1:
            return hits
        held = {h.chunk_id for h in hits}
        rest = [t for t in terms if t != kind.group(1)]
        # (the document asked about, or the one the search found first)
        leads = [(coverage(rest, c.text), c) for c in self.searcher.chunks_of(scope.doc_ids[0] if scope.doc_ids else hits[0].doc_id)
                 if f"下列{kind.group(1)}" in c.text and c.chunk_id not in held]
        share, best = max(leads, key=lambda lead: lead[0], default=(0.0, None))
        return hits if best is None or share < _LEAD_COVER else [*hits[:2], as_hit(best), *hits[2:]]

    def breached(self, question: str, intent: str, scope: Scope) -> Draft | None:
        """「违反第二十五条的，要承担什么法律责任」: the article that punishes a breach of the article the question
        names, answered as the question asks; None when the question asks no consequence or no article cites it."""
        if scope.article is None or not scope.doc_ids or len(scope.doc_ids) != 1 or "违反" not in question or not (
                ASKS_CONSEQUENCE.search(question) or ASKS_FINE.search(question)):
            return None
        cites_it = breach_of(int_to_cn(scope.article))
        citing = [(c, at) for c in self.searcher.chunks_of(scope.doc_ids[0])
                  if (at := ARTICLE_PATH.match(str(c.metadata.get("section", "")))) and cites_it.search(c.text)]
        if scope.item:  # 「违反第三十四条第五项」: the article that punishes that item, not the one for 第一至四项
            named = [(pair, _breached_items(cites_it, pair[0].text)) for pair in citing]
            citing = [pair for pair, items in sorted(named, key=lambda n: n[1] is None) if items is None or scope.item in items]
        for chunk, at in citing:  # the question is about the punishing article now
            draft = self.answer(question, intent, [as_hit(chunk)],
                                replace(scope, article=cn_to_int(at.group(1)), paragraph=None, item=None))
            if not draft.refused:
                return draft
        return None

    def _earlier_lead(self, c: Clause) -> str:
        """The line that opens the list a case item (（十）…) belongs to, when the article's list runs over more
        than one chunk and the item is in a later one (「码头内禁止下列行为：」 in the first)."""
        if not CASE_LINE.match(c.text) or int(c.hit.metadata.get("chunk_index", 0)) == 0 or lead_in(c):
            return ""
        first = next((x for x in self.searcher.chunks_of(c.hit.doc_id) if int(x.metadata.get("chunk_index", 0)) == 0
                      and x.metadata.get("section") == c.hit.metadata.get("section")), None)
        opening = [line.strip() for line in (first.text if first else "").split("\n") if line.strip().endswith(("：", ":"))]
        return opening[-1] if opening else ""

    def _party_bans(self, question: str, doc_id: str) -> tuple[Hit, str] | None:
        """The article line 「X不得有下列行为：」 of the one party X the question names and asks the bans of, with
        its chunk; None when the question asks no ban, names no such party, or several parties' lists fit."""
        if not _ASKS_BANS.search(question):
            return None
        found = [(as_hit(c), line) for c in self.searcher.chunks_of(doc_id) for line in c.text.split("\n")
                 if (m := _PARTY_BANS.match(line)) and m.group(1) in question and article_items(as_hit(c))]
        return found[0] if len(found) == 1 else None

    def _point(self, best: Clause) -> Clause:
        """A 一是… point whose sentence only names it (「三是加强公益慈善信息公开。」) with what it requires, up to
        the next point, read across the chunks of its section; any other clause as short_whole gives it."""
        if not (POINT.match(best.text) and len(best.text) <= _POINT_HEAD):
            return short_whole(best)
        sentences = split_sentences(self._section_text(best.hit) or best.hit.text.replace("\n", ""))
        at = next((i for i, x in enumerate(sentences) if best.text in x or x in best.text), None)
        if at is None:
            return best
        after = list(itertools.takewhile(lambda x: not POINT.match(x), sentences[at + 1:at + 4]))
        return replace(best, text="".join([sentences[at], *after]))

    def _section_text(self, hit: Hit) -> str:
        """The whole text of a hit's section, across the chunks a long section is split into, on one line."""
        return "".join(c.text for c in self.searcher.chunks_of(hit.doc_id)
                       if c.metadata.get("section") == hit.section).replace("\n", "")

    def _first_leads(self, doc_id: str) -> bool:
        """Whether the document says the first body of each 「（…负责）」 note leads (列第一位者为牵头单位)."""
        return any(FIRST_LEADS.search(c.text) for c in self.searcher.chunks_of(doc_id)) if doc_id else False

    def _choose(self, asked: str, fitting: list[Clause], scope: Scope) -> Clause | list[str]:
        """The first clause that states all the question pins down, or what is missing: a remedy the document
        never provides, else the first clause's gaps."""
        # a clause of the other side of the event asked (「立案前…三十日」 for 立案以后) comes after those of its side
        # and one of the positive case of a condition the question negates (「有固定收入的」 for 没有固定收入)
        fitting = sorted(fitting, key=lambda c: (bool(side_gaps(asked, c.text)), opposite_case(asked, c.text)))
        if _ASKS_SOURCE.search(asked):  # 「经费从哪里出」: the clause that says where the money comes from
            fitting = sorted(fitting, key=lambda c: not _STATES_SOURCE.search(c.text))
        return self._unprovided(asked, scope) or without_gaps(asked, fitting, scope)

    def _places_asked_about(self, question: str) -> list[str]:
        """Places the question names that are no library document's place: what it asks about (「那广东和福建
        呢？1995年它俩落实了多少名额」 of a national notice), not which document it means."""
        held = library_places(self.searcher.docs)
        return [surface for surface, canonical in region_mentions(question)
                if canonical not in held and not any(canonical.startswith(h) or h.startswith(surface) for h in held)]

    def _unprovided(self, question: str, scope: Scope) -> list[str]:
        """Remedies and procedures the question asks about (申请复核, 听证, 缓缴), and names it quotes
        (“护航行动”), that the one document it is about never mentions: a clause on a neighbouring thing
        would answer something else."""
        # (a quoted sentence, 「挂牌子写“原价999，今天只要199”」, or a claim, 「以“没经家属同意”为由」, is what someone
        # wrote or said, not a name)
        # (nor is a name the asker gives a thing of their own: 「网站起名叫“中华健康药品网”」)
        named = list(dict.fromkeys(REMEDY.findall(question) + [
            m.group(1) for m in QUOTED.finditer(question)
            if len(m.group(1)) >= 2 and not _SAID.search(m.group(1)) and not _NAMES_OWN.search(question[:m.start()])]))
        text = self._text_of(scope) if named else None
        if text is None:
            return []
        plain = _plain(text)
        # 「“四个一”」「“五公开”」: a count of what the text lists, a label the text may never write
        return [w for w in named if not said_shortened(_plain(w), plain) and not _COUNT_LABEL.fullmatch(w)]

    def _text_of(self, scope: Scope) -> str | None:
        """The whole text of the one document a question is about, None when it is about several or none."""
        if not scope.doc_ids or len(scope.doc_ids) != 1:
            return None
        return "".join(c.text for c in self.searcher.chunks_of(scope.doc_ids[0]))

    def _unmentioned(self, terms: list[str], scope: Scope) -> list[str]:
        """The specific names (four characters or more: 子女教育, 精神损害抚慰金) a question asks a figure of that the
        one document it is about never mentions: any figure quoted would be another thing's."""
        text = self._text_of(scope)
        if text is None:
            return []
        # a name said in pieces (拖欠…款项), or the way the text says it (公交公司: 公共交通企业), is mentioned; a
        # document's kind (司法解释) is no thing with a figure
        # (a bound asked, run into a word — 「逾期不改最多罚多少」 gives 不改最多 — is no part of the name)
        terms = [_BOUND_ASKED.sub("", t) for t in terms]
        return [t for t in terms if len(t) >= 4 and coverage([t], text) < 1  # 电气化铁路: 铁路电气化 said in pieces
                and not any(coverage([t[:k]], text) == 1 and coverage([t[k:]], text) == 1 for k in range(2, len(t) - 1))
                and not DOC_KIND.search(t) and spelled_out(t) not in text]  # 人大常委会: 人民代表大会常务委员会

    def _when_clause(self, question: str, terms: list[str], best: Clause, fitting: list[Clause], clauses: list[Clause],
                     hits: list[Hit], scope: Scope) -> Clause | None:
        """The clause that says when: a task's deadline, or for "多长时间内" one that states the span; None
        when a span is asked and no fitting clause states one."""
        if not re.search(r"(多少|几)个?(工作)?[天日]", question) and not ASKS_SPAN.search(question):
            best = self._deadline_clause(terms, clauses, hits, scope) or best
        if not TIME_RE.search(short_whole(best).text):
            # 「…进行修订…。以上工作要在2019年2月底前完成。」: the section's closing sentence times its tasks
            later = [c for c in clauses if c.hit.chunk_id == best.hit.chunk_id and c.index > best.index
                     and _BACK_REFERENCE.match(c.text) and TIME_RE.search(c.text)]
            if later:
                return min(later, key=lambda c: c.index)
        if ASKS_SPAN.search(question) and not _SPAN.search(short_whole(best).text):
            # "多长时间内派出急救车辆？": a clause that gives the span, not one that says 及时
            if _STATED_SPAN.search(best.text):
                return best  # 「申请执行的期间为二年」 states the span as what it is
            # 「…债权人可以请求人民法院作出决定；人民法院应当在五日内作出决定。」: the rest of its sentence says how long
            rest = next((c for c in rest_of_sentence(best) if _SPAN.search(c.text)), None)
            if rest is not None:
                return rest
            near = [c for c in fitting if c.lexical_ctx >= best.lexical_ctx - _NEAR_CTX]
            # a span said as one (「三日内」「满一小时」), else a least one (「征求意见期限不得少于30日」)
            spans = [c for c in near if _SPAN.search(c.text)] or [c for c in near if _LEAST_SPAN.search(c.text)]
            if spans:
                return spans[0]
            # 「…可以委托…人民法院调查收集证据。受委托法院应当在收到委托函次日起三十日内完成委托事项…」: the next
            # sentence of the same article says how long the act it sets up may take
            after = next((c for c in clauses if c.hit.chunk_id == best.hit.chunk_id and c.index == best.index + 1), None)
            if after is not None and _COUNTED_SPAN.search(after.text) and not re.match(r"[（(][一二三四五六七八九十]", after.text):
                return after
            if not any(_ANY_SPAN.search(short_whole(c).text) for c in near):
                return None  # no clause about it gives any length of time (「一定期限内」)
        if _BY_WHEN.search(question) and best.hit.metadata.get("kind") != "article" and not (
                best.hit.metadata.get("deadline") or TIME_RE.search(short_whole(best).text)
                or _ANY_TIME.search(f"{best.hit.metadata.get('headings', '')} {self._section_text(best.hit)}")):
            return None  # 「平台要在什么时间节点之前建成」 of a plan's task its section gives no time for
        return best

    def _quantity(self, question: str, terms: list[str], fitting: list[Clause], clauses: list[Clause],
                  scope: Scope) -> Draft:
        """A figure in the unit asked for; two when the question asks two ("A和B分别…多少"), each cited."""
        if absent := self._unmentioned(terms, scope):  # "子女教育…每个月能扣多少" of a text without 子女教育
            return refuse(f"（文件中没有写明：{'、'.join(absent)}）", near=clauses)
        counter, _noun = asked_unit(question)
        bare = bool(re.search(r"号码|编号|多少号|电话", question))
        # a case item's figure is its list's: 「（八）驾驶机动车违反道路交通信号灯通行的」 under 「…之一，一次记6分：」
        with_figure = same_polarity(question, [c for c in fitting
                                                if states_figure(with_lead_in(c, c.text), counter, bare, question)])
        if ASKS_FINE.search(question):
            with_figure = self.sanctions.fines_for(question, terms, fitting, with_figure)
            if (other := self.sanctions.punished_without_fine(terms, with_figure, clauses)) is not None:
                # 「汛期漏报、迟报…罚款多少」 where the article that lists that act gives 处分 and no fine: none is set
                return refuse("（文件对这一行为没有规定罚款数额）", near=[other, *(c for c in clauses if c is not other)])
        if not ASKS_SANCTION.search(question):  # 「保证金要交多少钱」: a sum owed, not the fine for not paying it
            unpunished = [c for c in with_figure if not PUNISHES.search(c.text)]
            # 「占路费每平方米收多少钱」: a charge named is never a fine's sum, whatever it shares
            with_figure = unpunished if unpunished or _ASKS_CHARGE.search(question) else with_figure
        given = {f for f in figures(question) if counter and f.endswith(counter)}
        if given:  # 「说…不低于4分，那总分是多少分」: a figure the question already gives is not what it asks
            with_figure = [c for c in with_figure if not {f for f in figures(c.text) if f.endswith(counter)} <= given]
        deferred = next((c for c in clauses[:2] if _DEFERS.search(c.text)), None)
        if deferred is not None and (not with_figure or deferred.lexical > with_figure[0].lexical):
            # 「礼物的金额标准另行规定」: the text leaves the figure asked to another rule; another article's 二百元 is
            # the figure of something else
            return refuse("（文件中没有写明具体数字，相关条款规定由另行规定或其他机关确定）", near=[deferred, *clauses])
        act = _ACT_TIMED.search(question)  # 「几个工作日内补发」: the act whose time is asked
        soon = re.compile(rf"(?:{_VAGUE_TIME.pattern})[\u4e00-\u9fa5]{{0,4}}?{act.group(1)}") if act else None
        vague = next((c for c in clauses[:8] if soon and soon.search(c.text)
                      and not (with_figure and act and act.group(1) in with_figure[0].text)), None)
        if vague is not None and soon is not None and (told := soon.search(vague.text)) is not None:
            # 「补发要几个工作日」 where the article on 补发 says 「应当及时补发」: no number of days is set for it;
            # another article's 「10个工作日内发给」 is the time of another act
            return refuse(f"（文件只写了“{told.group(0)}”，没有规定具体期限）", near=[vague, *(c for c in clauses if c is not vague)])
        if not with_figure:
            return refuse("（文件中没有写明相应的数字）", near=clauses)
        # (a fine that names its act by number says that act: 「（一）违反第一项规定的」 of 「砍伐古树名木」)
        best = _case_asked(terms, with_figure[0], self.sanctions.breached(with_figure[0]))
        sum_of = counter or ("元" if ASKS_FINE.search(question) else "")  # a fine is a sum (not the item's 五百米)
        if not states_figure(best.text, sum_of, bare, question) and (intro := lead_in(best)):
            # the case item names the act, the line above it the figure: both are the answer
            said = replace(best, text=intro)  # the short answer is the intro's figure
            return fact(said, "quantity", (sum_of, asked_unit(question)[1]), f"{intro}……{short_whole(best).text}")
        if _FIGURE_SERIES.search(best.text) or ASKS_FINE.search(question):
            # "平原…每户不超过80平方米；丘陵…120平方米；山区…150平方米。": every case; a fine's every step
            best = whole_sentence(best)
        elif (cases := sentence_cases(best, question, figures=True)) is not None:
            best = cases  # 「使用耕地的，…一百二十五平方米；使用其他土地的，…」 asked of no one case: every case
        other = self._second_figure(question, terms, best, clauses, counter)
        if other is None:
            return fact(best, "quantity", asked_unit(question),
                        with_proviso(best, with_extension(best, short_whole(best).text)))
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
        if hit.metadata.get("kind") in ("chapter", "jie", "part") and best.index == 0 and hit.heading:
            # the section's own heading names the topic (「依申请公开的规定集中在哪一章」: 第四章 依申请公开)
            return Draft(text=f"规定在{doc_label(hit)}{path}“{hit.heading}”。[1]", refused=False,
                         citations=(cite(1, hit, hit.heading),))
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
                named = f"“{hit.heading}”" if hit.heading and hit.heading != heading else ""  # the item's own title
                return Draft(text=f"规定在{doc_label(hit)}{outer}“{heading}”{first}。\n其中{path}{named}：{best.text}{second}",
                             refused=False, citations=tuple(marks.citations))
        # 「向在校学生卖毒品…是第几条」 of an article whose lead-in is found with its first item: the item asked
        terms = content_terms(question)
        best = _item_asked(terms, best, [best, *self.ranker.rank(question, terms, [hit], "locate")])
        where = cite_path(hit, best.text) or path
        # 「哪一条规定了…怎么处理」: the consequence runs to the end of its sentence (责令改正；逾期未改正的，…追回)
        # (the rest of a short paragraph is what the article says of it: 「…经…批准；印刷的境外出版物必须全部运输出境…」)
        said = whole_sentence(best).text if ASKS_CONSEQUENCE.search(question) else short_whole(best).text
        said = with_lead_in(best, said)  # 「（六）驾驶机动车有拨打…手持电话…的」 under 「…之一，一次记3分：」
        return Draft(text=f"规定在{doc_label(hit)}{where}：{said}[1]", refused=False, citations=(cite(1, hit, said),))

    def _clauses(self, question: str, terms: list[str], hits: list[Hit], intent: str, scope: Scope) -> list[Clause]:
        """The clauses of the hits, best first; the section or the appendix table the question names comes first."""
        if scope.section_ref and hits and within(hits[0].section, scope):
            hits = [h for h in hits if within(h.section, scope)]  # the section the question points at, and inside it
        elif ASKS_CASES.search(question) and scope.doc_ids and len(scope.doc_ids) == 1:
            # 「在哪些情况下可以征收房屋」: the article that lists the cases (「有下列情形之一，确需征收房屋的」)
            # (「具有本规定第三十一条…情形之一的」 refers to cases listed elsewhere: a list is led in by 「下列…：」)
            def lists(text: str) -> bool:
                return bool(CASES_LIST.search(text) and LISTS_CASES.search(text))
            if not any(lists(h.text) and coverage(terms, h.text) >= 0.5 for h in hits[:_LIST_DEPTH]):
                hits = self._first_from_document(terms, hits, scope.doc_ids[0], lists, 0.5)
        elif intent == "quantity" and scope.doc_ids and len(scope.doc_ids) == 1:
            hits = self._with_counted(question, terms, hits, scope.doc_ids[0])
        elif asks_meaning(question) and scope.doc_ids and len(scope.doc_ids) == 1 and \
                not any(defines_asked(question, h.text) for h in hits[:_LIST_DEPTH]):
            # 「“国家通用语言文字”具体指啥」: the article that defines the term (「本法所称的国家通用语言文字是…」)
            hits = self._first_from_document(terms, hits, scope.doc_ids[0], lambda text: defines_asked(question, text), 0.5)
        clauses = cases_first(question, figures_first(question, self.ranker.rank(question, terms, hits, intent)))
        clauses = tier_first(question, clauses)  # 「我交了七年，能领多久」: the tier seven years falls in
        if asks_meaning(question):  # 「条例里说的“人才”具体指哪些人」: the clause that defines it, before the title's
            clauses = sorted(clauses, key=lambda c: not defines_asked(question, c.text))
        if re.search(r"任务分解表|分解表|任务表|附件", question):
            rows = [c for c in clauses if c.hit.metadata.get("kind") == "appendix_row"]
            clauses = rows + [c for c in clauses if c not in rows]
        return negated_first(question, clauses)

    def _with_counted(self, question: str, terms: list[str], hits: list[Hit], doc_id: str) -> list[Hit]:
        """「检查最少得来几个人」 in a document where every article speaks of 检查: when no hit gives a figure in the
        counter asked (人 counts 名 and 位 too), the document's chunks that do and share most of the question's words."""
        counter = asked_unit(question)[0]
        if not counter or counter in _SPANS or any(states_figure(h.text, counter, asked=question) for h in hits[:_LIST_DEPTH]):
            return hits
        return self._first_from_document(terms, hits, doc_id,
                                         lambda text: states_figure(text, counter, asked=question), _COUNTED_SHARE)

    def _first_from_document(self, terms: list[str], hits: list[Hit], doc_id: str, wanted: Callable[[str], bool],
                             least: float) -> list[Hit]:
        """The hits, after the (at most two) chunks of the document that are wanted and share at least least of the
        question's words, most first."""
        covered = sorted(((coverage(terms, c.text), c) for c in self.searcher.chunks_of(doc_id) if wanted(c.text)),
                         key=lambda x: -x[0])
        first = [as_hit(c) for share, c in covered if share >= least][:2]
        added = {h.chunk_id for h in first}
        return first + [h for h in hits if h.chunk_id not in added]

    def _lead_clause(self, question: str, terms: list[str], clauses: list[Clause], scope: Scope) -> Clause | None:
        """The best clause whose section names a lead unit (or a 负责 note), if it is about the question."""
        if re.search(r"意见|建议", question):  # 「是哪些部门给的意见」: the bodies that 提出了以下意见
            for c in clauses[:8]:  # in the best clause's section, or about the question itself
                if _OPINION_BY.search(c.text) and (c.hit.chunk_id == clauses[0].hit.chunk_id
                                                   or judge(c, terms, self.th) or scope.section_ref):
                    return c
        if (acts := asked_act(question)) is not None:
            # 「由哪个部门去约谈」「最后谁来定」: the clause in which a body does what is asked (「…可以进行约谈」「报请
            # 共同上一级…确定」), when one of the best does
            doing = [c for c in clauses[:8]  # as much about the question as the best clause (not another act of the
                     # same verb); a body named before the act does it (not 「兽医主管部门」, where 主管 is in a name)
                     if any(_BODY_WORD.search(c.text[:m.end()]) for m in acts.finditer(c.text)) and (
                         judge(c, terms, self.th) or scope.section_ref) and c.lexical_ctx >= clauses[0].lexical_ctx - 0.1]
            if doing:  # the act done to the thing asked (「回乡证由广东省公安厅签发」), not to another (「遗失回乡证的，
                # …签发一次有效的入出境通行证」)
                return next((c for c in doing if _acts_on(acts, c.text, terms)), doing[0])
        for c in clauses[:12]:
            if (c.hit.metadata.get("lead") or "牵头" in c.hit.text or duty_note(c.hit.text)) and (
                    judge(c, terms, self.th) or scope.section_ref):
                return c
            if c is clauses[0] and _ASKED_OF_BODY.search(c.text) and judge(c, terms, self.th):
                return c  # 「请人力资源社会保障部会同有关部门…制定出台具体操作办法」: the best clause names who does it
        # Laws and opinions name the responsible body in the sentence itself: "国家网信部门负责统筹协调…".
        # (or an item under a lead-in whose subject is the body: 「（二）核发建设用地规划许可证；」 under
        # 「上海市城市规划建筑管理局对开发区行使下列职权：」)
        for c in clauses[:8]:
            if (_NAMES_BODY.search(c.text) or CASE_LINE.match(c.text) and _BODY_LEADS.match(lead_in(c) or "")) and (
                    judge(c, terms, self.th) or scope.section_ref):
                return c
        return None

    def _deadline_clause(self, terms: list[str], clauses: list[Clause], hits: list[Hit], scope: Scope) -> Clause | None:
        """An appendix row with a 完成时限 when it covers the question about as well as the best clause."""
        best = clauses[0]
        for c in clauses[:10]:
            if c.hit.metadata.get("deadline") and (scope.row is not None or c.lexical_ctx >= best.lexical_ctx - 0.1):
                return c
        return None

    def _announced_parts(self, terms: list[str], clauses: list[Clause]) -> Draft | None:
        """「我们采取了以下几方面的措施：」 in a letter's opening, then its parts 一、… : the parts are the list;
        「为此，提出以下几点意见：」 in part 二、, then 二、（一）…（六）: that part's items are."""
        opening = next((c for c in clauses[:3] if _ANNOUNCES_PARTS.search(c.text) and judge(c, terms, self.th)), None)
        if opening is None:
            return None
        if int(opening.hit.metadata.get("level", 0)) > 0:
            children = self.outline.children(opening.hit)
            if len(children) < 2:
                return None
            return items(f"根据{label(opening.hit)}：{opening.text}",
                         [(c, str(c.metadata.get("section", "")), item_text(c, True)) for c in children])
        listed = self.outline.section("parts", [opening.hit], Scope(doc_ids=(opening.hit.doc_id,)))
        if listed is None or listed.refused:
            return None
        marks = Numbered()
        said = marks.mark(opening.hit, opening.text)
        return Draft(text=f"根据{label(opening.hit)}：{opening.text}{said}\n{renumbered(listed, marks.citations)}",
                     refused=False, citations=tuple(marks.citations))

    def _listing(self, question: str, intent: str, terms: list[str], clauses: list[Clause], scope: Scope) -> Draft:
        """A list or a summary: a titled parent's items, else the list the clauses give, else the key points."""
        best = clauses[0]
        announced = self._announced_parts(terms, clauses)
        if announced is not None:
            return announced
        parent = self.outline.titled_parent(terms, clauses, 0.5 if intent == "list" else 0.75)
        # 「推广的是哪5项」 and the part has five items: they are the list
        kind = None if self._has_asked_count(question, parent) else _asked_kind(question)
        if parent is None and intent == "list" and STEPS_ASKED.search(question):
            parent = self.outline.steps_part(best.hit.doc_id)  # 「分几步走」: the part that sets out the steps
        if parent is not None and intent == "list" and kind and any(
                _enumerates(c.text) and kind in c.text and judge(c, terms, self.th) for c in clauses[:10]):
            # 「全国试点区是哪几个」: the clause listing the 区 under the part, not the part's items
            listed = self._list_form(question, terms, clauses)
            if listed is not None:
                return listed
        if parent is not None:
            children = self.outline.children(parent)
            heading = str(parent.metadata.get("heading", ""))
            intro = f"根据{doc_label(parent)}{parent.metadata.get('section', '')}“{heading}”，包括以下各项："
            return items(intro, [(c, str(c.metadata.get("section", "")), item_text(c, intent == "summary"))
                                 for c in children])
        measures = ASKS_MEASURES.search(question)
        named = content_terms(measures.group(0)) if measures else []  # 「哪些事」 names no measure
        if intent == "list" and named and coverage(named, str(best.hit.metadata.get("heading", ""))) >= 0.99:
            intent = "summary"  # "提出了哪些解读方面的机制": the points of the item whose heading names them
        if intent == "list":
            listed = self._list_form(question, terms, clauses)
            if listed is not None:
                return listed
        return self._summary(terms, clauses)

    def _has_asked_count(self, question: str, parent: StoredChunk | None) -> bool:
        """Whether a titled part has exactly as many items under it as a 「哪N项」 question asks for."""
        asked_n = _ASKED_N.search(arabic_figures(question))
        return parent is not None and asked_n is not None and len(self.outline.children(parent)) == int(asked_n.group(1))

    def _list_form(self, question: str, terms: list[str], clauses: list[Clause]) -> Draft | None:
        """The items of an article's 「下列」 list, a series 一是…二是…, or the clause that enumerates them."""
        best = clauses[0]
        kind = _asked_kind(question)
        enumerations = [c for c in clauses[:10] if _enumerates(c.text) and judge(c, terms, self.th)
                        and c.lexical_ctx >= best.lexical_ctx - 0.25]
        if kind:  # "哪几个区": an enumeration of 区 first
            enumerations.sort(key=lambda c: -min(c.text.count(kind), 3))
        if counted := _DIVIDED_ASKED.search(question):  # 「分成哪几类」: the clause that divides into N 类
            divides = re.compile(rf"(?:分为|分成|划分为)[^。；]{{2,40}}?[、和及][^。；]*|"
                                 rf"包括[^。；]*?[一二三四五六七八九十两\d]+{counted.group(1)}|"
                                 # 「建立省级、市级、县级、乡级、村级五级河长体系」: the kinds named, then counted
                                 rf"[^。；，]{{2,}}、[^。；，]*?[一二三四五六七八九十两\d]{counted.group(1)}|"
                                 # 「补偿的方式可以实行货币补偿，也可以实行房屋产权调换」: the kinds as alternatives
                                 r"可以[^。；，,]{2,30}[，,]也可以")
            enumerations = [c for c in clauses[:10] if divides.search(c.text) and judge(c, terms, self.th)] + [
                c for c in enumerations if not divides.search(c.text)]
        # 「有下列情形之一的：」「…的情形包括：（一）…」: an article's lead-in to its 项
        # (a 下列 line of the best clause's own article, 「…应交由专营运输企业承运。下列货物…可自行运输：」, lower down)
        if (party := self._party_bans(question, best.hit.doc_id)) is not None:
            # 「消费者有哪些事不能做」: the list of what the party the question names may not do, not another party's
            hit, line = party
            return items(f"根据{doc_label(hit)}{hit.section}：{line}", [(hit, "", x) for x in article_items(hit)])
        openings = [c for c in clauses[:3] if _OPENS_ITEMS.search(c.text)]  # the one that says most of the question
        opening = max(openings, key=lambda c: c.lexical, default=None) or next(
            (c for c in clauses[3:10] if c.hit.chunk_id == best.hit.chunk_id and LISTS_CASES.search(c.text)
             and c.lexical_ctx >= best.lexical_ctx - 0.3), None)
        if opening is not None and opening.hit.metadata.get("kind") in ("article", "part"):  # a 修正案's 三十四、 too
            listed = article_items(opening.hit)
            if len(listed) >= 2:  # "…有下列情形之一的：（一）…（二）…": every 项, each cited to it
                lead = re.split(r"[：:](?=[^：:]*$)", opening.text)[0]  # 「…不予批准:（一）…」: the words before it
                return items(f"根据{doc_label(opening.hit)}{opening.hit.section}：{lead}：",
                             [(opening.hit, "", line) for line in listed])
        anchor = enumerations[0] if enumerations else best
        series = sorted((c for c in clauses if c.hit.chunk_id == anchor.hit.chunk_id and _SERIES.match(c.text)),
                        key=lambda c: c.index)
        # The clause itself names what is asked, or ranks above every point of the series.
        # (a point of the series, 「三是加大安全生产预警和预防…」, is one of the list, not the list)
        specific = bool(enumerations) and not _SERIES.match(enumerations[0].text) and (enumerations[0].lexical >= 0.6 or (
            enumerations[0] is best and not _SERIES.match(best.text)))
        heading = best.index == 0 and bool(best.hit.heading) and best.hit.heading.rstrip("。") in best.text
        if len(series) >= 2 and best not in series and not heading and best.lexical >= 0.5 and all(
                c.lexical <= best.lexical - 0.3 for c in series):
            # "想随时查看…，有什么办法": the one clause that says it
            return items(f"根据{label(best.hit)}：", [(best.hit, "", self._point(best).text)])
        if len(series) >= 2 and not specific:  # 一是…二是…三是…: every point of the series, in order, each with
            # what it requires when its first sentence only names it
            return items(f"根据{label(anchor.hit)}：", [(c.hit, "", self._point(c).text) for c in series])
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
            if not same and judge(c, terms, self.th) and (
                    coverage(terms, str(c.hit.metadata.get("headings", ""))) >= 0.5 or _adds_topic(terms, sections, c)):
                sections.append(c.hit)
        rows = []
        for hit in sections:
            sentences = [s for s in split_sentences(hit.text.replace("\n", "")) if len(s) >= 6]
            if hit is best.hit:  # a long section is split over chunks: its point may run on into the next one
                # a 「（牵头单位：…）」 note is no point to centre on: the section's own sentences are
                anchor = "" if _LEAD_NOTE.match(best.text) else best.text
                whole = [s for s in split_sentences(self._section_text(hit)) if len(s) >= 6]
                sentences = focus(whole, anchor)
                on_topic = [s for s in sentences if any(t in s for t in terms)]
                opening = f"{hit.metadata.get('headings', '')} {whole[0] if whole else ''}"
                listed = hit.metadata.get("kind") == "article" or any(_SERIES.match(x) for x in sentences)
                if on_topic and not listed and not any(t in opening for t in terms):
                    sentences = on_topic  # a section that opens on other things and says it once: what it says of it
            cut = 8
            while cut < min(len(sentences), MAX_ITEMS) and (_SERIES.match(sentences[cut]) or NUMBERED_ITEM.match(sentences[cut])):
                cut += 1  # not inside a list: 「（八）依法应当遵守和执行的其他规定。」 is one of the eight 项, 「117．保险诈骗罪」 of a list
            rows += [(hit, f"{hit.section} " if len(sections) > 1 else "", s) for s in sentences[:cut]]
        if terms and not coverage(terms, " ".join(f"{h.metadata.get('headings', '')} {h.text}" for h in sections)):
            return refuse("（相关条款没有写到问题所说的内容）", near=clauses)  # no word of the topic in any section
        said = [t for t in terms if any(t in h.text for h in sections)]  # 「表弟、十六岁」 of a story are no topic
        topic = "、".join((said or terms)[:3]) or "该问题"
        where = doc_label(best.hit) + (best.hit.section if len(sections) == 1 else "")
        return items(f"根据{where}，关于“{topic}”的要求主要有：", rows[:MAX_ITEMS])


def _adds_topic(terms: list[str], sections: list[Hit], clause: Clause) -> bool:
    """Whether a clause's section is about a topic of the question the sections chosen so far do not speak of:
    「对区县行政服务中心和基层便民服务提了啥要求」 wants 六、（一） on the one and 六、（二） on the other.

    Example: terms 区县 行政 服务中心 基层 便民服务, a section on 服务中心, 基层 and 便民服务 chosen, a clause on
    区县行政服务中心 -> True (区县 and 行政, a quarter of the words, are said only there)
    """
    if not clause.hit.section:
        return False  # a preamble or notice is no section on a topic
    said = " ".join(f"{h.metadata.get('headings', '')} {h.text}" for h in sections)
    title = str(clause.hit.metadata.get("title", ""))
    # said however the text says it (禁止 as 不得); 国办 of 国办函 names the document, it is no topic
    unsaid = [t for t in terms if coverage([t], said) < 1 and not in_order(t, title)]
    own = f"{clause.hit.metadata.get('headings', '')} {clause.text}"
    # a topic of its own is said in two words or more (区县, 行政), not one the first section happens to lack (结果)
    return len(unsaid) >= 2 and sum(len(t) for t in unsaid) * 4 >= sum(len(t) for t in terms) and coverage(unsaid, own) >= 0.5


# A sanction's later step: 「逾期不改正的，处…」「情节严重的，…」「拒不改正的，…」.
_NEXT_STEP = re.compile(r"(?:逾期|拒不|情节|造成|再次|屡次|多次|经[^，,]{0,8}后仍)")
_SPANS = frozenset({"日", "天", "月", "年", "周", "小时", "岁", "周岁"})  # a span asked is a time limit's, not a count's
_COUNTED_SHARE = 0.25  # a chunk giving the asked figure shares at least this much of the question's words
_LIST_DEPTH = 5  # hits whose clauses are ranked: a list of cases among them needs no other

# A clause that leaves what it names to another rule: 「礼物的金额标准另行规定」「具体办法由省级人民政府制定」.
# Time said without a length: 「应当及时补发」「尽快办理」, and the counters of a length of time.
# A time by which a task is to be done, asked (「要在什么时间节点之前建成」「哪年以前完成」), and any time words a plan's
# section may give one in (a date, a span, 「年底前」「审议批准后」「每半年」「按月」).
_BY_WHEN = re.compile(r"(?:什么时[候间]|何时|哪年|哪一年|几月|哪个月)(?:节点)?(?:之前|以前|前|为止)")
_ANY_TIME = re.compile(TIME_RE.pattern + r"|[前后](?=[，,。；]|$)|每[\u4e00-\u9fa5]{1,3}|按[月季年]|\d+年|[一二三四五六七八九十]+年")
_VAGUE_TIME = re.compile(r"及时|尽快|立即|即时|随时|适时")
_ACT_TIMED = re.compile(r"(?:几|多少)个?(?:工作日|天|日|小时|月|年|周)(?:之|以)?内(?:要|得|应当|必须)?([\u4e00-\u9fa5]{2})")
_DEFERS = re.compile(r"另行(?:规定|制定|确定|公布)|(?:具体|详细)?(?:标准|办法|数额|金额|范围|幅度)[，,]?由[^。；]{2,40}?(?:规定|制定|确定|划定|核定)")

# 「推广的是哪5项」: how many items a list question asks for.
_ASKED_N = re.compile(r"哪(\d{1,2})[个项类条家种]")
# A section published only as its heading, its text left out: 「关于大连新机场建设项目问题。（略）」.
_ELIDED = re.compile(r"[^。；]{0,80}[。：:]?\s*[（(]略[)）]。?")
# A span or a frequency (「三分钟内」「不得超过1个月」「每月召开三次」), never a date (「2004年6月16日」).
_N = r"(?<![年月0-9一二三四五六七八九十百两])[0-9一二三四五六七八九十百两]+\s*"


_SPAN = re.compile(rf"{_N}个?(?:工作日|日|天|小时|分钟|秒|周|月|年)(?:内|以内|之内|前)|"
                   rf"{_N}个?(?:工作日|小时|分钟|月)(?![0-9一二三四五六七八九十]+日)|年内|年底|月底|季度|每(?:半?年|季度?|半?个?月|周|日|天)|"
                   r"按(?:年|季度?|月|周|日|天)|当场|立即|即时|当日|当天|次日")


# Any length of time (「两年」「三十日」「6个月」), not a date's pieces (「2019年1月1日」).
_ANY_SPAN = re.compile(r"(?<![年月0-9一二三四五六七八九十百两])(?:[0-9]{1,3}|[一二三四五六七八九十百两]+)\s*个?"
                       r"(?:工作日|日|天|小时|分钟|秒|周|月|年)|半年|半个?月")
# A length of time said to be what something is (「期间为二年」「最长不超过三年」), not a plan's name (「三年百万…计划」).
_STATED_SPAN = re.compile(r"(?:为|是|不超过|不得超过|最长|至少|不少于|不得低于|不低于|不满)\s*" + _ANY_SPAN.pattern)
# A least length of time (「征求意见期限不得少于30日」): a span a clause of the topic may give when the best says 及时.
_LEAST_SPAN = re.compile(r"(?:不得少于|不少于|至少)\s*" + _ANY_SPAN.pattern)


# A length of time given as a figure: 「三十日内」「15个工作日」「二十四小时」.
_COUNTED_SPAN = re.compile(r"[\d一二两三四五六七八九十百]+个?(?:工作)?(?:日|天|月|年|小时|分钟)")
# The bound a figure question asks for, said inside a run of words: 最多, 最少, 至少.
_BOUND_ASKED = re.compile(r"最多|最少|最高|最低|最长|最短|至少|至多")
# What a body is asked to do: the verb after 「哪个部门」「谁来」, a one-character verb said the ways laws say it
# (「许可证要找哪个部门办」: the body one applies to, 「向…主管部门申请」).
_ASKED_ACT = re.compile(r"(?:谁|哪个|哪些|哪一?级|什么)(?:部门|单位|机关|机构)?(?:来|去|负责|可以|能|有权|应当)?"
                        r"([\u4e00-\u9fa5]{1,2})")
_ONE_CHARACTER_ACTS = {"定": "确定|决定|认定", "管": "管理|主管|监管", "批": "批准|审批", "罚": "处罚|罚款", "查": "查处|调查|检查",
                       "审": "审查|审核|审批", "办": "办理|受理|(?<=部门|机关|机构)申请", "发": "发放|颁发|核发|签发", "收": "收取|收缴|受理"}
# 「提到的“国家地方志工作指导机构”具体是哪个单位」: a body the text names by its role, asked which one it is.
_NAMED_BODY_ASKED = re.compile(r"[“\"]([\u4e00-\u9fa5]{2,20}(?:机构|部门|机关|单位|组织))[”\"][，,]?[^，,。？?]{0,6}?(?:具体)?"
                               r"(?:是|指)(?:哪个|哪家|什么|哪一个)")
_BODY_WORD = re.compile(r"部门|机关|机构|政府|委员会|法院|检察院|工会|协会|单位|学校|[^\u4e00-\u9fa5]局|[局部厅](?=[，,应可负为是签核颁审批发办确])|(?<![餐大客展门舞业])厅(?![堂])|办公室|办事处|"
                        r"(?<=[\u4e00-\u9fa5]{2})办(?=制订|制定|起草|牵头|负责|会同)")  # 「市政务公开办制订的《…》」
_NOT_ACTS = re.compile(r"负责|牵头|部门|单位|机关|机构|的|是|呢|吗|啊|呀|了|在|说|规定|定的|管的")


def asked_act(question: str) -> re.Pattern[str] | None:
    """The act a department question asks the doer of, as a pattern over clauses, or None.

    Example: asked_act("由哪个部门去约谈？").pattern == "约谈"; asked_act("最后谁来定？").pattern == "确定|决定|认定"
    """
    found = _ASKED_ACT.findall(question)  # the last ask is the question; an earlier one may tell the story
    if not found:
        return None
    act = found[-1]
    if len(act) == 2 and act[1] in "的呢吗？?":
        act = act[0]
    if _NOT_ACTS.fullmatch(act) or _NOT_ACTS.match(act):
        return None
    return re.compile(_ONE_CHARACTER_ACTS.get(act, re.escape(act) if len(act) == 2 else "(?!)"))


# A clause that names who acts: 负责/主管/牵头…, or 「由公安部门给予警告」 in a penalty article's lead-in.
# A list's lead-in whose subject is the body that does each item: 「上海市城市规划建筑管理局对开发区行使下列职权：」.
_BODY_LEADS = re.compile(r"[\u4e00-\u9fa5]{2,30}?(?:部门|机关|机构|局|委员会|政府|法院|检察院|办公室)[^，。；：]{0,12}?"
                         r"(?:行使|履行|负责|承担)[^，。；]{0,8}下列")
_NAMES_BODY = re.compile(r"负责(?!同志|人)|主管|牵头|解释|承担|组织协调|由[\u4e00-\u9fa5]{2,16}?(?:部门|机关|机构|局|委员会|政府|法院|检察院|(?<!全)部(?=按|依|会|负|根|在|向|对|统一|组织|商))|"
                         r"请[\u4e00-\u9fa5、]{2,30}?(?:会同|牵头|负责|抓紧|研究)|"
                         # the body one turns to: 「可另向财政部专题报告」「向所在地公安机关申请」
                         r"向[\u4e00-\u9fa5、]{2,20}?(?:部门|机关|机构|部|委|局|署|厅|院|政府)(?:[(（][^()（）]{2,20}[)）])?"
                         r"(?:专题|书面|如实)?(?:报告|申请|请示|报送|备案|提出|申诉|投诉|举报|反映|申报|登记|提交|通报)|"
                         # the body a thing goes to: 「应当将…等信息报告市特种设备安全监督管理部门」
                         r"(?:报告|报送|报请|提交|通报|抄送|移送|移交)给?[\u4e00-\u9fa5、]{1,20}?(?:部门|机关|机构|委员会|政府|局)")
# A question that asks who leads or is responsible, not which bodies take part.
_ASKS_LEAD = re.compile(r"牵头|负责|责任单位|主管|谁来")
# A body or institution a clause names (「由中国科学院、成都理工大学…的专家组成」).
_NAMES_INSTITUTION = re.compile(r"[\u4e00-\u9fa5]{2,16}?(?:部|委员会|局|院|大学|厅|政府|公司|中心|研究所|协会)(?:[、，和及]|的|$)")
# 「证监会、发展改革委提出了以下意见：」: the bodies whose opinion a reply passes on.
_OPINION_BY = re.compile(r"(?:部|委|局|署|办|院|行|会|厅|政府)(?:会同[^，。；]{2,30}?)?(?:研究)?提出(?:了)?(?:以下|如下)?(?:意见|建议)?[：:]")
# A body asked to do the task in the sentence itself (「请科技部会同…」「由市财政局负责」「财政部要会同…」).
_ASKED_OF_BODY = re.compile(r"请[\u4e00-\u9fa5、]{2,30}?(?:部|委|局|署|办|院|行|会|总局)(?:会同|牵头|负责|抓紧|研究|在)|"
                            r"由[\u4e00-\u9fa5、]{2,30}?(?:部|委|局|署|办|院|会|政府)(?:牵头|负责)|"
                            r"^(?:[\d.]+[\s　]*|[（(]\d+[)）])?[\u4e00-\u9fa5、]{1,30}?(?:部门|机关|机构|部|委|局|署|办|院|行|会|厅|政府)"
                            r"(?:要|应当|应|将|已|已经)?会同|"
                            # 「新疆维吾尔自治区人民政府和新疆生产建设兵团要加强组织领导…认真组织编制实施方案」
                            r"^[\u4e00-\u9fa5、和]{2,40}?(?:人民政府|政府|兵团|部门|部|委|局|厅|署)要")


# How many tiers or kinds a thing is divided into, asked: 「分几档」「分为几个等级」「有几类」.
_KINDS_COUNTED = re.compile(r"(?:分|分为|分成|划分为?|有)(?:几|多少)个?(档|级|等|类|种|档次|等级|级别)")


def _divides(text: str, unit: str) -> bool:
    """Whether a clause counts or divides into the kinds asked: 「分为三档」「实行三级管理」「分为…、…和…」."""
    return re.search(rf"[一二三四五六七八九十两\d]+个?{unit[0]}|分为|分成|划分为|(?:以下|下列)[^。；]{{0,6}}{unit[0]}",
                     text) is not None


def _validity_holder(question: str) -> str:
    """The thing whose period of validity a question asks, by its head word: 「小摊点备案卡有效期是几年」 -> 备案卡;
    "" when none is named.

    Example: _validity_holder("河南的小摊点备案卡有效期是几年？") == "备案卡"; _validity_holder("有效期多久") == ""
    """
    m = re.search(r"[\u4e00-\u9fa5]{1,2}[证卡照书单牌码](?=的?有效期)", question)
    return m.group(0) if m else ""


def _acts_on(acts: re.Pattern[str], text: str, terms: list[str]) -> bool:
    """Whether the stretch of a clause between commas where it does the act asked names a word of the question
    besides the act: 「港澳同胞回乡证由广东省公安厅签发」 does, for 「回乡证是哪个单位签发的」.

    Example: _acts_on(re.compile("签发"), "遗失回乡证的，由公安机关签发通行证", ["回乡证"]) is False
    """
    for m in acts.finditer(text):
        start = max(text.rfind(p, 0, m.start()) for p in "，,；;。：:") + 1
        ends = [e for p in "，,；;。" if (e := text.find(p, m.end())) != -1]
        stretch = text[start:min(ends, default=len(text))]
        if any(t in stretch and t not in m.group(0) for t in terms if len(t) >= 2):
            return True
    return False


def _counted_as(question: str, text: str) -> str:
    """The question asking for the members of a group by the number the text counts it with (「试点区是哪几个区」
    and 「五个试点区要…」: 「试点区是哪5个区」); "" when it asks a number itself or the text counts no such group.

    Example: _counted_as("提到的试点区是哪几个区？", "五个试点区要继续做好…") == "提到的试点区是哪5个区？"
    """
    m = _WHICH_OF_GROUP.search(question)
    if m is None:
        return ""
    before = bool(m.group(1))  # the noun before 哪几个 ends where it does (「的试点区」), the one after starts there
    noun, at = (m.group(1), m.span(2)) if before else (m.group(4), m.span(3))
    figures_said = arabic_figures(text)
    for part in (noun[i:] if before else noun[:len(noun) - i] for i in range(len(noun) - 1)):
        if said := re.search(rf"(?<![\d.])(\d{{1,2}})个?{re.escape(part)}", figures_said):
            return f"{question[:at[0]]}哪{said.group(1)}个{question[at[1]:]}"
    return ""


# 「试点区是哪几个区」「哪几个试点区」: the members of a group asked with no number (the noun before or after 哪几个).
_WHICH_OF_GROUP = re.compile(r"([\u4e00-\u9fa5]{2,4}?)[，,\s]*(?:分别|各自|都)?(?:是|有|为)(哪几个)|(哪几个)([\u4e00-\u9fa5]{2,4})")


def _unlisted_members(question: str, fitting: list[Clause]) -> bool:
    """「那6项具体是哪几项」 where every clause that gives the count (「…方面（共6项）」) lists none of them: another
    clause sharing a word is no list of them."""
    asked = members_asked(question)
    counting = [c for c in fitting if asked and "".join(asked) in arabic_figures(c.text)]
    if not counting or not all(only_counted(question, c.text) for c in counting):
        return False
    # a clause (or its row's lead) that names that many is the list: 「五个试点区」 and the row's five 区政府
    return not any(_named_run(f"{c.text} {c.hit.metadata.get('lead') or ''}") == int(asked[0]) for c in fitting if asked)


# 「新增了哪几个区县」「选了哪些城市」: places asked for by name, of the kind the question says.
_PLACES_ASKED = re.compile(r"哪(?:几|些|\d+|[一二三四五六七八九十])个?(区县|县区|区|县|城市|地市|市|省份|省)")
_PLACE_KIND = {"区县": ("区", "县"), "县区": ("区", "县"), "区": ("区",), "县": ("县",), "城市": ("市",), "地市": ("市",),
               "市": ("市",), "省份": ("省", "自治区", "市"), "省": ("省", "自治区", "市")}


def _unnamed_places(question: str, fitting: list[Clause]) -> bool:
    """「新增了哪几个区县」 where no clause that answers (nor its row's lead) names a place of that kind: 「逐步扩大试点
    范围」 says that there are more, not which."""
    asked = _PLACES_ASKED.search(question)
    if asked is None:
        return False
    kinds = _PLACE_KIND[asked.group(1)]
    # only clauses about what is asked as much as the first (「推进浦东、徐汇、静安等三个试点区」 names the pilots
    # there are, not those 「逐步扩大试点范围」 would add)
    for c in (c for c in fitting[:3] if c.lexical_ctx >= fitting[0].lexical_ctx - _NEAR_CTX):
        text = f"{c.text} {c.hit.metadata.get('lead') or ''}"
        if any(canonical.endswith(kinds) for _surface, canonical in region_mentions(text)):
            return False
        # names no gazetteer holds, listed as places of that kind: 「适用于市南区、市北区、四方区、李沧区」
        if any(all(name.endswith(kinds) for name in run.split("、")) for run in _NAME_RUN.findall(text)):
            return False
    return True


def _case_asked(terms: list[str], best: Clause, said: str = "") -> Clause:
    """The step of a figure's ladder the question asks about: 「…不满5万美元的，给予撤职处分；…在10万美元以上的，
    给予开除处分。」 asked 「多少就直接开除」 is its last clause, the one that says the question's word (开除) the
    first does not. The best clause itself when no later clause of its sentence does; said: what else the best
    clause is known to say (the act a penalty item names by number)."""
    missing = [t for t in terms if len(t) >= 2 and t not in best.text + said and t not in _BOUND_WORDS]
    return next((c for c in rest_of_sentence(best) if any(t in c.text for t in missing)
                 and NUMBER_RE.search(arabic_figures(c.text))), best)


# Words that bound a figure (「至少要有几名」): every step of a ladder may say them, none is the step asked.
_BOUND_WORDS = frozenset({"至少", "最少", "最低", "最高", "最多", "不少于", "不低于", "不超过", "以上", "以下", "或者"})


# Who or what a rule leaves out, asked (「哪些单位不在这条要求里」「哪些情形不适用」), and a clause that says so.
_ASKS_EXCEPTED = re.compile(r"不在[^，。？]{0,16}(?:要求|范围|规定|之列|里|内)|不(?:用|必|需要?)(?:执行|遵守)|不适用|"
                            r"不受[^，。？]{0,8}限制|除外|例外|豁免")
_STATES_EXCEPTION = re.compile(r"除[^，。；]{1,40}外|不适用|不包括|除外")
# How much less of the question a clause may say than the best one and still be about the same thing.
_NEAR_CTX = 0.2
# Names listed in one run joined by 、 (「浦东新区政府、徐汇区政府、虹口区政府」).
_NAME_RUN = re.compile(r"[^，,。；;：:\s（）()、]+(?:、[^，,。；;：:\s（）()、]+)+")
# How much of the counting clause's words the part that names the members must say.
_MEMBERS_SHARE = 0.3


def _named_run(text: str) -> int:
    """The most names a text lists in one run joined by 、.

    Example: _named_run("浦东新区政府、徐汇区政府、虹口区政府") == 3
    """
    return max((run.count("、") + 1 for run in re.findall(r"[^，,。；;：:\s（）()]+(?:、[^，,。；;：:\s（）()、]+)+", text)),
               default=0)


def _named_thing(terms: list[str], clauses: list[Clause]) -> Draft | None:
    """A name the question asks for: a quoted name written beside the thing asked about (「“上海静安”微博」 for
    "政务微博叫什么"), as the answer, with the clause it is in."""
    for c in clauses:
        for t in terms:  # the thing, or the head of its name (政务微博 -> 微博)
            head = f"(?:{re.escape(t)}|{re.escape(t[-2:])})" if len(t) >= 2 else ""
            m = head and re.search(rf"“([^”]{{2,16}})”{head}|{head}“([^”]{{2,16}})”", c.text)
            if m:
                name = m.group(1) or m.group(2)
                return Draft(text=f"名称为“{name}”。\n根据{label(c.hit)}：{c.text}[1]", refused=False,
                             citations=(cite(1, c.hit, c.text),))
    return None


# An opening that announces the parts after it: 「我们采取了以下几方面的措施：」「现将有关情况函复如下：」 is not one.
_ANNOUNCES_PARTS = re.compile(r"以下[^。；：:]{0,8}(?:方面|几点|几项)[^。；：:]{0,6}[：:]$")
_POINT_HEAD = 24  # a 一是… point this short is its heading

# A quoted label that counts what it stands for: 「四个一」「五公开」「三公」「两单」.
_COUNT_LABEL = re.compile(r"[一二三四五六七八九十两]{1,2}(?:个|项|大|类)?[\u4e00-\u9fa5]{1,3}")


# A clause that is a note of who leads or is responsible: 「（牵头单位：…；责任单位：…）」 「（…负责）」.
_LEAD_NOTE = re.compile(r"[（(][^（）()]*(?:牵头|负责)")


# A clause that opens a series of figures for cases: 「按照下列标准执行：平原地区…80平方米；」
_FIGURE_SERIES = re.compile(r"(下列|以下|如下)[\u4e00-\u9fa5]{0,6}[：:]")


_SERIES = re.compile(r"[一二三四五六七八九十]是|[（(][一二三四五六七八九十]{1,3}[)）]")


# A sentence about the tasks said before it (「以上工作要在…前完成」「上述事项于年底前办结」).
_BACK_REFERENCE = re.compile(r"^(?:以上|上述|前述|这些|此项|该项|各项|前款|本项)")
_COUNTED = r"哪(?:几|些|[0-9一二三四五六七八九十]{1,2})(?:个|家|类|项|种|处|份|条|所|座|位|批)?"


def _asked_kind(question: str) -> str | None:
    """The kind of thing a list question asks for, by its last character: 「哪几个区」 and 「试点区是哪几个」 -> 区.

    Example: _asked_kind("全国试点区是哪几个？") == "区"
    """
    if m := re.search(_COUNTED + r"(?:分)?(?![个家类项种处份条所座位批件])([\u4e00-\u9fa5]{1,4}?)(?=[是有的在要？?，,。、]|$)",
                      question):
        return None if m.group(1) in _GENERIC_KINDS else m.group(1)[-1]
    m = re.search(r"([\u4e00-\u9fa5]{1,2})(?:是|有|包括|为)" + _COUNTED + r"[？?。，,]?$", question.strip())
    return m.group(1)[-1] if m and m.group(1) not in _GENERIC_KINDS else None


# The kind of thing a list question asks for that an article announces with 「下列…」.
_KIND_LISTED = re.compile(r"(?:哪些|哪几[个项类种]|什么)(条件|材料|情形|行为|事项|文件|证件|资料|手续)")
_LEAD_COVER = 0.5  # the other words of the question an announcing article must say

# Where money asked about comes from (「法律援助经费从哪里出」「这笔钱谁出」), and a clause that says so
# (「将法律援助经费列入同级财政预算」「费用由申请人承担」).
_ASKS_SOURCE = re.compile(r"(?:经费|费用|钱|资金|款)[^，。？?]{0,6}(?:从哪[里儿]?(?:出|来)|哪[里儿](?:出|来)|谁(?:来)?(?:出|掏|付|承担)|"
                          r"由谁(?:出|承担|负担|支付)|(?:怎么|如何)(?:保障|解决)|来源)|(?:谁|哪个部门)(?:来)?(?:出钱|掏钱)")
_STATES_SOURCE = re.compile(r"(?:列入|纳入)[^。；，]{0,16}预算|由[^。；，]{1,16}(?:承担|负担|支付|拨付|筹集|列支)|来源|"
                            r"财政(?:拨款|资金|保障)|筹集")
# A list asked as a division into kinds: 「分成哪几类」「分为几级」「有哪几种」.
_DIVIDED_ASKED = re.compile(r"(?:哪|几)[几一二三四五六七八九十]?(类|种|级|档|等|型)")

# Kinds every list is of (「哪五个方面」): no character of them picks one list over another.
_GENERIC_KINDS = frozenset("事 事情 件事 方面 部分 内容 措施 事项 工作 任务 要求 环节 方向 步 几步 点 条 种".split())


def _enumerates(text: str) -> bool:
    """A clause that lists things: 甲、乙、丙 or 一是…二是….

    A note of who leads (「（牵头单位：…；责任单位：甲、乙、丙）」) lists bodies, not what is asked.
    Example: _enumerates("教育、卫生健康、医保等行业") is True; _enumerates("(牵头单位:市效能办;责任单位:甲、乙、丙)") is False
    """
    if _LEAD_NOTE.match(text):
        return False
    return text.count("、") >= 2 or bool(re.search(r"[一二三四五六七八九十]是", text))


def _plain(text: str) -> str:
    """Text compared for a mention: full-width forms folded (＋ is +), spaces and quote marks dropped."""
    return re.sub(r"[\s“”「」\"'‘’]", "", unicodedata.normalize("NFKC", text))


def _each_named(question: str, draft: Draft, said: str, best: Clause, clauses: list[Clause]) -> Draft:
    """「专业目录和教材分别多久修订一次」: the answer for the second thing too, from the clause of the same document
    that names it, when the first answer's clause did not."""
    m = _EACH_OF.search(question)
    if not m:
        return draft
    lines, cites = [draft.text], list(draft.citations)
    texts = [said, *(c.text for c in clauses[:12] if c.hit.doc_id == best.hit.doc_id)]
    # 「奖励分精神奖励和物质奖励，具体各给点啥」: the longest end of the words before 和 that the text names
    names = [next((a[i:] for i in range(len(a) - 1) if any(_names(a[i:], t) for t in texts)), a) for a in m.groups()]
    # named side by side (「给予精神奖励或者物质奖励」), they are said to be, not what each is
    together = re.search("(?:或者|或|和|与|及|、)".join(map(re.escape, names)), said) is not None
    for name in names:
        if _names(name, said) and not together:
            continue
        other = next((c for c in clauses[:12] if c.hit.doc_id == best.hit.doc_id and _names(name, c.text)
                      and c.text not in said), None)
        if other is not None:
            n = len(cites) + 1
            lines.append(f"{label(other.hit)}：{other.text}[{n}]")
            cites.append(cite(n, other.hit, other.text))
            said += other.text
    return draft if len(lines) == 1 else Draft(text="\n".join(lines), refused=False, citations=tuple(cites))


def _names(name: str, text: str) -> bool:
    """Whether text names the thing: its words around 的 in the text (「家政服务人员的星级评价办法」 is named by
    「家政服务人员星级评价办法」)."""
    return all(part in text for part in name.split("的") if part)


# Two things asked of at once: 「专业目录和教材分别…」「A与B各…」「…机构的评价办法和…人员的星级评价办法，分别…」.
_EACH_OF = re.compile(r"([\u4e00-\u9fa5]{2,16}?)(?:和|与|及|、)([\u4e00-\u9fa5]{2,16}?)[，,]?(?:具体|都)?(?:分别|各自|各)")


def _headed_part(question: str, terms: list[str], clauses: list[Clause]) -> Clause | None:
    """For 「哪一部分讲险情成因」, the clause of the part whose heading names the topic best (二、地质险情成因分析),
    when the question asks for a part; None when no part's heading names two of its words."""
    if "部分" not in question:
        return None
    named = {c.hit.chunk_id: sum(t in c.hit.heading for t in terms) for c in clauses[:10]
             if c.hit.metadata.get("kind") == "part" and c.hit.heading}
    headed = [c for c in clauses[:10] if named.get(c.hit.chunk_id, 0) >= 2]
    return max(headed, key=lambda c: named[c.hit.chunk_id], default=None)


def _item_asked(terms: list[str], stating: Clause, clauses: list[Clause]) -> Clause:
    """For a clause that opens a list (「不得招募下列人员为直销员：（一）未满18周岁的人员；」), the item of the same
    chunk that says more of the question's words than the first (「（三）全日制在校学生；」): a yes/no is about it."""
    m = LISTS_CASES.search(stating.text)
    if m is None:
        return stating
    lead = stating.text[:m.end()]
    own = [t for t in terms if coverage([t], lead) < 1]  # the words the list's lead says tell no item apart
    if not own:
        return stating
    first = coverage(own, stating.text[m.end():])
    items = [(coverage(own, c.text), c) for c in clauses if c.hit.chunk_id == stating.hit.chunk_id and CASE_LINE.match(c.text)]
    share, best = max(items, key=lambda x: x[0], default=(0.0, stating))
    return best if share > first else stating


_CITED_ARTICLE = re.compile(r"第(?:[一二三四五六七八九十百零〇]+|\d{1,4})条(?:之[一二三四五六七八九十]+)?")


def _as_written(article: str, hits: list[Hit]) -> str:
    """An article another law has, named as the texts found write it: 第246条 or 第二百四十六条."""
    number = re.match(r"第([^条]+)条", article)
    if number is None:
        return article
    n = int(number.group(1)) if number.group(1).isdigit() else cn_to_int(number.group(1))
    rest = article[number.end():]
    for form in (f"第{n}条{rest}", f"第{int_to_cn(n)}条{rest}"):
        if any(form in h.text for h in hits):
            return form
    return article


def _breached_items(cites_it: re.Pattern[str], text: str) -> set[int] | None:
    """The 项 of the breached article a penalty clause names (「违反本条例第三十四条第一、二、三、四项规定」 -> 1-4);
    None when it names none."""
    m = cites_it.search(text)
    items = re.match(r"第([一二三四五六七八九十、和]+(?:至第?[一二三四五六七八九十]+)?)项", text[m.end():]) if m else None
    if items is None:
        return None
    if (span := re.fullmatch(r"([一二三四五六七八九十]+)至第?([一二三四五六七八九十]+)", items.group(1))) is not None:
        return set(range(cn_to_int(span.group(1)), cn_to_int(span.group(2)) + 1))
    return {cn_to_int(n) for n in re.split(r"[、和]", items.group(1)) if n}
