"""Quantified statements (targets, achievements, other figures) of one sentence.

``extract_targets(sentence, ctx)`` → ``list[Target]`` (``store/target_model.py``), one record per
quantity, following the conventions of ``shared/gold/README.md``:

- numbers come from ``store.numbers.scan_quantities`` (names, dates, size-class modifiers left out);
- the indicator is the noun phrase before the number in its clause (or after it: ``化解115个重大
  历史遗留问题``; after a second measure of the same things: ``65条、总长度57.9公里的城市道路``),
  stripped of verbs, hedges (预期) and time words, keeping a verb that is part of a canonical name
  (``新增就业``); a clause without one (``、达到1082亿元``, ``，年均增长7%``, ``，总量突破700亿元``,
  ``，按可比口径增长13%``) takes the indicator of the quantity before it;
- lists: ``分别增长7.8%、9.3%`` distributes over ``城乡`` (城镇/农村), ``存贷款`` (存款/贷款) or over
  ``A、B…`` parts; ``各``/``均`` copy one number to each part; a rate on ``A、B排放量`` applies to each part;
- ``从X提高到Y``/``由X降至Y``/``现行X…降至Y``: X is a starting level (kind ``other``, dated by its year
  or plan: ``由“十二五”末的`` → 2015; a per-unit phrase ``由每人每年`` left out of the indicator), Y the result;
- kind from ``ctx.role`` (review → achievement; plan/five_year/self → target; None → achievement for
  预计 (an estimate of a result), target where the sentence speaks of the future (力争, 要, 将, 目标), else other), background facts about the country (``近14亿人口``, ``我国…已达``,
  ``56个民族``) are ``other``;
- ``增长7.5%左右，力争8%``: the second figure is a stretch target (role ``stretch``) linked to the base;
- ``main``: the sentence belongs to the 主要预期目标 list (it or the text of ``ctx.previous`` since the
  last 。 announces the list).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from store.indicators import indicator_key, size_class
from store.numbers import COUNTERS, PERCENT_UNITS, Quantity, scan_quantities, to_base
from store.target_model import SentenceContext, Target

CLAUSE_DELIMS = "，,；;：:。！？!?"
# Verbs relating indicator and number (README "verb" examples and the wordings of the gold files).
VERBS = sorted(set("""提高到 提高至 提升到 提升至 增加到 增加至 增长到 增至 降至 降到 下降到 下降至 降低到 降低至 减少到 减少至
缩小到 缩小至 扩大到 扩大至 上升到 上升至 达到 达 突破 超过 超 控制在 稳定在 保持在 保持 不高于 不低于 不超过 不少于
年均增长 实际增长 名义增长 增长 上涨 下降 降低 减少 提高 提升 增加 扩大 缩小 压减 压缩 迈上 跃至 跃居 跻身 跨入
进入 迈进 高于 低于 上升 完成投资 完成 实现 新增 净增 新设 新建 新改建 新改扩建 新建改建 改造提升 建设提升 建设筹集
整治提升 建成 建设 创成 创建 培育建设 培育 引育 引进 招引落地 谋划招引 谋划实施 招引 落地 实施 打造 开工 竣工投产
竣工 推动 推进 开行 办理 制定修订 制定 提请审议 提请 化解 打通 获批 签约 累计 安排 拿出 用于 资助 减轻 设立 开展
入选 列为 获评 获 荣获 增至 配建 新入驻 改造 为 是 居 稳居 位居 排名 梳理形成 清偿 扩招 惠及 带动 吸纳 举办 培训
发放 投入 筹集 建立 新开工 实施改造 有 推广 获得 取得 夺得 认定""".split()), key=len, reverse=True)
#: List numbering before a clause (（3）建成保租房1000套, zunyi 2023; 6.改造…, 一是…): README "numbering"
#: is no quantity, and no part of the indicator either. Not 一、 (一、二、三产增加值分别增长…: sectors, corpus).
NUMBERING = r"[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]|[①-⑳]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}是"
#: Qualifiers of comparability that open a clause whose subject is left out (hailar 2017: 一般公共财政
#: 预算收入完成17亿元,按可比口径增长13%): no indicator, the clause takes the one before it (README). Corpus
#: wordings (cities/, all years): 同口径 175, 按可比口径 31, 剔除…因素 30, 扣除…因素(后) 23, 可比口径 12,
#: 按可比价(格)计算 11, 自然口径 6, 按不变价(格)计算 3, 同口径（扣除增值税留抵退税因素）.
COMPARABLE = (r"[（(]?(?:按照?)?(?:可比|同|不变|自然)口径(?:计算)?[）)]?|按照?(?:可比|不变|现)价(?:格)?(?:计算)?|"
              r"[（(]?(?:扣除|剔除)[^，,；;。（(）)]{1,16}?因素(?:影响)?后?[）)]?")
#: 再 (again) before a figure's words, but not where it starts a word of its own (hailar 2016: 新增就业5300人、
#: 再就业1500人). Corpus cities/, 再 + two characters: 再就业 304, 再生能/资/水/铝/利/产/金/稻 ~600,
#: 再制造 41, 再贷款 38, 再融资 29, 再担保 9; the rest are 再 + verb (再提升, 再压减, 再解决 …).
#: 在 (at, in) opens a place phrase, not an indicator, but not in the words 在建 (under construction), 在线,
#: 在园, 在校, 在职, 在岗, 在库 (宁德 2023 实施在建省市重点项目280个). Corpus cities/, after a count: 在建 83,
#: 在线 5, 在园 4, 在校 3, 在职/在岗/在库 1 each.
AT = r"在(?!建|线|园|校|职|岗|库)"
AGAIN = r"再(?!就业|生|制造|贷款|融资|担保)"
LEAD_RE = re.compile(r"^(?:" + NUMBERING + "|" + COMPARABLE + r"|[一二三四]季度|上半年|下半年|前[一二三四五六七八九十]+个?月|去年|近[一二三四五六七八九十]+年|力争|确保|争取|努力|预计|全年|今年|明年|当年|年内|其中|同时|" + AGAIN + r"|继续|进一步|要|将|拟|可|共|并|还|"
                     r"已经|已|今后五年|未来五年|过去五年|五年来|五年|累计|力求|计划|全力|加快|积极|大力|持续|"
                     r"“?十[一二三四五]五”?(?:规划)?(?:末|期末|期间|时期)|先后|连续|向|大关|新台阶|台阶|到\d{4}年(?:底|末)?|\d{4}年(?:底|末)?|" + AT + r"|对)")
TRAIL_RE = re.compile(r"(?:" + COMPARABLE + r"|(?<![创更革清焕翻出全])新|均在|都在|分别|平均|均|各|都|年均|再|要|将|拟按|拟|按|可|进一步|继续|累计|共|达|的|了|预计|预期|力争|争取|确保|努力|"
                      r"全省|全国|全市|全区|全球|世界|发展中国家|省内|国内|同比|实际|比上年|较上年|"
                      r"全州|全盟|地级市|副省级城市|同类城市|大中城市)$")  # rank scopes (store/numbers.py _SCOPE)
#: 各/均 (and 分别 before a single figure: hailar 2018 城乡居民人均可支配收入分别增长7.5%) copy the figure to each part.
EACH_RE = re.compile(r"(?<![年平人])(?:各|均|分别)(?:在|" + "|".join(VERBS) + r")?(?:全省|全国|全市|全区)?$")
#: 预期 (expected) hedges a figure as 预计 does when a verb or the number follows it (national 2016: 广义货币M2
#: 预期增长13%左右; corpus: 居民消费价格涨幅预期3%), not in 主要预期目标, 预期性指标, 人均预期寿命.
MODALITY_RE = re.compile(r"力争|确保|争取|努力|预计|基本|拟|可|预期(?=$|" + "|".join(VERBS) + ")")
#: 均为/分别为/各为 after a verb distribute the figures (national 2017: 广义货币M2和社会融资规模余额预期增长均为
#: 12%左右): the copula is no verb of its own, the verb before it is.
SPREAD_COPULA_RE = re.compile(r"(?:均|分别|各|都)(?:为|是)$")
#: A per-unit phrase before a start level belongs to the unit, not the indicator (national 2016: 财政补助由
#: 每人每年380元提高到420元). Corpus cities/ after 由/从: 每人每月 30, 每人每年 22, 每月 14, 每立方米 8,
#: 每年 8, 人均 7, 年人均 5, 每生每年 4, 月人均 3, 每户每年 2, 每人每学年 2, 每亩每造 2, 每日的, 每小时.
PER_UNIT = r"(?:每(?:人|户|生|亩|学年|年|月|日|天|小时|造|立方米))*(?:[年月]?人均)?"
#: A plan's end or start as the base (龙岩 2019: 比重由“十二五”末的35.8%提升至42%).
PLAN_BASE = r"“?十([一二三四五])五”?(末|期末|初期?|时期)"
FROM_RE = re.compile(r"(?:从|由|现行)(?:\d{4}年(?:的|底|末)?|" + PLAN_BASE + "|月销售额|年|" + PER_UNIT + r")的?$")
TO_RE = re.compile(r"^(?:的[^，；。]{0,6})?(?:提高|提升|增加|增长|下降|降低|减少|扩大|缩小|上升|降|增|升|调整|调高|调低)?(?:到|至)")
COMPARE_TAIL_RE = re.compile(r"(?:较|比)(?:去年|上年|前|同期|全国|全省|上一年|年初|\d{4}年|预算)[^、，]*$")
YEAR_WORD_RE = re.compile(r"(?:到|至|截至)?\d{4}年(?:的|底|末)?")
YEAR_BEFORE_RE = re.compile(r"(\d{4})年(?:的|底|末)?$")
POST_STOP = {"行列", "台阶", "新台阶", "大关", "关", "水平", "目标", ""}
GENERIC = ("总量", "总额", "规模", "增速", "总数", "增幅")
#: Longest indicator taken as a generic word of the one before (总量, 规模达): longer ones name
#: something of their own (规模以上工业增加值, corpus review of six city pairs).
GENERIC_MAX = 4
#: Nouns of the things a count counts, shared by the parts of a list (上市过会和报会企业各12家).
COUNT_TAILS = ("企业", "项目", "平台", "基地", "园区", "机构", "学校", "医院", "中心", "人才", "团队")
MEASURE_TAILS = ("能耗", "水耗", "电耗", "保险参保率", "参保率", "处理能力", "排放量", "排放", "增加值", "收入", "人数", "起数", "比重", "占比",
                 "覆盖率", "达标率", "利用率", "普及率", "处理率", "治理率", "总量", "能力", "率", "量")
BACKGROUND_RE = re.compile(r"(?:近|约)?\d+(?:\.\d+)?亿(?:人口|中国人|人民|各族)|\d+个民族|我国.{0,12}(?:已达|以.{0,3}计|有)")
FUTURE_RE = re.compile(r"力争|目标|将|要|计划|预期|争取|到20\d\d年")
#: Announcement of the year's headline list. Corpus wordings: 主要预期目标是/为/：, 主要目标(任务)是,
#: 主要预期指标, and without 主要: 经济社会发展的预期目标是：(hailar 2012), 预期目标建议为：.
MAIN_RE = re.compile(r"主要预期目标|主要预期指标|主要(?:发展)?目标(?:任务)?(?:建议)?(?:是|为)|预期目标(?:建议)?(?:是|为|[：:])")
#: …but a list of goals for several years (今后五年的主要目标是, “十四五”时期的主要目标是) is not the
#: year's headline list (README "main": targets for the year), unless a one-year word comes nearer to
#: the announcement (corpus: 与“十四五”规划目标任务相衔接，确定今年经济社会发展主要预期目标).
MULTI_YEAR_LIST_RE = re.compile(r"今后五年|未来五年|五年|十[一二三四五]五|20\d\d(?:年)?[-—－至到]|远景|中长期|期间|时期")
ONE_YEAR_RE = re.compile(r"今年|明年|本年|全年|年度|(?<![到至\d])20\d\d年(?![-—－至到底末])")
STRETCH_RE = re.compile(r"^[，,]?(?:力争|争取|努力)(?:实现|达到|增长)?$")

# Speed (issue 7): verbs are looked up by length in a set instead of trying all ~140 in turn; the
# result is the same (the longest verb that ends/starts the text; two verbs of one length cannot both).
_VERB_SET = frozenset(VERBS)
_VERB_LENS = sorted({len(v) for v in VERBS}, reverse=True)


def _verb_at_end(text: str) -> Optional[str]:
    """Longest verb that ends ``text``, or None."""
    n = len(text)
    for k in _VERB_LENS:
        if n >= k and text[n - k:] in _VERB_SET:
            return text[n - k:]
    return None


def _verb_at_start(text: str, longer: bool = False) -> Optional[str]:
    """Longest verb of two or more characters that starts ``text`` (``longer``: text goes on after it)."""
    n = len(text)
    for k in _VERB_LENS:
        if k >= 2 and (n > k if longer else n >= k) and text[:k] in _VERB_SET:
            return text[:k]
    return None


_CLAUSE_END_RE = re.compile("[" + re.escape(CLAUSE_DELIMS) + "][^" + re.escape(CLAUSE_DELIMS) + "]*$")


def _clause_start(s: str, pos: int) -> int:
    """Offset after the last clause delimiter before ``pos`` (0 if none)."""
    m = _CLAUSE_END_RE.search(s, max(0, pos - 400), pos)
    if m:
        return m.start() + 1
    return max(s.rfind(d, 0, pos) for d in CLAUSE_DELIMS) + 1


#: A measure word standing alone for the thing of the figure before (…播种面积628.1万亩、总产量46.74亿斤),
#: and the measure that thing was given in (its head is what both measure).
MEASURE_WORD_RE = re.compile(r"(?:总产量|产量|总产值|产值|增加值|播种面积|种植面积|面积|营业收入|主营业务收入|销售收入|"
                             r"利润总额|利润|利税|税收|出口额|进出口额|交易额|销售额)")
MEASURE_TAIL_END_RE = re.compile("(?:" + MEASURE_WORD_RE.pattern + ")$")


#: Where a clause's subject ends: an adverb or verb of change (市场主体|逆势增长, 地区生产总值|稳步增长).
SUBJECT_END_RE = re.compile(r"逆势|持续|稳步|快速|大幅|不断|显著|明显|进一步|稳定|保持|实现|达到|增长|下降|提高|提升|突破|"
                            r"再创|创|位居|跃居|稳居|居|首次|同比|比上年|较上年|逐步|加快|平稳|继续|有效|较快|回升")


def _clause_subject(clause: str) -> str:
    """The noun a number-less clause opens on, for the figures of the next clause that name none
    (绵阳 2023 市场主体逆势增长，净增6.2万户 → 市场主体); "" when the clause holds a number or
    opens on no noun of 2–12 characters."""
    if not clause or re.search(r"[\d０-９]", clause):
        return ""
    m = SUBJECT_END_RE.search(clause, 2)
    subject = clause[:m.start()] if m else ""
    subject, _, _ = _strip_leading(subject)
    return subject if 2 <= len(subject) <= 12 and not _verb_at_end(subject) else ""


def _strip_verbs(pre: str) -> tuple[str, Optional[str], bool]:
    """Remove trailing verbs/hedges and leading hedges/verbs/time words.

    Returns (indicator, verb, verb_last): ``verb_last`` is True when a verb stood right before the
    number, i.e. the number is the verb's object (化解115个…) and the noun after it is what is counted.
    A verb that is part of a canonical indicator's name stays in it (``_name_with_verbs``)."""
    m = SPREAD_COPULA_RE.search(pre)
    if m and _verb_at_end(pre[:m.start()]):
        pre = pre[:m.start()]
    pre, after, verb = _strip_trailing(pre)
    if VERB_PREFIX_RE.fullmatch(pre.strip("、和及与，,")):
        pre = ""  # 年开行, 新竣工, 基本建成: nothing but the verb's qualifier is left
    if LEAD_RE.match(pre.lstrip("、和及与，,")):
        pre = pre.lstrip("、和及与，,")  # 、二季度达到80%: a time word after a list comma
    pre, before, lead = _strip_leading(pre)
    ind = COMPARE_TAIL_RE.sub("", pre).strip("、和及与，,的∶:")
    ind, glued = _name_with_verbs(ind, after[-1:], lead)
    if glued < len(before):
        verb = verb or before[0]  # 新增就业5300人: no verb when the only one is part of the name
    return ind, verb, bool(after)


