"""python -m evals.bench: index time, ask/retrieve latency (p50/p95) on a warm Assistant, peak memory."""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import tempfile
import time

from assistant import Assistant, Settings
from evals.cases import load_cases
from evals.metrics import percentile


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark numbers (and optionally write them as JSON)."""
    logging.basicConfig(level=logging.WARNING)
    p = argparse.ArgumentParser(prog="python -m evals.bench")
    p.add_argument("--rounds", type=int, default=3, help="passes over the eval questions")
    p.add_argument("--json", help="write the numbers to this file")
    args = p.parse_args(argv)
    work = tempfile.mkdtemp(prefix="zhengce-bench-")
    bot = Assistant(Settings(chroma_path=work))
    t0 = time.perf_counter()
    _ = bot.searcher  # parse, chunk, embed and store the bundled corpus
    index_s = time.perf_counter() - t0
    chunks = bot.store.count()
    cold = Assistant(Settings(chroma_path=work))
    t0 = time.perf_counter()
    _ = cold.searcher  # open an existing index: rebuild BM25 from the store
    open_s = time.perf_counter() - t0
    questions = [c for c in load_cases()]
    bot.ask(questions[0].question)  # warm-up: loads jieba and the model
    ask_ms: list[float] = []
    ret_ms: list[float] = []
    for _round in range(args.rounds):
        for c in questions:
            t0 = time.perf_counter()
            bot.ask(c.question, history=list(c.history))
            ask_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            bot.retrieve(c.question)
            ret_ms.append((time.perf_counter() - t0) * 1000)
    out = {
        "index_bundled_corpus_s": round(index_s, 2), "chunks": chunks,
        "chunks_per_s": round(chunks / index_s, 1), "open_existing_index_s": round(open_s, 2),
        "ask_p50_ms": round(percentile(ask_ms, 50), 1), "ask_p95_ms": round(percentile(ask_ms, 95), 1),
        "retrieve_p50_ms": round(percentile(ret_ms, 50), 1), "retrieve_p95_ms": round(percentile(ret_ms, 95), 1),
        "asks": len(ask_ms), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    for k, v in out.items():
        print(f"{k}: {v}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
