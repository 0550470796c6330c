"""How much of the text around a chosen clause an answer quotes: the rest of its sentence or short paragraph,
the extension a time limit allows, the line that introduces a listed case, the point of a long section it is in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.evidence import CASE_LINE, LISTS_CASES, Clause, lead_line
from assistant.normalize import arabic_figures
from assistant.wording import ASKS_CONSEQUENCE, ASKS_FINE
from ingest.citation import clauses as article_clauses
from ingest.textutil import NUMBERED_ITEM, cn_to_int, split_sentences
from vectorstore.clauses import clauses_of


def _sentence_end(units: list[str], at: int) -> int:
    """The last unit of the sentence unit at opens, when it stops at 「；」 (three more at most)."""
    end = at
    while end < min(at + 3, len(units) - 1) and units[end].endswith(("；", ";")):
        end += 1
    return end


def rest_of_sentence(best: Clause) -> list[Clause]:
    """The clauses after the best one that finish its sentence when it stops at 「；」 (three at most):
    「…债权人可以请求人民法院作出决定；」 goes on 「人民法院应当在五日内作出决定。」."""
    units = clauses_of(best.hit.text)
    if best.index >= len(units) or units[best.index] != best.text:
        return []
    return [replace(best, text=units[at], index=at) for at in range(best.index + 1, _sentence_end(units, best.index) + 1)]


def whole_sentence(best: Clause) -> Clause:
    """The clause with the rest of its sentence when it stops at 「；」: a penalty's ladder ("处警告；警告后不改正的，
    处二百元以上五百元以下罚款。") is one answer, its first step alone a wrong one. A later step (「情节严重的，处5万元
    …」) comes with the steps before it in its sentence (「…责令限期改正；拒不改正的，处1万元…；」)."""
    earlier = earlier_in_sentence(best, ("；", ";"), past_items=False) if _LATER_STEP.match(best.text) else ""
    return replace(best, text=earlier + best.text + "".join(c.text for c in rest_of_sentence(best)))


# A case a clause of a rule opens with: 「使用耕地的，…」「保修期满的按照…」「参与报价的供应商为2家的，由…」.
_CASE = re.compile(r"([^，,；;。：:]{2,24})的(?:[，,]|按照|依照|由|应当|可以)")
_FIGURE = re.compile(r"[\d一二两三四五六七八九十百千万]")


def sentence_cases(best: Clause, question: str, figures: bool = False) -> Clause | None:
    """The whole sentence when the best clause is one case of a rule whose sentence goes on (or began) with its other
    cases, and the question names no case: 「…经费，保修期内由建设单位承担；保修期满的按照…列支；未建立…的，由业主约定
    承担」 asked 「钱该谁出」 is every case, the first alone a wrong answer; figures: only cases that each give a figure
    (「使用耕地的，最高不得超过一百二十五平方米；使用其他土地的，…一百四十平方米」). None when the question names the best
    clause's own case (「只有两家供应商报价时」 of 「…供应商为2家的，…」) or the sentence has no other case.
    """
    units = clauses_of(best.hit.text)
    if best.index >= len(units) or units[best.index] != best.text:
        return None
    start, end = _sentence_start(units, best.index, ("；", ";")), _sentence_end(units, best.index)

    def case_of(clause: str) -> str:
        m = _CASE.search(clause)
        return m.group(1) if m and (not figures or _FIGURE.search(clause[m.end():])) else ""

    others = [case for at in range(start, end + 1) if at != best.index and (case := case_of(units[at]))]
    # a first case said without 的 (「保修期内由建设单位承担」) is what its last comma-piece says before who acts
    said = re.split(r"由|应当|按照|依照|可以", re.split(r"[，,]", best.text.rstrip("；;。"))[-1])[0]
    own = case_of(best.text) or ("" if figures else said)
    if not others or not own:
        return None
    told = _pairs(arabic_figures(own)) - {p for o in others for p in _pairs(arabic_figures(o))}
    if any(pair in arabic_figures(question) for pair in told):
        return None  # the question names this clause's case
    return replace(best, text="".join(units[start:end + 1]), index=start)


def _pairs(text: str) -> set[str]:
    """The two-character runs of a text: what tells one case of a rule from the others."""
    return {text[i:i + 2] for i in range(len(text) - 1)}


def earlier_in_sentence(best: Clause, breaks: tuple[str, ...], past_items: bool = True) -> str:
    """The clauses of the best one's sentence before it, back as far as each ends in one of breaks (「；」, or 「，」
    too), not past a case item unless past_items: 「…责令限期改正；拒不改正的，处1万元…；」 before 「情节严重的，…」."""
    units = clauses_of(best.hit.text)
    if best.index >= len(units) or units[best.index] != best.text:
        return ""
    return "".join(units[_sentence_start(units, best.index, breaks, past_items):best.index])


def _sentence_start(units: list[str], at: int, breaks: tuple[str, ...], past_items: bool = True) -> int:
    """The first unit of the sentence unit at is in: back as far as each unit before ends in one of breaks."""
    while at > 0 and units[at - 1].endswith(breaks) and (past_items or not CASE_LINE.match(units[at - 1])):
        at -= 1
    return at


# The opening of a ladder's later step: it follows and depends on the step before it.
_LATER_STEP = re.compile(r"(?:拒不|逾期不|逾期未|情节(?:特别)?严重|情节较重|造成严重后果|屡次|再次)")


_SHORT_PARAGRAPH = 90  # characters: a paragraph this short is one statement, read whole


def quote_for(best: Clause, question: str) -> str:
    """What a fact answer quotes: a consequence to the end of its sentence, else the clause in its short paragraph."""
    # a fine's ladder (「有违法所得的，…；没有违法所得的，处…罚款」) is one answer, its first step alone a wrong one
    ladder = ASKS_CONSEQUENCE.search(question) or ASKS_FINE.search(question)
    if ladder:
        return whole_sentence(best).text
    whole = short_whole(best)
    if whole.text == best.text and (cases := sentence_cases(best, question)) is not None:
        return cases.text  # who pays in each case, not the first case alone
    return whole.text


def short_whole(best: Clause) -> Clause:
    """The clause with the rest of its paragraph when the paragraph is short: 「国庆节：…放假调休，共7天。9月29日
    （星期日）、10月12日（星期六）上班。」 says how many days and which days are worked in one statement, and a 款
    「…20个工作日内予以答复；需要延长…最长不得超过20个工作日。」 gives the span with its extension."""
    paragraph = next((line.strip() for line in best.hit.text.split("\n") if best.text in line), "")
    if NOTE_ONLY.fullmatch(best.text) and paragraph.endswith(best.text) and paragraph != best.text:
        # 「（负责部门：民航局，适用范围：河南自贸试验区）」 says where, the sentence before it what
        sentences = split_sentences(paragraph[: -len(best.text)])
        return replace(best, text=(sentences[-1] if sentences else "") + best.text)
    if not paragraph or len(paragraph) > _SHORT_PARAGRAPH or paragraph == best.text or NUMBERED_ITEM.match(best.text):
        return best  # (「5．逆行行为（第21条）」 of a line listing 4．5．6．: one item of a list, not of a statement)
    return replace(best, text=paragraph)



# The clause after a time limit that lets it run longer: 「情况复杂的，经…批准，可以适当延长…，但不得超过三十日」.
_EXTENDS = re.compile(r"^(?:情况复杂|案情复杂|确需延长|需要延长|因特殊情况|有特殊情况|特殊情况|因故)[^。；]{0,60}延长|^需要延长[^。；]{0,30}期限")


# The clause after it that caps the extension: 「但是延长期限最多不得超过三十日」.
_CAPS_EXTENSION = re.compile(r"^(?:但是?|并且?)?(?:延长的?期限|累计|延长)[^。；]{0,20}(?:不得|不超过|最长|最多)")


def with_extension(best: Clause, context: str) -> str:
    """A time limit quoted with the extension the next clause allows, so 「60日内办结」 is not read as the end."""
    sentences = clauses_of(best.hit.text)
    if best.index >= len(sentences) or sentences[best.index] != best.text:
        return context
    # 「…六十日内作出决定；但是…除外。情况复杂…可以适当延长…；但是延长期限最多不得超过三十日。」
    after = sentences[best.index + 1:best.index + 4]
    at = next((i for i, s in enumerate(after[:2]) if _EXTENDS.match(s)), None)
    if at is None or after[at] in context:
        return context
    end = at + 2 if at + 1 < len(after) and _CAPS_EXTENSION.match(after[at + 1]) else at + 1
    return context.rstrip("；;。") + "；" + "".join(after[:end])


# A sentence that makes an exception to the rule before it: 「但六十周岁以上的，…」「但是，…除外。」
_PROVISO = re.compile(r"^但(?:是|书)?[，,]?(?=[\u4e00-\u9fa5“])")


def with_proviso(best: Clause, context: str) -> str:
    """A rule quoted with the 但 sentence after it in the same paragraph, which makes its exception: 「…自定残之日起按
    二十年计算。」 and 「但六十周岁以上的，年龄每增加一岁减少一年；七十五周岁以上的，按五年计算。」."""
    units = clauses_of(best.hit.text)
    if best.index >= len(units) or units[best.index] != best.text:
        return context
    after = _sentence_end(units, best.index) + 1
    line = next((line for line in best.hit.text.split("\n") if best.text in line), "")
    if after >= len(units) or not _PROVISO.match(units[after]) or units[after] in context or units[after] not in line:
        return context
    return context + "".join(units[after:_sentence_end(units, after) + 1])


# A clause that is only a note in brackets: who is responsible, where it applies.
NOTE_ONLY = re.compile(r"[（(][^（）()]{2,80}[)）]")


def focus(sentences: list[str], anchor: str, room: int = 8) -> list[str]:
    """The part of a long section that is about the best clause: its 一是/二是 point, else a window from it.

    A section of many sentences covers several topics; a summary of one of them reads that topic's point.
    Example: focus(["甲。", "一是A。", "a1。", "a2。", "二是B。", "b1。", "三是C。"], "二是B。", room=3) == ["二是B。", "b1。"]
    """
    if len(sentences) <= room:
        return sentences
    at = next((i for i, s in enumerate(sentences) if anchor and (anchor in s or s in anchor)), None)
    if at is None or at == 0:
        return sentences
    points = [i for i, s in enumerate(sentences) if POINT.match(s)]
    start = max((i for i in points if i <= at), default=None)
    if start is None:
        return sentences[max(0, at - 1):]
    end = min((i for i in points if i > start), default=len(sentences))
    return sentences[start:end]


POINT = re.compile(r"^[一二三四五六七八九十]是")



_CASES_ROOM = 600


def with_lead_in(best: Clause, context: str) -> str:
    """A case item quoted after the line that introduces its list: 「（二）不满十六周岁的未成年人」 says nothing
    without 「…同时具有下列情形之一的人员，…必须在…四小时以内盘问完毕…：」."""
    intro = lead_in(best) if CASE_LINE.match(best.text) else None
    return f"{intro}……{context}" if intro else context


def lead_in(best: Clause) -> str | None:
    """The line that introduces the list a case item (（二）…) belongs to, in the item's chunk: 「…同时具有下列
    情形之一的人员，可以适用继续盘问，但必须在…四小时以内盘问完毕…：」."""
    return lead_line(best.hit.text, best.text)


def with_listed_cases(best: Clause, context: str) -> str:
    """The clause that introduces a list with every item under it in its chunk: (一)…, (二)…, as far as they go."""
    lines = best.hit.text.split("\n")
    at = next((i for i, line in enumerate(lines) if LISTS_CASES.search(line) and line.strip() in best.text + context
               or best.text.startswith(line.strip()) and LISTS_CASES.search(line)), None)
    if at is None:
        return context
    out = lines[at].strip()
    for line in lines[at + 1:]:
        if not CASE_LINE.match(line.strip()) or len(out) + len(line) > _CASES_ROOM:
            break
        out += line.strip()
    return out if len(out) > len(context) else context


# A paragraph that applies another paragraph of its article: 「…的，适用第一款的规定定罪处罚」「依照前款规定…」.
_APPLIES_PARAGRAPH = re.compile(r"(?:适用|依照|按照|参照)(?:本条)?(前款|第([一二三四五六七八九十])款)(?:的)?规定")
# A paragraph that goes on from the one before it: 「对依照前款规定不适用强制隔离戒毒的…，依照本法规定进行社区戒毒」.
_FOLLOWS_PARAGRAPH = re.compile(r"^(?:对)?(?:依照|按照|有|因)?前款(?:规定)?")


def _paragraphs(best: Clause) -> list[tuple[int, str]]:
    """The 款 of the best clause's article in its chunk, numbered as its citations number them (ingest.citation:
    items joined to the paragraph that lists them); [] when the chunk is no article's text."""
    first = int(best.hit.metadata.get("kuan_first") or 0)
    if not first:
        return []
    out: dict[int, str] = {}
    for kuan, _item, line in article_clauses(best.hit.text, (first, str(best.hit.metadata.get("item_first") or "") or None)):
        out[kuan] = out.get(kuan, "") + line.strip()
    return list(out.items())


