"""Answers the section tree gives: a document's parts, a named section or article and what it says,
the items under a section, how many there are, and what is attached.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.evidence import Clause, coverage
from assistant.forms import Draft, Numbered, cite, doc_label, items, short
from assistant.query import content_terms
from assistant.types import Citation
from assistant.wording import ASKS_COUNT, ASKS_TITLE, NAMES_WANTED
from ingest.attachments import PUBLICATION_NOTE, in_attachment, own_first
from ingest.textutil import cn_to_int, int_to_cn, split_sentences
from vectorstore.hybrid import HybridSearcher, section_matches
from vectorstore.scope import AMENDMENT, Scope
from vectorstore.store import StoredChunk
from vectorstore.types import Hit

MAX_ITEMS = 12
# A section heading that sets out how a plan proceeds: 实施步骤, 方法、步骤, 进度安排, 阶段安排.
_STEPS_HEADING = re.compile(r"步骤|进度安排|阶段安排|时间安排|工作安排和步骤")
# How much of a named section an answer quotes: enough for the list of points a list or summary asks for.
_BODY_ROOM = {"list": 400, "summary": 400, "general": 160}
# The last unit of a text, or one counted from the end: "最后一条", "最后那部分", "最后一章", "倒数第二条".
LAST_UNIT = re.compile(r"(?:最后(?:一|那)?个?|倒数第(?P<back>[一二三四五六七八九十\d]{1,3})个?)(条|章|部分)")


_TITLE_MAX = 30  # characters: a longer heading is a sentence the part opens with


class Outline:
    """Reads a document's section tree: its parts, a named section or article, the items under a section."""

    def __init__(self, searcher: HybridSearcher) -> None:
        self.searcher = searcher

    def doc_of(self, hits: list[Hit], scope: Scope) -> tuple[str, StoredChunk] | None:
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

    def last(self, question: str, hits: list[Hit], scope: Scope) -> Scope:
        """The scope narrowed to the last article, chapter or part when the question asks for it ("最后一条说的
        是什么", "最后那部分怎么要求"), else the scope as it is."""
        m = LAST_UNIT.search(question)
        found = self.doc_of(hits, scope) if m and not scope.section_ref else None
        if m is None or found is None:
            return scope
        unit = m.group(2)
        pattern = {"条": r"第([一二三四五六七八九十百零〇]+)条", "章": r"第([一二三四五六七八九十百零〇]+)章"}.get(
            unit, r"([一二三四五六七八九十]+)、")
        numbers = sorted({cn_to_int(x.group(1)) for c in self.searcher.chunks_of(found[0])
                          if (x := re.fullmatch(pattern, str(c.metadata.get("section", ""))))})
        back = cn_to_int(m.group("back") or "1")  # 倒数第二 / 倒数第2; the last one is 倒数第一
        if not numbers or back > len(numbers):
            return scope
        narrowed = replace(scope, doc_ids=(found[0],))
        at = numbers[-back]
        if unit == "条":
            return replace(narrowed, article=at)
        if unit == "章":
            return replace(narrowed, chapter=at)
        return replace(narrowed, part=at)

    def chapter_named(self, question: str, hits: list[Hit], scope: Scope) -> Scope:
        """The scope narrowed to the chapter a question names by its heading (「讲养老服务保障的那一章是怎么分节的」),
        whatever words of the title the heading repeats; else the scope as it is."""
        if "章" not in question or scope.section_ref:
            return scope
        found = self.doc_of(hits, scope)
        if found is None:
            return scope
        plain = re.sub(r"\s+", "", question)
        for c in self.searcher.chunks_of(found[0]):
            heading = re.sub(r"\s+", "", str(c.metadata.get("heading", "")))
            m = re.fullmatch(r"第([一二三四五六七八九十]+)章", str(c.metadata.get("section", "")))
            if m and c.metadata.get("kind") == "chapter" and len(heading) >= 4 and heading in plain:
                return replace(scope, doc_ids=(found[0],), chapter=cn_to_int(m.group(1)))
        return scope

    def children(self, head: Hit | StoredChunk) -> list[StoredChunk]:
        """First chunks of the sections directly under a section, in reading order."""
        path = str(head.metadata.get("section", ""))
        if not path:
            return []
        level = int(head.metadata.get("level", 0))
        out = []
        for c in self.searcher.chunks_of(str(head.metadata.get("doc_id", ""))):
            m = c.metadata
            sub = str(m.get("section", ""))
            if sub == path or int(m.get("chunk_index", 0)) != 0 or m.get("kind") == "appendix_row":
                continue
            parent = str(m.get("parent", ""))
            if parent == path or (not parent and sub.startswith(path) and int(m.get("level", 0)) == level + 1):
                out.append(c)
        return out[:MAX_ITEMS]

    def part_named(self, question: str, hits: list[Hit], scope: Scope) -> StoredChunk | None:
        """A top-level part whose heading the question uses word for word, with items under it."""
        found = self.doc_of(hits, scope)
        if found is None:
            return None
        for c in self.searcher.chunks_of(found[0]):
            heading = str(c.metadata.get("heading", ""))
            if (int(c.metadata.get("level", 0)) == 1 and int(c.metadata.get("chunk_index", 0)) == 0 and len(heading) >= 4
                    and _uses_heading(question, heading) and len(self.children(c)) >= 2):
                return c
        return None

    def steps_part(self, doc_id: str) -> StoredChunk | None:
        """The section of a document that sets out its steps or stages (「三、实施步骤」「四、方法、步骤」),
        with at least two sections under it."""
        for c in self.searcher.chunks_of(doc_id):
            if int(c.metadata.get("chunk_index", 0)) == 0 and _STEPS_HEADING.search(str(c.metadata.get("heading", ""))) \
                    and len(self.children(c)) >= 2:
                return c
        return None

    def titled_parent(self, terms: list[str], clauses: list[Clause], min_cover: float) -> StoredChunk | None:
        """A section among the best clauses' sections and their ancestors whose own heading names the
        question's topic and which has at least two sections under it: its children are the list."""
        if not terms:
            return None
        seen: set[tuple[str, str]] = set()
        for c in clauses[:6]:
            chunks = self.searcher.chunks_of(c.hit.doc_id)
            heads = {str(x.metadata.get("section", "")): x for x in chunks if int(x.metadata.get("chunk_index", 0)) == 0}
            for path in (c.hit.section, *ancestors(c.hit.section, str(c.hit.metadata.get("parent", "")))):
                if not path or (c.hit.doc_id, path) in seen or path not in heads:
                    continue
                seen.add((c.hit.doc_id, path))
                head = heads[path]
                if head.metadata.get("kind") in ("chapter", "jie"):
                    continue  # a chapter's articles are not the items of a list
                if coverage(terms, str(head.metadata.get("heading", ""))) >= min_cover and len(self.children(head)) >= 2:
                    return head
        return None

    def section(self, intent: str, hits: list[Hit], scope: Scope, question: str = "") -> Draft | None:
        """The parts of a document, or the section the question names: its title, its items, or what it says."""
        if scope.section_ref:  # "条例第六十九条…": the document where that section was found
            hits = [h for h in hits if matches(h.section, scope)] + [h for h in hits if not matches(h.section, scope)]
        found = self.doc_of(hits, scope)
        if found is None:
            return None
        doc_id, first = found
        chunks = self.searcher.chunks_of(doc_id)
        name = f"《{first.metadata.get('title', '')}》"
        if intent == "count_rows":
            rows = {int(c.metadata.get("row_number") or 0) for c in chunks if c.metadata.get("kind") == "appendix_row"}
            if not rows:
                return None
            last = max((c for c in chunks if c.metadata.get("kind") == "appendix_row"),
                       key=lambda c: int(c.metadata.get("row_number") or 0))  # the count ends at the last row
            return Draft(text=f"{name}的附件任务分解表共列出{len(rows)}项任务（序号1至{max(rows)}）。[1]",
                         refused=False, citations=(cite(1, last, last.text),))
        parts = [c for c in chunks if int(c.metadata.get("level", 0)) == 1 and int(c.metadata.get("chunk_index", 0)) == 0]
        own = own_first([str(c.metadata.get("section", "")) for c in parts])
        parts = [c for c in parts if c.metadata.get("section") in own]  # an attachment's parts are not the text's
        if intent == "parts" and re.search(r"几[个]?[章编]|多少[个]?[章编]", question) and not any(
                c.metadata.get("kind") == "chapter" for c in parts):
            return _no_chapters(name, chunks)  # "分了几章？" of a text that is only articles
        if intent == "parts":
            return _parts(name, chunks, parts, question)
        target = _targets(chunks, [h.section for h in hits if h.doc_id == doc_id], scope, question)
        if not target:
            return None
        sec = target[0]
        path = str(sec.metadata["section"])
        heading = str(sec.metadata.get("heading", ""))
        if sec.metadata.get("kind") == "article":
            base = re.match(r"第[一二三四五六七八九十百零〇\d]+条", path)
            whole = [c for c in chunks if base and str(c.metadata.get("section", "")).startswith(base.group(0))]
            return _article(name, whole or target, scope.item)  # 第（八）项 may sit in a later piece of the article
        if sec.metadata.get("kind") in ("chapter", "jie") and intent in ("section_title", "general"):
            return self._chapter(name, sec, question)
        children = self.children(sec) if intent in ("list", "summary", "general") else []
        if len(children) >= 2:
            intro = f"{name}{path}“{heading}”包括以下各项："
            if all(c.metadata.get("kind") == "jie" for c in children):  # 「怎么分节的」: how many, then each
                intro = f"{name}{path}“{heading}”分为{int_to_cn(len(children))}节："
            # (「这部分主要有哪些要求」: what each item requires, not only its title)
            return items(intro, [(c, str(c.metadata.get("section", "")), item_text(c, intent == "summary")) for c in children])
        # a part headed by its own first sentence (「三十五、在刑法第二百九十九条后增加一条，…」) has no title to give
        titled = bool(heading) and len(heading) <= _TITLE_MAX and not re.search(r"[，,。；;：:]", heading)
        if int(sec.metadata.get("level", 0)) == 1 and (ASKS_TITLE.search(question) or (
                titled and len(sec.text) <= len(heading) + 4)):
            return Draft(text=f"{name}{path}的标题是“{heading}”。[1]", refused=False,
                         citations=(cite(1, sec, heading),))
        body = _body(sec.text, titled, intent)
        if body.rstrip("“\"").endswith(("：", ":")) and (kids := self.children(sec)):
            # 「五、将…第三十条第一款修改为：“有下列情形之一的，从重处罚：」 goes on in its items (一)(二)
            body += "".join(str(k.metadata.get("section", "")).removeprefix(path) + k.text.replace("\n", "") for k in kids)
        lead = f"标题为“{heading}”，" if titled else ""
        return Draft(text=f"{name}{path}{lead}主要内容：{body}[1]", refused=False,
                     citations=(cite(1, sec, body),))

    def _chapter(self, name: str, sec: StoredChunk, question: str) -> Draft:
        """A chapter or 节 asked about: its title; with what each of its articles says when the question asks that
        too (「第九章叫什么，主要讲啥」) or asks what it says (「第六章讲的是啥」)."""
        path, heading = str(sec.metadata["section"]), str(sec.metadata.get("heading", ""))
        if TITLE_AND_CONTENT.search(question) and (articles := self.children(sec)):
            return items(f"{name}{path}的标题是“{heading}”，包括以下各条：",
                         [(c, str(c.metadata.get("section", "")), item_text(c)) for c in articles])
        if ASKS_CONTENT.search(question) and not ASKS_TITLE.search(question) and (parts := self.children(sec)):
            return _content(name, sec, parts)
        return Draft(text=f"{name}{path}的标题是“{heading}”。[1]", refused=False, citations=(cite(1, sec, heading),))

    def attachments(self, hits: list[Hit], scope: Scope) -> Draft | None:
        """What a document has attached ("后面附了什么？"): each attachment by its title, a table with its rows
        counted, else the 附件 lines of its notice or closing."""
        found = self.doc_of(hits, scope)
        if found is None:
            return None
        doc_id, first = found
        chunks = self.searcher.chunks_of(doc_id)
        tables: dict[str, list[StoredChunk]] = {}
        for c in chunks:
            if c.metadata.get("kind") == "appendix_row":
                tables.setdefault(str(c.metadata.get("heading", "")), []).append(c)
        # the attachment as a whole is cited ("附件"), not its first row
        lines = [(StoredChunk(rows[0].chunk_id, rows[0].text, {**rows[0].metadata, "section": "附件"}), "附件",
                  f"《{title}》，共{len(rows)}项") for title, rows in tables.items() if title]
        if not lines:
            for c in chunks:
                for m in _ATTACHMENT_LINE.finditer(c.text):
                    lines.append((c, "附件", m.group(1).strip("：: 。")))
        if not lines:
            return None
        return items(f"{doc_label(first)}附有以下附件：", lines)

    def count(self, hits: list[Hit], scope: Scope, question: str = "") -> Draft | None:
        """How many items a document (or the part the question names) lists."""
        found = self.doc_of(hits, scope)
        if found is None:
            return None
        doc_id, first = found
        chunks = [c for c in self.searcher.chunks_of(doc_id) if int(c.metadata.get("chunk_index", 0)) == 0]
        name = f"《{first.metadata.get('title', '')}》"
        articles = [c for c in chunks if c.metadata.get("kind") == "article"]
        part_unit = "项"  # what a part or item without 条 is counted as
        if scope.section_ref:
            target = [c for c in chunks if matches(str(c.metadata.get("section", "")), scope)]
            if not target:
                return None
            path = str(target[0].metadata.get("section", ""))
            if target[0].metadata.get("kind") == "chapter" and re.search(r"(几|多少)(个)?节", question):
                children = [c for c in chunks if c.metadata.get("kind") == "jie" and c.metadata.get("parent") == path]
            elif target[0].metadata.get("kind") in ("chapter", "jie"):
                children = [c for c in articles if str(c.metadata.get("parent", "")).startswith(path)]
            else:
                children = self.children(target[0])
            heading = str(target[0].metadata.get("heading", ""))  # 「第四章讲什么，从哪条到哪条」: its title too
            where = f"{name}{path}" + (f"“{heading}”" if heading and target[0].metadata.get("kind") in ("chapter", "jie") else "")
        elif articles:
            chapters = [c for c in chunks if c.metadata.get("kind") == "chapter"]
            children, where = articles, name + (f"共{len(chapters)}章，" if chapters else "")
        elif AMENDMENT.search(name):  # 「修正案一共有几条」: its changes 一、二、…, each what users call a 条
            children = [c for c in chunks if int(c.metadata.get("level", 0)) == 1]
            where, part_unit = name, "条"
        else:
            level = min((int(c.metadata.get("level", 0)) for c in chunks if int(c.metadata.get("level", 0)) >= 2),
                        default=0)
            children = [c for c in chunks if int(c.metadata.get("level", 0)) == level and c.metadata.get("kind") != "appendix_row"]
            where = name
        # (a chapter of one article counts it: 「第六章里面有几条」 of 「第六章 法律责任」 with 第三十四条 alone)
        if len(children) < (1 if scope.section_ref and children and children[0].metadata.get("kind") == "article" else 2):
            return None
        first, last = children[0], children[-1]
        unit = {"article": "条", "jie": "节"}.get(str(last.metadata.get("kind")), part_unit)
        names = bool(NAMES_WANTED.search(question))
        if unit == "节" and names:  # "包括哪几节": each 节 by its title, not only how many
            marks = Numbered()
            listing = "；".join(f"{c.metadata.get('section')} {c.metadata.get('heading', '')}"
                               f"{marks.mark(c, str(c.metadata.get('heading', '')))}" for c in children)
            return Draft(text=f"{where}共{len(children)}节：{listing}。", refused=False,
                         citations=tuple(marks.citations))
        if names and first is not last:  # "包括哪些条": the range, cited at both ends
            return Draft(text=f"{where}共{len(children)}{unit}（{first.metadata.get('section')}[1]至"
                              f"{last.metadata.get('section')}[2]）。",
                         refused=False, citations=(cite(1, first, item_text(first)), cite(2, last, item_text(last))))
        # "共多少条": the count is checked against the last item, which is what is cited
        span = f"{first.metadata.get('section')}至" if first is not last else ""
        return Draft(text=f"{where}共{len(children)}{unit}（{span}{last.metadata.get('section')}[1]）。",
                     refused=False, citations=(cite(1, last, item_text(last)),))


