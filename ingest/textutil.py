"""Small Chinese text rules shared by parsing and question analysis."""

from __future__ import annotations

import re
from collections.abc import Sequence

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "一二三四五六七八九十"
CN_NUM = "〇零一二三四五六七八九十百"  # numerals in 第X条 / 第X章 markers, up to 第九百九十九条

# Section markers, strongest first. Brackets may be full- or half-width.
PART_RE = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*")
ITEM_RE = re.compile(r"^[（(]([一二三四五六七八九十]{1,4})[)）]\s*")
SUB_RE = re.compile(r"^(\d{1,2})[.．、](?!\d)\s*")
SUBSUB_RE = re.compile(r"^[（(](\d{1,2})[)）]\s*")
BUFEN_RE = re.compile(r"^第([一二三四五六七八九十]{1,3})部分\s*")  # 第二部分 above 一、 parts
# Legal structure markers, only at the start of a line (a 第三十条 inside a sentence is a reference).
# Not a reference such as 第二章第三节: a title may itself start with 第 (第十二章 第一审普通程序).
BIAN_RE = re.compile(r"^第([〇零一二三四五六七八九十百]{1,6}|\d{1,3})编(?!第[〇零一二三四五六七八九十百\d]+[章节条])\s*")
# The 编 in front of a chapter path (第二编第十三章): chapters numbered on through the 编 are cited without it.
BIAN_PREFIX = re.compile(r"^第[〇零一二三四五六七八九十百]{1,6}编(?=第)")
CHAPTER_RE = re.compile(r"^第([〇零一二三四五六七八九十百]{1,6}|\d{1,3})章(?!第[〇零一二三四五六七八九十百\d]+[节条款])\s*")
JIE_RE = re.compile(r"^第([〇零一二三四五六七八九十百]{1,6}|\d{1,3})节\s*")
ARTICLE_RE = re.compile(r"^第([〇零一二三四五六七八九十百]{1,8}|\d{1,3})条(?!之)\s*")
# Decimal numbering of plans: "1 总则", "1.1 编制目的", "5.2.1 …" (a year such as 2019年 never fits).
DECIMAL_RE = re.compile(r"^(\d{1,2}(?:[.．]\d{1,2}){0,3})(?![\d.．、])\s*(?=[\u4e00-\u9fff“《（])")

SENTENCE_END = "。；！？"
# 。；！？ close a sentence, and so does an item numbered 1．2．… that runs on in the same line (「1．背叛国家罪
# （第102条）2．分裂国家罪（第103条第1款）」: a list whose line breaks the extraction lost).
NUMBERED_ITEM = re.compile(r"\d{1,3}．[\u4e00-\u9fa5]")  # an item numbered 1．2．… of a list
_SENT_SPLIT = re.compile(rf"(?<=[。；！？])|(?<=[\u4e00-\u9fa5）)」])(?={NUMBERED_ITEM.pattern})")
_CJK = r"\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》、"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \u00a0\u3000]+|[ \u00a0\u3000]+(?=[{_CJK}])")


def cn_to_int(numeral: str) -> int:
    """Convert a Chinese numeral up to 999 (or plain digits) to int.

    Example: cn_to_int("十三") == 13, cn_to_int("二十") == 20, cn_to_int("7") == 7, cn_to_int("一百零三") == 103
    """
    if numeral.isdigit():
        return int(numeral)
    if "百" in numeral:
        hundreds, _, rest = numeral.partition("百")
        rest = rest.lstrip("零〇")
        return _CN_DIGITS[hundreds or "一"] * 100 + (cn_to_int(("一" + rest) if rest.startswith("十") else rest)
                                                      if rest else 0)
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    value = 0
    for ch in numeral:
        value = value * 10 + _CN_DIGITS[ch]
    return value


def int_to_cn(n: int) -> str:
    """Convert 1..999 to the Chinese numeral used in section markers.

    Example: int_to_cn(13) == "十三", int_to_cn(20) == "二十", int_to_cn(4) == "四", int_to_cn(110) == "一百一十"
    """
    digits = "零一二三四五六七八九"
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        tail = "" if rest == 0 else ("零" + int_to_cn(rest) if rest < 10 else
                                     (int_to_cn(rest) if rest >= 20 else "一" + int_to_cn(rest)))
        return digits[hundreds] + "百" + tail
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def cn_date_to_iso(text: str) -> str | None:
    """Parse a 成文日期 written with digits or Chinese numerals.

    Example: cn_date_to_iso("二○一二年七月九日") == "2012-07-09"; cn_date_to_iso("2019年3月5日") == "2019-03-05"
    """
    m = re.search(r"([0-9〇○零一二三四五六七八九Ｏ]{4})年([0-9一二三四五六七八九十]{1,3})月([0-9一二三四五六七八九十]{1,3})日", text)
    if not m:
        return None
    year = "".join(str(_CN_DIGITS.get(ch, ch)) for ch in m.group(1))
    month, day = cn_to_int(m.group(2)), cn_to_int(m.group(3))
    if not (year.isdigit() and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year}-{month:02d}-{day:02d}"


