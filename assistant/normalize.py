"""Question text normalization before matching: traditional characters, full-width forms, Chinese figures."""

from __future__ import annotations

import re
import threading
from typing import Any

from ingest.cleaning import DIGIT_WIDTH

_converter: Any = None
_converter_lock = threading.Lock()
# Full-width digits as documents' text reads them (ingest.cleaning), and full-width letters, % and . too.
_FULLWIDTH = DIGIT_WIDTH | str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)}
                                         | {chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)}
                                         | {"％": "%", "．": "."})


def _t2s(text: str) -> str:
    """Traditional -> simplified Chinese with OpenCC (loaded on first use)."""
    global _converter
    with _converter_lock:
        if _converter is None:
            import opencc  # a compiled dictionary: loaded only when a question is first normalized

            _converter = opencc.OpenCC("t2s")
    return str(_converter.convert(text))


# Spoken forms users type, and the written words documents use for them.
COLLOQUIAL = (
    ("啥时候", "什么时候"), ("多会儿", "什么时候"), ("啥", "什么"), ("咋样", "怎样"), ("咋", "怎么"),
    ("弄完", "完成"), ("搞完", "完成"), ("做完", "完成"), ("干完", "完成"), ("搞定", "完成"), ("弄好", "完成"),
    ("谁管", "谁负责"), ("归谁管", "由谁负责"), ("牵头的是谁", "牵头单位是谁"), ("领头", "牵头"),
    ("好几个", "多个"), ("好几", "多"),
    # paying and not paying, as a rule says it: 「走的时候忘了交钱，一直拖着没管」 is 未缴纳费用, 逾期未补缴
    ("忘了交钱", "未缴纳费用"), ("没交钱", "未缴纳费用"), ("不交钱", "不缴纳费用"), ("交钱", "缴纳费用"),
    ("一直拖着", "逾期"), ("拖着没", "逾期未"), ("拖着不", "逾期不"),  # 「跨好几个省」 says several, it asks no number
    ("有多少个", "有几个"), ("及格", "合格"), ("多少号", "哪天"), ("办完", "办结"),
    ("递申请", "递交申请"), ("递材料", "递交材料"),
    ("谁说了算", "由谁决定"), ("带什么", "提供什么"), ("带哪些", "提供哪些"), ("对不上", "存在错误"),
    ("过了说好的时间", "逾期"), ("说好的时间", "约定的期限"), ("自己在外面租房", "自行安排住处"), ("自己租房", "自行安排住处"),
    ("自己找地方住", "自行安排住处"),  # 「等新房期间自己在外面租房住」: 「过渡期限」 the mover 「自行安排住处」
    ("过了时间", "超过规定期限"), ("过了期限", "超过规定期限"), ("没报", "未报送"),
    ("摄像头", "图像采集设备"), ("监控录像", "视频图像信息"), ("监控视频", "视频图像信息"),
    ("几大块", "几个部分"), ("一大块", "一部分"),
    ("扯皮", "争议"), ("闹矛盾", "发生争议"),  # 「履行起来扯皮了」: a dispute, as a law writes it
    # what a text leaves to another: 「规定里没写到的证据问题按什么处理」 as 「本规定未作规定的，适用…」
    ("没写到的", "未作规定的"), ("没写的", "未作规定的"), ("没规定的", "未作规定的"), ("没提到的", "未作规定的"),
    # a thing not altered, and what may not be let out, as laws write them: 「上链以后没被改过」 is 「上链后未经篡改」,
    # 「经手不能外传的文件」 handles 涉密 ones
    ("没被改过", "未经篡改"), ("没有被改过", "未经篡改"), ("没被篡改", "未经篡改"), ("被人改过", "被篡改"),
    ("不能外传的", "涉密的"), ("不能对外说的", "涉密的"), ("保密的文件", "涉密文件"),
    ("不算进", "不计入"), ("算进", "计入"),  # 「不算进审理期限」: 「不计入审理期限」
    ("交警", "公安机关交通管理部门"), ("车管所", "车辆管理所"), ("电瓶车", "电动自行车"), ("电动车", "电动自行车"),  # as a traffic rule names them
    ("开车打手机", "驾驶机动车拨打、接听手持电话"), ("开车打电话", "驾驶机动车拨打、接听手持电话"),
    ("闯红灯", "违反道路交通信号灯通行"), ("酒驾", "饮酒后驾驶机动车"), ("醉驾", "醉酒后驾驶机动车"),
    ("驾照", "驾驶证"), ("开车", "驾驶机动车"),
    ("不够的部分", "不足部分"), ("不够的", "不足的"),  # 「不够的部分谁补」: 「不足部分可由…予以补贴」
    ("一块儿", "同步"),  # 「跟文件一块儿发」: 「与文件同步发布」
    ("一模一样", "相符"), ("对得上", "相符"),  # 「查下来跟单子上填的一模一样」: 「申报与实际相符」
    ("打招呼", "通知"), ("说一声", "通知"), ("加进来", "参加"), ("加进去", "参加"),
    ("开发商", "建设单位"),  # as a law on housing names them
    ("怎么划线", "是什么标准"), ("咋划线", "是什么标准"),  # 「较大事故怎么划线」: the standard that defines it
    # everyday names of people, places and things, as laws name them
    ("大粪", "粪便"), ("狗绳", "牵引带"), ("遛狗", "携带犬只外出"), ("狗叫", "犬吠"), ("牵狗", "携带犬只"), ("养狗", "养犬"), ("狗狗", "犬只"), ("狗", "犬只"),
    ("地铁", "轨道交通"), ("公交车", "公共汽车"), ("办事大厅", "服务中心"),
    ("商家", "经营者"), ("店家", "经营者"), ("房东", "出租人"), ("租客", "承租人"), ("老人", "老年人"),
    ("出门", "外出"), ("通个气", "事先告知"), ("通气", "告知"), ("吵起来", "发生争议"), ("估价", "评估"), ("罚钱", "罚款"), ("坑人", "欺诈"), ("骗人", "欺诈"), ("放进去", "放入"), ("排进去", "排入"), ("排进", "排入"), ("进去", "进入"), ("放进", "放入"),
    # who pays, as a law says it: 「建设和运行的钱由谁掏」 is 「…经费由…承担」
    ("钱由谁掏", "经费由谁承担"), ("钱由谁出", "经费由谁承担"), ("钱该谁掏", "费用由谁承担"), ("钱该谁出", "费用由谁承担"), ("谁掏钱", "由谁承担经费"), ("谁来出钱", "由谁承担经费"),
    ("谁出钱", "由谁承担经费"), ("谁买单", "由谁承担费用"),
    ("怎么算", "怎么计算"), ("如何算", "如何计算"), ("按什么算", "按什么计算"),  # 「误工费怎么算」: 「…计算」
    # others, money and damage as a law names them: 「冒用别人身份」 is 「冒用他人身份」, 「借钱」 a 借款, 「砸坏」 损毁
    # a single spoken verb for an act a law names in two characters: 「把古树砍了」 is 砍伐
    ("砍了", "砍伐了"), ("砍掉", "砍伐"), ("砍倒", "砍伐"), ("偷了", "盗窃了"), ("偷走", "盗窃"),
    # making public, as a plan says it: 「把账晒一晒」「情况亮出来」 is 公开; money in and out is 收支; experts, funds raised
    ("晒一晒", "公开"), ("晒晒", "公开"), ("晒出来", "公开"), ("亮出来", "公开"), ("亮一亮", "公开"), ("摆出来", "公开"),
    ("钱进来出去的账", "收支情况"), ("进进出出的账", "收支情况"), ("收钱花钱", "收支"), ("进账出账", "收支"),
    ("行家", "专家"), ("内行", "专家"), ("筹钱", "募集资金"), ("募捐", "募集资金"),
    # trees that shed fluff, as rules name them
    ("飘毛毛", "产生飞絮"), ("杨絮", "飞絮"), ("柳絮", "飞絮"), ("飘絮", "飞絮"),
    # crops in the field, money kept, terms left unclear, consent and validity, as a law writes them: 「还没收的庄稼」 (no
    # 没收) is 青苗, 「没写清」 约定不明, 「没经发包方点头」 未经…同意, 「合同算不算数」 是否有效
    ("还没收的庄稼", "青苗"), ("没收割的庄稼", "青苗"), ("地里的庄稼", "青苗"), ("庄稼", "农作物"),
    ("钱存在哪里", "资金储存在哪里"), ("钱存在哪", "资金储存在哪里"), ("存在哪里", "储存在哪里"),
    ("没写清楚", "约定不明"), ("没写清", "约定不明"), ("没说清楚", "约定不明"), ("没说清", "约定不明"), ("没约定", "没有约定"),
    ("没经过", "未经"), ("没经", "未经"), ("点头", "同意"), ("算不算数", "是否有效"), ("不算数", "无效"), ("算数吗", "有效吗"),
    ("别人", "他人"), ("借钱", "借款"), ("砸坏", "损毁"), ("弄坏", "损毁"), ("搞坏", "损毁"), ("砸烂", "损毁"),
    ("到期后", "期限届满后"), ("到期前", "期限届满前"),  # 「合同到期后」: 「合同期限届满后」  # 「得提前多久跟业主打招呼」: 「…前九十日书面通知业主」
)
# Short names people use for what documents write in full: 「年报」 is a 年度报告 (「每年报送」 is no 年报).
_SHORT_NAMES = ((re.compile(r"(?<![每当本上下今明去逐])年报(?![送告])"), "年度报告"), (re.compile("职代会"), "职工代表大会"),
                (re.compile("业委会"), "业主委员会"), (re.compile("(?<![安])安检"), "安全检查"), (re.compile("(?<![中国])消协"), "消费者协会"),
                # 「业委会一届能干几年」: how long a body serves, as a text writes it (「任期为三年到五年」)
                (re.compile(r"(?:一|每)届(?:能|可以)?(?:干|做|当|任)?(?=几|多少|多长|多久)"), "任期"),
                # 「沪2013年」「蓉城」 name places by their one-character names (not 沪府办发, a 文号's prefix)
                (re.compile(r"沪(?![府办发委〔\[])"), "上海"), (re.compile(r"蓉城|(?<![成])蓉(?![城府办发〔\[])"), "成都"))
