"""python -m evals.bench: ingest throughput, index size, retrieve/ask latency and peak memory, ours and the
plain baseline side by side, on the bundled corpus and on synthetic corpora of growing size.

`--engine` measures the storage engine instead, at 1,000 and 10,000 chunks (100,000 with --with-100k),
with a deterministic hashing embedder so that embedding does not dominate: retrieve and ask p50/p95,
ingest chunks/s excluding embedding, adding and deleting one document, opening the store in a fresh
process, peak memory; and, on the bundled corpus, ingest rate against the real embedder's own rate.

Each size runs in its own process so its peak memory is its own. Sizes above 50 are opt-in
(--sizes 5,50,500,5000): on 2 cores indexing runs at about 5.5 chunks/s (about 39 chunks per
document), so 500 documents take about 1 hour per system and 5,000 about 10 hours.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant import Assistant, Settings
from assistant.settings import BUNDLED_CORPUS, PROJECT_ROOT
from evals.baseline import PlainBaseline
from evals.metrics import percentile
from evals.synth import HashingEmbeddings, synth_name, write_corpus
from ingest.tokens import count_tokens

OUT_DIR = PROJECT_ROOT / "artifacts" / "bench"
TOPICS = ["政务公开在绩效考核中的分值不低于多少？", "推进环境保护信息公开的牵头单位是哪个？", "公共数据集开放数量目标是多少？",
          "政府信息公开工作要点的文号是什么？", "依申请公开办理工作有什么要求？", "推进财政信息公开的主要内容有哪些？"]


def _dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024 / 1024, 2)


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, because ru_maxrss survives exec on Linux and would
    report the parent's peak for a child started by subprocess."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _load() -> str:
    """The 1, 5 and 15 minute load averages, recorded beside every timing (the machine is shared)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _timed(fn: Any, questions: list[str], cpu: list[float] | None = None) -> tuple[float, float]:
    """Wall-clock p50 and p95 in ms; with `cpu`, also this process's CPU time per question is appended to it
    (on a shared machine the wall clock mostly measures the other processes)."""
    lat = []
    for q in questions:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(q)
        lat.append((time.perf_counter() - t0) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c0) * 1000)
    return round(percentile(lat, 50), 1), round(percentile(lat, 95), 1)


def _cpu_row(out: dict[str, Any], name: str, cpu: list[float]) -> None:
    out[f"{name}_cpu_p50_ms"], out[f"{name}_cpu_p95_ms"] = round(percentile(cpu, 50), 1), round(percentile(cpu, 95), 1)


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
    out["peak_rss_mb"] = _peak_rss_mb()
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


# ---- the storage engine at 1k / 10k / 100k chunks (python -m evals.bench --engine) -----------------
CHUNKS_PER_DOC = 38.6  # synthetic documents are the bundled ones rewritten: about this many chunks each
ONE_PAGE = ("2031年新增市政务公开工作要点\n一、总体要求\n（一）推进口袋公园信息公开。年内公开口袋公园321处。（牵头单位:市绿化局）\n"
            "（二）推进充电桩信息公开。每季度公布一次充电桩建设情况。（牵头单位:市交通委）\n"
            "二、保障措施\n（一）加强组织领导。各区要明确分管领导和工作机构，确保任务落实。\n")


class TimedEmbeddings(Embeddings):
    """Wraps an embedder and adds up the time it spends on passages, so ingest can be measured without it."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.texts = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed and count the time."""
        t0 = time.perf_counter()
        out = self.inner.embed_documents(texts)
        self.seconds += time.perf_counter() - t0
        self.texts += len(texts)
        return out

    def embed_query(self, text: str) -> list[float]:
        """Not counted: queries are not part of ingest."""
        return self.inner.embed_query(text)


