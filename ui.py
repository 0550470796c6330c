"""Gradio chat over the Assistant API: cited answers, source cards, document library, upload, feedback.

Run: python ui.py (host and port from UI_HOST / UI_PORT or GRADIO_SERVER_NAME / GRADIO_SERVER_PORT,
default 127.0.0.1:7860). Served beyond loopback, upload and delete need ADMIN_TOKEN.
The functions above `build_app` are pure: they turn API objects into what the page shows.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import json
import logging
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant import Answer, Assistant, Settings
from assistant.__main__ import answer_to_dict
from assistant.settings import SettingsError
from ingest.loaders import SUPPORTED_SUFFIXES
from vectorstore.scope import DocInfo
from vectorstore.store import StoredChunk
from vectorstore.types import Hit

log = logging.getLogger(__name__)

EXTRACTIVE = "抽取式（离线）"
LLM = "大模型（LLM）"
EXAMPLES = [
    "2019年上海市政务公开工作要点要求政务公开在绩效考核中的分值不低于多少？",
    "成都市推进环境保护信息公开的牵头单位是哪个？",
    "2019年上海要点任务分解表中，出台《上海市公共数据开放管理办法》的完成时限是什么？",
    "2013年上海和成都推进保障性住房信息公开分别由哪个部门牵头？",
]
CSS = """
.card {border:1px solid #d0d7de; border-radius:8px; padding:8px 12px; margin:6px 0; background:#fafbfc}
.card .label {font-weight:600}
.card mark {background:#fff3b0}
.refusal {color:#8a6d3b}
"""
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")


def escape_md(text: str) -> str:
    """Escape text so Markdown and HTML in it show literally (documents and users are untrusted).

    Example: escape_md("<b>[x](y)</b>") == "&lt;b&gt;\\[x\\]\\(y\\)&lt;/b&gt;"
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def answer_markdown(ans: Answer) -> str:
    """The chat message for an answer: a refusal is marked as such, not shown as an error."""
    notice = f"_{escape_md(ans.notice)}_\n\n" if ans.notice else ""
    if ans.refused:
        return f"{notice}⚠️ **未找到依据**\n\n{escape_md(ans.text)}"
    return notice + escape_md(ans.text)


def highlight(section_text: str, quote: str) -> str:
    """Escaped section text with the quoted phrase wrapped in <mark>.

    Example: highlight("甲<乙>。丙。", "丙。") == "甲&lt;乙&gt;。<mark>丙。</mark>"
    """
    body = html.escape(section_text)
    q = html.escape(quote.strip())
    if q and q in body:
        return body.replace(q, f"<mark>{q}</mark>", 1)
    return body


def source_cards_html(ans: Answer) -> str:
    """One card per citation: [n] 《title》（文号）section, and the section text with the answer marked."""
    if not ans.citations:
        return "<div class='card refusal'>没有引用：现有文件未覆盖这个问题。</div>" if ans.refused else ""
    cards = []
    for c in ans.citations:
        text = c.section_text or c.quote
        cards.append(
            f"<div class='card' id='cite-{c.marker}'>"
            f"<div class='label'>[{c.marker}] {html.escape(c.label)}</div>"
            f"<div class='path'>条款：<span class='section-path'>{html.escape(c.section or '（正文前言/文件整体）')}</span>"
            f"{' · ' + html.escape(c.heading) if c.heading else ''}</div>"
            f"<details open><summary>条款原文</summary><p>{highlight(text, c.quote)}</p></details></div>")
    return "\n".join(cards)


def sources_panel_html(hits: Sequence[Hit]) -> str:
    """The retrieved sections with scores, each expandable, best first."""
    if not hits:
        return "<p>没有检索到相关条款。</p>"
    rows = []
    for i, h in enumerate(hits, 1):
        rows.append(
            f"<details><summary>{i}. {html.escape(h.label)}　融合分 {h.score:.4f}　"
            f"语义相似度 {h.dense_score:.3f}　关键词分 {h.keyword_score:.2f}</summary>"
            f"<p>{html.escape(h.text)}</p></details>")
    return "\n".join(rows)


def library_rows(docs: Sequence[DocInfo]) -> list[list[Any]]:
    """Rows of the library table: title, 文号, date, region, sections, chunks, id."""
    return [[d.title, d.doc_number or "（无）", d.date or "（未载明）", d.region or "", d.sections, d.chunks, d.doc_id]
            for d in sorted(docs, key=lambda d: (d.year or 0, d.doc_id))]


def section_tree_markdown(chunks: Sequence[StoredChunk]) -> str:
    """A document's sections in reading order, indented by level, with their text."""
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    for c in chunks:
        m = c.metadata
        key = (str(m.get("section", "")), str(m.get("kind", "")))
        level = int(m.get("level", 0))
        if key not in seen:
            seen.add(key)
            name = key[0] or {"notice": "通知", "preamble": "前言", "closing": "结语"}.get(key[1], "")
            head = escape_md(str(m.get("heading", ""))) if level in (1, 2) else ""
            out.append(f"{'#' * min(level + 2, 5)} {escape_md(name)} {head}".rstrip())
        out.append(escape_md(c.text))
    return "\n\n".join(out)


def filter_choices(docs: Sequence[DocInfo]) -> tuple[list[str], list[str]]:
    """Region and year choices built from the corpus metadata."""
    regions = sorted({d.region for d in docs if d.region})
    years = sorted({str(d.year) for d in docs if d.year})
    return regions, years


def filtered_doc_ids(docs: Sequence[DocInfo], regions: Sequence[str], years: Sequence[str]) -> list[str] | None:
    """Documents the chat may use under the filters; None when no filter is set."""
    if not regions and not years:
        return None
    return [d.doc_id for d in docs
            if (not regions or d.region in regions or d.parent_region in regions)
            and (not years or str(d.year) in years)]


def check_upload(path: str | Path, max_mb: int) -> str | None:
    """A Chinese reason to refuse an uploaded file, or None if it may be ingested."""
    p = Path(path)
    if p.suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"{p.name}：不支持的文件类型（允许：{'、'.join(SUPPORTED_SUFFIXES)}）。"
    size = p.stat().st_size
    if size > max_mb * 1024 * 1024:
        return f"{p.name}：文件过大（{size / 1024 / 1024:.1f} MB），上限 {max_mb} MB。"
    return None


def is_loopback(host: str) -> bool:
    """True when the UI listens only on this machine.

    Example: is_loopback("127.0.0.1") is True; is_loopback("0.0.0.0") is False
    """
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: other machines may reach it


def write_refusal(host: str, admin_token: str | None, given: str | None) -> str | None:
    """A Chinese reason to refuse an upload or delete, or None when it is allowed.

    On loopback everything is allowed; beyond it the caller must give ADMIN_TOKEN.
    """
    if is_loopback(host):
        return None
    if not admin_token:
        return f"本服务对外开放（{host}），但未设置 ADMIN_TOKEN：上传和删除已停用。请在启动时设置 ADMIN_TOKEN。"
    if not given or not hmac.compare_digest(given.strip().encode(), admin_token.encode()):
        return "管理口令不正确或未填写：上传和删除需要 ADMIN_TOKEN。"
    return None


def feedback_record(question: str, ans: Answer, rating: str) -> dict[str, Any]:
    """One line of the feedback file: enough to turn it into an eval case later."""
    return {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "rating": rating, "question": question,
            "standalone_question": ans.standalone_question, "answer": ans.text, "refused": ans.refused,
            "citations": [{"doc_id": c.doc_id, "doc_title": c.doc_title, "doc_number": c.doc_number,
                           "section": c.section, "quote": c.quote} for c in ans.citations]}


def append_feedback(path: str | Path, record: dict[str, Any]) -> None:
    """Append one JSON line to the feedback file, creating its folder."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def stream_pieces(text: str, size: int = 12) -> Iterator[str]:
    """Growing prefixes of text, for showing an answer as it arrives.

    Example: list(stream_pieces("abcde", 2)) == ["ab", "abcd", "abcde"]
    """
    for end in range(size, len(text) + size, size):
        yield text[:end]


class PolicyUI:
    """The page's event handlers: each calls the Assistant API and returns what the page shows."""

    def __init__(self, bot: Assistant) -> None:
        self.bot = bot
        self.settings = bot.settings

    def docs(self) -> list[DocInfo]:
        """The indexed documents."""
        return self.bot.documents()

    def respond(self, message: str, chat: list[dict[str, Any]], history: list[dict[str, str]],
                answers: list[dict[str, Any]], regions: list[str], years: list[str],
                mode: str = EXTRACTIVE) -> Iterator[tuple[Any, ...]]:
        """Ask, then show the answer as it arrives, then its source cards and retrieved sections."""
        import gradio as gr

        chat = list(chat or [])
        ans: Answer | None = None
        try:
            doc_ids = filtered_doc_ids(self.docs(), regions or [], years or [])
            chat.append({"role": "user", "content": escape_md(message or "")})
            chat.append({"role": "assistant", "content": "检索中…"})
            yield "", chat, history, answers, gr.update(), gr.update()
            if mode == LLM:
                streamed = ""
                for event in self.bot.stream(message, history=history, doc_ids=doc_ids, mode="llm"):
                    if isinstance(event, str):  # LLM tokens as they arrive
                        streamed += event
                        chat[-1] = {"role": "assistant", "content": escape_md(streamed)}
                        yield "", chat, history, answers, gr.update(), gr.update()
                    else:
                        ans = event
            else:
                ans = self.bot.ask(message, history=history, doc_ids=doc_ids, mode="extractive")
        except ValueError as exc:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {escape_md(str(exc))}"}
            yield "", chat, history, answers, gr.update(), gr.update()
            return
        assert ans is not None
        for piece in stream_pieces(answer_markdown(ans)) if mode != LLM else [answer_markdown(ans)]:
            chat[-1] = {"role": "assistant", "content": piece}
            yield "", chat, history, answers, gr.update(), gr.update()
        history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": ans.text}]
        answers = [*answers, {"index": len(chat) - 1, "record": feedback_record(message, ans, "")}]
        yield "", chat, history, answers, source_cards_html(ans), sources_panel_html(ans.hits)

    def on_like(self, answers: list[dict[str, Any]], data: Any) -> str:
        """👍 / 👎 on an answer: append it to the feedback file."""
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        for a in answers:
            if a["index"] == index:
                append_feedback(self.settings.feedback_path, {**a["record"], "rating": "👍" if data.liked else "👎"})
                return "已记录反馈，谢谢。"
        return ""

    def wrong_citation(self, answers: list[dict[str, Any]]) -> str:
        """「引用有误」 on the latest answer."""
        if not answers:
            return "还没有可反馈的回答。"
        append_feedback(self.settings.feedback_path, {**answers[-1]["record"], "rating": "引用有误"})
        return "已记录“引用有误”，谢谢。"

    def library_view(self) -> tuple[Any, ...]:
        """Table, document pickers and filter choices after the library changed."""
        import gradio as gr

        d = self.docs()
        ids = [x.doc_id for x in d]
        regions, years = filter_choices(d)
        return (library_rows(d), gr.update(choices=ids), gr.update(choices=ids),
                gr.update(choices=regions), gr.update(choices=years))

    def open_doc(self, doc_id: str | None) -> str:
        """A document's section tree and text."""
        return section_tree_markdown(self.bot.searcher.chunks_of(doc_id)) if doc_id else ""

    def write_refusal(self, token: str | None) -> str | None:
        """Why an upload or delete is refused (Chinese), or None."""
        return write_refusal(self.settings.ui_host, self.settings.admin_token, token)

    def upload(self, files: list[Any] | None, progress: Any = None, token: str | None = None) -> tuple[Any, ...]:
        """Check, copy and ingest uploaded files; report per file. Sizes are checked before any file is read."""
        refusal = self.write_refusal(token)
        if refusal:
            return (f"❌ {escape_md(refusal)}", *self.library_view())
        if not files:
            return ("请先选择文件。", *self.library_view())
        lines, ok = [], []
        tmp = Path(tempfile.mkdtemp(prefix="upload-"))
        for f in files:
            path = Path(getattr(f, "name", f))
            reason = check_upload(path, self.settings.max_upload_mb)
            if reason:
                lines.append(f"- ❌ {escape_md(reason)}")
                continue
            target = tmp / path.name
            shutil.copy(path, target)
            ok.append(target)
        added = updated = unchanged = 0
        for i, target in enumerate(ok):
            if progress is not None:
                progress((i, len(ok)), desc=f"导入 {target.name}")
            try:
                r = self.bot.ingest([target])
                added, updated, unchanged = added + r.added, updated + r.updated, unchanged + r.unchanged
                lines.append(f"- ✅ {escape_md(target.name)}：{r.chunks} 个片段")
            except ValueError as exc:
                lines.append(f"- ❌ {escape_md(str(exc))}")
        summary = f"**导入完成**：新增 {added}，更新 {updated}，未变 {unchanged}\n\n" + "\n".join(lines)
        return (summary, *self.library_view())

    def delete(self, doc_id: str | None, token: str | None = None) -> tuple[Any, ...]:
        """Delete a document and refresh the library."""
        refusal = self.write_refusal(token)
        if refusal:
            return (f"❌ {escape_md(refusal)}", *self.library_view())
        if not doc_id:
            return ("请选择要删除的文件。", *self.library_view())
        self.bot.delete(doc_id)
        return (f"已删除 {escape_md(doc_id)}", *self.library_view())


def build_app(bot: Assistant) -> Any:
    """The Gradio Blocks app over an Assistant."""
    import gradio as gr  # heavy: imports FastAPI, uvicorn and the front end

    ui = PolicyUI(bot)
    settings = bot.settings
    docs = ui.docs

    def on_like(answers: list[dict[str, Any]], data: gr.LikeData) -> str:
        return ui.on_like(answers, data)

    def upload(files: list[Any] | None, token: str | None,
               progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        return ui.upload(files, progress, token)

    regions0, years0 = filter_choices(docs())
    with gr.Blocks(title="政策问答") as app:
        gr.Markdown("# 政策问答\n基于政务公开文件回答问题，每条答案都注明出处条款；文件没有写的，直接说明未找到。")
        history = gr.State([])
        answers = gr.State([])
        with gr.Tab("问答"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="对话", height=460, buttons=["copy"], elem_id="chat",
                                         placeholder="请在下方输入问题，或点击示例问题。")
                    msg = gr.Textbox(label="问题", placeholder="例如：2019年上海市政务公开工作要点的文号是什么？",
                                     elem_id="question", lines=1)
                    with gr.Row():
                        send = gr.Button("提问", variant="primary", elem_id="send")
                        new = gr.Button("新对话", elem_id="new-chat")
                        wrong = gr.Button("引用有误", elem_id="wrong-citation")
                    feedback_msg = gr.Markdown()
                    gr.Examples(EXAMPLES, inputs=[msg], label="示例问题")
                with gr.Column(scale=2):
                    llm_ok = bot.llm_available
                    mode = gr.Radio([EXTRACTIVE, LLM] if llm_ok else [EXTRACTIVE], value=LLM if llm_ok else EXTRACTIVE,
                                    label="回答方式", elem_id="mode",
                                    info=("LLM 回答经引用核验，未通过或不可用时自动改用抽取式" if llm_ok
                                          else "未配置 LLM（LLM_BASE_URL / LLM_MODEL），使用离线抽取式回答"))
                    region_f = gr.CheckboxGroup(regions0, label="按地区筛选", elem_id="region-filter")
                    year_f = gr.CheckboxGroup(years0, label="按年份筛选", elem_id="year-filter")
                    cards = gr.HTML(label="引用条款", elem_id="cards")
            with gr.Accordion("检索到的条款（含得分）", open=False):
                sources = gr.HTML(elem_id="sources")
        with gr.Tab("文件库"):
            table = gr.Dataframe(library_rows(docs()), headers=["标题", "文号", "成文日期", "地区", "条款数", "片段数", "文档ID"],
                                 interactive=False, elem_id="library")
            with gr.Row():
                pick = gr.Dropdown([d.doc_id for d in docs()], label="查看文件", elem_id="open-doc")
                drop = gr.Dropdown([d.doc_id for d in docs()], label="删除文件", elem_id="delete-doc")
                del_btn = gr.Button("删除", variant="stop")
            files = gr.File(label=f"上传文件（{'、'.join(SUPPORTED_SUFFIXES)}，单个不超过 {settings.max_upload_mb} MB）",
                            file_count="multiple", elem_id="upload")
            up_btn = gr.Button("导入", variant="primary", elem_id="ingest")
            admin = gr.Textbox(label="管理口令（ADMIN_TOKEN，对外开放时上传和删除需要）", type="password",
                               visible=not is_loopback(settings.ui_host), elem_id="admin-token")
            report = gr.Markdown(elem_id="ingest-report")
            doc_view = gr.Markdown(elem_id="doc-view")
        outs = [msg, chatbot, history, answers, cards, sources]
        ins = [msg, chatbot, history, answers, region_f, year_f, mode]
        msg.submit(ui.respond, ins, outs)
        send.click(ui.respond, ins, outs)
        new.click(lambda: ([], [], [], "", "", ""), None, [chatbot, history, answers, cards, sources, feedback_msg])
        chatbot.like(on_like, [answers], [feedback_msg])
        wrong.click(ui.wrong_citation, [answers], [feedback_msg])
        lib_outs = [report, table, pick, drop, region_f, year_f]
        up_btn.click(upload, [files, admin], lib_outs)
        del_btn.click(ui.delete, [drop, admin], lib_outs)
        pick.change(ui.open_doc, [pick], [doc_view])

        def ask(question: str) -> dict[str, Any]:
            """Answer one question: the same JSON as `python -m assistant ask --json`."""
            try:
                return answer_to_dict(bot.ask(question))
            except ValueError as exc:
                return {"error": str(exc)}

        gr.api(ask, api_name="ask")
    return app


def main() -> None:
    """Launch the app on the configured host and port."""
    logging.basicConfig(level=logging.WARNING)
    try:
        settings = Settings.from_env()  # before importing gradio, which reads GRADIO_SERVER_PORT itself
    except SettingsError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(2)
    import gradio as gr
    if not is_loopback(settings.ui_host) and not settings.admin_token:
        log.warning("UI on %s without ADMIN_TOKEN: upload and delete are disabled", settings.ui_host)
    bot = Assistant(settings)
    _ = bot.searcher  # index the bundled corpus before the first question
    app = build_app(bot)
    print(f"政策问答已启动：http://{settings.ui_host}:{settings.ui_port}", flush=True)
    app.queue(default_concurrency_limit=4).launch(
        server_name=settings.ui_host, server_port=settings.ui_port, css=CSS, theme=gr.themes.Soft(),
        max_file_size=f"{settings.max_upload_mb}mb", footer_links=[])


if __name__ == "__main__":
    main()
