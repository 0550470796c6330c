"""What kind of document it is, and whose: doc_type from the title, administrative level and region from the issuer."""

from __future__ import annotations

import re

from ingest.regions import find_regions

# Longest first, so 实施细则 wins over 细则 and 暂行办法 is an 办法.
_TYPES = ("实施细则", "细则", "条例", "办法", "规定", "规则", "规范", "准则", "守则", "章程", "意见", "通知", "通报", "要点", "预案", "决定", "方案", "计划",
          "规划", "纲要", "安排", "通告", "公告", "批复", "报告", "决议", "纪要", "指引", "命令", "复函", "答复", "修正案", "函", "令")
_NATIONAL_ISSUER = re.compile(
    r"^(?:国务院|国务院办公厅|全国人民代表大会|全国人民代表大会常务委员会|全国人大常委会|中共中央|中共中央办公厅|中央军事委员会|"
    r"最高人民法院|最高人民检察院|中华人民共和国主席|国家[\u4e00-\u9fa5]{2,20}|"
    # a body of the State Council (国务院证券委员会, 国务院新闻办公室) or a national regulator (中国证券监督管理委员会)
    r"国务院[\u4e00-\u9fa5]{2,20}(?:委员会|办公室|领导小组)|中国(?:证券|银行|保险)[\u4e00-\u9fa5]{0,12}委员会|"
    r"(?:外交|国防|教育|科学技术|工业和信息化|公安|安全|民政|司法|财政|人力资源和社会保障|自然资源|生态环境|"
    r"住房和城乡建设|交通运输|水利|农业农村|商务|文化和旅游|应急管理|退役军人事务)部|"
    r"中国人民银行|审计署|海关总署|国家发展和改革委员会|国家卫生健康委员会|[\u4e00-\u9fa5]{2,12}总局)"
    r"(?:等[\u4e00-\u9fa5]{1,4}部门)?$")
# A 部 with no place in its name is a central ministry, however it was named then (建设部, 铁道部, 卫生部).
_MINISTRY = re.compile(r"^(?!.*[省市县区州])[\u4e00-\u9fa5]{2,10}部$")
# A ministry's 令 (建设部令, 海关总署令): local governments number theirs 政府令
_NATIONAL_NUMBER = re.compile(r"^(?:国务院令|主席令|国家[\u4e00-\u9fa5]{2,20}令|[\u4e00-\u9fa5]{1,12}(?:部|总局|署)令|国发|国办发|国办函|国函|"
                              r"法释|法发|高检发)")
# Whose 文号 it is, by the prefix central bodies number their documents with (the 文号 names its issuer).
_NUMBER_ISSUERS = (("国办发", "国务院办公厅"), ("国办函", "国务院办公厅"), ("国发", "国务院"), ("国函", "国务院"),
                   ("法释", "最高人民法院"), ("法发", "最高人民法院"), ("高检发", "最高人民检察院"),
                   ("劳社部", "劳动和社会保障部"), ("人社部", "人力资源社会保障部"), ("公通字", "公安部"))
# A place named at the start of an issuer: 广西壮族自治区人民政府, 某某省教育厅, 某某市某某区人民政府.
_LOCAL = re.compile(r"^([\u4e00-\u9fa5]{2,12}?(?:自治区|自治州|省|市|自治县|区|县|旗))")


def doc_type_of(title: str) -> str | None:
    """The document type named by the end of its title: 条例, 办法, 意见, …, and 法 for a law (its category,
    category_of, is 法律).

    Example: doc_type_of("个人所得税专项附加扣除暂行办法") == "办法"; doc_type_of("中华人民共和国档案法") == "法"
    """
    t = title.strip("《》 ")
    t = re.sub(r"[（(][^（）()]*[)）]$", "", t)  # "（试行）", "（2019修正）"
    if t.endswith("法") and not t.endswith(("办法", "方法", "做法", "立法", "执法", "司法", "用法")):
        return "法"  # 中华人民共和国档案法, 反分裂国家法: the title's own word
    if t.endswith("解释") and re.search(r"最高人民(?:法院|检察院)", t):
        return "司法解释"  # 最高人民法院…关于…的解释
    return next((k if k != "实施细则" else "细则" for k in _TYPES if t.endswith(k)), None)


_DEPARTMENT_ORDER = re.compile(r"^(?:中华人民共和国)?[\u4e00-\u9fa5]{2,20}?(?:部|委员会|总局|局|署|银行|办公室)令")
_LEGISLATURE = re.compile(r"(?:人民代表大会(?:常务委员会)?|人大常委会)$")
_GOV_MEETING = re.compile(r"人民政府(?:第[0-9一二三四五六七八九十百]+次)?(?:常务|全体)会议(?:审议)?通过")
_RULE_FORMS = ("条例", "规定", "办法", "细则", "规则", "决定")


