"""python -m evals.bench: ingest throughput, index size, retrieve/ask latency and peak memory, ours and the
plain baseline side by side, on the bundled corpus and on synthetic corpora of growing size.

Each size runs in its own process so its peak memory is its own. Sizes above 50 are opt-in
(--sizes 5,50,500,5000): on 2 cores indexing runs at about 5.5 chunks/s (about 39 chunks per
document), so 500 documents take about 1 hour per system and 5,000 about 10 hours.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant import Assistant, Settings
from assistant.settings import BUNDLED_CORPUS, PROJECT_ROOT
from evals.baseline import PlainBaseline
from evals.metrics import percentile
from evals.synth import synth_name, write_corpus

OUT_DIR = PROJECT_ROOT / "artifacts" / "bench"
TOPICS = ["政务公开在绩效考核中的分值不低于多少？", "推进环境保护信息公开的牵头单位是哪个？", "公共数据集开放数量目标是多少？",
          "政府信息公开工作要点的文号是什么？", "依申请公开办理工作有什么要求？", "推进财政信息公开的主要内容有哪些？"]


def _dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024 / 1024, 2)


def _timed(fn: Any, questions: list[str]) -> tuple[float, float]:
    lat = []
    for q in questions:
        t0 = time.perf_counter()
        fn(q)
        lat.append((time.perf_counter() - t0) * 1000)
    return round(percentile(lat, 50), 1), round(percentile(lat, 95), 1)


def run_one(size: int, system: str) -> dict[str, Any]:
    """Index a corpus of `size` documents (5 = the bundled corpus) with one system and measure it."""
    work = Path(tempfile.mkdtemp(prefix=f"zhengce-bench-{size}-"))
    corpus = Path(BUNDLED_CORPUS) if size == 5 else write_corpus(work / "corpus", size)
    names = ["上海市", "成都市"] if size == 5 else [synth_name(i) for i in range(min(size, 5))]
    questions = [f"{n}{t}" for n in names for t in TOPICS]
    out: dict[str, Any] = {"system": system, "documents": size}
    t0 = time.perf_counter()
    if system == "ours":
        bot = Assistant(Settings(chroma_path=str(work / "db"), corpus_dirs=(str(corpus),)))
        _ = bot.searcher
        out["index_s"] = round(time.perf_counter() - t0, 1)
        out["chunks"] = bot.store.count()
        bot.ask(questions[0])  # warm
        out["retrieve_p50_ms"], out["retrieve_p95_ms"] = _timed(bot.retrieve, questions)
        out["ask_p50_ms"], out["ask_p95_ms"] = _timed(bot.ask, questions)
    else:
        base = PlainBaseline(Assistant(Settings(index_bundled_corpus=False)).embeddings, str(work / "db"))
        out["chunks"] = base.index([corpus])
        out["index_s"] = round(time.perf_counter() - t0, 1)
        base.retrieve(questions[0])
        out["retrieve_p50_ms"], out["retrieve_p95_ms"] = _timed(base.retrieve, questions)
        out["ask_p50_ms"], out["ask_p95_ms"] = _timed(lambda q: base.answer(q, base.retrieve(q)), questions)
    out["chunks_per_s"] = round(out["chunks"] / max(out["index_s"], 1e-9), 2)
    out["index_mb"] = _dir_mb(work / "db")
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def chart(rows: list[dict[str, Any]], folder: Path) -> Path:
    """Index time and ask p50 against corpus size, ours and baseline."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    for system in ("ours", "baseline"):
        pts = sorted((r["documents"], r) for r in rows if r["system"] == system)
        xs = [d for d, _ in pts]
        for ax, key in zip(axes, ("index_s", "ask_p50_ms", "peak_rss_mb"), strict=True):
            ax.plot(xs, [r[key] for _, r in pts], marker="o", label=system)
            ax.set_xscale("log")
            ax.set_xlabel("documents")
            ax.set_title(key)
    axes[0].legend()
    fig.tight_layout()
    path = folder / "cost_vs_size.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main(argv: list[str] | None = None) -> int:
    """Run every size and system in a child process; print a table, write JSON and a chart."""
    logging.basicConfig(level=logging.WARNING)
    p = argparse.ArgumentParser(prog="python -m evals.bench")
    p.add_argument("--sizes", default="5,50", help="comma-separated document counts (5 = bundled corpus)")
    p.add_argument("--systems", default="ours,baseline")
    p.add_argument("--one", nargs=2, metavar=("SIZE", "SYSTEM"), help=argparse.SUPPRESS)
    p.add_argument("--json", help="also write the rows to this file")
    args = p.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1])))
        return 0
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        for system in args.systems.split(","):
            t0 = time.perf_counter()
            res = subprocess.run([sys.executable, "-m", "evals.bench", "--one", str(size), system],
                                 capture_output=True, text=True, check=True)
            row = json.loads(res.stdout.strip().splitlines()[-1])
            row["wall_s"] = round(time.perf_counter() - t0, 1)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "bench.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"chart: {chart(rows, OUT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
