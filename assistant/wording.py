"""How a question is worded: the several questions one message asks, what it wants named or counted, and
which of its words carry the topic. Patterns on the question's text only; the answerer decides what to do."""

from __future__ import annotations

import re

from assistant.query import ASKING_ALL, ASKS_HOW_ARRANGED, content_terms

ASKS_SPAN = re.compile(r"多长时间|多长(?=[？?，,]|$)|多久|多长期限|期限(?:是|为|有)?多长|几[个]?(?:工作日|日|天|小时|分钟|周|月)|多少(?:个)?(?:工作日|日|天|小时|分钟)")
ASKS = re.compile(r"几|多少|哪|什么|谁")
# "哪些…机制/措施": measures are told by clauses, not named like districts or bodies
ASKS_MEASURES = re.compile(r"哪些[\u4e00-\u9fa5]{0,8}(机制|制度|措施|举措|办法|方式|途径|渠道|要求|事(?!项)|事情|工作)")
GENERIC_HEADS = frozenset("建设 工作 管理 情况 问题 要求 内容 方面 事项 落实 推进 加强 完善 开展 规定 措施 做法".split())
# A name the question quotes as the document's own (“护航行动”, 「政务公开日」): the document must say it.
QUOTED = re.compile(r"[“「\"]([^“”「」\"]{2,20})[”」\"]")
REMEDY = re.compile(r"复核|复议|听证|申诉|仲裁|上诉|国家赔偿|减免|缓缴|分期缴纳|退还|豁免|异议")
# 「要罚多少钱」「罚款多少」: a fine's sum, answered with every step of its ladder.
ASKS_FINE = re.compile(r"罚(?:款|金)?[^，。？]{0,3}(?:多少|几)")
ASKS_CONSEQUENCE = re.compile(r"(怎么|怎样|如何|什么|哪些)[\u4e00-\u9fa5]{0,3}(处罚|处理|处分|罚|后果|责任)|会被?(怎么|怎样)|后果|"
                              r"(?:哪个|哪些|什么)(?:部门|机关|单位)[来去]?(?:处罚|查处|罚)|谁[来去]?(?:处罚|查处|罚)")
ASKS_COUNT = re.compile(r"几|多少")
# The cases or conditions something applies in: 「在哪些情况下可以征收」「要满足什么条件」.
ASKS_CASES = re.compile(r"(?:哪些|什么|哪几种|哪种|啥)(?:样的)?(?:情况|情形|条件|场合)")
# The name of a thing asked for: "政务微博叫什么名字", "账号名称是什么".
NAME_ASKED = re.compile(r"叫(?:什么|啥)(?:名字?)?|名字(?:是|叫)|(?<![文件标题])名称是什么|取名")
NAMES_WANTED = re.compile(r"哪(?:几|些)|分别|各(?:是|叫|为)|名称|标题|叫什么|是什么|(?:讲|说)(?:的是|了)?(?:什么|啥)|什么内容")
ADOPTED_WHEN = re.compile(r"(哪天|哪一天|何时|什么时候|哪一?年|几月几日|日期|时间)[^，,。？?]{0,12}通过|通过的?(日期|时间)")
ISSUED_WHEN = re.compile(r"印发|发布|成文|公布|签发")
STRUCTURE_INTENTS = frozenset({"count_items", "parts", "attachments", "count_rows"})
COUNT_LEAD = re.compile(r"(?:一共|总共|共计|共)有?(?=几|多少)")  # "共有几章": 共有 counts, it is no topic
WHOLE_TEXT = re.compile(r"全(?:法|文|篇|部|书)|整(?:部|个|篇)|通篇|本(?:法|条例|办法|规定|细则|解释)(?:一)?共")
# Which version of a text is meant: "修订后的", "现行": not a topic.
VERSION = re.compile(r"(?:修订|修正|修改)后的?|最新的?|现行的?|新版的?")
# Several named documents asked the same thing each: "A和B分别提了什么要求", "两份文件各自怎么规定".
EACH_DOCUMENT = re.compile(r"分别|各自|各是|各(?:分|有|为|设)|两份文件|两个文件|两者|二者|"
                           r"哪(?:份|个|一份|一个|部)[^，,。？?]{0,6}?(?:更|较|最)?(?:早|晚)")  # 「哪个成文更早」: each one's date
