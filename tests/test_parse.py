"""The report parser (issue 3): every input kind, structure, metadata, ids, losslessness, schema,
bad input (library and CLI), gold headings.

Real text only: samples/ and ../shared/corpus; HTML, DOCX, PDF, one-line and re-encoded inputs are
built in the test from those texts. Every parsed input is also checked to be lossless and valid.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from store import schema
from store.errors import InputError, WzdiffError
from store.lossless import lost_characters
from store.model import Report
from store.parse import parse_bytes, parse_file, parse_source
from store.reading import read_bytes, read_file
from store.structure import split_sentences
from wzdiff import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
WZ22 = SAMPLES / "wenzhou" / "2022.txt"
WZ23 = SAMPLES / "wenzhou" / "2023.md"
WZ24 = SAMPLES / "wenzhou" / "2024.txt"
NAT18 = SAMPLES / "national" / "2018.txt"
HAILAR16 = SAMPLES / "hailar" / "2016.txt"
HAILAR17 = SAMPLES / "hailar" / "2017.txt"
from _paths import SHARED  # noqa: E402
GOLD_ALIGN = sorted((SHARED / "gold" / "align").glob("*.json"))

#: Part headings of Wenzhou 2024 (samples/wenzhou/2024.txt), the text most builders start from.
WZ24_PARTS = ["一、2023年工作回顾", "二、2024年主要目标任务和重点工作", "三、全面加强政府自身建设"]
WZ24_SECTION1 = "（一）强化科技创新引领，奋力推动新旧动能加速转换。"
_CACHE: dict = {}


def parsed(path: Path, **kw) -> tuple[Report, object]:
    """(report, source) of a sample, parsed once per test session."""
    key = (path, tuple(sorted(kw.items())))
    if key not in _CACHE:
        src = read_file(path)
        _CACHE[key] = (parse_source(src, **kw), src)
    return _CACHE[key]


def from_bytes(data: bytes, name: str, **kw) -> tuple[Report, object]:
    src = read_bytes(data, name)
    return parse_source(src, **kw), src


def headings(report: Report, level: int | None = None) -> list[str]:
    """Part (level 1) and section (level 2) headings in document order."""
    return [u.heading for u in report.units() if u.level <= 2 and (level is None or u.level == level)]


def sound(report: Report, src) -> None:
    """Every parse must be lossless and valid against the shipped schema, also after a round trip."""
    assert lost_characters(report, src) == 0
    schema.validate(report.root)
    assert Report.from_bytes(report.to_bytes()).full_text() == report.full_text()


def written_and_parsed(path: Path, text: str) -> Report:
    """Write ``text`` to ``path``, parse it, and check the parse is sound."""
    path.write_text(text, encoding="utf-8")
    r = parse_file(path)
    sound(r, read_file(path))
    return r


def wz24_lines() -> list[str]:
    """Wenzhou 2024's paragraphs, one per item (the file has a blank line between paragraphs)."""
    return [ln for ln in WZ24.read_text(encoding="utf-8").splitlines() if ln.strip()]


@pytest.fixture(scope="module")
def wz24():
    return parsed(WZ24)


# ---- text extracted from a PDF: Wenzhou 2022 --------------------------------------------------
def test_pdf_text_structure_and_metadata():
    r, src = parsed(WZ22)
    sound(r, src)
    assert src.format == "txt" and src.encoding == "utf-8"
    assert headings(r, 1) == ["一、过去五年工作回顾", "二、今后五年的目标任务", "三、2022年重点工作", "四、全面加强政府自身建设"]
    secs = headings(r, 2)
    assert len(secs) == 14
    # A section heading that runs over a PDF line break, taken up to its first 。
    assert secs[0] == "（一）奋力打造实力跃升、辐射周边的全省第三极，切实厚植“千年商港、幸福温州”的发展根基。"
    # A heading without 。 is never glued onto the paragraph after it
    assert secs[6] == "（一）坚持稳字当头、稳中求进，全力推动经济平稳健康发展"
    assert (r.date, r.session, r.speaker, r.office) == ("2022-04-09", "第十四届人民代表大会第一次会议", "张振丰", "代市长")
    assert (r.government, r.level, r.year, r.region) == ("温州市", "prefecture", 2022, "温州市")
    assert r.title == "政府工作报告"
    assert r.warnings == []


def test_pdf_text_repairs_page_numbers_spaces_and_wraps():
    r, src = parsed(WZ22)
    raw = WZ22.read_text(encoding="utf-8")
    assert re.search(r"^- \d+ -\s*$", raw, re.M) and "2016 年的 5125 亿元" in raw
    text = r.full_text()
    assert "2016年的5125亿元" in text
    assert not re.search(r"-\d+-", text)
    # The file-number line stays, as front matter, out of the body
    front = [(ln.get("n"), ln.text) for ln in r.root.findall("front/line")]
    assert front[0] == ("1", "温州市十四届人大一次会议文件（15）")
    assert "人大一次会议文件" not in "".join(r.root.find("body").itertext())
    # Part roles and periods
    parts = r.parts()
    assert [(p.get("role"), p.get("period")) for p in parts] == [
        ("review", "2017-2021"), ("five_year", "2022-2026"), ("plan", "2022"), ("self", "2022")]


