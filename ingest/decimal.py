"""Cleaned lines of a plan numbered 1 / 1.1 / 1.2.1 (with （1） items) -> nodes in reading order."""

from __future__ import annotations

import re

from ingest.numbering import is_heading_line
from ingest.structure import SectionNode, item_heading
from ingest.textutil import DECIMAL_RE, SUBSUB_RE, normalize_brackets


def follows(current: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """True when a decimal number can come next: first child, next sibling, or next at an outer level.

    Example: follows((5, 2), (5, 2, 1)) is True; follows((5, 2), (6,)) is True; follows((5, 2), (2019,)) is False
    """
    if not current:
        return number == (1,)
    if number == current + (1,):
        return True
    return any(number == current[:k] + (current[k] + 1,) for k in range(len(current)))


def build_decimal(lines: list[str], start: int, end: int) -> list[SectionNode]:
    """Walk lines[start:end]: each in-sequence decimal heading opens a node, （N） lines are its items.

    Path "5.2.1" for a heading, "5.2.1（1）" for an item; a free paragraph joins the innermost heading.
    """
    nodes: list[SectionNode] = []
    open_nodes: dict[str, SectionNode] = {}
    current: tuple[int, ...] = ()
    for i in range(start, end):
        line = lines[i]
        m = DECIMAL_RE.match(line)
        number = tuple(int(x) for x in re.split(r"[.．]", m.group(1))) if m else ()
        if m and follows(current, number):
            rest = line[m.end():].strip()
            path, parent = ".".join(map(str, number)), ".".join(map(str, number[:-1]))
            heading = rest if is_heading_line(rest) else item_heading(rest)
            up = open_nodes[parent].headings if parent in open_nodes else ()
            node = SectionNode(path, len(number), "part" if len(number) == 1 else "item", heading, [rest], i, i,
                         headings=up + ((heading,) if heading else ()), parent=parent)
            open_nodes[path] = node
            current = number
            nodes.append(node)
            continue
        owner = open_nodes.get(".".join(map(str, current)))
        if owner is None:
            continue
        if sm := SUBSUB_RE.match(line):
            marker = normalize_brackets(line[: sm.end()].strip())
            rest = line[sm.end():].strip()
            heading = item_heading(rest)
            nodes.append(SectionNode(owner.path + marker, len(current) + 1, "item", heading, [rest], i, i,
                               headings=owner.headings + ((heading,) if heading else ()), parent=owner.path))
            continue
        owner.texts.append(line)
        owner.last_line = i
    return nodes


MIN_DECIMAL_RUN = 3  # fewer numbers in sequence are no numbering (「3.1万人」 opening a paragraph)


def decimal_number(line: str) -> tuple[tuple[int, ...], str] | None:
    """(number, text after it) for a line opening with a decimal number, else None.

    Example: decimal_number("5.2.2重伤二级") == ((5, 2, 2), "重伤二级"); decimal_number("2019年") is None
    """
    m = DECIMAL_RE.match(line)
    if not m:
        return None
    return tuple(int(x) for x in re.split(r"[.．]", m.group(1))), line[m.end():].strip()


def continues(current: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """True when a decimal number can come next where the outer numbers sit on unnumbered headings.

    A standard saved with 「## 附则」 for 「6 附则」 goes on from 5.12.5 to 6.1: besides `follows`, the next
    number at an outer level may open at its first child; the first number of all is a first child (5.1, 1.1, 1).
    Example: continues((), (5, 1)) is True; continues((5, 12, 5), (6, 1)) is True; continues((5, 1), (5, 3)) is False
    """
    if not current:
        return number[-1] == 1
    if follows(current, number):
        return True
    return any(number[: k + 1] == current[:k] + (current[k] + 1,) and all(x == 1 for x in number[k + 1:])
               for k in range(len(current)))


def decimal_run(lines: list[str], start: int, end: int) -> dict[int, tuple[int, ...]]:
    """Line index -> decimal number for the lines of lines[start:end] whose numbers run in sequence.

    The evidence that the numbering is real: at least MIN_DECIMAL_RUN numbers, each continuing the one before.
    Example: decimal_run(["5.1甲", "正文。", "5.2乙", "6.1丙。"], 0, 4) == {0: (5, 1), 2: (5, 2), 3: (6, 1)}
    """
    run: dict[int, tuple[int, ...]] = {}
    current: tuple[int, ...] = ()
    for i in range(start, end):
        found = decimal_number(lines[i])
        if found and continues(current, found[0]):
            current = run[i] = found[0]
    return run if len(run) >= MIN_DECIMAL_RUN else {}
