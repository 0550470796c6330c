"""The real Assistant over the bundled corpus: retrieval, scoping, answers, refusals, follow-ups, bad input."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document as LCDocument

from assistant.query import condense, detect_intent, is_followup
from vectorstore.scope import doc_years


def test_retrieve_returns_best_section_first(bot):
    hits = bot.retrieve("静安区政务公开在绩效考核中的分值权重", k=5)
    assert hits[0].section == "五、（六）" and hits[0].doc_title == "2017年静安区政务公开工作要点"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len(hits) == 5


def test_scope_filters_by_region_year_and_doc_number(bot):
    s = bot.searcher
    assert s.scope("2013年成都的安排").doc_ids == ("2013_成都市_当前政府信息公开重点工作安排",)
    assert set(s.scope("上海的要点").doc_ids or ()) >= {"2017_静安区_政务公开工作要点", "2019_上海市_政务公开工作要点"}
    assert s.scope("沪府办发〔2012〕46号").doc_ids == ("2012_上海市_政务公开和政务服务工作要点",)
    assert s.scope("北京市2019年的要点").doc_ids == () and "北京市" in s.scope("北京市的要点").missing
    assert s.scope("争取到2014年实现什么").doc_ids is None  # a year inside the text is not a document year
    assert doc_years("2019年上海市政务公开工作要点") == [2019]


def test_section_reference_is_retrieved_first(bot):
    hits = bot.retrieve("2019年上海要点任务分解表序号37", k=3)
    assert hits[0].section == "附件（序号37）"
    hits = bot.retrieve("2013年上海安排第（十一）项", k=3)
    assert hits[0].section == "一、（十一）"


def test_langchain_retriever_interface(bot):
    docs = bot.retriever.invoke("成都市环境保护信息公开牵头单位")
    assert docs and isinstance(docs[0], LCDocument)
    assert docs[0].metadata["section"] and docs[0].metadata["doc_id"].startswith("2013_成都市")


@pytest.mark.parametrize("question, must, section", [
    ("2019年上海市政务公开工作要点要求政务公开在绩效考核中的分值不低于多少？", "4分", "六、（一）"),
    ("成都市推进环境保护信息公开的牵头单位是哪个？", "市环保局", "一、（六）"),
    ("2019年上海出台全面推行行政执法公示制度实施意见的完成时限是什么？", "一季度", "附件（序号8）"),
    ("2019年上海市政务公开工作要点第四部分的标题是什么？", "推动平台渠道整合协同发展", "四、"),
    ("2019年上海市政务公开工作要点的文号是什么？", "沪府办发〔2019〕7号", ""),
    # Latin terms match case-insensitively ("IPv6" in the question and the appendix row).
    ("2019年上海要点中推进政府网站部署IPv6的任务完成时限是什么？", "上半年", "附件（序号30）"),
])
def test_answers_are_correct_and_cite_the_section(bot, question, must, section):
    ans = bot.ask(question)
    assert not ans.refused
    assert must in ans.text
    assert ans.citations[0].section == section
    assert "[1]" in ans.text and ans.citations[0].quote


def test_comparison_answers_each_side_with_its_own_citation(bot):
    ans = bot.ask("2013年上海和成都推进保障性住房信息公开分别由哪个部门牵头？")
    assert "市住房保障房屋管理局" in ans.text and "市房管局" in ans.text
    assert {c.doc_id for c in ans.citations} == {"2013_上海市_当前政府信息公开重点工作安排",
                                                   "2013_成都市_当前政府信息公开重点工作安排"}


def test_a_fact_the_document_does_not_state_is_refused_with_why(bot):
    ans = bot.ask("2017年静安区政务公开工作要点的发文机关是哪个？")
    assert ans.refused and "未载明发文机关" in ans.text and not ans.citations


@pytest.mark.parametrize("question", [
    "北京市2019年政务公开工作要点提出了哪些任务？",
    "上海市2019年的最低工资标准是多少？",
    "成都市的个人所得税起征点是多少？",
])
def test_unanswerable_questions_are_refused_plainly(bot, question):
    ans = bot.ask(question)
    assert ans.refused and ans.text.startswith("根据现有文件未找到") and not ans.citations


def test_follow_up_uses_history(bot):
    history = [{"role": "user", "content": "成都市推进环境保护信息公开的牵头单位是哪个？"},
               {"role": "assistant", "content": "市环保局"}]
    ans = bot.ask("那上海2013年的呢？", history=history)
    assert "上海" in ans.standalone_question and "环境保护" in ans.standalone_question
    assert "市环保局" in ans.text and ans.citations[0].section == "一、（五）"


def test_topic_terms_and_coverage():
    from assistant.extractive import asked_unit, content_terms, coverage

    terms = content_terms("2019年上海开放公共数据集达到多少个？")
    assert "上海" not in terms and "多少" not in terms and "2019" not in terms
    assert coverage(["数据集", "ipv6"], "公共数据集与IPv6") == 1.0
    assert coverage(["最低工资"], "分值不低于4分") == 0.0
    assert asked_unit("涉及几个分领域？") == ("个", "分领域")


def test_condense_and_intent_rules():
    hist = [{"role": "user", "content": "2019年上海市政务公开工作要点的文号是什么？"}]
    assert condense("那2012年的呢？", hist) == "2012年上海市政务公开工作要点的文号是什么？"
    assert condense("那成都呢？", [{"role": "user", "content": "上海的文号是什么？"}]) == "成都的文号是什么？"
    assert condense("2019年上海的文号？", hist) == "2019年上海的文号？"  # not a follow-up: unchanged
    assert is_followup("那成都呢？") and not is_followup("成都市环境保护信息公开的牵头单位是哪个？")
    assert detect_intent("成都市环境保护信息公开的牵头单位是哪个？") == "lead"
    assert detect_intent("上海和成都分别怎样？") == "compare"
    assert detect_intent("完成时限是什么？") == "deadline"


@pytest.mark.parametrize("bad, words", [("", "不能为空"), ("   \n", "不能为空"), ("问" * 10000, "太长")])
def test_bad_questions_raise_value_error_in_chinese(bot, bad, words):
    with pytest.raises(ValueError, match=words):
        bot.ask(bad)
    with pytest.raises(ValueError, match=words):
        bot.retrieve(bad)


def test_chain_is_a_langchain_runnable(bot):
    ans = bot.chain.invoke({"question": "2019年上海市政务公开工作要点的文号是什么？", "history": []})
    assert "沪府办发〔2019〕7号" in ans.text
    assert set(ans.timings_ms) == {"condense_ms", "retrieve_ms", "answer_ms"}
