"""The web page over the Assistant API: chat, library, task list, retrieval test (Gradio).

The modules other than `app` are pure or plain Python and import no Gradio, so they test without a server.
"""

from assistant.webui.chat import ChatActions
from assistant.webui.library import LibraryActions, is_loopback, write_refusal
from assistant.webui.style import CSS

__all__ = ["CSS", "ChatActions", "LibraryActions", "build_app", "is_loopback", "write_refusal"]


def build_app(bot: object) -> object:
    """The Gradio app over an Assistant (imports Gradio, which is heavy, only here)."""
    from assistant.webui.app import build_app as build

    return build(bot)
