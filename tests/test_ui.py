"""The page's pure parts, without a server: rendering, turns, tasks, relevance, export, history, library."""

from __future__ import annotations

import csv
import json
import re
from types import SimpleNamespace

from assistant import Answer, Citation
from assistant.webui import history as hist
from assistant.webui.chat import (
    ChatActions,
    append_feedback,
    feedback_record,
    question_problem,
    stream_pieces,
)
from assistant.webui.export import turns_docx, turns_markdown
from assistant.webui.library import (
    check_upload,
    doc_choices,
    filtered_doc_ids,
    library_rows,
    section_tree_html,
)
from assistant.webui.relevance import Relevance, meaning_level, relevance, why_text
from assistant.webui.render import answer_body_html, highlight, link_markers, transcript_html
from assistant.webui.tasks import filter_tasks, tasks_from_chunks, write_csv, write_xlsx
from assistant.webui.turns import chat_history, filter_note, turn_from_answer
from vectorstore.scope import DocInfo
from vectorstore.store import StoredChunk
from vectorstore.types import Hit

CITE = Citation(marker=1, doc_id="d", doc_title="2019年上海市政务公开工作要点", doc_number="沪府办发〔2019〕7号",
                section="六、（一）", quote="且分值不低于4分。", heading="强化组织保障和工作监督",
                section_text="各单位要将政务公开纳入绩效考核范围,且分值不低于4分。<script>alert(1)</script>")
ANS = Answer(question="q", text="根据《要点》六、（一）：且分值不低于4分。[1]", refused=False, citations=(CITE,))


def test_answer_html_links_markers_escapes_and_keeps_copy_text_plain():
    turn = turn_from_answer("问<b>", ANS)
    page = transcript_html([turn])
    assert '<a class="cite" href="#t0-c1" data-turn="0" data-marker="1">[1]</a>' in page
    assert 'id="t0-c1"' in page and page.index('id="turn-0"') < page.index('id="t0-c1"')
    assert "<script>" not in page and "&lt;script&gt;" in page and "问&lt;b&gt;" in page
    copy = re.search(r'data-copy="([^"]*)"', page)
    assert copy and copy.group(1) == ANS.text  # plain: no \[1\], no &amp;lt;
    labels = re.findall(r'aria-label="([^"]*)"', page)
    assert labels and not any("\\[" in x or "&amp;" in x for x in labels)
    assert link_markers("甲[2]", 0, {1}) == "甲[2]"  # a marker without a card stays text


def test_list_answers_render_as_lists_with_citations():
    html = answer_body_html("要求：\n- 甲[1]\n- 乙<i>", 3, {1})
    assert html == ('<p>要求：</p><ul><li>甲<a class="cite" href="#t3-c1" data-turn="3" data-marker="1">[1]</a></li>'
                    "<li>乙&lt;i&gt;</li></ul>")


def test_refusal_under_a_filter_names_the_filter():
    refusal = Answer(question="q", text="根据现有文件未找到能回答该问题的内容。", refused=True)
    t = turn_from_answer("成都市环境保护信息公开的牵头单位？", refusal, filter_note(["上海市"], ["2019"]))
    page = transcript_html([t])
    assert "在当前筛选（地区：上海市；年份：2019年）范围内" in page and "取消" in page
    assert "现有文件中" in transcript_html([turn_from_answer("q", refusal, "")])


def test_cards_and_highlight():
    assert highlight("甲<乙>。丙。", "丙。") == "甲&lt;乙&gt;。<mark>丙。</mark>"
    page = transcript_html([turn_from_answer("q", ANS)])
    assert "[1] 《2019年上海市政务公开工作要点》（沪府办发〔2019〕7号）六、（一）" in page
    assert '<span class="section-path">六、（一）</span>' in page and "<mark>且分值不低于4分。</mark>" in page
    assert 'data-action="wrong" data-turn="0" data-marker="1"' in page


