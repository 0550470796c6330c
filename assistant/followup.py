"""Follow-ups that point into the previous answer: ordinals (第二个, 最后一项) and pronouns (它, 该项)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from assistant.normalize import normalize_question
from assistant.query import (
    _YEAR,
    DOC_TITLE,
    _intent_match,
    ask_start,
    condense,
    content_terms,
    is_followup,
    last_user_question,
)
from assistant.wording import ASKS_CONSEQUENCE, ASKS_FINE
from ingest.regions import region_mentions, region_surfaces
from ingest.textutil import cn_to_int, int_to_cn
from vectorstore.clauses import clauses_of
from vectorstore.scope import DocInfo, library_places, question_doc_numbers, scope_of, without_titles
from vectorstore.types import Hit

MAX_PREVIOUS_CHARS = 300  # the previous question's opening names its document and topic
_ORDINAL = re.compile(r"第([一二三四五六七八九十]{1,3}|\d{1,2})(?:个|项|点|条|方面|件|部分)?|(最后|末)那?一?(?:个|项|点|条)|"
                      r"(前者|后者)")
_BODY_WORD = re.compile(r"(局|委|办|厅|署|政府|部门|单位|中心|机关)$")
_OWN_ASK = re.compile(r"什么|哪|多少|几|谁|吗|是否|怎么|如何|啥")
_TASK_OBJECT = re.compile(r"(修订|修改|出台|制定|制订|起草|完善|落实|印发|贯彻|清理|评估)《")
_PRONOUN = re.compile(r"(?:它们|它)(?![俩两])|其中|该项|这项|这一项|此项|这个|这条|这一条|该条|此条|这些|那项|那个|那一项|那条|"
                      r"这种|这类|此类|该类|这笔|该笔|他们|她们|其|"
                      r"(?<![其吉利排])[他她](?![们人处国方物])")  # 「那要是他偷偷参与竞买了」: the one asked of before
_SECTION_PRONOUN = re.compile(r"(?:这|该|此|那)一?(?:个)?(?:部分|章|节|条|款)")
_MARKER = re.compile(r"\[\d{1,2}\]")
_ARTICLE_CITED = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,6}条")
_LIST_LINE = re.compile(r"^\s*(?:[-•·*]|\d{1,2}[.、．)]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}[是、])\s*")


def last_answer(history: Sequence[Any] | None) -> str | None:
    """The latest assistant turn of a chat history, if any."""
    for turn in reversed(list(history or [])):
        if isinstance(turn, dict):
            if turn.get("role") == "assistant" and str(turn.get("content", "")).strip():
                return str(turn["content"])
        elif isinstance(turn, (list, tuple)) and len(turn) > 1 and turn[1]:
            return str(turn[1])
    return None


def answer_items(answer: str) -> list[str]:
    """The items a previous answer listed: its list lines, else the parts of its enumeration.

    Example: answer_items("包括：推进决策公开、执行公开和结果公开。") == ["推进决策公开", "执行公开", "结果公开"]
    """
    text = _MARKER.sub("", answer)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    listed = [_LIST_LINE.sub("", ln).strip() for ln in lines if _LIST_LINE.match(ln)]
    if len(listed) >= 2:
        return [_strip_label(i) for i in listed]
    body = max(lines, key=len) if lines else ""
    body = re.split(r"：|包括|包含|主要有|分别是|分别为|即为", body, maxsplit=1)[-1].lstrip("：: ")
    body = re.sub(r"(?:等|共)?[一二三四五六七八九十\d]{1,3}[条项个点方面]+[。.]?$", "", body.strip(" 。"))
    body = re.sub(r"^(?:是|为|有)(?=[\u4e00-\u9fa5]{2})", "", body)  # 「是浦东新区、徐汇区…」: the names, not the copula
    # items set apart by 「；」 keep their own 和 and 、 (「加强政府热线电话建设和管理」 is one item)
    splitter = r"[；;]" if re.search(r"[；;]", body) else r"、|，(?:以及|和)|以及|和|及"
    parts = [p.strip(" 。；;，,") for p in re.split(splitter, body)]
    parts = [p for p in parts if len(p) >= 2]
    return parts if len(parts) >= 2 else []


_FEW_TERMS = 3
_ASKS_LIST = re.compile(r"哪些|哪几|哪[两三四五六七八九十]|包括|包含|有几|几个|几项|几类|几种|分别|列举|内容|有什么|指什么|讲(了|的是)?什么|说(了|的是)?什么|要求|措施|任务|方面")


def _listed(question: str, answer: str) -> bool:
    """Whether the previous answer is a list a 「第二个」 can point into: list lines, or a question that asked
    for several things. The units of a 「由谁牵头」 answer (「市发展改革委、市财政局牵头」) are no such list.

    Example: _listed("价格和收费信息公开由谁牵头？", "市发展改革委、市财政局牵头。") is False
    """
    lines = [ln for ln in answer.splitlines() if ln.strip()]
    return sum(1 for ln in lines if _LIST_LINE.match(ln)) >= 2 or bool(_ASKS_LIST.search(question))


def _strip_label(item: str) -> str:
    """Drop a citation label (《title》（文号）) from a list line, keep the section path and text."""
    return re.sub(r"^《[^》]{2,80}》(?:（[^）]{2,30}号）)?", "", item).strip("：: ")


def _ordinal_index(match: re.Match[str], count: int) -> int | None:
    if match.group(1):
        n = cn_to_int(match.group(1))
        return n - 1 if 1 <= n <= count else None
    if match.group(2):
        return count - 1
    return 0 if match.group(3) == "前者" else count - 1


def _context(prev: str) -> str:
    """The names a previous question used for its document: year and place, or the law's name.

    Example: _context("19年上海那个要点说…") == "2019年上海"; _context("民事诉讼法规定…") == "民事诉讼法"
    """
    if numbers := question_doc_numbers(prev):
        return numbers[0]  # 「国发〔2018〕38号文主要分哪几块？」: the 文号 names it, not its year
    # a year the plan aims at (「到2022年要建多少所」) names no document
    years = _YEAR.findall(re.sub(r"(?:到|至|截至|截止到?)\s*\d{4}\s*年", "", normalize_question(prev)))
    places = region_surfaces(prev)
    if places and (law := re.search(rf"{re.escape(places[0])}[\u4e00-\u9fa5]{{0,12}}?(?:条例|办法|规定|细则|规则)",
                                    re.sub(r"《[^》]*》", "", prev))):
        places = [law.group(0)]  # 「北京邮政条例禁止…」: the place's law, not every text of 北京 (nor a title quoted as a task's)
    named = (f"{years[0]}年" if years else "") + (places[0] if places else "")
    if named:
        return named
    title = DOC_TITLE.search(prev)
    return title.group(0) if title else ""


# A question that opens by pointing inside the document asked about before.
_INSIDE_IT = re.compile(r"^(?:那|那么)?(?:它|这份文件|这个文件|该文件|文件|这里|这里面|那里面)?(?:里头|里面|里边|当中|其中|中间)")


def _names_document(question: str, docs: Sequence[DocInfo] | None = None) -> bool:
    """Whether a question names its document itself: a year, a place, a title or a 文号. With the library's docs
    given, a place none of them has is what the question asks about, and then its year is too (「那广东和福建
    呢？1995年它俩落实了多少」 of a national text names no document)."""
    title = re.search(r"[\u4e00-\u9fa5]{2,20}(?:法|条例|规定|办法|解释|决定)(?![律规定院])", question)
    places = None if docs is None else library_places(docs)
    mentioned = [canonical for _surface, canonical in region_mentions(question)]
    topic_places = places is not None and any(p not in places for p in mentioned)
    return bool((_YEAR.search(question) or mentioned) and not topic_places or "《" in question
                or re.search(r"〔\d{4}〕|令第", question)
                or (title and not re.search(r"什么|哪|怎么|如何|有无|是否|的规定|的决定", title.group(0))))


_SECTION_REF = re.compile(r"(?:附件|任务分解表|分解表)[^\d，,。？?]{0,8}?(?:序号|第)\s*\d{1,3}\s*(?:项|号|条|行)?|序号\s*\d{1,3}|第[一二三四五六七八九十百零\d]{1,5}(?:部分|章|节|条|款)|"
                          r"第?[（(][一二三四五六七八九十]{1,4}[)）]项?|[一二三四五六七八九十]{1,3}、(?:[（(][一二三四五六七八九十]{1,4}[)）])?")
_PART_REF = re.compile(r"第([一二三四五六七八九十]{1,3})部分|(?<![（(])([一二三四五六七八九十]{1,3})、")
_ITEM_ORDINAL = re.compile(r"第([一二三四五六七八九十]{1,3})项")
# 「那第二种情况呢」「第三种情形是什么」: a case an article sets out, counted.
_CASE_ORDINAL = re.compile(r"^(?:那么?|还有|另外)?(?:那个)?第([一二三四五六七八九十]{1,2}|\d{1,2})(?:种|类)(?:情况|情形|情况下|方式|做法)?(?:呢)?")


def section_refs(text: str) -> list[str]:
    """Section references a question makes, as written.

    Example: section_refs("任务分解表里序号30是什么任务") == ["任务分解表里序号30"]
    """
    return [m.group(0).strip() for m in _SECTION_REF.finditer(without_titles(text)) if m.group(0).strip()]


# 「那紧接着的下一条讲的是啥」「上一项呢」: the section after (or before) the one the last turn was about.
_NEIGHBOUR = re.compile(r"^(?:那|那么)?(?:紧接着|紧挨着|接下来|挨着|再往下)?(?:它|这条|这项|这一条|这一项)?的?"
                        r"(下一|上一|后一|前一)(条|项|款|个|点)(?:呢)?[，,？?]?")
_NUM = r"[一二三四五六七八九十百零〇\d]{1,5}"
_ROW_REF = re.compile(r"(?:附件|任务分解表|分解表)?(?:（|\()?序号\s*(\d{1,3})|分解表第\s*(\d{1,3})\s*项")
_ARTICLE_REF = re.compile(rf"第({_NUM})条(?:第({_NUM})款)?")
_ITEM_REF = re.compile(rf"第({_NUM})部分第?[（(]({_NUM})[)）]|(?<![（(])({_NUM})、[（(]({_NUM})[)）]")


def neighbour_ref(text: str, step: int, unit: str) -> str | None:
    """The reference to the section `step` after the first one `text` cites: a task row, an article (or its
    款), or a part's item.

    Example: neighbour_ref("由市经济信息化委牵头（第一部分第（十）条）", 1, "条") == "第一部分第（十一）项";
    neighbour_ref("按第四十九条，…", 1, "条") == "第五十条"
    """
    if m := _ROW_REF.search(text):
        return f"任务分解表序号{int(m.group(1) or m.group(2)) + step}"
    if m := _ITEM_REF.search(text):
        part, item = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return f"第{part}部分第（{int_to_cn(cn_to_int(item) + step)}）项"
    if m := _ARTICLE_REF.search(text):
        if unit == "款" and m.group(2):
            return f"第{m.group(1)}条第{int_to_cn(cn_to_int(m.group(2)) + step)}款"
        return f"第{int_to_cn(cn_to_int(m.group(1)) + step)}条"
    return None


def _case_of_article(question: str, prev: str, answer: str, docs: Sequence[DocInfo] | None) -> str | None:
    """「第二种情况呢？」 after an answer from an article that sets out cases: the question of that article's
    item （二）; None when the question counts no case, names a document, no article was cited, or the answer
    listed what the ordinal counts."""
    case = _CASE_ORDINAL.match(question)
    article = _ARTICLE_REF.search(answer) or _ARTICLE_REF.search(prev)
    if case is None or article is None or _names_document(question, docs) or (
            answer_items(answer) and _listed(prev, answer)):
        return None
    rest = question[case.end():].lstrip("，,？? ")
    if not (_intent_match(rest) or _ASK_WORD.search(rest)):
        rest = "是怎么规定的？"
    item = case.group(1) if not case.group(1).isdigit() else int_to_cn(int(case.group(1)))
    lead = _context(prev) or f"{prev.rstrip('？?。 ')}，"  # the question before names the document its own way
    return f"{lead}第{article.group(1)}条（{item}）{rest}"


def _neighbour_question(question: str, prev: str, answer: str) -> str | None:
    """「那紧接着的下一条讲的是啥」: the question asked of the section next to the one the last turn cited."""
    near = _NEIGHBOUR.search(question)
    if near is None:
        return None
    step = 1 if near.group(1) in ("下一", "后一") else -1
    ref = neighbour_ref(answer, step, near.group(2)) or neighbour_ref(prev, step, near.group(2))
    if ref is None:
        return None
    rest = question[near.end():].lstrip("，,？? ")
    if not (_intent_match(rest) or _ASK_WORD.search(rest)):
        # 「那紧接着的下一条，发挥政府网站…那条呢？」 after 「…是谁牵头的？」: the same ask of the next section
        rest = _ask_of(prev) or "是什么？"
    return f"{_context(prev) or _context(answer)}{ref}{rest}"


# A numbered place a question points at: 第13项, 第十五条, 第二款, 第三部分.
_SLOT = re.compile(r"第([一二三四五六七八九十百零〇]{1,5}|\d{1,3})(项|条|款|章|节|部分|点)")


def _same_slot(question: str, prev: str, answer: str = "") -> str | None:
    """「那第13项呢？谁牵头？」 after 「…任务分解表第12项是啥？」: the previous question, asked of the numbered place
    this one names instead (of the same kind: 项 for 项, 条 for 条), with this one's own ask if it has one. When the
    previous question named its row by its words, the row the answer cited stands for it: 「那第37项呢？」 after an
    answer from 附件（序号36） asks row 37 of that table.

    Example: _same_slot("那第13项呢？谁牵头？", "19年要点任务分解表第12项是啥？") == "19年要点任务分解表第13项谁牵头？"
    """
    slots = list(_SLOT.finditer(question))
    if len(slots) != 1:
        return None
    slot = slots[0]
    before = re.sub(r"^(?:那么?|还有|另外|再问一下|再看)", "", question[:slot.start()])
    if before.strip("，, "):
        return None  # 「条例第五条呢」 names its own place to start from
    rest = re.sub(r"^(?:的?内容|讲的|说的)?呢[？?，,\s]*", "", question[slot.end():])
    same = next((m for m in _SLOT.finditer(prev) if m.group(2) == slot.group(2)), None)
    if same is None:  # a 项 after a 条 is an item of it, unless the answer cited a table's row
        if slot.group(2) != "项" or not _CITED_ROW.search(answer):
            return None  # (「第三条呢？」 after an answer from 第二十条 asks about 第三条 itself)
        n = slot.group(1)
        row = f"附件序号{n if n.isdigit() else cn_to_int(n)}"
        return f"{_context(prev) or _context(answer)}{row}{rest if rest.strip('？?。 ') else _ask_of(prev) or '是什么？'}"
    if not rest.strip("？?。 "):
        rest = prev[same.end():]  # 「那第13项呢？」: the same ask
    return f"{prev[:same.start()]}{slot.group(0)}{rest}"


# A table row an answer cited: 「附件（序号36）」.
_CITED_ROW = re.compile(r"附件[（(]序号\s*\d{1,3}[)）]")


# Where a question starts to say what it asks: 「…制度建设是谁牵头的？」 from 是谁.
_ASK_WORD = re.compile(r"是谁|由谁|谁|哪|什么|啥|多少|几|何时|怎么|如何|是否|能否|有没有|能不能|可不可以|要不要|吗")


def _ask_of(question: str) -> str | None:
    """What a question asks, without its topic; None when that is only 「是啥」.

    Example: _ask_of("2013年成都新闻发言人制度建设是谁牵头的？") == "是谁牵头的？"
    """
    starts = [m.start() for m in (_intent_match(question), _ASK_WORD.search(question)) if m]
    if not starts:
        return None
    ask = question[ask_start(question, min(starts)):]
    return ask if len(ask.rstrip("？?。 ")) >= 3 else None


def _named_by_answer(prev: str, answer: str) -> str:
    """The previous question, led by the title or 文号 the answer gave when the question named no document
    (「法院能给我电子送达吗」 answered from 《…规定》)."""
    if _context(prev):
        return prev
    named = _context(answer)
    return f"{named}{prev}" if "《" in named or re.search(r"〔\d{4}〕", named) else prev  # a title, or a 文号


def resolve_followup(question: str, history: Sequence[Any] | None, docs: Sequence[DocInfo] | None = None) -> str:
    """A standalone question: ordinals and pronouns resolved against the previous turn, else condense().

    Example: resolve_followup("第二个具体怎么要求？", [user "2019年上海要点的五公开指什么", assistant
    "- 决策公开\\n- 执行公开"]) == "2019年上海执行公开具体怎么要求？"
    """
    prev = last_user_question(history)
    if not prev:
        return question
    prev = normalize_question(prev[:MAX_PREVIOUS_CHARS])
    question = normalize_question(question)  # 「那静安17年的呢？」: its year replaces the previous one as 2017年
    answer = last_answer(history) or ""
    if (neighbour := _neighbour_question(question, prev, answer) or _case_of_article(question, prev, answer, docs)
            or _same_slot(question, prev, answer)) is not None:
        return neighbour
    rest_of = _PRONOUN.sub("", question)
    names_doc = _names_document(question, docs)  # 「那广东和福建呢？」 of a national text names no document
    part = _PART_REF.search(prev)
    item = _ITEM_ORDINAL.search(question)
    if part and item and not names_doc and not _PART_REF.search(question):
        # "第一项里…" after a question about 第三部分: item （一） of that part.
        return f"{_context(prev)}第{part.group(1) or part.group(2)}部分第（{item.group(1)}）项{question[item.end():]}"
    if (pointer := _SECTION_PRONOUN.search(question)) and (refs := section_refs(prev)) and not names_doc and (
            not pointer.group(0).endswith(("条", "款")) or "条" in refs[0]):
        # "这部分对各区县是怎么要求的？" after a question about 第四部分: that part, asked on its own words;
        # 「违反这一款的…」 after one about 第二十五条第一款: that article
        return f"{_context(prev)}{question[:pointer.start()]}{refs[0]}{question[pointer.end():]}"
    m = _ORDINAL.search(question)
    items = answer_items(answer) if answer else []
    # "第三条具体怎么要求？" after an answer that listed items: its third item, unless the answer cites articles
    into_answer = bool(m and items and _listed(prev, answer) and not re.search(r"部分|章|节|款$", m.group(0))
                       and not (m.group(0).endswith("条") and _ARTICLE_CITED.search(answer)))
    if section_refs(question) and not names_doc and not _PRONOUN.search(question) and not into_answer:
        return f"{_context(prev)}{question}"  # "第三部分下面一共有几项？": the same document as before
    if m and into_answer and not content_terms(question[: m.start()] + question[m.end():]).__len__() > 2:
        idx = _ordinal_index(m, len(items))
        if idx is not None:
            rest = question[m.end():].lstrip("个项点条的，, ")
            rest = re.sub(r"^(?:那|这)一?个", "", rest)  # 「排第一的那个区政府」: the item, then what it is
            rest = re.sub(r"^(那么?|还有|另外)", "", rest)
            chosen = items[idx]
            chosen = _placed_item(chosen, prev, answer)
            context = _context(prev)
            # 「上海」 and 「浦东新区」 stay two words, not one place jieba knows (上海浦东新区)
            joint = " " if context and any(chosen.startswith(p) for p in region_surfaces(chosen)) else ""
            return f"{context}{joint}{chosen}{rest}"
    prev = prev if names_doc else _named_by_answer(prev, answer)
    if _PRONOUN.search(question) and is_followup(question) and not content_terms(rest_of):
        refs = section_refs(prev) or section_refs(_MARKER.sub("", answer))[:1]  # 「附件（序号36）的任务是…」
        # The previous answer's words help when the question named its topic in few words ("国家战略三项新任务");
        # after a question that named it fully they pull towards whatever else the answer listed.
        asked = content_terms(prev)
        said = content_terms(_MARKER.sub("", answer)[:60]) if answer and len(asked) <= _FEW_TERMS else []
        said = [t for t in said if not _BODY_WORD.search(t)]  # the units that lead it are no topic (市财政局)
        topic = " ".join(refs[:1] + asked[:6] + [t for t in said[:4] if t not in prev])
        rest = re.sub(r"^(那么?|还有|另外|再问一下)", "", rest_of).lstrip("的，, ")
        rest = re.sub(r"呢([？?]?)$", r"是什么\1", rest) if not re.search(r"(什么|哪|多少|几|谁|吗|是否)", rest) else rest
        return f"{_context(prev)}{topic}的{rest}" if topic else condense(question, history)
    if (inside := _INSIDE_IT.match(question)) and not re.search(r"《|〔\d{4}〕|令第", question):
        # 「里头有针对河南自贸区的措施吗？」: inside the document asked before, whatever place it names
        return f"{_context(prev)}{question[inside.end():].lstrip('，, ')}"
    own = re.sub(r"^(那么?|还有|另外|再问一下|如果)", "", question.strip())
    # "修订《…》这项呢，什么时候要完成？", 「广东和福建呢？1995年它俩落实了多少」
    own = re.sub(r"(这一?项|这个|这条)?呢([，,]|[？?](?=.))", lambda m: "" if m.group(2) in "，," else "，", own)
    terms = content_terms(own)
    task_object = bool(_TASK_OBJECT.search(question))  # a document named as what a task does, not the one asked of
    if is_followup(question) and (not names_doc or task_object) and (_intent_match(own) or _OWN_ASK.search(own)) and (
            terms or task_object):
        # "那如果终止服务了，注销备案要在多长时间内办？", "那水环境方面要公开些什么？": a whole question of its own,
        # in the same document; a pronoun in it ("它在清单发布页面上要新增什么功能？") is the previous topic
        return _own_question(own, terms, prev)
    standalone = condense(question, history)
    context = _context(prev)
    if standalone == question and not names_doc or not names_doc and context and context not in standalone and \
            not _names_document(standalone, docs) and _names_indexed(context, docs):
        # "搜索方面有啥要求？" in a chat about one document: a new topic, asked of the same document (and 「那要是这些
        # 证书没带齐呢？」, rewritten on its own words, still of that document)
        return f"{context}{standalone}"
    return standalone


def _placed_item(item: str, prev: str, answer: str) -> str:
    """An item 「（二）…」 a follow-up picks from the answer, with where it stands: the part the question before asked
    about, else the article the answer quoted (「第五项要是违反了…」: 项 （五） of that article)."""
    if not re.match(r"[（(][一二三四五六七八九十]{1,3}[)）]", item):
        return item
    if part := _PART_REF.search(prev):
        return f"第{part.group(1) or part.group(2)}部分{item}"
    if (cited := _ARTICLE_REF.search(_MARKER.sub("", answer))) and not _ARTICLE_REF.search(item):
        return f"第{cited.group(1)}条{item}"
    return item


def _names_indexed(words: str, docs: Sequence[DocInfo] | None) -> bool:
    """Whether words name one of the library's documents (with no library given, whether they name any):
    「按动植物检疫条例」 does, 「如果法律法规都没规定期限」's 「如果法律法」 does not."""
    if docs is None:
        return _names_document(words)
    scoped = scope_of(words, list(docs))
    return bool(scoped.doc_ids) and not scoped.missing


