"""Header sources other than a plan's first lines: the gov.cn metadata table, LawRefBook Markdown, 令 headers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.textutil import cn_date_to_iso

# Labels of the gov.cn metadata table, after spaces near Chinese are dropped ("标　　题：" -> "标题：").
TABLE_FIELDS = ("索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "主题词")
_LABEL = re.compile(rf"^({'|'.join(TABLE_FIELDS)})[：:]$")
# 令 numbers: 国务院令第711号, 主席令第七号, 国家市场监督管理总局令第45号, 国令第706号; a joint order names every
# body (监察部、人事部、中国人民银行令第7号); ministries number by year since 2018 (交通运输部令2019年第1号).
LING_RE = re.compile(r"((?:中华人民共和国)?(?:[\u4e00-\u9fa5]{2,24}、)*[\u4e00-\u9fa5]{1,24}?令)(\d{4}年)?第?"
                     r"([0-9一二三四五六七八九十百零〇]{1,5})号")
_MD_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_DATE = r"[0-9〇○零一二三四五六七八九Ｏ]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日"
_DATE_AT_START = re.compile(rf"^({_DATE})\s*(.*)$")
_KNOWN_BODY = re.compile(r"(全国人民代表大会常务委员会|全国人民代表大会|国务院)第[0-9一二三四五六七八九十百零〇]+次")
# Any other body: the words after a date (or the line start) up to 「第N次…会议」.
_MEETING = re.compile(r"(?:^|日|[\s，,])([\u4e00-\u9fa5]{2,24}?)(?:\d{4}年)?第[0-9一二三四五六七八九十百零〇]+次"
                      r"[\u4e00-\u9fa5]{0,6}会议")


def _meeting_body(text: str) -> str | None:
    """The body whose meeting a line names.

    Example: _meeting_body("2021年11月16日国家互联网信息办公室2021年第20次室务会议审议通过") == "国家互联网信息办公室"
    """
    if m := _KNOWN_BODY.search(text):
        return m.group(1)
    m = _MEETING.search(text)
    if not m:
        return None
    # 最高人民法院审判委员会 adopts what 最高人民法院 issues; 上海市第十五届人民代表大会常务委员会 is 上海市人民代表大会常务委员会.
    body = re.sub(r"第?[一二三四五六七八九十]+届", "", m.group(1)).replace("人大常委会", "人民代表大会常务委员会")
    # (「市十四届人大常委会」: the city's body said short; ingest.metadata names the city)
    body = re.sub(r"^经(?![济贸])", "", body)  # 「经人力资源和社会保障部第6次部务会议通过」: adopted by that body
    return re.sub(r"(?<=.{4})(?:审判委员会|检察委员会)$", "", body)


@dataclass(frozen=True)
class HeaderFacts:
    """What a document's header says about it outside the body text; None where it says nothing."""

    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None  # 成文日期 / the date a 令 was signed
    publish_date: str | None = None  # 发布 / 公布
    effective_date: str | None = None  # 施行
    amended: bool = False  # the header lists a 修正 / 修订 of an earlier text


def normalize_ling(text: str) -> str | None:
    """A 令 number in its usual citation form, dropping 中华人民共和国 and expanding 国令.

    Example: normalize_ling("中华人民共和国国务院令第722号公布") == "国务院令第722号";
    normalize_ling("国令第706号") == "国务院令第706号"; normalize_ling("交通运输部令2019年第1号") == "交通运输部令2019年第1号"
    """
    m = LING_RE.search(text)
    if not m:
        return None
    issuer = re.sub(r"^[0-9〇○零一二三四五六七八九十年月日\s]+(?=[\u4e00-\u9fa5])", "", m.group(1))  # a date before it
    issuer = issuer.replace("中华人民共和国", "")  # (each body of a joint 令: 「…国务院、中华人民共和国中央军事委员会令」)
    issuer = re.sub(r"^.*?(?:会议|决定|公布|通过)", "", issuer) or issuer  # "…会议通过，国务院令" -> 国务院令
    if issuer == "国令":
        issuer = "国务院令"
    return f"{issuer}{m.group(2) or ''}第{m.group(3)}号"


