"""The local index: one SQLite file with the served chunks, their BM25 keyword index (FTS5 over jieba
tokens) and the document catalog. Kept per document (add, replace, delete), never rebuilt, so opening
a large store reads nothing but the catalog and a question costs index lookups, not collection scans.

Why FTS5: it is in the standard library, persistent, incremental and scores BM25 in C. On 100,000
synthetic chunks an OR query over a question's tokens takes 16-46 ms once tokens found in more than
half of all chunks are left out (their BM25 weight is zero in FTS5 anyway); rank_bm25 scans every
chunk in Python for every token and must be rebuilt, with all chunks tokenized again, on each start.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from vectorstore.store import StoredChunk

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks (rowid INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE NOT NULL, doc_id TEXT NOT NULL,
    section TEXT NOT NULL, kind TEXT NOT NULL, level INTEGER NOT NULL, chunk_index INTEGER NOT NULL,
    start INTEGER NOT NULL, text TEXT NOT NULL, meta TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, start, chunk_index);
CREATE INDEX IF NOT EXISTS chunks_section ON chunks(section);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(tokens, tokenize = "unicode61 tokenchars '.-_%'");
CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, doc_hash TEXT NOT NULL, version INTEGER NOT NULL,
    chunks INTEGER NOT NULL, sections INTEGER NOT NULL, source_path TEXT NOT NULL, meta TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY);
"""


def _quote(token: str) -> str:
    """A token as an FTS5 string literal.

    Example: _quote('a"b') == '"a""b"'
    """
    return '"' + token.replace('"', '""') + '"'