def _own_question(own: str, terms: list[str], prev: str) -> str:
    """A follow-up that is a whole question, asked of the document before: 「那如果终止服务了，注销备案要在多长时间内
    办？」; a pronoun in it is the earlier topic; one that asks only what befalls the earlier topic (「那罚款具体是多少？」
    after 「没取得许可证照就生产食品，…由谁来处罚？」: its fine, time limit or papers) is asked with the earlier words."""
    if all(_ASKED_OF_TOPIC.fullmatch(t) for t in terms) and (topic := _topic_said(prev)):
        return f"{topic}{own}"
    if _DONE_ANYWAY.search(own) and (ASKS_CONSEQUENCE.search(own) or ASKS_FINE.search(own)) and len(terms) <= 2:
        # 「那要是真寄了被查出来，会怎么处理？」 after 「烟花爆竹能不能走快递寄给外地的亲戚？」: the act asked of before,
        # done anyway, and what befalls it
        return f"{_context(prev)}{' '.join(content_terms(prev)[:4])}，{own}"
    if (pointer := _PRONOUN.search(own)) and not _names_right_before(own[:pointer.start()]):
        # (not 「政务微博这些新媒体渠道那条呢」, whose 这些 points at what the question itself has just named)
        refs = section_refs(prev)[:1]
        said = refs + [t for t in content_terms(prev)[:4] if not any(t in r for r in refs)]
        own = _PRONOUN.sub(" ".join(said), own, count=1)
    return f"{_context(prev)}{own}"