def _announcement(text: str) -> str | None:
    """The number of the 公告 that promulgated a local law, as the text writes it.

    Example: _announcement("浙江省第十二届人民代表大会常务委员会公告第9号公布") == "浙江省第十二届人民代表大会常务委员会公告第9号"
    """
    m = re.search(r"[\u4e00-\u9fa5]{2,40}?公告第[\d０-９一二三四五六七八九十百]+号", text)
    return m.group(0) if m else None


def ling_issuer(number: str | None) -> str | None:
    """Who issues a 令: the words before 令, except 主席令 (signed by the President for the NPC).

    Example: ling_issuer("国家市场监督管理总局令第45号") == "国家市场监督管理总局"; ling_issuer("主席令第七号") is None
    """
    m = re.match(r"(.+?)令(?:\d{4}年)?第", number or "")
    if not m:
        return None
    who = m.group(1)
    return None if who == "主席" or "等" in who else who


def repealed_edition_issuer(lines: list[str], title: str) -> str | None:
    """Who issued a rule that names no issuer, read from the earlier edition of the same title it repeals:
    「2012年9月12日发布的《机动车驾驶证申领和使用规定》（公安部令第123号）…同时废止」 -> 公安部.

    Example: repealed_edition_issuer(["2004年发布的《示范登记规定》（公安部第69号令）同时废止。"], "示范登记规定") == "公安部";
    repealed_edition_issuer(["2005年11月14日公安部印发的《示范执勤规范》同时废止。"], "示范执勤规范") == "公安部"
    """
    if len(title) < 4:
        return None
    rx = re.compile(rf"《{re.escape(title)}》[（(]([\u4e00-\u9fa5]{{2,20}}?)(?:令)?第[\d一二三四五六七八九十百零〇]+号(?:令)?[)）]|"
                    # 「2005年11月14日公安部印发的《交通警察道路执勤执法工作规范》同时废止」: the body before 印发
                    rf"(?:\d\s*日|\d年|月)\s*([\u4e00-\u9fa5]{{2,12}}?)(?:印发|发布|公布|颁布|制定)的《{re.escape(title)}》")
    for line in reversed(lines):  # the closing articles repeal it
        if "废止" in line and (m := rx.search(line)):
            return m.group(1) or m.group(2)
    return None


def read_gov_table(lines: list[str]) -> tuple[dict[str, str], int]:
    """Fields of a gov.cn metadata table at the top of the lines, and how many lines it takes.

    Example: read_gov_table(["发文机关：\\t国务院\\t成文日期：\\t2019年01月27日", "正文"]) ==
    ({"发文机关": "国务院", "成文日期": "2019年01月27日"}, 1)
    """
    fields: dict[str, str] = {}
    used = 0
    for i, line in enumerate(lines[:20]):
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if not cells or not _LABEL.match(cells[0]):
            break
        for j, cell in enumerate(cells):
            if (m := _LABEL.match(cell)) and j + 1 < len(cells) and not _LABEL.match(cells[j + 1]):
                fields[m.group(1)] = cells[j + 1]
        used = i + 1
    return (fields, used) if len(fields) >= 3 else ({}, 0)


def split_markdown(text: str) -> tuple[str, list[str], str] | None:
    """(title, header lines, body) of a Markdown law text whose first line is "# title", else None.

    The header runs to LawRefBook's "<!-- INFO END -->" marker; the body keeps its heading marks.
    Example: split_markdown("# 档案法\\n\\n2020年6月20日 通过\\n<!-- INFO END -->\\n## 第一章 总则") ==
    ("档案法", ["2020年6月20日 通过"], "## 第一章 总则")
    """
    lines = text.replace("\r\n", "\n").split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None or not re.match(r"^#\s+\S", lines[first]):
        return None
    if not any("INFO END" in ln for ln in lines):
        return None  # other Markdown: its headings are read like any document's (ingest.headings)
    title = lines[first].lstrip("#").strip()
    rest = lines[first + 1:]
    end = next((i for i, ln in enumerate(rest) if "INFO END" in ln), -1)
    header = [ln.strip() for ln in rest[:end] if ln.strip()] if end >= 0 else []
    body = rest[end + 1:] if end >= 0 else rest
    # Heading marks stay: ingest.headings reads levels from them (numbered ones like 第一章 are left to numbering).
    body = [ln.replace("**", "") for ln in body if not _MD_COMMENT.match(ln)]
    return title, header, "\n".join(body)


