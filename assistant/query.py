"""Questions: validation, what kind of answer they want, and follow-ups rewritten with their history."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from ingest.regions import find_regions, region_surfaces
from vectorstore.scope import DIVIDED_INTO

MAX_QUESTION_CHARS = 2000
MAX_ANALYSED_CHARS = 400  # a longer question (a pasted paragraph) is matched on its first 400 characters

# Words that say what kind of answer is wanted, or that every document here shares: they tell
# nothing about whether a section answers the question.
GENERIC_TERMS = frozenset(
    "牵头 单位 部门 牵头单位 牵头部门 负责 责任 多少 几个 几项 文号 完成 时限 完成时限 标题 部分 哪些 哪个 "
    "是否 要求 提出 明确 印发 发布 日期 什么 时候 哪年 一年 本市 全市 全区 市 区 县 年 年度 政务 公开 政务公开 "
    "政府 信息 信息公开 政府信息 政府信息公开 工作 要点 工作要点 安排 重点 重点工作 推进 加强 当前 年内 "
    "上海 上海市 成都 成都市 静安 静安区 里 中 项 第 条 表 附件 任务 分解 分解表 任务分解表 做好 需要 应 "
    "不低于 不少于 达到 目标 内容 主要 方面 情况 讲 说 打算 计划 怎样 怎么 如何 谁 成文 机关 发文 发文机关 正文 全面 "
    # a story's own words: its conditions and people (要是…他们…), and how it was heard (听人说…那边)
    "要是 如果 假如 万一 倘若 他们 我们 你们 她们 咱们 还是 那边 这边 说法 对方 这么 那么 担心 听说 听人说 真有 一场 城里 不会 "
    "怎么样 麻烦 嫌麻烦 不想 已经 别的 "
    # a document named by its 令 (「590号令里」): no topic
    "号令 "
    # spoken fillers: 「这事儿」「老百姓」, and what jieba leaves of 「要不要亮出来」
    "事儿 这事 这事儿 老百姓 不要 出来 那里 这里 哪里 那儿 这儿 "
    # what a story adds of its own motives and manner: 「能不能顺手帮…卖书，多赚点」
    "顺手 顺便 顺带 多赚 多赚点 赚点 本身 一起 一段时间 "
    # when and how many in passing (「以前出的那些老公报，以后能不能全都翻到」): no topic
    "以前 以后 那些 这些 全都 统统 的话 必须 一定 "
    # an article: 「一个社团要保留下来」 is about 社团, not 「一个社会团体」 (a verb's direction stays: 「结合起来」 is said so)
    "一个 一家 一笔 一份 一些 "
    # how a story reasons (「所以不能当证据」「光凭这点」): no topic
    "所以 因此 因为 这点 这一点 光凭 凭这 "
    # where a story happens and how it looks to the asker (「我家楼下路灯杆挺结实的」): the setting, no topic
    "我家 我们家 他家 咱家 楼下 楼上 隔壁 对门 附近 旁边 上面 下面 天天 每天 经常 老是 总是 挺 结实 好像 感觉 觉得 "
    # why a thing is so, and how often it seems to change (「为什么一会儿叫支队一会儿叫大队」): the ask, no topic
    "为什么 为啥 干嘛 一会儿 一会 时而 "
    # who sees it and who it is said of (「亮出来给大家看」「要求它们…」): no topic
    "大家 它们 "
    .split()
)
QUESTION_WORDS = frozenset("为了 为此 这件 那件 这件事 那件事 表里 份文件 个文件 提出 提了 分了 几章 几节 文件 几份 份 哪份 哪几份 分成 分为 大部分 各部分 部分 标题 各自 出现 出现过 提到 提及 涉及 下面 下设 一共 总共 列了 一条 一项 几条 几章 几节 几款 那个 这个 这份 那份 里面 里头 到底 究竟 请问 想问 问下 知道 一下 具体 具体指 指的是 是啥 需要 "
                           "自己 没有 一遍 一下 这项 这个 哪天 一共 分为 哪几 哪几个 哪一年 哪些 哪个 哪类 什么样 是不是 "
                           "有没有 能否 可以 吗 呢 列了 列出 分别 各自 多少 几个 几项 几类 几大 几次 哪项 多长时间 多久 多长 什么时候 何时 啥时候 "
                           "一般 通常 大概 大约 平时 正常 一般来说 原本 本来 原来 最初 当初 起初 其实 关于 简单 简要 大致 那条 这条 那项 这项 那一条 这一条 每个 每一个 几步 由谁来 谁来 怎么办 咋办 咋个 咋样 干什么 干啥 干嘛 "
                           "这块 这一块 那块 那一块 一块 一部分 这一部分 那一部分 这方面 这一方面 两份 三份 四份 这几份 这三份 这两份 几份文件 三份文件 两份文件 "
                           "时间表 时间节点 时间安排 时间要求 "
                           # a stance asked: 「对…的树是什么态度」 asks what the text says of it
                           "态度 "
                           # how the pieces of an answer are asked for: 「分成了哪几块」「具体落到哪几件事上」
                           "几块 哪几块 几件事 哪几件事 件事 落到 几点 哪几点 "
                           # how a deadline is asked: 「截止到啥时候」
                           "截止 截至 截止到 截至到 "
                           # how an answer should be given, or where in a text (最后提了…): not its topic
                           "概括 概述 归纳 概括一下 简单概括 总的来说 最后 最终 最后还 "
                           # what is left of 「能不能」 once jieba splits it: the ask, not the topic (「不能安排」)
                           "不能 能不能 可不可以 "
                           # 「多久召开一次」: how often, not a 「第一次」 to find
                           "一次".split())
_GENERIC_PHRASES = re.compile(
    r"\d{4}\s*年(度)?|政务公开和政务服务工作要点|政务公开工作要点|政府信息公开重点工作安排|重点工作安排|工作要点|"
    r"任务分解表|分解表|政府信息公开|政务公开|信息公开|(?<![一-龥])要点|"
    # the texts asked of, counted or pointed at (「两部法规分别是怎么要求的」): no topic
    r"(?:两|这两|那两|几|这|那|这几|那几)(?:部|份|个|项)(?:法规|法律|文件|条例|规定|办法)"
)


# 规定 as the verb after the article asked for: 「哪一条规定了」「第几条规定的」.
_RULES_VERB = re.compile(r"(?<=[条款章节])(?:里|中)?规定(?:了|的)?")
# How a list question asks for all of it: 「一个不落全列出来」「全部列一下」「都列出来」「逐条写清楚」.
ASKING_ALL = re.compile(r"(?:一个|一项|一条)?不落(?:地)?|(?:全部|全都|都|全|统统|一一|逐一|逐个|逐条|完整地?|详细)?"
                        r"(?:都)?(?:列|罗列|列举|说|讲|写)(?:出来|一下|下|全|齐|明白|清楚)")


_ASKING_COUNT = re.compile(r"(?:几|哪几?|多少)[个项类家次条处件份种批所座位名大年天日月倍级]?|好几|第几[条章节款项个]?|哪一[天年条章节款]|哪[些个里儿][\u4e00-\u9fa5]{0,2}")


# Words that point at something said before rather than name a topic: 其中, 第二点, 第三个.
# 「这一章」: the one just named; 「财政信息公开这部分」: the part just named
_POINTING = re.compile(r"其中|其余|第[一二三四五六七八九十\d]{1,3}[点个]|[一这那该此本]?一?[章节条款项编](?:里|中)?|"
                       r"[这那该此本]一?(?:部分|块|方面|板块)(?:里|中)?")


# Characters that stand alone in a sentence (particles, verbs of asking): never part of a word jieba does not know.
_LONE = frozenset("的了在和与及或是有对把被将等中里上下要会能可就都也还又再啥么吗呢吧呀啊个为从向给让跟去来到说问那这哪该其各每此定得"
                  "我你他她它咱")  # a pronoun is a word of its own: 「我拿奖了」 is no term 「我拿奖」


def _is_lone(token: str) -> bool:
    """Whether jieba left a Chinese character alone that is no particle: a piece of a word it does not know."""
    return len(token) == 1 and "\u4e00" <= token <= "\u9fa5" and token not in _LONE


def _joined_singles(tokens: list[str]) -> list[str]:
    """Tokens with runs of single characters jieba could not place joined back (「河/长/制」 -> 「河长制」), so a
    term outside its dictionary is still one term; particles between them (里, 要) are left alone.

    Example: _joined_singles(["里", "河", "长", "制", "要", "公开"]) == ["里", "河长制", "要", "公开"]; two lone
    characters stay apart: _joined_singles(["块", "定"]) == ["块", "定"]
    """
    out: list[str] = []
    run: list[str] = []
    for t in tokens + [""]:
        if _is_lone(t):
            run.append(t)
            continue
        if 3 <= len(run) <= 4:  # two lone characters are as often two words as one
            out.append("".join(run))
        else:
            out += run
        run = []
        if t:
            out.append(t)
    return out


def lone_pairs(question: str) -> list[str]:
    """Two lone characters jieba could not place, side by side between words (「证/后」 in 「证后监督检查」): a word
    only when the documents write it, which the caller checks.

    Example: lone_pairs("证后监督检查的对象库") == ["证后"]
    """
    from vectorstore.keyword import _jieba

    tokens = _jieba().lcut(question, HMM=False)
    lone = [_is_lone(t) for t in tokens]
    return [tokens[i] + tokens[i + 1] for i in range(len(tokens) - 1)
            if lone[i] and lone[i + 1] and not (i > 0 and lone[i - 1]) and not (i + 2 < len(tokens) and lone[i + 2])]


# What a reply or approval says, asked as such: 「一共答复了哪些事」「主要批了些什么」.
_WHAT_IT_SAYS = re.compile(r"(?:答复|批复|回复|批准|批)了?(?:哪些|哪几|什么|些什么|啥)(?:件|个|项|方面)?(?:事情?|问题|内容)?(?=[？?，,。]|$)|"
                           # 「法律规定大企业要多久付款」: what the law says is asked, 法律 is no topic
                           r"(?:^|(?<=[，,。？?]))(?:按照|依照|根据)?(?:法律|法规)(?:上)?(?:规定|要求)(?=[\u4e00-\u9fa5])")


def content_terms(question: str) -> list[str]:
    """Question words that carry its topic: no question words, places, years or domain boilerplate.

    Example: content_terms("2019年上海开放公共数据集达到多少个？") contains "数据集", not "上海" or "多少"
    """
    from vectorstore.keyword import _jieba

    question = re.sub(r"《[^》]{2,60}》|[\u4e00-\u9fa5]{1,10}[〔\[【（(［]\d{4}[〕\]】）)］]第?\d{1,4}号", " ", question)
    question = _WHAT_IT_SAYS.sub(" ", question)  # 「答复了哪些事」「批了些什么」: what the text says, no topic
    question = ASKING_ALL.sub(" ", question)  # 「一个不落全列出来」: how much is asked, not what
    question = _RULES_VERB.sub(" ", question)  # 「哪一条规定了…」「是哪一条规定的」: 规定 is the verb, no topic
    quoted = [q.lower() for q in re.findall(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]", question)]
    text = _GENERIC_PHRASES.sub(" ", re.sub(r"[“\"「『][^”\"」』]{2,20}[”\"」』]", " ", question))
    for surface in sorted(region_surfaces(text), key=len, reverse=True):
        text = text.replace(surface, " ")
    terms: list[str] = list(dict.fromkeys(quoted))  # a quoted name (“五公开”) is one term, however generic its words
    for t in _joined_singles(_jieba().lcut(text, HMM=False)):  # no guessed words ("利用微", "项说"): they match nothing
        t = t.strip().lower()
        if (len(t) < 2 or t in GENERIC_TERMS or t in QUESTION_WORDS or t.isdigit() or not re.search(r"\w", t)
                or _ASKING_COUNT.fullmatch(t) or _POINTING.fullmatch(t)):
            continue
        if t not in terms:
            terms.append(t)
    return terms

def place_names(question: str) -> list[str]:
    """Place names the question names, by jieba's part-of-speech tags (ns): districts, counties, cities.

    Example: place_names("成都的安排对锦江区有什么规定？") == ["成都", "锦江区"]
    """
    from jieba import posseg

    from vectorstore.keyword import _jieba

    _jieba()
    return list(dict.fromkeys(w.word for w in posseg.lcut(question, HMM=False) if w.flag == "ns" and len(w.word) >= 2))


# 「分几步走」「分几个阶段」「有哪几个步骤」: the steps of a plan.
STEPS_ASKED = re.compile(r"(?:几|哪几)个?(?:步|阶段|步骤|环节)(?:走)?(?:的)?(?:[？?，,。]|$)")

# Ordered: the first intent whose pattern matches wins.
INTENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 「《…方案》是通过哪个文件印发的」: the covering notice that issues it, i.e. the page's own title
    ("title", re.compile(r"(通过|用|由|以|随)(哪个|哪份|什么|啥)(文件|通知|文)[^，,。？?]{0,4}(印发|发布|下发|公布|转发|发)")),
    ("cross_doc", re.compile(r"哪些文件|哪几份|哪份文件|哪个文件|哪几个文件|几份文件|哪些文件都|所有文件|各份文件|哪些年份?的")),
    ("origin", re.compile(r"(最早|最初|首次|第一次|原来|当初|起初)[^，,。？?]{0,16}(发布|公布|颁布|制定|出台|施行)")),
    ("doc_number", re.compile(r"文号|发文字号|(?<![标签印刷体大小])字号(是|为)|令(是|为)?第?(几|哪)号|令号|第几号[\u4e00-\u9fa5]{0,8}令|(几|哪)号[\u4e00-\u9fa5]{0,6}令")),
    ("copied", re.compile(r"抄送")),
    ("signer", re.compile(r"(谁|哪位[\u4e00-\u9fa5]{0,4}|哪个领导)签(署|发|字|的)|签署人|签发人|署名")),
    ("recipients", re.compile(r"主送|发给(了)?(哪些|谁)|印发给(哪些|谁)|下发(给|到)(哪些|谁)|"
                              r"(批复|批|回复|答复|复函|函|发|写)给(了)?(哪个|哪些|谁)|(?:答复|回复|批复)(?:的是)?(?:谁|哪位|哪个单位|哪个(?:法院|检察院|部门|机关|省|市|政府))(?!的请示)|是给(哪个|哪些|谁)的|(对|向)(谁|哪个部门|哪个单位)(作出|做出)?的?批复")),
    # 「是哪个部门牵头拟的」 asks who drafted it; 「…办法，由哪个部门牵头制定」 asks who leads a task
    ("drafter", re.compile(r"(谁|哪个部门|哪个单位|哪个机构|哪家)(制订|制定|起草|拟订|编制|拟定|[拟写](?=的))|"
                           r"是(谁|哪个部门|哪个单位|哪个机构|哪家)牵头(制订|制定|起草|拟订|编制|拟定|拟)的|"
                           r"(制订|起草|拟订|拟定|编制)(单位|部门|机构|者)|由(谁|哪个?[^，。？]{0,4})(制订|起草|拟订)|"
                           # a forwarding notice: whose document it forwards (「转发的是谁的什么文件」)
                           r"转发的?是?(谁|哪个部门|哪个单位|哪家)的|转发的是(什么|哪个|哪份)文件|转发了(什么|哪个|哪份)文件")),
    # (「落实哪些环节的要求」「落实哪些环节要求」 ask the steps a text lists, not what it implements: no 的 inside the
    # thing named but a superior's, 「落实哪些上面的要求」, and no step, aspect or task word)
    ("basis", re.compile(r"(根据|依据|按照|依照|照着|参照|比照|依着|贯彻|落实|遵照|为了?(?:实施|贯彻|执行))(的是)?"
                         r"(?:市里|省里|区里|上级|上面|国家|中央|国务院|市政府|省政府)?的?(哪|什么|何)(?![个份些部]?(?:环节|方面|事项|任务|措施|内容|具体|工作))(个|份|些|部)?"
                         r"(?:(?:上面|上级|国家|中央|国务院|省里|市里)的|(?!的)[\u4e00-\u9fa5]){0,4}?"
                         r"(文件|精神|要求|部署|规定|意见|法规|法律|条例|法(?=制定|而|[？?，,]))|"
                         r"(依据|根据)是什么|上位(文件|法)|"
                         r"(回复|答复|批复|回|复)(?:谁|哪个单位|哪个部门)?的?(是)?(哪|什么)(份|个|号)?(请示|报告|来函|建议|提案)|"
                         r"(针对|对)(哪|什么)(份|个|号)?(请示|报告|建议|提案)|"
                         # what a reply answers, asked of its sender: 「人家提的是啥建议」「报的什么请示」
                         r"(提|提出|提交|报|报送)(的|了)?(是)?(啥|什么|哪个|哪份|哪条)(请示|报告|建议|提案)")),
    ("issuer", re.compile(r"发文机关|发文单位|哪个机关(印发|发布|制定)|由(谁|哪个机关|哪个单位)(印发|发布|制定)|印发机关|"
                          # a joint issue: 「是哪几个部门联合发布的」
                          r"(谁|哪个部门|哪个单位|哪个机关|哪个机构|什么机构|什么机关|哪家|哪(?:几|些)个?(?:部门|单位|机关|机构))(?:联合|共同)?"
                          r"(发|印发|发布|出|转发|下发|制定|公布|颁布)的")),
    # 「分几步走」「分几个阶段」: the steps themselves, as the text lists them (第一阶段…第二阶段…)
    ("list", STEPS_ASKED),
    ("quantity", re.compile(r"(多少|几)个?(工作)?[天日](?!期)|多少周岁|多少元|多少钱|罚(款)?多少")),
    ("effective", re.compile(r"(什么时候|啥时候|何时|哪天|哪一天|哪年|几月几日|从什么时候|自什么时候|自何时|从哪天)(开始|起)?(施行|生效|实施)|"
                             r"施行(日期|时间)|生效(日期|时间)|(开始|起)(施行|生效)")),
    ("date", re.compile(r"印发日期|成文日期|发文日期|印发于|(什么时候|哪天|何时|哪一天|几月几日|哪年哪月|哪一?年)、?(由[^，,。？?]{2,14}|在[^，,。？?]{1,8})?(正式|对外|公开)?"
                        r"(印发|发布|公布|颁布|成文|发文|出台|下发|转发|通过|签发|发(?=的|出)|写(?=的|成))|(印发|发布|成文|出台|转发)(的)?(时间|日期)|日期|"
                        # 「实际印发是哪天」: the act, then when
                        r"(?:印发|发布|公布|颁布|成文|出台|下发|转发|签发)(?:的)?(?:是在|是于|是|在|于)(?:哪天|哪一天|何时|什么时候|几月几日|哪年哪月)|"
                        r"(印发|发布|出台|下发|转发|公布|成文)得?(更|较|最)(早|晚)|哪(?:份|个|一份|一个)(?:成文|印发|发布|发)得?(?:更|较|最)?(?:早|晚)|"
                        # 「是3月5日印发的吗」: a yes/no on the document's date, answered with its dates
                        r"\d{1,2}月\d{1,2}日(?:正式|对外)?(?:印发|发布|公布|颁布|成文|发文|出台|下发|签发|发(?=的))的?(?:吗|么|[？?]|$)|"
                        r"哪(?:份|个|一份|一个)(?:先|更早|较早|后|更晚|较晚)(?:印发|发布|出台|下发|公布|成文|发)")),
    ("approval", re.compile(r"(哪次|哪个|什么)(会议|常务会)|(会议|常务会议?)(上)?(审议)?通过|(哪一?次|什么)[^，,。？?]{0,6}?会上?(审议)?通过|经过?(哪|什么)|"
                           r"(哪天|哪一天|何时|什么时候|哪一?年|几月几日)经[^，,。？?]{2,20}(通过|批准)|"
                           r"(哪天|哪一天|何时|什么时候|哪一?年|几月几日)(?:又|再)?(?:被)?(?:修正|修订|修改)(?:过|的)|批准(机关|机构)|(哪个|什么)(机关|机构)批准|"
                           # 「是哪个人大常委会批准的？哪天批准的？」: who approved the text, and when
                           r"(?:哪个|哪一?级|什么)[\u4e00-\u9fa5]{0,8}?(?:常委会|人大|政府|机关|机构)批准的|"
                           r"(?:哪天|哪一天|何时|什么时候|哪一?年|几月几日)(?:被)?批准的")),
    # 「后来修改过吗」「修订过几次」: the amendments its header lists
    ("amended", re.compile(r"(修改|修订|修正)过(吗|没有|没|几次|多少次)|有没有(被)?(修改|修订|修正)过?(?=[？?]|$)|"
                           r"(后来|之后|此后|以后)(又|再)?(被)?(修改|修订|修正)(过|了)|(修改|修订|修正)(情况|记录|历史)|"
                           # 「最近一次修订是什么时候」: the dates of its amendments, the last one asked
                           r"(最近|最后|上)一次(?:的)?(修改|修订|修正)(?:是|在|于)?(什么时候|哪天|哪一天|哪一?年|何时|几月几日)")),
    ("title", re.compile(r"(是|叫)(一份|一个|个|哪份)?什么(样的|性质的)?文件|文件(名称|标题|全称)|标题是什么文件|全称")),
    ("locate", re.compile(r"哪一?条(?!路)|第几条|哪个条款|哪一款|第几款|(在|于|属于|归入|列入|是)哪[一个]?(章|节|部分)|哪一章|第几章|哪一节|第几节|"
                         r"哪[一个](章|节|部分)(下面|里面?|之下|中)|哪[一个]?(章|节|部分)(?:专门|主要)?(讲|说|写|谈|规定|涉及|是关于)")),
    ("attachments", re.compile(r"附(了|有|带|上)了?(什么|哪些|几个|几份|啥)|(有|带)(什么|哪些|几个|几份)附件|附件(是|有|叫)(什么|哪些|几个|啥)|"
                               r"附件的?(名称|标题|题目)")),
    ("count_rows", re.compile(r"(任务分解表|附件).{0,6}(?<![这那])(多少|几)(项|条|个)|(?<![这那])(多少|几)(项|条)任务")),
    ("count_items", re.compile(r"(一共|共|总共|下面|下设|包括|包含|列了|分了|有)(几|多少)(项|条|个)|"
                               r"(?<!哪)(几|多少)(项|条)(具体)?(工作|内容|措施|要求)|(?<!哪)(几|多少)(项|条)[？?]?$|(几|多少)个?节")),
    ("parts", re.compile(r"(几个|哪几个|哪些|多少个|几大|几)(部分|大部分|方面)|" + DIVIDED_INTO + r"|(共|一共|总共|分了?|有)(几|多少)个?[章编]|由哪几部分|包括哪几部分|结构")),
    ("section_title", re.compile(r"(部分|项|条)的?(标题|题目|名称)|标题是什么|讲(的是)?什么|是什么内容|说了什么")),
    ("yes_no", re.compile(r"是否|有没有|有无|是不是|能不能|能否|可否|要不要|需不需要|需要不需要|有没|([\u4e00-\u9fa5])不\1(?!\1)|"
                          r"(?<=[了过])没有?(?=[？?。！!]*$)|"
                          r"(?<![什怎这那多])(吗|么|嘛)[？?。！!]*$")),
    # 「能查哪些单位」「奖励哪些单位」: the bodies acted on, not the one that acts
    ("lead", re.compile(r"牵头|(?<![查罚励彰谈核把将对])(?:能|可以|要)?(?:哪个部门|哪些部门|哪个单位|哪些单位)|负责部门|责任单位|由谁负责|谁负责|负责单位|谁来(负责|牵头|抓)|"
                         r"(?:归|由)谁(?=解释|管理|监督|审批|批准|认定|核发|登记|处理|查处)|"
                         r"由谁来?(?:组织|编制|承担|落实|实施|开展)")),
    ("deadline", re.compile(r"完成时限|时限|时间表|时间节点|什么时候完成|何时完成|截止|哪一年|哪年|什么时候|何时|多久|多长时间|"
                            r"什么时间|啥时候|几月|哪个月|(?<!多少)(?<!几)期限(?!是多少)|多长(?=[？?，,]|$)")),
    ("quantity", re.compile(r"(什么|何种|哪种|多高的?)[\u4e00-\u9fa5]{0,2}(利率|费率|税率|比率|比例)|多少|(?<![哪这那])(几个|几项|几类|几大|几次|几场|几家|几条|几处|几份|几年|几天|几日|几倍|几级|几名|几位|几人|几户|几所|几台|几批|几轮)|不低于|不少于|比例|分值|权重|数量|百分之几|几成(?![为立])|占比|"
                          r"号码(?:是|为)?(?:多少|什么|几)|号码(?=[？?。]|$)")),
    ("summary", re.compile(r"(有|提出?了?|作了|做了|作出了?|包括|包含)?(哪些|什么|啥)[\u4e00-\u9fa5]{0,4}(要求|部署|安排|规定|措施|举措|任务|工作|内容|重点|目标)|"
                           r"(怎么|怎样|如何|咋)[\u4e00-\u9fa5]{0,2}(要求|规定|说|安排|部署|做|推进|开展|落实|抓|加强|完善|建设|"
                           r"提高|改进|实施|处理|办|执行|公开|规范|强化|保障|答复|回复|批复|处置)|主要内容|具体(要求|内容|措施)|"
                           r"(方面|领域)(有|的)(什么|哪些)?(要求|工作|任务|安排)|要求?(?:做|干|办)(哪些|什么|啥)|(讲|说|批|批复|答复|回复|写)了?(些)?(什么|啥)|"
                           r"(要求|部署|安排)了?(些)?(什么|啥)(?=[？?。，,]|$)|"
                           r"(答复|批复|回复)了(哪些|哪几|些什么|什么)")),
    ("list", re.compile(r"哪些|哪几|包括什么|有什么|哪三|哪两|哪四|哪五|哪六|列举|列出来|列一下|几种(?:情形|情况)|"
                        r"哪[0-9七八九十]+[个项类种家条大]")),
]
# The answer form each intent takes.
DOC_FACT_INTENTS = frozenset({"copied", "doc_number", "issuer", "date", "title", "recipients", "drafter", "basis", "approval", "amended",
                              "effective", "origin", "signer"})


def doc_fact_intents(question: str) -> list[str]:
    """Every document fact a question asks for, in the order it asks them ("哪个机关印发的？成文日期是哪天？").

    Example: doc_fact_intents("国发〔2019〕5号是哪个机关印发的？成文日期是哪天？") == ["issuer", "date"]
    """
    found = [(m.start(), name) for name, rx in INTENT_PATTERNS
             if name in DOC_FACT_INTENTS and (m := rx.search(question)) and _about_document(name, m, question)]
    return [name for _at, name in sorted(found, key=lambda f: f[0])]


_VERB_FACTS = frozenset({"date", "effective", "issuer"})
# Words before a fact's verb that end with the document itself ("专利代理条例是", "《…》", "国发〔2019〕5号").
_NAMES_DOCUMENT = re.compile(r"(条例|修正案|办法|规定|意见|通知|要点|安排|方案|解释|法|决定|规则|细则|预案|批复|通报|复函|答复|纲要|指引|报告|"
                             r"规划|文件|号文|》|号|[那这该本此哪][个份部项一]份?|它)(?:[（(]?[一二三四五六七八九十]{1,3}[)）]?)?"
                             r"(是|由|在|于|的)?\s*$")  # (「修正案九」「解释（二）」: the ordinal ends the name)
# Acts whose date is not the document's (「送达日期」「开庭日期」), said right before 日期.
_OTHER_ACT = re.compile(r"(送达|到达|开庭|收到|受理|立案|申请|缴纳|登记|起算|截止|届满|完成|审批|办结|出生|入学|报名)的?$")


# The words that make a bare 「日期」 the document's own: 「成文日期」「落款日期」「文件的日期」「具体日期」.
_OWN_DATE_WORD = re.compile(r"(?:成文|印发|发文|发布|公布|颁布|落款|签署|签发|施行|生效|实施|出台|下发|转发|通过|修订|修正|文件|通知|"
                            r"具体|准确|确切|的|上|及|和|与|、)$")


# The words that ask when, said before 「开始施行」: 「是从哪天起」「什么时候」.
_WHEN_ASKED = re.compile(r"(?:是|将)?(?:从|自)?(?:什么时候|啥时候|何时|哪天|哪一天|哪年|几月几日|什么时间)?(?:起|开始)?$")
# An edition of the document said in its place: 「修订后的什么时候施行」「新版哪天开始实施」.
_AMENDED_EDITION = re.compile(r"(?:修订|修正|修改)(?:以?后|过)的?(?:版本|版)?|新版本?的?|新的|现行的?|(?:这|那)一?版的?")


# A body that issues or forwards documents, said right before the verb: 「市政府办公厅哪天转发的」 asks the document's date.
_ISSUING_BODY = re.compile(r"(?:政府|办公厅|办公室|国务院|常委会|委员会|[部委局厅办院署])(?:是|在|于)?$")


def _about_document(name: str, match: re.Match[str], question: str) -> bool:
    """Whether a date/施行/issuer wording asks about the document, not about an act it requires.

    "什么时候印发的？" asks the document's date; "各区应在什么时候发布本区…标准？" asks a deadline in it:
    the verb takes an object of its own.
    Example: _about_document("date", re.search("什么时候发布", q), q) is False for q = "什么时候发布本区的公开标准？"
    """
    if re.search(r"(成文|印发|发文|发布|公布|施行|生效|签发)的?(日期|时间)$", match.group(0)):
        return True  # a date named as a noun ("成文日期和印发日期分别是哪天") takes no object
    rest = re.split(r"[，,、；;。？?！!]", question[match.end():], maxsplit=1)[0]
    # (「那实际印发是哪天」: an adverb before the verb names no other thing)
    before = re.sub(r"(?:实际上?|真正|正式|究竟|到底)$", "", re.split(r"[，,、；;。？?！!]", question[:match.start()])[-1])
    if match.group(0) == "日期" and (_OTHER_ACT.search(before) or re.search(r"[\u4e00-\u9fa5]{2}$", before)
                                    and not _OWN_DATE_WORD.search(before)):
        return False  # 「哪天算送达日期」「法院怎么认定开工日期」: a date of another act
    if match.group(0) == "日期" and re.search(r"(?:落款|签署|签发|成文|印发|发文)的?$", before):
        return True  # 「落款日期和实际印发日期分别是哪天」: the document's dates, named as nouns
    if name == "date" and re.search(r"(?:网站|网|官网|网页)上?(?:又|是|又是)*$", before):
        return True  # 「政府网站上又是哪天发布的」: the document's publication on the web
    if name == "date" and re.search(r"(?:要求|规定|计划|安排|明确)(?:在|于)?$", before):
        return False  # 「任务表要求什么时候出台」: a deadline the text sets, not the document's own date
    if name == "date" and not match.group(0).endswith("日期") and len(content_terms(before)) >= 1 and not _NAMES_DOCUMENT.search(before) \
            and re.search(r"[\u4e00-\u9fa5]{2}(?:是|在|于)?$", before) and not re.search(r"^(?:是|在|于)?$", before) \
            and not _ISSUING_BODY.search(before):
        return False  # 「那个技术标准是哪天发布的」: another thing is published, not the document
    if _of_another_thing(name, match.group(0), before):
        return False
    if name == "approval" and match.group(0).startswith("经"):
        # 「…想在县里设一个烟叶收购站，要经哪一级部门批准」: an act the text requires approval for, named before
        # 经; 「汕头消防条例是经哪个机关批准的」 asks the document's own approval
        sentence = re.split(r"[。？?！!]", question[:match.start()])[-1]  # (an earlier question asks its own thing)
        said = re.sub(r"[，,、；;\s]*(?:要|需要|须|必须|应当|应|得|都|还|是|那|又)*$", "", sentence)
        if len(content_terms(said)) >= 2 and not _NAMES_DOCUMENT.search(said):
            return False
    if name in ("issuer", "drafter", "signer"):  # "事故抢险救援进展由谁发布""工作规范由谁制定""荣誉证书由谁签署":
        # the thing made is named before the verb
        if len(content_terms(before)) >= (1 if name == "drafter" else 2) and not _NAMES_DOCUMENT.search(before):
            return False
    return name not in _VERB_FACTS or not content_terms(rest)


def _of_another_thing(name: str, said: str, before: str) -> bool:
    """Whether a basis, 施行 or 批准 wording is said of another thing the words before it name, not the document:
    「经营者定价的基本依据是什么」「登记的事项从什么时候起生效」「建设项目什么时候批准的」."""
    if name == "basis" and re.match(r"(?:依据|根据)是什么", said):
        of = re.sub(r"的?(?:基本|主要|法律|具体)?的?$", "", before)
        return bool(content_terms(of)) and not _NAMES_DOCUMENT.search(of)
    if name == "effective" and not re.search(r"(?:施行|生效)的?(?:日期|时间)$", said):
        # (「新修订的行政处罚法是从哪天起开始施行的」: the asking words and an edition's note, 「（2012年修正）」, set aside)
        of = re.sub(r"[（(][^（）()]{2,20}[)）]", "", re.sub(_WHEN_ASKED, "", before))
        return bool(content_terms(re.sub(_AMENDED_EDITION, "", of))) and not _NAMES_DOCUMENT.search(of) \
            and not _ISSUING_BODY.search(of)
    if name == "approval" and said.endswith("批准的"):
        return bool(content_terms(before)) and not _NAMES_DOCUMENT.search(before)
    return False


def validate_question(question: object) -> str:
    """Return the stripped question, or raise ValueError with a Chinese message."""
    if not isinstance(question, str):
        raise ValueError("问题必须是文本。")
    q = question.strip()
    if not q:
        raise ValueError("问题不能为空，请输入要查询的内容。")
    if len(q) > MAX_QUESTION_CHARS:
        raise ValueError(f"问题太长（{len(q)} 字），请精简到 {MAX_QUESTION_CHARS} 字以内。")
    return q


def detect_intent(question: str) -> str:
    """The kind of answer a question asks for.

    Example: detect_intent("成都市环境保护信息公开的牵头单位是哪个？") == "lead"
    """
    two_sides = len(find_regions(question)) >= 2 or len(set(re.findall(r"(\d{4})\s*年", question))) >= 2
    if two_sides and re.search(r"分别|各自|和|与|跟|同|对比|比较|异同|区别|变化", question) or re.search(
            r"对比|比较|异同|区别", question):
        return "compare"  # 分别 alone ("一共几条？分别讲什么？") means each of the items, not two sides
    tail = re.split(r"[，,]", question.rstrip("？?。！! "))[-1]
    if ASKS_HOW_ARRANGED.search(tail) or ASKS_IF_PROVIDED.search(tail):
        question = tail  # 「…想随时查自家赔了多少…，文件是怎么安排的？」「…，那份安排里有没有相应的办法」: the last words ask
    question = AMOUNTS_NAMED.sub("这些", question)  # 「赔多少钱、估了多少价这些信息怎么公开」 asks no figure
    question = AMOUNT_LOOKED_UP.sub(r"\1这些", question)
    for name, rx in INTENT_PATTERNS:
        if name == "yes_no":
            m = next((y for y in rx.finditer(question) if not REPORTED_ASK.search(question[:y.start()])), None)
        else:
            m = rx.search(question)
        if m and _about_document(name, m, question):
            return name
    return "general"


# Someone else's yes/no told in the story: 「法院来电问我同不同意网上打官司，…多久之内…」 is the court's question;
# the asker's own is what follows. (「请问」「想问一下」「问你」 are the asker's own asking.)
REPORTED_ASK = re.compile(r"(?<![请想要])(?:问|询问|征求)(?:我|他|她|我们|他们|咱们?|对方|家属|当事人|本人)(?:的意见)?"
                          r"[^，,。？?！!]{0,12}$")


# 「怎么才能随时看到各户拿了多少钱」: an amount the asker wants a way to look up, not a figure asked.
AMOUNT_LOOKED_UP = re.compile(r"((?:怎么|如何|怎样|哪里|在哪|通过什么)[^，,。？?]{0,8}?(?:看到|查到|知道|了解|查询|查看|看)"
                              r"[^，,。？?]{0,10}?)(?:多少|几)")


# Amounts in a series closed as a whole (「…多少钱、…多少价这些信息」): the things a question is about.
AMOUNTS_NAMED = re.compile(r"(?:多少|几)[^，,。？?]{0,8}、[^，,。？?]{0,20}?(?:这些|那些|之类|等)")


# A closing ask whether a text provides for what a story wants: 「…，那份安排里有没有相应的办法」.
ASKS_IF_PROVIDED = re.compile(r"(?:有没有|有无|是否有|有)(?:相应|相关|具体|什么)的?(?:办法|措施|规定|安排|要求|举措)(?:吗|呢)?$")


# A closing ask for what a text arranges, after a story of what someone wants (its 多少 is no figure asked).
ASKS_HOW_ARRANGED = re.compile(r"^(?:那|那么)?(?:文件|规定|要点|安排|条例|办法)?(?:里|中|上)?(?:是|对此|对这)?(?:怎么|如何|怎样)"
                                r"(?:安排|规定|要求|处理|说)的?$")


_FOLLOWUP_START = re.compile(r"^(那|那么|还有|另外|再|同样|它|其|该|这个|这份|这项|这条|这一|那份|那个|那项|那一)")
_YEAR = re.compile(r"(\d{4})\s*年(?:度)?")


def is_followup(question: str) -> bool:
    """True for short questions that lean on the previous turn.

    Example: is_followup("那成都呢？") is True; is_followup("2019年上海市政务公开要点的文号是什么？") is False
    """
    q = question.strip()
    if _FOLLOWUP_START.match(q) or re.search(r"呢[？?]?$", q) or len(q) <= 6:
        return True
    # "牵头单位是谁？": nothing but what is asked, no topic, place or year of its own.
    return not content_terms(q) and not find_regions(q) and not _YEAR.search(q)


def last_user_question(history: Sequence[Any] | None) -> str | None:
    """The latest user turn in a chat history ([{"role": "user", "content": ...}, ...] or (user, bot) pairs)."""
    for turn in reversed(list(history or [])):
        if isinstance(turn, dict):
            if turn.get("role") == "user" and str(turn.get("content", "")).strip():
                return str(turn["content"]).strip()
        elif isinstance(turn, (list, tuple)) and turn and turn[0]:
            return str(turn[0]).strip()
    return None


def condense(question: str, history: Sequence[Any] | None) -> str:
    """Rewrite a follow-up as a standalone question using the previous user question.

    Names in the follow-up (regions, years) replace those of the previous question; anything else is
    appended to it.
    Example: condense("那成都呢？", [{"role": "user", "content": "上海的文号是什么？"}]) == "成都的文号是什么？"
    """
    prev = last_user_question(history)
    if not prev or not is_followup(question):
        return question
    from assistant.normalize import normalize_question  # 「19年上海…」: its year as 2019年, to be replaced

    prev = normalize_question(prev)
    new_regions = region_surfaces(question)
    new_years = _YEAR.findall(question)
    base = prev
    if new_regions:
        old = region_surfaces(prev)
        if old:
            base = base.replace(old[0], new_regions[0], 1)
            for extra in old[1:]:
                base = base.replace(extra, "", 1)
        else:
            base = new_regions[0] + base
    if new_years:
        old_years = _YEAR.findall(base)
        if old_years:
            base = base.replace(f"{old_years[0]}年", f"{new_years[0]}年", 1)
        else:
            base = f"{new_years[0]}年" + base
    rest = _strip_followup(question, new_regions, new_years)
    if not rest:
        return base
    asked = _intent_match(base)
    if (renumbered := _ordinal_swapped(rest, base)) is not None:
        return renumbered  # 「那科目二呢？」 after 「科目一要考多少分」: the same question of the next one
    if _intent_match(rest) is None and (swapped := _swapped(rest, base)) is not None:
        return swapped  # 「那要是单位干的呢？」 after 「个人要是拆了…罚多少」: the same question of 单位
    if _intent_match(rest) is not None:
        # A new thing asked about the same topic: "成文日期呢？" after "…要点的文号是什么？".
        topic = base[: asked.start()].rstrip("的") if asked else base.rstrip("？?。")
        return f"{topic}的{rest}" if asked else f"{topic}，{rest}"
    # The same thing asked about a new topic: "那财政信息公开呢？" after "…国企信息公开的牵头部门是哪个？".
    years = _YEAR.findall(base)
    prefix = (f"{years[0]}年" if years else "") + "".join(region_surfaces(base)[:1])
    if not prefix and (title := DOC_TITLE.match(re.sub(r"^(?:按照?|根据|依照|在)", "", base))):
        prefix = f"{title.group(0)}里，"  # 「那对复核结果还是不服呢？」 after 「征收补偿条例里，…」: the same document
    if _CONDITION.match(question):
        return _new_case(rest, prev, prefix)
    if asked is None:
        # 「那死亡赔偿金呢？」 after 「丧葬费是怎么算的」: the new thing, asked as the last one was
        ask = _BARE_ASK.search(base)
        return f"{prefix}{rest}{base[ask.start():]}" if ask else f"{prefix}{rest}"
    at = ask_start(base, asked.start())
    return f"{prefix}{rest}{'' if at < asked.start() else '的'}{base[at:]}"


# Parties a law treats apart: a follow-up naming one asks the last question of it instead of the other.
_PARTIES = ("个人", "单位", "企业", "公民", "法人", "自然人", "其他组织", "经营者", "消费者", "用人单位", "劳动者")
# A stage named by its side of an event: 立案前 / 立案以后, 施行之前 / 施行后.
SIDES = r"(?:以前|之前|前|以后|之后|后)"
_SIDE = re.compile(rf"^([\u4e00-\u9fa5]{{2,6}}?){SIDES}$")


def _new_case(rest: str, prev: str, prefix: str) -> str:
    """A follow-up that puts a new case (「那如果是送给别人呢？」), asked as the last question was when that asked
    whether to do something or what befalls it, else asked what to do."""
    case = re.sub(r'呢?[？?。！!]*$', '', rest)
    pieces = [p for p in re.split(r"[，,；;？?]", prev) if p.strip()]
    titles = list(itertools.takewhile(lambda p: DOC_TITLE.search(f"{p}，") and not _intent_match(p), pieces))
    named, pieces = "".join(f"{p}，" for p in titles), pieces[len(titles):]
    if len(pieces) >= 2 and _intent_match(pieces[0]) is None and all(_intent_match(p) for p in pieces[1:]) \
            and _WHETHER_TO.search(pieces[1]):  # (「…不服呢」 after 「…要多久办完」 asks what to do instead)
        # 「狗死了，登记证要注销吗？多久之内？」 then 「那如果是送给别人呢？」: the new case, asked the same
        return f"{named or prefix}{case}，{'？'.join(pieces[1:])}？"
    if (consequence := _CONSEQUENCE_ASK.search(prev)) is not None:
        # 「那要是收钱替别人去考试呢？」 after 「带小抄会怎么处理」: the new case, asked what befalls it too
        return f"{named or prefix}{case}，{prev[consequence.start():]}"
    # 「那要是对重新作出的行为还是不服呢？」: a new case, asked what follows from it, not the last question's ask
    return f"{prefix}{case}，怎么办？"


_NUMBERED_NAME = re.compile(r"([\u4e00-\u9fa5]{1,4}?)([一二三四五六七八九十]{1,2})(?=[呢？?，,。；的]|$)")


def _ordinal_swapped(rest: str, prev: str) -> str | None:
    """The previous question asked of a name that differs from one of its own only by its number (科目一 -> 科目二,
    第一类 -> 第二类), with what the follow-up goes on to tell after it; else None.

    Example: _ordinal_swapped("科目二呢？我考的是小型汽车", "科目一要考多少分才算合格？") ==
    "科目二要考多少分才算合格？我考的是小型汽车"
    """
    first = re.split(r"(?<=[？?，,。；])", rest.strip(), maxsplit=1)[0]
    told = rest.strip()[len(first):].strip()  # 「我考的是小型汽车」: the case the follow-up goes on to tell
    for m in _NUMBERED_NAME.finditer(first):
        name, number = m.group(1), m.group(2)
        for k in range(len(name)):  # the longest stem the previous question numbers too
            old = re.search(re.escape(name[k:]) + r"([一二三四五六七八九十]{1,2})", prev)
            if old and old.group(1) != number:
                asked = prev.replace(old.group(0), name[k:] + number, 1)
                return f"{asked}{told}" if told else asked
    return None


def _swapped(rest: str, prev: str) -> str | None:
    """The previous question with the case a follow-up names put in place of its counterpart: a party for
    another (个人 -> 单位), a stage for the other side of the same event (立案前 -> 立案以后); else None.

    Example: _swapped("要是单位干的呢？", "条例里，个人要是拆了设施，罚多少？") == "条例里，单位要是拆了设施，罚多少？"
    """
    case = re.sub(r"^(?:那么?|要是|如果|假如|万一|若是?|换成|改成|是)+", "", rest.strip())
    case = re.sub(r"(?:干|做|弄|办|搞|拆|违反)?(?:了)?的?(?:情况|话)?(?:呢|的话)?[？?。！!]*$", "", case)
    if not case or case in prev:
        return None
    if case in _PARTIES:
        other = next((p for p in sorted(_PARTIES, key=len, reverse=True) if p != case and p in prev), None)
        return prev.replace(other, case, 1) if other else None
    if (side := _SIDE.match(case)) and (old := re.search(re.escape(side.group(1)) + SIDES, prev)):
        return prev.replace(old.group(0), case, 1)
    if re.fullmatch(r"[\u4e00-\u9fa5]{2,6}", case):
        # 「那劣药呢？」 after 「生产、销售假药怎么判」: a thing of the same kind (…药) in its counterpart's place
        head = case[-2:] if len(case) >= 4 else case[-1]
        kin = [t for t in content_terms(prev) if t != case and t.endswith(head) and len(t) == len(case)]
        if len(kin) == 1:
            return prev.replace(kin[0], case, 1)
    return None


# What befalls an act, asked: 「会怎么处理」「要怎么罚」「承担什么责任」「有什么后果」.
_CONSEQUENCE_ASK = re.compile(r"(?:会|要|将)?被?(?:怎么|怎样|如何)(?:处理|处罚|处分|罚|判)|(?:承担|负)?(?:什么|哪些)(?:后果|法律责任|责任|处罚)")
# Where a question's ask begins when it matches no intent: 「（丧葬费）是怎么算的」「（假药）怎么判」.
_BARE_ASK = re.compile(r"(?:是|要|会|该|应当|能|可以)?(?:怎么|怎样|如何|咋|谁|哪|什么|多少|几)[^，,。；;]*[？?]?$")


# The words that lead into an ask and belong to it: 「要把」 in 「对象库要把哪些单位放进去」.
_ASK_LEAD = re.compile(r"(?:要|应当|应|需要|得|必须)?(?:把|将|对|向|由|给)$")


def ask_start(question: str, start: int) -> int:
    """Where the ask found at start really begins: before the preposition that leads into it, if one does.

    Example: ask_start("对象库要把哪些单位放进去", 5) == 3
    """
    m = _ASK_LEAD.search(question[:start])
    return m.start() if m else start


# A question whether one must or may do something: the ask a new case can be put to as well.
_WHETHER_TO = re.compile(r"(?:吗|么)\s*$|要不要|需不需要|用不用|是否|能不能|可不可以|得不得")
_CONDITION = re.compile(r"^(?:那|那么)?(?:要是|如果|假如|万一|若是?|倘若)")
# A document a question names by its title, in full or shortened: 《…》, 「征收补偿条例里」「民事诉讼法规定」.
DOC_TITLE = re.compile(r"《[^》]{2,40}》|[\u4e00-\u9fa5]{2,20}?(?:法|条例|规定|办法|解释|决定|细则|意见|规则|通知|复函|批复|"
                       r"答复|方案|要点|安排)(?:[（(][一二三四五六七八九十]{1,3}[)）])?(?=[第规中里的，,对要关是说禁])")


def _intent_match(text: str) -> re.Match[str] | None:
    """The earliest place text says what kind of answer it wants, if it does."""
    found = [m for _name, rx in INTENT_PATTERNS if (m := rx.search(text))]
    return min(found, key=lambda m: m.start()) if found else None


def _strip_followup(question: str, regions: list[str], years: list[str]) -> str:
    """What a follow-up asks beyond new names: "那牵头单位呢？" -> "牵头单位"."""
    rest = _FOLLOWUP_START.sub("", question.strip())
    for r in regions:
        rest = rest.replace(r, "")
    for y in years:
        rest = re.sub(rf"{y}\s*年(度)?", "", rest)
    rest = re.sub(r"(那|这)(条|项|个|一条|一项)", "", rest)  # "安全生产那条": the topic, not a pointer
    rest = re.sub(r"(的)?(呢|吗|么)?[？?。！!]*$", "", rest).strip("，, 的")
    return rest if len(rest) >= 2 else ""
