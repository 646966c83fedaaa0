"""Numerals, quantities, ranges, units and what is not a quantity (sentences from the gold files/samples)."""
import pytest

from store.numbers import cn_to_number, parse_numeral, scan_quantities, to_base


def q(sentence):
    """[(text, value, value_max, unit, bound_hint)] of a sentence."""
    return [(sentence[x.start:x.end], x.value, x.value_max, x.unit, x.bound_hint) for x in scan_quantities(sentence)]


def values(sentence):
    return [(x.value, x.unit) for x in scan_quantities(sentence)]


@pytest.mark.parametrize("text,value", [("一千三百", 1300), ("十五", 15), ("八千", 8000), ("二〇二三", 2023),
                                        ("三点五", 3.5), ("一万二千", 12000), ("两", 2)])
def test_cn_to_number(text, value):
    assert cn_to_number(text) == value


def test_parse_numeral_mixed():
    assert parse_numeral("1.3万") == 13000
    assert parse_numeral("1,383") == 1383
    assert parse_numeral("一般") is None


def test_chinese_level_with_multiplier():
    s = "一般公共预算收入年均增长8.4%，财政总收入突破千亿元大关、达到1082亿元；"
    assert values(s) == [(8.4, "%"), (1000, "亿元"), (1082, "亿元")]
    assert q(s)[1][4] == "at_least"


def test_decimal_with_multiplier_unit():
    assert values("建设提升“四好农村路”1.3万公里。") == [(1.3, "万公里")]


def test_about_and_multiplier():
    assert q("全年为企业和个人减税降费约1.3万亿元。") == [("约1.3万亿元", 1.3, None, "万亿元", "about")]


@pytest.mark.parametrize("sentence,expected", [
    ("今年经济社会发展的主要预期目标是：国内生产总值增长6%－6.5%；", (6, 6.5, "%")),
    ("家庭年可支配收入10—50万元群体占比", (10, 50, "万元")),
])
def test_ranges(sentence, expected):
    (text, v, vmax, unit, bound), = q(sentence)[:1]
    assert (v, vmax, unit, bound) == (*expected, "range")


def test_range_without_first_percent_sign():
    assert q("增长4.5-5%")[0][1:4] == (4.5, 5, "%")


def test_range_multiplier_applies_to_both_ends():
    assert q("补助300—700万元")[0][1:4] == (300, 700, "万元")


def test_dates_are_not_quantities():
    assert q("2022年4月9日在温州市第十四届人民代表大会第一次会议上") == []
    assert q("二〇二三年一月") == []
    assert values("高标准办好2022世界青年科学家峰会，峰会成果落地转化率80%以上。") == [(80, "%")]


@pytest.mark.parametrize("sentence", [
    "忠实践行“八八战略”、奋力打造“重要窗口”",
    "一般性支出",
    "高质量共建“一带一路”",
    "“十四五”规划",
    "推动第一、二、三产业融合发展",
    "市域铁路S1线、甬台温高速复线等重大项目建设投用",
    "刘伯温故里成为5A景区",
    "实施扩投资“3121”行动",
    "全面贯彻党的十九大和十九届二中、三中全会精神",
    "获批创建新时代“两个健康”先行区",
    "瓯江实验室布局建设五大研究集群",
    "落地一批百亿产业项目",
    "严格落实中央八项规定及其实施细则精神",
    "是温州做强全省第三极",
    "推动汽车零部件、泵阀产业",
    "更好利用国际国内两个市场两种资源",
])
def test_names_and_phrases_are_not_quantities(sentence):
    assert q(sentence) == []


def test_pm25_is_a_name():
    assert q("PM2.5平均浓度不高于25微克/立方米。") == [("不高于25微克/立方米", 25, None, "微克/立方米", "at_most")]


def test_per_cubic_metre():
    assert values("PM2.5浓度降至每立方米33微克") == [(33, "微克/立方米")]


def test_size_class_as_statement_and_as_modifier():
    s = "力争“十四五”末实现万亿级地区生产总值、千亿级地方财政收入、千万级常住人口、百万级新增人才"
    assert values(s) == [(1, "万亿"), (1000, "亿"), (1000, "万"), (100, "万")]
    assert all(x.bound_hint == "at_least" for x in scan_quantities(s))
    assert values("打造十亿级特色农业全产业链10条。") == [(10, "条")]
    assert values("新增超10亿元企业10家") == [(10, "家")]
    assert values("其中亿元以上单体制造业项目180个、10亿元以上30个；") == [(180, "个"), (30, "个")]


def test_two_digit_and_doubling():
    assert q("保持两位数增长")[0][1:] == (10, None, "%", "at_least")
    assert values("力争经济总量翻一番") == [(2, "倍")]


def test_more_than_and_nearly():
    assert q("棚户区住房改造620多万套")[0][1:] == (620, None, "万套", "at_least")
    assert q("新建改建高速公路6000多公里")[0][1:] == (6000, None, "公里", "at_least")
    assert q("近14亿人口的发展中大国")[0][1:] == (14, None, "亿", "about")
    assert q("我国有上亿市场主体")[0][1:] == (1, None, "亿", "at_least")


def test_fractions():
    assert values("工业生产许可证种类压减三分之一以上。") == [(pytest.approx(1 / 3), "")]
    assert values("出台稳外贸政策，货物通关时间压缩一半以上。") == [(0.5, "")]


def test_percentage_points_and_permille():
    assert values("海洋经济增加值增速高于全市经济增速1个百分点以上。") == [(1, "个百分点")]
    assert values("出口占全国份额从7.7‰提高到9.4‰。") == [(7.7, "‰"), (9.4, "‰")]


def test_shared_unit_in_a_list():
    assert values("增速分别高于全国、全省0.7和0.6个百分点") == [(0.7, "个百分点"), (0.6, "个百分点")]


def test_ranks():
    assert q("专精特新“小巨人”企业数全省第3，") [0][1:] == (3, None, "", "exact")
    assert q("总量排名跨入全国30强；")[0][1:] == (30, None, "强", "at_most")
    assert q("温州高新区排名进入全国前45%，")[0][1:] == (45, None, "%", "at_most")
    assert q("实际使用外资1383亿美元、稳居发展中国家首位。")[1][1:] == (1, None, "位", "exact")
    assert q("温州综合保税区跻身全国百强。")[0][1:] == (100, None, "强", "at_most")
    assert values("紧盯世界500强、头部企业") == []
    assert values("聚焦提升中心城区首位度") == []


def test_chinese_counts():
    assert values("三届世界青年科学家峰会取得丰硕成果") == [(3, "届")]
    assert values("实施千个“大建大美”项目") == [(1000, "个")]
    assert values("温州港集装箱吞吐量突破百万标箱。") == [(100, "万标箱")]


def test_consecutive_years():
    assert values("连续三年荣获中国最具幸福感城市。") == [(3, "年")]
    assert values("今后五年是关键五年") == []


def test_to_base():
    assert to_base(7585, "亿元") == (7.585e11, "元")
    assert to_base(68, "万人") == (680000, "人")
    assert to_base(9.4, "‰") == (9.4, "‰")
    assert to_base(3, "个百分点") == (3, "个百分点")
