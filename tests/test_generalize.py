"""Classes of questions and documents found failing on blind sets, each tested on examples written for the
class, not copied from those sets: how people name documents, ask for each of the items they counted,
follow up with a new topic, ask where a rule is, and ask for spans, sums and dates the text may not give."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.evidence import asked_unit, constraint_gaps, states_figure
from assistant.extractive import _asks_inside
from assistant.followup import answer_items, resolve_followup
from assistant.forms import FIRST_LEADS, duty_note
from assistant.normalize import arabic_figures, normalize_question
from assistant.query import content_terms, detect_intent, doc_fact_intents
from assistant.quoting import focus
from assistant.wording import question_parts
from ingest.attachments import in_attachment, own_first
from ingest.metadata import recipients_in
from ingest.parser import parse_document
from vectorstore.hybrid import section_matches, with_each_best
from vectorstore.scope import DocInfo, Scope, doc_years, placed_years, scope_of, topic_of, without_doc_names

ROOT = Path(__file__).resolve().parents[1]


def _doc(doc_id: str, title: str, region: str | None = None, year: int | None = None) -> DocInfo:
    return DocInfo(doc_id, title, None, region, None, year)


def _bot_on(tmp_path: Path, name: str, text: str) -> Assistant:
    """An assistant over one small document written for a test."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    return Assistant(replace(Settings.from_env(), chroma_path=str(tmp_path / "db"), corpus_dirs=(str(tmp_path / "docs"),)))


def _bot_over(root: Path, docs: dict[str, str]) -> Assistant:
    """An assistant over small documents written for a test, by file name."""
    (root / "docs").mkdir()
    for name, text in docs.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return Assistant(replace(Settings.from_env(), chroma_path=str(root / "db"), corpus_dirs=(str(root / "docs"),)))


# ---- naming documents -------------------------------------------------------------------------

def test_a_year_after_a_place_or_before_a_document_word_names_the_document():
    assert doc_years("2015年的通知里") == [2015] and doc_years("2018年工作方案") == [2018]
    assert placed_years("杭州2016年政务公开要求") == [2016] and placed_years("到2016年实现") == []
    docs = [_doc("a", "当前重点工作安排", "上海市", 2013), _doc("b", "工作要点", "上海市", 2012)]
    assert scope_of("上海2013年安排中，医疗信息怎么公开？", docs).doc_ids == ("a",)
    # a date inside a plan ("上海2020年要达到…") does not rule every document out when no plan is of that year
    assert scope_of("上海2020年要达到什么目标？", docs).doc_ids == ("a", "b")


def test_a_place_in_the_title_names_the_document_whatever_region_the_parser_gave():
    docs = [_doc("g", "杭州市城市供水管理条例", "浙江省"), _doc("s", "上海市供水条例", "上海市")]
    assert scope_of("杭州市的供水条例对水质有什么规定？", docs).doc_ids == ("g",)


def test_a_long_run_of_one_title_names_it_when_no_short_name_does():
    docs = [_doc("j", "最高人民法院关于审理食品药品纠纷案件适用法律若干问题的规定"),
            _doc("k", "最高人民法院关于审理旅游纠纷案件适用法律若干问题的规定")]
    assert scope_of("审理食品药品纠纷案件的司法解释第三条说了什么？", docs).doc_ids == ("j",)
    assert scope_of("食品药品纠纷案件第三条说了什么？", docs).doc_ids is None  # a short run is any law's words
    assert scope_of("纠纷案件适用法律若干问题怎么办？", docs).doc_ids is None  # shared by both titles


def test_a_shortened_name_ending_in_the_documents_kind_names_it():
    docs = [_doc("zt", "国家突发公共事件总体应急预案"), _doc("fx", "国家防汛抗旱应急预案"),
            _doc("ld", "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）"),
            _doc("sp", "最高人民法院、最高人民检察院关于办理危害食品安全刑事案件适用法律若干问题的解释")]
    assert scope_of("防汛应急预案第三部分讲什么？", docs).doc_ids == ("fx",)
    assert scope_of("高法劳动争议司法解释第十条怎么规定的？", docs).doc_ids == ("ld",)
    assert scope_of("两高食品安全司法解释里“足以造成严重食物中毒”指什么？", docs).doc_ids == ("sp",)
    assert scope_of("应急预案里怎么分级？", docs).doc_ids is None  # two titles fit equally: none is named
    assert scope_of("这个办法第三条讲什么？", docs).doc_ids is None


def test_the_words_that_named_the_document_are_not_matched_as_its_topic():
    scope = Scope(regions=("成都市",), years=(2013,), doc_ids=("c",))
    assert topic_of("成都2013年政务微博有什么要求？", scope, []) == "政务微博有什么要求？"
    kept = topic_of("成都2013年和2015年的目标", Scope(years=(2013,), doc_ids=("c",)), [])
    assert "2015年" in kept and "2013" not in kept and "成都" in kept  # only what did the scoping goes


# ---- what is asked ----------------------------------------------------------------------------

def test_a_date_wording_with_an_object_asks_a_deadline_not_the_documents_date():
    assert detect_intent("各部门应当在什么时候公布本部门的权责清单？") == "deadline"
    assert detect_intent("这个通知是什么时候印发的？") == "date"
    assert doc_fact_intents("该办法哪天发布的、自何时施行？") == ["date", "effective"]  # in the order asked
    assert doc_fact_intents("是以国务院令第几号公布的？哪天公布的？") == ["doc_number", "date"]


def test_when_a_document_was_issued_by_whom_or_which_came_first_asks_its_date():
    assert detect_intent("这份实施意见是哪天由省政府办公厅印发的？") == "date"
    assert detect_intent("各区应在什么时候由区政府公布本区的清单？") == "deadline"  # the verb has its own object
    assert detect_intent("杭州和宁波的两份方案哪份发布得更早？") == "compare"
    assert detect_intent("这两份方案哪份发布得更早？") == "date"


def test_two_questions_joined_by_a_comma_are_two_parts():
    assert question_parts("这份方案分成几个部分，一共多少项任务？") == ["这份方案分成几个部分", "一共多少项任务"]
    assert question_parts("按照2018年方案，各县要在多少天内办结？") == ["按照2018年方案，各县要在多少天内办结"]
    assert question_parts("办理时限是多久？能否延长？") == ["办理时限是多久", "能否延长"]


def test_a_mayor_or_a_phrase_with_de_is_no_body_the_clause_must_name():
    assert constraint_gaps("市长热线的来电办理结果能在网上查到吗？", "市长公开电话来电办理结果网上公开") == []
    assert "区文旅局" in constraint_gaps("区文旅局负责哪些场馆的开放信息？", "由区体育局负责场馆开放信息")


def test_what_a_document_outside_the_library_says_is_not_answered_from_a_clause_citing_it():
    assert _asks_inside("《杭州市数字政府建设三年行动计划》提出的主要目标是什么？", "杭州市数字政府建设三年行动计划")
    assert _asks_inside("《某某条例》中规定的罚款标准是多少？", "某某条例")
    assert not _asks_inside("依据《某某条例》，各区要公开哪些信息？", "某某条例")


def test_where_a_rule_is_asked_for_by_article_or_chapter():
    assert detect_intent("哪一条规定了复议申请的期限？") == "locate"
    assert detect_intent("关于法律责任的内容规定在哪一章？") == "locate"
    assert detect_intent("本章一共有几条？") == "count_items"


def test_each_alone_is_not_a_comparison_but_two_named_sides_are():
    assert detect_intent("第二部分一共有几项？分别是什么？") != "compare"
    assert detect_intent("北京和天津分别要求多少天内答复？") == "compare"
    assert detect_intent("2015年和2016年的要点分别提出几项任务？") == "compare"


def test_counting_words_and_chinese_counts():
    assert "几处" not in content_terms("公开哪几处河道的水质？") and "河道" in content_terms("公开哪几处河道的水质？")
    # no words guessed by jieba's HMM ("项说", "刑是"), and newer words whole
    assert content_terms("第七条第（二）项说的是什么情形？") == ["第七条", "情形"]
    assert "微博" in content_terms("哪些地方要求利用微博发布信息？")
    assert arabic_figures("落实两大任务、四种方式") == "落实2大任务、4种方式"
    assert states_figure("路程超过二十公里的", "公里") and not states_figure("路程较远的", "公里")


def test_a_span_of_years_is_not_stated_by_a_calendar_year():
    assert not states_figure("本办法自2021年1月1日起施行。", "年")
    assert states_figure("处三年以下有期徒刑", "年")


def test_amounts_and_dates_the_clause_does_not_give_are_gaps():
    assert "金额" in constraint_gaps("举报人最多能拿多少奖金？", "对举报人给予奖励")
    assert "金额" not in constraint_gaps("举报人最多能拿多少奖金？", "奖励金额最高为10万元")
    assert "具体日期" in constraint_gaps("平台要在哪一天之前建成？", "加快建成统一平台")
    assert constraint_gaps("平台要在哪一天之前建成？", "2020年6月底前建成统一平台") == []


# ---- answer pieces ----------------------------------------------------------------------------

def test_a_summary_of_a_long_section_reads_the_point_about_the_topic():
    sentences = ["推进社会领域公开。", "一是医疗。", "公开医院收费。", "二是养老。", "公开养老机构名录。",
                 "公开补贴标准。", "三是殡葬。", "公开殡葬服务价格。", "四是助残。", "公开助残政策。"]
    assert focus(sentences, "二是养老。", room=6) == ["二是养老。", "公开养老机构名录。", "公开补贴标准。"]
    assert focus(sentences[:4], "二是养老。", room=6) == sentences[:4]  # short: the whole section


def test_follow_ups_ordinals_into_the_answer_new_topics_and_inherited_documents():
    hist = [{"role": "user", "content": "2017年静安要点第一部分讲什么？"},
            {"role": "assistant", "content": "包括（一）推进权力清单公开、（二）推进财政信息公开、（三）推进国企信息公开三项。"}]
    assert answer_items(hist[1]["content"])[-1] == "（三）推进国企信息公开"
    assert "推进国企信息公开" in resolve_followup("第三条具体要求是什么？", hist)
    law = [{"role": "user", "content": "行政复议法规定申请期限是多久？"},
           {"role": "assistant", "content": "第二十条：自知道之日起六十日内提出。[1]"}]
    assert resolve_followup("第三条呢？", law).endswith("第三条呢？")  # an article of the law, not an item
    assert resolve_followup("听证程序有什么规定？", law).startswith("行政复议法")
    lead = [{"role": "user", "content": "成都2013年安排中环境保护信息公开谁牵头？"}, {"role": "assistant", "content": "市环保局"}]
    standalone = resolve_followup("那交通运输那条呢？", lead)
    assert "交通运输" in standalone and "环境保护" not in standalone and "2013" in standalone


def test_a_point_of_an_answer_that_was_no_list_and_the_topic_of_a_fully_named_question():
    units = [{"role": "user", "content": "2016年杭州方案里，住房保障信息公开由谁牵头？"},
             {"role": "assistant", "content": "市住保房管局、市财政局牵头，各区政府负责。"}]
    standalone = resolve_followup("其中第二点具体要求公开什么？", units)
    assert "市财政局" not in standalone and "住房" in standalone and "第二点" not in content_terms(standalone)
    from vectorstore.keyword import add_words

    add_words({"住房保障"})  # as indexing a document with the word does: the topic is then one word
    assert "市财政局" not in resolve_followup("其中第二点具体要求公开什么？", units)
    listed = [{"role": "user", "content": "2016年杭州方案里住房保障要公开哪些信息？"},
              {"role": "assistant", "content": "包括：保障房分配、租赁补贴发放和退出管理。"}]
    assert "租赁补贴发放" in resolve_followup("第二个由谁牵头？", listed)
    # A question that named its topic fully keeps it; the answer's other words do not join the follow-up.
    named = [{"role": "user", "content": "2016年杭州方案中养老服务机构信息公开要覆盖哪些方面？"},
             {"role": "assistant", "content": "共3个方面：机构资质、收费标准、服务质量评价。"}]
    standalone = resolve_followup("那这项工作的完成时限是什么时候？", named)
    assert "养老" in standalone and "收费标准" not in standalone


# ---- laws with 编 ------------------------------------------------------------------------------

LAW = """# 示范诉讼法

## 第一编 总则

### 第一章 任务

第一条 为了规范诉讼，制定本法。

第二条 本法适用于诉讼。

## 第二编 程序

### 第二章 第一审程序

#### 第一节 起诉

第三条 起诉应当符合下列条件：

（一）有明确的被告；

（二）有具体的诉讼请求。

### 第三章 第二审程序

第四条 当事人不服判决的，有权在判决书送达之日起十五日内提起上诉。
"""


def test_chapters_numbered_through_the_bian_and_titles_that_start_with_di():
    doc = parse_document(LAW, "示范诉讼法.md")
    chapters = [s for s in doc.sections if s.kind == "chapter"]
    assert [(s.path, s.heading) for s in chapters] == [("第一章", "任务"), ("第二章", "第一审程序"), ("第三章", "第二审程序")]
    article = next(s for s in doc.sections if s.path == "第三条")
    assert article.parent == "第二章第一节"
    assert section_matches("第二编第二章", Scope(chapter=2))  # a store parsed before keeps its 编 paths


# ---- whole answers ----------------------------------------------------------------------------

def test_a_count_then_each_item(bot):
    ans = bot.ask("2017年静安区政务公开工作要点第二部分一共有几项？分别是什么？")
    assert not ans.refused and re.search(r"共\d+项", ans.text)
    items = [c.section for c in ans.citations if c.section.startswith("二、（")]
    assert len(set(items)) >= 3  # the count cites its last item, the list every item


def test_a_new_topic_in_a_chat_about_one_document_stays_in_that_document(bot):
    hist = [{"role": "user", "content": "2019年上海市政务公开工作要点对政务新媒体有什么要求？"},
            {"role": "assistant", "content": "要规范政务新媒体的开设和管理。[1]"}]
    ans = bot.ask("政府公报方面有什么要求？", history=hist)
    assert not ans.refused and {c.doc_id for c in ans.citations} == {"2019_上海市_政务公开工作要点"}


def test_a_document_the_plan_implements_is_named_with_its_number(bot):
    ans = bot.ask("2012年上海市政务公开和政务服务工作要点贯彻的是中办、国办哪份文件？文号是多少？")
    assert not ans.refused and "中办发〔2011〕22号" in ans.text


@pytest.fixture(scope="module")
def law_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    corpus = tmp_path_factory.mktemp("law")
    shutil.copy(ROOT / "tests" / "data" / "realdocs" / "law_geren_xinxi_baohu_fa_2021.md", corpus)
    settings = replace(Settings.from_env(), chroma_path=str(tmp_path_factory.mktemp("law_chroma")),
                       corpus_dirs=(str(corpus),))
    return Assistant(settings)


def test_which_chapter_and_which_article(law_bot):
    ans = law_bot.ask("个人信息保护法里，向境外提供个人信息的规则规定在哪一章？")
    assert not ans.refused and "第三章" in ans.text and any(c.section == "第三章" for c in ans.citations)
    ans = law_bot.ask("个人信息保护法哪一条规定了向境外提供个人信息应当具备的条件？")
    assert not ans.refused and ans.text.startswith("规定在") and "第三十八条" in ans.text


def test_a_span_or_amount_the_law_does_not_give_is_refused(law_bot):
    assert law_bot.ask("个人信息保护法规定，举报违法处理个人信息的人能拿到多少奖金？").refused


def test_a_chapter_named_by_its_quoted_title(law_bot):
    ans = law_bot.ask("个人信息保护法“法律责任”一章包括哪些条？")
    assert not ans.refused and "第六十六条" in ans.text and "第七十一条" in ans.text
    assert any(c.section.startswith("第七章") or c.section.startswith("第六十六条") for c in ans.citations)


SPAN_RULES = """# 示范报告处理办法

<!-- INFO END -->

第一条 为了规范报告处理工作，制定本办法。

第二条 主管部门接到报告后应当及时作出处理并告知报告人，派出人员核查报告事项。

第三条 主管部门应当在接到报告后五个工作日内派出人员核查。

第四条 报告处理联席会议已于2030年6月16日召开第一次会议，审议通过工作制度。

第五条 报告处理联席会议一般每月召开两次，必要时可临时召开。

第六条 本办法自2030年1月1日起施行。
"""


def test_how_long_is_answered_by_a_clause_that_gives_the_span(tmp_path):
    bot = _bot_on(tmp_path, "示范报告处理办法.md", SPAN_RULES)
    ans = bot.ask("示范报告处理办法规定，主管部门接到报告后应当在多长时间内派出人员核查报告事项？")
    assert not ans.refused and "五个工作日" in ans.text and ans.citations[0].section.startswith("第三条")
    # how often: a frequency is the span asked for, and a date (「6月16日」) is none
    ans = bot.ask("报告处理联席会议一般多久召开一次？")
    assert not ans.refused and "每月召开两次" in ans.text and ans.citations[0].section.startswith("第五条")


def test_a_text_of_articles_only_has_no_chapters_and_counts_its_articles(tmp_path):
    bot = _bot_on(tmp_path, "示范报告处理办法.md", SPAN_RULES)
    ans = bot.ask("示范报告处理办法分了几章？一共有多少条？")
    assert not ans.refused and "不分章" in ans.text and "共六条" in ans.text
    assert [c.section for c in ans.citations] == ["第六条"]  # the count is checked against the last article


def test_two_structure_questions_each_about_its_own_part_of_the_law(law_bot):
    # the first asks about the whole law, the second names a chapter: the chapter does not scope the first
    ans = law_bot.ask("个人信息保护法共分几章？第五章叫什么？")
    assert not ans.refused and "共分八章" in ans.text and "第五章的标题是“个人信息处理者的义务”" in ans.text
    # 「各节分别是什么」 after counting a chapter's 节: each 节 by its title
    ans = law_bot.ask("个人信息保护法第二章分为几节？各节分别是什么？")
    assert not ans.refused and "共3节" in ans.text
    assert all(t in ans.text for t in ("一般规定", "敏感个人信息的处理规则", "国家机关处理个人信息的特别规定"))


# ---- what a question pins down ------------------------------------------------------------------

def test_constraints_a_question_names_are_read_as_people_mean_them():
    # a multiple is asked ("几倍"): a clause giving 倍 states it, a sum in 元 does not
    assert constraint_gaps("违反规定的，处违法所得几倍的罚款？", "没收违法所得，并处违法所得一倍以上五倍以下的罚款") == []
    assert constraint_gaps("违反规定的，处违法所得几倍的罚款？", "处五千元以上五万元以下的罚款") == ["倍数"]
    # 金额 named as a thing ("按每次购买金额计算") is not asked
    assert constraint_gaps("按每次购买金额分别计算赔偿时法院怎么处理？", "按购买总数在合理生活消费需要范围内支持") == []
    # "一年内" is stated as 每年 / 年内
    assert constraint_gaps("一年内至少要组织几次培训？", "每年至少组织一次业务培训") == []
    # a body with a word inserted in the text (区级部门: 区级行政部门)
    assert constraint_gaps("区级部门要公开什么？", "各区级行政部门要公开权力清单") == []
    # a district the section never names, unless it is the document's own
    assert constraint_gaps("对海淀区的停车收费有什么专门规定？", "停车收费实行政府指导价") == ["海淀区"]
    assert constraint_gaps("对海淀区的停车收费有什么专门规定？", "停车收费实行政府指导价", (), "北京市海淀区停车管理办法") == []
    # "哪一年前建成" where the section gives no time at all
    assert constraint_gaps("统一平台要在哪一年前建成？", "推进建立和完善统一的电子政务平台") == ["时间"]
    assert constraint_gaps("统一平台要在哪一年前建成？", "2025年底前建成统一的电子政务平台") == []
    # "在什么时候公布" is answered by a relative time (决策前, 审议批准后): no calendar point is asked
    assert constraint_gaps("重大决策事项应在什么时候公布决策草案？", "决策前应当向社会公布决策草案") == []


def test_the_counter_may_close_the_question_after_words_of_its_own():
    from assistant.evidence import asked_unit

    assert asked_unit("每次违规要扣多少考核分？") == ("分", "")
    assert asked_unit("涉及几个分领域？") == ("个", "分领域")
    assert asked_unit("成交信息要在几个工作日内公布？") == ("日", "")  # days, which 「5大类」 does not state
    assert states_figure("包括项目概述、立项依据等7大要素", "个")


def test_question_wordings_of_a_date_a_place_in_the_document_and_a_label():
    assert detect_intent("市政府办公厅印发工作方案的通知是哪天发的？") == "date"
    assert detect_intent("公共数据开放放在哪个部分下面？") == "locate"
    assert detect_intent("包装上的字号太小，我能要求退货吗？") == "yes_no"  # 字号 of print, not 文号
    assert detect_intent("这份通知的发文字号是什么？") == "doc_number"


def test_a_local_law_adopted_by_the_city_and_approved_by_the_province():
    from assistant.forms import _from_head
    from assistant.wording import ADOPTED_WHEN
    from vectorstore.store import StoredChunk

    text = (ROOT / "tests" / "data" / "lawrefbook" / "local_dongying_yangquan_tiaoli_2017.md").read_text(encoding="utf-8")
    header = "\n".join(ln for ln in text.split("<!-- INFO END -->")[0].splitlines()[1:] if ln.strip())
    head = StoredChunk("h", header, {"title": "东营市养犬管理条例", "section": "", "kind": "preamble", "doc_id": "d"})
    assert detect_intent("东营市养犬管理条例经哪个机关批准？") == "approval"
    assert doc_fact_intents("养犬条例是哪天经市人大常委会通过的？从哪天起施行？") == ["approval", "effective"]
    assert "山东省第十二届" in _from_head("approval", "《东营市养犬管理条例》", [head], "经哪个机关批准？").text
    assert "东营市第八届" in _from_head("approval", "《东营市养犬管理条例》", [head], "经哪次会议通过？").text
    # 「哪年通过的」 asks the adoption date as 「哪天通过的」 does, and beside 施行 each is answered
    assert doc_fact_intents("养犬条例是哪年通过的，啥时候开始施行的？") == ["date", "effective"]
    assert ADOPTED_WHEN.search("哪年通过的？")  # so the date asked is the adoption's (docfacts)
    assert "2017年8月31日" in _from_head("approval", "《东营市养犬管理条例》", [head], "哪年通过的？").text
    assert doc_fact_intents("哪一年发布了养犬登记办法？") == []  # the verb has an object: a deadline, not the law's date


def test_a_penalty_is_quoted_to_the_end_of_its_sentence(law_bot):
    # 第六十六条 is one sentence of steps joined by 「；」: 拒不改正的 … 一百万元以下罚款 is part of the answer
    ans = law_bot.ask("处理个人信息的应用程序违法处理个人信息，按个人信息保护法会怎么处罚？")
    assert not ans.refused and "一百万元以下罚款" in ans.text and ans.citations[0].section.startswith("第六十六条")


def _turn(question: str, answer: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_a_follow_up_that_asks_a_whole_question_of_its_own_keeps_it_in_the_same_document():
    # own topic and own ask: the previous question's document, this question
    got = resolve_followup("那土壤环境方面要公开哪些信息？", _turn("杭州2015年的方案对空气质量信息多久发布一次？", "每月发布。"))
    assert got.startswith("2015年杭州") and got.endswith("土壤环境方面要公开哪些信息？")
    # a document named as what a task does (修订《…》) is the task, not the document asked of
    got = resolve_followup("那制定《杭州市数据开放办法》这项呢，什么时候完成？",
                           _turn("2019年杭州任务表里，修订《杭州市信息公开规定》要求什么时候完成？", "年底前完成。"))
    assert got == "2019年杭州制定《杭州市数据开放办法》什么时候完成？"
    # a pronoun in it stands for the previous topic
    got = resolve_followup("它的发布页面要增加什么功能？", _turn("宁波2018年要点里，推进权力清单公开由哪个部门牵头？", "市编办。"))
    assert "权力" in got and got.endswith("发布页面要增加什么功能？") and got.startswith("2018年宁波")


def test_every_document_that_mentions_a_topic_is_listed(bot):
    # the sections that carry the words count, not only each document's best-ranked hits; quotes inside a word
    # ("“三公”经费") do not hide it
    ans = bot.ask("哪些文件提到了三公经费？")
    assert not ans.refused and "共有4份文件" in ans.text
    assert {c.doc_id for c in ans.citations} == {"2012_上海市_政务公开和政务服务工作要点", "2013_上海市_当前政府信息公开重点工作安排",
                                                 "2013_成都市_当前政府信息公开重点工作安排", "2017_静安区_政务公开工作要点"}


def test_what_a_document_has_attached(bot):
    ans = bot.ask("2019年上海市政务公开工作要点附件的名称是什么？")
    assert not ans.refused and "《2019年上海市政务公开工作要点任务分解表》" in ans.text and "共42项" in ans.text
    assert [c.section for c in ans.citations] == ["附件"]  # the attachment, not its first row


def test_the_scoped_documents_title_words_and_question_words_are_no_topic():
    from assistant.clause_order import off_title

    assert "多长时间" not in content_terms("举报人应在多长时间内领取奖励？") and "多久" not in content_terms("最长能延长多久？")
    docs = [_doc("a", "公民举报危害国家安全行为奖励办法")]
    assert off_title(["举报", "获奖", "领取"], Scope(doc_ids=("a",)), docs) == ["获奖", "领取"]
    assert off_title(["举报", "奖励"], Scope(doc_ids=("a",)), docs) == ["举报", "奖励"]  # nothing else left
    assert off_title(["举报", "获奖"], Scope(doc_ids=None), docs) == ["举报", "获奖"]  # no one document


def test_a_remedy_the_law_never_provides_is_refused(law_bot):
    # 复核 appears nowhere in the law: a clause on another step (投诉、举报) would answer something else
    for q in ("个人信息保护法规定，个人对处理者拒绝其查阅请求不服的，可以向哪个部门申请复核？",
              "个人信息保护法规定，个人信息处理者拒绝个人行使权利请求的，个人能不能申请复核？"):
        ans = law_bot.ask(q)
        assert ans.refused and "复核" in ans.text, q


# ---- second fresh blind batch (heldout_e, realdocs_e): classes, tested on other documents -------------

def test_two_counts_in_one_clause_are_two_questions():
    assert question_parts("行政复议法共有几章、多少条？") == ["行政复议法共有几章", "多少条"]
    assert question_parts("由哪个机关通过、又由哪个机关批准的？") == ["由哪个机关通过", "又由哪个机关批准的"]
    assert question_parts("教育、卫生领域分别公开什么？") == ["教育、卫生领域分别公开什么"]  # a list is no question


def test_numbered_asks_dates_named_as_nouns_and_copies_are_recognised():
    assert detect_intent("信息公开包括哪5个方面？") == "list" and detect_intent("要做好哪七项工作？") == "list"
    assert doc_fact_intents("这份通知的成文日期和印发日期分别是哪天？") == ["date"]
    assert detect_intent("那抄送给了哪些单位？") == "copied"
    assert detect_intent("修订时的国务院令是第几号？") == "doc_number"


def test_a_year_or_a_fee_the_section_does_not_give_is_a_gap():
    assert "年份" in constraint_gaps("政务服务热线是哪一年开通的？", "进一步加强政务服务热线建设，及时回应群众诉求。")
    assert constraint_gaps("政务服务热线是哪一年开通的？", "2015年开通政务服务热线。") == []
    assert constraint_gaps("申请登记要交多少登记费？", "申请人应当向登记机关提交下列材料。") == ["费用"]
    # a fine is no fee: 「并处一千元以上罚款」 does not say what the registration costs
    assert constraint_gaps("办证每年要交多少管理费？", "伪造证件的，并处一千元以上五千元以下罚款。") == ["费用"]
    assert constraint_gaps("办证每年要交多少管理费？", "管理费每年每证200元。") == []


def test_revision_lines_date_the_version_and_give_its_order_number():
    from ingest.header import normalize_ling, promulgation_facts

    facts = promulgation_facts(["2019年3月2日 中华人民共和国国务院令第709号公布",
                                "2024年12月6日 中华人民共和国国务院令第797号修订）"])
    assert (facts.doc_number, facts.date, facts.amended) == ("国务院令第797号", "2024-12-06", True)
    # a 修改 by a decision with no order number keeps the original number, and dates the version
    facts = promulgation_facts(["2021年7月2日 国家市场监督管理总局令第42号公布", "2022年9月29日 《关于修改部分规章的决定》修改"])
    assert (facts.doc_number, facts.date) == ("国家市场监督管理总局令第42号", "2022-09-29")
    assert normalize_ling("2024年12月6日中华人民共和国国务院令第797号修订") == "国务院令第797号"


def test_copied_to_and_local_government_rules():
    from ingest.classify import category_of
    from ingest.metadata import copied_in

    assert copied_in(["抄送：区委各部门，区人大常委会办公室，区政协办公室。", "2017年3月1日印发"]) == \
        "区委各部门，区人大常委会办公室，区政协办公室"
    assert copied_in(["2017年3月1日印发"]) is None
    adopted = "2010年5月4日 杭州市人民政府第12次常务会议审议通过"
    assert category_of("规定", "杭州市人民政府", None, False, adopted) == "地方政府规章"
    assert category_of("办法", "杭州市人民政府", None, False, "") is None  # a normative document shows no such step


@pytest.fixture(scope="module")
def structure_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    corpus = tmp_path_factory.mktemp("structure")
    shutil.copy(ROOT / "tests" / "data" / "realdocs" / "law_xingzheng_fuyi_fa_2023.md", corpus)
    shutil.copy(ROOT / "tests" / "data" / "realdocs" / "law_xingzheng_xuke_fa_2019.md", corpus)
    shutil.copy(ROOT / "evals" / "realdocs_d" / "local_weihai_parking_2021.md", corpus)  # the eval copy
    settings = replace(Settings.from_env(), chroma_path=str(tmp_path_factory.mktemp("structure_chroma")),
                       corpus_dirs=(str(corpus),))
    return Assistant(settings)


def test_each_structure_part_keeps_its_own_scope(structure_bot):
    ans = structure_bot.ask("行政复议法一共分为几章？第四章下面分了几节？全法共多少条？")
    assert not ans.refused and "七章" in ans.text and "共5节" in ans.text and "共90条" in ans.text
    ans = structure_bot.ask("行政复议法共有几章、多少条？")
    assert not ans.refused and "七章" in ans.text and "共90条" in ans.text
    assert [c.section for c in ans.citations] == ["第七章", "第九十条"]  # counts cite the last chapter and article


def test_which_jie_a_chapter_has_are_named(structure_bot):
    ans = structure_bot.ask("行政复议法第二章包括哪几节？")
    assert not ans.refused and all(h in ans.text for h in ("行政复议范围", "行政复议参加人", "申请的提出", "行政复议管辖"))


def test_adoption_and_approval_are_each_answered(structure_bot):
    ans = structure_bot.ask("威海市停车管理和服务条例是由哪个机关通过、又由哪个机关批准的？")
    assert not ans.refused and "威海市第十七届人民代表大会常务委员会" in ans.text and "山东省" in ans.text
    assert ans.text.index("威海市第十七届") < ans.text.index("山东省")
    ans = structure_bot.ask("行政许可法是哪一天通过的？")  # adopted 2003, amended 2019: the adoption is asked
    assert not ans.refused and "2003年8月27日" in ans.text


RATE_RULES = """# 示范货款结算办法

<!-- INFO END -->

第一条 为了规范货款结算，制定本办法。

第二条 买方应当按期支付货款。买卖双方对逾期付款的违约金比例有约定的，约定比例不得高于每日万分之五。未作约定的，按照每日万分之三计算违约金。

第三条 本办法自2024年1月1日起施行。
"""


def test_a_negated_condition_is_answered_by_the_clause_for_that_case(tmp_path):
    bot = _bot_on(tmp_path, "示范货款结算办法.md", RATE_RULES)
    ans = bot.ask("示范货款结算办法中，双方没有约定违约金比例的，违约金按什么比例计算？")
    assert not ans.refused and "万分之三" in ans.text.split("\n")[0]


def test_a_compared_side_takes_its_year_along_and_a_phrase_has_a_head():
    from assistant.wording import head_terms, remove_place

    assert remove_place("成都市2013年和上海市2019年分别怎么要求？", "上海市") == "成都市2013年和分别怎么要求？"
    assert remove_place("2012年上海和2017年静安区有何不同", "静安区") == "2012年上海和有何不同"
    assert head_terms("哪些文件提到了高等学校的招生信息公开？") == ["招生"]
    assert head_terms("哪些文件提到了行政审批的建设？") == []  # a generic head would match anything
    assert head_terms("哪些文件提到了三公经费？") == []


def test_figures_in_measures_and_parts_per_ten_thousand():
    from assistant.evidence import figures, states_figure

    assert figures("昼间不得超过55分贝，每户不超过120平方米") == {"55分贝", "120平方米"}
    assert figures("按照每日千分之三计算") == {"千分之三"} and "5分" in figures("不低于五分")
    assert not states_figure("每个村民一户只能拥有一处住房。")  # 一户, 一处 are articles, not figures


def test_who_acts_in_a_penalty_articles_lead_in(tmp_path):
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "tests" / "data" / "realdocs" / "reg_youhua_yingshang_huanjing_tiaoli_2019.md", tmp_path / "docs")
    bot = Assistant(replace(Settings.from_env(), chroma_path=str(tmp_path / "db"), corpus_dirs=(str(tmp_path / "docs"),)))
    ans = bot.ask("优化营商环境条例规定，公用企事业单位强迫市场主体接受不合理的服务条件的，由哪个部门责令改正？")
    assert not ans.refused and "由有关部门责令改正" in ans.text and ans.citations[0].section.startswith("第七十条")


def test_a_later_part_that_only_repeats_the_earlier_quote_adds_nothing():
    from assistant.wording import repeats

    said = "根据《示范条例》第九条：城区每户不超过60平方米；郊区每户不超过90平方米。[1]"
    assert repeats("郊区每户不超过90平方米。\n根据《示范条例》第九条：郊区每户不超过90平方米；[2]", said)
    assert not repeats("牵头单位：市住建局。\n根据《示范条例》第九条：城区每户不超过60平方米；[2]", said)


# ---- third blind batch (heldout_f, realdocs_f): classes, tested on other documents ---------------------

def test_a_titles_ordinal_is_no_item_and_a_place_in_a_body_is_no_document():
    from vectorstore.scope import without_titles

    docs = [_doc("ld", "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）"), _doc("dy", "东营市养犬管理条例", "东营市")]
    assert scope_of("劳动争议案件适用法律问题的解释（一）一共有多少条？", docs).item is None
    assert scope_of("《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第三条说了什么？", docs).item is None
    assert scope_of("第（一）项是什么？", docs).item == 1  # a bare item reference still is one
    s = scope_of("东营市养犬管理条例是哪天经山东省人大常委会批准的？", docs)
    assert s.doc_ids == ("dy",) and not s.missing
    assert without_titles("按劳动争议解释（二），第五条") == "按劳动争议解释 ，第五条"


def test_a_followup_keeps_a_document_named_with_its_ordinal():
    history = [{"role": "user", "content": "按劳动争议解释（一），劳动者主张加班费的，谁负举证责任？"},
               {"role": "assistant", "content": "劳动者应当就加班事实的存在承担举证责任（第四十二条）。"}]
    resolved = resolve_followup("那这种情况下用人单位要提供什么证据？", history)
    assert "劳动争议解释（一）" in resolved and "（一） " not in resolved.split("解释（一）", 1)[1]