# 「法院不受理」 as the law writes it: 「不予受理」 (so the denying clause is found by its words).
_SPOKEN_DENIAL = re.compile(r"(?<![予得])不(受理|支持|登记|批准|立案|认定|准许|采纳|退还|赔偿)")
# 「哪些地方绝对不能装」 as a law forbids it: 「禁止」 (not 「能不能」, a yes/no; not a limit, 「不能超过」).
_SPOKEN_BAN = re.compile(r"(?<![能可准许让])(?:绝对|千万|一律|坚决)?(?:不能|不准|不许|不让|不可以|不允许)"
                         r"(?!超过|少于|低于|高于|早于|晚于|多于|大于|小于)(?=[\u4e00-\u9fff])")
# 「条例实施之前就装好的」 as a law writes its coming into force: 「本条例施行前」.
_IN_FORCE = re.compile(r"(条例|法|办法|规定|细则|决定|解释|规则)(?:正式)?(?:实施|生效|施行)(?:之|以)?(前|后)")
# 「一次扣几分」 as a traffic rule writes points: 「记…分」.
_SPOKEN_POINTS = re.compile(r"扣(?=了?(?:几|多少|[0-9一二三四五六七八九十]+)分)")
# 「另外起诉」 as a law writes it: 「另行起诉」 (a separate suit, application or arrangement).
_SPOKEN_SEPARATE = re.compile(r"另外(?=起诉|申请|提起|提出|制定|规定|协商|安排|处理|办理|通知)")
# 「新买的车」 as a law writes it: 「购买」 (not 购买, 收买, 买卖, 竞买, 买受人 already).
_SPOKEN_BUY = re.compile(r"(?<![购收采竞赎])买(?![卖方家受])")
# 「得找哪个部门批」「谁来批」 as a law writes it: 「批准」; 「给批不批的决定」: 「批准或者不批准的决定」.
_SPOKEN_APPROVE = re.compile(r"批不批|(?<=[门关构谁来去])批(?![准复次量发评示])")
# 「在境内搞水文监测」 as a law writes it: 「从事」 (not 搞完, 搞定, 搞坏, 搞好, 搞清, 搞错).
_SPOKEN_DO = re.compile(r"搞(?![完定坏好清懂错砸])(?=[\u4e00-\u9fa5]{2})")
# 「帮出版社卖书」 as a law writes it: 「销售」 (not 买卖, 拍卖, 贩卖, 卖场 or 卖方).
_SPOKEN_SELL = re.compile(r"(?<![买拍贩变义])卖(?![场方家淫])")
# 「拆了地震监测设施」「把广告牌拆掉」 as a law writes it: 「拆除」 (not 拆迁, 拆除 or 拆分 already).
_SPOKEN_DEMOLISH = re.compile(r"(?<![强])拆(?:了|掉)?(?![除迁分解开])")
# 「把他辞了」「被公司辞退」「炒鱿鱼」 as a labour rule writes it: 「解除劳动合同」; 「降他工资」: 「降低工资」.
_SPOKEN_DISMISS = re.compile(r"(?:把(?:他|她|我|人|员工|工人)?)?(?:辞了(?!职)|辞退|开掉|炒了?鱿鱼)")
_SPOKEN_PAY_CUT = re.compile(r"(?:降|减)(?:他|她|我|其)?的?(?=工资|薪水|待遇)")
# 「学校能不能不收」 as a law writes it: 「拒绝接收」 (not 不收费, 不收取).
_SPOKEN_REFUSE = re.compile(r"(?<![不])不(?:肯|愿意?)?收(?![费取入益回购])")
# 「要罚多少钱」 as a law writes the sum: 「罚款」 (not 罚款 or 罚金 already, not 处罚).
_SPOKEN_FINE = re.compile(r"(?<![处惩])罚(?![款金])(?=[^，,。？?]{0,3}(?:多少|几))")
# 「乱罚农民的款、乱没收东西」 as a law writes it: 「非法对农民罚款和没收财物」 (乱 as 非法; 罚…的款 as 对…罚款).
_SPOKEN_UNLAWFUL = re.compile(r"乱(?=罚|没收|收费|收钱|摊派|集资|扣|占)")
_FINED_WHOM = re.compile(r"罚([\u4e00-\u9fa5]{1,6}?)的款")
# 「这钱能比别的欠账先还我吗」 as a law writes it: 「优先…清偿」 (not 首先还要, 事先, 预先).
_SPOKEN_FIRST_PAID = re.compile(r"(?<![首事预原])先(?:还|偿还|付)(?=[我他她钱给]|[？?吗]|$)")
# 「狗天天半夜狂叫」 as a law writes it: 「犬吠」.
_BARKING = re.compile(r"狗([^，,。？?]{0,6}?)(?:乱|狂|大|老是|一直)?叫")
# 「社保晚交了几个月，滞纳金怎么算」: a span or count told in a story before the question asks nothing itself.
_TOLD_FEW = re.compile(r"了几个?(月|天|日|年|周|星期|小时|次|回|遍)(?=[^，,。？?]*[，,][^？?]*[？?])")
# 「印发的日子是哪天」 as a text dates it: 「日期」 (not a span of days, 「这段多出来的日子」「过日子」).
_SPOKEN_DATE = re.compile(r"(?<![段些过])(?<!出来的)(?<!多的)日子")
# 「我在对比两个规定：…」「想请教一下：…」: what the asker says of themselves before the question names no topic.
_PREFACE = re.compile(r"^(?:我|我们|想|请问|请教)[^：:？?。，,“”《》]{0,16}[：:](?=[^：:]{6})")
# 「汛期从哪天起到哪天止」「从什么时候开始到什么时候结束」: a span's two ends asked in words, as a law names them: 「起止日期」.
_WHEN = r"(?:哪天|哪一天|什么时候|何时|几月几[日号]|哪个月)"
_SPAN_ENDS = re.compile(rf"从{_WHEN}(?:开始|起)?(?:到|至){_WHEN}(?:结束|止|为止)?")
# 「经济困难证明去哪儿开」「这个证找谁开」 as a law says who makes out a paper: 「由…出具」.
_PAPER = re.compile(r"证明|证书|证|凭证|单据|发票|收据|介绍信")
_SPOKEN_ISSUE = re.compile(r"(?:要|得|应该|该)?(?:去|到|找|在)(?:哪儿|哪里|哪|谁|哪个部门|哪个单位|哪个机关)(?:去)?开(?:具)?(?=[？?，,。]|$)")
# 「想借去用几个月」「借给朋友」 as a law forbids lending a thing one holds: 「出借」 (not 出借 or 转借 already).
_SPOKEN_LEND = re.compile(r"(?<![出转])借(?=给|去用|过去用)(?:去用|过去用)?")
# 「把水表挪了位置」「挪个地方」 as a law says a thing is moved: 「擅自移动用水计量设施」; 「押在他那儿」 as 「扣押」.
# (not 挪用 or 「挪作他用」, which a law says as they are)
_SPOKEN_MOVE = re.compile(r"挪(?:了|走|动|开)?(?:个|一下)?(?:位置|地方|地儿)|挪(?:走|动|开)")
# 「冲突时听谁的」 as a text says which prevails: 「以本解释为准」.
_SPOKEN_PREVAIL = re.compile(r"(?:该|应该|要)?听(?:谁|哪个|哪一个|哪份)的")
_SPOKEN_SEIZE = re.compile(r"(?<![扣抵质关羁看])押(?=在|着|给|到)")
# 「原来那个旧办法还有效吗」: whether an earlier text is still in force, as a text says it ends one: 「…同时废止」
# (not 「以前的做法还适用吗」, a way of doing things).
_STILL_VALID = re.compile(r"((?:旧|原来|原先|以前|之前|老|过去)[^，,。？?]{0,14}?(?:办法|条例|规定|解释|决定|细则|文件|通知|意见|(?<![做方想说看手])法))"
                          r"(?:现在)?还(?:有效|管用|适用|算数|能用|继续有效)(?:吗|么|不|没有)?")