def tidy_spaces(line: str) -> str:
    """Drop spaces next to Chinese characters (extraction artefacts), keep tabs and Latin spacing.

    Example: tidy_spaces("　　关于印发 《要点》 25 条") == "关于印发《要点》25条"
    """
    return _SPACE_NEAR_CJK.sub("", line).strip(" \u00a0\u3000")


def split_sentences(text: str) -> list[str]:
    """Split at 。；！？ keeping the punctuation, and before an item 2．3．… run on after the one before; empty
    pieces are dropped.

    Example: split_sentences("甲。乙；丙") == ["甲。", "乙；", "丙"];
    split_sentences("1．甲罪（第1条）2．乙罪") == ["1．甲罪（第1条）", "2．乙罪"]
    """
    return [s for s in (p.strip() for p in _SENT_SPLIT.split(text)) if s]


def normalize_brackets(marker: str) -> str:
    """Write a section marker with full-width brackets, as citations do.

    Example: normalize_brackets("(三)") == "（三）"
    """
    return marker.replace("(", "（").replace(")", "）")


# A 文号 as a line of its own under a title: 法释〔2024〕13号, 国发〔2019〕5号.
DOC_NUMBER_LINE_RE = re.compile(r"^[\u4e00-\u9fa5]{1,10}[〔\[【（(［]\s*\d{4}\s*[〕\]】）)］]\s*第?\d{1,4}\s*号$")


def said_shortened(name: str, plain: str) -> bool:
    """Whether a quoted name is in the text, whole or shortened as people quote a heading: its opening and
    closing words kept, a few characters between dropped (「提高公开实效」 for 「提高政府信息公开实效」).

    Example: said_shortened("提高公开实效", "三、努力提高政府信息公开实效") is True; said_shortened("护航行动", "开展执法行动") is False;
    said_shortened("用好热线和领导信箱", "用好用活市民服务热线、领导信箱") is True
    """
    if name in plain:
        return True
    if len(name) < 4:
        return False
    # 「和」「及」「与」 in a quote may stand for the text's 「、」 (「热线和领导信箱」 for 「热线、领导信箱」)
    inner = "".join("[^，。；、]{0,5}?[和及与、]?" if ch in "和及与" else f"[^，。；、]{{0,5}}?{re.escape(ch)}"
                    for ch in name[2:-2])
    found = re.search(re.escape(name[:2]) + inner + r"[^，。；、]{0,5}?" + re.escape(name[-2:]), plain)
    return found is not None and len(found.group(0)) <= 2 * len(name)


# A sentence that opens a target year's paragraph: 「到2025年，」「2020年底前，」「至2022年，」.
_YEAR_OPENS = re.compile(r"^(?:到|至|截至|在)?(\d{4})年(?:底|末|前|以前|底前)?[，,]")
# A sentence that opens another numbered item ends the year's reach.
_ITEM_OPENS = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+条)")


def year_scopes(sentences: Sequence[str], year: str = "") -> list[str]:
    """The target year each sentence speaks under ('' outside one): a section that sets goals 「到2020年，…」
    then 「到2025年，…」 says each figure for the year whose paragraph it sits in; year is the one in force
    before the first sentence (a chunk that continues a paragraph).

    Example: year_scopes(["到2020年，甲。", "率达到70%。", "到2025年，乙。", "率达到75%。"])
             == ["2020", "2020", "2025", "2025"]
    """
    out = []
    for sentence in sentences:
        opens = _YEAR_OPENS.match(sentence)
        if opens:
            year = opens.group(1)
        elif _ITEM_OPENS.match(sentence):
            year = ""
        out.append(year)
    return out


def char_bigrams(text: str) -> list[str]:
    """The pairs of adjacent characters of a text's words (punctuation and spaces dropped)."""
    plain = re.sub(r"[^\w]", "", text)
    return [plain[i:i + 2] for i in range(len(plain) - 1)]