def test_people_counted_a_story_and_a_named_period():
    from assistant.evidence import asked_unit

    assert asked_unit("执法时至少要来几个人？") == ("人", "")
    assert constraint_gaps("我家孩子被狗咬了三次，每一次能要求赔多少？", "每次赔偿不低于500元") == []  # the story's 三次
    assert "有效期" in constraint_gaps("许可证的有效期是几年？", "自吊销之日起3年内不得再次申请许可证")
    assert constraint_gaps("许可证的有效期是几年？", "许可证有效期为5年") == []


def test_jie_counted_and_named_and_two_cases_of_one_rule(structure_bot):
    ans = structure_bot.ask("行政复议法第四章分为几节？各节叫什么？")
    assert not ans.refused and all(h in ans.text for h in ("一般规定", "行政复议证据", "普通程序", "简易程序"))
    ans = structure_bot.ask("行政许可法规定行政机关要在多少日内作出行政许可决定？当场能办的和不能当场办的有区别吗？")
    assert not ans.refused and "日内" in ans.text  # two cases of one rule, not two documents to compare


def test_a_located_chapter_and_its_range_of_articles(structure_bot):
    # "在哪一章？从第几条到第几条？": the chapter whose heading names the topic, then the articles it spans
    ans = structure_bot.ask("行政复议法里关于行政复议审理的规定集中在哪一章？从第几条到第几条？")
    assert not ans.refused and "第四章“行政复议审理”" in ans.text
    assert "第三十六条至第六十条" in ans.text and "共25条" in ans.text  # read in the file: 36 to 60


def test_counts_of_a_text_named_short_or_by_its_version(structure_bot):
    # the words of a shortened name or of the version are no topic: the count is of the whole text
    ans = structure_bot.ask("威海那个停车条例一共有几条？")
    assert not ans.refused and re.search(r"共\d+条", ans.text)
    assert structure_bot.ask("修订后的行政复议法一共有多少条？").text.count("共90条") == 1


def test_the_last_article_or_chapter(structure_bot):
    ans = structure_bot.ask("行政复议法一共有多少条？最后一条说的是什么？")
    assert "共90条" in ans.text and "本法自2024年1月1日起施行" in ans.text
    assert [c.section for c in ans.citations][-1] == "第九十条"
    ans = structure_bot.ask("行政许可法最后一章的标题是什么？")
    assert not ans.refused and "附则" in ans.text.replace(" ", "") and ans.citations[0].section == "第八章"


@pytest.fixture(scope="module")
def two_regulations_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    corpus = tmp_path_factory.mktemp("two_regulations")
    for name in ("reg_youhua_yingshang_huanjing_tiaoli_2019.md", "guoling_706_zhuanli_daili_tiaoli.html",
                 "law_xingzheng_fuyi_fa_2023.md", "guobanfa_2018_115_guifanxing_wenjian_hefaxing_shenhe.html"):
        shutil.copy(ROOT / "tests" / "data" / "realdocs" / name, corpus)
    settings = replace(Settings.from_env(), chroma_path=str(tmp_path_factory.mktemp("two_regulations_chroma")),
                       corpus_dirs=(str(corpus),))
    return Assistant(settings)


def test_an_article_of_one_of_two_regulations(two_regulations_bot):
    # 「条例」 names the two 条例, not the law; only 优化营商环境条例 (72 articles) has a 第六十条, 专利代理条例 has 32
    ans = two_regulations_bot.ask("条例第六十条规定了什么？")
    assert not ans.refused and "自由裁量基准" in ans.text
    assert [(c.doc_title, c.section) for c in ans.citations] == [("优化营商环境条例", "第六十条")]
    # no document named: each document's 第六十条 is a candidate, found by its path, not by the words asked
    ans = two_regulations_bot.ask("第六十条讲的是什么？")
    assert not ans.refused and ans.citations and ans.citations[0].section.startswith("第六十条")


def test_a_short_paragraph_is_quoted_whole(structure_bot):
    # 「…有权处理的，应当在三十日内依法处理；无权处理的，应当在七日内转送…」: both halves are the rule
    ans = structure_bot.ask("行政复议法规定，对规范性文件的附带审查申请，复议机关多少日内处理？")
    assert not ans.refused and "三十日内" in ans.text and "七日内转送" in ans.text


def test_a_span_the_text_does_not_give_is_refused(structure_bot):
    # 第六十六条 says only 「在一定期限内履行」: no span to quote
    ans = structure_bot.ask("行政复议机关决定被申请人在一定期限内履行法定职责，这个期限是多长？")
    assert ans.refused


def test_a_named_item_asked_for_its_points_is_quoted_through(two_regulations_bot):
    ans = two_regulations_bot.ask("国办发〔2018〕115号第（四）项讲了哪些内容？")
    assert not ans.refused and "统一由县（市、区）人民政府确定的审核机构进行审核" in ans.text


def test_a_figure_of_something_the_text_never_names_is_refused(two_regulations_bot):
    # 专利代理条例 sets no 注册资本: a fine of 10万元 is no answer
    ans = two_regulations_bot.ask("专利代理条例里专利代理机构注册资本最低多少万元？")
    assert ans.refused
    clause_answers = two_regulations_bot._answerer.clause_answers  # type: ignore[union-attr]  # built by the ask above
    scope = two_regulations_bot.searcher.scope("专利代理条例")
    assert clause_answers._unmentioned(["注册资本", "资格考试", "机构"], scope) == ["注册资本"]  # 资格考试 is in 第十条


def test_the_signer_first_version_and_publication_of_a_regulation(two_regulations_bot):
    ans = two_regulations_bot.ask("专利代理条例是谁签署的？")
    assert not ans.refused and "李克强" in ans.text
    ans = two_regulations_bot.ask("专利代理条例最早是哪一年发布的？")
    assert not ans.refused and "1991年3月4日" in ans.text and "第76号" in ans.text
    ans = two_regulations_bot.ask("专利代理条例是哪天在网上正式发布的？")
    assert not ans.refused and "2018年11月19日" in ans.text


def test_comparisons_side_by_place_and_year(bot):
    # three sides, each a place in a year; each side answers the topic, not "what differs"
    ans = bot.ask("政务微博这块，上海13年、静安17年、上海19年这三份文件各自是怎么安排的？")
    sides = ans.text.split("\n")
    assert [s.split("：")[0] for s in sides if re.match(r"^(上海|静安)20\d\d年：", s)] == \
        ["上海2013年", "静安2017年", "上海2019年"]
    assert "2013_上海" in {c.doc_id[:7] for c in ans.citations}  # 2013 names 政务微博; the others may not
    ans = bot.ask("依申请公开方面，2013年上海和成都两份安排有什么区别？")
    assert not ans.refused and {c.doc_id[:7] for c in ans.citations} == {"2013_上海", "2013_成都"}
    # "市里19年的…和静安17年的…": the 2019 side is the city's, the place beside 2017 is that side's
    ans = bot.ask("政务公开培训方面，市里19年的要点和静安17年的要点分别怎么规定？")
    assert "没有对应的文件" not in ans.text and ans.text.startswith("2019年：根据《2019年上海市政务公开工作要点》")


def test_follow_ups_inside_a_named_part(bot):
    # "这部分…" points at the part asked before; "其中…那条" at an item inside it, found by its words
    history = [{"role": "user", "content": "上海13年那份重点工作安排，第二部分讲的是什么？"},
               {"role": "assistant", "content": "第二部分是“扎实推进依申请公开”，共三项。"}]
    ans = bot.ask("其中依申请办理工作那条由哪个部门牵头？", history=history)
    assert not ans.refused and "市政府法制办" in ans.text and ans.citations[0].section == "二、（十三）"
    ans = bot.ask("这部分对疑难申请是怎么要求的？", history=history)
    assert not ans.refused and "二、（十五）" in {c.section for c in ans.citations}


def test_a_named_item_asked_a_question_of_its_own(bot):
    # the item is named, but what is asked is who publishes the rescue progress, not what the item is
    ans = bot.ask("上海13年那份安排的第（六）项里，事故抢险救援进展由谁发布？")
    assert not ans.refused and "负责组织事故处置、救援的单位" in ans.text


def test_a_name_asked_is_the_quoted_name_beside_the_thing(tmp_path):
    # 「依托“档案在线”小程序提供查询」: the name beside 小程序, though the question shares few other words
    bot = _bot_on(tmp_path, "示范档案开放办法.md", ARCHIVE_RULES.replace(
        "第三条 本办法", "第三条 档案馆应当依托“档案在线”小程序提供开放档案查询服务。\n\n第四条 本办法"))
    ans = bot.ask("示范档案开放办法里，档案馆用来查档的小程序叫什么名字？")
    assert not ans.refused and ans.text.startswith("名称为“档案在线”")


ARCHIVE_RULES = """# 示范档案开放办法

<!-- INFO END -->

第一条 为了规范档案开放，制定本办法。

第二条 档案馆应当定期向社会开放档案。涉及国家秘密的档案，不予开放。开放档案的目录应当全文公布，并在档案馆网站长期保留。

第三条 本办法自2024年1月1日起施行。
"""


def test_a_yes_no_question_is_answered_by_the_clause_that_states_what_is_asked(tmp_path):
    # "…目录要全文公布吗": the clause with 全文公布, not the section's opening clause on 开放档案
    bot = _bot_on(tmp_path, "示范档案开放办法.md", ARCHIVE_RULES)
    ans = bot.ask("示范档案开放办法里，开放档案的目录要全文公布吗？")
    assert not ans.refused and "全文公布" in ans.text
    # 「不受理/不开放」 is how people say 「不予…」: the denying clause is found
    ans = bot.ask("示范档案开放办法里，哪些档案不开放？")
    assert not ans.refused and "涉及国家秘密的档案" in ans.text


def test_a_place_before_a_body_is_the_body_not_a_document():
    docs = [_doc("w", "威海市停车管理和服务条例", "威海市", 2021), _doc("d", "中华人民共和国档案法", None, 2020)]
    assert scope_of("威海市停车管理和服务条例是哪天经山东省人大常委会批准的？", docs).doc_ids == ("w",)
    assert scope_of("山东省的停车条例是哪天批准的？", docs).missing == ("山东省",)  # no document named: a place asked
    # a place that has its documents still picks them, before a body or not (上海市政府办公厅印发…)
    twins = [_doc("s", "当前政府信息公开重点工作安排", "上海市", 2013), _doc("c", "当前政府信息公开重点工作安排", "成都市", 2013)]
    assert scope_of("上海市政府办公厅印发当前政府信息公开重点工作安排的通知，文号是多少？", twins).doc_ids == ("s",)


def test_two_named_documents_asked_the_same_thing_each(two_regulations_bot):
    ans = two_regulations_bot.ask("优化营商环境条例和专利代理条例分别从哪天起施行？")
    assert not ans.refused and "2020年1月1日" in ans.text and "2019年3月1日" in ans.text
    assert {c.doc_title for c in ans.citations} == {"优化营商环境条例", "专利代理条例"}


def test_a_clock_time_and_spoken_words_for_parts_and_dates():
    assert "具体时刻" in constraint_gaps("每天几点之前发布空气质量信息？", "每日发布空气质量信息")
    assert "具体时刻" not in constraint_gaps("每天几点之前发布？", "每日17时前发布空气质量信息")
    assert normalize_question("一共分了几大块？印发日子是哪天？") == "一共分了几个部分？印发日期是哪天？"


# ---- sixth batch: attachments, duty notes, shortened names, quoted names, figures --------------------------

GOVCN = ROOT / "tests" / "data" / "govcn"


def test_attachments_after_the_signature_are_their_own_sections():
    # 国办函〔2004〕80号: a 复函 signed 「国务院办公厅 / 二〇〇四年十一月四日」, then 附件1 (一、…四、) and 附件2 (no numbering)
    path = GOVCN / "guobanhan_2004_80_badong_dizhi_xianqing.txt"
    doc = parse_document(path.read_text(encoding="utf-8"), str(path))
    paths = [s.path for s in doc.sections]
    assert [p for p in paths if p.startswith("附件1 ")] == ["附件1 一、", "附件1 二、", "附件1 三、", "附件1 四、"]
    numbered = [p for p in paths if p]
    assert "附件2" in paths and len(numbered) == len(set(numbered))  # the attachment's 一、 is not the reply's
    first = next(s for s in doc.sections if s.path == "附件1 一、")
    assert first.heading == "基本情况" and "马鬃山村" in first.text
    whole = next(s for s in doc.sections if s.path == "附件2")
    assert whole.heading.startswith("附件2：湖北省巴东县官渡口镇马鬃山村地质险情调查意见") and "2004年3月24日" in whole.text
    assert doc.doc_number == "国办函〔2004〕80号" and not any("基本情况" in s.text for s in doc.sections if not s.path)
    assert in_attachment("附件 二、（一）") and not in_attachment("附件（序号5）")
    assert own_first(["一、", "附件 一、"]) == ["一、"] and own_first(["附件 一、"]) == ["附件 一、"]


def test_a_reply_is_addressed_to_the_body_before_its_colon():
    assert recipients_in(["国务院关于同意设立某某节的批复", "国函〔2019〕9号", "文化和旅游部：", "你部《关于…的请示》收悉。"]) \
        == "文化和旅游部"
    assert recipients_in(["第一条 为了规范管理，制定本办法。", "具体规定如下："]) is None
    assert detect_intent("这个批复是批给谁的？") == "recipients"


def test_who_leads_an_item_from_its_duty_note_and_the_documents_convention():
    note = duty_note("…便利企业内销。（商务部、海关总署、市场监管总局，各省级人民政府按职责分工负责）")
    assert note is not None and note.bodies == ("商务部", "海关总署", "市场监管总局", "各省级人民政府")
    assert FIRST_LEADS.search("（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）")
    assert FIRST_LEADS.search("（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）")


@pytest.fixture(scope="module")
def govcn_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    settings = replace(Settings.from_env(), chroma_path=str(tmp_path_factory.mktemp("govcn_chroma")),
                       corpus_dirs=(str(GOVCN),))
    return Assistant(settings)


def test_an_items_lead_is_the_first_body_of_its_note(govcn_bot):
    ans = govcn_bot.ask("综合保税区那个意见里，释放企业产能这一条由哪些部门负责？谁牵头？")
    assert not ans.refused and ans.text.startswith("牵头单位：海关总署") and "商务部" in ans.text


def test_a_quoted_name_the_document_never_says_is_refused(govcn_bot):
    ans = govcn_bot.ask("国发〔2019〕3号里“保税研发中心”建设是怎么要求的？")
    assert ans.refused and "最接近的条款" in ans.text
    ans = govcn_bot.ask("国发〔2019〕3号里“先入区、后检测”是怎么要求的？")  # said in the text: answered
    assert not ans.refused and "先入区、后检测" in ans.text


def test_a_yearless_number_a_shortened_name_and_a_place_inside_a_national_text():
    docs = [DocInfo("z", "国务院关于促进综合保税区高水平开放高质量发展的若干意见", "国发〔2019〕3号", None, None, 2019),
            DocInfo("b", "国务院办公厅关于湖北省巴东县地质灾害险情有关问题的复函", "国办函〔2004〕80号", None, None, 2004),
            DocInfo("w", "威海市停车管理和服务条例", None, "威海市", None, 2021)]
    assert scope_of("国发3号是哪天印发的？", docs).doc_ids == ("z",)
    assert scope_of("威海那个条例第五条说什么", docs).doc_ids == ("w",)  # 威海 said without 市
    assert scope_of("国办函80号里对湖北省提了什么要求？", docs).doc_ids == ("b",)  # a place inside a national text
    named_two = scope_of("国发3号和威海停车条例各自怎么规定收费？", docs)
    assert set(named_two.doc_ids or ()) == {"z", "w"} and not named_two.missing
    assert scope_of("山东省的停车条例第五条", docs).missing == ("山东省",)  # no document named: still asked of a place
    rules = docs + [DocInfo("o", "国务院关于在线政务服务的若干规定", "国务院令第716号", None, None, 2019)]
    assert scope_of("按国务院在线政务服务那个规定，材料要交几遍？", rules).doc_ids == ("o",)


def test_a_follow_up_pointing_inside_the_document_asked_before():
    history = [{"role": "user", "content": "国发〔2019〕3号分成几部分？"},
               {"role": "assistant", "content": "分为五部分：一、统筹两个市场，打造加工制造中心……"}]
    assert resolve_followup("里面有针对中西部地区的措施吗？", history) == "国发〔2019〕3号有针对中西部地区的措施吗？"


def test_figures_spans_and_yes_no_forms():
    assert constraint_gaps("收到处罚决定后多少日内要缴清罚款？", "当事人应当自收到决定书之日起十五日内缴纳罚款") == []
    assert "金额" in constraint_gaps("逾期不缴的罚款最多加处多少？", "每日按罚款数额的百分之三加处罚款")
    assert constraint_gaps("一个十五岁的学生打架，会被拘留吗？", "已满十四周岁不满十六周岁的，不执行行政拘留处罚") == []
    assert detect_intent("这种情况算不算违法？") == "yes_no" and detect_intent("受不受年龄限制？") == "yes_no"
    assert detect_intent("试用期一般多长？") == "deadline" and "一般" not in content_terms("试用期一般多长？")
    assert not states_figure("选择北京、天津等11个城市，开展试点", "个", asked="一共选了多少个药品品种？")
    assert states_figure("全市设五个试点区，继续做好试点", "个", asked="有几个试点区？")
    assert states_figure("选择10个左右有条件、有基础的城市，开展试点", "个", asked="打算选多少个城市？")


def test_a_term_said_in_part_or_with_other_digits_still_covers():
    from assistant.evidence import coverage
    assert coverage(["试用期"], "劳动合同可以约定试用") == 2 / 3
    assert coverage(["三家"], "供应商在3家以上的") == 1.0


SUPPLIER_RULES = """# 示范政府采购方式规定

<!-- INFO END -->

第一条 为了规范政府采购方式，制定本规定。

第二条 采购人应当根据参与报价的供应商数量确定采购方式：参与报价的供应商在3家以上的，由采购人组织评审小组采用竞争性谈判方式；参与报价的供应商为2家的，由采购人报经同级财政部门同意后采用询价方式；参与报价的供应商只有1家的，由采购人报经同级财政部门批准后采用单一来源方式。

第三条 本规定自2024年1月1日起施行。
"""


def test_the_clause_stating_the_figure_the_question_names_is_chosen(tmp_path):
    bot = _bot_on(tmp_path, "示范政府采购方式规定.md", SUPPLIER_RULES)
    ans = bot.ask("示范政府采购方式规定里，只有两家供应商报价时用什么方式？")
    assert not ans.refused and "询价" in ans.text and "单一来源" not in ans.text


TASK_PLAN = """扬州市2020年政务公开工作要点

一、加强制度建设

（一）出台《扬州市公共资源交易信息公开办法》，规范交易信息发布。（牵头单位：市发展改革委；完成时限：9月底前）

（二）修订政务公开考核办法，完善考核指标。（牵头单位：市政府办公厅；完成时限：年底前）

二、加强平台建设

（三）整合政府网站信息公开专栏，统一公开目录。（牵头单位：市政府办公厅；完成时限：6月底前）
"""


def test_when_a_document_a_plan_says_to_issue_is_due_is_the_tasks_time_limit(tmp_path):
    bot = _bot_on(tmp_path, "扬州市2020年政务公开工作要点.txt", TASK_PLAN)
    ans = bot.ask("扬州2020年要点里，《扬州市公共资源交易信息公开办法》什么时候出台？")
    assert not ans.refused and "9月底前" in ans.text
    ans = bot.ask("扬州2020年要点里，那个交易信息公开办法打算啥时候出台？")  # named by its kind, not its title
    assert not ans.refused and "9月底前" in ans.text


def test_an_instruction_is_no_second_question_and_the_notice_that_issues_a_plan_is_its_title():
    assert question_parts("联席会议由哪些成员单位组成？全列出来") == ["联席会议由哪些成员单位组成"]
    assert detect_intent("《国家粮食应急预案》是通过哪个文件印发的？") == "title"


def test_which_documents_quote_a_name_and_what_each_says(bot):
    ans = bot.ask("哪些文件提到了“政务微博”？各自怎么要求的？")
    assert not ans.refused and ans.text.startswith("共有3份文件涉及")
    assert "完善发布机制" in ans.text and "增强服务" in ans.text  # the 2013 plan's next clause on it, too
    assert bot.ask("哪些文件提到了“政务晴雨表”？").refused  # quoted, and said nowhere


def test_a_reply_names_the_request_it_answers(govcn_bot):
    ans = govcn_bot.ask("国办函〔2004〕80号这个复函回复的是哪份请示？")
    assert not ans.refused and "答复的是《关于恳请解决巴东县官渡口镇马鬃山村地质险情有关问题的请示》" in ans.text


def test_a_publishing_step_names_the_issuer_and_a_bulletin_is_a_type():
    from ingest.classify import doc_type_of
    from ingest.header import promulgation_facts

    facts = promulgation_facts(["2023年1月5日 中共中央办公厅、国务院办公厅发布", "2023年3月1日 起施行"])
    assert facts.issuer == "中共中央办公厅、国务院办公厅" and facts.publish_date == "2023-01-05"
    assert doc_type_of("国务院办公厅关于2022年度有关工作表现突出地方予以表扬的通报") == "通报"
    assert doc_type_of("国务院办公厅关于同意某某事项的复函") == "复函"
    assert doc_type_of("国务院办公厅对十届全国人大四次会议第7240号建议的答复") == "答复"  # a reply to a proposal


LISTED_ATTACHMENT = """国务院办公厅关于推广第三批典型做法的通知
国办发〔2030〕9号
各省、自治区、直辖市人民政府：
经国务院同意，现将各地推进改革的典型做法印发你们，请结合实际学习借鉴。
附件：典型做法清单
国务院办公厅
2030年5月6日
（此件公开发布）
附件
典型做法清单
1.某某省推行企业开办一日办结。
2.某某市建立项目审批“容缺受理”机制。
3.某某区探索“一业一证”改革。
"""


def test_an_attachment_that_is_a_numbered_list_has_one_part_per_item():
    doc = parse_document(LISTED_ATTACHMENT, "listed.txt")
    parts = [(s.path, s.text) for s in doc.sections if s.path.startswith("附件 ")]
    assert parts == [("附件 1.", "某某省推行企业开办一日办结。"), ("附件 2.", "某某市建立项目审批“容缺受理”机制。"),
                     ("附件 3.", "某某区探索“一业一证”改革。")]
    assert doc.date == "2030-05-06" and doc.doc_number == "国办发〔2030〕9号"
    assert not any("一日办结" in s.text for s in doc.sections if not s.path)  # the list is the attachment's


def test_a_point_that_only_names_itself_is_quoted_with_what_it_requires(bot):
    # 「一是加大学校招生考试信息公开力度。」 names the point; 「重点搞好高校招生政策…」 is what it asks
    ans = bot.ask("上海13年那份安排里，学校招生考试信息公开要重点公开啥？")
    assert not ans.refused and "高校招生政策" in ans.text and "录取结果" in ans.text


REVIEW_RULES = """# 示范复查办法

<!-- INFO END -->

第一条 为了规范复查工作，制定本办法。

第二条 申请复查的期间为三十日。复查机关应当自受理之日起十五日内作出复查意见，并实施三年复查质量提升计划。

第三条 本办法自2024年1月1日起施行。
"""


def test_a_span_stated_as_what_something_is_answers_how_long(tmp_path):
    bot = _bot_on(tmp_path, "示范复查办法.md", REVIEW_RULES)
    ans = bot.ask("示范复查办法里，申请复查的期间是多长？")
    assert not ans.refused and "三十日" in ans.text


def test_a_title_and_a_shortened_name_with_a_place_name_two_documents():
    docs = [DocInfo("x", "信访工作条例", None, None, None, 2022), DocInfo("j", "济南市优化营商环境条例", None, "济南市", None, 2022),
            DocInfo("s", "本市当前政府信息公开重点工作安排", None, "上海市", None, 2013),
            DocInfo("c", "当前政府信息公开重点工作安排", None, "成都市", None, 2013)]
    assert scope_of("信访工作条例和济南优化营商环境条例分别是哪天起施行的？", docs).doc_ids == ("x", "j")
    # a title inside another is still told apart by the place
    assert scope_of("成都市当前政府信息公开重点工作安排的成文日期是哪天？", docs).doc_ids == ("c",)


# ---- eighth blind batch (heldout_k / realdocs_k): classes, each on examples written for it ------------------

def test_a_place_the_texts_mention_as_a_topic_is_no_missing_document():
    docs = [_doc("p", "国务院关于示范新区总体规划的批复"), _doc("d", "国务院关于在海南示范园区暂时调整有关规定的决定")]
    said = {"天津", "天津市"}
    in_texts = said.__contains__
    # 「天津非首都功能」 qualifies a topic the national texts speak of: no filter, nothing missing
    scope = scope_of("示范新区批复里说要承接哪些天津的产业？", docs, in_texts)
    assert scope.missing == () and scope.doc_ids == ("p",)
    # a place in a national text's title is the place that text is about
    assert scope_of("海南省政府怎么审批？", docs, in_texts).doc_ids == ("d",)
    # a place tied to a document of its own, or one no text mentions, is still asked for and missing
    assert scope_of("天津市2019年的政务公开要点说了什么？", docs, in_texts).missing
    assert scope_of("重庆那边承接哪些产业？", docs, in_texts).missing


def test_yes_or_no_when_the_clause_leaves_the_thing_out_or_names_another_body():
    from assistant.forms import excludes_asked, other_agent

    assert excludes_asked("对园区内企业因急需进口少量设备（不含二手设备）的申请，由省政府审批", "二手设备也能这样进口吗？")
    assert excludes_asked("公开全部文书，但涉及国家秘密的文书除外", "涉及国家秘密的文书也公开吗？")
    assert not excludes_asked("对园区内企业因急需进口少量设备（不含二手设备）的申请，由省政府审批", "新设备能进口吗？")
    assert other_agent("区发展改革委起草的《示范办法》已经区政府同意，现印发给你们", "示范办法是区政府办公室起草的吗？") \
        == "区发展改革委"
    assert other_agent("区发展改革委起草的《示范办法》已经区政府同意", "是区发展改革委起草的吗？") is None


def test_specific_names_the_text_only_counts_or_calls_by_kind_are_gaps():
    assert "具体名单" in constraint_gaps("说的那5个示范镇具体是哪5个？", "年内建成5个示范镇，带动周边发展。")
    assert "具体名单" not in constraint_gaps("是哪3个镇？", "建成甲镇、乙镇、丙镇等3个示范镇。")
    assert "具体名称" in constraint_gaps("委托的是哪家公司？", "委托专业公司开展满意度调查。")
    assert "具体名称" not in constraint_gaps("请的是哪家机构？", "委托示范大学公共管理学院等机构开展评估。")
    # a month asked where the section says only 及时; a rule that says which day counts answers 「哪天算」
    assert "具体日期" in constraint_gaps("要在哪个月之前公开到位？", "及时公开排污单位监管信息，强制公开重点企业信息。")
    assert not constraint_gaps("邮寄的话哪天算送达日期？", "邮寄送达的，以回执上注明的收件日期为送达日期。")


def test_two_documents_facts_each_and_which_came_first():
    assert detect_intent("这两份通知哪份先发的？") == "date"
    assert detect_intent("示范条例是哪天修正的？") == "approval"
    # a date of another act, or of another thing, is not the document's date
    assert detect_intent("电子送达的话，哪天算送达日期？") != "date"
    assert detect_intent("办法说配套标准另行制定，那个配套标准是哪天发布的？") != "date"
    assert detect_intent("这份批复是哪天印发的？") == "date" and detect_intent("示范规划批复是哪天发的？") == "date"
    # 「第三大块」 is a part, 「几大部分」 asks for the parts
    scope = scope_of("静安那份要点的第三大块讲什么？", [_doc("j", "2017年静安区政务公开工作要点", "静安区", 2017)])
    assert scope.part == 3
    assert scope_of("正文分几大部分？", []).wants_parts


def test_the_next_item_after_the_one_the_last_answer_cited():
    from assistant.followup import neighbour_ref

    assert neighbour_ref("由市财政局牵头（第二部分第（四）条）", 1, "条") == "第二部分第（五）项"
    assert neighbour_ref("按示范条例第十九条第一款，…", 1, "款") == "第十九条第二款"
    assert neighbour_ref("见任务分解表第12项", -1, "条") == "任务分解表序号11"
    turns = _turn("杭州2015年那份要点里，电子证照由谁牵头？", "由市数据资源局牵头（第三部分第（二）条）。")
    assert resolve_followup("那紧接着的下一条讲的是啥？", turns) == "2015年杭州第三部分第（三）项讲的是什么？"
    # the previous question named no document and the answer did: the answer's title is the document
    turns = _turn("网上能查到开庭时间吗？", "可以（《示范法院审判信息公开规定》第六条）。")
    assert resolve_followup("那它要提前几天公开？", turns).startswith("《示范法院审判信息公开规定》")


def test_a_sentence_saying_how_to_answer_joins_the_question_and_a_list_kind_before_the_ask():
    from assistant.clause_answers import _asked_kind

    assert question_parts("报名的流程是怎样的？请按顺序列一下。") == ["报名的流程是怎样的，请按顺序列一下。"]
    assert question_parts("这个条例是哪天通过的？具体是哪次会议？") == ["这个条例是哪天通过的", "具体是哪次会议"]
    assert _asked_kind("首批试点县是哪几个？") == "县" and _asked_kind("有哪几个县？") == "县"


TIMED_PLAN = """2031年示范市营商环境工作要点
一、完善制度
（一）清理配套办法。对现行的招标投标、政府采购、工程审批等管理办法进行修订，对不符合新政策的规定要进行清理。以上工作要在2031年3月底前完成。
（二）公开涉企收费。全面公开涉企收费目录清单。
二、强化保障
（三）示范市政府办公厅负责督促落实。
"""


def test_a_task_timed_by_the_sections_closing_sentence(tmp_path):
    bot = _bot_on(tmp_path, "2031年示范市营商环境工作要点.txt", TIMED_PLAN)
    ans = bot.ask("示范市要点要求把政府采购这些管理办法修订完，最晚什么时候？")
    assert not ans.refused and "2031年3月底" in ans.text and ans.citations[0].section == "一、（一）"
    assert "对现行的招标投标" in ans.text  # the task is quoted with the sentence that times it


VILLAGE_LAW = """# 示范省社区事务公开条例

2010年5月20日 示范省第十一届人民代表大会常务委员会第十七次会议通过

2021年7月29日 示范省第十三届人民代表大会常务委员会第二十九次会议关于修改《示范省物业管理条例》等五件地方性法规的决定修正

<!-- INFO END -->

第一条 为了规范社区事务公开，制定本条例。

第二条 社区事务公开应当按照下列程序进行：

（一）居民委员会提出公开方案；

（二）监督委员会审查方案；

（三）居民委员会按照确定的时间予以公布。

第三条 本条例自2010年9月1日起施行。
"""


def test_an_articles_steps_in_order_and_an_adoption_then_its_amendment(tmp_path):
    bot = _bot_on(tmp_path, "示范省社区事务公开条例.md", VILLAGE_LAW)
    ans = bot.ask("社区事务公开要走哪些流程？按顺序说说。")
    assert not ans.refused and all(s in ans.text for s in ("提出公开方案", "审查方案", "予以公布"))
    ans = bot.ask("示范省社区事务公开条例是哪天通过的？后来又在哪天修正过？")
    assert "2010年5月20日" in ans.text and "2021年7月29日" in ans.text


REDO_RULES = """# 示范复核办法

<!-- INFO END -->

第一条 为了规范复核工作，制定本办法。

第二条 主管机关责令承办单位重新办理的，承办单位应当在规定的期限内重新办理；没有规定期限的，重新办理的期限为30日。

当事人对重新办理的结果不服的，可以依法申请复核或者提起诉讼。

第三条 本办法自2031年1月1日起施行。
"""


def test_a_follow_up_on_a_new_case_is_not_answered_with_what_was_just_said(tmp_path):
    from assistant.query import condense

    turns = _turn("主管机关责令重新办理，没有规定期限的，要多久办完？", "按第二条，重新办理的期限为30日。")
    # 「要是…呢」 asks what follows from a new case, not the last question's 多久
    assert condense("那要是我对重新办理的结果还是不服呢？", turns) == "要是我对重新办理的结果还是不服，怎么办？"
    bot = _bot_on(tmp_path, "示范复核办法.md", REDO_RULES)
    ans = bot.ask("那要是我对重新办理的结果还是不服呢？", history=turns)
    assert not ans.refused and "申请复核" in ans.text


def test_a_quoted_heading_shortened_as_people_quote_it_names_the_part():
    from ingest.textutil import said_shortened

    assert said_shortened("加强公开监督", "六、切实加强政务公开工作监督")
    assert not said_shortened("阳光护航行动", "开展阳光执法专项行动")
    assert not said_shortened("加强监督", "加强政府信息公开工作的社会监督")  # too much left out between


FUND_NOTICE = """示范市人民政府办公厅关于落实创新激励政策的通知
一、总体要求
（一）各单位要按照有关规定，负责指导所属单位制定管理制度。
二、重点任务
（二）明确成果转化奖励办法。各高校要制定本单位转化成果的管理办法。请市人力资源社会保障局会同市财政局落实“成果转化奖励不计入绩效工资总量基数”的要求，制定出台具体操作办法。
"""


def test_the_body_a_sentence_asks_to_do_the_task_is_its_lead(tmp_path):
    bot = _bot_on(tmp_path, "示范市创新激励通知.txt", FUND_NOTICE)
    ans = bot.ask("成果转化奖励不计入绩效工资总量基数的具体操作办法，由哪个部门牵头制定？")
    assert not ans.refused and "市人力资源社会保障局" in ans.text and ans.citations[0].section == "二、（二）"


def test_a_body_named_in_the_sentence_is_no_generic_kind():
    assert "具体名称" not in constraint_gaps("日常工作是哪家单位在承担？", "由示范市采购事务管理所承担办公室日常工作。")
    assert "具体名称" in constraint_gaps("评估请的是哪家机构？", "组织第三方评估，结果向社会公开。")


NEW_AREA_REPLY = """国务院关于示范新区总体规划的批复
国函〔2031〕9号
示范省人民政府：
你省《关于呈报示范新区总体规划的请示》收悉。现批复如下：
一、原则同意《示范新区总体规划》。
二、有序承接天津非核心功能，重点承接高校、科研院所、医疗机构等功能。
三、严禁大规模商业房地产开发。
国务院
2031年1月2日
"""


def test_a_place_a_national_reply_speaks_of_is_a_topic_not_a_missing_document(tmp_path):
    bot = _bot_on(tmp_path, "示范新区规划批复.txt", NEW_AREA_REPLY)
    ans = bot.ask("示范新区规划批复里说要承接天津的哪些功能？")
    assert not ans.refused and "科研院所" in ans.text and ans.citations[0].section == "二、"
    assert "没有与" in bot.ask("重庆市2031年的政务公开要点说了什么？").text  # a place's own document stays missing