# 「3月5号」 as a text dates it: 「3月5日」 (not a 文号's 「5号文」 or a 令's 「第5号」).
_SPOKEN_DAY = re.compile(r"(\d{1,2}月\d{1,2})号(?![文令])")
# 「按19年上海那个要点」 names 2019; 「至少保存10年」「判了15年」「满20年」「按20年计算」 are spans of years, not one.
_SHORT_YEAR = re.compile(r"(?<![\d０-９])(\d{2})(?=\s*年(?!代|龄|度?内|底|初|末|前|后|以|计算|算|的(?:时间|期限|有期徒刑)))")
# The words before a figure of years that make it a span: 「保存10年」「判了15年」「近20年」.
_SPAN_BEFORE = ("保存", "保留", "满", "至少", "不少于", "不超过", "超过", "连续", "为期", "长达", "判", "判了", "判处", "关了",
                "坐了", "干了", "工作了", "每", "近", "约", "共", "再", "多", "少", "过")


def normalize_question(text: str) -> str:
    """Simplified characters, half-width digits, written words for spoken ones, 19年 as 2019年.

    Example: normalize_question(" 19年上海那個要點裡，網站啥時候弄完？ ") == "2019年上海那个要点里，网站什么时候完成？"
    """
    out = text.translate(_FULLWIDTH).strip()
    if not re.search(r"[\u4e00-\u9fff]", out):
        return out
    out = _t2s(out)
    out = _BARKING.sub(r"\1犬吠", out)
    for spoken, written in COLLOQUIAL:
        out = out.replace(spoken, written)
    for short, full in _SHORT_NAMES:
        out = short.sub(full, out)
    out = _SPOKEN_DENIAL.sub(r"不予\1", out)
    out = _SPOKEN_BAN.sub("禁止", out)
    out = _IN_FORCE.sub(r"\1施行\2", out)
    out = _SPOKEN_SEPARATE.sub("另行", out)
    out = _SPOKEN_POINTS.sub("记", out)
    out = _SPOKEN_BUY.sub("购买", out)
    out = _SPOKEN_SELL.sub("销售", out)
    out = _SPOKEN_DO.sub("从事", out)
    out = _SPOKEN_APPROVE.sub(lambda m: "批准或者不批准" if m.group(0) == "批不批" else "批准", out)
    out = _SPOKEN_DEMOLISH.sub("拆除", out)
    out = _FINED_WHOM.sub(r"对\1罚款", _SPOKEN_UNLAWFUL.sub("非法", out))
    out = _SPOKEN_FINE.sub("罚款", out)
    out = _SPOKEN_PAY_CUT.sub("降低", _SPOKEN_DISMISS.sub("解除劳动合同", out))
    out = _SPOKEN_REFUSE.sub("拒绝接收", out)
    out = _SPOKEN_FIRST_PAID.sub("优先清偿", out)
    out = _SPOKEN_LEND.sub("出借", out)
    if _PAPER.search(out):
        out = _SPOKEN_ISSUE.sub("由哪个单位出具", out)
    out = _SPOKEN_MOVE.sub("移动", out)
    out = _SPOKEN_SEIZE.sub("扣押", out)
    out = _SPOKEN_PREVAIL.sub("以哪个为准", out)
    out = _SPOKEN_DAY.sub(r"\1日", _STILL_VALID.sub(r"\1是否已废止", out))
    out = _SPAN_ENDS.sub("起止日期", _SPOKEN_DATE.sub("日期", _PREFACE.sub("", out)))
    out = _TOLD_FEW.sub(lambda m: "了多次" if m.group(1) in "次回遍" else "了一段时间", out)
    return _SHORT_YEAR.sub(lambda m: m.group(1) if out[:m.start()].endswith(_SPAN_BEFORE) else
                           ("20" if int(m.group(1)) <= 40 else "19") + m.group(1), out)


_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile(r"[零〇○一二两三四五六七八九十百千万]+")


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral up to the ten-thousands, or None.

    Example: cn_number("三十") == 30; cn_number("一百零五") == 105; cn_number("两千") == 2000
    """
    if not text or not _CN_NUMBER.fullmatch(text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000, "万": 10000}[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)


def arabic_figures(text: str) -> str:
    """Chinese figures written out as digits where they count something, so 五分 and 5分 compare equal.

    Example: arabic_figures("不低于五分，百分之三十") == "不低于5分，30%"
    """
    text = re.sub(r"百分之([零〇○一二两三四五六七八九十百]+)",
                  lambda m: f"{cn_number(m.group(1))}%", text)
    def digits(m: re.Match[str]) -> str:
        value = cn_number(m.group(2))
        return m.group(0) if m.group(1) or value is None else str(value)  # 第二十七条 is a reference, not a figure

    return re.sub(r"(第?)([零〇○一二两三四五六七八九十百千万]+)(?!分之)(?=[个项分次场届家类条处件名份天日年月%元岁周倍级种批张所座位轮套米吨]|人(?!民)|大(?=[\u4e00-\u9fa5])|工作日|小时|公里|千米|分钟|公顷|亩|立方米|平方米)",
                  digits, text)
