"""Parser metadata against metadata read by hand: one row per document, and how many fields are right.

Usage: python -m evals.metadata --meta evals/realdocs_meta.json --folder tests/data/realdocs [--json FILE]

The hand-read file maps a file stem to title, doc_number, issuer, date, effective_date, doc_type,
level, region and the numbers of chapters, 节 and articles. A field the text does not state is null
there, and the parser must leave it empty too.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ingest import Document, load_text, parse_document
from ingest.attachments import own_first
from ingest.cleaning import DIGIT_WIDTH

FIELDS = ("title", "doc_number", "issuer", "date", "effective_date", "doc_type", "level", "region")
# The same level in other words (a 直辖市 is provincial; 市 is a city).
_LEVEL_WORDS = {"provincial": "province", "municipal": "city", "county": "district"}


@dataclass(frozen=True)
class MetaRow:
    """One document: expected and parsed values, per field, and the structure counts."""

    stem: str
    wrong: tuple[tuple[str, object, object], ...]  # (field, expected, got)
    counts: tuple[tuple[str, int, int], ...]  # (chapters | 节 | articles, expected, got)

    @property
    def right(self) -> int:
        """How many of the fields are right."""
        return len(FIELDS) - len(self.wrong)


def _same(field: str, expected: object, got: object) -> bool:
    """Equal, up to conventions of naming: a level in other words, 中华人民共和国 before a state organ or its 令, a
    number's digits full- or half-width (公告第９号), a standing committee's term (第十五届),
    and a document type given as its form (条例) or its legal category (行政法规)."""
    if field == "level" and isinstance(expected, str):
        expected = _LEVEL_WORDS.get(expected, expected)
    if field in ("doc_number", "issuer") and isinstance(expected, str) and isinstance(got, str):
        expected, got = (re.sub(r"^中华人民共和国(?=[\u4e00-\u9fa5]{1,20}(?:令|院|部|委员会|总局|署))", "", v).translate(DIGIT_WIDTH)
                         for v in (expected, got))
    if field == "issuer" and isinstance(expected, str):  # 第十五届 names the term of a standing body, not another body
        expected = re.sub(r"第[一二三四五六七八九十]+届", "", expected)
    if field == "level" and expected == "local":  # "local": any level below the state
        return got in ("province", "city", "district")
    if field == "region" and isinstance(expected, str) and isinstance(got, str) and expected.endswith(got):
        return True  # 山东省威海市 is 威海市
    if isinstance(got, tuple):
        if isinstance(expected, str) and (both := re.fullmatch(r"(.+?)[（(](.+)[）)]", expected)):
            return {both.group(1), both.group(2)} <= {g for g in got if g}  # 「条例（地方性法规）」: the word and the category
        if isinstance(expected, str) and any(isinstance(g, str) and g.endswith(expected) for g in got):
            return True  # the title's form word (解释) under its fuller name (司法解释)
        return (expected or None) in {g or None for g in got} or not any(got) and not expected
    return (expected or None) == (got or None)


def _got(doc: Document, field: str) -> object:
    """The parsed value of a field; for doc_type both the form word and the legal category."""
    return (doc.doc_type, doc.category) if field == "doc_type" else getattr(doc, field)


def counts_of(doc: Document) -> dict[str, int]:
    """How many chapters, 节 and distinct articles the parse found (a plan without articles: its top-level parts)."""
    def count(kind: str, level: int | None = None) -> int:  # the document's own units, an attachment's when it has none
        return len(set(own_first([s.path for s in doc.sections if s.kind == kind and level in (None, s.level)])))

    return {"chapters": count("chapter"), "sections_jie": count("jie"),
            "articles": count("article") or count("part", 1)}


def compare(meta: dict[str, dict[str, object]], folder: Path) -> list[MetaRow]:
    """Parse each document named in meta (any extension) and compare it with the hand-read values."""
    rows = []
    for stem, want in meta.items():
        path = next(p for p in sorted(folder.iterdir()) if p.stem == stem)
        doc = parse_document(load_text(path), str(path))
        wrong = tuple((f, want.get(f), _got(doc, f)) for f in FIELDS if not _same(f, want.get(f), _got(doc, f)))
        got = counts_of(doc)
        counts = tuple((k, int(str(want.get(k) or 0)), got[k]) for k in ("chapters", "sections_jie", "articles"))
        rows.append(MetaRow(stem, wrong, counts))
    return rows


def table(rows: list[MetaRow]) -> str:
    """A Markdown table: counts expected/got and the fields that differ."""
    out = ["| document | chapters | 节 | articles | fields right | differs |", "|---|---|---|---|---|---|"]
    for r in rows:
        counts = " | ".join(f"{e}/{g}" for _k, e, g in r.counts)
        differs = "; ".join(f"{f}: want {e} got {g}" for f, e, g in r.wrong) or "-"
        out.append(f"| {r.stem} | {counts} | {r.right}/{len(FIELDS)} | {differs} |")
    right = sum(r.right for r in rows)
    exact = sum(1 for r in rows if all(e == g for _k, e, g in r.counts))
    out.append(f"\nmetadata fields right: {right} of {len(rows) * len(FIELDS)}; "
               f"documents with every count right: {exact} of {len(rows)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Print the table for one hand-read metadata file and its folder."""
    p = argparse.ArgumentParser(prog="python -m evals.metadata", description="Parser metadata against hand-read values")
    p.add_argument("--meta", required=True)
    p.add_argument("--folder", required=True)
    p.add_argument("--json")
    args = p.parse_args(argv)
    rows = compare(json.loads(Path(args.meta).read_text(encoding="utf-8")), Path(args.folder))
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps([{"stem": r.stem, "wrong": r.wrong, "counts": r.counts} for r in rows],
                                              ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