def test_what_the_last_answer_said_is_taken_out_before_asking_again():
    from assistant.followup import already_said, unsaid
    from vectorstore.types import Hit

    said = "按第二条，没有规定期限的，重新办理的期限为30日。"
    assert already_said(["没有规定期限的，重新办理的期限为30日。"], said)
    assert not already_said(["当事人不服的，可以申请复核。"], said)
    hit = Hit(chunk_id="c", doc_id="d", text="承办单位应当重新办理；没有规定期限的，重新办理的期限为30日。当事人不服的，可以申请复核。",
              doc_title="示范办法", doc_number=None, section="第二条", heading="", score=1.0, dense_score=1.0,
              keyword_score=1.0, metadata={})
    left = unsaid([hit], said)
    assert len(left) == 1 and "30日" not in left[0].text and "申请复核" in left[0].text


# ---- a figure under the year the question names ------------------------------------------------

YEAR_TARGETS = """某市人民政府关于加快发展养老服务业的实施意见

一、总体要求

（一）基本原则。坚持政府主导、社会参与，坚持保障基本、统筹发展，坚持深化改革、创新机制，坚持因地制宜、分类指导。

（二）发展目标。

到2020年，全市养老服务体系基本建立，居家为基础、社区为依托、机构为补充、医养相结合的服务格局初步形成，养老服务设施覆盖所有城市社区和百分之九十以上的农村社区，政府购买养老服务制度普遍建立，养老服务人才队伍不断壮大，养老服务业增加值在服务业中的比重明显提升，老年人健康管理服务和社会参与水平显著提高。全市养老机构床位达到3万张，护理型床位占比达到百分之三十，每千名老年人拥有养老床位数达到35张。

到2025年，全市养老服务体系更加成熟定型。覆盖城乡、功能完善、规模适度的养老服务网络全面建成，居家社区机构相协调、医养康养相结合的服务体系更加健全，养老服务市场全面开放，养老服务质量标准和评价体系全面实施，智慧养老服务平台实现全市联通，养老服务从业人员持证上岗率显著提高，老年人获得感、幸福感、安全感持续增强。全市养老机构床位达到4.5万张，护理型床位占比达到百分之六十，每千名老年人拥有养老床位数达到40张，街道综合养老服务中心实现全覆盖。

二、主要任务

（一）发展居家社区养老服务。支持社区嵌入式养老服务设施建设，推行家庭养老床位，为失能老年人提供上门照护服务。

（二）提升机构养老服务能力。推进公办养老机构改革，支持社会力量举办养老机构。
"""


def test_year_scopes_carry_a_target_year_until_another_year_or_item_opens():
    from ingest.textutil import year_scopes
    assert year_scopes(["到2020年，甲。", "率达到70%。", "到2025年，乙。", "率达到75%。", "（三）保障措施。"]) \
        == ["2020", "2020", "2025", "2025", ""]
    assert year_scopes(["床位达到4.5万张。"], "2025") == ["2025"]  # a piece continuing a year's paragraph
    assert year_scopes(["2020年以来，甲。"]) == [""]  # 「以来」 looks back; it sets no target year


def test_a_figure_is_taken_from_the_paragraph_of_the_year_asked(tmp_path):
    from ingest.chunking import chunk_document
    doc = parse_document(YEAR_TARGETS, "某市养老服务实施意见.txt")
    chunks = [c for c in chunk_document(doc) if c.section == "一、（二）"]
    # the 2025 paragraph opens at the end of the first piece and its figures spill into the second
    assert "到2025年" in chunks[0].text and [c.metadata["year_scope"] for c in chunks] == ["", "2025"]
    bot = _bot_on(tmp_path, "某市养老服务实施意见.txt", YEAR_TARGETS)
    later = bot.ask("养老意见里到2025年养老机构床位要达到多少？")
    assert "4.5万张" in later.text and "3万张" not in later.text
    earlier = bot.ask("到2020年护理型床位占比要达到多少？")
    assert "百分之三十" in earlier.text and "百分之六十" not in earlier.text


# ---- a division into kinds inside one article ------------------------------------------------

@pytest.fixture(scope="module")
def secrets_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    corpus = tmp_path_factory.mktemp("secrets")
    shutil.copy(ROOT / "tests" / "data" / "realdocs" / "law_baoshou_guojia_mimi_fa_2024.md", corpus)
    return Assistant(replace(Settings.from_env(), chroma_path=str(tmp_path_factory.mktemp("secrets_chroma")),
                             corpus_dirs=(str(corpus),)))


def test_a_division_into_kinds_is_answered_by_the_clause_that_divides(secrets_bot):
    # 「分成哪几类」 asks the 款 that divides (第四十三条第一款), not the document's parts or a neighbouring list
    ans = secrets_bot.ask("保密法里涉密人员按涉密程度分成哪几类？")
    assert all(k in ans.text for k in ("核心涉密人员", "重要涉密人员", "一般涉密人员"))
    assert ans.citations[0].section.startswith("第四十三条")
    assert "第一章" not in ans.text
    assert detect_intent("保密法分成哪几章？") == "parts" and detect_intent("保密法把密级分成哪几级？") == "list"


# ---- who wrote a forwarded or jointly drafted document; people counted with 个; a fine's amount -------------

def test_who_drafted_a_forwarded_report_or_a_jointly_drafted_rule():
    from assistant.forms import _from_head
    from vectorstore.store import StoredChunk

    text = (ROOT / "tests" / "data" / "govcn" / "guobanfa_1997_2_dizhen_qushi_baogao.txt").read_text(encoding="utf-8")
    notice = next(ln for ln in text.splitlines() if "现转发给你们" in ln)
    head = StoredChunk("h", notice, {"title": "国务院办公厅转发国家地震局关于1997年地震趋势和加强防震减灾工作意见报告的通知",
                                     "section": "", "kind": "notice", "doc_id": "d"})
    assert detect_intent("这个报告是哪个部门牵头拟的？") == "drafter"
    # the body that forwarded it, said before the verb, asks the document's own date; a thing said there does not
    assert doc_fact_intents("报告是谁写的？国务院办公厅哪天转发的？") == ["drafter", "date"]
    assert doc_fact_intents("地震趋势预测结果是哪天发布的？") == []
    assert "由国家地震局制订" in _from_head("drafter", "《通知》", [head], "报告是谁写的？").text
    joint = StoredChunk("j", "财政部会同税务总局、海关总署等部门拟定的《关于进一步实施小微企业税收优惠政策的规定》已经国务院同意，"
                             "现印发给你们，请认真贯彻执行。", {"title": "通知", "section": "", "kind": "notice", "doc_id": "j"})
    said = _from_head("drafter", "《通知》", [joint], "谁起草的？").text
    assert "由财政部会同税务总局、海关总署等部门制订" in said


def test_people_counted_with_ge_are_stated_in_ren_ming_or_wei():
    assert asked_unit("评审小组最多几个委员？") == ("人", "") and asked_unit("涉及几个人民团体？")[0] == "个"
    assert arabic_figures("代表不得超过三人") == "代表不得超过3人" and arabic_figures("一人民团体") == "一人民团体"
    assert states_figure("评审小组由七名委员组成", "人", asked="评审小组最多几个委员？")


def test_a_fine_asked_is_not_answered_by_a_sum_of_another_kind():
    assert "罚金额" in constraint_gaps("擅自设立的要罚多少钱？", "设立时应当有3万元以上的活动资金")
    assert not constraint_gaps("擅自设立的要罚多少钱？", "处1万元以上5万元以下的罚款")


def test_each_section_of_a_chapter_is_named_when_asked_what_each_says(law_bot):
    # 「分成了几节？各节讲什么？」 asks each 节 by its title, as 「各节叫什么」 does
    ans = law_bot.ask("个人信息保护法第二章分成了几节？各节讲什么？")
    assert "共3节" in ans.text and all(t in ans.text for t in ("一般规定", "敏感个人信息的处理规则", "国家机关处理个人信息的特别规定"))


def test_a_text_in_plain_paragraphs_is_summarized_by_what_they_say(tmp_path):
    # a 复函 with no 一、二、: 「大概讲了什么」 is answered by its sentences in order, not by one clause
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "tests" / "data" / "govcn" / "guobanhan_2004_36_haerbin_dayunhui_fuhan.txt", tmp_path / "docs")
    bot = Assistant(replace(Settings.from_env(), chroma_path=str(tmp_path / "db"), corpus_dirs=(str(tmp_path / "docs"),)))
    ans = bot.ask("哈尔滨申办大冬会那个复函大概讲了什么？")
    assert not ans.refused and "同意以哈尔滨市名义申办" in ans.text and "黑龙江省人民政府承担" in ans.text
    assert "黑龙江省人民政府，教育部" not in ans.text  # the addressees are no content


def test_two_documents_named_by_a_topic_and_a_qualified_kind():
    # 「体育那个实施意见」: the pointer stands before a qualified kind (实施意见, 指导意见), and both are named
    docs = [_doc("y", "国务院办公厅关于推进养老服务发展的实施意见"),
            _doc("t", "国务院办公厅关于促进全民健身和体育消费推动体育产业高质量发展的实施意见"),
            _doc("c", "上海市信访条例", "上海市")]
    assert scope_of("养老那个实施意见和体育那个实施意见，哪个先成文的？", docs).doc_ids == ("y", "t")
    assert doc_fact_intents("养老那个意见和体育那个实施意见，哪个先成文的？各自是哪天？")[0] == "date"


def test_the_body_that_works_with_others_leads(two_regulations_bot):
    # 「X应当会同有关部门制定…」: X leads, though no 牵头, 负责 or 主管 is written
    ans = two_regulations_bot.ask("行政复议法里行政复议人员工作规范由谁牵头制定？")
    assert not ans.refused and "国务院行政复议机构应当会同有关部门" in ans.text


# ---- a time limit and the extension the next clause allows ---------------------------------------

def test_a_time_limit_is_quoted_with_the_extension_that_follows(two_regulations_bot, tmp_path):
    # 第六十二条: 六十日内 … 但是…除外。情况复杂…可以适当延长…；但是延长期限最多不得超过三十日。
    ans = two_regulations_bot.ask("行政复议法规定普通程序的复议决定多长时间内作出？")
    assert "六十日" in ans.text and "三十日" in ans.text
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "evals" / "realdocs_g" / "reg_zhengfu_xinxi_gongkai_tiaoli_2019.md", tmp_path / "docs")
    bot = Assistant(replace(Settings.from_env(), chroma_path=str(tmp_path / "db"), corpus_dirs=(str(tmp_path / "docs"),)))
    ans = bot.ask("申请公开政府信息，不能当场答复的，多少个工作日内答复？")
    assert "需要延长答复期限" in ans.text and ans.text.count("20个工作日") >= 2


def test_a_count_of_meetings_is_of_the_meeting_asked():
    # 「每年至少开几次」 of one meeting is not answered by how often another meeting is held
    asked = "监事会每年至少开几次？"
    assert asked_unit(asked)[0] == "次"
    assert not states_figure("董事长每年至少召开一次联席会议听取监事会意见", "次", asked=asked)
    assert states_figure("监事会每年度至少召开两次会议", "次", asked="监事会每年至少开几次会议？")
    assert states_figure("每季度向社会公布一次", "次", asked="多久公布几次？")


def test_registered_capital_is_not_answered_by_another_sum():
    assert "注册资本金额" in constraint_gaps("这家基金的注册资本是多少亿元？", "单户担保金额500万元以上的业务收费不高于1%")
    assert not constraint_gaps("这家基金的注册资本是多少亿元？", "基金注册资本为661亿元")


def test_spoken_and_short_forms_are_read_as_documents_write_them():
    assert normalize_question("开职代会要提前几天通知？") == "开职工代表大会要提前几天通知？"
    assert normalize_question("年报过了时间没报怎么办？") == "年度报告超过规定期限未报送怎么办？"
    assert normalize_question("企业每年报送") == "企业每年报送"  # 「每年报送」 holds no 年报
    assert normalize_question("回避的事谁说了算？要带什么材料？") == "回避的事由谁决定？要提供什么材料？"


def test_a_quoted_task_counts_when_said_shortened_with_and_for_a_list_comma():
    from assistant.evidence import coverage
    from ingest.textutil import said_shortened
    assert said_shortened("完善热线和信箱办理", "完善市民服务热线、市长信箱办理机制")
    assert not said_shortened("完善热线和信箱办理", "完善行政复议和应诉工作")
    assert coverage(["推进决策和结果公开"], "推进决策、执行和结果公开") == 1.0
    assert content_terms("“推进决策和结果公开”那条是谁牵头的？") == ["推进决策和结果公开"]  # 那条 points, it is no topic


def test_a_time_the_text_requires_is_a_deadline_not_the_documents_date():
    assert doc_fact_intents("实施细则，方案要求什么时候出台？") == []
    assert detect_intent("实施细则，方案要求什么时候出台？") == "deadline"
    assert doc_fact_intents("这个方案什么时候出台的？") == ["date"]


def test_the_steps_asked_are_the_items_of_the_part_that_sets_them(tmp_path):
    # 「分几步走」 asks for the steps as the text lists them, not for a figure
    assert detect_intent("试点工作分几步走？") == "list" and detect_intent("清理整顿分几个阶段？") == "list"
    assert detect_intent("评审分几轮？") == "quantity"
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "evals" / "realdocs_h" / "guobanfa_2018_128_wufei_chengshi.html", tmp_path / "docs")
    bot = Assistant(replace(Settings.from_env(), chroma_path=str(tmp_path / "db"), corpus_dirs=(str(tmp_path / "docs"),)))
    ans = bot.ask("无废城市建设试点分几步走？")
    assert all(s in ans.text for s in ("确定试点城市", "制定实施方案", "组织开展试点", "开展评估总结"))


def test_a_follow_up_stays_in_the_document_the_answer_named_by_its_number():
    history = _turn("综合保税区的海关监管由谁负责？", "根据国发〔2019〕3号，由海关总署负责。")
    assert resolve_followup("那企业要是想申请设立新的综保区，要走什么程序？", history).startswith("国发〔2019〕3号")


# ---- two documents a notice issues, printed after its signature with no 附件 line ---------------

TWO_ISSUED = """示范省人民政府办公厅关于印发示范省促进民营企业发展和优化中小企业服务两个办法的通知
示政办发〔2031〕12号
各市人民政府，省政府各部门：
省发展改革委会同省工业和信息化厅拟定的《示范省促进民营企业发展办法》和《示范省优化中小企业服务办法》已经省政府同意，现印发给你们，请认真贯彻执行。
示范省人民政府办公厅
2031年3月1日
（此件公开发布）
示范省促进民营企业发展办法
一、关于市场准入
（一）全面落实市场准入负面清单制度，清单之外的领域各类市场主体皆可依法平等进入。
（二）破除招投标隐性壁垒，不得设置与业务能力无关的企业规模门槛。
二、关于融资支持
（三）民营企业贷款平均利率不高于全省企业贷款平均利率。
示范省优化中小企业服务办法
一、关于服务平台
（一）建设全省统一的中小企业公共服务平台，一网提供政策查询、诉求办理等服务。
（二）各市应于2031年底前建成市级中小企业服务中心。
二、关于人才支持
（三）中小企业引进的高层次人才，享受与国有企业同等的落户、子女入学待遇。
"""


def test_documents_a_notice_issues_after_its_signature_are_its_attachments(tmp_path):
    doc = parse_document(TWO_ISSUED, "示范省两个办法.txt")
    paths = [s.path for s in doc.sections]
    assert "附件1 一、（一）" in paths and "附件2 一、（一）" in paths and paths.count("一、（一）") == 0
    assert doc.title.startswith("示范省人民政府办公厅关于印发") and doc.date == "2031-03-01"
    bot = _bot_on(tmp_path, "示范省两个办法.txt", TWO_ISSUED)
    ans = bot.ask("优化中小企业服务办法第二条讲了啥？")  # （二） of the second 办法, read as its 第二条
    assert not ans.refused and "市级中小企业服务中心" in ans.text and ans.citations[0].section == "附件2 一、（二）"


def test_members_counted_with_ge_in_the_text_too():
    assert asked_unit("至少得有多少个成员？")[0] == "人"
    assert states_figure("有50个以上的会员（单位会员除外）", "人", asked="至少得有多少个会员？")
    assert not states_figure("应当在5个工作日内答复", "人", asked="要派几个人？")


def test_one_character_place_names_count_labels_and_such_meetings():
    assert normalize_question("沪2013年那份安排里") == "上海2013年那份安排里"
    assert normalize_question("沪府办发〔2013〕45号") == "沪府办发〔2013〕45号"  # a 文号's prefix stays
    assert normalize_question("蓉城2013年的安排") == "成都2013年的安排"
    from assistant.clause_answers import _COUNT_LABEL
    assert _COUNT_LABEL.fullmatch("四个一") and _COUNT_LABEL.fullmatch("五公开") and not _COUNT_LABEL.fullmatch("护航行动")
    assert states_figure("相关部门每季度至少召开一次此类座谈会", "次", asked="每季度至少开几次听取企业意见的会？")


def test_replies_web_dates_and_bodies_told_to_act():
    docs = [_doc("d", "国务院办公厅对十届全国人大四次会议第7240号建议的答复"), _doc("t", "国务院办公厅关于某某事故的通报")]
    assert scope_of("人大建议那个答复的文号是多少？", docs).doc_ids == ("d",)  # 答复 is a kind a short name ends in
    assert doc_fact_intents("那个答复是哪天写的？官网上又是哪天发布的？") == ["date"]
    assert doc_fact_intents("这个报告是哪天写成的？") == ["date"]
    assert detect_intent("示范区的建设方案由谁来组织编制？") == "lead"
    from assistant.clause_answers import _ASKED_OF_BODY
    assert _ASKED_OF_BODY.search("示范省人民政府和示范市人民政府要加强组织领导，认真组织编制实施方案。")
    assert not _ASKED_OF_BODY.search("要加强组织领导，认真组织编制实施方案。")
    assert _ASKED_OF_BODY.search("示范办已会同交通运输厅、水利厅等部门赴示范县进行了实地调查。")  # who went: 已会同
    assert normalize_question("商场的摄像头能装在哪？监控录像存多久？") == "商场的图像采集设备能装在哪？视频图像信息存多久？"


def test_the_effective_date_is_quoted_with_what_it_repeals():
    from assistant.forms import effective
    from vectorstore.store import StoredChunk

    text = (ROOT / "tests" / "data" / "realdocs" / "rule_scjg_chufa_xinxi_gongshi_guiding_2021.md").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("第十九条"))
    chunk = StoredChunk("c", line, {"title": "市场监督管理行政处罚信息公示规定", "section": "第十九条", "kind": "article",
                                    "doc_id": "r", "effective_date": "2021-09-01"})
    said = effective("《市场监督管理行政处罚信息公示规定》", chunk, [chunk]).text
    assert "2021年9月1日" in said and "同时废止" in said
    # a long title of what it repeals, with its 文号, is still part of the answer
    line = ("第十七条 本解释自2031年1月1日起施行。本解释施行后，最高人民法院、最高人民检察院《关于办理某某领域安全生产刑事"
            "案件具体应用法律若干问题的解释》（法释〔2027〕5号）同时废止。")
    chunk = StoredChunk("d", line, {"title": "某解释", "section": "第十七条", "kind": "article", "doc_id": "j",
                                    "effective_date": "2031-01-01"})
    assert "法释〔2027〕5号）同时废止" in effective("《某解释》", chunk, [chunk]).text


# ---- parts headed by their first sentence; what a law forbids or does before it comes into force -------

FIRE_REPORT = """示范省人民政府办公厅关于两起较大火灾事故调查处理情况的通报
示政办发〔2031〕30号
各市人民政府，省政府各部门：
2031年春节前后，我省接连发生两起较大火灾事故，造成重大人员伤亡和财产损失。现将事故调查处理情况通报如下。
经调查认定，两起事故均为责任事故，有关责任人员已受到严肃处理。
为深刻吸取事故教训，现提出以下要求：
一、牢固树立安全发展理念。各地区要把消防安全摆在更加突出的位置，坚决守住不发生重特大火灾事故的底线，正确处理安全与发展的关系。
二、健全消防安全责任制。各地要落实属地管理责任和部门监管责任，督促社会单位落实主体责任，把责任压实到岗位和个人。
三、开展火灾隐患排查整治。各地要对人员密集场所、高层建筑开展全面排查，对发现的隐患逐一登记、限期整改，整改不到位的一律停业整顿。
示范省人民政府办公厅
2031年3月20日
"""


SMOKING_RULES = """示范市控制吸烟条例
第一条 为了减少烟草烟雾对公众健康的危害，制定本条例。
第二条 本市行政区域内控制吸烟工作适用本条例。吸烟者应当尊重他人的健康权益。
第三条 禁止在下列场所吸烟：
（一）托儿所、幼儿园、中小学校的室内区域；
（二）医疗卫生机构的室内区域；
（三）公共交通工具的车厢内。
第四条 室外吸烟点的设置应当远离人员密集区域，并设置明显的引导标识。
第五条 违反本条例第三条规定吸烟的，由卫生健康部门责令改正，处五十元罚款。
第六条 本条例施行前已经设置的室内吸烟室，应当自本条例施行之日起三个月内拆除。
第七条 本条例自2031年5月31日起施行。
"""


def test_a_part_whose_text_runs_on_is_headed_by_its_first_sentence(tmp_path):
    from ingest.structure import part_heading

    assert part_heading("总体要求") == "总体要求"  # a heading line stays whole
    assert part_heading("健全消防安全责任制。各地要落实属地管理责任和部门监管责任，督促社会单位落实主体责任，把责任压实到岗位和个人。") == "健全消防安全责任制"
    bot = _bot_on(tmp_path, "火灾通报.txt", FIRE_REPORT)
    (tmp_path / "docs" / "控烟条例.md").write_text(SMOKING_RULES, encoding="utf-8")
    bot.ingest([tmp_path / "docs" / "控烟条例.md"])
    ans = bot.ask("火灾事故那个通报最后提了哪几方面要求？简单概括一下。")
    assert not ans.refused
    assert all(s in ans.text for s in ("牢固树立安全发展理念", "健全消防安全责任制", "开展火灾隐患排查整治"))
    assert {c.section for c in ans.citations} >= {"一、", "二、", "三、"}




def test_a_spoken_ban_and_the_time_before_a_law_is_in_force_are_read_as_a_law_writes_them(tmp_path):
    assert normalize_question("哪些地方绝对不能抽烟？") == "哪些地方禁止抽烟？"
    assert normalize_question("能不能在车上吸烟？") == "能不能在车上吸烟？"  # a yes/no, not a ban
    assert "不能" not in content_terms("工作才十个月，能不能请带薪的年假？")  # the ask, not a topic
    assert normalize_question("罚款不能超过多少？") == "罚款不能超过多少？"  # a limit, not a ban
    assert normalize_question("条例实施之前装好的怎么办？") == "条例施行前装好的怎么办？"
    bot = _bot_on(tmp_path, "控烟条例.md", SMOKING_RULES)
    ans = bot.ask("控烟条例规定哪些地方不准吸烟？")
    assert not ans.refused and all(s in ans.text for s in ("幼儿园", "医疗卫生机构", "公共交通工具"))
    ans = bot.ask("控烟条例实施以前就建好的室内吸烟室，给多长时间拆掉？")
    assert not ans.refused and "三个月" in ans.text and ans.citations[0].section == "第六条"


# ---- a table a web page gives one cell per line; parts left out of the published text ----------

PILOT_LIST = """示范省人民政府办公厅关于推广第三批营商环境改革举措的通知
示政办发〔2031〕41号
各市人民政府，省政府各部门：
经省政府同意，现将第三批营商环境改革举措推广清单印发给你们，请结合实际推广。
一、推广的改革举措（共7项）
（一）政务服务方面3项。
（二）市场监管方面4项。
二、认真抓好组织实施
各市要把推广工作列为重点工作，省发展改革委要适时督促检查。
附件：第三批营商环境改革举措推广清单
示范省人民政府办公厅
2031年6月1日
（本文有删减）
附件
第三批营商环境改革举措推广清单
序号
改革举措
主 要 内 容
指导部门
推广范围
一、政务服务方面（共3项）
1
企业开办一网通办
申请人通过一个平台一次提交开办企业全部材料，一个工作日内办结。
省政务服务办
全省
2
工程建设项目联合验收
规划、消防、人防等专项验收合并为一次联合验收。
省住房城乡建设厅
全省
3
不动产登记与水电气过户联办
不动产转移登记与水、电、气过户同步受理、同步办结。
省自然资源厅
示范区
二、市场监管方面（共4项）
三、法治保障方面（共2项）
8
涉企行政执法观察期
对新业态企业设置一年观察期，观察期内首次轻微违法依法不予处罚。
省司法厅
全省
9
公平竞争审查第三方评估
引入第三方机构对政策措施开展公平竞争审查评估。
省市场监管局
全省
"""


def test_a_table_given_one_cell_per_line_is_one_item_per_row(tmp_path):
    from ingest.cleaning import rows_from_cell_lines

    assert rows_from_cell_lines(["序号", "举措", "部门", "1", "三合一审判", "法院", "2", "技术调查官", "法院"]) == ["序号\t举措\t部门",
        "1.三合一审判。部门：法院。", "2.技术调查官。部门：法院。"]
    assert rows_from_cell_lines(["序号", "举措", "1", "正文第一段。"]) == ["序号", "举措", "1", "正文第一段。"]  # one row: no table
    doc = parse_document(PILOT_LIST, "营商环境推广清单.txt")
    rows = {s.path: s for s in doc.sections if s.kind == "item" and s.path.startswith("附件（")}
    assert set(rows) == {"附件（序号1）", "附件（序号2）", "附件（序号3）", "附件（序号8）", "附件（序号9）"}
    assert rows["附件（序号2）"].heading == "工程建设项目联合验收" and "省住房城乡建设厅" in rows["附件（序号2）"].text
    assert rows["附件（序号2）"].parent == "附件 一、"  # under its group, cited as the row it is
    bot = _bot_on(tmp_path, "营商环境推广清单.txt", PILOT_LIST)
    (tmp_path / "docs" / "控烟条例.md").write_text(SMOKING_RULES, encoding="utf-8")
    bot.ingest([tmp_path / "docs" / "控烟条例.md"])
    ans = bot.ask("第三批营商环境改革举措里，政务服务方面推广的是哪3项？")
    assert all(s in ans.text for s in ("企业开办一网通办", "工程建设项目联合验收", "水电气过户联办"))
    # the four 市场监管 measures were left out of the published text: counted, never named
    ans = bot.ask("第三批营商环境改革举措里，市场监管方面那4项具体是哪几项？")
    assert ans.refused


LEFT_OUT = """示范省人民政府办公厅关于示范市在省长调研时所提问题办理情况的函
示政办函〔2031〕9号
示范市人民政府：
省长调研时你市提出的问题和建议，省政府领导同志十分重视。现将办理情况函告如下：
一、关于示范港扩建项目问题。省发展改革委提出：扩建项目已列入全省港口布局规划，请你市抓紧开展前期工作。
二、关于示范新机场建设问题。（略）
三、关于老工业区搬迁改造问题。省财政厅提出：将从省级专项资金中给予适当补助。
四、关于示范高铁站选址问题。示范市请求将高铁站设在城东新区。
省交通运输厅、省自然资源厅提出了以下意见：
（一）城东新区方案占用基本农田较多，目前条件还不具备。
（二）请你市会同铁路部门进一步比选站址方案。
示范省人民政府办公厅
2031年8月8日
"""


def test_a_part_left_out_of_the_published_text_answers_nothing(tmp_path):
    bot = _bot_on(tmp_path, "函.txt", LEFT_OUT)
    ans = bot.ask("示范新机场建设问题是怎么答复的？")
    assert ans.refused and "从略" in ans.text
    assert not bot.ask("示范港扩建项目问题是怎么答复的？").refused
    # the bodies whose opinion the reply passes on, with the first opinion after 「提出了以下意见：」
    ans = bot.ask("示范市想把高铁站设在城东新区，是哪些部门给的意见？")
    assert all(s in ans.text for s in ("省交通运输厅", "省自然资源厅", "条件还不具备"))
    assert [c.section for c in ans.citations] == ["四、", "四、（一）"]


def test_which_point_a_role_s_holder_and_members_only_counted():
    assert "具体时刻" not in constraint_gaps("那个通知第几点讲的是调查取证？", "二、要加强调查取证工作。")
    assert "具体时刻" in constraint_gaps("每天几点发布？", "每日发布空气质量信息。")
    assert "具体信息" in constraint_gaps("领导小组的组长由谁来当？", "成立领导小组，明确一名区政府领导分管。")
    assert "具体名单" in constraint_gaps("市场监管方面那4项具体是哪几项？", "市场监管方面4项。")
    docs = [_doc("t", "示范省人民政府办公厅关于推广第三批营商环境改革举措的通知"), _doc("s", "示范市控制吸烟条例")]
    assert scope_of("第三批营商环境改革举措里，有哪些政务服务举措？", docs).doc_ids == ("t",)
    assert scope_of("营商环境里，谁负责？", docs).doc_ids is None  # a short run is a topic, not a name


BREAK_RULES = """# 示范部职工疗休养实施办法

2031年3月1日 经示范部第5次部务会议通过

<!-- INFO END -->

第一条 为了实施《职工疗休养条例》和《职工福利管理办法》，制定本实施办法。

第二条 职工连续工作满5年的，每年可以享受一次疗休养。

第三条 本办法自2031年5月1日起施行。
"""


def test_what_a_law_implements_is_read_from_its_first_article(tmp_path):
    assert doc_fact_intents("这个解释是根据哪些法律制定的？从什么时候开始施行？") == ["basis", "effective"]
    assert doc_fact_intents("疗休养办法是为了实施哪个条例制定的？") == ["basis"]
    bot = _bot_on(tmp_path, "疗休养办法.md", BREAK_RULES)
    shutil.copy(ROOT / "tests" / "data" / "realdocs" / "rule_suanfa_tuijian_guanli_guiding_2021.md", tmp_path / "docs")
    bot.ingest([tmp_path / "docs" / "rule_suanfa_tuijian_guanli_guiding_2021.md"])
    ans = bot.ask("算法推荐那个规定是根据哪些法律制定的？")
    assert all(s in ans.text for s in ("网络安全法", "数据安全法", "个人信息保护法")) and ans.citations[0].section == "第一条"
    ans = bot.ask("疗休养办法是为了实施哪个条例制定的？是哪次会议通过的？")
    assert "职工疗休养条例" in ans.text and "第5次部务会议" in ans.text
    assert "经2031年3月1日经" not in ans.text  # the meeting line's own 经 is not said twice


def test_the_amendments_a_law_s_header_lists(tmp_path):
    assert doc_fact_intents("档案法后来修改过吗？") == ["amended"] and doc_fact_intents("这个条例修订过几次？") == ["amended"]
    assert doc_fact_intents("网站有没有修改过栏目？") == []  # a change to something else, not to the text
    assert doc_fact_intents("这个条例哪年修订的？") == ["approval"]  # when: the meeting's date, as before
    bot = _bot_on(tmp_path, "疗休养办法.md", BREAK_RULES)
    shutil.copy(ROOT / "tests" / "data" / "realdocs" / "law_dangan_fa_2020.md", tmp_path / "docs")
    bot.ingest([tmp_path / "docs" / "law_dangan_fa_2020.md"])
    ans = bot.ask("档案法后来修改过吗？")
    assert "三次修改" in ans.text and all(d in ans.text for d in ("1996年7月5日", "2016年11月7日", "2020年6月20日"))
    assert "1987年9月5日" not in ans.text  # its adoption is no amendment
    assert bot.ask("疗休养办法修改过吗？").refused  # its header lists none


PLAN_ITEMS = """示范市2031年政务公开工作要点
一、推进重点领域信息公开
（一）推进财政预决算公开。全面公开部门预决算和“三公”经费。（牵头单位：市财政局）
（二）推进重大项目信息公开。公开重大项目审批、实施和验收信息。（牵头单位：市发展改革委）
二、加强公开平台建设
（三）加强政府网站建设。市政府门户网站要设立政策文件库，做到统一发布、集中展示。（牵头单位：市政府办公厅）
（四）规范政务微博微信。市级政务微博要建立值班制度，确保及时回应；区级政务微博要做到每日更新、有人管理。（牵头单位：市委网信办）
（五）办好政府热线。12345热线要做到接得通、办得好。（牵头单位：市政务服务办）
"""


def test_a_later_question_about_the_item_the_first_part_found(tmp_path):
    bot = _bot_on(tmp_path, "2031_示范市_政务公开工作要点.txt", PLAN_ITEMS)
    ans = bot.ask("第二部分里讲政务微博的那一条，谁牵头？对区级政务微博又有啥要求？")
    assert "市委网信办" in ans.text and "每日更新" in ans.text
    assert {c.section for c in ans.citations} == {"二、（四）"}  # the item, not every item of 二、


def test_the_first_one_named_in_an_answer_that_opens_with_a_copula():
    answer = "是示范一区、示范二区、示范三区这三个区政府，负责做好试点总结。"
    assert answer_items(answer)[:2] == ["示范一区", "示范二区"]
    resolved = resolve_followup("排第一的那个区政府还牵头了哪项任务？",
                                _turn("2031年示范市要点里，试点总结由哪几个区负责？", answer))
    assert "示范一区区政府还牵头了哪项任务" in resolved and "是示范一区" not in resolved



def test_words_of_the_documents_own_title_do_not_pick_its_clause():
    # every clause of a notice on 遗弃化学武器…管理 shares those words: 统一归口 tells the right one apart
    from assistant.evidence import ClauseRanker
    from vectorstore.types import Hit

    title = "示范省人民政府办公厅关于加强古树名木保护和管理工作的通知"
    def hit(section: str, text: str) -> Hit:
        return Hit(section, "t", text, title, None, section, "", 0.5, 0.5, metadata={"title": title})
    hits = [hit("三、", "对已发现的古树名木，其保护和有关管理工作由所在地街道负责。"),
            hit("一、", "古树名木是珍贵资源。因此，这项工作由省林业局统一归口管理。")]
    terms = ["古树名木", "保护", "统一", "归口", "管理"]
    best = ClauseRanker().rank("古树名木保护由哪个部门统一归口管理？", terms, hits, "lead")[0]
    assert best.section == "一、" and "省林业局" in best.text
    # and it is about the question by its words: the title's words are the whole document's, said by its title
    from assistant.evidence import judge
    assert judge(best, terms)
    from assistant.evidence import _in_title
    assert _in_title("首都机场", "国务院关于组建首都国际机场协调委员会的批复") and not _in_title("例会", "关于召开例行会议")


ARCHIVE_FEES = """示范市档案查阅办法
第一条 为了方便公众查阅档案，制定本办法。
第二条 公众可以持有效身份证件到市档案馆查阅窗口查阅已开放档案。提供查阅服务不得收取费用。
第三条 复制档案的，按照省物价部门核定的标准收取工本费。
"""


def test_a_yes_no_is_said_by_the_clause_that_states_the_shortened_word(tmp_path):
    from assistant.verdicts import said_short

    assert said_short("收费", "提供查询服务不得收取费用") and not said_short("收费", "收到举报后两日内处理费用")
    # the article names the window first and the fee after it: the fee's clause says 否
    bot = _bot_on(tmp_path, "档案查阅办法.md", ARCHIVE_FEES)
    ans = bot.ask("去档案馆窗口查阅开放档案要收费吗？")
    assert ans.text.startswith("否") and "不得收取费用" in ans.text


