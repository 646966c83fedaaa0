"""Target extraction on real sentences of the gold files (wenzhou-2022, national-2019) and samples."""
from store.indicators import indicator_key, load_indicator_table
from store.target_model import SentenceContext
from store.targets import extract_targets

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