def test_questions_are_checked_before_they_become_bubbles():
    assert question_problem("  ") == "请输入问题。"
    assert "问题太长（3000 字）" in (question_problem("问" * 3000) or "")
    assert question_problem("文号是什么？") is None
    chat = ChatActions(SimpleNamespace(settings=None))
    steps = list(chat.respond("问" * 3000, [], [], []))
    assert len(steps) == 1 and steps[0][0] == "问" * 3000 and "问题太长" in steps[0][3] and steps[0][1] == []
    assert list(stream_pieces("abcde", 2)) == ["ab", "abcd", "abcde"]


def test_history_comes_from_the_turns_shown():
    turns = [turn_from_answer("甲？", ANS)]
    assert chat_history(turns) == [{"role": "user", "content": "甲？"}, {"role": "assistant", "content": ANS.text}]
    assert chat_history([]) == []


def test_feedback_names_the_answer_and_the_citation(tmp_path):
    turns = [turn_from_answer("问一", ANS), turn_from_answer("问二", ANS)]
    chat = ChatActions(SimpleNamespace(settings=SimpleNamespace(feedback_path=str(tmp_path / "fb.jsonl"))))
    assert "第 1 个回答的引用[1]有误" in chat.feedback(turns, "wrong", 0, 1)
    assert "👎" in chat.feedback(turns, "down", 1, None)
    assert chat.feedback(turns, "up", 5, None) == "找不到这条回答。"
    rows = [json.loads(x) for x in (tmp_path / "fb.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["question"] == "问一" and rows[0]["wrong_marker"] == 1 and "六、（一）" in rows[0]["wrong_citation"]
    assert rows[1]["rating"] == "👎" and rows[1]["question"] == "问二"
    append_feedback(tmp_path / "x" / "f.jsonl", feedback_record(turns[0], "👍"))
    assert (tmp_path / "x" / "f.jsonl").exists()


def test_relevance_is_readable():
    hit = Hit(chunk_id="c", doc_id="d", text="将政务公开纳入绩效考核范围", doc_title="T", doc_number=None,
              section="一、", heading="h", score=0.03, dense_score=0.92)
    r = relevance(["绩效考核", "分值"], hit)
    assert r == Relevance(score=75, level="高", terms=("绩效考核",), meaning="高")
    assert why_text(r) == "相关度 75（高）：共同词语「绩效考核」；语义相近程度：高"
    assert meaning_level(0.5) == (0.0, "低")


DOCS = [DocInfo("a", "甲", None, "静安区", "上海市", 2017, None, "a.txt", 30, 33),
        DocInfo("b", "乙", "成办发〔2013〕56号", "成都市", None, 2013, "2013-12-10", "b.txt", 20, 24)]


def test_library_rows_choices_and_filters(tmp_path):
    assert library_rows(DOCS)[0] == ["乙", "成办发〔2013〕56号", "2013-12-10", "成都市", 20, 24, "b"]
    assert doc_choices(DOCS) == [("《乙》（成办发〔2013〕56号）", "b"), ("《甲》", "a")]
    assert filtered_doc_ids(DOCS, ["上海市"], []) == ["a"]  # a district counts under its city
    assert filtered_doc_ids(DOCS, [], ["2013"]) == ["b"] and filtered_doc_ids(DOCS, [], []) is None
    (tmp_path / "a.exe").write_bytes(b"x")
    (tmp_path / "big.txt").write_bytes(b"x" * (2 * 1024 * 1024))
    assert "不支持的文件类型" in (check_upload(tmp_path / "a.exe", 1) or "")
    assert "文件过大" in (check_upload(tmp_path / "big.txt", 1) or "")


def _chunk(section: str, kind: str, text: str, level: int, **meta: object) -> StoredChunk:
    return StoredChunk(chunk_id=section + kind, text=text, metadata={
        "doc_id": "d", "title": "2019年上海市政务公开工作要点", "doc_number": "沪府办发〔2019〕7号", "year": 2019,
        "region": "上海市", "section": section, "kind": kind, "level": level, **meta})


CHUNKS = [
    _chunk("一、", "part", "一、全面推进“五公开”", 1, heading="全面推进“五公开”"),
    _chunk("一、（一）", "item", "推进行政职权信息公开。…（牵头单位:市政府法制办;责任单位:各区(市)县政府）", 2,
           heading="推进行政职权信息公开", lead="市政府法制办"),
    _chunk("附件（序号1）", "appendix_row", "1 制定决策目录<script>。（牵头单位：市政府办公厅、市司法局；完成时限：上半年）",
           9, heading="任务分解表", lead="市政府办公厅、市司法局", deadline="上半年"),
]


def test_document_view_is_a_collapsible_tree():
    tree = section_tree_html(CHUNKS)
    assert tree.startswith('<details class="node part"><summary>一、 全面推进“五公开”</summary>')
    assert tree.index("推进行政职权信息公开</summary>") < tree.index("附件</summary>")
    assert "<script>" not in tree and tree.count("<details") == tree.count("</details>") == 4


def test_tasks_from_leads_and_appendix_rows(tmp_path):
    tasks = tasks_from_chunks(CHUNKS)
    assert [(t.task, t.lead, t.responsible, t.deadline) for t in tasks] == [
        ("推进行政职权信息公开", "市政府法制办", "各区(市)县政府", "（未载明）"),
        ("制定决策目录<script>。", "市政府办公厅、市司法局", "", "上半年")]
    assert tasks[1].citation == "《2019年上海市政务公开工作要点》（沪府办发〔2019〕7号）附件（序号1）"
    assert [t.task for t in filter_tasks(tasks, unit="司法局")] == ["制定决策目录<script>。"]
    assert [t.deadline for t in filter_tasks(tasks, sort="完成时限")] == ["上半年", "（未载明）"]
    assert filter_tasks(tasks, year="2013") == []
    rows = list(csv.reader(write_csv(tasks, tmp_path / "t.csv").open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["文件", "年份", "地区"] and rows[2][5] == "市政府办公厅、市司法局"
    from openpyxl import load_workbook

    ws = load_workbook(write_xlsx(tasks, tmp_path / "t.xlsx")).active
    assert ws["E2"].value == "推进行政职权信息公开" and ws["H3"].value == "上半年"


def test_export_markdown_and_docx_cite_formally(tmp_path):
    turns = [turn_from_answer("分值不低于多少？", ANS)]
    md = turns_markdown(turns)
    assert "## 问题 1：分值不低于多少？" in md
    assert "[1] 《2019年上海市政务公开工作要点》（沪府办发〔2019〕7号）六、（一）：“且分值不低于4分。”" in md.replace("\\", "")
    from docx import Document

    text = "\n".join(p.text for p in Document(str(turns_docx(turns, tmp_path / "a.docx"))).paragraphs)
    assert "《2019年上海市政务公开工作要点》（沪府办发〔2019〕7号）六、（一）：“且分值不低于4分。”" in text


def test_past_chats_saved_reopened_deleted(tmp_path):
    turns = [turn_from_answer("第一个问题？", ANS)]
    chats = hist.upsert_chat([], "c1", turns)
    chats = hist.upsert_chat(chats, "c2", [turn_from_answer("第二个问题？", ANS)])
    assert [c["id"] for c in chats] == ["c2", "c1"] and hist.upsert_chat(chats, "c3", []) == chats
    assert hist.find_chat(chats, "c1")["turns"] == turns  # type: ignore[index]
    assert [c["id"] for c in hist.delete_chat(chats, "c2")] == ["c1"]
    assert hist.chat_choices(chats)[0][1] == "c2" and "第二个问题？" in hist.chat_choices(chats)[0][0]
    assert hist.browser_secret(tmp_path) == hist.browser_secret(tmp_path)


def test_law_tree_nests_articles_under_chapters_and_sections():
    chunks = [_chunk("第一章", "chapter", "第一章 总则", 1, heading="总则"),
              _chunk("第一条", "article", "为了规范……制定本法。", 3),
              _chunk("第二章", "chapter", "第二章 公开", 1, heading="公开"),
              _chunk("第二章第一节", "jie", "第一节 主动公开", 2, heading="主动公开"),
              _chunk("第二条", "article", "行政机关应当主动公开。", 3)]
    tree = section_tree_html(chunks)
    first, second = tree.split("第二章 公开</summary>")
    assert "第一条" in first and "第二条" in second and "第一节" in second
    assert second.index("第一节") < second.index("第二条") and tree.count("<details") == tree.count("</details>") == 5
