"""Which documents a question is about: regions, years, 文号 and section references it names."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ingest.metadata import issued_title, normalize_doc_number
from ingest.regions import find_regions, province_of, region_surfaces
from ingest.textutil import cn_to_int

# A year that names a document ("2019年上海市…要点", "2017年的要点"), not a date inside one.
_DOC_YEAR = re.compile(
    r"(\d{4})\s*年?(?:的|度|版)?(?=上海|成都|静安|北京|天津|重庆|广州|深圳|杭州|南京|武汉|本市|全市|全区|"
    r"政务公开|政府信息公开|工作要点|要点|文件|那份|这份|那个|这个|这两份|两份|的文件|印发|发布|出台|[和与及、，,]\s*\d{4}\s*年|"
    r"(?:工作)?(?:安排|通知|意见|方案|规划|计划|办法|条例|规定|决定|报告|细则|预案|规则|要点)(?![了过]))"
)
_SECTION_ITEM = re.compile(r"第?[（(]([一二三四五六七八九十]{1,4})[)）]|第([一二三四五六七八九十]{1,4})项")
_SECTION_PART = re.compile(r"(?<!倒数)第([一二三四五六七八九十]{1,3}|\d{1,2})(?:大?部分|大项|大?块|板块)|(?<![（(第])([一二三四五六七八九十]{1,3})、")
_NUM = r"([一二三四五六七八九十百零〇两]{1,8}|\d{1,3})"
# 「倒数第二条」 counts from the end (assistant.outline reads it), it names no 第二条
_ARTICLE = re.compile(rf"(?<!倒数)第{_NUM}条")
_PARAGRAPH = re.compile(rf"第{_NUM}款")
_CHAPTER = re.compile(rf"(?<!倒数)第{_NUM}章")
# 文号 as a question writes them: 国发〔2019〕5号 / 国办函[2018]71号 / 法释〔2011〕17号, or 令 numbers.
_BRACKET_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,10}[〔\[【（(［]\s*\d{4}\s*[〕\]】）)］]\s*第?\d{1,4}\s*号")
_LING_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,24}?令第[0-9一二三四五六七八九十百零〇]{1,5}号")
# Words that end the question's own words before a document number: 「请问国务院令第711号…」 -> 国务院令第711号.
_BEFORE_NAME = re.compile(r"^.*[问请的和与及看查按据照在是了吗么说对从]")
_ROW = re.compile(r"(?:附件|任务分解表|分解表)\D{0,8}?(?:序号|第)\s*(\d{1,3})\s*(?:项|号|条|行)?|序号\s*(\d{1,3})")

# 「分成几个部分」「分为哪几块」「分成几章？」 ask how the document is divided; 「分成哪几类」 asks a list in it.
DIVIDED_INTO = r"分[为成](?:几|哪几?)(?:个|大)?(?:部分|块|板块|章|编|方面|段|[？?]|$)"


@dataclass(frozen=True)
class DocInfo:
    """The metadata scoping needs about one indexed document."""

    doc_id: str
    title: str
    doc_number: str | None
    region: str | None
    parent_region: str | None
    year: int | None
    date: str | None = None
    source: str = ""
    sections: int = 0
    chunks: int = 0
    issuer: str | None = None


@dataclass(frozen=True)
class Scope:
    """What a question names. Empty fields mean "not restricted"."""

    regions: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    doc_numbers: tuple[str, ...] = ()
    part: int | None = None  # 第四部分 -> 4
    item: int | None = None  # 第（十一）项 -> 11
    article: int | None = None  # 第三十三条 / 第33条 -> 33
    paragraph: int | None = None  # 第二款 -> 2 (within the article)
    chapter: int | None = None  # 第四章 -> 4
    row: int | None = None  # 附件序号5 -> 5
    task: int | None = None  # 「第13条」 of a text whose tasks are numbered 1. 2. … through its parts: 四、（三）13.
    wants_parts: bool = False  # "分为哪几个部分": the top-level parts are the answer
    wants_doc_facts: bool = False  # 文号 / 发文机关 / 日期: the document's header is the answer
    doc_ids: tuple[str, ...] | None = None  # documents matching regions/years/文号; None = all
    missing: tuple[str, ...] = field(default=())  # named things no indexed document matches

    @property
    def section_ref(self) -> bool:
        """True when the question points at a specific part, item, article, chapter or appendix row."""
        return any(v is not None for v in (self.part, self.item, self.row, self.article, self.chapter, self.task))


def doc_years(question: str) -> list[int]:
    """Years the question uses to name a document.

    Example: doc_years("2019年上海市政务公开工作要点…") == [2019]; doc_years("争取到2014年实现…") == []
    """
    return sorted({int(y) for y in _DOC_YEAR.findall(question)})


def placed_years(question: str) -> list[int]:
    """Years written right after a place, as people name a plan by place and year ("上海2013年…").

    Weaker evidence than doc_years (it may be a date inside the plan), so it narrows only to documents
    that exist. Example: placed_years("上海2013年公益慈善信息公开…") == [2013]
    """
    found = set()
    for surface in region_surfaces(question):
        found |= {int(y) for y in re.findall(rf"{re.escape(surface)}\s*(\d{{4}})\s*年", question)}
    return sorted(found)


def _region_match(doc: DocInfo, region: str) -> bool:
    """The document is of the region, or of a place inside it, or names the place in its title
    (《广州市社会急救医疗管理条例》 is Guangzhou's even when the province approved it; a national text about
    one place, 《国务院关于在海南博鳌…的决定》, is the one a question about 海南 means)."""
    base = _region_base(region)
    return doc.region == region or doc.parent_region == region or (len(base) >= 2 and base in doc.title)


# A text that amends a law item by item: 刑法修正案（九）, 关于修改《…》的决定.
AMENDMENT = re.compile(r"修正案|关于修改[^》]*》[^》]*的决定")
# A place tied to a document: a year after it, or a kind of document soon after (「徐汇区2017年的要点」
# 「北京市政务公开工作要点」), not a topic the place qualifies (「北京非首都功能」「海南省人民政府审批」).
_DOC_KIND = r"(?:要点|文件|条例|规定|办法|通知|意见|方案|安排|计划|规划|决定|批复|政策|细则)"


def _names_document(question: str, region: str) -> bool:
    """Whether the question ties the place to a document of its own (a year or a kind of document after it)."""
    base = re.escape(_region_base(region))
    return bool(re.search(rf"{base}[省市区县]?(?:\s*(?:\d{{2,4}}|[一二〇零]{{2,4}})\s*年|[^，,。？?；]{{0,12}}?{_DOC_KIND})",
                          question))


def _as_topics(question: str, regions: tuple[str, ...], docs: list[DocInfo],
               in_texts: Callable[[str], bool] | None) -> tuple[str, ...]:
    """The regions left as filters: a place no document is of, that the documents' texts do mention and the
    question does not tie to a document of its own, is what is asked about, not whose document
    (「雄安的批复里说要承接哪些北京非首都功能」)."""
    if in_texts is None:
        return regions
    return tuple(r for r in regions if any(_region_match(d, r) for d in docs) or _names_document(question, r)
                 or not (in_texts(r) or in_texts(_region_base(r))))


def _region_base(region: str) -> str:
    """A region without 省/市/区/县 (上海市 -> 上海), as questions and titles also write it; two-character names kept.

    Example: _region_base("安阳市") == "安阳"; _region_base("沙市") == "沙市"
    """
    return region.rstrip("市省区县") if len(region) > 2 else region


def _not_naming(regions: tuple[str, ...], named: list[DocInfo]) -> tuple[str, ...]:
    """The regions that are no part of a named document's name (济南 in 「济南优化营商环境条例」 is)."""
    return tuple(r for r in regions if not any(_region_match(d, r) for d in named))