STATE_REPLY = """国务院办公厅关于示范省所提问题和建议办理情况的函
国办函〔2031〕12号
示范省人民政府：
你省所提问题和建议，国务院领导同志十分重视。现将办理情况函告如下：
一、关于示范机场改扩建问题。民航局提出：改扩建工程已列入民航发展规划，请你省抓紧开展前期工作。
二、关于示范港建设问题。你省请求加快审批示范港二期工程。交通运输部提出了以下意见：
（一）示范港二期工程应纳入全国港口布局规划统筹考虑，避免重复建设。
（二）二期工程的集疏运条件需进一步论证，待条件成熟后再行审批。
国务院办公厅
2031年5月10日
"""


def test_a_shortened_issuer_names_the_document_not_the_topic(tmp_path):
    # 「国办函」 is 国务院办公厅's letter: 国办 is no topic word to find in a part's heading
    bot = _bot_on(tmp_path, "国办函.txt", STATE_REPLY)
    (tmp_path / "docs" / "控烟条例.md").write_text(SMOKING_RULES, encoding="utf-8")
    bot.ingest([tmp_path / "docs" / "控烟条例.md"])
    ans = bot.ask("示范省那个国办函里，对示范港建设问题是怎么答复的？帮我概括一下。")
    assert {c.section for c in ans.citations} >= {"二、（一）", "二、（二）"}
    assert "全国港口布局规划" in ans.text and "待条件成熟" in ans.text
    from assistant.clause_order import off_title
    docs = [_doc("g", "国务院办公厅关于示范省所提问题和建议办理情况的函")]
    assert off_title(["国办", "港口"], Scope(doc_ids=("g",)), docs) == ["港口"]


REVISIONS = """示范省职业教育改革方案
一、总体要求
到2030年，建成20所高水平职业学校。
二、健全专业和教材建设
（一）完善专业目录。健全专业设置定期评估机制，原则上每4年修订1次专业目录，每年发布新增专业。
（二）建设精品教材。教材实行编审分离，每2年修订1次教材，其中专业教材随产业升级及时更新。
"""


def test_two_things_asked_of_at_once_are_each_answered_and_a_target_year_names_no_document(tmp_path):
    from assistant.followup import _context

    # a year aimed at is not the document's; its short name (「职教方案」) is
    assert _context("职教方案说到2030年要建多少所高水平学校？") == "职教方案"
    bot = _bot_on(tmp_path, "示范省职业教育改革方案.txt", REVISIONS)
    ans = bot.ask("职业教育改革方案里，专业目录和教材分别多久修订一次？")
    assert "每4年修订1次专业目录" in ans.text and "每2年修订1次教材" in ans.text


SERIOUS_CASES = """示范市餐饮油烟管理办法
第一条 为了防治餐饮油烟污染，制定本办法。
第二条 餐饮服务单位应当安装油烟净化设施并保持正常使用。
第三条 违反本办法第二条规定，具有下列情形之一的，应当认定为情节严重：
（一）一年内因同一违法行为受到两次以上处罚的；
（二）拒不改正，油烟直排居民住宅的；
（三）伪造油烟净化设施运行记录的。
第四条 情节严重的，由城市管理部门处一万元以上五万元以下罚款。
"""


def test_a_clause_that_introduces_listed_cases_is_quoted_with_all_of_them(tmp_path):
    bot = _bot_on(tmp_path, "油烟管理办法.md", SERIOUS_CASES)
    ans = bot.ask("油烟管理办法里，情节严重是什么标准？")
    assert all(s in ans.text for s in ("两次以上处罚", "油烟直排居民住宅", "伪造油烟净化设施运行记录"))


def test_an_event_or_a_payment_the_evidence_does_not_state():
    assert constraint_gaps("协调小组在活动结束后什么时候撤销？", "为办好博览会，组建示范市博览会协调小组。") == ["撤销"]
    assert constraint_gaps("协调小组什么时候成立的？", "2031年3月组建示范市博览会协调小组。") == []  # 组建 is its founding
    assert constraint_gaps("这块地每年要付多少租金？", "土地使用期限自启用之日起至2060年6月30日止。") == ["租金金额"]
    assert constraint_gaps("这块地每年要付多少租金？", "租金按每平方米每年十元计收。") == []


def test_what_a_reply_answered_is_its_parts(tmp_path):
    assert detect_intent("深圳湾那个批复主要批了些什么？") == "summary"
    assert "答复" not in content_terms("那个函一共答复了哪些事？") and "答复" in content_terms("依申请公开多久内答复？")
    assert "法律" not in content_terms("这样约定合法吗？法律规定大企业要多久付款？")  # what the law says is asked
    assert "法律责任" in content_terms("违反规定的要承担什么法律责任？")
    bot = _bot_on(tmp_path, "国办函.txt", STATE_REPLY)
    shutil.copy(ROOT / "tests" / "data" / "realdocs" / "law_dangan_fa_2020.md", tmp_path / "docs")
    bot.ingest([tmp_path / "docs" / "law_dangan_fa_2020.md"])
    ans = bot.ask("示范省所提问题和建议办理情况的那个函，一共答复了哪些事？简单概括一下。")
    assert "关于示范机场改扩建问题" in ans.text and "关于示范港建设问题" in ans.text
    assert "你省请求加快审批" not in ans.text.split("\n")[0]  # a part is named by its heading sentence


def test_the_last_one_of_items_set_apart_by_semicolons():
    assert answer_items("包括：推进决策公开、执行公开和结果公开。") == ["推进决策公开", "执行公开", "结果公开"]
    answer = "共三项：加强新闻发言人制度建设；发挥网站平台作用；加强热线电话建设和管理。"
    assert answer_items(answer)[-1] == "加强热线电话建设和管理"  # its 和 is inside the item
    resolved = resolve_followup("最后那一项是谁牵头的？", _turn("示范市2031年要点里，平台建设有哪几项？", answer))
    assert "加强热线电话建设和管理是谁牵头的" in resolved
    assert detect_intent("那这几项任务，任务分解表里写的牵头单位都有谁？") == "lead"  # 这几项 points back, counts nothing
    assert "具体信息" in constraint_gaps("组长具体是谁？", "成立领导小组，明确一名区政府领导分管。")


REQUESTS_ANSWERED = """国务院办公厅关于示范省所提问题办理情况的函
国办函〔2031〕30号
示范省人民政府：
现将你省所提问题和建议的办理情况函告如下：
一、关于玉米良种补贴问题。你省请求，国家将你省纳入玉米良种补贴区域。
财政部会同农业农村部研究提出了办理意见：该问题将根据今年玉米的增产情况统筹考虑。
二、关于示范机场改扩建问题。你省请求，尽快批复示范机场改扩建工程。
民航局提出了以下意见：目前扩建的条件还不成熟，请你省继续做好前期工作。
国务院办公厅
2031年6月1日
"""


def test_whether_a_request_was_granted_is_what_the_reply_says_to_it(tmp_path):
    bot = _bot_on(tmp_path, "办理情况的函.txt", REQUESTS_ANSWERED)
    ans = bot.ask("國家有沒有答應把示範省納入玉米良種補貼的範圍？")
    assert "增产情况统筹考虑" in ans.text and not ans.text.startswith(("有", "是"))
    ans = bot.ask("国家同意示范机场改扩建了吗？")
    assert ans.text.startswith("否") and "条件还不成熟" in ans.text


FINE_LADDER = """示范市早餐经营管理办法
第一条 为了规范早餐经营活动，制定本办法。
第二条 从事早餐经营应当取得许可。
第六条 违反本办法第二条规定，未经许可从事早餐经营的，由市场监管部门责令停止经营；有违法所得的，没收违法所得，并处二万元以上五万元以下罚款；没有违法所得的，处五千元以上二万元以下罚款。
"""


def test_a_spoken_fine_is_answered_with_every_step_of_its_ladder(tmp_path):
    assert normalize_question("没许可就卖早餐要罚多少钱？") == "没许可就销售早餐要罚款多少钱？"  # 卖 as 销售
    assert normalize_question("会被处罚多少？") == "会被处罚多少？"  # 处罚 is no sum
    bot = _bot_on(tmp_path, "早餐经营管理办法.md", FINE_LADDER)
    ans = bot.ask("没许可就做早餐经营的，要罚多少钱？")
    assert "二万元以上五万元以下" in ans.text and "五千元以上二万元以下" in ans.text


def test_an_excerpt_of_a_law_loses_no_article(tmp_path):
    # 第一条, 第二条, then 第六条: an excerpt, not a cross reference; nothing falls out of the parse
    paths = [s.path for s in parse_document(FINE_LADDER, "早餐经营管理办法.md").sections]
    assert paths == ["第一条", "第二条", "第六条"]
    plan = "示范市2031年工作安排\n第一条写在前面的说明文字。\n一、总体要求\n做好各项工作。"
    assert any("写在前面的说明文字" in s.text for s in parse_document(plan, "安排.txt").sections)
    with pytest.raises(ValueError, match="没有正文"):
        parse_document("示范市控制吸烟条例\n", "只有标题.md")


def test_how_long_after_issue_is_a_span_not_a_task_rows_quarter(tmp_path):
    plan = PLAN_ITEMS + ("各区政府、市政府各部门要结合实际制订本单位工作安排，并在本要点印发后30日内在政府网站公开。\n"
                         "附件：任务分解表\n序号\t目标和任务\t牵头单位\t完成时限\n"
                         "1\t制订本单位年度工作安排并在网站公开。\t各区政府\t三季度\n")
    bot = _bot_on(tmp_path, "2031_示范市_政务公开工作要点.txt", plan)
    ans = bot.ask("要点印发以后，各区得在多长时间内把本单位工作安排挂到网站上？")
    assert "30日" in ans.text


# ---- from heldout_q and realdocs_q's untouched runs: each class on texts written for the test ----------------

def test_two_documents_each_named_with_its_own_year_and_place():
    docs = [_doc("t", "国务院关于茶叶收购奖售化肥几个问题的通知", None, 1983),
            _doc("j", "国务院办公厅关于江西省在总理考察时所提建议办理情况的函", None, 2005),
            _doc("x", "国务院关于印发某某规划的通知", None, 2005)]
    got = scope_of("1983年那个茶叶奖售的通知和2005年给江西的办理情况函，分别是哪个机关发的？", docs)
    assert set(got.doc_ids or ()) == {"t", "j"} and not got.missing
    # a year that is a verb's, not a document's: 「2003年安排了多少」
    assert doc_years("江西那个函里，其中2003年安排了多少？") == [] and doc_years("2013年安排里") == [2013]


def test_a_named_text_without_a_date_of_its_own_is_not_ruled_out_by_a_year():
    docs = [_doc("w", "湿地保护补偿条例"), _doc("k", "示范省科技进步条例", "示范省", 2024)]
    got = scope_of("2025年那个湿地保护补偿条例哪天开始施行？", docs)
    assert got.doc_ids == ("w",) and not got.missing
    assert scope_of("2025年那个科技进步条例哪天开始施行？", docs).missing == ("2025年",)  # dated, another year


CARE_LAW = """示范省居家养老服务条例
2031年5月20日示范省第十六届人民代表大会常务委员会第三次会议通过
第一章 总则
第一条 为了规范居家养老服务，保障老年人合法权益，制定本条例。
第二条 本条例适用于本省行政区域内的居家养老服务活动。
第二章 服务机构
第三条 省人民政府民政主管部门应当制定养老服务机构等级评定办法。
省人民政府人力资源社会保障主管部门应当制定养老护理员职业技能评价办法。
第四条 对提供居家养老服务的机构，省财政按照下列类别给予补贴（以下称分类补贴）：
（一）助餐；
（二）助浴；
（三）助医；
（四）其他基本养老服务。
第三章 服务对象
第五条 服务对象应当按照合同约定支付服务费用。
服务对象不得有下列行为：
（一）辱骂、殴打养老护理员；
（二）要求提供合同约定以外的服务；
（三）扣押养老护理员身份证件。
第六条 服务对象对服务质量有异议的，可以向服务机构投诉。
第七条 服务对象可以拨打12345热线投诉。
第四章 附则
第八条 本条例自2031年9月1日起施行。
"""


def test_a_law_asked_for_each_body_every_listed_kind_and_a_chapters_articles(tmp_path):
    bot = _bot_on(tmp_path, "示范省居家养老服务条例.md", CARE_LAW)
    # 「A和B，分别由哪个部门制定」: a 办法 the law says someone makes is a task, and each is answered
    ans = bot.ask("养老服务机构的等级评定办法和养老护理员的职业技能评价办法，分别由哪个部门制定？")
    assert "民政主管部门" in ans.text and "人力资源社会保障主管部门" in ans.text
    # 「分哪几类」 asks the kinds, not a sum; 「一个不落全列出来」 is how much is asked, not what
    ans = bot.ask("养老条例里，省财政的分类补贴分哪几类？一个不落全列出来。")
    assert not ans.refused and all(k in ans.text for k in ("助餐", "助浴", "助医", "其他基本养老服务"))
    # 「不能做」 is what a law writes as 不得
    ans = bot.ask("服务对象有哪些事不能做？全部列一下。")
    assert all(k in ans.text for k in ("殴打养老护理员", "合同约定以外", "扣押养老护理员身份证件"))
    ans = bot.ask("养老条例里，讲服务对象的是第几章？包括哪几条？")
    assert "第三章" in ans.text and "第五条" in ans.text and "第七条" in ans.text


REPLY_LETTER = """国务院办公厅关于示范省在总理考察工作时所提问题办理情况的函
国办函〔2031〕9号
示范省人民政府：
对于你省在总理考察工作时提出的问题和建议，有关部门进行了认真研究，现将有关情况函复如下：
一、关于支持示范湖堤防建设问题。
（一）关于堤防建设资金问题。2028年以来，国家已安排该项目3亿元，其中2030年安排了8000万元。
（二）关于堤防二期工程初步设计审批问题。目前，水利部已对二期工程初步设计进行了审查。发展改革委建议，在流域综合规划修编完成后，再研究该项目的审批问题。
二、关于粮食仓储问题。你省请求，国家支持建设粮食仓库。发展改革委提出了办理意见：同意将你省列入粮食仓储设施建设规划。
三、关于地质灾害监测问题。示范湖库区地质灾害监测体系已初步建立，汛期蓄水5个月，成功预警12处滑坡。
国务院办公厅
二〇三一年三月十日
"""


RESOURCE_LAW = ("# 示范资源保护条例\n\n2031年1月8日 国务院第9次常务会议通过\n\n2031年1月16日 中华人民共和国国务院令第901号发布\n\n"
                "<!-- INFO END -->\n\n第一条 为了保护示范资源，制定本条例。\n\n第二条 本条例自发布之日起施行。\n")


def test_a_reply_letter_asked_what_it_answered_granted_and_counted(tmp_path):
    bot = _bot_on(tmp_path, "办理情况的函.txt", REPLY_LETTER)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")  # a library of two
    ans = bot.ask("国办给示范省那个办理情况的函，一共回复了哪几件事？简单概括下。")
    assert all(k in ans.text for k in ("示范湖堤防", "粮食仓储", "地质灾害监测"))
    # an item headed by its issue states no request: what follows is the reply, and it says neither yes nor no
    ans = bot.ask("示范湖堤防二期的初步设计，国家那边批了没有？")
    assert "流域综合规划修编完成后" in ans.text and not ans.text.startswith(("是", "否"))
    assert "5个月" in bot.ask("库区汛期蓄水了几个月？").text
    assert "8000万元" in bot.ask("示范省那个函里，堤防这个项目其中2030年安排了多少？").text
    ans = bot.ask("国家给示范省的粮食仓库一共补了多少吨粮食？")  # a figure in 吨 the text never gives
    assert ans.refused


def test_a_units_figure_and_a_score_given_as_a_weight():
    assert asked_unit("每交售一担棉花奖售多少斤粮食？")[0] == "斤"
    assert not states_figure("各地应于六月底前报送备案。", "斤")
    assert states_figure("汛期蓄水5个月", asked_unit("蓄水了几个月？")[0])
    assert states_figure("分值权重不低于4%", asked_unit("在绩效考核里至少占多少分？")[0])


def test_is_it_x_who_made_it_checks_the_document_fact(tmp_path):
    notice = ("示范市人民政府办公厅关于转发市政务公开办2031年示范市政务公开工作要点的通知\n示府办发〔2031〕3号\n"
              "各区人民政府，市政府各委、办、局：\n市政务公开办制订的《2031年示范市政务公开工作要点》已经市政府同意，现转发给你们，请认真按照执行。\n"
              + PLAN_ITEMS.split("\n", 1)[1] + "（六）健全公开制度。市政府办公厅要制定政务公开事项标准目录，自己制定的制度要及时公开。\n")
    bot = _bot_on(tmp_path, "2031_示范市_政务公开工作要点.txt", notice)
    ans = bot.ask("2031年示范市政务公开工作要点是市政府办公厅自己制定的吗？")
    assert ans.text.startswith("不是") and "市政务公开办" in ans.text
    assert bot.ask("2031年示范市政务公开工作要点是市政务公开办制订的吗？").text.startswith("是")


def test_which_state_council_order_and_both_dates_of_a_regulation(tmp_path):
    bot = _bot_on(tmp_path, "示范资源保护条例.md", RESOURCE_LAW)
    ans = bot.ask("示范资源保护条例是哪号国务院令发布的？哪天通过、哪天发布？")
    assert all(k in ans.text for k in ("第901号", "2031年1月8日", "2031年1月16日"))


EXPO_OPINION = """示范市关于促进会展业高质量发展的若干意见
一、总体要求
推动会展业提质增效。
二、主要任务
（一）扩大展会规模。
1.培育品牌展会。支持本地展会做大做强。
2.引进国际展会。鼓励国际知名展会落户。
（二）提升服务水平。
3.优化通关服务。简化展品通关手续，实施展品暂时进出境担保。
4.完善配套设施。建设智慧展馆。
三、保障措施
加强组织领导，启动《示范市会展场馆布局规划》编制工作。
市商务局要会同有关部门，做好会展统计、会展信用、会展人才和会展安全等工作。各区要落实属地责任。重点做好会展垃圾分类处理的宣传。
"""


def test_a_task_numbered_through_the_parts_and_a_plan_it_only_mentions(tmp_path):
    bot = _bot_on(tmp_path, "会展业若干意见.txt", EXPO_OPINION)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")  # a library of two
    ans = bot.ask("会展业那个若干意见，主要任务里第3条说的是啥？")
    assert "展品通关" in ans.text and [c.section for c in ans.citations][:1] == ["二、（二）3."]
    # a document the plan only says to draft: when it is done is not stated, and nothing else answers it
    ans = bot.ask("《示范市会展场馆布局规划》要在什么时候编完？")
    assert ans.refused
    assert "编制工作" in bot.ask("《示范市会展场馆布局规划》是怎么要求的？").text
    # a section on other things that says it once: what it says of it, not all it says
    ans = bot.ask("会展意见里，垃圾这事儿有啥说法？")
    assert "垃圾分类" in ans.text and "会展人才" not in ans.text


def test_a_follow_up_naming_another_place_and_year_replaces_both():
    got = resolve_followup("那杭州16年的呢？", _turn("18年宁波那个要点，政务公开在绩效考核里至少占多少分？", "不低于4分。"))
    assert "2016年" in got and "2018年" not in got and "杭州" in got and "宁波" not in got


def test_how_much_a_list_asks_for_is_no_question_of_its_own():
    assert question_parts("中央财政分类补偿分哪几类？一个不落全列出来。") == ["中央财政分类补偿分哪几类"]
    assert content_terms("要把园区建成哪几个中心？都列出来。") == ["园区", "建成", "中心"]
    assert constraint_gaps("分类补偿分哪几类？", "按照下列分类实施补偿：（一）森林；") == []
    assert constraint_gaps("补偿标准是多少钱？", "按照下列分类实施补偿") == ["金额"]


# ---- from realdocs_r's untouched run: each class on texts written for the test -----------------------------

TIME_LIMITS = """# 示范省行政复核期限规定

2031年3月1日 示范省高级人民法院审判委员会第9次会议通过

<!-- INFO END -->

为规范复核工作，规定如下：

## 一、各类复核的期限

第一条 一般复核案件的期限为两个月。

第二条 简易复核案件的期限为二十日。

## 二、期限的计算

第三条 下列期间不计入复核期限：

（一）鉴定的期间；

（二）公告的期间。

第四条 复核期限从立案次日起计算。

## 三、延长期限的报批

第五条 需要延长复核期限的，应当在期限届满十日前报请院长批准。

第六条 院长应当在期限届满前作出决定。

第七条 本规定由示范省高级人民法院负责解释。

第八条 审理复核案件，当事人应当年满十八周岁，未满的由监护人代理。

第九条 本规定施行后受理的案件，应当自受理之日起五个工作日内送达通知。

本规定施行前已经受理的案件，应当自本规定施行之日起三个月内补送通知。

第十条 本规定自2031年5月1日起施行。1999年发布的《示范省复核工作处罚办法》同时废止。
"""


def test_parts_over_articles_are_sections_and_their_articles_are_counted(tmp_path):
    doc = parse_document(TIME_LIMITS, "示范省行政复核期限规定.md")
    paths = [s.path for s in doc.sections]
    assert paths[:4] == ["", "一、", "第一条", "第二条"] and "三、" in paths and "第十条" in paths
    assert not any("延长期限的报批" in s.text for s in doc.sections if s.path == "第四条")  # no heading lost in an article
    bot = _bot_on(tmp_path, "示范省行政复核期限规定.md", TIME_LIMITS)
    ans = bot.ask("复核期限规定第二部分的标题是什么？包括哪几条？")
    assert "期限的计算" in ans.text and "第三条" in ans.text and "第四条" in ans.text
    ans = bot.ask("复核期限规定里，讲延长期限怎么报批的是哪一部分？从第几条到第几条？")
    assert "三、" in ans.text and "第五条" in ans.text and "第十条" in ans.text


def test_how_a_rule_is_asked_in_everyday_words(tmp_path):
    bot = _bot_on(tmp_path, "示范省行政复核期限规定.md", TIME_LIMITS)
    assert "第三条" in bot.ask("复核期限规定里哪一条列了不算进复核期限的那些期间？").text  # 不计入
    ans = bot.ask("复核案件对当事人有没有年龄要求？是哪一条规定的？")  # 年满十八周岁; the article is cited once
    assert "十八周岁" in ans.text and [c.section for c in ans.citations] == ["第八条"]
    assert "第七条" in bot.ask("复核期限规定归谁解释？").text
    ans = bot.ask("规定施行之前就受理的案件，要多久内补送通知？")  # 施行前, not 施行后; a span in months
    assert "三个月" in ans.text and "五个工作日" not in ans.text


def test_a_shortened_title_is_no_topic_of_the_question():
    docs = [_doc("r", "示范省行政复核期限规定"), _doc("p", "示范省复核工作处罚办法")]
    scope = Scope(doc_ids=("p",))
    assert "处罚" not in without_doc_names("复核处罚办法里哪一条讲欺诈？", scope, docs, shortened=True)
    assert without_doc_names("复核处罚办法里哪一条讲欺诈？", scope, docs).startswith("复核处罚办法")


def test_a_reply_names_whom_it_answers_and_the_request_it_answers(tmp_path):
    letter = ("示范省人民政府办公厅关于科技节约用电建议的复函\n示府办函〔2031〕8号\n王某某委员：\n"
              "您提出的关于推广科技节约用电的建议收悉，现函复如下：\n一、关于节电技术推广。有关部门已开展试点。\n"
              "二、关于资金支持。将研究给予支持。\n示范省人民政府办公厅\n2031年4月1日\n")
    approval = ("示范省人民政府关于同意示范市档案馆迁址新建的批复\n示府函〔2031〕12号\n示范市人民政府：\n"
                "关于示范市档案馆迁址新建的请示（示政〔2031〕3号）收悉，现批复如下：同意示范市档案馆迁址新建。\n"
                "示范省人民政府\n2031年5月6日\n")
    bot = _bot_on(tmp_path, "科技节约用电建议的复函.txt", letter)
    (tmp_path / "docs" / "档案馆迁址的批复.txt").write_text(approval, encoding="utf-8")
    ans = bot.ask("科技节约用电建议那个复函是写给谁的？")
    assert "王某某委员" in ans.text
    ans = bot.ask("档案馆迁址那个批复，是针对哪个请示批的？")
    assert "迁址新建的请示" in ans.text and "示政〔2031〕3号" in ans.text
    # a 函 in a 文号 names no document by its words: 〔2031〕8号 is the 复函, not the 批复
    got = scope_of("示府办函〔2031〕8号是答复谁的？", bot.searcher.library.docs)
    assert got.doc_ids is not None and len(got.doc_ids) == 1


BIKE_RULES = """# 示范市电动自行车管理规定

2031年6月1日 示范市人民代表大会常务委员会第十次会议通过

<!-- INFO END -->

第一条 为了加强电动自行车管理，制定本规定。

第二条 电动自行车驾驶人和乘坐人员应当佩戴安全头盔。

第三条 电动自行车应当在规定地点停放。

第四条 违反本规定第三条规定，不按规定停放电动自行车的，由公安机关交通管理部门处二十元罚款。

第五条 本规定自2031年9月1日起施行。
"""


def test_a_fine_is_for_the_act_asked_about(tmp_path):
    bot = _bot_on(tmp_path, "示范市电动自行车管理规定.md", BIKE_RULES)
    assert "二十元" in bot.ask("在示范市不按规定停放电动车，罚多少钱？").text
    assert bot.ask("在示范市骑电动车不戴头盔，交警罚多少钱？").refused  # 第四条's fine is for parking


def test_a_short_second_question_and_one_that_points_back(tmp_path):
    assert question_parts("信用信息公开那条要启动编制哪个目录？谁牵头？")[1:] == ["谁牵头"]
    assert question_parts("有哪些？对吗？") == ["有哪些"]
    plan = PLAN_ITEMS + ("附件：任务分解表\n序号\t目标和任务\t牵头单位\t完成时限\n"
                         "1\t出台《示范市公共数据开放管理办法》。\t市经济信息化委\t上半年\n"
                         "2\t优化数据服务网功能，力争年内开放公共数据集达到3000个。\t市经济信息化委\t12月底\n")
    plan = plan.replace("（五）办好政府热线。", "（五）推进数据开放。力争年内开放公共数据集达到3000个。（牵头单位：市经济信息化委）\n（六）办好政府热线。")
    bot = _bot_on(tmp_path, "2031_示范市_政务公开工作要点.txt", plan)
    ans = bot.ask("31年示范市那个要点里，公共数据集年内要开放到多少个？任务分解表里这项的完成时限是啥时候？")
    assert "3000个" in ans.text and "12月底" in ans.text and "上半年" not in ans.text
    ans = bot.ask("示范市2031年要点里，主要负责人一年至少要听几次汇报？")
    assert ans.refused  # the plan says nothing of it; no figure of another thing answers it


def test_a_count_of_events_named_a_few_words_after_the_figure():
    assert states_figure("主要负责人年内至少听取一次政务公开工作汇报", "次", asked="主要负责人一年至少要听几次汇报？")
    assert not states_figure("每年召开一次联席会议", "次", asked="主要负责人一年至少要听几次汇报？")


def test_measures_a_reply_announces_are_its_parts(tmp_path):
    assert question_parts("国办说采取了哪些措施？帮我概括一下。") == ["国办说采取了哪些措施，帮我概括一下。"]
    assert question_parts("高发期会持续到哪一年？为啥？") == ["高发期会持续到哪一年"]
    reply = ("示范省人民政府办公厅对省政协第88号提案的答复\n示府办函〔2031〕20号\n李某某委员：\n"
             "您提出的关于加强政府网站建设的提案收悉，现答复如下：政府网站是政务公开的重要平台。为做好这项工作，我们采取了以下几方面的措施：\n"
             "一、制定网站建设指引。已印发全省政府网站建设指引。\n二、开展网站绩效评估。每年组织一次评估。\n"
             "三、推进网站集约化。市县网站统一迁移到省级平台。\n示范省人民政府办公厅\n2031年7月1日\n")
    bot = _bot_on(tmp_path, "政协提案的答复.txt", reply)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")  # a library of two
    ans = bot.ask("政府网站那个提案答复里，省里说采取了哪些措施？帮我概括一下。")
    assert all(k in ans.text for k in ("网站建设指引", "绩效评估", "集约化"))


# ---- realdocs_s classes: notices that forward, replies with reports attached, rules read by their lead-in -----

MINISTRY_NOTICE = ("# 关于职工夜班津贴折算问题的通知\n\n劳社部发[2031]5号\n\n<!-- INFO END -->\n\n"
                   "各省、自治区、直辖市劳动和社会保障厅（局）：\n\n根据有关规定，现将夜班津贴折算办法通知如下：\n\n"
                   "## 一、夜班时间的计算\n\n夜班时间按每日22时至次日6时计算。\n\n## 二、津贴的折算\n\n夜班津贴按小时工资的20%折算。\n\n"
                   "## 三\n\n2029年6月1日劳动保障部发布的《关于夜班津贴问题的通知》（劳社部发[2029]9号）同时废止。\n")
AMENDED_REGULATION = ("# 示范检疫条例\n\n2030年1月3日 国务院发布\n\n2031年5月13日 《国务院关于修改〈示范检疫条例〉的决定》第一次修订\n\n"
                      "<!-- INFO END -->\n\n第一条 为了防止示范病虫传播，制定本条例。\n\n"
                      "第二条 县级以上农业主管部门主管本地区的示范检疫工作。\n\n"
                      "第三条 疫区的划定，由省农业主管部门提出，报省人民政府批准。\n\n"
                      "疫区的范围涉及两省以上的，由有关省农业主管部门共同提出，报国务院农业主管部门批准后划定。\n\n"
                      "第四条 本条例自发布之日起施行。2020年1月1日农业部发布的《示范检疫试行办法》同时废止。\n")
INQUIRY_RULE = ("# 示范机关适用询问规定\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了规范询问工作，制定本规定。\n\n"
                "## 第二章 适用\n\n第二条 对有违法嫌疑的人员当场询问后，具有下列情形之一的，工作人员可以将其带至机关继续询问：\n\n"
                "（一）被害人指认其有违法行为的；\n\n（二）有正在实施违法行为嫌疑的；\n\n（三）身份不明的。\n\n"
                "第三条 对符合本规定第二条所列条件，同时具有下列情形之一的人员，可以继续询问，但必须在三小时以内询问完毕，"
                "且不得送入等候室：\n\n（一）怀孕的妇女；\n\n（二）不满十六周岁的未成年人；\n\n（三）已满七十周岁的老年人。\n\n"
                "第四条 继续询问的时限一般为十小时。\n\n## 第三章 附则\n\n"
                "第五条 本规定自2031年10月1日起施行。示范机关以前制定的关于留置询问的规定同时废止。\n")


def test_who_issued_a_ministry_notice_a_bare_numeral_part_and_an_amended_texts_first_issue():
    doc = parse_document(MINISTRY_NOTICE, "夜班津贴通知.md")
    assert doc.issuer == "劳动和社会保障部" and doc.level == "national"  # 劳社部发: the 文号 names its issuer
    assert "三、" in [s.path for s in doc.sections]  # 「## 三」: part 三, its text below
    doc = parse_document(AMENDED_REGULATION, "示范检疫条例.md")
    assert doc.effective_date == "2030-01-03" and doc.date == "2031-05-13"  # 自发布之日起: the first 发布
    assert parse_document(INQUIRY_RULE, "询问规定.md").level == "national"  # a rule titled without a place


def test_a_rule_read_by_its_lead_in_and_two_documents_each_asked_its_own(tmp_path):
    bot = _bot_on(tmp_path, "示范机关适用询问规定.md", INQUIRY_RULE)
    (tmp_path / "docs" / "夜班津贴通知.md").write_text(MINISTRY_NOTICE, encoding="utf-8")
    (tmp_path / "docs" / "示范检疫条例.md").write_text(AMENDED_REGULATION, encoding="utf-8")
    ans = bot.ask("什么情况下可以把人带到机关继续询问？几种情形都列出来。")  # how to answer, not a second question
    assert all(k in ans.text for k in ("指认", "正在实施", "身份不明"))
    # a case item says nothing without the rule it is a case of
    assert "三小时以内" in bot.ask("询问规定里，不满十六岁的孩子也能继续询问十个小时吗？").text
    # each part names its own document, the notice by its issuer's short name
    ans = bot.ask("夜班津贴折算那个劳社部通知废止了哪个旧文件？询问规定施行的时候又废止了什么？")
    assert "[2029]9号" in ans.text and "留置询问" in ans.text
    assert "2030年1月3日" in bot.ask("示范检疫条例最早是哪年发布的？").text  # 「2030年1月3日 国务院发布」


FORWARDED_REPORT = """国务院办公厅转发示范局关于2031年示范趋势和加强示范工作意见报告的通知
国办发〔2031〕4号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
示范局《关于2031年示范趋势和加强示范工作意见的报告》已经国务院批准，现转发给你们，请认真贯彻执行。
国务院办公厅
二〇三一年二月四日
（本文有删减）
关于2031年示范趋势和加强示范工作意见的报告
国务院：
我局于2031年1月7日至11日召开2031年度全国示范趋势会商会，对2031年示范趋势进行了分析研判。现将会商结果和意见报告如下：
一、2031年示范趋势
会议确定了2031年度示范风险较大的重点地区。
二、加强示范工作的意见
为此，提出以下几点意见：
（一）各地区要尽快制定示范工作十年目标实施方案。
（二）做好示范应急预案的落实工作。
（三）加强对示范设防工作的管理。
（四）积极开展示范知识宣传教育。
以上意见如无不妥，请批转各地区、各部门执行。
示范局
二〇三一年一月二十日
"""


def test_a_forwarded_report_its_points_and_a_place_it_never_names(tmp_path):
    from vectorstore.clauses import clauses_of
    assert clauses_of("国务院办公厅\n二〇三一年二月四日\n（本文有删减）\n我局于1月召开会商会。")[1] == "（本文有删减）"
    bot = _bot_on(tmp_path, "示范趋势报告的通知.txt", FORWARDED_REPORT)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")
    ans = bot.ask("示范局那个报告里，加强示范工作一共提了哪几点意见？帮我概括一下。")  # 几点: points, not o'clock
    assert all(k in ans.text for k in ("十年目标实施方案", "应急预案", "设防", "宣传教育"))
    ans = bot.ask("示范趋势那个国办通知转发的是谁的什么文件？")
    assert "示范局《关于2031年示范趋势和加强示范工作意见的报告》" in ans.text and "国务院批准" in ans.text
    assert bot.ask("示范趋势那个通知里，全国示范趋势会商会是在哪个城市开的？").refused  # when, never where


LANDSLIDE_REPLY = """国务院办公厅关于示范县地质险情有关问题的复函
国办函〔2031〕80号
示范省人民政府：
你省《关于恳请解决示范县地质险情有关问题的请示》收悉。2031年4月和9月，自然资源部两次组成专家组赴现场进行了调查。经国务院领导同志同意，现将有关意见转复你省。
建议你省按照专家组意见，做好示范村地下振动的长期监测工作，并据其发展情况确定如何进一步采取防治措施。
涉及要求国家安排专项经费问题，可另向财政部专题报告。
国务院办公厅
二〇三一年十一月四日
附件1
自然资源部关于示范县地质险情调查情况的报告
国务院：
我部组织以示范大学张某某院士为组长，由中国科学院、示范理工大学、示范省地勘局等单位专家组成的专家组，进行了现场调查。现将有关情况报告如下：
一、基本情况
示范村位于长江南岸，房屋多处开裂。
二、险情成因分析
专家组认为，险情倾向于由浅源地震造成。
三、处理情况
县政府已委托有关单位进行了地质勘查。
四、建议意见
建议做好长期监测工作。
"""


