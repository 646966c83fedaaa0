"""Numbers in Chinese report text: numerals, quantities with units, ranges, ranks, base units.

Input is whitespace-free sentence text (the parser removes whitespace and zero-width characters).

- ``cn_to_number("一千三百")`` → 1300.0; ``parse_numeral("1,383.5")`` → 1383.5 (Arabic, Chinese or mixed).
- ``scan_quantities(sentence)`` → list of ``Quantity`` (offsets into the sentence, value in the unit as
  written, multiplier kept in the unit: ``千亿元大关`` → 1000 亿元, ``1.3万公里`` → 1.3 万公里).
- ``to_base(value, unit)`` → ``(value in the base unit, base unit)``: 亿元 → 元 ×1e8, 万人 → 人 ×1e4; ‰, % stay.

What is NOT a quantity (conventions of ``shared/gold/README.md``): dates and years (``2022年4月9日``,
``二〇二三年``, a bare ``2022`` before a noun), ordinals and numbering (``第一``, ``一、``), numbers
inside quotes or book-title marks (names: “3121”行动, “两个健康”, “500强”), numerals glued to Latin
letters (S1线, 5A, 5G, PM2.5), fixed phrases (一般, 一带一路, 八八战略, 十四五, 第一、二、三产业),
Chinese numerals without a counting unit (五大工程, 一批), ``一个…``/small Chinese counts with 个
(``三个务必``: names), and size classes used as modifiers (``百亿产业项目15个``, ``超10亿元企业10家``).
A size class that is itself the statement (``实现万亿级地区生产总值``) is returned with ``size_class``
set and bound ``at_least`` (README: "Size classes").
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
ZEROS = frozenset("零〇○")
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 1e4, "亿": 1e8}
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}

# Counting units, longest first so that 个百分点 wins over 个 and 平方公里 over 公里.
UNITS = sorted("""个百分点 百分点 % ％ ‰ 倍 美元 元 人次 人 户 家 个 公里 千米 平方公里 平方米 立方米 米 亩 公顷
立方 吨 标箱 标准箱 千瓦时 千瓦 兆瓦 项 所 条 名 位 部 件 套 座 台 辆 列 届 次 种 档 张 床 间 处 场 艘 架 只 头
株 棵 册 篇 例 支 队 批次 天 个工作日 工作日 小时 分钟 个月 斤 公斤 千克 微克/立方米 毫克/立方米 微克 毫克 宗 栋 幢
单 笔 份 轮 类 所次 门 款 首 集 辆次 班 航班 对 起 年
重量箱 剂次 担 盏 羽 千伏安 载重吨 欧元 平米 个季度
台次 场次 架次 车次 根 吉瓦时 吉瓦 兆瓦时""".split(), key=len, reverse=True)
# The last line: counters after 万/亿 that the corpus uses and the list lacked, so the unit was cut to the
# multiplier (平板玻璃7600多万重量箱 → 万, national 2016; 连续6个季度 → 个, zunyi 2023). Counts by a grep
# of cities/ for 万/亿 + an unknown counter: 剂次 27, 平米 27, 担 26+, 千伏安 19, 盏 9, 羽 8+, 载重吨 7, 欧元 6.
# Units Chinese numerals may carry (README: 三届, 千个, 百条, 三档); others (期, 年…) make names.
CN_OK_UNITS = set(UNITS) - {"年", "期", "类", "门", "首", "集", "对", "起", "单", "份", "轮", "天", "支", "班"}
# Units read only after a linking verb (达80.6岁): elsewhere they are ages or names (3岁以上人群).
LINKED_UNITS = set("岁趟方管票")
# Units read only after a multiplier: 26.6亿度 (kWh, aba 2014), 外送电量460亿度, 地质储量超过2亿方 (m³):
# a bare 度/方 is a degree, a side (各方) or a name. Corpus cities/: 亿度/万度 46, 万方/亿方 58.
MULT_ONLY_UNITS = set("度方")
PERCENT_UNITS = {"%", "％", "‰", "个百分点", "百分点", "倍"}
#: Counters of things (firms, projects, schools, people): a count in one counts what the noun after it
#: names (``store.targets``) and is a flow or a stock of things (``compare.targets``); volumes
#: (万标箱, 万吨, 万人次) and areas are not.
COUNTERS = frozenset("家个户所项座名人位条处支批套间台辆只")

AR_NUM = r"\d+(?:,\d{3})*(?:[.．]\d+)?"  # ． full-width decimal point (7．5％, 175 corpus files use ％)
CN_NUM = r"[零〇○一二两三四五六七八九十百千]+(?:点[零〇○一二三四五六七八九]+)?"
NUM_RE = re.compile(rf"{AR_NUM}|{CN_NUM}")
RANGE_SEP = "-－—–~～至到"
QUOTES = {"“": "”", "《": "》", "「": "」", "\"": "\"", "『": "』", "‘": "’"}

# Fixed phrases whose numerals are not quantities (README: 一般, 一带一路, 八八战略, 十四五 …).
IDIOM_RE = re.compile(r"十[一二三四五六七八九]五|千家万户|千方百计|千辛万苦|千头万绪|千山万水|千军万马|万无一失|"
                      r"千载|百年|千年|万年|百姓|百花|百舸|百业|百强县|万众|千百|一家一|一企一|一村一|一事一|"
                      r"一人一|一县一|一镇一|一区一|三农|两新一重|十大|五大|四大|三大|两大|六大|八大|九大|七大|"
                      r"三次产业")  # 三次产业结构 (zunyi 2023): the three sectors, not "three times"
BEFORE_NAME_RE = re.compile(r"(?:第|[A-Za-z]|[A-Za-z]\d*\.)$")
AFTER_NAME_RE = re.compile(r"(?:[A-Za-z+＋]|\.\d|号|版|期|届(?:人大|全国|政协|全会|党代会|中央|市委|省委|区委|县委|"
                           r"委员|人民代表|政府|全运|亚运|[一二三四五六七八九十]+[中次]|历次|各次))")
SESSION_RE = re.compile(r"次(?:会议|全会|党代会|全体会议)")
#: N次 after X届 is a meeting ordinal (a name, README: 二十大) whatever follows, also the later ones of a
#: run: 自治区党委九届十四次全委会, 市委三届七次全委会 (hailar 2016), 市委五届七次、八次全会 (longyan
#: 2019), 市委六届三次全体（扩大）会议 (三亚 2014). Corpus cities/: 届N次 is a meeting in all ~1,350 places.
SESSION_BEFORE_RE = re.compile(r"届(?:[一二三四五六七八九十\d]+次[、和]?)*$")
#: How far back 届 is looked for: long runs of sessions (山南 2021: 区党委九届三次、四次、五次、六次、七次、八次、九次全会, 21 characters).
SESSION_BACK = 30
# a count of rules/measures/indicators names a set (中央八项规定, 十条刚性措施, 5个结构指标), README 十大行动
NAMED_SET_RE = re.compile(r"^[^，；。、]{0,4}?(?:规定|措施|原则|要求|举措|意见|方针|命题|底线|理念|意识|自信|指标|禁令|纪律|精神|"
                          r"方面|关系|机制|体系|步走|战略|大会战|会战|攻坚战|攻坚行动)")
#: What follows a money amount that is a size class, not a statement: 50亿元单体制造业项目, 10亿元以上企业,
#: 5亿元及以上项目 and 10亿元（含）以上项目 (绵阳 2023).
MONEY_CLASS_RE = re.compile(r"(?:(?:及|[（(]含[)）])?以上|以下)?(?:单体|项目|企业|产业|工业|制造业|重大|重点|级|龙头|园区|平台|集群|大项目)")
CANDIDATE_RE = re.compile(r"[\d零〇○一二两三四五六七八九十百千万亿第前首翻半]")
LEVEL_UNITS = ("万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万")
# Speed (issue 7): patterns below are compiled once and used as ``P.match(s, pos)`` (no ``^``, no
# look-behind) so that no tail of the sentence is copied per candidate; units are looked up by length.
_UNIT_SET = frozenset(UNITS)
_UNIT_LENS = sorted({len(u) for u in UNITS}, reverse=True)
_QUOTE_OPEN_RE = re.compile("[" + "".join(QUOTES) + "]")
_SHANG_RE = re.compile(r"[千百十]?[万亿]")
_DATE_NOUN_RE = re.compile(r"(万|亿|%|个|家|人|户|公里|亩|吨|元|项|件|条|所|名)")
#: Counters after which a year-shaped number (1900–2100) stays a year or a name: "" (no counter),
#: 年, 届 (2023届高校毕业生, a cohort), 班 (中国制造2025班车), 首 (2020首届…). Chosen by a grep of the
#: corpus (cities/, all years) for 1900–2100 before a counter: all the others were counts (套 59, 张 27,
#: 座 17, 场 8, 台 8, 处 8, 辆 7, 公顷 4 …: 新增养老床位2000张, 新建5G基站2000座).
_YEAR_COUNTERS = frozenset({"", "年", "届", "班", "首"})
#: A ratio (三次产业结构优化为12.4:47.7:39.9, zunyi 2023; 14.7∶34.3∶51): its parts are shares of sectors the
#: text does not name, so none is recorded rather than the first part under the wrong indicator.
_RATIO_RE = re.compile(rf"{AR_NUM}(?:[:∶：]{AR_NUM})+")
_FRACTION_RE = re.compile(r"([一二三四五六七八九十]+)分之([一二三四五六七八九十]+)")
_LEVEL_CLASS_RE = re.compile(r"(万亿|亿)级")
_LEVEL_RE = re.compile(r"(万亿|亿)")
_MORE_MULT_RE = re.compile(r"[多余](万|亿|千|百)")
_MORE_YI_RE = re.compile(r"[多余]亿")
_SHARED_UNIT_RE = re.compile(rf"(?:[、和及]{AR_NUM})+(个百分点|%|％|‰|万亿元|亿元|万元|万人|万户|万亩|倍)")
_LINK_BEFORE_RE = re.compile(r"(至|到|为|是|达|达到)$")
_YEAR_SPAN_BEFORE_RE = re.compile(r"(连续|延长|延至|再延长)$")
_BY_BEFORE_RE = re.compile(r"以[^，；。]{0,3}$")
_STRONG_RE = re.compile(r"[\d一二三四五六七八九十百千]+强")


@dataclass
class Quantity:
    """One number found in a sentence.

    ``start``/``end`` cover prefix words (近, 超, 突破 …) and suffixes (左右, 以上 …);
    ``num_start`` is where the numeral begins. ``value``/``value_max`` are in ``unit`` as written.
    ``bound_hint`` is the bound the words around the number give (``None`` = no word).
    ``rank``: a ranking (第3, 前30强, 首位); ``size_class``: 万亿级 … used as the statement itself.
    """

    start: int
    end: int
    num_start: int
    value: float
    unit: str = ""
    value_max: Optional[float] = None
    bound_hint: Optional[str] = None
    prefix: str = ""
    suffix: str = ""
    rank: bool = False
    size_class: bool = False
    modifier: bool = False  # a size class inside a noun phrase (超10亿元企业): not a statement
    chinese: bool = False

    def __post_init__(self):
        # The unit is a category, not text: full-width ％ is recorded as % (the blind annotator of
        # 本溪 2025, whose source writes 6％左右, did so; the span keeps the character as written).
        self.unit = self.unit.replace("％", "%")


def cn_to_number(s: str) -> Optional[float]:
    """Chinese numeral → number: ``一千三百`` → 1300, ``十五`` → 15, ``二〇二三`` → 2023, ``三点五`` → 3.5.

    Handles 万/亿 inside the numeral (``一万二千`` → 12000). Returns None for text that is not a numeral.
    """
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = cn_to_number(whole) if whole else 0.0
        if w is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        return w + float("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    if all(c in CN_DIGITS for c in s) and len(s) > 1:  # 二〇二三: digit by digit, as years are written
        if len(s) != 4 and not set(s) & ZEROS:
            return None  # 唯一一家, 七八个, 一二三产业: no numeral
        return float("".join(str(CN_DIGITS[c]) for c in s))
    total, section, digit = 0.0, 0.0, None
    for c in s:
        if c in CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # 三三: not a numeral
            digit = CN_DIGITS[c]
        elif c in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[c]
            digit = None
        elif c in CN_BIG:
            section += digit or 0
            total = (total + section) * CN_BIG[c] if c == "亿" else total + section * CN_BIG[c]
            section, digit = 0.0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_numeral(s: str) -> Optional[float]:
    """Arabic (``1,383.5``), Chinese (``八千``) or mixed (``1.3万`` → 13000) numeral → number, else None."""
    s = s.replace(",", "").replace("，", "").replace("．", ".")
    s = unicodedata.normalize("NFKC", s) if not s.isascii() else s  # full-width digits
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(万亿|亿|万|千|百)?", s)
    if m:
        return float(m.group(1)) * (MULTIPLIERS[m.group(2)] if m.group(2) else 1)
    return cn_to_number(s)


def to_base(value: Optional[float], unit: str) -> tuple[Optional[float], str]:
    """Value in the base unit: (7585, "亿元") → (7.585e11, "元"); (68, "万人") → (680000, "人");
    (9.4, "‰") → (9.4, "‰"); (1386, "万") → (13860000, ""). Multiplier prefixes as in evaluate.py."""
    if value is None:
        return None, unit
    for prefix in ("万亿", "亿", "万", "千", "百"):
        if unit.startswith(prefix) and unit not in ("百分点", "千米", "千瓦", "千瓦时", "千克", "千伏安"):
            return value * MULTIPLIERS[prefix], unit[len(prefix):]
    return value, unit


def quoted_spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of text inside quote or title marks: numbers there belong to names."""
    out, i = [], 0
    while True:
        m = _QUOTE_OPEN_RE.search(s, i)
        if not m:
            return out
        i = m.start()
        j = s.find(QUOTES[s[i]], i + 1)
        if j > 0 and j - i <= 30:
            out.append((i, j + 1))
            i = j + 1
        else:
            i += 1