def question_doc_numbers(question: str) -> tuple[str, ...]:
    """文号 a question names, normalized; the question's own words before a name are dropped.

    Example: question_doc_numbers("请问国务院令第711号和国发[2019]5号") == ("国务院令第711号", "国发〔2019〕5号")
    """
    found: list[str] = []
    for rx in (_LING_NUMBER, _BRACKET_NUMBER):
        for m in rx.finditer(question):
            n = normalize_doc_number(m.group(0))
            if n:
                n = _BEFORE_NAME.sub("", n) or n
                found.append(n)
    return tuple(dict.fromkeys(found))


def doc_names(doc: DocInfo) -> list[str]:
    """Names a question may call a document by: its title, and the short form without 中华人民共和国 / 暂行 / （…）.

    Example: doc_names(DocInfo("a", "中华人民共和国档案法", None, None, None, None)) == ["中华人民共和国档案法", "档案法"]
    """
    return list(_title_names(doc.title))


@lru_cache(maxsize=65536)
def _title_names(title: str) -> tuple[str, ...]:
    # Cached: every question checks every document's names, and deriving them was most of scoping's cost.
    title = title.strip("《》 ")
    names = [title, _TRAILING_NOTE.sub("", title)]
    if m := _ENDING_ORDINAL.search(title):  # 「刑法修正案九」: the ordinal without brackets
        names.append(title[:m.start()] + m.group(1))
    if issued := issued_title(title):  # 「国务院关于印发《国务院工作规则》的通知」 is also called 国务院工作规则
        names.append(issued)
    names += [n.removeprefix("中华人民共和国") for n in names]
    names += [n.replace("暂行", "") for n in names]
    return tuple(n for n in dict.fromkeys(names) if len(n) >= 3)