def test_a_reply_with_a_report_attached_sums_up_its_own_text_and_names_whom_to_ask(tmp_path):
    bot = _bot_on(tmp_path, "示范县地质险情的复函.txt", LANDSLIDE_REPLY)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")
    ans = bot.ask("示范县那个复函主要说了些什么？简单概括一下。")  # the letter's own sentences, not the report's parts
    assert "长期监测" in ans.text and "财政部" in ans.text
    assert "财政部" in bot.ask("示范县那个复函里说，要国家安排专项经费的话，示范省应该找哪个部门？").text
    assert "中国科学院" in bot.ask("示范县那个事，自然资源部组的专家组是哪些单位的专家？").text
    ans = bot.ask("示范县那个复函的附件1哪一部分讲险情成因？")  # the part whose heading names it
    assert "附件1 二、" in ans.text and "险情成因分析" in ans.text


QUOTA_NOTICE = """国务院办公厅转发示范委关于示范班扩大规模有关问题请示的通知
国办发〔2031〕32号
北京、天津、广东、福建省（直辖市）人民政府：
示范委《关于示范班扩大规模有关问题的请示》已经国务院批准，现转发给你们。
国务院办公厅
二〇三一年七月十七日
关于示范班扩大规模有关问题的请示
国务院：
经协商，确定在北京、天津、广东、福建等4个省（市）扩大示范班规模（其中2030年广东省、福建省共落实了165名扩招任务）。现提出如下意见：
一、逐年扩招
（一）以2030年实招人数1445名为基数，至2033年达到2000名的招生规模。
二、保证经费
（一）示范自治区人民政府负责提供学生的学习和生活费用。不足部分可由承担任务的省（市）人民政府予以补贴。
"""


def test_places_a_national_text_speaks_of_are_what_is_asked(tmp_path):
    bot = _bot_on(tmp_path, "示范班扩大规模的通知.txt", QUOTA_NOTICE)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")
    hist = _turn("示范班那个通知说，到2033年招生规模要达到多少？", "到2033年达到2000名的招生规模。")
    ans = bot.ask("那广东和福建呢？2030年它俩已经落实了多少扩招名额？", history=hist)
    assert "165" in ans.text.split("\n")[0]  # what the text says of both, not two sides to compare
    assert "七月十七日关于" not in ans.text  # a signature's date ends its clause: the next title is no part of it
    ans = bot.ask("示范班学生的学习和生活费用由谁来出？不够的部分谁补？")  # 不够的部分: 不足部分
    assert "示范自治区人民政府" in ans.text and "承担任务的省（市）" in ans.text


DISTRICT_PLAN = """2031年示范区政务公开工作要点
各街道办事处、区政府各委办局：
《2031年示范区政务公开工作要点》已经区政府第46次常务会议通过，现印发给你们，请遵照执行。
示范区人民政府办公室
2031年3月1日
根据市政府政务公开工作部署，依照《2031年示范市政务公开工作要点》要求，制定2031年示范区政务公开工作要点。
一、推进重点领域信息公开
（一）推进环境信息公开。每日发布14个郊区县环境空气质量信息，按月发布全区环境质量公告。
（二）推进征收信息公开。推行电子协议签约模式，使征收地块内居民通过房屋征收信息系统可随时查阅补偿结果和签约动态。
（三）推进教育信息公开。公开学区划分和招生计划。
"""


def test_a_plan_asked_what_it_follows_who_its_counted_members_are_and_how_it_arranges_a_want(tmp_path):
    story = "拆迁的时候居民想随时查自家赔了多少、签了多少户，文件是怎么安排的？"
    assert detect_intent(story) != "quantity" and len(question_parts(story)) == 1  # the closing words ask
    bot = _bot_on(tmp_path, "2031_示范区_政务公开工作要点.txt", DISTRICT_PLAN)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")
    assert "《2031年示范市政务公开工作要点》" in bot.ask("示范区31年的要点是照着哪份文件的要求定的？").text
    assert bot.ask("示范区31年要点里每天发布空气质量的14个郊区县，具体是哪几个？").refused  # only counted
    # the 文号 of a document it only names: not its own
    assert bot.ask("示范区31年要点里说依照《2031年示范市政务公开工作要点》，那份市政务公开要点的文号是多少？").refused
    assert "房屋征收信息系统" in bot.ask(f"示范区31年要点里，{story}").text


def test_facts_of_a_text_with_what_it_says_and_a_rule_before_its_special_case(tmp_path):
    assert detect_intent("政府部门的公开电话号码换了怎么办？") != "quantity"  # what to do, no figure asked
    assert detect_intent("热线电话的号码是多少？") == "quantity"
    # 「一年250天」 is a year's days: a text that counts 年工作日 states it
    assert not constraint_gaps("一年250天是怎么算出来的？", "年工作日：365天-104天-11天＝250天")
    bot = _bot_on(tmp_path, "示范检疫条例.md", AMENDED_REGULATION)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")
    ans = bot.ask("示范检疫条例最早是哪年发布的？后来修订过吗？它出台后废止了哪个旧办法？")
    assert all(k in ans.text for k in ("2030年1月3日", "2031年5月13日", "《示范检疫试行办法》"))
    ans = bot.ask("示范检疫条例里疫区是谁来划定的？要是跨了两个省呢？")  # the rule first, then its special case
    first, *rest = ans.text.split("\n")
    assert "报省人民政府批准" in first and "共同提出" in "".join(rest)
    assert [c.section for c in ans.citations] == ["第三条第一款", "第三条第二款"]  # each 款 cited as it is stored


def test_a_counted_topic_its_items_and_what_several_asks_after_a_topic_ask(tmp_path):
    assert question_parts("2017年示范区食品那块，牵头单位是谁，要建立什么调查制度？") == [
        "2017年示范区食品那块，牵头单位是谁", "要建立什么调查制度"]  # what both ask about, then each ask
    assert question_parts("那食品那块呢？牵头的是谁，要建立什么制度？") == ["那食品那块呢，牵头的是谁", "要建立什么制度"]
    assert len(question_parts("来沪人员可以纳入住房保障，具体要满足什么条件，比如社保要缴满几年？")) == 1  # an example
    assert "一块" not in content_terms("财政信息公开这一块提了什么要求？")  # where in the text, no topic
    assert doc_fact_intents("落款日期和实际印发日期分别是哪天？") == ["date"]  # the document's dates, as nouns
    plan = ("2031年示范市政务公开工作要点\n各区人民政府，市政府各委、办、局：\n《2031年示范市政务公开工作要点》已经市政府同意，"
            "现印发给你们，请认真按照执行。\n示范市人民政府办公厅\n2031年3月5日\n一、扎实推进依申请公开\n（一）规范依申请公开办理工作。"
            "严格依法答复。\n（二）提升依申请公开服务能力。加强受理点建设。\n（三）加强疑难申请研究处理。建立会商机制。\n"
            "二、推进财政信息公开\n（一）推进预决算公开。各部门公开部门预决算。\n（二）推进“三公”经费公开。公开“三公”经费预决算。\n")
    bot = _bot_on(tmp_path, "2031_示范市_政务公开工作要点.txt", plan)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")
    ans = bot.ask("示范市31年要点里，依申请公开一共安排了几项工作？各是什么？")
    assert ans.text.startswith("共三项") and all(k in ans.text for k in ("办理工作", "服务能力", "疑难申请"))
    ans = bot.ask("示范市31年要点，财政信息公开这一块提了什么要求？概括一下。")
    assert "预决算" in ans.text and "三公" in ans.text


POINTS_RULE = ("# 示范交通违法行为记分办法\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了规范记分工作，制定本办法。\n\n"
               "## 第二章 记分分值\n\n第二条 机动车驾驶人有下列交通违法行为之一，一次记6分：\n\n"
               "（一）驾驶机动车违反道路交通信号灯通行的；\n\n（二）驾驶机动车占用应急车道行驶的。\n\n"
               "第三条 机动车驾驶人有下列交通违法行为之一，一次记3分：\n\n"
               "（一）驾驶机动车有拨打、接听手持电话等妨碍安全驾驶的行为的；\n\n（二）驾驶机动车不按规定使用灯光的。\n\n"
               "## 第三章 附则\n\n第四条 本办法自2031年4月1日起施行。\n")


def test_a_case_items_figure_is_its_lists_and_everyday_traffic_words(tmp_path):
    assert normalize_question("闯红灯被拍了，驾照一次扣几分？") == "违反道路交通信号灯通行被拍了，驾驶证一次记几分？"
    assert doc_fact_intents("气象站那个复函是回复谁的哪份请示？哪天发的？") == ["recipients", "basis", "date"]
    bot = _bot_on(tmp_path, "示范交通违法行为记分办法.md", POINTS_RULE)
    (tmp_path / "docs" / "示范资源保护条例.md").write_text(RESOURCE_LAW, encoding="utf-8")
    ans = bot.ask("示范记分办法里哪一条管开车打手机？")  # the article, with the rule its case is of
    assert "第三条" in ans.text and "一次记3分" in ans.text
    assert "3分" in bot.ask("示范记分办法里，开车打手机一次扣几分？").text


PROPERTY_RULE = ("# 示范物业服务条例\n\n<!-- INFO END -->\n\n"
                 "第一条 为了规范物业服务活动，维护业主合法权益，制定本条例。\n\n"
                 "第二条 本市行政区域内的物业服务活动，适用本条例。\n\n"
                 "第三条 区物业主管部门负责本辖区物业服务活动的监督管理。\n\n"
                 "第四条 新建住宅区应当按照每百户不少于三十平方米的标准配建物业服务用房。\n\n"
                 "已建成住宅区应当按照每百户不少于十平方米的标准配置物业服务用房。\n\n"
                 "第五条 业主可以通过下列方式投诉：\n\n（一）拨打12345服务热线；\n\n（二）登录物业投诉网站；\n\n"
                 "（三）向街道办事处书面投诉。\n\n"
                 "第六条 物业服务企业收到业主投诉的，应当自收到之日起5个工作日内作出答复。\n\n"
                 "符合退费条件的，物业服务企业应当自业主提出之日起15个工作日内完成退费。\n\n"
                 "第七条 区物业主管部门应当会同有关部门编制物业服务设施规划，经本级人民政府批准后组织实施。\n\n"
                 "第八条 物业服务企业违反本条例第六条规定的，由区物业主管部门责令改正，处一千元以上五千元以下罚款。\n\n"
                 "第九条 业主大会的议事规则，由业主大会自行约定。\n\n"
                 "第十条 本条例未规定的事项，适用国家和本市有关规定。\n")


def test_a_parallel_figure_a_second_time_limit_ways_to_complain_and_a_rule_with_no_effective_date(tmp_path):
    bot = _bot_on(tmp_path, "property.md", PROPERTY_RULE)
    # 「老小区又是多少」: the figure of the same unit the article gives beside the first answer's
    ans = bot.ask("新建小区的物业服务用房按啥标准配？老小区又是多少？")
    assert "三十平方米" in ans.text and "十平方米的标准配置" in ans.text
    # a second part that asks only a time: the article's other time limit, not the first one again
    ans = bot.ask("业主投诉了，物业几天内必须答复？符合条件的话多久得把费退完？")
    assert "5个工作日" in ans.text and "15个工作日" in ans.text
    # 「哪些渠道」 is answered by the article's 「下列方式」, every item
    ans = bot.ask("业主想投诉物业，都有哪些渠道？")
    assert all(w in ans.text for w in ("12345", "物业投诉网站", "书面投诉"))
    # no 本条例…施行 anywhere: 「组织实施」 of a plan is no effective date
    ans = bot.ask("这个物业服务条例从哪天开始施行？")
    assert ans.refused and "施行日期" in ans.text
    # 倒数第二条 counts from the end: 第九条 of ten
    ans = bot.ask("物业服务条例倒数第二条讲的是什么？")
    assert not ans.refused and "议事规则" in ans.text and {c.section for c in ans.citations} == {"第九条"}


def test_short_forms_halves_of_terms_and_phrases_said_word_for_word():
    from assistant.evidence import _found, coverage, shared_run

    assert _found("社保", "参加社会保险的职工") == 2 and _found("社保", "社区和保障") == 0
    assert _found("三公经费", "加强工作经费保障") == 0 and _found("法律责任", "依照有关法律的规定") == 0  # no half terms
    assert coverage(["算进", "计入"], "纳入年度考核") == 0.5  # 计入 said as 纳入; 算进 not
    assert coverage(["安全考核"], "纳入安全评估范围") == 1.0  # a word of a term said another way
    assert shared_run("免费更换发动机吗", "修理者应当免费更换发动机") == 7
    assert shared_run("举报危害国家安全行为", "举报危害国家安全行为的渠道", title="公民举报危害国家安全行为奖励办法") == 0


def test_how_pieces_and_times_are_asked_is_no_topic_and_a_lead_note_names_who_carries_it_out():
    from assistant.clause_answers import _asked_kind
    from assistant.forms import _responsible

    terms = content_terms("以前发的那些老文件，以后能不能全都在网上查到？")
    assert not {"以前", "以后", "那些", "全都"} & set(terms) and "网上" in terms
    assert not {"几件事", "落到", "几块"} & set(content_terms("绿化工作具体落到哪几件事上？分成了哪几块？"))
    assert "截止" not in content_terms("垃圾分类的目标截止到啥时候？")
    assert "一个" not in content_terms("一个协会要保留下来得有几个会员？")
    assert _asked_kind("这项工作具体落到哪几件事上？") is None and _asked_kind("试点县是哪几个？") == "县"
    note = "推进绿色出行。(牵头单位:市交通局;责任单位:各区(县)政府、市级有关部门)"
    assert _responsible(note, "市交通局") == "各区(县)政府、市级有关部门"
    assert doc_fact_intents(normalize_question("人家报的是啥请示？")) == ["basis"]


def test_the_figures_of_a_story_told_as_a_condition_are_no_gap():
    clause = "家用电器自售出之日起15日内出现性能故障的，消费者可以选择退货。"
    assert constraint_gaps("那要是买了10天、还没满半个月，电视坏了能咋办？", clause) == []
    assert constraint_gaps("买了15天内坏了能退吗？", clause) == []  # 15天 is 15日
    assert constraint_gaps("买了20天内坏了能退吗？", clause) != []


def test_a_verdict_only_of_a_clause_that_says_the_questions_words(tmp_path):
    bot = _bot_on(tmp_path, "property.md", PROPERTY_RULE)
    # 「老房子」「配房」 are said as 已建成住宅区 and 物业服务用房: the clause is near, but shares too few of the
    # question's words for a 有 or 没有; it is shown for the reader to judge
    ans = bot.ask("小区老房子有没有要求给物业配房？")
    assert not ans.refused and "十平方米" in ans.text
    assert not ans.text.startswith(("是", "有", "否", "不是", "没有"))
    ans = bot.ask("物业服务企业收到业主投诉后要不要作出答复？")  # the clause says the question's words: a verdict
    assert ans.text.startswith(("是", "有", "要")) and "5个工作日" in ans.text


def test_two_things_named_together_then_asked_what_each_gets(tmp_path):
    bot = _bot_on(tmp_path, "award.md", "# 示范见义勇为表彰办法\n\n<!-- INFO END -->\n\n"
                  "第一条 为了弘扬正气，制定本办法。\n\n"
                  "第二条 民政部门根据事迹情况，给予荣誉表彰或者经济奖励。\n\n"
                  "给予荣誉表彰的，授予见义勇为称号；给予经济奖励的，发放一次性奖金。\n\n"
                  "第三条 本办法自发布之日起施行。\n")
    ans = bot.ask("见义勇为的分荣誉表彰和经济奖励，具体各给点啥？")
    assert "见义勇为称号" in ans.text and "一次性奖金" in ans.text


def test_a_chapter_named_by_its_heading_its_sections_and_its_articles(tmp_path):
    bot = _bot_on(tmp_path, "care.md", "# 示范社区照护服务条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n"
                  "第一条 为了规范社区照护服务，制定本条例。\n\n第二条 本条例适用于本市社区照护服务。\n\n"
                  "## 第二章 社区照护服务\n\n### 第一节 上门服务\n\n第三条 街道应当组织上门照护服务。\n\n"
                  "第四条 上门服务应当登记。\n\n### 第二节 日间照料\n\n第五条 社区应当设置日间照料中心。\n\n"
                  "## 第三章 附则\n\n第六条 本条例自2030年1月1日起施行。\n")
    # the chapter's heading repeats words of the title: it names the chapter, not the document
    ans = bot.ask("讲社区照护服务的那一章是怎么分节的？")
    assert "分为二节" in ans.text and "上门服务" in ans.text and "日间照料" in ans.text
    ans = bot.ask("讲社区照护服务的那一章一共有多少条？")
    assert "第二章“社区照护服务”共3条" in ans.text  # the chapter named by its title too


def test_a_bound_asked_as_the_least_or_the_most(tmp_path):
    bot = _bot_on(tmp_path, "lift.md", "# 示范电梯维护保养规定\n\n<!-- INFO END -->\n\n"
                  "第一条 为了保障电梯安全运行，制定本规定。\n\n"
                  "第二条 在电梯维保合同期限内，维保单位自接到故障报修之日起2日内到场处理。\n\n"
                  "第三条 电梯维保合同的期限不得低于1年；维保记录的保存期限不得低于4年。\n\n"
                  "第四条 因特殊情况不能按期完成维保的，可以延期，最长不超过30日。\n\n"
                  "第五条 本规定自发布之日起施行。\n")
    # 「最少…多长时间」 is the 不得低于 of the article, not another article's 「2日内」
    ans = bot.ask("电梯维保合同最少要签多长时间？")
    assert "不得低于1年" in ans.text and {c.section for c in ans.citations} <= {"第三条", "第三条第一款"}
    ans = bot.ask("维保遇到特殊情况，最多能延期多久？")
    assert "30日" in ans.text


# ---- classes found by the blind sets heldout_v and realdocs_v (examples made up here) ----------

PARK_RULE = ("# 示范公园管理规定\n\n<!-- INFO END -->\n\n"
             "第一条 为了加强公园管理，制定本规定。\n\n"
             "第二条 游客应当文明游园。\n\n"
             "游客不得携带宠物入园；携带宠物的，管理人员应当劝其离开；拒不离开的，报告公安机关依法处理。\n\n"
             "游客不得在园内焚烧落叶。\n\n"
             "第三条 游园人员协会会员大会每年召开一次。经五分之一以上会员提议，应当召开临时会员大会。\n\n"
             "第四条 违反本规定第二条第三款规定的，由园林部门处一百元以下罚款。\n\n"
             "违反本规定第二条第二款规定的，由园林部门处五十元以下罚款。\n\n"
             "第五条 有下列情形之一的，公园可以临时闭园：\n\n（一）举办重大活动的；\n\n（二）遇恶劣天气的；\n\n"
             "（三）设施检修的。\n\n"
             "第六条 公园门票价格另行规定。游客遗失门票的，补办门票的价格为每张五元。\n\n"
             "第七条 本规定自发布之日起施行。\n")


def test_a_figure_the_text_leaves_to_another_rule_is_not_taken_from_another_article(tmp_path):
    bot = _bot_on(tmp_path, "park.md", PARK_RULE)
    ans = bot.ask("示范公园管理规定里，公园门票价格是多少钱？")
    assert ans.refused and "另行规定" in ans.text and "五元" not in ans.text.split("最接近")[0]
    assert "五元" in bot.ask("示范公园管理规定里，门票丢了补办一张多少钱？").text


def test_what_befalls_a_breach_is_the_article_that_punishes_the_duty(tmp_path):
    bot = _bot_on(tmp_path, "park.md", PARK_RULE)
    # the duty is in 第二条第二款; the fine, in the 款 of 第四条 that names it by number alone (not the one naming 第三款)
    ans = bot.ask("带宠物进公园，劝了也不走，会怎么罚？")
    assert "五十元以下罚款" in ans.text and "一百元" not in ans.text
    assert {c.section for c in ans.citations} == {"第四条第二款"}


def test_a_share_of_members_answers_how_many_people(tmp_path):
    bot = _bot_on(tmp_path, "park.md", PARK_RULE)
    ans = bot.ask("要多少会员提议才必须开临时会员大会？")
    assert not ans.refused and "五分之一以上" in ans.text


def test_in_which_cases_is_answered_by_the_article_that_lists_them(tmp_path):
    bot = _bot_on(tmp_path, "park.md", PARK_RULE)
    ans = bot.ask("示范公园管理规定里，公园在哪些情况下可以临时闭园？帮我列全")
    assert all(x in ans.text for x in ("举办重大活动", "恶劣天气", "设施检修"))
    assert question_parts("公园在哪些情况下可以闭园？帮我列全") == ["公园在哪些情况下可以闭园"]


def test_a_piece_that_only_names_the_source_is_no_question_of_its_own():
    assert question_parts("会员大会多久开一次？公园管理规定怎么说的") == ["按公园管理规定，会员大会多久开一次"]
    assert question_parts("会员大会多久开一次？（公园管理规定）") == ["按公园管理规定，会员大会多久开一次"]
    assert question_parts("会员大会多久开一次？这个规定是哪年施行的？") == ["会员大会多久开一次", "这个规定是哪年施行的"]


def test_whether_a_document_mentions_something_it_does_not_is_answered_no(tmp_path):
    from assistant.verdicts import mention_asked

    assert mention_asked("示范公园管理规定里有没有提到收门票？") == "收门票"
    assert mention_asked("公园规定里夜间开放提到了吗") == "夜间开放"
    assert mention_asked("那来沪就业的人员呢？有提到吗") is None and mention_asked("能不能带狗") is None
    bot = _bot_on(tmp_path, "park.md", PARK_RULE)
    ans = bot.ask("示范公园管理规定里有没有提到夜间开放的时间？")
    assert not ans.refused and ans.text.startswith("没有") and "未提及" in ans.text
    ans = bot.ask("示范公园管理规定里有没有提到焚烧落叶？")
    assert ans.text.startswith(("有", "是", "否"))  # the text speaks of it: a verdict from its clause


def test_spoken_words_for_points_offices_and_terms():
    from assistant.evidence import _BODY_RE, TIME_RE

    assert constraint_gaps("在监督保障上主要讲了哪几点？", "完善考核制度。") == []
    assert constraint_gaps("每天几点之前发布？", "每日发布。") == ["具体时刻"]
    assert "几点" not in content_terms("在监督保障上主要讲了哪几点？")
    assert _BODY_RE.findall("区里办完以后结果要不要公开") == [] and _BODY_RE.findall("由市信访办负责吗") == ["市信访办"]
    assert normalize_question("业委会一届能干几年？") == "业主委员会任期几年？"
    assert "通知" in normalize_question("得提前多久跟业主打招呼？")
    assert TIME_RE.search("可以在一审开庭前申请参加诉讼") and not TIME_RE.search("开庭审理")
    assert detect_intent("关于热线这块都要求了啥？") == "summary"


def test_the_next_section_is_asked_what_the_last_question_asked():
    history = [{"role": "user", "content": "2030年示范市那个安排里，热线建设是谁牵头的？"},
               {"role": "assistant", "content": "第二部分第（三）项“加强热线建设”的牵头单位是市效能办。"}]
    assert resolve_followup("那紧接着的下一条，网站建设那条呢？", history).endswith("第二部分第（四）项是谁牵头的？")
    assert resolve_followup("那下一条由谁负责？", history).endswith("第二部分第（四）项由谁负责？")


def test_a_follow_up_stays_in_the_document_the_last_question_named_by_title():
    history = [{"role": "user", "content": "示范征地条例里，对补偿决定不满意怎么办？"},
               {"role": "assistant", "content": "可以申请复核。"}]
    assert resolve_followup("那对复核结果还是不服呢？", history).startswith("示范征地条例")


def test_a_quote_mostly_said_before_is_no_new_answer():
    from assistant.followup import already_said

    said = "甲会分为两种；经百分之二十以上提议，应当召开。"
    assert already_said(["甲会分为两种。乙应当按规则召开。经百分之二十以上提议，应当召开。"], said)
    assert not already_said(["丙会分为两种。丙会应当按规则召开。经三分之一以上委员提议，应当召开。"], said)


def test_every_meeting_that_adopted_a_text_when_asked_for_each(tmp_path):
    bot = _bot_on(tmp_path, "interp.md", "# 示范法院关于审理示范案件的解释\n\n"
                  "2010年3月1日 示范法院审判委员会第100次会议通过\n\n"
                  "2020年5月6日 示范法院审判委员会第200次会议通过\n\n<!-- INFO END -->\n\n"
                  "第一条 为正确审理示范案件，制定本解释。\n\n第二条 本解释自发布之日起施行。\n")
    ans = bot.ask("这个解释是审委会哪两次会议通过的？")
    assert "第100次" in ans.text and "第200次" in ans.text and "两次" in ans.text


def test_a_ling_said_by_its_number_alone_names_its_document():
    from vectorstore.scope import _short_numbers

    docs = [_doc("a", "示范条例", None), _doc("b", "示范办法", None)]
    docs = [replace(docs[0], doc_number="示范省人民政府令第12号"), replace(docs[1], doc_number="示范省人民政府令第13号")]
    assert _short_numbers("12号令里怎么规定的？", docs) == ("示范省人民政府令第12号",)
    assert _short_numbers("示范省人民政府令第12号和第13号分别是什么？", docs) == ("示范省人民政府令第13号",)


def test_a_figure_the_question_already_gives_is_not_what_it_asks(tmp_path):
    bot = _bot_on(tmp_path, "score.md", "# 示范安全考核办法\n\n<!-- INFO END -->\n\n"
                  "第一条 为了加强安全工作，制定本办法。\n\n"
                  "第二条 各单位应当将安全工作纳入绩效考核，且分值不低于10分。\n\n"
                  "第三条 本办法自发布之日起施行。\n")
    ans = bot.ask("示范安全考核办法说安全工作在绩效考核里不低于10分，那绩效考核总分是多少分？")
    assert ans.refused and "10分" in ans.text  # the nearest clause is shown, not given as the answer
    assert "10分" in bot.ask("示范安全考核办法里安全工作在绩效考核里占多少分？").text


def test_a_span_stated_as_a_bound_answers_how_long_over_a_clause_that_says_promptly(tmp_path):
    bot = _bot_on(tmp_path, "plan.md", "# 示范规划公示办法\n\n<!-- INFO END -->\n\n"
                  "第一条 为了规范规划公示，制定本办法。\n\n"
                  "第二条 规划部门应当将规划草案予以公布，征求公众意见。征求意见期限不得少于20日。\n\n"
                  "第三条 规划草案征求意见的情况，规划部门应当及时公布。\n\n"
                  "第四条 本办法自发布之日起施行。\n")
    ans = bot.ask("示范规划公示办法里，规划草案征求意见，最短得留多长时间？")
    assert "20日" in ans.text


def test_a_definition_asked_with_its_figures_is_answered_once(tmp_path):
    bot = _bot_on(tmp_path, "fire.md", "# 示范火灾分级规定\n\n<!-- INFO END -->\n\n"
                  "第一条 为了规范火灾分级和调查，制定本规定。\n\n"
                  "第二条 火灾分为以下等级：\n\n（一）重大火灾，是指造成5人以上死亡，或者1000万元以上直接经济损失的火灾；\n\n"
                  "（二）一般火灾，是指造成5人以下死亡，或者1000万元以下直接经济损失的火灾。\n\n"
                  "第三条 重大火灾由市人民政府负责调查；一般火灾由区人民政府负责调查。\n\n"
                  "第四条 重大火灾的调查报告应当在30日内提交。\n\n"
                  "第五条 本规定自发布之日起施行。\n")
    # the quoted name is looked for word for word; its definition gives every figure asked after it
    ans = bot.ask("示范火灾分级规定里“重大火灾”怎么划线？死几个、损失多少钱算？")
    assert "5人以上死亡" in ans.text and "5人以下死亡" not in ans.text and "30日" not in ans.text


RENTAL_RULE = ("# 示范区房屋租赁管理办法\n\n2020年3月2日 示范区人民政府第9次常务会议通过\n\n<!-- INFO END -->\n\n"
               "第一条 为了规范房屋租赁，依据《示范城市住房条例》，制定本办法。\n\n"
               "第二条 本办法所称的租赁中介机构，是指从事房屋租赁居间、代理业务的企业。\n\n"
               "本办法所称住房，包括公寓、宿舍和成套住宅。\n\n"
               "第三条 卫生主管部门负责出租房屋的卫生防疫指导。区住房管理部门是本区房屋租赁的主管部门。\n\n"
               "第四条 出租人决定租赁期限届满后不再出租的，应当在租赁期限届满前六十日书面通知承租人。\n\n"
               "租赁期限届满后，承租人继续居住且出租人未提出异议的，原合同继续有效，但租赁期限为不定期。\n\n"
               "第五条 住房管理部门对出租房屋开展租赁检查，应当由3名以上检查人员参加。\n\n"
               "租赁检查可以采取随机抽查的方式。租赁检查的结果应当向社会公开。\n\n"
               "住房管理部门应当将租赁检查中发现的问题告知出租人。\n\n"
               "第六条 中介机构应当在经营场所醒目位置公示服务收费标准。出租人可以通过社区微博发布房源信息。\n\n"
               "第七条 中介机构之间因房源归属发生争议的，报请区住房管理部门协调确定。\n\n"
               "对拒不公示服务收费标准的中介机构，区市场监管部门可以进行约谈。\n\n"
               "第八条 违反本办法第六条规定，未在经营场所醒目位置公示服务收费标准的，由区市场监管部门责令改正，"
               "处五百元以下罚款。\n\n"
               "第九条 租赁登记证明由区住房管理部门负责人签署。\n\n"
               "第十条 出租人不得将厨房、卫生间单独出租。\n\n"
               "第十一条 本办法自2020年5月1日起施行。\n")


def test_how_far_ahead_how_many_people_and_which_article_sets_a_duty(tmp_path):
    bot = _bot_on(tmp_path, "rental.md", RENTAL_RULE)
    # a span ahead of an event is a time limit; 「不定期」 is none
    ans = bot.ask("租期到期后房东不想再租了，得提前多久告诉租客？")
    assert "六十日" in ans.text and {c.section for c in ans.citations} == {"第四条第一款"}
    # people counted in 名, in a text where every article speaks of 检查
    ans = bot.ask("示范区租赁办法里，住房部门来检查，最少得来几个人？")
    assert not ans.refused and "3名以上" in ans.text
    # the article that sets the duty, not the one that fines its breach in the same words
    ans = bot.ask("要求中介把服务收费标准公示出来的是哪一条？")
    assert [c.section for c in ans.citations][:1] == ["第六条"]


def test_who_does_the_act_asked_and_what_a_term_covers(tmp_path):
    bot = _bot_on(tmp_path, "rental.md", RENTAL_RULE)
    ans = bot.ask("两家中介为了一套房源到底归谁吵起来了，按租赁办法最后谁来定？")
    assert "协调确定" in ans.text and {c.section for c in ans.citations} == {"第七条第一款"}
    ans = bot.ask("中介拒不公示收费标准，按租赁办法由哪个部门去约谈？")
    assert "区市场监管部门可以进行约谈" in ans.text
    ans = bot.ask("示范区房屋租赁到底归哪个部门主管？")
    assert "区住房管理部门是本区房屋租赁的主管部门" in ans.text
    ans = bot.ask("租赁办法里说的“住房”，具体包括哪几种？")
    assert "公寓、宿舍和成套住宅" in ans.text and {c.section for c in ans.citations} == {"第二条第二款"}
    from assistant.evidence import defines_asked

    # 「分为哪几级」 asks the grades a text divides into, not what the term means
    assert not defines_asked("办法把住房分为哪几级？", "本办法所称住房，是指供居住的房屋。")
    assert question_parts("两家中介为房源吵起来了，最后谁来定？") == ["两家中介为房源吵起来了，最后谁来定"]
    # things named by what they tell, then one ask of them all
    assert question_parts("租金多少、押金多少这些会不会公示？") == ["租金多少、押金多少这些会不会公示"]
    assert question_parts("共有几章、多少条？") == ["共有几章", "多少条"]


def test_a_signer_of_another_thing_a_number_of_a_text_it_names_and_a_meeting_checked(tmp_path):
    assert doc_fact_intents("租赁登记证明是谁签署的？") == [] and doc_fact_intents("这个办法是谁签署的？") == ["signer"]
    bot = _bot_on(tmp_path, "rental.md", RENTAL_RULE)
    ans = bot.ask("示范区租赁办法的租赁登记证明是谁签署的？")
    assert not ans.refused and "负责人签署" in ans.text
    ans = bot.ask("租赁办法里提到的《示范城市住房条例》，文号是多少？")
    assert ans.refused and "《示范城市住房条例》的文号" in ans.text
    ans = bot.ask("示范区房屋租赁管理办法是区人大审议通过的吗？")
    assert ans.text.startswith("不是") and "第9次常务会议" in ans.text


def test_a_rule_asked_whether_it_exists_and_a_name_the_text_writes_otherwise(tmp_path):
    bot = _bot_on(tmp_path, "rental.md", RENTAL_RULE)
    ans = bot.ask("示范区租赁办法对出租厨房有要求吗？")
    assert ans.text.startswith("有") and "不得将厨房" in ans.text
    ans = bot.ask("示范区租赁办法有没有提到用社区微信发布房源？")
    assert ans.text.startswith("没有") and "社区微博" in ans.text
    assert bot.ask("示范区租赁办法有没有提到社区微博？").text.startswith("有")


def test_everyday_names_of_animals_places_and_people():
    assert normalize_question("能带狗坐地铁吗") == "能带犬只坐轨道交通吗"
    assert "犬吠" in normalize_question("楼上的狗整夜乱叫怎么办")
    assert normalize_question("狗绳最长多长") == "牵引带最长多长"
    assert "经营者" in normalize_question("店家不给发票") and "出租人" in normalize_question("房东要涨租")
    from assistant.evidence import coverage

    # matched in the law's terms, the question's own word kept
    assert coverage(["老板", "拖欠"], "用人单位不得拖欠劳动者工资") == 1.0
    assert coverage(["小孩"], "未成年人进入网吧") == 1.0 and coverage(["上访"], "信访人应当") == 1.0


def test_every_point_of_a_series_when_one_point_repeats_the_topic(tmp_path):
    plan = ("示范区2021年政务公开工作要点\n\n一、推进重点领域信息公开\n\n"
            "（一）推进租赁信息公开。进一步加大房屋租赁信息公开力度。一是公开房源核验结果。核验结果按月公布。"
            "二是公开中介机构信用等级。信用等级每季度更新。三是加大租赁纠纷调解和预防信息公开力度。及时发布风险提示。\n\n"
            "（二）推进教育信息公开。公开学校招生计划。\n")
    bot = _bot_on(tmp_path, "plan.txt", plan)
    ans = bot.ask("示范区21年要点对租赁信息公开主要提了哪几点？")
    assert all(x in ans.text for x in ("房源核验结果", "信用等级", "风险提示"))


