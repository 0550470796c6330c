"""The Gradio page: tabs wired to the handlers. Every list the page shows is read from the API on load.

No `from __future__ import annotations` here: Gradio reads handler annotations (gr.EventData,
gr.Progress) as real classes, and string annotations make it pass None instead.
"""

import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import gradio as gr

from assistant.webui import history as hist
from assistant.webui.chat import EXTRACTIVE, LLM, ChatActions
from assistant.webui.export import export_files
from assistant.webui.library import (
    HEADERS,
    LibraryActions,
    doc_choices,
    filter_choices,
    is_loopback,
    library_rows,
    section_tree_html,
)
from assistant.webui.relevance import hits_html
from assistant.webui.render import CHAT_JS, esc, transcript_html
from assistant.webui.retrieval_test import RetrievalTest
from assistant.webui.tasks import TaskList
from ingest.loaders import SUPPORTED_SUFFIXES

log = logging.getLogger(__name__)

EXAMPLES = [
    "2019年上海市政务公开工作要点要求政务公开在绩效考核中的分值不低于多少？",
    "成都市推进环境保护信息公开的牵头单位是哪个？",
    "2019年上海要点任务分解表中，出台《上海市公共数据开放管理办法》的完成时限是什么？",
    "2013年上海和成都推进保障性住房信息公开分别由哪个部门牵头？",
]


def report_html(text: str) -> str:
    """A multi-line report, escaped, one line per row."""
    return "".join(f"<div>{esc(line)}</div>" for line in text.splitlines())


def build_app(bot: Any) -> gr.Blocks:
    """The Gradio Blocks app over an Assistant."""
    settings = bot.settings
    chat = ChatActions(bot)
    lib = LibraryActions(bot)
    tasks = TaskList(bot)
    probe = RetrievalTest(bot)
    llm_ok = bool(bot.llm_available)
    secret = hist.browser_secret(Path(settings.feedback_path).parent)

    with gr.Blocks(title="政策问答") as app:
        gr.Markdown("# 政策问答\n基于政务公开文件回答问题，每条答案都注明出处条款；文件没有写的，直接说明未找到。")
        turns = gr.State([])
        chat_id = gr.State(hist.new_chat_id)
        saved = gr.BrowserState([], storage_key="zhengce-chats", secret=secret)
        with gr.Tab("问答", id="chat-tab"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=320):
                    transcript = gr.HTML(transcript_html([]), elem_id="chat", js_on_load=CHAT_JS,
                                         apply_default_css=False)
                    status = gr.HTML("", elem_id="status")
                    msg = gr.Textbox(label="问题", placeholder="例如：2019年上海市政务公开工作要点的文号是什么？",
                                     elem_id="question", lines=1, max_lines=6)
                    with gr.Row():
                        send = gr.Button("提问", variant="primary", elem_id="send")
                        new = gr.Button("新对话", elem_id="new-chat")
                    gr.Examples(EXAMPLES, inputs=[msg], label="示例问题")
                with gr.Column(scale=2, min_width=280):
                    mode = gr.Radio([EXTRACTIVE, LLM], value=LLM if llm_ok else EXTRACTIVE, label="回答方式",
                                    elem_id="mode", visible=llm_ok)
                    region_f = gr.CheckboxGroup([], label="按地区筛选", elem_id="region-filter")
                    year_f = gr.CheckboxGroup([], label="按年份筛选", elem_id="year-filter")
                    with gr.Accordion("对话记录", open=False, elem_id="history-box"):
                        past = gr.Dropdown([], value=None, label="以前的对话", elem_id="past-chats")
                        with gr.Row():
                            reopen = gr.Button("打开", size="sm", elem_id="open-chat")
                            forget = gr.Button("删除此对话", size="sm", variant="stop", elem_id="delete-chat")
                    with gr.Accordion("导出", open=False, elem_id="export-box"):
                        export_all = gr.Button("导出整个对话（Markdown 和 Word）", size="sm", elem_id="export-chat")
                        export_out = gr.File(label="导出文件", file_count="multiple", interactive=False,
                                             elem_id="export-files")
            with gr.Accordion("检索到的条款（相关度与匹配原因）", open=False, elem_id="sources-box"):
                sources = gr.HTML(elem_id="sources")
        with gr.Tab("文件库", id="library-tab"):
            table = gr.Dataframe([], headers=HEADERS, interactive=False, elem_id="library")
            with gr.Row():
                pick = gr.Dropdown([], value=None, label="查看文件", elem_id="open-doc")
                drop = gr.Dropdown([], value=None, label="删除文件", elem_id="delete-doc")
            del_btn = gr.Button("删除…", variant="stop", elem_id="delete")
            with gr.Row(visible=False, elem_id="confirm-row") as confirm_row:
                confirm_text = gr.HTML("", elem_id="confirm-text")
                confirm = gr.Button("确认删除", variant="stop", elem_id="confirm-delete")
                cancel = gr.Button("取消", elem_id="cancel-delete")
            admin = gr.Textbox(label="管理口令（ADMIN_TOKEN，对外开放时上传和删除需要）", type="password",
                               visible=not is_loopback(settings.ui_host), elem_id="admin-token")
            # An upload button, not gr.File: its drop zone speaks the browser's language (English here).
            files = gr.UploadButton(f"选择文件并导入（{'、'.join(SUPPORTED_SUFFIXES)}，单个不超过 {settings.max_upload_mb} MB）",
                                    file_count="multiple", variant="primary", elem_id="upload")
            report = gr.HTML(elem_id="ingest-report")
            doc_view = gr.HTML(elem_id="doc-view")
        with gr.Tab("任务清单", id="tasks-tab"):
            with gr.Row():
                t_doc = gr.Dropdown([], value=None, label="文件", elem_id="task-doc")
                t_year = gr.Dropdown([], value=None, label="年份", elem_id="task-year")
                t_region = gr.Dropdown([], value=None, label="地区", elem_id="task-region")
                t_unit = gr.Textbox(label="单位（包含）", elem_id="task-unit")
                t_sort = gr.Dropdown(["文件顺序", "牵头单位", "完成时限"], value="文件顺序", label="排序",
                                     elem_id="task-sort")
            t_count = gr.HTML(elem_id="task-count")
            t_table = gr.HTML(elem_id="task-table")
            t_export = gr.Button("导出 Excel 和 CSV", elem_id="task-export")
            t_files = gr.File(label="导出文件", file_count="multiple", interactive=False, elem_id="task-files")
        with gr.Tab("检索测试", id="probe-tab"):
            p_query = gr.Textbox(label="检索语句", placeholder="例如：保障性住房信息公开", elem_id="probe-query")
            with gr.Row():
                p_doc = gr.Dropdown([], value=None, label="限定文件（可选）", elem_id="probe-doc")
                p_k = gr.Slider(1, 20, value=8, step=1, label="返回条数", elem_id="probe-k")
                p_go = gr.Button("检索", variant="primary", elem_id="probe-go")
            p_out = gr.HTML(elem_id="probe-results")

        # Every component by its variable name, for the wiring functions below.
        page = SimpleNamespace(**{k: v for k, v in locals().items() if isinstance(v, gr.blocks.Block)})
        _wire_library(app, bot, lib, page)
        _wire_chat(app, chat, page)
        _wire_tasks(app, tasks, probe, page)

        def ask_api(question: str) -> dict[str, Any]:
            """Answer one question: the same JSON as `python -m assistant ask --json`."""
            from assistant.__main__ import answer_to_dict

            try:
                return answer_to_dict(bot.ask(question))
            except ValueError as exc:
                return {"error": str(exc)}

        gr.api(ask_api, api_name="ask")
    return app


