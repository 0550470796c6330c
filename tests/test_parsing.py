"""Each parsing rule on a hand-checked real example from the bundled corpus."""

from __future__ import annotations

from ingest.cleaning import is_junk, repair_broken_lines, split_glued_headings
from ingest.structure import extract_lead, item_heading
from ingest.textutil import (
    cn_date_to_iso,
    cn_to_int,
    int_to_cn,
    normalize_brackets,
    split_sentences,
    tidy_spaces,
)


def paths(doc):
    return [s.path for s in doc.sections]


def section(doc, path):
    return next(s for s in doc.sections if s.path == path)


def test_text_helpers():
    assert cn_to_int("十三") == 13 and cn_to_int("二十三") == 23 and cn_to_int("七") == 7
    assert all(cn_to_int(int_to_cn(n)) == n for n in range(1, 100))
    assert cn_date_to_iso("二○一二年七月九日") == "2012-07-09"
    assert cn_date_to_iso("2013年12月10日") == "2013-12-10"
    assert tidy_spaces("　　关于印发 《2019年上海市政务公开工作要点》的通知") == "关于印发《2019年上海市政务公开工作要点》的通知"
    assert tidy_spaces("序号\t目标和任务") == "序号\t目标和任务"
    assert normalize_brackets("(三)") == "（三）"
    assert split_sentences("甲。乙；丙") == ["甲。", "乙；", "丙"]


def test_doc_metadata_shanghai_2019(docs):
    d = docs["sh2019"]
    assert d.title == "2019年上海市政务公开工作要点"
    assert d.doc_number == "沪府办发〔2019〕7号"
    assert d.issuer == "上海市人民政府办公厅"
    assert d.date == "2019-03-05" and d.print_date == "2019-03-08"
    assert (d.region, d.year) == ("上海市", 2019)
    assert d.notice_title == "上海市人民政府办公厅关于印发《2019年上海市政务公开工作要点》的通知"


def test_doc_number_glued_to_title_line_chengdu(docs):
    d = docs["cd2013"]
    assert d.doc_number == "成办发〔2013〕56号"
    assert d.title == "当前政府信息公开重点工作安排"
    assert d.issuer == "成都市人民政府办公厅" and d.region == "成都市" and d.date == "2013-12-10"


def test_chinese_numeral_date_and_broken_notice_title_2012(docs):
    d = docs["sh2012"]
    assert d.date == "2012-07-09"
    assert d.notice_title == "上海市人民政府办公厅关于转发市政务公开办制订的《2012年上海市政务公开和政务服务工作要点》的通知"


def test_body_reference_is_not_the_doc_number(docs):
    # 国办发〔2013〕73号 is cited in the preamble; the document's own number is on line 2.
    assert docs["sh2013"].doc_number == "沪府办发〔2013〕45号"
    assert docs["sh2013"].title == "本市当前政府信息公开重点工作安排"


def test_document_without_title_line_number_or_date(docs):
    d = docs["ja2017"]
    assert d.title == "2017年静安区政务公开工作要点"
    assert d.doc_number is None and d.date is None and d.issuer is None
    assert (d.region, d.parent_region, d.year) == ("静安区", "上海市", 2017)


def test_heading_glued_to_previous_paragraph_is_split(docs):
    d = docs["sh2012"]
    assert section(d, "三、（三）").text.endswith("坚决纠正违反《政府信息公开条例》的行为。")
    assert section(d, "四、").heading == "推进财政信息公开"
    assert "四、（一）" in paths(d)
    lines = split_glued_headings(["三、甲", "坚决纠正违法行为。四、推进财政信息公开"])
    assert lines == ["三、甲", "坚决纠正违法行为。", "四、推进财政信息公开"]
    # Only the expected next number is split off: "十、" in running text stays.
    assert split_glued_headings(["一、甲", "见第十、十一条。"]) == ["一、甲", "见第十、十一条。"]


