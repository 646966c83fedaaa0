"""Target extraction on real sentences of the gold files (wenzhou-2022, national-2019) and samples."""
import pytest

from store.indicators import indicator_key, load_indicator_table
from store.target_model import SentenceContext
from store.targets import extract_targets
from _paths import SAMPLES

REVIEW5 = SentenceContext(role="review", report_year=2022, period="2017-2021")
REVIEW1 = SentenceContext(role="review", report_year=2019, period="2018")
PLAN = SentenceContext(role="plan", report_year=2022, period="2022")
PLAN19 = SentenceContext(role="plan", report_year=2019, period="2019")
FIVE = SentenceContext(role="five_year", report_year=2022, period="2022-2026")


def rows(sentence, ctx, *fields):
    fields = fields or ("indicator", "value", "unit", "bound", "kind")
    return [tuple(getattr(t, f) for f in fields) for t in extract_targets(sentence, ctx)]


def test_from_to_gives_start_other_and_end_achievement():
    s = ("积极应对新冠疫情冲击和经济下行压力，主要经济指标保持平稳增长，地区生产总值从2016年的5125亿元提高到2021年的"
         "7585亿元，年均增长7%，总量排名跨入全国30强；")
    got = extract_targets(s, REVIEW5)
    assert [(t.value, t.unit, t.kind, t.period) for t in got] == [
        (5125, "亿元", "other", "2016"), (7585, "亿元", "achievement", "2021"),
        (7, "%", "achievement", "2017-2021"), (30, "强", "achievement", "2017-2021")]
    assert all(t.indicator.startswith("地区生产总值") for t in got)
    assert got[3].bound == "at_most" and "排名" in got[3].indicator
    assert got[1].indicator_key == "gdp" and got[1].base_value == 7.585e11


def test_start_value_without_year_in_one_year_review():
    got = extract_targets("下调部分商品进口关税，关税总水平由9.8%降至7.5%。", REVIEW1)
    assert [(t.value, t.kind, t.period) for t in got] == [(9.8, "other", "2017"), (7.5, "achievement", "2018")]


def test_subject_ellipsis_and_level():
    s = "一般公共预算收入年均增长8.4%，财政总收入突破千亿元大关、达到1082亿元；"
    assert rows(s, REVIEW5, "indicator", "value", "bound") == [
        ("一般公共预算收入", 8.4, "exact"), ("财政总收入", 1000, "at_least"), ("财政总收入", 1082, "exact")]
    s = "国内生产总值增长6.6%，总量突破90万亿元。"
    assert rows(s, REVIEW1, "indicator", "value", "unit") == [("国内生产总值", 6.6, "%"),
                                                              ("国内生产总值总量", 90, "万亿元")]


def test_distributive_urban_rural():
    s = "城乡居民人均可支配收入分别增长7.5%、8.5%；"
    got = extract_targets(s, PLAN)
    assert [(t.indicator, t.indicator_key, t.value) for t in got] == [
        ("城镇居民人均可支配收入", "income_urban", 7.5), ("农村居民人均可支配收入", "income_rural", 8.5)]


def test_distributive_list_shares_the_measure():
    s = ("社保覆盖面持续扩大，户籍人口基本养老、基本医疗保险参保率分别达96.9%、99.3%，实现镇街居家养老服务中心全覆盖。")
    assert rows(s, REVIEW5, "indicator", "value") == [("户籍人口基本养老保险参保率", 96.9), ("基本医疗保险参保率", 99.3)]


def test_distributive_list_of_items_joined_inside_by_and():
    """赣州 2024 (corpus cities/, a blind reviewer's pair): four industries, one of them 有色金属和新材料,
    before 产业集群营收 with four figures; 和 inside an item made five parts, so nothing was distributed
    and no result could be linked to its target. Each item is an industry and gets the shared tail;
    a list whose items are nouns of their own keeps them (临沂 2018 普及率; 张家界 2020 工业投资)."""
    s = ("现代家居、有色金属和新材料、电子信息、纺织服装产业集群营收分别达2700亿元、1800亿元、1700亿元、1100亿元，"
         "5个开发区获批扩区调区。")
    assert rows(s, REVIEW1, "indicator", "value")[:4] == [
        ("现代家居产业集群营收", 2700), ("有色金属和新材料产业集群营收", 1800), ("电子信息产业集群营收", 1700),
        ("纺织服装产业集群营收", 1100)]
    s = "集中供热、管道燃气、公共供水普及率分别达到71%、93%和73%。"
    assert rows(s, REVIEW1, "indicator", "value") == [("集中供热普及率", 71), ("管道燃气普及率", 93), ("公共供水普及率", 73)]
    s = "工业投资、工业技改投资、高新技术产业投资分别增长12%、20%、25%。"
    assert [r[0] for r in rows(s, REVIEW1, "indicator")] == ["工业投资", "工业技改投资", "高新技术产业投资"]


def test_a_clause_of_bare_fenbie_spreads_over_the_figures_before():
    """常州 2015 (corpus cities/, a blind reviewer's pair): …接待国内外游客4950万人次，实现旅游总收入648亿元，
    分别增长11.5%和14%. Both growth rates took the nearest indicator (旅游总收入), so the tourism revenue
    target was linked to the visitors' growth; a clause that is only 分别 and a verb spreads its
    figures over the figures before it, in order (128 records in a third of the corpus)."""
    s = "旅游业发展势头良好，接待国内外游客4950万人次，实现旅游总收入648亿元，分别增长11.5%和14%。"
    assert rows(s, REVIEW1, "indicator", "value") == [
        ("接待国内外游客", 4950), ("旅游总收入", 648), ("接待国内外游客", 11.5), ("旅游总收入", 14)]
    # a 分别 clause that names its own parts keeps them
    s = "进出口总额和实际利用外资分别达到100亿美元和20亿美元，分别增长5%和8%。"
    assert [r[0] for r in rows(s, REVIEW1, "indicator")] == ["进出口总额", "实际利用外资", "进出口总额", "实际利用外资"]


def test_each_and_both():
    s = "提质建设“两带两园”，培育建设省级以上现代农业产业园和市级田园综合体各10个，大力发展农海产品精深加工和预制菜产业，打造十亿级特色农业全产业链10条。"
    assert rows(s, PLAN, "indicator", "value", "unit") == [
        ("省级以上现代农业产业园", 10, "个"), ("市级田园综合体", 10, "个"), ("十亿级特色农业全产业链", 10, "条")]
    s = "铁腕推进重点领域“遏重大”专项整治，生产安全事故起数、死亡人数较前两年平均数均下降20%以上。"
    assert rows(s, REVIEW1, "indicator", "bound") == [("生产安全事故起数", "at_least"),
                                                      ("生产安全事故死亡人数", "at_least")]


def test_rate_on_two_pollutants():
    s = "巩固扩大蓝天保卫战成果，今年二氧化硫、氮氧化物排放量要下降3%，重点地区细颗粒物（PM2.5）浓度继续下降。"
    assert rows(s, PLAN19, "indicator", "value", "kind") == [("二氧化硫排放量", 3, "target"), ("氮氧化物排放量", 3, "target")]


