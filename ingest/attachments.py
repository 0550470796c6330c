"""Attachments printed after a document's signature (附件 + title + its own numbered text) -> their own sections.

A gov.cn notice or 批复 often ends: body, 「附件：…」 list line, issuer, date, 「（此件公开发布）」, then 「附件」 (or
「附件1」) on its own line, the attachment's title and its text, numbered from 一、 again. Left in the body, the
signature would join the last part and the attachment's 一、 would repeat the notice's. Here the attachment's
sections are named as a reader cites them: 「附件 二、」, 「附件 二、（一）」, 「附件2 第三条」.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.articles import build_articles
from ingest.cleaning import TABLE_HEADER, is_marker_line
from ingest.numbering import ARTICLES, CHAPTER_PARTS, choose_scheme, first_marker
from ingest.structure import CN_DATE, SIGNATURE_RE, SectionNode, build_sections
from ingest.textutil import ARTICLE_RE

# 「附件」「附件1」「附件二」 alone on its line: an attachment starts (「附件：标题」 only lists it).
_START = re.compile(r"^附\s*件\s*([0-9０-９一二三四五六七八九十]{0,2})$")
# 「（此件公开发布）」 under a signature: no part of the text or of the signature.
PUBLICATION_NOTE = re.compile(r"^[（(]此件[^）)]{0,12}[）)]$")
# What stands between a body and its attachments: the issuer, the date, 「（此件公开发布）」.
_SIGNED = re.compile(PUBLICATION_NOTE.pattern + r"|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|" + CN_DATE.pattern)


@dataclass(frozen=True)
class Attachment:
    """One attachment: its first line (the 附件 line), the line after its last, and how citations name it."""

    start: int
    end: int
    label: str  # 「附件」, or 「附件1」 when there are several
    title: str
    title_lines: int = 1
    label_line: bool = True  # False: the text starts at its title, with no 「附件」 line above it


def _title_lines(block: list[str]) -> int:
    """How many lines the attachment's title takes: a wrapped title runs on in short lines without punctuation.

    Example: _title_lines(["关于湖北省巴东县官渡口镇马鬃山村", "地质险情调研情况的报告", "国务院：", "为落实…。"]) == 2
    """
    n = 1
    while n < min(3, len(block) - 1) and len(block[n]) <= 30 and not re.search(r"[。；;：:，,]", block[n - 1] + block[n]) \
            and not is_marker_line(block[n]) and len(block[n - 1]) >= 8 and "\t" not in block[n]:
        n += 1
    return n


def in_attachment(path: str) -> bool:
    """Whether a section path is inside an attachment (「附件 二、」, 「附件2 第三条」), not a table row (「附件（序号5）」).

    Example: in_attachment("附件 二、（一）") is True; in_attachment("附件（序号5）") is False
    """
    return bool(re.match(r"附件[0-9一二三四五六七八九十]{0,2}(?:\s|$)", path))


def own_first(paths: list[str]) -> list[str]:
    """The paths of the document's own text; the attachment's only when the document has none (a 批复 whose
    text is one paragraph and whose 制度 is attached).

    Example: own_first(["一、", "附件 一、"]) == ["一、"]; own_first(["附件 一、", "附件 二、"]) == ["附件 一、", "附件 二、"]
    """
    own = [p for p in paths if not in_attachment(p)]
    return own or paths


def find_attachments(lines: list[str], body_first: int) -> list[Attachment]:
    """The attachments after a signed body, each with a title and numbered text; [] when there are none.

    When one is a table of tab-separated rows (ingest.appendix reads those), none is split off.
    Example: find_attachments(["一、甲。", "国务院", "2018年11月20日", "附件", "制度", "一、乙。"], 0)[0].title == "制度"
    """
    first = next((i for i in range(body_first + 1, len(lines)) if _START.match(lines[i]) and _signed_before(lines, i)),
                 None)
    if first is None:
        return _issued_after_signature(lines, body_first) or _titled_after_articles(lines, body_first)
    # Later 「附件2」 lines need no signature before them: the first attachment ends there.
    starts = [i for i in range(first, len(lines)) if _START.match(lines[i])]
    found: list[Attachment] = []
    for n, s in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        block = lines[s + 1:end]
        if any("\t" in ln and not ln.startswith(TABLE_HEADER) for ln in block):
            return []  # a table (ingest.appendix reads its rows): the attachments stay as they were read
        # (a header alone heads rows given one cell per line, read as numbered items: the attachment is split off)
        if len(block) < 2:
            continue
        number = _START.match(lines[s]).group(1)  # type: ignore[union-attr]
        label = f"附件{number}" if number or len(starts) > 1 else "附件"
        title_lines = _title_lines(block)
        found.append(Attachment(start=s, end=end, label=label, title_lines=title_lines,
                                title="".join(block[:title_lines])))
    return found


# A notice that issues what it names: 「《甲规定》和《乙规定》已经国务院同意，现印发给你们」.
_ISSUES = re.compile(r"印发|转发|发布|下发")


def _issued_after_signature(lines: list[str], body_first: int) -> list[Attachment]:
    """Two or more documents a notice issues, printed after its signature under their own titles with no
    「附件」 line: each is an attachment (「附件1」「附件2」), so their 一、 do not repeat each other's.

    Example: _issued_after_signature(["《甲规定》和《乙规定》现印发给你们。", "国务院办公厅", "2018年12月18日",
             "甲规定", "一、…", "乙规定", "一、…"], 0)[1].label == "附件2"
    """
    signed = next((i for i in range(body_first + 1, len(lines)) if _SIGNED.match(lines[i])), None)
    if signed is None:
        return []
    issued = {re.sub(r"\s", "", t) for ln in lines[body_first:signed] if _ISSUES.search(ln)
              for t in re.findall(r"《([^》]{4,60})》", ln)}
    starts: list[tuple[int, int, str]] = []  # line, title lines, title
    for i in range(signed + 1, len(lines)):
        for n in (1, 2, 3):  # a title wrapped over up to three lines
            title = "".join(lines[i:i + n]).replace(" ", "")
            if title in issued and not any(title == t for _i, _n, t in starts):
                starts.append((i, n, title))
                break
    if len(starts) < 2:
        return []
    return [Attachment(start=i, end=starts[k + 1][0] if k + 1 < len(starts) else len(lines), label=f"附件{k + 1}",
                       title=title, title_lines=n, label_line=False) for k, (i, n, title) in enumerate(starts)]


# 「附件1：查处酒后驾驶操作规程」 on a line of its own: an attachment, its title on the same line.
_TITLED_START = re.compile(r"^附\s*件\s*([0-9０-９一二三四五六七八九十]{1,2})\s*[：:]\s*([^，,。；;：:]{2,40})$")


def _titled_after_articles(lines: list[str], body_first: int) -> list[Attachment]:
    """Attachments a law or rule prints after its last article, each under a 「附件N：title」 line (no signature
    between: a rule published by its 令 ends at its last article). Left in the body they would be 款 of that article.

    Example: _titled_after_articles(["第一条 甲。", "第二条 乙。", "附件1：操作规程", "一、丙。"], 0)[0].label == "附件1"
    """
    starts = [i for i in range(body_first + 1, len(lines)) if _TITLED_START.match(lines[i])]
    if not starts or not any(ARTICLE_RE.match(ln) for ln in lines[:starts[0]]) or \
            any(ARTICLE_RE.match(ln) for ln in lines[starts[0]:]):
        return []  # articles after it: an attachment the text prints inside, not after its articles
    found: list[Attachment] = []
    for n, s in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        m = _TITLED_START.match(lines[s])
        if end - s >= 2 and m is not None:
            found.append(Attachment(start=s, end=end, label=f"附件{m.group(1)}", title=m.group(2), title_lines=0))
    return found


def _signed_before(lines: list[str], i: int) -> bool:
    """Whether a signature (issuer, date, 此件公开发布) closes the text within the four lines above line i."""
    return any(_SIGNED.match(ln) or SIGNATURE_RE.match(ln) for ln in lines[max(0, i - 4):i])


def attachment_nodes(lines: list[str], att: Attachment) -> list[SectionNode]:
    """The attachment's sections: its opening paragraphs under its label, its numbered parts under 「label 」."""
    shift = att.start + int(att.label_line) + att.title_lines  # after the 附件 line and the title
    sub = lines[shift:att.end]
    scheme = choose_scheme(sub)
    first = first_marker(sub, scheme)
    nodes: list[SectionNode] = []
    numbered = [i for i, ln in enumerate(sub) if _NUMBERED.match(ln)]
    listed = first >= len(sub) and len(numbered) >= 3  # a list numbered 1. 2. 3. (「典型经验做法（共130项）」)
    if listed:
        first = numbered[0]
    if first > 0:  # its opening words, or the whole of an attachment without numbered parts
        nodes.append(SectionNode(att.label, 0, "attachment", f"{att.label}：{att.title}", list(sub[:first]),
                                 shift, shift + first - 1))
    if listed:  # its items are its parts
        return nodes + _numbered_lines(sub[first:], shift + first, att)
    if first >= len(sub):
        return nodes
    if scheme in (ARTICLES, CHAPTER_PARTS):
        body = build_articles(sub, first, len(sub), numbered_parts=scheme == CHAPTER_PARTS)
    else:
        body = [n for n in build_sections(sub, first - 1, len(sub), [0] * len(sub)) if n.kind in ("part", "item", "closing")]
    prefix = f"{att.label} "
    # a table's rows (ingest.cleaning.rows_from_cell_lines), its header read with the title
    rows = any(ln.startswith(TABLE_HEADER) for ln in lines[att.start:att.end])
    for n in body:
        if rows and n.kind == "item" and (number := _ROW_ITEM.search(n.path)):
            nodes.append(replace(n, path=f"{att.label}（序号{number.group(1)}）", parent=prefix + n.parent,
                                 first_line=n.first_line + shift, last_line=n.last_line + shift,
                                 headings=(att.title,) + n.headings))
            continue
        if n.kind == "closing":  # the attachment's closing words stay the attachment's
            nodes.append(replace(n, path=att.label, kind="attachment", first_line=n.first_line + shift,
                                 last_line=n.last_line + shift))
            continue
        nodes.append(replace(n, path=prefix + n.path, parent=prefix + n.parent if n.parent else att.label,
                             first_line=n.first_line + shift, last_line=n.last_line + shift,
                             headings=(att.title,) + n.headings))
    return nodes


_NUMBERED = re.compile(r"^(\d{1,3})[.．、]\s*(?=\S)")
_ROW_ITEM = re.compile(r"(?<![\d.])(\d{1,3})\.$")  # 一、4.: row 4 of a table


def _numbered_lines(sub: list[str], shift: int, att: Attachment) -> list[SectionNode]:
    """An attachment that is a numbered list (1. 2. …): one part per item, cited 「附件 25.」; a line without a
    number joins the item above it."""
    nodes: list[SectionNode] = []
    for i, line in enumerate(sub):
        m = _NUMBERED.match(line)
        if m:
            text = line[m.end():]
            # no heading chain: a hundred items under one title would each match the title's words
            nodes.append(SectionNode(f"{att.label} {int(m.group(1))}.", 1, "part", text.rstrip("。")[:40], [text],
                                     shift + i, shift + i, parent=att.label))
        elif nodes:
            nodes[-1].texts.append(line)
            nodes[-1].last_line = shift + i
    return nodes
