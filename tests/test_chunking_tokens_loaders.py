from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import LoadError, chunk_document, find_files, load_text
from ingest.chunking import pack_sentences
from ingest.loaders import decode_text
from ingest.tokens import count_tokens, ensure_bpe_file

sentence = st.text(alphabet="政务公开数据开放牵头单位各区政府年内完成", min_size=1, max_size=60).map(lambda s: s + "。")


@settings(max_examples=60, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=30), st.integers(min_value=20, max_value=200))
def test_pack_sentences_covers_text_in_order_within_budget(sentences, budget):
    text = "".join(sentences)
    pieces = pack_sentences(text, budget)
    assert "".join(pieces) == text
    assert all(count_tokens(p) <= budget for p in pieces)


def test_overlong_sentence_is_cut_under_budget():
    long = "，".join(["各区政府要加强政务公开工作"] * 40) + "。"
    pieces = pack_sentences(long, 50)
    assert "".join(pieces) == long and len(pieces) > 1
    assert all(count_tokens(p) <= 50 for p in pieces)


def test_real_chunks_carry_section_metadata_and_stable_ids(docs):
    d = docs["sh2019"]
    a, b = chunk_document(d, 120), chunk_document(d, 120)
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b]
    assert len({c.chunk_id for c in a}) == len(a)
    assert all(count_tokens(c.text) <= 120 for c in a)
    split = [c for c in a if c.section == "一、（一）"]
    assert len(split) > 1  # a long item is split at sentence ends, each piece keeps the path
    assert all(c.metadata["doc_number"] == "沪府办发〔2019〕7号" and c.metadata["year"] == 2019 for c in split)
    assert split[1].embed_text.startswith("《2019年上海市政务公开工作要点》 一、（一） 全面推进“五公开” / 推进决策公开")
    m = split[0].metadata
    assert d.text[int(m["start"]):int(m["end"])].startswith("推进决策公开")


def test_tiktoken_works_offline_from_packaged_file(tmp_path):
    path = ensure_bpe_file(tmp_path)
    assert path.name == "9b5ad71b2ce5302211f9c61530b329a4922fc6a4"  # sha1 of the cl100k_base URL
    assert count_tokens("政务公开工作要点") > 0 and count_tokens("") == 0


def test_gbk_and_bom_files_decode(tmp_path):
    text = "2019年上海市政务公开工作要点\n一、全面推进“五公开”"
    (tmp_path / "gbk.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_text(tmp_path / "gbk.txt") == text
    assert load_text(tmp_path / "bom.txt") == text


@pytest.mark.parametrize("data, words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "二进制"),
    (b"   \n  ", "空文件"),
])
def test_binary_and_empty_files_are_refused_in_chinese(data, words):
    with pytest.raises(LoadError, match=words):
        decode_text(data, "x.txt")


def test_missing_path_and_unsupported_type(tmp_path):
    with pytest.raises(LoadError, match="找不到"):
        find_files([tmp_path / "nope"])
    (tmp_path / "a.exe").write_bytes(b"MZ")
    with pytest.raises(LoadError, match="暂不支持"):
        load_text(tmp_path / "a.exe")
    assert find_files([Path(tmp_path)]) == [tmp_path / "a.exe"]
