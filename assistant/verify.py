"""Checking an LLM's answer against the sources it cites: markers, numbers (Chinese numerals and
percentages normalized first), dates, quoted names, and the bodies named as 牵头 / 负责."""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER_RE = re.compile(r"\[(\d{1,2})\]")
# Markers as small models write them: 【1】, ［1］, [1,2], [1、2], [资料1], [1] [2].
_MARKER_LIKE = re.compile(r"[\[［【]\s*(?:资料|来源|参考资料)?\s*(\d{1,2}(?:\s*[,，、]\s*\d{1,2})*)\s*[\]］】]")
_MARKDOWN = re.compile(r"\*\*|__|^\s{0,3}#{1,6}\s*|^\s*[-*•]\s+", re.M)
_CITING_SENTENCE = re.compile(r"([。；！？])\s*(?:(?:资料编号|资料|编号|依据|来源|出处)(?:为|是|：|:)?\s*)?"
                              r"((?:\[\d{1,2}\]\s*(?:和|、|及|与|,|，)?\s*)+?)(?:[。；]|(?=\n)|$)")
# List numbering at the start of a line states no fact: "1. 公开财政预算" is not the figure 1.
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.．、)）]|[（(]\d{1,2}[)）])\s*", re.M)
_SENTENCE_RE = re.compile(r"[^。；！？\n]+[。；！？\n]?")
# Facts that must appear verbatim in a cited source: dates, numbers (with % or a unit),
# Chinese counts, and names in quotes or book-title marks.
FACT_RES = [
    re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{1,2}月底|\d{4}年"),
    re.compile(r"\d+(?:\.\d+)?\s*(?:[%％个项次家类大条分日天年月号处人万亿元]|)"),
    re.compile(r"[一二三四五六七八九十两]+(?:个|项|次|家|类|大类|大要素|季度)"),
    re.compile(r"“[^”]{1,40}”|《[^》]{1,60}》|〔\d{4}〕\d+号"),
    # Ordinals: 十九届二中全会, 十九大, 第三批. The 1.5B model wrote 十九届二中全会[4] citing a clause
    # about a web platform, and nothing caught it.
    # Checked in parts (十九届, 二中) so that 十九届二中全会 is found in 十九届二中、三中全会.
    re.compile(r"(?:十[一二三四五六七八九]?|[一二三四五六七八九])届|[一二三四五六七八九十]中(?=全会|、)"
               r"|十[一二三四五六七八九]大|第[一二三四五六七八九十百零〇\d]+[条款项章节部分批次届]"),
]


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一二两三四五六七八九十百千"
# A Chinese number counts only before a unit, so 统一, 一些 and 进一步 stay words.
_CN_NUMBER = re.compile(rf"[{_CN}]+(?=[个项次家类条分日天年月号处人元万亿%％])")
_PERCENT = re.compile(rf"百分之([{_CN}点\d.]+)")


def normalize_markers(text: str) -> str:
    """Citation markers in any of the forms models write become [n] markers; Markdown emphasis goes.

    Example: normalize_markers("**4分**【1】，见[1、2]。[3]") == "4分[1]，见[1][2][3]。";
    normalize_markers("公开水质信息。资料编号为 [2] 和 [4]。") == "公开水质信息[2][4]。"
    """
    text = _MARKDOWN.sub("", text)
    text = _MARKER_LIKE.sub(lambda m: "".join(f"[{n}]" for n in re.findall(r"\d+", m.group(1))), text)
    text = re.sub(r"(?<=\])\s+(?=\[\d)", "", text)
    # "全年完成。[1][2]" and "…水质信息。资料编号为 [2] 和 [4]。": markers after the full stop, alone
    # or in a sentence that only names them, belong to the sentence before it.
    return _CITING_SENTENCE.sub(lambda m: "".join(f"[{n}]" for n in MARKER_RE.findall(m.group(2))) + m.group(1), text)


