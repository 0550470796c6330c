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
        b = report["per_type"]["baseline"][t]
        parts.append(f"| {t} | {int(m['cases'])} | {m['accuracy']:.2f} | {m['hit@5']:.2f} | {m['mrr']:.2f} | "
                     f"{b['accuracy']:.2f} |")
    parts += ["", "## Failures (ours)", ""]
    parts += [f"- {f['id']} [{f['type']}] rank={f['rank']} refused={f['refused']}: {f['question']} → {f['answer'][:120]}"
              for f in report["failures"]] or ["- none"]
    parts += ["", "![metrics](metrics.png)", "", "![per type](per_type.png)", ""]
    return "\n".join(parts)


def charts(report: dict[str, Any], folder: Path) -> list[Path]:
    """Bar charts: main metrics ours vs baseline; accuracy per case type."""
    import matplotlib

    matplotlib.use("Agg")  # no display here
    import matplotlib.pyplot as plt

    paths = []
    fig, ax = plt.subplots(figsize=(10, 4))
    xs = range(len(MAIN))
    ax.bar([x - 0.2 for x in xs], [report["ours"][k] for k in MAIN], width=0.4, label="ours")
    ax.bar([x + 0.2 for x in xs], [report["baseline"][k] for k in MAIN], width=0.4, label="baseline")
    ax.set_xticks(list(xs), MAIN, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.legend()
    ax.set_title("ours vs plain LangChain baseline")
    fig.tight_layout()
    paths.append(folder / "metrics.png")
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)
    types = list(report["per_type"]["ours"])
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.bar([i - 0.2 for i in range(len(types))], [report["per_type"]["ours"][t]["accuracy"] for t in types],
           width=0.4, label="ours")
    ax.bar([i + 0.2 for i in range(len(types))], [report["per_type"]["baseline"][t]["accuracy"] for t in types],
           width=0.4, label="baseline")
    ax.set_xticks(range(len(types)), types, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.legend()
    ax.set_title("answer accuracy per case type")
    fig.tight_layout()
    paths.append(folder / "per_type.png")
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)
    return paths


def write_report(report: dict[str, Any], folder: str | Path, mode: str) -> Path:
    """Write report.md and the charts into folder; returns the report's path."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    charts(report, out)
    path = out / "report.md"
    path.write_text(markdown(report, mode), encoding="utf-8")
    return path