def _dated_segments(header: list[str]) -> list[str]:
    """Header lines cut at each date, so a line naming several steps gives one segment per step.

    Example: _dated_segments(["1996年6月1日 省批准  2010年10月29日市修订"]) == ["1996年6月1日 省批准", "2010年10月29日市修订"]
    """
    out: list[str] = []
    for line in header:
        out += [p.strip(" \u3000") for p in re.split(rf"(?={_DATE})", line.strip()) if p.strip(" \u3000")]
    return out


def promulgation_facts(header: list[str]) -> HeaderFacts:
    """Dates, 令 number and issuer from promulgation lines ("2019年10月22日 中华人民共和国国务院令第722号公布").

    The last 通过/修订/修正 step is the version's date unless a 公布 line gives the signing date; a later
    修订/修改 of a promulgated text dates this version, and its 令 number, if it has one, is the version's. A
    local law's 批准 by the province dates it only when no adoption is given: the city's 通过 is its date. The
    issuer is the body of the last step that adopted it (not one that only approved it, 批准); steps joined
    by 「、」 are one joint adoption ("…最高人民法院审判委员会第1911次会议、…最高人民检察院…会议通过").
    Example: promulgation_facts(["2021年7月30日 国家市场监督管理总局令第45号公布", "2021年9月1日 施行"]).effective_date
    == "2021-09-01"; promulgation_facts(["2022年2月25日 中共中央、国务院发布"]).issuer == "中共中央、国务院"
    """
    adopted = published = effective = number = revised = approved = publisher = None
    bodies: list[str] = []  # the last adoption's bodies
    joint = amended = False
    for seg in _dated_segments(header):
        m = _DATE_AT_START.match(seg)
        if not m:
            continue
        date, rest = cn_date_to_iso(m.group(1)), m.group(2)
        if rest.startswith("施行") or rest.endswith("起施行"):
            effective = date
            continue
        if ("公布" in rest or rest.endswith("发布")) and "通过" not in rest:
            # 国务院令第716号公布, 最高人民法院、最高人民检察院公告公布, 「中共中央、国务院发布」
            published, number = date, normalize_ling(rest) or _announcement(rest) or number
            if by := re.fullmatch(r"([\u4e00-\u9fa5、]{2,40}?)(?:联合)?(?:印发|发布|公布)", rest.strip()):
                publisher = by.group(1)
            continue
        if "批准" in rest and "通过" not in rest:  # the province approves what the city adopted
            approved = max(approved or date, date) if date else approved
            amended = amended or bool(re.search(r"修正|修订|修改", rest))
            joint = False
            continue
        adopted = max(adopted or date, date) if date else adopted
        if re.search(r"修正|修订|修改", rest):
            amended = True
            revised = max(revised or date, date) if date else revised
            number = normalize_ling(rest) or number  # "2025年3月17日 国务院令第802号修订": the version's 令
        body = _meeting_body(rest)
        if body is None:
            joint = False
            continue
        bodies = [*bodies, body] if joint and body not in bodies else [body]
        joint = rest.endswith("、")  # the next step is the same adoption by another body
    return HeaderFacts(doc_number=number, issuer=ling_issuer(number) or "、".join(bodies) or publisher or None,
                       date=max(published, revised) if published and revised else published or adopted or approved,
                       publish_date=published, effective_date=effective, amended=amended)


