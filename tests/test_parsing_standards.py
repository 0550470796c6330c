"""Technical standards saved as Markdown: unnumbered headings (范围, 术语定义 > 轻伤) over decimal-numbered ones
(5.1 颅脑、脊髓 > 5.1.1 重伤一级) and decimal paragraphs (6.1　…) under an unnumbered 附则.

Two real texts: 人体损伤程度鉴定标准 as LawRefBook saves it (tests/data/lawrefbook), and an excerpt of
人体损伤致残程度分级, which the rule was not written from (tests/data/standards; SOURCES.md there says how it was
made). Expected paths were read off the texts by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import Document, chunk_document, load_text, parse_document
from ingest.decimal import continues, decimal_run
from ingest.headings import split_heading_marks, structured_by_headings
from ingest.types import Section

DATA = Path(__file__).parent / "data"
INJURY = Path(__file__).parents[1] / "evals" / "realdocs_d" / "std_injury_degree_assessment_2014.md"  # the eval copy
DISABILITY = DATA / "standards" / "std_zhican_chengdu_fenji_2016_excerpt.md"


def parsed(path: Path) -> Document:
    return parse_document(load_text(path), source=str(path))


def by_path(doc: Document) -> dict[str, Section]:
    return {s.path: s for s in doc.sections}


def test_injury_standard_section_tree_opens_with_headings_then_numbers():
    doc = parsed(INJURY)
    assert [s.path for s in doc.sections[:15]] == [
        "「范围」", "「引用文件」", "「术语定义」", "「术语定义／重伤」", "「术语定义／轻伤」", "「术语定义／轻微伤」",
        "「总则」", "「总则／鉴定原则」", "「总则／鉴定时机」", "「总则／伤病关系处理」", "「程度分级」",
        "5.1", "5.1.1", "5.1.2", "5.1.3",
    ]
    paths = [s.path for s in doc.sections]
    # 12 heading-chain sections, 12 + 59 numbered headings, 19 numbered paragraphs, each once
    assert len(paths) == len(set(paths)) == 102
    numbered = [p for p in paths if not p.startswith("「")]
    assert numbered[:2] == ["5.1", "5.1.1"] and numbered[-1] == "6.19"
    assert [p for p in numbered if p.count(".") == 1 and p.startswith("5.")] == [f"5.{n}" for n in range(1, 13)]


def test_injury_standard_numbered_heading_keeps_its_lettered_items():
    s = by_path(parsed(INJURY))["5.2.2"]
    assert (s.heading, s.headings, s.parent, s.level) == ("重伤二级", ("程度分级", "面部、耳廓", "重伤二级"), "5.2", 3)
    lines = s.text.split("\n")
    assert lines[0] == "重伤二级" and lines[1].startswith("a)面部条状瘢痕（50%以上位于中心区）")
    assert all(ln[:2] in {f"{c})" for c in "abcdefghijklmnopqrs"} for ln in lines[1:])
    assert by_path(parsed(INJURY))["5.2"].heading == "面部、耳廓"


def test_injury_standard_decimal_paragraphs_under_fuze_are_units():
    secs = by_path(parsed(INJURY))
    fuze = [p for p in secs if p.startswith("6.")]
    assert fuze == [f"6.{n}" for n in range(1, 20)]
    s = secs["6.8"]
    assert (s.kind, s.parent, s.headings[0]) == ("item", "「附则」", "附则")
    assert s.text.startswith("本标准所称大血管是指胸主动脉") and "6.9" not in s.text
    assert secs["6.19"].text == "本标准中出现的数字均含本数"


def test_injury_standard_unnumbered_headings_are_cited_by_their_chain():
    s = by_path(parsed(INJURY))["「术语定义／轻微伤」"]
    assert (s.heading, s.headings, s.parent) == ("轻微伤", ("术语定义", "轻微伤"), "「术语定义」")
    assert "轻微损害或者轻微功能障碍" in s.text


def test_chunks_of_a_standard_carry_the_decimal_section():
    chunks = chunk_document(parsed(INJURY))
    found = [c for c in chunks if "单条长度10.0cm以上" in c.text and "面部条状瘢痕" in c.text]
    assert {c.section for c in found} == {"5.2.2"}


def test_disability_standard_not_written_from_gets_the_same_shape():
    """ASCII spaces after the numbers; numbered headings under 术语和定义 and 总则; 1) items; 6.1–6.12."""
    doc = parsed(DISABILITY)
    secs = by_path(doc)
    assert [s.path for s in doc.sections[:8]] == ["「范围」", "「规范性引用文件」", "「术语和定义」", "3.1", "3.2",
                                                 "「总则」", "4.1", "4.2"]
    assert (secs["3.2"].heading, secs["3.2"].parent) == ("残疾", "「术语和定义」")
    s = secs["5.2.2"]
    assert (s.heading, s.headings, s.parent) == ("头面部损伤", ("致残程度分级", "二级", "头面部损伤"), "5.2")
    assert s.text.split("\n")[1:] == ["1)容貌毁损（重度）；", "2)上颌骨或者下颌骨完全缺损；", "3)双眼球缺失或者萎缩；",
                                      "4)双眼盲目5级；",
                                      "5)双侧眼睑严重畸形（或者眼睑重度下垂，遮盖全部瞳孔），伴双眼盲目3级以上。"]
    assert [p for p in secs if p.startswith("6.")] == [f"6.{n}" for n in range(1, 13)]
    assert secs["6.3"].text == "本标准中四肢大关节是指肩、肘、腕、髋、膝、踝等六大关节。"
    assert secs["6.3"].parent == "「附则」"


def test_full_width_and_ascii_spaces_after_the_number_read_alike():
    body = ("# 某标准\n\n<!-- INFO END -->\n\n## 范围\n\n本标准规定了甲。\n\n## 分级\n\n### 5.1{sp}一级\n\n甲乙。\n\n"
            "### 5.2{sp}二级\n\n丙丁。\n\n## 附则\n\n6.1{sp}本标准所称甲是指乙。\n\n6.2{sp}本标准自发布之日起实施。\n")
    trees = [[(s.path, s.heading, s.text) for s in parse_document(body.format(sp=sp), source="x.md").sections]
             for sp in ("\u3000", " ", "")]
    assert trees[0] == trees[1] == trees[2]
    assert [p for p, _h, _t in trees[0]] == ["「范围」", "「分级」", "5.1", "5.2", "「附则」", "6.1", "6.2"]


def test_a_number_out_of_sequence_or_alone_stays_text():
    """「3.1万人」 opening a paragraph is no section; nor is a number that does not continue the run."""
    text = ("# 某规范\n\n<!-- INFO END -->\n\n## 总体情况\n\n3.1万人参加了培训。\n\n## 工作要求\n\n加强领导。\n\n"
            "## 附则\n\n本规范自发布之日起施行。\n")
    doc = parse_document(text, source="y.md")
    assert [s.path for s in doc.sections] == ["「总体情况」", "「工作要求」", "「附则」"]
    assert "3.1万人参加了培训。" in doc.sections[0].text
    lines = ["5.1甲", "正文。", "5.2乙", "7.3丙。", "5.2.1丁"]
    assert decimal_run(lines, 0, len(lines)) == {0: (5, 1), 2: (5, 2), 4: (5, 2, 1)}


@pytest.mark.parametrize("current, number, ok", [
    ((), (5, 1), True), ((), (1,), True), ((), (5, 2), False),
    ((5, 12, 5), (6, 1), True), ((5, 12, 5), (5, 13), True), ((5, 1), (5, 3), False), ((5, 1), (7, 1), False),
    ((3, 2), (4, 1), True), ((6, 18), (6, 19), True),
])
def test_continues(current, number, ok):
    assert continues(current, number) is ok


def test_decimal_headings_count_as_numbered_only_when_the_decimal_scheme_reads_them():
    lines, levels = split_heading_marks(["#标准", "##范围", "正文。", "##分级", "###5.1甲", "###5.2乙", "###5.3丙"])
    assert structured_by_headings(lines, levels) is True
    assert structured_by_headings(lines, levels, decimal_scheme=True) is False


@pytest.mark.slow
def test_an_answer_from_a_standard_cites_the_decimal_section(tmp_path):
    """End to end (real embedder, real Chroma): the question is answered from 6.8 and cites 「6.8」."""
    from assistant import Assistant, Settings

    folder = tmp_path / "std"
    folder.mkdir()
    (folder / INJURY.name).write_bytes(INJURY.read_bytes())
    bot = Assistant(Settings(chroma_path=str(tmp_path / "db"), corpus_dirs=(str(folder),)))
    answer = bot.ask("人体损伤程度鉴定标准所称的大血管是指哪些血管？")
    assert not answer.refused and "胸主动脉" in answer.text
    assert answer.citations[0].section == "6.8"
    assert answer.citations[0].label == "《人体损伤程度鉴定标准》6.8"