def test_a_body_named_only_by_its_role_a_forwarding_body_and_a_new_case_asked_the_same(tmp_path):
    from assistant.followup import resolve_followup

    bot = _bot_on(tmp_path, "rental.md", RENTAL_RULE)
    ans = bot.ask("租赁办法里说的“卫生主管部门”，具体是哪个单位？")
    assert ans.refused and "具体是哪个单位" in ans.text
    assert doc_fact_intents("这个要点是谁制订、谁转发的？") == ["drafter", "issuer"]
    history = [{"role": "user", "content": "按租赁办法，承租人搬走了，押金要退吗？多久之内？"},
               {"role": "assistant", "content": "要退。"}]
    # (别人 is read as the law writes it, 他人)
    assert resolve_followup("那如果是转租给别人呢？", history) == "按租赁办法，如果是转租给他人，押金要退吗？多久之内？"


def test_a_ministry_order_a_national_title_with_a_city_in_its_words_and_a_local_announcement():
    body = "\n\n<!-- INFO END -->\n\n第一条 为了规范管理，制定本规定。\n\n第二条 本规定自发布之日起施行。\n"
    old = parse_document("# 示范节约用电管理规定\n\n1990年5月1日 中华人民共和国能源部令第3号发布" + body, "a.md")
    assert old.doc_number == "能源部令第3号" and old.level == "national"
    bare = parse_document("# 城市道路照明条例" + body, "b.md")  # 城市 is no place
    assert bare.level == "national" and bare.region is None
    city = parse_document("# 示范市城市道路照明条例" + body, "c.md")
    assert city.level != "national"
    local = parse_document("# 示范省道路照明条例\n\n2015年3月1日 示范省人民代表大会常务委员会第九次会议通过\n\n"
                           "2015年3月1日 示范省人民代表大会常务委员会公告第１２号公布" + body, "d.md")
    assert local.doc_number == "示范省人民代表大会常务委员会公告第１２号" and local.level != "national"


HARBOUR_RULE = ("# 示范港口收费条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n"
                "第一条 为了规范港口收费，制定本条例。\n\n"
                "第二条 港口经营人应当在收费场所公示收费项目。\n\n"
                "港口经营人应当向港口主管部门交纳保证金。前款保证金金额为50万元人民币；每设立一个分支机构，增加保证金10万元人民币。\n\n"
                "## 第二章 船舶代理\n\n及其收费的特别规定\n\n"
                "第三条 听证参加人中，船东代表的比例不得少于听证参加人总数的三分之一。\n\n"
                "第四条 港口主管部门应当自收到申请之日起20日内审核完毕。\n\n"
                "第五条 码头内禁止下列行为：\n\n" + "".join(f"（{n}）{what}；\n\n" for n, what in zip(
                    "一二三四五六七八九十", ("在码头内焚烧垃圾、树叶、塑料等各类物品或者燃放烟花爆竹", "擅自在码头设施上张贴、涂写、刻画各类广告和标语",
                                          "在候船区内躺卧、摆摊设点、乞讨、卖艺或者从事其他影响秩序的活动",
                                          "攀爬、翻越码头护栏、系缆桩、灯杆等设施或者在禁止停泊的水域停泊船舶",
                                          "向码头水域倾倒垃圾、废油、污水或者其他有害于水体环境的物质",
                                          "损坏、移动码头的消防、救生、照明、导航等公共设施和安全标志",
                                          "在装卸作业区内穿行、逗留、垂钓、游泳或者从事其他危及人身安全的活动",
                                          "未经港口主管部门许可，在码头区域内举办集会、演出、商业促销等活动",
                                          "擅自在码头区域内搭建建筑物、构筑物或者堆放易燃易爆的危险物品",
                                          "携带犬只进入候船区"), strict=True)) + "\n"
                "## 第三章 法律责任\n\n"
                "第六条 港口经营人违反本条例第二条第一款规定，不公示收费项目的，由港口主管部门责令限期改正；"
                "逾期不改正的，处一千元以上五千元以下罚款。\n\n"
                "第七条 未交纳保证金经营的，由港口主管部门责令改正，处2万元以上5万元以下罚款。\n\n"
                "第八条 船员每年接受安全培训为一至两周。\n")


def test_sums_shares_and_the_later_step_of_a_sanction(tmp_path):
    bot = _bot_on(tmp_path, "harbour.md", HARBOUR_RULE)
    # a sum owed in 元, not the fine for not paying it nor a time limit of the same article
    ans = bot.ask("示范港口收费条例里，港口经营人的保证金要交多少钱？")
    assert "50万元" in ans.text and "2万元" not in ans.text.split("\n")[0]
    ans = bot.ask("港口收费条例规定，听证时船东代表得占多大比例？")
    assert not ans.refused and "三分之一" in ans.text
    # the fine is the later step of the article that cites the duty by number
    ans = bot.ask("港口收费条例里，港口经营人不公示收费项目，最多罚多少？")
    assert "一千元以上五千元以下" in ans.text
    ans = bot.ask("港口收费条例说保证金按什么利率计息？")
    assert ans.refused and "利率" in ans.text


def test_a_range_of_weeks_the_source_asked_after_the_question_and_a_wrapped_chapter_title(tmp_path):
    assert question_parts("船员培训搞多长时间？港口收费条例有规定吗") == ["按港口收费条例，船员培训搞多长时间"]
    bot = _bot_on(tmp_path, "harbour.md", HARBOUR_RULE)
    ans = bot.ask("船员每年安全培训一般搞多长时间？港口收费条例有规定吗")
    assert "一至两周" in ans.text and not ans.text.startswith(("有", "是"))
    ans = bot.ask("港口收费条例第二章的标题是什么？")
    assert "船舶代理及其收费的特别规定" in ans.text
    ans = bot.ask("港口收费条例第二章讲什么？从哪条到哪条？")
    assert "第三条" in ans.text and "第五条" in ans.text


def test_an_item_under_a_forbidding_lead_in_is_forbidden(tmp_path):
    bot = _bot_on(tmp_path, "harbour.md", HARBOUR_RULE)
    ans = bot.ask("港口收费条例里，能不能牵狗进候船区？")
    assert ans.text.startswith("否") and "携带犬只" in ans.text


def test_a_quoted_sentence_is_no_name_and_a_union_organises(tmp_path):
    text = ("# 示范商品价格规定\n\n<!-- INFO END -->\n\n第一条 为了规范价格行为，制定本规定。\n\n"
            "第二条 经营者有下列行为之一的，应当认定为价格欺诈行为：\n\n（一）虚构原价、虚假优惠折价，诱导他人购买的；\n\n"
            "（二）使用欺骗性的语言、文字诱导他人交易的。\n\n"
            "第三条 商场从业人员的价格培训，由商场工会组织实施。市场监管部门负责价格监督检查。\n")
    bot = _bot_on(tmp_path, "price.md", text)
    ans = bot.ask("有家店挂牌子写“原价500，今天只要99”，可从来没按500卖过，按示范商品价格规定这算不算坑人？")
    assert not ans.refused and "价格欺诈" in ans.text
    ans = bot.ask("示范商品价格规定里，商场员工的价格培训由谁来组织？")
    assert "工会组织实施" in ans.text


SWIMMING_RULE = ("# 示范游泳场所检查办法\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n"
                 "第一条 为了加强游泳场所安全管理，制定本办法。\n\n"
                 "第二条 游泳场所检查由市体育行政管理部门组织实施。\n\n"
                 "## 第二章 游泳场所的检查\n\n"
                 "第三条 游泳场所检查分为日常检查、专项检查、年度检查和其他检查。\n\n"
                 "第四条 外地经营单位首次在本市开展游泳场所经营的，应当将单位名称、救生员人数等信息报告市体育行政管理部门。\n\n"
                 "第五条 个人申请开办游泳培训班的，须向所在地的市、县体育局提出申请。\n\n"
                 "第六条 经营单位不得招用下列人员为救生员：\n\n（一）未满十八周岁的人员；\n\n（二）患有癫痫病的人员；\n\n"
                 "（三）全日制在校学生。\n\n"
                 "第七条 经营单位不得将其经营的游泳场所转包、出租给他人经营。\n\n"
                 "## 第三章 附则\n\n"
                 "第八条 违反本办法第七条规定，经营单位将其经营的游泳场所转包、出租给他人经营的，由市体育行政管理部门责令改正，"
                 "处一万元以上三万元以下罚款。\n\n"
                 "第九条 经营企业擅自停止开放的，由市体育行政管理部门责令改正；拒不改正的，处五千元以上一万元以下罚款。\n\n"
                 "第十条 本办法所称游泳场所，是指向公众开放的室内外游泳池和天然游泳区。\n\n"
                 "第十一条 本办法自2030年1月1日起施行。\n")


def test_the_body_one_reports_or_applies_to_and_what_the_fined_act_is_forbidden_by(tmp_path):
    bot = _bot_on(tmp_path, "swim.md", SWIMMING_RULE)
    # the body after 向 with 、 in its name, and the body after 报告 (not 向…报告)
    ans = bot.ask("我想开个游泳培训班，按示范游泳场所检查办法要找哪个部门申请？")
    assert not ans.refused and "体育局" in ans.text
    ans = bot.ask("外地一家游泳馆公司第一次来本市经营，按示范游泳场所检查办法要把信息报给哪个部门？")
    assert not ans.refused and "市体育行政管理部门" in ans.text
    # a yes/no first found as the fine for the act: the article that forbids it answers, with 否
    ans = bot.ask("示范游泳场所检查办法里，经营单位有没有权把游泳池租给别人去经营？")
    assert ans.text.startswith("否") and "第七条" in ans.text
    # an item of a list under a forbidding lead-in: the one the question is about
    ans = bot.ask("我在读全日制大二，暑假想去游泳馆当救生员，按示范游泳场所检查办法，游泳馆能招我吗？")
    assert ans.text.startswith("否") and "全日制在校学生" in ans.text
    # 公司 is how people say the text's 企业: a fine for it is no name the text never writes
    ans = bot.ask("游泳公司擅自停止开放，责令改正还不改，示范游泳场所检查办法罚多少？")
    assert not ans.refused and "五千元以上一万元以下" in ans.text


def test_kinds_a_term_and_a_chapters_range_asked_of_a_text_named_by_its_topic(tmp_path):
    bot = _bot_on(tmp_path, "swim.md", SWIMMING_RULE)
    # the kinds the text sorts its own topic into are no outline of the document
    ans = bot.ask("示范游泳场所检查办法把游泳场所检查分成了哪几类？")
    assert "专项检查" in ans.text and "第一章" not in ans.text
    # a quoted term asked for its meaning is no chapter heading; the article that defines it answers
    ans = bot.ask("示范游泳场所检查办法里说的“游泳场所”具体指啥？")
    assert "天然游泳区" in ans.text and "第十条" in ans.text
    # 「这一章」 points back at the chapter the first part found
    ans = bot.ask("示范游泳场所检查办法里讲救生员的是第几章？这一章从第几条到第几条？")
    assert "第二章" in ans.text and "第三条" in ans.text and "第七条" in ans.text


def test_a_follow_up_naming_the_other_party_or_the_other_side_of_an_event():
    fine = _turn("示范游泳场所检查办法里，个人要是拆了救生设施，罚多少？", "第八条：对个人处五百元以下罚款。")
    assert resolve_followup("那要是单位干的呢？", fine) == "示范游泳场所检查办法里，单位要是拆除救生设施，罚款多少？"
    span = _turn("示范调解规则里，立案前的调解期限是多久？", "第九条：立案前调解期限为二十日。")
    assert resolve_followup("那立案以后的呢？", span) == "示范调解规则里，立案以后的调解期限是多久？"
    # the words that lead into the last question's ask go with it to the new case
    units = _turn("示范检查办法里，日常检查的对象库要把哪些单位放进去？", "第八条：……全部纳入。")
    assert resolve_followup("那专项检查的对象库呢？", units).endswith("专项检查的对象库要把哪些单位放入？")
    assert detect_intent("对象库要把哪些单位放入？") == "list" and detect_intent("由哪个单位负责？") == "lead"


def test_joint_adoption_by_meetings_numbered_with_zero_and_short_words_said_in_full():
    from ingest.header import promulgation_facts

    facts = promulgation_facts(["2030年9月1日 最高人民法院审判委员会第1901次会议、2030年10月8日最高人民检察院"
                                "第十五届检察委员会第一百零二次会议通过"])
    assert facts.issuer == "最高人民法院、最高人民检察院"
    from assistant.evidence import coverage

    assert coverage(["接维保"], "维护保养单位") > 0.5  # three lone characters joined: 维保 is 维护保养
    assert "放入" in normalize_question("要把哪些单位放进去？") and "放入入" not in normalize_question("要把哪些单位放进去？")
    assert "由谁承担" in normalize_question("救生设备的钱由谁掏？") and "拆除" in normalize_question("把围栏拆掉要罚吗？")


def test_a_named_period_asked_must_be_the_evidences_and_of_the_thing_asked():
    from assistant.evidence import period_asked

    assert period_asked("示范办法里，会员卡的多次续期签注有效期是多长？") == ("签注", "有效期")
    assert period_asked("屋顶防水的最低保修期是几年？") == ("", "保修期")  # 最低 says how long, not whose
    assert period_asked("合同到期多久前要通知？") is None and period_asked("申请执行的期间是多长？") is None
    # a period the clause never names, or names of another thing, is a gap; the same thing's period is none
    assert constraint_gaps("游泳池主要设备的保修期至少几年？", "至少每十五天进行一次维护保养") == ["保修期"]
    assert constraint_gaps("会员卡的多次续期签注有效期是多长？", "会员卡有效期为10年；") == ["签注有效期"]
    assert constraint_gaps("会员卡的有效期是多长？", "会员卡有效期为10年；") == []
    assert constraint_gaps("见习期一般多长？", "参加3至12个月的就业见习") == []


def test_a_breach_of_an_article_named_or_pointed_at_is_answered_by_the_article_punishing_it(tmp_path):
    bot = _bot_on(tmp_path, "swim.md", SWIMMING_RULE)
    ans = bot.ask("示范游泳场所检查办法第七条，违反了要承担什么法律责任？")
    assert "第八条" in ans.text and "一万元以上三万元以下" in ans.text
    hist = _turn("示范游泳场所检查办法第七条禁止经营单位干什么？", "第七条：经营单位不得将其经营的游泳场所转包、出租给他人经营。")
    assert "第七条" in resolve_followup("违反这一条的，怎么处罚？", hist)
    assert "第七条" in bot.ask("示范游泳场所检查办法第七条讲什么？").text  # naming the article alone still quotes it



def test_the_side_of_an_event_asked_picks_that_sides_clause(tmp_path):
    from assistant.evidence import side_gaps

    assert side_gaps("开庭以后的期限是多久？", "开庭前的期限为十日") == ["开庭后"]
    assert side_gaps("开庭以后的期限是多久？", "开庭前十日；开庭后五日") == []
    text = ("# 示范调解规则\n\n<!-- INFO END -->\n\n第一条 为了规范调解，制定本规则。\n\n"
            "第二条 立案前调解期限为二十日，各方当事人同意延长的，不受此限。\n\n"
            "立案后调解，适用普通程序的调解期限为十日，适用简易程序的调解期限为五日。\n")
    bot = _bot_on(tmp_path, "mediate.md", text)
    ans = bot.ask("示范调解规则里，立案以后的调解期限是多久？")
    assert "十日" in ans.text and "二十日" not in ans.text


RAILWAY_RULE = ("# 示范铁路设施保护条例\n\n2030年1月5日 示范市人民政府令第9号公布\n\n"
                "2032年3月1日 《示范市人民政府关于修改〈示范铁路设施保护条例〉的决定》修订\n\n<!-- INFO END -->\n\n"
                "## 第一章 总则\n\n"
                "第一条 为了保护铁路设施，制定本条例。\n\n"
                "第二条 铁路设施实行24小时巡查。巡查记录应当完整归档，至少保存２年备查。\n\n"
                "第三条 本条例所称危险行为，是指危害铁路设施的下列行为：\n\n（一）攀爬护栏；\n\n（二）向列车抛掷石块；\n\n"
                "（三）在轨道上堆放杂物。\n\n"
                "## 第二章 对危险行为的处置\n\n"
                "第四条 铁路安全保护区的范围，依照《铁路安全保护条例》的规定执行。\n\n"
                "第五条 禁止在铁路安全保护区内从事下列活动：\n\n（一）烧荒；\n\n（二）放牧牛羊；\n\n（三）倾倒垃圾。\n\n"
                "任何单位和个人不得在铁路电气化线路两侧三百米范围内升放无人机。\n\n"
                "第六条 车站的货物，应当交由车站专营运输企业承运。下列物品经查验后，可由旅客自行携带：\n\n"
                "（一）随身药品；\n\n（二）婴儿用品；\n\n（三）十公斤以下的行李。\n\n"
                "第七条 当事人对线路开通日期有争议的，按照以下情形认定：\n\n（一）以开通通知载明的日期为开通日期；\n\n"
                "（二）线路已经实际投入运营的，以实际运营时间为开通日期；\n\n（三）没有开通通知的，以验收日期为开通日期。\n\n"
                "第八条 沿线监测站重点监测细颗粒物（PM2.5）浓度，监测结果通过铁路政务微博发布。\n\n"
                "第九条 当事人可以申请一至二名具有铁路专门知识的人出庭说明情况。\n\n"
                "## 第三章 法律责任\n\n"
                "第十条 违反本条例规定，有下列行为之一的，由公安机关责令改正，对单位处一万元以上三万元以下的罚款，"
                "对个人处二百元以上一千元以下的罚款：\n\n（一）攀爬铁路供电杆塔的；\n\n"
                "（二）在铁路电气化线路两侧三百米范围内升放风筝的。\n\n"
                "第十一条 本条例自2030年3月1日起施行。\n")


def test_numbers_that_pin_nothing_down_are_no_condition_and_full_width_digits_are_digits(tmp_path):
    assert constraint_gaps("铁路是一天几个小时巡查的？", "铁路设施实行24小时巡查") == []
    assert constraint_gaps("要不要成立区一级的领导小组？", "成立全区领导小组") == []
    assert constraint_gaps("乡镇一级哪年全部公开？", "争取2015年市、区(市)县全部公开") == ["乡镇一级"]
    assert constraint_gaps("能不能查到几十年前的老公报？", "完整展示创刊以来的全部公报") == []
    assert constraint_gaps("十几天内要答复吗？", "十五日内答复") == []
    assert constraint_gaps("2天内能办完吗？", "5日内办结") == ["2天"]  # a figure the question names is still one
    bot = _bot_on(tmp_path, "rail.md", RAILWAY_RULE)
    ans = bot.ask("示范铁路设施保护条例里，巡查记录至少要留多久？")
    assert not ans.refused and "2年" in ans.text
    ans = bot.ask("示范铁路设施保护条例规定铁路设施一天几个小时有人巡查？")
    assert not ans.refused and "24小时" in ans.text
    # people counted by a longer name (几个懂铁路的专家) are counted in 名
    ans = bot.ask("按示范铁路设施保护条例，我最多能申请几个懂铁路的专家出庭？")
    assert not ans.refused and "一至二名" in ans.text


def test_lists_under_a_lower_lead_in_a_terms_extent_and_things_forbidden(tmp_path):
    bot = _bot_on(tmp_path, "rail.md", RAILWAY_RULE)
    # the 下列 line of the best clause's own article, ranked below other clauses
    ans = bot.ask("示范铁路车站的货一般得交专营运输企业运，哪些东西旅客可以自己带？")
    assert "随身药品" in ans.text and "婴儿用品" in ans.text and "十公斤" in ans.text
    # a quoted term asked for what it covers: the defining article, not the chapter whose heading says it
    ans = bot.ask("示范铁路设施保护条例里说的“危险行为”具体都包括哪些？")
    assert "第三条" in ans.text and "攀爬护栏" in ans.text and "第二章" not in ans.text
    # a quoted heading of a part asked for its articles is that part, not a term
    from vectorstore.hybrid import _MEANING_ASKED

    assert not _MEANING_ASKED.search("条例中的“法律责任”部分包括哪些条？") and _MEANING_ASKED.search("说的“危险行为”具体都包括哪些？")
    # 「哪些事」 names no measure: the list of what is forbidden, not a summary of the article on the area
    ans = bot.ask("示范铁路设施保护条例规定，在铁路安全保护区里头哪些事不让干？")
    assert "烧荒" in ans.text and "倾倒垃圾" in ans.text


def test_a_fine_for_an_item_and_a_term_said_in_another_order(tmp_path):
    bot = _bot_on(tmp_path, "rail.md", RAILWAY_RULE)
    # 电气化铁路 is the text's 铁路电气化 in another order; the item names the act, its lead-in the sum
    ans = bot.ask("在示范铁路设施保护条例下，有人在电气化铁路旁边放风筝被查到，个人罚多少？")
    assert not ans.refused and "二百元以上一千元以下" in ans.text and "第十条" in ans.text
    # a forbidden act no fine names (无人机): the fine of the other acts is not its fine
    ans = bot.ask("在示范铁路设施保护条例下，在电气化铁路旁边飞无人机，个人罚多少？")
    assert ans.refused and "二百元以上一千元以下" not in ans.text.split("\n")[0]


def test_a_code_never_written_whether_it_says_so_and_a_steps_missing_number(tmp_path):
    bot = _bot_on(tmp_path, "rail.md", RAILWAY_RULE)
    ans = bot.ask("示范铁路设施保护条例里，监测站有没有点名要监测PM10？")
    assert ans.text.startswith("没有") and "PM2.5" in ans.text
    assert bot.ask("示范铁路设施保护条例里有没有提到PM2.5？").text.startswith("有")
    ans = bot.ask("示范铁路设施保护条例里，有没有专门提铁路政务微信？")  # 专门提: whether it mentions
    assert ans.text.startswith("没有") and "政务微博" in ans.text
    # 「条例里有规定吗」 after a question asks whether the text says what was asked: no yes/no of its own
    ans = bot.ask("示范铁路设施保护条例规定巡查队由多少名队员组成？条例里有规定吗")
    assert ans.refused
    # the year's step is a 决定 with no 令 number: the text does not say, and the 2030 令 is no answer
    ans = bot.ask("示范铁路设施保护条例2032年那次修订，用的是第几号令？")
    assert ans.refused and "第9号" not in ans.text.split("\n")[0].replace("2032", "")
    assert "第9号" in bot.ask("示范铁路设施保护条例2030年公布时是第几号令？").text


def test_the_second_case_of_an_article_and_a_date_of_another_act(tmp_path):
    assert detect_intent("法院怎么认定开工日期？") != "date"
    assert detect_intent("这个通知的日期是哪天？") == "date" and detect_intent("落款日期是哪天？") == "date"
    hist = _turn("示范铁路设施保护条例里，对线路开通日期有争议，怎么认定？",
                 "根据第七条，分三种情形认定。第一种：以开通通知载明的日期为开通日期。")
    got = resolve_followup("第二种情况呢？", hist)
    assert "第七条（二）" in got
    bot = _bot_on(tmp_path, "rail.md", RAILWAY_RULE)
    ans = bot.ask("第二种情况呢？", history=hist)
    assert "实际运营时间" in ans.text and "第七条" in ans.text
    assert question_parts("专家库由多少名专家组成？条例里有规定吗") == ["专家库由多少名专家组成"]


def test_a_row_the_last_answer_cited_and_spoken_words_for_doing_things_together():
    hist = _turn("示范要点附件任务表里第5项是什么任务？", "附件（序号5）的任务是出台数据开放办法，完成时限为上半年。")
    assert "第5项" in resolve_followup("那它的牵头单位呢？", hist)
    hist = _turn("示范要点里数据开放办法什么时候出台？", "附件（序号5）的任务是出台数据开放办法，完成时限为上半年。")
    assert "序号5" in resolve_followup("那它的牵头单位呢？", hist)  # the question named no row: the answer's
    assert "同步发" in normalize_question("解读材料是要跟文件一块儿发吗？")
    # amounts named as the things published are no figure asked
    asked = "拆迁赔多少钱、房子估了多少价这些信息要怎么让我们看到？"
    assert detect_intent(asked) != "quantity" and constraint_gaps(asked, "将补偿方案、评估结果等信息上墙公示") == []
    assert constraint_gaps("拆迁赔多少钱？", "将补偿方案、评估结果等信息上墙公示") == ["金额"]


def test_each_retrievers_best_chunk_is_read():
    # read after the first k, which stay as the fusion ranked them
    assert with_each_best(["a", "b", "c", "d", "e"], 2, ["e", "a"]) == (["a", "b", "e", "c", "d"], 3)
    assert with_each_best(["a", "b", "c", "d", "e"], 2, ["d", "e"]) == (["a", "b", "d", "e", "c"], 4)
    assert with_each_best(["a", "b", "c"], 3, ["b"]) == (["a", "b", "c"], 3)  # already read: the order stands


def test_spoken_words_for_dismissal_and_pay_cuts():
    assert "降低工资" in normalize_question("单位能不能因此降他工资？")
    assert "解除劳动合同" in normalize_question("公司能不能把他辞了？") and "解除劳动合同" in normalize_question("被辞退了怎么办")
    assert "辞了职" in normalize_question("辞了职还能领补贴吗？")  # a resignation is no dismissal


def test_a_code_of_practice_is_a_document_type():
    from ingest.classify import doc_type_of

    assert doc_type_of("示范药品储存质量管理规范（试行）") == "规范" and doc_type_of("示范协会章程") == "章程"
    assert doc_type_of("示范行业自律准则") == "准则" and doc_type_of("示范实施细则") == "细则"


def test_the_bans_of_the_party_the_question_names(tmp_path):
    text = ("# 示范家政服务办法\n\n<!-- INFO END -->\n\n第一条 为了规范家政服务，制定本办法。\n\n"
            "第二条 家政服务机构不得有下列行为：\n\n（一）发布虚假广告；\n\n（二）强行推销商品。\n\n"
            "第三条 家政服务消费者应当按时足额支付服务报酬。\n\n"
            "家政服务消费者不得有下列行为：\n\n（一）扣押家政服务人员证件；\n\n（二）殴打家政服务人员。\n\n"
            "第四条 本办法自2030年1月1日起施行。\n")
    bot = _bot_on(tmp_path, "home.md", text)
    for asked in ("示范家政服务办法里，雇家政的这一方（家政服务消费者）有哪些事不能做？",
                  "按示范家政服务办法，请家政的人（家政服务消费者）不得有哪些行为？"):
        ans = bot.ask(asked)
        assert "扣押" in ans.text and "殴打" in ans.text and "虚假广告" not in ans.text
    ans = bot.ask("示范家政服务办法里，家政服务机构有哪些事不能做？")
    assert "虚假广告" in ans.text and "扣押" not in ans.text
    assert "拒绝接收" in normalize_question("原来的学校能不能不收他？") and "不收费" in normalize_question("这项服务不收费吗？")
    assert "相符" in normalize_question("查下来跟单子上填的一模一样") and "费用由谁承担" in normalize_question("检查的钱该谁掏？")


# ---- a made-up city rule and plan: classes from realdocs_af, realdocs_ag and heldout_za ----------------------

ROADS_RULE = ("# 示范城市道路设施管理办法\n\n2031年5月1日 示范市城市管理委员会发布\n\n<!-- INFO END -->\n\n"
              "第一条 为了加强城市道路设施管理，制定本办法。\n\n"
              "第二条 申请人可以查阅本人的占道许可档案。管理单位无正当理由拒绝查阅的，申请人可以请求主管部门作出决定；"
              "主管部门应当在七日内作出决定。\n\n"
              "第三条 道路养护经费占道路收入的比例应当逐步提高。具体比例由市人民政府规定。\n\n"
              "第四条 冒用他人名义申领占道许可证的，由主管部门处一千元罚款；转借本人许可证给他人使用的，处五百元罚款。\n\n"
              "第五条 损坏人行道护栏的，由城市管理部门处二百元以上一千元以下罚款。\n\n"
              "第六条 设置的户外招牌名称，除与设置单位名称相同的以外，不得使用“中国”“全国”字样。\n\n"
              "第七条 临时占道收费按照核定标准收取，不得另行收取其他费用。\n\n"
              "第八条 申请人有固定经营场所的，按照其经营场所门前实际使用的面积并结合周边道路的通行状况核定占道面积；"
              "申请人无固定经营场所的，按照每日五平方米核定，并由街道办事处在核定前会同交通管理部门实地查看。\n\n"
              "第九条 临时占道期限一般不超过三十日。但因市政工程需要的，可以延长至九十日。\n\n"
              "第十条 占道许可档案应当至少保存10年。\n\n"
              "第十一条 擅自占用道路的，每平方米罚款五十元。\n\n"
              "第十二条 本办法试点工作要及时总结经验，逐步扩大试点范围。\n\n"
              "第十三条 本办法适用于东湖区、西山区、南桥区。\n\n"
              "第十四条 本办法自2031年6月1日起施行。\n")


@pytest.fixture(scope="module")
def roads_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return _bot_on(tmp_path_factory.mktemp("roads"), "roads.md", ROADS_RULE)


def test_a_span_the_rest_of_the_sentence_gives_and_a_share_the_text_leaves_open(roads_bot):
    ans = roads_bot.ask("示范城市道路设施管理办法里，管理单位没正当理由不让查档案，找主管部门的话多久内要作决定？")
    assert not ans.refused and "七日" in ans.text and "请求主管部门作出决定" in ans.text
    ans = roads_bot.ask("示范城市道路设施管理办法规定养护经费要占道路收入的百分之几？")
    assert ans.refused  # 「具体比例由市人民政府规定」: no share is stated
    assert asked_unit("要占百分之几？") == ("%", "") and states_figure("不低于百分之二十", "%")
    assert not states_figure("比例应当逐步提高", "%")


def test_everyday_words_for_others_and_damage(roads_bot):
    assert "他人" in normalize_question("冒用别人身份") and "借款" in normalize_question("找我借钱")
    ans = roads_bot.ask("示范城市道路设施管理办法里，冒用别人名义申领占道许可证罚多少？")
    assert "一千元" in ans.text and "五百元" not in ans.text.split("\n")[0]
    ans = roads_bot.ask("按示范城市道路设施管理办法，有人把人行道护栏砸坏了罚多少？")
    assert not ans.refused and "二百元以上一千元以下" in ans.text


def test_a_name_the_asker_gives_and_a_thing_counted_in_quotes_need_not_be_in_the_text(roads_bot):
    ans = roads_bot.ask("我们店想把户外招牌起名叫“全国好味道”，可店名跟这个不一样，按示范城市道路设施管理办法能这么叫吗？")
    assert not ans.refused and "第六条" in ans.text and ans.text.startswith("否")
    ans = roads_bot.ask("临时占道的时候管理处又让另交一笔“清洁费”，示范城市道路设施管理办法允许吗？")
    assert not ans.refused and "不得另行收取" in ans.text


def test_a_fee_asked_is_no_fine_and_a_negated_condition_is_its_own_case(roads_bot):
    ans = roads_bot.ask("示范城市道路设施管理办法里，临时占道费每平方米收多少钱？")
    assert ans.refused and "五十元" not in ans.text.split("\n")[0]
    ans = roads_bot.ask("示范城市道路设施管理办法里，申请人没有固定经营场所的话占道面积按什么核定？")
    assert "每日五平方米" in ans.text and "实际面积" not in ans.text.split("\n")[0]
    from assistant.clause_order import opposite_case

    # a thing the story lacks (没有身份证) is no condition a clause on 证明身份 states the other way
    assert not opposite_case("手上没有身份证，拿护照能办吗", "可以凭本人的护照证明身份")
    assert not opposite_case("没资质的借有资质的公司名义签合同", "缺乏资质的单位借用有资质的企业名义")  # both said


def test_a_rule_with_its_proviso_and_a_span_of_years_that_is_no_year(roads_bot):
    ans = roads_bot.ask("示范城市道路设施管理办法规定临时占道期限一般是多少天？")
    assert "三十日" in ans.text and "九十日" in ans.text  # 「但因市政工程需要的，可以延长至九十日」
    assert "2010" not in normalize_question("占道许可档案至少要保存10年吗") and "2019年" in normalize_question("19年上海那个要点")
    assert "2019年" in normalize_question("按19年上海那份要点") and "按20年计算" in normalize_question("按20年计算吗")
    ans = roads_bot.ask("示范城市道路设施管理办法哪一条规定了占道许可档案要保存10年？")
    assert not ans.refused and "第十条" in ans.text
    ans = roads_bot.ask("示范城市道路设施管理办法说要扩大试点范围，新增了哪几个区县？")
    assert ans.refused  # places asked by name that no clause names
    ans = roads_bot.ask("示范城市道路设施管理办法适用于哪几个区？")  # names no gazetteer holds, listed as 区
    assert not ans.refused and "东湖区" in ans.text and "南桥区" in ans.text


def test_the_issuer_asked_of_an_agency_and_bodies_of_the_state_council():
    from ingest.classify import doc_type_of, is_national

    assert detect_intent("这个办法是哪个机构发布的？") == "issuer"
    assert is_national("国务院学位委员会", None) and is_national("中国证券监督管理委员会", None)
    assert not is_national("示范市城市管理委员会", None)
    assert doc_type_of("中华人民共和国示范法修正案（二）") == "修正案"


AMENDMENT = ("# 中华人民共和国示范法修正案（二）\n\n2031年3月1日 全国人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n"
             "一、将示范法第五条修改为：“经营者应当明码标价。”\n\n"
             "二、在示范法第九条后增加一条，作为第九条之一：“有下列情形之一，扰乱市场秩序，情节严重的，处三年以下有期徒刑：\n\n"
             "“（一）囤积居奇的；\n\n“（二）哄抬价格的；\n\n“（三）散布涨价信息的。”\n\n"
             "三、将示范法第十二条修改为：“生产、销售假冒饲料的，处五年以下有期徒刑。”\n\n"
             "四、将示范法第十三条修改为：“生产、销售劣质饲料，造成严重后果的，处三年以上七年以下有期徒刑。”\n\n"
             "五、本修正案自2031年7月1日起施行。\n")


def test_an_amendment_numbered_by_items_its_quoted_cases_and_a_kin_follow_up(tmp_path):
    bot = _bot_on(tmp_path, "amend.md", AMENDMENT)
    doc = bot.searcher.docs[0]
    assert doc.title.endswith("修正案（二）")
    ans = bot.ask("示范法修正案（二）第1条说了啥？")
    assert "明码标价" in ans.text and "的标题是" not in ans.text  # item 一、 is its 第1条; a sentence is no title
    ans = bot.ask("示范法修正案（二）新增的那条，哪几种情形构成犯罪？")
    assert "囤积居奇" in ans.text and "哄抬价格" in ans.text and "散布涨价信息" in ans.text
    hist = _turn("示范法修正案（二）改完以后，生产、销售假冒饲料怎么判？", "根据三、，处五年以下有期徒刑。")
    assert "劣质饲料" in resolve_followup("那劣质饲料呢？", hist)
    ans = bot.ask("那劣质饲料呢？", history=hist)
    assert "三年以上七年以下" in ans.text
    hist = _turn("示范城市道路设施管理办法里，占道面积是怎么核定的？", "按照实际面积核定。")
    assert resolve_followup("那罚款金额呢？", hist).endswith("是怎么核定的？")
    assert "计算" in normalize_question("误工费怎么算？")


PLAN_WITH_TABLE = ("示范区2031年政务公开工作要点\n\n"
                   "一、推进基层政务公开标准化\n三个试点街道要继续做好标准化试点的总结和成果推广工作,多出推广案例。\n\n"
                   "二、加强生态环境信息公开\n继续做好细颗粒物（PM2.5）监测信息的公开工作。\n\n"
                   "附件\n示范区2031年政务公开重点任务分工表\n序号\t工作任务\t责任单位\t完成时限\n"
                   "1\t做好标准化试点的总结和成果推广工作,多出推广案例。\t东湖街道、西山街道、南桥街道\t年底前\n"
                   "2\t做好细颗粒物监测信息公开。\t区生态环境局\t全年\n")