def test_count_before_noun_and_names_left_out():
    s = "常态化开展政府“理旧账”专项行动，妥善化解115个重大历史遗留问题。"
    assert rows(s, REVIEW5, "indicator", "value", "verb") == [("重大历史遗留问题", 115, "化解")]
    s = "落地一批百亿产业项目，新增上市企业30家，本土院士培养、海外院士全职引进、“鲲鹏人才”入选取得历史性突破，获批创建新时代“两个健康”先行区、国家创新型城市、全国性综合交通枢纽城市等国字号名片，温州在国家区域发展格局中的地位显著提升。"
    assert rows(s, REVIEW5, "indicator", "value") == [("上市企业", 30)]


def test_pm25_and_bounds_in_plan():
    s = ("坚决落实生态环保督察问题整改，实施新一轮生态环保基础设施提升和市区排水管网提质增效行动，健全“河湖林田长制”，"
         "实现城镇“污水零直排区”镇街创建全覆盖，省控及以上断面Ⅰ—Ⅲ类水质比例90%以上，PM2.5平均浓度不高于25微克/立方米。")
    assert rows(s, PLAN, "indicator", "value", "unit", "bound") == [
        ("省控及以上断面Ⅰ—Ⅲ类水质比例", 90, "%", "at_least"), ("PM2.5平均浓度", 25, "微克/立方米", "at_most")]
    s = "开展就业创业促进行动，城镇新增就业9万人以上，城镇调查失业率控制在5.5%以内。"
    got = extract_targets(s, PLAN)
    assert [(t.indicator_key, t.bound, t.main) for t in got] == [
        ("employment_new", "at_least", False), ("unemployment_surveyed", "at_most", False)]


def test_main_list_and_its_items():
    first = "全市经济社会发展的主要预期目标是：地区生产总值增长7%左右，总量迈上8000亿元新台阶；"
    got = extract_targets(first, PLAN)
    assert [(t.indicator, t.value, t.bound, t.main) for t in got] == [
        ("地区生产总值", 7, "about", True), ("地区生产总值总量", 8000, "at_least", True)]
    second = "一般公共预算收入增长8%，总量突破700亿元；"
    third = "固定资产投资增长9%以上；"
    assert all(t.main for t in extract_targets(second, SentenceContext("plan", 2022, "2022", first)))
    # only the previous sentence is known: the list continues while ；-items state headline indicators
    assert all(t.main for t in extract_targets(third, SentenceContext("plan", 2022, "2022", second)))
    after = "全面落实增值税留抵退税等税费支持政策，多措并举降低用工、物流等成本，全年为企业减负300亿元。"
    assert not any(t.main for t in extract_targets(after, SentenceContext("plan", 2022, "2022", "千方百计帮扶市场主体。")))


def test_dual_target_base_and_stretch():
    got = extract_targets("地区生产总值增长7.5%左右，力争8%。", PLAN)
    assert [(t.value, t.bound, t.role, t.modality) for t in got] == [(7.5, "about", "base", None),
                                                                     (8, "exact", "stretch", "力争")]
    assert got[0].link == "1" and got[1].link == "0" and got[1].indicator == "地区生产总值"


def test_modality_estimate_and_kind_from_words():
    got = extract_targets("预计全年地区生产总值增长6.5%左右。", SentenceContext(role=None, report_year=2024))
    assert got[0].modality == "预计" and got[0].estimate and got[0].kind == "achievement"
    got = extract_targets("到2025年，全市生产总值力争达到1万亿元。", SentenceContext(role=None, report_year=2024))
    assert (got[0].kind, got[0].modality, got[0].indicator_key) == ("target", "力争", "gdp")
    s = "深入实施“瓯越英才”等系列人才工程，引育高水平创新团队（项目）30个以上，力争引育院士和“鲲鹏人才”5人、大学生12万人，培育技能人才8万人。"
    assert [t.modality for t in extract_targets(s, PLAN)] == [None, "力争", "力争", "力争"]


def test_background_facts_are_other():
    assert rows("我国60岁以上人口已达2.5亿。", PLAN19, "value", "kind") == [(2.5, "other")]
    assert rows("近14亿中国人的饭碗，必须牢牢端在自己手上。", PLAN19, "value", "kind") == [(14, "other")]


def test_five_year_targets_and_size_class():
    s = "未来五年累计固定资产投资超2万亿元、贸易进出口额超1.5万亿元、社会消费品零售总额超2.3万亿元，市场主体突破160万户。"
    got = extract_targets(s, FIVE)
    assert [(t.value, t.unit, t.bound, t.kind, t.period) for t in got] == [
        (2, "万亿元", "at_least", "target", "2022-2026"), (1.5, "万亿元", "at_least", "target", "2022-2026"),
        (2.3, "万亿元", "at_least", "target", "2022-2026"), (160, "万户", "at_least", "target", "2022-2026")]
    s = "聚焦全面增强城市综合竞争力，力争“十四五”末实现万亿级地区生产总值、千亿级地方财政收入、千万级常住人口、百万级新增人才，主要经济指标全面进入全省第一方阵。"
    got = extract_targets(s, FIVE)
    assert [(t.indicator, t.value, t.unit, t.period) for t in got][0] == ("地区生产总值", 1, "万亿", "2025")
    assert len(got) == 4


def test_ranks_take_the_indicator_before():
    s = "坚持“大干交通、干大交通”，杭温铁路等标志性项目加快推进，市域铁路S1线、甬台温高速复线等重大项目建成投用，文成、泰顺百姓实现“高速梦”，高速公路总里程566公里、跃至全省第3，温州机场年旅客吞吐量跻身千万级行列，温州港集装箱吞吐量突破百万标箱。"
    got = extract_targets(s, REVIEW5)
    assert [(t.indicator, t.value, t.unit, t.bound) for t in got] == [
        ("高速公路总里程", 566, "公里", "exact"), ("高速公路总里程排名", 3, "", "exact"),
        ("温州机场年旅客吞吐量", 1000, "万", "at_least"), ("温州港集装箱吞吐量", 100, "万标箱", "at_least")]


def test_range_target_and_ratio():
    s = "推进居民收入和中等收入群体双倍增行动，家庭年可支配收入10—50万元群体占比、20—60万元群体占比各提高3个百分点，城乡居民收入比缩小到1.93。"
    got = extract_targets(s, PLAN)
    assert [(t.value, t.value_max, t.unit, t.bound) for t in got][:2] == [(10, 50, "万元", "range"), (20, 60, "万元", "range")]
    assert [(t.value, t.unit) for t in got][-1] == (1.93, "")
    assert sum(1 for t in got if t.unit == "个百分点") == 2


def test_indicator_table_and_user_extension(tmp_path):
    assert indicator_key("全市生产总值") == "gdp"
    assert indicator_key("居民消费价格涨幅") == "cpi"
    assert indicator_key("地区生产总值总量排名") is None
    extra = tmp_path / "mine.tsv"
    extra.write_text("# my keys\nsea_gdp\t海洋经济增加值\n", encoding="utf-8")
    table = load_indicator_table(extra)
    assert indicator_key("海洋经济增加值增速", table) == "sea_gdp"
    assert indicator_key("海洋经济增加值增速") is None


# --- colleague's review: ratios are not GDP, list announcements, time frames, 争取 after a target ---