def with_referred_paragraph(best: Clause, context: str) -> str:
    """A paragraph quoted with the paragraph of its article it applies (「适用第一款的规定定罪处罚」 says which crime
    only with 第一款), with the next paragraph when that one goes on from it (「对依照前款规定不适用…的，…」), or with
    a later paragraph that says what a term it uses means (「…从指定的口岸通行」, then 「指定的口岸：…」)."""
    paragraphs = _paragraphs(best)
    own = next((k for k, text in paragraphs if best.text in text), None)
    if own is None:
        return context
    text_of = dict(paragraphs)
    if (m := _APPLIES_PARAGRAPH.search(text_of[own])) is not None:
        number = own - 1 if m.group(1) == "前款" else cn_to_int(m.group(2))
        applied = text_of.get(number, "") if number != own else ""
        if applied and applied not in context:
            return f"{applied}……{context}"
    after = text_of.get(own + 1, "")
    if after and _FOLLOWS_PARAGRAPH.match(after) and after not in context:
        return f"{context}……{after}"
    for k, text in paragraphs:  # 「…从指定的口岸通行」 and, further down, 「指定的口岸：往香港是深圳，…」
        if k > own and (term := _DEFINES_TERM.match(text)) and term.group(1) in context and text not in context:
            return f"{context}……{text}"
    return context


