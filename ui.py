"""Entry point of the web page: python ui.py.

Host and port come from UI_HOST / UI_PORT (or Gradio's GRADIO_SERVER_NAME / GRADIO_SERVER_PORT),
default 127.0.0.1:7860. Served beyond loopback, upload and delete need ADMIN_TOKEN.
The page itself lives in the package assistant.webui (one module per part of the page).
"""

from __future__ import annotations

import logging
import sys

from assistant import Assistant, Settings
from assistant.webui import CSS, build_app, is_loopback, write_refusal

__all__ = ["build_app", "is_loopback", "main", "write_refusal"]

log = logging.getLogger(__name__)


def main() -> None:
    """Launch the app on the configured host and port."""
    logging.basicConfig(level=logging.WARNING)
    try:
        settings = Settings.from_env()  # before importing gradio, which reads GRADIO_SERVER_PORT itself
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(2)
    import gradio as gr

    if not is_loopback(settings.ui_host) and not getattr(settings, "admin_token", None):
        log.warning("UI on %s without ADMIN_TOKEN: upload and delete are disabled", settings.ui_host)
    bot = Assistant(settings)
    _ = bot.searcher  # index the bundled corpus before the first question
    app = build_app(bot)
    print(f"政策问答已启动：http://{settings.ui_host}:{settings.ui_port}", flush=True)
    app.queue(default_concurrency_limit=4).launch(  # type: ignore[attr-defined]
        server_name=settings.ui_host, server_port=settings.ui_port, css=CSS, theme=gr.themes.Soft(),
        max_file_size=f"{settings.max_upload_mb}mb", footer_links=[])


if __name__ == "__main__":
    main()
