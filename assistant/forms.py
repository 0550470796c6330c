"""Answer forms: each turns chosen clauses into a cited answer that starts with the short direct answer.

Every fact shown is document text, quoted and cited; composing only chooses, orders and trims clauses
and adds connective words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant.evidence import NUMBER_RE, PUNISHES, TIME_RE, Clause
from assistant.types import Citation
from ingest.header import normalize_ling
from ingest.textutil import int_to_cn, split_sentences
from prompts import load_prompt
from vectorstore.scope import in_order
from vectorstore.store import StoredChunk
from vectorstore.types import Hit

Source = Hit | StoredChunk


@dataclass(frozen=True)
class Draft:
    """An answer before timing and history are attached."""

    text: str
    refused: bool
    citations: tuple[Citation, ...]


def label(src: Source) -> str:
    """《title》（文号）section of a hit or stored chunk."""
    return f"{doc_label(src)}{cite_path(src, '')}"


def doc_label(src: Source) -> str:
    """《title》（文号）, without the section; a title within the title is written 〈…〉 inside 《…》."""
    m = src.metadata
    num = f"（{m.get('doc_number')}）" if m.get("doc_number") else ""
    title = str(m.get("title", "")).replace("《", "〈").replace("》", "〉")
    return f"《{title}》{num}"


def named_doc_label(src: Source) -> str:
    """The document label with its region (or issuer) in front when the title does not say it.

    Example: 《当前政府信息公开重点工作安排》 of 成都市 -> "成都市《当前政府信息公开重点工作安排》（成办发〔2013〕56号）"
    """
    m = src.metadata
    title = str(m.get("title", ""))
    who = str(m.get("region") or m.get("issuer") or "")
    year = str(m.get("year") or "")
    prefix = "" if (not who or who.rstrip("市区县省") in title) else who
    if prefix and year and year not in title:
        prefix = f"{prefix}{year}年"
    return prefix + doc_label(src)


def cite_path(src: Source, quote: str) -> str:
    """The section path a citation of quote should name (an article narrowed to its 款/项 when known)."""
    m = src.metadata
    path = str(m.get("section", ""))
    refine = _clause_path()
    if refine is None or not quote or m.get("kind") != "article":
        return path
    if len(re.sub(r"\s", "", quote)) >= 0.9 * len(re.sub(r"\s", "", src.text)):
        return path  # the whole article is quoted: cite the article
    return refine(path, src.text, quote, int(m.get("kuan_first") or 1), str(m.get("item_first") or ""),
                  int(m.get("kuan_count") or 0))


def _clause_path() -> Callable[[str, str, str, int, str, int], str] | None:
    """ingest.citation.clause_path_of_text when the parser provides it (article-level documents)."""
    import importlib

    try:
        citation = importlib.import_module("ingest.citation")
    except ImportError:
        return None
    return getattr(citation, "clause_path_of_text", None)


def cite(marker: int, src: Source, quote: str) -> Citation:
    """A Citation of quote from a hit or stored chunk."""
    m = src.metadata
    return Citation(marker=marker, doc_id=str(m.get("doc_id", "")), doc_title=str(m.get("title", "")),
                    doc_number=str(m.get("doc_number") or "") or None, section=cite_path(src, quote),
                    quote=quote, heading=str(m.get("heading", "")), chunk_id=src.chunk_id, section_text=src.text)


def recited(draft: Draft, sources: Sequence[Hit]) -> Draft:
    """A draft written from trimmed hits (the sentences already said taken out) cited against the hits as stored,
    so a quote of an article's second 款 is not cited as its first."""
    by_id = {h.chunk_id: h for h in sources}
    return replace(draft, citations=tuple(
        replace(c, section=cite_path(by_id[c.chunk_id], c.quote), section_text=by_id[c.chunk_id].text)
        if c.chunk_id in by_id else c for c in draft.citations))


def refuse(reason: str = "", near: Sequence[Clause] = ()) -> Draft:
    """The fixed refusal sentence, why, and the nearest clauses so the user can check for themselves."""
    text = load_prompt("refusal") + reason
    shown: list[str] = []
    for c in near:
        line = f"{label(c.hit)}：{short(c.text, 60)}"
        if line not in shown:
            shown.append(line)
        if len(shown) == 2:
            break
    if shown:
        text += "\n最接近的条款（仅供核对，不构成答案）：\n" + "\n".join(f"- {s}" for s in shown)
    return Draft(text=text, refused=True, citations=())


