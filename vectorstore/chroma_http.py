"""A Chroma HttpClient whose every request has a time limit.

chromadb (1.5) builds its httpx session with `timeout=None` and offers no setting for it
(chroma-core/chroma#5805): a server that accepts connections but never answers (paused, swapping,
wedged) would hold every caller forever. We construct the client under a deadline, because the
constructor already talks to the server, then give its session a finite timeout.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)


class ChromaTimeout(TimeoutError):
    """A Chroma server did not answer in time; the message is Chinese."""


def timeout_message(where: str, timeout_s: float) -> str:
    """The Chinese message for a Chroma server that stays silent."""
    return f"向量库 Chroma 服务器（{where}）{timeout_s:g} 秒内没有响应（CHROMA_TIMEOUT），请检查服务器是否卡住或过载。"


def describe_error(exc: BaseException, where: str, timeout_s: float) -> str:
    """A short Chinese account of a failed Chroma call: timeouts said as such, other errors as they are."""
    import httpx  # a dependency of chromadb; only server mode gets here

    if isinstance(exc, (ChromaTimeout, httpx.TimeoutException)):
        return timeout_message(where, timeout_s)
    return str(exc)


def http_client(host: str, port: int, settings: Any, timeout_s: float) -> Any:
    """chromadb.HttpClient(host, port) built within timeout_s, whose requests each time out after timeout_s.

    Raises ChromaTimeout when the server does not answer in time; other connection errors propagate.
    """
    import chromadb  # heavy: starts the Rust bindings
    import httpx

    result: dict[str, Any] = {}

    def build() -> None:
        try:
            result["client"] = chromadb.HttpClient(host=host, port=port, settings=settings)
        except BaseException as exc:  # handed to the caller's thread
            result["error"] = exc

    # A daemon thread: if the server never answers, the caller leaves and the thread ends with it.
    worker = threading.Thread(target=build, name="chroma-connect", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise ChromaTimeout(timeout_message(f"http://{host}:{port}", timeout_s))
    if "error" in result:
        raise result["error"]
    client = result["client"]
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(timeout_s)
    else:  # a future chromadb that moved its session: say so rather than hang silently later
        log.warning("chromadb HttpClient has no httpx session where expected; requests are not time-limited")
    return client
