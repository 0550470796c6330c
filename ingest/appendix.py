"""Appendix tables (附件, tab-separated, header rows repeated across pages) -> one Section per row."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ingest.types import Section

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TableSpan:
    """Where an appendix table sits in the cleaned lines, and its title."""

    start: int  # first line of the appendix block (附件 line or title)
    header: int  # the first header row
    title: str


def find_table(lines: list[str]) -> TableSpan | None:
    """Locate the first tab-separated table with a 序号 header and the title lines just above it."""
    header = next((i for i, ln in enumerate(lines) if "\t" in ln and ln.split("\t")[0].strip() == "序号"), None)
    if header is None:
        return None
    start, title = header, "附件"
    while start > 0:
        prev = lines[start - 1]
        if prev.startswith("附件") or (len(prev) <= 40 and prev.endswith("表") and "。" not in prev):
            start -= 1
            if prev.endswith("表") and title == "附件":
                title = prev.split("：", 1)[-1].split(":", 1)[-1]
        else:
            break
    return TableSpan(start=start, header=header, title=title)


def _columns(header_cells: list[str]) -> dict[str, int]:
    """Map roles (number, task, lead, deadline) to column indexes by header wording."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(header_cells):
        if "序号" in cell:
            roles["number"] = i
        elif "牵头" in cell or "责任" in cell:
            roles.setdefault("lead", i)
        elif "时限" in cell or "时间" in cell:
            roles["deadline"] = i
        else:
            roles.setdefault("task", i)
    return roles


def parse_table(lines: list[str], span: TableSpan, offsets: list[int]) -> list[Section]:
    """Rows of the table after span.header; repeated headers skipped, wrapped rows joined."""
    header_line = lines[span.header]
    cells_h = [c.strip() for c in header_line.split("\t")]
    roles = _columns(cells_h)
    rows: list[tuple[list[str], int, int]] = []  # cells, first line, last line
    for i in range(span.header + 1, len(lines)):
        ln = lines[i]
        cells = [c.strip() for c in ln.split("\t")]
        if ln == header_line or cells == cells_h:
            continue
        if re.fullmatch(r"\d{1,3}", cells[0]) and len(cells) >= 2:
            rows.append((cells, i, i))
        elif rows and len(rows[-1][0]) < len(cells_h):
            prev_cells, first, _ = rows[-1]
            prev_cells[-1] += cells[0]
            prev_cells.extend(cells[1:])
            rows[-1] = (prev_cells, first, i)
        else:
            log.debug("line after table ignored: %s", ln[:30])
    sections = []
    for cells, first, last in rows:
        def cell(role: str, cells: list[str] = cells) -> str:
            idx = roles.get(role)
            return cells[idx] if idx is not None and idx < len(cells) else ""
        number = int(cell("number"))
        lead, deadline, task = cell("lead"), cell("deadline"), cell("task")
        extra = "；".join(p for p in (f"牵头单位：{lead}" if lead else "", f"完成时限：{deadline}" if deadline else "") if p)
        text = task + (f"（{extra}）" if extra else "")
        sections.append(Section(
            path=f"附件（序号{number}）", heading=span.title, text=text, level=9, kind="appendix_row",
            headings=(span.title,), lead=lead or None, deadline=deadline or None, row_number=number,
            start=offsets[first], end=offsets[last] + len(lines[last]),
        ))
    return sections