_ATTACHMENT_LINE = re.compile(r"(?m)^\s*附件\s*\d{0,2}\s*[：:．.、]?\s*(\S.{3,60})$")


def _body(text: str, headed: bool, intent: str) -> str:
    """What a section says: its opening sentences after its heading, and as much more as a list or summary
    asks for ("第（十三）项…要审哪些方面": every point of the item)."""
    sentences = split_sentences(text.replace("\n", ""))
    sentences = sentences[1:] if headed else sentences
    body = "".join(sentences[:2])
    for more in sentences[2:]:
        if len(body) + len(more) > _BODY_ROOM.get(intent, _BODY_ROOM["general"]):
            break
        body += more
    return body


def _parts_listing(name: str, parts: list[StoredChunk], question: str) -> Draft:
    """The top-level parts (chapters) by number and title; a count cites the last, a listing each."""
    sep = " " if any(c.metadata.get("kind") == "chapter" for c in parts) else ""
    listing = "；".join(f"{c.metadata['section']}{sep}{c.metadata['heading']}" for c in parts)
    cites: tuple[Citation, ...]
    if ASKS_COUNT.search(question) and not NAMES_WANTED.search(question):
        # "共有几章": the count is checked against the last part, which is what is cited
        cites = (cite(1, parts[-1], str(parts[-1].metadata["heading"])),)
    else:
        cites = tuple(cite(i + 1, c, str(c.metadata["heading"])) for i, c in enumerate(parts))
    marks = "".join(f"[{i + 1}]" for i in range(len(cites)))
    unit = "章" if sep else "个部分"
    return Draft(text=f"{name}正文共分{int_to_cn(len(parts))}{unit}：{listing}。{marks}", refused=False, citations=cites)