def short(text: str, limit: int = 40) -> str:
    """The first sentence of text, cut to limit characters.

    Example: short("推进决策公开。严格落实…") == "推进决策公开"
    """
    first = text.split("。")[0]
    return first if len(first) <= limit else first[:limit] + "…"


def fragment(clause: str, rx: re.Pattern[str], prefer: str = "") -> str | None:
    """The comma-delimited part of a clause that states what rx finds (preferring one containing prefer).

    Example: fragment("各单位要严格按照国家要求,将政务公开纳入绩效考核范围,且分值不低于4分。", NUMBER_RE) == "且分值不低于4分"
    """
    parts = [p.strip() for p in re.split(r"[，,；;。：:]", clause) if p.strip()]
    found = [p for p in parts if rx.search(p)]
    # a part ending in 的 is the case a figure applies to (「货值金额不足1万元的，并处10万元罚款」), not the figure
    found = [p for p in found if not p.endswith("的")] or found
    if prefer:
        best = [p for p in found if prefer in p]
        found = best or found
    return found[0] if found else None


class Numbered:
    """Collects citations, one marker per distinct (chunk, quote source) so a section cited twice keeps its number."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._by_chunk: dict[str, int] = {}

    def mark(self, src: Source, quote: str) -> str:
        """The [n] marker for quote from src, adding a citation when the chunk is new."""
        key = src.chunk_id + "|" + cite_path(src, quote)
        if key in self._by_chunk:
            n = self._by_chunk[key]
            old = self.citations[n - 1]
            if quote not in old.quote:
                self.citations[n - 1] = Citation(**{**old.__dict__, "quote": old.quote + quote})
            return f"[{n}]"
        n = len(self.citations) + 1
        self._by_chunk[key] = n
        self.citations.append(cite(n, src, quote))
        return f"[{n}]"


# ---- forms -----------------------------------------------------------------------------------

def fact(best: Clause, intent: str, unit: tuple[str, str] = ("", ""), context: str = "",
         first_leads: bool = False) -> Draft:
    """A figure, a time, a body or a plain fact: the short answer, then the clause it comes from; context: the
    clause with the rest of its paragraph, quoted in its place (the short answer is still the clause's);
    first_leads: the document says the first body of a 「（…负责）」 note leads (列第一位者为牵头单位)."""
    hit, clause = best.hit, best.text
    direct = None
    if intent == "quantity":
        direct = fragment(clause, NUMBER_RE, unit[0])
    elif intent == "deadline":
        deadline = str(hit.metadata.get("deadline") or "")
        direct = f"完成时限：{deadline}" if deadline else fragment(clause, TIME_RE)
    elif intent == "lead":
        lead = str(hit.metadata.get("lead") or "")
        note = duty_note(hit.text)
        if lead:
            direct = f"牵头单位：{lead}"
            if duty := _responsible(hit.text, lead):  # 「谁牵头？具体落实的是哪些单位？」: the same note says
                direct += f"；责任单位：{duty}"
        elif note and first_leads:
            direct = f"牵头单位：{note.bodies[0]}（文件写明列第一位者为牵头单位）；负责单位：{'、'.join(note.bodies)}"
        elif note:
            direct = f"该项未写明牵头单位，由{'、'.join(note.bodies)}负责"
        if note and not lead and note.text not in (context or clause):
            clause = note.text  # the item's own 「（…负责）」 note is what says who
            context = ""
    quote = context or clause
    if intent == "lead" and hit.metadata.get("lead") and "牵头" not in clause:
        quote = _note_with(hit.text, str(hit.metadata.get("lead"))) or clause
    head = f"{direct}。\n" if direct and direct not in quote[: len(direct) + 2] else ""
    return Draft(text=f"{head}根据{label(hit)}：{quote}[1]", refused=False, citations=(cite(1, hit, quote),))


# The bodies a 牵头 note says carry the task out: 「(牵头单位:市政府政务中心;责任单位:各区(市)县政府、…)」.
_RESPONSIBLE = re.compile(r"责任(?:单位|部门)\s*[:：]\s*((?:[^；;（()）]|[（(][^（()）]{1,4}[)）])+)")


@dataclass(frozen=True)
class DutyNote:
    """An item's closing note on who carries it out: 「（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）」."""

    text: str
    bodies: tuple[str, ...]


_DUTY_NOTE = re.compile(r"[（(]([^（）()]{2,120}?)(?:按职责分工|分别|共同)?负责(?:[。；;，,][^（）()]{0,40})?[)）]")
# The convention State Council opinions state once: the first body of each note leads.
FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?(?:第一位|首位)(?:者|的)?(?:部门|单位)?(?:为|是)牵头(?:单位|部门)")


def duty_note(text: str) -> DutyNote | None:
    """The last 「（…负责）」 note of an item and the bodies it names (a 「各省级人民政府」 after a comma is one).

    Example: duty_note("…列支。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）").bodies
    == ("人力资源社会保障部", "财政部")"""
    found = list(_DUTY_NOTE.finditer(text))
    if not found:
        return None
    m = found[-1]
    names = re.sub(r"等(?:有关)?(?:部门|单位)(?:和单位)?$", "", m.group(1).strip())
    bodies = tuple(b for b in re.split(r"[、，,；;]", names) if len(b) >= 2)
    return DutyNote(text=m.group(0), bodies=bodies) if bodies else None


def _responsible(text: str, lead: str) -> str | None:
    """The 责任单位 of the note that names the lead unit, when it names them.

    Example: _responsible("…。(牵头单位:市政府政务中心;责任单位:各区(市)县政府、市政府各部门)", "市政府政务中心")
    == "各区(市)县政府、市政府各部门"
    """
    at = text.find(lead[:6])
    m = _RESPONSIBLE.search(text, at) if at >= 0 else None
    return m.group(1).strip() if m and m.start() - at <= len(lead) + 4 else None


def _note_with(text: str, lead: str) -> str | None:
    """The parenthetical note that names the lead unit (（…牵头，…负责）)."""
    m = re.search(r"[（(][^（）()]*" + re.escape(lead[:6]) + r"[^（）()]*[)）]", text)
    return m.group(0) if m else None


def items(intro: str, rows: Sequence[tuple[Source, str, str]]) -> Draft:
    """A list: intro, then one line per (source, prefix, clause), each cited."""
    marks = Numbered()
    lines = [intro]
    for src, prefix, text in rows:
        lines.append(f"- {prefix}{text}{marks.mark(src, text)}")
    return Draft(text="\n".join(lines), refused=False, citations=tuple(marks.citations))


_NEGATIVE = re.compile(r"禁止|严禁|不得|不准|不允许|不予|不设|无需|不需要|不应|不适用|不作为犯罪|不构成犯罪|不认为是犯罪")


# What a clause leaves out (「进口少量药品（不含疫苗）」「判决书、裁定书、调解书除外」).
_EXCLUDED = re.compile(r"(?:不含|不包括|不包含|除)([^，,。；;、（）()]{2,12})|([^，,。；;（）()]{2,12})除外")
# 「是市政府办公厅自己起草的吗」: who did it, asked as yes or no; the verbs that say who drafted a text.
_ASKED_AGENT = re.compile(r"是(?:由)?([\u4e00-\u9fa5]{2,12}?(?:办公厅|办公室|办|委员会|委|局|厅|部|院|政府|中心|会))"
                          r"(?:自己|自行|亲自|单独)?(起草|制订|制定|拟定|编制|印发|发布|出台)的?吗")
_DRAFTING = ("起草", "制订", "制定", "拟定", "编制")
_BODY_BEFORE = re.compile(r"([\u4e00-\u9fa5]{2,12}?(?:办公厅|办公室|办|委员会|委|局|厅|部|院|政府|中心|会))(?=起草|制订|制定|拟定|编制)")


def excludes_asked(text: str, question: str) -> bool:
    """Whether the clause leaves out something the question names (「疫苗也能进口吗」 against 「（不含疫苗）」).

    Example: excludes_asked("进口少量药品（不含疫苗）的申请", "疫苗也能走这个渠道进口吗") is True"""
    for m in _EXCLUDED.finditer(text):
        left = m.group(1) or m.group(2)
        rest = text[:m.start()] + text[m.end():]
        # what sets the left-out thing apart (二手 of 「二手设备」 beside 「进口设备」), not the kind it shares
        if any(left[i:i + 2] in question and left[i:i + 2] not in rest for i in range(len(left) - 1)):
            return True
    return False


def other_agent(text: str, question: str) -> str | None:
    """The body the clause says drafted the text when the question asks whether another one did.

    Example: other_agent("市政务公开办制订的《要点》已经市政府同意", "是市政府办公厅自己起草的吗")
    == "市政务公开办"
    """
    m = _ASKED_AGENT.search(question)
    if not m or m.group(2) not in _DRAFTING:
        return None
    asked = m.group(1)
    bodies = [b for b in _BODY_BEFORE.findall(text) if asked not in b and b not in asked]
    return bodies[0] if bodies and asked not in text else None


# 「是不是市住建委牵头」: a body asked as the one that leads; the lead a section's tag names (「（牵头单位:市房管局；…）」).
_LEAD_ASKED = re.compile(r"(?:是不是|是否|是)由?([\u4e00-\u9fa5]{2,12}?)来?(?:牵头|负责)")
_LEAD_STATED = re.compile(r"牵头(?:单位|部门)[:：]\s*([^;；)）\n]+)")


def other_lead(text: str, question: str) -> str | None:
    """The lead a section's tag names when the question asks whether another body leads it.

    Example: other_lead("推进保障性住房信息公开。…(牵头单位:市房管局;责任单位:…)", "是不是市住建委牵头？") == "市房管局"
    """
    asked, stated = _LEAD_ASKED.search(question), _LEAD_STATED.search(text)
    if asked is None or stated is None:
        return None
    lead = stated.group(1).strip()
    return None if in_order(asked.group(1), lead) else lead


# Whether something is lawful, asked; what a text says of an unlawful act.
_ASKS_LAWFUL = re.compile(r"合法(?:吗|么|不|的吗)|是否合法|合不合法|算合法")
_UNLAWFUL = re.compile(r"非法|违法|违反规定|违反本")
# A lead-in that forbids every item under it: 「公园内禁止下列行为：」「不得有下列行为：」.
_BANS_LISTED = re.compile(r"(?:禁止|不得|严禁)[\u4e00-\u9fa5]{0,6}?(?:以下|下列)|(?:以下|下列)[^。：:]{0,8}(?:禁止|不得|严禁)")
# Whether the text sets a rule at all: 「有要求吗」「有没有规定」「有什么限制没有」.
_ASKS_RULE = re.compile(r"有(?:没有|无|没)?[^，,。？?]{0,4}?(?:要求|规定|限制|讲究)(?:吗|么|没有|没|[？?]|$)")


# Money used for another purpose, asked about, and a clause binding it to its own.
_ASKS_DIVERTED = re.compile(r"挪作他用|挪用|挪到|挪去|用到别[的处]|用在别[的处]|拿去(?:干|做|用|买)|另作他用")
_BOUND_TO_PURPOSE = re.compile(r"专款专用|专项使用|专门用于|只能用于|只得用于|专用于")


# Doing something on one's own, asked about (「能不能自己决定」「可以自行…吗」), and a clause that makes it wait for
# another's approval or consent (「必须征得…同意」「应当报…批准」「须经…批准」).
_ASKS_ON_OWN = re.compile(r"自己(?:决定|做主|定|说了算|拍板|来定)|自行|自主决定|擅自|私自|直接(?:决定|拍板)")
_NEEDS_CONSENT = re.compile(r"(?:必须|应当|须|需|需要)(?:先)?(?:征得|取得|经|经过|报(?:请|经)?)[^。；]{1,30}?(?:同意|批准|许可|核准)")


def yes_no(best: Clause, question: str, context: str = "", sure: bool = True) -> Draft:
    """「是」/「有」 (or 「否」 when the clause forbids or rules out what is asked, or names another body as the one
    that did it) and the clause that says so; context: the clause with the rest of its paragraph, quoted in its
    place (its polarity is the clause's); sure=False: the clause is near the question but says little of its
    words, so it is shown without a verdict for the reader to judge."""
    if not sure:
        word = "文件没有直接说明是或否，最相关的规定如下"
    elif (agent := other_agent(best.text, question)) is not None:
        word = f"不是，是{agent}"
    elif (leads := other_lead(best.hit.text, question)) is not None:
        word = f"不是，牵头单位是{leads}"
    elif _ASKS_RULE.search(question):
        word = "有"  # 「对狗绳长度有要求吗」: a limit (「不得超过两米」) is a requirement, not a 否
    elif re.search(r"是否已?废止|废止了(?:吗|没)", question) and "废止" in (context or best.text):
        word = "已废止"  # 「原来那个旧办法还有效吗」: the text that says 「…同时废止」
    elif _NEGATIVE.search(best.text) or excludes_asked(best.text, question) or \
            (context and "……" in context and _BANS_LISTED.search(context.split("……")[0])) or \
            _ASKS_DIVERTED.search(question) and _BOUND_TO_PURPOSE.search(best.text):
        # (「经费能不能挪作他用」 of 「经费应当专款专用」: money bound to its purpose may not be used for another)
        word = "否（文件规定如下）"  # an item under 「公园内禁止下列行为：」 is forbidden, however it is worded
    elif _ASKS_ON_OWN.search(question) and _NEEDS_CONSENT.search(context or best.text):
        word = "否，须经批准或同意（文件规定如下）"  # 「能不能自己决定加大放水」 of 「…必须征得…同意」
    elif _ASKS_LAWFUL.search(question) and (_UNLAWFUL.search(best.text) or PUNISHES.search(context or best.text)):
        word = "否（文件规定如下）"  # 「他这么做合法吗」 of an act the text calls 非法 or punishes is no 是
    else:
        word = "有" if re.search(r"有没有|有无|有没", question) else "是"
    quote = context or best.text
    return Draft(text=f"{word}。根据{label(best.hit)}：{quote}[1]", refused=False,
                 citations=(cite(1, best.hit, quote),))


def doc_fact(intent: str, first: StoredChunk, head_chunks: Sequence[StoredChunk], question: str = "") -> Draft:
    """Facts about the document itself: 文号, 发文机关, dates, title, who drafted it, what it implements."""
    m = first.metadata
    name = f"《{m.get('title')}》"
    quote = split_sentences(first.text)[0] if first.text else ""
    if intent in _HEAD_PATTERNS:
        return _from_head(intent, name, head_chunks, question)
    if intent == "doc_number" and (step := _ling_of_year(head_chunks, question)) is not None:
        chunk, line, number = step  # "2025年修订…的国务院令是第几号": the 令 of that year's step, not the latest
        if not number:  # 「2003年那次修订用的是国务院令第几号」 where that year's line names a 决定, no 令
            return refuse(f"{name}{line[:4]}年的这一步没有写明令号：{line}")
        return Draft(text=f"{name}{line[:4]}年的令号是{number}。\n根据{doc_label(chunk)}：{line}[1]", refused=False,
                     citations=(cite(1, chunk, line),))
    if intent in _PLAIN_FACTS:
        key, say, missing = _PLAIN_FACTS[intent]
        if not m.get(key):
            return refuse(f"{name}{missing}。")
        text = f"{name}{say}{m[key]}。"
    elif intent == "issuer":
        if not m.get("issuer"):
            return refuse(f"{name}文件中未载明发文机关。文件开头写明：{quote}")
        text = f"{name}的发文机关是{m['issuer']}。"
    elif intent == "date":
        parts = [f"{word}为{cn_date(str(m[key]))}" for key, word in _DATES if m.get(key)]
        if not parts:
            return refuse(f"{name}文件中未载明成文或印发日期。")
        text = f"{name}的" + "，".join(parts) + "。"
        if said := _DATE_SAID.search(question):  # 「是3月5日印发的吗」: whether the date it names is one of them
            # the date of the step it names (印发 -> 印发日期), else any of them
            keys = [k for verb, k in _DATE_OF_VERB if verb in question and m.get(k)] or [k for k, _w in _DATES]
            named = [cn_date(str(m[k])) for k in keys if m.get(k)]
            hit = any(d.endswith(said.group(2)) and d.startswith(said.group(1) or "") for d in named)
            text = ("是。" if hit else "不是。") + text
    else:
        bits = [f"{m.get('doc_number') or '该文件'}是{name}"]
        if m.get("notice_title"):
            bits.append(f"（随《{m['notice_title']}》印发）")
        if m.get("issuer"):
            bits.append(f"，发文机关为{m['issuer']}")
        if m.get("date"):
            bits.append(f"，成文日期{cn_date(str(m['date']))}")
        text = "".join(bits) + "。"
    return Draft(text=text + "[1]", refused=False, citations=(cite(1, first, quote),))


# Facts read from one metadata field: (field, how to say it, what to say when the document does not state it).
_PLAIN_FACTS = {
    "copied": ("copied_to", "抄送：", "未载明抄送单位"),
    "signer": ("signer", "的签署人是", "未载明签署人"),
    "recipients": ("recipients", "的主送单位是：", "未载明主送单位"),
    "doc_number": ("doc_number", "的文号是", "文件中未载明文号"),
}


def _ling_of_year(head_chunks: Sequence[StoredChunk], question: str) -> tuple[StoredChunk, str, str] | None:
    """The header line of the year the question names that carries a 令 number (公布 or 修订), if any; a line of
    that year that records a step (修订, 修正, 公布) with no number gives an empty number."""
    years = re.findall(r"(\d{4})年", question)
    unnumbered = None
    for chunk in head_chunks if years else ():
        for line in chunk.text.split("\n"):
            line = line.strip().rstrip("）)")
            if line[:4] in years and (number := normalize_ling(line)):
                return chunk, line, number
            if line[:4] in years and unnumbered is None and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日.{2,120}?(?:修订|修正|修改|公布|发布)", line):
                unnumbered = (chunk, line, "")
    return unnumbered


# A date a yes/no question names: 「是2019年3月5日印发的吗」 -> ("2019年", "3月5日").
_DATE_SAID = re.compile(r"(?=.*(?:吗|么|是不是|是否))[^。]*?(\d{4}年)?(\d{1,2}月\d{1,2}日)")
_DATE_OF_VERB = (("成文", "date"), ("签发", "date"), ("印发", "print_date"), ("发布", "publish_date"), ("公布", "publish_date"),
                 ("施行", "effective_date"), ("生效", "effective_date"))
_DATES = (("date", "成文日期"), ("print_date", "印发日期"), ("publish_date", "发布日期"), ("effective_date", "施行日期"))


# Facts stated in a document's covering notice or preamble: what to look for, how to say it, what is missing.
_HEAD_PATTERNS = {
    # 「X会同A、B等有关部门拟定的《…》」 names X and those it worked with; 「民政部《关于…的意见》已经国务院同意，
    # 现转发给你们」 names the body whose document is forwarded
    "drafter": (re.compile(r"((?<![\u4e00-\u9fa5])[\u4e00-\u9fa5]{2,16}?会同[\u4e00-\u9fa5、]{2,200}?|[\u4e00-\u9fa5]{2,16}?)"
                           r"(?:制订|制定|起草|拟订|拟定)的|"
                           r"((?<![\u4e00-\u9fa5])[\u4e00-\u9fa5]{2,16}?)(?=《[^》]{2,60}》已(?:经|由)?[^，。]{0,10}(?:同意|批准))"),
                "由{}制订", "制订单位"),
    # what it implements, or for a reply (批复, 复函) the request it answers: 「你部《关于…的请示》（教职成〔2018〕8号）收悉」
    "basis": (re.compile(r"(?:根据|依据|按照|依照|贯彻落实|落实|依|为了?(?:实施|贯彻|执行))"
                         r"(《[^》]{2,60}》(?:[、和及]?《[^》]{2,60}》)*(?:[（(][^（）()]{2,20}号[)）])?)|"
                         r"(《[^》]{2,60}(?:请示|报告|函)》(?:[（(][^（）()]{2,20}号[)）])?)(?:已?收悉)|"
                         # unbracketed: 「关于…迁址新建的请示（〔1996〕武司字第82号）收悉」「你们提出的关于…的建议收悉」
                         r"([^。；：:《》]{4,80}?(?:请示|报告|来函|建议|提案)(?:[（(][^（）()]{2,24}号[)）])?)(?:已?收悉)"), "依据{}等",
              "所依据的文件"),
    # the first version of a text that has been revised: the first step of its 题注 or promulgation lines
    "origin": (re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)\s*((?:中华人民共和国)?[\u4e00-\u9fa5]{1,20}?令第[\d一二三四五六七八九十百零〇]+号"
                          r"|[\u4e00-\u9fa5\d]{2,40}?会议|[\u4e00-\u9fa5、]{2,30}?)?\s*(发布|公布|颁布|通过)"), "最早于{}",
               "最初发布的时间"),  # 「1983年1月3日 国务院发布」: a body that issued it is part of the step
    "approval": (re.compile(r"(?:经|已经)?((?:\d{4}年\d{1,2}月\d{1,2}日)?\s*[\u4e00-\u9fa5\d]{0,30}?第?[\u4e00-\u9fa5\d]{1,12}次?"
                            r"(?:会议|常务会|室务会议|务会议))(?:《[^》]{2,80}》|关于[^，。；]{2,80}?的决定)?(?:审议)?((?:第[一二三四五六七八九十]{1,2}次)?"
                            r"(?:通过|同意|研究|修订|修正|批准))"), "经{}",
                 "审议通过的会议"),
    # each amendment its header lists: 「2022年3月24日 《…关于修改和废止有关规章的决定》修改」
    "amended": (re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)\s*(?:根据)?\s*([\u4e00-\u9fa5\d]{2,40}?会议)?\s*(《[^》]{2,80}》)?\s*"
                           r"(?:第[一二三四五六七八九十]{1,2}次)?(修改|修订|修正)"), "{}", "修改情况"),
}


