"""The real page (python ui.py) in a real headless Chromium: one test per item of issue #13."""

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

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
Q_SCORE = "2019年上海市政务公开工作要点要求政务公开在绩效考核中的分值不低于多少？"
Q_LEAD = "成都市推进环境保护信息公开的牵头单位是哪个？"
pytestmark = pytest.mark.browser


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
    deadline = time.time() + 180
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
        raise RuntimeError("UI did not start within 180 s")
    return proc, url, log


def launch_browser(p):
    return p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])


@pytest.fixture(scope="module")
def server(bot, chroma_dir, tmp_path_factory):
    """One real app for the module, over a copy of the indexed store."""
    tmp = tmp_path_factory.mktemp("ui")
    proc, url, log = start_ui(chroma_dir, tmp)
    yield url, tmp
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_browser(p)
        yield b
        b.close()


def open_page(browser, url, width=1280, height=900):
    ctx = browser.new_context(viewport={"width": width, "height": height})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = ctx.new_page()
    page.goto(url, timeout=60_000)
    page.locator("#question textarea").wait_for(timeout=60_000)
    return page


def ask(page, question: str, answers_before: int | None = None) -> None:
    """Type a question, press Enter, wait until one more finished answer is on the page."""
    from playwright.sync_api import expect

    done = page.locator("#chat .msg.bot:not(.pending)")
    n = done.count() if answers_before is None else answers_before
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    expect(done).to_have_count(n + 1, timeout=60_000)


def feedback_rows(tmp: Path) -> list[dict]:
    path = tmp / "fb.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_every_answer_keeps_its_cards_under_it_with_linked_markers_at_phone_width(server, browser):
    """Item 5: cards for every answer, [n] links to its own card, card directly under its answer at 390 px."""
    from playwright.sync_api import expect

    url, _ = server
    page = open_page(browser, url, 390, 844)
    ask(page, Q_SCORE)
    ask(page, Q_LEAD)
    expect(page.locator("#turn-0 .card")).not_to_have_count(0)
    expect(page.locator("#turn-1 .card")).not_to_have_count(0)
    link = page.locator("#turn-0 a.cite").first
    assert link.get_attribute("href") == "#t0-c1"
    answer = page.locator("#turn-0 .msg.bot").bounding_box()
    card = page.locator("#t0-c1").bounding_box()
    assert answer and card and 0 <= card["y"] - (answer["y"] + answer["height"]) < 40
    assert card["x"] + card["width"] <= 390
    link.click()
    expect(page.locator("#t0-c1 details")).to_have_attribute("open", "")
    expect(page.locator("#t0-c1")).to_be_in_viewport()
    page.context.close()


def test_copy_and_screen_reader_text_are_the_plain_answer(server, browser):
    """Item 6: the copy button copies the answer as written; aria labels hold no Markdown escapes or entities."""
    url, _ = server
    page = open_page(browser, url)
    ask(page, Q_SCORE)
    page.locator("#turn-0 .copy").click()
    page.wait_for_timeout(300)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("[1]") and "\\[" not in copied and "&" not in copied
    assert "不低于4分" in copied
    label = page.locator("#turn-0 .msg.bot").get_attribute("aria-label") or ""
    assert "[1]" in label and "\\[" not in label and "&amp;" not in label and "&lt;" not in label
    page.context.close()


def test_thumbs_record_that_answer_and_wrong_citation_names_answer_and_marker(server, browser):
    """Item 3: 👍/👎 write a feedback line; 「引用有误」 names the chosen answer and its [n]."""
    from playwright.sync_api import expect

    url, tmp = server
    page = open_page(browser, url)
    before = len(feedback_rows(tmp))
    ask(page, Q_SCORE)
    ask(page, Q_LEAD)
    page.locator("#turn-1 .up").click()
    expect(page.locator("#status")).to_contain_text("已记录对第 2 个回答的反馈", timeout=15_000)
    page.locator("#t0-c1 .wrong").click()
    expect(page.locator("#status")).to_contain_text("第 1 个回答的引用[1]有误", timeout=15_000)
    rows = feedback_rows(tmp)[before:]
    assert [r["rating"] for r in rows] == ["👍", "引用有误"]
    assert rows[0]["question"] == Q_LEAD and rows[1]["question"] == Q_SCORE and rows[1]["wrong_marker"] == 1
    assert "六、（一）" in rows[1]["wrong_citation"]
    page.context.close()


