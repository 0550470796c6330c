"""Sections -> chunks under a token budget, split at sentence ends, each carrying its section path."""

from __future__ import annotations

from collections.abc import Callable

from ingest.citation import piece_clause
from ingest.textutil import split_sentences, year_scopes
from ingest.tokens import count_tokens
from ingest.types import Chunk, Document, Section, content_hash

TokenCounter = Callable[[str], int]


def pack_sentences(text: str, max_tokens: int, count: TokenCounter = count_tokens) -> list[str]:
    """Greedily pack whole sentences into pieces of at most max_tokens; split a longer sentence at ，.

    The pieces, joined, give back the text exactly (minus line breaks' surrounding spaces).
    Example: pack_sentences("甲。乙。", 1000) == ["甲。乙。"]
    """
    units: list[str] = []
    for line in text.split("\n"):
        for sentence in split_sentences(line):
            units.extend(_split_long(sentence, max_tokens, count))
        if units:
            units[-1] += "\n"
    return [p.strip("\n") for p in _greedy(units, max_tokens, count) if p.strip()]


def _greedy(units: list[str], max_tokens: int, count: TokenCounter) -> list[str]:
    """Concatenate units in order, starting a new piece whenever the next unit would pass the budget.

    Example: _greedy(["ab", "cd", "e"], 4, len) == ["abcd", "e"]
    """
    pieces: list[str] = []
    current = ""
    for unit in units:
        if current and count(current + unit) > max_tokens:
            pieces.append(current)
            current = ""
        current += unit
    if current:
        pieces.append(current)
    return pieces


def _split_long(sentence: str, max_tokens: int, count: TokenCounter) -> list[str]:
    """Cut a sentence that alone exceeds the budget: at commas first, then by characters."""
    if count(sentence) <= max_tokens:
        return [sentence]
    units: list[str] = []
    step = max(1, max_tokens // 2)
    for part in _split_keep(sentence, "，,、"):
        if count(part) > max_tokens:  # no commas to help: fall back to character windows
            units.extend(part[i:i + step] for i in range(0, len(part), step))
        else:
            units.append(part)
    return _greedy(units, max_tokens, count)


def _split_keep(text: str, seps: str) -> list[str]:
    """Split after each separator character, keeping it.

    Example: _split_keep("a，b，c", "，") == ["a，", "b，", "c"]
    """
    parts, cur = [], ""
    for ch in text:
        cur += ch
        if ch in seps:
            parts.append(cur)
            cur = ""
    if cur:
        parts.append(cur)
    return parts


def chunk_document(doc: Document, max_tokens: int = 400, count: TokenCounter = count_tokens) -> list[Chunk]:
    """All chunks of a document in reading order; ids are content hashes, so re-chunking is stable."""
    # section, piece, index, pieces, start, in-section, the target year in force where the piece starts
    specs: list[tuple[Section, str, int, int, int, int, str]] = []
    for section in doc.sections:
        pieces = pack_sentences(section.text, max_tokens, count)
        cursor = section.start
        inner = 0
        year = ""
        for i, piece in enumerate(pieces):
            start = doc.text.find(piece.split("\n", 1)[0], cursor)
            start = start if start >= 0 else section.start
            cursor = max(cursor, start)
            found = section.text.find(piece[:20], inner)
            inner = found if found >= 0 else inner
            specs.append((section, piece, i, len(pieces), start, inner, year))
            year = (year_scopes(split_sentences(piece.replace("\n", "")), year) or [year])[-1]
    # Every chunk knows its document's size, so a half-written document can be detected.
    return [_make_chunk(doc, sec, piece, i, n, start, len(specs), inner, year)
            for sec, piece, i, n, start, inner, year in specs]


def _make_chunk(doc: Document, section: Section, piece: str, index: int, total: int, start: int,
                doc_chunks: int, inner: int = 0, year_scope: str = "") -> Chunk:
    heads = " / ".join(section.headings)
    context = f"《{doc.title}》 {section.path} {heads}".strip()
    meta: dict[str, str | int | float | bool] = {
        "doc_id": doc.doc_id, "source": doc.source, "title": doc.title, "doc_number": doc.doc_number or "",
        "issuer": doc.issuer or "", "date": doc.date or "", "print_date": doc.print_date or "",
        "notice_title": doc.notice_title or "", "region": doc.region or "",
        "parent_region": doc.parent_region or "", "year": doc.year or 0, "section": section.path,
        "heading": section.heading, "headings": heads, "kind": section.kind, "level": section.level,
        "lead": section.lead or "", "deadline": section.deadline or "", "row_number": section.row_number or 0,
        "start": start, "end": min(start + len(piece), len(doc.text)), "chunk_index": index,
        "chunk_count": total, "doc_chunks": doc_chunks, "doc_hash": doc.content_hash,
        "parent": section.parent, "publish_date": doc.publish_date or "", "effective_date": doc.effective_date or "",
        "recipients": doc.recipients or "",
        "copied_to": doc.copied_to or "", "signer": doc.signer or "",
        "doc_type": doc.doc_type or "", "doc_level": doc.level or "", "doc_category": doc.category or "",
        # A piece that continues a 「到2025年，…」 paragraph speaks under that year (evidence.year_bonus).
        "year_scope": year_scope,
    }
    if section.kind == "article":
        # Where this piece starts inside its article, so a citation of a later piece names the right 款/项.
        kuan, item, kuans = piece_clause(section.text, inner)
        meta.update(kuan_first=kuan, item_first=item, kuan_count=kuans)
    return Chunk(
        chunk_id=content_hash(doc.doc_id, section.path, str(index), piece),
        doc_id=doc.doc_id, text=piece, embed_text=f"{context}\n{piece}", section=section.path,
        heading=section.heading, metadata=meta,
    )