def _strip_trailing(pre: str) -> tuple[str, list[str], Optional[str]]:
    """Trailing verbs and hedges off ``pre`` → (rest, verbs stripped in order, the figure's verb:
    the one next to the number, 年均 joined: 年均增长)."""
    verbs: list[str] = []
    verb = None
    changed = True
    while changed and pre:
        changed = False
        v = _verb_at_end(pre)
        if v:
            verbs.append(v)
            verb = verb or v
            pre, changed = pre[: -len(v)], True
        m = TRAIL_RE.search(pre)
        if m and m.start() < len(pre):
            if m.group(0) == "年均" and verb:
                verb = "年均" + verb
            pre, changed = pre[: m.start()], True
    return pre, verbs, verb


def _strip_leading(pre: str) -> tuple[str, list[str], list[str]]:
    """Leading hedges, time words and verbs off ``pre`` → (rest, verbs stripped in order, the verbs
    stripped right before the rest with no other word between: 全年实现新增就业 → [实现, 新增])."""
    verbs: list[str] = []
    lead: list[str] = []
    changed = True
    while changed and pre:
        changed = False
        m = LEAD_RE.match(pre)
        if m and m.end() > 0:
            pre, changed, lead = pre[m.end():], True, []
            continue
        m = VERB_PREFIX_RE.match(pre)
        if m and _verb_at_start(pre[m.end():]):
            pre, changed, lead = pre[m.end():], True, []  # 年开行, 新竣工, 基本建成, 统筹安排: the verb follows
            continue
        v = _verb_at_start(pre, longer=True)
        if v and not MEASURE_ONLY_RE.match(pre[len(v):]):
            verbs.append(v)
            lead.append(v)
            pre, changed = pre[len(v):], True
        if ASPECT_RE.match(pre) and len(pre) > 1:
            # 完成了老城区8条 (hailar 2017), 确保了粮食播种面积 (corpus): the particle is the verb's, not the indicator's
            pre, changed = pre[1:], True
    return pre, verbs, lead


