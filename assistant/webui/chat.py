"""The chat's handlers over the Assistant API: ask (streamed), feedback per answer and per [n], new chat.

Turns live in the browser (a list of JSON turns); history for follow-ups is built from them, so
what the page shows and what the answerer reads can never differ.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.query import MAX_QUESTION_CHARS
from assistant.types import Answer
from assistant.webui.library import filtered_doc_ids
from assistant.webui.render import transcript_html
from assistant.webui.turns import Turn, chat_history, filter_note, turn_from_answer

log = logging.getLogger(__name__)

EXTRACTIVE = "抽取式（离线）"
LLM = "大模型（LLM）"


def stream_pieces(text: str, size: int = 12) -> Iterator[str]:
    """Growing prefixes of text, for showing an answer as it arrives.

    Example: list(stream_pieces("abcde", 2)) == ["ab", "abcd", "abcde"]
    """
    for end in range(size, len(text) + size, size):
        yield text[:end]


def question_problem(message: str | None) -> str | None:
    """A Chinese reason not to send a question (empty or too long), or None; checked before any bubble.

    Example: question_problem("  ") == "请输入问题。"
    """
    q = (message or "").strip()
    if not q:
        return "请输入问题。"
    if len(q) > MAX_QUESTION_CHARS:
        return f"问题太长（{len(q)} 字），请精简到 {MAX_QUESTION_CHARS} 字以内；原文仍保留在输入框中。"
    return None


def feedback_record(turn: Turn, rating: str, marker: int | None = None) -> dict[str, Any]:
    """One line of the feedback file: enough to turn it into an eval case later."""
    rec: dict[str, Any] = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "rating": rating, "question": turn["question"],
        "standalone_question": turn.get("standalone", ""), "answer": turn["text"], "refused": turn["refused"],
        "citations": [{k: c.get(k) for k in ("marker", "doc_id", "doc_title", "doc_number", "section", "quote")}
                      for c in turn.get("citations", [])]}
    if marker is not None:
        rec["wrong_marker"] = marker
        rec["wrong_citation"] = next((c["label"] for c in turn.get("citations", []) if c["marker"] == marker), "")
    return rec


def append_feedback(path: str | Path, record: dict[str, Any]) -> None:
    """Append one JSON line to the feedback file, creating its folder."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")


class ChatActions:
    """Ask and feedback. Each `respond` step yields (box text, turns, transcript HTML, status, last question, hits)."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.settings = bot.settings

    def respond(self, message: str, turns: list[Turn], regions: list[str], years: list[str],
                mode: str = EXTRACTIVE) -> Iterator[tuple[Any, ...]]:
        """Validate, ask, stream the answer into a pending turn, then keep it with its citations.

        An empty or too-long question adds nothing and stays in the box with a Chinese message.
        """
        turns = list(turns or [])
        problem = question_problem(message)
        if problem:
            yield message, turns, transcript_html(turns), problem, None
            return
        question = message.strip()
        regions, years = list(regions or []), list(years or [])
        pending: Turn = {"question": question, "text": ""}
        yield "", turns, transcript_html(turns, pending), "", None
        ans: Answer | None = None
        try:
            doc_ids = filtered_doc_ids(self.bot.documents(), regions, years)
            history = chat_history(turns)
            if mode == LLM:
                streamed = ""
                for event in self.bot.stream(question, history=history, doc_ids=doc_ids, mode="llm"):
                    if isinstance(event, str):  # LLM tokens as they arrive
                        streamed += event
                        yield "", turns, transcript_html(turns, {**pending, "text": streamed}), "", None
                    else:
                        ans = event
            else:
                ans = self.bot.ask(question, history=history, doc_ids=doc_ids, mode="extractive")
        except ValueError as exc:  # an error is a status line, not an answer: no feedback buttons on it
            yield message, turns, transcript_html(turns), f"⚠️ {exc}", None
            return
        assert ans is not None
        if mode != LLM:
            for piece in stream_pieces(ans.text, 24):
                yield "", turns, transcript_html(turns, {**pending, "text": piece}), "", None
        turns = [*turns, turn_from_answer(question, ans, filter_note(regions, years))]
        yield "", turns, transcript_html(turns), "", ans

    def feedback(self, turns: list[Turn], action: str, turn: int, marker: int | None) -> str:
        """👍 / 👎 on one answer, or 「引用有误」 on one [n] of one answer: append it to the feedback file."""
        if not (0 <= turn < len(turns or [])):
            return "找不到这条回答。"
        t = turns[turn]
        if action == "wrong":
            append_feedback(self.settings.feedback_path, feedback_record(t, "引用有误", marker))
            return f"已记录：第 {turn + 1} 个回答的引用[{marker}]有误，谢谢。"
        rating = "👍" if action == "up" else "👎"
        append_feedback(self.settings.feedback_path, feedback_record(t, rating))
        return f"已记录对第 {turn + 1} 个回答的反馈（{rating}），谢谢。"
