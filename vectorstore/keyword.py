"""jieba tokens for the exact-term half of hybrid retrieval (文号, 牵头单位 names, numbers); the BM25 index
itself is SQLite FTS5 (vectorstore.local_index)."""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

log = logging.getLogger(__name__)

_jieba_lock = threading.Lock()
_jieba_ready = False
# Words too common in this domain, or in questions, to say anything about relevance.
STOPWORDS = frozenset(
    "的 了 和 与 及 以及 等 是 在 对 将 要 为 把 由 向 从 中 上 下 其 并 或 各 该 这 那 有 哪些 哪个 什么 多少 几 几个 "
    "怎么 如何 吗 呢 么 请问 请 一下 是否 谁 何时 什么时候 关于 里 中的 提到 规定 要求 文件 工作 进一步 "
    "根据 哪 个 方面 内容 情况 分别 主要 包括 有关 相关 应当 应该".split()
)
_PUNCT = re.compile(r"^[\W_]+$")


def _jieba() -> Any:
    global _jieba_ready
    import jieba  # heavy: builds its prefix dictionary on first use (about a second)

    with _jieba_lock:
        if not _jieba_ready:
            jieba.setLogLevel(logging.WARNING)
            for word in ("政务公开", "政府信息公开", "牵头单位", "牵头部门", "完成时限", "依申请公开", "三公经费",
                         "一网通办", "放管服", "双随机", "政务新媒体", "新闻发言人", "绩效考核", "数据开放",
                         # newer words jieba's 2013 dictionary lacks (it has 利用微, so 利用微博 split wrongly)
                         "微博", "政务微博", "微信", "政务微信", "公众号", "客户端", "短视频", "小程序", "二维码",
                         "大数据", "云计算", "人工智能", "区块链", "互联网+", "电子证照", "营商环境",
                         # short names of state organs that documents and questions use
                         "中办", "国办", "中组部", "中宣部", "发改委", "人社部", "住建部", "网信办", "两高", "最高法",
                         "最高检", "人大常委会", "市政府办公厅",
                         # before or after a text comes into force: 「本规定施行前购买的」 is not 「施行后购买的」
                         "施行前", "施行后", "实施前", "实施后", "生效前", "生效后"):
                jieba.add_word(word)
            jieba.initialize()
            _jieba_ready = True
    return jieba


def add_words(words: set[str]) -> None:
    """Teach the tokenizer names found in the documents (lead units such as 市信访办), so they stay whole."""
    jieba = _jieba()
    with _jieba_lock:
        for w in words:
            if 2 <= len(w) <= 20:
                jieba.add_word(w)


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens without punctuation or stopwords, lower-cased.

    Example: "数据集达到4000个" -> tokens such as "数据", "4000"; never "，"
    """
    words = _jieba().lcut_for_search(text)
    return [w.lower() for w in words if w.strip() and not _PUNCT.match(w) and w not in STOPWORDS]
