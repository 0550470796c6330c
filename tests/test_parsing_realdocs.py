"""Issue #10: each parser rule on a hand-checked real law, regulation or gov.cn page from tests/data/realdocs/.

Files are loaded through ingest.load_text, so the .html pages go through html_text as in production.
Expected values were read off the texts by hand (README.md in that folder describes each file).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest import Document, chunk_document, load_text, parse_document
from ingest.citation import clause_path, clauses
from ingest.classify import doc_type_of, is_national, issuer_places, level_of, local_region
from ingest.cleaning import clean_lines
from ingest.header import normalize_ling, read_gov_table, split_markdown
from ingest.metadata import issued_title, joined_title, normalize_doc_number
from ingest.numbering import ARTICLES, CHAPTER_PARTS, DECIMAL, PLAN, choose_scheme, drop_toc
from ingest.textutil import int_to_cn, tidy_spaces
from vectorstore.hybrid import section_matches
from vectorstore.scope import DocInfo, Scope, question_doc_numbers, scope_of

REALDOCS = Path(__file__).parent / "data" / "realdocs"

# file: title, 文号, issuer, 成文 date, 发布/公布 date, 施行 date, doc_type, level, region,
#       (chapters, 节, articles) or for 一、/decimal documents (top-level parts, items below them).
# 文号 of the laws and of the 算法推荐 rule are not stated in the files (README marks them *), so None.
TABLE = {
    "law_xingzheng_xuke_fa_2019.md": ("中华人民共和国行政许可法", None, "全国人民代表大会常务委员会", "2019-04-23", None,
                                      "2004-07-01", "法", "national", None, (8, 6, 83)),
    "law_xingzheng_fuyi_fa_2023.md": ("中华人民共和国行政复议法", None, "全国人民代表大会常务委员会", "2023-09-01", None,
                                      "2024-01-01", "法", "national", None, (7, 9, 90)),
    "law_baoshou_guojia_mimi_fa_2024.md": ("中华人民共和国保守国家秘密法", None, "全国人民代表大会常务委员会", "2024-02-27",
                                           None, "2024-05-01", "法", "national", None, (6, 0, 65)),
    "law_dangan_fa_2020.md": ("中华人民共和国档案法", None, "全国人民代表大会常务委员会", "2020-06-20", None, "2021-01-01",
                              "法", "national", None, (8, 0, 53)),
    "law_geren_xinxi_baohu_fa_2021.md": ("中华人民共和国个人信息保护法", None, "全国人民代表大会常务委员会", "2021-08-20",
                                         None, "2021-11-01", "法", "national", None, (8, 3, 74)),
    "law_shuju_anquan_fa_2021.md": ("中华人民共和国数据安全法", None, "全国人民代表大会常务委员会", "2021-06-10", None,
                                    "2021-09-01", "法", "national", None, (7, 0, 55)),
    "reg_youhua_yingshang_huanjing_tiaoli_2019.md": ("优化营商环境条例", "国务院令第722号", "国务院", "2019-10-22",
                                                     "2019-10-22", "2020-01-01", "条例", "national", None, (7, 0, 72)),
    "rule_suanfa_tuijian_guanli_guiding_2021.md": ("互联网信息服务算法推荐管理规定", None, "国家互联网信息办公室",
                                                   "2021-11-16", None, "2022-03-01", "规定", "national", None,
                                                   (6, 0, 35)),
    "rule_scjg_chufa_xinxi_gongshi_guiding_2021.md": ("市场监督管理行政处罚信息公示规定", "国家市场监督管理总局令第45号",
                                                      "国家市场监督管理总局", "2021-07-30", "2021-07-30", "2021-09-01",
                                                      "规定", "national", None, (0, 0, 19)),
    "guobanfa_2018_115_guifanxing_wenjian_hefaxing_shenhe.html": (
        "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见", "国办发〔2018〕115号", "国务院办公厅",
        "2018-12-04", "2018-12-20", None, "意见", "national", None, (4, 12)),
    "guofa_2019_5_shuangsuiji_yigongkai_jianguan.html": (
        "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见", "国发〔2019〕5号", "国务院", "2019-01-27",
        "2019-02-15", None, "意见", "national", None, (4, 10)),
    "guoling_706_zhuanli_daili_tiaoli.html": ("专利代理条例", "国务院令第706号", "国务院", "2018-11-06", "2018-11-19",
                                              "2019-03-01", "条例", "national", None, (5, 0, 32)),
    # Covering notice + the rules it issues: the page is titled by its 标题, the notice's own (as every hand
    # reading and the README of tests/data/realdocs give it); the rules are still its sections.
    # 发布日期 2018-12-03 is what the gov.cn table states (the page's posting date).
    "guofa_2004_18_guowuyuan_gongzuo_guize.txt": ("国务院关于印发《国务院工作规则》的通知", "国发〔2004〕18号", "国务院",
                                                  "2004-06-26", "2018-12-03", None, "通知", "national", None,
                                                  (10, 0, 54)),
    "guofa_2018_41_geshui_zhuanxiang_fujia_kouchu.txt": ("国务院关于印发个人所得税专项附加扣除暂行办法的通知", "国发〔2018〕41号",
                                                         "国务院", "2018-12-13", "2018-12-22", "2019-01-01", "通知",
                                                         "national", None, (9, 0, 32)),
    # 7 top-level headings, 46 headings 1.1 … 6.4.3 below them, 49 （N） items.
    "guobanhan_2005_57_guojia_liangshi_yingji_yuan.txt": ("国务院办公厅关于印发国家粮食应急预案的函", "国办函〔2005〕57号",
                                                          "国务院办公厅", "2005-06-11", "2018-12-03", None, "函",
                                                          "national", None, (7, 95)),
}


@pytest.fixture(scope="module")
def real() -> dict[str, Document]:
    return {name: parse_document(load_text(REALDOCS / name), name) for name in TABLE}


def sec(doc: Document, path: str):
    return next(s for s in doc.sections if s.path == path)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_realdocs_table(real, name):
    d = real[name]
    title, number, issuer, date, published, effective, doc_type, level, region, counts = TABLE[name]
    got = (d.title, d.doc_number, d.issuer, d.date, d.publish_date, d.effective_date, d.doc_type, d.level, d.region)
    assert got == (title, number, issuer, date, published, effective, doc_type, level, region)
    kinds = [s.kind for s in d.sections]
    if len(counts) == 3:
        assert (kinds.count("chapter"), kinds.count("jie"), kinds.count("article")) == counts
    else:
        assert (kinds.count("part"), kinds.count("item")) == counts
    assert "#" not in d.title and all("#" not in s.path for s in d.sections)


def test_articles_are_numbered_in_sequence_and_in_sentence_mentions_are_not_markers(real):
    d = real["law_xingzheng_xuke_fa_2019.md"]
    articles = [s for s in d.sections if s.kind == "article"]
    assert [s.path for s in articles][:3] == ["第一条", "第二条", "第三条"] and articles[-1].path == "第八十三条"
    # 第十三条 starts 「本法第十二条所列事项」: the mention stays inside the article.
    assert sec(d, "第十三条").text.startswith("本法第十二条所列事项，通过下列方式能够予以规范的")
    assert sec(d, "第十七条").text.startswith("除本法第十四条、第十五条规定的外")


def test_article_marker_with_ideographic_or_ascii_space(real):
    gov = sec(real["guoling_706_zhuanli_daili_tiaoli.html"], "第三条")  # 第三条　任何单位… (U+3000)
    md = sec(real["law_dangan_fa_2020.md"], "第三十三条")  # 第三十三条 档案馆… (ASCII space)
    assert gov.text.startswith("任何单位和个人可以自行在国内申请专利")
    assert md.text == ("档案馆应当根据自身条件，为国家机关制定法律、法规、政策和开展有关问题研究，提供支持和便利。\n"
                       "档案馆应当配备研究人员，加强对档案的研究整理，有计划地组织编辑出版档案材料，在不同范围内发行。\n"
                       "档案研究人员研究整理档案，应当遵守档案管理的规定。")


def test_chapters_and_jie_are_sections_with_parents(real):
    d = real["law_geren_xinxi_baohu_fa_2021.md"]
    ch4 = sec(d, "第四章")
    assert (ch4.kind, ch4.heading, ch4.level, ch4.parent) == ("chapter", "个人在个人信息处理活动中的权利", 1, "")
    assert ch4.text == "第四章个人在个人信息处理活动中的权利"
    jie = sec(d, "第二章第三节")
    assert (jie.kind, jie.heading, jie.parent) == ("jie", "国家机关处理个人信息的特别规定", "第二章")
    a33 = sec(d, "第三十三条")
    assert (a33.kind, a33.level, a33.parent) == ("article", 3, "第二章第三节")
    assert a33.headings == ("个人信息处理规则", "第三节 国家机关处理个人信息的特别规定")
    assert sec(d, "第一条").headings == ("总则",) and sec(d, "第一条").parent == "第一章"
    # No chapters: articles sit at the top.
    assert sec(real["rule_scjg_chufa_xinxi_gongshi_guiding_2021.md"], "第五条").parent == ""


def test_article_keeps_one_line_per_kuan_and_xiang(real):
    a13 = sec(real["law_geren_xinxi_baohu_fa_2021.md"], "第十三条")
    lines = a13.text.split("\n")
    assert len(lines) == 9 and lines[0] == "符合下列情形之一的，个人信息处理者方可处理个人信息："
    assert lines[7] == "（七）法律、行政法规规定的其他情形。"
    assert [k for k, _item, _line in clauses(a13.text)] == [1] * 8 + [2]


def test_clause_path_names_kuan_and_xiang(real):
    d = real["law_geren_xinxi_baohu_fa_2021.md"]
    a13, a3, a25 = sec(d, "第十三条"), sec(d, "第三条"), sec(d, "第二十五条")
    assert clause_path(a13, "法律、行政法规规定的其他情形") == "第十三条（七）"
    assert clause_path(a13, "处理个人信息应当取得个人同意，但是有前款第二项至第七项规定情形的") == "第十三条第二款"
    assert clause_path(a13, "符合下列情形之一的") == "第十三条第一款"
    assert clause_path(a3, "分析、评估境内自然人的行为") == "第三条第二款（二）"
    assert clause_path(a3, "在中华人民共和国境内处理自然人个人信息的活动，适用本法。") == "第三条第一款"
    assert clause_path(a25, "个人信息处理者不得公开其处理的个人信息") == "第二十五条"  # one 款 only
    assert clause_path(a13, "这句话不在本条") == "第十三条"
    assert clause_path(sec(d, "第四章"), "个人") == "第四章"
    # 一、-numbered articles (国务院工作规则) are refined by 项 only.
    guize = real["guofa_2004_18_guowuyuan_gongzuo_guize.txt"]
    art = next(s for s in guize.sections if s.kind == "article" and "\n（一）" in s.text)
    assert clause_path(art, art.text.split("\n")[1][3:]) == art.path + "（一）"


def test_markdown_header_title_and_zero_width_space(real):
    d = real["law_xingzheng_fuyi_fa_2023.md"]
    assert d.title == "中华人民共和国行政复议法" and d.text.startswith("中华人民共和国行政复议法\n")
    assert "INFO END" not in d.text and "\u200b" not in d.text and "#" not in d.text
    pre = d.sections[0]
    assert (pre.kind, pre.path, pre.heading) == ("preamble", "", "题注")
    assert pre.text.split("\n")[-1] == "2023年9月1日第十四届全国人民代表大会常务委员会第五次会议修订"
    title, header, body = split_markdown("# 档案法\n\n2020年6月20日 通过\n<!-- INFO END -->\n## 第一章 总则") or ("", [], "")
    assert (title, header, body) == ("档案法", ["2020年6月20日 通过"], "## 第一章 总则")


def test_gov_table_ling_header_and_notice(real):
    lines = [tidy_spaces(ln) for ln in load_text(REALDOCS / "guoling_706_zhuanli_daili_tiaoli.html").splitlines()]
    fields, used = read_gov_table(lines)
    assert used == 5 and fields["发文字号"] == "国令第706号" and fields["标题"] == "专利代理条例"
    d = real["guoling_706_zhuanli_daili_tiaoli.html"]
    notice, preamble = d.sections[0], d.sections[1]
    assert (notice.kind, notice.path) == ("notice", "")
    assert notice.text.startswith("《专利代理条例》已经2018年9月6日国务院第23次常务会议修订通过")
    assert preamble.text.startswith("（1991年3月4日中华人民共和国国务院令第76号发布")
    assert "索引号" not in d.text and "扫一扫" not in d.text


def test_covering_notice_then_issued_document(real):
    d = real["guofa_2018_41_geshui_zhuanxiang_fujia_kouchu.txt"]
    assert d.title == "国务院关于印发个人所得税专项附加扣除暂行办法的通知" and d.notice_title is None
    assert issued_title(d.title) == "个人所得税专项附加扣除暂行办法" and d.doc_type == "通知"
    assert d.sections[0].kind == "notice" and d.sections[0].text == "现将《个人所得税专项附加扣除暂行办法》印发给你们，请认真贯彻执行。"
    assert sec(d, "第一条").parent == "第一章" and sec(d, "第三十二条").text == "本办法自2019年1月1日起施行。"
    guize = real["guofa_2004_18_guowuyuan_gongzuo_guize.txt"]
    assert guize.title == "国务院关于印发《国务院工作规则》的通知"
    assert issued_title("国务院办公厅关于印发国家粮食应急预案的函") == "国家粮食应急预案"


def test_chapters_whose_articles_are_numbered_yi(real):
    d = real["guofa_2004_18_guowuyuan_gongzuo_guize.txt"]
    a12 = sec(d, "十二、")
    assert (a12.kind, a12.parent, a12.heading) == ("article", "第三章", "全面履行政府职能")
    assert a12.text.startswith("国务院及各部门要加快政府职能转变")
    assert sec(d, "五十三、").text.endswith("由国务院办公厅向国务院领导同志报告。")  # its second 款
    assert sec(d, "第十章").heading == "作风纪律"
    assert choose_scheme(["第一章总则", "一、甲。", "二、乙。", "第二章附则", "三、丙。"]) == CHAPTER_PARTS


def test_decimal_numbering_and_table_of_contents(real):
    d = real["guobanhan_2005_57_guojia_liangshi_yingji_yuan.txt"]
    assert "目录" not in d.text and d.text.count("编制目的及依据") == 1
    assert sec(d, "1").heading == "总则" and sec(d, "1.1").parent == "1"
    s = sec(d, "5.1.2")  # written "5.1.2 省级…" with an ASCII space, unlike its neighbours
    assert s.parent == "5.1" and s.text.startswith("省级人民政府必须按照“产区保持三个月销量")
    item = sec(d, "2.1.1（1）")
    assert item.parent == "2.1.1" and item.level == 4
    assert sec(d, "7.3").text == "本预案自印发之日起实施。"
    assert drop_toc(["预案", "目录", "1总则", "2附则", "1总则", "正文。"]) == ["预案", "1总则", "正文。"]


def test_scheme_is_chosen_by_evidence(real):
    def lines(name: str) -> list[str]:
        return [tidy_spaces(ln) for ln in load_text(REALDOCS / name).splitlines() if ln.strip()]

    assert choose_scheme(lines("law_dangan_fa_2020.md")) == ARTICLES
    assert choose_scheme(lines("guofa_2004_18_guowuyuan_gongzuo_guize.txt")) == CHAPTER_PARTS
    assert choose_scheme(drop_toc(lines("guobanhan_2005_57_guojia_liangshi_yingji_yuan.txt"))) == DECIMAL
    assert choose_scheme(lines("guofa_2019_5_shuangsuiji_yigongkai_jianguan.html")) == PLAN


def test_wrapped_and_letter_spaced_titles(real):
    wrapped = ["国务院关于在市场监管领域全面推行", "部门联合“双随机、一公开”监管的意见"]  # split by <br> on the page
    assert joined_title(wrapped, 1) == "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见"
    assert tidy_spaces("国 务 院 工 作 规 则") == "国务院工作规则"
    assert issued_title(real["guofa_2004_18_guowuyuan_gongzuo_guize.txt"].title) == "国务院工作规则"


def test_heading_only_items_own_their_paragraphs(real):
    d = real["guofa_2019_5_shuangsuiji_yigongkai_jianguan.html"]
    item = sec(d, "三、（一）")
    assert item.heading == "统筹建设监管工作平台"
    assert item.text.split("\n")[1].startswith("各省（区、市）人民政府要以国家企业信用信息公示系统")
    assert "各地区、各有关部门要做好相关法规规章" in sec(d, "四、（三）").text
    assert not any(s.kind == "closing" for s in d.sections)


def test_closing_words_and_signature(real):
    d = real["guobanfa_2018_115_guifanxing_wenjian_hefaxing_shenhe.html"]
    closing = d.sections[-1]
    assert closing.kind == "closing" and closing.text.startswith("司法部负责组织协调")
    assert "国务院办公厅" not in closing.text and "2018年12月4日" not in closing.text
    assert sec(d, "二、（三）").parent == "二、" and sec(d, "二、").parent == ""


def test_doc_number_forms():
    assert normalize_doc_number("沪府办发[2019]7号") == "沪府办发〔2019〕7号"
    assert normalize_doc_number("国办函〔2018〕71号") == "国办函〔2018〕71号"
    assert normalize_doc_number("法释〔2011〕17号") == "法释〔2011〕17号"
    assert normalize_doc_number("国令第706号") == "国务院令第706号"
    assert normalize_ling("2019年10月22日 中华人民共和国国务院令第722号公布") == "国务院令第722号"
    assert normalize_ling("中华人民共和国主席令第二十九号") == "主席令第二十九号"
    assert normalize_ling("国家市场监督管理总局令第45号公布") == "国家市场监督管理总局令第45号"


def test_joint_and_year_numbered_orders_name_every_issuer():
    from ingest.header import ling_issuer, promulgation_facts

    facts = promulgation_facts(["2005年3月1日 财政部、国家税务总局、海关总署令第26号发布"])
    assert facts.doc_number == "财政部、国家税务总局、海关总署令第26号"
    assert facts.issuer == "财政部、国家税务总局、海关总署"
    assert normalize_ling("2019年4月3日交通运输部令2019年第1号公布") == "交通运输部令2019年第1号"
    assert ling_issuer("交通运输部令2019年第1号") == "交通运输部"
    assert is_national("财政部、国家税务总局、海关总署", "财政部、国家税务总局、海关总署令第26号")


def test_doc_type_level_and_region_rules():
    assert doc_type_of("个人所得税专项附加扣除暂行办法") == "办法" and doc_type_of("中华人民共和国档案法") == "法"
    assert doc_type_of("国务院办公厅关于印发国家粮食应急预案的函") == "函"
    assert is_national("国家互联网信息办公室", None) and is_national(None, "国务院令第711号")
    assert not is_national("上海市人民政府办公厅", "沪府办发〔2019〕7号")
    assert local_region("广西壮族自治区人民政府") == "广西壮族自治区" and local_region("某某县人民政府") == "某某县"
    assert local_region("国务院办公厅") is None
    assert issuer_places("杭州市西湖区人民政府办公室") == ("西湖区", "杭州市")
    assert issuer_places("内蒙古自治区呼和浩特市人民政府") == ("呼和浩特市", "内蒙古自治区")
    assert issuer_places("浙江省教育厅") == ("浙江省", None) and issuer_places("国务院办公厅") == (None, None)
    assert [level_of(r, False) for r in ("浙江省", "成都市", "静安区", None)] == ["province", "city", "district", None]


def _infos(real: dict[str, Document]) -> list[DocInfo]:
    return [DocInfo(doc_id=d.doc_id, title=d.title, doc_number=d.doc_number, region=d.region, parent_region=None,
                    year=d.year) for d in real.values()]


def test_scope_names_documents_articles_and_numbers(real):
    docs = _infos(real)
    by_title = {d.title: d.doc_id for d in docs}
    s = scope_of("档案法第三十三条第二款讲什么？", docs)
    assert (s.doc_ids, s.article, s.paragraph) == ((by_title["中华人民共和国档案法"],), 33, 2)
    assert scope_of("个人信息保护法第四章的标题是什么", docs).chapter == 4
    assert scope_of("《专利代理条例》第33条", docs).article == 33
    assert scope_of("优化营商环境条例第二章", docs).doc_ids == (by_title["优化营商环境条例"],)
    # a covering notice's page is also called by the title of what it issues
    assert scope_of("国务院工作规则第十二条", docs).doc_ids == (by_title["国务院关于印发《国务院工作规则》的通知"],)
    # 「这个条例」 is no title, but it says the document is a 条例: the 条例 of the library, not its laws
    assert set(scope_of("这个条例第五条是什么", docs).doc_ids or ()) == {by_title["优化营商环境条例"], by_title["专利代理条例"]}
    assert scope_of("条例里关于依申请公开的规定在哪一章", docs).doc_ids == scope_of("这个条例第五条", docs).doc_ids
    assert scope_of("按规定要多久", docs).doc_ids is None  # 规定 is an ordinary word
    assert scope_of("国令第706号规定了什么", docs).doc_ids == (by_title["专利代理条例"],)
    assert scope_of("国发[2019]5号的成文日期", docs).doc_ids == (by_title[TABLE[
        "guofa_2019_5_shuangsuiji_yigongkai_jianguan.html"][0]],)
    missing = scope_of("请问国务院令第711号讲了什么", docs)
    assert missing.doc_ids == () and missing.missing == ("国务院令第711号",)
    # A number the text does not state, next to the law's name: the name decides.
    assert scope_of("行政许可法（主席令第二十九号）第十条", docs).doc_ids == (by_title["中华人民共和国行政许可法"],)
    assert question_doc_numbers("法释〔2011〕17号和主席令第七号") == ("主席令第七号", "法释〔2011〕17号")


def test_section_matches_articles_and_chapters():
    assert section_matches("第三十三条", Scope(article=33))
    assert section_matches("第三十三条第二款", Scope(article=33, paragraph=2))
    assert not section_matches("第三十三条第一款", Scope(article=33, paragraph=2))
    assert not section_matches("第三十条", Scope(article=3)) and not section_matches("第十一条", Scope(article=10))
    assert section_matches("十二、", Scope(article=12))
    assert section_matches("第四章", Scope(chapter=4)) and section_matches("第二十条", Scope(chapter=4), "第四章第一节")
    assert not section_matches("第二十条", Scope(chapter=2), "第二十章")
    assert section_matches("五、（三）", Scope(part=5, item=3))


def test_chunks_carry_structure_and_new_metadata(real):
    d = real["guoling_706_zhuanli_daili_tiaoli.html"]
    chunks = chunk_document(d, max_tokens=400, count=len)
    c = next(c for c in chunks if c.section == "第二十五条")
    assert c.metadata["parent"] == "第四章" and c.metadata["kind"] == "article"
    assert (c.metadata["doc_type"], c.metadata["doc_level"], c.metadata["effective_date"]) == ("条例", "national",
                                                                                               "2019-03-01")
    assert "第二十五条" in c.embed_text and "法律责任" in c.embed_text


def test_plain_text_law_with_tizhu_and_table_of_contents():
    # The real 优化营商环境条例 laid out as a plain .txt page: title, 题注 in brackets, 目录, body.
    title, header, body = split_markdown((REALDOCS / "reg_youhua_yingshang_huanjing_tiaoli_2019.md").read_text()) \
        or ("", [], "")
    body = re.sub(r"(?m)^#+ ", "", body)  # plain text: no Markdown heading marks
    toc = [ln for ln in body.splitlines() if ln.startswith("第") and "章 " in ln[:6]]
    text = "\n".join([title, "（" + "　".join(header) + "）", "目　　录", *toc, body])
    d = parse_document(text, "youhua.txt")
    assert (d.title, d.doc_number, d.issuer, d.date, d.effective_date) == (
        "优化营商环境条例", "国务院令第722号", "国务院", "2019-10-22", "2020-01-01")
    kinds = [s.kind for s in d.sections]
    assert (kinds.count("chapter"), kinds.count("article")) == (7, 72)
    assert d.sections[1].path == "第一章" and "第一章总则\n第二章" not in d.text


def test_chapter_title_on_its_own_line_and_signature_date_at_the_end():
    # Constructed (no real example at hand): 第一章 and its title on separate lines; a plan closed by
    # its signature and date, divided into 第X部分.
    d = parse_document("某某条例\n第一章\n总则\n第一条为了甲，制定本条例。\n第二条乙。\n第三条丙。\n第二章\n附则\n"
                       "第四条本条例自2020年1月1日起施行。\n", "x.txt")
    assert sec(d, "第一章").heading == "总则" and sec(d, "第四条").headings == ("附则",)
    plan = parse_document("某某市2020年工作方案\n为做好工作，制定本方案。\n第一部分总体要求\n一、指导思想\n以某某为指导。\n"
                          "第二部分主要任务\n一、推进公开\n（一）推进决策公开。做好工作。\n某某市人民政府\n2020年3月1日\n",
                          "y.txt")
    assert [s.path for s in plan.sections if s.path] == ["第一部分", "第一部分一、", "第二部分", "第二部分一、",
                                                         "第二部分一、（一）"]
    assert (plan.date, plan.issuer, plan.region, plan.level) == ("2020-03-01", "某某市人民政府", "某某市", "city")
    assert section_matches("第二部分一、（一）", Scope(part=2, item=1))


def test_sections_point_into_text_and_cover_articles_in_order(real):
    for d in real.values():
        for s in d.sections:
            assert s.text.split("\n")[0][:10] in d.text[s.start:s.end], (d.source, s.path)
        starts = [s.start for s in d.sections if s.kind == "article"]
        assert starts == sorted(starts), d.source


def test_clause_path_of_a_later_chunk_counts_from_the_article_start(real):
    from ingest.citation import clause_path_of_text

    d = real["law_geren_xinxi_baohu_fa_2021.md"]
    pieces = [c for c in chunk_document(d, max_tokens=60, count=len) if c.section == "第十三条"]
    assert len(pieces) > 3
    last = pieces[-1]
    m = last.metadata
    assert (m["kuan_first"], m["kuan_count"]) == (2, 2)
    assert clause_path_of_text("第十三条", last.text, "处理个人信息应当取得个人同意", int(m["kuan_first"]),
                               str(m["item_first"]), int(m["kuan_count"])) == "第十三条第二款"
    mid = next(c for c in pieces if c.text.startswith("（五）"))
    mm = mid.metadata
    assert clause_path_of_text("第十三条", mid.text, "为公共利益实施新闻报道", int(mm["kuan_first"]),
                               str(mm["item_first"]), int(mm["kuan_count"])) == "第十三条（五）"


def test_gap_in_article_numbers_and_meeting_bodies():
    # Constructed from real header lines (LawRefBook 司法解释 and 上海市地方性法规): a deleted article leaves
    # a gap; the adopting meeting names the issuer.
    d = parse_document("# 人民法院在线诉讼规则\n\n2021年5月18日 最高人民法院审判委员会第1838次会议通过\n\n"
                       "2021年8月1日 施行\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第二条 乙。\n\n第四条 丙。\n\n"
                       "第五条 丁。\n第六条规定的情形除外。", "fy.md")
    assert [s.path for s in d.sections if s.kind == "article"] == ["第一条", "第二条", "第四条", "第五条"]
    assert sec(d, "第五条").text == "丁。\n第六条规定的情形除外。"
    assert (d.issuer, d.date, d.effective_date, d.level, d.region) == ("最高人民法院", "2021-05-18", "2021-08-01",
                                                                       "national", None)
    sh = parse_document("# 上海市城市更新条例\n\n2021年8月25日 上海市第十五届人民代表大会常务委员会第三十四次会议通过\n\n"
                        "<!-- INFO END -->\n\n## 第一章  总则\n\n第一条 甲。\n\n第二条 乙。\n\n第三条 丙。", "sh.md")
    assert (sh.issuer, sh.region, sh.level) == ("上海市人民代表大会常务委员会", "上海市", "province")  # a 直辖市


def _styled_docx(path: Path, numbered: bool) -> None:
    """A .docx of the real 档案法's first chapters, structure in Word heading styles only."""
    import docx

    _title, _header, body = split_markdown((REALDOCS / "law_dangan_fa_2020.md").read_text()) or ("", [], "")
    d = docx.Document()
    d.add_heading("中华人民共和国档案法", level=0)
    for ln in [x.strip() for x in body.splitlines() if x.strip()]:
        if ln.startswith("## "):
            head = ln[3:].strip()
            d.add_heading(head if numbered else head.split(" ", 1)[-1].strip(), level=1)
        elif ln.startswith("第") and "条 " in ln[:8]:
            d.add_paragraph(ln if numbered else ln.split(" ", 1)[-1])
        else:
            d.add_paragraph(ln)
    d.save(str(path))


