"""A chat turn as plain JSON: what the page keeps per answer (in the browser and in the history list).

An `Answer` holds Hits and timings the page does not need; a turn keeps the question, the answer text
and its citations, so every answer keeps its own sources after later questions and after a reload.
"""

from __future__ import annotations

import uuid
from typing import Any

from assistant.types import Answer, Citation

Turn = dict[str, Any]


def citation_dict(c: Citation) -> dict[str, Any]:
    """A citation as JSON, with its formal label 《title》（文号）section."""
    return {"marker": c.marker, "doc_id": c.doc_id, "doc_title": c.doc_title, "doc_number": c.doc_number,
            "section": c.section, "quote": c.quote, "heading": c.heading, "chunk_id": c.chunk_id,
            "section_text": c.section_text, "label": c.label}


def turn_from_answer(question: str, ans: Answer, filter_note: str = "") -> Turn:
    """One turn: the user's question and the answer with its citations.

    filter_note names the region/year filter a refusal was made under ("" when none).
    """
    return {"id": uuid.uuid4().hex[:12], "question": question, "text": ans.text, "refused": ans.refused,
            "notice": ans.notice or "", "filter_note": filter_note if ans.refused else "",
            "standalone": ans.standalone_question, "mode": ans.mode,
            "citations": [citation_dict(c) for c in ans.citations]}


def chat_history(turns: list[Turn]) -> list[dict[str, str]]:
    """The history the Assistant reads for follow-ups: user and assistant messages, oldest first.

    Example: chat_history([{"question": "q", "text": "a"}]) == [{"role": "user", "content": "q"},
    {"role": "assistant", "content": "a"}]
    """
    out: list[dict[str, str]] = []
    for t in turns:
        out += [{"role": "user", "content": str(t["question"])}, {"role": "assistant", "content": str(t["text"])}]
    return out


def filter_note(regions: list[str], years: list[str]) -> str:
    """The filter in words, for a refusal made under it ("" when there is no filter).

    Example: filter_note(["上海市"], ["2013"]) == "地区：上海市；年份：2013年"
    """
    parts = []
    if regions:
        parts.append("地区：" + "、".join(regions))
    if years:
        parts.append("年份：" + "、".join(f"{y}年" for y in years))
    return "；".join(parts)