REVIEW15 = SentenceContext(role="review", report_year=2015, period="2014")
PLAN12 = SentenceContext(role="plan", report_year=2012, period="2012")
PLAN16 = SentenceContext(role="plan", report_year=2016, period="2016")
PLAN17 = SentenceContext(role="plan", report_year=2017, period="2017")


def test_shares_and_ratios_of_gdp_are_other_indicators():
    # national reports (samples/national): only the level or growth of GDP itself is gdp
    s = "经济结构有新的优化，粮食产量达到6.07亿吨，消费对经济增长的贡献率上升3个百分点，达到51.2%，服务业增加值比重由46.9%提高到48.2%，新产业、新业态、新商业模式不断涌现。"
    keys = {t.indicator: t.indicator_key for t in extract_targets(s, REVIEW15)}
    assert keys["消费对经济增长的贡献率"] == "consumption_contribution"
    assert "gdp" not in keys.values()
    got = extract_targets("服务业在国内生产总值中的比重上升到50.5%，首次占据“半壁江山”。", REVIEW15)
    assert [(t.indicator_key, t.value) for t in got] == [("services_share", 50.5)]
    got = extract_targets("经过努力，全国财政性教育经费支出占国内生产总值比例超过4%。", REVIEW15)
    assert [t.indicator_key for t in got] == ["education_spending_share"]
    assert indicator_key("单位国内生产总值能耗") == "energy_intensity"
    assert indicator_key("国内生产总值") == "gdp" and indicator_key("国内生产总值增速") == "gdp"
    # the rule is general, not a list of wordings: an unknown share or per-unit measure gets no key
    assert indicator_key("数字经济核心产业增加值占地区生产总值比重") is None
    assert indicator_key("单位地区生产总值建设用地使用面积") is None
    assert indicator_key("税收收入占一般公共预算收入比重") is None


def test_per_unit_list_shares_its_head():
    # national 2016 (five-year goals); 单位GDP能耗、水耗 lists recur in city reports
    s = "今后五年，单位国内生产总值用水量、能耗、二氧化碳排放量分别下降23%、15%、18%，森林覆盖率达到23.04%。"
    got = extract_targets(s, PLAN16)
    assert [(t.indicator, t.indicator_key, t.value) for t in got][:3] == [
        ("单位国内生产总值用水量", "water_intensity", 23), ("单位国内生产总值能耗", "energy_intensity", 15),
        ("单位国内生产总值二氧化碳排放量", "carbon_intensity", 18)]
    got = extract_targets("单位生产总值能耗、二氧化碳排放分别下降4%和4.3%。", REVIEW15)
    assert [(t.indicator_key, t.value) for t in got] == [("energy_intensity", 4), ("carbon_intensity", 4.3)]


def test_list_announced_without_zhuyao_is_main():
    # samples/hailar/2012.txt: the announcing sentence's own figures are headline targets too
    s = "2012年全区经济社会发展的预期目标是：地区生产总值达到240亿元，同比增长21%；"
    got = extract_targets(s, PLAN12)
    assert [(t.value, t.main) for t in got] == [(240, True), (21, True)]
    nxt = extract_targets("地方财政总收入达到20亿元，同比增长24.6%；", SentenceContext(
        role="plan", report_year=2012, period="2012", previous=s))
    assert all(t.main for t in nxt)


def test_multi_year_list_and_reviewed_targets_are_not_main():
    five = SentenceContext(role="five_year", report_year=2021, period="2021-2025")
    s = "“十四五”时期全市经济社会发展的主要目标是：地区生产总值年均增长6%左右；"
    assert [t.main for t in extract_targets(s, five)] == [False]
    # a year list placed in the plan period is still the year's list
    s = "2016年是“十三五”开局之年，全市经济社会发展主要预期目标是：地区生产总值增长7.5%左右；"
    assert [t.main for t in extract_targets(s, PLAN16)] == [True]
    # a review reporting that the targets were met: achievements, not headline targets
    s = "较好实现了市五届人大一次会议确定的主要预期目标，地区生产总值增长8%。"
    assert [(t.kind, t.main) for t in extract_targets(s, REVIEW15)] == [("achievement", False)]


def test_time_frame_sets_the_period():
    # national 2016, part 二 (“十三五” goals): the parser gives the part's period 2016
    para = ("实现全面建成小康社会目标，到2020年国内生产总值和城乡居民人均收入比2010年翻一番，“十三五”时期经济年均增长保持在6.5%以上。"
            "加快推进产业结构优化升级，实施一批技术水平高、带动能力强的重大工程。"
            "到2020年，先进制造业、现代服务业、战略性新兴产业比重大幅提升，全员劳动生产率从人均8.7万元提高到12万元以上。")
    first = para[:para.index("。") + 1]
    got = extract_targets(first, PLAN16)
    assert [(t.value, t.unit, t.period) for t in got] == [(2, "倍", "2020"), (6.5, "%", "2016-2020")]
    assert got[0].indicator.startswith("国内生产总值")  # 到…年 and 比 are no part of the indicator
    got = extract_targets("届时，我国经济总量超过90万亿元，发展的质量和效益明显提高。",
                          SentenceContext(role="plan", report_year=2016, period="2016", previous=para))
    assert [(t.indicator, t.value, t.unit, t.bound, t.period) for t in got] == [
        ("我国经济总量", 90, "万亿元", "at_least", "2020")]
    got = extract_targets(para[para.rindex("到2020年"):], PLAN16)
    assert [(t.value, t.kind, t.period) for t in got] == [(8.7, "other", "2015"), (12, "target", "2020")]
    # a sentence with a time word of its own does not take an earlier sentence's frame
    got = extract_targets("今年城镇新增就业1000万人以上。", SentenceContext(
        role="plan", report_year=2016, period="2016", previous=para))
    assert [t.period for t in got] == ["2016"]
    # 十X五末: the end year of the plan
    got = extract_targets("到“十四五”末，全市常住人口城镇化率达到75%。", FIVE)
    assert [t.period for t in got] == ["2025"]


def test_striving_for_better_results_adds_no_record_or_modality():
    # national 2017: 争取 after the figure governs no number
    s = "今年发展的主要预期目标是：国内生产总值增长6.5%左右，在实际工作中争取更好结果；"
    got = extract_targets(s, PLAN17)
    assert [(t.indicator, t.value, t.bound, t.modality, t.role, t.main) for t in got] == [
        ("国内生产总值", 6.5, "about", None, None, True)]


# --- city corpus (/work/shared/corpus/cities): wrong indicators found on unseen reports ---

