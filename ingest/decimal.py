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
