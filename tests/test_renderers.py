"""Renderers on hand-built comparisons (sentences copied from samples/wenzhou) and on the real pair.

``sample_comparison()`` and ``hostile_comparison()`` are also used by tests/test_browser.py.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from compare.model import Achievement, Comparison, Edit, SectionPair, SentencePair, TargetPair, Unit
from renderers import data, output, terminal
from renderers.html import build_view, render_html
from store.target_model import Target

GDP_A = "全市经济社会发展的主要预期目标是：地区生产总值增长7%左右，总量迈上8000亿元新台阶；"
GDP_B = "建议今年全市经济社会发展主要预期目标为：地区生产总值增长6%左右，"
REVIEW_B = "全市生产总值8029.8亿元、增长3.7%，增速分别高于全国、全省0.7和0.6个百分点；"
SAFE_A = "全面筑牢疫情防控防线。"
SAFE_B = "筑牢公共安全坚实底板。"
SAME = "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。"
HOSTILE = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'


def _t(text, value, unit="%", bound="about", indicator="地区生产总值", key="gdp", kind="target",
       sentence="", id="", path="", modality=None, period="2022"):
    return Target(text=text, value=value, unit=unit, indicator=indicator, indicator_key=key, verb="增长",
                  bound=bound, kind=kind, sentence=sentence, id=id, path=path, modality=modality,
                  period=period, main=kind == "target")


def _u(id, level, heading, path, text=""):
    return Unit(id=id, level=level, heading=heading, path=path, text=text)


def sample_comparison(extra_text: str = "") -> Comparison:
    """A small comparison of the 2022 and 2023 Wenzhou reports: every change kind, targets, an achievement."""
    gdp = SentencePair(GDP_A, GDP_B + extra_text, "p3.para1.s1", "p2.para3.s1", "modified", 0.71, [
        Edit("insert", "建议今年"), Edit("equal", "全市经济社会发展"), Edit("delete", "的"),
        Edit("equal", "主要预期目标"), Edit("delete", "是"), Edit("insert", "为"),
        Edit("equal", "：地区生产总值增长"), Edit("delete", "7%"), Edit("insert", "6%"), Edit("equal", "左右，"),
        Edit("delete", "总量迈上8000亿元新台阶；")] + ([Edit("insert", extra_text)] if extra_text else []))
    plan = SectionPair(1, _u("p3", 1, "三、2022 年重点工作", "3"), _u("p2", 1, "二、2023年主要目标任务和重点工作", "2"),
                       "modified", 0.64, edits=gdp.edits, sentences=[gdp])
    review = SectionPair(1, _u("p1", 1, "一、过去五年工作回顾", "1"), _u("p1", 1, "一、2022年工作回顾", "1"),
                         "modified", 0.38, low_confidence=True,
                         sentences=[SentencePair(None, REVIEW_B, None, "p1.para1.s2", "added", 0.0),
                                    SentencePair("顺利完成了本届政府主要目标任务，温州高质量发展迈出坚实步伐。", None,
                                                 "p1.para1.s3", None, "removed", 0.0)],
                         edits=[Edit("insert", REVIEW_B)])
    preamble = SectionPair(1, _u("p0", 1, "各位代表", "0"), _u("p0", 1, "各位代表", "0"), "unchanged", 1.0,
                           sentences=[SentencePair(SAME, SAME, "p0.para1.s1", "p0.para1.s1")])
    safety_para = SectionPair(3, _u("p3.s8.para1", 3, "全面筑牢疫情防控防线。", "3.8.1"),
                              _u("p2.s8.para1", 3, "筑牢公共安全坚实底板。", "2.8.1"), "modified", 0.42,
                              sentences=[SentencePair(SAFE_A, SAFE_B, "p3.s8.para1.h1", "p2.s8.para1.h1",
                                                      "modified", 0.42,
                                                      [Edit("delete", "全面"), Edit("equal", "筑牢"),
                                                       Edit("delete", "疫情防控防线"), Edit("insert", "公共安全坚实底板"),
                                                       Edit("equal", "。")])])
    safety = SectionPair(2, _u("p3.s8", 2, "（八）坚持居安思危、筑牢底线，全力打好除险保安攻坚战", "3.8"),
                         _u("p2.s8", 2, "（八）聚焦聚力除险保安，迭代完善现代治理体系。", "2.8"), "moved", 0.55,
                         children=[safety_para], moved_from="3", moved_to="2")
    removed = SectionPair(2, _u("p2.s6", 2, "（六）奋力打造共富先行、共建共享的美好新家园", "2.6"), None, "removed", 0.0,
                          sentences=[SentencePair("在服务国家战略全局和全省发展大局中扮演更加重要的角色。", None,
                                                  "p2.s6.para1.s1", None, "removed", 0.0)])
    targets = [
        TargetPair("地区生产总值", "gdp", _t("地区生产总值增长7%左右", 7, sentence=GDP_A, id="p3.para1.s1.t1", path="3"),
                   _t("地区生产总值增长6%左右", 6, sentence=GDP_B, id="p2.para3.s1.t1", path="2", period="2023"),
                   "lowered"),
        TargetPair("固定资产投资", "fixed_investment",
                   _t("固定资产投资增长9%以上", 9, bound="at_least", indicator="固定资产投资", key="fixed_investment"),
                   None, "removed"),
        TargetPair("居民消费价格指数", "cpi", None,
                   _t("居民消费价格指数涨幅控制在3%以内", 3, bound="at_most", indicator="居民消费价格指数", key="cpi"),
                   "added"),
        TargetPair("一般公共预算收入", "budget_revenue",
                   _t("一般公共预算收入增长8%", 8, bound="exact", indicator="一般公共预算收入", key="budget_revenue"),
                   _t("一般公共预算收入增长6.5%", 6.5, bound="exact", indicator="一般公共预算收入", key="budget_revenue"),
                   "lowered"),
    ]
    achievements = [Achievement("地区生产总值", "gdp", targets[0].a,
                                _t("全市生产总值8029.8亿元、增长3.7%", 3.7, bound="exact", indicator="全市生产总值",
                                   kind="achievement", sentence=REVIEW_B, id="p1.para1.s2.t2"), False, -3.3)]
    return Comparison(
        a={"title": "政府工作报告", "government": "温州市", "year": 2022, "date": "2022-04-09",
           "session": "温州市第十四届人民代表大会第一次会议", "speaker": "张振丰"},
        b={"title": "2023年温州市政府工作报告", "government": "温州市", "year": 2023, "date": "2023-02-08"},
        sections=[preamble, review, removed, plan, safety], targets=targets, achievements=achievements)


def hostile_comparison() -> Comparison:
    """The sample with attack text in every kind of field: headings, sentences, edits, targets, metadata."""
    c = sample_comparison(extra_text=HOSTILE)
    c.a["title"] = HOSTILE
    c.b["session"] = HOSTILE
    c.sections[0].a.heading = HOSTILE
    c.sections[0].sentences.append(SentencePair(HOSTILE, HOSTILE, "x1", "x2"))
    c.targets[1].a.indicator = c.targets[1].indicator = HOSTILE
    c.targets[0].b.sentence = HOSTILE
    return c


# ---------------------------------------------------------------- JSON / CSV / Markdown

def test_json_contract_fields_and_values():
    d = json.loads(data.to_json(data.comparison_to_dict(sample_comparison())))
    assert set(d) >= {"a", "b", "sections", "targets", "achievements", "summary"}
    assert d["a"]["year"] == 2022 and d["b"]["date"] == "2023-02-08"
    levels = [s["level"] for s in d["sections"]]
    assert levels == [1, 1, 2, 1, 2, 3]  # children follow their parent
    plan = d["sections"][3]
    assert plan["a"] == {"heading": "三、2022 年重点工作", "path": "3", "id": "p3", "lines": "", "parent": ""}
    assert plan["change"] == "modified" and plan["score"] == 0.64
    assert {e["op"] for e in plan["edits"]} == {"insert", "delete"}
    assert {"op": "delete", "text": "7%"} in plan["edits"] and {"op": "insert", "text": "6%"} in plan["edits"]
    assert all(not re.search(r"\s", e["text"]) for s in d["sections"] for e in s["edits"])
    assert d["sections"][2]["b"] is None and d["sections"][2]["change"] == "removed"
    gdp = d["targets"][0]
    assert (gdp["indicator_key"], gdp["a"]["value"], gdp["b"]["value"], gdp["change"]) == ("gdp", 7, 6, "lowered")
    assert gdp["a"]["bound"] == "about" and isinstance(gdp["a"]["value"], int)
    assert d["targets"][1]["b"] is None and d["targets"][2]["a"] is None
    ach = d["achievements"][0]
    assert ach["met"] is False and ach["result"]["value"] == 3.7 and ach["target"]["value"] == 7
    assert d["summary"]["targets"]["lowered"] == 2 and d["summary"]["sections"]["moved"] == 1


def test_edits_drop_equal_runs_and_whitespace():
    edits = [Edit("equal", "增长"), Edit("delete", "6.5 %"), Edit("insert", " 6% "), Edit("insert", "  ")]
    assert data.change_edits(edits) == [{"op": "delete", "text": "6.5%"}, {"op": "insert", "text": "6%"}]


def test_targets_json_is_list_of_to_dict():
    ts = [t for tp in sample_comparison().targets for t in (tp.a, tp.b) if t]
    out = json.loads(data.to_json(data.targets_to_list(ts)))
    assert out[0] == ts[0].to_dict() and out[0]["value"] == 7 and out[0]["indicator_key"] == "gdp"
    assert len(out) == 6


def test_csv_target_table():
    rows = list(csv.DictReader(io.StringIO(data.comparison_csv(sample_comparison()))))
    assert list(rows[0])[:12] == ["indicator", "a_value", "a_unit", "a_bound", "a_modality", "b_value", "b_unit",
                                  "b_bound", "b_modality", "change", "a_text", "b_text"]
    assert len(rows) == 4
    gdp = rows[0]
    assert (gdp["a_value"], gdp["b_value"], gdp["a_unit"], gdp["change"]) == ("7", "6", "%", "lowered")
    assert gdp["b_text"] == "地区生产总值增长6%左右"
    assert rows[1]["b_value"] == "" and rows[1]["a_bound"] == "at_least"
    assert rows[3]["b_value"] == "6.5"


def test_targets_csv_has_every_record_field():
    c = sample_comparison()
    rows = list(csv.DictReader(io.StringIO(data.targets_csv([c.targets[0].a, c.targets[3].b]))))
    assert rows[0]["value"] == "7" and rows[1]["value"] == "6.5" and rows[1]["bound"] == "exact"
    assert set(rows[0]) == set(c.targets[0].a.to_dict())


def test_markdown_summary_table_and_changed_sections():
    md = data.comparison_markdown(hostile_comparison())
    assert "| 地区生产总值 | 7%左右 | 6%左右 | ↓ lowered |" in md
    assert "| 一般公共预算收入 | 8% | 6.5% | ↓ lowered |" in md
    assert "**removed** （六）奋力打造共富先行、共建共享的美好新家园" in md
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "- **Targets**: raised 0, lowered 2, unchanged 0, requalified 0, added 1, removed 1" in md


def test_format_value_with_modality_range_and_missing():
    assert data.format_value(_t("x", 7, modality="力争")) == "力争 7%左右"
    t = _t("x", 6, bound="range")
    t.value_max = 7
    assert data.format_value(t) == "6~7%"
    assert data.format_value(None) == "—"


def test_report_name():
    c = sample_comparison()
    assert data.report_name(c.a) == "温州市2022年政府工作报告"
    assert data.report_name(c.b) == "2023年温州市政府工作报告"


# ---------------------------------------------------------------- terminal

def test_terminal_plain_when_piped_and_markup_is_text():
    buf = io.StringIO()
    c = sample_comparison()
    c.targets[0].indicator = "[bold]地区生产总值[/bold]"
    terminal.print_comparison(c, terminal.make_console(buf))
    out = buf.getvalue()
    assert "\x1b[" not in out
    assert "[bold]地区生产总值[/bold]" in out and "7%左右" in out and "↓ lowered" in out
    assert "sections: unchanged 1, modified 2, moved 1, added 0, removed 1" in out


def test_terminal_colour_on_a_tty():
    from rich.console import Console
    buf = io.StringIO()
    terminal.print_comparison(sample_comparison(), Console(file=buf, force_terminal=True, width=120))
    assert "\x1b[" in buf.getvalue()


def test_emit_targets_text_and_json(capsys, tmp_path):
    c = sample_comparison()
    ts = [c.targets[0].a, c.targets[0].b]
    output.emit_targets(ts, fmt="json")
    assert json.loads(capsys.readouterr().out)[1]["value"] == 6
    output.emit_targets(ts, fmt="text", output=str(tmp_path / "t.txt"))
    text = (tmp_path / "t.txt").read_text(encoding="utf-8")
    assert "地区生产总值" in text and "6%左右" in text and "\x1b[" not in text


def test_emit_comparison_defaults(capsys, tmp_path):
    c = sample_comparison()
    output.emit_comparison(c)  # no format, no output: terminal summary
    out = capsys.readouterr().out
    assert "温州市2022年政府工作报告" in out and "<html" not in out
    output.emit_comparison(c, output=str(tmp_path / "d.html"))  # html by default with -o
    assert (tmp_path / "d.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    for fmt, probe in (("json", '"targets"'), ("csv", "indicator,a_value"), ("md", "## Targets")):
        output.emit_comparison(c, fmt=fmt, output=str(tmp_path / f"d.{fmt}"))
        assert probe in (tmp_path / f"d.{fmt}").read_text(encoding="utf-8")


def test_unknown_format_is_a_one_line_error():
    from store.errors import WzdiffError
    with pytest.raises(WzdiffError, match="unknown format"):
        output.emit_comparison(sample_comparison(), fmt="pdf")


# ---------------------------------------------------------------- HTML

def _doc(page: str):
    return lxml_html.document_fromstring(page)


def test_html_self_contained_and_script_allowed_by_hash():
    page = render_html(sample_comparison())
    doc = _doc(page)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|@import|url\(""", page)
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and not scripts[0].get("src")
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    digest = base64.b64encode(hashlib.sha256(scripts[0].text.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_html_header_summary_and_target_table():
    doc = _doc(render_html(sample_comparison()))
    assert doc.xpath("string(//h1)").split() == ["温州市2022年政府工作报告", "→", "2023年温州市政府工作报告"]
    assert "温州市第十四届人民代表大会第一次会议" in doc.xpath("string(//header)")
    rows = doc.xpath("//table[@id='ttable']/tbody/tr")
    assert [r.get("data-change") for r in rows] == ["lowered", "removed", "added", "lowered"]
    cells = [c.text_content().strip() for c in rows[0].xpath("td")]
    assert cells[1:4] == ["7%左右", "6%左右", "↓ 调低"]
    links = rows[0].xpath(".//a/@href")
    gdp = doc.xpath("//*[contains(@class,'sp')][.//del[.='7%'] and .//ins[.='6%']]")[0]
    assert links == [f"#{gdp.get('id')}", f"#{gdp.get('id')}"]
    assert doc.xpath("string(//span[contains(@class,'chip') and contains(@class,'c-removed')]/b)") == "1"
    ach = doc.xpath("//section[@id='achievements']//tbody/tr")[0]
    assert "✘ 未完成" in ach.text_content() and "3.7%" in ach.text_content()


def test_html_text_pairs_collapsing_and_stops():
    c = sample_comparison()
    doc = _doc(render_html(c))
    units = {u.get("id"): u for u in doc.xpath("//article[contains(@class,'unit')]")}
    pre = units["u1"]
    assert "collapsed" in pre.get("class") and "c-unchanged" in pre.get("class")
    assert "collapsed" not in units["u4"].get("class")  # the plan part has the GDP change
    gdp = doc.xpath("//div[contains(@class,'k-mod')][.//del[.='7%']]")[0]
    assert gdp.xpath("string(span[@class='a'])") == GDP_A
    assert gdp.xpath("string(span[@class='b'])") == GDP_B
    assert gdp.get("data-score") == "0.71" and gdp.get("data-stop") is not None
    assert "low" in units["u2"].get("class")  # low-confidence part pair is marked
    stops = doc.xpath("//*[@data-stop]")
    counter = doc.get_element_by_id("counter")
    assert counter.get("data-total") == str(len(stops)) == counter.text.split("/ ")[1]
    # the removed section is one stop; its removed sentence is not a separate one
    assert units["u3"].get("data-stop") is not None
    assert not units["u3"].xpath(".//*[@data-stop]")
    assert build_view(c)["stops"] == len(stops) == 6


def test_html_moved_unit_linked_both_ways():
    doc = _doc(render_html(sample_comparison()))
    full = doc.xpath("//article[contains(@class,'c-moved')]")[0]
    stub = doc.get_element_by_id(full.get("id") + "-from")
    assert stub.xpath(".//a/@href") == ["#" + full.get("id")]
    assert "#" + stub.get("id") in full.xpath("./div[contains(@class,'uh')]//a/@href")
    # the stub sits at A's position: after A's part 3 (the plan), before nothing else
    order = [e.get("id") for e in doc.xpath("//section[@id='text']/*[contains(@class,'unit')]")]
    assert order.index(stub.get("id")) == order.index("u4") + 1
    assert full.xpath(".//del[.='疫情防控防线']") and full.xpath(".//ins[.='公共安全坚实底板']")


def test_html_escapes_hostile_text():
    page = render_html(hostile_comparison())
    doc = _doc(page)
    assert len(doc.xpath("//script")) == 1
    assert not doc.xpath("//img") and not doc.xpath("//*[@onerror]")
    assert HOSTILE in doc.xpath("string(//h1)")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert doc.xpath(f"//td[contains(., '{HOSTILE[:20]}')]")


def test_html_sentence_dedup_between_levels():
    c = sample_comparison()
    para = c.sections[4].children[0]
    c.sections[4].sentences = list(para.sentences)  # the section lists its paragraph's sentence too
    doc = _doc(render_html(c))
    assert len(doc.xpath("//div[contains(@class,'sp')][.//ins[.='公共安全坚实底板']]")) == 1


# ---------------------------------------------------------------- the real Wenzhou pair

@pytest.fixture(scope="module")
def real():
    from compare.api import compare_reports
    from store.parse import parse_file
    root = Path(__file__).resolve().parents[1] / "samples/wenzhou"
    return compare_reports(parse_file(root / "2022.txt"), parse_file(root / "2023.md"))


def test_real_pair_json(real):
    d = json.loads(data.to_json(data.comparison_to_dict(real)))
    first = next(s for s in d["sections"] if s["level"] == 1)  # after the preamble's paragraphs
    assert (first["a"]["heading"], first["b"]["heading"]) == ("一、过去五年工作回顾", "一、2022年工作回顾")
    assert d["sections"][0]["level"] == 3 and d["sections"][0]["a"]["path"].startswith("0.")
    assert {s["level"] for s in d["sections"]} == {1, 2, 3}
    assert all(e["op"] in ("insert", "delete") and e["text"] and not re.search(r"\s", e["text"])
               for s in d["sections"] for e in s["edits"])
    gdp = next(t for t in d["targets"] if t["indicator_key"] == "gdp" and t["a"] and t["b"])
    assert (gdp["a"]["value"], gdp["b"]["value"], gdp["change"]) == (7, 6, "lowered")
    assert d["summary"] == real.summary()


def test_real_pair_html_size_and_every_sentence_once(real):
    page = render_html(real)
    assert len(page.encode("utf-8")) < 2_000_000
    view = build_view(real)
    shown = {"a": [], "b": []}

    def walk(rows):
        for r in rows:
            for s in r.sentences:
                shown["a"] += [s.pair.a_id] if s.pair.a is not None else []
                shown["b"] += [s.pair.b_id] if s.pair.b is not None else []
            walk(r.children)
    walk(view["rows"])
    every = {"a": set(), "b": set()}
    for p in data.iter_pairs(real.sections):
        for s in p.sentences:
            every["a"] |= {s.a_id} if s.a is not None else set()
            every["b"] |= {s.b_id} if s.b is not None else set()
    for side in "ab":
        assert len(shown[side]) == len(set(shown[side])), f"a sentence of {side} is shown twice"
        assert set(shown[side]) == every[side], f"a sentence of {side} is missing"
    doc = _doc(page)
    gdp = doc.xpath("//table[@id='ttable']/tbody/tr[td[1][starts-with(., '地区生产总值')]]")[0]
    assert gdp.get("data-change") == "lowered" and "7%左右" in gdp.text_content() and "6%左右" in gdp.text_content()
    hrefs = gdp.xpath(".//a/@href")
    assert len(hrefs) == 2 and all(doc.get_element_by_id(h[1:]) is not None for h in hrefs)
    assert "增长7%左右" in doc.get_element_by_id(hrefs[0][1:]).text_content()
