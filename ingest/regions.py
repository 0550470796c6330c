"""A small gazetteer: which place names a document or a question speaks of."""

from __future__ import annotations

# Districts of Shanghai, so a question about 上海 can also reach 静安区 documents.
SHANGHAI_DISTRICTS = ("黄浦", "徐汇", "长宁", "静安", "普陀", "虹口", "杨浦", "闵行", "宝山", "嘉定",
                      "浦东新", "金山", "松江", "青浦", "奉贤", "崇明")
CITIES = ("北京", "天津", "上海", "重庆", "成都", "广州", "深圳", "杭州", "南京", "武汉", "西安", "郑州",
          "长沙", "济南", "青岛", "沈阳", "大连", "哈尔滨", "长春", "石家庄", "太原", "呼和浩特", "合肥",
          "福州", "厦门", "南昌", "南宁", "海口", "贵阳", "昆明", "拉萨", "兰州", "西宁", "银川",
          "乌鲁木齐", "宁波", "苏州", "无锡", "东莞", "佛山")
PROVINCES = ("河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
             "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾")
# The province each city of CITIES lies in (municipalities and 南宁, of an autonomous region, have none here).
_CITY_PROVINCE = {"成都": "四川", "广州": "广东", "深圳": "广东", "东莞": "广东", "佛山": "广东", "杭州": "浙江", "宁波": "浙江",
                  "南京": "江苏", "苏州": "江苏", "无锡": "江苏", "武汉": "湖北", "西安": "陕西", "郑州": "河南", "长沙": "湖南",
                  "济南": "山东", "青岛": "山东", "沈阳": "辽宁", "大连": "辽宁", "哈尔滨": "黑龙江", "长春": "吉林",
                  "石家庄": "河北", "太原": "山西", "合肥": "安徽", "福州": "福建", "厦门": "福建", "南昌": "江西",
                  "海口": "海南", "贵阳": "贵州", "昆明": "云南", "兰州": "甘肃", "西宁": "青海"}
# 文号 prefixes that name a region when the text does not.
DOC_NUMBER_PREFIX = {"沪": "上海市", "成": "成都市", "京": "北京市", "津": "天津市", "渝": "重庆市",
                     "穗": "广州市", "深": "深圳市", "杭": "杭州市", "宁": "南京市"}


def _variants() -> list[tuple[str, str, str | None]]:
    """(surface form, canonical name, parent) for every known place, longest surface first."""
    rows: list[tuple[str, str, str | None]] = []
    for d in SHANGHAI_DISTRICTS:
        rows += [(d + "区", d + "区", "上海市"), (d, d + "区", "上海市")]
    rows.append(("浦东", "浦东新区", "上海市"))
    for c in CITIES:
        rows += [(c + "市", c + "市", None), (c, c + "市", None)]
    for p in PROVINCES:
        rows += [(p + "省", p + "省", None), (p, p + "省", None)]
    rows.sort(key=lambda r: -len(r[0]))
    return rows


_VARIANTS = _variants()


def region_mentions(text: str) -> list[tuple[str, str]]:
    """(surface as written, canonical name) of every place mention, in text order, longest match first.

    Example: region_mentions("上海和成都市") == [("上海", "上海市"), ("成都市", "成都市")]
    """
    found: list[tuple[int, str, str]] = []
    taken: list[range] = []
    for surface, canonical, _parent in _VARIANTS:
        start = text.find(surface)
        while start != -1:
            span = range(start, start + len(surface))
            if not any(start in r or (span.stop - 1) in r for r in taken):
                taken.append(span)
                found.append((start, surface, canonical))
            start = text.find(surface, start + 1)
    return [(surface, canonical) for _pos, surface, canonical in sorted(found)]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def find_regions(text: str) -> list[str]:
    """Canonical region names mentioned in text, in order of first mention, without repeats.

    Example: find_regions("上海和成都分别…") == ["上海市", "成都市"]; find_regions("静安区") == ["静安区"]
    """
    return _unique([canonical for _surface, canonical in region_mentions(text)])


def region_surfaces(text: str) -> list[str]:
    """Region names as written in text, in order of first mention, without repeats.

    Example: region_surfaces("那上海2013年的呢？") == ["上海"]
    """
    return _unique([surface for surface, _canonical in region_mentions(text)])


def parent_region(region: str | None) -> str | None:
    """The city a district belongs to, if known.

    Example: parent_region("静安区") == "上海市"; parent_region("成都市") is None
    """
    for _surface, canonical, parent in _VARIANTS:
        if canonical == region:
            return parent
    return None


def province_of(region: str) -> str | None:
    """The province a city lies in, if known: a provincial law applies there too.

    Example: province_of("郑州市") == "河南省"; province_of("上海市") is None
    """
    province = _CITY_PROVINCE.get(region.removesuffix("市"))
    return f"{province}省" if province else None