def _name_with_verbs(ind: str, after: list[str], lead: list[str]) -> tuple[str, int]:
    """A canonical indicator named with a verb keeps it: the verb stripped right after ``ind``
    (经济增长6%左右 → gdp) or those stripped right before it, nearest first (全年实现新增就业5300人 →
    新增就业, employment_new). Returns (indicator, number of verbs before it taken into the name)."""
    if not ind or indicator_key(ind) is not None:
        return ind, 0
    if after and indicator_key(ind + after[0]):
        return ind + after[0], 0
    for n in range(1, len(lead) + 1):
        name = "".join(lead[-n:]) + ind
        if indicator_key(name):
            return name, n
    return ind, 0


#: Aspect particle after a verb or hedge (完成了, 实现了, 确保了), not 了解 (to learn).
ASPECT_RE = re.compile(r"了(?!解)")
#: Words before a verb that are no indicator (city corpus: 年开行180列 "a year", 新竣工310个,
#: 基本建成1.2万套, 统筹安排11亿元).
VERB_PREFIX_RE = re.compile(r"年|新|基本|统筹|共计|合计")
#: What is left after a verb that starts an indicator when the verb is part of the noun (完成率达140%,
#: 实施率分别达100%): keep the verb.
MEASURE_ONLY_RE = re.compile(r"(?:率|量|额|数|值|度|比例|比重)$")


def _post_noun(s: str, end: int, head_after_de: bool = False) -> tuple[str, int]:
    """Noun phrase after a count (``115个重大历史遗留问题``) up to punctuation or the next count.

    Returns (noun, offset where it ends); ("", end) when what follows is no noun (等…, 较低水平, 行列)."""
    m = re.match(r"[^，,；;。：:、！？（）()]{0,24}", s[end:])
    text = m.group(0) if m else ""
    text = text.removeprefix("的").removeprefix("大").strip("∶:")  # 14.7∶34.3∶51: a ratio, no noun
    if text.startswith(("等", "左右", "以上", "以下", "以内", "多", "余", "较", "更", "到", "至", "并", "和")):
        return "", end
    v = _verb_at_start(text)  # 连续三年荣获中国最具幸福感城市 → the honour; 提高到… → nothing
    if v:
        text = text[len(v):]
    masked = re.sub(r"“[^”]*”", lambda m: "名" * len(m.group(0)), text)  # numbers in quotes are names
    cut = re.search(r"(?:和|及|与)?(?:\d|[一二三四五六七八九十百千]+个)", masked)
    if cut:
        text = text[: cut.start()]
    if head_after_de and "的" in text[1:]:  # 100个左右真实可感的共同富裕典型案例 → the head noun
        text = text[text.rfind("的") + 1:]
    cut = re.search(r"(?<=.)(?:被|并|获|" + AT + r"|大幅|成为|列为|入选|实现|进入|达到|共同|得到|应|的)", text)
    if cut:
        text = text[: cut.start()]
    if text in POST_STOP:
        return "", end
    stop = s.find(text, end) + len(text)
    b = re.match(r"（[^）]{1,8}）", s[stop:])  # keep a bracket that qualifies the noun: 城中村（区块）
    if b:
        text += b.group(0)
        stop += b.end()
    return text, stop


def _counted_noun(s: str, qs: list[Quantity], k: int, named: bool) -> tuple[str, int]:
    """The noun the count ``qs[k]`` counts (``_post_noun``), or, where it has no noun before it
    (``named`` False) and a second measure of the same things follows it after 、, the noun after
    that one: 完成65条、总长度57.9公里的城市道路新建改造 (hailar 2017) counts 城市道路. The second figure
    keeps its own words (the offset returned is the first figure's end)."""
    q = qs[k]
    post, stop = _post_noun(s, q.end, bool(q.suffix))
    if post or named or k + 1 == len(qs) or q.size_class:
        return post, stop
    second = qs[k + 1]
    if second.unit != q.unit and SECOND_MEASURE_RE.fullmatch(s, q.end, second.start):
        noun, end = _post_noun(s, second.end, True)
        if noun and not CANDIDATE_DIGIT_RE.match(s, end):  # 50亿企业2户、10亿企业3户: 企业 is 3户's
            return _things_measured(noun), q.end
    return post, stop


def _things_measured(noun: str) -> str:
    """The things two measures share, without the work done on them (城市道路新建改造 → 城市道路: the
    count and the length are of the roads)."""
    v = _verb_at_end(noun)
    while v and len(noun) - len(v) >= 2:
        noun = noun[: -len(v)]
        v = _verb_at_end(noun)
    return noun


#: Words between two measures of the same things: 、 alone or with a measure noun (完成65条、总长度57.9公里
#: 的城市道路, hailar 2017). Corpus cities/, count、… before a second figure: 、 324, 、总投资 307, 、完成投资 111,
#: 、到位资金 44, 、资金 27, 、投资 24, 、年度投资 18, 、金额 16, 、面积 14 …; the others name another item
#: (、绿地, 、老旧小区, 、管网), as does a verb (培育100家企业税收千万元以上、帮扶100家减产企业).
SECOND_MEASURE_RE = re.compile(r"、(?:[^，,；;。、\d]{0,4}(?:投资|资金|金额|投资额|总额|面积|长度|里程|总量|规模|容量|产值))?")


#: Separators of list parts; 和 of 和谐 (镇江 2014: 城乡和谐社区达标率分别达85.6%和88.3%) joins none.
PART_SEP = r"、|和(?!谐)|及(?!以上|以下)|与"


def _split_parts(ind: str) -> list[str]:
    """``A、B和C`` → parts; 及以上/及以下 qualify a part (省控及以上断面), they join none, nor does a 、
    in brackets (崇左 2025: 推动各县（市、区）分别打造…)."""
    if re.search(r"[（(][^）)]*[、和][^）)]*[）)]", ind):
        masked = re.sub(r"[（(][^）)]*[）)]", lambda m: "名" * len(m.group(0)), ind)
        cuts = [0] + [x for m in re.finditer(PART_SEP, masked) for x in (m.start(), m.end())] + [len(ind)]
        return [ind[cuts[k]:cuts[k + 1]] for k in range(0, len(cuts), 2) if cuts[k] < cuts[k + 1]]
    return [p for p in re.split(PART_SEP, ind) if p]


#: Per-unit measures listed after one head (corpus: 单位GDP能耗、水耗分别下降…, national 2016
#: 单位国内生产总值用水量、能耗、二氧化碳排放量分别下降…): the head belongs to every part.
PER_UNIT_HEAD_RE = re.compile(r"^(?:单位|每万元|万元)(?:国内|地区)?(?:生产总值|GDP|工业增加值|规上工业增加值)")


#: Last characters of a list item that is a noun of its own, not an industry's name waiting for 产业
#: (制造业、高技术产业投资; 工业经济、城镇人口、…文化产业比重; …功能区、浦和产业合作示范区; 工业投资、
#: …高新技术产业投资: corpus cities/, one report in three).
WHOLE_NOUN_ENDS = tuple("业济口区资园")