# A question about what a text says, not how it is divided: 「大概讲了什么」「主要内容」「概括一下」.
_OWN_DIGEST_MIN = 4  # sentences of its own a text must have to be summed up by them rather than by its attachment's parts
_ASKS_CONTENT = re.compile(r"讲|说|内容|概括|总结|要点|介绍|梗概")
# Lines of a notice that carry no content besides 「（此件公开发布）」 (PUBLICATION_NOTE): its addressees (no
# sentence before the colon), 「（本文有删减）」.
_NO_CONTENT = re.compile(r"^[^。]*[：:]$|^[（(]本文有删减")
_DIGEST_ITEMS = 6


def _parts(name: str, chunks: list[StoredChunk], parts: list[StoredChunk], question: str) -> Draft | None:
    """What a document's parts are, or what it says when its own text has none."""
    if not parts:  # 「这个决定大概讲了什么」 of a text in plain paragraphs: what they say, in order
        return _body_digest(name, chunks) if _ASKS_CONTENT.search(question) else None
    if all(in_attachment(str(c.metadata.get("section", ""))) for c in parts) and _ASKS_CONTENT.search(question):
        # 「巴东那个复函主要说了些什么」: a reply that says its piece in paragraphs, its report attached
        digest = _body_digest(name, chunks)
        if digest is not None and digest.text.count("\n- ") >= _OWN_DIGEST_MIN:
            return digest
    return _parts_listing(name, parts, question)