def test_docx_heading_styles_make_the_section_tree(tmp_path):
    # Headings without numbers: the styles are the structure, headings are the section titles.
    _styled_docx(tmp_path / "plain.docx", numbered=False)
    d = parse_document(load_text(tmp_path / "plain.docx"), "plain.docx")
    tops = [s for s in d.sections if s.kind == "part"]
    assert d.title == "中华人民共和国档案法" and len(tops) == 8
    assert (tops[0].path, tops[0].heading, tops[-1].heading) == ("「总则」", "总则", "附则")
    assert "#" not in d.text
    # Numbered headings that also carry styles: numbering decides, no double nesting.
    _styled_docx(tmp_path / "numbered.docx", numbered=True)
    n = parse_document(load_text(tmp_path / "numbered.docx"), "numbered.docx")
    kinds = [s.kind for s in n.sections]
    assert (kinds.count("chapter"), kinds.count("article"), kinds.count("part")) == (8, 53, 0)
    assert sec(n, "第一条").parent == "第一章"


def test_part_references_name_decimal_parts(real):
    d = real["guobanhan_2005_57_guojia_liangshi_yingji_yuan.txt"]
    docs = _infos(real)
    for q in ("粮食应急预案第6部分包括哪些内容", "粮食应急预案第六部分包括哪些内容"):
        s = scope_of(q, docs)
        assert s.part == 6
        assert [p.path for p in d.sections if section_matches(p.path, s) and p.level <= 2] == ["6", "6.1", "6.2", "6.3",
                                                                                             "6.4"]
    assert not section_matches("60", Scope(part=6)) and not section_matches("16.1", Scope(part=6))