# The act asked of before, supposed done: 「要是真寄了」「如果还是做了」「万一被查到」.
_DONE_ANYWAY = re.compile(r"(?:要是|如果|万一|假如|真的?)[^，,。？?]{0,10}(?:了|到)")


def _names_right_before(before: str) -> bool:
    """Whether the words of a clause before a pronoun are one name, which the pronoun sums up: 「政务微博这些新媒体
    渠道」 (not 「有人申请公开这类信息」, where 这类 points back at the earlier topic).

    Example: _names_right_before("那政务微博") is True; _names_right_before("那要是有人申请公开") is False
    """
    said = re.sub(r"^(?:那么?|还有|另外)", "", re.split(r"[，,。；;？?]", before)[-1])
    named = content_terms(said)
    return len(named) == 1 and said.endswith(named[0]) and len(said) - len(named[0]) <= 1


# Words that name what is asked of a topic, not a topic: its fine, time limit, papers, conditions, body.
_ASKED_OF_TOPIC = re.compile(r"罚款|罚金|处罚|金额|数额|期限|时限|时间|期间|材料|条件|程序|手续|标准|费用|责任|部门|机关")


def asks_of_same_topic(question: str) -> bool:
    """Whether a follow-up only asks what befalls the earlier topic (「那罚款具体是多少？」「期限呢？」): its answer
    may be in what was said before, and is still the answer."""
    terms = content_terms(normalize_question(question))
    return bool(terms) and all(_ASKED_OF_TOPIC.fullmatch(t) for t in terms)