# The articles a section spans: "从第几条到第几条", "起止条文".
_ARTICLE_SPAN = r"(?:第?哪|第几)[一个]?条到(?:第?哪|第几)[一个]?条"  # 「从哪条到哪条」「第几条到第几条」
ASKS_RANGE = re.compile(r"第几条到第几条|从第几条|" + _ARTICLE_SPAN + r"|起止|哪些条|"
                        r"(?:包括|包含|涵盖)(?:哪几|哪些)条(?=[？?，,]|$)")
NAMES_SECTION = re.compile(r"第[一二三四五六七八九十百零〇\d]+[章节条款部分项]|附件|[（(][一二三四五六七八九十]+[)）]")
# A question about a document the scoped one refers to: "依据的…文件", "要落实哪份文件".
REFERS = re.compile(r"(依据|根据|按照|依照|照着|比照|依着|落实|贯彻|执行|参照|遵照)[^，。？?]{0,24}(文件|通知|意见|办法|规定|决定|精神)")
ASKS_TITLE = re.compile(r"标题|题目|名称|叫什么|是什么(部分|章)|讲的?是?(什么|哪)方面")
# "分别讲什么？" after a count: the counted items themselves.
EACH = re.compile(r"^(?:它们|这些|其|(?:各|每一?)(?:编|章|节|部分|项|条|款)(?:的(?:标题|名称))?)?(?:分别|各自|各|具体|都)(?:是|讲|说|有|包括|指|写)了?(?:的是)?(?:什么|哪些|啥|哪几)")
EACH_NAME = re.compile(r"^(?:(?:各|每一?)[节章](?:的)?|它们|分别|各自)(?:分别|各自)?(?:叫|是|名称|标题|题目|"
                       r"(?:都|主要)?(?:讲|说|写)(?:的是|了)?(?:什么|啥|些什么|哪些)|(?:是)?(?:什么|哪些)内容)")
LEANS_ON_CONTEXT = re.compile(r"^(那|那么|还有|另外|同样)|呢[？?]?$")


def repeats(text: str, said: str) -> bool:
    """Whether every line of an answer only repeats what was already said (its quote, its short answer).

    Example: repeats("丘陵每户不超过120平方米。\n根据《条例》第十三条：丘陵每户不超过120平方米；[2]",
    "根据《条例》第十三条：平原80平方米；丘陵每户不超过120平方米；山区150平方米。[1]") is True
    """
    said = re.sub(r"\[\d+\]", "", said)
    for line in re.sub(r"\[\d+\]", "", text).split("\n"):
        core = re.sub(r"^根据《[^》]*》[^：]{0,40}：", "", line).strip(" 。；;，,")
        if core and core not in said:
            return False
    return True


def head_terms(question: str) -> list[str]:
    """The words of the head of an "X的Y" topic (Y: what is talked about; X only narrows it), or [] when
    the topic has no 的.

    Example: head_terms("哪些文件提到了医疗机构的院务公开？") == ["院务"]
    """
    topic = re.sub(r"[？?。！!]+$", "", question)
    if "的" not in topic:
        return []
    head = content_terms(topic.rsplit("的", 1)[1])
    if any(t in GENERIC_HEADS for t in head):
        return []  # "政府网站的建设": 建设 alone would match any clause on building anything
    return head if len(head) < len(content_terms(topic)) else []


# 「…由哪些单位组成？全列出来」「…？几种情形都列出来」: how to answer, not another question.
_INSTRUCTION = re.compile(rf"^(?:请|麻烦)?(?:你)?(?:帮我|给我|帮忙)?(?:把)?(?:所有|全部|这|那)?(?:几|哪几|这几|那几)?(?:种|类|项|个|条|点|样)?"
                          rf"(?:情形|情况|条件|材料|事项|内容|要求|措施)?(?:{ASKING_ALL.pattern}|[，,、\s])+(?:吧|啊)?[。！!]*$")


# A sentence saying how to answer the one before it (「按顺序说说有哪几步」「具体讲讲」), not a question of its own.
_HOW_TO_ANSWER = re.compile(r"^(?:请|麻烦)?(?:你)?(?:帮我|给我)?(?:按顺序|按步骤|按先后|依次|一步一步地?|逐步|逐条|"
                            r"(?:具体|详细|简单)地?(?:说说|讲讲|说一下|讲一下|列一下|介绍一下|列出)|"
                            r"(?:简单|大致|大概)?(?:概括|总结|归纳)(?:一下|下)?[。！!]*$)")
