"""python -m evals.load: concurrent questions against one Assistant and against the Gradio server.

Prints throughput, p50/p95 latency and errors. Loopback only; bounded by --threads x --per-thread.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from assistant import Assistant, Settings
from evals.cases import load_cases
from evals.metrics import percentile

ROOT = Path(__file__).resolve().parent.parent


def hammer(ask: Callable[[str], Any], questions: list[str], threads: int, per_thread: int) -> dict[str, float]:
    """threads workers each ask per_thread questions; returns throughput, latency and error counts."""
    lat: list[float] = []
    errors = 0

    def worker(w: int) -> None:
        nonlocal errors
        for i in range(per_thread):
            q = questions[(w * per_thread + i) % len(questions)]
            t0 = time.perf_counter()
            try:
                ask(q)
            except Exception:  # counted, reported
                errors += 1
            lat.append((time.perf_counter() - t0) * 1000)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(worker, range(threads)))
    wall = time.perf_counter() - t0
    return {"requests": threads * per_thread, "errors": errors, "seconds": round(wall, 1),
            "qps": round(threads * per_thread / wall, 1), "p50_ms": round(percentile(lat, 50), 1),
            "p95_ms": round(percentile(lat, 95), 1)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    """Run both load tests and print their numbers."""
    logging.basicConfig(level=logging.WARNING)
    p = argparse.ArgumentParser(prog="python -m evals.load")
    p.add_argument("--threads", type=int, default=16)
    p.add_argument("--per-thread", type=int, default=50)
    args = p.parse_args(argv)
    work = tempfile.mkdtemp(prefix="zhengce-load-")
    bot = Assistant(Settings(chroma_path=work))
    _ = bot.searcher
    questions = [c.question for c in load_cases() if not c.history]
    bot.ask(questions[0])
    print("assistant:", hammer(bot.ask, questions, args.threads, args.per_thread), flush=True)

    from gradio_client import Client

    port = _free_port()
    env = {**os.environ, "CHROMA_PATH": work, "UI_PORT": str(port)}
    server = subprocess.Popen([sys.executable, "ui.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(240):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        client.predict(questions[0], api_name="/ask")

        def ask_http(q: str) -> Any:
            result = client.predict(q, api_name="/ask")
            if "error" in result:
                raise RuntimeError(result["error"])
            return result

        print("gradio server:", hammer(ask_http, questions, args.threads, args.per_thread), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