def _match_unit(s: str, i: int, chinese: bool) -> str:
    for k in _UNIT_LENS:
        u = s[i:i + k]
        if len(u) == k and u in _UNIT_SET and (not chinese or u in CN_OK_UNITS):
            if u == "人" and s.startswith(("人口", "人民"), i):
                return ""  # 14亿人口: unit 亿 (README: unit as written before the noun)
            return u
    return ""


_PRE_AT_LEAST = ("不低于", "不少于", "至少", "超过", "突破", "超", "逾", "上")
_PRE_ABOUT = ("接近", "将近", "近", "大约", "约")
_PRE_AT_MOST = ("不高于", "不超过", "低于")
#: Words before a number that state its bound (突破3000家: at least 3000).
BOUND_PREFIXES = frozenset(_PRE_AT_LEAST + _PRE_ABOUT + _PRE_AT_MOST)
_SUF = (("左右", "about"), ("以上", "at_least"), ("以下", "at_most"), ("以内", "at_most"), ("之内", "at_most"),
        ("多", "at_least"), ("余", "at_least"))


def _prefix(s: str, i: int) -> tuple[str, Optional[str]]:
    for words, bound in ((_PRE_AT_LEAST, "at_least"), (_PRE_ABOUT, "about"), (_PRE_AT_MOST, "at_most")):
        for w in words:
            if s.endswith(w, 0, i):
                if w == "上" and not _SHANG_RE.match(s, i):
                    continue  # 上 only as 上千万/上亿 (README: 上千万 → at_least)
                if w == "超" and s.endswith("赶超", 0, i):
                    continue
                if w == "约" and i >= 2 and s[i - 2] in "签节制合公条契预邀相违履特集":
                    continue  # 签约442个, 节约, 制约: 约 is part of a word (city corpus), no "about"
                return w, bound
    return "", None


