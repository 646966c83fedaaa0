"""Pair the targets of two reports and link last year's targets to this year's results.

``pair_targets(a, b)``: the year targets of A (kind ``target``, period A's year) and of B (period
B's year) are paired by a global assignment on: the same canonical indicator (``indicator_key``),
else the similarity of the indicator wording, and of the clause around the number; the units must
be compatible (same unit after the multiplier, e.g. 亿元 and 万亿元; 人 and 名). Two different canonical
indicators, a canonical indicator and one of its categories (服务业增加值, 生产性服务业增加值), and
two size classes (亿元以上, 超10亿元 projects) never pair. A headline target stated in words only
(value None) pairs with a numbered one as ``requalified``, and with one in words whose hedge
changed (基本同步 → 同步) too; the same words both years are left out. Each pair is classified by
value and bound: ``raised``, ``lowered``, ``unchanged``, ``requalified`` (same number, other bound
or modality). Unpaired *headline* targets (主要预期目标) are ``removed``/``added``; other unpaired
targets are left out (a report sets hundreds of minor figures that the next one need not repeat).

``link_achievements(a, b)``: where B is the report of the year after A, each year target of A is
linked to the result B's review part reports for the same indicator and year, and judged by the
target's bound (``met``), following ``../shared/gold/README.md``:
``at_least`` result ≥ value; ``at_most`` result ≤ value; ``range`` inside; ``about`` within
``ABOUT_RATE_TOL`` percentage points for rates and ``ABOUT_AMOUNT_TOL`` of the value for amounts;
where lower is better (涨幅, 失业率, 赤字率, 浓度…) an ``about`` target is a ceiling; ``exact``
result ≥ value (≤ where lower is better).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import numpy as np
from rapidfuzz import fuzz

from compare.model import Achievement, TargetPair
from compare.textdiff import tokenize
from compare.similarity import mask
from store.indicators import measured_key, size_class
from store.numbers import BOUND_PREFIXES, COUNTERS
from store.model import Report
from store.target_model import Target

#: ``about`` tolerance for rates (%, 个百分点): ±0.5 percentage point (gold README).
ABOUT_RATE_TOL = 0.5
#: ``about`` tolerance for amounts: ±5% of the target value (gold README).
ABOUT_AMOUNT_TOL = 0.05
#: Lowest pairing score for two targets to be the same indicator (0..1). Same key scores 1.
#: Chosen with bench/align_score.py: target-pair F1 on (national 18→19, Wenzhou 22→23, 22→24)
#: 0.88/0.87/0.88 at 0.65, 0.88/0.89/0.88 at 0.7, 0.86/0.88/0.87 at 0.75, 0.86/0.85/0.82 at 0.8
#: (after the category, size-class and word-order rules of this module); the middle of the plateau.
PAIR_MIN = 0.7
#: Bonus for two targets standing in aligned paragraphs (half for aligned sections; minus half
#: when neither is aligned).
PLACE_BONUS = 0.15
#: Penalty when both records name their verb and the verbs differ (开工 vs 建成 projects).
VERB_PENALTY = 0.1
#: Verbs that only state a bound or a level (突破, 超过, 不低于; 达到, 控制在): never a penalty.
BOUND_VERBS = BOUND_PREFIXES | {"达到", "达", "控制在", "保持在", "稳定在"}
#: Lowest score for a result to be linked to a target. Achievement F1 (national 18→19, Wenzhou
#: 22→23): 0.86/0.82 at 0.6, 0.86/0.85 at 0.7, 0.80/0.81 at 0.75 (bench/align_score.py).
LINK_MIN = 0.7
LOWER_IS_BETTER = re.compile(r"涨幅|失业率|赤字率|浓度|CPI|居民消费价格|物价|价格总水平|负债率|发生率|死亡率|能耗")
MULTIPLIER = re.compile(r"^(万亿|亿|万|千|百)")
RATE_UNITS = ("%", "‰", "个百分点", "百分点")


def _norm_unit(unit: Optional[str]) -> str:
    """The unit as written, full-width forms folded (NFKC: ％ → %)."""
    return unicodedata.normalize("NFKC", unit or "").strip()


#: Counters of persons: 引育院士5人 and 引育院士5名 count the same.
PERSON_UNITS = ("名", "位")
#: An aside in brackets inside an indicator (用海, 众创空间, 项目).
ASIDE_RE = re.compile(r"[（(][^（）()]*[）)]")


#: Weights in tonnes: grain is given in 万吨 (538 corpus mentions) or 亿斤 (399), and a report may
#: switch (绵阳 2022 粮食总产稳定在235万吨左右, 2023 粮食总产量稳定在46亿斤以上).
MASS_UNITS = {"吨": 1.0, "公斤": 1e-3, "千克": 1e-3, "斤": 5e-4}


#: Volumes: 立方米, and its short forms 立方 and 方 (煤成气产量达到18亿立方 → 煤成气增储上产完成12.4亿方,
#: 吕梁 2020 → 2021; corpus cities/: 亿/万立方米 359, 亿/万立方 364, 亿/万方 78).
VOLUME_UNITS = ("立方米", "立方", "方")


def unit_family(unit: Optional[str]) -> str:
    """The unit without its multiplier: 亿元/万亿元/元 → 元, 万人/名/位 → 人, 亿斤/万吨 → 吨, 亿方/万立方
    → 立方米, % → % (full-width ％ too)."""
    u = _norm_unit(unit)
    u = MULTIPLIER.sub("", u) if u not in ("万", "亿", "万亿") else ""
    return "人" if u in PERSON_UNITS else "吨" if u in MASS_UNITS else "立方米" if u in VOLUME_UNITS else u


#: A figure stated relative to last year (比去年增加5500亿元, 比上年预算低0.4个百分点) is the
#: difference between two years' targets, not a target of its own.
RELATIVE_RE = re.compile(r"比(?:去|上)年(?:预算|同期)?[^，。；、]{0,4}$")


def year_targets(report: Report, kind: str, period: Optional[int]) -> list[Target]:
    """Targets of ``kind`` whose period is ``period`` (a year) — and, for ``target`` records,
    those without a period. Amounts and levels stated relative to last year (比去年增加5500亿元)
    are left out; growth rates (比上年增长8%) are not."""
    out = []
    for t in report.targets():
        if t.kind != kind:
            continue
        if RELATIVE_RE.search(_before_number(t)) and rate_measure(t) != "growth":
            continue  # …but a growth rate is always relative to last year (比上年增长8.5%左右: 芜湖 2021)
        if period is not None and t.period != str(period) and (t.period or kind == "achievement"):
            continue  # a result of no known year is no year's result (年均增长4.98% in a 十三五 review)
        out.append(t)
    return out


def _containers(t: Target) -> tuple[str, str]:
    """(paragraph id, section id) of a target from its id ``p3.s1.para2.s3.t1``."""
    bits = (t.id or "").split(".")
    para = ".".join(bits[: next((k + 1 for k, b in enumerate(bits) if b.startswith("para")), 0)])
    section = ".".join(bits[:2]) if len(bits) > 1 and bits[1].startswith("s") and bits[1][1:].isdigit() else bits[0]
    return para, section


def _place_score(ta: Target, tb: Target, aligned: Optional[dict]) -> float:
    """Bonus when the two targets stand in aligned paragraphs (or sections) of the two reports."""
    if not aligned:
        return 0.0
    pa, sa = _containers(ta)
    pb, sb = _containers(tb)
    if pa and aligned.get(pa) == pb:
        return PLACE_BONUS
    if aligned.get(sa) == sb:
        return PLACE_BONUS / 2
    return -PLACE_BONUS / 2


def _before_number(t: Target) -> str:
    """The span's text before the number the record states (its last digit run):
    ``1.35万亿元，比去年增加`` in ``1.35万亿元，比去年增加5500亿元``."""
    runs = list(re.finditer(r"[0-9０-９][0-9０-９.．]*", t.text or ""))
    return (t.text or "")[: runs[-1].start()] if runs else ""


GROWTH_RE = re.compile(r"增长|增速|下降|降低|提高|上涨|涨幅|增幅|减少")
#: A change *to* a level (赤字率提高到3%, 降至5%) states the level (national 2016 赤字率提高到3% and
#: 2017 赤字率拟按3%安排 are one indicator).
TO_LEVEL_RE = re.compile(r"[到至]$")


def rate_measure(t: Target) -> str:
    """For a rate (%), whether it is a ``growth`` (增长7%, 下降3%) or a ``level`` (比重33%,
    覆盖率95%, 提高到3%); ``""`` for other units. A growth and a level never pair."""
    if _norm_unit(t.unit) not in RATE_UNITS:  # ％ as %
        return ""
    before = _before_number(t)
    if TO_LEVEL_RE.search(t.verb or "") or TO_LEVEL_RE.search(before):
        return "level"
    return "growth" if GROWTH_RE.search((t.verb or "") + before[-6:]) else "level"


#: A 、 between two grades or levels of one thing (一级、二级公路; 二、三级污水管网; 省、市级示范村):
#: one kind of thing, as 一二级公路 is, not several things counted together.
GRADE_LIST_RE = re.compile(r"(?:[一二三四五六七八九十]级?|国家级|[国省市县区]级?)、(?=[一二三四五六七八九十国省市县区])")


def _combined(t: Target) -> bool:
    """The indicator names several things counted together (大学生、技能人才; 中小学校、幼儿园), not
    grades of one thing (``GRADE_LIST_RE``: 黄石 2018 一级、二级公路 is 2019's 一二级公路)."""
    return "、" in GRADE_LIST_RE.sub("", t.indicator or "")


@lru_cache(maxsize=8192)
def _words(indicator: str) -> str:
    """The indicator cut into words (rjieba, as in ``compare.textdiff``), space-separated."""
    return " ".join(tokenize(indicator))


@dataclass(frozen=True)
class _Profile:
    """What the pairing score needs of one record, computed once per record (not once per pair)."""

    family: str  # unit family, "" for a target in words
    measure: str  # rate_measure
    words: bool  # stated in words only (no value)
    combined: bool
    short: bool  # indicator of fewer than two characters after masking
    key: Optional[str]
    measured: Optional[str]
    size: Optional[float]
    masked: str  # indicator without its size class, masked
    plain: str  # … and without asides in brackets or examples before 等 (EXAMPLES_RE)
    tokens: str  # … cut into words
    context: str  # the span, masked
    role: str
    verb: Optional[str]
    count: str  # "flow" (新增500家), "stock" (达到2500家) or "" (see ``count_kind``)
    stage: str  # "start" (开工35个), "finish" (建成5个) or "" (see ``build_stage``)
    bare: str  # the sentence's words when the indicator is a bare generic noun (投资, 项目), else ""
    before: str  # for a bare record, the first clause of its sentence (its topic), masked


#: A count of what is added in the year (新增, 新获批, 净增, 引进) and a count of what exists (达到,
#: 总数, 累计) are two indicators (review of six corpus city pairs: 新获批国家高新技术企业700家 was
#: paired with 高新技术企业力争达2500家).
FLOW_RE = re.compile(r"新增|新获|新认定|新培育|新引进|新建|新开工|新设|新招引|净增|增加")
STOCK_RE = re.compile(r"达到|总数|总量|累计|保有|达$|增至|提高到|提升到")


def _count_words(t: Target) -> str:
    """What names the counting of a record: the four characters before its span (新获批 before
    国家高新技术企业700家), its verb, indicator and the span's text before the number; "" when the
    record is no count of things (``COUNTERS``)."""
    if unit_family(t.unit) not in COUNTERS or t.value is None:
        return ""
    lead = (t.sentence or "")[max(0, t.start - 4):t.start]
    return lead + (t.verb or "") + (t.indicator or "") + _before_number(t)


def count_kind(t: Target) -> str:
    """For a count of things (``COUNTERS``): ``flow``, ``stock`` or ``""`` (unsaid, or not a count)."""
    words = _count_words(t)
    if STOCK_RE.search(words):
        return "stock"
    return "flow" if FLOW_RE.search(words) else ""


#: Projects (houses, schools…) started and projects completed are two counts (Wenzhou 2022 建成未来社区5个
#: and 2023 开工未来社区35个, which the gold does not pair; the gold pairs 竣工投产180个 with 竣工240个).
START_RE = re.compile(r"开工|动工|开建|启动建设")
FINISH_RE = re.compile(r"建成|竣工|完工|投产|投用|交付")


def build_stage(t: Target) -> str:
    """For a count of things: ``start`` (开工), ``finish`` (建成, 竣工, 投产) or ``""`` (unsaid, both said
    as in 开工建成, or not a count). The record's own verb decides first (开工项目500个、竣工240个:
    the second count's verb is 竣工 though 开工 stands before it)."""
    words = _count_words(t)
    if words and t.verb and (START_RE.search(t.verb) or FINISH_RE.search(t.verb)):
        words = t.verb
    start, finish = bool(START_RE.search(words)), bool(FINISH_RE.search(words))
    return "start" if start and not finish else "finish" if finish and not start else ""


#: Indicators that name a kind of measure but not what is measured (投资15亿元, 项目50个): two such
#: records are one indicator only when their sentences speak of the same thing (Hailar 2016
#: 全年计划投资15亿元，统筹推进棚户区改造… and 2017 投资4.7亿元,完成65条…城市道路 are not).
BARE_RE = re.compile(r"(?:总)?(?:投资|资金|项目|企业|产值|产量|产能|面积|收入|利税|税收|信贷|内资|外资|规模|总额|总量)|(?:产业集群|产业|集群|(?:规上|规模以上)工业)?(?:营收|营业收入)")
#: Lowest word-set similarity (0..1, rapidfuzz token_set_ratio of rjieba words, numbers masked) of
#: the sentences of two bare records for them to be compared at all. Target-pair F1 (national
#: 18→19, Wenzhou 22→23, 22→24; hand-made Hailar 16→17): 0.885/0.893/0.877/0.867 at 0–0.5,
#: 0.885/0.900/0.877/0.897 at 0.6–0.8 (bench/align_score.py); the lower end of the plateau.
BARE_MIN = 0.6


def _bare(t: Target, masked: str) -> str:
    """The sentence cut into words (numbers masked) when the indicator is bare (``BARE_RE``), else ""."""
    if t.indicator_key or not BARE_RE.fullmatch(masked):
        return ""
    return " ".join(tokenize(mask(t.sentence or t.text or "")))


_BARE_TAIL_RE = re.compile("(?:" + BARE_RE.pattern + ")$")
#: A verb between the topic and the bare measure (宁德 2022 不锈钢新材料产业实现产值1700亿元, 2023
#: 不锈钢新材料产业要…，实现产值2300亿元以上): the topic is the words before it.
TOPIC_VERB_RE = re.compile(r"(?:实现|完成|达到|达|的)$")


def _names_topic(full: _Profile, bare: _Profile) -> bool:
    """A bare record (产值3600亿元) whose sentence opens on the other record's topic: 宁德 2022
    锂电新能源产业产值达2300亿元 and 2023 锂电新能源产业要力促…，实现产值3600亿元以上 state one indicator.
    Only a first clause that states no figure is a topic (绵阳 2023 新增国家级专精特新“小巨人”企业12家、
    总数达到35家，… is a list, whose later 13家 are not 小巨人企业)."""
    m = _BARE_TAIL_RE.search(full.masked) if bare.bare and not full.bare else None
    topic = TOPIC_VERB_RE.sub("", full.masked[:m.start()]) if m else ""
    return bool(m) and len(topic) >= 2 and m.group(0) == bare.masked and topic in bare.before and "#" not in bare.before


#: Counters that count the same things: projects in 个 or 项 (嘉兴 2023 “两化”改造项目1000个以上, 2024
#: 技改项目1000项以上); firms in 家 or 户 (绵阳 2022 国家高新技术企业…650户, 2023 高新技术企业超过800家;
#: the corpus counts firms in 户 2,746 times, in 家 8,874 times).
SAME_COUNTERS = (("项目", frozenset("个项"), "个"), ("企业", frozenset("家户"), "家"), ("市场主体", frozenset("家户"), "家"))


def _family(t: Target) -> str:
    """``unit_family``, with the counters of one kind of thing read as one (项 as 个 for projects,
    户 as 家 for firms)."""
    family = unit_family(t.unit)
    for noun, counters, common in SAME_COUNTERS:
        if family in counters and noun in (t.indicator or ""):
            return common
    return family


#: Words that only say a count is the whole stock (高新技术企业总数突破700家): ``count_kind`` keeps that.
STOCK_TAIL_RE = re.compile(r"(?:总数|数量|总量|个数|家数|户数)$")


#: Examples before 等 name some of the things counted, not what is counted (包头 2020 培育企业技术中心
#: 等创新平台20家以上 and 2021 培育各类创新平台20家): the pairing also compares what follows 等 (the
#: ``plain`` wording), as the examples may be what names it (义新欧温州特色专列等班列 and 义新欧班列温州号,
#: Wenzhou gold). Not the 等 of a word (高等, 中等, 同等, 平等, 对等, 等级, 等于).
EXAMPLES_RE = re.compile(r"^.*[^高中初同平均对超次上下优特头]等(?![级于同])(?=.{2})")


def _profile(t: Target) -> _Profile:
    size, rest = size_class(t.indicator or "")
    if unit_family(t.unit) in COUNTERS and len(rest) > 4:  # 高新技术企业总数 and 高新技术企业 (绵阳 2022→23)
        rest = STOCK_TAIL_RE.sub("", rest)
    masked = mask(rest)
    bare = _bare(t, masked) if size is None else ""  # 5亿元以上项目 is no bare 项目 (绵阳 2022→23)
    return _Profile(_family(t), rate_measure(t), t.value is None, _combined(t), len(mask(t.indicator or "")) < 2,
                    t.indicator_key, measured_key(t.indicator or ""), size, masked, mask(ASIDE_RE.sub("", EXAMPLES_RE.sub("", rest))),
                    _words(masked), mask(t.text), t.role or "base", t.verb, count_kind(t), build_stage(t), bare,
                    _topic_clause(t) if bare else "")


def _topic_clause(t: Target) -> str:
    """The first clause of the record's sentence, up to the record, masked (``_names_topic``)."""
    return mask(re.split("[，,；;：:]", (t.sentence or "")[:t.start], maxsplit=1)[0])


def _indicator_score(ta: Target, tb: Target, aligned: Optional[dict] = None,
                     pa: Optional[_Profile] = None, pb: Optional[_Profile] = None) -> float:
    """0..1+ how likely two records state the same indicator (see the module docstring). Records
    of different unit families or rate measures, a single indicator against a combined count, and
    indicators of fewer than two characters (率), two different canonical indicators, a canonical
    indicator against one of its categories, and counts of two size classes (亿元以上 and 超10亿元
    projects, ``store.indicators.size_class``) never pair; within one class the wordings are compared
    without it (单体制造业项目超10亿元 and 10亿元以上单体制造业项目 are one indicator).
    ``pa``/``pb``: the records' ``_profile`` when the caller has it already."""
    pa, pb = pa or _profile(ta), pb or _profile(tb)
    # a target stated in words has no unit to compare
    if not (pa.words or pb.words) and (pa.family != pb.family or pa.measure != pb.measure):
        return 0.0
    if pa.count and pb.count and pa.count != pb.count:
        return 0.0  # 新增700家 and 达到2500家
    if pa.stage and pb.stage and pa.stage != pb.stage:
        return 0.0  # 开工35个 and 建成5个
    if pa.combined != pb.combined or pa.short or pb.short or pa.size != pb.size:
        return 0.0  # 亿元以上 and 10亿元以上 projects are two counts
    if (pa.key or pb.key) and pa.key != pb.key:
        return 0.0  # 服务业增加值 and 生产性服务业增加值 (a category gets no key), income and income_urban
    if pa.measured and pb.measured and pa.measured != pb.measured:
        return 0.0  # 跨境电商综试区出口 and 跨境电商综试区进出口
    if pa.bare and pb.bare and fuzz.token_set_ratio(pa.bare, pb.bare) < BARE_MIN * 100:
        return 0.0  # 投资 in two sentences about other things
    if (pa.bare or pb.bare) and not (pa.bare and pb.bare):
        full, bare = (pb, pa) if pa.bare else (pa, pb)
        if not set(full.tokens.split()) <= set(bare.bare.split()):
            return 0.0  # 项目128个 in a sentence that never names 棚改项目 (绵阳 2022→2023)
    if pa.key:  # the same canonical indicator
        base = 1.0
    else:
        if not pa.masked or not pb.masked:
            return 0.0
        # an aside in brackets may be added or dropped (工业用地供应 / 工业用地（用海）), and words
        # may change places (重点医疗卫生项目 / 医疗卫生重点项目)
        base = max(fuzz.ratio(pa.masked, pb.masked), fuzz.ratio(pa.plain, pb.plain) if pa.plain and pb.plain else 0.0,
                   fuzz.token_sort_ratio(pa.tokens, pb.tokens)) / 100.0
        if _names_topic(pa, pb) or _names_topic(pb, pa):
            base = 1.0
    context = fuzz.partial_ratio(pa.context, pb.context) / 100.0
    same_role = 0.05 if pa.role == pb.role else -0.2
    verb = (0.05 if pa.verb == pb.verb else -VERB_PENALTY) if pa.verb and pb.verb else 0.0
    if {pa.verb, pb.verb} & BOUND_VERBS and pa.verb != pb.verb:
        verb = 0.0  # 突破3000家 and 达到3500家: the bound, not what is done, differs
    return 0.75 * base + 0.2 * context + same_role + verb + _place_score(ta, tb, aligned)


def _assign(xs: list[Target], ys: list[Target], minimum: float, aligned: Optional[dict] = None) -> list[tuple[int, int, float]]:
    if not xs or not ys:
        return []
    px, py = [_profile(x) for x in xs], [_profile(y) for y in ys]
    score = np.array([[_indicator_score(x, y, aligned, p, q) for y, q in zip(ys, py)] for x, p in zip(xs, px)])
    if len(xs) == 1:  # one target (compare.drift): the assignment is its best result; no scipy import
        j = int(np.argmax(score[0]))
        return [(0, j, float(score[0, j]))] if score[0, j] >= minimum else []
    from scipy.optimize import linear_sum_assignment  # 1 s to import: only when needed

    rows, cols = linear_sum_assignment(-score)
    return [(int(i), int(j), float(score[i, j])) for i, j in zip(rows, cols) if score[i, j] >= minimum]


def classify(ta: Target, tb: Target) -> str:
    """``raised``/``lowered``/``unchanged``/``requalified`` for two records of one indicator,
    comparing values in base units (a range compares its lower end, then its upper end)."""
    va, vb = _base(ta), _base(tb)
    if va is None or vb is None:
        return "requalified" if (ta.bound, ta.modality) != (tb.bound, tb.modality) else "unchanged"
    if abs(va - vb) > 1e-9 * max(1.0, abs(va)):
        return "raised" if vb > va else "lowered"
    # the upper ends: a range's value_max, else the value (6.5%－7% → 6.5%左右 is lowered)
    ma, mb = _base(ta, upper=True), _base(tb, upper=True)
    ma, mb = va if ma is None else ma, vb if mb is None else mb
    if abs(ma - mb) > 1e-9 * max(1.0, abs(ma)):
        return "raised" if mb > ma else "lowered"
    if ta.bound != tb.bound or (ta.modality or None) != (tb.modality or None):
        return "requalified"
    return "unchanged"


def _base(t: Target, upper: bool = False) -> Optional[float]:
    v = t.value_max if upper else t.value
    if v is None:
        return None
    unit = _norm_unit(t.unit)
    m = MULTIPLIER.match(unit)
    factor = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}.get(m.group(1), 1) if m else 1
    rest = unit[m.end():] if m else unit
    return float(v) * factor * MASS_UNITS.get(rest, 1.0)