def _body_digest(name: str, chunks: list[StoredChunk]) -> Draft | None:
    """The sentences of a text without numbered parts (a 决定, a short notice), in order, each cited."""
    body = [c for c in chunks if int(c.metadata.get("level", 0)) == 0 and c.metadata.get("kind") in ("preamble", "notice")]
    lines = [(c, line.strip()) for c in body for line in c.text.split("\n")]
    rows = [(c, "", sentence) for c, line in lines if not (_NO_CONTENT.search(line) or PUBLICATION_NOTE.match(line))
            for sentence in split_sentences(line) if len(sentence) >= 8]
    prose = [r for r in rows if re.search(r"[。；！]$", r[2])]  # a roster's lines are no summary when prose is there
    rows = prose if len(prose) >= 2 else rows
    if not rows:
        return None
    return items(f"{name}的主要内容：", rows[:_DIGEST_ITEMS])


def _targets(chunks: list[StoredChunk], ranked: list[str], scope: Scope, question: str) -> list[StoredChunk]:
    """The sections a question names, the likeliest first: the one retrieval ranked first among several that fit
    (（九） of two issued 规定), the 节 a question names inside its chapter (第四章第三节), a chapter before its 节."""
    target = [c for c in chunks if matches(str(c.metadata.get("section", "")), scope)]
    first = next((r for r in ranked if matches(r, scope)), None)
    target.sort(key=lambda c: c.metadata.get("section") != first)
    jie = re.search(r"第([一二三四五六七八九十]{1,3})节", question)
    if scope.chapter is None:
        return target
    chapter = f"第{int_to_cn(scope.chapter)}章"
    if jie:
        return [c for c in chunks if c.metadata.get("section") == f"{chapter}第{jie.group(1)}节"] or target
    if scope.article is None:
        target.sort(key=lambda c: c.metadata.get("section") != chapter)
    return target


