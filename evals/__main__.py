"""python -m evals [--cases FILE] [--json FILE]: our system and the plain baseline on the eval set."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from assistant.settings import PROJECT_ROOT, Settings
from evals.cases import load_cases
from evals.harness import evaluate
from evals.report import write_report

REPORT_DIR = PROJECT_ROOT / "artifacts" / "eval"

KEYS = ["hit@1", "hit@3", "hit@5", "mrr", "answer_accuracy", "citation_precision", "citation_recall",
        "refusal_precision", "refusal_recall", "refusal_accuracy", "answerable_refused", "p50_ms", "p95_ms",
        "retrieve_ms_p50", "answer_ms_p50", "index_s"]


def format_table(report: dict[str, dict[str, float]]) -> str:
    """Ours and the baseline side by side as a Markdown table."""
    lines = ["| metric | ours | baseline |", "|---|---|---|"]
    for k in KEYS:
        o, b = report["ours"].get(k, 0.0), report["baseline"].get(k, 0.0)
        lines.append(f"| {k} | {o:.3f} | {b:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the eval and print the comparison; exit 0."""
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("evals").setLevel(logging.INFO)  # one progress line per case
    logging.getLogger("assistant.llm").setLevel(logging.INFO)  # what the model said, and the verdict
    p = argparse.ArgumentParser(prog="python -m evals")
    p.add_argument("--cases", help="JSONL file of cases (default: the bundled dev set)")
    p.add_argument("--json", help="write the full report as JSON to this file")
    p.add_argument("--mode", choices=["extractive", "llm"], default="extractive",
                   help="answerer to evaluate (llm needs LLM_BASE_URL and LLM_MODEL)")
    p.add_argument("--report", default=str(REPORT_DIR), help="folder for report.md and PNG charts")
    p.add_argument("--first", type=int, help="only the first N cases of the file (a fixed subset for slow runs)")
    p.add_argument("--no-baseline", action="store_true", help="skip the plain LangChain baseline")
    p.add_argument("--workdir", help="folder for the eval's Chroma stores (reused between runs; default: a new temp dir)")
    p.add_argument("--corpus", action="append", help="folder to index instead of the bundled corpus (repeatable)")
    args = p.parse_args(argv)
    settings = Settings.from_env()
    if args.mode == "llm" and not settings.llm_configured:
        print("错误：--mode llm 需要设置 LLM_BASE_URL 和 LLM_MODEL。", file=sys.stderr)
        return 2
    cases = load_cases(args.cases)[:args.first] if args.first else load_cases(args.cases)
    report = evaluate(cases, mode=args.mode, baseline=not args.no_baseline, workdir=args.workdir,
                      corpus_dirs=args.corpus)
    print(format_table(report))
    llm = {k: v for k, v in report["ours"].items() if k.startswith(("llm_", "rejected_"))}
    if llm:
        print("\nLLM outcomes: " + ", ".join(f"{k}={v:g}" if v >= 1 or v == 0 else f"{k}={v:.3f}"
                                           for k, v in llm.items()))
    per = report["per_type"]["ours"]
    print("\nper type (ours): " + "; ".join(f"{t} acc={m['accuracy']:.2f} n={int(m['cases'])}" for t, m in per.items()))
    for f in report["failures"]:
        print(f"FAIL {f['id']} [{f['type']}] rank={f['rank']} refused={f['refused']} cited={f['cited']} "
              f"want={f['expected']} {f['question']} -> {f['answer'][:160]!r}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report, fh, ensure_ascii=False, indent=2)
    print(f"\nreport: {write_report(report, args.report, args.mode)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
