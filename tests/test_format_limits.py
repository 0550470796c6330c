"""Decompression bombs and oversized files are refused before parsing, with bounded memory; UTF-16
text decodes; symbolic-link loops are reported."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from ingest import load_text
from ingest.formats import DOCX_MAX_PARAGRAPHS, PDF_MAX_PAGES, FormatError, docx_text, pdf_text
from ingest.loaders import LoadError, decode_text, find_files

ROOT = Path(__file__).resolve().parent.parent
GOOD = "2030年测试市政务公开工作要点\n一、总体要求\n（一）推进海绵城市信息公开。年内公开雨水花园456处。\n"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_template() -> dict[str, bytes]:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_docx(path: Path, parts: dict[str, bytes], extra: tuple[str, int] | None = None) -> None:
    """A .docx from parts; extra = (member name, megabytes of zeros) streamed in 1 MB pieces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        if extra:
            with z.open(extra[0], "w", force_zip64=True) as fh:
                block = bytes(1 << 20)
                for _ in range(extra[1]):
                    fh.write(block)


def paragraph_bomb(path: Path, paragraphs: int) -> None:
    parts = docx_template()
    body = b"<w:p/>" * paragraphs
    parts["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
                                  .encode() + body + b"</w:body></w:document>")
    write_docx(path, parts)


def pdf_bomb(path: Path, megabytes: int) -> None:
    """A one-page PDF whose content stream inflates to `megabytes` MB of spaces."""
    comp = zlib.compressobj(9)
    stream = b"".join(comp.compress(b" " * (1 << 20)) for _ in range(megabytes)) + comp.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def test_docx_paragraph_bomb_and_zip_bomb_are_refused_quickly(tmp_path):
    paragraph_bomb(tmp_path / "p.docx", 3_000_000)  # 18 MB of <w:p/>: under the part limit, over the count
    write_docx(tmp_path / "z.docx", docx_template(), ("word/media/zero.bin", 200))
    for name, reason in (("p.docx", f"段落超过 {DOCX_MAX_PARAGRAPHS} 个"), ("z.docx", "疑似压缩炸弹")):
        data = (tmp_path / name).read_bytes()
        t0 = time.monotonic()
        with pytest.raises(FormatError, match=reason) as err:
            docx_text(data, name)
        assert name in str(err.value) and time.monotonic() - t0 < 5, (name, len(data))


def test_pdf_stream_bomb_and_page_count_are_refused(tmp_path):
    pdf_bomb(tmp_path / "b.pdf", 100)
    with pytest.raises(FormatError, match="b.pdf 的内容解压后过大"):
        pdf_text((tmp_path / "b.pdf").read_bytes(), "b.pdf")
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(PDF_MAX_PAGES + 1):
        w.add_blank_page(10, 10)
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(FormatError, match=f"超过上限 {PDF_MAX_PAGES} 页"):
        pdf_text(buf.getvalue(), "many.pdf")


def _ingest_rss(folder: Path, db: Path) -> tuple[dict[str, object], float, int]:
    """Run `python -m assistant ingest --json folder`; (report, seconds, peak RSS in MB) of that process alone."""
    env = {**os.environ, "CHROMA_PATH": str(db), "INDEX_BUNDLED_CORPUS": "0"}
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "ingest", "--json", str(folder)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return json.loads(out), time.monotonic() - t0, usage.ru_maxrss // 1024


@pytest.mark.slow
def test_bombs_in_a_folder_are_skipped_with_bounded_memory_and_the_rest_goes_in(tmp_path):
    plain, bombs = tmp_path / "plain", tmp_path / "bombs"
    plain.mkdir()
    bombs.mkdir()
    for folder in (plain, bombs):
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    paragraph_bomb(bombs / "paragraphs.docx", 25_000_000)  # 150 MB of <w:p/> in a ~150 KB file
    paragraph_bomb(bombs / "paragraphs-small.docx", 3_000_000)
    write_docx(bombs / "zip.docx", docx_template(), ("word/media/zero.bin", 1024))  # 1 GB of zeros in ~1 MB
    pdf_bomb(bombs / "stream.pdf", 1024)
    sizes = {p.name: p.stat().st_size // 1024 for p in bombs.iterdir()}
    base, base_s, base_rss = _ingest_rss(plain, tmp_path / "db1")
    report, took, rss = _ingest_rss(bombs, tmp_path / "db2")
    print(f"\nbomb files (KB): {sizes}\ningest of the good file alone: {base_s:.1f} s, peak RSS {base_rss} MB;"
          f" with the bombs: {took:.1f} s, peak RSS {rss} MB\n{json.dumps(report, ensure_ascii=False)}")
    assert base["added"] == 1 and report["added"] == 1 and report["documents"] == ["good"]
    reasons = {Path(s["file"]).name: s["reason"] for s in report["skipped"]}  # type: ignore[union-attr,index]
    assert set(reasons) == {"paragraphs.docx", "paragraphs-small.docx", "zip.docx", "stream.pdf"}
    assert all(name in reason for name, reason in reasons.items())
    assert "疑似压缩炸弹" in reasons["zip.docx"] and "段落超过" in reasons["paragraphs-small.docx"]
    assert rss < base_rss + 150, (rss, base_rss)


def test_utf16_text_files_decode(tmp_path):
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        (tmp_path / f"{codec}.txt").write_bytes(GOOD.encode(codec))
        assert load_text(tmp_path / f"{codec}.txt") == GOOD, codec
    with pytest.raises(LoadError, match="二进制"):
        decode_text(bytes(range(256)) * 8, "bin.dat")
    with pytest.raises(LoadError, match="二进制"):
        decode_text(os.urandom(4096), "random.dat")


def test_symlink_loops_are_reported_in_the_ingest_report(tmp_path, bot):
    from assistant import Assistant, Settings

    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(folder, folder / "sub" / "up")  # a folder that contains itself
    os.symlink(folder / "l2.txt", folder / "l1.txt")  # two links pointing at each other
    os.symlink(folder / "l1.txt", folder / "l2.txt")
    files = {p.name for p in find_files([folder])}
    assert files == {"a.txt", "up", "l1.txt", "l2.txt"}
    b = Assistant(Settings(chroma_path=str(tmp_path / "db"), index_bundled_corpus=False), embeddings=bot.embeddings)
    report = b.ingest([folder])
    reasons = {Path(f).name: r for f, r in report.skipped}
    assert report.added == 1 and set(reasons) == {"up", "l1.txt", "l2.txt"}
    assert "循环的符号链接" in reasons["l1.txt"] and "会形成循环" in reasons["up"]
    with pytest.raises(LoadError, match="循环的符号链接"):
        load_text(folder / "l1.txt")
