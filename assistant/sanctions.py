"""Penalties: the article that punishes the act a question asks about, the fine for that act and not another's,
the rule a penalty enforces, and an act punished without any sum of money."""

from __future__ import annotations

import re

from assistant.evidence import PUNISHES, Clause, ClauseRanker, coverage, states_figure
from assistant.forms import cite_path
from assistant.quoting import earlier_in_sentence
from assistant.wording import ASKS_CONSEQUENCE, ASKS_FINE, DOC_KIND
from ingest.textutil import char_bigrams
from vectorstore.hybrid import HybridSearcher, as_hit
from vectorstore.scope import in_order
from vectorstore.store import StoredChunk
from vectorstore.types import Hit


class Sanctions:
    """What befalls a breach, read from the document's penalty articles and the rules they enforce."""

    def __init__(self, searcher: HybridSearcher, ranker: ClauseRanker) -> None:
        self.searcher = searcher
        self.ranker = ranker

    def penalty_for(self, question: str, terms: list[str], best: Clause, intent: str) -> Clause | None:
        """The clause that punishes a breach of the best clause's article (「违反本规定第十八条第三款规定，…由公安机关
        处警告或者二百元以下罚款」), when the question asks what befalls it and the best clause states a duty and no
        penalty; None otherwise."""
        if not (ASKS_CONSEQUENCE.search(question) or ASKS_FINE.search(question)) or STATES_PENALTY.search(best.text):
            return None
        at = ARTICLE_PATH.match(cite_path(best.hit, best.text))  # the article, and the 款 the clause is in
        if at is None:
            return None
        cites_it = breach_of(at.group(1))

        def punishes(text: str) -> bool:  # 「违反…第十八条第三款」 is no penalty for what its 第二款 requires
            return any(not (m.group(1) and at.group(2) and m.group(1) != at.group(2)) for m in cites_it.finditer(text))

        chunks = [as_hit(c) for c in self.searcher.chunks_of(best.hit.doc_id)
                  if c.chunk_id != best.hit.chunk_id and punishes(c.text)]
        found = [c for c in self.ranker.rank(question, terms, chunks, intent) if punishes(c.text)]
        return found[0] if found else None

    def duty_punished(self, question: str, terms: list[str], penalty: Clause, intent: str) -> Clause | None:
        """The clause of the same document that forbids the act a penalty clause punishes (「…将其运营的…线路转让、
        出租…给他人运营的，由…责令改正」: 「城市公共交通企业不得将其运营的…线路转让、出租…」), when one says
        nearly all of the act's words; None otherwise."""
        act = set(char_bigrams(punished_act(penalty.text)))
        if len(act) < 3:
            return None
        banning = [as_hit(c) for c in self.searcher.chunks_of(penalty.hit.doc_id)
                   if c.chunk_id != penalty.hit.chunk_id and _BANNED.search(c.text)]
        ranked: list[Clause] = []
        for at in range(0, len(banning), self.ranker.depth):  # as many chunks a time as the ranker reads
            ranked += self.ranker.rank(question, terms, banning[at:at + self.ranker.depth], intent)
        order = {h.chunk_id: i for i, h in enumerate(banning)}
        ranked.sort(key=lambda c: order[c.hit.chunk_id])  # in reading order, the best of each chunk first (stable)
        found = [(len(act & set(char_bigrams(c.text))) / len(act), c) for c in ranked
                 if _BANNED.search(c.text) and not PUNISHES.search(c.text)]
        share, duty = max(found, key=lambda f: f[0], default=(0.0, None))
        return duty if share >= _DUTY_SHARE else None

    def fines_for(self, question: str, terms: list[str], fitting: list[Clause],
                  with_figure: list[Clause]) -> list[Clause]:
        """The clauses giving a sum that fine the act asked, the one whose sentence says most of the act first.

        「不戴头盔罚多少钱」: a fine for the act asked, not the fine of the article on parking next to it (the words of the
        act: not the fine, the body, or the title's words, which every article of it shares), or, for the penalty
        article found for the duty asked, one that names it by that article's number."""
        with_figure = with_figure + self._items_by_number(question, terms, with_figure)
        breached = {id(c): self.breached(c) for c in with_figure}
        with_figure = [c for c in with_figure if _names_act(terms, c.hit) or (
            c.hit.chunk_id == fitting[0].hit.chunk_id and self._cites_act(terms, c))]
        # the act's own word, that few articles say (无人机), must be the fine's, or the article it punishes
        rare = self._rare_words(terms, fitting[0].hit.doc_id)
        with_figure = [c for c in with_figure if all(t in c.hit.text or _cited_articles(c.hit.text) & articles
                                                     for t, articles in rare.items())]
        # the fine whose sentence says most of the act: 「经营企业擅自停止开放的，…责令改正；拒不改正的，处五千元…」
        # is the fine for 擅自停止开放, whatever another article's fine shares of the question's words
        # (an item that names its act only by number, 「（一）违反第一项规定的，处每株五万元…」, says the act it cites)
        return sorted(with_figure, key=lambda c: -coverage(terms, _sentence_so_far(c) + breached[id(c)]))

    @staticmethod
    def punished_without_fine(terms: list[str], with_figure: list[Clause], clauses: list[Clause]) -> Clause | None:
        """A clause among the best that punishes the act asked with no sum of money (处分, 责令改正) and names the act
        far better than any fine found does; None when there is none."""
        act = _act_words(terms, str(clauses[0].hit.metadata.get("title", "")) if clauses else "")
        if len(act) < 2:
            return None
        fined = max((coverage(act, c.hit.text) for c in with_figure), default=0.0)
        # a fine that names the act by its article's number (「有本法第四十八条第一项、第二项…违法行为之一的，…处一万元」)
        cited = set().union(*(_cited_articles(c.hit.text) for c in with_figure))
        return next((c for c in clauses[:3] if PUNISHES.search(c.hit.text) and not states_figure(c.hit.text, "元")
                     and coverage(act, c.hit.text) >= fined + _BETTER_NAMED and _article_of(c.hit) not in cited), None)

    def _rare_words(self, terms: list[str], doc_id: str) -> dict[str, set[str]]:
        """The words of an act (three characters or more) that one or two articles of the document say, each with
        the articles that say it: what tells the act apart from the others a fine may punish."""
        chunks = self.searcher.chunks_of(doc_id)
        title = str(chunks[0].metadata.get("title", "")) if chunks else ""
        # (the document's kind and title words, 司法解释, name no act)
        act = [t for t in terms if len(t) >= 3 and not _NO_CONDUCT.search(t) and not DOC_KIND.search(t) and t not in title]
        saying = {t: [c for c in chunks if t in c.text] for t in act}
        return {t: {_article_of(c) for c in said} for t, said in saying.items() if 1 <= len(said) <= _RARE_IN}

    def _items_by_number(self, question: str, terms: list[str], with_figure: list[Clause]) -> list[Clause]:
        """The fines of a penalty article found that name their acts by number only (「（一）违反第一项规定的，处每株
        五万元…罚款」), which share no word with the question: what they punish is said in the article they cite."""
        seen = {(c.hit.chunk_id, c.index) for c in with_figure}
        chunks = list({c.hit.chunk_id: c.hit for c in with_figure if _ITEM_BREACHED.search(c.hit.text)}.values())
        return [c for c in self.ranker.rank(question, terms, chunks, "quantity")
                if (c.hit.chunk_id, c.index) not in seen and _ITEM_BREACHED.search(c.text) and states_figure(c.text, "元")]

    def breached(self, c: Clause) -> str:
        """The words of the item a penalty clause enforces when it names it by number only, else "".

        「（一）违反第一项规定的，处每株五万元以上五十万元以下罚款」 under 「违反本条例第二十八条规定的，…依照下列规定
        处罚：」 enforces 第二十八条（一）「损伤、砍伐或者擅自迁移古树名木」; so does 「违反本条例第二十八条第一项规定的」."""
        named = _ITEM_BREACHED.search(c.text)
        if named is None:
            return ""
        # the article named with the item, or the last one the article's text names before it (its lead-in)
        before = c.hit.text[:max(c.hit.text.find(named.group(0)), 0)]
        article = named.group(1) or next(reversed(_DUTY_CITED.findall(before)), None)
        if article is None:
            return ""
        duty = next((x.text for x in self.searcher.chunks_of(c.hit.doc_id)
                     if x.metadata.get("section") == f"第{article}条"), "")
        item = re.search(rf"^[（(]{named.group(2)}[)）]([^\n]+)", duty, re.M)
        return item.group(1) if item else ""

    def _cites_act(self, terms: list[str], c: Clause) -> bool:
        """Whether a fine's article names the act asked by the number of the article that states the duty
        (「违反本条例第十四条第一款规定…处二千元」 where 第十四条 speaks of 机场、高速公路的服务区)."""
        numbers = set(_DUTY_CITED.findall(c.hit.text))
        duties = [as_hit(x) for x in self.searcher.chunks_of(c.hit.doc_id)
                  if (at := ARTICLE_PATH.match(str(x.metadata.get("section", "")))) and at.group(1) in numbers]
        return any(_names_act(terms, d) for d in duties)


