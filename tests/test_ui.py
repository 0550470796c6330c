"""The UI: pure rendering functions without a server, then the real app in a real headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import Answer, Citation
from ui import (
    answer_markdown,
    append_feedback,
    check_upload,
    escape_md,
    feedback_record,
    filtered_doc_ids,
    highlight,
    library_rows,
    source_cards_html,
    sources_panel_html,
    stream_pieces,
)
from vectorstore.scope import DocInfo
from vectorstore.types import Hit

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"

CITE = Citation(marker=1, doc_id="d", doc_title="2019年上海市政务公开工作要点", doc_number="沪府办发〔2019〕7号",
                section="六、（一）", quote="且分值不低于4分。", heading="强化组织保障和工作监督",
                section_text="各单位要将政务公开纳入绩效考核范围,且分值不低于4分。<script>alert(1)</script>")
ANS = Answer(question="q", text="根据《要点》六、（一）：且分值不低于4分。[1]", refused=False, citations=(CITE,))


def test_answer_message_escapes_and_marks_refusals():
    assert escape_md("<script>x</script>[a](javascript:b)") == "&lt;script&gt;x&lt;/script&gt;\\[a\\]\\(javascript:b\\)"
    assert "\\[1\\]" in answer_markdown(ANS)
    refusal = answer_markdown(Answer(question="q", text="根据现有文件未找到能回答该问题的内容。", refused=True))
    assert refusal.startswith("⚠️ **未找到依据**")


def test_source_card_shows_label_path_and_highlighted_escaped_text():
    card = source_cards_html(ANS)
    assert "[1] 《2019年上海市政务公开工作要点》（沪府办发〔2019〕7号）六、（一）" in card
    assert "<span class='section-path'>六、（一）</span>" in card
    assert "<mark>且分值不低于4分。</mark>" in card
    assert "<script>" not in card and "&lt;script&gt;" in card
    assert highlight("甲<乙>。丙。", "丙。") == "甲&lt;乙&gt;。<mark>丙。</mark>"
    assert "没有引用" in source_cards_html(Answer(question="q", text="x", refused=True))


def test_sources_panel_and_library_rows():
    hit = Hit(chunk_id="c", doc_id="d", text="<b>x</b>", doc_title="T", doc_number=None, section="一、",
              heading="h", score=0.5, dense_score=0.9, keyword_score=3.0)
    panel = sources_panel_html([hit])
    assert "<details>" in panel and "融合分 0.5000" in panel and "&lt;b&gt;" in panel
    docs = [DocInfo("a", "甲", None, "静安区", "上海市", 2017, None, "a.txt", 30, 33),
            DocInfo("b", "乙", "成办发〔2013〕56号", "成都市", None, 2013, "2013-12-10", "b.txt", 20, 24)]
    assert library_rows(docs)[0] == ["乙", "成办发〔2013〕56号", "2013-12-10", "成都市", 20, 24, "b"]
    assert filtered_doc_ids(docs, ["上海市"], []) == ["a"]  # a district counts under its city
    assert filtered_doc_ids(docs, [], ["2013"]) == ["b"] and filtered_doc_ids(docs, [], []) is None


def test_upload_checks_and_feedback_file(tmp_path):
    (tmp_path / "a.exe").write_bytes(b"x")
    (tmp_path / "big.txt").write_bytes(b"x" * (2 * 1024 * 1024))
    (tmp_path / "ok.md").write_text("x", encoding="utf-8")
    assert "不支持的文件类型" in (check_upload(tmp_path / "a.exe", 1) or "")
    assert "文件过大" in (check_upload(tmp_path / "big.txt", 1) or "")
    assert check_upload(tmp_path / "ok.md", 1) is None
    path = tmp_path / "fb" / "feedback.jsonl"
    append_feedback(path, feedback_record("问", ANS, "引用有误"))
    rec = json.loads(path.read_text(encoding="utf-8"))
    assert rec["rating"] == "引用有误" and rec["citations"][0]["section"] == "六、（一）" and rec["time"]
    assert list(stream_pieces("abcde", 2)) == ["ab", "abcd", "abcde"]


def test_feedback_handlers_write_jsonl(tmp_path):
    from types import SimpleNamespace

    from ui import PolicyUI

    ui = PolicyUI(SimpleNamespace(settings=SimpleNamespace(feedback_path=str(tmp_path / "fb.jsonl"))))  # type: ignore[arg-type]
    answers = [{"index": 1, "record": feedback_record("问", ANS, "")}]
    assert ui.on_like(answers, SimpleNamespace(index=1, liked=False)) == "已记录反馈，谢谢。"
    assert ui.wrong_citation(answers) == "已记录“引用有误”，谢谢。"
    assert ui.wrong_citation([]) == "还没有可反馈的回答。"
    rows = [json.loads(x) for x in (tmp_path / "fb.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["rating"] for r in rows] == ["👎", "引用有误"] and rows[0]["question"] == "问"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_ui(chroma_dir, tmp_path, extra_env=None):
    """Start python ui.py on a free loopback port over a copy of the indexed store; returns (proc, url, log)."""
    store = tmp_path / "store"
    shutil.copytree(chroma_dir, store)
    port = _free_port()
    env = {**os.environ, "CHROMA_PATH": str(store), "UI_PORT": str(port), "FEEDBACK_PATH": str(tmp_path / "fb.jsonl"),
           **(extra_env or {})}
    log = open(tmp_path / "ui.log", "w")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "ui.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError((tmp_path / "ui.log").read_text()) from None
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("UI did not start within 120 s")
    return proc, url, log


def launch_browser(p):
    return p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])


@pytest.fixture
def ui_server(bot, chroma_dir, tmp_path):
    """The real app (python ui.py) on a loopback port, over a copy of the indexed store."""
    proc, url, log = start_ui(chroma_dir, tmp_path)
    yield url, tmp_path
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.mark.browser
def test_chat_citations_and_upload_in_a_real_browser(ui_server):
    from playwright.sync_api import expect, sync_playwright

    url, tmp = ui_server
    ARTIFACTS.mkdir(exist_ok=True)
    new_doc = tmp / "2030_测试市_政务公开工作要点.txt"
    new_doc.write_text("2030年测试市政务公开工作要点\n一、总体要求\n（一）推进海绵城市信息公开。年内公开雨水花园456处。"
                       "（牵头单位:市测试局）\n", encoding="utf-8")
    with sync_playwright() as p:
        browser = launch_browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url, timeout=60_000)
        box = page.locator("#question textarea")
        box.fill("2019年上海市政务公开工作要点要求政务公开在绩效考核中的分值不低于多少？")
        t0 = time.perf_counter()
        box.press("Enter")
        chat = page.locator("#chat")
        first_ms = None
        for _ in range(1500):  # bounded: 1500 polls of 20 ms = 30 s
            text = chat.inner_text()
            if "检索中" in text or "根据" in text:
                first_ms = (time.perf_counter() - t0) * 1000
                break
            page.wait_for_timeout(20)
        assert first_ms is not None, "no answer text appeared within 30 s"
        expect(chat).to_contain_text("不低于4分", timeout=30_000)
        expect(page.locator("#cards .section-path").first).to_have_text("六、（一）", timeout=30_000)
        done_ms = (time.perf_counter() - t0) * 1000
        expect(page.locator("#cards mark").first).to_contain_text("4分")
        print(f"\nUI timing: first visible text {first_ms:.0f} ms, complete answer with citation card {done_ms:.0f} ms")
        page.screenshot(path=str(ARTIFACTS / "ui-answer.png"), full_page=True)

        page.get_by_role("tab", name="文件库").click()
        page.locator("#upload input[type=file]").set_input_files(str(new_doc))
        page.locator("#ingest").click()
        expect(page.locator("#ingest-report")).to_contain_text("新增 1", timeout=120_000)
        expect(page.locator("#library")).to_contain_text("2030年测试市政务公开工作要点", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "ui-library.png"), full_page=True)

        page.get_by_role("tab", name="问答").click()
        box.fill("测试市年内公开雨水花园多少处？")
        box.press("Enter")
        expect(chat).to_contain_text("456处", timeout=30_000)
        expect(page.locator("#cards")).to_contain_text("2030年测试市政务公开工作要点")
        page.screenshot(path=str(ARTIFACTS / "ui-uploaded-answer.png"), full_page=True)
        browser.close()


@pytest.mark.browser
def test_llm_answer_streams_into_the_page(bot, chroma_dir, tmp_path):
    """LLM mode in the browser, against the scripted OpenAI-compatible server of the LLM tests."""
    import threading
    from http.server import ThreadingHTTPServer

    from playwright.sync_api import expect, sync_playwright

    from tests.test_llm import Handler, Script

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Script.next = ("stream", "各单位要将政务公开纳入绩效考核范围，且分值不低于4分[1]。")
    env = {"LLM_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}/v1", "LLM_MODEL": "scripted",
           "LLM_API_KEY": "test"}
    proc, url, log = start_ui(chroma_dir, tmp_path, env)
    try:
        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url, timeout=60_000)
            expect(page.locator("#mode")).to_contain_text("大模型（LLM）")
            box = page.locator("#question textarea")
            box.fill("2019年上海市政务公开工作要点要求政务公开在绩效考核中的分值不低于多少？")
            box.press("Enter")
            expect(page.locator("#chat")).to_contain_text("且分值不低于4分", timeout=30_000)
            expect(page.locator("#cards .section-path").first).to_have_text("六、（一）", timeout=30_000)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "ui-llm-answer.png"), full_page=True)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
        server.shutdown()