def test_new_chat_forgets_the_previous_turn(server, browser):
    """Item 4: no clear icon that keeps hidden history; after 新对话 a follow-up is not read with the old turn."""
    url, tmp = server
    page = open_page(browser, url)
    assert page.locator("#chat button[aria-label*='Clear' i], #chat button[title*='Clear' i]").count() == 0
    ask(page, Q_LEAD)
    page.locator("#new-chat").click()
    page.locator("#chat .empty").wait_for(timeout=15_000)
    before = len(feedback_rows(tmp))
    ask(page, "那成都呢？", answers_before=0)
    assert page.locator("#chat .turn").count() == 1
    page.locator("#turn-0 .up").click()
    page.locator("#status").get_by_text("已记录").wait_for(timeout=15_000)
    row = feedback_rows(tmp)[before]
    assert "环境保护" not in row["standalone_question"]  # not rewritten from the erased question
    page.context.close()


def test_empty_and_too_long_questions_add_no_bubble_and_errors_get_no_thumbs(server, browser):
    """Item 7: empty → message, no bubble; 3,000 characters stay in the box with a Chinese message."""
    from playwright.sync_api import expect

    url, _ = server
    page = open_page(browser, url)
    box = page.locator("#question textarea")
    box.fill("")
    box.press("Enter")
    expect(page.locator("#status")).to_contain_text("请输入问题", timeout=15_000)
    long = "问" * 3000
    box.fill(long)
    page.locator("#send").click()
    expect(page.locator("#status")).to_contain_text("问题太长", timeout=15_000)
    assert box.input_value() == long
    assert page.locator("#chat .turn").count() == 0 and page.locator("#chat .up").count() == 0
    page.context.close()


def test_lists_filter_refusals_mode_and_readable_relevance(server, browser):
    """Item 8: list answers render as lists with links; a filtered refusal names the filter; no dev notes;
    the retrieved-clauses panel shows 相关度 with why instead of RRF scores."""
    from playwright.sync_api import expect

    url, _ = server
    page = open_page(browser, url)
    assert page.locator("#mode").count() == 0 or not page.locator("#mode").is_visible()
    assert "LLM_BASE_URL" not in page.content()
    ask(page, "2017年静安区政务公开工作要点第四部分有哪些任务？")
    expect(page.locator("#turn-0 .msg.bot ul li").first).to_be_visible()
    expect(page.locator("#turn-0 .msg.bot li a.cite").first).to_be_visible()
    page.locator("#sources-box").get_by_text("检索到的条款").click()
    expect(page.locator("#sources details").first).to_contain_text("相关度", timeout=15_000)
    text = page.locator("#sources").inner_text()
    assert "相关度" in text and "融合分" not in text
    page.locator("#year-filter").get_by_text("2012").click()
    ask(page, Q_LEAD)
    expect(page.locator("#turn-1 .refusal").first).to_contain_text("在当前筛选（年份：2012年）范围内")
    page.context.close()


def test_history_survives_a_reload_and_can_be_reopened_and_deleted(server, browser):
    """Part 4: chats kept in the browser: listed after a reload, reopened with their cards, deleted."""
    from playwright.sync_api import expect

    url, _ = server
    page = open_page(browser, url)
    ask(page, Q_SCORE)
    page.wait_for_timeout(1000)  # the save runs after the answer
    page.reload()
    page.locator("#question textarea").wait_for(timeout=60_000)
    page.locator("#history-box").get_by_text("对话记录").click()
    page.locator("#past-chats input").click()
    page.get_by_role("option").filter(has_text="2019年上海市政务公开").first.click()
    page.locator("#open-chat").click()
    expect(page.locator("#turn-0 .card")).not_to_have_count(0, timeout=15_000)
    page.locator("#delete-chat").click()
    expect(page.locator("#chat .empty")).to_be_visible(timeout=15_000)
    page.context.close()