def _share(parts: list[str]) -> list[str]:
    """Give each list part the shared head/tail: 生活垃圾、污水处理能力 → 生活垃圾处理能力, 污水处理能力;
    生产安全事故起数、死亡人数 → 生产安全事故起数, 生产安全事故死亡人数; 单位GDP能耗、水耗 →
    单位GDP能耗, 单位GDP水耗; the thing counted too: 上市过会和报会企业 → 上市过会企业, 报会企业;
    industries named before 产业/行业 and its measure: 电子信息、纺织服装产业集群营收 → 电子信息产业集群营收,
    纺织服装产业集群营收 (not where an item is a noun of its own, ``WHOLE_NOUN_ENDS``)."""
    if len(parts) < 2:
        return parts
    per_unit = PER_UNIT_HEAD_RE.match(parts[0])
    if per_unit:
        h = per_unit.group(0)
        return [parts[0]] + [p if p.startswith(("单位", "万元", "每")) else h + p for p in parts[1:]]
    last, first = parts[-1], parts[0]
    short = max(len(p) for p in parts[:-1])
    if short <= 3 and len(last) >= short + 4 and not any(p.endswith(MEASURE_TAILS + COUNT_TAILS) for p in parts[:-1]):
        # short qualifiers before one long indicator share its head: 城镇、农村居民人均可支配收入 →
        # 城镇居民人均可支配收入; 国控、省控及以上断面水质比例 → 国控断面水质比例
        head = re.sub(r"^(?:及以上|及以下|以上|以下)", "", last[len(first):])
        return [p + head for p in parts[:-1]] + [last]
    tail = ""
    industry = re.search(r"(?<=.{2})(?:产业|行业)(?=.)", last)  # with a measure after it (not 建材等传统产业)
    by_industry = bool(industry) and not any("产业" in p or "行业" in p or p.endswith(WHOLE_NOUN_ENDS) for p in parts[:-1])
    if by_industry:
        # 电子信息、纺织服装产业集群营收: each item is an industry (and 三大产业分别实现营业收入 names
        # no verb in the items' indicators)
        tail = re.sub(r"(?:分别|均|各)(?:实现|完成|达到|达)?", "", last[industry.start():])
    for t in () if tail else MEASURE_TAILS + COUNT_TAILS:
        p = last.find(t, 2)
        if p >= 2 and last.endswith(last[p:]) and last[p:].startswith(t):
            tail = last[p:]
            break
    head = ""
    for t in MEASURE_TAILS:
        if first.endswith(t) and len(first) > len(t) + 1 and all(len(x) <= len(t) + 3 for x in parts[1:]):
            head = first[: -len(t)]
            break
    out = []
    for k, p in enumerate(parts):
        q = p
        if tail and k < len(parts) - 1 and not p.endswith(MEASURE_TAILS + COUNT_TAILS):
            q = p + tail
        if head and k > 0 and not p.startswith(head):
            q = head + q
        out.append(q)
    if by_industry:
        out[-1] = last[:industry.start()] + tail
    return out


#: Compounds of two indicators read apart by 分别 over two figures: 城乡 (城乡居民人均可支配收入分别增长
#: 7.5%、8.5%), 存贷款 (遵义 2023: 金融机构存贷款余额分别增长8%左右、11%左右; corpus cities/: ~130 存贷款余额
#: 分别), 内外资 (实际利用内外资分别增长12%和10%). Not 进出口: one indicator of its own (trade), and in
#: the corpus 进出口总额分别 follows a list (外贸进出口总额、实际利用外资分别…).
PAIR_COMPOUNDS = (("城乡", "城镇", "农村"), ("存贷款", "存款", "贷款"), ("内外资", "内资", "外资"))
#: A ratio or gap between the pair's parts is one indicator (城乡居民收入比缩小到1.93, wenzhou 2022;
#: 城乡居民收入倍差), not a comparison (城乡居民人均可支配收入分别比2016年增加13605元、7907元).
PAIR_RATIO_RE = re.compile(r"收入比|之比|倍差|差距")


def _pair_of(ind: str) -> Optional[tuple[str, str, str]]:
    """The paired compound ``ind`` is read apart by (``PAIR_COMPOUNDS``), None for a ratio of the pair or
    for an indicator without one."""
    return None if PAIR_RATIO_RE.search(ind) else next((p for p in PAIR_COMPOUNDS if p[0] in ind), None)


def _part_count(ind: str) -> int:
    """Number of indicators a figure given with 各/均/分别 applies to: the parts of ``A、B…``, or the two
    of a paired compound (城乡居民人均可支配收入均增长8% → 城镇…, 农村…)."""
    parts = len(_split_parts(ind))
    return 2 if parts == 1 and _pair_of(ind) else parts


def _distribute(ind: str, n: int) -> Optional[list[str]]:
    """Indicators for ``n`` figures given with 分别/各/均 (城乡 → 城镇/农村, 存贷款 → 存款/贷款; A、B… →
    parts), else None. A ratio of the pair (城乡居民收入比) is one indicator."""
    pair = _pair_of(ind) if n == 2 and len(_split_parts(ind)) == 1 else None
    if pair:  # not in a list of its own: 城乡低保、农村五保对象救助标准 (锦州 2014) are two parts
        return [ind.replace(pair[0], part, 1) for part in pair[1:]]
    parts = _split_parts(ind)
    if len(parts) == n:
        return _share(parts)
    # 和/及/与 may join words inside one item: 现代家居、有色金属和新材料、电子信息、纺织服装产业集群营收
    # 分别达2700亿元、1800亿元、1700亿元、1100亿元 (赣州 2024) lists four items, not five
    listed = [item for _, item in _list_items(ind)]
    if n < len(parts) and len(listed) == n and max(len(p) for p in listed[:-1]) > 3:
        # (not 西和县、康县工业集中区: where 康县's name ends is unknown)
        return _share(listed)
    return None


#: Time frames that set the period of the figures after them (colleague's review of national 2016:
#: 到2020年…；届时，我国经济总量超过90万亿元 is a 2020 goal): 到/至/截至2020年(底), 到“十三五”末,
#: “十三五”时期/期间 (the whole plan period), 2021—2025年. Five-year plans: 十一五 2006-2010 …
#: 十四五 2021-2025, 十五五 2026-2030. Not a frame: the object of a verb (提高到2021年的7585亿元), the base
#: of a change or comparison (龙岩 2019: 比重由“十二五”末的35.8%提升至42%; corpus cities/: all 30 由“十X五”
#: are bases, and 较/比“十X五”末 compares with it) or the date of a figure (驻马店 2021: 均为“十二五”时期的2倍).
FRAME_RE = re.compile(r"(?<![高升加长降减大小上低增扩缩])(?:到|至|截至|截止到?)((?:19|20)\d\d)年(?:底|末)?(?!的)|"
                      r"(?<![由从较比与“])(?:到|至)?“?十([一二三四五])五”?(?:规划)?(末|期末|时期|期间)(?!的第?[\d一二两三四五六七八九十])|"
                      r"((?:19|20)\d\d)年?[-—－–至到]((?:19|20)\d\d)年")
#: A time word of the sentence's own (today's year, this year): no frame of an earlier sentence applies.
OWN_TIME_RE = re.compile(r"今年|明年|全年|当年|本年|年内|去年|上年|(?:19|20)\d\d年")
#: Looking back to the previous frame: 届时 (by then), 那时, 到那时.
THEN_RE = re.compile(r"届时|到那时|那时")
#: A year after 比/较/与…相比 is the base of a comparison, not the period (比2010年翻一番).
COMPARE_YEAR_RE = re.compile(r"(?:比|较|相比|同比|与|和)$")


def plan_span(digit: str) -> tuple[int, int]:
    """Years of the 十X五 plan: 三 → (2016, 2020)."""
    n = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}[digit]
    return 2001 + 5 * n, 2005 + 5 * n


@lru_cache(maxsize=256)
def _paragraph_frame(prev: str) -> Optional[str]:
    """The frame of the paragraph so far (``_frame``), None when a one-year word follows it.
    Cached: every figure of a sentence asks about the same preceding text."""
    frame = _frame(prev)
    if frame is not None:
        last = _last_frame(prev)
        if OWN_TIME_RE.search(FRAME_RE.sub("", prev[last.end():])):
            return None
    return frame


def _last_frame(text: str):
    last = None
    for m in FRAME_RE.finditer(text):
        last = m
    return last


def _frame(text: str) -> Optional[str]:
    """Period of the last time frame in ``text`` (see FRAME_RE), or None."""
    if "年" not in text and "五" not in text:
        return None
    last = _last_frame(text)
    if last is None:
        return None
    if last.group(1):
        return last.group(1)
    if last.group(2):
        lo, hi = plan_span(last.group(2))
        return str(hi) if last.group(3) in ("末", "期末") else f"{lo}-{hi}"
    lo, hi = int(last.group(4)), int(last.group(5))
    return f"{lo}-{hi}" if lo < hi else None