def test_ids_and_line_spans():
    r, _ = parsed(WZ22)
    parts = r.parts()
    assert [p.get("id") for p in parts] == ["p1", "p2", "p3", "p4"]
    assert [p.get("lines") for p in parts] == ["24-364", "365-575", "577-1224", "1225-1308"]
    sec = parts[2].find("section")
    assert (sec.get("id"), sec.get("lines")) == ("p3.s1", "594-667")
    para = sec.find("paragraph")
    assert (para.get("id"), para.get("lines")) == ("p3.s1.para1", "596-614")
    assert [s.get("id") for s in para.iter("sentence")][:3] == ["p3.s1.para1.h1", "p3.s1.para1.s1", "p3.s1.para1.s2"]
    # The line span points at the source: line 596 opens the paragraph
    lines = WZ22.read_text(encoding="utf-8").splitlines()
    assert lines[595].startswith("千方百计帮扶市场主体。")
    assert lines[593].startswith("（一）坚持稳字当头")
    # The salutation before part 一 is body text under p0
    pre = r.root.find("body/paragraph")
    assert (pre.get("id"), pre.get("lines"), pre.findtext("sentence")) == ("p0.para1", "18-18", "各位代表：")
    # Every id is unique
    ids = [e.get("id") for e in r.root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_run_in_headings():
    r, _ = parsed(WZ22)
    units = {u.id: u for u in r.units()}
    assert units["p3.s1.para1"].heading == "千方百计帮扶市场主体。"
    assert units["p3.s1.para1"].sentences[1] == ("p3.s1.para1.s1", "实施纾困解难一揽子政策措施，有效帮扶受疫情影响较大的行业和企业。")
    assert units["p1.para9"].heading == "一是以更大手笔推动了产业提质增效。"
    nat, _ = parsed(NAT18)
    leads = [u.heading for u in nat.units() if u.level == 3 and u.heading]
    assert "五年来，经济实力跃上新台阶。" in leads
    # An ordinary long first sentence is no heading
    first = r.root.find("body/part/paragraph")
    assert first.find("heading") is None


def test_sentences_never_split_inside_quotes_or_brackets():
    text = "会议指出“要稳中求进。要守正创新！”。全年（含上年结转。）完成任务；继续努力。"
    assert split_sentences(text) == ["会议指出“要稳中求进。要守正创新！”。", "全年（含上年结转。）完成任务；", "继续努力。"]
    r, _ = parsed(WZ22)
    for s in r.iter_sentences():
        t = s.text or ""
        assert t.count("“") == t.count("”"), t
        assert t.count("（") == t.count("）"), t
    assert "".join(split_sentences(text)) == text


# ---- word-processor text: one paragraph per line ---------------------------------------------
def test_one_paragraph_per_line_with_blank_lines(wz24):
    r, src = wz24
    sound(r, src)
    assert headings(r, 1) == WZ24_PARTS
    assert headings(r, 2)[0] == WZ24_SECTION1
    assert len(headings(r, 2)) == 8
    assert r.year == 2024 and r.warnings == []


@pytest.mark.parametrize("indent", ["", "\u3000\u3000"])
def test_one_paragraph_per_line_without_blank_lines(indent):
    data = "\n".join(indent + ln for ln in wz24_lines()).encode("utf-8")
    r, src = from_bytes(data, "wz24.txt")
    sound(r, src)
    assert headings(r) == headings(parsed(WZ24)[0])
    sec = r.root.find("body/part/section")
    assert sec.get("lines").startswith("21-")  # line numbers of the new file, one per paragraph
    para = sec.findall("paragraph")[1]  # [0] is the rest of the section heading's line
    assert para.get("lines") == "22-22"
    assert para.findtext("heading/sentence") == "加速做强创新平台。"


def test_real_u3000_indented_gb18030_crlf():
    r, src = parsed(HAILAR16)
    sound(r, src)
    assert src.encoding == "gb18030"
    assert b"\r\n" in HAILAR16.read_bytes() and "\u3000" in HAILAR16.read_bytes().decode("gb18030")
    assert headings(r, 1) == ["一、“十二五”时期和2015年工作回顾", "二、“十三五”经济社会发展的主要目标和任务", "三、2016年工作安排"]
    assert (r.government, r.level, r.date, r.speaker, r.office) == ("海拉尔区", "county", "2016-02-19", "杜联合", "区长")
    # 2017 has no title line: metadata from the date/session line
    r17, src17 = parsed(HAILAR17)
    sound(r17, src17)
    assert r17.title is None and (r17.year, r17.session) == (2017, "第十四届人民代表大会第六次会议")


@pytest.mark.parametrize("sep", ["    ", "\u3000\u3000", "\u2003\u2003", " \u3000 "])
def test_whole_report_on_one_line(sep):
    data = sep.join(wz24_lines()).encode("utf-8")
    assert data.count(b"\n") == 0
    r, src = from_bytes(data, "wz24-oneline.txt")
    sound(r, src)
    assert headings(r) == headings(parsed(WZ24)[0])
    assert {p.get("lines") for p in r.root.iter("paragraph")} == {"1-1"}


# ---- Markdown -----------------------------------------------------------------------------------
def test_markdown_yaml_header_and_bold_leads():
    r, src = parsed(WZ23)
    sound(r, src)
    assert src.format == "md" and src.meta["title"] == "2023年温州市政府工作报告"
    assert r.root.find("meta/source").get("url").startswith("https://www.wenzhou.gov.cn/")
    assert headings(r, 1) == ["一、2022年工作回顾", "二、2023年主要目标任务和重点工作", "三、全面加强政府自身建设"]
    assert headings(r, 2)[0] == "（一）聚焦聚力稳进提质，推动经济持续回升向好。"
    units = {u.id: u for u in r.units()}
    assert units["p1.para2"].heading == "过去一年，我们强化高效统筹，夺取战疫情和稳经济双胜利。"
    # No Markdown marks in the XML; the YAML header is front matter
    assert "**" not in r.full_text()
    assert r.root.find("front/line").text == "---"
    assert (r.date, r.speaker, r.office, r.government) == ("2023-02-08", "张振丰", "市长", "温州市")


# ---- HTML -----------------------------------------------------------------------------------
def _html_of(lines: list[str], page: bool) -> str:
    """Render report paragraphs as a government web page: parts and sections in ``<h4>``, run-in
    leads in ``<strong>``, quotes as entities, a ``<br>`` inside a paragraph."""
    out = []
    for i, ln in enumerate(lines):
        t = ln.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("&", "&amp;", 0)
        if re.match(r"^[一二三四五六七八九十]、|^（[一二三四五六七八九十]）", ln) and len(ln) < 60:
            out.append(f"<h4>{t}</h4>")
        elif "。" in t[:40] and i % 2:
            k = t.index("。") + 1
            out.append(f"<p>&nbsp;&nbsp;<strong>{t[:k]}</strong>{t[k:]}</p>")
        elif len(t) > 600:
            out.append(f"<p>{t[:300]}<br>{t[300:]}</p>")
        else:
            out.append(f"<p>{t}</p>")
    body = "\n".join(out)
    if not page:
        return body
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>2024年政府工作报告</title>"
            "<style>p{margin:0}</style><script>var a='<p>不是正文</p>';</script></head><body>"
            f"<div class='nav'>首页 &gt; 政务公开</div><div class='article'>{body}</div></body></html>")


@pytest.mark.parametrize("page", [True, False])
def test_html_page_and_fragment(page):
    lines = wz24_lines()
    data = _html_of(lines, page).encode("utf-8")
    r, src = from_bytes(data, "wz24.html" if page else "wz24-fragment.htm")
    sound(r, src)
    assert src.format == "html"
    assert headings(r) == headings(parsed(WZ24)[0])
    assert "不是正文" not in r.full_text() and "&ldquo;" not in r.full_text()
    assert "“" in r.full_text()
    # the <strong> lead is the paragraph's run-in heading
    leads = [u.heading for u in r.units() if u.level == 3 and u.heading]
    assert "加速做强创新平台。" in leads


# ---- DOCX -----------------------------------------------------------------------------------
def test_docx_with_bold_leads():
    import docx

    doc = docx.Document()
    lines = wz24_lines()
    for ln in lines:
        if re.match(r"^[一二三四五六七八九十]、", ln):
            doc.add_heading(ln, level=2)
        elif ln.startswith("推进基础研究") or ln.startswith("加速做强创新平台。"):
            k = ln.index("。") + 1
            p = doc.add_paragraph()
            p.add_run(ln[:k]).bold = True
            p.add_run(ln[k:])
        else:
            doc.add_paragraph(ln)
    buf = io.BytesIO()
    doc.save(buf)
    r, src = from_bytes(buf.getvalue(), "wz24.docx")
    sound(r, src)
    assert src.format == "docx"
    assert headings(r) == headings(parsed(WZ24)[0])
    second = r.root.find("body/part/section").findall("paragraph")[1]
    assert second.findtext("heading/sentence") == "加速做强创新平台。"


# ---- PDF ------------------------------------------------------------------------------------
def _wrap(para: str, width: int) -> list[str]:
    """Break a paragraph into lines of ``width`` cells as a typesetter does: a CJK character takes
    one cell, an ASCII digit or letter half of one; the first line is indented by two cells."""
    out, line, used, room = [], "", 0.0, width - 2
    for c in para:
        w = 0.5 if ord(c) < 128 else 1.0
        if used + w > room:
            out.append(line)
            line, used, room = "", 0.0, width
        line += c
        used += w
    return out + [line]


