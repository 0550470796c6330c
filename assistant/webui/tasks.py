"""任务清单: every task with its 牵头单位, 责任单位 and 完成时限, across all documents.

Tasks come from two places in the chunk metadata: appendix rows (kind "appendix_row", with lead and
deadline columns) and items whose text carries a (牵头单位：…；责任单位：…) note (metadata "lead").
"""

from __future__ import annotations

import csv
import html
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vectorstore.store import StoredChunk

TASK_HEADERS = ["文件", "年份", "地区", "条款", "任务", "牵头单位", "责任单位", "完成时限", "出处"]
# Units may hold balanced brackets themselves: 各区(市)县政府.
_RESPONSIBLE = re.compile(r"责任单位[:：]\s*((?:[^;；()（）]|[(（][^()（）]*[)）])+)")
_NOTE = re.compile(r"[（(]\s*牵头单位[:：][^）)]*[）)]")
_ROW_TAIL = re.compile(r"[（(]?\s*(牵头单位|完成时限)[:：].*$")


@dataclass(frozen=True)
class Task:
    """One task of one document, with the clause it is read from."""

    doc_title: str
    year: str
    region: str
    section: str
    task: str
    lead: str
    responsible: str
    deadline: str
    citation: str  # 《title》（文号）section
    doc_id: str = ""
    clause: str = ""
    order: int = 0


def _task_text(c: StoredChunk) -> str:
    m = c.metadata
    if m.get("kind") == "appendix_row":
        text = re.sub(r"^\s*\d+\s*", "", c.text.strip())
        return _ROW_TAIL.sub("", text).strip("；; ")
    heading = str(m.get("heading", "")).strip()
    if heading:
        return heading
    first = re.split(r"(?<=[。；])", _NOTE.sub("", c.text).strip())[0]
    return first[:80]


def tasks_from_chunks(chunks: Iterable[StoredChunk]) -> list[Task]:
    """The tasks in chunks: appendix rows and items with a 牵头单位 note, one per section, in reading order.

    Example: an item "（一）推进行政职权信息公开。…（牵头单位:市政府法制办;责任单位:各区(市)县政府）" gives
    Task(task="推进行政职权信息公开", lead="市政府法制办", responsible="各区(市)县政府", deadline="（未载明）").
    """
    out: list[Task] = []
    seen: set[tuple[str, str]] = set()
    for order, c in enumerate(chunks):
        m = c.metadata
        lead = str(m.get("lead") or "").strip()
        if not lead:
            continue
        key = (str(m.get("doc_id", "")), str(m.get("section", "")))
        if key in seen:
            continue
        seen.add(key)
        number = str(m.get("doc_number") or "")
        section = str(m.get("section", ""))
        resp = _RESPONSIBLE.search(c.text)
        out.append(Task(
            doc_title=str(m.get("title", "")), year=str(m.get("year") or ""), region=str(m.get("region") or ""),
            section=section, task=_task_text(c), lead=lead, responsible=resp.group(1).strip() if resp else "",
            deadline=str(m.get("deadline") or "").strip() or "（未载明）",
            citation=f"《{m.get('title', '')}》" + (f"（{number}）" if number else "") + section,
            doc_id=key[0], clause=c.text, order=order))
    return out


def filter_tasks(tasks: Sequence[Task], doc_id: str | None = None, year: str | None = None,
                 region: str | None = None, unit: str | None = None, sort: str = "文件顺序") -> list[Task]:
    """Tasks of one document / year / region, naming a unit (in 牵头 or 责任单位), sorted."""
    unit = (unit or "").strip()
    rows = [t for t in tasks if (not doc_id or t.doc_id == doc_id) and (not year or t.year == year)
            and (not region or t.region == region) and (not unit or unit in t.lead or unit in t.responsible)]
    if sort == "牵头单位":
        rows.sort(key=lambda t: (t.lead, t.order))
    elif sort == "完成时限":
        rows.sort(key=lambda t: (t.deadline == "（未载明）", t.deadline, t.order))
    else:
        rows.sort(key=lambda t: (t.year, t.doc_id, t.order))
    return rows


def task_row(t: Task) -> list[str]:
    """A task as a table row in TASK_HEADERS order."""
    return [t.doc_title, t.year, t.region, t.section, t.task, t.lead, t.responsible, t.deadline, t.citation]


SHOWN = ["任务", "牵头单位", "责任单位", "完成时限", "年份", "地区", "出处（点击查看条款）"]


def tasks_table_html(tasks: Sequence[Task]) -> str:
    """The task table (the document is named in 出处); each row's 出处 opens to the clause it cites."""
    if not tasks:
        return "<p>没有符合条件的任务。</p>"
    head = "".join(f"<th>{h}</th>" for h in SHOWN)
    rows = []
    for t in tasks:
        cells = (f"<td class='task'>{html.escape(t.task)}</td><td>{html.escape(t.lead)}</td>"
                 f"<td>{html.escape(t.responsible)}</td><td class='short'>{html.escape(t.deadline)}</td>"
                 f"<td class='short'>{html.escape(t.year)}</td><td class='short'>{html.escape(t.region)}</td>")
        cite = (f"<td class='cite'><details><summary>{html.escape(t.citation)}</summary>"
                f"<div class='clause'>{html.escape(t.clause)}</div></details></td>")
        rows.append(f"<tr>{cells}{cite}</tr>")
    return f"<div class='task-wrap'><table class='tasks'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"


def write_csv(tasks: Sequence[Task], path: str | Path) -> Path:
    """The tasks as CSV (UTF-8 with BOM, so Excel reads the Chinese)."""
    p = Path(path)
    with p.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([*TASK_HEADERS, "条款原文"])
        for t in tasks:
            w.writerow([*task_row(t), t.clause])
    return p


def write_xlsx(tasks: Sequence[Task], path: str | Path) -> Path:
    """The tasks as an Excel sheet with a header row."""
    from openpyxl import Workbook  # only when exporting

    wb = Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append([*TASK_HEADERS, "条款原文"])
    for t in tasks:
        ws.append([*task_row(t), t.clause])
    for col, width in zip("ABCDEFGHIJ", (30, 6, 8, 12, 50, 30, 30, 12, 50, 60), strict=True):
        ws.column_dimensions[col].width = width
    p = Path(path)
    wb.save(str(p))
    return p


class TaskList:
    """The 任务清单 tab over the Assistant: read every document's chunks, filter, show, export."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    def all_tasks(self) -> list[Task]:
        """Tasks of every indexed document (read fresh, so uploads show up)."""
        docs = sorted(self.bot.documents(), key=lambda d: (d.year or 0, d.doc_id))
        return tasks_from_chunks(c for d in docs for c in self.bot.searcher.chunks_of(d.doc_id))

    def view(self, doc_id: str | None, year: str | None, region: str | None, unit: str | None,
             sort: str | None) -> tuple[str, str]:
        """(count line, table HTML) under the filters."""
        rows = filter_tasks(self.all_tasks(), doc_id, year, region, unit, sort or "文件顺序")
        return f"<p>共 {len(rows)} 项任务</p>", tasks_table_html(rows)

    def export(self, doc_id: str | None, year: str | None, region: str | None, unit: str | None,
               sort: str | None) -> list[str]:
        """The filtered tasks as .xlsx and .csv files."""
        rows = filter_tasks(self.all_tasks(), doc_id, year, region, unit, sort or "文件顺序")
        folder = Path(tempfile.mkdtemp(prefix="tasks-"))
        return [str(write_xlsx(rows, folder / "任务清单.xlsx")), str(write_csv(rows, folder / "任务清单.csv"))]


