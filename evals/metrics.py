"""Scoring: retrieval hit@k / MRR, key-point answer accuracy, citation precision, refusals, latency."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from evals.cases import EvalCase, Evidence


def _norm(text: str) -> str:
    """Compare texts ignoring spaces and the width of punctuation.

    Example: _norm("分值 不低于4分,") == "分值不低于4分，"
    """
    table = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？"})
    return re.sub(r"\s+", "", text).translate(table)


_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")


# How people label the parts of a document that carry no number: its header, 题注, preamble, signature.
_UNNUMBERED = re.compile(r"^(文头|题注|文号|前言|序言|(?:印发|转发|发文)?通知(?:正文|部分)?|正文开头|结尾部分?|结语段?|(?:正文)?末段|落款|署名|印发|签署)?$")
_PART = re.compile(r"^第([一二三四五六七八九十]{1,3})部分")
# The issued document named before a section of it (「方案 三、（四）」「办法 第五条」); 附件 is a place, kept.
_ISSUED_PREFIX = re.compile(r"^(?!附件)[\u4e00-\u9fa5]{1,8}\s+(?=[一二三四五六七八九十]+、|第)")
_PARAGRAPH_SUFFIX = re.compile(r"第[一二三四五六七八九十]{1,3}段$")


def _canonical_section(label: str) -> str:
    """One spelling per section: 第十部分 -> 十、; a paragraph label 第二段 is dropped; unnumbered parts -> "".

    Example: _canonical_section("第十部分第二段") == "十、"; _canonical_section("落款") == "";
    _canonical_section("方案 三、（四）") == "三、（四）"; _canonical_section("附件 二、") == "附件二、";
    _canonical_section("二、(一)") == "二、（一）"
    """
    label = _ISSUED_PREFIX.sub("", label.strip())  # 「方案 三、（四）」: section 三、（四） of the 方案 a notice issues
    label = _PARAGRAPH_SUFFIX.sub("", re.sub(r"\s", "", label))  # 「附件 二、」 is 「附件二、」
    label = re.sub(r"(?<=\d)[.．]$", "", label)  # 「三、1.」 is 「三、1」
    label = label.replace("(", "（").replace(")", "）")  # 「二、(一)」 as a text writes it is 「二、（一）」
    label = _PART.sub(lambda m: m.group(1) + "、", label)
    return "" if _UNNUMBERED.match(label) else label


def same_section(cited: str, expected: str) -> bool:
    """A citation names the expected section: the same path, or the same article at 款/项 precision.

    A part without a number (header, preamble, signature) matches whatever the case calls it (文头, 落款, 前言).
    Example: same_section("第三十三条第二款", "第三十三条") is True; same_section("五、", "五、（三）") is False
    """
    cited, expected = _canonical_section(cited), _canonical_section(expected)
    if cited == expected:
        return True
    a, b = _ARTICLE.match(cited), _ARTICLE.match(expected)
    return bool(a and b and a.group(0) == b.group(0))


@dataclass(frozen=True)
class Retrieved:
    """One retrieved unit, system-neutral: the baseline has no sections, ours does."""

    doc_id: str
    text: str
    section: str | None = None


def is_relevant(r: Retrieved, ev: Evidence) -> bool:
    """True if a retrieved unit holds the evidence: same document and the same section or the snippet."""
    if r.doc_id != ev.doc_id:
        return False
    if r.section is not None and same_section(r.section, ev.section):
        return True
    text, snippet = _norm(r.text), _norm(ev.text)
    probe = min(len(snippet), 12)
    return snippet in text or snippet[:probe] in text or snippet[-probe:] in text


def first_relevant_rank(retrieved: Sequence[Retrieved], case: EvalCase) -> int | None:
    """1-based rank of the first unit holding any evidence of the case, or None."""
    for i, r in enumerate(retrieved, 1):
        if any(is_relevant(r, ev) for ev in case.evidence):
            return i
    return None


def key_points_met(answer: str, case: EvalCase) -> bool:
    """Every key-point group has at least one of its strings in the answer.

    Example: key_points_met("分值不低于4分", case with [["4分"]]) is True
    """
    text = _norm(answer)
    return all(any(_norm(k) in text for k in group) for group in case.key_points)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    v = sorted(values)
    pos = (len(v) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


@dataclass(frozen=True)
class CaseResult:
    """What one system did on one case."""

    case: EvalCase
    rank: int | None  # first relevant rank in top-k, None if not found
    answer: str
    refused: bool
    cited: tuple[tuple[str, str], ...]  # (doc_id, section) per citation
    latency_ms: float
    stages_ms: tuple[tuple[str, float], ...] = ()  # per-stage timings (condense, retrieve, answer)
    mode: str = ""  # who wrote the answer: llm, or extractive (also an LLM answer that fell back)
    llm_outcome: str = ""  # LLM mode: answered | refused | rejected | error; "" when the model was not asked
    llm_reasons: tuple[str, ...] = ()  # why verification rejected it (figure, name, body, uncited, no_citation)

    @property
    def correct(self) -> bool:
        """Answerable: key points present and not refused. Unanswerable: refused."""
        if not self.case.answerable:
            return self.refused
        return not self.refused and key_points_met(self.answer, self.case)


def summarize(results: Sequence[CaseResult]) -> dict[str, float]:
    """Aggregate metrics over results (retrieval and accuracy over answerable cases)."""
    ans = [r for r in results if r.case.answerable]
    una = [r for r in results if not r.case.answerable]
    n = max(len(ans), 1)
    refused = [r for r in results if r.refused]
    cites = [(r, c) for r in ans for c in r.cited]
    ev_sections = [(r, (e.doc_id, e.section)) for r in ans for e in r.case.evidence]
    lat = [r.latency_ms for r in results]
    return {
        "cases": float(len(results)),
        "hit@1": sum(1 for r in ans if r.rank is not None and r.rank <= 1) / n,
        "hit@3": sum(1 for r in ans if r.rank is not None and r.rank <= 3) / n,
        "hit@5": sum(1 for r in ans if r.rank is not None and r.rank <= 5) / n,
        "mrr": sum(1 / r.rank for r in ans if r.rank) / n,
        "answer_accuracy": sum(1 for r in ans if r.correct) / n,
        "accuracy": sum(1 for r in results if r.correct) / max(len(results), 1),
        "citation_precision": (sum(1 for r, c in cites if any(c[0] == e.doc_id and same_section(c[1], e.section)
                                                              for e in r.case.evidence)) / len(cites)) if cites else 0.0,
        "citation_recall": (sum(1 for r, s in ev_sections if any(d == s[0] and same_section(c, s[1]) for d, c in r.cited))
                            / len(ev_sections)) if ev_sections else 0.0,
        "refusal_precision": (sum(1 for r in refused if not r.case.answerable) / len(refused)) if refused else 0.0,
        "refusal_recall": (sum(1 for r in una if r.refused) / len(una)) if una else 0.0,
        "refusal_accuracy": sum(1 for r in results if r.refused == (not r.case.answerable)) / max(len(results), 1),
        "answerable_refused": float(sum(1 for r in ans if r.refused)),
        "p50_ms": statistics.median(lat) if lat else 0.0,
        "p95_ms": percentile(lat, 95),
        **stage_latency(results),
        **llm_outcomes(results),
    }


def llm_outcomes(results: Sequence[CaseResult]) -> dict[str, float]:
    """LLM mode only: how often the model answered, refused, was rejected by verification (per reason) or failed.

    A rejected answer counts once under llm_rejected and once under each of its reasons (rejected_figure, ...).
    """
    asked = [r for r in results if r.llm_outcome]
    if not asked:
        return {}
    out = {"llm_asked": float(len(asked))}
    for outcome in ("answered", "refused", "rejected", "error"):
        out[f"llm_{outcome}"] = float(sum(1 for r in asked if r.llm_outcome == outcome))
    for r in asked:
        for reason in r.llm_reasons:
            out[f"rejected_{reason}"] = out.get(f"rejected_{reason}", 0.0) + 1
    answered = [r for r in asked if r.llm_outcome == "answered" and r.case.answerable]
    out["llm_answered_accuracy"] = sum(1 for r in answered if r.correct) / len(answered) if answered else 0.0
    return out


def stage_latency(results: Sequence[CaseResult]) -> dict[str, float]:
    """p50 / p95 of each answer stage, e.g. retrieve_ms_p50."""
    stages: dict[str, list[float]] = {}
    for r in results:
        for name, ms in r.stages_ms:
            stages.setdefault(name, []).append(ms)
    out: dict[str, float] = {}
    for name, values in sorted(stages.items()):
        out[f"{name}_p50"] = percentile(values, 50)
        out[f"{name}_p95"] = percentile(values, 95)
    return out
