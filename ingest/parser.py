"""Raw text -> Document: cleaning, header metadata, section tree and appendix rows in one call."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.appendix import find_table, parse_table
from ingest.articles import build_articles, part_heading
from ingest.attachments import PUBLICATION_NOTE, attachment_nodes, find_attachments
from ingest.classify import category_of
from ingest.cleaning import clean_lines
from ingest.decimal import build_decimal
from ingest.header import (
    HeaderFacts,
    promulgation_facts,
    read_gov_table,
    read_ling_header,
    split_markdown,
    split_tizhu,
)
from ingest.headings import (
    build_headings,
    section_headings,
    split_heading_marks,
    structured_by_headings,
    title_heading,
)
from ingest.metadata import (
    DOC_NUMBER_RE,
    DocMeta,
    copied_in,
    extract_general,
    extract_metadata,
    find_body_title,
    joined_title,
    recipients_in,
    signer_in,
    title_before,
)
from ingest.numbering import (
    ARTICLES,
    CHAPTER_PARTS,
    DECIMAL,
    PLAN,
    choose_scheme,
    drop_toc,
    first_marker,
    has_bufen,
)
from ingest.structure import CN_DATE, SIGNATURE_RE, SectionNode, build_sections, extract_lead, line_offsets
from ingest.textutil import tidy_spaces
from ingest.types import Document, Section, content_hash
from ingest.version import document_hash


def doc_id_for(source: str, root: str | None = None) -> str:
    """A document's readable id: its path below the ingested folder (or its file name), without extension.

    Nothing is replaced, so "x y.txt" and "x_y.txt" differ; ingestion adds the extension, or a
    number, only when another file already holds the id (see assistant.ingestion.assign_doc_id).
    Example: doc_id_for("/c/2019/通知.txt", "/c") == "2019/通知"; doc_id_for("/x/2019_上海市_要点.txt") == "2019_上海市_要点"
    """
    path = Path(source)
    rel = path.name
    if root is not None:
        try:
            rel = path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:  # not below root: the file name alone
            rel = path.name
    stem = rel[: -len(path.suffix)] if path.suffix and rel.endswith(path.suffix) else rel
    return stem.strip() or content_hash(source)


def legacy_doc_id(source: str) -> str:
    """The id earlier versions gave a file (sanitized stem), to find documents stored before.

    Example: legacy_doc_id("/x/x y.txt") == "x_y"
    """
    stem = Path(source).stem
    return re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", stem).strip("_") or content_hash(source)


def parse_document(text: str, source: str) -> Document:
    """Parse one document's text. Raises ValueError (in Chinese) when no content is left."""
    md = split_markdown(text)
    if md:
        md_title, md_header, body = md
        lines = [tidy_spaces(md_title)] + [tidy_spaces(h) for h in md_header] + clean_lines(body)
    else:
        lines = clean_lines(text)
    table, used = read_gov_table(lines)
    # Heading levels ("#" marks from Markdown or from Word heading styles) are read after the 目录 is dropped.
    lines, levels = split_heading_marks(drop_toc(lines[used:]))
    if not lines:
        raise ValueError(f"{Path(source).name}：清理后没有可用的正文内容。")
    raw_tail = [tidy_spaces(ln) for ln in text.strip().splitlines()[-6:]]
    attached = find_attachments(lines, 0)
    body_end = attached[0].start if attached else len(lines)
    if attached:
        # the signature is above the attachments (「（此件公开发布）」 under it is no part of it)
        tail = [ln for ln in lines[:body_end] if not PUBLICATION_NOTE.match(ln)]
        raw_tail = tail[-6:]
    scheme = choose_scheme(lines[:body_end])
    by_headings = structured_by_headings(lines, levels, decimal_scheme=scheme == DECIMAL)
    offsets = line_offsets(lines)
    if scheme == PLAN and not table and not md and not by_headings:
        # Work plans (the bundled corpus): the original parser, unchanged.
        meta = extract_metadata(lines[:body_end], raw_tail)
        tbl = find_table(lines)
        nodes = build_sections(lines, meta.title_index, min(tbl.start if tbl else len(lines), body_end), offsets,
                               has_bufen(lines))
    else:
        tbl = None
        meta, nodes = _parse_general(lines[:body_end], raw_tail, scheme, table, md, offsets,
                                     levels if by_headings else None)
    for att in attached:
        nodes += attachment_nodes(lines, att)
    sections = [_section(n, lines, offsets) for n in nodes]
    if tbl:
        sections.extend(parse_table(lines, tbl, offsets))
    sections = [s for s in sections if s.text.strip()]
    if not sections:  # a title and nothing else: no text to index, said now rather than lost on the way
        raise ValueError(f"{Path(source).name}：除标题外没有正文内容。")
    return Document(
        doc_id=doc_id_for(source), source=Path(source).name, title=meta.title, doc_number=meta.doc_number,
        issuer=meta.issuer, date=meta.date, region=meta.region, year=meta.year or _named_year(source),
        text="\n".join(lines),
        content_hash=document_hash(text), notice_title=meta.notice_title, print_date=meta.print_date,
        parent_region=meta.parent_region, publish_date=meta.publish_date, effective_date=meta.effective_date,
        doc_type=meta.doc_type, level=meta.level, recipients=recipients_in(lines), sections=tuple(sections),
        copied_to=copied_in(raw_tail), signer=signer_in(lines),
        category=category_of(meta.doc_type, meta.issuer, meta.doc_number, meta.level == "national",
                             header="\n".join(lines[:8])),
    )


