"""Run the eval cases through our Assistant and the plain baseline, in the same run."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, replace
from typing import Any

from assistant import Assistant, Settings
from assistant.llm import LLMTrace
from evals.baseline import PlainBaseline
from evals.cases import EvalCase, load_cases
from evals.metrics import CaseResult, Retrieved, first_relevant_rank, summarize

log = logging.getLogger(__name__)


def run_ours(bot: Assistant, cases: Sequence[EvalCase], k: int = 5, mode: str = "extractive",
             traces: list[tuple[str, LLMTrace]] | None = None) -> list[CaseResult]:
    """Ask every case (with its history) and score retrieval on the standalone question.

    In LLM mode, what the model said for each case is appended to traces as (case id, LLMTrace).
    """
    seen: list[LLMTrace] = []
    if mode == "llm":
        bot.llm.trace = seen.append
    out = []
    for i, case in enumerate(cases, 1):
        before = len(seen)
        t0 = time.perf_counter()
        ans = bot.ask(case.question, history=list(case.history), mode=mode)
        ms = (time.perf_counter() - t0) * 1000
        trace = seen[-1] if len(seen) > before else None
        if trace is not None and traces is not None:
            traces.append((case.id, trace))
        # The answer carries the hits it was built from: retrieval is scored on exactly those.
        retrieved = [Retrieved(h.doc_id, h.text, h.section) for h in ans.hits[:k]]
        out.append(CaseResult(case=case, rank=first_relevant_rank(retrieved, case), answer=ans.text,
                              refused=ans.refused, cited=tuple((c.doc_id, c.section) for c in ans.citations),
                              latency_ms=ms, stages_ms=tuple(ans.timings_ms.items()), mode=ans.mode,
                              llm_outcome=trace.outcome if trace else "", llm_reasons=trace.reasons if trace else ()))
        log.info("[%d/%d] %s %s %s %.0f ms", i, len(cases), case.id, out[-1].correct and "ok" or "FAIL",
                 trace.outcome if trace else ans.mode, ms)
    return out


def run_baseline(base: PlainBaseline, cases: Sequence[EvalCase]) -> list[CaseResult]:
    """The baseline sees only the question (it has no notion of chat history)."""
    out = []
    for case in cases:
        t0 = time.perf_counter()
        chunks = base.retrieve(case.question)
        answer = base.answer(case.question, chunks)
        ms = (time.perf_counter() - t0) * 1000
        retrieved = [Retrieved(d, t) for d, t in chunks]
        out.append(CaseResult(case=case, rank=first_relevant_rank(retrieved, case), answer=answer, refused=False,
                              cited=(), latency_ms=ms))
    return out


def by_type(results: Sequence[CaseResult]) -> dict[str, dict[str, float]]:
    """Metrics per case type."""
    types = sorted({r.case.type for r in results})
    return {t: summarize([r for r in results if r.case.type == t]) for t in types}


def by_split(results: Sequence[CaseResult]) -> dict[str, dict[str, float]]:
    """Metrics per split (dev: tuned against; test: written later)."""
    splits = sorted({r.case.split for r in results})
    return {s: summarize([r for r in results if r.case.split == s]) for s in splits}


def evaluate(cases: Sequence[EvalCase] | None = None, bot: Assistant | None = None,
             workdir: str | None = None, mode: str = "extractive", baseline: bool = True,
             corpus_dirs: Sequence[str] | None = None) -> dict[str, Any]:
    """Both systems on the same cases: {"ours": {...}, "baseline": {...}, "per_type": ..., "failures": [...]}."""
    cases = list(cases or load_cases())
    work = workdir or tempfile.mkdtemp(prefix="zhengce-eval-")
    settings = replace(Settings.from_env(), chroma_path=f"{work}/ours")
    if corpus_dirs:
        settings = replace(settings, corpus_dirs=tuple(corpus_dirs))
    bot = bot or Assistant(settings)
    t0 = time.perf_counter()
    _ = bot.searcher  # index the bundled corpus if needed
    index_s = time.perf_counter() - t0
    traces: list[tuple[str, LLMTrace]] = []
    ours = run_ours(bot, cases, mode=mode, traces=traces)
    theirs: list[CaseResult] = []
    base_index_s = 0.0
    if baseline:
        base = PlainBaseline(bot.embeddings, chroma_path=f"{work}/baseline")
        t0 = time.perf_counter()
        base.index(list(bot.settings.corpus_dirs))
        base_index_s = time.perf_counter() - t0
        theirs = run_baseline(base, cases)
    failures = [{"id": r.case.id, "type": r.case.type, "question": r.case.question, "answer": r.answer,
                 "refused": r.refused, "rank": r.rank, "cited": [s for _d, s in r.cited],
                 "expected": [e.section for e in r.case.evidence]}
                for r in ours if not r.correct or (r.case.answerable and r.rank is None)]
    return {
        "ours": {**summarize(ours), "index_s": index_s},
        "baseline": {**summarize(theirs), "index_s": base_index_s},
        "per_type": {"ours": by_type(ours), "baseline": by_type(theirs)},
        "per_split": {"ours": by_split(ours), "baseline": by_split(theirs)},
        "failures": failures,
        "llm_cases": [{"id": cid, **asdict(t)} for cid, t in traces],
    }