def _no_chapters(name: str, chunks: list[StoredChunk]) -> Draft | None:
    """The answer to "分了几章" for a text without chapters: it has none, and how many articles it has."""
    arts = [c for c in chunks if c.metadata.get("kind") == "article" and int(c.metadata.get("chunk_index", 0)) == 0
            and re.fullmatch(r"第[一二三四五六七八九十百零〇]+条", str(c.metadata.get("section", "")))]
    if not arts:
        return None
    first, last = arts[0], arts[-1]
    return Draft(text=f"{name}不分章，正文共{int_to_cn(len(arts))}条（{first.metadata['section']}至"
                      f"{last.metadata['section']}[1]）。", refused=False, citations=(cite(1, last, last.text),))


def _article(name: str, pieces: list[StoredChunk], item: int | None = None) -> Draft:
    """What an article says: its whole text (a long one cut), or the 项 asked for, cited to it."""
    first = pieces[0]
    path = str(first.metadata.get("section", ""))
    if item is not None:
        marker = re.compile(rf"^[（(]{int_to_cn(item)}[)）]")
        for piece in pieces:
            line = next((ln for ln in piece.text.split("\n") if marker.match(ln)), None)
            if line:
                return Draft(text=f"{name}{path}规定：{line}[1]", refused=False,
                             citations=(cite(1, piece, line),))
    text = "\n".join(p.text for p in pieces if p.metadata.get("section") == path)
    shown = text if len(text) <= 500 else text[:500] + "…"
    return Draft(text=f"{name}{path}规定：\n{shown}[1]", refused=False, citations=(cite(1, first, shown),))