def test_task_list_retrieval_test_and_exports(server, browser):
    """Parts 2, 3, 5: 任务清单 with leads/deadlines and clause links, export; 检索测试 with reasons; answer export."""
    from playwright.sync_api import expect

    url, _ = server
    page = open_page(browser, url)
    page.get_by_role("tab", name="任务清单").click()
    expect(page.locator("#task-count")).to_contain_text("项任务", timeout=30_000)
    expect(page.locator("#task-table")).to_contain_text("市政府办公厅、市司法局")
    expect(page.locator("#task-table")).to_contain_text("上半年")
    page.locator("#task-unit textarea, #task-unit input").first.fill("市司法局")
    page.locator("#task-unit textarea, #task-unit input").first.press("Enter")
    expect(page.locator("#task-table tbody tr").first).to_contain_text("市司法局", timeout=15_000)
    page.locator("#task-table summary").first.click()
    expect(page.locator("#task-table .clause").first).to_be_visible()
    page.locator("#task-export").click()
    expect(page.locator("#task-files")).to_contain_text(".xlsx", timeout=30_000)
    page.get_by_role("tab", name="检索测试").click()
    q = page.locator("#probe-query textarea, #probe-query input").first
    q.fill("保障性住房信息公开")
    q.press("Enter")
    expect(page.locator("#probe-results details").first).to_contain_text("相关度", timeout=30_000)
    expect(page.locator("#probe-results")).to_contain_text("共同词语")
    page.get_by_role("tab", name="问答").click()
    ask(page, Q_SCORE)
    page.locator("#turn-0 .export").click()
    page.locator("#export-box").get_by_text("导出").first.click()
    expect(page.locator("#export-files")).to_contain_text(".docx", timeout=30_000)
    page.context.close()


def test_library_is_read_on_every_load_and_delete_needs_confirmation(server, browser, tmp_path):
    """Items 1, 2, 8: uploads show in a second tab (table, pickers, filters); nothing is preselected or deleted
    without confirmation; the upload control is in Chinese; the document view is a collapsible tree."""
    from playwright.sync_api import expect

    url, _ = server
    new_doc = tmp_path / "2030_测试市_政务公开工作要点.txt"
    new_doc.write_text("2030年测试市政务公开工作要点\n一、总体要求\n（一）推进海绵城市信息公开。年内公开雨水花园456处。"
                       "（牵头单位:市测试局）\n", encoding="utf-8")
    first = open_page(browser, url)
    second = open_page(browser, url)  # opened before the upload, like a tab left open
    first.get_by_role("tab", name="文件库").click()
    upload = first.locator("#upload")
    assert "Drop" not in upload.inner_text() and "Click to Upload" not in first.locator("#library-tab, body").first.inner_text()
    with first.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(new_doc))
    expect(first.locator("#ingest-report")).to_contain_text("新增 1", timeout=120_000)
    expect(first.locator("#library")).to_contain_text("2030年测试市政务公开工作要点", timeout=30_000)
    second.reload()
    second.locator("#question textarea").wait_for(timeout=60_000)
    expect(second.locator("#region-filter")).to_contain_text("测试市", timeout=30_000)
    second.get_by_role("tab", name="文件库").click()
    expect(second.locator("#library")).to_contain_text("2030年测试市政务公开工作要点", timeout=30_000)
    second.locator("#open-doc input").click()
    second.get_by_role("option").filter(has_text="2030年测试市").click()
    expect(second.locator("#doc-view details.part summary").first).to_contain_text("一、")
    second.locator("#doc-view details.part summary").first.click()
    expect(second.locator("#doc-view details.item").first).to_contain_text("推进海绵城市信息公开")
    # delete: nothing preselected, a click alone deletes nothing, cancel keeps it, confirm removes it
    assert second.locator("#delete-doc input").input_value() == ""
    rows = second.locator("#library tbody tr").count()
    second.locator("#delete").click()
    expect(second.locator("#ingest-report")).to_contain_text("请先", timeout=15_000)
    second.locator("#delete-doc input").click()
    second.get_by_role("option").filter(has_text="2030年测试市").click()
    second.locator("#delete").click()
    expect(second.locator("#confirm-text")).to_contain_text("确定要删除《2030年测试市政务公开工作要点》", timeout=15_000)
    second.locator("#cancel-delete").click()
    expect(second.locator("#ingest-report")).to_contain_text("已取消", timeout=15_000)
    assert second.locator("#library tbody tr").count() == rows
    second.locator("#delete").click()
    second.locator("#confirm-delete").click()
    expect(second.locator("#ingest-report")).to_contain_text("已删除《2030年测试市政务公开工作要点》", timeout=30_000)
    expect(second.locator("#library")).not_to_contain_text("2030年测试市政务公开工作要点", timeout=30_000)
    first.context.close()
    second.context.close()


