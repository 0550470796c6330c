"""检索测试: type a query, see the ranked clauses with a readable relevance and why each matched.

Uses the Assistant's own search (the same retrieval the answers use); nothing here changes it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from assistant.webui.relevance import hits_html


class RetrievalTest:
    """The 检索测试 tab: one query, optionally one document, k results."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    def run(self, query: str | None, doc_id: str | None, k: float | int = 8) -> str:
        """The ranked clauses as HTML, or a Chinese message for an empty or invalid query."""
        from assistant.query import validate_question

        try:
            q = validate_question(query or "")
        except ValueError as exc:
            return f"<p>{exc}</p>"
        k = max(1, min(50, int(k)))
        searcher = self.bot.searcher
        if doc_id:
            # The chosen document replaces whatever documents the query itself names.
            hits = searcher.search(q, k=k, scope=replace(searcher.scope(q), doc_ids=(doc_id,)))
        else:
            hits = self.bot.retrieve(q, k=k)
        return f"<p>共 {len(hits)} 条，按检索排序：</p>" + hits_html(q, hits)