def _from_head(intent: str, name: str, head_chunks: Sequence[StoredChunk], question: str = "") -> Draft:
    """Who drafted the document, what it implements, which meeting passed it: from its notice and preamble.

    Several meetings (通过, 修正, 修订): the one in the year the question names, else the latest.
    """
    rx, say, missing = _HEAD_PATTERNS[intent]
    found: list[tuple[StoredChunk, str, str]] = []
    for chunk in head_chunks:
        for line in chunk.text.split("\n"):
            for sentence in split_sentences(line):
                found += [(chunk, sentence, "".join(g for g in m.groups() if g)) for m in rx.finditer(sentence)]
    if not found:
        return refuse(f"{name}的开头和通知中没有写明{missing}。")
    if intent == "amended" or intent == "approval" and _EVERY_STEP.search(question) and len(found) >= 2:
        return _every_step(intent, name, found, question)
    years = re.findall(r"\d{4}", question)
    if intent == "approval":  # a local law is adopted (通过) by the city and approved (批准) by the province
        verbs = [v for _at, v in sorted((question.find(v), v) for v in ("通过", "批准") if v in question)]
        amended = re.search(r"修正|修订|修改", question)
        if verbs == ["通过"] and amended and question.find("通过") < amended.start():
            # 「哪天通过的？后来又在哪天修正过？」: the adoption, then the latest amendment
            drafts = [_from_head(intent, name, head_chunks, question[:amended.start()]),
                      _from_head(intent, name, head_chunks, question[amended.start():].replace("通过", ""))]
            if all(not d.refused for d in drafts) and drafts[0].text != drafts[1].text:
                return _joined(drafts)
        if len(verbs) == 2:  # "由哪个机关通过、又由哪个机关批准": each step, in the order asked
            drafts = [_from_head(intent, name, head_chunks, re.sub(r"\d{4}", "", question).replace(other, ""))
                      for verb, other in zip(verbs, reversed(verbs), strict=True)]
            return _joined(drafts) if all(not d.refused for d in drafts) else drafts[0]
        amendments = [f for f in found if re.search(r"修正|修订", f[2])]  # a meeting's 《决定》修正: adopted there
        if re.search(r"修正|修订|修改", question) and amendments and (not verbs or verbs[0] == "通过"):
            found = amendments  # "最近一次修正是哪天通过的": the amendments, the latest last
        elif verbs:
            found = [f for f in found if f[2].endswith(verbs[0])] or found
    pick = next((f for f in found if any(y in f[2] for y in years)), found[-1] if intent == "approval" else found[0])
    chunk, sentence, what = pick
    if intent == "basis" and re.search(r"(?:请示|报告|函)》|(?:请示|报告|来函|建议|提案)(?:[（(][^（）()]+[)）])?$", what) \
            and "收悉" in sentence:
        say = "答复的是{}"  # a reply names the request it answers, not a basis
    forwarded = _forwarded(what, sentence) if intent == "drafter" and "转发" in question else None
    what, say = (forwarded, "转发的是{}") if forwarded else (what, say)
    if intent == "approval":  # 「2008年7月17日 经…部务会议通过」: one 经, before the date
        what = re.sub(r"^(\d{4}年\d{1,2}月\d{1,2}日)\s*经", r"\1", what)
    return Draft(text=f"{name}{say.format(what)}。\n根据{doc_label(chunk)}：{sentence}[1]", refused=False,
                 citations=(cite(1, chunk, sentence),))


