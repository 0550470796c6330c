"""Real-world ingestion: docx / pdf / html / GBK files the tests create, crash consistency, Chroma server
mode, and concurrent questions."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.ingestion import stored_versions
from ingest import load_text, parse_document
from ingest.formats import repair_pdf_lines
from tests.chroma_server import chroma_server

ROOT = Path(__file__).resolve().parent.parent
DOC_LINES = ["2030年测试市政务公开工作要点", "一、总体要求", "（一）推进海绵城市信息公开。年内公开雨水花园456处。（牵头单位:市测试局）",
             "（二）推进地铁票价信息公开。每季度公布一次票价调整情况。（牵头单位:市交通局）"]


def make_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading(DOC_LINES[0], level=1)
    d.add_heading(DOC_LINES[1], level=2)
    for line in DOC_LINES[2:]:
        d.add_paragraph(line)
    d.add_paragraph("附件：任务分解表")
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate([["序号", "目标和任务", "牵头单位", "完成时限"],
                             ["1", "公开雨水花园建设情况", "市测试局", "上半年"],
                             ["2", "公开地铁票价调整情况", "市交通局", "三季度"]]):
        for c, val in enumerate(row):
            t.cell(r, c).text = val
    d.save(str(path))


def make_pdf(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    lines = [DOC_LINES[0], DOC_LINES[1], "（一）推进海绵城市信息公开。年内公开雨水花", "园456处。（牵头单位:市测试局）",
             "（二）推进地铁票价信息公开。每季度公布一次票", "价调整情况。（牵头单位:市交通局）", "- 1 -"]
    for i, line in enumerate(lines):
        c.drawString(50, 800 - 20 * i, line)
    c.showPage()
    c.save()


HTML = """<html><head><title>门户网站</title><script>var x = "<b>忽略</b>";</script><style>p{}</style></head>
<body><div class="nav-menu"><a href="/">首页</a> | <a href="/x">政务公开</a></div><header>网站头部</header>
<div class="content"><h1>2030年测试市政务公开工作要点</h1><p>一、总体要求</p>
<p>（一）推进海绵城市信息公开。年内公开雨水花园456处。（牵头单位:市测试局）</p>
<p>（二）推进地铁票价信息公开。每季度公布一次票价调整情况。（牵头单位:市交通局）</p></div>
<footer class="footer">版权所有 © 测试市人民政府 网站标识码</footer></body></html>"""


def test_docx_headings_paragraphs_and_tables(tmp_path):
    make_docx(tmp_path / "a.docx")
    doc = parse_document(load_text(tmp_path / "a.docx"), "a.docx")
    assert doc.title == "2030年测试市政务公开工作要点" and doc.region == "测试市"
    paths = [s.path for s in doc.sections]
    assert "一、（一）" in paths and "一、（二）" in paths
    rows = [s for s in doc.sections if s.kind == "appendix_row"]
    assert [(r.row_number, r.lead, r.deadline) for r in rows] == [(1, "市测试局", "上半年"), (2, "市交通局", "三季度")]


def test_pdf_text_layer_with_wrapped_lines_repaired(tmp_path):
    make_pdf(tmp_path / "a.pdf")
    doc = parse_document(load_text(tmp_path / "a.pdf"), "a.pdf")
    item = next(s for s in doc.sections if s.path == "一、（一）")
    assert "年内公开雨水花园456处" in item.text and item.lead == "市测试局"
    assert "- 1 -" not in doc.text
    assert repair_pdf_lines(["标题", "甲乙丙丁戊己庚辛", "壬癸。"]) == ["标题", "甲乙丙丁戊己庚辛壬癸。"]


def test_html_boilerplate_is_stripped(tmp_path):
    (tmp_path / "a.html").write_text(HTML, encoding="utf-8")
    text = load_text(tmp_path / "a.html")
    assert "网站头部" not in text and "版权所有" not in text and "首页" not in text and "忽略" not in text
    doc = parse_document(text, "a.html")
    assert doc.title == "2030年测试市政务公开工作要点"
    assert next(s for s in doc.sections if s.path == "一、（二）").lead == "市交通局"


def test_all_formats_ingest_and_bad_files_are_reported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    make_docx(folder / "w.docx")
    make_pdf(folder / "p.pdf")
    (folder / "h.html").write_text(HTML, encoding="utf-8")
    (folder / "g.txt").write_bytes("\n".join(DOC_LINES).replace("测试市", "甘肃测试县").encode("gbk"))
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "empty.md").write_text("   ", encoding="utf-8")
    bot = Assistant(Settings(chroma_path=str(tmp_path / "db"), index_bundled_corpus=False))
    report = bot.ingest([folder])
    assert report.added == 4
    reasons = dict(report.skipped)
    assert "损坏" in reasons[str(folder / "broken.docx")] and "损坏" in reasons[str(folder / "broken.pdf")]
    assert "空文件" in reasons[str(folder / "empty.md")]
    ans = bot.ask("甘肃测试县年内公开雨水花园多少处？")
    assert "456处" in ans.text and ans.citations[0].doc_id == "g"


def test_kill_9_during_ingest_then_rerun_leaves_a_consistent_index(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    items = "\n".join(f"（{n}）推进第{i}项测试工作公开。年内完成任务{i}件。（牵头单位:市测试局）"
                      for i, n in enumerate("一二三四五六七八九十", 1))
    for d in range(3):
        parts = "\n".join(f"{p}、第{p}部分\n{items}" for p in "一二三四")
        (folder / f"doc{d}.txt").write_text(f"2030年测试{d}市政务公开工作要点\n{parts}\n", encoding="utf-8")
    env = {**os.environ, "CHROMA_PATH": str(tmp_path / "db"), "CHROMA_WRITE_BATCH": "4", "INDEX_BUNDLED_CORPUS": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "ingest", "-v", str(folder)], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = ""
    deadline = time.time() + 180
    while time.time() < deadline:  # kill as soon as the second document is part-written
        line = proc.stderr.readline()
        seen += line
        if "stored 8/" in line and "doc1" in line:
            os.kill(proc.pid, signal.SIGKILL)
            break
        if not line and proc.poll() is not None:
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, seen
    bot = Assistant(Settings(chroma_path=str(tmp_path / "db"), index_bundled_corpus=False))
    assert stored_versions(bot.store).get("doc1") == ""  # the half-written document is seen as such
    report = bot.ingest([folder])
    assert report.added + report.updated + report.unchanged == 3
    versions = stored_versions(bot.store)
    assert set(versions) == {"doc0", "doc1", "doc2"} and all(versions.values())
    chunks = bot.store.all_chunks()
    assert len(chunks) == len({c.chunk_id for c in chunks}) == sum(
        {str(c.metadata["doc_id"]): int(c.metadata["doc_chunks"]) for c in chunks}.values())
    again = bot.ingest([folder])
    assert again.unchanged == 3 and again.chunks == 0


@pytest.mark.server
def test_chroma_server_mode(tmp_path):
    with chroma_server(tmp_path) as (port, _server):
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "a.txt").write_text("\n".join(DOC_LINES), encoding="utf-8")
        bot = Assistant(Settings(chroma_host="127.0.0.1", chroma_port=port, index_bundled_corpus=False))
        assert bot.ingest([folder]).added == 1
        ans = bot.ask("测试市推进地铁票价信息公开的牵头单位是哪个？")
        assert "市交通局" in ans.text and ans.citations[0].section == "一、（二）"
        # A second client (another machine in production) sees the same index, keyword index included.
        other = Assistant(Settings(chroma_host="127.0.0.1", chroma_port=port, index_bundled_corpus=False))
        assert [h.section for h in other.retrieve("雨水花园", k=1)] == ["一、（一）"]
        # When one client ingests, the other's keyword index catches up (it rechecks the store's size).
        (folder / "b.txt").write_text("2031年第二市政务公开工作要点\n一、总体要求\n（一）推进潮汐车道信息公开。年内公开潮汐车道12条。\n",
                                      encoding="utf-8")
        bot.ingest([folder / "b.txt"])
        other.searcher.recheck_s = 0.0
        assert "12条" in other.ask("第二市年内公开潮汐车道多少条？").text
    with pytest.raises(Exception, match="无法连接向量库|向量库操作失败"):
        Assistant(Settings(chroma_host="127.0.0.1", chroma_port=port, index_bundled_corpus=False)).retrieve("雨水花园")


def test_concurrent_questions_and_ingest_while_answering(bot, tmp_path):
    questions = ["2019年上海市政务公开工作要点的文号是什么？", "成都市推进环境保护信息公开的牵头单位是哪个？",
                 "静安区要求政务公开工作在绩效考核中的分值权重不低于多少？", "上海市2019年的最低工资标准是多少？"]
    expected = {q: bot.ask(q).text for q in questions}
    doc = tmp_path / "并发测试.txt"
    doc.write_text("\n".join(DOC_LINES).replace("测试市", "并发测试市"), encoding="utf-8")
    errors: list[BaseException] = []

    def ingest() -> None:
        try:
            bot.ingest([doc])
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    writer = threading.Thread(target=ingest)
    writer.start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda q: (q, bot.ask(q).text), questions * 10))
    writer.join(timeout=120)
    assert not errors
    assert all(text == expected[q] for q, text in answers)
    assert "456处" in bot.ask("并发测试市年内公开雨水花园多少处？").text
    bot.delete("并发测试")