def _topic_said(prev: str) -> str:
    """The earlier question without its own ask: 「没取得许可证照就生产食品，按…特别规定，由谁来处罚？」 ->
    「没取得许可证照就生产食品，按…特别规定，」; "" when it is one clause (its words are its ask)."""
    clauses = re.split(r"(?<=[，,；;])", prev.rstrip("？?。 "))
    return "".join(clauses[:-1]) if len(clauses) >= 2 and content_terms("".join(clauses[:-1])) else ""


def _bare(text: str) -> str:
    return re.sub(r"[\s，,。；;：:、“”\"（）()]", "", text)


def already_said(quotes: Sequence[str], said: str) -> bool:
    """Whether every quote of an answer is, for the most part, what the previous answer said (「那要是还不服呢？」
    answered with the sentence the last answer gave, or with its paragraph around it).

    Example: already_said(["甲会分为两种。乙应当按规则召开。经百分之二十以上提议，应当召开。"],
    "甲会分为两种；经百分之二十以上提议，应当召开。") is True (two of its three sentences, most of its words)
    """
    bare = _bare(said)
    return bool(quotes) and all(_said_share(q, bare) >= _MOSTLY_SAID for q in quotes)


_MOSTLY_SAID = 0.6  # share of a quote's characters in sentences the last answer gave


def _said_share(quote: str, bare_said: str) -> float:
    """The share of a quote's characters that are in sentences the last answer said (bare_said: said, _bare)."""
    pieces = [_bare(p) for p in re.split(r"[。；;！!？?]", quote)]
    pieces = [p for p in pieces if p]
    total = sum(len(p) for p in pieces)
    return sum(len(p) for p in pieces if p in bare_said) / total if total else 0.0


def unsaid(hits: Sequence[Hit], said: str) -> list[Hit]:
    """The hits without the sentences the previous answer already gave (hits left with nothing are dropped)."""
    bare = _bare(said)
    out = []
    for h in hits:
        clauses = clauses_of(h.text)
        kept = [c for c in clauses if not (len(_bare(c)) >= 6 and _bare(c) in bare)]
        if kept:
            out.append(h if len(kept) == len(clauses) else replace(h, text="".join(kept)))
    return out