LAWREFBOOK = Path(__file__).parent / "data" / "lawrefbook"


def test_header_steps_name_the_adopting_body_the_joint_issuers_and_the_dates():
    """Promulgation headers read step by step, on real texts the rules were not written from (SOURCES.md)."""
    def parsed(name: str) -> Document:
        return parse_document(load_text(LAWREFBOOK / name), name)

    # A city's regulation approved by its province: the city adopted it, and its adoption dates it (as three of the
    # four hand readings of local laws in evals/ have it); the approval stays in the header for 「经哪个机关批准」.
    dy = parsed("local_dongying_yangquan_tiaoli_2017.md")
    assert (dy.issuer, dy.region, dy.level, dy.date) == ("东营市人民代表大会常务委员会", "东营市", "city", "2017-08-31")
    assert (dy.doc_type, sum(s.kind == "chapter" for s in dy.sections)) == ("条例", 7)
    # Two bodies adopting one text at two meetings joined by 、, then a 公告 公布 line.
    jd = parsed("jud_jidongche_jieshi_2007.md")
    assert (jd.issuer, jd.level, jd.doc_type) == ("最高人民法院、最高人民检察院", "national", "司法解释")
    assert (jd.date, jd.publish_date, jd.effective_date) == ("2007-05-09", "2007-05-09", "2007-05-11")
    # 「本规定自公布之日起施行」 under a 令 公布 line: effective on the 公布 date.
    nv = parsed("reg_nvzhigong_laodong_baohu_2012.md")
    assert (nv.doc_number, nv.issuer, nv.effective_date) == ("国务院令第619号", "国务院", "2012-04-28")
    # No header lines at all: the bodies the title names issued it, and 「本解释自…起施行」 dates its effect.
    pc = parsed("jud_xingshi_peichang_jieshi_2015.md")
    assert (pc.issuer, pc.level, pc.effective_date) == ("最高人民法院、最高人民检察院", "national", "2016-01-01")
    assert pc.date is None and pc.doc_number is None  # the file states neither: unknown stays empty


