"""The local index: one SQLite file with the served chunks, their BM25 keyword index (FTS5 over jieba
tokens) and the document catalog. Kept per document (add, replace, delete), never rebuilt, so opening
a large store reads nothing but the catalog and a question costs index lookups, not collection scans.

Why FTS5: it is in the standard library, persistent, incremental and scores BM25 in C; rank_bm25 scans
every chunk in Python for every token and must be rebuilt, with all chunks tokenized again, on each start.
A query's cost is the number of chunks its terms are in: on 96,866 synthetic chunks (load 9 on 2 cores)
the bench questions took p50/p95 159/239 ms with every term below half the chunks; reading the document
frequencies from our term_df table instead of fts5vocab and keeping the rarest terms up to 16,000 chunks
(bounded_terms) makes it 34/56 ms. Nothing is left out on the bundled corpus.
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
# How many chunks hold each keyword-index term, kept up to date on every write: FTS5 has no stored
# document frequency, and its fts5vocab table counts it by reading the term's whole posting list
# (300 ms for a question's common words on 50,000 chunks).
_TERM_DF = "CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
# A scratch index with the same tokenizer: a document's terms exactly as FTS5 splits them.
_SCRATCH = """
CREATE VIRTUAL TABLE IF NOT EXISTS temp.scratch USING fts5(tokens, tokenize = "unicode61 tokenchars '.-_%'");
CREATE VIRTUAL TABLE IF NOT EXISTS temp.scratch_vocab USING fts5vocab(temp, scratch, 'row');
"""


MAX_POSTINGS = 16_000  # chunks a keyword query may visit in all (see bounded_terms)


def _quote(token: str) -> str:
    """A token as an FTS5 string literal.

    Example: _quote('a"b') == '"a""b"'
    """
    return '"' + token.replace('"', '""') + '"'


def bounded_terms(terms: Sequence[str], df: dict[str, int], max_postings: int) -> list[str]:
    """The rarest terms whose chunk counts add up to at most max_postings (always at least the rarest one),
    in their question order.

    FTS5 reads every chunk of every query term twice (to match, then to count it for BM25), so a query
    costs the sum of its terms' chunk counts. On 100,000 chunks a question's common words ("信息", "单位")
    are in 20,000-40,000 chunks each and cost 100-400 ms, while their BM25 weight (idf) is a tenth of a
    rare word's. Below max_postings nothing is left out: on the bundled corpus (200 chunks) no term is.
    Example: bounded_terms(["信息", "档案", "单位"], {"信息": 90, "档案": 5, "单位": 30}, 40) == ["档案", "单位"]
    """
    kept: set[str] = set()
    spent = 0
    for t in sorted(terms, key=lambda t: df[t]):
        if kept and spent + df[t] > max_postings:
            break
        kept.add(t)
        spent += df[t]
    return [t for t in terms if t in kept]


MMAP_BYTES = 512 * 1024 * 1024  # address space only: pages load as they are read
CACHE_KIB = 64 * 1024  # SQLite page cache per connection

class LocalIndex:
    """Chunks, their keyword index and the catalog of complete documents, in one SQLite file."""

    def __init__(self, path: str | Path, max_postings: int = MAX_POSTINGS) -> None:
        self.path = Path(path)
        self.max_postings = max_postings
        self._local = threading.local()
        self._write_lock = threading.RLock()  # re-entered when a write opens this thread's first connection
        self._schema_ready = False

    def _db(self) -> sqlite3.Connection:
        # One connection per thread: readers never wait for a writer (WAL), and sqlite3 objects stay in their thread.
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            # Postings read through the OS page cache (no copy into SQLite's own) and kept in a larger page cache:
            # a question with terms not seen before reads what it needs, not the whole index.
            db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            if not self._schema_ready:  # once per process: later connections (threads) find the tables
                with self._write_lock:
                    if not self._schema_ready:
                        db.executescript(_SCHEMA)
                        self._add_term_df(db)
                        self._schema_ready = True
            db.executescript(_SCRATCH)
            self._local.db = db
        return db

    @staticmethod
    def _add_term_df(db: sqlite3.Connection) -> None:
        """Create the term_df table; in a store from before it existed, count it once from the index."""
        db.execute("BEGIN IMMEDIATE")
        try:
            if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'term_df'").fetchone():
                db.execute(_TERM_DF)
                db.execute("INSERT INTO term_df SELECT term, doc FROM fts_vocab")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @staticmethod
    def _count_terms(db: sqlite3.Connection, token_lists: Sequence[str], sign: int) -> None:
        """Add (sign=1) or take away (sign=-1) some chunks' terms in term_df."""
        db.execute("DELETE FROM temp.scratch")
        db.executemany("INSERT INTO temp.scratch(tokens) VALUES (?)", [(t,) for t in token_lists])
        counts = db.execute("SELECT term, doc FROM temp.scratch_vocab").fetchall()
        if sign > 0:
            db.executemany("INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                           counts)
        else:
            db.executemany("UPDATE term_df SET df = df - ? WHERE term = ?", [(n, t) for t, n in counts])
            db.executemany("DELETE FROM term_df WHERE term = ? AND df <= 0", [(t,) for t, _n in counts])
        db.execute("DELETE FROM temp.scratch")

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
                self._count_terms(db, tokens, 1)
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

    def _delete(self, db: sqlite3.Connection, doc_id: str) -> None:
        old = [r[0] for r in db.execute("SELECT tokens FROM fts WHERE rowid IN (SELECT rowid FROM chunks WHERE doc_id = ?)",
                                        (doc_id,))]
        if old:
            self._count_terms(db, old, -1)
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

    def doc_row(self, doc_id: str) -> dict[str, Any] | None:
        """One document's catalog row (as in doc_rows), or None."""
        r = self._db().execute("SELECT doc_id, doc_hash, version, chunks, sections, source_path, meta FROM docs "
                               "WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if r is None else {"doc_id": r[0], "doc_hash": r[1], "version": r[2], "chunks": r[3],
                                       "sections": r[4], "source_path": r[5], "meta": json.loads(r[6])}

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

    def texts(self, chunk_ids: Sequence[str]) -> dict[str, str]:
        """The texts of the indexed chunks among chunk_ids, by id (no metadata decoded)."""
        if not chunk_ids:
            return {}
        rows = self._db().execute("SELECT chunk_id, text FROM chunks WHERE chunk_id IN (SELECT value FROM json_each(?))",
                                  (json.dumps(list(chunk_ids)),))
        return {str(r[0]): str(r[1]) for r in rows}

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

    def mentions(self, term: str) -> bool:
        """Whether some served chunk has the search token `term`."""
        row = self._db().execute("SELECT df FROM term_df WHERE term = ?", (term.lower(),)).fetchone()
        return bool(row and row[0])

    def search(self, tokens: Sequence[str], k: int, total: int,
               doc_ids: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) best first for a question's tokens, optionally within some documents.

        Tokens found in more than half of the `total` chunks are left out when others remain: FTS5 gives
        them zero weight anyway, and they would make the query visit most of the index. Of the others, the
        rarest are kept up to `max_postings` chunks in all (see bounded_terms).
        """
        uniq = list(dict.fromkeys(t for t in tokens if t))
        if not uniq or k <= 0:
            return []
        db = self._db()
        df = dict(db.execute("SELECT term, df FROM term_df WHERE term IN (SELECT value FROM json_each(?))",
                             (json.dumps(uniq),)).fetchall())
        present = [t for t in uniq if df.get(t)]
        useful = [t for t in present if df[t] * 2 <= total] or present
        if not useful:
            return []
        match = " OR ".join(_quote(t) for t in bounded_terms(useful, df, self.max_postings))
        sql = "SELECT c.chunk_id, -bm25(fts) FROM fts JOIN chunks c ON c.rowid = fts.rowid WHERE fts MATCH ?"
        args: list[Any] = [match]
        if doc_ids is not None:
            sql += " AND c.doc_id IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(list(doc_ids)))
        rows = db.execute(sql + " ORDER BY bm25(fts) LIMIT ?", (*args, k)).fetchall()
        return [(str(r[0]), float(r[1])) for r in rows if r[1] > 0]