# Every step asked at once: 「哪两次会议」「分别在哪几次会上」「先后经过哪些会议」.
_EVERY_STEP = re.compile(r"哪(?:两|几|[二三四])次|几次|两次|分别|先后|哪些会议|各次")


def _every_step(intent: str, name: str, found: Sequence[tuple[StoredChunk, str, str]], question: str) -> Draft:
    """Every amendment, oldest first, the latest said first when asked (「最近一次修订是什么时候」); or every
    meeting that adopted it (「是审委会哪两次会议通过的」)."""
    cites = tuple(cite(i + 1, chunk, sentence) for i, (chunk, sentence, _w) in enumerate(found))
    steps = "；".join(f"{what}[{i + 1}]" for i, (_c, _s, what) in enumerate(found))
    times = "两" if len(found) == 2 else int_to_cn(len(found))
    kind = "有过{}次修改" if intent == "amended" else "先后经过{}次会议"
    text = f"{name}{kind.format(times)}：{steps}。"
    if intent == "amended" and re.search(r"(?:最近|最后|上)一次", question) and \
            (last := re.match(r"\d{4}年\d{1,2}月\d{1,2}日", found[-1][2])):
        text = f"{name}最近一次修改是在{last.group(0)}。" + text[len(name):].replace("有过", "共有过", 1)
    return Draft(text=text, refused=False, citations=cites)


