"""Which version of the parser and chunker made a stored document, so an upgrade re-parses what it changes.

Bump PARSE_VERSION whenever the same file would parse or chunk differently (numbering rules, metadata,
chunk boundaries). A document's hash carries the version that parsed it ("p2-…"); a stored document
parsed by another version is stale. The assistant re-parses the bundled corpus's stale documents when it
opens the store; other files are re-parsed by `python -m assistant reindex` (Assistant.reindex).
"""

from __future__ import annotations

import re

from ingest.types import content_hash

PARSE_VERSION = 24  # 1: hashes without a version (before 2026-11-22); 3: the legal category; 4: decimal numbers in a heading tree; 5: 抄送, a revision's 令 number and date; 6: the signer of a 令; 7: a gov.cn page keeps its 标题 (a covering notice its own); 8: attachments after the signature are their own sections (附件 二、); 9: a chunk knows the target year in force where it starts; two documents a notice issues without 附件 lines are 附件1, 附件2; 10: a part whose text runs on after its first sentence is headed by that sentence; 11: a table given one cell per line is one item per row; 12: its rows are cited 附件（序号N）; 13: a short part line with a full stop inside is headed by its first sentence; 14: a promulgation line under a title without brackets is its 题注, not its title; 15: a Markdown heading that is a numeral alone is a part (## 三), an issuer read from a central 文号 prefix, an amended text effective 自发布之日 on its 发布 date; 16: a ministry's 令 (建设部令) and a 部 with no place are national, a title's 城市 is no place, a local law's 公告第N号 is its number; 17: a chapter heading wrapped onto a line that opens with 及/和/与 is one heading; 18: a meeting numbered with 零 (第一百零六次) names its body (a joint adoption by 两高); 19: full-width digits read as digits (保存２年), 规范 准则 守则 章程 are document types; 20: 修正案 is a document type and 本修正案自…起施行 its effective date, a body of the State Council (国务院证券委员会) is national; 21: a joint 令 names every body (监察部、人事部令第7号), a 令 numbered by year (交通运输部令2019年第1号); 22: a chapter heading broken off after a joining word (…烟草专用机械的 / 生产和销售) is one heading, a rule that names no issuer is its repealed earlier edition's (《同名规定》（公安部令第123号）…废止); 23: or the body that 印发 it (2005年…公安部印发的《同名规范》同时废止); 24: 第X章 with no 条 and no 一、 inside (a list of crime names 1．2．…) are the structure, not dropped as a plan's headings; 本法自…施行 without 起 is a date of effect; each body of a joint 令 without 中华人民共和国 (中央军事委员会 is national); 市十四届人大常委会 is the title's city's 人民代表大会常务委员会
_PREFIX = re.compile(r"^p(\d+)-")


def document_hash(text: str, version: int | None = None) -> str:
    """The hash a document of this raw text gets: the parser version, then a hash of the text.

    Example: document_hash("正文", 2) == "p2-" + content_hash("正文")
    """
    return f"p{PARSE_VERSION if version is None else version}-{content_hash(text)}"


def parse_version_of(doc_hash: str) -> int:
    """The parser version a stored document's hash was made by; 1 for hashes made before versions were kept.

    Example: parse_version_of("p2-0123abcd") == 2; parse_version_of("0123abcd") == 1
    """
    m = _PREFIX.match(doc_hash)
    return int(m.group(1)) if m else 1


def is_current(doc_hash: str) -> bool:
    """True when the document was parsed by this version of the parser."""
    return parse_version_of(doc_hash) == PARSE_VERSION
