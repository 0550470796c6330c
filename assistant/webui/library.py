"""The 文件库 tab: the document table and pickers read from the API on every load, a collapsible section
tree, upload, and delete with a confirmation step. Upload and delete need ADMIN_TOKEN beyond loopback.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ingest.loaders import SUPPORTED_SUFFIXES
from vectorstore.scope import DocInfo
from vectorstore.store import StoredChunk

HEADERS = ["标题", "文号", "成文日期", "地区", "条款数", "片段数", "文档ID"]
KIND_NAMES = {"notice": "通知", "preamble": "前言", "closing": "结语"}


def library_rows(docs: Sequence[DocInfo]) -> list[list[Any]]:
    """Rows of the library table: title, 文号, date, region, sections, chunks, id."""
    return [[d.title, d.doc_number or "（无）", d.date or "（未载明）", d.region or "", d.sections, d.chunks, d.doc_id]
            for d in sorted(docs, key=lambda d: (d.year or 0, d.doc_id))]


def doc_choices(docs: Sequence[DocInfo]) -> list[tuple[str, str]]:
    """Dropdown choices (shown label, doc_id): 《title》（文号）.

    Example: a document titled 甲 with 文号 X号 shows as "《甲》（X号）".
    """
    return [(f"《{d.title}》" + (f"（{d.doc_number}）" if d.doc_number else ""), d.doc_id)
            for d in sorted(docs, key=lambda d: (d.year or 0, d.doc_id))]


def filter_choices(docs: Sequence[DocInfo]) -> tuple[list[str], list[str]]:
    """Region and year choices built from the corpus metadata."""
    regions = sorted({d.region for d in docs if d.region} | {d.parent_region for d in docs if d.parent_region})
    years = sorted({str(d.year) for d in docs if d.year})
    return regions, years


def filtered_doc_ids(docs: Sequence[DocInfo], regions: Sequence[str], years: Sequence[str]) -> list[str] | None:
    """Documents the chat may use under the filters; None when no filter is set."""
    if not regions and not years:
        return None
    return [d.doc_id for d in docs
            if (not regions or d.region in regions or d.parent_region in regions)
            and (not years or str(d.year) in years)]


CONTAINERS = {"part", "chapter", "bian", "jie", "notice", "preamble", "closing", "appendix"}


def _tree_nodes(chunks: Sequence[StoredChunk]) -> list[tuple[int, bool, str, list[str]]]:
    """(level, is_container, title, texts) per section in reading order; appendix rows under one 附件 node."""
    nodes: list[tuple[int, bool, str, list[str]]] = []
    index: dict[str, int] = {}
    for c in chunks:
        m = c.metadata
        section, kind = str(m.get("section", "")), str(m.get("kind", ""))
        key = f"{section}|{kind}"
        if key not in index:
            if kind == "appendix_row" and "|appendix" not in index:
                index["|appendix"] = len(nodes)
                nodes.append((1, True, "附件", []))
            name = section or KIND_NAMES.get(kind, "正文")
            heading = str(m.get("heading", ""))
            title = f"{name} {heading}".strip() if heading and heading not in name else name
            level = max(1, int(m.get("level", 1) or 1))
            index[key] = len(nodes)
            nodes.append((level, kind in CONTAINERS, title, []))
        nodes[index[key]][3].append(c.text)
    return nodes


def section_tree_html(chunks: Sequence[StoredChunk]) -> str:
    """A document as a collapsible tree: parts/chapters (and 节) hold their items/articles; each node opens
    to its own text. Appendix rows sit under one 附件 node."""
    out: list[str] = []
    open_levels: list[int] = []
    for level, container, title, texts in _tree_nodes(chunks):
        while open_levels and open_levels[-1] >= level:
            open_levels.pop()
            out.append("</div></details>")
        body = "".join(f"<p>{html.escape(t)}</p>" for t in texts)
        cls = "part" if container else "item"
        out.append(f'<details class="node {cls}"><summary>{html.escape(title)}</summary>'
                   f'<div class="node-text">{body}</div>')
        if container:
            out.append('<div class="children">')
            open_levels.append(level)
        else:
            out.append("</details>")
    out.extend("</div></details>" for _ in open_levels)
    return "".join(out) or "<p>（该文件没有内容）</p>"


def check_upload(path: str | Path, max_mb: int) -> str | None:
    """A Chinese reason to refuse an uploaded file, or None. Only the size on disk is read, never the file."""
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


class LibraryActions:
    """Upload and delete over the Assistant API; each returns a Chinese report line (Markdown-safe)."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.settings = bot.settings

    def refusal(self, token: str | None) -> str | None:
        """Why a write is refused here (Chinese), or None."""
        return write_refusal(self.settings.ui_host, getattr(self.settings, "admin_token", None), token)

    def upload(self, files: list[Any] | None, token: str | None = None, progress: Any = None) -> str:
        """Check, copy and ingest uploaded files; report per file. Sizes are checked before any file is read."""
        refusal = self.refusal(token)
        if refusal:
            return f"❌ {refusal}"
        if not files:
            return "请先选择文件。"
        lines, ok = [], []
        tmp = Path(tempfile.mkdtemp(prefix="upload-"))
        for f in files:
            path = Path(getattr(f, "name", f))
            reason = check_upload(path, self.settings.max_upload_mb)
            if reason:
                lines.append(f"- ❌ {reason}")
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
                lines.append(f"- ✅ {target.name}：{r.chunks} 个片段")
            except ValueError as exc:
                lines.append(f"- ❌ {exc}")
        return f"导入完成：新增 {added}，更新 {updated}，未变 {unchanged}\n" + "\n".join(lines)

    def delete(self, doc_id: str | None, token: str | None = None) -> str:
        """Delete one confirmed document."""
        refusal = self.refusal(token)
        if refusal:
            return f"❌ {refusal}"
        if not doc_id:
            return "请选择要删除的文件。"
        known = {d.doc_id: d.title for d in self.bot.documents()}
        if doc_id not in known:
            return "该文件已不在文件库中。"
        self.bot.delete(doc_id)
        return f"已删除《{known[doc_id]}》。"