def ancestors(path: str, parent: str = "") -> list[str]:
    """Enclosing section paths, nearest first (the parser's parent when known, else path prefixes).

    Example: ancestors("五、（三）1.") == ["五、（三）", "五、"]
    """
    if parent:
        return [parent]
    out = []
    for m in re.finditer(r"、|）|\.", path):
        prefix = path[: m.end()]
        if prefix != path:
            out.append(prefix)
    return out[::-1]


# A chapter's title and what it says asked together: 「第九章叫什么，主要讲啥」「标题是什么？讲了哪些内容？」.
TITLE_AND_CONTENT = re.compile(r"(?:标题|题目|名称|叫什么|叫啥)[^？?]{0,6}[，,？?、]\s*(?:主要|具体|都)?(?:讲|说|写|规定)(?:了|的是)?"
                                r"(?:什么|啥|些什么|哪些|什么内容)|(?:标题|叫什么|叫啥)[^？?]{0,4}[，,？?、](?:主要|具体)?内容")


# 「第六章讲的是啥」「是关于什么的」: what a part says, not only what it is called (no count or range asked).
ASKS_CONTENT = re.compile(r"(?:讲|说|写|规定)(?:了|的)?(?:是)?(?:什么|啥|些什么|哪些)(?:内容|东西)?(?:[？?。]|$)|"
                          r"(?:主要)?内容(?:是)?(?:什么|有哪些)|(?:是)?关于(?:什么|啥)的?(?:[？?。]|$)")