def library_places(docs: Sequence[DocInfo]) -> set[str]:
    """The places the library's documents are of, with the cities their districts are in.

    Example: library_places([DocInfo("a", "t", None, "静安区", "上海市", None)]) == {"静安区", "上海市"}
    """
    return {r for d in docs for r in (d.region, d.parent_region) if r}


def _library_regions(question: str, docs: list[DocInfo]) -> list[str]:
    """Regions of the library's documents the question names, with or without 市/区 (「安阳那个条例」), beyond the
    places ingest.regions knows by name.

    Example: _library_regions("安阳那个条例第五条", [DocInfo("a", "安阳市政务服务条例", None, "安阳市", None, None)]) == ["安阳市"]
    """
    found = []
    for region in dict.fromkeys(d.region for d in docs if d.region):
        base = _region_base(region)
        if len(base) >= 2 and base in question:
            found.append(region)
    return found


# 「国发38号」「国办发2号」: a 文号 said without its year.
_SHORT_NUMBER = re.compile(r"([\u4e00-\u9fa5]{1,6}?[发函字])\s*第?(\d{1,4})\s*号")


def _short_numbers(question: str, docs: list[DocInfo]) -> tuple[str, ...]:
    """The 文号 of the one library document a yearless number names (「国发38号」 -> 国发〔2018〕38号).

    Example: _short_numbers("国发38号里说了什么", [DocInfo("a", "t", "国发〔2018〕38号", None, None, None)]) == ("国发〔2018〕38号",)
    """
    shapes = [rf".*?{re.escape(m.group(1)[-3:])}〔\d{{4}}〕{m.group(2)}号" for m in _SHORT_NUMBER.finditer(question)]
    # 「590号令」, and 「国务院令第590号和第493号」's second: a 令 said by its number alone
    said = _SPOKEN_LING.findall(question) + (_NEXT_LING.findall(question) if "令第" in question else [])
    shapes += [rf".*令第{number}号" for number in said]
    found: list[str] = []
    for shape in shapes:
        hits = [d.doc_number for d in docs if d.doc_number and re.fullmatch(shape, d.doc_number)]
        if len(set(hits)) == 1 and hits[0] not in found:
            found.append(str(hits[0]))
    return tuple(found)


_SPOKEN_LING = re.compile(r"(?<![\d〔])(\d{1,4})\s*号令")
_NEXT_LING = re.compile(r"(?<=[和与及、])\s*第(\d{1,4})号(?!令)")


def _number_matches(doc: DocInfo, number: str) -> bool:
    return bool(doc.doc_number) and (doc.doc_number == number or number.endswith(str(doc.doc_number)))


def _title_narrows(selected: list[DocInfo], named: list[DocInfo], pickers: tuple[object, ...] | None) -> list[DocInfo]:
    """The documents one place or year picked (pickers; None when a 文号 did), narrowed to those the question names by
    title or short name when it names some of them: 「北京市河湖保护管理条例」 with two 北京市 条例 in the library is one
    of them. Several places or years (「上海12年要点、成都13年安排…」) each pick their own."""
    if pickers is None or len(pickers) != 1:
        return selected  # (a 文号 picks its document itself: 「国发3号和威海停车条例」 keeps both)
    return [d for d in selected if d in named] or selected


def _named_docs(question: str, docs: list[DocInfo]) -> list[DocInfo]:
    """Documents the question names by title or short name; 「这个条例」 names none, as no title is that.

    Failing that, a run of ten characters found in one title only names that document
    ("两高关于拒不执行判决、裁定刑事案件的司法解释" -> the 解释 whose title holds 拒不执行判决、裁定刑事案件).
    """
    q = question.replace("《", "").replace("》", "")
    named = _longest_named(q, [d for d in docs if any(n in q for n in _title_names(d.title))])
    # 「国务院在线政务服务那个规定」: the words before 「那个」 and the kind after it are the shortened name
    q = _POINTER_BEFORE_KIND.sub("", q)
    if named and len(docs) >= 2:  # 「信访工作条例和济南优化营商环境条例」: one by its title, one by a shortened name
        return named + [d for d in _mentioned_docs(q, docs) if d not in named]
    if named or len(docs) < 2:
        return named
    if m := _BARE_KIND.search(q):  # 「条例里关于…的规定」 with two 条例 in the library: both, not the 规定
        of_kind = [d for d in docs if d.title.endswith(m.group(1))]
        if 0 < len(of_kind) < len(docs):
            return of_kind
    if mentioned := _mentioned_docs(q, docs):
        return mentioned
    grams = _title_grams(tuple((d.doc_id, d.title) for d in docs))
    hit = {grams[q[i:i + _GRAM]] for i in range(len(q) - _GRAM + 1) if q[i:i + _GRAM] in grams}
    return [d for d in docs if d.doc_id in hit] if len(hit) == 1 else []


