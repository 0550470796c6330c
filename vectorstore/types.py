"""What retrieval returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk, best first in a result list."""

    chunk_id: str
    doc_id: str
    text: str
    doc_title: str
    doc_number: str | None
    section: str  # "五、（三）", "附件（序号5）", "" for preamble
    heading: str
    score: float  # fused rank score (higher is better)
    dense_score: float = 0.0  # cosine similarity of the question and the chunk
    keyword_score: float = 0.0  # BM25
    metadata: dict[str, str | int | float | bool] = field(default_factory=dict, compare=False)

    @property
    def label(self) -> str:
        """《title》（文号）section, how an answer cites this hit."""
        num = f"（{self.doc_number}）" if self.doc_number else ""
        return f"《{self.doc_title}》{num}{self.section}"
