"""The plain LangChain baseline: RecursiveCharacterTextSplitter (500 chars) + the same embeddings +
Chroma top-k + the most similar sentence as the answer. No sections, no keyword search, no refusals."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from ingest import find_files, load_text
from ingest.parser import doc_id_for
from ingest.textutil import split_sentences


class PlainBaseline:
    """A LangChain RAG pipeline as most tutorials build it."""

    def __init__(self, embeddings: Embeddings, chroma_path: str, chunk_size: int = 500, chunk_overlap: int = 50,
                 k: int = 5) -> None:
        self.embeddings = embeddings
        self.chroma_path = chroma_path
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.k = k
        self._db: Any = None

    def index(self, paths: list[str | Path]) -> int:
        """Split and index the files; returns the number of chunks."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=self.chunk_size, chunk_overlap=self.chunk_overlap)
        texts: list[str] = []
        metas: list[dict[str, Any]] = []
        for f in find_files(list(paths)):
            for piece in splitter.split_text(load_text(f)):
                texts.append(piece)
                metas.append({"doc_id": doc_id_for(str(f))})
        client = chromadb.PersistentClient(path=self.chroma_path, settings=ChromaSettings(anonymized_telemetry=False))
        self._db = Chroma(client=client, collection_name=f"baseline-{uuid.uuid4().hex[:8]}",
                          embedding_function=self.embeddings, collection_metadata={"hnsw:space": "cosine"})
        self._db.add_texts(texts, metadatas=metas)
        return len(texts)

    def retrieve(self, question: str) -> list[tuple[str, str]]:
        """(doc_id, chunk text) of the top-k chunks."""
        docs = self._db.similarity_search(question, k=self.k)
        return [(str(d.metadata.get("doc_id", "")), d.page_content) for d in docs]

    def answer(self, question: str, chunks: list[tuple[str, str]]) -> str:
        """The sentence of the retrieved chunks most similar to the question."""
        sentences = [s for _d, t in chunks[:3] for s in split_sentences(t.replace("\n", "")) if len(s) > 4]
        if not sentences:
            return ""
        q = np.array(self.embeddings.embed_query(question))
        m = np.array(self.embeddings.embed_documents(sentences))
        return sentences[int(np.argmax(m @ q))]