def _read_number(s: str, i: int) -> Optional[tuple[int, float, bool]]:
    """Numeral at i → (end, value, chinese) or None."""
    m = NUM_RE.match(s, i)
    if not m:
        return None
    text = m.group(0)
    chinese = not text[0].isdigit()
    if chinese and set(text) <= {"零", "〇", "○"}:
        return None  # 零部件, 零售
    v = cn_to_number(text) if chinese else float(unicodedata.normalize("NFKC", text).replace(",", ""))
    if v is None or not math.isfinite(v):
        return None  # a 309-digit run is no quantity (and no XML number)
    return m.end(), v, chinese


def _is_date(s: str, start: int, end: int, value: float, chinese: bool) -> bool:
    nxt = s[end:end + 1]
    text = s[start:end]
    if nxt in ("月", "日", "号", "时") and not s.startswith("时代", end):
        return True
    if nxt == "年" and (len(text) == 4 or (chinese and all(c in CN_DIGITS for c in text) and len(text) > 1)):
        return True
    if not chinese and len(text) == 4 and 1900 <= value <= 2100 and "." not in text:
        # a bare year before a noun (2022世界青年科学家峰会) or a year range (2016—2021年); before a
        # counter it is a count (建设保障性住房2060套, aba 2014 corpus cities/)
        # (also with 多/余 between: 招才引智2000多人, 平顶山 2022)
        end += s.startswith(("多", "余"), end)
        return not (_DATE_NOUN_RE.match(s, end) or _match_unit(s, end, False) not in _YEAR_COUNTERS)
    return False


