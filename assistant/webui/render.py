"""Pure HTML for the chat: every answer with its [n] links, its own source cards under it, copy and feedback.

All document and user text goes through `html.escape`; the only tags are the ones written here.
The page's JavaScript (CHAT_JS) reads `data-*` attributes: copy uses the plain answer text, and the
feedback buttons send {action, turn, marker} back to Python.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from assistant.webui.turns import Turn

_MARKER = re.compile(r"\[(\d{1,3})\]")


def esc(text: object) -> str:
    """Escape text for HTML content and attributes.

    Example: esc('<b>"x"</b>') == "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"
    """
    return html.escape(str(text), quote=True)


def link_markers(escaped: str, turn: int, markers: set[int]) -> str:
    """Turn [n] in already-escaped text into a link to answer `turn`'s card n (unknown n stay text).

    Example: link_markers("甲。[1]", 0, {1}) == '甲。<a class="cite" href="#t0-c1" data-turn="0" data-marker="1">[1]</a>'
    """
    def repl(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n not in markers:
            return m.group(0)
        return f'<a class="cite" href="#t{turn}-c{n}" data-turn="{turn}" data-marker="{n}">[{n}]</a>'

    return _MARKER.sub(repl, escaped)


def answer_body_html(text: str, turn: int, markers: set[int]) -> str:
    """The answer text as HTML: lines starting with "- " become a list, other lines paragraphs, [n] links.

    Example: answer_body_html("要求：\\n- 甲[1]\\n- 乙", 0, set()) == "<p>要求：</p><ul><li>甲[1]</li><li>乙</li></ul>"
    """
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(("- ", "• ")):
            items.append(link_markers(esc(stripped[2:].strip()), turn, markers))
        else:
            flush()
            out.append(f"<p>{link_markers(esc(stripped), turn, markers)}</p>")
    flush()
    return "".join(out)


def highlight(section_text: str, quote: str) -> str:
    """Escaped section text with the quoted phrase wrapped in <mark>.

    Example: highlight("甲<乙>。丙。", "丙。") == "甲&lt;乙&gt;。<mark>丙。</mark>"
    """
    body = html.escape(section_text)
    q = html.escape(quote.strip())
    if q and q in body:
        return body.replace(q, f"<mark>{q}</mark>", 1)
    return body


def card_html(turn: int, c: dict[str, Any]) -> str:
    """One source card: [n] 《title》（文号）section, the clause with the quote marked, 「引用有误」 for this [n]."""
    n = int(c["marker"])
    text = str(c.get("section_text") or c.get("quote") or "")
    section = str(c.get("section") or "") or "（正文前言/文件整体）"
    heading = f" · {esc(c['heading'])}" if c.get("heading") else ""
    return (f'<div class="card" id="t{turn}-c{n}" tabindex="-1">'
            f'<div class="label">[{n}] {esc(c.get("label", ""))}</div>'
            f'<div class="path">条款：<span class="section-path">{esc(section)}</span>{heading}</div>'
            f'<div class="quote">“<mark>{esc(str(c.get("quote", "")).strip())}</mark>”</div>'
            f"<details><summary>查看条款全文</summary><p>{highlight(text, str(c.get('quote', '')))}</p></details>"
            f'<button class="act wrong" data-action="wrong" data-turn="{turn}" data-marker="{n}" '
            f'aria-label="报告引用[{n}]有误">引用有误</button></div>')


def turn_html(i: int, t: Turn, pending: bool = False) -> str:
    """One question and its answer, followed directly by that answer's source cards."""
    q = f'<div class="msg user" aria-label="问题：{esc(t["question"])}"><p>{esc(t["question"])}</p></div>'
    cites = list(t.get("citations") or [])
    markers = {int(c["marker"]) for c in cites}
    body = answer_body_html(str(t.get("text", "")), i, markers)
    notice = f'<p class="notice">{esc(t["notice"])}</p>' if t.get("notice") else ""
    head = ""
    if t.get("refused"):
        why = f"在当前筛选（{esc(t['filter_note'])}）范围内" if t.get("filter_note") else "现有文件中"
        head = f'<p class="refusal"><strong>⚠️ 未找到依据</strong>：{why}没有能回答该问题的条款。</p>'
        if t.get("filter_note"):
            head += '<p class="refusal">可以取消右侧的地区/年份筛选后再问。</p>'
    if pending:
        return f'<div class="turn" id="turn-{i}">{q}<div class="msg bot pending" aria-busy="true">{body or "<p>检索中…</p>"}</div></div>'
    plain = str(t.get("text", ""))
    tools = (f'<div class="tools"><button class="act copy" data-copy="{esc(plain)}" aria-label="复制回答">复制</button>'
             f'<button class="act up" data-action="up" data-turn="{i}" aria-label="有帮助">👍</button>'
             f'<button class="act down" data-action="down" data-turn="{i}" aria-label="没有帮助">👎</button>'
             f'<button class="act export" data-action="export" data-turn="{i}" aria-label="导出此回答">导出</button></div>')
    cards = "".join(card_html(i, c) for c in cites)
    sources = f'<div class="cards" aria-label="第{i + 1}个回答的出处">{cards}</div>' if cards else ""
    return (f'<div class="turn" id="turn-{i}">{q}<div class="msg bot" aria-label="回答：{esc(plain)}">'
            f"{notice}{head}{body}{tools}</div>{sources}</div>")


def transcript_html(turns: Sequence[Turn], pending: Turn | None = None) -> str:
    """The whole chat: each turn with its cards; `pending` is the answer still arriving."""
    if not turns and pending is None:
        return '<div class="transcript"><div class="empty">请在下方输入问题，或点击示例问题。每条回答都注明出处条款。</div></div>'
    parts = [turn_html(i, t) for i, t in enumerate(turns)]
    if pending is not None:
        parts.append(turn_html(len(turns), pending, pending=True))
    # The scrolling box is ours: Gradio's wrapper does not clip its content.
    return '<div class="transcript">' + "".join(parts) + "</div>"


# The chat's only script: copy the plain answer, follow [n] to its card, send feedback to Python.
CHAT_JS = """
if (typeof watch === 'function') {
  watch('value', () => { const t = element.querySelector('.transcript'); if (t) t.scrollTop = t.scrollHeight; });
}
element.addEventListener('click', async (ev) => {
  const el = ev.target.closest('button, a.cite');
  if (!el || !element.contains(el)) return;
  if (el.matches('a.cite')) {
    ev.preventDefault();
    const card = element.querySelector('#t' + el.dataset.turn + '-c' + el.dataset.marker);
    if (card) { card.querySelector('details')?.setAttribute('open', '');
                card.scrollIntoView({block: 'center'}); card.focus({preventScroll: true}); }
    return;
  }
  if (el.classList.contains('copy')) {
    const text = el.dataset.copy || '';
    try { await navigator.clipboard.writeText(text); }
    catch (e) { const ta = document.createElement('textarea'); ta.value = text; document.body.appendChild(ta);
                ta.select(); document.execCommand('copy'); ta.remove(); }
    el.textContent = '已复制';
    return;
  }
  if (el.dataset.action) {
    trigger('click', {action: el.dataset.action, turn: Number(el.dataset.turn),
                      marker: el.dataset.marker ? Number(el.dataset.marker) : null});
  }
});
"""