def test_llm_answer_streams_into_the_page(bot, chroma_dir, tmp_path, browser):
    """LLM mode in the browser, against the scripted OpenAI-compatible server of the LLM tests."""
    import threading
    from http.server import ThreadingHTTPServer

    from playwright.sync_api import expect

    from tests.test_llm import Handler, Script

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Script.next = ("stream", "各单位要将政务公开纳入绩效考核范围，且分值不低于4分[1]。")
    env = {"LLM_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}/v1", "LLM_MODEL": "scripted",
           "LLM_API_KEY": "test"}
    proc, url, log = start_ui(chroma_dir, tmp_path, env)
    try:
        page = open_page(browser, url, 1400, 1000)
        expect(page.locator("#mode")).to_contain_text("大模型（LLM）")
        assert "LLM_BASE_URL" not in page.content()
        ask(page, Q_SCORE)
        expect(page.locator("#chat")).to_contain_text("且分值不低于4分")
        expect(page.locator("#turn-0 .card .section-path").first).to_have_text("六、（一）", timeout=30_000)
        page.context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
        server.shutdown()


TIMING_JS = """
() => { window.__t = {}; const box = document.querySelector('#question textarea');
  box.addEventListener('keydown', e => { if (e.key === 'Enter') window.__t = {enter: performance.now()}; }, true);
  const chat = document.querySelector('#chat');
  new MutationObserver(() => { const t = window.__t; if (!t.enter) return;
    const p = chat.querySelector('.msg.bot.pending');
    if (p && !t.placeholder) t.placeholder = performance.now();
    if (p && !t.first && !p.textContent.includes('检索中')) t.first = performance.now();
  }).observe(chat, {subtree: true, childList: true, characterData: true}); }
"""
TIMED = ["2019年上海市政务公开工作要点的文号是什么？", "成都市推进环境保护信息公开的牵头单位是哪个？",
         "2013年上海市当前政府信息公开重点工作安排对保障性住房信息公开有什么要求？",
         "2017年静安区政务公开工作要点提出了哪些重点任务？", Q_SCORE]


def _tasks_and_probe(page, size: str) -> None:
    """Open the task list and the retrieval test on one page size, with a screenshot of each."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name="任务清单").click()
    expect(page.locator("#task-count")).to_contain_text("项任务", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / f"tasks-{size}.png"))
    page.get_by_role("tab", name="检索测试").click()
    q = page.locator("#probe-query textarea, #probe-query input").first
    q.fill("保障性住房信息公开")
    q.press("Enter")
    expect(page.locator("#probe-results details").first).to_be_visible(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / f"probe-{size}.png"), full_page=True)


def test_screenshots_and_enter_to_answer_timing(server, browser):
    """Part 6: desktop and phone screenshots (artifacts/) and Enter → first text / finished answer, warm."""
    from playwright.sync_api import expect

    url, _ = server
    ARTIFACTS.mkdir(exist_ok=True)
    page = open_page(browser, url, 1280, 900)
    ask(page, Q_SCORE)  # warm-up
    page.evaluate(TIMING_JS)
    firsts, dones = [], []
    for i, q in enumerate(TIMED, 1):
        box = page.locator("#question textarea")
        box.fill(q)
        box.press("Enter")
        expect(page.locator("#chat .msg.bot:not(.pending)")).to_have_count(i + 1, timeout=60_000)
        t = page.evaluate("() => ({...window.__t, done: performance.now()})")
        firsts.append(t.get("first", t["done"]) - t["enter"])
        dones.append(t["done"] - t["enter"])
    print("\nUI timing (ms, 5 warm questions): Enter→first text", [round(x) for x in firsts],
          "Enter→finished", [round(x) for x in dones])
    page.locator("#new-chat").click()
    ask(page, Q_SCORE, answers_before=0)
    page.screenshot(path=str(ARTIFACTS / "chat-desktop.png"), full_page=True)
    _tasks_and_probe(page, "desktop")
    page.context.close()
    phone = open_page(browser, url, 390, 844)
    ask(phone, Q_SCORE)
    ask(phone, "2017年静安区政务公开工作要点第四部分有哪些任务？")
    phone.screenshot(path=str(ARTIFACTS / "chat-phone.png"), full_page=True)
    _tasks_and_probe(phone, "phone")
    phone.context.close()