def _period_of(s: str, q: Quantity, ctx: SentenceContext) -> Optional[str]:
    """Period of one figure: a year right before it (2021年的…), else the last time frame before it in
    the sentence, else (届时, or no time word of its own) the last frame of the paragraph so far,
    else the year a multi-year paragraph opens with, else the part's period. A single-year frame
    does not apply to an average or total (年均, 累计) inside a multi-year part."""
    head = s[:q.start]
    m = YEAR_BEFORE_RE.search(s, max(0, q.start - 8), q.start)
    if m and not COMPARE_YEAR_RE.search(s, max(0, m.start() - 2), m.start()):
        return m.group(1)
    frame = _frame(head)
    if frame is None and ctx.previous and (THEN_RE.search(head) or not OWN_TIME_RE.search(head)):
        # a 届时 looks back to the last frame; otherwise the frame holds until another year is named
        frame = _frame(ctx.previous) if THEN_RE.search(head) else _paragraph_frame(ctx.previous)
    clause = s[_clause_start(s, q.start):q.start]
    multi = MULTI_YEAR_RE.search(clause)
    multi_part = bool(ctx.period) and "-" in ctx.period
    if frame is not None and ("-" in frame or not (multi_part and multi)):
        return frame
    if ctx.period and not multi_part and multi and not ONE_YEAR_WORD_RE.search(clause) and multi.group("base") != str(int(ctx.period) - 1):
        # 年均增长4.98%, 累计实施4047个, 较2015年增长58.4% in a review of “十三五”时期及2020年: not the year's
        return None
    return _paragraph_year(head, ctx) or ctx.period


#: Words that keep a total or average inside one year (全年累计, 今年以来).
ONE_YEAR_WORD_RE = re.compile(r"全年|今年|去年|当年|本年|年内|上年")
#: A paragraph that opens by naming one year sets the time frame of its figures inside a
#: multi-year part (national 2018's five-year review: 刚刚过去的2017年，…国内生产总值增长6.9%).
OPENING_YEAR_RE = re.compile(r"^[^，。；]{0,12}?((?:19|20)\d\d)年")
#: Words of an average or total over several years; 每年 not in a per-unit rate (national 2016: 财政补助由
#: 每人每年380元提高到420元 is the year's level).
MULTI_YEAR_RE = re.compile(r"年均|累计|平均每年|(?<!每[人户生亩])每年|连年|五年|多年|以来|(?:较|比)(?P<base>(?:19|20)\d\d)年")


def _paragraph_year(head: str, ctx: SentenceContext) -> Optional[str]:
    """The single year a paragraph's opening clause names, when the part spans several years and
    the year lies in that span; ``None`` otherwise (or when the figure is an average or total)."""
    if MULTI_YEAR_RE.search(head):
        return None
    return opening_year(ctx.previous or head, ctx.period)


#: A paragraph opening on the whole span (五年来, 过去五年, 回望五年): no single year holds.
SALUTATION_LEAD = r"各位代表[，,！!：:。]?"
MULTI_OPENING_RE = re.compile(r"^(?:" + SALUTATION_LEAD + r")?(?:五年来|过去五年|回望五年|回顾过去五年|回顾五年|这五年|五年间|五年前|"
                              r"“?十[一二三四五]五”?(?:时期|期间|以来|五年))")


def opening_year(text: str, period: Optional[str]) -> Optional[str]:
    """The single year the opening clause of ``text`` names (``各位代表，刚刚过去的2021年是…`` →
    ``"2021"``; ``刚刚过去的一年`` → the period's last year) when ``period`` spans several years and
    holds it; else None. A short motto sentence before the opening is passed over."""
    if not period or "-" not in period:
        return None
    lo, hi = (int(x) for x in period.split("-", 1))
    body = SALUTATION_LEAD_RE.sub("", text)
    for candidate in (body, SHORT_LEAD_RE.sub("", body)):
        opening = candidate.split("，", 1)[0]
        if LAST_YEAR_OPENING_RE.match(opening):
            return str(hi)  # 各位代表！刚刚过去的一年，… in a review of 2016-2020 given in 2021
        m = OPENING_YEAR_RE.match(opening)
        if m:
            if _closes_plan(candidate):
                return None  # 2015年是“十二五”收官之年。过去五年，…: the year opens the whole plan
            return m.group(1) if lo <= int(m.group(1)) <= hi else None
    return None


SALUTATION_LEAD_RE = re.compile("^" + SALUTATION_LEAD)
#: The reviewed year announced as the close of a plan (national 2016: 2015年是“十二五”收官之年。过去五年，…;
#: 永州 2021: 各位代表，2020年是“十三五”规划收官之年。经过五年持续奋斗，…).
PLAN_CLOSE_RE = re.compile(r"十([一二三四五])五”?(?:规划)?的?(?:收官之年|收官年|最后一年|圆满收官)")


#: What the sentence after a plan's close opens with when the paragraph reviews the plan (经过五年持续奋斗);
#: 鹰潭 2016's 2015年是完成“十二五”规划的收官之年，是…重要一年 goes on with the year.
AFTER_CLOSE_RE = re.compile(r"^(?:经过五年|五年来|过去五年|回望五年|回顾五年|这五年|五年间|“?十[一二三四五]五”?(?:时期|期间|以来))")


def _closes_plan(body: str):
    """The match of ``PLAN_CLOSE_RE`` when ``body`` opens on the plan its year closes and its next
    sentence turns to the plan's years (2015年是“十二五”收官之年。过去五年，…), else None."""
    first, _, rest = body.partition("。")
    close = PLAN_CLOSE_RE.search(first)
    return close if close and AFTER_CLOSE_RE.match(rest) else None


def span_opening(text: str, period: Optional[str]) -> Optional[str]:
    """In a review of one year, the span a paragraph turns to when it opens on the whole plan or five
    years (五年来, 过去五年, ``2015年是“十二五”收官之年``): the plan's years, or the five years ending with
    the reviewed one; None when it does not (or ``period`` is no single year)."""
    if not period or not period.isdigit():
        return None
    year = int(period)
    body = SALUTATION_LEAD_RE.sub("", text)
    first = body.split("。", 1)[0]
    close = _closes_plan(body)
    if not close and not MULTI_OPENING_RE.match(body):
        return None
    named = close or re.search(r"十([一二三四五])五", first)
    lo, hi = plan_span(named.group(1)) if named else (year - 4, year)
    return f"{lo}-{hi}" if lo <= year <= hi else None
#: Short sentences (a motto, a couplet) before the opening clause: 汕尾 2022 各位代表。星光不负赶路人，
#: 江河眷顾奋楫者。刚刚过去的2021年，…
SHORT_LEAD_RE = re.compile(r"^(?:[^。！？]{1,20}[。！？])+(?=.{21})")
#: An opening on the last year of a multi-year review without its number (黄冈 2021, reviewing
#: “十三五”: 各位代表！刚刚过去的一年，极不平凡…; 过去一年, 这一年, 一年来, 去年).
LAST_YEAR_OPENING_RE = re.compile(r"^(?:刚刚过去的一年|刚刚过去的这一年|过去的?一年|这一年|一年来|去年)")


def _start_period(pre: str, ctx: SentenceContext) -> Optional[str]:
    """Period of a starting level: the year written before it (从2016年的), the plan's end, start or
    span (由“十二五”末的 → 2015), else the year before a one-year period, else None."""
    m = YEAR_BEFORE_RE.search(pre)
    if m:
        return m.group(1)
    m = FROM_RE.search(pre)
    if m and m.group(1):
        lo, hi = plan_span(m.group(1))
        return {"末": str(hi), "期末": str(hi), "时期": f"{lo}-{hi}"}.get(m.group(2), str(lo))
    if ctx.period and ctx.period.isdigit():
        return str(int(ctx.period) - 1)
    return None


def _kind(sentence: str, clause: str, ctx: SentenceContext) -> str:
    if BACKGROUND_RE.search(clause) or (sentence.startswith("我国") and BACKGROUND_RE.search(sentence)):
        return "other"
    role = ctx.role
    if role == "review":
        return "achievement"
    if role in ("plan", "five_year", "self"):
        return "target"
    if role == "appendix":  # a glossary (注释, 名词解释) defines what the speech names; it sets nothing
        return "other"      # (岳阳 2014: “三个一批”竞赛活动：是指…力争…50亿元以上, break test)
    if "预计" in sentence and not re.search(r"到20\d\d年", sentence):
        return "achievement"  # 预计全年…: an estimate of the year's result
    return "target" if FUTURE_RE.search(sentence) else "other"


