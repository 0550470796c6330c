"""Questions: validation, what kind of answer they want, and follow-ups rewritten with their history."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ingest.regions import find_regions

MAX_QUESTION_CHARS = 2000

# Ordered: the first intent whose pattern matches wins.
INTENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("doc_number", re.compile(r"文号|发文字号|字号")),
    ("issuer", re.compile(r"发文机关|发文单位|哪个机关(印发|发布|制定)|由(谁|哪个机关|哪个单位)(印发|发布|制定)|印发机关")),
    ("date", re.compile(r"印发日期|成文日期|发文日期|(什么时候|哪天|何时|哪一天|几月几日)(印发|发布|成文|发文|出台)|印发于|日期")),
    ("title", re.compile(r"(是|叫)什么文件|文件(名称|标题|全称)|标题是什么文件")),
    ("count_rows", re.compile(r"(任务分解表|附件).{0,6}(多少|几)(项|条|个)|(多少|几)(项|条)任务")),
    ("parts", re.compile(r"(几个|哪几个|哪些|多少个)(部分|方面)|分为(几|哪)|由哪几部分|包括哪几部分|结构")),
    ("section_title", re.compile(r"(部分|项|条)的?(标题|题目|名称)|标题是什么|讲(的是)?什么|是什么内容|主要内容|说了什么")),
    ("lead", re.compile(r"牵头|哪个部门|哪些部门|哪个单位|哪些单位|负责部门|责任单位|由谁负责|谁负责|负责单位|主管")),
    ("deadline", re.compile(r"完成时限|时限|什么时候完成|何时完成|截止|期限|哪一年|哪年|什么时候|何时|多久|多少日内|几日内|多少天")),
    ("quantity", re.compile(r"多少|几个|几项|几类|几大|几次|不低于|不少于|比例|分值|权重|数量|几家")),
    ("list", re.compile(r"哪些|哪几|包括什么|有什么|哪三|哪两|哪四|哪五|列举")),
]


def validate_question(question: object) -> str:
    """Return the stripped question, or raise ValueError with a Chinese message."""
    if not isinstance(question, str):
        raise ValueError("问题必须是文本。")
    q = question.strip()
    if not q:
        raise ValueError("问题不能为空，请输入要查询的内容。")
    if len(q) > MAX_QUESTION_CHARS:
        raise ValueError(f"问题太长（{len(q)} 字），请精简到 {MAX_QUESTION_CHARS} 字以内。")
    return q


def detect_intent(question: str) -> str:
    """The kind of answer a question asks for.

    Example: detect_intent("成都市环境保护信息公开的牵头单位是哪个？") == "lead"
    """
    if len(find_regions(question)) >= 2 or re.search(r"分别|对比|比较|异同|区别", question):
        return "compare"
    for name, rx in INTENT_PATTERNS:
        if rx.search(question):
            return name
    return "general"


_FOLLOWUP_START = re.compile(r"^(那|那么|还有|另外|再|同样|它|其|该|这个|这份|那份|那个)")
_YEAR = re.compile(r"(\d{4})\s*年(?:度)?")


def is_followup(question: str) -> bool:
    """True for short questions that lean on the previous turn.

    Example: is_followup("那成都呢？") is True; is_followup("2019年上海市政务公开要点的文号是什么？") is False
    """
    q = question.strip()
    return bool(_FOLLOWUP_START.match(q) or re.search(r"呢[？?]?$", q) or len(q) <= 6)


def last_user_question(history: Sequence[Any] | None) -> str | None:
    """The latest user turn in a chat history ([{"role": "user", "content": ...}, ...] or (user, bot) pairs)."""
    for turn in reversed(list(history or [])):
        if isinstance(turn, dict):
            if turn.get("role") == "user" and str(turn.get("content", "")).strip():
                return str(turn["content"]).strip()
        elif isinstance(turn, (list, tuple)) and turn and turn[0]:
            return str(turn[0]).strip()
    return None


def condense(question: str, history: Sequence[Any] | None) -> str:
    """Rewrite a follow-up as a standalone question using the previous user question.

    Names in the follow-up (regions, years) replace those of the previous question; anything else is
    appended to it.
    Example: condense("那成都呢？", [{"role": "user", "content": "上海的文号是什么？"}]) == "成都的文号是什么？"
    """
    prev = last_user_question(history)
    if not prev or not is_followup(question):
        return question
    new_regions = _region_surfaces(question)
    new_years = _YEAR.findall(question)
    base = prev
    if new_regions:
        old = _region_surfaces(prev)
        if old:
            base = base.replace(old[0], new_regions[0], 1)
            for extra in old[1:]:
                base = base.replace(extra, "", 1)
        else:
            base = new_regions[0] + base
    if new_years:
        old_years = _YEAR.findall(base)
        if old_years:
            base = base.replace(f"{old_years[0]}年", f"{new_years[0]}年", 1)
        else:
            base = f"{new_years[0]}年" + base
    rest = _strip_followup(question, new_regions, new_years)
    return base if not rest else f"{base.rstrip('？?。')}，{rest}"


def _region_surfaces(text: str) -> list[str]:
    """Region names as written in text (surface form, longest match), in order."""
    from ingest.regions import _VARIANTS

    found: list[tuple[int, str]] = []
    for surface, _canonical, _parent in _VARIANTS:
        i = text.find(surface)
        if i >= 0 and not any(i <= j < i + len(surface) or j <= i < j + len(s) for j, s in found):
            found.append((i, surface))
    return [s for _i, s in sorted(found)]


def _strip_followup(question: str, regions: list[str], years: list[str]) -> str:
    """What a follow-up asks beyond new names: "那牵头单位呢？" -> "牵头单位"."""
    rest = _FOLLOWUP_START.sub("", question.strip())
    for r in regions:
        rest = rest.replace(r, "")
    for y in years:
        rest = re.sub(rf"{y}\s*年(度)?", "", rest)
    rest = re.sub(r"(的)?(呢|吗|么)?[？?。！!]*$", "", rest).strip("，, 的")
    return rest if len(rest) >= 2 else ""
