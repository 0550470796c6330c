"""Evidence: the clauses of the retrieved sections, scored by meaning (clause vectors) and by the
question's own words, plus the checks that say whether the best of them really answers the question."""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.normalize import arabic_figures, cn_number
from assistant.query import AMOUNTS_NAMED, SIDES, place_names
from ingest.header import FULL_DATE
from ingest.textutil import cn_date_to_iso, said_shortened, year_scopes
from vectorstore.clauses import WHOLE_KINDS, ClauseVector, clauses_of
from vectorstore.scope import in_order
from vectorstore.types import Hit

log = logging.getLogger(__name__)

# Measures written in law texts: areas, lengths, weights, sound levels, floors, households (80平方米, 55分贝).
_MEASURES = r"平方米|平方公里|立方米|千米|公里|米|公顷|亩|吨|千克|公斤|毫克|毫升|克|升|分贝|分钟|秒|层|户|辆|台|套|张|株|人次|‰|％"
NUMBER_RE = re.compile(r"(?<![第\d])(?:\d+(?:\.\d+)?\s*(?:%|" + _MEASURES + r"|个|项|分|次|场|家|大|类|日|天|年|月|条|处|件|人|名|份|万|亿|元|"
                       r"小时|倍|批|期|种|所|座|周岁|岁|级)"
                       r"|(?<![第零一二三四五六七八九十两百千万])[一二三四五六七八九十两百千万]+(?:个|项|次|场|家|大|类|条|处|件|名|份|日|天|种|所|倍|元|"
                       r"周岁|岁|级|工作日|" + _MEASURES + r")|[千万]分之[零〇一二两三四五六七八九十百\d]+|"
                       # a share: 「不得少于听证参加人总数的五分之二」
                       r"(?<![\d一二三四五六七八九十百千万])[一二三四五六七八九十百\d]+分之[一二三四五六七八九十\d]+)")
TIME_RE = re.compile(r"\d{4}年|\d{1,2}月(?:底|份|前|中旬|上旬|下旬|\d{1,2}日)?|[一二三四]季度|上半年|下半年|全年|年内|年底|年前|"
                     # a stage of a case as the time to act by: 「可以在一审开庭前…申请参加诉讼」
                     r"(?:一审|二审|法庭)?(?:开庭|宣判|判决|裁决|辩论终结|起诉|立案)(?:之|以)?前|"
                     r"[\d一二三四五六七八九十百两]+(?:个)?(?:工作日|日|天|月|周|星期|小时)(?:以)?内|长期|持续|每年|每季度|每月|(?<!不)定期|及时|"
                     # a span given as a range (「军事训练为二至三周」)
                     r"[\d一二三四五六七八九十两]+(?:至|到|—|-|～)[\d一二三四五六七八九十两]+个?(?:工作日|日|天|周|星期|月|年|小时)|"
                     # a span ahead of an event (「应当在合同期限届满前九十日书面通知」「提前六十日」)
                     r"(?:提前|前)[\d一二三四五六七八九十百两]+个?(?:工作日|日|天|月|周|星期|小时)|"
                     # a length bounded (「三包有效期不得低于2年」「最长不超过3年」)
                     r"(?:不得低于|不低于|不少于|不超过|不得超过|最长|至少)[\d一二三四五六七八九十百两]+个?(?:年|月|日|天|周|小时|工作日)|"
                     # a span stated as a term: 「强制隔离戒毒的期限为二年」「有效期为五年」「任期三年」
                     r"(?:期限|期间|有效期|任期|为期)(?:一般)?(?:为|是)?[\d一二三四五六七八九十百两]+个?(?:年|月|日|天|周|小时|工作日)")
MONEY_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?元|[一二三四五六七八九十百千万亿]+元")
# A named body in a question: 市委宣传部, 区财政局, 市信访办 (a place prefix, then a body suffix).
# A body's name: 市/区/县/省, a few characters without 的 (「市长信箱的来信办理」 names no body), then an office word.
# 「区里办完以后」 names none: 区里/市里 is the government spoken of, and 办 before 完/理/好 is the doing, no office.
_BODY = r"(?:市(?!场|长|里)|区(?!域|别|长|里)|县(?!长|里)|省(?!长|里))(?:(?!的)[\u4e00-\u9fa5]){1,8}?"\
        r"(?:局|办公室|办公厅|委员会|委|办(?![完理好了结成事])|厅|部|中心|署)"
_BODY_RE = re.compile(rf"(?<![\u4e00-\u9fa5]){_BODY}|(?<=由){_BODY}")

# How much meaning counts against shared words when clauses are ranked. e5 cosines of a question and
# clauses it has nothing to do with sit near 0.78; a clause that says what is asked, 0.86 and up.
SEM_FLOOR = 0.78
SEM_WEIGHT = 4.0


@dataclass(frozen=True)
class Clause:
    """One sentence of a retrieved section with the signals that say how well it answers."""

    hit: Hit
    rank: int  # rank of its hit, 0 = best
    index: int  # sentence number inside the hit's text
    text: str
    lexical: float  # share of the question's topic terms in the clause
    lexical_ctx: float  # the same, counting the section's headings too
    semantic: float  # cosine of question and clause (the hit's own for one-sentence sections)
    score: float

    @property
    def section(self) -> str:
        """The section path the clause sits in."""
        return self.hit.section


_QUOTES = re.compile(r"[“”\"‘’「」『』]")


def coverage(terms: Sequence[str], text: str) -> float:
    """Share of the question's topic terms (weighted by length) found in text.

    Example: coverage(["数据集", "ipv6"], "公共数据集与IPv6") == 1.0; coverage(["三公经费"], "“三公”经费公开") == 1.0;
    coverage(["见习期"], "参加3—12个月的就业见习") == 2 / 3
    """
    if not terms:
        return 1.0
    total = sum(len(t) for t in terms)
    # terms are lower-cased tokens: "IPv6" in a text must match "ipv6"; quotes inside a word do not split it
    # ("“三公”经费" is 三公经费)
    low = with_alternatives(_QUOTES.sub("", text.lower()))
    # a term said without its last character counts for the rest: 见习期 in 「3—12个月的就业见习」, 处分期 in 处分;
    # a figure counts however its digits are written (三家 in 「3家及以上」)
    # a quoted phrase counts said shortened, as people quote a task (「用好12345热线和领导信箱」)
    return sum(_found(t, low) for t in terms) / total


# Alternatives a law writes in brackets after a level: 乡(镇), 县(市、区), 街道(乡镇).
_ALTERNATIVES = re.compile(r"[（(]([\u4e00-\u9fa5、]{1,6})[)）]")


def with_alternatives(text: str) -> str:
    """The text, then again with its bracketed alternatives written in (乡(镇)人民政府 names the 乡镇人民政府).

    Example: with_alternatives("乡(镇)人民政府") == "乡(镇)人民政府 乡镇人民政府"
    """
    if "(" not in text and "（" not in text:
        return text
    flat = _ALTERNATIVES.sub(lambda m: m.group(1).replace("、", ""), text)
    return text if flat == text else f"{text} {flat}"


def _found(term: str, low: str) -> float:
    """How much of one term a text has: all of it (however written: 环保 as 环境保护), all but its last
    character, or none. (Half of a two-word term for one of its words was tried: 「法律责任」 then found 「法律」 in
    any article of a law.)

    Example: _found("环保", "推进环境保护信息公开") == 2; _found("见习期", "参加就业见习") == 2
    """
    if term in low or any(w in low for w in _said_otherwise(term)) or \
            (_CN_DIGIT.search(term) and arabic_figures(term) in arabic_figures(low)) or \
            (len(term) >= 6 and said_shortened(term, low)) or _abbreviated(term, low):
        return len(term)
    if len(term) >= 3 and (term[:-1] in low or _abbreviated(term[:2], low) or _abbreviated(term[-2:], low)):
        return len(term) - 1  # 「接维保」, three single characters joined: 维保 as 维护保养
    return 0


@functools.lru_cache(maxsize=4096)
def _said_otherwise(term: str) -> tuple[str, ...]:
    """The term with a word of it said the other ways a text says it (SAME_SENSE). Cached: coverage asks it for
    every term of every clause it ranks.

    Example: _said_otherwise("绩效考核") == ("绩效评估", "绩效考评", "绩效评议")
    """
    return tuple(term.replace(word, other) for word, others in SAME_SENSE.items() if word in term for other in others)