def _forwarded(body: str, sentence: str) -> str | None:
    """The body and title of the document a notice forwards, when the sentence forwards it: 「国家教委《关于…的
    请示》已经国务院批准，现转发给你们」 -> 「国家教委《关于…的请示》」."""
    if "转发" not in sentence:
        return None
    m = re.search(rf"{re.escape(body)}(《[^》]{{2,80}}》)已(?:经|由)?[^，。]{{0,10}}(?:同意|批准)", sentence)
    return body + m.group(1) if m else None


def renumbered(draft: Draft, cites: list[Citation]) -> str:
    """draft's text with its markers numbered on from cites, whose list it extends.

    Example: a draft "甲[1]" after two citations -> "甲[3]", and its citation appended as marker 3
    """
    text = draft.text
    for c in draft.citations:
        new = len(cites) + 1
        text = text.replace(f"[{c.marker}]", f"[#{new}]")
        cites.append(replace(c, marker=new))
    return text.replace("[#", "[")


def _joined(drafts: Sequence[Draft]) -> Draft:
    """Drafts one after another, their citations numbered through."""
    cites: list[Citation] = []
    lines = [renumbered(d, cites) for d in drafts]
    return Draft(text="\n".join(lines), refused=False, citations=tuple(cites))


def effective(name: str, first: StoredChunk, chunks: Sequence[StoredChunk]) -> Draft:
    """When a document takes effect: its 施行日期 and the clause that says so."""
    # 「本条例自…起施行」「本办法自公布之日起施行」, not a task the text says to carry out (「…批准后组织实施。」)
    rx = re.compile(r"[^。；\n]*(?:起施行|起实施|起生效|本(?:条例|办法|规定|法|决定|细则|通知|意见|规则|解释|批复|方案|准则|标准|规范)[^。；\n]{0,30}(?:施行|生效|实施)。)")
    when = str(first.metadata.get("effective_date") or "")
    for chunk in reversed(list(chunks)):
        m = rx.search(chunk.text)
        if m:
            quote = m.group(0).strip()
            # 「…起施行。《…实施办法》同时废止。」: what it replaces is part of the answer
            if repealed := re.match(r"[^。；\n]{0,160}?(?:同时废止|同时停止执行|不再执行)[。；]?", chunk.text[m.end():].lstrip("。 ")):
                quote = f"{quote.rstrip('。')}。{repealed.group(0).rstrip('。；')}。"
            direct = f"{name}自{cn_date(when)}起施行" if when else f"{name}的施行时间见下述原文"
            return Draft(text=f"{direct}。\n根据{label(chunk)}：{quote}[1]", refused=False,
                         citations=(cite(1, chunk, quote),))
    if when:
        return Draft(text=f"{name}自{cn_date(when)}起施行。[1]", refused=False, citations=(cite(1, first, ""),))
    return refuse(f"{name}未写明施行日期。")


def cn_date(iso: str) -> str:
    """2019-03-05 -> 2019年3月5日."""
    y, mo, d = iso.split("-")
    return f"{y}年{int(mo)}月{int(d)}日"