def engine_open(db: str) -> dict[str, Any]:
    """Open an existing store in a fresh process: time until the catalog is served, and memory."""
    t0 = time.perf_counter()
    bot = Assistant(Settings(chroma_path=db, index_bundled_corpus=False), embeddings=HashingEmbeddings())
    docs = len(bot.documents())
    open_s = time.perf_counter() - t0
    bot.retrieve(TOPICS[0])
    return {"open_s": round(open_s, 2), "open_docs": docs,
            "open_rss_mb": _peak_rss_mb()}


LAW_CHARS_PER_CHUNK = 121  # LawRefBook/Laws files: characters per chunk (40 random files at 400 tokens)
LAW_QUESTIONS = ["行政处罚的种类有哪些？", "专属经济区的范围是多少海里？", "民间借贷的利率上限是多少？",
                 "劳动合同应当具备哪些条款？", "处理个人信息应当取得个人同意吗？", "政府信息公开申请应当包括哪些内容？",
                 "部门规章由谁签署公布？", "违反本法规定的由谁责令改正？", "未成年人的监护人应当履行哪些职责？",
                 "环境影响评价文件由谁审批？", "食品生产经营者应当建立什么制度？", "第十条规定了什么？"]


def write_law_corpus(laws: Path, folder: Path, chunks: int) -> tuple[Path, int]:
    """Copy LawRefBook/Laws files (a fixed random sample, all folders) into folder until they hold about
    `chunks` chunks; returns the folder and the number of files."""
    import random

    files = sorted(p for p in laws.rglob("*.md") if p.name != "_index.md")
    random.Random(12).shuffle(files)
    folder.mkdir(parents=True, exist_ok=True)
    chars = n = 0
    for n, f in enumerate(files, 1):
        text = f.read_text(encoding="utf-8")
        (folder / f"{n:05d}_{f.name}").write_text(text, encoding="utf-8")
        chars += len(text)
        if chars >= chunks * LAW_CHARS_PER_CHUNK:
            break
    return folder, n


def _build(chunks: int, folder: Path, laws: Path | None = None) -> dict[str, Any]:
    """Write a corpus of about `chunks` chunks into folder/corpus (synthetic, or real laws from a LawRefBook/Laws
    checkout) and ingest it into folder/db with the hashing embedder; the ingest figures are kept in
    folder/built.json, so a cached store is built once."""
    if laws is None:
        n_docs = max(1, round(chunks / CHUNKS_PER_DOC))
        corpus = write_corpus(folder / "corpus", n_docs)
    else:
        corpus, n_docs = write_law_corpus(laws, folder / "corpus", chunks)
    emb = TimedEmbeddings(HashingEmbeddings())
    bot = Assistant(Settings(chroma_path=str(folder / "db"), index_bundled_corpus=False), embeddings=emb)
    t0 = time.perf_counter()
    bot.ingest([corpus])
    ingest_s = time.perf_counter() - t0
    out: dict[str, Any] = {"embedder": "hashing (not semantic)", "corpus": "laws" if laws else "synthetic",
                           "documents": n_docs,
                           "chunks": bot.searcher.library.total_chunks, "ingest_s": round(ingest_s, 1),
                           "embed_s": round(emb.seconds, 1), "build_peak_rss_mb": _peak_rss_mb()}
    out["ingest_chunks_per_s_excl_embedding"] = round(out["chunks"] / max(ingest_s - emb.seconds, 1e-9), 1)
    (folder / "built.json").write_text(json.dumps(out), encoding="utf-8")
    return out