def test_city_corpus_indicator_fixes():
    R = REVIEW1
    # 年均 is no 均 ("each"): the growth keeps the subject, the list is not split
    s = "开放型经济成果丰硕，累计引进省外5000万元以上项目实际进资1047.2亿元、年均增长19%，累计利用外资9.59亿美元、年均增长14.8%，连续五年被评为全国百强。"
    assert [(t.indicator, t.value) for t in extract_targets(s, R)] == [
        ("省外5000万元以上项目实际进资", 1047.2), ("省外5000万元以上项目实际进资", 19),
        ("利用外资", 9.59), ("利用外资", 14.8)]
    # 完成率: the verb is part of the noun; 占全省: share of the figure before
    s = "强化就业优先政策，城镇新增就业1.81万人，完成率达140%，城镇登记失业率2.5%。"
    assert [t.indicator for t in extract_targets(s, R)][1] == "完成率"
    s = "其中全程托管826.4万亩、占全省27.2%。"
    got = [t.indicator for t in extract_targets(s, R)]
    assert got[0] == "全程托管" and got[1].startswith("全程托管占")
    # 千亿大关 is no noun; 签约 holds no "about"; 新/基本 before a verb are no indicator
    s = "地区生产总值年均增长5.3%，总量突破千亿大关，人均生产总值达5万元。"
    assert [t.indicator for t in extract_targets(s, R)][1] == "地区生产总值总量"
    s = "全年亿元以上项目新签约442个、新开工427个、新竣工310个。"
    assert [(t.indicator, t.bound) for t in extract_targets(s, R)] == [("亿元以上项目", "exact")] * 3
    s = "完善住房保障体系，棚户区改造开工8500余户、基本建成1.2万套。"
    assert [t.indicator for t in extract_targets(s, R)] == ["棚户区", "棚户区"]
    assert [t.indicator for t in extract_targets("提高中欧班列运营质量和效益，年开行180列。", R)] == [""]
    # a quarter is a time word, not the indicator
    s = "保证一季度开工率达到50%以上、二季度达到80%以上、三季度100%开工。"
    assert [t.indicator for t in extract_targets(s, R)][1] != "二季度"
    # units after a linking verb
    assert [(t.value, t.unit) for t in extract_targets("卫生健康水平持续改善，人均预期寿命达80.6岁。", R)] == [(80.6, "岁")]
    assert [t.indicator for t in extract_targets("产业结构调整为14.7∶34.3∶51。", R)] != ["∶"]


def test_a_category_of_a_canonical_indicator_is_another_indicator():
    # Wenzhou 2022 sets 生产性服务业增加值增长9%以上; 2023 sets 服务业增加值增长5.5%以上: not one series
    assert indicator_key("生产性服务业增加值") is None
    assert indicator_key("服务业增加值") == "services_value_added"
    assert indicator_key("工业固定资产投资") is None and indicator_key("全社会固定资产投资") == "fixed_investment"
    # a scope or a reporting verb before the wording keeps the key
    assert indicator_key("全市实现地区生产总值") == "gdp"
    assert indicator_key("全市进出口额") == "trade"  # not exports (出口额 inside 进出口额)
    # ratios of two incomes are not income
    assert indicator_key("城乡居民收入比") is None and indicator_key("城乡居民收入倍差") is None


def test_size_class_of_counted_things():
    from store.indicators import size_class

    assert size_class("亿元以上产业项目") == (1e8, "产业项目")
    assert size_class("开工入库超亿元产业项目") == (1e8, "开工入库产业项目")
    assert size_class("单体制造业项目超10亿元") == (1e9, "单体制造业项目")
    assert size_class("超百亿元") == (1e10, "")
    assert size_class("制造业贷款") == (None, "制造业贷款")  # an amount, not a class


def test_list_item_named_by_its_size_class_takes_the_thing_counted():
    # Wenzhou 2022 (samples/wenzhou/2022.txt): the second count is of 10亿元以上 projects
    s = "招引亿元以上产业项目280个，其中亿元以上单体制造业项目180个、10亿元以上30个。"
    got = [(t.indicator, t.value) for t in extract_targets(s, PLAN)]
    assert got == [("亿元以上产业项目", 280), ("亿元以上单体制造业项目", 180), ("10亿元以上单体制造业项目", 30)]


def test_each_count_gives_every_list_item_the_thing_counted():
    # Wenzhou 2023 (samples/wenzhou/2023.md)
    s = "净增规上工业企业500家，力争新增上市过会和报会企业各12家。"
    got = [(t.indicator, t.value) for t in extract_targets(s, SentenceContext(role="plan", report_year=2023, period="2023"))]
    assert got[1:] == [("上市过会企业", 12), ("报会企业", 12)]


def test_list_of_short_qualifiers_shares_the_long_indicator():
    # Wenzhou 2024 (samples/wenzhou/2024.txt): 及以上 qualifies 省控, it does not join two parts
    s = "国控、省控及以上断面Ⅰ—Ⅲ类水质比例分别达到100%、96.9%。"
    got = [(t.indicator, t.value) for t in extract_targets(s, SentenceContext(role="plan", report_year=2024, period="2024"))]
    assert got == [("国控断面Ⅰ—Ⅲ类水质比例", 100), ("省控及以上断面Ⅰ—Ⅲ类水质比例", 96.9)]


def test_a_sentence_looking_back_at_the_list_is_not_in_it():
    # national 2018 (samples/national/2018.txt): the list, then a sentence about it
    prev = "上述主要预期目标，考虑了决胜全面建成小康社会需要，符合我国经济已由高速增长阶段转向高质量发展阶段实际。"
    s = "从经济基本面和就业吸纳能力看，6.5%左右的增速可以实现比较充分的就业。"
    ctx = SentenceContext(role="plan", report_year=2018, period="2018", previous=prev)
    assert [t.main for t in extract_targets(s, ctx)] == [False]


def test_headline_items_stated_in_words_are_value_null_targets():
    # Wenzhou 2024's list (samples/wenzhou/2024.txt): fiscal revenue given no number
    s = ("综合各方面因素，建议今年经济社会发展主要预期目标为：地区生产总值增长6%以上，一般公共预算收入与经济增长基本同步，"
         "城乡居民人均可支配收入分别增长6%、6.5%，居民消费价格涨幅3%左右，城镇调查失业率控制在5%以内。")
    got = extract_targets(s, SentenceContext(role="plan", report_year=2024, period="2024"))
    words = [t for t in got if t.value is None]
    assert [(t.indicator, t.indicator_key, t.text, t.unit, t.bound, t.main) for t in words] == [
        ("一般公共预算收入", "fiscal_revenue", "一般公共预算收入与经济增长基本同步", None, None, True)]
    assert [t.indicator_key for t in got][:3] == ["gdp", "fiscal_revenue", "income_urban"]  # text order
    # Wenzhou 2022's list ends with an item in words (a sentence of its own, no numeral)
    prev = "主要预期目标是：地区生产总值增长7%左右，总量迈上8000亿元新台阶；固定资产投资增长9%以上；"
    got = extract_targets("完成省下达的能源和环境指标计划目标。", SentenceContext(role="plan", report_year=2022, period="2022", previous=prev))
    assert [(t.indicator, t.value, t.main) for t in got] == [("能源和环境指标", None, True)]
    # outside a headline list the same words are prose, not a target
    assert extract_targets("推动居民收入增长和经济增长基本同步。", SentenceContext(role="plan", report_year=2022, period="2022")) == []


def test_words_only_targets_survive_the_xml_and_are_left_out_of_quantified_listings():
    from store.parse import parse_file

    r = parse_file(SAMPLES / "wenzhou/2024.txt")
    words = [t for t in r.targets() if t.value is None]
    assert [(t.text, t.bound, t.unit) for t in words] == [("一般公共预算收入与经济增长基本同步", None, None)]
    assert all(t.value is not None for t in r.targets(words=False))
    assert len(r.targets(words=False)) == len(r.targets()) - 1


