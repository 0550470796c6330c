"""Command line: python -m assistant ingest|ask|retrieve|chat."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from typing import Any

from assistant.core import Assistant
from assistant.settings import Settings
from assistant.types import Answer
from vectorstore.store import StoreError
from vectorstore.types import Hit


def answer_to_dict(ans: Answer) -> dict[str, Any]:
    """An Answer as JSON-ready data, with the API's field names."""
    return {
        "question": ans.question, "text": ans.text, "refused": ans.refused,
        "standalone_question": ans.standalone_question, "mode": ans.mode, "notice": ans.notice,
        "citations": [{"marker": c.marker, "doc_title": c.doc_title, "doc_number": c.doc_number,
                       "section": c.section, "quote": c.quote, "label": c.label} for c in ans.citations],
        "timings_ms": {k: round(v, 1) for k, v in ans.timings_ms.items()},
    }


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    """A Hit as JSON-ready data."""
    d = dataclasses.asdict(hit)
    d.pop("metadata")
    d["label"] = hit.label
    return d


def format_answer(ans: Answer) -> str:
    """The answer and its sources as plain text for the terminal."""
    lines = [ans.text]
    if ans.notice:
        lines.insert(0, f"（{ans.notice}）")
    for c in ans.citations:
        lines.append(f"  [{c.marker}] {c.label}：{c.quote[:80]}")
    return "\n".join(lines)


def _chat(bot: Assistant) -> int:
    print("政策问答（输入问题后回车；空行或 Ctrl-D 退出）")
    history: list[dict[str, str]] = []
    while True:
        try:
            q = input("问> ").strip()
        except EOFError:
            print()
            return 0
        except UnicodeDecodeError:
            print("错误：输入不是有效的 UTF-8 文本，请改用 UTF-8 终端后重试。")
            continue
        if not q:
            return 0
        try:
            ans = bot.ask(q, history=history)
        except ValueError as exc:
            print(f"错误：{exc}")
            continue
        print(format_answer(ans))
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": ans.text}]


def _check_utf8(text: str) -> None:
    """Refuse text that came from bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("命令行参数不是有效的 UTF-8 文本（终端编码可能是 GBK），请改用 UTF-8 后重试。") from None


def _printable(text: str) -> str:
    """Text safe to print: bytes of a non-UTF-8 file name are shown as \\xNN escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def build_parser() -> argparse.ArgumentParser:
    """The CLI's argument parser."""
    p = argparse.ArgumentParser(prog="python -m assistant", description="政策问答：基于政务公开文件的引用式问答")
    sub = p.add_subparsers(dest="command", required=True)
    ing = sub.add_parser("ingest", help="导入文件或目录")
    ing.add_argument("paths", nargs="+")
    ing.add_argument("--json", action="store_true")
    ing.add_argument("-v", "--verbose", action="store_true", help="显示写入进度")
    ask = sub.add_parser("ask", help="提问")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true")
    ret = sub.add_parser("retrieve", help="只检索，显示相关条款")
    ret.add_argument("question")
    ret.add_argument("-k", type=int, default=5, help="返回条数（1 到 50）")
    ret.add_argument("--json", action="store_true")
    rei = sub.add_parser("reindex", help="按新版解析器重新解析旧版导入的文件")
    rei.add_argument("--json", action="store_true")
    sub.add_parser("chat", help="终端多轮对话")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 partly failed ingest, 2 bad input or failure)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if getattr(args, "verbose", False):
        logging.getLogger().setLevel(logging.INFO)
    try:
        _check_utf8(getattr(args, "question", ""))
        bot = Assistant(Settings.from_env())
        if args.command in ("ingest", "reindex"):
            report = bot.ingest(args.paths) if args.command == "ingest" else bot.reindex()
            if args.json:
                print(_printable(json.dumps(report.as_dict(), ensure_ascii=False, indent=2)))
            else:
                print(f"新增 {report.added}，更新 {report.updated}，未变 {report.unchanged}，写入 {report.chunks} 个片段")
                for f, reason in report.skipped:
                    print(_printable(f"跳过 {f}：{reason}"), file=sys.stderr)
            return 1 if report.skipped else 0
        if args.command == "ask":
            ans = bot.ask(args.question)
            print(json.dumps(answer_to_dict(ans), ensure_ascii=False, indent=2) if args.json else format_answer(ans))
            return 0
        if args.command == "retrieve":
            hits = bot.retrieve(args.question, k=args.k)
            if args.json:
                print(json.dumps([hit_to_dict(h) for h in hits], ensure_ascii=False, indent=2))
            else:
                for i, h in enumerate(hits, 1):
                    print(f"{i}. {h.label}  score={h.score:.4f}\n   {h.text[:100]}")
            return 0
        return _chat(bot)
    except (ValueError, StoreError) as exc:
        print(_printable(f"错误：{exc}"), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