def scan_quantities(s: str) -> list[Quantity]:
    """All quantities in a whitespace-free sentence, in order (see the module docstring for exclusions)."""
    out: list[Quantity] = []
    quoted = quoted_spans(s)
    idiom = [(m.start(), m.end()) for m in IDIOM_RE.finditer(s)]
    skip_until = 0

    def inside(i, spans):
        return any(a <= i < b for a, b in spans)

    i = 0
    n = len(s)
    while i < n:
        m = CANDIDATE_RE.search(s, i)  # only where a numeral, 第/前/首 or 翻 can start
        if not m:
            break
        i = m.start()
        q = _special(s, i)
        if q is None:
            i += 1
            continue
        if isinstance(q, int):  # consumed without a quantity (a name or date)
            i = max(q, i + 1)
            continue
        if q.num_start < skip_until or inside(q.num_start, quoted) or inside(q.num_start, idiom):
            i = q.end if q.end > i else i + 1
            continue
        out.append(q)
        i = q.end
    _mark_modifiers(s, out)
    return [q for q in out if not q.modifier]


def _special(s: str, i: int):
    """Quantity starting at i, an int (skip to) for a numeral that is not a quantity, or None."""
    c = s[i]
    # ranks first: 第N, 前N, 首位 (README: Ranks)
    r = _rank(s, i)
    if r is not None:
        return r
    if s.startswith("两位数", i):
        return Quantity(i, i + 3, i, 10.0, "%", bound_hint="at_least")
    if s.startswith("翻一番", i) or s.startswith("翻两番", i):
        return Quantity(i, i + 3, i, 2.0 if s[i + 1] == "一" else 4.0, "倍")
    if s.startswith("翻番", i):  # doubling, as 翻一番 (corpus cities/: 翻番 ~500 times, 翻一番 ~90)
        return Quantity(i, i + 2, i, 2.0, "倍")
    if s.startswith("半小时", i):  # 半小时交通圈 (黄石 2018): half an hour
        return Quantity(i, i + 3, i, 0.5, "小时")
    if s.startswith(("二次", "二倍体", "三倍体", "四倍体"), i):
        return i + 2  # 二次创业, 二次发掘, 二倍体疫苗: words (a second time, a ploidy), not counts
    if s.startswith("一半", i):
        end = i + 2
        suf, b = _suffix(s, end)
        return Quantity(i, end + len(suf), i, 0.5, "", bound_hint=b, suffix=suf)
    m = _FRACTION_RE.match(s, i)
    if m:
        den, num = cn_to_number(m.group(1)), cn_to_number(m.group(2))
        end = m.end()
        suf, b = _suffix(s, end)
        if den:
            return Quantity(i, end + len(suf), i, num / den, "", bound_hint=b, suffix=suf)
    if not (c.isdigit() or c in CN_DIGITS or c in CN_SMALL or c in "万亿"):
        return None
    if i > 0 and (s[i - 1].isdigit() or s[i - 1] == "." or (s[i - 1] in CN_DIGITS or s[i - 1] in CN_SMALL)
                  and c not in "万亿"):
        return None  # inside another numeral
    if BEFORE_NAME_RE.search(s[max(0, i - 3):i]):
        m = NUM_RE.match(s, i)
        return m.end() if m else i + 1
    m = _RATIO_RE.match(s, i)
    if m:
        return m.end()
    # a bare level with no numeral: 万亿级, 亿级
    if c in "万亿":
        m = _LEVEL_CLASS_RE.match(s, i)
        if i > 0 and s[i - 1] in "上超逾近" and _LEVEL_RE.match(s, i):  # 上亿, 超亿元 → 1 亿, at_least
            m = _LEVEL_RE.match(s, i)
        elif not m or (i > 0 and s[i - 1] in CN_SMALL):
            return None
        return _finish(s, i, i, 1.0, m.group(1), None, chinese=True, end=i + len(m.group(1)))
    rd = _read_number(s, i)
    if rd is None:
        return None
    end, value, chinese = rd
    if AFTER_NAME_RE.match(s, end) or _is_date(s, i, end, value, chinese):
        return end
    value_max = None
    # range: 6%-6.5%, 4.5-5%, 10—50万元, 6%至6.5%
    j = end + (1 if s.startswith("%", end) or s.startswith("％", end) else 0)
    if j < len(s) and s[j] in RANGE_SEP:
        rd2 = _read_number(s, j + 1)
        if rd2 and rd2[2] == chinese and not (s[j] in "至到" and s[j - 1] not in "%％" and not s[j - 1].isdigit()):
            if rd2[1] > value:
                value_max = rd2[1]
                end = rd2[0]
    return _finish(s, i, i, value, "", value_max, chinese=chinese, end=end)