def test_the_body_a_meeting_line_says_adopted_a_rule():
    from ingest.classify import title_issuer
    from ingest.header import meeting_issuer

    assert meeting_issuer(["2021年3月1日 经交通运输部第5次部务会议通过"]) == "交通运输部"
    assert meeting_issuer(["经济技术开发区管理委员会第3次主任会议通过"]) == "经济技术开发区管理委员会"
    assert title_issuer("国务院办公厅转发国家地震局关于某事的通知") is None  # who forwards is read elsewhere
    assert title_issuer("关于做好某事的通知") is None


def test_a_doc_number_line_under_a_reflowed_title_and_a_chapter_that_lost_its_number():
    # 法释〔2024〕13号 on its own line under a title cut over two lines is the 文号, not part of the title.
    lines = clean_lines("最高人民法院 最高人民检察院 关于办理拒不执行判决、裁定刑事案件 适用法律若干问题的解释\n"
                        "法释〔2024〕13号\n为依法惩治拒不执行判决、裁定犯罪，现就若干问题解释如下：\n第一条 正文。")
    assert lines[1] == "法释〔2024〕13号"
    # A bare 「法律责任」 between 第五章 and 第七章 is 第六章; a title-like line elsewhere stays text.
    titles = ["总则", "管理", "服务", "监督", "保障", "法律责任", "附则"]
    body = "".join(("法律责任" if n == 6 else f"## 第{int_to_cn(n)}章 {t}") + "\n\n"
                   + "".join(f"第{int_to_cn(2 * n - 2 + a)}条 第{a}项内容。\n\n" for a in (1, 2))
                   for n, t in enumerate(titles, 1))
    d = parse_document("# 某市条例\n\n<!-- INFO END -->\n" + body, "某市条例.md")
    assert [(s.path, s.heading) for s in d.sections if s.kind == "chapter"] == [
        (f"第{int_to_cn(n)}章", t) for n, t in enumerate(titles, 1)]
    assert next(s for s in d.sections if s.path == "第十一条").parent == "第六章"


