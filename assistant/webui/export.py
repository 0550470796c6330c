"""An answer or a whole chat as Markdown or Word (.docx), with formal citations:
《title》（文号）section and the quoted clause.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from assistant.webui.turns import Turn

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~<])")


def md_escape(text: str) -> str:
    """Escape Markdown syntax so document text shows literally in any Markdown viewer.

    Example: md_escape("<b>*x*</b>") == "\\\\<b\\\\>\\\\*x\\\\*\\\\</b\\\\>"
    """
    return _MD_SPECIAL.sub(r"\\\1", text)


def citation_lines(turn: Turn) -> list[str]:
    """The formal citations of one answer: "[n] 《title》（文号）section：“quote”".

    Example: [1] 《2019年上海市政务公开工作要点》（沪府办发〔2019〕7号）六、（一）：“且分值不低于4分。”
    """
    return [f"[{c['marker']}] {c['label']}：“{str(c.get('quote', '')).strip()}”" for c in turn.get("citations", [])]


def turns_markdown(turns: Sequence[Turn], title: str = "政策问答记录") -> str:
    """A chat (or one answer) as Markdown: question, answer, then its sources with quoted clauses."""
    out = [f"# {md_escape(title)}", ""]
    for i, t in enumerate(turns, 1):
        out += [f"## 问题 {i}：{md_escape(str(t['question']))}", ""]
        if t.get("refused"):
            why = f"（筛选：{t['filter_note']}）" if t.get("filter_note") else ""
            out += [f"**未找到依据**{md_escape(why)}", ""]
        for line in str(t["text"]).splitlines():
            out.append(("- " + md_escape(line[2:])) if line.startswith("- ") else md_escape(line))
        out.append("")
        cites = citation_lines(t)
        if cites:
            out += ["**出处**", ""] + [f"{n}. {md_escape(c)}" for n, c in enumerate(cites, 1)] + [""]
    return "\n".join(out).rstrip() + "\n"


def turns_docx(turns: Sequence[Turn], path: str | Path, title: str = "政策问答记录") -> Path:
    """A chat (or one answer) as a Word document with the same content as the Markdown."""
    from docx import Document  # heavy import, only when exporting

    doc = Document()
    doc.add_heading(title, level=1)
    for i, t in enumerate(turns, 1):
        doc.add_heading(f"问题 {i}：{t['question']}", level=2)
        if t.get("refused"):
            doc.add_paragraph("未找到依据" + (f"（筛选：{t['filter_note']}）" if t.get("filter_note") else ""))
        for line in str(t["text"]).splitlines():
            if line.startswith("- "):
                doc.add_paragraph(line[2:], style="List Bullet")
            elif line.strip():
                doc.add_paragraph(line)
        cites = citation_lines(t)
        if cites:
            doc.add_paragraph("出处：")
            for c in cites:
                doc.add_paragraph(c, style="List Number")
    p = Path(path)
    doc.save(str(p))
    return p


def export_files(turns: Sequence[Turn], stem: str, title: str = "政策问答记录") -> list[str]:
    """Write the Markdown and .docx of turns into a fresh temp folder; returns both paths."""
    folder = Path(tempfile.mkdtemp(prefix="export-"))
    md = folder / f"{stem}.md"
    md.write_text(turns_markdown(turns, title), encoding="utf-8")
    docx = turns_docx(turns, folder / f"{stem}.docx", title)
    return [str(md), str(docx)]