def _suffix(s: str, i: int) -> tuple[str, Optional[str]]:
    for w, b in _SUF:
        if s.startswith(w, i):
            # 多种/多元…: 多 starts a word. Not 多个: 6400多个, 400多个 are "more than" (longyan 2019,
            # corpus cities/; 1.4万多个 and 新增学位1万多个 in 20+ city reports)
            if w in ("多", "余") and s.startswith(("多种", "多元", "多样", "多措", "多方"), i):
                continue
            return w, b
    return "", None


def _is_session(s: str, start: int, end: int) -> bool:
    """The numeral s[start:end] is a meeting ordinal: 一次会议, 三届七次全委会, 五届七次、八次全会."""
    if SESSION_RE.match(s, end):
        return True
    return s.startswith("次", end) and bool(SESSION_BEFORE_RE.search(s, max(0, start - SESSION_BACK), start))


def _finish(s, start, num_start, value, unit, value_max, chinese, end):
    """Read 多/余, multiplier, unit and bound words after a numeral; None if it is not a quantity."""
    more = ""
    if s.startswith(("多", "余"), end) and _MORE_MULT_RE.match(s, end):
        more, end = s[end], end + 1
    mult = ""
    if not unit:
        for mword in ("万亿", "亿", "万") if not chinese else ("万亿", "亿", "万"):
            if s.startswith(mword, end):
                mult, end = mword, end + len(mword)
                break
        if mult == "万" and not more and _MORE_YI_RE.match(s, end):
            more, mult, end = s[end], "万亿", end + 2  # 新增4万多亿元 (national 2016): 4 万亿元, at_least
    else:
        mult = unit
    if chinese and not mult and s[end:end + 1] in "个种项条类" and value <= 10 and not s.startswith("个百分点", end):
        return end  # 三个务必, 两个健康, 两种资源, 八项规定: names of sets
    if chinese and not mult and s.startswith("元", end) and value < 100:
        return end  # 三元区, 多元: money is written in digits unless a multiplier follows (千亿元)
    if chinese and value == 1 and not mult and not s.startswith(("个百分点", "倍"), end):
        return end  # 一批, 一次会议, 一档: not quantities
    if _is_session(s, start, end):
        return end
    size_class = False
    if s.startswith("级", end) and mult:
        size_class = True
        u, end = "", end + 1
    else:
        if s.startswith(("多", "余"), end) and not more:
            suf, _ = _suffix(s, end)
            if suf:
                more, end = suf, end + 1
        u = _match_unit(s, end, chinese)
        if not u and mult and s[end:end + 1] in MULT_ONLY_UNITS:
            u = s[end]
        if not u and chinese and s.startswith("年", end) and s.endswith("连续", 0, start):
            u = "年"
        end += len(u)
    unit_full = mult + u
    if chinese and not u and not size_class:
        if mult and (s.startswith(("大关", "计"), end) or s.endswith("上", 0, start)):
            pass  # 千亿元大关, 以千万计, 上千万 (README: 上千万 → at_least)
        elif mult and (value >= 100 or s.startswith("级", end)):
            return end  # 百亿产业项目, 千亿产业: a size class used as a modifier
        elif not mult:
            return end  # 五大, 八八: no counting unit
    if not chinese and not unit_full:
        shared = _SHARED_UNIT_RE.match(s, end)
        if shared:  # 0.7和0.6个百分点, 3、5、8个: the last number's unit applies to all
            unit_full = shared.group(1)
        # a bare Arabic number is a quantity only after a linking verb (比 缩小至1.94) or before 大 (3大项目)
        elif not (_LINK_BEFORE_RE.search(s[max(0, start - 3):start]) or s.startswith("大", end)):
            return end
        elif s[end:end + 1] in LINKED_UNITS:  # 人均预期寿命达80.6岁, 增至15趟 (city corpus)
            unit_full = u = s[end]
            end += 1
    if u == "年" and not _YEAR_SPAN_BEFORE_RE.search(s[max(0, start - 4):start]):
        return end
    if u in ("微克", "毫克") and s.endswith("每立方米", 0, start):  # 降至每立方米33微克 → 33 微克/立方米
        unit_full, start = unit_full + "/立方米", start - 4
    if u and NAMED_SET_RE.match(s[end:end + 8]):
        return end
    pre, b_pre = _prefix(s, start)
    suf, b_suf = _suffix(s, end)
    if _BY_BEFORE_RE.search(s[max(0, start - 4):start]) and s.startswith("计", end):
        b_suf, suf = "at_least", "计"  # 以千万计 (README convention: like 上千万)
    if more and not suf:
        b_suf = "at_least"
    q_start = start - len(pre)
    bound = "range" if value_max is not None else (b_suf or b_pre)
    if size_class:
        bound = "at_least"
    return Quantity(q_start, end + len(suf), num_start, value, unit_full, value_max, bound, pre, suf or more,
                    size_class=size_class, chinese=chinese)