def test_regulated_industry_after_another_target_is_its_own_indicator():
    # headline lists of 平凉 2020, 东营 2020, 林芝 2022, 昭通 2022 (corpus cities/): 规模以上 is a name,
    # not the 规模 (total) of the figure before; 经济增长 is GDP
    s = "主要预期目标是：地区生产总值增长7%左右，规模以上工业增加值增长8%，固定资产投资增长10%。"
    got = [(t.indicator, t.indicator_key, t.text) for t in extract_targets(s, PLAN)]
    assert got[1] == ("规模以上工业增加值", "industry_value_added", "规模以上工业增加值增长8%")
    got = extract_targets("经济增长6%左右，城镇新增就业3万人。", PLAN)
    assert [(t.indicator, t.indicator_key) for t in got] == [("经济增长", "gdp"), ("城镇新增就业", "employment_new")]
    # … while a total after a figure still belongs to it (Wenzhou 2022)
    got = extract_targets("一般公共预算收入增长8%，总量突破700亿元；", PLAN)
    assert [(t.indicator_key, t.value) for t in got] == [("fiscal_revenue", 8), ("fiscal_revenue", 700)]


def test_one_year_told_inside_a_five_year_review():
    # Wenzhou 2022's review (samples/wenzhou/2022.txt) spans 2017-2021; 各位代表，刚刚过去的2021年… opens
    # the year's account, whose 一是…五是 paragraphs follow; 回望五年 closes it (gold periods: 2021)
    from store.parse import parse_file

    r = parse_file(SAMPLES / "wenzhou/2022.txt")
    period = {t.text: t.period for t in r.targets() if t.kind == "achievement"}
    assert period["地区生产总值增长7.7%"] == "2021"  # the opening paragraph
    assert period["增资扩产项目351个"] == "2021"  # 一是…, the paragraph after it
    assert period["一般公共预算收入年均增长8.4%"] == "2017-2021"  # a 五年来 paragraph before it


def test_multi_year_results_in_a_one_year_review_have_no_year():
    # 平凉 2021 (corpus cities/) reviews “十三五”时期及2020年: averages, totals since a base year and
    # yearly habits are not 2020's results, so they are never linked to 2020's targets
    ctx = SentenceContext(role="review", report_year=2021, period="2020")
    got = extract_targets("地区生产总值达到476.16亿元，年均增长4.98%；全市规上工业增加值较2015年增长58.4%，每年造林超过50万亩。", ctx)
    assert [(t.value, t.period) for t in got] == [(476.16, "2020"), (4.98, None), (58.4, None), (50, None)]
    got = extract_targets("全市规上工业增加值较2019年增长5.8%，全年累计完成投资120亿元。", ctx)
    assert [(t.value, t.period) for t in got] == [(5.8, "2020"), (120, "2020")]


# --- review of unseen reports (/tmp/review_targets/report.md): records end to end ---

def test_n_duo_ge_and_year_shaped_counts_are_recorded():
    # 龙岩 2019 (corpus cities/): 6400多个 was dropped and glued into the next item's indicator
    got = extract_targets("全市新增公共停车位6400多个、人行天桥6座。", REVIEW1)
    assert [(t.value, t.unit, t.bound) for t in got] == [(6400, "个", "at_least"), (6, "座", "exact")]
    assert got[1].indicator == "人行天桥"
    # 阿坝 2014 (corpus cities/): 2060套 was taken for a year
    got = extract_targets("开工建设保障性住房2060套，改造农村C级危房9805户，维修加固灾损房屋8078户。", REVIEW1)
    assert [(t.indicator, t.value, t.unit) for t in got][0] == ("保障性住房", 2060, "套")


def test_more_than_between_multipliers_keeps_the_unit():
    # national 2016 (corpus national/2016.txt): 4万多亿元 is 4 万亿元 at least; 重量箱 is not cut to 万
    got = extract_targets("去年末居民储蓄存款余额增长8.5%，新增4万多亿元。", REVIEW1)
    assert [(t.value, t.unit, t.bound, t.verb) for t in got][1] == (4, "万亿元", "at_least", "新增")
    assert got[1].base_value == 4e12
    s = "近三年淘汰落后炼钢炼铁产能9000多万吨、水泥2.3亿吨、平板玻璃7600多万重量箱、电解铝100多万吨。"
    got = extract_targets(s, REVIEW1)
    assert [(t.indicator, t.value, t.unit) for t in got][2:] == [("平板玻璃", 7600, "万重量箱"), ("电解铝", 100, "万吨")]


def test_meeting_ordinals_and_sectors_give_no_record():
    # 海拉尔 2016 (samples/hailar/2016.txt): three 全委会 ordinals were recorded as N 次
    s = ("今年政府工作的总体要求是：全面贯彻党的十八届三中、四中、五中全会和中央经济工作、城市工作会议、自治区党委九届十四次"
         "全委会、市委三届七次全委会会议精神，牢固树立“创新、协调、绿色、开放、共享”五大发展理念，按照区委十四届九次全委会的"
         "安排部署，准确把握和主动适应经济发展新常态，坚持稳中求进工作总基调。")
    assert extract_targets(s, PLAN) == []
    # 遵义 2023 (corpus cities/): 三次 of 三次产业 was 3 次, and the ratio's first part was recorded alone
    assert extract_targets("三次产业结构优化为12.4:47.7:39.9；", REVIEW1) == []


def test_ranks_after_an_award_verb_and_a_list_of_ranks():
    # 龙岩 2019 (corpus cities/): no scope word before 第一名
    got = extract_targets("代表福建省参与全国公立医院综合改革效果评价考核获得第一名。", REVIEW1)
    assert [(t.value, t.unit, t.bound, t.verb) for t in got] == [(1, "名", "exact", "获得")]
    assert got[0].indicator.endswith("考核排名")
    # 遵义 2023 (corpus cities/): 第1和第2位 read respectively over 辣椒、茶叶
    s = "聚焦“一县一业”巩固发展特色优势产业，辣椒、茶叶种植面积稳居全国地级市第1和第2位，中药材、红粱种植面积均居全省第1位。"
    got = extract_targets(s, REVIEW1)
    assert [(t.indicator, t.value, t.unit, t.bound, t.verb) for t in got][:2] == [
        ("辣椒种植面积排名", 1, "位", "exact", "稳居"), ("茶叶种植面积排名", 2, "位", "exact", "稳居")]
    # 乐山 2022 (corpus cities/): a 分别 run of ranks; each keeps 排名 (no key of the measure itself)
    s = "社会消费品零售总额、规模以上工业增加值、全社会固定资产投资分别增长19.1%、10.5%和11.6%，分别居全省第1、第4和第6位；"
    got = extract_targets(s, REVIEW1)[3:]
    assert [(t.indicator, t.indicator_key, t.value, t.unit) for t in got] == [
        ("社会消费品零售总额排名", None, 1, "位"), ("规模以上工业增加值排名", None, 4, "位"), ("全社会固定资产投资排名", None, 6, "位")]