def _longest_named(q: str, named: list[DocInfo]) -> list[DocInfo]:
    """The named documents without those whose every mention is part of a longer name of another: 「刑法修正案（九）」
    names the ninth amendment, not also the eighth, whose name without its ordinal is 刑法修正案 too; 「优化营商环境
    条例和济南市优化营商环境条例」 names both."""
    spans = {d.doc_id: [(m.start(), m.start() + len(n)) for n in _title_names(d.title)
                        for m in re.finditer(re.escape(n), q)] for d in named}

    def inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return b[0] <= a[0] and a[1] <= b[1] and b[1] - b[0] > a[1] - a[0]

    return [d for d in named if not all(
        any(inside(a, b) for o in named if o is not d for b in spans[o.doc_id]) for a in spans[d.doc_id])]


# What people write for a document's kind, and the short names of issuers used in place of them.
_KIND = re.compile(r"(?:修正案|预案|条例|办法|规定|解释|决定|意见|通知|要点|安排|方案|规则|细则|批复|通报|复?函|答复|纲要|指引|(?<![办方做算非违合依守])法)")
ALIASES = (("两高", "最高人民法院最高人民检察院"), ("高法", "最高人民法院"), ("高检", "最高人民检察院"),
            ("司法解释", "解释"), ("国办", "国务院办公厅"), ("人大常委会", "人民代表大会常务委员会"))
_MENTION_REACH = 16  # characters before the kind word a mention may start


def spelled_out(text: str) -> str:
    """Text with the usual short names of issuers written out (国办 -> 国务院办公厅, 人大常委会 -> 人民代表大会常务委员会)."""
    for short, full in ALIASES:
        text = text.replace(short, full)
    return text


def _mention_start(text: str, kind: re.Match[str], title: str) -> int | None:
    """Where the longest run ending in the kind word starts whose characters appear in order in title (the
    character before the kind word included), else None."""
    for start in range(max(0, kind.start() - _MENTION_REACH), kind.start() - 1):
        if in_order(text[start:kind.end()], title):
            return start
    return None
# A kind word standing for "the document of that kind" (「条例里」「按这个条例第五条」), not a word of the sentence:
# only kinds no sentence uses otherwise (规定, 办法, 意见 are ordinary words).
_BARE_KIND = re.compile(r"(?:^|[，,。？?！!：:；;\s]|这个|那个|该|本|按|依照|根据|按照)(条例|细则|预案)"
                        r"(?=里|中|第|规定|要求|对|上|关于|说|是|有|怎么)")


_POINTER_BEFORE_KIND = re.compile(r"(?<=[\u4e00-\u9fa5])(?:的)?(?:那个|这个|那份|这份|那部|这部|那一?个)"
                                  r"(?=(?:指导|实施|若干|暂行|工作|管理|试点|总体)?" + _KIND.pattern + ")")


def in_order(short: str, title: str) -> bool:
    """Whether short's characters appear in title in order (拒执解释 in 关于办理拒不执行…的解释)."""
    it = iter(title)
    return all(ch in it for ch in short)


def _mentioned_docs(question: str, docs: list[DocInfo]) -> list[DocInfo]:
    """The one document a shortened name in the question stands for: the longest run ending in a kind word
    (预案, 条例, 解释…) whose characters appear in order in exactly one title, after issuer short names are
    spelled out ("两高拒执司法解释" -> the 两高 解释 on 拒不执行判决、裁定; "粮食应急预案" -> 国家粮食应急预案).
    Empty when no title or several titles fit equally.
    """
    q = spelled_out(_BRACKET_NUMBER.sub(" ", question))  # 「国办函〔2006〕71号」: a 文号, not a 函 named by its words
    named: list[str] = []  # each mention's one document: "集约化试点方案和政务新媒体意见" names two
    for m in _KIND.finditer(q):
        kind, end = m.group(0), m.end()
        # 「修正案（十一）第35条」「修正案八改了以后」: a kind word and the ordinal only one title ends with name it
        ordinal = _TITLE_ORDINAL.match(q, end) or _BARE_ORDINAL.match(q, end)
        fits = [d.doc_id for d in docs if ordinal and f"{kind}（{ordinal.group(1)}）" in d.title]
        if len(fits) == 1:
            if fits[0] not in named:
                named.append(fits[0])
            continue
        if m.start() < 2:
            continue
        tail = q[m.start() - 1:end]  # the character before the kind word must be in the title too
        best: dict[str, int] = {}
        for d in docs:
            title = d.title
            if not title.endswith(kind) and kind not in title[-8:]:
                continue
            said, at = q, m
            if any(ch not in title for ch in tail):  # 「…那个劳社部通知」 of a title that does not name its issuer
                if (dropped := _issuer_dropped(q, m, d.issuer)) is None or dropped[0][dropped[1].start() - 1] not in title:
                    continue
                said, at = dropped
            if (start := _mention_start(said, at, title)) is not None:
                best[d.doc_id] = max(best.get(d.doc_id, 0), at.end() - start)
        if not best:
            best = _said_loosely(q, m, docs)
        top = max(best.values(), default=0)
        winners = [doc_id for doc_id, n in best.items() if n == top]
        if len(winners) == 1 and top >= len("某某条例") and winners[0] not in named:
            named.append(winners[0])
    if not named:
        named = _named_without_kind(q, docs)
    return [d for doc_id in named for d in docs if d.doc_id == doc_id]