def _pdf(lines: list[str], font: str = "STSong-Light", width: int = 28, page_numbers: bool = True,
         top: int = 80, header: str = "") -> bytes:
    """Typeset ``lines`` (paragraphs) on A4 pages, wrapped at ``width`` cells (``_wrap``), with a
    page number ``- n -`` in the bottom band of every page; the text starts ``top`` pt below the
    page's top edge, under an optional running ``header``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if font == "STSong-Light":
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    w, h = A4
    y, page = h - top, 1

    def new_page():
        nonlocal y, page
        if page_numbers:
            c.setFont(font, 11)
            c.drawCentredString(w / 2, 25, f"- {page} -")
        if header:
            c.setFont(font, 9)
            c.drawCentredString(w / 2, h - 14, header)
        c.showPage()
        y, page = h - top, page + 1

    for para in lines:
        wrapped = _wrap(para, width)
        for k, piece in enumerate(wrapped):
            if y < 80:
                new_page()
            c.setFont(font, 15)
            c.drawString(70 + (30 if k == 0 else 0), y, piece)
            y -= 24
    new_page()
    c.save()
    return buf.getvalue()


def test_pdf_file():
    # Part 一's opening and end, and part 二 into its second section
    lines = wz24_lines()
    # U+00B7 (共享社·幸福里) has no glyph in STSong-Light's GB encoding: reportlab would drop it
    keep = [ln.replace("·", "") for ln in lines[:5] + lines[14:26]]
    r, src = from_bytes(_pdf(keep), "wz24.pdf")
    sound(r, src)
    assert src.format == "pdf"
    assert headings(r) == WZ24_PARTS[:2] + [WZ24_SECTION1, "（二）聚焦聚力稳进提质，奋力推动经济持续回升向好。"]
    ref, _ = from_bytes("\n".join(keep).encode("utf-8"), "wz24-excerpt.txt")
    assert r.full_text() == ref.full_text()  # page numbers cropped, wraps joined, nothing else lost
    assert "- 2 -" not in "".join(ln.text for ln in src.lines)
    # paragraphs are found again from the short last lines: same paragraphs as the text
    para_texts = lambda rep: ["".join(p.itertext()) for p in rep.root.iter("paragraph")]  # noqa: E731
    assert para_texts(r) == para_texts(ref)
    assert r.root.find("body/part/section").findall("paragraph")[1].findtext("heading/sentence") == "加速做强创新平台。"


def test_pdf_set_with_small_margins_loses_no_line_but_its_running_header():
    """Break test: a PDF whose text starts 30 pt below the page top lost its first line on every
    page to a fixed crop. Page numbers and a header repeated on every page go; text stays."""
    keep = [ln.replace("·", "") for ln in wz24_lines()[:12]]
    r, src = from_bytes(_pdf(keep, top=30, header="温州市人民政府工作报告"), "wz24-tight.pdf")
    sound(r, src)
    ref, _ = from_bytes("\n".join(keep).encode("utf-8"), "wz24-excerpt.txt")
    assert r.full_text() == ref.full_text()
    assert len([ln for ln in src.lines if "温州市人民政府工作报告" in ln.text]) == 0


def test_pdf_with_cid_garbage_is_refused():
    data = _pdf(["(cid:123)(cid:456)(cid:789)" * 3] * 30, font="Helvetica", width=60)
    with pytest.raises(InputError) as e:
        read_bytes(data, "scan.pdf")
    assert "scan.pdf" in str(e.value) and "(cid:" in str(e.value) and "\n" not in str(e.value)


def test_pdf_without_text_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 300, 300, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(InputError) as e:
        read_bytes(buf.getvalue(), "empty.pdf")
    assert str(e.value).startswith("empty.pdf: ") and "no extractable text" in str(e.value)


# ---- encodings -------------------------------------------------------------------------------
@pytest.mark.parametrize("enc,bom,nl,label", [
    ("utf-8", b"", "\n", "utf-8"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n", "utf-8-sig"),
    ("gb18030", b"", "\r\n", "gb18030"),
    ("utf-16-le", b"\xff\xfe", "\r\n", "utf-16"),
    ("utf-16-be", b"\xfe\xff", "\n", "utf-16"),
])
def test_encodings_and_line_ends(enc, bom, nl, label):
    text = nl.join(WZ24.read_text(encoding="utf-8").splitlines()[:45])
    r, src = from_bytes(bom + text.encode(enc), "wz24.txt")
    sound(r, src)
    assert src.encoding == label
    assert headings(r) == WZ24_PARTS[:2] + [WZ24_SECTION1]
    ref, _ = from_bytes(text.replace("\r\n", "\n").encode("utf-8"), "ref.txt")
    assert r.full_text() == ref.full_text()


def test_zero_width_characters_removed_even_inside_numbers():
    raw = (SAMPLES / "national" / "2017.txt").read_text(encoding="utf-8")
    assert raw.count("\u200b") == 33
    r, src = parsed(SAMPLES / "national" / "2017.txt")
    sound(r, src)
    text = r.full_text()
    assert not re.search("[\u200b\u200d\ufeff]", text)
    assert "74.4万亿元" in text and "74.4\n\u200b\n万亿元" in raw


# ---- front and back matter ---------------------------------------------------------------------
def test_wiki_licence_footer_is_back_matter():
    r, src = parsed(NAT18)
    sound(r, src)
    back = [ln.text for ln in r.root.findall("back/line")]
    assert back[0].startswith("本作品是中华人民共和国的法律、法规")
    assert back[-1] == "Public domainPublic domainfalsefalse"
    body = "".join(r.root.find("body").itertext())
    assert "本作品" not in body and "Public domain" not in body
    assert (r.government, r.level) == ("国务院", "national")
    assert headings(r, 1) == ["一、过去五年工作回顾", "二、2018年经济社会发展总体要求和政策取向", "三、对2018年政府工作的建议"]


def test_publisher_source_tail_is_back_matter():
    data = WZ24.read_bytes() + "\n\n（来源：温州市人民政府网站）\n\n责任编辑：王某\n".encode("utf-8")
    r, src = from_bytes(data, "wz24.txt")
    sound(r, src)
    assert [ln.text for ln in r.root.findall("back/line")] == ["（来源：温州市人民政府网站）", "责任编辑：王某"]
    assert headings(r) == headings(parsed(WZ24)[0])


# ---- metadata conflicts -----------------------------------------------------------------------
def test_user_year_and_region_conflicts_are_warned():
    r, _ = parsed(WZ22, year=2021, region="杭州市")
    assert r.year == 2021 and r.region == "杭州市"
    assert "year 2021 given, but the text says 2022" in r.warnings
    assert any("杭州市" in w and "温州市" in w for w in r.warnings)
    same, _ = parsed(WZ22, year=2022, region="温州")
    assert same.warnings == [] and same.region == "温州"
    # A region the text does not name is taken without a warning
    r24, _ = parsed(WZ24, region="温州市")
    assert r24.region == "温州市" and r24.warnings == []


# ---- hostile XML --------------------------------------------------------------------------------
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE report [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<report schema="1"><meta/><body><paragraph id="p0.para1" lines="1-1"><sentence id="s">&d;</sentence></paragraph></body></report>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE report [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<report schema="1"><meta/><body><paragraph id="p0.para1" lines="1-1"><sentence id="s">&x;</sentence></paragraph></body></report>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_hostile_xml_is_refused(data):
    with pytest.raises(WzdiffError) as e:
        Report.from_bytes(data, what="evil.xml")
    assert str(e.value).startswith("evil.xml: ")


def test_stored_xml_round_trips_and_invalid_xml_is_refused():
    r, _ = parsed(WZ23)
    again = Report.from_bytes(r.to_bytes())
    assert headings(again) == headings(r)
    bad = r.to_bytes().replace(b'bound="about"', b'bound="roughly"', 1)
    assert bad != r.to_bytes()
    with pytest.raises(WzdiffError, match="does not match the report schema"):
        Report.from_bytes(bad)


# ---- bad input: library and CLI ----------------------------------------------------------------
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, what the one-line error must say)."""
    gb = WZ24.read_text(encoding="utf-8")[:400].encode("gb18030")
    cut = gb[:-1] if gb[-2] >= 0x81 else gb[:-1] + "温".encode("gb18030")[:1]
    files = {
        "empty": ("empty.txt", b"", "empty file"),
        "blank": ("blank.txt", " \n\r\n\u3000\n".encode("utf-8"), "no text"),
        "binary": ("picture.txt", PNG, "binary file"),
        "truncated-gb18030": ("cut.txt", cut, "truncated GB18030"),
        "pdf-without-text": ("scan.pdf", _blank_pdf(), "no extractable text"),
        "not-a-pdf": ("broken.pdf", b"%PDF-1.4\n garbage", "PDF"),
        "not-a-docx": ("broken.docx", b"PK\x03\x04 garbage", "DOCX"),
    }
    out = {}
    for key, (name, data, msg) in files.items():
        p = tmp_path / name
        p.write_bytes(data)
        out[key] = (p, msg)
    out["missing"] = (tmp_path / "nowhere.txt", "no such file")
    return out


