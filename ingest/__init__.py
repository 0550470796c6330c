"""Ingestion: files -> Document (metadata + section tree) -> Chunks under a token budget."""

from ingest.chunking import chunk_document
from ingest.loaders import LoadError, find_files, load_text
from ingest.parser import parse_document
from ingest.types import Chunk, Document, Section

__all__ = ["Chunk", "Document", "LoadError", "Section", "chunk_document", "find_files", "load_text",
           "parse_document"]