def _content(name: str, part: StoredChunk, under: list[StoredChunk]) -> Draft:
    """What a chapter says: its title and span, then each article's (or 节's) opening words, cited as the chapter
    the question names (its article numbers shown, each line the text's own words)."""
    path, heading = str(part.metadata["section"]), str(part.metadata.get("heading", ""))
    first, last = (str(c.metadata.get("section", "")) for c in (under[0], under[-1]))
    lines = [f"- {c.metadata.get('section', '')}：{item_text(c)}" for c in under[:_CONTENT_LINES]]
    if len(under) > _CONTENT_LINES:
        lines.append(f"……（以下{int_to_cn(len(under) - _CONTENT_LINES)}条从略）")
    span = f"{first}至{last}，共{int_to_cn(len(under))}{'节' if under[0].metadata.get('kind') == 'jie' else '条'}"
    return Draft(text=f"{name}{path}“{heading}”（{span}）[1]主要规定：\n" + "\n".join(lines), refused=False,
                 citations=(cite(1, part, heading),))


_CONTENT_LINES = 12  # a part's articles shown one line each, at most


def item_text(chunk: StoredChunk, whole: bool = False) -> str:
    """An item in a list answer: its heading, else its first sentence; in a summary, its text.

    Example: an item "推进决策公开。严格落实…" -> "推进决策公开。" (list) or the whole item (summary)
    """
    if whole:
        text = chunk.text.replace("\n", "")
        return text if len(text) <= 300 else text[:300] + "…"
    heading = str(chunk.metadata.get("heading", ""))
    if chunk.metadata.get("kind") == "article":
        return short(chunk.text, 60)  # an article's heading is its chapter's (第五十三条 under 第六章 生育保险)
    return heading + "。" if heading else short(chunk.text, 60)


def article_items(hit: Hit) -> list[str]:
    """The 项 lines of an article, （一） first even when it shares a line with the article's opening words, and the
    unnumbered line after a 项 that ends in 「；」 (the list's last item, its number lost).

    Example: article_items(hit of "第五条 不予批准：\n（一）甲的；\n（二）乙的；\n其他情形。\n丙由市政府定。")
    == ["（一）甲的；", "（二）乙的；", "其他情形。"]
    """
    out: list[str] = []
    open_item = False  # the last 项 ended in 「；」: the list goes on
    for line in (line.strip() for line in hit.text.split("\n")):
        m = re.search(r"[（(][一二三四五六七八九十]{1,3}[)）]", line)
        # (「“（一）使用暴力…」: a 修正案 quotes the amended article's 项, each line opening with “)
        if m and (m.start() == 0 or line[m.start() - 1] in "：:" or line[:m.start()] in ("“", "\"")):
            out.append(line[m.start():])
            open_item = line.endswith(("；", ";"))
        elif line and open_item:
            # 「（三）…申请宅基地的；」 then 「法律、法规规定的…其他情形。」: the last 项, its number lost in the export
            if not line.endswith(("：", ":")):
                out.append(line)
            open_item = False
    return out


def within(path: str, scope: Scope) -> bool:
    """Whether a section is the one the question names or inside it (七、（一） is inside 第七部分)."""
    if scope.item is None and scope.part is not None and path.startswith(f"{int_to_cn(scope.part)}、"):
        return True
    return matches(path, scope)


def matches(path: str, scope: Scope) -> bool:
    """Whether a section is the one the question names (第七部分 is 七、, or a decimal plan's 7)."""
    if scope.item is None and scope.part is not None:
        return path in (f"{int_to_cn(scope.part)}、", str(scope.part))  # str: a decimal plan's part "6"
    return section_matches(path, scope)


def _uses_heading(question: str, heading: str) -> bool:
    """Whether a question names a part by its heading: word for word, or every word of it that names a topic
    (「加强防震减灾工作一共提了哪几点意见」 names 「二、加强防震减灾工作的意见」).

    Example: _uses_heading("加强防震减灾工作提了哪几点意见", "加强防震减灾工作的意见") is True
    """
    if heading in question:
        return True
    topic = content_terms(heading)
    return bool(topic) and sum(len(t) for t in topic) >= 4 and all(t in question for t in topic)