# 「第四章讲什么？从哪条到哪条」: the span of the chapter just named, one question with it.
_SPAN_ONLY = re.compile(r"^(?:都|具体)?(?:是)?从?" + _ARTICLE_SPAN + r"(?:呢)?[。！!]*$")


# The word a user calls a document by: 「那个条例」「物业规定」「这份文件」.
_DOC_WORD = r"(?:规定|条例|法|办法|解释|细则|意见|通知|要点|安排|文件)"
# 「条例里有规定吗」「文件有没有说」 after a question: whether the text says what was just asked.
_SAYS_SO = re.compile(rf"^(?:那|那么)?(?:这个|那个|这份|那份)?(?:{_DOC_WORD}|本法|法律)?(?:里|中|上)?"
                      r"(?:有|有没有|有无)(?:相关|具体|明确)?(?:规定|说法|要求|写|说)(?:吗|没有|没)?(?:呢)?[。！!]*$")


def asks_if_said(question: str) -> bool:
    """Whether a later part of the message only asks whether the text says what the first asked.

    Example: asks_if_said("专家库由多少名专家组成？条例里有规定吗") is True; asks_if_said("条例里有规定吗") is False
    """
    return any(_SAYS_SO.match(p.strip()) for p in re.split(r"[？?]", question)[1:])


# 「为什么？」 after a question asks the reason of the same thing: no question of its own.
_WHY = re.compile(r"为什么|为何|为啥|怎么回事")
# 「那广东和福建呢」: whom or what the next sentence asks about, not a question of its own.
_ONLY_WHO = re.compile(r"^(?:那|那么|那要是|要是|如果是)?[^，,。；;？?]{1,15}?(?:的)?呢$")

# A piece that only names where the answer is to come from: 「物业规定怎么说的」「（征收补偿条例）」「按那个司法解释」.
_SOURCE_ONLY = re.compile(r"^[（(]?(?:按|按照|依|依照|根据|照)?(?:这个|那个|这份|那份)?"
                          r"(?P<doc>(?:(?!哪|什么|啥|几|谁|多少|是否|有没有|有无|有相关|有具体|有明确|有规定)[\u4e00-\u9fa5]){2,30}?"
                          + _DOC_WORD + r")"
                          r"(?:里|中|上)?(?:是|又是)?(?:(?:怎么|如何|咋)?(?:说|讲|规定|写|定)?(?:的|呢|啊)?|"
                          # 「…军训搞多长时间？国防教育条例有规定吗」: whether it says so is the first question's source
                          r"(?:有|有没有|有无)(?:相关|具体|明确)?(?:规定|说法|要求)(?:吗|没有|没)?)[)）]?[。！!]*$")


def question_parts(question: str) -> list[str]:
    """The questions asked in one message: split at question marks, and at a comma between two pieces that
    each ask something ("分成几个部分，一共多少条").

    Example: question_parts("分成几个部分，一共多少条？") == ["分成几个部分", "一共多少条"];
    question_parts("共有几章、多少条？") == ["共有几章", "多少条"];
    question_parts("按2019年要点，各区要在多长时间内公开？") == ["按2019年要点，各区要在多长时间内公开"];
    question_parts("由哪些单位组成？全列出来") == ["由哪些单位组成"]
    """
    parts: list[str] = []
    pieces: list[str] = [p or "" for p in re.split(r"[？?]", question)]
    told_last = pieces[-1] if len(pieces) >= 2 and pieces[-1].strip() else None
    # a short one counts when it asks (「谁牵头？」「几年？」), not a filler (「对吗？」)
    for part in (p for p in pieces
                 if (len(p.strip()) >= 4 or len(p.strip()) >= 2 and ASKS.search(p) and not _WHY.search(p))
                 and not _INSTRUCTION.match(p.strip())):
        if parts and (_HOW_TO_ANSWER.match(part.strip()) or _SPAN_ONLY.match(part.strip()) and
                      re.search(r"第[一二三四五六七八九十百零〇\d]+[章节]", parts[-1])):  # 「…程序是怎么走的？按顺序说说有哪几步」: one question
            parts[-1] = f"{parts[-1]}，{part.strip()}"
            continue
        if parts and _SAYS_SO.match(part.strip()):
            continue  # 「…由多少名专家组成？条例里有规定吗」: whether it says so is the first question itself
        if parts and (source := _SOURCE_ONLY.match(part.strip())):
            parts[-1] = f"按{source.group('doc')}，{parts[-1]}"  # 「…一届能干几年？物业规定怎么说的」: one question
            continue
        if parts and part is told_last and _OWN_CASE.search(part) and not (ASKS.search(part) or _ASKS_TOO.search(part)):
            # 「…能领多久？我和单位一起交了七年。」: closing words with no question mark that ask nothing and tell of
            # the asker's own case belong to the question before (not 「挨个说下」 or 「（…管理规范）」)
            parts[-1] = f"{parts[-1]}，{part.strip().rstrip('。！!')}"
            continue
        # 「那广东和福建呢？1995年它俩落实了多少」: whom the next question asks about, said first
        about = f"{parts.pop()}，" if parts and _ONLY_WHO.match(parts[-1].strip()) else ""
        asked = _asked_in(part)
        parts += [about + asked[0].strip(), *asked[1:]]
    return parts