def test_members_counted_are_named_where_the_plan_assigns_them_and_a_requirement_not_made(tmp_path):
    bot = _bot_on(tmp_path, "plan.txt", PLAN_WITH_TABLE)
    ans = bot.ask("示范区2031年要点里说的三个试点街道，具体是哪三个？")
    assert not ans.refused and all(s in ans.text for s in ("东湖街道", "西山街道", "南桥街道"))
    ans = bot.ask("示范区2031年要点有没有要求公开PM10的监测数据？")
    assert ans.text.startswith("没有") and "PM2.5" in ans.text


def test_a_storys_setting_and_reasons_are_no_topic_and_a_new_case_asks_what_befalls_it():
    terms = content_terms("我家楼下路灯杆挺结实的，所以能不能在上面拴根绳？")
    assert "路灯" in terms and not {"我家", "楼下", "结实", "上面", "所以"} & set(terms)
    assert detect_intent("示范要点里，政府公报方面要求做哪些事？") == "summary"
    assert detect_intent("示范办法里，经营者有哪些事不能做？") == "list"
    got = resolve_followup("那要是收钱替别人去考试呢？", _turn("示范考试法里，考试带小抄会怎么处理？", "没收作弊器材。"))
    assert got.startswith("示范考试法里") and got.endswith("会怎么处理？") and "他人" in got
    assert "优先清偿" in normalize_question("这笔钱能比别的欠款先还我吗？") and "首先还要" in normalize_question("首先还要看什么")


# ---- a made-up provincial rule: classes from realdocs_ai and heldout_zb ----------------------------------------

RIVER_RULE = ("# 示范河道管理规定\n\n2031年2月1日 示范省水利厅、示范省生态环境厅令第3号发布\n\n<!-- INFO END -->\n\n"
              "第一条 为了加强河道管理，制定本规定。\n\n"
              "第二条 乡(镇)人民政府应当在清淤作业3日前，公告作业的时间和范围。\n\n"
              "第三条 河道巡查小组的组成人员应当包括水利部门工作人员和村民代表，其中村民代表不少于二分之一。\n\n"
              "第四条 河道评审委员会的组成人员为五至七人。\n\n"
              "第五条 汛期期间，除防汛抢险单位和直接保障供水的企业外，其他单位应当停止河道采砂作业。\n\n"
              "第六条 在河道内倾倒废弃物，具有下列情形之一的，应当认定为“情节较重”：\n\n（一）在饮用水水源保护区倾倒污染物的；\n\n"
              "（二）倾倒污染物造成鱼类死亡的。\n\n"
              "第七条 在河道内倾倒污染物，具有下列情形之一的，应当认定为“情节严重”：\n\n（一）倾倒生活垃圾十吨以上的；\n\n"
              "（二）造成鱼类死亡的。\n\n"
              "第八条 在河道内倾倒污染物，具有下列情形之一的，应当认定为“情节特别严重”：\n\n（一）倾倒生活垃圾一百吨以上的；\n\n"
              "（二）造成饮用水源中断的。\n\n"
              "第九条 管理人员违规发放采砂许可，数量不满5份的，给予警告处分；数量在5份以上10份以下的，给予记过处分；"
              "数量在10份以上的，给予开除处分。\n\n"
              "第十条 在河道内采砂，应当报经县级水行政主管部门批准；采砂区域跨两个以上县的，应当报经设区的市水行政主管部门批准。\n\n"
              "第十一条 河道清淤费用按照省价格主管部门核定的标准收取。\n\n"
              "第十二条 在东湖区、西山区开展河道管理试点工作，试点范围为区内主要河道。\n\n"
              "第十三条 及时总结河道管理试点经验，逐步扩大试点范围。\n\n"
              "第十四条 下列物质应当认定为本规定所称的“污染物”：\n\n（一）生活垃圾；\n\n（二）建筑废料；\n\n（三）含油废水。\n\n"
              "第十五条 本规定自2031年3月1日起施行。\n")


@pytest.fixture(scope="module")
def river_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return _bot_on(tmp_path_factory.mktemp("river"), "river.md", RIVER_RULE)


def test_a_level_with_its_alternatives_in_brackets_and_a_count_in_chinese_numerals(river_bot):
    ans = river_bot.ask("示范河道管理规定里，乡镇政府清淤前要提前几天公告？")
    assert not ans.refused and "3日" in ans.text
    ans = river_bot.ask("示范河道管理规定里，河道评审委员会一般几个人组成？")
    assert not ans.refused and "五至七人" in ans.text and "二分之一" not in ans.text


def test_a_joint_order_names_every_issuer_and_a_rule_names_whom_it_leaves_out(river_bot):
    doc = river_bot.searcher.docs[0]
    assert doc.doc_number == "示范省水利厅、示范省生态环境厅令第3号"
    ans = river_bot.ask("示范河道管理规定是哪几个部门联合发布的？令号是多少？")
    assert "示范省水利厅、示范省生态环境厅" in ans.text and "令第3号" in ans.text
    ans = river_bot.ask("示范河道管理规定里，汛期哪些单位不在停止采砂这条要求里？")
    assert not ans.refused and "防汛抢险单位" in ans.text and "第五条" in ans.text


def test_what_a_list_counts_as_a_term_and_a_case_item_under_its_lead_in(river_bot):
    ans = river_bot.ask("示范河道管理规定认定的“污染物”都包括哪几类？")
    assert all(w in ans.text for w in ("生活垃圾", "建筑废料", "含油废水")) and "第十四条" in ans.text
    ans = river_bot.ask("示范河道管理规定里倾倒生活垃圾多少吨算情节严重？到多少吨又算情节特别严重？")
    assert "十吨" in ans.text and "一百吨" in ans.text


def test_the_step_of_a_ladder_asked_and_a_second_case_asked_with_several(river_bot):
    ans = river_bot.ask("示范河道管理规定里，管理人员违规发放采砂许可，数量到多少就直接开除？")
    assert not ans.refused and "10份以上" in ans.text.split("\n")[0] and "开除" in ans.text
    assert "多个" in normalize_question("如果要跨好几个县呢？")
    ans = river_bot.ask("示范河道管理规定里，采砂要报哪个部门批准？如果要跨好几个县呢？")
    assert "县级水行政主管部门" in ans.text and "设区的市水行政主管部门" in ans.text


def test_a_fee_named_that_the_text_never_names_and_places_a_pilot_would_add(river_bot):
    ans = river_bot.ask("示范河道管理规定里，清淤船的拖船费按什么标准收？")
    assert ans.refused
    ans = river_bot.ask("示范河道管理规定说要逐步扩大河道管理试点范围，新增的是哪几个区？")
    assert ans.refused  # 东湖区、西山区 are the pilots there are, not those it would add


def test_the_same_numbered_place_asked_again_and_a_year_a_files_name_gives():
    from ingest.parser import _named_year

    hist = _turn("19年上海要点附件任务分解表第12项是啥？", "附件（序号12）：及时发布进口博览会信息，牵头单位为市商务委。")
    assert resolve_followup("那第13项呢？谁牵头？", hist) == "2019年上海要点附件任务分解表第13项谁牵头？"
    assert resolve_followup("那第13项呢？", hist) == "2019年上海要点附件任务分解表第13项是什么？"
    assert doc_fact_intents("它是按照市里哪份文件制定的？") == ["basis"]
    assert _named_year("jud_huanjing_jieshi(2016-12-23).md") == 2016 and _named_year("notes_2019_2020.md") is None
    from assistant.evidence import coverage

    assert coverage(["路边"], "第四章 道路停车") == 1.0  # 「专门讲路边停车的是哪一章」


def test_a_case_item_is_ranked_with_its_lists_words_and_places_named_of_another_matter():
    from assistant.clause_answers import _unnamed_places
    from assistant.evidence import Clause, ClauseRanker, defines_asked
    from vectorstore.types import Hit

    text = "在河道内倾倒污染物，具有下列情形之一的，应当认定为“情节特别严重”：\n（一）造成饮用水源中断的；\n（二）倾倒生活垃圾一百吨以上的。"
    hit = Hit("c1", "d", text, "示范规定", None, "第八条", "", 1.0, dense_score=0.9)
    ranked = ClauseRanker().rank("倾倒生活垃圾多少吨算情节特别严重？", ["倾倒", "生活垃圾", "情节", "特别", "严重"], [hit], "quantity")
    item = next(c for c in ranked if c.text.startswith("（二）"))
    assert item.lexical < 1.0 and item.lexical_ctx == 1.0  # 「情节特别严重」 is its list's word
    assert defines_asked("认定的“污染物”都包括哪几类？", "下列物质应当认定为本规定所称的“污染物”：")

    def clause(said: str, ctx: float) -> Clause:
        return Clause(replace(hit, text=said), 0, 0, said, ctx, ctx, 0.9, 1.0)

    expanding, pilots = clause("及时总结试点经验，逐步扩大试点范围。", 0.86), clause("两个试点区为东湖区、西山区。", 0.43)
    assert _unnamed_places("说要逐步扩大试点范围，新增的是哪几个区？", [expanding, pilots])
    assert not _unnamed_places("试点的是哪几个区？", [replace(pilots, lexical_ctx=0.86), expanding])


# A rule written for these tests (not from any eval set): paragraphs that apply or follow others, acts punished
# without a fine, a term of years, and everyday words for selling, approving and doing.
SEAL_RULE = ("# 示范印章刻制管理条例\n\n2030年4月1日 示范省人民代表大会常务委员会第九次会议通过\n\n"
             "2032年6月1日 示范省人民代表大会常务委员会第二十次会议修订\n\n<!-- INFO END -->\n\n"
             "第一条 为了规范印章刻制，制定本条例。\n\n"
             "第二条 外国组织在本省领域内从事印章刻制的，应当经省公安机关会同有关部门批准。\n\n"
             "第三条 公安机关应当自收到刻制许可申请之日起20日内作出批准或者不批准的决定。\n\n"
             "第四条 印章刻制许可证的有效期为三年。\n\n"
             "第五条 对被吊销印章刻制许可证的企业，公安机关可以责令其接受不超过五年的跟踪检查。\n\n"
             "第六条 刻制企业为机关刻制公章的，应当查验机关出具的刻制证明，并登记备案。\n\n"
             "刻制企业为个人刻制名章的，应当查验身份证件。\n\n"
             "刻制企业为社会团体刻制印章的，适用第一款的规定。\n\n"
             "第七条 怀孕的学员不适用集中封闭培训。\n\n"
             "对依照前款规定不适用集中封闭培训的学员，实行居家培训。\n\n"
             "第八条 刻制企业有下列行为之一的，对直接负责的主管人员给予处分：\n\n"
             "（一）漏登、迟登刻制信息的；\n\n（二）擅自留存印模的。\n\n"
             "第九条 违反本条例规定，有下列行为之一的，处1万元以上3万元以下罚款：\n\n"
             "（一）拒不报送刻制资料的；\n\n（二）伪造刻制证明的。\n\n"
             "第十条 刻制企业不得代售、销售印章材料。\n\n"
             "第十一条 刻制企业接受委托刻制境外机构印章的，应当经省公安机关批准；刻制的印章必须全部交付委托人。\n\n"
             "第十二条 单位违反本条例规定的，对单位处以罚款，并对直接负责的主管人员和其他直接责任人员给予处分。\n\n"
             "第十三条 申请刻制公章的，申请人应当在刻制日期的三日前向公安机关递交书面申请。\n\n"
             "第十四条 公安机关接到刻制申请后，应当在刻制日期一日前将审核结果书面通知申请人。\n")


@pytest.fixture(scope="module")
def seal_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return _bot_on(tmp_path_factory.mktemp("seal"), "seal.md", SEAL_RULE)


def test_a_paragraph_quoted_with_the_paragraph_it_applies_or_that_follows_it(seal_bot):
    ans = seal_bot.ask("示范印章刻制管理条例里，刻制企业给社会团体刻印章，要做什么？")
    assert not ans.refused and "查验机关出具的刻制证明" in ans.text and "社会团体" in ans.text
    ans = seal_bot.ask("示范印章刻制管理条例里，怀孕的学员会不会被安排集中封闭培训？")
    assert ans.text.startswith("否") and "居家培训" in ans.text


def test_a_fine_asked_for_an_act_punished_without_one_and_a_term_of_years(seal_bot):
    ans = seal_bot.ask("示范印章刻制管理条例里，刻制企业漏登、迟登刻制信息的，要罚款多少钱？")
    assert ans.refused and "第八条" in ans.text  # 处分, and no sum: shown as the nearest clause
    ans = seal_bot.ask("示范印章刻制管理条例里，拒不报送刻制资料的要罚多少钱？")
    assert not ans.refused and "1万元以上3万元以下" in ans.text
    ans = seal_bot.ask("示范印章刻制管理条例里，印章刻制许可证一般管多长时间？")
    assert not ans.refused and "三年" in ans.text and "五年" not in ans.text


def test_everyday_words_for_selling_approving_and_doing_and_a_whole_short_paragraph(seal_bot):
    assert normalize_question("能不能顺手卖点材料") == "能不能顺手销售点材料"
    assert normalize_question("找哪个部门批？多少天给批不批的决定？") == "找哪个部门批准？多少天给批准或者不批准的决定？"
    assert normalize_question("在境内搞印章刻制") == "在境内从事印章刻制" and "一批" in normalize_question("第一批名单")
    ans = seal_bot.ask("示范印章刻制管理条例里，刻章的企业能不能顺手卖印章材料，多赚点？")
    assert ans.text.startswith("否") and "第十条" in ans.text
    ans = seal_bot.ask("示范印章刻制管理条例里，申请刻制许可以后，公安机关多少天内要给批不批的决定？")
    assert not ans.refused and "20日内" in ans.text
    ans = seal_bot.ask("外国机构想在咱们境内搞印章刻制，示范印章刻制管理条例是哪一条规定要审批的？")
    assert not ans.refused and "第二条" in ans.text
    ans = seal_bot.ask("示范印章刻制管理条例哪一条管刻制境外机构印章的？")
    assert "第十一条" in ans.text and "全部交付委托人" in ans.text


def test_who_answers_for_a_company_and_how_far_ahead_one_applies_in_everyday_words(seal_bot):
    ans = seal_bot.ask("示范印章刻制管理条例里，要是刻章公司出了事，公司本身怎么处理？拍板管事的人和经手的人要一起担责吗？")
    assert not ans.refused and "第十二条" in ans.text and "直接负责的主管人员" in ans.text
    ans = seal_bot.ask("示范印章刻制管理条例里，申请刻公章最晚要提前几天递申请？")
    assert not ans.refused and "三日前" in ans.text.split("\n")[0] and "第十三条" in ans.text


def test_the_latest_amendment_a_dated_yes_or_no_and_a_count_in_any_counter(seal_bot, bot):
    ans = seal_bot.ask("示范印章刻制管理条例最近一次修订是什么时候？")
    assert "最近一次修改是在2032年6月1日" in ans.text
    ans = bot.ask("上海2013年那个重点工作安排是8月2号印发的吗？")
    assert ans.text.startswith("是") and "2013年8月2日" in ans.text
    ans = bot.ask("上海2013年那个重点工作安排是8月20日发的吗？")
    assert ans.text.startswith("不是") and "2013年8月2日" in ans.text
    from assistant.evidence import states_figure

    assert states_figure("力争年内开放公共数据集达到4000个", "份") and states_figure("建成3个示范点", "家")


def test_a_numbered_row_asked_after_an_answer_that_cited_its_neighbour():
    hist = _turn("成都13年那个安排的任务表里，建设住房保障信息网这项谁牵头？",
                 "根据《…安排》附件（序号8）：建设住房保障信息网。（牵头单位：市住房局）[1]")
    assert resolve_followup("那第９项呢？", hist) == "2013年成都附件序号9谁牵头？"


def test_members_asked_with_no_number_are_counted_as_the_text_counts_them():
    from assistant.clause_answers import _counted_as

    assert _counted_as("示范市的试点街道，分别是哪几个街道？", "三个试点街道要总结经验") == "示范市的试点街道，分别是哪3个街道？"
    assert _counted_as("哪几个示范点要先建成？", "2个示范点年内建成") == "哪2个示范点要先建成？"
    assert _counted_as("试点街道是哪几个？", "在东湖街道、西山街道开展试点") == ""  # named there, no count to read


# Two rules of one made-up city written for these tests (not from any eval set): tiers set by a figure, a term the
# title uses and an article defines, an act that needs approval, a count said before its figure, a span said in the
# next sentence, and a chapter whose articles have no titles of their own.
AID_RULE = ("# 示范市失业补助条例\n\n2031年5月1日 示范市人民代表大会常务委员会第七次会议通过\n\n<!-- INFO END -->\n\n"
            "## 第一章 总则\n\n"
            "第一条 为了保障失业人员基本生活，制定本条例。\n\n"
            "第二条 本条例适用于本市行政区域内的失业补助工作。\n\n"
            "本条例所称失业人员是指在法定劳动年龄内、有劳动能力、有就业要求而无业的本市户籍人员。\n\n"
            "## 第二章 补助待遇\n\n"
            "第三条 失业人员失业前累计缴费满一年不足五年的，领取失业补助金的期限最长为六个月；"
            "累计缴费满五年不足十年的，领取失业补助金的期限最长为十二个月；累计缴费十年以上的，领取失业补助金的期限最长为二十个月。"
            "重新就业后再次失业的，领取期限合并计算，最长不超过二十四个月。\n\n"
            "第四条 补助待遇包括失业补助金和职业培训补贴。\n\n"
            "## 第三章 补助代办点和培训券的\n\n管理\n\n"
            "第五条 设立失业补助代办点，应当经区人力社保行政部门批准。\n\n"
            "第六条 一次领取培训资料30件以上的，视为集中领取，应当登记备案。\n\n"
            "第七条 市人力社保部门可以委托区人力社保部门核查补助申请。受委托部门应当在收到委托函之日起十五日内完成核查。\n\n"
            "第八条 用人单位未按时足额缴纳失业保险费的，自欠缴之日起按日加收万分之五的滞纳金。\n\n"
            "第九条 区人力社保部门应当在收到补助申请之日起二十日内予以答复。对符合条件的应当予以核准；"
            "对申请提前领取的，逾期不予答复的视为同意。\n\n"
            "第十条 严禁非法对失业人员罚款和没收财物。\n\n"
            "第十一条 失业人员有下列情形之一的，停止发放失业补助金：\n\n（一）重新就业的；\n\n（二）应征服兵役的。\n\n"
            "第十二条 失业人员具有本条例第十一条所列情形之一的，区人力社保部门停止发放失业补助金后应当告知本人。\n\n"
            "第十三条 代办点应当向区人力社保行政部门申请代办资格证。\n\n"
            "第十四条 代办资格证载明事项发生变化的，代办点应当按照市人力社保行政部门的规定申请变更代办资格证。\n")
PARK_LAW = ("# 示范市公园管理条例\n\n2029年3月1日 示范市人民代表大会常务委员会第二次会议通过\n\n<!-- INFO END -->\n\n"
             "第一条 为了加强公园管理，制定本条例。\n\n"
             "第二条 公园实行免费开放，开放时间由公园管理机构公示。\n")


@pytest.fixture(scope="module")
def aid_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return _bot_over(tmp_path_factory.mktemp("aid"), {"aid.md": AID_RULE, "park.md": PARK_LAW})


def test_the_tier_a_figure_the_asker_tells_falls_in(aid_bot):
    from assistant.tiers import Tier, tier_of, told_figures

    assert told_figures("我交了七年，能领多久？") == [(7.0, "年")] and told_figures("2030年的规定") == []
    assert tier_of("累计缴费满五年不足十年的，领取期限最长为十二个月；") == Tier("年", 5.0, 10.0)
    assert tier_of("已满十四周岁不满十八周岁的人违反规定的，从轻处罚") == Tier("岁", 14.0, 18.0)
    assert tier_of("处五千元以上一万元以下罚款") is None  # an outcome's range, no case
    ans = aid_bot.ask("示范市失业补助条例里，失业补助金能领多久？我累计缴了七年。")
    assert not ans.refused and "十二个月" in ans.text.split("\n")[0] and "二十四个月" not in ans.text
    ans = aid_bot.ask("示范市失业补助条例里，我缴费刚满三年，失业补助金最长能领多久？")
    assert not ans.refused and "六个月" in ans.text.split("\n")[0]


def test_a_word_of_the_title_defined_and_an_act_that_needs_approval(aid_bot):
    ans = aid_bot.ask("示范市失业补助条例里说的“失业人员”具体指哪些人？")
    assert not ans.refused and "第二条" in ans.text and "法定劳动年龄" in ans.text
    assert detect_intent("按示范市失业补助条例，我们街道想设一个失业补助代办点，要经哪一级部门批准？") != "approval"
    assert detect_intent("示范市失业补助条例是经哪个机关批准的？") == "approval"
    assert doc_fact_intents("示范市失业补助条例是依照哪个文件制定的？经过什么会议通过的？") == ["basis", "approval"]
    ans = aid_bot.ask("按示范市失业补助条例，我们街道想设一个失业补助代办点，要经哪一级部门批准？")
    assert not ans.refused and "区人力社保行政部门" in ans.text and "第七次会议" not in ans.text


def test_a_count_said_before_its_figure_and_a_span_in_the_next_sentence(aid_bot):
    assert states_figure("一次领取培训资料30件以上的，视为集中领取", "件", asked="一次领多少件培训资料算集中领取？")
    ans = aid_bot.ask("示范市失业补助条例里，一次领多少件培训资料就算集中领取了？")
    assert not ans.refused and "30件" in ans.text
    ans = aid_bot.ask("示范市失业补助条例里，市里委托区里核查补助申请，区里得在多长时间内办完？")
    assert not ans.refused and "十五日内" in ans.text


def test_a_story_told_with_a_question_and_the_document_its_full_title_names(aid_bot):
    # 「晚交了几个月」 tells the story; the question is how the 滞纳金 is reckoned
    assert "几个月" not in normalize_question("单位晚交了几个月，滞纳金怎么算？")
    assert "几个月" in normalize_question("已经审了几个月了？")
    ans = aid_bot.ask("我们单位失业保险费晚交了几个月，示范市失业补助条例里滞纳金怎么算？")
    assert not ans.refused and "万分之五" in ans.text
    assert question_parts("失业补助金能领多久？我累计缴了七年。") == ["失业补助金能领多久，我累计缴了七年"]
    ans = aid_bot.ask("示范市公园管理条例是哪次会议通过的？")
    assert "第二次会议" in ans.text and "第七次会议" not in ans.text


def test_a_chapter_listed_by_what_its_articles_say_and_the_next_numbered_name_followed_up(aid_bot):
    ans = aid_bot.ask("示范市失业补助条例第二章是什么？里面的条文有哪些？")
    assert "第三条失业人员失业前" in ans.text.replace(" ", "") and "第三条补助待遇" not in ans.text.replace(" ", "")
    from assistant.query import condense

    assert condense("那科目二呢？我考的是小型汽车。", _turn("考驾照科目一要考多少分才算及格？", "…")) == \
        "考驾驶证科目二要考多少分才算合格？我考的是小型汽车"
    assert detect_intent("要点说要按《某某程序暂行规定》全面落实哪些环节的要求？") != "basis"
    assert detect_intent("这个要点落实的是什么精神？") == "basis"


def test_a_limit_passed_is_quoted_with_the_limit_and_everyday_words_for_unlawful_fines(aid_bot):
    ans = aid_bot.ask("示范市失业补助条例里，我申请提前领补助，区里一直拖着不答复，这种情况怎么算？")
    assert not ans.refused and "二十日内" in ans.text and "视为同意" in ans.text
    assert normalize_question("不许乱罚农民的款") == "禁止非法对农民罚款"
    ans = aid_bot.ask("示范市失业补助条例里，不许乱罚失业人员的款、乱没收东西，是在第几条？")
    assert "第十条" in ans.text


def test_the_cases_a_list_leads_in_and_the_body_one_applies_to(aid_bot):
    ans = aid_bot.ask("示范市失业补助条例里，哪些情况会停止发放失业补助金？")
    assert not ans.refused and "第十一条" in ans.text and "重新就业" in ans.text and "应征服兵役" in ans.text
    ans = aid_bot.ask("示范市失业补助条例里，代办资格证要找哪个部门办？")
    assert not ans.refused and "第十三条" in ans.text and "区人力社保行政部门" in ans.text


def test_a_heading_broken_after_a_joining_word_and_an_issuer_read_from_the_edition_repealed(aid_bot):
    ans = aid_bot.ask("示范市失业补助条例第三章的标题是什么？")
    assert "补助代办点和培训券的管理" in ans.text
    from ingest.header import repealed_edition_issuer

    rule = ("# 示范车辆登记规定\n\n<!-- INFO END -->\n\n第一条 为了规范车辆登记，制定本规定。\n\n"
            "第二条 本规定自2031年1月1日起施行。2020年3月1日发布的《示范车辆登记规定》（示范部令第12号）同时废止。\n")
    assert parse_document(rule, "rule.md").issuer == "示范部"
    assert repealed_edition_issuer(["2004年发布的《另一规定》（公安部第69号令）同时废止。"], "示范车辆登记规定") is None


BUILD_RULE = ("# 甘肃省示范建设项目管理条例\n\n2031年6月1日 甘肃省人民代表大会常务委员会第十次会议通过\n\n<!-- INFO END -->\n\n"
              "第一条 为了规范建设项目管理，制定本条例。\n\n"
              "第二条 建设项目的环境方案，应当报县级人民政府生态环境主管部门审批。\n\n"
              "占地面积三十公顷以上的，应当报设区的市人民政府生态环境主管部门审批。\n\n"
              "第三条 审批部门应当在收到环境方案之日起二十日内在政府网站公开审批结果。\n\n"
              "第四条 施工期间连续超过48小时停止供水的，建设单位应当采取临时供水措施。\n\n"
              "第五条 建设单位应当每年组织两场安全培训。\n\n"
              "第六条 携带建设资金出入境的限额，由省人民政府规定。\n\n"
              "第七条 建设项目征收补偿的方式可以实行货币补偿，也可以实行实物补偿。\n\n"
              "第八条 审批档案由省档案部按照国家有关规定统一保存；需要向其他机构移交的，由审批部门或者有关机构办理。\n\n"
              "第九条 重大建设项目由省人民政府审批。\n\n前款规定的重大建设项目是指：\n\n（一）跨市的交通项目；\n\n"
              "（二）水利枢纽项目；\n\n（三）其他须经省人民政府审批的项目。\n\n"
              "第十条 本条例自2031年7月1日起施行。\n\n"
              "附件1：环境方案审批流程\n\n一、建设单位提交环境方案。\n\n二、审批部门审查并公开结果。\n")
FIRM_RULE = ("# 示范企业登记规定\n\n2030年1月1日 示范总局令第9号公布\n\n<!-- INFO END -->\n\n"
             "第一条 为了规范企业登记，制定本规定。\n\n"
             "第二条 企业登记应当向企业住所所在地的登记机关申请。\n")


@pytest.fixture(scope="module")
def build_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return _bot_over(tmp_path_factory.mktemp("build"), {"build.md": BUILD_RULE, "firm.md": FIRM_RULE})


def test_a_provinces_law_for_one_of_its_cities_and_the_national_texts_where_the_asker_works(build_bot):
    ans = build_bot.ask("我家在兰州，建设项目的环境方案要报哪一级审批？")
    assert not ans.refused and "第二条" in ans.text and "甘肃省示范建设项目管理条例" in ans.text
    ans = build_bot.ask("我们公司在杭州，企业登记要向哪里申请？")
    assert not ans.refused and "示范企业登记规定" in ans.text and "登记机关" in ans.text
    ans = build_bot.ask("杭州的建设项目环境方案报哪一级审批？")  # a place named as the document's, not the asker's
    assert ans.refused and "杭州" in ans.text


def test_a_tier_in_the_same_article_as_the_rule_and_a_span_told_in_another_unit(build_bot):
    from assistant.tiers import tiers_of, told_figures

    assert told_figures("项目占地四十多公顷") == [(40.0, "公顷")]
    assert told_figures("使用期限不到一年") == [(0.999, "年")]
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，项目占地不到三十公顷的，环境方案报哪一级审批？")  # just under the tier
    assert not ans.refused and "县级" in ans.text.split("\n")[0]
    assert [t.unit for t in tiers_of("占地面积五十公顷以上或者挖填土石方总量五十万立方米以上的，报市级审批")] == ["公顷", "立方米"]
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，我们项目占地四十多公顷，环境方案报哪一级审批？")
    assert not ans.refused and "设区的市" in ans.text.split("\n")[0]
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，我们项目占地十公顷，环境方案报哪一级审批？")
    assert not ans.refused and "县级" in ans.text.split("\n")[0]
    assert constraint_gaps("停水超过两天怎么办？", "连续超过48小时停止供水的，应当采取临时供水措施") == []
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，施工期间停水超过两天怎么办？")
    assert not ans.refused and "临时供水措施" in ans.text


def test_a_yes_or_no_on_a_figure_the_text_states_otherwise_and_on_another_lead(build_bot):
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，审批结果是不是要在收到方案三十日内在网站公开？")
    assert ans.text.startswith("不是") and "20日" in ans.text and "第三条" in ans.text
    from assistant.forms import other_lead

    tagged = "推进保障房信息公开。(牵头单位:市房管局;责任单位:各区县政府)"
    assert other_lead(tagged, "保障房信息公开是不是市住建委牵头？") == "市房管局"
    assert other_lead(tagged, "保障房信息公开是不是市房管局牵头？") is None


def test_counts_of_events_sums_in_a_currency_and_doses_need_their_own_unit(build_bot):
    assert detect_intent("每年组织几场安全培训？") == "quantity"
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，建设单位每年要组织几场安全培训？")
    assert not ans.refused and "两场" in ans.text
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，审批部门每月要开几场审批例会？")
    assert ans.refused
    assert asked_unit("出境最多能带多少美元现钞？")[0] == "美元" and asked_unit("每100毫升多少毫克算醉驾？")[0] == "毫克"
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，出入境最多能带多少美元建设资金？")
    assert ans.refused


def test_someone_elses_yes_or_no_in_a_story_and_everyday_words_for_dates_and_offices():
    assert detect_intent("法院来电问我同不同意网上开庭，同意的话多久之内要完成验证？") == "deadline"
    assert detect_intent("请问能不能网上立案？") == "yes_no"
    assert normalize_question("汛期从哪天起到哪天止由谁规定？") == "汛期起止日期由谁规定？"
    assert normalize_question("这段多出来的日子钱怎么给") == "这段多出来的日子钱怎么给"
    assert normalize_question("印发的日子是哪天") == "印发的日期是哪天"
    assert "车辆管理所" in normalize_question("过户要去车管所办吗") and "未经篡改" in normalize_question("上链以后没被改过")
    assert constraint_gaps("省级交管部门管什么？", "省级公安机关交通管理部门负责本省登记工作的指导") == []
    from assistant.evidence import ASKS_SANCTION, asks_meaning

    assert asks_meaning("较大事故是什么标准？") and not asks_meaning("管理费按什么标准收？")
    assert ASKS_SANCTION.search("被判刑以后法院还要他交多少钱？")


def test_attachments_printed_after_a_laws_last_article_and_an_issuer_that_printed_the_edition_repealed():
    doc = parse_document(BUILD_RULE, "build.md")
    paths = [s.path for s in doc.sections]
    assert "附件1 一、" in paths and "附件1 二、" in paths
    assert not any("审批流程" in s.text for s in doc.sections if s.path.startswith("第十条"))
    rule = ("# 示范执勤规范\n\n<!-- INFO END -->\n\n第一条 为了规范执勤，制定本规范。\n\n"
            "第二条 本规范自2031年1月1日起实施。2020年3月1日示范部印发的《示范执勤规范》同时废止。\n")
    assert parse_document(rule, "rule.md").issuer == "示范部"


def test_each_part_asked_of_the_document_it_names_kinds_as_alternatives_and_a_ministry_that_does_it(build_bot):
    ans = build_bot.ask("我在对比两个规定：甘肃省示范建设项目管理条例里审批结果多少天内公开？示范企业登记规定里企业登记又是向哪里申请？")
    assert "二十日内" in ans.text and "登记机关" in ans.text and "示范企业登记规定" in ans.text
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，征收补偿有哪几种方式？")
    assert not ans.refused and "第七条" in ans.text and "实物补偿" in ans.text
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，审批档案由哪个部门统一保存？")
    assert not ans.refused and "省档案部按照" in ans.text.split("\n")[0] + ans.text
    assert detect_intent("怎么才能随时看到各户拿了多少钱？") != "quantity" and detect_intent("各户拿了多少钱？") == "quantity"


def test_a_chapters_title_and_what_it_says_asked_together_and_a_preface_that_names_no_topic(aid_bot):
    ans = aid_bot.ask("示范市失业补助条例第二章叫什么，主要讲啥？")
    assert "补助待遇" in ans.text and "第三条" in ans.text and "第四条" in ans.text
    ans = aid_bot.ask("示范市失业补助条例第二章的标题是什么？")
    assert "补助待遇" in ans.text and "第三条" not in ans.text
    assert normalize_question("我在对比两个规定：甲条例里多少天内公开？") == "甲条例里多少天内公开？"


def test_a_term_the_paragraph_before_named_is_defined_by_the_items_it_opens(build_bot):
    from assistant.evidence import defines_asked

    assert defines_asked("“重大建设项目”具体指哪几类？", "前款规定的重大建设项目是指：")
    ans = build_bot.ask("甘肃省示范建设项目管理条例里，需要省政府审批的“重大建设项目”具体指哪几类？")
    assert not ans.refused and all(w in ans.text for w in ("跨市的交通项目", "水利枢纽项目", "其他须经"))


GREEN_RULE = ("# 示范市园林绿化条例\n\n2032年3月1日 示范市人民代表大会常务委员会第五次会议通过\n\n<!-- INFO END -->\n\n"
              "## 第一章 总则\n\n第一条 为了加强园林绿化管理，制定本条例。\n\n"
              "第二条 老城区，是指示范河以东、示范路以北的区域。\n\n"
              "第三条 市园林局对全市绿地行使下列职权：\n\n（一）审批临时占用绿地；\n\n（二）核发树木迁移许可证。\n\n"
              "## 第二章 古树保护\n\n第四条 禁止下列损害古树的行为：\n\n（一）砍伐或者擅自迁移古树；\n\n（二）损坏古树的标牌。\n\n"
              "第五条 国有公园的门票价格，报省人民政府备案；国有公园以外的其他公园的门票价格，报市人民政府备案。\n\n"
              "## 第三章 许可管理\n\n第六条 符合条件的，园林部门应当于10个工作日内发给绿化许可证。\n\n"
              "绿化许可证遗失的，应当向原发证部门申请补发。原发证部门应当及时补发绿化许可证。\n\n"
              "第七条 任何单位和个人不得出租、出借绿化许可证。\n\n"
              "第八条 绿线的范围，由市人民政府按照保障生态安全的原则划定。\n\n"
              "## 第四章 法律责任\n\n第九条 违反本条例第四条规定的，由市园林局责令停止侵害，并依照下列规定处罚：\n\n"
              "（一）违反第一项规定的，处每株一万元以上十万元以下罚款；\n\n（二）违反第二项规定，处五十元以上二百元以下罚款。\n\n"
              "第十条 有下列情形之一的，由市园林局责令限期改正；拒不改正的，处一千元以上五千元以下罚款；"
              "情节严重的，处五千元以上一万元以下罚款：\n\n（一）未按照规定办理绿化许可证变更的；\n\n（二）未按照规定公示养护责任人的。\n\n"
              "第十一条 未取得绿化许可证占用绿地的，由市园林局责令恢复原状，占用面积不足十平方米的，并处二千元罚款；"
              "占用面积十平方米以上的，并处每平方米五百元罚款。\n\n"
              "## 第五章 附则\n\n第十二条 本条例自2032年5月1日起施行。2010年5月1日公布的《示范市园林绿化条例》同时废止。\n")


