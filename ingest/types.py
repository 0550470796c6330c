"""The data that flows through ingestion: Document -> Section -> Chunk."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def content_hash(*parts: str, length: int = 16) -> str:
    """Stable short hash of text parts, used for ids.

    Example: content_hash("a", "b") == content_hash("a", "b") != content_hash("ab", "")
    """
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")  # unit separator, so ("a","b") and ("ab","") differ
    return h.hexdigest()[:length]


@dataclass(frozen=True)
class Section:
    """One numbered part of a document (一、 / （三） / 1. / 第X章 / 第X条 / 5.2.1 / appendix row), or its preamble.

    `path` is how a citation names it: "五、（三）", "附件（序号5）", "第四章", "第四章第一节", "第三十三条"
    (articles are numbered through a document, so no chapter prefix), "5.2.1（1）", or "" for text that
    belongs to the document as a whole (notice, preamble, closing words). An article's text keeps one line
    per 款 or 项 in order, the first line without the 第X条 marker (ingest.citation.clause_path names them).
    """

    path: str
    heading: str
    text: str
    level: int  # 0 preamble/closing, 1 一、/第X章/1, 2 （一）/第X节/1.1, 3 1./第X条/1.1.1, 4 （1）, 9 appendix row
    kind: str = "item"  # notice | preamble | part | item | closing | appendix_row | bian | chapter | jie | article
    headings: tuple[str, ...] = ()  # heading chain from the top part down to this one
    lead: str | None = None  # 牵头单位 / 牵头部门, where the text names one
    deadline: str | None = None  # 完成时限 (appendix rows)
    row_number: int | None = None  # 序号 (appendix rows)
    start: int = 0  # character offsets of this section in Document.text
    end: int = 0
    parent: str = ""  # path of the enclosing unit: "第四章" / "第四章第一节" for an article, "五、" for 五、（三）


@dataclass(frozen=True)
class Document:
    """A parsed policy document: its metadata and its section tree in reading order."""

    doc_id: str
    source: str  # file name the document came from
    title: str
    doc_number: str | None  # 文号, e.g. 沪府办发〔2019〕7号
    issuer: str | None  # 发文机关
    date: str | None  # 成文日期, ISO yyyy-mm-dd
    region: str | None  # 上海市 / 成都市 / 静安区
    year: int | None
    text: str  # the cleaned full text that section offsets refer to
    content_hash: str  # parser version + hash of the raw file text (ingest.version); unchanged file -> same hash
    notice_title: str | None = None  # the covering 通知's title, when there is one
    print_date: str | None = None  # 印发日期, ISO, when given at the end
    parent_region: str | None = None  # 上海市 for 静安区
    publish_date: str | None = None  # 发布 / 公布日期, ISO
    effective_date: str | None = None  # 施行日期, ISO (本条例自…起施行)
    recipients: str | None = None  # 主送 of the covering notice
    copied_to: str | None = None  # 抄送 at the document's foot
    signer: str | None = None  # who signed a 令: "总理 李克强"
    doc_type: str | None = None  # 条例 办法 规定 意见 通知 要点 预案 规则 决定 法律 函 …, from the title
    level: str | None = None  # national | province | city | district; None when the text does not say
    category: str | None = None  # 法律 行政法规 部门规章 地方性法规 地方政府规章 司法解释; None for other documents
    sections: tuple[Section, ...] = field(default=(), repr=False)

    @property
    def label(self) -> str:
        """《title》（文号）, the way answers name a document."""
        return f"《{self.title}》" + (f"（{self.doc_number}）" if self.doc_number else "")


@dataclass(frozen=True)
class Chunk:
    """A piece of one section under the token budget, ready to embed and index."""

    chunk_id: str
    doc_id: str
    text: str  # the section text piece (what a citation quotes)
    embed_text: str  # text + its document and heading context (what is embedded)
    section: str  # section path, "" for preamble
    heading: str
    metadata: dict[str, str | int | float | bool]