# Asking words beyond ASKS: a yes/no, a how, a how long (「是派出所吗」「最多还能延长多久」).
_ASKS_TOO = re.compile(r"[吗么呢嘛]|多久|多长|怎|如何|是否|有没有|有无|能否|可否|要不要|是不是|([\u4e00-\u9fa5])不\1")


# Words that tell of the asker's own case: 「我考的是小型汽车」「我们单位交了七年」.
_OWN_CASE = re.compile(r"我|咱|本人|俺")


# A series closed as a whole (「…、…这些」「…、…之类的」): the things one ask is about.
_SERIES_OF_THINGS = re.compile(r"、[^、，,。？?]{1,12}?(?:这些|那些|之类|等等)")
# A piece that tells what happened (「…该谁管吵起来了」「为这事发生争议了」): the story a question is asked of.
_TOLD = re.compile(r"(?:起来|争议|纠纷|矛盾|吵架|打架|扯皮)了\s*$")


def _asked_in(part: str) -> list[str]:
    """The questions one sentence asks: its pieces between commas when each asks something, else itself."""
    pieces: list[str] = []
    for x in (x for x in re.split(r"[，,；;]", part) if x.strip()):
        if pieces and re.match(r"\s*(?:比如|例如|譬如|比方说|像是)", x):
            pieces[-1] += f"，{x}"  # 「…要满足什么条件，比如社保要缴满几年」: an example of the same ask
        else:
            pieces.append(x)
    if ASKS_HOW_ARRANGED.search(pieces[-1].strip()):  # 「…想查赔了多少、签了多少户，文件是怎么安排的」: one ask
        return [part]
    asking = len(pieces) >= 2 and all(ASKS.search(x) and len(x.strip()) >= 4 and not _TOLD.search(x) for x in pieces)
    if not asking and len(pieces) >= 3 and not ASKS.search(pieces[0]) and \
            all(ASKS.search(x) and len(x.strip()) >= 4 for x in pieces[1:]):
        # 「2017年静安食品药品那块，牵头单位是谁，要建立什么调查制度」: what both ask about, then each ask
        return [f"{pieces[0]}，{pieces[1]}", *pieces[2:]]
    if not asking and _SERIES_OF_THINGS.search(part):
        return [part]  # 「估价多少、赔多少这些会不会公布」: things named by what they tell, then one ask of them all
    if not asking:  # "共有几章、多少条": two counts in one clause, each asked
        pieces = [x for x in re.split(r"、", part) if x.strip()]
        asking = len(pieces) >= 2 and all(ASKS.search(x) and len(x.strip()) >= 3 for x in pieces)
    return pieces if asking else [part]


def remove_place(text: str, key: str) -> str:
    """Drop a region (with or without 市/区) or a year from a comparison question; a region takes the year
    written next to it along ("静安区2017年和上海市2019年": the 2019 is the city's side).

    Example: remove_place("静安区2017年和上海市2019年分别", "上海市") == "静安区2017年和分别"
    """
    if key.endswith("年"):
        return text.replace(key, "")
    base = key.rstrip("市区省")
    return re.sub(rf"(?:\d{{4}}\s*年(?:度)?的?)?{re.escape(base)}[市区省]?(?:\d{{4}}\s*年(?:度)?)?", "", text)
# The kind of a document as the last word of its name: 司法解释, 条例, 办法 (a title's word, no act or topic).
DOC_KIND = re.compile(r"(解释|条例|办法|规定|决定|意见|通知|方案|细则)$")