def meeting_issuer(lines: list[str]) -> str | None:
    """The body whose meeting adopted the document, from a 令's promulgation words.

    Example: meeting_issuer(["《档案法》已由第十三届全国人民代表大会常务委员会第十九次会议修订通过，现予公布"])
    == "全国人民代表大会常务委员会"
    """
    for line in lines:
        if "通过" in line and (body := _meeting_body(line)):
            return body
    return None


# A promulgation step written as a line of its own: 「2019年10月22日 中华人民共和国国务院令第722号公布」.
PROMULGATION_LINE = re.compile(rf"^{_DATE}[^。；]{{0,80}}(?:通过|公布|发布|施行|批准|修正|修订|修改)$")
# A full date however it is written: 「2019年10月22日」「二〇〇六年九月七日」.
FULL_DATE = re.compile(_DATE)


def split_tizhu(lines: list[str]) -> list[str]:
    """A 题注 under a title, parenthesised or one promulgation line per step, cut into one line per date.

    Example: split_tizhu(["（2019年10月8日国务院第66次常务会议通过　2019年10月22日国务院令第722号公布）"]) ==
    ["2019年10月8日国务院第66次常务会议通过", "2019年10月22日国务院令第722号公布"]
    """
    text = "".join(ln.strip() for ln in lines)
    if lines and all(PROMULGATION_LINE.match(ln.strip()) for ln in lines):
        return _dated_segments(lines)  # 「2031年5月20日…会议通过」 on lines of their own
    if not (text.startswith(("（", "(")) and text.endswith(("）", ")"))):
        return []
    return [p.strip(" \u3000") for p in re.split(rf"(?={_DATE})", text[1:-1]) if p.strip(" \u3000")]


def read_ling_header(lines: list[str]) -> tuple[str | None, int]:
    """A 令 header ("中华人民共和国国务院令" then "第706号"): the normalized number and the line after it.

    Example: read_ling_header(["中华人民共和国国务院令", "第706号", "《专利代理条例》…"]) == ("国务院令第706号", 2)
    """
    for i, line in enumerate(lines[:10]):
        if line.endswith("令") and len(line) <= 24 and i + 1 < len(lines):
            nxt = lines[i + 1]
            if re.fullmatch(r"第[0-9一二三四五六七八九十百零〇]{1,5}号", nxt):
                return normalize_ling(line + nxt), i + 2
    return None, 0


def effective_date_in(lines: list[str], own_words: bool = False) -> str | None:
    """The date the document's own text says it takes effect (本条例自…起施行), else None.

    With own_words (a 令 or covering notice), a bare 「自…起施行」 counts too.
    Example: effective_date_in(["第三十二条本条例自2019年3月1日起施行。"]) == "2019-03-01"
    """
    who = r"(?:本(?:法|条例|办法|规定|规则|细则|预案|意见|决定|准则|规程|方案|解释|批复|通知|公告|通告|指引|修正案|规范|章程|纲要))" + ("?" if own_words else "")
    rx = re.compile(who + r"(?:自|从)"
                    r"([0-9〇○零一二三四五六七八九十]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日)"
                    r"起?(?:施行|实施|执行|生效)")  # (「本法自1986年10月1日施行」 says it without 起)
    for line in lines:
        if m := rx.search(line):
            return cn_date_to_iso(m.group(1))
    return None


_ON_ISSUE = re.compile(r"自(公布|发布|印发|颁布)之日起(?:施行|实施|执行|生效)")


def effective_on_issue(lines: list[str], published: str | None, printed: str | None, amended: bool) -> str | None:
    """The effective date of a text that takes effect 「自公布之日起施行」: its 公布/发布 date, or for
    「自印发之日起」 its 印发 date (not the 成文 date, which is often earlier). An amended law's 「自发布之日起」
    speaks of the first text: the header's 发布 line dates it (an amendment is no 发布), as an amended law's
    「本法自1995年1月1日起施行」 gives the first text's date.

    Example: effective_on_issue(["第十六条 本规定自公布之日起施行。"], "2019-04-26", None, False) == "2019-04-26"
    """
    for line in lines:
        if m := _ON_ISSUE.search(line):
            if m.group(1) == "印发":
                return None if amended else printed
            return published
    return None