class LocalIndex:
    """Chunks, their keyword index and the catalog of complete documents, in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._schema_ready = False

    def _db(self) -> sqlite3.Connection:
        # One connection per thread: readers never wait for a writer (WAL), and sqlite3 objects stay in their thread.
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if not self._schema_ready:  # once per process: later connections (threads) find the tables
                with self._write_lock:
                    if not self._schema_ready:
                        db.executescript(_SCHEMA)
                        self._schema_ready = True
            self._local.db = db
        return db

    def close(self) -> None:
        """Close this thread's connection."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # ---- writes ------------------------------------------------------------------------------
    def replace_doc(self, doc_id: str, doc_hash: str, version: int, source_path: str,
                    chunks: Sequence[StoredChunk], tokens: Sequence[str], words: Iterable[str] = ()) -> None:
        """Put one document's chunks (with their space-joined tokens) in place of any older version, atomically."""
        first = min(chunks, key=lambda c: (int(c.metadata.get("start", 0)), int(c.metadata.get("chunk_index", 0))))
        sections = len({(str(c.metadata.get("section", "")), str(c.metadata.get("kind", ""))) for c in chunks})
        with self._write_lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                self._delete(db, doc_id)
                for c, toks in zip(chunks, tokens, strict=True):
                    m = c.metadata
                    cur = db.execute(
                        "INSERT INTO chunks(chunk_id, doc_id, section, kind, level, chunk_index, start, text, meta)"
                        " VALUES (?,?,?,?,?,?,?,?,?)",
                        (c.chunk_id, doc_id, str(m.get("section", "")), str(m.get("kind", "")), int(m.get("level", 0)),
                         int(m.get("chunk_index", 0)), int(m.get("start", 0)), c.text,
                         json.dumps(m, ensure_ascii=False)))
                    db.execute("INSERT INTO fts(rowid, tokens) VALUES (?, ?)", (cur.lastrowid, toks))
                db.execute("INSERT INTO docs VALUES (?,?,?,?,?,?,?)",
                           (doc_id, doc_hash, version, len(chunks), sections, source_path,
                            json.dumps(first.metadata, ensure_ascii=False)))
                db.executemany("INSERT OR IGNORE INTO words VALUES (?)", [(w,) for w in words])
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def delete_doc(self, doc_id: str) -> None:
        """Forget one document."""
        with self._write_lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                self._delete(db, doc_id)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    @staticmethod
    def _delete(db: sqlite3.Connection, doc_id: str) -> None:
        db.execute("DELETE FROM fts WHERE rowid IN (SELECT rowid FROM chunks WHERE doc_id = ?)", (doc_id,))
        db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))

    # ---- catalog -----------------------------------------------------------------------------
    def doc_rows(self) -> list[dict[str, Any]]:
        """One row per document: doc_id, doc_hash, version, chunks, sections, source_path and its first chunk's metadata."""
        rows = self._db().execute(
            "SELECT doc_id, doc_hash, version, chunks, sections, source_path, meta FROM docs ORDER BY doc_id").fetchall()
        return [{"doc_id": r[0], "doc_hash": r[1], "version": r[2], "chunks": r[3], "sections": r[4],
                 "source_path": r[5], "meta": json.loads(r[6])} for r in rows]

    def doc_state(self, doc_id: str) -> tuple[str, int] | None:
        """(content hash, version) of the indexed document, or None."""
        row = self._db().execute("SELECT doc_hash, version FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        return (str(row[0]), int(row[1])) if row else None

    def words(self) -> list[str]:
        """Names the tokenizer was taught while indexing (lead units), to teach it again on start."""
        return [r[0] for r in self._db().execute("SELECT word FROM words")]

    # ---- reads -------------------------------------------------------------------------------
    @staticmethod
    def _chunk(row: Sequence[Any]) -> StoredChunk:
        return StoredChunk(str(row[0]), str(row[1]), json.loads(row[2]))

    def chunks(self, chunk_ids: Sequence[str]) -> dict[str, StoredChunk]:
        """The indexed chunks among chunk_ids, by id."""
        if not chunk_ids:
            return {}
        rows = self._db().execute("SELECT chunk_id, text, meta FROM chunks WHERE chunk_id IN "
                                  "(SELECT value FROM json_each(?))", (json.dumps(list(chunk_ids)),))
        return {r[0]: self._chunk(r) for r in rows}

    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        """All chunks of a document in reading order."""
        rows = self._db().execute("SELECT chunk_id, text, meta FROM chunks WHERE doc_id = ? ORDER BY start, chunk_index",
                                  (doc_id,))
        return [self._chunk(r) for r in rows]

    def first_chunks(self, doc_ids: Sequence[str], kinds: Sequence[str]) -> list[str]:
        """Ids of the first chunk of every section of the given kinds in the given documents."""
        rows = self._db().execute(
            "SELECT chunk_id FROM chunks WHERE doc_id IN (SELECT value FROM json_each(?)) AND chunk_index = 0 "
            "AND kind IN (SELECT value FROM json_each(?))", (json.dumps(list(doc_ids)), json.dumps(list(kinds))))
        return [r[0] for r in rows]

    def sections(self, doc_ids: Sequence[str] | None, like: str | None = None,
                 limit: int = 5000) -> list[tuple[str, str, int]]:
        """(chunk id, section path, level) of chunks in some documents, or of all whose path matches `like`."""
        sql, args = "SELECT chunk_id, section, level FROM chunks WHERE 1", []
        if doc_ids is not None:
            sql += " AND doc_id IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(list(doc_ids)))
        if like is not None:
            sql += " AND section LIKE ?"
            args.append(like)
        rows = self._db().execute(sql + " LIMIT ?", (*args, limit))
        return [(str(r[0]), str(r[1]), int(r[2])) for r in rows]

    def search(self, tokens: Sequence[str], k: int, total: int,
               doc_ids: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) best first for a question's tokens, optionally within some documents.

        Tokens found in more than half of the `total` chunks are left out when others remain: FTS5 gives
        them zero weight anyway, and they would make the query visit most of the index.
        """
        uniq = list(dict.fromkeys(t for t in tokens if t))
        if not uniq or k <= 0:
            return []
        db = self._db()
        df = dict(db.execute("SELECT term, doc FROM fts_vocab WHERE term IN (SELECT value FROM json_each(?))",
                             (json.dumps(uniq),)).fetchall())
        present = [t for t in uniq if df.get(t)]
        useful = [t for t in present if df[t] * 2 <= total] or present
        if not useful:
            return []
        match = " OR ".join(_quote(t) for t in useful)
        sql = "SELECT c.chunk_id, -bm25(fts) FROM fts JOIN chunks c ON c.rowid = fts.rowid WHERE fts MATCH ?"
        args: list[Any] = [match]
        if doc_ids is not None:
            sql += " AND c.doc_id IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(list(doc_ids)))
        rows = db.execute(sql + " ORDER BY bm25(fts) LIMIT ?", (*args, k)).fetchall()
        return [(str(r[0]), float(r[1])) for r in rows if r[1] > 0]
