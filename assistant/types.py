"""What the assistant returns: an Answer made of text and the Citations behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from vectorstore.types import Hit


@dataclass(frozen=True)
class Citation:
    """One cited section: `[marker]` in the answer text points here."""

    marker: int
    doc_id: str
    doc_title: str
    doc_number: str | None
    section: str  # "五、（三）"; "" for the preamble / the document as a whole
    quote: str  # the sentence(s) of the section that carry the answer
    heading: str = ""
    chunk_id: str = ""
    section_text: str = ""  # the whole chunk the quote comes from, for source cards

    @property
    def label(self) -> str:
        """《title》（文号）section."""
        num = f"（{self.doc_number}）" if self.doc_number else ""
        return f"《{self.doc_title}》{num}{self.section}"


@dataclass(frozen=True)
class Answer:
    """A grounded answer, or a refusal that says why."""

    question: str
    text: str
    refused: bool
    citations: tuple[Citation, ...] = ()
    hits: tuple[Hit, ...] = ()
    standalone_question: str = ""  # the follow-up rewritten with its history
    mode: str = "extractive"
    notice: str | None = None  # e.g. "LLM 不可用，已改用抽取式回答"
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False)
