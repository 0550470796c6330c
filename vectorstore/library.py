"""The documents one app process serves: written through the ledger protocol, and kept in step with
the shared store by reading only what changed.

Write protocol (one document): ledger "writing" -> chunks into Chroma (the slow part: embedding) ->
local index (one SQLite transaction) -> ledger "ready" -> old versions' chunks deleted. Readers
serve only what their local index holds, so a half-written or interrupted document is never served,
and an update is served as the old version until the new one is complete.
"""

from __future__ import annotations

import bisect
import logging
import re
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from ingest.types import Chunk
from vectorstore.keyword import add_words, tokenize
from vectorstore.ledger import DELETED, READY, WRITING, DocLedger, DocRecord
from vectorstore.local_index import LocalIndex
from vectorstore.scope import DocInfo
from vectorstore.store import ChromaStore, StoredChunk

log = logging.getLogger(__name__)


def doc_info(row: dict[str, object]) -> DocInfo:
    """A catalog row of LocalIndex.doc_rows() as the DocInfo that scoping and the library view use."""
    m = dict(row["meta"])  # type: ignore[call-overload]
    return DocInfo(doc_id=str(row["doc_id"]), title=str(m.get("title", "")),
                   doc_number=str(m.get("doc_number") or "") or None, region=str(m.get("region") or "") or None,
                   parent_region=str(m.get("parent_region") or "") or None, year=int(m.get("year") or 0) or None,
                   date=str(m.get("date") or "") or None, source=str(m.get("source", "")),
                   sections=int(str(row["sections"])), chunks=int(str(row["chunks"])),
                   issuer=str(m.get("issuer") or "") or None)


def lead_words(chunks: Sequence[StoredChunk]) -> set[str]:
    """Lead-unit names in chunk metadata, which the tokenizer should keep whole.

    Example: a chunk with lead "市信访办、市民政局" -> {"市信访办", "市民政局"}
    """
    return {u.strip() for c in chunks for u in re.split(r"[、，,；;]", str(c.metadata.get("lead", ""))) if u.strip()}


