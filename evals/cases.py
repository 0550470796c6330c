"""Eval cases: JSONL, one question each with key points, evidence sections and a type."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

CASES_FILE = "cases.jsonl"


@dataclass(frozen=True)
class Evidence:
    """Where the answer is: a document, a section path ("" = preamble/notice/closing) and a text snippet."""

    doc_id: str
    section: str
    text: str


@dataclass(frozen=True)
class EvalCase:
    """One question and what a correct answer must contain."""

    id: str
    type: str
    question: str
    key_points: tuple[tuple[str, ...], ...]  # every group must match; any string of a group will do
    evidence: tuple[Evidence, ...]
    answerable: bool
    history: tuple[dict[str, str], ...] = ()
    split: str = "dev"  # dev: written first and tuned against; test: written later, measured before any tuning


def _case(row: dict[str, Any]) -> EvalCase:
    return EvalCase(
        id=row["id"], type=row["type"], question=row["question"],
        key_points=tuple(tuple(g) for g in row.get("key_points", [])),
        evidence=tuple(Evidence(**e) for e in row.get("evidence", [])),
        answerable=bool(row.get("answerable", True)), history=tuple(row.get("history", [])),
        split=str(row.get("split", "dev")),
    )


def load_cases(path: str | Path | None = None) -> list[EvalCase]:
    """Cases from a JSONL file (default: the bundled eval set)."""
    if path is None:
        text = resources.files("evals").joinpath(CASES_FILE).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return [_case(json.loads(line)) for line in text.splitlines() if line.strip()]