def _cn_value(run: str) -> str:
    """A run of Chinese numerals as Arabic digits: positional (二十三 -> 23) or digit by digit (二〇一九 -> 2019).

    Example: _cn_value("一百零五") == "105"; _cn_value("二〇一九") == "2019"; _cn_value("十") == "10"
    """
    if not any(ch in _POWERS for ch in run):
        return "".join(str(_DIGITS[ch]) for ch in run)
    total, digit = 0, 0
    for ch in run:
        if ch in _POWERS:
            total += (digit or 1) * _POWERS[ch]
            digit = 0
        else:
            digit = _DIGITS[ch]
    return str(total + digit)


def _cn_number(text: str) -> str:
    """A number written in Chinese (or Arabic) numerals, with 点 as the decimal point.

    Example: _cn_number("三点五") == "3.5"; _cn_number("30") == "30"
    """
    whole, _, frac = text.replace("点", ".").partition(".")
    head = whole if whole.isdigit() else _cn_value(whole) if whole else "0"
    if not frac:
        return head
    return f"{head}.{frac if frac.isdigit() else ''.join(str(_DIGITS[c]) for c in frac)}"


def arabize(text: str) -> str:
    """Chinese numerals before a unit become Arabic digits, and 百分之X becomes X%.

    The adverb 十分 (十分重要) is left alone.
    Example: arabize("不低于五分，百分之三十，二〇一九年") == "不低于5分，30%，2019年"
    """
    def number(m: re.Match[str]) -> str:
        run, after = m.group(0), text[m.end():m.end() + 2]
        if run == "十" and after[:1] == "分" and "\u4e00" <= after[1:2] <= "\u9fff" and after[1:2] not in "之钟":
            return run
        return _cn_value(run)

    text = _PERCENT.sub(lambda m: _cn_number(m.group(1)) + "%" if _valid_number(m.group(1)) else m.group(0), text)
    return _CN_NUMBER.sub(number, text)


def _valid_number(text: str) -> bool:
    return bool(re.fullmatch(rf"[{_CN}]+(点[{_CN}]+)?|\d+(\.\d+)?", text))


def _norm(text: str) -> str:
    """Compare ignoring spaces, the width of digits and punctuation, and how numbers are written.

    Example: _norm("４０００ 个，百分之三十") == "4000个,30%"
    """
    table = str.maketrans("０１２３４５６７８９％，：；（）", "0123456789%,:;()")
    return arabize(re.sub(r"\s+", "", text).translate(table))


def facts_in(sentence: str) -> list[str]:
    """The checkable facts of a sentence, markers excluded.

    Example: facts_in("分值不低于4分[1]，2019年3月5日印发") == ["2019年3月5日", "4分"]
    """
    text = arabize(MARKER_RE.sub("", _LIST_NUMBER.sub("", sentence)))
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for rx in FACT_RES:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in spans):
                continue  # already covered by a longer fact (a digit inside a date)
            spans.append((m.start(), m.end()))
            found.append(m.group(0).strip())
    return found


def _found(fact: str, pool: str) -> bool:
    """A fact occurs in the pool; a number only as a whole number (4 is not found in 2014).

    Example: _found("4分", "不低于4分") is True; _found("4", "2014年") is False
    """
    f = _norm(fact)
    if f[:1].isdigit():
        return re.search(rf"(?<![\d.]){re.escape(f)}(?![\d.])" if f[-1].isdigit() else rf"(?<![\d.]){re.escape(f)}",
                         pool) is not None
    return f in pool


_LEAD_WORDS = re.compile(r"牵头|负责|责任单位|主办|承办")
_BODY_END = re.compile(r"(?:委员会|办公厅|办公室|领导小组|管委会|政府|委|办|局|厅|部|署|院|中心|集团|公司|银行|协会)$")
_BODY_SPLIT = re.compile(r"牵头|负责|配合|会同|单位|部门|分别|其中|[\s，,、；;：:（）()“”\"'《》\[\]0-9和及与或等由是为的在]")