_SCOPE = r"(?:全省|全国|全市|全区|全州|全盟|全球|世界|省内|国内|同类城市|副省级城市|大中城市|地级市|长三角|珠三角|中西部)"
_RANK_VERB = r"(?:排名|排位|排|位居|位列|居|稳居|跃居|跃至|升至|保持|跻身|进入|跨入|迈入|入围|挺进|晋级|列)"
_SCOPE_END_RE = re.compile(_SCOPE + r"$")
_VERB_END_RE = re.compile(_RANK_VERB + r"$")
_RANK_VERB_BEFORE_RE = re.compile(_RANK_VERB + _SCOPE + r"?$")
_FIRST_PLACE_RE = re.compile(r"(居|列|位居|稳居|保持|跃居|排名)" + _SCOPE + r"?[^，；。]{0,10}$")
_RANK_NUM_RE = re.compile(rf"(第|前)({AR_NUM}|[一二三四五六七八九十百]+)(%|％|位|名|强)?")
_STRONG_NUM_RE = re.compile(rf"({AR_NUM}|[一二三四五六七八九十百千]+)强")
_RANK_N = rf"(?:{AR_NUM}|[一二三四五六七八九十百]+)"
#: 第N名/第N位 after an award verb is a rank with no scope word (全国公立医院综合改革效果评价考核获得第一名,
#: longyan 2019; corpus cities/: 获得第4名, 取得第三名, 获第二名, 荣获第一名), also with what was contested
#: between (获得2013年自治区文明城市测评第一名, hailar 2014).
_AWARD_END_RE = re.compile(r"(?:获得|荣获|夺得|取得|摘得|获)[^，,；;。：:]{0,18}$")
#: Later ranks of a list after a scoped one: 稳居全国地级市第1和第2位 (zunyi 2023); the first takes the
#: unit of the last (_RANK_LIST_NEXT_RE: 分别居全省第1、第4和第6位).
_RANK_LIST_END_RE = re.compile(rf"(?:{_SCOPE}|{_RANK_VERB})(?:第{_RANK_N}[位名]?[和及与、])+$")
_RANK_LIST_NEXT_RE = re.compile(rf"(?:[和及与、]+第{_RANK_N}[位名]?)*[和及与、]+第{_RANK_N}([位名])?")
_NOT_RANK_AFTER = re.compile(r"(?:方阵|批|次|届|个|轮|梯队|季度|产业|阶段|大|年|步|期|部|章|条|位次|责任|道|关|时间|生产力|要务|动力)")