def pair_targets(a: Report, b: Report, aligned: Optional[dict] = None) -> list[TargetPair]:
    """Target changes between A's and B's year targets (see the module docstring).

    ``aligned`` maps A unit ids to the B unit ids they were aligned with (paragraphs and
    sections); targets standing in aligned units are preferred partners."""
    xs = year_targets(a, "target", a.year)
    ys = year_targets(b, "target", b.year)
    pairs = _assign(xs, ys, PAIR_MIN, aligned)
    out: list[TargetPair] = []
    used_x = {i for i, _, _ in pairs}
    used_y = {j for _, j, _ in pairs}
    for i, j, _ in sorted(pairs):
        ta, tb = xs[i], ys[j]
        change = classify(ta, tb)
        if ta.value is None and tb.value is None and change == "unchanged":
            continue  # the same words both years (居民收入增长和经济增长基本同步): nothing changed
        out.append(TargetPair(ta.indicator or tb.indicator, ta.indicator_key or tb.indicator_key, ta, tb, change))
    # An unpaired headline target is removed/added unless its indicator is paired already (the same
    # target restated elsewhere in the report).
    paired_a = {(t.indicator_key, unit_family(t.unit)) for k, t in enumerate(xs) if k in used_x and t.indicator_key}
    paired_b = {(t.indicator_key, unit_family(t.unit)) for k, t in enumerate(ys) if k in used_y and t.indicator_key}
    for i, t in enumerate(xs):
        if i not in used_x and t.main and (t.indicator_key, unit_family(t.unit)) not in paired_a:
            out.append(TargetPair(t.indicator, t.indicator_key, t, None, "removed"))
    for j, t in enumerate(ys):
        if j not in used_y and t.main and (t.indicator_key, unit_family(t.unit)) not in paired_b:
            out.append(TargetPair(t.indicator, t.indicator_key, None, t, "added"))
    return out