# A clause that forbids an act, and how much of a punished act's wording it must say to be the rule broken.
_BANNED = re.compile(r"不得|禁止|严禁|不准|不许")
_DUTY_SHARE = 0.6
_DUTY_CITED = re.compile(r"违反本[\u4e00-\u9fa5]{1,4}第([一二三四五六七八九十百零]+)条")
# A penalty item that names the item it enforces by number, with its article or under a lead-in that names it.
_ITEM_BREACHED = re.compile(r"违反(?:本[\u4e00-\u9fa5]{1,4}第([一二三四五六七八九十百零]+)条)?第([一二三四五六七八九十]+)项")
# The article and 款 at the head of a section path: 十八 and 三 of 「第十八条第三款」.
ARTICLE_PATH = re.compile(r"第([一二三四五六七八九十百零]+)条(?:第([一二三四五六七八九十]+)款)?")
# A clause that itself says what befalls a breach.
STATES_PENALTY = re.compile(r"罚款|罚金|警告|拘留|处分|吊销|没收|追究[^。；]{0,8}责任|责令[^。；]{0,12}(?:停|改正)")

# A word of an act said by at most this many chunks of its document is the act's own (无人机, not 铁路).
_RARE_IN = 2


def _cited_articles(text: str) -> set[str]:
    """The articles a text cites by number: 「违反本条例第二十六条」 -> {"第二十六条"}."""
    return {f"第{n}条" for n in re.findall(r"第([一二三四五六七八九十百零]+)条", text)}