def _wire_library(app: gr.Blocks, bot: Any, lib: LibraryActions, p: SimpleNamespace) -> None:
    """文件库: table, pickers and filters read from the API on load and after every change; delete confirms."""
    def library_state() -> tuple[Any, ...]:
        docs = bot.documents()
        choices = doc_choices(docs)
        regions, years = filter_choices(docs)
        return (library_rows(docs), gr.update(choices=choices, value=None), gr.update(choices=choices, value=None),
                gr.update(choices=regions), gr.update(choices=years), gr.update(choices=choices, value=None),
                gr.update(choices=years, value=None), gr.update(choices=regions, value=None),
                gr.update(choices=choices, value=None))

    lib_outs = [p.table, p.pick, p.drop, p.region_f, p.year_f, p.t_doc, p.t_year, p.t_region, p.p_doc]
    app.load(library_state, None, lib_outs)
    p.pick.change(lambda d: section_tree_html(bot.searcher.chunks_of(d)) if d else "", [p.pick], [p.doc_view])

    def upload(f: Any, token: Any, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
        return report_html(lib.upload(f, token, progress))

    p.files.upload(upload, [p.files, p.admin], [p.report]).then(library_state, None, lib_outs)

    def ask_delete(doc_id: Any) -> tuple[Any, ...]:
        if not doc_id:
            return gr.update(visible=False), "", report_html("请先在「删除文件」中选择要删除的文件。")
        label = {v: k for k, v in doc_choices(bot.documents())}.get(doc_id, doc_id)
        return gr.update(visible=True), f"<p>确定要删除{esc(label)}吗？删除后需重新导入。</p>", ""

    p.del_btn.click(ask_delete, [p.drop], [p.confirm_row, p.confirm_text, p.report])
    p.cancel.click(lambda: (gr.update(visible=False), report_html("已取消删除。")), None, [p.confirm_row, p.report])
    p.confirm.click(lambda d, tok: (gr.update(visible=False), report_html(lib.delete(d, tok))), [p.drop, p.admin],
                    [p.confirm_row, p.report]).then(library_state, None, lib_outs)


def _wire_chat(app: gr.Blocks, chat: ChatActions, p: SimpleNamespace) -> None:
    """问答: ask (streamed), per-answer feedback and export, new chat, past chats kept in the browser."""
    def respond(message: str, ts: list[Any], regions: list[str], years: list[str], m: str) -> Any:
        for box, new_turns, html_, note, ans in chat.respond(message, ts, regions, years, m):
            hits = hits_html(ans.standalone_question or ans.question, ans.hits) if ans is not None else gr.update()
            yield box, new_turns, html_, f"<p>{esc(note)}</p>" if note else "", hits

    def save(ts: list[Any], cid: str, chats: list[Any]) -> tuple[Any, ...]:
        chats = hist.upsert_chat(chats, cid, ts)
        return chats, gr.update(choices=hist.chat_choices(chats))

    ask_in, ask_out = [p.msg, p.turns, p.region_f, p.year_f, p.mode], [p.msg, p.turns, p.transcript, p.status, p.sources]
    for trigger in (p.msg.submit, p.send.click):
        trigger(respond, ask_in, ask_out).then(save, [p.turns, p.chat_id, p.saved], [p.saved, p.past])
    app.load(lambda chats: gr.update(choices=hist.chat_choices(chats), value=None), [p.saved], [p.past])

    def fresh() -> tuple[Any, ...]:
        return [], hist.new_chat_id(), transcript_html([]), "", "", gr.update(value=None)

    p.new.click(fresh, None, [p.turns, p.chat_id, p.transcript, p.status, p.sources, p.past])

    def on_action(ts: list[Any], evt: gr.EventData) -> tuple[Any, ...]:
        data = getattr(evt, "_data", None) or {}
        action, turn = str(data.get("action", "")), int(data.get("turn", -1))
        if action == "export":
            if 0 <= turn < len(ts):
                return "<p>已生成此回答的导出文件（见右侧「导出」）。</p>", export_files([ts[turn]], f"回答{turn + 1}")
            return "", gr.update()
        return f"<p>{esc(chat.feedback(ts, action, turn, data.get('marker')))}</p>", gr.update()

    p.transcript.click(on_action, [p.turns], [p.status, p.export_out])
    p.export_all.click(lambda ts: export_files(ts, "政策问答对话") if ts else None, [p.turns], [p.export_out])

    def reopen_chat(chats: list[Any], cid: Any) -> tuple[Any, ...]:
        c = hist.find_chat(chats, cid)
        if c is None:
            return gr.update(), gr.update(), gr.update(), "<p>请先选择一个以前的对话。</p>"
        return c["turns"], c["id"], transcript_html(c["turns"]), ""

    p.reopen.click(reopen_chat, [p.saved, p.past], [p.turns, p.chat_id, p.transcript, p.status])

    def forget_chat(chats: list[Any], cid: Any, current: str) -> tuple[Any, ...]:
        chats = hist.delete_chat(chats, cid)
        clear = cid == current
        return (chats, gr.update(choices=hist.chat_choices(chats), value=None),
                [] if clear else gr.update(), hist.new_chat_id() if clear else gr.update(),
                transcript_html([]) if clear else gr.update(), "<p>已删除该对话记录。</p>" if cid else "")

    p.forget.click(forget_chat, [p.saved, p.past, p.chat_id], [p.saved, p.past, p.turns, p.chat_id, p.transcript, p.status])


def _wire_tasks(app: gr.Blocks, tasks: TaskList, probe: RetrievalTest, p: SimpleNamespace) -> None:
    """任务清单 (filter, sort, export) and 检索测试."""
    t_in = [p.t_doc, p.t_year, p.t_region, p.t_unit, p.t_sort]
    for comp in (p.t_doc, p.t_year, p.t_region, p.t_sort):
        comp.change(tasks.view, t_in, [p.t_count, p.t_table])
    p.t_unit.submit(tasks.view, t_in, [p.t_count, p.t_table])
    app.load(tasks.view, t_in, [p.t_count, p.t_table])
    p.t_export.click(tasks.export, t_in, [p.t_files])
    for trigger in (p.p_query.submit, p.p_go.click):
        trigger(probe.run, [p.p_query, p.p_doc, p.p_k], [p.p_out])