def bodies_in(sentence: str) -> list[str]:
    """Names of bodies in a sentence that says who leads or is responsible (牵头 / 负责), else [].

    A body is a stretch between separators (punctuation, 由, 和, 牵头, ...) that ends like the name
    of an office: 委, 办, 局, 厅, 部, 委员会, 政府, ...
    Example: bodies_in("该项工作由市委宣传部牵头[1]，市文旅局配合。") == ["市委宣传部", "市文旅局"]
    """
    text = MARKER_RE.sub(" ", sentence)
    if not _LEAD_WORDS.search(text):
        return []
    out: list[str] = []
    for part in _BODY_SPLIT.split(text):
        if len(part) >= 3 and _BODY_END.search(part) and part not in out:
            out.append(part)
    return out


@dataclass(frozen=True)
class Verification:
    """The outcome of checking an answer: the repaired text and what could not be supported."""

    text: str  # the answer with markers to no source removed
    cited: tuple[int, ...]  # valid markers used, in order of first use
    removed_markers: tuple[int, ...]
    unsupported: tuple[tuple[str, str], ...]  # (sentence, fact not found in its cited sources)
    uncited_facts: tuple[str, ...]  # sentences stating facts with no marker at all
    refused: bool
    empty: bool = False  # nothing but markers and punctuation (the model wrote "【3】、【4】")

    @property
    def ok(self) -> bool:
        """True when every stated fact is found in a source the sentence cites."""
        return self.refused or (bool(self.cited) and not self.unsupported and not self.uncited_facts
                                and not self.empty)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the answer fails, as sorted codes: figure, name, body (not in the cited clause), uncited, no_citation, empty.

        Example: a check whose only problem is 5分 not in its source has reasons == ("figure",)
        """
        if self.ok:
            return ()
        found = {fact_kind(f) for _s, f in self.unsupported}
        if self.uncited_facts:
            found.add("uncited")
        if not self.cited:
            found.add("no_citation")
        if self.empty:
            found.add("empty")
        return tuple(sorted(found))


_ORDINAL = re.compile(r"第?[一二三四五六七八九十百零〇\d]+[届中大条款项章节部分批次]")


def fact_kind(fact: str) -> str:
    """What kind of fact a string from facts_in / bodies_in is: figure, name or body.

    Example: fact_kind("4分") == "figure"; fact_kind("二中") == "figure"; fact_kind("《条例》") == "name";
    fact_kind("市政府办公厅") == "body"
    """
    if fact[:1] in "《“〔":
        return "name"
    return "figure" if re.search(r"\d", fact) or _ORDINAL.fullmatch(fact) else "body"


def verify_answer(text: str, sources: dict[int, str], refusal: str) -> Verification:
    """Check an answer whose [n] markers refer to sources[n].

    Markers in other forms (【1】, [1、2]) are read as [n] first and Markdown emphasis is dropped.
    Markers pointing to no source are removed; every fact of a cited sentence must appear in one of
    the sentence's cited sources; a sentence that states facts without any marker is reported.
    The refusal sentence tacked onto an answer (a partial refusal) is dropped and the rest is checked.
    """
    text = normalize_markers(text)
    refused = _norm(refusal.rstrip("。")) in _norm(text) and len(_norm(text)) <= len(_norm(refusal)) + 10
    if not refused and refusal in text:
        text = text.replace(refusal, "").strip()
    removed = sorted({int(n) for n in MARKER_RE.findall(text) if int(n) not in sources})
    repaired = MARKER_RE.sub(lambda m: m.group(0) if int(m.group(1)) in sources else "", text).strip()
    cited: list[int] = []
    unsupported: list[tuple[str, str]] = []
    uncited: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_RE.findall(repaired)):
        if not sentence:
            continue
        markers = [int(n) for n in MARKER_RE.findall(sentence)]
        for n in markers:
            if n not in cited:
                cited.append(n)
        facts = facts_in(sentence) + bodies_in(sentence)
        if not facts:
            continue
        if not markers:
            if not refused:
                uncited.append(sentence)
            continue
        pool = _norm("\n".join(sources[n] for n in markers))
        unsupported.extend((sentence, f) for f in facts if not _found(f, pool))
    words = re.sub(r"[\W\d_]", "", MARKER_RE.sub("", repaired))
    return Verification(text=repaired, cited=tuple(cited), removed_markers=tuple(removed),
                        unsupported=tuple(unsupported), uncited_facts=tuple(uncited), refused=refused,
                        empty=len(words) < 2 and not refused)