def test_lines_broken_mid_sentence_are_joined(docs):
    d = docs["sh2019"]
    assert "涉及人民群众切身利益、需要社会广泛知晓的决策事项" in section(d, "一、（一）").text
    assert "按照“谁执法谁公示”的原则" in section(d, "一、（三）").text
    assert "加快推进政府门户网站政务公开专栏改版升级" in section(d, "五、（二）").text
    assert "《上海市推进社会公益事业建设领域政府信息公开工作实施方案》" in section(d, "二、（五）").text
    # A heading line is never glued to what follows it.
    assert repair_broken_lines(["一、全面推进“五公开”", "推进决策公开"]) == ["一、全面推进“五公开”", "推进决策公开"]


def test_numbering_runs_on_across_parts(docs):
    d = docs["sh2013"]
    assert "二、（十三）" in paths(d) and "四、（二十三）" in paths(d)
    assert section(d, "二、（十三）").heading == "规范依申请公开办理工作"


def test_half_width_brackets_are_cited_full_width(docs):
    d = docs["cd2013"]
    assert "一、（六）" in paths(d)
    assert not any("(" in p for p in paths(d))


def test_free_paragraph_after_item_belongs_to_part(docs):
    d = docs["sh2013"]
    assert "各级政府和部门在着力推进上述重点工作的同时" in section(d, "一、").text
    assert "各级政府和部门" not in section(d, "一、（十二）").text


def test_preamble_notice_and_closing(docs):
    d = docs["sh2019"]
    kinds = {s.kind: s for s in d.sections}
    assert kinds["preamble"].path == "" and kinds["preamble"].text.startswith("2019年本市政务公开工作的总体要求是")
    assert kinds["notice"].text.startswith("经市政府同意")
    assert kinds["closing"].path == "" and "30日内" in kinds["closing"].text
    assert "30日内" not in section(d, "六、（三）").text


def test_page_junk_removed(docs):
    assert "扫描二维码" not in docs["cd2013"].text
    assert "抄送" not in docs["sh2019"].text and "此件公开发布" not in docs["sh2019"].text
    assert is_junk("扫描二维码 关注我们") and is_junk("- 3 -") and not is_junk("（一）推进决策公开。")


def test_appendix_rows(docs):
    rows = [s for s in docs["sh2019"].sections if s.kind == "appendix_row"]
    assert [r.row_number for r in rows] == list(range(1, 43))  # repeated header rows are not rows
    r5 = rows[4]
    assert r5.path == "附件（序号5）"
    assert r5.lead == "市政府办公厅、市大数据中心" and r5.deadline == "全年"
    assert r5.heading == "2019年上海市政务公开工作要点任务分解表"
    assert rows[36].deadline == "12月底" and "4000个" in rows[36].text


def test_lead_units_in_both_house_styles(docs):
    assert extract_lead("…。（市审改办牵头，各相关部门、各区县政府负责）") == "市审改办"
    assert extract_lead("…。(牵头单位:市环保局;责任单位:各区(市)县政府)") == "市环保局"
    assert extract_lead("…。(牵头部门:区府办、区监察局)") == "区府办、区监察局"
    assert extract_lead("…。（各部门、各区县政府负责）") is None
    assert section(docs["sh2013"], "一、（九）").lead == "市教委、市民政局、市卫生计生委、市科委、市文广影视局、市国资委"
    assert section(docs["ja2017"], "一、（四）").lead == "区国资委"


def test_item_headings(docs):
    assert item_heading("继续扩大数据开放。出台《办法》。") == "继续扩大数据开放"
    assert section(docs["sh2019"], "五、（三）").heading == "继续扩大数据开放"
    # 2012 items have no short heading sentence.
    assert section(docs["sh2012"], "一、（一）").heading == ""


def test_offsets_point_into_document_text(docs):
    for d in docs.values():
        for s in d.sections:
            if s.kind in ("item", "part"):
                first_line = s.text.split("\n")[0]
                assert first_line[:10] in d.text[s.start:s.end], (d.doc_id, s.path)


def test_recipients_of_the_covering_notice(docs):
    # 主送 on its own line, on a line the extraction glued to the header (成都), and without 各 (静安).
    assert docs["sh2019"].recipients == "各区人民政府,市政府各委、办、局"
    assert docs["cd2013"].recipients == "各区(市)县政府,市政府各部门,有关单位"
    assert docs["ja2017"].recipients == "区政府各委、办、局,各街道办事处、彭浦镇政府"