_TITLE_ORDINAL = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[)）]")
_ENDING_ORDINAL = re.compile(_TITLE_ORDINAL.pattern + "$")  # 「刑法修正案（九）」's
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[)）]$")  # 「（九）」「（试行）」「（2019年修订）」 after a title
# The same without brackets (「修正案九」), not 一 (「解释一下」) nor a count (「修正案二条」「规定三项」)
_BARE_ORDINAL = re.compile(r"(?!一)([一二三四五六七八九十]{1,3})(?![一二三四五六七八九十个条项款点种次部份年月日天号下些倍批])")


def _issuer_dropped(q: str, kind: re.Match[str], issuer: str | None) -> tuple[str, re.Match[str]] | None:
    """The question without the issuer's short name (and a 那个 before it) said just before the kind word, which
    a title without its issuer does not hold: 「月平均工资折算那个劳社部通知」 -> 「月平均工资折算通知」."""
    if not issuer:
        return None
    for n in range(2, min(len(issuer), 8) + 1):
        said = q[kind.start() - n:kind.start()]
        if len(said) == n and said[0] == issuer[0] and said[-1] == issuer[-1] and in_order(said, issuer):
            before = _POINTER_END.sub("", q[:kind.start() - n])
            rest = before + q[kind.start():]
            again = _KIND.match(rest, len(before))
            return (rest, again) if again is not None else None
    return None


_POINTER_END = re.compile(r"(?:的)?(?:那个|这个|那份|这份|那部|这部|那一?个)$")
_LOOSE_MIN = 4  # characters before the kind word a loose mention must have


def _said_loosely(q: str, kind: re.Match[str], docs: list[DocInfo]) -> dict[str, int]:
    """Each document a mention names with one word of its own in it (「警察用枪那个条例」 for 人民警察使用警械和
    武器条例): every character but one, the first kept, in order in the title; the length of the mention."""
    found: dict[str, int] = {}
    for d in docs:
        if not d.title.endswith(kind.group(0)):
            continue
        for start in range(max(0, kind.start() - _MENTION_REACH), kind.start() - _LOOSE_MIN + 1):
            name = q[start:kind.start()]
            if re.search(r"[，,。？?！!：:；;\s的]", name):
                continue
            if any(in_order(name[:i] + name[i + 1:] + kind.group(0), d.title) for i in range(1, len(name))):
                found[d.doc_id] = kind.end() - start
                break
    return found


# Where a name without its kind word ends: 「第二批支持创新改革举措里」「…那份文件中」.
_NAME_END = re.compile(r"(?:那份文件|这份文件|文件)?(?:里面|里头|里|当中|中)(?=[，,、：:]|[\u4e00-\u9fa5]{2})")
_BARE_NAME_MIN = 8  # a shorter run is a topic as often as a name


def _named_without_kind(q: str, docs: list[DocInfo]) -> list[str]:
    """The one document whose title holds, in order and with a run of four in a row, the long name a question
    opens with before 「里」 (「第二批支持创新改革举措里，…」 -> 关于推广第二批支持创新相关改革举措的通知);
    empty when several titles fit or none does."""
    m = _NAME_END.search(q)
    if not m or m.start() < _BARE_NAME_MIN or re.search(r"[，,。？?！!：:；;\s]", q[:m.start()]):
        return []
    run = q[:m.start()]
    for start in range(0, len(run) - _BARE_NAME_MIN + 1):
        name = run[start:]
        fits = [d.doc_id for d in docs if in_order(name, d.title)
                and any(name[i:i + 4] in d.title for i in range(len(name) - 3))]
        if fits:
            return fits if len(fits) == 1 else []
    return []


_GRAM = 10  # shorter runs are terms any law may use (行政规范性文件)