class DocumentLibrary:
    """Writes and deletes documents; keeps the local index and catalog caught up with the ledger."""

    def __init__(self, store: ChromaStore, index_path: str | Path | None = None, recheck_s: float = 2.0,
                 full_check_s: float = 300.0, margin_s: float = 60.0) -> None:
        self.store = store
        self.writer = uuid.uuid4().hex[:12]
        self.ledger = DocLedger(store, self.writer)
        self.index = LocalIndex(index_path or store.local_index_path)
        self.recheck_s = recheck_s  # how often a question looks for changes made by other processes
        self.full_check_s = full_check_s  # how often all records are compared (covers clock skew between machines)
        self.margin_s = margin_s  # records this much older than the last look are read again (clock skew, slow writers)
        self._docs: list[DocInfo] = []
        self._total = 0
        self._synced = 0.0  # ledger time stamp we have caught up to
        self._checked = 0.0  # monotonic time of the last look
        self._full_at = 0.0
        self._seen: dict[str, int] = {}  # doc id -> ledger version seen
        self._opened = False
        self._stale = False
        self._sync_lock = threading.Lock()

    # ---- catalog -----------------------------------------------------------------------------
    @property
    def docs(self) -> list[DocInfo]:
        """The complete documents served."""
        return list(self._docs)

    @property
    def total_chunks(self) -> int:
        """How many chunks are served."""
        return self._total

    def _reload_catalog(self) -> None:
        rows = self.index.doc_rows()
        self._docs = [doc_info(r) for r in rows]
        self._total = sum(int(str(r["chunks"])) for r in rows)

    def _update_catalog(self, doc_id: str) -> None:
        """Bring one document's catalog entry up to date (reading all rows took 0.1 s at 2,400 documents)."""
        row = self.index.doc_row(doc_id)
        docs = [d for d in self._docs if d.doc_id != doc_id]
        if row is not None:
            bisect.insort(docs, doc_info(row), key=lambda d: d.doc_id)  # doc_rows() order: by doc_id
        self._docs = docs
        self._total = sum(d.chunks for d in docs)

    # ---- catching up -------------------------------------------------------------------------
    def open(self) -> None:
        """Catch up with the store on start: build the ledger once for an old store, then compare records."""
        add_words(set(self.index.words()))
        if self.ledger.is_empty() and self.store.count() > 0:
            self._migrate()
        self.sync(full=True)
        self._opened = True

    def mark_stale(self) -> None:
        """Ask for a look at the ledger at the next question (for example after an unknown chunk id)."""
        self._stale = True

    def maybe_sync(self) -> None:
        """Look for changes by other processes every recheck_s seconds, in the background: a question
        never waits for a look, nor for fetching a large document another process wrote."""
        now = time.monotonic()
        if not self._stale and now - self._checked < self.recheck_s:
            return
        if self._sync_lock.locked():
            return
        self._checked = now
        threading.Thread(target=self._background_sync, name="ledger-sync", daemon=True).start()

    def _background_sync(self) -> None:
        if not self._sync_lock.acquire(blocking=False):
            return
        try:
            self._stale = False
            self._sync_locked(full=time.monotonic() - self._full_at >= self.full_check_s)
        except Exception as exc:  # a background look must not kill the thread silently; the next one retries
            log.warning("could not catch up with the store: %s", exc)
            self._stale = True
        finally:
            self._sync_lock.release()

    def sync(self, full: bool = False) -> bool:
        """Apply what changed in the ledger since the last look (everything with full=True); True if any."""
        with self._sync_lock:
            return self._sync_locked(full)

    def _sync_locked(self, full: bool) -> bool:
        started = time.time()
        self._checked = time.monotonic()
        if full:
            self._full_at = self._checked
            records = list(self.ledger.records().values())
        else:
            records = self.ledger.changed_since(self._synced - self.margin_s)
        fresh = foreign = False
        for r in records:
            if r.writer == self.writer and not full:
                continue  # our own write, applied when it was made
            if r.version > self._seen.get(r.doc_id, 0):
                fresh = True
                foreign = foreign or (self._opened and r.writer != self.writer)
            local = self.index.doc_state(r.doc_id)
            if r.state == READY and (local is None or local[0] != r.doc_hash):
                if not self._fetch(r):
                    continue  # not all chunks visible yet: look again next time, keep serving the old state
            elif r.state == DELETED and local is not None:
                self.index.delete_doc(r.doc_id)
            self._seen[r.doc_id] = r.version
        if full:
            listed = {r.doc_id for r in records}
            unlisted = [str(row["doc_id"]) for row in self.index.doc_rows() if row["doc_id"] not in listed]
            for doc_id in unlisted:
                # Only a record that is really gone (a new server, a wiped store) drops a served document.
                if self.ledger.get(doc_id) is None:
                    self.index.delete_doc(doc_id)
                    fresh = True
        if foreign and self.store.embedded:
            # Another process wrote to our folder: Chroma's in-memory vector index does not see it until reopened.
            log.info("another process changed the store: reopening it")
            self.store.reopen()
        if fresh or full:
            self._reload_catalog()
        self._synced = max(self._synced, started)
        return fresh

    def _fetch(self, r: DocRecord) -> bool:
        chunks = self.store.doc_chunks(r.doc_id, r.doc_hash)
        if len(chunks) != r.chunks:
            log.info("document %s: %d of %d chunks visible, waiting", r.doc_id, len(chunks), r.chunks)
            return False
        self._apply(r, chunks)
        return True

    def _apply(self, r: DocRecord, chunks: Sequence[StoredChunk]) -> None:
        words = lead_words(chunks)
        add_words(words)
        # Keyword search sees the heading context too, so a question naming a heading finds the item.
        tokens = [" ".join(tokenize(f"{c.metadata.get('headings', '')} {c.text}")) for c in chunks]
        self.index.replace_doc(r.doc_id, r.doc_hash, r.version, r.source_path, chunks, tokens, words)

    def _migrate(self) -> None:
        """A store written before the ledger existed: read it once, page by page, and record each document."""
        log.warning("%s has no document ledger: building it once from the stored chunks", self.store.where)
        by_doc: dict[str, list[StoredChunk]] = {}
        for c in self.store.iter_chunks():
            by_doc.setdefault(str(c.metadata.get("doc_id")), []).append(c)
        for doc_id, chunks in by_doc.items():
            m = chunks[0].metadata
            hashes = {str(c.metadata.get("doc_hash", "")) for c in chunks}
            complete = len(hashes) == 1 and len(chunks) == int(m.get("doc_chunks", 0) or 0)
            path, source = str(m.get("source_path", "")), str(m.get("source", ""))
            if complete:
                rec = self.ledger.put(doc_id, READY, hashes.pop(), len(chunks), path, source)
                self._apply(rec, chunks)
            else:
                log.warning("document %s is incomplete in the store (%d chunks, %d versions)", doc_id, len(chunks),
                            len(hashes))
                self.ledger.put(doc_id, WRITING, "", 0, path, source)

    # ---- writing -----------------------------------------------------------------------------
    def write(self, doc_id: str, doc_hash: str, source_path: str, source: str, chunks: list[Chunk],
              previous: DocRecord | None = None) -> None:
        """Store one document version; it is served (here and by other processes) only once complete.

        previous is the document's ledger record as read before deciding to write (None: a new document).
        """
        self.sync()  # catch up first: an embedded store written by another process must be reopened
        rec = self.ledger.put(doc_id, WRITING, doc_hash, len(chunks), source_path, source, previous, look_up=False)
        self.store.add(chunks)
        done = DocRecord(doc_id, READY, doc_hash, len(chunks), source_path, source, rec.version + 1)
        self._apply(done, [StoredChunk(c.chunk_id, c.text, dict(c.metadata)) for c in chunks])
        # Served here from now on; other processes serve it once this record says it is complete.
        rec = self.ledger.put(doc_id, READY, doc_hash, len(chunks), source_path, source, rec)
        self._seen[doc_id] = rec.version
        if previous is not None:
            self.store.delete_doc(doc_id, keep_hash=doc_hash)
        self._update_catalog(doc_id)

    def delete(self, doc_id: str) -> None:
        """Stop serving a document and remove its chunks."""
        prev = self.ledger.get(doc_id)
        self.index.delete_doc(doc_id)
        rec = self.ledger.put(doc_id, DELETED, source_path=prev.source_path if prev else "",
                              source=prev.source if prev else "", previous=prev)
        self._seen[doc_id] = rec.version
        self.store.delete_doc(doc_id)
        self._update_catalog(doc_id)
