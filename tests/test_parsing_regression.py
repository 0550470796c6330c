"""The five bundled documents parse exactly as recorded before the structure parser was generalised."""

from __future__ import annotations

import json
from pathlib import Path

from ingest import Document

SNAPSHOT = Path(__file__).parent / "data" / "bundled_parse_snapshot.json"
META_FIELDS = ("doc_id", "source", "title", "doc_number", "issuer", "date", "region", "year", "notice_title",
               "print_date", "parent_region")


def snapshot(doc: Document) -> dict[str, object]:
    """The recorded view of one document: metadata fields and every section's identity."""
    return {
        "meta": {f: getattr(doc, f) for f in META_FIELDS},
        "sections": [[s.path, s.kind, s.level, s.heading, s.lead, s.deadline, s.row_number] for s in doc.sections],
        # Texts, heading chains and offsets too, so "parses exactly as before" means exactly.
        "detail": [[list(s.headings), s.start, s.end, s.text] for s in doc.sections],
        "text": doc.text,
    }


def test_bundled_documents_parse_as_recorded(docs):
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = {k: snapshot(d) for k, d in sorted(docs.items())}
    assert sorted(got) == sorted(expected)
    for key in expected:
        assert got[key]["meta"] == expected[key]["meta"], key
        assert got[key]["sections"] == expected[key]["sections"], key
        assert got[key]["detail"] == expected[key]["detail"], key
        assert got[key]["text"] == expected[key]["text"], key