DOG_RULE = ("# 示范市养犬条例\n\n2031年1月1日 示范市人民代表大会常务委员会第一次会议通过\n\n<!-- INFO END -->\n\n"
            "第一条 为了规范养犬，制定本条例。\n\n第二条 养犬人有下列情形之一的，属于情节严重：\n\n（一）多次放任犬只伤人；\n\n"
            "（二）在学校周边遛犬不束犬链；\n\n（三）遗弃犬只。\n")


@pytest.fixture(scope="module")
def green_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return _bot_over(tmp_path_factory.mktemp("green"), {"green.md": GREEN_RULE, "dog.md": DOG_RULE})


def test_a_fine_that_names_its_act_by_number_and_a_ladders_earlier_steps(green_bot):
    ans = green_bot.ask("示范市园林绿化条例里，把一棵古树砍了要罚多少钱？")
    assert not ans.refused and ans.text.startswith("处每株一万元以上十万元以下罚款")
    ans = green_bot.ask("示范市园林绿化条例里，没按规定办理绿化许可证变更，会罚多少钱？")
    assert not ans.refused and all(w in ans.text for w in ("责令限期改正", "一千元以上五千元以下", "五千元以上一万元以下"))


def test_a_fine_asked_after_the_act_and_a_case_is_no_figure(green_bot):
    first = "没取得绿化许可证就占用绿地，按示范市园林绿化条例，由谁来处罚？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": green_bot.ask(first).text}]
    assert resolve_followup("那罚款具体是多少？", history).startswith("没取得绿化许可证就占用绿地，")
    ans = green_bot.ask("那罚款具体是多少？", history=history)
    assert not ans.refused and ans.text.startswith("并处二千元罚款") and "每平方米五百元" in ans.text


def test_what_a_chapter_says_and_a_chapter_of_one_article_counted(green_bot):
    ans = green_bot.ask("示范市园林绿化条例第二章讲的是啥？")
    assert not ans.refused and "古树保护" in ans.text and "第四条" in ans.text and "第五条" in ans.text
    assert [c.section for c in ans.citations] == ["第二章"]  # the chapter asked is what is cited
    ans = green_bot.ask("示范市园林绿化条例第二章的标题是什么？")
    assert "古树保护" in ans.text and "第四条" not in ans.text
    ans = green_bot.ask("示范市园林绿化条例第五章一共有多少条？")
    assert not ans.refused and "共1条" in ans.text and "第十二条" in ans.text


def test_the_body_a_lists_lead_in_names_and_a_thing_named_only_to_be_set_aside(green_bot):
    ans = green_bot.ask("示范市园林绿化条例里，树木迁移许可证该找哪个部门核发？")
    assert not ans.refused and "市园林局" in ans.text and "第三条" in ans.text
    ans = green_bot.ask("示范市园林绿化条例里，国有公园的门票价格报哪里备案？")
    assert not ans.refused and "省人民政府备案" in ans.text.split("\n")[0]


def test_a_time_the_text_leaves_unset_and_a_range_left_to_another_body(green_bot):
    ans = green_bot.ask("示范市园林绿化条例里，绿化许可证弄丢了，几个工作日内补发？")
    assert ans.refused and "及时补发" in ans.text
    ans = green_bot.ask("示范市园林绿化条例里，符合条件的几个工作日内发给绿化许可证？")
    assert not ans.refused and "10个工作日" in ans.text
    ans = green_bot.ask("示范市园林绿化条例里，绿线离河边多少米以内？")
    assert ans.refused and "第八条" in ans.text


def test_an_earlier_edition_still_in_force_lending_and_the_extent_of_a_term(green_bot):
    ans = green_bot.ask("示范市园林绿化条例施行后，原来那个旧条例还有效吗？")
    assert ans.text.startswith("已废止") and "第十二条" in ans.text
    ans = green_bot.ask("示范市园林绿化条例什么时候施行？原来2010年那个条例还管用吗？")
    assert not ans.refused and "2032年5月1日" in ans.text and "废止" in ans.text
    ans = green_bot.ask("示范市园林绿化条例里，我的绿化许可证朋友想借去用几个月，行不行？")
    assert ans.text.startswith("否") and "第七条" in ans.text
    ans = green_bot.ask("示范市园林绿化条例说的“老城区”，范围是怎么划的？")
    assert not ans.refused and "第二条" in ans.text and "示范河以东" in ans.text


def test_the_item_asked_of_an_article_that_lists_cases(green_bot):
    # the lead-in says most of the question's words (情节严重, 养犬人): the item asked is quoted under it, not item (一)
    ans = green_bot.ask("养犬人在学校周边遛犬会被认定为“情节严重”，这是示范市养犬条例第几条？")
    assert not ans.refused and "第二条" in ans.text and "学校周边遛犬" in ans.text and "多次放任" not in ans.text


def test_everyday_words_for_making_public_experts_and_consent():
    assert "公开" in normalize_question("每个月要不要把账晒一晒") and "专家" in normalize_question("请外面的行家来讲")
    assert "未经" in normalize_question("没经发包方点头就转让") and "同意" in normalize_question("没经发包方点头就转让")
    assert "出借" in normalize_question("朋友想借去用几个月") and "转租" in normalize_question("如果是转租给别人呢")
    assert normalize_question("原来那个旧办法还有效吗？") == "原来那个旧办法是否已废止？"
    assert doc_fact_intents("那实际印发是哪天？抄送了哪些单位？") == ["date", "copied"]


def test_which_named_document_came_first_and_another_bodys_document_number(tmp_path):
    first = ("# 示范省人民政府办公厅关于甲事项的通知\n\n示范办发〔2030〕3号\n\n各市政府：\n\n现就甲事项通知如下。\n\n"
             "示范省人民政府办公厅\n2030年3月5日\n")
    second = ("# 示范省人民政府办公厅关于乙事项的通知\n\n示范办发〔2030〕9号\n\n各市政府：\n\n为贯彻落实国务院对乙事项的部署，现就乙事项通知如下。\n\n"
              "示范省人民政府办公厅\n2030年6月1日\n")
    bot = _bot_over(tmp_path, {"a.md": first, "b.md": second})
    ans = bot.ask("甲事项的通知和乙事项的通知，哪个成文更早？")
    assert "更早的是《示范省人民政府办公厅关于甲事项的通知》" in ans.text
    ans = bot.ask("乙事项的通知说贯彻国务院的部署，国务院那份文件的文号是多少？")
    assert ans.refused and "国务院那份文件的文号" in ans.text


def test_a_documents_dates_and_the_text_it_implements_asked_with_other_facts(bot):
    ans = bot.ask("2019年上海政务公开工作要点印发是在哪天？抄送给了哪些单位？")
    assert "2019年3月8日" in ans.text and "市委各部门" in ans.text
    ans = bot.ask("2012年上海政务公开和政务服务工作要点是谁转发的？它要全面落实的是哪份中办、国办文件？")
    assert "中办发〔2011〕22号" in ans.text


def test_a_follow_up_rewritten_on_its_own_words_stays_in_the_document_asked_before():
    history = [{"role": "user", "content": "从国外带自己养的猫入境，按示范检疫条例要带什么证件？"},
               {"role": "assistant", "content": "……"}]
    assert resolve_followup("那要是这些证书没带齐呢？", history).startswith("按示范检疫条例")


HOME_RULE = ("# 示范省农村住房条例\n\n2033年5月1日 示范省人民代表大会常务委员会第三次会议通过\n\n<!-- INFO END -->\n\n"
             "## 第一章 总则\n\n第一条 为了规范农村住房建设，制定本条例。\n\n"
             "第二条 本条例所称农村住房保障，是指对住房困难的低保户、特困户和残疾人家庭给予建房补助的活动。\n\n"
             "## 第二章 建房\n\n第三条 农村村民一户只能拥有一处住房用地，住房用地的面积标准（包括附属用房），占用水田的，"
             "最高不得超过九十平方米；占用旱地的，最高不得超过一百一十平方米；占用荒坡的，最高不得超过一百三十平方米。\n\n"
             "具体标准由县级人民政府制定。\n\n"
             "第四条 有下列情形之一的，建房申请不予批准:\n\n（一）住房面积已达到规定标准，再申请新用地的；\n\n"
             "（二）出售、出租住房后，再申请用地的；\n\n（三）以分家为由重复申请用地的；\n\n"
             "法律、法规规定的其他不予批准的情形。\n\n分家的具体条件，由县级人民政府制定。\n\n"
             "第五条 建房户应当遵守法律、法规和村规民约，接受乡镇人民政府的监督。\n\n建房户应当遵守和执行下列规定：\n\n"
             "（一）按图施工；\n\n（二）开工前报告；\n\n（三）设置公示牌；\n\n（四）文明施工；\n\n（五）按时清运垃圾；\n\n"
             "（六）竣工后报验；\n\n（七）拆除旧房；\n\n（八）依法应当遵守和执行的其他规定。\n\n"
             "第六条 建房许可证由示范省住房和城乡建设厅签发。\n\n"
             "第七条 建房户从指定的窗口提交申请；也可以通过网上办理。\n\n指定的窗口：县城是政务服务中心，乡村是乡镇便民服务站。\n")


@pytest.fixture(scope="module")
def home_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return _bot_over(tmp_path_factory.mktemp("home"), {"home.md": HOME_RULE})


def test_every_cases_figure_when_no_case_is_asked_and_one_when_it_is(home_bot):
    ans = home_bot.ask("示范省农村住房条例规定，一户的住房用地最多能批多少平方米？")
    assert not ans.refused and all(w in ans.text for w in ("九十平方米", "一百一十平方米", "一百三十平方米"))
    ans = home_bot.ask("示范省农村住房条例规定，占用水田建房，用地最多能批多少平方米？")
    assert not ans.refused and "九十平方米" in ans.text and "一百三十平方米" not in ans.text


def test_a_lists_last_item_whose_number_the_export_lost_and_a_list_longer_than_eight(home_bot):
    ans = home_bot.ask("示范省农村住房条例里，哪几种情况建房申请不予批准？")
    assert not ans.refused and all(w in ans.text for w in ("再申请新用地", "出售、出租住房", "以分家为由", "其他不予批准的情形"))
    assert "分家的具体条件" not in ans.text
    ans = home_bot.ask("示范省农村住房条例要求建房户遵守和执行哪些规定？")
    assert not ans.refused and all(w in ans.text for w in ("按图施工", "拆除旧房", "其他规定"))


def test_the_body_that_issues_the_thing_asked_and_a_term_the_article_defines_below(home_bot):
    ans = home_bot.ask("示范省的建房许可证是哪个单位签发的？")
    assert not ans.refused and "住房和城乡建设厅" in ans.text
    ans = home_bot.ask("示范省农村住房条例规定，建房申请要从哪个窗口交？")
    assert not ans.refused and "政务服务中心" in ans.text and "便民服务站" in ans.text
    ans = home_bot.ask("示范省农村住房条例里说的“农村住房保障”，主要保的是哪几类家庭？")
    assert not ans.refused and "低保户" in ans.text and ans.citations[0].section == "第二条"


def test_the_act_done_to_the_thing_asked():
    from assistant.clause_answers import _acts_on
    assert _acts_on(re.compile("签发"), "港澳同胞回乡证由示范省公安厅签发。", ["回乡证", "签发"])
    assert not _acts_on(re.compile("签发"), "遗失回乡证的，由公安机关签发一次有效的通行证。", ["回乡证", "签发"])


STALL_RULE = ("# 示范市摊点和房屋租赁管理条例\n\n2034年2月1日 示范市人民代表大会常务委员会第九次会议通过\n\n<!-- INFO END -->\n\n"
              "第一条 为了规范摊点经营和房屋租赁，制定本条例。\n\n"
              "第二条 下列单位应当设立安全管理员：\n\n（一）大型农贸市场；\n\n（二）夜市管理单位；\n\n（三）区人民政府确定的其他单位。\n\n"
              "第三条 摊点经营者应当办理摊点备案卡，备案卡由街道办事处发放。\n\n"
              "第四条 小作坊登记证有效期为三年。\n\n"
              "第五条 出租人有下列行为之一的，由区房屋管理部门处五百元以上二千元以下罚款：\n\n"
              "（一）非法扣押承租人身份证件的；\n\n（二）擅自进入承租人房屋的。\n\n"
              "第六条 擅自移动燃气计量设施的，由区燃气管理部门处一千元以上五千元以下罚款。\n\n"
              "第七条 对市场内的共用摊位、遮阳棚、排水沟和消防器材进行检测、维修、更新、改造所需的经费，保修期内由开发单位"
              "承担；保修期满的按照市场维修基金的管理规定列支；没有维修基金的，由经营者约定承担；没有约定或者约定不明确的，"
              "由经营者按照摊位面积的比例分担。\n\n"
              "第八条 摊位租金实行分档收费，具体标准由区人民政府确定。\n\n"
              "第九条 市、区人民政府设立的摊点管理机构和街道设立的摊点管理站，其内设机构分为综合管理机构和执法勤务机构，"
              "综合管理机构负责规划、审批和统计，执法勤务机构负责巡查、劝导和处罚。\n\n执法勤务机构实行队建制，称为大队、中队、小队。\n\n"
              "第十条 本条例自2034年3月1日起施行。本市此前发布的规定与本条例不一致的，以本条例为准。\n")
PLAN_2034 = ("示范市2034年政务公开工作要点\n\n一、推进数据开放\n\n（一）建成政府数据开放平台。逐步扩大开放范围，提高数据质量。\n\n"
             "（二）完善数据目录。年底前完成全市数据目录编制。\n\n（三）推进公益慈善类社会团体募集资金使用情况公开。\n\n"
             "二、规范党政混合信息公开\n\n（一）对申请公开党政混合信息的，由参与制作的行政机关负责答复。\n")


@pytest.fixture(scope="module")
def stall_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return _bot_over(tmp_path_factory.mktemp("stall"), {"stall.md": STALL_RULE, "plan.txt": PLAN_2034})


def test_the_units_a_lead_in_lists_and_a_validity_asked_of_another_card(stall_bot):
    ans = stall_bot.ask("示范市哪些单位必须设立安全管理员？")
    assert not ans.refused and all(w in ans.text for w in ("大型农贸市场", "夜市管理单位", "区人民政府确定的其他单位"))
    assert stall_bot.ask("示范市的摊点备案卡有效期是几年？").refused
    ans = stall_bot.ask("示范市小作坊登记证有效期是几年？")
    assert not ans.refused and "三年" in ans.text


def test_an_act_the_text_punishes_is_not_lawful_and_everyday_words_for_moving_a_meter(stall_bot):
    ans = stall_bot.ask("示范市的房东把租客的身份证押在他那儿不还，这样合法吗？")
    assert not ans.refused and ans.text.startswith("否")
    ans = stall_bot.ask("在示范市，有人私自把燃气表挪了位置，最多能罚多少？")
    assert not ans.refused and "一千元以上五千元以下" in ans.text


def test_a_task_its_section_gives_no_time_for_and_one_it_does(stall_bot):
    assert stall_bot.ask("示范市2034年政务公开工作要点里，政府数据开放平台要在什么时间节点之前建成？").refused
    ans = stall_bot.ask("示范市2034年政务公开工作要点里，数据目录要在什么时候之前编完？")
    assert not ans.refused and "年底前" in ans.text


def test_steps_a_plan_lists_are_no_text_it_implements_and_a_follow_up_that_names_its_own_topic():
    assert detect_intent("那条要全面落实哪些环节要求？") != "basis"
    assert detect_intent("这份要点要落实哪些上级要求？") == "basis"
    prev = [{"role": "user", "content": "成都13年那个安排里，信息公开年报是哪个单位牵头？"},
            {"role": "assistant", "content": "牵头单位：市政府办公厅。"}]
    asked = resolve_followup("那政务网站这些新渠道那条呢？谁牵头？", prev)
    assert "政务网站" in asked and "年报" not in asked


def test_whether_a_body_made_the_text_itself_asked_as_是不是(bot):
    ans = bot.ask("《2012年上海市政务公开和政务服务工作要点》是不是市政府办公厅自己起草的？")
    assert not ans.refused and ans.text.startswith("不是") and "市政务公开办" in ans.text


def test_each_case_of_who_pays_tiers_never_counted_and_which_text_prevails(stall_bot):
    ans = stall_bot.ask("示范市的摊位坏了，维修的钱该谁出？")
    assert not ans.refused and "开发单位" in ans.text and "经营者约定承担" in ans.text
    assert stall_bot.ask("示范市的摊位租金分几档？").refused
    ans = stall_bot.ask("示范市摊点和房屋租赁管理条例和以前的规定冲突时听谁的？")
    assert not ans.refused and "以本条例为准" in ans.text


def test_why_a_name_changes_and_charity_in_everyday_words(stall_bot):
    ans = stall_bot.ask("示范市摊点管理机构里的执法勤务机构是怎么编的？为什么一会儿叫大队一会儿叫中队？")
    assert not ans.refused and "小队" in ans.text
    assert content_terms("为什么一会儿叫大队一会儿叫中队") == ["大队", "中队"]  # the ask is no topic to judge by
    ans = stall_bot.ask("示范市2034年的要点里，对那些做善事的民间团体，要求它们把什么亮出来给大家看？")
    assert not ans.refused and "募集资金使用情况" in ans.text


AMENDMENT_CHANGES = ("# 中华人民共和国示范法修正案（二）\n\n2035年1月1日 第十五届全国人民代表大会常务委员会第三次会议通过\n\n<!-- INFO END -->\n\n"
             "一、在示范法第十条后增加一条，作为第十条之一：“违反规定倾倒垃圾的，处五日以下拘留。”\n\n"
             "二、将示范法第十二条修改为：“在公共场所吸烟的，处五十元以上二百元以下罚款。”\n\n"
             "三、在示范法第二十条中增加一款作为第二款：“单位有前款行为的，对单位判处罚金。”\n\n"
             "四、删去示范法第二十五条第二款。\n\n"
             "五、将示范法第三十条第一款修改为：“有下列情形之一的，从重处罚：\n\n（一）多次违法的；\n\n（二）造成严重后果的。”\n\n"
             "六、本修正案自2035年3月1日起施行。\n")


def test_an_amendment_its_changes_counted_an_article_of_the_law_it_amends_and_a_change_with_items(tmp_path):
    bot = _bot_over(tmp_path, {"amend.md": AMENDMENT_CHANGES})
    ans = bot.ask("示范法修正案（二）一共有几条？")
    assert not ans.refused and "共6条" in ans.text
    ans = bot.ask("示范法修正案（二）对示范法第十二条是怎么改的？")
    assert not ans.refused and "在公共场所吸烟" in ans.text and ans.citations[0].section == "二、"
    ans = bot.ask("示范法修正案（二）新增的第十条之一是什么内容？")
    assert not ans.refused and "倾倒垃圾" in ans.text
    ans = bot.ask("示范法修正案二的第五条说了啥")
    assert not ans.refused and "（一）多次违法的" in ans.text and "造成严重后果" in ans.text
    ans = bot.ask("修正案（二）删去了示范法哪一款？")
    assert not ans.refused and "第二十五条第二款" in ans.text


def test_asking_to_see_a_text_the_party_and_the_government_issued_together(stall_bot):
    ans = stall_bot.ask("示范市2034年的要点说，我想让政府把一份党委和政府一起发的文件给我看看，该由哪个机关给我回话？")
    assert not ans.refused and "参与制作的行政机关" in ans.text


def test_a_law_and_a_regulation_asked_the_same_thing_each(tmp_path):
    mine = ("# 示范矿产法\n\n2036年1月1日 示范省人民代表大会常务委员会第一次会议通过\n\n<!-- INFO END -->\n\n"
            "第一条 为了规范采矿，制定本法。\n\n第二条 开采矿产，应当采取有效措施确保回采率达到标准。\n\n"
            "开采矿产，应当保护地下水资源，并优先使用矿井水。\n\n第三条 违反法律、法规的行为，任何人有权举报。\n\n"
            "第四条 外商投资采矿，法律、行政法规另有规定的，依照其规定。\n\n"
            "第五条 开采前，采矿权人应当依照法律、法规的规定编制生态修复方案。\n\n"
            "第六条 违反有关法律、法规规定采矿的，依照有关法律、法规处理。\n\n"
            "第七条 法规对矿区管理另有要求的，从其要求。\n\n第八条 本法自2036年3月1日起施行。\n")
    water = ("# 示范节水条例\n\n2036年2月1日 示范省人民代表大会常务委员会第二次会议通过\n\n<!-- INFO END -->\n\n"
             "第一条 为了节约用水，制定本条例。\n\n第二条 县级人民政府应当将再生水、矿井水纳入水资源统一配置。\n")
    bot = _bot_over(tmp_path, {"mine.md": mine, "water.md": water})
    ans = bot.ask("示范矿产法和示范节水条例里都提到了矿井水，两部法规分别是怎么要求的？")
    assert not ans.refused and "优先使用矿井水" in ans.text and "水资源统一配置" in ans.text
    assert "法规" not in content_terms("两部法规分别是怎么要求的？")  # the texts counted are no topic


MARKET_RULE = ("# 青溪市集市管理条例\n\n2037年4月1日 青溪市人民代表大会常务委员会第二次会议通过\n\n<!-- INFO END -->\n\n"
               "第一条 为了规范集市经营，制定本条例。\n\n"
               "第二条 集市开办者委托他人拍租摊位的，委托人不得参与竞租，也不得委托他人代为竞租。\n\n"
               "第三条 摊位租赁合同自双方签字之日起生效。\n\n"
               "第四条 禁止经营者有下列行为：\n\n（一）出售过期食品；\n\n（二）占用消防通道；\n\n（三）擅自提高摊位收费标准。\n\n"
               "第五条 违反本条例第二条规定，委托人参与竞租的，由市场监督管理部门对委托人处摊位年租金百分之二十以下的罚款。\n\n"
               "第六条 违反本条例第四条第一、二项规定的，由市场监督管理部门责令改正，处五百元以下罚款。\n\n"
               "第七条 违反本条例第四条第三项规定的，由价格主管部门依法处罚。\n\n"
               "第八条 本市建立市级、区级、街道级三级集市管理员体系。各区、街道应当分级设立区级、街道级集市管理员。\n\n"
               "第九条 集市管理是区人民政府的责任。区人民政府应当将集市管理经费列入区级财政预算，保障集市管理工作开展。\n\n"
               "集市管理经费应当专款专用，经费的使用应当接受审计部门的监督。\n\n"
               "第十条 禁止在集市寄递活禽。\n\n"
               "第十一条 违反本条例第十条规定，寄递活禽的，由市场监督管理部门没收活禽，并处五百元以下罚款。\n\n"
               "第十二条 集市开办者调整营业时间，应当报区市场监督管理部门批准。\n\n"
               "第十三条 经营者申请摊位，应当提交身份证明和健康证明；持有健康证明的，可以优先安排摊位。\n\n"
               "健康证明由区疾病预防控制机构出具。\n\n"
               "第十四条 开办集市，应当具备下列条件：\n\n（一）有固定的经营场地；\n\n（二）有符合要求的消防设施；\n\n"
               "（三）有卫生管理制度。\n\n"
               "第十五条 区市场监督管理部门以及其他任何单位不得另行附加任何条件，限制开办集市。\n\n"
               "第十六条 本条例自2037年6月1日起施行。2030年发布的《青溪市集贸市场管理办法》同时废止。\n")
OFFENCE_NAMES = ("# 示范省关于适用示范交通法规定的违章行为名称的意见\n\n2037年5月1日 示范省交通管理局通过\n\n<!-- INFO END -->\n\n"
                 "为统一执法，现对适用示范交通法的违章行为名称提出如下意见：\n\n"
                 "## 第一章 停车违章\n\n1．违规停车行为（第12条） 2．占用盲道行为（第13条） 3．阻碍消防车通行行为（第14条）\n\n"
                 "## 第二章 行驶违章\n\n4．闯红灯行为（第20条） 5．逆行行为（第21条） 6．超速行为（第22条第1款）\n")
AMENDMENT_ONE = ("# 示范法修正案（一）\n\n2038年1月1日 示范省人民代表大会常务委员会第一次会议通过\n\n<!-- INFO END -->\n\n"
                 "一、将示范法第三条修改为：“集市应当设置消防通道。”\n\n二、本修正案自2038年2月1日起施行。\n")
AMENDMENT_TWO = ("# 示范法修正案（二）\n\n2039年1月1日 示范省人民代表大会常务委员会第五次会议通过\n\n<!-- INFO END -->\n\n"
                 "一、将示范法第五条修改为：“集市应当设置垃圾分类设施。”\n\n二、本修正案自2039年3月1日起施行。\n")


@pytest.fixture(scope="module")
def market_bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return _bot_over(tmp_path_factory.mktemp("market"), {
        "market.md": MARKET_RULE, "names.md": OFFENCE_NAMES, "one.md": AMENDMENT_ONE, "two.md": AMENDMENT_TWO,
        "plan.txt": PLAN_2034})


def test_titles_told_apart_by_their_ordinal_with_or_without_brackets():
    docs = [_doc("one", "示范法修正案（一）"), _doc("two", "示范法修正案（二）"), _doc("law", "示范法")]
    assert scope_of("《示范法修正案（二）》什么时候施行？", docs).doc_ids == ("two",)
    assert scope_of("示范法修正案一改了第几条？", docs).doc_ids == ("one",)
    assert scope_of("修正案二对示范法第五条是怎么改的？", docs[:2]).doc_ids == ("two",)
    both = scope_of("示范法和示范法修正案（一）有什么不同？", docs).doc_ids
    assert both is not None and set(both) == {"law", "one"}


def test_an_article_of_another_law_than_the_documents_is_a_word_of_the_text(market_bot):
    docs = [_doc("names", "示范省关于适用示范交通法规定的违章行为名称的意见"), _doc("law", "中华人民共和国档案法")]
    assert scope_of("示范交通法第13条对应什么行为？", docs).article is None
    assert scope_of("档案法第五条说了什么？", docs).article == 5 and scope_of("本法第五条说了什么？", docs).article == 5
    ans = market_bot.ask("按违章行为名称的意见，示范交通法第21条对应什么行为名称？")
    assert not ans.refused and "逆行行为" in ans.text and "闯红灯" not in ans.text
    assert ans.citations[0].section == "第二章"


def test_chapters_with_nothing_but_a_numbered_list_under_them(market_bot):
    doc = parse_document(OFFENCE_NAMES, "names.md")
    assert [s.path for s in doc.sections if s.path] == ["第一章", "第二章"]
    ans = market_bot.ask("违章行为名称的意见第二章的标题是什么？")
    assert not ans.refused and "行驶违章" in ans.text


def test_a_fine_set_as_a_share_of_a_sum_asked_of_the_one_the_question_before_named(market_bot):
    first = "集市拍租摊位的时候，委托人自己能不能参与竞租？"
    said = market_bot.ask(first)
    ans = market_bot.ask("那要是他偷偷参与竞租了，会被罚多少？", history=[
        {"role": "user", "content": first}, {"role": "assistant", "content": said.text}])
    assert not ans.refused and "百分之二十以下" in ans.text and ans.citations[0].section.startswith("第五条")
    # a multiple of another sum is no amount a 「罚款金额是多少」 asks for (realdocs_ao rao032, a near miss)
    assert constraint_gaps("罚款金额是多少？", "逾期不改正的，处监测费用额度一倍以上三倍以下罚款") == ["金额"]


def test_the_body_that_punishes_one_item_of_the_article_the_answer_before_quoted(market_bot):
    first = "青溪市集市管理条例禁止经营者干哪些事？"
    said = market_bot.ask(first)
    assert "（三）擅自提高摊位收费标准" in said.text
    ans = market_bot.ask("第三项要是违反了，由哪个部门来处罚？", history=[
        {"role": "user", "content": first}, {"role": "assistant", "content": said.text}])
    assert not ans.refused and "价格主管部门" in ans.text and ans.citations[0].section.startswith("第七条")


def test_when_another_thing_takes_effect_is_no_question_of_the_documents_own_date(market_bot):
    assert doc_fact_intents("摊位租赁合同从什么时候起生效？") == []
    assert doc_fact_intents("示范法修正案二啥时候开始施行？") == ["effective"]
    # the asking words and an edition's note before 「开始施行」 name no other thing (realdocs_d rd012, realdocs_i ri013)
    assert doc_fact_intents("新修订的行政处罚法是从哪天起开始施行的？") == ["effective"]
    assert doc_fact_intents("现行文本的治安管理处罚法（2012年修正）是从哪一天起施行的？") == ["effective"]
    ans = market_bot.ask("青溪市集市管理条例规定，摊位租赁合同从什么时候起生效？")
    assert not ans.refused and "签字之日" in ans.text


def test_a_part_pointed_at_as_this_part_and_how_asked_inside_a_yes_no(market_bot):
    assert "这部分" not in content_terms("数据开放这部分主要讲了什么？")
    ans = market_bot.ask("示范市2034年的要点，推进数据开放这部分主要讲了什么？")
    assert not ans.refused and "建成政府数据开放平台" in ans.text and "完善数据目录" in ans.text
    ans = market_bot.ask("示范市2034年的要点有没有提到政府数据开放平台怎么建？")
    assert ans.text.startswith("有") and "扩大开放范围" in ans.text


def test_kinds_named_then_counted_where_money_comes_from_and_using_it_for_another_purpose(market_bot):
    ans = market_bot.ask("青溪市的集市管理员分哪几级？")
    assert not ans.refused and all(w in ans.text for w in ("市级", "区级", "街道级"))
    ans = market_bot.ask("青溪市集市管理经费从哪里出？能不能挪作他用？")
    assert not ans.refused and "列入区级财政预算" in ans.text and "否" in ans.text and "专款专用" in ans.text


def test_what_befalls_an_act_asked_about_before_if_it_is_done_anyway(market_bot):
    first = "青溪市集市里能不能走快递把活禽寄给外地的亲戚？"
    said = market_bot.ask(first)
    ans = market_bot.ask("那要是真寄了被查出来，会怎么处理？", history=[
        {"role": "user", "content": first}, {"role": "assistant", "content": said.text}])
    assert not ans.refused and "没收活禽" in ans.text and "五百元以下" in ans.text


def test_doing_on_ones_own_what_the_text_makes_wait_for_approval(market_bot):
    ans = market_bot.ask("青溪市的集市开办者能不能自己决定调整营业时间？")
    assert ans.text.startswith("否") and "批准" in ans.text


def test_where_a_paper_is_made_out_asked_in_everyday_words(market_bot):
    assert normalize_question("健康证明去哪儿开？") == "健康证明由哪个单位出具？"
    assert normalize_question("这个会去哪开？") == "这个会去哪开？"  # no paper: a meeting is held, not made out
    ans = market_bot.ask("在青溪市申请摊位要交的健康证明，去哪儿开？")
    assert not ans.refused and "区疾病预防控制机构" in ans.text



def test_a_joint_ling_of_two_central_bodies_a_citys_body_said_short_and_a_date_of_effect_without_起():
    joint = parse_document("# 示范军用器材管理条例\n\n2031年4月5日 中华人民共和国国务院、中华人民共和国中央军事委员会令第99号发布\n\n"
                           "<!-- INFO END -->\n\n第一条 为了管理军用器材，制定本条例。\n\n第二条 本条例自2031年6月1日施行。\n", "j.md")
    assert joint.doc_number == "国务院、中央军事委员会令第99号" and joint.issuer == "国务院、中央军事委员会"
    assert joint.level == "national" and joint.region is None and joint.effective_date == "2031-06-01"
    city = parse_document("# 青溪市调解条例\n\n2030年12月26日 市十四届人大常委会第二十次会议通过\n\n"
                          "2031年3月27日 省十二届人大常委会第十八次会议批准\n\n<!-- INFO END -->\n\n"
                          "第一条 为了规范调解，制定本条例。\n\n第二条 本条例自2031年5月1日起施行。\n", "c.md")
    assert city.issuer == "青溪市人民代表大会常务委员会" and city.region == "青溪市"


def test_the_grounds_of_another_act_a_post_given_to_a_role_and_a_grade_inside_a_range():
    assert doc_fact_intents("价格法说经营者定价的基本依据是什么？") == []
    assert doc_fact_intents("这个条例的依据是什么？") == ["basis"]
    assert "具体信息" not in constraint_gaps("青溪市调解委员会的主任由谁担任？", "企业的工会代表担任本单位调解委员会主任")
    assert "具体信息" in constraint_gaps("领导小组组长是谁？", "成立政务公开工作领导小组")
    told = "伤残等级为一级至四级的，赔偿金为上年度职工年平均工资的十倍至二十倍"
    assert not constraint_gaps("三级伤残的赔偿金是年平均工资的几倍？", told)
    assert constraint_gaps("五级伤残的赔偿金是年平均工资的几倍？", told) == ["5级"]


def test_who_approved_a_local_law_and_when_and_an_area_of_its_own_place():
    assert doc_fact_intents("青溪市调解条例是哪个人大常委会批准的？哪天批准的？") == ["approval"]
    assert doc_fact_intents("建设项目什么时候批准的？") == []
    assert not constraint_gaps("去北京郊区住农家院，老板能不让我住吗？", "北京市实施办法 北京市 乡村民宿经营者对拒绝身份查验的，不得提供住宿")


def test_a_document_fact_then_what_it_repealed_asked_of_it_by_a_pronoun(market_bot):
    ans = market_bot.ask("青溪市集市管理条例是哪天通过的？它施行后废止了哪个老办法？")
    assert not ans.refused and "2037年4月1日" in ans.text and "集贸市场管理办法" in ans.text


def test_the_article_that_announces_the_kind_of_things_a_list_question_asks_for(market_bot):
    from assistant.extractive import ExtractiveAnswerer
    from vectorstore.hybrid import as_hit

    ans = market_bot.ask("想在青溪市开办集市，需要满足哪些条件？")
    assert not ans.refused and all(w in ans.text for w in ("固定的经营场地", "消防设施", "卫生管理制度"))
    # when the search finds only the article that forbids adding conditions, the one that lists them is read too
    answers = ExtractiveAnswerer(market_bot.searcher, market_bot.embeddings.embed_query,
                                 market_bot.searcher.clause_vectors).clause_answers
    market = next(d for d in market_bot.documents() if d.title == "青溪市集市管理条例")
    found = [as_hit(c) for c in market_bot.searcher.chunks_of(market.doc_id) if "不得另行附加" in c.text]
    question = "青溪市集市管理条例里，开办集市需要满足哪些条件？"
    hits = answers._with_list_lead(question, "list", ["开办", "集市", "条件"], found, scope_of(question, market_bot.documents()))
    assert any("应当具备下列条件" in h.text for h in hits)

