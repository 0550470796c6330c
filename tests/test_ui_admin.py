"""Write actions in the UI (upload, delete): a token beyond loopback, sizes checked before reading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant import Settings
from assistant.webui.library import LibraryActions, is_loopback, write_refusal
from vectorstore.scope import DocInfo

ROOT = Path(__file__).resolve().parent.parent


def test_loopback_and_refusals():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("policy.example")
    assert write_refusal("127.0.0.1", None, None) is None
    assert "未设置 ADMIN_TOKEN" in (write_refusal("0.0.0.0", None, "x") or "")
    assert "管理口令不正确" in (write_refusal("0.0.0.0", "s3cret", None) or "")
    assert "管理口令不正确" in (write_refusal("0.0.0.0", "s3cret", "wrong") or "")
    assert write_refusal("0.0.0.0", "s3cret", " s3cret ") is None


class FakeBot:
    """Records what the UI asked of it; documents() is all the library view needs."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.calls: list[tuple[str, Any]] = []

    def documents(self) -> list[Any]:
        return [DocInfo("a", "甲", None, None, None, None)]

    def ingest(self, paths: list[Path]) -> Any:
        self.calls.append(("ingest", [p.name for p in paths]))
        return SimpleNamespace(added=1, updated=0, unchanged=0, chunks=1)

    def delete(self, doc_id: str) -> None:
        self.calls.append(("delete", doc_id))


@pytest.fixture
def upload_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("2030年测试市政务公开工作要点\n", encoding="utf-8")
    return f


def test_write_actions_need_the_token_beyond_loopback(upload_file):
    bot = FakeBot(Settings(ui_host="0.0.0.0", admin_token="s3cret"))
    ui = LibraryActions(bot)
    assert "管理口令不正确" in ui.upload([str(upload_file)], "")
    assert "管理口令不正确" in ui.delete("a", "guess")
    assert bot.calls == []  # nothing read, ingested or deleted
    assert "导入完成" in ui.upload([str(upload_file)], "s3cret")
    assert "已删除" in ui.delete("a", "s3cret")
    assert bot.calls == [("ingest", ["a.txt"]), ("delete", "a")]
    open_bot = FakeBot(Settings(ui_host="0.0.0.0"))
    assert "上传和删除已停用" in LibraryActions(open_bot).upload([str(upload_file)], "anything")
    local = FakeBot(Settings())
    assert "导入完成" in LibraryActions(local).upload([str(upload_file)])
    assert local.calls == [("ingest", ["a.txt"])]


def test_oversized_upload_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # a sparse 2 GB file: refusing it must not read it
        fh.truncate(2 * 1024 ** 3)
    bot = FakeBot(Settings(max_upload_mb=1))
    read: list[str] = []
    monkeypatch.setattr("shutil.copy", lambda *a, **k: read.append(str(a[0])))
    out = LibraryActions(bot).upload([str(big)])
    assert "文件过大" in out and "2048.0 MB" in out and read == [] and bot.calls == []


def test_ui_refuses_malformed_settings_in_chinese():
    env = {**os.environ, "GRADIO_SERVER_PORT": "http"}
    r = subprocess.run([sys.executable, "ui.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "GRADIO_SERVER_PORT='http' 不是有效的整数" in r.stderr and "Traceback" not in r.stderr