#: A change stated as a fall (社会消费品零售总额下降2.7%): the number is written without its sign.
DECLINE_RE = re.compile(r"下降|降低|减少|回落|下滑|负增长")


def _direction(t: Target) -> int:
    """-1 for a growth rate stated as a fall (下降2.7%), else +1."""
    return -1 if rate_measure(t) == "growth" and DECLINE_RE.search((t.verb or "") + _before_number(t)[-4:]) else 1


def _toward(target: Target, result: Target) -> int:
    """+1 when ``result`` is stated in ``target``'s direction (both rises or both falls), else -1."""
    return _direction(result) * _direction(target)


def judge(target: Target, result: Target) -> Optional[bool]:
    """Was ``target`` met by ``result``? ``None`` when either value is missing. Rates of change are
    compared in the target's direction: against 社会消费品零售总额增长8.5%, a result 下降2.7% is −2.7
    (锦州 2022→2023, blind pair); against 能耗下降3.7%, a result 下降3% is 3."""
    r, v = _base(result), _base(target)
    if r is None or v is None:
        return None
    r = r * _toward(target, result)
    # a fall is the target's own direction (能耗下降3.7%: more is better), no ceiling
    lower_better = bool(LOWER_IS_BETTER.search((target.indicator or "") + (target.text or ""))) and _direction(target) == 1
    rate = _norm_unit(target.unit) in RATE_UNITS
    tol = ABOUT_RATE_TOL if rate else ABOUT_AMOUNT_TOL * abs(v)
    if rate and _norm_unit(result.unit) not in RATE_UNITS:
        return None
    b = target.bound
    if b == "at_least":
        return r >= v - 1e-9
    if b == "at_most":
        return r <= v + 1e-9
    if b == "range":
        hi = _base(target, upper=True)
        return v - 1e-9 <= r <= (hi if hi is not None else v) + 1e-9
    if b == "about":
        return r <= v + tol if lower_better else abs(r - v) <= tol + 1e-9
    return r <= v + 1e-9 if lower_better else r >= v - 1e-9


