"""Read a report's metadata from its front matter and YAML header, and each part's role.

Input: the front-matter paragraph texts (whitespace removed), the YAML header fields, the first
body sentences and the file name. Output: ``Meta`` (title, government, level, year, date,
session, speaker, office). ``part_role(heading, year)`` gives a part's role and period.
All patterns are the standard wording of 政府工作报告 title blocks, e.g.::

    2022年4月9日在温州市第十四届人民代表大会第一次会议上
    温州市代市长  张振丰
"""
from __future__ import annotations

import re
from pathlib import Path
from dataclasses import dataclass, field
from typing import Optional

from store.structure import APPENDIX_RE, cn_number
from store.targets import plan_span

DATE_RE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")
CN_DATE_RE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
SESSION_RE = re.compile(r"第[一二三四五六七八九十]{1,3}届人民代表大会(?:常务委员会)?第[一二三四五六七八九十]{1,3}次(?:全体)?会议")
GOV_IN_SESSION = re.compile(r"在(.{2,15}?)第[一二三四五六七八九十]{1,3}届人民代表大会")
OFFICE_RE = re.compile(r"^(.*?)(代理?(?:省长|市长|区长|县长|州长|盟长|旗长|主席|总理)|(?:省长|市长|区长|县长|州长|盟长|旗长|主席|总理))([\u4e00-\u9fff·]{2,5})$")
TITLE_RE = re.compile(r"政府工作报告")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT["零"] = 0


@dataclass
class Meta:
    """Report metadata; any field may be ``None`` where the text does not give it."""

    title: Optional[str] = None
    government: Optional[str] = None
    level: Optional[str] = None
    year: Optional[int] = None
    date: Optional[str] = None  # ISO yyyy-mm-dd
    session: Optional[str] = None
    speaker: Optional[str] = None
    office: Optional[str] = None
    url: Optional[str] = None
    warnings: list[str] = field(default_factory=list)


def government_level(name: Optional[str]) -> Optional[str]:
    """``国务院``/``全国`` → national; ``…省``/``…自治区``/the four municipalities → province;
    ``…市``/``…州``/``…盟``/``…地区`` → prefecture; ``…区``/``…县``/``…旗`` → county."""
    if not name:
        return None
    if name in ("国务院", "中华人民共和国", "全国", "中央人民政府"):
        return "national"
    if name.endswith(("省", "自治区")) or name in MUNICIPALITIES:
        return "province"
    if name.endswith(("市", "州", "盟", "地区")):
        return "prefecture"
    if name.endswith(("区", "县", "旗")):
        return "county"
    return None