def _rank(s: str, i: int):
    """第N / 前N(%) / N强 / 首位 after a scope (全省, 全国 …) or a ranking verb → Quantity (rank=True)."""
    if s[i] not in "第前首" and not _STRONG_RE.match(s[i:i + 8]):
        return None
    before = s[max(0, i - 8):i]
    if s.startswith("首位", i) and not s.startswith("首位度", i):
        if _FIRST_PLACE_RE.search(before):
            return Quantity(i, i + 2, i, 1.0, "位", bound_hint="exact", rank=True)
        return None
    m = _RANK_NUM_RE.match(s, i)
    if m and _rank_scoped(s, i, m.group(3)):
        e = m.end()
        after = s[e:e + 1]
        nxt = _RANK_LIST_NEXT_RE.match(s, e)
        if _NOT_RANK_AFTER.match(s, e) or (after and after not in "，,；;。、）)的！" and not nxt):
            return e  # 全省第三极, 第一方阵: names, not ranks
        v = parse_numeral(m.group(2))
        if v is None:
            return None
        bound = "exact" if m.group(1) == "第" else "at_most"
        unit = m.group(3) or (nxt.group(1) if nxt else None) or ""
        return Quantity(i, e, i + 1, v, unit, bound_hint=bound, prefix=m.group(1), rank=True)
    m = _STRONG_NUM_RE.match(s, i)
    if m and _RANK_VERB_BEFORE_RE.search(before) and not (i > 0 and s[i - 1] in CN_SMALL):
        v = parse_numeral(m.group(1))
        if v is not None:
            return Quantity(i, m.end(), i, v, "强", bound_hint="at_most", rank=True)
    return None