def engine_one(chunks: int, cache: Path | None = None, laws: Path | None = None) -> dict[str, Any]:
    """Build a store of about `chunks` chunks with the hashing embedder and measure the engine on it.

    With `cache`, the store is built once in cache/synthetic-<chunks> and reused by later runs (its ingest
    figures are those of the run that built it); without, it is built in a temporary folder and removed.
    """
    kind = "laws" if laws else "synthetic"
    work = cache / f"{kind}-{chunks}" if cache else Path(tempfile.mkdtemp(prefix=f"zhengce-engine-{chunks}-"))
    if cache and (work / "built.json").exists():
        out = json.loads((work / "built.json").read_text(encoding="utf-8"))
        out["cached_store"] = str(work)
    else:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        out = _build(chunks, work, laws)
    n_docs = int(out["documents"])
    emb = TimedEmbeddings(HashingEmbeddings())
    db = str(work / "db")
    bot = Assistant(Settings(chroma_path=db, index_bundled_corpus=False), embeddings=emb)
    names = [synth_name(i) for i in range(min(n_docs, 5))]
    questions = LAW_QUESTIONS * 3 if laws else [f"{n}{t}" for n in names for t in TOPICS] + TOPICS
    bot.ask(questions[0])  # warm
    cpu_r: list[float] = []
    cpu_a: list[float] = []
    out["retrieve_p50_ms"], out["retrieve_p95_ms"] = _timed(bot.retrieve, questions, cpu_r)
    out["ask_p50_ms"], out["ask_p95_ms"] = _timed(bot.ask, questions, cpu_a)
    _cpu_row(out, "retrieve", cpu_r)
    _cpu_row(out, "ask", cpu_a)
    page = work / "one" / "新增文件.txt"
    page.parent.mkdir(exist_ok=True)
    page.write_text(ONE_PAGE, encoding="utf-8")
    count_tokens("预热", bot.settings.tiktoken_cache_dir)  # the tokenizer loads once per process, not per document
    before = emb.seconds
    t0 = time.perf_counter()
    report = bot.ingest([page])
    out["add_one_doc_s"] = round(time.perf_counter() - t0 - (emb.seconds - before), 3)
    out["add_one_doc_embed_s"] = round(emb.seconds - before, 3)
    t0 = time.perf_counter()
    bot.delete(report.documents[0])
    out["delete_one_doc_s"] = round(time.perf_counter() - t0, 3)
    out["peak_rss_mb"] = max(_peak_rss_mb(), float(out.get("build_peak_rss_mb", 0)))  # building or measuring
    res = subprocess.run([sys.executable, "-m", "evals.bench", "--engine-open", db], capture_output=True, text=True,
                         check=True)
    out.update(json.loads(res.stdout.strip().splitlines()[-1]))
    out["store_mb"] = _dir_mb(work / "db")
    out["load_avg"] = _load()
    if not cache:
        shutil.rmtree(work, ignore_errors=True)
    return out