def _blank_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_bad_input_library(tmp_path):
    for key, (path, msg) in _bad_files(tmp_path).items():
        with pytest.raises(InputError) as e:
            parse_file(path)
        text = str(e.value)
        assert path.name in text and msg in text and "\n" not in text, (key, text)


def test_bad_input_cli(tmp_path):
    runner = CliRunner()
    good = str(WZ24)
    for key, (path, msg) in _bad_files(tmp_path).items():
        for args in (["targets", str(path)], ["compare", str(path), good]):
            res = runner.invoke(cli, args)
            assert res.exit_code != 0, (key, args)
            assert res.exception is None or isinstance(res.exception, SystemExit), (key, res.exception)
            out = res.output.strip()
            assert "Traceback" not in out and len(out.splitlines()) == 1, (key, out)
            assert path.name in out and msg in out, (key, out)


def test_text_without_headings_is_a_flat_report_with_a_warning(tmp_path):
    # The review's paragraphs of Wenzhou 2024 without any heading line
    lines = [ln for ln in wz24_lines()[2:14] if not re.match(r"^[一二三四五六七八九十]、|^（", ln)]
    path = tmp_path / "notes.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    r = parse_file(path)
    sound(r, read_file(path))
    assert r.parts() == [] and len(r.root.findall("body/paragraph")) == len(lines)
    assert any("no part headings" in w for w in r.warnings)
    res = CliRunner().invoke(cli, ["targets", str(path), "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)


def test_unnumbered_bold_part_headings_by_year_and_work(tmp_path):
    # 酒泉市 2023 (corpus cities/): parts are bold lines without numbers; the plan part is
    # 2023年政府工作, named by year and 工作 only; its sections restart at （一）
    md = ("---\ntitle: 酒泉市政府工作报告\n---\n\n各位代表:\n\n现在，我代表酒泉市人民政府，向大会报告工作，请予审议。\n\n"
          "**2022年工作回顾**\n\n（一）经济增长逆势而进。全年地区生产总值增长6.5%。\n\n（二）一批大项目落地落户。签约项目120个。\n\n"
          "**2023年政府工作**\n\n奋斗目标是:地区生产总值增长7%以上，规上工业增加值增长10%以上。\n\n"
          "（一）持之以恒大抓投资不松劲。我们充分认识到，投资仍然是拉动酒泉经济的第一动力。\n\n"
          "（二）坚定不移改善工业结构不懈怠。在稳定发展石化、电力工业的同时，积极发展非石化产业。\n")
    r = written_and_parsed(tmp_path / "2023.md", md)
    assert [u.heading for u in r.units() if u.level == 1] == ["2022年工作回顾", "2023年政府工作"]
    assert [u.heading for u in r.units() if u.level == 2][2:] == ["（一）持之以恒大抓投资不松劲。", "（二）坚定不移改善工业结构不懈怠。"]


GLUED = [
    # 鄂州市 2014 (corpus cities/): the heading runs into the first sentence with no break
    ("各位代表：\n\n现在，我代表市人民政府，向大会报告工作，请予审议。\n\n"
     "一、2013年工作回顾2013年，面对复杂多变的国内外经济形势，全市上下深入贯彻党的十八大精神，地区生产总值增长10.5%。\n\n"
     "——经济保持持续增长，综合实力不断增强。面对经济下行压力，坚持应急与谋远并举，统筹稳增长。\n\n"
     "二、2014年工作安排今年，是全面贯彻党的十八届三中全会精神的第一年。地区生产总值增长10%。\n\n"
     "（一）大力解放思想，全面深化改革，激活发展内生动力。推进行政审批制度改革。\n",
     ["一、2013年工作回顾", "二、2014年工作安排"], ["（一）大力解放思想，全面深化改革，激活发展内生动力。"]),
    # 益阳市 2025: no part heading stands alone, each task opens with a short numbered sentence
    ("各位代表：\n\n今年重点抓好以下工作：\n\n一、狠抓扩大内需。聚焦“两重”“两新”加力举措，抢抓政策机遇，大力扩大有效投资。\n\n"
     "二、狠抓产业立市。坚定不移走好产业强市之路，聚焦构建现代化产业体系。\n",
     ["一、狠抓扩大内需。", "二、狠抓产业立市。"], []),
]


@pytest.mark.parametrize("txt, parts, sections", GLUED)
def test_part_headings_glued_to_their_text(tmp_path, txt, parts, sections):
    r = written_and_parsed(tmp_path / "report.txt", txt)
    assert [u.heading for u in r.units() if u.level == 1] == parts
    assert [u.heading for u in r.units() if u.level == 2] == sections


def test_numbered_items_under_an_unnumbered_part_stay_its_paragraphs(tmp_path):
    # 盐城市 2014 (corpus cities/): 一、… items are the tasks of the unnumbered part 2014年工作安排
    md = ("各位代表：\n\n**2013年工作回顾**\n\n过去一年，全市地区生产总值增长11.5%。\n\n**2014年工作安排**\n\n"
          "**一、强化质量效益导向，经济发展迈上新台阶。**全年地区生产总值增长10%左右。\n\n"
          "**二、坚持“三港”联动发展，沿海开发取得新突破。**推进港口建设。\n")
    r = written_and_parsed(tmp_path / "2014.md", md)
    assert [u.heading for u in r.units() if u.level == 1] == ["2013年工作回顾", "2014年工作安排"]


def test_appendix_lists_are_not_parts(tmp_path):
    # 昭通市 2023 (corpus cities/): after the speech, a glossary and 附件1 whose 10 items continue
    # the part numbers (四、…十、); 167 city reports have such an appendix
    txt = ("各位代表：\n\n一、2022年工作回顾\n\n全市地区生产总值增长4.5%。\n\n二、2023年重点工作\n\n"
           "（一）全力稳住经济大盘。地区生产总值增长7%左右。\n\n三、加强政府自身建设\n\n"
           "建设为民谋利的服务政府。牢记政府前面的“人民”二字。\n\n**名词解释**\n\n"
           "1.“润土培根”工程：围绕深化理论研究、强化宣传教育开展的工程。\n\n附件1\n\n10件民生实事\n\n"
           "一、稳定扩大就业\n\n城镇新增就业3万人。\n\n四、提升卫生健康服务能力\n\n新建乡镇卫生院10所。\n")
    r = written_and_parsed(tmp_path / "2023.md", txt)
    parts = [(u.heading, r.root.find(f".//part[@id='{u.id}']").get("role")) for u in r.units() if u.level == 1]
    assert parts == [("一、2022年工作回顾", "review"), ("二、2023年重点工作", "plan"), ("三、加强政府自身建设", "self"),
                     ("名词解释", "appendix"), ("附件1", "appendix")]
    assert any(t.value == 10 and t.unit == "所" for t in r.targets())  # appendix figures are still extracted


def test_numbered_tasks_of_an_unnumbered_plan_part_are_its_sections(tmp_path):
    # 吴忠市 2020 (corpus cities/): parts are plain lines; the plan part numbers its tasks 一、二、
    txt = ("各位代表：\n\n现在，我代表市人民政府，向大会报告工作，请予审议。\n\n2019年工作回顾\n\n"
           "过去的一年，全市地区生产总值增长6.5%。\n\n2020年主要目标和重点任务\n\n"
           "今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右。\n\n"
           "一、狠抓调转升级，推动经济高质量发展\n\n实施工业强市战略，新增规上工业企业30家。\n\n"
           "二、坚持改革创新，推动新旧动能加快转换\n\n深化重点领域改革。\n\n全面加强政府自身建设\n\n"
           "我们将坚持依法行政。\n")
    r = written_and_parsed(tmp_path / "2020.txt", txt)
    assert [u.heading for u in r.units() if u.level == 1] == ["2019年工作回顾", "2020年主要目标和重点任务", "全面加强政府自身建设"]
    assert [(u.id, u.heading) for u in r.units() if u.level == 2] == [
        ("p2.s1", "一、狠抓调转升级，推动经济高质量发展"), ("p2.s2", "二、坚持改革创新，推动新旧动能加快转换")]
    firms = [t for t in r.targets() if t.value == 30]
    assert [(t.kind, t.period) for t in firms] == [("target", "2020")]


# ---- gold headings ----------------------------------------------------------------------------------
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")
_TRAIL = re.compile(r"[。：:；;，,！!？?\s]+$")


def norm_heading(h: str) -> str:
    """As ../shared/tools/evaluate.py compares headings: whitespace, numbering, trailing marks off."""
    h = re.sub(r"\s+", "", h).replace("\u200b", "")
    return _TRAIL.sub("", _NUMBERING.sub("", h))


def _gold_headings() -> list[tuple[str, list[tuple[int, str]]]]:
    found: dict[str, set] = {}
    for f in GOLD_ALIGN:
        g = json.loads(f.read_text(encoding="utf-8"))
        for side in "ab":
            hs = found.setdefault(g[side], set())
            for s in g["sections"]:
                if s.get(side):
                    hs.add((s["level"], s[side]))
    return sorted((k, sorted(v)) for k, v in found.items())


@pytest.mark.parametrize("key,gold", _gold_headings(), ids=lambda x: x if isinstance(x, str) else "")
def test_gold_headings(key, gold):
    region, year = key.split("/")
    path = next((SAMPLES / region).glob(f"{year}.*"))
    r, _ = parsed(path)
    got = sorted({(u.level, norm_heading(u.heading)) for u in r.units() if u.level <= 2})
    want = sorted({(lvl, norm_heading(h)) for lvl, h in gold})
    # every gold heading found, at its level …
    assert [w for w in want if w not in got] == []
    # … and, at the levels the gold lists, no other part or section invented
    levels = {lvl for lvl, _ in want}
    assert [g for g in got if g[0] in levels and g not in want] == []


def test_gold_files_are_present():
    assert len(GOLD_ALIGN) >= 3


def test_heading_line_without_blank_before_indented_paragraph():
    """Hailar 2013 (GB18030, CRLF): ``一、过去一年工作回顾`` is followed, with no blank line, by an
    indented paragraph; the heading must stand alone as a part."""
    r = parse_file(SAMPLES / "hailar" / "2013.txt")
    assert [p.findtext("heading") for p in r.parts()] == ["一、过去一年工作回顾", "二、2013年工作安排"]
    assert r.warnings == []


def test_docx_table_cells_are_kept_in_order():
    """A DOCX table's figures are part of the report: each row becomes a paragraph, in place."""
    import docx

    d = docx.Document()
    d.add_paragraph("各位代表：")
    d.add_paragraph("一、2022年工作回顾")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "全市生产总值", "8029.8亿元、增长3.7%。"
    table.cell(1, 0).text, table.cell(1, 1).text = "一般公共预算收入", "增长5%。"
    d.add_paragraph("各项事业全面进步。")
    buf = io.BytesIO()
    d.save(buf)
    r = parse_bytes(buf.getvalue(), "table.docx")
    assert [s.text for s in r.iter_sentences()] == ["各位代表：","全市生产总值8029.8亿元、增长3.7%。", "一般公共预算收入增长5%。",
                                                          "各项事业全面进步。"]
    assert [(t.indicator, t.value, t.unit) for t in r.targets()] == [
        ("全市生产总值", 8029.8, "亿元"), ("全市生产总值", 3.7, "%"), ("一般公共预算收入", 5, "%")]


def test_year_from_part_headings_when_no_title_date_or_file_name_gives_it(tmp_path):
    # samples/wenzhou/2024.txt has no title block; renamed, only its parts say the year
    copy = tmp_path / "report2.txt"
    copy.write_bytes((SAMPLES / "wenzhou/2024.txt").read_bytes())
    assert parse_file(copy).year == 2024
    from store.metadata import year_from_parts

    assert year_from_parts(["一、2023年工作回顾", "二、三、全面加强政府自身建设"]) == 2024
    assert year_from_parts(["一、过去五年工作回顾", "三、2022年重点工作"]) == 2022
    assert year_from_parts(["一、工作回顾"]) is None


def test_a_text_without_sentence_ends_is_cut_into_bounded_sentences():
    from store.structure import SENTENCE_MAX

    text = "地区生产总值增长8%，" * 2000  # 22,000 characters and no 。
    got = split_sentences(text)
    assert "".join(got) == text and max(map(len, got)) <= SENTENCE_MAX and all(x.endswith("，") for x in got)
    real = (SAMPLES / "wenzhou/2022.txt").read_text(encoding="utf-8")
    assert all(len(x) <= 624 for x in split_sentences(re.sub(r"\s", "", real)))  # real sentences are untouched


def test_non_finite_numbers_never_reach_the_xml_or_the_json(tmp_path):
    r = parse_bytes(("各位代表：\n一、回顾\n地区生产总值增长" + "9" * 309 + "亿元，增长8%。\n").encode("utf-8"), "x.txt")
    assert [(t.value, t.unit) for t in r.targets()] == [(8, "%")]  # a 309-digit run is no quantity
    from lxml import etree

    from store.loading import load_report

    xml = etree.tostring(parse_file(SAMPLES / "wenzhou/2024.txt").root, encoding="unicode")
    bad = tmp_path / "edited.xml"
    bad.write_text(re.sub(r'value="[0-9.]+"', 'value="NaN"', xml, count=1), encoding="utf-8")
    with pytest.raises(WzdiffError, match="schema"):
        load_report(str(bad))


def test_a_named_five_year_plan_part_is_the_plans_period():
    """National 2016 (samples/): 二、“十三五”时期主要目标任务和重大举措 sets the 2016-2020 goals, not the
    year's: its 城镇新增就业5000万人以上 is no 2016 target."""
    r, _ = parsed(SAMPLES / "national" / "2016.txt")
    assert [(p.get("role"), p.get("period")) for p in r.parts()] == [
        ("review", "2015"), ("five_year", "2016-2020"), ("plan", "2016")]
    jobs = [t for t in r.targets() if t.value == 5000 and t.unit == "万人"]
    assert jobs and all(t.period == "2016-2020" for t in jobs)


@pytest.mark.parametrize("heading, role", [
    # corpus cities/ part headings: the plan named only to place this year in it, and a review of
    # achievements that does not say 回顾
    ("三、全力以赴做好“十四五”开局工作", ("plan", "2021")),
    ("二、“十四五”时期经济社会发展规划目标和2021年重点工作", ("plan", "2021")),
    ("一、2020年主要工作和“十三五”发展成就", ("review", "2020")),
    ("二、“十四五”规划和2035年远景目标的总体考虑", ("five_year", "2021-2025")),
    ("一、“十三五”时期工作回顾", ("review", "2016-2020")),  # 13 corpus reports; with a year, that year's
    ("一、2020年和“十三五”工作回顾", ("review", "2020")),
    ("新一届政府工作思路", ("five_year", "2021-2025")),  # 扬州 2022: the new term's five years
])
def test_part_roles_of_plan_period_headings(heading, role):
    from store.metadata import part_role

    assert part_role(heading, 2021) == role


def test_tasks_numbered_1_or_di_yi_are_the_sections_of_a_part_without_sections(tmp_path):
    # 常德 2023 and 攀枝花 2021 (corpus cities/): 80 city reports number a part's tasks only 1. 2. …
    # (a run-in lead) or 第一，第二，… (a line of its own)
    md = ("各位代表：\n\n一、2022年工作回顾\n\n过去一年，全市地区生产总值增长4.5%。\n\n二、2023年工作安排\n\n"
          "重点抓好七个方面的工作：\n\n1.坚持壮大实体经济，厚植高质量发展根基。把实施“五好”园区攻坚专项行动放在首位。\n\n"
          "加快推进产业升级。强化产业规划引领，全面完成“4+4”产业链建设。\n\n"
          "2.坚持扩大有效需求，增强高质量发展动能。全力以赴招商引资，新引进项目300个。\n\n"
          "三、全面加强政府自身建设\n\n第一，高效推进“两城”建设，促进市域协调发展\n\n推动“两城”建设全面出进度见形象。\n\n"
          "第二，强化创新驱动发展，加快产业转型升级\n\n推动县域经济高质量发展。\n")
    r = written_and_parsed(tmp_path / "2023.md", md)
    assert [(u.id, u.heading) for u in r.units() if u.level == 2] == [
        ("p2.s1", "1.坚持壮大实体经济，厚植高质量发展根基。"), ("p2.s2", "2.坚持扩大有效需求，增强高质量发展动能。"),
        ("p3.s1", "第一，高效推进“两城”建设，促进市域协调发展"), ("p3.s2", "第二，强化创新驱动发展，加快产业转型升级")]
    s1 = next(u for u in r.units() if u.id == "p2.s1")
    assert s1.text[len(s1.heading):].startswith("把实施“五好”园区") and "加快推进产业升级" in s1.text
    assert [u.text for u in r.units() if u.parent_id == "p2" and u.level == 3] == ["重点抓好七个方面的工作："]


def test_a_numbered_list_that_restarts_is_no_sections(tmp_path):
    # a review listing 1. 2. under one topic and 1. 2. under the next: lists, not the part's tasks
    txt = ("各位代表：\n\n一、2022年工作回顾\n\n经济运行稳中有进。主要表现在：\n\n1.工业生产加快。规上工业增加值增长6%。\n\n"
           "2.投资稳步增长。固定资产投资增长8%。\n\n民生持续改善。具体是：\n\n1.就业稳定。城镇新增就业3万人。\n\n"
           "2.收入增长。居民收入增长6%。\n\n二、2023年工作安排\n\n（一）稳增长。地区生产总值增长6%左右。\n")
    r = written_and_parsed(tmp_path / "2023.txt", txt)
    assert [u.heading for u in r.units() if u.level == 2] == ["（一）稳增长。"]


def test_a_report_given_late_in_the_year_is_the_next_years_report(tmp_path):
    # 常德 2022 (corpus cities/; 106 city reports were given in October–December): delivered
    # 2021年12月29日, it plans 2022; without that, none of its targets is a 2022 target
    md = ("---\ntitle: 常德市政府工作报告（2021年12月29日 周振宇）\n---\n\n"
          "——2021年12月29日在常德市第八届人民代表大会第一次会议上\n\n各位代表：\n\n一、本届政府及2021年工作回顾\n\n"
          "全市地区生产总值增长7.8%。\n\n二、2022年工作安排\n\n地区生产总值增长7%以上。\n\n"
          "三、努力建设人民满意的服务型政府\n\n坚持依法行政。\n")
    r = written_and_parsed(tmp_path / "report.md", md)
    assert (r.year, r.warnings) == (2022, [])
    assert [(p.get("role"), p.get("period")) for p in r.parts()] == [("review", "2021"), ("plan", "2022"), ("self", "2022")]
    assert [(t.kind, t.period) for t in r.targets() if t.value == 7] == [("target", "2022")]
    # 吕梁 2016 (given 2015年12月27日, only a “十三五” plan part): the file's name says which year's
    five_year = (md.replace("二、2022年工作安排", "二、“十四五”时期目标任务").replace("三、努力建设", "三、建设")
                 .replace("本届政府及2021年工作回顾", "本届政府工作回顾"))
    assert written_and_parsed(tmp_path / "2022.md", five_year).year == 2022
    assert written_and_parsed(tmp_path / "notes.md", five_year).year == 2021


def test_a_year_opened_just_before_the_sections_of_a_five_year_review_dates_them(tmp_path):
    # 汕尾 2022 (corpus cities/): 过去五年及2021年工作回顾, five-year paragraphs, then 各位代表。… 刚刚过去的
    # 2021年，… and the numbered items that tell of 2021
    txt = ("各位代表：\n\n过去五年及2021年工作回顾\n\n过去五年，是汕尾发展史上极不平凡的五年。地区生产总值年均增长6.8%。\n\n"
           "各位代表。星光不负赶路人，江河眷顾奋楫者。刚刚过去的2021年，是中国共产党成立100周年，我们奋力前行。\n\n"
           "一、聚焦聚力“两张报表”，交出实干当先的高分答卷\n\n预计地区生产总值增长12%。\n\n"
           "二、纵深推进“三大行动”，激活砥砺奋进的发展动力\n\n368个市重点建设项目完成投资649.6亿元。\n\n"
           "2022年工作安排\n\n地区生产总值增长7%左右。\n")
    r = written_and_parsed(tmp_path / "2022.txt", txt)
    periods = {t.value: t.period for t in r.targets()}
    assert (periods[6.8], periods[12], periods[649.6], periods[7]) == ("2017-2021", "2021", "2021", "2022")


def test_an_unnumbered_review_heading_right_after_the_title_block_starts_the_body(tmp_path):
    # 保定 2023 (corpus cities/): no 各位代表 before 2022年政府工作回顾, which went into the front matter
    md = ("---\ntitle: 保定市政府工作报告（2023年1月30日 闫继红）\n---\n\n——2023年1月30日在保定市第十六届人民代表大会"
          "第四次会议上\n\n保定市人民政府市长 闫继红\n\n2022年政府工作回顾\n\n一是经济运行稳中有进、稳中向好。全市生产总值增长3.8%。\n\n"
          "2023年主要工作\n\n全市生产总值增长6%左右。\n")
    r = written_and_parsed(tmp_path / "2023.md", md)
    assert [(p.get("role"), p.findtext("heading")) for p in r.parts()] == [("review", "2022年政府工作回顾"), ("plan", "2023年主要工作")]
    assert [(t.value, t.kind, t.period) for t in r.targets()] == [(3.8, "achievement", "2022"), (6, "target", "2023")]


def test_appendix_of_this_years_commitments_holds_targets():
    """本溪 2025 (corpus cities/) ends with 附件：2025年民生实事清单: its figures are the year's targets,
    while the figures of other appendices are no year's targets."""
    text = ("2025年本溪市政府工作报告\n\n各位代表：\n\n一、2024年工作回顾\n\n全市地区生产总值增长6%。\n\n"
            "二、2025年工作安排\n\n地区生产总值增长5.5%左右。\n\n附件：\n\n2025年民生实事清单\n\n"
            "三是实施城市明亮工程，全面消除主城区摸黑路，改造主城区路灯1.5万盏，更换路灯杆2500根。\n")
    r = parse_bytes(text.encode("utf-8"), "2025.txt")
    got = [(t.value, t.kind, t.period) for t in r.targets() if t.id.startswith("p3")]
    assert got == [(1.5, "target", "2025"), (2500, "target", "2025")]
    for title in ("有关情况说明", "2024年民生实事完成情况"):
        r = parse_bytes(text.replace("2025年民生实事清单", title).encode("utf-8"), "2025.txt")
        assert [t.kind for t in r.targets() if t.id.startswith("p3")] == ["other", "other"]


def test_a_one_year_review_turning_to_the_plan_it_closes():
    """National 2016 reviews 2015, then opens a paragraph on the plan 2015 closes (2015年是“十二五”收官
    之年。过去五年，…): its figures are the plan's, not 2015's. 鹰潭 2016 (corpus cities/) opens on the same
    close but goes on with the year (…收官之年，是…重要一年): its figures stay 2015's."""
    r = parse_file(SAMPLES / "national" / "2016.txt")
    period = {t.text: t.period for t in r.targets() if t.kind == "achievement"}
    assert period["城镇保障性安居工程住房建设4013万套"] == "2011-2015"
    assert period["单位国内生产总值能耗下降18.2%"] == "2011-2015"
    assert period["67.7万亿元，增长6.9%"] == "2015"
    text = ("2016年鹰潭市政府工作报告\n\n各位代表：\n\n一、2015年工作回顾\n\n"
            "2015年是完成“十二五”规划的收官之年，是我们适应、把握、引领新常态的重要一年。全年完成生产总值640亿元、增长9%。\n\n"
            "二、2016年工作安排\n\n地区生产总值增长8.5%左右。\n")
    r = parse_bytes(text.encode("utf-8"), "2016.txt")
    assert [(t.value, t.period) for t in r.targets() if t.kind == "achievement"] == [(640, "2015"), (9, "2015")]


#: Real lines of 岳阳 2014 and 2015 (corpus cities/岳阳市/), shortened: parts named only by a year
#: and a theme, no 一、 numbering and no role word; 2015 writes its review heading as plain text.
YUEYANG_2014 = """---
title: 岳阳市政府工作报告 （2014年1月18日盛荣华）
---

各位代表：

**2013年经济社会发展稳进向好**

2013年，在中共岳阳市委的坚强领导下，全市上下认真贯彻落实党中央、国务院和省委、省政府的决策部署，经济社会发展稳中有进。

1、经济总量持续增长。 预计全年实现地区生产总值2423亿元，增长10.2%；完成财政总收入256亿元，增长11%。

2、发展质量加快提升。 以“四化两型”、“三量齐升”为目标，着力转方式、调结构，三次产业结构调整为10.9∶55.2∶33.9。

**2014年加快全面建成小康社会进程**

今年全市经济社会发展主要预期目标是：地区生产总值增长10% ；固定资产投资增长23% ；规模工业增加值增长12% 。

1、全面深化改革开放，增强发展内生动力

广泛凝聚改革共识，牢牢把握改革方向，全力推进改革，全面扩大开放，着力增强经济发展的动力与活力。

2、着力转变发展方式，推动经济转型升级

把经济工作重心转移到调结构、促转型上来，提高经济发展质量和效益，打造岳阳经济升级版。
"""

YUEYANG_2015 = """---
title: 岳阳市政府工作报告 （2015年1月13日 盛荣华）
---

各位代表：

2014年经济社会保持平稳健康发展

——经济运行稳中有进。预计全年实现地区生产总值2676亿元，增长9.5%；固定资产投资1827亿元，增长23%。

**2015年全力推进湖南通江达海的新增长极建设**

今年经济社会发展的主要预期目标是：地区生产总值增长10%左右，规模工业增加值增长10%左右，固定资产投资增长19%。

**一、坚持稳增长调结构促转型**

科学编制“十三五”规划，在全力稳增长的同时，加大转方式、调结构力度，促进经济提质增效升级。

**二、加快“一带一区”开发开放**

抢抓长江经济带、洞庭湖生态经济区建设等重大战略机遇，发掘增长新动力，培育开放新优势。
"""


def test_parts_named_by_a_year_are_parts_with_their_roles():
    """岳阳 2014/2015, 淮北 2014, 常德 2016 (9 corpus reports had no part at all): a heading led by a
    year (``YEAR_LED``) is a part; an earlier year than the report's is its review, so the review's
    figures are achievements and the plan's are targets. In 2015 the numbered 一、二、 items under the
    unnumbered plan heading are its sections, not parts. Before: no part (2014) or seven role-less
    numbered parts (2015), every figure ``other``, and the pair's sections scored 0.20."""
    r14, src14 = from_bytes(YUEYANG_2014.encode(), "2014.md")
    sound(r14, src14)
    assert [(p.get("role"), p.get("period")) for p in r14.parts()] == [("review", "2013"), ("plan", "2014")]
    assert headings(r14, 2) == ["1、经济总量持续增长。", "2、发展质量加快提升。", "1、全面深化改革开放，增强发展内生动力",
                                "2、着力转变发展方式，推动经济转型升级"]
    kinds = {(t.value, t.kind) for t in r14.targets()}
    assert {(2423, "achievement"), (10.2, "achievement"), (23, "target"), (12, "target")} <= kinds
    r15, src15 = from_bytes(YUEYANG_2015.encode(), "2015.md")
    sound(r15, src15)
    assert [(p.get("role"), p.get("period"), p.findtext("heading")) for p in r15.parts()] == [
        ("review", "2014", "2014年经济社会保持平稳健康发展"), ("plan", "2015", "2015年全力推进湖南通江达海的新增长极建设")]
    assert headings(r15, 2) == ["一、坚持稳增长调结构促转型", "二、加快“一带一区”开发开放"]


#: Real lines of 常德 2016 (corpus cities/常德市/), shortened: parts named by a plan or a year and a
#: theme, bold or plain.
CHANGDE_2016 = """---
title: 常德市政府工作报告（2016年）
---

各位代表：

**“十二五”——创新创业、稳中求进的五年**

五年来，经济实力大为增强。地区生产总值由2010年1492亿元增加到2015年2720亿元（预计数，下同），总量位居全省第三，年均增长11.3%。

**2015——奋发有为、迎难而上的一年**

1、下大力引进产业项目，实体经济取得新突破。主攻重大项目建设。浪潮常德云计算中心、东星家居广场一期等项目建成运营。

“十三五”——全面小康、决战决胜的五年

今后五年，是我们深入推进新常德新创业的关键时期，是全面建成小康社会的决胜阶段，到2020年全市地区生产总值达到4300亿元。

2016——抢抓先机、扎实开局的一年

1、着力推进新型工业化

夯实园区平台。继续打好园区攻坚战役。加强园区基础建设，完成基础设施投入50亿元以上，建设标准化厂房150万平方米。
"""


def test_parts_named_by_a_plan_are_its_review_or_its_goals():
    """常德 2016 (break test): “十三五”——全面小康、决战决胜的五年 was no part, so the plan's 2020 goals
    (地区生产总值达到4300亿元) were filed as achievements of the 2015 review, and the 十二五 review's
    results stood in the preamble. A heading led by a named plan is a part like a year-led one: the
    finished plan is a review, the coming one the five-year goals."""
    r, src = from_bytes(CHANGDE_2016.encode(), "2016.md")
    sound(r, src)
    assert [(p.get("role"), p.get("period")) for p in r.parts()] == [
        ("review", "2011-2015"), ("review", "2015"), ("five_year", "2016-2020"), ("plan", "2016")]
    kinds = {(t.value, t.kind) for t in r.targets()}
    assert {(2720, "achievement"), (4300, "target"), (50, "target")} <= kinds


def test_a_glossary_after_the_speech_sets_no_target():
    """岳阳 2014 (break test): its 注释 defines the programmes the speech names (“三个一批”竞赛活动：是指…
    力争争取…50亿元以上); those figures were targets of no year, and compare paired one with a plan
    target of 2015. A glossary's figures are ``other``."""
    text = YUEYANG_2014 + "\n**注释**\n\n" + GLOSSARY_LINE + "\n"
    r, src = from_bytes(text.encode(), "2014.md")
    sound(r, src)
    assert r.parts()[-1].get("role") == "appendix"
    glossary = [t for t in r.targets() if t.id.startswith(r.parts()[-1].get("id") + ".")]
    assert glossary and {t.kind for t in glossary} == {"other"} and 50 in {t.value for t in glossary}


#: The first entry of 岳阳 2014's 注释, as written.
GLOSSARY_LINE = '“三个一批”竞赛活动 ：是指向上争取一批项目，力争争取国家和省各类项目建设资金50亿元以上；引进签约一批项目，力争新引进国际国内500强企业、央企和行业龙头企业15家以上，引进到位内资300亿元以上，利用外资3亿美元以上；开工建设一批项目，抓好100个重大建设项目，力争完成年度投资230亿元以上，重点推进100个重大前期项目，力争30个以上重大项目开工建设。'


#: Two paragraphs of 柳州 2015's review (corpus cities/柳州市/), cut after their first sentences: the
#: first section is glued to the lead-in before it.
LIUZHOU_GLUED = ('一年来，我们突出抓了以下几个方面工作:（一）着力推动转型升级，提升经济发展水平调结构促转型，加快新型工业化进程。',
                 '（二）着力完善基础设施，扎实推进新型城镇化建设大力推进新区建设。')


def test_a_first_section_glued_to_its_lead_in_is_a_section():
    """柳州 2015 and 2016 (12 paragraphs in 9 corpus reports): ``…以下几个方面工作:（一）着力推动转型升级…``
    left （一） inside the lead-in, so no section of the part was found (a blind pair scored sections
    0.39, then 0.86). The paragraph is cut before （一）, every character kept."""
    md = ("---\ntitle: 柳州市政府工作报告\n---\n\n各位代表：\n\n一、2014年工作回顾\n\n" + LIUZHOU_GLUED[0] + "\n\n"
          + LIUZHOU_GLUED[1] + "\n\n二、2015年工作安排\n\n全市生产总值增长8.5%。\n")
    r, src = from_bytes(md.encode(), "2015.md")
    sound(r, src)
    assert [h[:7] for h in headings(r, 2)] == ["（一）着力推动", "（二）着力完善"]
    assert r.parts()[0].find("paragraph").findtext("sentence").endswith("以下几个方面工作:")


def test_a_later_section_glued_to_the_paragraph_before_it_is_a_section():
    """吕梁 2021 (samples/lvliang): ``…安心创业！（三）聚焦扩大内需战略基点…`` — a line break lost in the
    source hid （三）, and with it （四）…（十）, which no longer followed their number. The paragraph is
    cut after the sentence end when the sections before and after are （二） and （四）: 11 cuts in 10
    corpus reports, each a heading. A （N） in the text that does not sit between its neighbours stays."""
    r, src = parsed(SAMPLES / "lvliang/2021.md")
    sound(r, src)
    plan = [u for u in r.units() if u.level == 2 and u.parent_id == "p3"]
    assert [u.heading[:3] for u in plan] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）",
                                             "（八）", "（九）", "（十）"]
    assert plan[2].heading.startswith("（三）聚焦扩大内需战略基点")
    assert plan[1].text.endswith("让各类人才在吕梁专注创新、安心创业！")


def test_a_part_on_a_past_year_or_a_finished_plan_is_a_review():
    """``一、2013年…`` without 回顾 (保山 2014, 舟山 2023: 30 corpus reports) and a finished named plan
    (淮北 2016 ``2015年及“十二五”：…``, 亳州 2021 ``一、攻坚克难，圆满收官“十三五”``) were taken for
    this year's plan or a five-year plan, so their results counted as targets."""
    from store.metadata import part_role

    assert part_role("一、2013年经济社会发展稳进向好", 2014) == ("review", "2013")
    assert part_role("2015年及“十二五”：经济社会发展跃上新台阶", 2016) == ("review", "2011-2015")
    assert part_role("一、攻坚克难，圆满收官“十三五”", 2021) == ("review", "2016-2020")
    assert part_role("二、科学谋划，砥砺奋进“十四五”", 2021) == ("five_year", "2021-2025")
    assert part_role("三、2014年工作安排", 2014) == ("plan", "2014")
    # a government's term is five years (本届政府工作回顾: about 50 corpus reports; 大庆 2022 十届政府)
    assert part_role("一、本届政府工作回顾", 2022) == ("review", "2017-2021")
    assert part_role("一、十届政府工作回顾", 2022) == ("review", "2017-2021")
    assert part_role("做好“十四五”开局工作", 2021)[0] == "plan"