def test_bound_verbs_are_recorded_and_verbs_carry_only_from_the_figure_before():
    # 海拉尔 2016 (samples/hailar/2016.txt), 阿坝 2014 and 龙岩 2019 (corpus cities/): 突破/超过 gave verb null
    s = ("商业规模持续扩大，五年新增商业营业面积50万平方米，友谊公司与大商集团实现强强联合，龙凤新天地、炎黄世纪国贸家居博览中心、"
         "伊仕丹购物广场等大型商业综合体投入运营，商业从业人员突破6万人。")
    assert [(t.indicator, t.verb, t.bound) for t in extract_targets(s, REVIEW1)][-1] == ("商业从业人员", "突破", "at_least")
    assert [t.verb for t in extract_targets("社会融资规模突破40亿元。", REVIEW1)] == ["突破"]
    s = "有色金属、机械装备产业产值分别达到700亿元、430亿元，文旅康养产业总收入770亿元、游客超过4600万人次，建筑业产值突破1000亿元。"
    assert [(t.value, t.verb) for t in extract_targets(s, REVIEW1)][3:] == [(4600, "超过"), (1000, "突破")]
    # Wenzhou 2024 (samples/wenzhou/2024.txt): 新增 of an earlier clause is not the verb of 集装箱吞吐量
    s = ("积极开展多式联运，常态化运行温州至南昌、上饶海铁联运专列，开行中欧班列温州号135列，稳定运营近洋航线15条以上，"
         "新增国际（地区）客货运航线5条，力争港口货物吞吐量1亿吨、集装箱吞吐量150万标箱、机场旅客吞吐量1300万人次，"
         "加快打造近洋国际航运中心、区域性国际航空枢纽和世界一流强港“金南翼”。")
    got = {t.indicator: t.verb for t in extract_targets(s, PLAN)}
    assert got["国际（地区）客货运航线"] == "新增" and got["集装箱吞吐量"] is None
    # …but a 其中 clause details the figure before it (Wenzhou 2022 gold: 招引 on all three)
    s = "招引亿元以上产业项目280个，其中亿元以上单体制造业项目180个、10亿元以上30个；"
    assert [t.verb for t in extract_targets(s, PLAN)] == ["招引"] * 3


def test_list_numbering_is_no_part_of_the_indicator():
    # 遵义 2023 (corpus cities/): the 十件民生实事 list numbers its items （1）…（10）
    got = extract_targets("（3）建成保租房1000套，新开工改造老旧小区2.8万户，新增社会公共停车位3000个。", PLAN)
    assert [(t.indicator, t.verb, t.text) for t in got][0] == ("保租房", "建成", "保租房1000套")
    got = extract_targets("（9）建成乡镇标准化消防救援站20个、乡镇（街道）消防工作站254个。", PLAN)
    assert [(t.indicator, t.verb, t.value) for t in got] == [
        ("乡镇标准化消防救援站", "建成", 20), ("乡镇（街道）消防工作站", "建成", 254)]
    got = extract_targets("（10）建成“遵惠民”平价肉菜专柜100对。", PLAN)
    assert [t.indicator for t in got] == ["“遵惠民”平价肉菜专柜"]
    # 天水 2021 and 呼伦贝尔 2023 (corpus cities/): 三是…, 36.…
    got = extract_targets("三是实施棚户区改造1.1万套（户）、老旧小区改造95个8194户，建设政策性租赁住房260套，加装老旧住宅小区电梯50部。", PLAN)
    assert (got[0].indicator, got[0].verb, got[0].value) == ("棚户区", "改造", 1.1)
    got = extract_targets("36.改造燃气等四类老旧管网共计376.53公里，其中，城市燃气管道老化更新改造153公里；", PLAN)
    assert got[0].indicator.startswith("燃气") and got[0].verb == "改造"


@pytest.mark.parametrize("text, period, year", [
    # 黄冈 2021 (corpus cities/) reviews “十三五” and then its last year without naming it
    ("各位代表！刚刚过去的一年，极不平凡、极不容易、极其难忘。我们坚持战疫战洪战贫三战统筹。", "2016-2020", "2020"),
    # 汕尾 2022 (corpus cities/): a motto before the opening clause
    ("各位代表。星光不负赶路人，江河眷顾奋楫者。刚刚过去的2021年，是中国共产党成立100周年，我们奋力前行。", "2017-2021", "2021"),
    ("2020年极不平凡。全市地区生产总值增长3%，我们统筹推进疫情防控和经济社会发展。", "2016-2020", "2020"),
    ("“十三五”时期，面对经济下行和疫情灾情等严峻考验，我们坚持稳中求进。", "2016-2020", None),
    ("五年来，我们凝神聚力抓发展，综合实力进一步提升。", "2016-2020", None),
])
def test_the_single_year_a_review_paragraph_opens_on(text, period, year):
    from store.targets import opening_year

    assert opening_year(text, period) == year


# --- subjects left out, verbs inside names, per-unit bases, base-year frames, paired compounds ---

def test_a_comparability_qualifier_opening_a_clause_takes_the_indicator_before():
    # 海拉尔 2017 (samples/hailar/2017.txt): 按可比口径 was taken for the indicator of the 13%
    got = extract_targets("一般公共财政预算收入完成17亿元,按可比口径增长13%;", REVIEW1)
    assert [(t.indicator, t.verb, t.value, t.unit) for t in got] == [
        ("一般公共财政预算收入", "完成", 17, "亿元"), ("一般公共财政预算收入", "增长", 13, "%")]
    assert got[1].indicator_key == "fiscal_revenue"
    # 迪庆 2023 (corpus cities/): 自然口径, and 同口径 with the deduction in brackets
    s = "完成地方一般公共预算收入16.27亿元，自然口径增长1%，同口径（扣除增值税留抵退税因素）增长15.87%；"
    assert [t.indicator for t in extract_targets(s, REVIEW1)] == ["地方一般公共预算收入"] * 3
    # 常州 2023 (corpus cities/): 扣除…因素后
    got = extract_targets("一般公共预算收入631.8亿元，扣除留抵退税因素后增长1.6%；", REVIEW1)
    assert [t.indicator for t in got] == ["一般公共预算收入"] * 2


def test_yuqi_is_a_hedge_and_jun_wei_no_verb():
    # national 2016 and 2017 (samples/national): 预期 was glued to the indicator, 均为 gave the verb 为
    got = extract_targets("今年广义货币M2预期增长13%左右，社会融资规模余额增长13%左右。", PLAN16)
    # the hedge holds to the end of the sentence, as 力争 does (wenzhou 2022 gold: 力争引育院士…5人、大学生12万人)
    assert [(t.indicator, t.verb, t.modality, t.bound) for t in got] == [
        ("广义货币M2", "增长", "预期", "about"), ("社会融资规模余额", "增长", "预期", "about")]
    got = extract_targets("今年广义货币M2和社会融资规模余额预期增长均为12%左右。", PLAN17)
    assert [(t.indicator, t.verb, t.value, t.modality) for t in got] == [
        ("广义货币M2", "增长", 12, "预期"), ("社会融资规模余额", "增长", 12, "预期")]
    # 主要预期目标 announces a list, it hedges none of its figures (wenzhou 2022 gold: modality null)
    got = extract_targets("全市经济社会发展的主要预期目标是：地区生产总值增长7%左右，总量迈上8000亿元新台阶；", PLAN)
    assert [t.modality for t in got] == [None, None]


