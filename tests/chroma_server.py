"""A real `chroma run` server on a free loopback port, for the tests that need one."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def chroma_server(folder: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """Start `chroma run` on a free port with its data in folder/srv, wait (bounded) until it listens,
    yield (port, process); stop it afterwards, resuming it first if a test paused it."""
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    with open(folder / "chroma.log", "w") as log:
        server = subprocess.Popen([str(chroma), "run", "--path", str(folder / "srv"), "--host", "127.0.0.1",
                                   "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        try:
            for _ in range(120):  # bounded wait for the port
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    time.sleep(0.5)
            else:
                raise AssertionError("chroma run did not start listening within a minute")
            yield port, server
        finally:
            os.kill(server.pid, signal.SIGCONT)
            server.terminate()
            server.wait(timeout=30)