# Indicators of the 主要预期目标 list (README "main": GDP growth, fiscal revenue, income, employment, CPI …)
HEADLINE_KEYS = {"gdp", "fiscal_revenue", "fiscal_total_revenue", "unemployment_surveyed", "unemployment_registered",
                 "employment_new", "cpi", "fixed_investment", "retail_sales", "income_urban", "income_rural", "income",
                 "rd_share", "exports", "trade", "energy_intensity", "poverty", "grain", "industry_value_added"}


def _has_headline(text: str) -> bool:
    return any(indicator_key(t.indicator) in HEADLINE_KEYS for t in _raw_targets(text, SentenceContext()))


#: After a multi-year word: a plan document (“十四五”规划) or the year's place in the period
#: (2021年是“十四五”开局之年): no frame for the list.
_DOC_OR_YEAR_ROLE_RE = re.compile(r"”?(?:发展)?(?:规划|纲要)|”?(?:规划)?的?(?:开局|起步|收官|关键|决胜|攻坚|第[一二三四五]年|"
                                  r"承上启下|冲刺)")


def _names_a_document(text: str, pos: int, stop: int) -> bool:
    """The multi-year word at ``pos`` names a plan document (inside 《…》, or …规划/纲要 follows) or
    places the year in the period (…开局之年), and is not the time frame of the list (corpus: 根据《…第十四个五年规划和二〇三五年远景目标的建议》，全市…主要预期目标是)."""
    close, opening = text.find("》", pos, stop), text.find("《", pos, stop)
    return (close >= 0 and (opening < 0 or close < opening)) or bool(_DOC_OR_YEAR_ROLE_RE.match(text, pos, pos + 12))


#: Words that refer back to a list already given (national 2018: 上述主要预期目标，考虑了…).
BACK_REF_RE = re.compile(r"(?:上述|以上|这些|这一|前述)$")


def _main_announcement(text: str) -> Optional[bool]:
    """True where ``text`` announces the year's headline list, False where it announces a multi-year
    list, None where it announces none."""
    m = MAIN_RE.search(text)
    if not m or BACK_REF_RE.search(text, 0, m.start()):
        return None  # 上述主要预期目标，考虑了… looks back at the list, it announces none
    clause_start = max(text.rfind(d, 0, m.start()) for d in "。；;！？") + 1
    multi = [x.end() for x in MULTI_YEAR_LIST_RE.finditer(text, clause_start, m.start())
             if not _names_a_document(text, x.end(), m.start())]
    if not multi:
        return True
    one = [x.end() for x in ONE_YEAR_RE.finditer(text, clause_start, m.start())]
    return bool(one) and one[-1] > multi[-1]


#: Words of a sentence that is no item of the list: it looks back at the list (上述, 这些, 这一系列, 这样的;
#: at its start 以上目标, 确定以上…), comments on it (充分考虑了, 体现了, 需要说明的是), says how it will be met
#: (at its start: 在实际工作中, 为实现, 围绕, 我们将, 重点…), or announces the work to come (以下…工作, …：).
#: Corpus cities/: the sentences after a headline list closed by 。 in its paragraph (336 paragraphs) that
#: are no items hold one of these; items may end on a remark (益阳 2023: …粮食产量46.8亿斤以上，在实际工作中
#: 争取更好的结果) and hold 以下 as a bound (控制在5‰以下).
LIST_END_RE = re.compile(r"上述|这些|这一系列|这样的|考虑了|体现了|兼顾了|衔接|有利于|说明的?是|以下[^。，；%‰]{0,10}(?:工作|方面|任务)|"
                         r"[：:]$|^(?:以上|这一|这个|这里|为此|在?(?:实际|具体)工作|为实现|为确保|为完成|要实现|围绕|我们|同时|新的一年|"
                         r"重点|着力|突出|提出|确定|需要)")
#: Longest sentence taken as an item without a headline figure of its own (corpus cities/, items after a
#: list's first 。: 居民收入稳步增长 9, 约束性指标完成省定任务 12 … 城镇登记失业率…完成呼伦贝尔市确定的目标
#: 45 (hailar 2019); the longer ones are prose: 以提高经济增长质量效益为中心，…构建内涵式发展新格局 50).
LIST_ITEM_MAX = 45
SENTENCE_RE = re.compile(r"[^。！？!?]*[。！？!?]")


#: A time frame of several years, an average over years or a target year: the sentence is no item of the
#: year's list (克孜勒苏 2021, corpus: 主要目标是：经济发展取得新成效…。“十四五”期间，力争实现地区生产总值年均
#: 增长7%以上；…; 张掖 2017: 经济社会发展的主要目标是：生产总值年均增长8%以上，突破600亿元。…).
#: Items that leave a figure to the province's plan (约束性指标完成省下达任务) read as items of any length.
LIST_WORDS_RE = re.compile(r"约束性指标|完成[^，。；]{0,12}(?:下达|省定|确定|核定)")
LIST_FRAME_RE = re.compile(MULTI_YEAR_LIST_RE.pattern + r"|年均|到(?:19|20)\d\d年")


@lru_cache(maxsize=512)
def _list_item(sentence: str) -> bool:
    """True where a sentence (up to 。 or ；) reads as an item of a headline list: no word of
    ``LIST_END_RE`` nor a time frame of several years, and short or stating a headline indicator (in
    figures or in words)."""
    if LIST_END_RE.search(sentence) or any(not _names_a_document(sentence, x.end(), len(sentence))
                                           for x in LIST_FRAME_RE.finditer(sentence)):
        return False
    if len(sentence) <= LIST_ITEM_MAX or LIST_WORDS_RE.search(sentence) or _has_headline(sentence):
        return True
    return any(t.indicator_key in HEADLINE_KEYS for t in word_items(sentence, [], SentenceContext()))


#: Most sentences looked back over for the announcement of a list closed by 。 (the longest such list in
#: the corpus has 8 items: 定西 2020).
LIST_RUN_MAX = 16
PIECE_RE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")


def _announced_before(prev: str, sentence: str) -> Optional[bool]:
    """A headline list whose items are 。-sentences (hailar 2019: 主要预期目标是：地区生产总值增长3.5%左右。
    固定资产投资扭转下滑态势，实现正增长。城乡常住居民人均可支配收入分别增长7%和8%左右。…): the value of
    the announcement (``_main_announcement``) of an earlier 。-sentence of ``prev`` where every sentence
    (up to 。 or ；) from there to ``sentence`` reads as an item (``_list_item``), else None."""
    cut = max(prev.rfind(d) for d in "。！？!?") + 1
    if cut == 0 or not all(_list_item(p) for p in PIECE_RE.findall(prev[cut:] + sentence)):
        return None
    for sent in reversed(SENTENCE_RE.findall(prev, 0, cut)[-LIST_RUN_MAX:]):
        m = _main_announcement(sent)
        if m is not None:
            return m
        if not all(_list_item(p) for p in PIECE_RE.findall(sent)):
            return None
    return None


def is_main(sentence: str, ctx: SentenceContext, records: list = ()) -> bool:
    """True where the sentence stands in the 主要预期目标 list.

    - the sentence announces the list (主要预期目标是：…), or the text of ``ctx.previous`` after its last
      。 does (a parser may pass the paragraph's preceding text; the list runs as ；-items);
    - or an earlier 。-sentence of ``ctx.previous`` does and the sentences since read as items of the list
      (``_announced_before``: lists whose items end with 。);
    - or, in a plan part, ``ctx.previous`` is a ；-item with a headline indicator and this sentence
      states a headline indicator too (items 3, 4 … of the list when only one previous sentence is known).
    """
    m = _main_announcement(sentence)
    if m is not None:
        return m
    prev = ctx.previous or ""
    run = prev[max(prev.rfind(d) for d in "。！？!?") + 1:]
    m = _main_announcement(run)
    if m is None:
        m = _announced_before(prev, sentence)
    if m is not None:
        return m
    if ctx.role != "plan" or not prev.endswith(("；", ";")):
        return False
    return any(r.indicator_key in HEADLINE_KEYS for r in records) and _has_headline(prev)


def extract_targets(sentence: str, ctx: Optional[SentenceContext] = None) -> list[Target]:
    """Quantified statements of one whitespace-free sentence → list of ``Target`` in text order.

    ``ctx`` gives role/period/previous sentence (``SentenceContext``); offsets ``start``/``end`` index
    ``sentence``; values are in the unit as written, ``base_value``/``base_unit`` in the base unit.
    ``link`` of a dual target holds the index (as a string) of its partner in the returned list.
    """
    ctx = ctx or SentenceContext()
    out = _raw_targets(sentence, ctx)
    words = word_items(sentence, out, ctx) if ctx.role in ("plan", None) else []
    if (out or words) and is_main(sentence, ctx, out + words):
        # only commitments are headline targets (README "main"), and in a sentence that announces the
        # list only the figures after the announcement (corpus: 较好实现了…确定的主要预期目标 in reviews)
        ann = MAIN_RE.search(sentence)
        for t in out:
            t.main = t.kind == "target" and not (ann and t.end <= ann.start())
        words = [t for t in words if not (ann and t.end <= ann.start())]
        if words:
            out = sorted(out + words, key=lambda t: t.start)
    for k, t in enumerate(out):
        if t.link is not None:
            partner = next((j for j, u in enumerate(out) if u is not t and u.link is not None
                            and (u.start, u.end) == tuple(map(int, t.link[1:].split("-")))), None)
            t.link = str(partner) if partner is not None else None
    return out


