"""Markdown report and PNG charts of an eval run, written to a folder that git ignores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

MAIN = ["hit@1", "hit@3", "hit@5", "mrr", "answer_accuracy", "citation_precision", "citation_recall",
        "refusal_precision", "refusal_recall", "refusal_accuracy"]
TIMES = ["p50_ms", "p95_ms", "condense_ms_p50", "retrieve_ms_p50", "retrieve_ms_p95", "answer_ms_p50",
         "answer_ms_p95", "index_s"]


def table(rows: list[str], cols: dict[str, dict[str, float]]) -> str:
    """A Markdown table: one row per metric, one column per system or group."""
    names = list(cols)
    out = ["| metric | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for r in rows:
        out.append(f"| {r} | " + " | ".join(f"{cols[n].get(r, float('nan')):.3f}" for n in names) + " |")
    return "\n".join(out)


def markdown(report: dict[str, Any], mode: str) -> str:
    """The whole report as Markdown."""
    parts = [f"# 政策问答 eval ({mode})", "", "## Ours vs plain LangChain baseline", "",
             table(MAIN + TIMES, {"ours": report["ours"], "baseline": report["baseline"]}), "",
             "## Per split (ours)", "", table(MAIN, report["per_split"]["ours"]), "",
             "## Per case type (ours: accuracy over all cases of the type)", "",
             "| type | cases | accuracy | hit@5 | mrr | baseline accuracy |", "|---|---|---|---|---|---|"]
    for t, m in report["per_type"]["ours"].items():
        b = report["per_type"]["baseline"].get(t)
        parts.append(f"| {t} | {int(m['cases'])} | {m['accuracy']:.2f} | {m['hit@5']:.2f} | {m['mrr']:.2f} | "
                     f"{b['accuracy'] if b else float('nan'):.2f} |")
    parts += llm_section(report)
    parts += ["", "## Failures (ours)", ""]
    parts += [f"- {f['id']} [{f['type']}] rank={f['rank']} refused={f['refused']}: {f['question']} → {f['answer'][:120]}"
              for f in report["failures"]] or ["- none"]
    parts += ["", "![metrics](metrics.png)", "", "![per type](per_type.png)", ""]
    return "\n".join(parts)


def llm_section(report: dict[str, Any]) -> list[str]:
    """LLM mode: what the model did and why verification rejected it (empty list in extractive mode)."""
    ours = report["ours"]
    if not ours.get("llm_asked"):
        return []
    lines = ["", "## LLM outcomes (ours)", "",
             f"Asked {int(ours['llm_asked'])}: answered and verified {int(ours['llm_answered'])}, refused "
             f"{int(ours['llm_refused'])}, rejected by verification {int(ours['llm_rejected'])} (fell back to the "
             f"extractive answer), failed or timed out {int(ours['llm_error'])}. Accuracy of the verified LLM "
             f"answers: {ours['llm_answered_accuracy']:.3f}.", "", "| rejection reason | answers |", "|---|---|"]
    lines += [f"| {k.removeprefix('rejected_')} | {int(v)} |" for k, v in sorted(ours.items()) if k.startswith("rejected_")]
    lines += ["", "### What the model said", ""]
    lines += [f"- {c['id']} {c['outcome']} {','.join(c['reasons'])}: {c['raw'][:160]!r}" for c in report.get("llm_cases", [])]
    return lines


def _bars(labels: list[str], ours: list[float], base: list[float], title: str, path: Path) -> Path:
    """One grouped bar chart, ours beside the baseline, saved as PNG."""
    import matplotlib

    matplotlib.use("Agg")  # no display here
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4))
    xs = range(len(labels))
    ax.bar([x - 0.2 for x in xs], ours, width=0.4, label="ours")
    ax.bar([x + 0.2 for x in xs], base, width=0.4, label="baseline")
    ax.set_xticks(list(xs), labels, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.legend()
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def charts(report: dict[str, Any], folder: Path) -> list[Path]:
    """Bar charts: main metrics ours vs baseline; accuracy per case type."""
    types = list(report["per_type"]["ours"])
    per = report["per_type"]
    return [
        _bars(MAIN, [report["ours"][k] for k in MAIN], [report["baseline"].get(k, 0.0) for k in MAIN],
              "ours vs plain LangChain baseline", folder / "metrics.png"),
        _bars(types, [per["ours"][t]["accuracy"] for t in types],
              [per["baseline"].get(t, {}).get("accuracy", 0.0) for t in types],  # no baseline: --no-baseline
              "answer accuracy per case type", folder / "per_type.png"),
    ]


def write_report(report: dict[str, Any], folder: str | Path, mode: str) -> Path:
    """Write report.md and the charts into folder; returns the report's path."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    charts(report, out)
    path = out / "report.md"
    path.write_text(markdown(report, mode), encoding="utf-8")
    return path
