"""The answerer's parts: normalization, follow-ups, evidence checks and answer forms; then whole answers."""

from __future__ import annotations

import pytest

from assistant.evidence import NUMBER_RE, constraint_gaps, figures, meaningful
from assistant.followup import answer_items, resolve_followup
from assistant.forms import fragment
from assistant.normalize import arabic_figures, cn_number, normalize_question
from assistant.outline import ancestors
from assistant.query import content_terms, detect_intent
from evals.metrics import same_section


def test_normalization_traditional_fullwidth_colloquial_and_short_years():
    assert normalize_question(" 19年上海那個要點裡，網站啥時候弄完？ ") == "2019年上海那个要点里，网站什么时候完成？"
    assert normalize_question("２０１３年成都") == "2013年成都"
    assert normalize_question("90年代") == "90年代"  # not a year of a document
    assert cn_number("三十") == 30 and cn_number("一百零五") == 105 and cn_number("两千") == 2000
    assert arabic_figures("不低于五分，百分之三十") == "不低于5分，30%"


def test_question_forms():
    assert detect_intent("静安区2017年在政策解读方面有哪些要求？") == "summary"
    assert detect_intent("“五公开”具体指哪些？") == "list"
    assert detect_intent("哪些文件提到了政务新媒体？") == "cross_doc"
    assert detect_intent("2019年上海要点是否要求公开财政预算？") == "yes_no"
    assert detect_intent("这项任务的完成时限是什么？") == "deadline"  # 什么？ is not a yes/no 么
    assert detect_intent("2012年要点是谁制订的？") == "drafter"
    assert content_terms("“五公开”具体指哪些？") == ["五公开"]


def test_follow_ups_resolve_ordinals_and_pronouns():
    prev = [{"role": "user", "content": "2019年上海要点里“五公开”指哪些？"},
            {"role": "assistant", "content": "“五公开”包括决策公开、执行公开、管理公开、服务公开和结果公开。"}]
    assert answer_items(prev[1]["content"]) == ["决策公开", "执行公开", "管理公开", "服务公开", "结果公开"]
    assert resolve_followup("第二个具体是怎么要求的？", prev) == "2019年上海执行公开具体是怎么要求的？"
    assert resolve_followup("最后一项呢？", prev).startswith("2019年上海结果公开")
    listed = [{"role": "user", "content": "2013年成都安排有哪些部分？"},
              {"role": "assistant", "content": "- 一、大力推进重点领域信息公开[1]\n- 二、加强平台建设[2]"}]
    assert resolve_followup("第二个呢？", listed).startswith("2013年成都二、加强平台建设")
    ipv6 = [{"role": "user", "content": "2019年上海要点中推进政府网站部署IPv6的任务完成时限是什么？"},
            {"role": "assistant", "content": "上半年"}]
    out = resolve_followup("那它的牵头单位呢？", ipv6)
    assert out.startswith("2019年上海") and "ipv6" in out and "牵头单位" in out
    assert resolve_followup("那成都呢？", [{"role": "user", "content": "上海的文号是什么？"}]) == "成都的文号是什么？"


def test_constraints_the_evidence_must_state():
    assert constraint_gaps("2019年数据开放的预算是多少？", "开放公共数据集达到4000个", [2019]) == ["金额"]
    assert constraint_gaps("由市委宣传部牵头吗？", "（市信访办牵头）") == ["市委宣传部"]
    assert constraint_gaps("2020年要达到什么目标？", "年内完成", [2019]) == ["2020年"]
    assert constraint_gaps("财政援助资金计划的牵头单位是哪个？", "（牵头单位：市财政局）") == []
    assert figures("2019年分值不低于四分，达到4000个") == {"4分", "4000个"}
    assert not meaningful("👍👍？？") and meaningful("政务公开")


def test_small_text_helpers():
    assert ancestors("五、（三）1.") == ["五、（三）", "五、"] and ancestors("一、") == []
    assert fragment("各单位要严格按照国家要求,将政务公开纳入绩效考核范围,且分值不低于4分。", NUMBER_RE) == "且分值不低于4分"
    assert same_section("第三十三条第二款", "第三十三条") and not same_section("五、", "五、（三）")
    assert not same_section("第三条", "第三十三条")
    # blind writers name unnumbered parts and 决定-style parts their own way
    assert same_section("", "落款") and same_section("", "文头") and not same_section("", "五、")
    assert same_section("二、（一）", "二、(一)") and same_section("", "正文末段")  # half-width brackets, a closing paragraph
    assert same_section("", "印发通知") and same_section("", "转发通知")  # the covering notice, however a reader names it
    assert same_section("十、", "第十部分第二段") and not same_section("十、", "第一部分")


@pytest.mark.parametrize("question, musts, sections", [
    # A list taken from the section tree: the items under the part whose heading names the topic.
    ("“五公开”具体指哪些？", ["推进决策公开", "推进执行公开和结果公开"], {"一、（一）", "一、（二）", "一、（三）"}),
    # A summary of one section, every point cited to it.
    ("静安区2017年在政策解读方面有哪些要求？", ["同步起草、同步审签、同步发布"], {"四、（三）"}),
    # Colloquial, with a two-digit year: the appendix row's deadline.
    ("19年上海那个要点里面，政府网站要改IPv6，啥时候弄完？", ["上半年"], {"附件（序号30）"}),
    # Traditional characters.
    ("2019年上海要點要求政務公開在績效考核中的分值不低於多少？", ["4分"], {"六、（一）"}),
])
def test_answer_forms_on_the_bundled_corpus(bot, question, musts, sections):
    ans = bot.ask(question)
    assert not ans.refused, ans.text
    for must in musts:
        assert must in ans.text
    assert {c.section for c in ans.citations} <= sections | {""} and ans.citations


def test_cross_document_answer_has_one_line_per_document(bot):
    ans = bot.ask("哪些文件提到了政务新媒体？")
    assert len({c.doc_id for c in ans.citations}) >= 2
    assert len([ln for ln in ans.text.splitlines() if ln.startswith("- ")]) == len(ans.citations)


def test_refusals_show_the_nearest_clauses_and_meaningless_input_is_refused(bot):
    ans = bot.ask("上海市2019年政务公开工作的预算是多少？")
    assert ans.refused and "金额" in ans.text and "最接近的条款" in ans.text and not ans.citations
    ans = bot.ask("👍👍")
    assert ans.refused and "最接近" not in ans.text


def test_city_and_district_are_kept_apart_in_a_comparison(bot):
    ans = bot.ask("上海市和静安区分别对政务公开纳入绩效考核的分值有什么要求？")
    assert "4分" in ans.text and "4%" in ans.text
    assert {c.doc_id for c in ans.citations} == {"2019_上海市_政务公开工作要点", "2017_静安区_政务公开工作要点"}


def test_a_follow_up_without_history_asks_for_the_whole_question(bot):
    ans = bot.ask("那成都呢？")
    assert ans.refused and "没有上文" in ans.text and not ans.citations
    hist = [{"role": "user", "content": "上海2013年环境保护信息公开由谁牵头？"}, {"role": "assistant", "content": "市环保局"}]
    assert not bot.ask("那成都呢？", history=hist).refused
