"""Past chats kept in the browser (gr.BrowserState, i.e. localStorage, encrypted with a key kept on the
server): a list of {id, title, time, turns}, newest first. Pure functions over that list.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from assistant.webui.turns import Turn

Chat = dict[str, Any]
MAX_CHATS = 50


def chat_title(turns: list[Turn]) -> str:
    """A chat's title: its first question, cut to 24 characters.

    Example: chat_title([{"question": "成都市的牵头单位？"}]) == "成都市的牵头单位？"
    """
    q = str(turns[0]["question"]) if turns else "（空对话）"
    return q if len(q) <= 24 else q[:24] + "…"


def upsert_chat(chats: list[Chat], chat_id: str, turns: list[Turn]) -> list[Chat]:
    """The list with this chat saved (moved to the front); an empty chat is not saved."""
    rest = [c for c in chats or [] if c.get("id") != chat_id]
    if not turns:
        return rest
    chat = {"id": chat_id, "title": chat_title(turns), "time": time.strftime("%Y-%m-%d %H:%M"), "turns": turns}
    return [chat, *rest][:MAX_CHATS]


def delete_chat(chats: list[Chat], chat_id: str | None) -> list[Chat]:
    """The list without this chat."""
    return [c for c in chats or [] if c.get("id") != chat_id]


def find_chat(chats: list[Chat], chat_id: str | None) -> Chat | None:
    """The chat with this id, or None."""
    return next((c for c in chats or [] if c.get("id") == chat_id), None)


def chat_choices(chats: list[Chat]) -> list[tuple[str, str]]:
    """Dropdown choices (label, id): time and title, newest first."""
    return [(f"{c.get('time', '')} {c.get('title', '')}", str(c["id"])) for c in chats or []]


def new_chat_id() -> str:
    """A fresh chat id."""
    return secrets.token_hex(6)


def browser_secret(folder: str | Path) -> str:
    """The key BrowserState encrypts history with, kept in a file so chats survive a server restart."""
    p = Path(folder) / "browser-history.key"
    if not p.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(secrets.token_hex(16), encoding="utf-8")
    return p.read_text(encoding="utf-8").strip()