#: Items of a headline list stated in words, recorded with value null (gold README: 一般公共预算收入与
#: 经济增长基本同步). The first two forms name any indicator; the third only a canonical one
#: (进出口稳中向好, 国际收支基本平衡 is left out: no key), since these predicates are common prose too.
CANDIDATE_DIGIT_RE = re.compile(r"[0-9０-９]")
_ISSUED = r"(?:全面|确保|力争)?完成(?:国家|省|市|区|县|上级)?(?:政府)?下达的?"
WORD_ITEM_RES = (
    # 与经济增长基本同步; 与经济同步增长 (芜湖 2020)
    re.compile(r"(?P<ind>.{2,40}?)(?P<verb>(?:要|将)?(?:与|和|同)(?:经济增长|经济发展|经济)(?:基本)?同步(?:增长)?)"),
    re.compile(r"(?P<verb>" + _ISSUED + r")(?P<ind>.{2,20}?)(?:计划|年度)?(?:目标任务|目标|任务)"),
    # 节能减排完成省政府下达目标 (芜湖 2020), 能耗及生态环境质量指标完成省政府下达任务 (2021),
    # 节能减排和环境保护指标完成省下达目标任务 (绵阳 2023)
    re.compile(r"(?P<ind>.{2,20}?)(?P<verb>" + _ISSUED + r"(?:计划|年度)?(?:目标任务|目标|任务))"),
)
#: Predicates of an item in words. 正增长 (growth above zero; corpus cities/ lists: 进出口总额实现/保持/力争
#: 正增长) and a turn of a decline (hailar 2019: 固定资产投资扭转下滑态势，实现正增长).
WORD_PRED = (r"(?:保持)?(?:基本)?(?:稳定|平衡|持平)|稳中(?:向好|提质|有升|有进|有增|有降)|"
             r"(?:继续|持续|稳步|进一步)(?:下降|改善|提高|增长|减少)|(?:力争|确保)?(?:实现|保持)?正增长|"
             r"扭转(?:下滑|下降|下行)(?:态势|趋势|局面)")
WORD_KEYED_RE = re.compile(r"(?P<ind>.{2,20}?)(?P<verb>" + WORD_PRED + ")")
#: A clause that is nothing but such a predicate goes on with the item before it (…扭转下滑态势，实现正增长).
WORD_PRED_RE = re.compile(WORD_PRED)
CLAUSE_RE = re.compile(r"[^，,；;。：:！？]+")
#: A word every form above holds: a sentence without a numeral or one of these has no item in words.
WORD_ITEM_HINT = re.compile(r"同步|下达|稳定|平衡|持平|稳中|继续|持续|稳步|进一步|正增长|扭转")
WORD_HEDGE_RE = re.compile(r"(?:确保|力争|争取|努力)?")


def word_items(sentence: str, found: list[Target], ctx: SentenceContext) -> list[Target]:
    """Clauses of ``sentence`` that state a target in words only (no number), as ``Target`` records
    with ``value``/``unit``/``bound`` None, kind ``target``, ``verb`` the predicate as worded. The
    caller keeps them only in a headline list (``is_main``). ``found``: the sentence's quantified
    records, whose clauses are skipped."""
    taken = [(t.start, t.end) for t in found]
    out = []
    clauses = list(CLAUSE_RE.finditer(sentence))
    for k, c in enumerate(clauses):
        if any(a < c.end() and c.start() < b for a, b in taken) or CANDIDATE_DIGIT_RE.search(c.group(0)):
            continue
        if out and out[-1].end == c.start() - 1 and sentence[out[-1].end] in "，," and WORD_PRED_RE.fullmatch(c.group(0)):
            last = out[-1]  # 固定资产投资扭转下滑态势，实现正增长: one item
            last.verb, last.end = f"{last.verb}，{c.group(0)}", c.end()
            last.text = sentence[last.start:last.end]
            continue
        m = next((r.fullmatch(c.group(0)) for r in WORD_ITEM_RES if r.fullmatch(c.group(0))), None)
        if m is None:
            m = WORD_KEYED_RE.fullmatch(c.group(0))
            if m is None or indicator_key(m.group("ind")) is None:
                continue
        hedge = WORD_HEDGE_RE.match(m.group("ind"))
        modality = hedge.group(0) or next((w for w in ("确保", "力争", "基本") if w in m.group("verb")), None)
        # 财政收入（剔除减税降费影响）、居民可支配收入与经济同步增长: one record per indicator (gold README:
        # lists give one record each), the first span the whole clause, each later one running from
        # its indicator to the clause's end
        offset = c.start() + m.start("ind") + hedge.end()
        for k_item, (piece_start, ind) in enumerate(_list_items(m.group("ind")[hedge.end():])):
            if len(ind) < 2:  # 确保完成省政府下达的任务: no indicator named
                continue
            start = c.start() if k_item == 0 else offset + piece_start
            out.append(Target(text=sentence[start:c.end()], value=None, unit=None, indicator=ind,
                              indicator_key=indicator_key(ind), verb=m.group("verb"), bound=None, kind="target",
                              period=ctx.period, main=True, start=start, end=c.end(),
                              sentence=sentence, modality=modality))
    return out


def _list_items(ind: str) -> list[tuple[int, str]]:
    """(offset, item) of each item of ``ind`` split at a 、 outside brackets, when every item has at
    least two characters; else ``[(0, ind)]``."""
    items, depth, start = [], 0, 0
    for k, ch in enumerate(ind):
        if ch in "（(“《":
            depth += 1
        elif ch in "）)”》":
            depth -= 1
        elif ch == "、" and depth == 0:
            items.append((start, ind[start:k]))
            start = k + 1
    items.append((start, ind[start:]))
    return items if len(items) > 1 and all(len(x) >= 2 for _, x in items) else [(0, ind)]


#: What after a count in ``COUNTERS`` is no noun it counts: an adverb (12个全部建成, 3家均已投产) or a
#: time word. Otherwise the count counts the noun after it even when words stand before the count (宁德
#: 2023 作业区8个泊位建设, 珠海 入驻18家涉澳金融企业): blind annotation of four unseen reports
#: (bench/reviewed/targets/), indicator accuracy 0.862 → 0.873 (黄石 2018), 0.901 → 0.908 (本溪 2025),
#: 0.902 → 0.909 (平顶山 2022); Wenzhou 2022 and national 2019 gold unchanged.
POST_NOT_NOUN_RE = re.compile(r"全|均|都|已|基本|相继|先后|分别|共|正|也|还|又|同比|以|次|年|月|天")