def _date(text: str) -> Optional[str]:
    m = DATE_RE.search(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = CN_DATE_RE.search(text)
        if not m:
            return None
        y = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
        mo, d = cn_number(m.group(2)), cn_number(m.group(3))
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def read_meta(front: list[str], yaml: dict, body_start: list[str], file_name: str = "") -> Meta:
    """Collect metadata from front-matter lines, the YAML header and the first body sentences."""
    meta = Meta(url=yaml.get("source") or yaml.get("url"))
    ytitle = yaml.get("title")
    front_text = "".join(front)
    for line in front:
        if TITLE_RE.search(line) and len(line) <= 40 and not meta.title:
            meta.title = line
        m = OFFICE_RE.match(line.replace("人民政府", ""))
        if m and not meta.speaker and len(line) <= 30:
            meta.office, meta.speaker = m.group(2), m.group(3)
            if m.group(1) and not meta.government:
                meta.government = m.group(1)
    if ytitle:
        meta.title = meta.title or ytitle
    meta.date = _date(front_text) or _date(ytitle or "")
    m = SESSION_RE.search(front_text)
    meta.session = m.group(0) if m else None
    m = GOV_IN_SESSION.search(front_text)
    if m:
        meta.government = m.group(1)
    head = "".join(body_start)
    if not meta.government:
        m = re.search(r"我代表(国务院|.{2,12}?人民政府)", head)
        if m:
            meta.government = m.group(1).replace("人民政府", "") or None
            if meta.government in ("市", "区", "县", "省", "州"):
                meta.government = None
    if not meta.government and meta.title:
        m = re.match(r"(.{2,12}?)(?:人民)?政府工作报告", meta.title.lstrip("0123456789年 "))
        if m:
            meta.government = m.group(1)
    meta.level = government_level(meta.government)
    if meta.date:
        meta.year = int(meta.date[:4])
    else:
        for text in (ytitle or "", meta.title or "", file_name):
            m = YEAR_RE.search(text)
            if m:
                meta.year = int(m.group(1))
                break
    return meta


#: An appendix that lists this year's commitments (本溪 2025 附件：2025年民生实事清单; corpus cities/: ten
#: appendices of 民生实事 or 重点项目, the rest are glossaries, 名词解释).
COMMITMENT_LIST_RE = re.compile(r"民生实事|实事项目|重点项目|重点工程")


def appendix_role(title: str, year: Optional[int]) -> tuple[str, Optional[str]]:
    """Role and period for the figures of an appendix whose heading and title line read ``title``:
    ``("plan", "2025")`` for a list of the report year's commitments (民生实事, 重点项目) that names
    that year or no year; ``("appendix", None)`` otherwise (a glossary, an earlier year's list)."""
    years = {int(y) for y in YEAR_RE.findall(title)}
    if year and COMMITMENT_LIST_RE.search(title) and years <= {year} and not re.search(r"完成情况|回顾", title):
        return "plan", str(year)
    return "appendix", None


def part_role(heading: str, year: Optional[int]) -> tuple[str, Optional[str]]:
    """A part's role and period from its heading and the report year ``year``.

    ``review`` (回顾, 过去, 成就): the past (``"2021"``, or ``"2017-2021"`` for a five-year review,
    ``"2016-2020"`` for a review of “十三五” that names no single year);
    ``five_year`` (今后五年, 五年, 规划, 新一届政府 (a new term: 扬州 2022 新一届政府工作思路), or a plan named 十X五 as in national 2016's “十三五”时期主要目标任务和
    重大举措): the plan period (``"2022-2026"``; a named plan's own years, ``"2016-2020"``);
    a heading naming an earlier year than ``year`` and no role (``2013年经济社会发展稳进向好`` in the
    2014 report), or a named plan that ended before ``year`` (``2015年及“十二五”工作`` in 2016), is
    the ``review`` of that year or plan;
    ``self`` (政府自身建设); ``appendix`` (附件, 名词解释: ``store.structure.APPENDIX_RE``); ``plan`` (this year's targets and work, 工作安排, 重点工作, 任务,
    建议): ``"2022"``; else ``other``."""
    if APPENDIX_RE.match(heading):
        return "appendix", None
    ym = YEAR_RE.search(heading)
    hy = int(ym.group(1)) if ym else None
    named = re.search(r"十([一二三四五])五", heading)
    plan_years = "%d-%d" % plan_span(named.group(1)) if named else None
    if re.search(r"回顾|过去|成就", heading):
        # 本届政府工作回顾, 十届政府: a term of five years (本届政府及2021年工作回顾 names its year: that year's)
        if ("五年" in heading or ("届" in heading and not hy)) and year:
            return "review", f"{year - 5}-{year - 1}"
        if plan_years and not hy:  # 一、“十三五”时期工作回顾: the plan's years (with a year, that year's review)
            return "review", plan_years
        y = hy or (year - 1 if year else None)
        return "review", str(y) if y else None
    if named and year and plan_span(named.group(1))[1] < year:  # 2015年及“十二五”工作 in the 2016 report
        return "review", plan_years
    # …but a part that names the plan or its period only to place this year in it (做好“十四五”开局
    # 工作, “十四五”时期…规划目标和2021年重点工作) is this year's plan
    this_year = bool(re.search(r"开局|收官|起步", heading)) or bool(hy and hy == year)
    if (named or re.search(r"今后五年|未来五年|五年|规划|新一届政府", heading)) and not this_year:
        return "five_year", plan_years or (f"{year}-{year + 4}" if year else None)
    if re.search(r"自身建设|服务型政府|人民满意的政府", heading):  # 四、努力建设人民满意的服务型政府 (常德 2022)
        return "self", str(year) if year else None
    if hy and year and hy < year and not named:  # 2013年经济社会发展稳进向好 in the 2014 report
        return "review", str(hy)
    if hy or this_year or re.search(r"今年|工作安排|重点工作|主要任务|工作任务|目标任务|总体要求|建议|政策取向", heading):
        y = hy or year
        return "plan", str(y) if y else None
    return "other", None


def year_from_parts(headings: list[str]) -> Optional[int]:
    """The report year its part headings imply when neither the text's title, date nor the file
    name gives one: a plan part's year (``二、2024年主要目标任务和重点工作`` → 2024), else the year
    after a one-year review (``一、2023年工作回顾`` → 2024); None if neither is written."""
    plans, reviews = [], []
    for h in headings:
        role, period = part_role(h, None)
        if period and period.isdigit() and YEAR_RE.search(h):
            (plans if role == "plan" else reviews if role == "review" else []).append(int(period))
    if plans:
        return plans[0]
    return reviews[0] + 1 if reviews else None


#: Months in which a report for the next year may be delivered: 106 of the 1,345 corpus city reports
#: were given in October–December (常德 2022: 2021年12月29日, 二、2022年工作安排).
LATE_MONTHS = (10, 11, 12)


def report_year(meta: Meta, headings: list[str], file_name: str = "") -> Optional[int]:
    """The year a report plans for: the year of its title or date, or, where the date falls late in
    the year and the part headings plan the next year (``三、2022年工作安排``) or the file is named
    for it (吕梁 ``2016.md``, given 2015年12月27日 with only a “十三五” plan part), that next year;
    the headings' year (``year_from_parts``) when the text gives none."""
    planned = year_from_parts(headings)
    if meta.year is None:
        return planned
    if meta.date and int(meta.date[5:7]) in LATE_MONTHS:
        named = YEAR_RE.search(Path(file_name).stem) if file_name else None
        for later in (planned, int(named.group(1)) if named else None):
            if later == meta.year + 1:
                return later
    return meta.year