def _rank_scoped(s: str, i: int, unit: Optional[str]) -> bool:
    """第N/前N at i is a rank: after a scope (全省) or a ranking verb, after an earlier rank of a list
    (第1和第2位), or, as 第N名/位, after an award verb (获得第一名)."""
    before = s[max(0, i - 8):i]
    if _SCOPE_END_RE.search(before) or _VERB_END_RE.search(before):
        return True
    if unit in ("名", "位") and _AWARD_END_RE.search(s, max(0, i - 20), i):
        return True
    return bool(_RANK_LIST_END_RE.search(s, max(0, i - 24), i))


_GAP_STOP_RE = re.compile(r"[，,；;。：:、和及与]")


def _mark_modifiers(s: str, qs: list[Quantity]) -> None:
    """Size classes inside a noun phrase (超10亿元企业10家, 10亿元以上30个): not statements.

    A money or bare-multiplier amount with 超/以上/以下 (a class boundary) that is followed, with no
    punctuation between, by another quantity in the same clause is a modifier (README: size classes
    "only select which items are counted").
    """
    for a in qs:
        if a.unit.endswith("元") and MONEY_CLASS_RE.match(s, a.end):
            a.modifier = True  # 50亿元单体制造业项目, 10亿元企业
    for a in qs:
        if s.startswith("级", a.end) and not a.size_class and len(qs) > 1:
            a.modifier = True  # 5—10万吨级码头 5座: a class of what is counted
    for a, b in zip(qs, qs[1:]):
        gap = s[a.end:b.start]
        if _GAP_STOP_RE.search(gap) or len(gap) > 15:
            continue
        money = a.unit.endswith("元") or a.unit in ("万", "亿", "万亿")
        if money and (a.prefix in ("超", "超过") or a.suffix in ("以上", "以下")):
            a.modifier = True
        elif a.size_class and not b.rank:
            a.modifier = True