@lru_cache(maxsize=4)
def _title_grams(titles: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Ten-character runs of titles that occur in exactly one title, mapped to its document."""
    owners: dict[str, set[str]] = {}
    for doc_id, title in titles:
        for i in range(len(title) - _GRAM + 1):
            owners.setdefault(title[i:i + _GRAM], set()).add(doc_id)
    return {g: next(iter(ids)) for g, ids in owners.items() if len(ids) == 1}


def _without_bodies(question: str, regions: tuple[str, ...], docs: list[DocInfo], pinned: list[DocInfo]) -> tuple[str, ...]:
    """The regions that ask for a place's documents: a place without a document beside a named one names a body
    (the whole title is named: 「洛阳市市区养犬管理规定…经河南省人大常委会批准」; the place stands before 人大/政府:
    「…条例是哪天经山东省人大常委会批准的」) or, in a national document, its topic (「国发38号里针对河南自贸区的措施」).
    "北京市2019年政务公开工作要点" (a title shared by several, no body) still asks for 北京."""
    unknown = [r for r in regions if not any(_region_match(d, r) for d in docs)]
    if not unknown or not pinned:
        return regions
    if all(d.region is None for d in pinned):
        return tuple(r for r in regions if r not in unknown)
    full_title = len(pinned) == 1 and pinned[0].title in question
    bodies = [r for r in unknown if full_title or re.search(
        rf"{re.escape(r.rstrip('省市区县'))}[省市区县]?(?:人大|人民代表大会|人民政府|政府|常委会)", question)]
    return tuple(r for r in regions if r not in bodies)


# Words that point at an earlier text: 「原来2000年那个解释」.
_EARLIER = r"(?:原来|原先|以前|之前|此前|过去|老|旧)"


def scope_of(question: str, docs: list[DocInfo], in_texts: Callable[[str], bool] | None = None) -> Scope:
    """Work out which documents and which section a question is about (in_texts: whether the documents' texts
    mention a word, to tell a place that is a topic from a place whose document is asked for)."""
    whole = _scope_of(question, docs, in_texts)
    if whole.doc_ids is None or len(whole.doc_ids) >= 2 or not (m := DOC_PAIR.search(question)):
        return whole
    # 「81年那个棉粮通知和04年给湖北的函，分别…」: each name carries its own year and place; read together, the
    # year of one and the place of the other select nothing
    sides = [_scope_of(side, docs, in_texts) for side in (m.group(1), m.group(2))]
    if any(s.doc_ids is None or not s.doc_ids for s in sides):
        return whole
    ids = tuple(dict.fromkeys(i for s in sides for i in s.doc_ids or ()))
    if len(ids) < 2:
        return whole
    return replace(whole, regions=tuple(dict.fromkeys(r for s in sides for r in s.regions)),
                   years=tuple(dict.fromkeys(y for s in sides for y in s.years)), doc_ids=ids, missing=())


# Two documents named side by side, each ending in its kind word: 「…的通知和…的函」.
DOC_PAIR = re.compile(rf"([^，。？?]*?{_KIND.pattern})(?:和|与|跟|及|以及|、)([^，。？?]*?{_KIND.pattern})")


def _scope_of(question: str, docs: list[DocInfo], in_texts: Callable[[str], bool] | None) -> Scope:
    regions = tuple(find_regions(question))
    regions += tuple(r for r in _library_regions(question, docs) if r not in regions)
    years = tuple(doc_years(question))
    indexed = {d.year for d in docs}
    years += tuple(y for y in placed_years(question) if y not in years and y in indexed)
    numbers = question_doc_numbers(question) + _short_numbers(question, docs)
    missing: list[str] = []
    selected = list(docs)
    named = _named_docs(question, docs)
    pinned = named  # the documents the question names by title, short name or 文号
    if len(named) >= 2 and regions and any(d.region is None for d in named) and \
            not any(a.title in b.title for a in named for b in named if a is not b):
        # 「信访工作条例和济南优化营商环境条例」: a national text and a local one; 济南 is part of one name, not a
        # filter on both (local plans named with their places, 「2019年上海市要点和2017年静安区要点」, keep them;
        # titles inside one another, 「本市当前…安排」 and 「当前…安排」, are still told apart by the place)
        regions = _not_naming(regions, named)
    if numbers:
        by_number = [d for d in selected if any(_number_matches(d, n) for n in numbers)]
        if by_number or not named:
            missing += [n for n in numbers if not any(_number_matches(d, n) for d in docs)]
            selected = by_number
            if named and not {d.doc_id for d in named} & {d.doc_id for d in by_number}:
                # 「国发38号和安阳政务服务条例」: one by its 文号, one by its name; the place is the name's
                selected = by_number + named
                regions = _not_naming(regions, named)
            pinned = selected
        else:  # 「行政许可法（主席令第七号）」: the text may not state its number; the title decides
            selected = named
    regions = _as_topics(question, _without_bodies(question, regions, docs, pinned), docs, in_texts)
    if regions:
        selected, unheld = _of_regions(question, regions, selected, docs)
        missing += unheld
    if years:
        # a text that states no date of its own (a 条例 copied without its header) is not ruled out by a year
        # when the question names it: 「24年那个生态保护补偿条例」
        undated = [d for d in selected if d.year is None and d in named]
        # a year no text has, said with a text named by title, is the year of an earlier text it speaks of
        # (「原来2000年那个解释还管用吗」 of one that repeals 「…（法释〔2000〕13号）」): not a document to look for
        spoken_of = [d for d in selected if d in named] if in_texts is not None and any(
            not any(d.year == y for d in docs) and in_texts(str(y)) and re.search(rf"{_EARLIER}[^，,。？?]{{0,4}}{y}", question)
            for y in years) else []
        missing += [f"{y}年" for y in years if not any(d.year == y for d in docs) and not undated and not spoken_of]
        selected = [d for d in selected if d.year in years or d in undated or d in spoken_of]
    restricted = bool(numbers or regions or years)
    selected = _title_narrows(selected, named, None if numbers else regions + years)
    if not restricted and named:
        # A title or short name (档案法, 专利代理条例) picks the document; region/year naming takes precedence
        # because work-plan titles repeat across cities and years.
        selected, restricted = named, True
    question = without_titles(question)  # 「解释（一）」 and 《…（二）》 name a document, not an item
    part = item = row = None
    if m := _ROW.search(question):
        row = int(m.group(1) or m.group(2))
    if m := _SECTION_ITEM.search(question):
        item = cn_to_int(m.group(1) or m.group(2))
    if m := _SECTION_PART.search(question):
        part = cn_to_int(m.group(1) or m.group(2))
    article = paragraph = chapter = None
    if (m := _ARTICLE.search(question)) and not _of_other_law(question[:m.start()], selected if restricted else docs) \
            and not (selected and restricted and all(AMENDMENT.search(d.title) for d in selected)
                     and question[m.end():].startswith("之")):
        # (「新增的第十条之一」: an article of the law amended, which the amendment's text names, not a 条 of it)
        article = cn_to_int(m.group(1).replace("两", "二"))
    if m := _PARAGRAPH.search(question):
        paragraph = cn_to_int(m.group(1).replace("两", "二"))
    if m := _CHAPTER.search(question):
        chapter = cn_to_int(m.group(1).replace("两", "二"))
    wants_parts = bool(re.search(rf"(几个|哪几个|哪些|多少个|几)大?(?:部分|块|板块)|{DIVIDED_INTO}|由哪几部分", question))
    return Scope(regions=regions, years=years, doc_numbers=numbers, part=part, item=item, row=row,
                 article=article, paragraph=paragraph, chapter=chapter, wants_parts=wants_parts,
                 wants_doc_facts=bool(re.search(r"文号|发文机关|发文单位|成文日期|印发日期|哪个机关|是什么文件|什么时候印发"
                                                r"|发布日期|公布日期|施行日期|什么时候施行|何时施行|生效", question)),
                 doc_ids=tuple(d.doc_id for d in selected) if restricted else None, missing=tuple(missing))


# A law named just before an article number: 「刑法第133条」「按示范法的第十二条」.
_LAW_BEFORE = re.compile(r"([\u4e00-\u9fa5]{1,14}?(?:法|条例))的?$")
_POINTER_LAW = re.compile(r"^(?:本|该|此|这个|那个|这部|那部|这|那|上述|按|按照|依照|根据|依据)*(?:法|条例)$")


def title_kind(title: str) -> str:
    """The kind word a title ends with, its ordinal set aside: 中华人民共和国刑法修正案（九） -> 修正案.

    Example: title_kind("中华人民共和国档案法") == "法"
    """
    bare = _TRAILING_NOTE.sub("", title.strip("《》 "))
    kinds = [k for k in _KIND.finditer(bare) if k.end() == len(bare)]
    return kinds[-1].group(0) if kinds else ""


def _of_other_law(before: str, docs: Sequence[DocInfo]) -> bool:
    """Whether the article number after before is one of another law than the documents': 「刑法第133条对应什么罪名」
    of a list of crime names, 「修正案（二）对示范法第十二条是怎么改的」 of an amendment; not 「档案法第五条」 of 档案法
    nor 「本条例第十条」."""
    m = _LAW_BEFORE.search(re.sub(r"[《》]", "", before))
    if m is None:
        return False
    law = m.group(1)
    for cut in range(len(law) - 1):  # the shortest name that is a document's: 「我看刑法」 is 刑法
        name = law[cut:]
        if _POINTER_LAW.match(name):
            return False
        kind = _KIND.search(name[-3:])
        if any(in_order(name, d.title) and kind and title_kind(d.title) == kind.group(0) for d in docs):
            return False
    return True


def _of_regions(question: str, regions: tuple[str, ...], selected: list[DocInfo],
                docs: list[DocInfo]) -> tuple[list[DocInfo], list[str]]:
    """The selected documents of the regions named, and the regions no document is of (none when a text that
    applies there stands in: the province's law for one of its cities, or the national texts where the asker
    lives or works)."""
    by_region = [d for d in selected if any(_region_match(d, r) for r in regions)]
    unheld = [r for r in regions if not any(_region_match(d, r) for d in docs)]
    # 「我家在郑州的老房子拆了」 of a library with 河南省's regulation: a province's law applies in its cities
    wider = [d for d in selected if any(_region_match(d, p) for r in unheld if (p := province_of(r)))]
    # and a place where the asker lives or works that has no text of its own (「我们公司在杭州有个项目」): the national ones
    own = unheld and all(_lives_in(question, r) for r in unheld)
    national = [d for d in selected if d.region is None] if own else []
    if unheld and (wider or national):
        return by_region + [d for d in wider + national if d not in by_region], []
    return by_region, unheld


# Where the asker lives, works or has property: 「我家在郑州」「我们公司在杭州」「我住在青岛」.
_OWN_PLACE = re.compile(r"(?:我|我们|咱|咱们|俺|本人)(?:家|公司|单位|厂|店|村|小区|企业)?(?:的[\u4e00-\u9fa5]{1,4})?(?:在|住在|位于|落户)")


def _lives_in(question: str, region: str) -> bool:
    """Whether the question places the asker (or their home, company) in region, right after saying so."""
    base = _region_base(region)
    return any(question[m.end():m.end() + len(base) + 1].startswith(base) for m in _OWN_PLACE.finditer(question))


def without_titles(question: str) -> str:
    """The question without quoted titles and the ordinal a title ends with, where section numbers are read.

    Example: without_titles("侵权责任编解释（一）第五条") == "侵权责任编解释 第五条"
    """
    text = re.sub(r"《[^》]*》", " ", question)
    return re.sub(r"(?:(?<=解释|规定|意见|办法|通知|决定|纪要|条例|答复|批复)|(?<=修正案))[（(][一二三四五六七八九十]{1,3}[)）]", " ", text)


def topic_of(question: str, scope: Scope, docs: list[DocInfo], shortened: bool = False) -> str:
    """The question without the words that named its documents, once the scope filters by them.

    "2019年上海搜索方面有什么要求？" scoped to the 2019 Shanghai plan is matched as "搜索方面有什么要求？":
    naming words say which document, and in its vector they drown a short topic.
    Example: topic_of("2019年上海搜索方面有什么要求？", Scope(("上海市",), (2019,), doc_ids=("a",)), []) == "搜索方面有什么要求？"
    """
    if scope.doc_ids is None:
        return question
    text = without_doc_names(question, scope, docs, shortened=shortened)
    for year in scope.years:  # only the names that did the scoping: another year may be the topic
        text = re.sub(rf"{year}\s*年(?:度|的)?", " ", text)
    if scope.regions:
        for surface in sorted(region_surfaces(text), key=len, reverse=True):
            text = text.replace(surface, " ")
    text = re.sub(r"\s+", " ", text).strip(" ，,的里中")
    return text if len(re.sub(r"[\W\d_]", "", text)) >= 4 else question


def scoped_title(scope: Scope, docs: list[DocInfo]) -> str:
    """The title of the (first) document a question was scoped to, "" when it names none.

    Example: scoped_title(Scope(doc_ids=("a",)), [DocInfo("a", "档案法", None, None, None, None)]) == "档案法"
    """
    return next((d.title for d in docs if scope.doc_ids and d.doc_id == scope.doc_ids[0]), "")


def without_doc_names(question: str, scope: Scope, docs: list[DocInfo], shortened: bool = False) -> str:
    """The question without the titles and 文号 of the documents it was scoped to (「治安管理处罚法中「执法监督」
    是第几章？」 asks nothing about 处罚); shortened: also names shortened in order (侵害消费者权益处罚办法).

    Example: without_doc_names("《通知》的文号？", Scope(doc_ids=("a",)), [DocInfo("a", title="通知")]) == " 的文号？"
    """
    if scope.doc_ids is None:
        return question
    text = question
    for number in scope.doc_numbers:
        text = text.replace(number, " ")
    scoped = set(scope.doc_ids)  # built once, not once per indexed document
    names = sorted({n for d in docs if d.doc_id in scoped for n in doc_names(d)}, key=len, reverse=True)
    for name in names:
        text = text.replace(f"《{name}》", " ").replace(name, " ")
    titles = [d.title for d in docs if d.doc_id in scoped] if shortened else []
    for m in list(_KIND.finditer(text))[::-1] if titles else []:  # a shortened name: 「侵害消费者权益处罚办法」 for …权益行为处罚办法
        starts = [start for t in titles if t.endswith(m.group(0)) and (start := _mention_start(text, m, t)) is not None]
        if starts:
            text = f"{text[:min(starts)]} {text[m.end():]}"
    return text


def restrict(scope: Scope, doc_ids: tuple[str, ...] | list[str] | None) -> Scope:
    """Narrow a scope to some documents (the UI's region / year filters); None leaves it as it is.

    Example: restrict(Scope(doc_ids=None), ["a"]).doc_ids == ("a",)
    """
    if doc_ids is None:
        return scope
    allowed = tuple(d for d in (scope.doc_ids if scope.doc_ids is not None else doc_ids) if d in set(doc_ids))
    return replace(scope, doc_ids=allowed)