class RecordingEmbeddings(TimedEmbeddings):
    """A TimedEmbeddings that also keeps every batch of passages it was given, to replay them later."""

    def __init__(self, inner: Embeddings) -> None:
        super().__init__(inner)
        self.batches: list[list[str]] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed, count the time and keep the batch."""
        self.batches.append(list(texts))
        return super().embed_documents(texts)


def _ingest_bundled(emb: Embeddings, with_clauses: bool = True) -> tuple[float, int]:
    """(seconds, chunks) to ingest the bundled corpus into a new store: parse, chunk, embed, write."""
    work = Path(tempfile.mkdtemp(prefix="zhengce-side-"))
    try:
        bot = Assistant(Settings(chroma_path=str(work / "db"), index_bundled_corpus=False), embeddings=emb)
        bot.store.with_clauses = with_clauses
        _ = bot.searcher
        t0 = time.perf_counter()
        report = bot.ingest([BUNDLED_CORPUS])
        return time.perf_counter() - t0, report.chunks
    finally:
        shutil.rmtree(work, ignore_errors=True)


def embedder_side_by_side(rounds: int = 1) -> dict[str, Any]:
    """Ingest against the configured (real) embedder's own rate on the same texts, in one process and run.

    Each round: (1) ingest the bundled corpus, recording every batch the embedder gets (chunks and clause
    vectors); (2) the bare embedder on exactly those batches; (3) ingest again without clause vectors.
    ratio = ingest rate / embedder rate = (2) / (1); clause cost = (1) / (3). The medians of the rounds
    are reported, with the load average beside each phase (the machine is shared). On a loaded machine
    (1) and (2) drift apart by tens of percent; embedding_share_of_ingest (the embedder's time inside
    (1) over (1)) is the same ratio timed in one go, and does not drift.
    """
    from vectorstore.embeddings import make_embeddings

    raw = make_embeddings(Settings(index_bundled_corpus=False).embedding_model)
    raw.embed_documents(["预热"])  # load the model outside every timing
    phases: list[dict[str, Any]] = []
    for _ in range(rounds):
        rec = RecordingEmbeddings(raw)
        load0 = _load()
        ingest_s, chunks = _ingest_bundled(rec)
        load1 = _load()
        t0 = time.perf_counter()
        for batch in rec.batches:
            raw.embed_documents(batch)
        own_s = time.perf_counter() - t0
        load2 = _load()
        plain_s, _ = _ingest_bundled(TimedEmbeddings(raw), with_clauses=False)
        phases.append({"chunks": chunks, "texts_embedded": rec.texts, "ingest_s": round(ingest_s, 1),
                       "embedder_own_s": round(own_s, 1), "ingest_without_clauses_s": round(plain_s, 1),
                       "ratio": round(own_s / ingest_s, 3), "clause_cost": round(ingest_s / plain_s, 2),
                       # the same ratio from one timing: embedder time inside the ingest / the ingest's time
                       "embedding_share_of_ingest": round(rec.seconds / ingest_s, 3),
                       "load": [load0, load1, load2, _load()]})
    mid = sorted(phases, key=lambda p: p["ratio"])[len(phases) // 2]
    chunks = mid["chunks"]
    return {"chunks": chunks, "texts_embedded": mid["texts_embedded"],
            "ingest_chunks_per_s": round(chunks / mid["ingest_s"], 2),
            "embedder_chunks_per_s": round(chunks / mid["embedder_own_s"], 2),
            "ingest_to_embedder_ratio": mid["ratio"],
            "embedding_share_of_ingest": sorted(p["embedding_share_of_ingest"] for p in phases)[len(phases) // 2],
            "clause_cost_ratio": sorted(p["clause_cost"] for p in phases)[len(phases) // 2], "rounds": phases}


def engine_chart(rows: list[dict[str, Any]], folder: Path) -> Path:
    """Latency, write times and memory against the number of chunks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = sorted(rows, key=lambda r: r["chunks"])
    xs = [r["chunks"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(14, 4))
    for key in ("retrieve_p50_ms", "retrieve_p95_ms", "ask_p50_ms", "ask_p95_ms"):
        axes[0].plot(xs, [r[key] for r in rows], marker="o", label=key)
    for key in ("add_one_doc_s", "delete_one_doc_s", "open_s"):
        axes[1].plot(xs, [r[key] for r in rows], marker="o", label=key)
    axes[2].plot(xs, [r["peak_rss_mb"] for r in rows], marker="o", label="peak_rss_mb (build)")
    axes[2].plot(xs, [r["open_rss_mb"] for r in rows], marker="o", label="rss_mb (open + 1 question)")
    for ax, title in zip(axes, ("latency (ms)", "seconds", "memory (MB)"), strict=True):
        ax.set_xscale("log")
        ax.set_xlabel("chunks (hashing embedder)")
        ax.set_title(title)
        ax.legend(fontsize=7)
    fig.tight_layout()
    path = folder / "engine_vs_chunks.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def engine_main(sizes: list[int], cache: Path | None = None, rounds: int = 1, laws: Path | None = None) -> int:
    """Each size in its own process (its own peak memory); then the embedder share; a table, JSON, a chart."""
    rows = []
    for size in sizes:
        cmd = [sys.executable, "-m", "evals.bench", "--engine-one", str(size)] + (["--cache", str(cache)] if cache else [])
        cmd += ["--laws", str(laws)] if laws else []
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    keys = ["corpus", "chunks", "retrieve_p50_ms", "retrieve_p95_ms", "ask_p50_ms", "ask_p95_ms", "retrieve_cpu_p95_ms",
            "ask_cpu_p95_ms",
            "ingest_chunks_per_s_excl_embedding", "add_one_doc_s", "delete_one_doc_s", "open_s", "peak_rss_mb",
            "open_rss_mb", "load_avg"]
    print("\nembedder: hashing (deterministic, not a semantic model)")
    print("| " + " | ".join(keys) + " |\n|" + "---|" * len(keys))
    for r in rows:
        print("| " + " | ".join(str(r.get(k, "synthetic")) for k in keys) + " |")
    if laws:  # the real-text rows: no embedder comparison (it is about the bundled corpus)
        return 0
    share = embedder_side_by_side(rounds)
    print(f"\nbundled corpus, configured embedder, side by side: ingest {share['ingest_chunks_per_s']} chunks/s, "
          f"embedder alone on the same {share['texts_embedded']} texts {share['embedder_chunks_per_s']} chunks/s, "
          f"ratio {share['ingest_to_embedder_ratio']} (need >= 0.85; embedding share of the ingest "
          f"{share['embedding_share_of_ingest']}); clause vectors cost "
          f"{share['clause_cost_ratio']}x the ingest without them (need <= 1.5)")
    print(json.dumps(share, ensure_ascii=False))
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    name = "engine-" + "-".join(str(s) for s in sizes) + ".json"
    (OUT_DIR / name).write_text(json.dumps({"rows": rows, "embedder_share": share}, ensure_ascii=False, indent=2),
                                encoding="utf-8")
    print(f"chart: {engine_chart(rows, OUT_DIR)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run every size and system in a child process; print a table, write JSON and a chart."""
    logging.basicConfig(level=logging.WARNING)
    p = argparse.ArgumentParser(prog="python -m evals.bench")
    p.add_argument("--sizes", default="5,50", help="comma-separated document counts (5 = bundled corpus)")
    p.add_argument("--systems", default="ours,baseline")
    p.add_argument("--one", nargs=2, metavar=("SIZE", "SYSTEM"), help=argparse.SUPPRESS)
    p.add_argument("--json", help="also write the rows to this file")
    p.add_argument("--engine", action="store_true",
                   help="benchmark the storage engine at 1k and 10k chunks with a hashing embedder")
    p.add_argument("--with-100k", action="store_true", help="with --engine: also 100k chunks (about an hour)")
    p.add_argument("--engine-one", type=int, help="with --cache: measure one size (chunks) only")
    p.add_argument("--engine-sizes", default="1000,10000", help="with --engine: chunk counts (comma-separated)")
    p.add_argument("--laws", type=Path, help="with --engine: real text instead of synthetic documents, from this "
                   "checkout of github.com/LawRefBook/Laws (a fixed sample of its files per size)")
    p.add_argument("--cache", type=Path, help="with --engine: build each store once in this folder and reuse it")
    p.add_argument("--engine-open", help=argparse.SUPPRESS)
    p.add_argument("--side-by-side", action="store_true",
                   help="only the bundled-corpus ingest against the real embedder's own rate (and clause cost)")
    p.add_argument("--side-rounds", type=int, default=1, help="rounds of the side-by-side measurement (median)")
    args = p.parse_args(argv)
    if args.engine_one:
        print(json.dumps(engine_one(args.engine_one, args.cache, args.laws)))
        return 0
    if args.engine_open:
        print(json.dumps(engine_open(args.engine_open)))
        return 0
    if args.engine:
        sizes = [int(x) for x in args.engine_sizes.split(",")]
        return engine_main(sizes + ([100000] if args.with_100k else []), args.cache, args.side_rounds, args.laws)
    if args.side_by_side:
        print(json.dumps(embedder_side_by_side(args.side_rounds), ensure_ascii=False))
        return 0
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
