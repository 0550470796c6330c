"""Raw text -> Document: cleaning, header metadata, section tree and appendix rows in one call."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.appendix import find_table, parse_table
from ingest.cleaning import clean_lines
from ingest.metadata import extract_metadata
from ingest.structure import build_sections, extract_lead, line_offsets
from ingest.textutil import tidy_spaces
from ingest.types import Document, Section, content_hash


def doc_id_for(source: str) -> str:
    """A document's id: its file name without extension, so a new version of a file replaces the old.

    Example: doc_id_for("/x/2019_上海市_政务公开工作要点.txt") == "2019_上海市_政务公开工作要点"
    """
    stem = Path(source).stem
    return re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", stem).strip("_") or content_hash(source)


def parse_document(text: str, source: str) -> Document:
    """Parse one document's text. Raises ValueError (in Chinese) when no content is left."""
    lines = clean_lines(text)
    if not lines:
        raise ValueError(f"{Path(source).name}：清理后没有可用的正文内容。")
    raw_tail = [tidy_spaces(ln) for ln in text.strip().splitlines()[-6:]]
    meta = extract_metadata(lines, raw_tail)
    offsets = line_offsets(lines)
    table = find_table(lines)
    body_end = table.start if table else len(lines)
    nodes = build_sections(lines, meta.title_index, body_end, offsets)
    sections: list[Section] = []
    for n in nodes:
        body = "\n".join(t for t in n.texts if t)
        sections.append(Section(
            path=n.path, heading=n.heading, text=body, level=n.level, kind=n.kind, headings=n.headings,
            lead=extract_lead(body) if n.level >= 2 else None,
            start=offsets[n.first_line], end=offsets[n.last_line] + len(lines[n.last_line]),
        ))
    if table:
        sections.extend(parse_table(lines, table, offsets))
    sections = [s for s in sections if s.text.strip()]
    return Document(
        doc_id=doc_id_for(source), source=Path(source).name, title=meta.title, doc_number=meta.doc_number,
        issuer=meta.issuer, date=meta.date, region=meta.region, year=meta.year, text="\n".join(lines),
        content_hash=content_hash(text), notice_title=meta.notice_title, print_date=meta.print_date,
        parent_region=meta.parent_region, sections=tuple(sections),
    )