def test_a_canonical_indicator_named_with_a_verb_keeps_it():
    # 海拉尔 2016 (samples/hailar/2016.txt): both figures were 就业, verb 实现
    got = extract_targets("全年实现新增就业5300人、再就业1500人。", PLAN16)
    assert [(t.indicator, t.indicator_key, t.verb, t.value) for t in got] == [
        ("新增就业", "employment_new", "实现", 5300), ("再就业", None, "实现", 1500)]
    # 海拉尔 2017 (samples/hailar/2017.txt): 再就业 after a comma too
    got = extract_targets("实现城镇新增就业6790人,再就业1582人,城镇登记失业率控制在3.9%的较低水平。", REVIEW1)
    assert [t.indicator for t in got] == ["城镇新增就业", "再就业", "城镇登记失业率"]
    # the only verb being part of the name, there is no verb (wenzhou 2022 gold: 城镇新增就业, verb null)
    got = extract_targets("新增就业6.21万人，居全省第2位。", REVIEW1)
    assert (got[0].indicator, got[0].verb) == ("新增就业", None)


def test_a_count_with_a_second_measure_counts_the_noun_after_both():
    # 海拉尔 2017 (samples/hailar/2017.txt): 65条 took 投资 and the span 4.7亿元,完成65条
    s = ("投资4.7亿元,完成65条、总长度57.9公里的城市道路新建改造,继续打通一批城区“断头路”,改造完成一批背街巷道,"
         "完成机场路护坡改造、学府路过街天桥、海宝公路等工程建设。")
    got = extract_targets(s, PLAN17)
    assert [(t.indicator, t.value, t.unit, t.text) for t in got][:2] == [
        ("投资", 4.7, "亿元", "投资4.7亿元"), ("城市道路", 65, "条", "65条")]
    # two items of a list are no two measures of one thing (corpus cities/)
    got = extract_targets("4.“三个100”工程：两年培育100家企业上规模、培育100家企业税收千万元以上、帮扶100家减产企业实现稳产增产。", PLAN)
    assert got[2].indicator != "减产企业"
    got = extract_targets("大力发展生态经济，林禽、林蜂、林菌（草）分别达到100万只、10万群和10万亩，推动绿水青山变成金山银山。", REVIEW1)
    assert got[0].indicator != "群"


def test_a_start_value_with_a_per_unit_phrase_is_other():
    # national 2016 (samples/national/2016.txt): 财政补助由每人每年 was the indicator, the 380元 a target
    got = extract_targets("整合城乡居民基本医保制度，财政补助由每人每年380元提高到420元。", PLAN16)
    assert [(t.indicator, t.value, t.kind, t.period) for t in got] == [
        ("财政补助", 380, "other", "2015"), ("财政补助", 420, "target", "2016")]


LONGYAN = ("——全力稳增长，经济质量有新提升。完善落实工业21条、服务业20条、“一业一策”“一企一策”等政策措施，出台提升营商环境"
           "实施细则，全力推动经济发展提质增效。预计全市生产总值2386亿元、增长7.6%左右。")


def test_the_base_of_a_change_sets_no_time_frame():
    # 龙岩 2019 (corpus cities/): “十二五”末 of 由“十二五”末的35.8% dated the rest of the paragraph 2015
    s = "第三产业增加值突破1000亿元，比重由“十二五”末的35.8%提升至42%。"
    got = extract_targets(s, SentenceContext("review", 2019, "2018", LONGYAN))
    assert [(t.value, t.kind, t.period) for t in got] == [
        (1000, "achievement", "2018"), (35.8, "other", "2015"), (42, "achievement", "2018")]
    s2 = "公共预算总收入297亿元、增长6.4%，地方一般公共预算收入151亿元、增长9%，地方税性收入占72.4%、同比提高5.3个百分点。"
    got = extract_targets(s2, SentenceContext("review", 2019, "2018", LONGYAN + s))
    assert {t.period for t in got} == {"2018"}


def test_a_paired_compound_splits_over_two_figures():
    # 遵义 2023 (corpus cities/): one indicator 金融机构存贷款余额 for both figures
    s = ("规模以上工业增加值增长11%左右，500万元以上固定资产投资增长5%以上，社会消费品零售总额增长10%以上，一般公共预算收入增长6.5%以上，"
         "金融机构存贷款余额分别增长8%左右、11%左右，城乡居民人均可支配收入分别增长8%以上、9%以上，节能减排降碳、居民消费价格等指标控制在"
         "合理范围内，各项约束性指标全面完成省下达的目标任务。")
    got = [(t.indicator, t.value) for t in extract_targets(s, PLAN) if "金融机构" in t.indicator]
    assert got == [("金融机构存款余额", 8), ("金融机构贷款余额", 11)]
    # 进出口 is one indicator; a ratio of the pair is one too (wenzhou 2022: 城乡居民收入比缩小到1.93)
    assert [t.indicator for t in extract_targets("全年进出口总额增长10%。", PLAN)] == ["进出口总额"]
    assert [t.indicator for t in extract_targets("城乡居民收入比缩小到1.93。", PLAN)] == ["城乡居民收入比"]


# --- headline lists closed by 。, paired compounds without 分别 or with one figure, aspect particles ---

HAILAR19_LIST = ["经济社会发展的主要预期目标是：地区生产总值增长3.5%左右。", "固定资产投资扭转下滑态势，实现正增长。",
                 "城乡常住居民人均可支配收入分别增长7%和8%左右。", "社会消费品零售总额增长6.5%左右。"]


def _in_paragraph(sentences, ctx):
    """Targets of each sentence with the paragraph so far as ``previous`` (as store/parse.py passes it)."""
    out = []
    for k, s in enumerate(sentences):
        c = SentenceContext(ctx.role, ctx.report_year, ctx.period, "".join(sentences[:k]))
        out.append(extract_targets(s, c))
    return out


def test_a_headline_list_whose_items_end_with_full_stops_is_main_to_its_end():
    # 海拉尔 2019 (samples/hailar/2019.txt): only the first sentence's figure was main
    got = _in_paragraph(HAILAR19_LIST, PLAN19)
    assert [(t.indicator_key, t.value, t.main) for t in got[2] + got[3]] == [
        ("income_urban", 7, True), ("income_rural", 8, True), ("retail_sales", 6.5, True)]
    # the item in words (growth above zero after a decline) is a headline item too
    assert [(t.indicator_key, t.text, t.value, t.main) for t in got[1]] == [
        ("fixed_investment", "固定资产投资扭转下滑态势，实现正增长", None, True)]
    # the list ends at a sentence that looks back at it (corpus cities/双鸭山 2021: …城镇新增就业1.3万人。
    # 粮食产量达到130亿斤以上。实现上述目标，重点要做好以下几项工作。)
    after = "为实现上述目标，全年为企业减负30亿元。"
    assert not any(t.main for t in _in_paragraph(HAILAR19_LIST + [after], PLAN19)[-1])


