"""Verification compares figures however they are written, and the bodies an answer names as 牵头 / 负责."""

from __future__ import annotations

import pytest

from assistant.verify import arabize, bodies_in, facts_in, verify_answer

REFUSAL = "根据现有文件未找到能回答该问题的内容。"
SOURCES = {
    1: "各单位要严格按照国家要求,将政务公开纳入绩效考核范围,且分值不低于4分。",
    2: "（九）推进环境保护信息公开。重点公开大气、水、土壤污染防治情况。（牵头单位：市环保局）",
    3: "到2020年，公共数据开放比例达到30%，开放数据集不少于四千个。",
    4: "在二〇一九年三月底前完成，每年开展两次评估。",
}


@pytest.mark.parametrize("answer, ok", [
    ("分值不低于4分[1]。", True),
    ("分值不低于四分[1]。", True),  # 四分 is 4分
    ("分值不低于五分[1]。", False),  # the source says 4分
    ("分值不低于5分[1]。", False),
    ("公共数据开放比例达到百分之三十[3]。", True),  # 百分之三十 is 30%
    ("公共数据开放比例达到百分之四十[3]。", False),
    ("公共数据开放比例达到30%[3]。", True),
    ("开放数据集不少于4000个[3]。", True),  # 四千个 in the source
    ("开放数据集不少于5000个[3]。", False),
    ("在2019年3月底前完成[4]。", True),  # 二〇一九年三月底
    ("每年开展2次评估[4]。", True),
    ("每年开展三次评估[4]。", False),
    ("分值不低于四分[2]。", False),  # a right figure cited to the wrong clause still fails
    ("这项工作十分重要[1]。", True),  # 十分 as an adverb is not a figure
])
def test_figures_are_compared_after_normalizing_numerals(answer, ok):
    check = verify_answer(answer, SOURCES, REFUSAL)
    assert check.ok is ok, check


@pytest.mark.parametrize("answer, ok", [
    ("推进环境保护信息公开由市环保局牵头[2]。", True),
    ("推进环境保护信息公开由市委宣传部牵头[2]。", False),  # the cited clause names another body
    ("牵头单位是市委宣传部[2]。", False),
    ("该项工作由市环保局负责[2]，市委宣传部配合。", False),  # every body in the sentence must be in the clause
    ("牵头单位是市环保局[1]。", False),  # cited to a clause that names no body
])
def test_bodies_named_as_lead_must_be_in_the_cited_clause(answer, ok):
    check = verify_answer(answer, SOURCES, REFUSAL)
    assert check.ok is ok, check
    if not ok:
        assert any(f.startswith("市") for _s, f in check.unsupported)


def test_numeral_and_body_helpers():
    assert arabize("不低于五分，百分之三十，二〇一九年，一百零五项，两个，百分之三点五") == "不低于5分，30%，2019年，105项，2个，3.5%"
    assert arabize("统一规范，进一步加强，十分重要") == "统一规范，进一步加强，十分重要"
    assert facts_in("分值不低于五分[1]") == ["5分"]
    assert bodies_in("该项工作由市委宣传部牵头[1]，市文旅局配合。") == ["市委宣传部", "市文旅局"]
    assert bodies_in("市委宣传部印发了通知。") == []  # not a 牵头 / 负责 sentence
    assert bodies_in("全部由市环保局负责") == ["市环保局"]