def _abbreviated(term: str, low: str) -> bool:
    """Whether a two-character term is the short form of a four-character word in the text: its first
    characters (环保 for 环境保护, 社保 for 社会保险).

    Example: _abbreviated("环保", "推进环境保护信息公开") is True; _abbreviated("环保", "环境和保护") is False
    """
    return re.fullmatch(r"[\u4e00-\u9fa5]{2}", term) is not None and \
        re.search(f"{term[0]}[\u4e00-\u9fa5]{term[1]}[\u4e00-\u9fa5]", low) is not None



_CN_DIGIT = re.compile(r"[一二三四五六七八九十百两]")
# Words a law writes in more than one way: what a question says as 禁止 a text may say as 「不得有下列行为」.
SAME_SENSE = {"禁止": ("不得", "严禁"), "年龄": ("周岁", "年满"),  # 「年龄要求」 as 「年满十六周岁」
              # to count something in: 「算进绩效考核」 as 「纳入…绩效评估范围」
              "计入": ("纳入", "列入"), "纳入": ("计入", "列入"), "列入": ("纳入", "计入"),
              # the ways to do something: 「举报有哪些渠道」 as 「通过下列方式…举报」
              "渠道": ("途径", "方式"), "途径": ("渠道", "方式"),
              # to assess work: 「绩效考核」 as 「绩效评估」
              "考核": ("评估", "考评", "评议"),
              # a bound asked in everyday words: 「最少多长」 as 「不得低于2年」, 「最多拖多久」 as 「最长不超过3年」
              "最少": ("不得低于", "不低于", "不少于", "至少"), "最多": ("不得超过", "不超过", "最长", "至多"),
              "最短": ("不得少于", "不少于", "至少", "不得低于"),  # 「最短得留多长时间」 as 「期限不得少于30日」
              # to object to a decision: 「对认定书不服」 as 「对…认定有异议的」
              "不服": ("有异议", "异议"),
              # a home in everyday words: 「征收…的房子」 as 「征收房屋」
              "房子": ("房屋", "住房", "住宅"),
              # people, things and acts in everyday words, as laws name them
              "老板": ("用人单位", "经营者", "雇主"), "员工": ("职工", "劳动者"), "工人": ("职工", "劳动者"),
              "打工": ("务工", "劳动者"), "孩子": ("未成年人", "子女", "儿童"), "小孩": ("未成年人", "儿童"),
              "病人": ("患者",), "医生": ("医师", "医务人员"), "司机": ("驾驶人", "驾驶员"),
              "老百姓": ("公民", "群众", "公众"), "市民": ("公民", "公众", "居民"), "卖家": ("经营者", "销售者"),
              "买家": ("消费者", "买受人"), "厂家": ("生产者", "生产企业"), "上访": ("信访",), "打官司": ("诉讼", "起诉"),
              "赔钱": ("赔偿",), "退钱": ("退还", "退款"), "过期": ("逾期", "届满"), "超时": ("逾期", "超过"),
              "网上": ("网络", "互联网", "网站"), "手机": ("移动电话", "手持电话"), "加班费": ("加班工资",),
              "大学生": ("高等学校学生", "高校学生"), "分公司": ("分支机构",), "公司": ("企业", "单位", "经营者"), "外资": ("外商投资",), "国企": ("国有企业",),
              "民企": ("民营企业",), "电表": ("计量装置", "电能表"),
              # crossing the border, as one law or another writes it: 「入境前多少天报检」 as 「进境前30日报检」
              "入境": ("进境",), "进境": ("入境",), "出境": ("出口",),
              # kin, as a law names them: 「让他亲弟弟在家里吸」 is a 近亲属
              "弟弟": ("近亲属",), "哥哥": ("近亲属",), "姐姐": ("近亲属",), "妹妹": ("近亲属",), "兄弟": ("近亲属",),
              "亲弟弟": ("近亲属",), "亲哥哥": ("近亲属",), "亲姐姐": ("近亲属",), "亲妹妹": ("近亲属",),
              # a small shop, as one rule or another names it
              "个体户": ("个体工商户", "个体经营户"), "小卖部": ("个体工商户", "个体经营户"), "夫妻店": ("个体工商户", "个体经营户"),
              # relatives beyond the close kin a law names, and the police: 「表叔来我家住」 as 「住在亲友家的」,
              # 「去警察那边报备」 as 「到住地公安派出所…办理暂住登记」
              "亲戚": ("亲友", "亲属"), "表叔": ("亲友", "亲属"), "表哥": ("亲友", "亲属"), "表姐": ("亲友", "亲属"),
              "舅舅": ("亲友", "亲属"), "叔叔": ("亲友", "亲属"), "姑姑": ("亲友", "亲属"),
              "警察": ("公安", "派出所", "人民警察"), "报备": ("登记", "备案", "报告"),
              # two texts that say different things: 「和以前的解释冲突时」 as 「与本解释不一致的」
              "冲突": ("不一致", "抵触"), "打架": ("不一致", "抵触"),
              # charity and the groups that do it, in everyday words: 「做善事的民间团体」 as 「公益慈善类社会团体」
              "善事": ("公益", "慈善"), "民间团体": ("社会团体", "社会组织"),
              # asking to see a document and being answered: 「让政府把文件给我看看…该由哪个机关给我回话」 as 「对申请公开
              # …的，由…负责答复」; a text the party and the government issue together: 党政
              "看看": ("公开", "查阅"), "回话": ("答复",), "党委": ("党政",),
              # to keep something in one's care, and to do it without leave: 「让我自己看管」 as 「指定被保全人保管的」,
              # 「私自把水表挪了位置」 as 「擅自移动用水计量设施」
              "看管": ("保管",), "私自": ("擅自",), "偷偷": ("擅自",),
              # a meter by its everyday name: 「水表」 as 「用水计量设施」
              "水表": ("用水计量设施", "计量设施"), "燃气表": ("计量设施", "计量装置"),
              "父母": ("近亲属",), "儿子": ("近亲属", "子女"), "女儿": ("近亲属", "子女"),
              # damage, as one law or another writes it
              "损毁": ("损坏", "毁坏", "毁损", "破坏"), "损坏": ("损毁", "毁坏", "毁损"),
              # acts and things in everyday words: 「占着盲道停车」 as 「停放机动车占用无障碍设施」
              "路灯": ("道路照明", "照明设施"),
              "停车": ("停放",), "占着": ("占用",), "马路": ("道路",), "路边": ("道路",), "路侧": ("道路",), "上学": ("入学", "就学", "学校"), "接着": ("继续",),
              "欠账": ("债务", "债权"), "欠款": ("债务", "债权"),
              # public services by what people do there: 「看病、上学、坐车、用水用电」 as 「医院、学校、公交、供水、供电」
              "看病": ("医院", "就医", "医疗"), "坐车": ("公交", "乘车", "公共交通"), "用水": ("供水",), "用电": ("供电",),
              "燃气": ("供气",), "用气": ("供气",),
              # the 三公 spending in everyday words: 「出国、用车、招待吃饭花的钱」 as 「“三公”经费」
              "出国": ("因公出国", "三公"), "用车": ("公务用车", "公车", "三公"), "招待": ("公务接待", "三公"),
              "吃饭": ("公务接待", "接待", "三公"), "镇里": ("乡镇",), "县里": ("区县", "县级"), "市里": ("市级", "市、"),
              # a business by its everyday name: 「印刷厂」 as 「印刷企业」, 「出版社」 as 「出版单位」
              "厂": ("企业",), "出版社": ("出版单位",), "书": ("出版物", "图书"),
              # sending by post in everyday words: 「走快递寄给亲戚」 as 「邮寄」「寄递」
              "快递": ("邮寄", "寄递"), "寄给": ("邮寄", "寄递"),
              # money used for another purpose: 「能不能挪作他用」 answered by 「经费应当专款专用」
              "挪作他用": ("专款专用", "挪用"), "挪用": ("专款专用", "挪作他用"),
              # who may do what, where, in everyday words: 「外国机构在咱们境内搞…要审批」 as 「外国组织…在中华人民共和国
              # 领域内从事…应当经…批准」
              "审批": ("批准", "审核"), "境内": ("领域内",), "机构": ("组织",),
              # who answers for what a company did, in everyday words: 「拍板管事的人和具体经手的人」 as 「直接负责的主管
              # 人员和其他直接责任人员」 (「担责」 as 责任 was tried: every article on liability says 责任)
              "拍板": ("主管人员", "直接负责"), "管事": ("主管人员", "直接负责"), "经手": ("直接责任人员", "经办"),
              # how far ahead, as a law counts it: 「提前几天递申请」 as 「在举行日期的五日前…递交…申请」
              "提前": ("日前", "以前"),
              # what a plan aims at, in everyday words: 「做到…全部对外亮出来」 as 「实现…全面公开」
              "亮出来": ("公开",), "对外": ("公开",), "全部": ("全面",), "做到": ("实现", "达到"),
              # money raised and a home taken, in everyday words: 「接受捐款的民间组织」 as 「公益慈善类社会团体…募集资金」,
              # 「动迁…多少户签字了」 as 「征收…签约动态」
              "捐款": ("募集资金", "捐赠"), "民间组织": ("社会组织", "社会团体"), "交代": ("公开", "说明"),
              "动迁": ("征收", "拆迁"), "拆迁": ("征收",), "签字": ("签约", "签署"),
              # a car's or a home's papers in everyday words: 「过户得在多少天内办」 as 「…转让登记」
              "过户": ("转让登记", "转移登记", "变更登记"), "辞职": ("离职", "离岗"), "跳槽": ("离职", "离岗"), "交管": ("公安机关交通管理", "交通管理")}


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two vectors.

    Example: cosine([1, 0], [1, 0]) == 1.0
    """
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0


_UNIT_RE = re.compile(r"(?:几|多少)(个|项|类|家|次|场|轮|大|日|天|分|名|条|处|件|人|份|种|批|年|倍|级|周|小时|公里|"
                      # measures: 「奖售多少斤粮食」 is answered by a figure in 斤, not by any figure
                      r"毫克|毫升|公斤|千克|斤|吨|亩|公顷|平方米|平方公里|米|担|升|万元|亿元|"
                      # a currency: 「能带多少美元现钞」 is answered by a sum in 美元, not by a share (20%)
                      r"万?美元|欧元|港元|港币|日元|英镑)?([\u4e00-\u9fa5]{0,3})")
# 「扣多少绩效考核分」: the counter closes the question after a few words of its own.
_LATE_UNIT_RE = re.compile(r"(?:几|多少)[\u4e00-\u9fa5]{2,5}?(分|元|倍|岁|人次)(?=[？?，,。！!]|$)")


# People a question counts with 个: 「几个人」「几个代表」「几个外国专家」.
_PERSONS = re.compile(r"[\u4e00-\u9fa5]{0,5}?(?:人(?!民)|员|代表|专家|同志|干部|职工|院士|教授|学生|律师|法官)")


def asked_unit(question: str) -> tuple[str, str]:
    """The counter and noun a quantity question asks about.

    Example: asked_unit("涉及几个分领域？") == ("个", "分领域")
    """
    m = _UNIT_RE.search(question)
    if m and not m.group(1) and (late := _LATE_UNIT_RE.search(question)):
        return late.group(1), ""
    if m and m.group(1) == "个" and (span := re.match(r"(?:工作)?(日|天|月|小时|周)", m.group(2) or "")):
        return span.group(1), ""  # "几个工作日内": days, not a count of things (「5大类」)
    if _ASKS_SHARE.search(question):
        return "%", ""  # 「占国民生产总值的百分之几」: a share (15%, 百分之四, 三分之一, 三成), not any figure
    if _ASKS_MONEY.search(question) and not (m and m.group(1)) and not re.search(r"罚", question):
        return "元", ""  # 「保证金要交多少钱」: a sum in 元 (80万元), not any figure (a fine asked keeps its own checks)
    if m and m.group(1) == "个" and _PERSONS.match(question[m.end(1):]):
        return "人", ""  # "来几个人""几个外国专家": people are counted in 人, 名 or 位 (「不得超过五人」「5名外国专家」)
    return (m.group(1) or "", m.group(2) or "") if m else ("", "")


# A share asked: 「百分之几」「占比多少」「多大比例」「几成」.
_ASKS_SHARE = re.compile(r"百分之(?:几|多少)|百分比|(?:占比|比例|比重)(?:是|为|有|要|大概|大约)*(?:多少|几|多大)|多大(?:的)?(?:比例|比重)|"
                         r"几成(?![为立])")
_ASKS_MONEY = re.compile(r"多少钱|几块钱|多少块|多少费用|交多少|缴多少|赔多少|补多少")
# People counted: 「5人」「5名」「3位」, or 「50个以上的成员」 with the person after the 个.
_PEOPLE = r"(?:[名人位]|个(?=[^，。；]{0,8}?(?:人(?!民)|员|代表|专家|委员|同志|干部|院士|教授)))"
# 个 counts anything: 「多少份数据包」「几家医院」 are answered by 「4000个」「3个」 as well as by their own counters.
_SAME_COUNTER = {"天": "(?:个)?(?:工作)?[天日]", "日": "(?:个)?(?:工作)?[天日]", "个": "[个项大]", "项": "[项个]",
                 **{c: f"[{c}个]" for c in "份家件所种类处批"},
                 "月": "(?:个)?月", "小时": "(?:个)?小时", "周": "(?:个)?(?:周|星期)",
                 "分": "(?:分(?![之钟别类级管工解])|[%％])",  # 「占多少分」 of a score given as a weight: 「分值权重不低于4%」
                 "名": _PEOPLE, "人": _PEOPLE, "岁": "周?岁", "周岁": "周?岁", "元": "(?:[千万亿]|百万|千万)?元"}


def states_figure(sentence: str, counter: str = "", bare: bool = False, asked: str = "") -> bool:
    """Whether a clause gives a figure, in the counter asked for when there is one (天 and 日 alike); asked: the
    question, whose words the counted thing after the figure must share (「11个城市」 answers no 「多少个药品品种」).

    Example: states_figure("印发后30日内公开", "天") is True; states_figure("公布一批项目目录", "项") is False;
    states_figure("选择北京等11个城市，从仿制药中遴选", "个", asked="选了多少个药品品种？") is False
    """
    text = arabic_figures(sentence)
    if bare and re.search(r"\d{3,}", text):
        return True  # a number asked for as such: 热线号码 12345
    people = counter in ("人", "名", "位") or not counter and asked and _PERSONS.match(asked_unit(asked)[1])
    if people and _SHARE.search(text):
        return True  # 「要多少人提议」「多少会员」: 「经三分之一以上…委员提议」, a share of a body's members
    if counter == "%":
        return bool(_SHARE.search(text) or re.search(r"[一二三四五六七八九\d]成(?![为立员本果熟])", sentence))
    if counter:
        unit = _SAME_COUNTER.get(counter, re.escape(counter))
        # "几年有期徒刑" asks a span of years: a calendar year (2024年) does not state one
        lead = r"(?<!\d)\d{1,3}" if counter == "年" else r"\d+(?:\.\d+)?"
        found = list(re.finditer(rf"{lead}\s*{unit}", text))
        if asked and re.fullmatch(r"[个项家名类种所件批条位户座支台次场轮]", counter):  # a count of things or events, not a span
            reach = 6 if counter in "次场轮" else 30  # 「一次联系会议」: the event counted is named right after
            noun = asked_unit(asked)[1][:2]  # 「听几次汇报」: 「一次政务公开工作汇报」 names it a few words on
            return any(_counts_asked(text[m.end():], asked, reach) or (len(noun) == 2 and noun in text[m.end():m.end() + 12])
                       for m in found)
        return bool(found)
    return bool(figures(sentence))


# A share of a group of people: 「三分之一以上」「百分之二十以上」「过半数」「20%以上」.
_SHARE = re.compile(r"(?:[\d一二三四五六七八九十]+分之[\d一二三四五六七八九十]+|\d+(?:\.\d+)?\s*[%％]|过半数|半数)(?:以上|以下)?")


def _counts_asked(after: str, asked: str, reach: int = 30) -> bool:
    """Whether what follows a figure counts the thing asked: nothing (「达到4000个。」 counts what came before), or
    words the question shares (「10个左右有条件的城市」 for 「选多少个城市」)."""
    segment = re.split(r"[，,。；;：:？?！!]", after, maxsplit=1)[0][:reach]
    # 「一次销售卷烟、雪茄烟50条以上的」: a bound on the figure (以上, 以下, 左右) counts what came before it too
    segment = re.sub(r"^(?:及|或者?)?(?:以上|以下|以内|左右|上下|之内|多|余)(?:的)?", "", segment)
    if re.match(r"(?:此|该|这|上述|前述)", segment):
        return True  # 「至少召开一次此类会议」: what is counted was named before
    words = {segment[i:i + 2] for i in range(len(segment) - 1)}
    return not re.match(r"[\u4e00-\u9fa5]{2}", segment) or any(w in asked for w in words)


# A clause that introduces the cases listed under it: 「具有下列情形之一的，应当认定为“情节特别严重”：」.
LISTS_CASES = re.compile(r"下列[^。；：:]{0,60}[：:]")
CASE_LINE = re.compile(r"^[“\"]?[（(][一二三四五六七八九十]{1,3}[)）]")  # 「“（一）…」 in an amended text quoted


# What a list's line says its items count as: 「应当认定为“后果特别严重”：」.
_COUNTED_AS = re.compile(r"“([^”]{2,20})”")


def lead_line(text: str, sentence: str) -> str | None:
    """The line of a chunk's text that introduces the list a case item (（二）…) belongs to: 「…同时具有下列情形之一
    的人员，可以适用继续盘问…：」; None when the sentence is no item under such a line.

    Example: lead_line("下列情形应当认定为“后果特别严重”：\n（一）甲；\n（二）乙。", "（二）乙。") ==
    "下列情形应当认定为“后果特别严重”："
    """
    lines = [line.strip() for line in text.split("\n")]
    at = next((i for i, line in enumerate(lines) if sentence in line), None)
    while at is not None and at > 0:
        at -= 1
        if LISTS_CASES.search(lines[at]) or lines[at].endswith(("：", ":")):
            return lines[at]
        if not CASE_LINE.match(lines[at]):
            return None
    return None


def form_bonus(intent: str, sentence: str, unit: tuple[str, str]) -> float:
    """How much a clause looks like the kind of answer asked for (a figure, a time, a unit, a list)."""
    bonus = 0.0
    if intent == "quantity" and NUMBER_RE.search(arabic_figures(sentence)):  # 「五至九人」 is a count as 5至9人 is
        bonus += 0.35
        counter, noun = unit
        if counter and re.search(rf"[\d一二三四五六七八九十两]+{counter}", sentence):
            bonus += 0.2
        if len(noun) >= 2 and noun[:2] in sentence:
            bonus += 0.1
    elif intent == "deadline" and TIME_RE.search(sentence):
        bonus += 0.35
    elif intent == "lead" and re.search(r"牵头|负责", sentence):
        bonus += 0.25
    elif intent == "list" and sentence.count("、") >= 2:
        bonus += 0.15
    return bonus


def year_bonus(asked_years: set[str], scope: str, scoped: set[str]) -> float:
    """Favour a clause under the year the question names over one under another year, when some retrieved
    paragraph does speak under the asked year (scoped: every year a paragraph of the hits opens with)."""
    if not asked_years or not scope or not asked_years & scoped:
        return 0.0
    return 0.3 if scope in asked_years else -0.3


_ASKED_YEAR = re.compile(r"(\d{4})\s*年")


# A question asking what counts as something, and the clauses that say it: 「…是什么标准」 / 「应当认定为…」.
_ASKS_DEFINITION = re.compile(r"(?<![按照依以])什么标准|啥标准|怎么认定|如何认定|怎样认定|怎么算|怎样算|算不算|是指什么|指的是什么|什么意思|什么情况下算|"
                              # 「“旧城”范围是怎么划的」: the extent a term covers, as a definition gives it
                              r"范围(?:是)?(?:怎么|如何|怎样)(?:划|界定|确定)")
_DEFINES = re.compile(r"认定为|是指|视为|所称")
DEFINITION_BONUS = 0.3
# A clause that sanctions a breach, and a question that asks about one.
PUNISHES = re.compile(r"违反本(?:条例|办法|规定|法|细则|解释|决定)|罚款|罚金|拘留|吊销|没收|给予[^。；]{0,6}处分|[处予]警告|"
                      r"追究[^。；]{0,8}责任|责令[^。；]{0,12}(?:停|改正)")
ASKS_SANCTION = re.compile(r"罚|处分|警告|吊销|没收|拘留|责任|违反|违法|违规|后果|怎么办|查处|追究|责令|整改|不改|判刑|判处|量刑|坐牢|"
                           r"会(?:被)?(?:怎么|怎样|如何)|(?:怎么|怎样|如何|什么)[\u4e00-\u9fa5]{0,3}处理")
PENALTY_UNASKED = 0.2
# 「条例里说的“城市化地区”具体指哪些地方」「“地方志”包括哪几种」: what a term covers, asked of the term itself; the
# clause that defines it (「本条例所称的城市化地区，是指…」「本条例所称地方志，包括…」) is the answer
_ASKS_COVERAGE = re.compile(r"具体(?:是)?指|指(?:的是)?(?:哪些|哪几|什么|啥)|(?:包括|包含)(?:哪些|哪几|什么|啥)|"
                            # 「条例里说的“预防职务犯罪”，主要防的是哪几类犯罪」: what a term the text uses covers
                            r"(?:说|讲|提|称)的[“\"][\u4e00-\u9fa5]{2,20}[”\"][，,]?[^？?。，,]{0,10}(?:哪些|哪几|什么|啥)")
# (and a list that says what counts as a quoted term: 「下列物质应当认定为刑法…规定的“有毒物质”：」)
_DEFINED_TERM = re.compile(r"所称(?:的)?[“\"]?([\u4e00-\u9fa5]{2,20}?)[”\"]?(?:[，,]|是指|包括|分为|是)|"
                           # (「前款规定的条约和重要协定是指：」: the term the paragraph before named)
                           r"^(?![^，。]*所称)(?:(?:前款|本款|上款|本条|上述)(?:规定|所列|所述)?的)?[“\"]?([\u4e00-\u9fa5]{2,20}?)[”\"]?是指|"
                           r"^(?:下列|以下)[^，。；]{0,12}(?:认定为|视为|属于)[^“”，。；]{0,24}[“\"]([\u4e00-\u9fa5]{2,20})[”\"][:：]")


def asks_meaning(question: str) -> bool:
    """Whether a question asks what a term means or covers (「是指什么」「具体指哪些」「包括哪几种」)."""
    return bool(_ASKS_DEFINITION.search(question) or _ASKS_COVERAGE.search(question))


def defines_asked(question: str, sentence: str) -> bool:
    """Whether sentence defines a term the question asks the meaning or the extent of.

    Example: defines_asked("说的“地方志”包括哪几种", "本条例所称地方志，包括地方志书、地方综合年鉴。") is True
    """
    if _ASKS_DEFINITION.search(question):
        return _DEFINES.search(sentence) is not None
    m = _DEFINED_TERM.search(sentence) if _ASKS_COVERAGE.search(question) else None
    return m is not None and next(g for g in m.groups() if g) in question


# 「什么时候撤销」: an event whose time is asked must be the evidence's event (its words or their kin).
_EVENT_WORDS = {"撤销": "撤销|撤除|撤并|解散|取消|终止|停止", "解散": "撤销|解散|终止", "取消": "取消|撤销|停止|废止",
                "终止": "终止|撤销|停止|届满|结束", "成立": "成立|组建|设立|建立", "组建": "成立|组建|设立",
                "启用": "启用|开通|投入使用|运行", "开通": "开通|启用|上线|投入使用", "竣工": "竣工|建成|完工"}
# Where something happened or is held, and the places a text gives.
_ASKS_PLACE = re.compile(r"哪个城市|哪座城市|哪个省|(?:在|于|到)(?:哪里|哪儿|哪|何地|什么地方|哪个地方)(?:召开|开|举行|举办|开会|迁|搬|建)|"
                         r"(?:召开|举行|举办|开会)的?(?:地点|地方)|地点在哪|迁(?:到|至|往)(?:哪|何处)")
_PLACE = re.compile(r"[\u4e00-\u9fa5]{2,8}(?:省|市|县|区|镇|乡|村|州|街道|路|大厦|宾馆|饭店|会议中心|广场)|北京|上海|天津|重庆|香港|澳门|"
                    r"地点|场所|会场|在京")
# Words with a place word in them that name no place: 「各省、自治区、直辖市」, 城市, 地区, 市场, 市级.
_NO_PLACE = re.compile(r"(?:各|本|全|该|有关)(?:省|市|县|区)(?:[（(][^）)]{0,12}[)）])?|直辖市|自治区|城市|都市|超市|地区|社区|园区|小区|"
                       r"城区|辖区|市场|市长|市委|市政|省级|市级|县级|区级")
_ASKS_EVENT = re.compile(r"(?:什么时候|何时|哪天|哪一天|哪年|哪一年|多久)(?:要|会|能|才|就|被|正式)?(" + "|".join(_EVENT_WORDS) + ")")


def _in_title(term: str, title: str) -> bool:
    """Whether a title says the term: as it is, or a four-character one shortened (首都机场 in 首都国际机场).

    Example: _in_title("首都机场", "关于组建首都国际机场协调委员会的批复") is True; _in_title("例会", "关于召开例行会议") is False
    """
    return term in title or len(term) >= 4 and term[:2] in title and in_order(term, title)


# A later 款 that opens on a case of its own (「…的范围涉及两省…以上的，由…」) is the special case of the rule before
# it: a question that names none of the case is asked of the rule.
_SPECIAL_CASE = re.compile(r"^[^，。；：]{2,40}的，")
SPECIAL_CASE = 0.03
# A clause that says a phrase of the question word for word (「开放公共数据集」), beyond a few characters, is
# the more likely one of two that share its words: a little per character.
PHRASE_BONUS = 0.015
PHRASE_MIN = 5
_HAN_RUN = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9]+")


def shared_run(asked: str, text: str, title: str = "", longest: int = 12) -> int:
    """The length of the longest run of characters of asked that text says too (0 below PHRASE_MIN); a run the
    document's title says (「举报危害国家安全行为」 of its 奖励办法) tells its clauses apart no more than its name does.

    Example: shared_run("开放公共数据集截止到什么时候", "力争年内开放公共数据集达到4000个") == 7
    """
    n = 0
    for k in range(PHRASE_MIN, min(longest, len(asked)) + 1):
        if not any(run in text and run not in title for i in range(len(asked) - k + 1) if (run := asked[i:i + k])):
            break
        n = k
    return n


def _special_case(terms: Sequence[str], sentence: str, units: Sequence[str]) -> bool:
    """Whether a clause is a special case (「…以上的，由…」) whose case the question names none of the words of
    (beyond those the article's other clauses share)."""
    m = _SPECIAL_CASE.match(sentence)
    if m is None:
        return False
    rest = "".join(u for u in units if u != sentence)
    return not any(t in m.group(0) and t not in rest for t in terms)


class ClauseRanker:
    """Scores every clause of the top hits; semantic similarity comes from stored clause vectors."""

    def __init__(self, embed_query: Callable[[str], list[float]] | None = None,
                 clause_vectors: Callable[[list[str]], dict[str, list[ClauseVector]]] | None = None,
                 depth: int = 7) -> None:
        # 7: the five best hits and each retriever's own best when the fusion ranked it lower (vectorstore.hybrid)
        self.embed_query = embed_query
        self.clause_vectors = clause_vectors
        self.depth = depth

    def rank(self, question: str, terms: Sequence[str], hits: Sequence[Hit], intent: str) -> list[Clause]:
        """Clauses of hits[:depth], best first."""
        top = list(hits[: self.depth])
        if not top:
            return []
        vectors: dict[str, list[ClauseVector]] = {}
        qvec: list[float] | None = None
        if self.embed_query is not None and self.clause_vectors is not None:
            qvec = self.embed_query(question)
            try:
                vectors = self.clause_vectors([h.chunk_id for h in top])
            except Exception as exc:  # a slow or paused Chroma server: rank by the chunks' own similarity
                log.warning("clause vectors unavailable, ranking by chunk similarity: %s", exc)
        unit = asked_unit(question)
        asked_years = set(_ASKED_YEAR.findall(question))
        asked = "".join(_HAN_RUN.findall(question))
        # a penalty article restates its duty's words (「未按照规定张贴…记录表的，由…责令改正」): it answers a
        # question about the duty only when a sanction is asked
        unpunished = not ASKS_SANCTION.search(question)
        out: list[Clause] = []
        # An appendix row is one task with its lead and deadline: it is quoted whole.
        units_of = [[hit.text] if hit.metadata.get("kind") in WHOLE_KINDS else clauses_of(hit.text) for hit in top]
        scopes_of = [year_scopes(units, str(hit.metadata.get("year_scope", "")))
                     for hit, units in zip(top, units_of, strict=True)]
        scoped = {year for scopes in scopes_of for year in scopes if year}
        # a chunk read from its document, not found by the search, has no similarity of its own: it counts as the
        # middle of the found ones', neither pushed down nor lifted by meaning
        found = sorted(h.dense_score for h in top if h.dense_score > 0)
        unknown = found[len(found) // 2] if found else 0.0
        for rank, (hit, units, scopes) in enumerate(zip(top, units_of, scopes_of, strict=True)):
            heads = str(hit.metadata.get("headings", ""))
            by_text = {cv.text: cv for cv in vectors.get(hit.chunk_id, [])}
            # words of the clause's own title tell its clauses apart no more than its headings do
            title = str(hit.metadata.get("title", ""))
            own = [t for t in terms if not _in_title(t, title)] or list(terms)
            for i, sentence in enumerate(units):
                cv = by_text.get(sentence)
                sem = cosine(qvec, cv.vector) if (qvec is not None and cv is not None) else hit.dense_score or unknown
                said = _complement_unsaid(sentence)
                lex = coverage(own, said)
                # a case item is what its list counts it as: 「（二）…危险废物一百吨以上的」 under 「…应当认定为“后果特别严重”：」
                # (only the quoted name: the rest of the line, 「出租人有权终止租赁契约」, is no word of the item)
                lead = lead_line(hit.text, sentence) if CASE_LINE.match(sentence) else None
                counted_as = " ".join(_COUNTED_AS.findall(lead)) if lead else ""
                ctx = coverage(own, f"{heads} {counted_as} {said}")
                score = (0.5 * ctx + 0.5 * lex + SEM_WEIGHT * max(0.0, sem - SEM_FLOOR)
                         + form_bonus(intent, sentence, unit) + year_bonus(asked_years, scopes[i], scoped)
                         + (DEFINITION_BONUS if defines_asked(question, sentence) else 0.0)
                         - (PENALTY_UNASKED if unpunished and PUNISHES.search(sentence) else 0.0)
                         + PHRASE_BONUS * max(0, shared_run(asked, sentence, title) - PHRASE_MIN + 1)
                         - (SPECIAL_CASE if i and hit.metadata.get("kind") == "article" and _special_case(own, sentence, units)
                            else 0.0)
                         + 0.04 * max(0, 3 - rank))
                out.append(Clause(hit, rank, i, sentence, lex, ctx, sem, score))
        out.sort(key=lambda c: -c.score)
        return out


def _complement_unsaid(sentence: str) -> str:
    """A clause without the thing it names only to set it aside: 「国道以外的其他公路收费权的转让，…报省…备案」 is
    about every road but 国道, and says nothing of 国道's."""
    return _COMPLEMENT.sub("以外的其他", sentence)


_COMPLEMENT = re.compile(r"[\u4e00-\u9fa5]{2,8}?以外的其[他它]")


# ---- answerability ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    """Whether the best clause answers the question; reason says why not (Chinese, for the user)."""

    ok: bool
    reason: str = ""


def figures(text: str) -> set[str]:
    """The figures a text states, Chinese numerals written as digits; a year is a date, not a figure.

    Example: figures("2019年分值不低于四分，达到4000个") == {"4分", "4000个"}
    """
    found = {re.sub(r"\s+", "", m.group(0)) for m in NUMBER_RE.finditer(arabic_figures(text))}
    # A year is a date; "一个"/"一项" is an article, not a figure.
    return {f for f in found if not re.fullmatch(r"\d{4}年|1(个|项|次|件|种|名|家|条|处|户|份|批|所|套)|一(户|层|套|张|台|辆)", f)}


# 「几」 asking an amount, not 「哪几类」「几种」 asking a list of kinds.
_HOW_MANY = r"(?<!哪)几(?![类种项条个方部])"
_MONEY_KIND = re.compile(r"(奖金|奖励|罚款|罚金|罚(?=[^，。？]{0,2}(?:多少|几))|注册资本|注册资金|资本金|补贴|补助|赔偿|补偿|经费|预算|工资|租金|租赁费)[^，。？]{0,4}(?:多少|"
                         + _HOW_MANY + r")|(?:多少|几)[^，。？]{0,4}?(奖金|罚款|罚金|补贴|补助|赔偿|补偿|经费|预算|工资|租金|租赁费)")
_MONEY_STEMS = {"租金": "租金|租赁费|租费", "租赁费": "租金|租赁费|租费", "奖金": "奖", "奖励": "奖", "罚款": "罚", "罚金": "罚", "罚": "罚", "注册资本": "注册资本|注册资金|资本金",
                "注册资金": "注册资本|注册资金|资本金", "资本金": "注册资本|注册资金|资本金", "补贴": "补贴|补助", "补助": "补贴|补助",
                "赔偿": "赔偿", "补偿": "补偿"}


# A post the text gives to a role: 「工会代表担任…委员会主任」「组长由分管副市长担任」.
_POSTS = r"(?:组长|副组长|局长|主任|副主任|书记|负责人|发言人|召集人|主席|委员)"
_ROLE_HOLDER = re.compile(rf"担任[^，。；]{{0,24}}{_POSTS}|{_POSTS}由[^，。；]{{2,24}}(?:担任|兼任)|兼任[^，。；]{{0,24}}{_POSTS}")


def constraint_gaps(question: str, evidence: str, doc_years: Sequence[int] = (), doc_names: str = "",
                    own_date: str = "") -> list[str]:
    """What the question pins down that the evidence does not state: an amount, a year, a body, a place, a time,
    a penalty. doc_names (the document's title and region) count for the bodies and places a question names;
    own_date (the document's date, ISO) gives no time by which something in it is to be done.

    Example: constraint_gaps("2019年数据开放预算是多少？", "开放公共数据集达到4000个", [2019]) == ["金额"]
    """
    gaps = _amount_gaps(question, evidence)
    for y in _ASKED_YEAR.findall(question):
        if int(y) not in doc_years and y not in evidence:
            gaps.append(f"{y}年")
    if re.search(r"罚款|处罚|罚金|处分|追责|问责", question) and not re.search(r"罚|处分|追究|问责|责任", evidence):
        gaps.append("处罚")
    # 「“上海静安”微博」「“档案在线”小程序」 name the thing; a person's name is never quoted so
    thing_named = re.search(r"叫什么|叫啥|名称", question) and re.search(r"“[^”]{2,20}”|《[^》]{2,30}》", evidence) \
        and not re.search(r"(组长|局长|主任|书记|负责人|领导|发言人|市长|区长)[^，。？]{0,3}(叫|名)", question)
    if not thing_named and re.search(
            r"姓名|叫什么名字|负责人是谁|电话号码|联系电话是|邮箱地址|网址是|"
            r"(组长|副组长|局长|主任|书记|负责人|领导|发言人|市长|区长)(?:具体|到底|究竟)?(是谁|叫什么|由谁来?(?:担任|当)|谁来?当|姓什么|是哪一?位|由哪一?位)",
            question) \
            and not re.search(r"\d{6,}|@|www|http|同志", evidence) and not _ROLE_HOLDER.search(evidence):
        gaps.append("具体信息")  # (「主任由谁担任」 of 「…的工会代表担任本单位…委员会主任」: a role answers, no name is asked)
    if re.search(r"(?<![第哪有])几点(?![意要建措内看原做经理考体方条])|什么时刻|几时几分", question) and not re.search(r"\d{1,2}\s*[点时:：]|[一二三四五六七八九十]{1,3}[点时]", evidence):
        gaps.append("具体时刻")  # "每天几点之前发布" where the section says only 每日 (「第几点」「哪几点」「有几点意见」 ask points)
    gaps += _named_gaps(question, f"{doc_names} {evidence}")
    if (event := _ASKS_EVENT.search(question)) and not re.search(_EVENT_WORDS[event.group(1)], evidence):
        gaps.append(event.group(1))  # 「什么时候撤销」 answered by when it was set up
    if _ASKS_PLACE.search(question) and not _PLACE.search(_NO_PLACE.sub("，", evidence)):
        gaps.append("地点")  # 「会商会是在哪个城市开的」 answered by when it met
    gaps += _time_gaps(question, re.sub(r"《[^》]{0,60}》", "", evidence), own_date)  # 《…2013-2015年行动计划》 sets none
    gaps += _period_gaps(question, evidence)
    if re.search(r"百分之|比例|比率|占比|%", question) and not re.search(r"%|％|百分之|比例|分之", evidence):
        gaps.append("比例")
    if (rate := re.search(r"利率|费率|税率|汇率", question)) and not re.search(rf"{rate.group(0)}|%|％|百分之|千分之", evidence):
        gaps.append(rate.group(0))  # 「保证金利息按什么利率算」 answered by a time limit of the same article
    # Figures and grades the question itself names (3岁以下, Ⅲ级) must be the evidence's too.
    stated = {_same_unit(f) for f in figures(evidence)}
    asked = re.sub(r"哪一|多少|几", "", _NO_FIGURE.sub("", question))  # "哪一年" asks for a year, it names none
    if _NARRATIVE.search(question):  # "我被关了十天，每一天按什么标准赔？": the story's figures are no condition
        asked = re.split(r"[，,。；;]", asked.rstrip("？?！! "))[-1]
    figured = arabic_figures(evidence)
    gaps += [f for f in figures(asked) if _same_unit(f) not in stated and re.search(r"(岁|元|%|日|天|月|年|小时|级)$", f)
             and not any(re.search(rf"(?<![\d.]){other}", figured) for other in _in_other_units(f))
             and not (f in _PER_PERIOD and re.search(_PER_PERIOD[f], evidence)) and not _bounded(f, evidence)]
    gaps += [g for g in re.findall(r"[ⅠⅡⅢⅣⅤⅥ]+级", question) if g not in evidence]
    # a level of government the question names (「乡镇一级」) must be the evidence's (「区一级」 of 「全区」 is)
    gaps += [f"{lv}一级" for lv in re.findall(r"(国家|省|市|区|县|乡镇|街道|社区|村)一级", question) if lv not in evidence]
    if only_counted(question, evidence):
        gaps.append("具体名单")  # "具体是哪14个？" where the text says 「14个郊区(市)县」 and lists none
    if only_generic_body(question, evidence):
        gaps.append("具体名称")  # "具体请的是哪家机构？" where the text says 「引进第三方机构」
    return gaps


# Numbers in a question that pin nothing down: a vague one (几十年前, 十几天), the period of a rate asked
# (一天几个小时, 每年多少次), a level of government (区一级).
_NO_FIGURE = re.compile(r"几[十百千万]+|[十百千万]+(?:几|来|多)|数[十百千万]+|[一每](?:天|日|周|星期|月|年)(?=[^，,。？?]{0,3}(?:几|多少))|"
                        r"(?<=[国省市区县乡镇村])一级")


def _time_gaps(question: str, evidence: str, own_date: str = "") -> list[str]:
    """The time a question asks that the evidence does not give: any time, a year, a day or month, a time to do
    something by (the document's own date, its signature, is none)."""
    if re.search(r"算|计算", question) and re.search(r"日期为|为[^，。；]{0,12}日期|之日|日起", evidence):
        return []  # 「哪天算送达日期」「从哪天开始算」: a rule that says which day counts answers it, not a date
    gaps = []
    if _ASKS_WHEN.search(question) and not TIME_RE.search(evidence) and not _MORE_TIME.search(evidence):
        gaps.append("时间")  # "在哪一年前出台？" where the section names no time at all
    elif _ASKS_YEAR.search(question) and not _YEARISH.search(evidence):
        gaps.append("年份")  # "哪一年开通的？" where the section says 及时 or 持续 but names no year
    if not gaps and _ASKS_BY_WHEN.search(question) and not _BY_WHEN.search(arabic_figures(_without_date(evidence, own_date))):
        gaps.append("时限")  # 「承诺哪年之前…」「什么时候编完」 where the text gives no time to do it by (「2000年以来」 is none)
    if re.search(r"哪一?天|哪个月|几月份?|几月几[日号]|几号(之?前|完成|建成|截止)|具体日期|什么日期", question) and not re.search(
            r"\d{1,2}月|[一二三四五六七八九十]{1,2}月|月底|日前|日之前|日起|季度|年底|年内|上半年|下半年|之日", evidence):
        gaps.append("具体日期")  # "在哪一天之前建成？" where the clause gives no date
    return gaps


# 「具体是哪14个」: the members of a group the text may only count.
_ASKS_MEMBERS = re.compile(r"哪(\d+)(个|家|项|类|所|条|种|名)|(\d+)(个|家|项|类|所|条|种|名)(?:[^，,。？?]{0,6}?哪(?:几|些)|"
                           # 「14个郊区（市）县，具体是哪几个？」: the members, asked after a comma
                           r"[^。？?]{0,14}?[，,](?:那)?(?:具体|分别|都)?(?:是|有)?哪(?:几|些)[个家项类所条种名]?(?=[？?。]|$))")
# 「具体请的是哪家机构」: a body's own name, where the text may name only its kind.
_ASKS_BODY_NAME = re.compile(r"哪一?家([\u4e00-\u9fa5]{0,4}?(机构|公司|单位|企业|媒体|网站|平台|医院|银行|律所))")
_GENERIC_BODY = re.compile(r"(?:第三方|有关|相关|专业|社会|中介|其他|各类|各|评估|服务|具备资质的|符合条件的)$")


def members_asked(question: str) -> tuple[str, str] | None:
    """The count and unit of a group whose members a question asks for: 「哪14个」, 「那6项具体是哪几项」.

    Example: members_asked("那6项具体是哪几项？") == ("6", "项"); members_asked("有几项？") is None
    """
    m = _ASKS_MEMBERS.search(arabic_figures(question))
    if not m:
        return None
    return (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))


def only_counted(question: str, evidence: str) -> bool:
    """Whether the question asks which N things they are and the evidence gives only their number.

    Example: only_counted("具体是哪14个？", "每日发布14个郊区(市)县环境空气质量信息") is True;
    only_counted("是哪3个？", "浦东、徐汇、静安等3个区") is False
    """
    asked = members_asked(question)
    if asked is None:
        return False
    number, unit = asked
    text = arabic_figures(evidence)
    counted = list(re.finditer(rf"(?<!\d){number}{unit}", text))
    for c in counted:
        after = re.split(r"[。；;]", text[c.end():], maxsplit=1)[0]
        if re.search(r"、[^，,。；;、]{1,30}$", text[max(0, c.start() - 60):c.start()]) or (
                re.search(r"[：:]|包括|即|分别是|分别为", after[:20]) and "、" in after):
            return False
    return bool(counted)


def only_generic_body(question: str, evidence: str) -> bool:
    """Whether the question asks which body it is and the evidence names the body only by its kind.

    Example: only_generic_body("具体请的是哪家机构？", "积极引进第三方机构对政务公开质量进行评估") is True
    """
    m = _ASKS_BODY_NAME.search(question)
    if not m:
        return False
    kind = m.group(2)
    said = list(re.finditer(kind, evidence))
    if not said:  # 「组织第三方评估」: a third party no name is given for, unless one is entrusted by name
        return "第三方" in evidence and not re.search(
            r"(?:委托|交由|聘请|由)[\u4e00-\u9fa5]{2,16}(?:院|所|会|中心|大学|公司)", evidence)
    return all(_GENERIC_BODY.search(evidence[max(0, s.start() - 6):s.start()]) for s in said)


# 「多少天内交罚款」 asks a time, not a sum: a count or span unit right after 多少/几.
_SPAN_UNIT = r"个?(?:工作日|天|日|月|年|周|小时|次|项|条|人|家)"


def _bounded(figure: str, evidence: str) -> bool:
    """Whether the evidence states a bound in the figure's unit that a case of it falls under: 「13岁」 and
    「不满十四周岁」, 「500元」 and 「二百元以下」.

    Example: _bounded("13岁", "不满十四周岁的未成年人有违法行为的，不予行政处罚") is True
    """
    unit = re.sub(r"^[\d.]+", "", figure)
    if not unit or unit in ("年", "月", "日", "天"):
        return False  # a year or a date is a point, not a case under a bound
    n = r"[\d一二三四五六七八九十百千万两]+"
    u = ("周?" + re.escape(unit)) if unit == "岁" else re.escape(unit)
    if re.search(rf"(?:不满|未满|不足|已满|满|超过|不超过|低于|高于){n}{u}|{n}{u}(?:以上|以下|以内|以外|之间)", evidence):
        return True
    # a range it falls in: 「三级伤残」 and 「一级至四级的」
    value = re.match(r"[\d.]+", figure)
    for lo, hi in re.findall(rf"({n}){u}?(?:至|到)({n}){u}", evidence):
        low, high = (int(x) if x.isdigit() else cn_number(x) for x in (lo, hi))
        if value and low is not None and high is not None and low <= float(value.group(0)) <= high:
            return True
    return False


# A fee named by what it pays for (拖车费, 保管费, 检测费), not by paying it (收费, 缴费, 免费).
_FEE_STOP = "的和与及了个些笔项种类多少交缴收付退免花扣减经话要该各消浪"
_NAMED_FEE = re.compile(rf"([^\W\d_{_FEE_STOP}]{{2}})费(?!用)")


# A fine set as a share of another sum: 「处拍卖成交价百分之三十以下的罚款」「处建设工程造价百分之五以上百分之十以下的罚款」.
# (not a surcharge by the day, 「每日按罚款数额的百分之三加处罚款」: a rate, not the sum a fine comes to)
# (nor a multiple, 「处…一倍以上三倍以下罚款」, which 「几倍」 asks for: a sum asked is not given by one)
_FINE_SHARE = re.compile(r"处[^，。；]{0,12}?(?:百分之[一二三四五六七八九十百零点]+|\d+(?:\.\d+)?\s*[%％])"
                         r"(?:以上|以下)[^，。；]{0,16}?罚(?:款|金)")


def _amount_gaps(question: str, evidence: str) -> list[str]:
    """An amount the question asks that the evidence does not state: a multiple, a sum, a sum of one kind."""
    gaps: list[str] = []
    if AMOUNTS_NAMED.search(question):
        return gaps  # 「赔多少钱、房子估了多少价这些信息要怎么公开」: amounts named as what is published, not asked
    if re.search(r"多少[\u4e00-\u9fa5]{1,6}?费|费用?[^，。？]{0,4}(?:多少|几)", question) and not re.search(r"费", evidence):
        return ["费用"]  # "要交多少登记管理费" answered by a fine: a sum of another kind
    if re.search(r"费[^，。？]{0,8}(?:多少|标准|怎么收|如何收|怎么计算|如何计算)", question):
        # 「拖车费和保管费按什么标准收」 answered by the rule on 道路停车费用: a fee of another thing
        named = [m.group(1) for m in _NAMED_FEE.finditer(question)]
        if named and not any(n in evidence for n in named):
            return [f"{n}费" for n in named]
    if re.search(r"(几|多少)倍", question):  # "骗取金额几倍的罚款": a multiple is asked, not a sum
        if not re.search(r"倍", evidence):
            gaps.append("倍数")
    elif re.search(r"(预算|经费|资金|拨款|投入|费用|补贴|奖励|奖金|罚款|罚金|赔偿|补偿)[^，。？]{0,6}(多少|" + _HOW_MANY + ")(?!" + _SPAN_UNIT + ")|"
                   r"多少(?!" + _SPAN_UNIT + r")[\u4e00-\u9fa5]{0,4}(钱|资金|经费|预算|拨款|奖金|罚款|罚金|赔偿金|补偿金)|多少[\u4e00-\u9fa5]{1,6}?费|"
                   r"金额(是|为|有)?(多少|几)|多少金额|(多少|几)(万|亿)?元", question) and not MONEY_RE.search(evidence) \
            and not (re.search(r"罚", question) and _FINE_SHARE.search(evidence)):
        gaps.append("金额")  # (a fine set as a share of a sum, 「处拍卖成交价百分之三十以下的罚款」, is an amount asked)
    elif money := _MONEY_KIND.search(question):
        # "多少奖金" answered by a fine, 「罚多少钱」 by a sum a body must hold: an amount of another kind is no answer
        kind = money.group(1) or money.group(2)
        if not re.search(_MONEY_STEMS.get(kind, kind), evidence):
            gaps.append(f"{kind}金额")
    return gaps


def _named_gaps(question: str, text: str) -> list[str]:
    """Bodies and districts the question names that the text (the section, the document's title) never does.
    A level written with its alternatives in brackets names each: 「乡(镇)人民政府」 is the 乡镇政府.

    Example: _named_gaps("乡镇政府要提前几天公告？", "乡(镇)人民政府应当在7日前公告") == []
    """
    text = with_alternatives(text)
    gaps = [core for core in _BODY_RE.findall(question)
            if len(core) >= 3 and not _loosely_in(core, text) and not re.search(r"哪|什么|政府", core)
            and not any(_loosely_in(other, text) for other in _said_otherwise(core))]  # 交管部门 as 交通管理部门
    # A district or county the question names (「对锦江区…有什么规定」) that the section never mentions.
    return gaps + [p for p in place_names(question) if re.search(r"[区县]$", p) and p[:-1] not in text
                   and not _area_of(p, text)]


# An area of a place named by a common word (「北京郊区」「杭州城区」), not a district of its own.
_AREA_OF = re.compile(r"(.{2,}?)(?:郊区|城区|市区|辖区|景区|园区|社区|小区|片区)")


def _area_of(place: str, text: str) -> bool:
    """Whether a place the question names is an area of one the text names: 「北京郊区」 of 北京市's 办法."""
    m = _AREA_OF.fullmatch(place)
    return m is not None and m.group(1)[:2] in text


# A named period asked for by its length: the clause must be about that period.
_PERIODS = re.compile(r"保存期限|保管期限|诉讼时效|[\u4e00-\u9fa5]{1,2}期")
# Words ending in 期 that name no period of a thing: a date, a time of life, an overdue or regular act.
_NO_PERIOD = frozenset({"日期", "时期", "定期", "同期", "长期", "短期", "初期", "后期", "近期", "到期", "逾期", "延期", "分期",
                        "预期", "如期", "按期", "星期", "学期", "期间", "周期"})
# Words before a period that say how long, not whose: 「最低保修期」「法定有效期」.
_HOW_LONG = re.compile(r"最|一般|法定|规定|通常|正常|整个|全部")


def _period_gaps(question: str, evidence: str) -> list[str]:
    """A named period the question asks the length of that the evidence does not name, or names of another thing.

    Example: _period_gaps("签注有效期是多长？", "通行证有效期为10年") == ["签注有效期"]
    """
    asked = period_asked(question)
    if asked is None:
        return []
    whose, period = asked
    if period[:-1] not in evidence:  # (见习期 as 「就业见习…」)
        return [period]  # "有效期是几年" answered by 「5年内不得申请」: a span of another thing
    if whose and whose[-2:] not in evidence:
        return [f"{whose}{period}"]  # 「签注有效期」 answered by the 通行证's 有效期
    return []


def period_asked(question: str) -> tuple[str, str] | None:
    """A named period the question asks the length of (有效期, 保修期, 任期), and the word before it that says
    whose period it is ("" when none does), as (whose, period); None when no period is asked.

    Example: period_asked("通行证的多次往返签注有效期是多长？") == ("签注", "有效期");
    period_asked("屋面防水工程的最低保修期是几年？") == ("", "保修期")
    """
    from vectorstore.keyword import _jieba

    tokens = _jieba().lcut(question, HMM=False)
    for i, t in enumerate(tokens):
        if not _PERIODS.fullmatch(t) or t in _NO_PERIOD or t[-2:] in _NO_PERIOD:
            continue
        if not re.match(r"[^，,。？?]{0,4}?(?:几|多少|多长|多久)", "".join(tokens[i + 1:])):
            continue
        before = tokens[i - 1] if i else ""
        whose = before if len(before) >= 2 and re.fullmatch(r"[\u4e00-\u9fa5]+", before) and not _HOW_LONG.search(before) else ""
        return whose, t
    return None


# A story the question tells before it asks (「我被关了十天，…」「那要是过了7天、还在两个月以内，…能咋办」): its figures
# say what happened, they are no condition on the answer.
_NARRATIVE = re.compile(r"^(?:如果|假如|要是)?我|，我(?:被|在|家|们|的|和|买|办|开|住)|^那?(?:要是|如果|假如|万一)[^，,]{0,30}[，,]")


# A stage named by its side of an event: 「立案以后」「施行前」「开庭之前」.
_SIDE_OF = re.compile(rf"([\u4e00-\u9fa5]{{2}})({SIDES})(?![\u4e00-\u9fa5]{{0,1}}(?:多久|几天|多少天|多长))")


def side_gaps(question: str, evidence: str) -> list[str]:
    """The side of an event the question asks about (立案以后) when the evidence speaks only of the other side of
    it (「立案前在线调解期限为三十日」): that is another stage's rule.

    Example: side_gaps("立案以后的调解期限是多久？", "立案前调解期限为三十日") == ["立案后"]
    """
    gaps = []
    for m in _SIDE_OF.finditer(question):
        event, after = m.group(1), m.group(2).endswith("后")
        said = {side for side in ("前", "后") if re.search(rf"{event}(?:以|之)?{side}", evidence)}
        if said == {"前" if after else "后"}:
            gaps.append(f"{event}{'后' if after else '前'}")
    return gaps


def _in_other_units(figure: str) -> list[str]:
    """A length of time told in one unit, as a text may state it in another: 一天 as 24小时, a year as 12个月.

    Example: _in_other_units("1天") == ["24小时"]; _in_other_units("2年") == ["24个月"]; _in_other_units("5元") == []
    """
    m = re.fullmatch(r"(\d+)(天|日|年|周|小时)", figure)
    if not m:
        return []
    n, unit = int(m.group(1)), m.group(2)
    return {"天": [f"{24 * n}小时"], "日": [f"{24 * n}小时"], "年": [f"{12 * n}个月"], "周": [f"{7 * n}日", f"{7 * n}天"],
            "小时": [f"{n // 24}日", f"{n // 24}天"] if n % 24 == 0 else []}[unit]


def _same_unit(figure: str) -> str:
    """A figure with its unit said one way: 7天 as 7日, 70周岁 as 70岁.

    Example: _same_unit("7天") == "7日"; _same_unit("70周岁") == "70岁"
    """
    return re.sub(r"周岁$", "岁", re.sub(r"天$", "日", figure))


def _without_date(text: str, date: str) -> str:
    """The text without a date (ISO) however it is written there: 「二〇〇六年九月七日」 for 2006-09-07.

    Example: _without_date("现答复如下。二〇〇六年九月七日", "2006-09-07") == "现答复如下。"
    """
    return FULL_DATE.sub(lambda m: "" if cn_date_to_iso(m.group(0)) == date else m.group(0), text) if date else text


# A time something is to be done by: 「哪年之前」「什么时候编完」, and the forms a text gives it in.
_ASKS_BY_WHEN = re.compile(r"(?:哪一?年|什么时候|何时|什么时间|啥时候|哪一?天|几月)(?:之前|以前|前|底前)|"
                           r"(?:什么时候|何时|啥时候|哪一?年)[^，,。？?]{0,6}?(?:完成|编完|做完|弄完|建成|建好|出台|到位)")
_BY_WHEN = re.compile(r"(?:到|至|于|在|截至|截止)\s*\d{4}\s*年|\d{4}\s*年[^，。；\d]{0,6}?(?:前|底|内|末)|\d{4}\s*年\d{1,2}月|"
                      r"年底|年内|年前|年末|年初|上半年|下半年|季度|\d{1,2}月(?:底|份|前|中旬|上旬|下旬|\d{1,2}日)|"
                      r"\d+(?:个)?(?:工作)?(?:日|天|月|周|小时)内|时限|期限|长期|持续|定期|每年|每月|每季度|同步")
_ASKS_YEAR = re.compile(r"哪一?年|什么年份|哪个年份|何年")
_YEARISH = re.compile(r"\d{4}\s*年|[〇○零一二三四五六七八九]{4}年|年底|年内|年前|年末|年初|年度|当年|今年|明年|次年|\d+年")
# A point in the calendar asked for: a year, a month, a date, or a time something must be done before.
_ASKS_WHEN = re.compile(r"哪一?年|哪个月|几月份?|哪一?天|(什么时候|何时|什么时间|啥时候)(之前|以前|前)|"
                        r"(最迟|最晚|截至|截止)(到)?(什么时候|何时|哪天|什么时间)")
_MORE_TIME = re.compile(r"年初|年末|月底|日前|之日|当年|今年|明年|次年|同步|时限|期限|\d+(?:个)?(?:工作日|日|天|小时|月|年)")
# 「一年内至少听取几次」 is stated as 「年内」 or 「每年」: a period of one is the period itself.
_PER_PERIOD = {"1年": "年内|每年|全年|年度|年工作日|年休|365天", "1月": "月内|每月", "1天": "每天|每日|当日|当天", "1日": "每天|每日|当日|当天"}


def _loosely_in(name: str, text: str) -> bool:
    """Whether a body's name is in a text, also with a few characters inserted (市级部门: 市级预算部门).

    Example: _loosely_in("市级部门", "各市级预算部门要进一步推动") is True; _loosely_in("市财政局", "市审计局") is False
    """
    if name in text:
        return True
    for cut in range(2, len(name)):  # one insertion of up to 3 characters inside, after the first two
        if re.search(re.escape(name[:cut]) + r"[\u4e00-\u9fa5]{1,3}" + re.escape(name[cut:]), text):
            return True
    return False


def meaningful(question: str) -> bool:
    """False for input with no word in it (emoji, punctuation).

    Example: meaningful("？？？") is False; meaningful("政务公开") is True
    """
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z0-9]", question))


@dataclass(frozen=True)
class Thresholds:
    """Calibrated on the project's own eval set (evals/cases.jsonl), reported on the held-out sets."""

    lexical: float = 0.5  # topic words of the question found in the clause and its headings
    semantic: float = 0.91  # clause cosine that answers even with few shared words
    mixed_lexical: float = 0.15
    mixed_semantic: float = 0.90


def judge(best: Clause, terms: Sequence[str], th: Thresholds = Thresholds()) -> bool:
    """Whether the best clause is about what the question asks, by words or by meaning."""
    if not terms:
        return True
    if best.lexical_ctx >= th.lexical:
        return True
    if best.semantic >= th.semantic:
        return True
    return best.lexical_ctx >= th.mixed_lexical and best.semantic >= th.mixed_semantic