def link_achievements(a: Report, b: Report, targets: Optional[list[Target]] = None,
                      results: Optional[list[Target]] = None) -> list[Achievement]:
    """A's year targets linked to B's reported results for that year (empty unless B is the
    report of the year after A).

    ``targets``/``results`` (optional) restrict the candidates to these records of A and B
    (default: all of A's year targets, all of B's achievements for A's year); ``compare.drift``
    passes one target per indicator series. ``a``/``b`` need only a ``year`` then."""
    if a.year is None or b.year is None or b.year != a.year + 1:
        return []
    if targets is None:  # a target of no known year is no year's target (扬州 2022 今后五年…突破8000亿元)
        targets = [t for t in year_targets(a, "target", a.year) if t.period]
    xs = [t for t in targets if t.value is not None and t.role != "stretch"]
    ys = year_targets(b, "achievement", a.year) if results is None else results
    out = []
    for i, j, _ in sorted(_assign(xs, ys, LINK_MIN)):
        t, r = xs[i], ys[j]
        met = judge(t, r)
        same_unit = r.value is not None and _norm_unit(t.unit) == _norm_unit(r.unit)
        gap = round(float(r.value) * _toward(t, r) - float(t.value), 6) if same_unit else None
        out.append(Achievement(t.indicator, t.indicator_key, t, r, met, gap))
    return out