def _named_year(source: str) -> int | None:
    """The year a file's name gives its document, for one whose text states none (no year in its title, 文号 or
    date): what the person who saved it called it (环境污染刑事解释(2016-12-23).md). Never its date.

    Example: _named_year("jud_huanjing_wuran_jieshi_2016.md") == 2016; _named_year("notes.md") is None
    """
    found = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", Path(source).stem)
    return int(found[-1]) if len(set(found)) == 1 else None


def _section(n: SectionNode, lines: list[str], offsets: list[int]) -> Section:
    body = "\n".join(t for t in n.texts if t)
    return Section(
        path=n.path, heading=n.heading, text=body, level=n.level, kind=n.kind, headings=n.headings,
        lead=extract_lead(body) if n.level >= 2 and n.kind in ("item", "part") else None,
        start=offsets[n.first_line], end=offsets[n.last_line] + len(lines[n.last_line]), parent=n.parent,
    )


def _parse_general(lines: list[str], raw_tail: list[str], scheme: str, table: dict[str, str],
                   md: tuple[str, list[str], str] | None, offsets: list[int],
                   heading_levels: dict[int, int] | None = None) -> tuple[DocMeta, list[SectionNode]]:
    """Laws, regulations, decimal plans and gov.cn pages: find the body title, then walk the chosen numbering.

    heading_levels: the document is structured by unnumbered headings (Word styles, Markdown); they make the tree.
    """
    first = min(section_headings(lines, heading_levels)) if heading_levels else first_marker(lines, scheme)
    title_line = _title_line(lines, scheme, first, md is not None, heading_levels)
    if title_line < 0 and table.get("标题"):
        title_line = _table_title_line(lines, table["标题"])  # a page whose text has no numbered parts of its own
    ling, _ = read_ling_header(lines)
    if md:
        title = md[0]
    elif table.get("标题"):
        title = table["标题"]  # the page's own title: a covering notice's, when it issues a 方案 or 办法
    elif title_line >= 0:
        title = joined_title(lines, title_line)
    else:
        title = lines[0][:40]
    if md:
        facts = promulgation_facts(md[1])
    elif title_line >= 0:  # a 题注 such as （2019年10月8日国务院第66次常务会议通过　…公布　自…起施行）
        facts = promulgation_facts(split_tizhu(lines[title_line + 1:first]))
    else:
        facts = HeaderFacts()
    meta = extract_general(lines, title_line, raw_tail, title.strip("《》"), table, facts, ling, first)
    body_start = title_line + 1
    if body_start < len(lines) and DOC_NUMBER_RE.fullmatch(lines[body_start]):
        body_start += 1  # the 文号 line under a title
    end = len(lines)
    while end > max(first, body_start) and (SIGNATURE_RE.match(lines[end - 1]) or lines[end - 1] == meta.issuer
                                            or CN_DATE.match(lines[end - 1])):
        end -= 1
    if scheme == PLAN and not heading_levels:
        return meta, build_sections(lines, body_start - 1, end, offsets, has_bufen(lines))
    first = _with_opening_part(lines, first, body_start, end) if scheme == ARTICLES and not heading_levels else first
    nodes: list[SectionNode] = []
    notice = [i for i in range(max(title_line, 0)) if "。" in lines[i]]
    if notice:
        nodes.append(SectionNode("", 0, "notice", "令" if ling else "通知", [lines[i] for i in notice], notice[0], notice[-1]))
    pre = list(range(body_start if title_line >= 0 else 0, first))
    if pre:
        nodes.append(SectionNode("", 0, "preamble", "题注" if md else "前言", [lines[i] for i in pre], pre[0], pre[-1]))
    if heading_levels:
        nodes += build_headings(lines, heading_levels, first, end, articles=scheme == ARTICLES)
    elif scheme == DECIMAL:
        nodes += build_decimal(lines, first, end)
    else:
        nodes += build_articles(lines, first, end, numbered_parts=scheme == CHAPTER_PARTS)
    return meta, nodes


def _with_opening_part(lines: list[str], first: int, body_start: int, end: int) -> int:
    """Where the articles start, counting a part heading over the first one: 「一、各类案件的审理、执行期限」
    above 第一条 opens the first part; it is not the preamble's last line."""
    return first - 1 if first > body_start and part_heading(lines, first - 1, end, 0) else first


def _table_title_line(lines: list[str], title: str, within: int = 12) -> int:
    """Index of the last line of the page's title (one to three lines) among its first lines, else -1.

    Example: _table_title_line(["国务院关于同意建立", "联席会议制度的批复", "国函〔2018〕144号"], "国务院关于同意建立联席会议制度的批复") == 1
    """
    want = re.sub(r"\s", "", title)
    for i in range(min(within, len(lines))):
        joined = ""
        for j in range(i, min(i + 3, len(lines))):
            joined += re.sub(r"\s", "", lines[j])
            if joined == want:
                return j
            if not want.startswith(joined):
                break
    return -1


def _title_line(lines: list[str], scheme: str, first: int, md: bool, heading_levels: dict[int, int] | None) -> int:
    """Index of the body title: LawRefBook's first line, a title heading, or the line above the structure."""
    if md:
        return 0
    if heading_levels and (t := title_heading(heading_levels)) is not None:
        return t
    if scheme == PLAN and not heading_levels:
        return find_body_title(lines)
    return title_before(lines, first)