def _article_of(chunk: StoredChunk | Hit) -> str:
    """The article a chunk is in: 第二十六条 of 第二十六条第二款 or 第二十六条（三）."""
    m = re.match(r"第[一二三四五六七八九十百零]+条", str(chunk.metadata.get("section", "")))
    return m.group(0) if m else ""


_BETTER_NAMED = 0.3  # share of the act's words: a clause naming the act this much better than the fine is about it
# Words of a fine question that name no act: the fine itself, who imposes it, whose rule it is.
_NO_CONDUCT = re.compile(r"罚|钱|部门|机关|机构|局|委|政府|法院|检察院|执法|公安|交通管理|规定|条例|办法")


def _names_act(terms: list[str], article: Hit) -> bool:
    """Whether a fine's article names the act a question asks the fine of (any of its words), when it names one."""
    act = _act_words(terms, str(article.metadata.get("title", "")))
    return not act or coverage(act, article.text) > 0


def _act_words(terms: list[str], title: str) -> list[str]:
    """The words of a fine question that name the act: not the fine, who imposes it, or the document's title."""
    return [t for t in terms if not _NO_CONDUCT.search(t) and not in_order(t, title)]


def breach_of(article: str) -> re.Pattern[str]:
    """A clause that punishes a breach of an article, by its number (group 1: the 款 it names, if any).

    Example: breach_of("十八").search("违反本规定第三条、第十八条第三款规定的，处…").group(1) == "三"
    """
    return re.compile(rf"违反本[\u4e00-\u9fa5]{{1,4}}(?:第[一二三四五六七八九十百零]+条[^。；，,]{{0,12}}?[、和或及]\s*)*"
                      rf"第{article}条(?:第([一二三四五六七八九十]+)款)?")


def punished_act(text: str) -> str:
    """The act a penalty clause punishes: its words without 「违反本…规定，」 before and 「的，由…」 after, and only
    the item when a lead-in announces items.

    Example: punished_act("有违法所得的，没收违法所得：（一）违反本规定第二十一条第一项规定，分包、转包电梯维护保养业务的；")
    == "分包、转包电梯维护保养业务"
    """
    act = re.split(r"[：:]", text)[-1]
    act = re.sub(r"^\s*[（(][一二三四五六七八九十\d]+[)）]", "", act)
    act = re.sub(r"^违反本[\u4e00-\u9fa5]{1,4}(?:第[^，,]{1,20}?)?规定[，,]", "", act)
    return re.split(r"的[，,；;。]|的$", act.rstrip("；;。，,"), maxsplit=1)[0]


def _sentence_so_far(c: Clause) -> str:
    """The clause with the parts of its sentence before it (「…擅自停止开放的，由…责令改正；」 before 「拒不改正的，处…」)."""
    return earlier_in_sentence(c, ("；", ";", "，", ",")) + c.text
