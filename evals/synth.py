"""Synthetic corpora for scale benchmarks: the bundled documents rewritten with other regions, years,
figures and 文号, so every generated document is distinct text; and a labelled hashing embedder."""

from __future__ import annotations

import random
import re
import zlib
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.settings import BUNDLED_CORPUS

_A = "东南西北中新安和平永兴长宁广昌临江"
_B = "川江山湖林海河原阳州"
_SUFFIX = ("市", "区", "县")
_REGION = re.compile(r"上海市|上海|成都市|成都|静安区|静安|本市")
_YEARS = re.compile(r"(?<!\d)(2012|2013|2014|2015|2017|2019)(?=\s*年|〕)")
_FIGURE = re.compile(r"(?<![\d〔.])(\d{1,4})(?=\s*(个|分|%|家|项|日|处))")


def synth_name(i: int) -> str:
    """A made-up place name for document i.

    Example: synth_name(0) == "东川市"
    """
    a, rest = _A[i % len(_A)], i // len(_A)
    b, rest = _B[rest % len(_B)], rest // len(_B)
    return f"{a}{b}{_SUFFIX[rest % len(_SUFFIX)]}"


def synth_document(text: str, i: int) -> tuple[str, str]:
    """(file name, text) of synthetic document i made from one bundled document's text."""
    rng = random.Random(i)
    region = synth_name(i)
    year = 2000 + (i * 7) % 30
    out = _REGION.sub(region, text)
    out = _YEARS.sub(str(year), out)
    out = _FIGURE.sub(lambda m: str(max(1, int(int(m.group(1)) * rng.uniform(0.5, 2.0)))), out)
    out = re.sub(r"[沪成]府?办发〔\d{4}〕\d+号", f"{region[0]}府办发〔{year}〕{i + 1}号", out)
    return f"{i:05d}_{region}_{year}.txt", out


def write_corpus(folder: str | Path, n: int) -> Path:
    """Write n synthetic documents into folder (made if missing) and return it."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    bases = [p.read_text(encoding="utf-8") for p in sorted(Path(BUNDLED_CORPUS).glob("*.txt"))]
    for i in range(n):
        name, text = synth_document(bases[i % len(bases)], i)
        (out / name).write_text(text, encoding="utf-8")
    return out


class HashingEmbeddings(Embeddings):
    """A deterministic, fast stand-in embedder for scale tests and benchmarks (NOT a semantic model):
    character bigrams hashed into `dim` buckets, L2-normalized. Texts sharing bigrams are similar.

    Example: HashingEmbeddings().embed_query("政务公开") == HashingEmbeddings().embed_documents(["政务公开"])[0]
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _embed(self, text: str) -> list[float]:
        import numpy as np  # only the benchmark needs it

        v = np.zeros(self.dim, dtype=np.float32)
        grams = [text[i:i + 2] for i in range(max(1, len(text) - 1))]
        for g in grams:
            v[zlib.crc32(g.encode("utf-8")) % self.dim] += 1.0
        norm = float(np.linalg.norm(v)) or 1.0
        return [float(x) for x in v / norm]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """One vector per text."""
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """The same as a document: no prefixes."""
        return self._embed(text)
