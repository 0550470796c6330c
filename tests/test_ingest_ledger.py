"""Giving a file its document id asks the ledger only for the records it needs (issue #12: adding one page
to a 100,000-chunk store read every document's record first, so its cost grew with the library)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from assistant import Assistant, Settings
from assistant.ingestion import CANDIDATES_PER_READ, assign_doc_id, id_candidates
from evals.synth import HashingEmbeddings
from ingest.parser import legacy_doc_id
from vectorstore.ledger import DELETED, READY, WRITING, DocLedger
from vectorstore.store import ChromaStore


def _doc(topic: str, figure: int) -> str:
    """A small policy document whose one fact is how many `topic` are published."""
    return (f"2030年测试市政务公开工作要点\n一、总体要求\n（一）推进{topic}信息公开。年内公开{topic}{figure}处。"
            f"（牵头单位:市测试局）\n")


def _file(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text or _doc("口袋公园", 1), encoding="utf-8")
    return path


@pytest.fixture
def ledger(tmp_path: Path) -> DocLedger:
    """An empty ledger in a real embedded Chroma."""
    return DocLedger(ChromaStore(HashingEmbeddings(), path=str(tmp_path / "db")))


class CountingReads:
    """A Chroma collection that counts the records its reads return."""

    def __init__(self, coll: Any) -> None:
        self.coll = coll
        self.read = 0

    def get(self, **kwargs: Any) -> Any:
        """Read, and count what came back."""
        res = self.coll.get(**kwargs)
        self.read += len(res["ids"])
        return res

    def __getattr__(self, name: str) -> Any:
        return getattr(self.coll, name)


# ---- the four rules of assign_doc_id, on a real ledger -----------------------------------------------
def test_rule1_the_same_file_keeps_its_id_while_its_record_is_live(tmp_path, ledger):
    f = _file(tmp_path / "in" / "通知.txt")
    ledger.put("旧编号", WRITING, "h1", 3, str(f.resolve()), "通知.txt")  # even a half-written one
    assert assign_doc_id(f, tmp_path / "in", "h2", ledger) == "旧编号"
    ledger.put("旧编号", DELETED, source_path=str(f.resolve()), source="通知.txt")
    assert assign_doc_id(f, tmp_path / "in", "h2", ledger) == "通知"


def test_rule2_identical_content_is_the_complete_document_holding_it(tmp_path, ledger):
    f = _file(tmp_path / "in" / "副本.txt")
    ledger.put("半成品", WRITING, "h1", 3, "/elsewhere/半成品.txt", "半成品.txt")
    assert assign_doc_id(f, tmp_path / "in", "h1", ledger) == "副本"  # not complete: not that document
    ledger.put("原件", READY, "h1", 3, "/elsewhere/原件.txt", "原件.txt")
    assert assign_doc_id(f, tmp_path / "in", "h1", ledger) == "原件"
    ledger.put("原件", DELETED, source_path="/elsewhere/原件.txt", source="原件.txt")
    assert assign_doc_id(f, tmp_path / "in", "h1", ledger) == "副本"


def test_rule3_a_document_stored_before_paths_were_kept_is_claimed_by_name(tmp_path, ledger):
    f = _file(tmp_path / "in" / "x y.txt")
    assert legacy_doc_id(str(f)) == "x_y"
    ledger.put("x_y", READY, "h0", 1, "", "x y.txt")
    assert assign_doc_id(f, tmp_path / "in", "h1", ledger) == "x_y"
    ledger.put("x_y", READY, "h0", 1, "/elsewhere/x y.txt", "x y.txt")  # it has a file of its own now
    assert assign_doc_id(f, tmp_path / "in", "h1", ledger) == "x y"


def test_rule4_a_taken_id_gets_the_extension_then_a_number(tmp_path, ledger):
    f = _file(tmp_path / "in" / "文件.docx")
    assert list(islice(id_candidates("文件", ".docx"), 3)) == ["文件", "文件.docx", "文件.docx (2)"]
    ledger.put("文件", READY, "h0", 1, "/elsewhere/文件.pdf", "文件.pdf")
    assert assign_doc_id(f, tmp_path / "in", "h1", ledger) == "文件.docx"
    # More holders than one read of candidates: the next read goes on where the first stopped.
    taken = list(islice(id_candidates("文件", ".docx"), CANDIDATES_PER_READ + 2))
    for n, doc_id in enumerate(taken):
        ledger.put(doc_id, READY, f"h{n + 10}", 1, f"/elsewhere/{n}/文件.docx", "文件.docx")
    assert assign_doc_id(f, tmp_path / "in", "h1", ledger) == f"文件.docx ({CANDIDATES_PER_READ + 2})"
    ledger.put("文件.docx (5)", DELETED, source_path="/elsewhere/5/文件.docx", source="文件.docx")
    assert assign_doc_id(f, tmp_path / "in", "h1", ledger) == "文件.docx (5)"  # a deleted id is free again


def test_find_and_get_many_read_only_what_they_name(ledger):
    ledger.put("a", READY, "h1", 1, "/x/a.txt", "a.txt")
    ledger.put("b", DELETED, "h1", 0, "/x/b.txt", "b.txt")
    ledger.set_mark("bundled-corpus")
    assert [r.doc_id for r in ledger.find(doc_hash="h1", state=READY)] == ["a"]
    assert {r.doc_id for r in ledger.find(doc_hash="h1")} == {"a", "b"}
    assert set(ledger.get_many(["a", "b", "c", "a"])) == {"a", "b"}
    assert [r.doc_id for r in ledger.changed_since(0.0)] == ["a", "b"]  # the mark is no document
    with pytest.raises(ValueError):
        ledger.find(colour="red")


# ---- through ingest ---------------------------------------------------------------------------------
def test_earlier_files_of_one_ingest_call_are_seen_by_later_ones(tmp_path):
    bot = Assistant(Settings(chroma_path=str(tmp_path / "db"), index_bundled_corpus=False),
                    embeddings=HashingEmbeddings())
    f = _file(tmp_path / "in" / "通知.txt", _doc("雨水花园", 101))
    twice = bot.ingest([f, f])
    assert (twice.added, twice.unchanged, twice.documents) == (1, 1, ("通知", "通知"))
    copy = _file(tmp_path / "in" / "sub" / "副本.txt", _doc("健身步道", 202))
    first = _file(tmp_path / "other" / "原件.txt", _doc("健身步道", 202))
    same = bot.ingest([first, copy])
    assert (same.added, same.unchanged, same.documents) == (1, 1, ("原件", "原件"))
    assert {d.doc_id for d in bot.documents()} == {"通知", "原件"}


def test_ingesting_one_file_reads_a_few_ledger_records_not_all_of_them(tmp_path, monkeypatch):
    """With 30 documents stored, adding, updating or copying one file reads at most 4 records (reading the
    whole ledger first, as before, read 60: 30 ids, then 30 records).

    The 4 of an update: its record found by path, then read by id; and the previous file's write, seen
    again by the catch-up before writing (its id, then its record).
    """
    settings = Settings(chroma_path=str(tmp_path / "db"), index_bundled_corpus=False)
    folder = tmp_path / "in"
    for i in range(30):
        _file(folder / f"文件{i:02d}.txt", _doc("口袋公园", 100 + i))
    Assistant(settings, embeddings=HashingEmbeddings()).ingest([folder])
    bot = Assistant(settings, embeddings=HashingEmbeddings())  # a new process on the same store
    library = bot.searcher.library
    # Before writing, a library catches up with records changed since its last look less margin_s (a bound in
    # time, not in documents): with no margin it reads none here, so what is counted is the ingest's own reads.
    library.margin_s = 0.0
    reads = CountingReads(library.ledger._coll())
    monkeypatch.setattr(library.ledger, "_coll", lambda: reads)

    new = bot.ingest([_file(tmp_path / "new" / "新文件.txt", _doc("充电桩", 999))])
    assert new.added == 1 and reads.read <= 4, reads.read
    for path, text, expect in ((folder / "文件07.txt", _doc("口袋公园", 777), "updated"),  # rule 1
                               (tmp_path / "copy" / "复制.txt", _doc("口袋公园", 103), "unchanged")):  # rule 2
        reads.read = 0
        report = bot.ingest([_file(path, text)])
        assert getattr(report, expect) == 1 and reads.read <= 4, (expect, reads.read)
    assert len(DocLedger(bot.store).records()) == 31