def test_a_list_closed_by_full_stops_for_several_years_is_not_main():
    # 张掖 2017 (corpus cities/): a five-year list (年均), announced without a multi-year word before 主要目标
    s = ["经济社会发展的主要目标是：生产总值年均增长8%以上，突破600亿元。", "固定资产投资年均增长15%，突破700亿元。"]
    assert not any(t.main for t in _in_paragraph(s, PLAN)[1])
    # 克孜勒苏 2021 (corpus cities/): the figures follow the goals in words, under “十四五”期间
    s = ["主要目标是：经济发展取得新成效、改革开放迈出新步伐。", "“十四五”期间，力争实现地区生产总值年均增长7%以上；"]
    assert not any(t.main for t in _in_paragraph(s, PLAN)[1])


def test_a_paired_compound_with_two_figures_and_no_fenbie_splits():
    # 绵阳 2022 (corpus cities/绵阳市/2022.md): one indicator 城乡居民人均可支配收入 (income) for both figures
    got = extract_targets("城乡居民人均可支配收入增长8%、9%，常住人口城镇化率同比提高1.5个百分点；", PLAN)
    assert [(t.indicator_key, t.value) for t in got][:2] == [("income_urban", 8), ("income_rural", 9)]
    # 绵阳 2023 (corpus cities/绵阳市/2023.md): the amounts as well as the rates; 超过 bounds both amounts
    got = extract_targets("城乡居民人均可支配收入超过4.55万元、2.28万元，分别增长5.5%、7%。", REVIEW1)
    assert [(t.indicator_key, t.value, t.verb, t.bound) for t in got] == [
        ("income_urban", 4.55, "超过", "at_least"), ("income_rural", 2.28, "超过", "at_least"),
        ("income_urban", 5.5, "增长", "exact"), ("income_rural", 7, "增长", "exact")]
    # 和谐 is no list (镇江 2014, corpus cities/), and a pair inside a list is one part (锦州 2014)
    got = extract_targets("圆满完成村居委员会换届选举工作，城乡和谐社区达标率分别达85.6%和88.3%。", REVIEW1)
    assert [t.indicator for t in got] == ["城镇和谐社区达标率", "农村和谐社区达标率"]
    got = extract_targets("城乡低保、农村五保对象救助标准分别提高10%以上；", PLAN)
    assert [t.indicator for t in got] == ["城乡低保", "农村五保对象救助标准"]
    # a figure and a rate of it are no pair (绵阳 2023: 地方一般公共预算收入159.4亿元、同口径增长14%)
    got = extract_targets("城乡居民人均可支配收入4.55万元、增长5.5%。", REVIEW1)
    assert [t.indicator_key for t in got] == ["income", "income"]


def test_one_figure_under_fenbie_or_jun_on_a_paired_compound_is_each_parts():
    # 海拉尔 2018 (samples/hailar/2018.txt): one record, indicator 城乡居民人均可支配收入
    got = extract_targets("城乡居民人均可支配收入分别增长7.5%；", PLAN)
    assert [(t.indicator_key, t.value) for t in got] == [("income_urban", 7.5), ("income_rural", 7.5)]
    # 朔州 2021 and 保山 2025 (corpus cities/): 均 over a paired compound
    got = extract_targets("城乡常住居民人均可支配收入均增长8%以上。", PLAN)
    assert [(t.indicator, t.value) for t in got] == [("城镇常住居民人均可支配收入", 8), ("农村常住居民人均可支配收入", 8)]
    got = extract_targets("金融机构存贷款余额均增长6.5%以上，居民消费价格涨幅控制在2%左右。", PLAN)
    assert [t.indicator for t in got][:2] == ["金融机构存款余额", "金融机构贷款余额"]
    # 年均 is no 均 (corpus cities/): one figure, one indicator
    got = extract_targets("城乡居民人均可支配收入预计年均增长8%左右。", PLAN)
    assert [t.indicator_key for t in got] == ["income"]


def test_an_aspect_particle_after_the_verb_starts_no_indicator():
    # 海拉尔 2017 (samples/hailar/2017.txt): the indicator was 了老城区
    got = extract_targets("完成了老城区8条、12.3公里道路提升改造,百姓出行难问题得到进一步改善。", REVIEW1)
    assert [(t.indicator, t.verb, t.value) for t in got][0] == ("老城区", "完成", 8)


def test_blind_annotation_indicator_fixes():
    # 宁德 2022/2023 (corpus cities/): 在建 (under construction) is a word, not 在 (at)
    assert rows("实施在建省市重点项目280个，力争重大项目开工100个、竣工100个以上。", PLAN, "indicator", "value")[0] == (
        "在建省市重点项目", 280)
    assert rows("加快推进248个省市在建重点项目建设，年度计划投资658亿元。", PLAN, "indicator")[0] == ("省市在建重点项目建设",)
    # a count before a noun counts the noun even when words stand before the count
    assert rows("推进漳湾铁路专用线前期和漳湾、城澳、坪岗等作业区8个泊位建设。", PLAN, "indicator", "value") == [("泊位建设", 8)]
    assert rows("粤澳跨境金融合作（珠海）示范区入驻18家涉澳金融企业和服务机构。", REVIEW1, "indicator") == [
        ("涉澳金融企业和服务机构",)]  # 珠海 (corpus cities/)
    # … but not an adverb after it
    assert rows("省级以上开发区12个全部建成。", REVIEW1, "indicator") == [("省级以上开发区",)]
    # 黄石 2018: 均在 gives the figure to each part of the list
    s = "以国家产业转型升级示范区建设为抓手，黑色金属、有色金属、建材等传统产业增长均在20%以上。"
    assert rows(s, REVIEW1, "indicator", "value", "bound") == [
        ("黑色金属", 20, "at_least"), ("有色金属", 20, "at_least"), ("建材等传统产业", 20, "at_least")]


def test_extractor_on_blind_annotations_of_unseen_reports():
    """Hailar 2014 (a sample) was annotated blind in the gold format by a reader who never saw the
    extractor's output (bench/reviewed/README.md); bench/targets_score.py scores all four."""
    import json
    import tempfile
    from pathlib import Path

    from store.parse import parse_file
    from _paths import load_evaluator

    gold = Path(__file__).resolve().parent.parent / "bench" / "reviewed" / "targets" / "hailar-2014.jsonl"
    preds = [t.to_dict() for t in parse_file(SAMPLES / "hailar" / "2014.txt").targets(words=False)]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(preds, f, ensure_ascii=False)
    r = load_evaluator().score_targets(str(gold), f.name)
    Path(f.name).unlink()
    assert r["gold"] == 136
    assert r["precision"] >= 0.98 and r["recall"] >= 0.93
    assert r["field_accuracy"]["kind"] >= 0.97 and r["field_accuracy"]["bound"] == 1.0


def test_indicator_wordings_of_fiscal_revenue_and_energy_intensity():
    # 黄石 2019 地方公共预算收入增长7%左右 continues 2018's 地方公共财政预算收入增长8% (blind pair, bench/reviewed);
    # 万元GDP综合能耗 (12 corpus mentions) and 单位产值能耗 are energy intensity
    assert indicator_key("地方公共预算收入") == indicator_key("地方公共财政预算收入") == "fiscal_revenue"
    assert indicator_key("万元GDP综合能耗") == indicator_key("单位产值能耗") == "energy_intensity"
    assert indicator_key("预算收入") is None