def category_of(doc_type: str | None, issuer: str | None, doc_number: str | None, national: bool,
                header: str = "") -> str | None:
    """The legal category (效力级别) beside the form word: 法律, 行政法规, 部门规章, 地方性法规, 地方政府规章,
    司法解释; None when the text does not show it (a work plan or a notice is none of these).

    Example: category_of("条例", "国务院", "国务院令第735号", True) == "行政法规";
    category_of("条例", "威海市人民代表大会常务委员会", None, False) == "地方性法规";
    category_of("办法", "北京市人民政府", None, False, "2006年11月17日 北京市人民政府第56次常务会议审议通过")
    == "地方政府规章" (a government adopts its rules at its 常务会议 or 全体会议; header: the lines above the body)
    """
    number = doc_number or ""
    who = issuer or ""
    if doc_type in ("司法解释", "法"):
        kind = "法律" if doc_type == "法" else doc_type
        return kind if doc_type == "司法解释" or not who or "全国人民代表大会" in who or national else None
    if doc_type not in _RULE_FORMS:
        return None
    if national and re.match(r"^全国人民代表大会(?:常务委员会)?$", who):
        return "法律"  # 户口登记条例 (1958): what the NPC Standing Committee adopts is a law, whatever its name
    if re.match(r"^(?:中华人民共和国)?国务院令", number):
        return "行政法规"
    if national and _DEPARTMENT_ORDER.match(number):
        return "部门规章"
    if not national and _LEGISLATURE.search(who.split("、")[0]):
        return "地方性法规"
    if not national and who.endswith("人民政府") and ("令" in number or _GOV_MEETING.search(header)):
        return "地方政府规章"
    return None


def is_national(issuer: str | None, doc_number: str | None, title: str = "") -> bool:
    """True for central bodies (国务院, 全国人大, ministries) and their 令 / 国发 numbers.

    Example: is_national("国家市场监督管理总局", None) is True; is_national("上海市人民政府办公厅", "沪府办发〔2019〕7号") is False
    """
    if issuer and all(_NATIONAL_ISSUER.match(who) or _MINISTRY.match(who) for who in issuer.split("、")):
        return True  # joint issuers (最高人民法院、最高人民检察院) are national when each is
    if doc_number and (_NATIONAL_NUMBER.match(doc_number) or number_issuer(doc_number)):
        return True
    if not issuer and not doc_number and re.search(r"(?:条例|规定|办法|细则|规则|(?<![办方])法)$", title) \
            and not find_regions(title) and not re.search(r"[省县区州旗]|(?<![城都超])市(?![场容政])|自治", title):
        return True  # 「生态保护补偿条例」「公安机关适用继续盘问规定」 alone: a local rule is titled with its place
    return title.startswith("中华人民共和国")


def number_issuer(doc_number: str | None) -> str | None:
    """The central body whose 文号 prefix the number carries, for a text that names its issuer nowhere else.

    Example: number_issuer("劳社部发〔2008〕3号") == "劳动和社会保障部"; number_issuer("沪府办发〔2019〕7号") is None
    """
    return next((who for prefix, who in _NUMBER_ISSUERS if (doc_number or "").startswith(prefix)), None)


_BODY = re.compile(r"^[\u4e00-\u9fa5]{2,24}(?:人民政府|办公厅|办公室|委员会|常务委员会|人民法院|人民检察院|局|厅|部|署|院)$")


def title_issuer(title: str) -> str | None:
    """The body a title names before 关于 when nothing else in the text says who issued it.

    Example: title_issuer("最高人民法院、最高人民检察院关于办理某类案件的解释") == "最高人民法院、最高人民检察院";
    title_issuer("国务院办公厅转发某部关于某事的通知") is None (a forwarding body is read elsewhere)
    """
    prefix = title.split("关于", 1)[0] if "关于" in title else ""
    parts = prefix.split("、") if prefix else []
    ok = parts and not re.search("转发|批转|印发|颁发", prefix) and all(_NATIONAL_ISSUER.match(p) or _BODY.match(p) for p in parts)
    return prefix if ok else None


def local_region(issuer: str | None) -> str | None:
    """The place an issuer's name starts with, for places the gazetteer does not list.

    Example: local_region("广西壮族自治区人民政府") == "广西壮族自治区"; local_region("国务院办公厅") is None
    """
    if not issuer:
        return None
    found = find_regions(issuer)
    if found and issuer.startswith(found[0][:2]):
        return found[0]
    m = _LOCAL.match(issuer)
    return m.group(1) if m and m.group(1) not in ("本市", "全市", "本区", "全区", "各省", "各市") else None


_ORG_TAIL = re.compile(r"(?:人民政府|人民代表大会常务委员会|人民代表大会|人大常委会|政府)?(?:办公厅|办公室)?$")
_PLACE = re.compile(r"[\u4e00-\u9fa5]{2,10}?(?:自治区|自治州|自治县|省|市|州|盟|区|县|旗)")


def issuer_places(issuer: str | None) -> tuple[str | None, str | None]:
    """(region, enclosing region) named by a local issuer, innermost first.

    Example: issuer_places("杭州市西湖区人民政府办公室") == ("西湖区", "杭州市");
    issuer_places("浙江省教育厅") == ("浙江省", None); issuer_places("国务院办公厅") == (None, None)
    """
    if not issuer:
        return None, None
    rest = _ORG_TAIL.sub("", issuer)
    places: list[str] = []
    while rest and (m := _PLACE.match(rest)):
        places.append(m.group(0))
        rest = rest[m.end():]
    places = [p for p in places if p not in ("本市", "全市", "本区", "全区", "各省", "各市")]
    if not places:
        return None, None
    return places[-1], (places[-2] if len(places) > 1 else None)


MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


def level_of(region: str | None, national: bool) -> str | None:
    """"national", or the local level read off the region's name (省/自治区 province, 市/州 city, 区/县 district).

    Example: level_of("静安区", False) == "district"; level_of(None, True) == "national"; level_of(None, False) is None
    """
    if national:
        return "national"
    if not region:
        return None
    if region.endswith(("省", "自治区")) or region in MUNICIPALITIES:
        return "province"  # 北京市, 上海市, 天津市 and 重庆市 are provincial-level cities (直辖市)
    if region.endswith(("市", "州", "盟")):
        return "city"
    if region.endswith(("区", "县", "旗")):
        return "district"
    return None