# A paragraph that says what a term of its article means: 「指定的口岸：往香港是深圳，往澳门是拱北。」
# 「前款所称重大事项，是指…」.
_DEFINES_TERM = re.compile(r"^(?:前款|本条)?(?:所称|所说的?)?[“\"]?([\u4e00-\u9fa5]{3,12}?)[”\"]?(?:[：:](?!$)|[，,]?是指)")


# 「逾期不予答复的视为同意」: past a time limit set earlier for the act named after it (不予答复, 未缴纳, 不改正).
_PAST_DUE = re.compile(r"逾期(?:仍|还)?(?:不予?|未|没有)([\u4e00-\u9fa5]{2})")
_SPAN_SET = re.compile(r"[\d一二两三四五六七八九十百]+个?(?:工作)?(?:日|天|个月|月|年|小时)(?:内|以内|之内)")


def with_time_limit(best: Clause, context: str) -> str:
    """A clause that says what follows when a time limit passes (「逾期不予答复的视为同意」) quoted with the earlier
    sentence of its article that sets that limit for the same act (「所在单位应当在收到申请之日起三十日内予以答复」)."""
    m = _PAST_DUE.search(best.text)
    if m is None or _SPAN_SET.search(best.text):
        return context
    act = m.group(1)
    pieces = re.split(r"(?<=[。；])", best.hit.text.replace("\n", ""))
    setting = [s for s in pieces[:_position(pieces, best.text)] if act in s and _SPAN_SET.search(s)]
    if not setting or setting[-1] in context:
        return context
    return f"{setting[-1]}……{context}"


def _position(pieces: list[str], text: str) -> int:
    """Index of the piece that holds text (its length when none does)."""
    return next((i for i, p in enumerate(pieces) if text[:20] in p), len(pieces))