def _raw_targets(sentence: str, ctx: SentenceContext) -> list[Target]:
    s = sentence
    qs = scan_quantities(s)
    if len(qs) > 1:  # 连续N年 qualifying another number goes into the period (README)
        qs = [q for q in qs if not (q.unit == "年" and q.prefix == "" and s.endswith("连续", 0, q.start))]
    if not qs:
        return []
    main = False
    out: list[Target] = []
    prev_ind, prev_q, consumed, prev_verb = "", None, 0, None
    for k, q in enumerate(qs):
        cstart = _clause_start(s, q.start)
        seg_start = max(cstart, consumed)
        pre_raw = s[seg_start:q.start]
        from_start = bool(FROM_RE.search(pre_raw)) and bool(TO_RE.match(s[q.end:]))
        pre = FROM_RE.sub("", pre_raw) if from_start else pre_raw
        pre = YEAR_WORD_RE.sub("", pre)
        ind, verb, verb_last = _strip_verbs(pre)
        verb = verb or _prefix_verb(q)
        ind_start = seg_start + (pre_raw.find(ind) if ind and ind in pre_raw else len(pre_raw))
        consumed = q.end
        before_noun = len(ind) <= 2 or verb_last or pre_raw.endswith(("的", "等", "、", "和"))
        if not q.rank and not from_start and (before_noun or q.unit in COUNTERS):
            post, stop = _counted_noun(s, qs, k, bool(ind))
            if not before_noun and (POST_NOT_NOUN_RE.match(post) or "排名" in post or "排位" in post):
                post = ""
            if post:  # the number counts the noun after it: 化解115个重大历史遗留问题
                ind, ind_start, consumed = post, q.start, stop
        # 总量突破700亿元 (the total of the indicator before), not 规模以上工业增加值 (a name of its own)
        generic = (ind.startswith(GENERIC) and len(ind) <= GENERIC_MAX) or ind.startswith(("比", "较", "占")) or (q.rank and not ind)
        if (not ind or generic) and not prev_ind and not q.rank:
            # 市场主体逆势增长，净增6.2万户，总数达到49.3万户 (绵阳 2023): the clause before names it
            prev_ind = _clause_subject(s[_clause_start(s, max(0, cstart - 1)):max(0, cstart - 1)])
        inherited = False
        if ind and prev_ind and MEASURE_WORD_RE.fullmatch(ind) and not generic:
            # 粮食播种面积628.1万亩、总产量46.74亿斤 (绵阳 2023): the measure of the same thing → 粮食总产量
            head = MEASURE_TAIL_END_RE.sub("", prev_ind)
            ind = head + ind if len(head) >= 2 and head != prev_ind else ind
        if (not ind or generic) and prev_ind:
            # 826.4万亩、占全省27.2% (city corpus): the share of the quantity before it
            ind = prev_ind + (ind if ind.startswith(GENERIC + ("占",)) else "")
            inherited = True
            ind_start = prev_q.start if prev_q else ind_start
        if prev_ind and ind and not size_class(ind)[1]:
            # 亿元以上单体制造业项目180个、10亿元以上30个: the class of the thing counted before it
            head = size_class(prev_ind)[1]
            ind = ind + head if head else ind
        if q.rank and "排名" not in ind:
            ind = ind + "排名" if ind else "排名"
        if verb is None and prev_verb and inherited is False and not ind.startswith(("“",)) and (
                seg_start > cstart or s.startswith("其中", cstart)):
            verb = prev_verb  # the verb of the figure before, in this clause or the one a 其中 details
        clause = s[cstart:q.end + 6]
        kind = "other" if from_start or s.startswith("群体", q.end) else _kind(s, clause, ctx)
        period = _start_period(pre_raw, ctx) if from_start else _period_of(s, q, ctx)
        mod = None
        head = s[:q.start]
        semi = max(head.rfind("；"), head.rfind(";"))
        mods = list(MODALITY_RE.finditer(head[semi + 1:]))
        if mods:
            mod = mods[-1].group(0)
            if mod in ("基本", "可") and not re.search(mod + r"(?:达到|实现|完成|降至|提高|稳定|持平|建成)", head[semi + 1:]):
                mod = None
        bound = q.bound_hint or _verb_bound(verb)
        if q.unit in ("分钟", "小时") and re.match(r"[^，；。]{0,8}圈", s[q.end:]):
            bound = "at_most"  # 15分钟生活圈: reachable within the time
        base_value, base_unit = to_base(q.value, q.unit)
        t = Target(text=s[min(ind_start, q.start):q.end], value=q.value, unit=q.unit, indicator=ind,
                   indicator_key=indicator_key(ind), verb=verb, value_max=q.value_max, base_value=base_value,
                   base_unit=base_unit, bound=bound, modality=mod, kind=kind, period=period, main=main,
                   start=min(ind_start, q.start), end=q.end, sentence=s, estimate=mod == "预计")
        # dual target: 增长7.5%左右，力争8%
        if prev_q is not None and out and STRETCH_RE.match(s[prev_q.end:q.start]) and q.unit == prev_q.unit:
            base = out[-1]
            t.indicator, t.indicator_key, t.role, base.role = base.indicator, base.indicator_key, "stretch", "base"
            t.link, base.link = f"@{base.start}-{base.end}", f"@{t.start}-{t.end}"
            t.verb = t.verb or base.verb
        out.append(t)
        prev_ind = ind.removesuffix("排名") if q.rank else ind
        # only the verb of the figure just before carries (not one from an earlier clause: 力争港口货物吞吐量
        # 1亿吨、集装箱吞吐量150万标箱 after 新增…航线5条 has no verb, wenzhou 2024)
        prev_q, prev_verb = q, verb
    return _expand_lists(s, qs, out)


def _verb_bound(verb: Optional[str]) -> str:
    """The bound a verb sets on its figure (控制在 → at_most, 突破/超过 → at_least), else exact."""
    return ("at_most" if (verb or "") in ("控制在", "不高于", "不超过") else
            "at_least" if (verb or "") in ("突破", "超过", "超", "不低于", "不少于", "迈上", "跻身") else "exact")


def _prefix_verb(q: Quantity) -> Optional[str]:
    """The bound word before the number when it is a verb (突破, 超过, 超, 不低于 …: README "verb";
    gold 高新技术企业数突破3000家, 为企业减负超300亿元), else None. 近/约/上 are no verbs."""
    return q.prefix if q.prefix in _VERB_SET else None


#: A clause that is only 分别 and a verb (…，分别增长11.5%和14%): it names no indicator of its own.
BARE_SPREAD_RE = re.compile(r"(?:并|均|同比|比上年)?分别(?:比上年|同比)?(?:增长|下降|提高|增加|减少|达到|达|为)?")
#: Joins between the figures of a 分别 list: ``分别下降4%和4.3%`` as well as ``分别增长7.8%、9.3%`` (corpus).
LIST_JOINS = ("、", "和", "及", "与", "、和")


def _expand_lists(s: str, qs: list[Quantity], out: list[Target]) -> list[Target]:
    """分别 over runs ``7.8%、9.3%`` (or ``4%和4.3%``); 各/均 and rates on ``A、B排放量`` copied to each part."""
    res: list[Target] = []
    k = 0
    while k < len(out):
        j = k
        while j + 1 < len(out) and s[qs[j].end:qs[j + 1].start] in LIST_JOINS:
            j += 1
        t = out[k]
        pre = s[max(0, t.start):qs[k].start]
        # 分别 lists, runs of ranks after a compound subject (辣椒、茶叶种植面积稳居…第1和第2位, zunyi 2023) and
        # two figures of one unit on a paired compound (绵阳 2022: 城乡居民人均可支配收入增长8%、9%)
        if j > k and ("分别" in pre or all(qs[m].rank for m in range(k, j + 1))
                      or (j == k + 1 and qs[k].unit == qs[j].unit and _pair_of(t.indicator))):
            names = _distribute(t.indicator, j - k + 1)
            before = [r.indicator for r in res[-(j - k + 1):]] if len(res) >= j - k + 1 else []
            if (names is None and BARE_SPREAD_RE.fullmatch(s[_clause_start(s, qs[k].start):qs[k].start])
                    and len(set(before)) == len(before) == j - k + 1):
                # 接待游客4950万人次，实现旅游总收入648亿元，分别增长11.5%和14%: a clause of 分别 alone
                # spreads its figures over the figures before it, in order (常州 2015, a blind pair)
                names = before
            for m in range(k, j + 1):
                r = out[m]
                r.indicator = names[m - k] if names else t.indicator
                if qs[m].rank and "排名" not in r.indicator:  # 分别居全省第1、第4和第6位 (乐山 2022)
                    r.indicator += "排名"
                r.indicator_key = indicator_key(r.indicator)
                if r.verb is None and t.verb:  # 超过4.55万元、2.28万元: the verb and its bound hold for both
                    r.verb = t.verb
                    r.bound = _verb_bound(t.verb) if r.bound == "exact" and not qs[m].bound_hint else r.bound
                res.append(r)
            k = j + 1
            continue
        parts = None
        each = EACH_RE.search(s, 0, qs[k].start)
        if each and not re.search(r"、|和", t.indicator):
            cstart = _clause_start(s, qs[k].start)
            whole, _, _ = _strip_verbs(s[cstart:each.start()])
            if len(_split_parts(whole)) > 1:
                t.indicator, t.start = whole + ("排名" if qs[k].rank and "排名" not in whole else ""), cstart
        if each or (t.unit in PERCENT_UNITS and "比" not in t.indicator):
            parts = _distribute(t.indicator, _part_count(t.indicator))
            if parts and len(parts) > 1 and not each:
                # without 各/均 only a rate over parts sharing a measure (二氧化硫、氮氧化物排放量) is split
                parts = parts if all(p.endswith(MEASURE_TAILS) for p in parts) and "、" in t.indicator else None
        if parts and len(parts) > 1:
            for p in parts:
                r = Target(**{**t.__dict__, "indicator": p, "indicator_key": indicator_key(p)})
                res.append(r)
        else:
            res.append(t)
        k += 1
    return res
