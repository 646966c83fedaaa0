"""Canonical indicator table: map an indicator as worded (``全市生产总值``) to a key (``gdp``).

The table is data, in ``store/indicators.tsv`` (shipped with the package). Format, one indicator a line,
UTF-8, tab-separated::

    key<TAB>wording<TAB>wording…

``#`` starts a comment line; blank lines are ignored. Wordings are compared after removing whitespace.
A user may add or override keys with their own file of the same format:
``load_indicator_table(extra_path="my.tsv")`` (lines of the extra file win for the same wording).

``indicator_key(indicator)`` returns the key whose wording is the longest one contained in the
indicator (so ``城镇居民人均可支配收入`` → ``income_urban``, not ``income``), or ``None``. A level
(``总量``), rank (``排名``) or share (``占…比重``) of an indicator is not the indicator itself, so
wordings that match only before such a word are skipped (``地区生产总值总量排名`` → None).

A ratio that has the indicator as its denominator or reference is another indicator (colleague's
review of national 2016/2017 and the corpus): a wording is skipped where

- a share, ratio or contribution word follows it, directly or after 中/的 (``服务业在国内生产总值中的
  比重``, ``财政性教育经费支出占国内生产总值比例``, ``消费对经济增长的贡献率``, ``…占比``), or a
  per-unit measure follows it (``单位国内生产总值用水量``, ``…能耗``, ``…二氧化碳排放``);
- what follows it ends in a counted thing (``出口实绩企业``, ``固定资产投资额过亿元的项目``: a number of
  firms or projects; in 150 corpus reports the 13 indicators this rule changed were all such counts);
- it stands after 占 (the denominator of a share: ``税收收入占一般公共预算收入``), 单位/每/万元
  (a per-unit measure: ``单位GDP二氧化碳排放``).

Only the level or growth of the indicator itself keeps its key (``地区生产总值增速`` → ``gdp``).

A category or sub-area of an indicator is another indicator too: a wording keeps its key only when
what stands before it is a scope (全市, 全社会, 地方, 区本级…), a year word (全年, 今年), a verb of
reporting (实现, 完成, 预计, 累计) or punctuation (``_SCOPE_BEFORE``). So ``生产性服务业增加值``,
``规模以上服务业增加值``, ``工业固定资产投资``, ``农产品出口额``, ``户籍人口城镇化率`` get no key (they
are not ``services_value_added``, ``fixed_investment``, ``exports``, ``urbanization``), while
``全市地区生产总值`` and ``全市实现进出口`` keep theirs. Chosen by listing every prefix before a found
wording in the samples and 150 city reports: 3,760 matches start the indicator, 189 follow 全市, and
the ~300 others follow a category (工业, 服务贸易, 500万元以上, 生产性, 现代, 信息技术…) or an
extraction slip; the few same-indicator ones lost (规模工业增加值, 建档立卡贫困人口) still pair by wording.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from store.numbers import MULTIPLIERS, parse_numeral

TABLE_PATH = Path(__file__).with_name("indicators.tsv")
_NOT_ITSELF = re.compile(r"^(?:总量排名|排名|排位|占|比重|增速排名)")
_RATIO_AFTER = re.compile(r"^(?:中|里|之中|当中)?的?(?:比(?![上去前]年|同期)|倍差|差距|比重|比例|占比|份额|贡献率|贡献度|拉动|之比|用水量|用水|用地|"
                          r"能耗|电耗|水耗|耗能|二氧化碳|碳排放|排放)")
_SCOPE_BEFORE = re.compile(
    r"(?:[（(]下同[)）]|[—\-、，,：:；;“”\"\s]"
    r"|(?:全|我|本|该)(?:市|省|区|县|州|国|盟|旗|镇|乡)|全社会|地方|外贸|财政|城乡|(?:市|区|县|州|省)本级|州直|同口径"
    r"|全年|年度|今年|明年|当年|年末|年底|年初|期末|年"
    r"|实现|完成|预计|可实现|累计|累积|力争|确保|争取|稳定|拉动)*")


#: What follows the wording ends in a counted thing: the indicator counts those things (出口实绩企业
#: is a number of firms, not exports; 固定资产投资项目 a number of projects).
_THINGS_AFTER = re.compile(r".*(?:企业|项目|主体|园区|基地|平台|工厂|公司|商户)")
_RATIO_BEFORE = re.compile(r"(?:占|单位|每|万元)(?:国内|地区|全市|全省|全区|全国|全社会)?$")


def _is_itself(ind: str, pos: int, word: str, category: bool = False) -> bool:
    """False where the wording found at ``pos`` is only a rank, share, ratio or per-unit reference,
    or (unless ``category``) where a category stands before it."""
    after, before = ind[pos + len(word):], ind[:pos]
    if not category and _SCOPE_BEFORE.fullmatch(before) is None:
        return False  # a category of the indicator (生产性服务业增加值), not the indicator itself
    return not (_NOT_ITSELF.match(after) or _RATIO_AFTER.match(after) or _RATIO_BEFORE.search(before)
                or _THINGS_AFTER.fullmatch(after))


def _read(path) -> list[tuple[str, str]]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, *words = [c.strip() for c in line.split("\t")]
        rows += [(re.sub(r"\s+", "", w), key) for w in words if w.strip()]
    return rows


def load_indicator_table(extra_path=None) -> dict[str, str]:
    """{wording: key} from the shipped table, updated with ``extra_path`` (same TSV format) if given."""
    table = dict(_read(TABLE_PATH))
    if extra_path:
        table.update(_read(extra_path))
    return table


@lru_cache(maxsize=1)
def _default() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(load_indicator_table().items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def _default_index() -> dict[str, list[tuple[int, str]]]:
    """{first character: [(rank in ``_default()``, wording), …]} (speed, issue 7)."""
    index: dict[str, list[tuple[int, str]]] = {}
    for k, (w, _) in enumerate(_default()):
        index.setdefault(w[0], []).append((k, w))
    return index


def indicator_key(indicator: str, table: Optional[dict] = None) -> Optional[str]:
    """Canonical key of an indicator as worded, or None. ``table``: a dict from ``load_indicator_table``."""
    if not indicator:
        return None
    ind = _WS.sub("", indicator)
    if table is None:
        return _default_key(ind)
    items = sorted(table.items(), key=lambda kv: -len(kv[0]))
    return _first_key(ind, items)


_WS = re.compile(r"\s+")

#: A size class inside an indicator: 亿元以上, 超10亿元, 10亿元以上, 超百亿元, 500万元以上 (千亿级 of a cluster names no 元: not one).
#: 亿元以上, 超亿元, 5亿元及以上 and 10亿元（含）以上 (绵阳 2023) name the same kind of class, as do
#: 过10亿元 and 过十亿 before what is counted (常德 2022/2023: 过10亿元产业项目, 过十亿产业项目).
SIZE_CLASS_RE = re.compile(r"(超|过|)(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)?(万亿|亿|千万|百万|万)"
                           r"(?:元|(?=[产企项工]))((?:及|[（(]含[)）])?以上|级|)")


def size_class(indicator: str) -> tuple[Optional[float], str]:
    """(the size threshold in 元, the indicator without it) of an indicator that counts things above a
    size: ``亿元以上产业项目`` and ``超亿元产业项目`` → (1e8, ``产业项目``); ``单体制造业项目超10亿元`` →
    (1e9, ``单体制造业项目``). (None, indicator) when it names no class (an amount such as ``制造业贷款``).
    A class needs 超 before or 以上/级 after the amount, so a plain amount is not taken for one."""
    ind = _WS.sub("", indicator or "")
    for m in SIZE_CLASS_RE.finditer(ind):
        if not (m.group(1) or m.group(4)):
            continue
        num = parse_numeral(m.group(2)) if m.group(2) else 1.0
        mult = 1.0
        for part in re.findall(r"万亿|亿|千|百|万", m.group(3)):
            mult *= MULTIPLIERS[part]
        if num is None:
            continue
        return num * mult, ind[:m.start()] + ind[m.end():]
    return None, ind


def _first_key(ind: str, items, category: bool = False) -> Optional[str]:
    for word, key in items:
        pos = ind.find(word)
        if pos >= 0 and _is_itself(ind, pos, word, category):
            return key
    return None


def measured_key(indicator: str) -> Optional[str]:
    """The canonical key of what an indicator measures, a category allowed: ``生产性服务业增加值`` →
    ``services_value_added``, ``跨境电商综试区出口`` → ``exports`` (``indicator_key`` gives None for
    both). Two indicators measuring different keys are different (生产性服务业增加值 is not
    规上工业增加值; 跨境电商综试区出口 is not 跨境电商综试区进出口). Shipped table only."""
    if not indicator:
        return None
    return _default_key(_WS.sub("", indicator), True)


@lru_cache(maxsize=8192)
def _default_key(ind: str, category: bool = False) -> Optional[str]:
    """``_first_key`` over the shipped table, trying only the wordings that occur in ``ind`` (found
    through their first character): same answer, a fraction of the work."""
    index = _default_index()
    found = set()
    for i, c in enumerate(ind):
        for k, w in index.get(c, ()):
            if ind.startswith(w, i):
                found.add(k)
    if not found:
        return None
    items = _default()
    return _first_key(ind, [items[r] for r in sorted(found)], category)