def test_metadata_of_the_real_documents_against_the_hand_read_values():
    """Regression floor for python -m evals.metadata (the figures in the README); the remaining differences are
    a local law's date (we give the city's adoption, one hand reading gave the province's approval) and the few
    fields of realdocs_c/_d listed there."""
    from evals.metadata import FIELDS, compare

    root = Path(__file__).resolve().parents[1]
    for meta, folder, floor in (("evals/realdocs_meta.json", REALDOCS, 120),
                                # a local law is dated by the city's adoption (3 of 4 hand readings); the 4th
                                # reading of realdocs_c took the province's approval
                                ("evals/realdocs_c_meta.json", root / "evals" / "realdocs_c", 62),
                                ("evals/realdocs_d_meta.json", root / "evals" / "realdocs_d", 53),
                                ("evals/realdocs_e_meta.json", root / "evals" / "realdocs_e", 48),
                                ("evals/realdocs_f_meta.json", root / "evals" / "realdocs_f", 48),
                                ("evals/realdocs_g_meta.json", root / "evals" / "realdocs_g", 56),
                                ("evals/realdocs_h_meta.json", root / "evals" / "realdocs_h", 48),
                                ("evals/realdocs_i_meta.json", root / "evals" / "realdocs_i", 56),
                                ("evals/realdocs_j_meta.json", root / "evals" / "realdocs_j", 48),
                                # a revised 条例 is dated by its latest 修正, a 国务院令 by its 公布: the hand
                                # readings took the adoption dates of these two
                                ("evals/realdocs_k_meta.json", root / "evals" / "realdocs_k", 54),
                                ("evals/realdocs_m_meta.json", root / "evals" / "realdocs_m", 56),
                                # two 行政法规 files carry no header: the hand reading gave 国务院 as their issuer
                                ("evals/realdocs_n_meta.json", root / "evals" / "realdocs_n", 44),
                                # a 规章 amended later is dated by its latest 修改; the hand reading took its 公布
                                ("evals/realdocs_o_meta.json", root / "evals" / "realdocs_o", 55),
                                ("evals/realdocs_p_meta.json", root / "evals" / "realdocs_p", 56),
                                ("evals/realdocs_q_meta.json", root / "evals" / "realdocs_q", 56),
                                # a 司法解释 is dated by its 公告公布; the hand reading took its adoption
                                ("evals/realdocs_r_meta.json", root / "evals" / "realdocs_r", 55),
                                # an amended 条例 is dated by its latest 修订 (the hand reading took its 1983 发布); a
                                # 文号 keeps the 〔〕 of its usual form; the text names no issuer of the 继续盘问规定
                                ("evals/realdocs_s_meta.json", root / "evals" / "realdocs_s", 53),
                                ("evals/realdocs_t_meta.json", root / "evals" / "realdocs_t", 56),
                                # a gov.cn letter is dated by its table's 成文日期 (the hand reading took the signature,
                                # ten days later); an amended 条例 by its latest 修正
                                ("evals/realdocs_u_meta.json", root / "evals" / "realdocs_u", 54),
                                # its hand reading leaves 道路交通事故处理程序规定's issuer empty; we read 公安部 from
                                # the edition of the same title it repeals (公安部令第104号)
                                ("evals/realdocs_v_meta.json", root / "evals" / "realdocs_v", 55),
                                ("evals/realdocs_w_meta.json", root / "evals" / "realdocs_w", 56),
                                # a city's law approved by its province is dated by the city's adoption (most hand
                                # readings); these three readings took the province's approval
                                ("evals/realdocs_x_meta.json", root / "evals" / "realdocs_x", 55),
                                ("evals/realdocs_y_meta.json", root / "evals" / "realdocs_y", 55),
                                ("evals/realdocs_z_meta.json", root / "evals" / "realdocs_z", 55),
                                ("evals/realdocs_aa_meta.json", root / "evals" / "realdocs_aa", 56),
                                # the 两高 解释 and the 韶关 条例 state adoptions only (the hand reading gave no date, we
                                # take the adoption); 青岛's date is the city's adoption, the hand reading took the province's
                                # approval; its export has no 第一章 or 第二章 heading (we count four chapters, the reading six)
                                ("evals/realdocs_ab_meta.json", root / "evals" / "realdocs_ab", 53),
                                # two city laws dated by the province's approval in the hand reading
                                ("evals/realdocs_ac_meta.json", root / "evals" / "realdocs_ac", 54),
                                ("evals/realdocs_ad_meta.json", root / "evals" / "realdocs_ad", 56),
                                # kept out of tuning: measured, its two differences never read
                                ("evals/realdocs_ae_meta.json", root / "evals" / "realdocs_ae", 54),
                                ("evals/realdocs_af_meta.json", root / "evals" / "realdocs_af", 54),
                                ("evals/realdocs_ag_meta.json", root / "evals" / "realdocs_ag", 56),
                                ("evals/realdocs_ah_meta.json", root / "evals" / "realdocs_ah", 54),
                                # a joint order's every issuer (first run 54 of 56)
                                ("evals/realdocs_ai_meta.json", root / "evals" / "realdocs_ai", 56),
                                ("evals/realdocs_aj_meta.json", root / "evals" / "realdocs_aj", 56),
                                # a city's law, amended by a 决定 the province approved: the hand reading dated it by
                                # that approval, we by the city's adoption (as above)
                                ("evals/realdocs_ak_meta.json", root / "evals" / "realdocs_ak", 55),
                                # a rule that names no issuer is its repealed same-titled edition's (公安部令第123号)
                                ("evals/realdocs_al_meta.json", root / "evals" / "realdocs_al", 56),
                                ("evals/realdocs_am_meta.json", root / "evals" / "realdocs_am", 56),
                                # kept out of tuning the stop that wrote it: one difference seen by accident (the class
                                # above, in 机动车登记规定), one not read
                                ("evals/realdocs_an_meta.json", root / "evals" / "realdocs_an", 55),
                                # a rule's issuer from the body that 印发 its repealed same-titled edition (first run 54)
                                ("evals/realdocs_ao_meta.json", root / "evals" / "realdocs_ao", 56),
                                # 漯河市城市绿化条例 dated by the city's adoption, the hand reading by the province's approval
                                ("evals/realdocs_ap_meta.json", root / "evals" / "realdocs_ap", 55),
                                ("evals/realdocs_aq_meta.json", root / "evals" / "realdocs_aq", 56),
                                # 郑州市预防职务犯罪条例 dated by the city's adoption, the hand reading by the province's approval
                                ("evals/realdocs_ar_meta.json", root / "evals" / "realdocs_ar", 55),
                                ("evals/realdocs_as_meta.json", root / "evals" / "realdocs_as", 56),
                                # kept out of tuning the stop that wrote it; read the stop after: the crime-name list's
                                # chapters and 节 now read, the two amendments' changes counted by the hand reading as 条
                                ("evals/realdocs_at_meta.json", root / "evals" / "realdocs_at", 56),
                                # 北京市人民代表大会常务员会 as the text misprints it; two revised 条例 in force 「自发布之日」
                                # dated by their first 发布, which the hand reading leaves empty
                                ("evals/realdocs_au_meta.json", root / "evals" / "realdocs_au", 53),
                                # kept out of tuning (one line seen by accident: the joint 令 class, fixed from realdocs_ax)
                                ("evals/realdocs_av_meta.json", root / "evals" / "realdocs_av", 54),
                                # two city laws dated by the city's adoption, the hand reading by the province's approval
                                ("evals/realdocs_aw_meta.json", root / "evals" / "realdocs_aw", 54),
                                # 焦作's date, the 批准 again (first run 50: a joint 令, 「市十四届人大常委会」, 「自…施行」)
                                ("evals/realdocs_ax_meta.json", root / "evals" / "realdocs_ax", 55)):
        rows = compare(json.loads((root / meta).read_text(encoding="utf-8")), folder)
        assert sum(r.right for r in rows) >= floor, (meta, [r.wrong for r in rows if r.wrong])
        wrong_counts = [(r.stem, r.counts) for r in rows if any(e != g for _k, e, g in r.counts)]
        # realdocs_m's hand reading counts no parts for two notices whose text is what they issue or forward; realdocs_ao's
        # counts the chapter headings its exports print (河南's lost their numbers but 第三章, a 交警 rule's 第一章 heading is
        # missing), we count to the last chapter's number (河南's 法律责任 after 第三章 is 第四章)
        allowed = 0 if "realdocs_meta" in meta else 2 if "realdocs_at" in meta else \
            2 if "realdocs_m_" in meta or "realdocs_ao" in meta else 1
        assert len(wrong_counts) <= allowed, wrong_counts
        assert len(FIELDS) == 8


def test_the_legal_category_beside_the_form_word():
    from ingest.classify import category_of

    assert category_of("条例", "国务院", "国务院令第735号", True) == "行政法规"
    assert category_of("规定", "国家市场监督管理总局", "国家市场监督管理总局令第56号", True) == "部门规章"
    assert category_of("条例", "东营市人民代表大会常务委员会", None, False) == "地方性法规"
    assert category_of("办法", "杭州市人民政府", "杭州市人民政府令第320号", False) == "地方政府规章"
    assert category_of("法", "全国人民代表大会常务委员会", None, True) == "法律"
    assert category_of("司法解释", "最高人民法院、最高人民检察院", "法释〔2007〕11号", True) == "司法解释"
    assert category_of("要点", "上海市人民政府办公厅", "沪府办发〔2019〕7号", False) is None  # a work plan is none
    docs = {p.stem: parse_document(load_text(p), source=p.name) for p in LAWREFBOOK.glob("*.md")}
    assert docs["local_dongying_yangquan_tiaoli_2017"].category == "地方性法规"
    assert docs["jud_jidongche_jieshi_2007"].category == "司法解释"
