"""The offline answerer: picks the sentences and facts of the retrieved sections that answer the question,
and says so plainly when none do."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.query import content_terms, detect_intent
from assistant.types import Citation
from ingest.textutil import int_to_cn, split_sentences
from prompts import load_prompt
from vectorstore.hybrid import HybridSearcher
from vectorstore.scope import Scope
from vectorstore.store import StoredChunk
from vectorstore.types import Hit

NUMBER_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|个|项|分|次|家|大|类|日|天|年|月|条|处|件|人|名|份|万|亿|元)"
                       r"|[一二三四五六七八九十两]+(?:个|项|次|家|大|类|条|处|件|名|份)")
TIME_RE = re.compile(r"\d{4}年|\d+月底|[一二三四]季度|上半年|下半年|全年|年内|\d+日内|年底")


@dataclass(frozen=True)
class Draft:
    """An answer before timing and history are attached."""

    text: str
    refused: bool
    citations: tuple[Citation, ...]


def coverage(terms: list[str], text: str) -> float:
    """Share of the question's topic terms (weighted by length) found in text.

    Example: coverage(["数据集", "ipv6"], "公共数据集与IPv6") == 1.0
    """
    if not terms:
        return 1.0
    total = sum(len(t) for t in terms)
    low = text.lower()  # terms are lower-cased tokens: "IPv6" in a text must match "ipv6"
    return sum(len(t) for t in terms if t in low) / total


_UNIT_RE = re.compile(r"(?:几|多少)(个|项|类|家|次|大|日|天|分|名|条|处|件|人|份)?([\u4e00-\u9fa5]{0,3})")


def asked_unit(question: str) -> tuple[str, str]:
    """The counter and noun a quantity question asks about.

    Example: asked_unit("涉及几个分领域？") == ("个", "分领域")
    """
    m = _UNIT_RE.search(question)
    return (m.group(1) or "", m.group(2) or "") if m else ("", "")


def _sentence_score(terms: list[str], sentence: str, intent: str, unit: tuple[str, str] = ("", "")) -> float:
    score = coverage(terms, sentence)
    if intent == "quantity" and NUMBER_RE.search(sentence):
        score += 0.35
        counter, noun = unit
        if counter and re.search(rf"[\d一二三四五六七八九十两]+{counter}", sentence):
            score += 0.2
        if len(noun) >= 2 and noun[:2] in sentence:
            score += 0.1
    if intent == "deadline" and TIME_RE.search(sentence):
        score += 0.35
    if intent == "list" and sentence.count("、") >= 2:
        score += 0.15
    return score


class ExtractiveAnswerer:
    """Answers from retrieved hits without a language model."""

    def __init__(self, searcher: HybridSearcher, min_coverage: float = 0.5) -> None:
        self.searcher = searcher
        self.min_coverage = min_coverage

    # ---- entry point -------------------------------------------------------------------------
    def answer(self, question: str, hits: list[Hit], scope: Scope) -> Draft:
        """Compose a cited answer to question from hits, or a refusal."""
        intent = detect_intent(question)
        if intent == "compare":
            return self._compare(question, scope)
        if scope.doc_ids is not None and not scope.doc_ids:
            return self._refuse(self._missing_reason(scope))
        if intent in ("doc_number", "issuer", "date", "title"):
            return self._doc_fact(intent, hits, scope)
        wants_section = intent in ("section_title", "general", "list")
        if intent in ("parts", "count_rows") or (wants_section and scope.section_ref and scope.row is None):
            draft = self._structure(intent, hits, scope)
            if draft is not None:
                return draft
        if not hits:
            return self._refuse("")
        terms = content_terms(question)
        if intent == "lead":
            draft = self._lead(terms, hits, scope)
            if draft is not None:
                return draft
        if intent == "deadline":
            draft = self._deadline(terms, hits, scope)
            if draft is not None:
                return draft
        return self._sentences(terms, hits, intent, scope, asked_unit(question))

    # ---- refusals ----------------------------------------------------------------------------
    def _refuse(self, reason: str) -> Draft:
        text = load_prompt("refusal") + (f"{reason}" if reason else "")
        return Draft(text=text, refused=True, citations=())

    def _missing_reason(self, scope: Scope) -> str:
        have = sorted({f"{d.region or '未知地区'}{d.year or ''}年" for d in self.searcher.docs})
        named = "、".join(scope.missing) if scope.missing else "、".join(scope.regions + tuple(f"{y}年" for y in scope.years))
        return f"现有文件中没有与“{named}”对应的文件（已收录：{'、'.join(have)}）。"

    def _answerable(self, terms: list[str], hit: Hit, scope: Scope) -> bool:
        if scope.section_ref:
            return True
        context = f"{hit.metadata.get('headings', '')} {hit.text}"
        return coverage(terms, context) >= self.min_coverage

    # ---- citations ---------------------------------------------------------------------------
    @staticmethod
    def _cite(marker: int, hit: Hit | StoredChunk, quote: str) -> Citation:
        m = hit.metadata
        text = hit.text
        return Citation(marker=marker, doc_id=str(m.get("doc_id", "")), doc_title=str(m.get("title", "")),
                        doc_number=str(m.get("doc_number") or "") or None, section=str(m.get("section", "")),
                        quote=quote, heading=str(m.get("heading", "")),
                        chunk_id=hit.chunk_id, section_text=text)

    @staticmethod
    def _label(hit: Hit | StoredChunk) -> str:
        m = hit.metadata
        num = f"（{m.get('doc_number')}）" if m.get("doc_number") else ""
        return f"《{m.get('title', '')}》{num}{m.get('section', '')}"

    # ---- kinds of answers --------------------------------------------------------------------
    def _sentences(self, terms: list[str], hits: list[Hit], intent: str, scope: Scope,
                   unit: tuple[str, str] = ("", "")) -> Draft:
        best: tuple[float, int, str] | None = None
        for rank, hit in enumerate(hits[:4]):
            heads = str(hit.metadata.get("headings", ""))
            for sentence in split_sentences(hit.text.replace("\n", "")):
                score = _sentence_score(terms, heads + sentence if rank == 0 else sentence, intent, unit)
                score += 0.08 * (3 - rank) if rank < 3 else 0
                if best is None or score > best[0]:
                    best = (score, rank, sentence)
        if best is None:
            return self._refuse("")
        _score, rank, sentence = best
        hit = hits[rank]
        if not self._answerable(terms, hit, scope):
            return self._refuse("")
        if intent == "quantity" and not scope.section_ref and coverage(terms, sentence) < 0.4:
            # A figure is asked for: the sentence that gives it must itself be about the question's topic.
            return self._refuse("")
        return Draft(text=f"根据{self._label(hit)}：{sentence}[1]", refused=False,
                     citations=(self._cite(1, hit, sentence),))

    def _lead(self, terms: list[str], hits: list[Hit], scope: Scope) -> Draft | None:
        ranked = sorted(enumerate(hits[:5]), key=lambda rh: (
            -coverage(terms, f"{rh[1].metadata.get('headings', '')} {rh[1].text}") - 0.05 * (5 - rh[0])))
        for _rank, hit in ranked:
            lead = str(hit.metadata.get("lead") or "")
            if lead and self._answerable(terms, hit, scope):
                topic = hit.heading if hit.metadata.get("kind") != "appendix_row" else hit.text.split("（牵头单位")[0]
                quote = _lead_quote(hit.text, lead)
                return Draft(text=f"根据{self._label(hit)}，“{_short(topic)}”的牵头单位是：{lead}。[1]",
                             refused=False, citations=(self._cite(1, hit, quote),))
            m = re.search(r"[（(]([^（）()]{2,80}?)负责[)）]", hit.text)
            if m and self._answerable(terms, hit, scope):
                return Draft(text=f"根据{self._label(hit)}，该项未写明牵头单位，由{m.group(1)}负责。[1]",
                             refused=False, citations=(self._cite(1, hit, m.group(0)),))
        return None

    def _deadline(self, terms: list[str], hits: list[Hit], scope: Scope) -> Draft | None:
        """An appendix row's 完成时限, when a row covers the question at least as well as the best hit."""
        def cov(h: Hit) -> float:
            return coverage(terms, f"{h.metadata.get('headings', '')} {h.text}")
        rows = [h for h in hits[:3] if h.metadata.get("deadline")]
        if not rows:
            return None
        hit = max(rows, key=cov)
        if scope.row is not None or (cov(hit) >= 0.6 and cov(hit) >= cov(hits[0]) - 0.1):
            task = hit.text.split("（牵头单位")[0]
            return Draft(text=f"根据{self._label(hit)}，“{_short(task)}”的完成时限是：{hit.metadata['deadline']}。[1]",
                         refused=False, citations=(self._cite(1, hit, hit.text),))
        return None

    def _doc_hits(self, hits: list[Hit], scope: Scope) -> tuple[str, StoredChunk] | None:
        """The document a question about document facts means, with its first chunk."""
        if scope.doc_ids and len(scope.doc_ids) == 1:
            doc_id = scope.doc_ids[0]
        elif hits:
            doc_id = hits[0].doc_id
        elif scope.doc_ids:
            doc_id = scope.doc_ids[0]
        else:
            return None
        chunks = self.searcher.chunks_of(doc_id)
        return (doc_id, chunks[0]) if chunks else None

    def _doc_fact(self, intent: str, hits: list[Hit], scope: Scope) -> Draft:
        found = self._doc_hits(hits, scope)
        if found is None:
            return self._refuse("")
        _doc_id, first = found
        m = first.metadata
        name = f"《{m.get('title')}》"
        quote = split_sentences(first.text)[0] if first.text else ""
        if intent == "doc_number":
            text = f"{name}的文号是{m['doc_number']}。" if m.get("doc_number") else f"{name}文件中未载明文号。"
        elif intent == "issuer":
            text = (f"{name}的发文机关是{m['issuer']}。" if m.get("issuer")
                    else f"{name}文件中未载明发文机关。文件开头写明：{quote}")
        elif intent == "date":
            parts = []
            if m.get("date"):
                parts.append(f"成文日期为{_cn_date(str(m['date']))}")
            if m.get("print_date"):
                parts.append(f"印发日期为{_cn_date(str(m['print_date']))}")
            text = f"{name}的" + "，".join(parts) + "。" if parts else f"{name}文件中未载明成文或印发日期。"
        else:
            bits = [f"{m.get('doc_number') or '该文件'}是{name}"]
            if m.get("notice_title"):
                bits.append(f"（随《{m['notice_title']}》印发）")
            if m.get("issuer"):
                bits.append(f"，发文机关为{m['issuer']}")
            if m.get("date"):
                bits.append(f"，成文日期{_cn_date(str(m['date']))}")
            text = "".join(bits) + "。"
        return Draft(text=text + "[1]", refused=False, citations=(self._cite(1, first, quote),))

    def _structure(self, intent: str, hits: list[Hit], scope: Scope) -> Draft | None:
        found = self._doc_hits(hits, scope)
        if found is None:
            return None
        doc_id, first = found
        chunks = self.searcher.chunks_of(doc_id)
        name = self._label(first).split("》")[0] + "》"
        if intent == "count_rows":
            rows = {int(c.metadata.get("row_number") or 0) for c in chunks if c.metadata.get("kind") == "appendix_row"}
            if not rows:
                return None
            last = next(c for c in chunks if c.metadata.get("kind") == "appendix_row")
            return Draft(text=f"{name}的附件任务分解表共列出{len(rows)}项任务（序号1至{max(rows)}）。[1]",
                         refused=False, citations=(self._cite(1, last, last.text),))
        parts = [c for c in chunks if int(c.metadata.get("level", 0)) == 1 and int(c.metadata.get("chunk_index", 0)) == 0]
        if intent == "parts":
            if not parts:
                return None
            listing = "；".join(f"{c.metadata['section']}{c.metadata['heading']}" for c in parts)
            cites = tuple(self._cite(i + 1, c, str(c.metadata["heading"])) for i, c in enumerate(parts))
            marks = "".join(f"[{i + 1}]" for i in range(len(parts)))
            return Draft(text=f"{name}正文共分{int_to_cn(len(parts))}个部分：{listing}。{marks}",
                         refused=False, citations=cites)
        target = [c for c in chunks if _matches(str(c.metadata.get("section", "")), scope)]
        if not target:
            return None
        sec = target[0]
        path = str(sec.metadata["section"])
        heading = str(sec.metadata.get("heading", ""))
        if int(sec.metadata.get("level", 0)) == 1:
            return Draft(text=f"{name}{path}的标题是“{heading}”。[1]", refused=False,
                         citations=(self._cite(1, sec, heading),))
        sentences = split_sentences(sec.text.replace("\n", ""))
        body = "".join(sentences[1:3]) if heading else "".join(sentences[:2])
        lead = f"标题为“{heading}”，" if heading else ""
        return Draft(text=f"{name}{path}{lead}主要内容：{body}[1]", refused=False,
                     citations=(self._cite(1, sec, body),))

    def _compare(self, question: str, scope: Scope) -> Draft:
        """Answer once per named region (or year), each with its own retrieval and citation."""
        keys: list[str] = list(scope.regions) if len(scope.regions) >= 2 else [f"{y}年" for y in scope.years]
        if len(keys) < 2:
            keys = []
        if not keys:
            hits = self.searcher.search(question, k=5, scope=scope)
            return self._sentences(content_terms(question), hits, "general", scope)
        core = re.sub(r"分别|各自|对比|比较|和|与|及", " ", question)
        lines: list[str] = []
        cites: list[Citation] = []
        for key in keys:
            sub = core
            for other in keys:
                if other != key:
                    sub = _remove_place(sub, other)
            sub_scope = self.searcher.scope(sub)
            hits = self.searcher.search(sub, k=5, scope=sub_scope)
            if sub_scope.doc_ids is not None and not sub_scope.doc_ids:
                lines.append(f"{key}：现有文件中没有对应的文件。")
                continue
            draft = self.answer(sub, hits, sub_scope) if detect_intent(sub) != "compare" else self._refuse("")
            if draft.refused or not draft.citations:
                lines.append(f"{key}：根据现有文件未找到相关内容。")
                continue
            text = draft.text
            for c in draft.citations:
                new = len(cites) + 1
                text = text.replace(f"[{c.marker}]", f"[#{new}]")
                cites.append(Citation(**{**c.__dict__, "marker": new}))
            lines.append(f"{key}：{text.replace('[#', '[')}")
        refused = not cites
        return Draft(text="\n".join(lines) if not refused else load_prompt("refusal"), refused=refused,
                     citations=tuple(cites))


def _remove_place(text: str, key: str) -> str:
    """Drop a region (with or without 市/区) or a year from a comparison question."""
    base = key.rstrip("市区省") if not key.endswith("年") else key
    return re.sub(rf"{re.escape(base)}[市区省]?", "", text)


def _matches(path: str, scope: Scope) -> bool:
    from vectorstore.hybrid import section_matches

    if scope.item is None and scope.part is not None:
        return path == f"{int_to_cn(scope.part)}、"
    return section_matches(path, scope)


def _lead_quote(text: str, lead: str) -> str:
    """The parenthetical note that names the lead unit, or the appendix row text."""
    m = re.search(r"[（(][^（）()]*" + re.escape(lead[:6]) + r"[^（）()]*[)）]", text)
    return m.group(0) if m else text


def _short(text: str, limit: int = 40) -> str:
    """Shorten a task description for the answer sentence.

    Example: _short("推进决策公开。严格落实…") == "推进决策公开"
    """
    first = text.split("。")[0]
    return first if len(first) <= limit else first[:limit] + "…"


def _cn_date(iso: str) -> str:
    """2019-03-05 -> 2019年3月5日."""
    y, m, d = iso.split("-")
    return f"{y}年{int(m)}月{int(d)}日"
