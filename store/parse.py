"""Text → structured report XML: the one entry point ``parse_file`` (and ``parse_source``).

Pipeline: ``reading.read_file`` (bytes → lines) → ``repair.paragraphs`` (undo page numbers and
hard wraps) → ``structure.find_structure`` (front/back matter, parts, sections, run-in headings,
sentences) → ``metadata.read_meta`` → targets (``store.targets.extract_targets``, one call per
sentence) → XML validated against ``store/report.rng``.

Ids are positional: part ``p2``, section ``p2.s3``, paragraph ``p2.s3.para4``, sentence
``p2.s3.para4.s2``, run-in heading sentence ``p2.s3.para4.h1``, target ``p2.s3.para4.s2.t1``;
body text before the first part is under ``p0``. ``lines="24-30"`` gives the source line span.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from lxml import etree

from store import schema
from store.errors import InputError
from store.metadata import appendix_role, part_role, read_meta, report_year
from store.model import Report
from store.reading import Source, read_bytes, read_file
from store.repair import clean, paragraphs
from store.structure import Doc, Paragraph, find_structure
from store.target_model import SentenceContext, Target
from store.targets import (MULTI_OPENING_RE, OPENING_YEAR_RE, SALUTATION_LEAD_RE, WORD_ITEM_HINT, extract_targets,
                           opening_year, span_opening)


#: The words of the warning that a region or year given by the caller differs from the text's
#: (``year 2021 given, but the text says 2022``); ``store.prepare`` picks those warnings out by them.
CONFLICT_MARK = "given, but the text says"


def parse_file(path: Path | str, region: Optional[str] = None, year: Optional[int] = None) -> Report:
    """Parse the report file at ``path`` (txt, md, html, docx, pdf; any supported encoding).

    ``region``/``year`` given by the user win over what the text says; a conflict with the year
    or the government the text gives is recorded as a ``<warning>``. Raises ``InputError`` for unreadable input."""
    return parse_source(read_file(path), region=region, year=year)


def parse_bytes(data: bytes, name: str = "report.txt", region: Optional[str] = None,
                year: Optional[int] = None) -> Report:
    """Like ``parse_file`` for bytes already in memory (``name`` gives the format by suffix)."""
    return parse_source(read_bytes(data, name), region=region, year=year)


def parse_source(src: Source, region: Optional[str] = None, year: Optional[int] = None) -> Report:
    """Build the validated ``Report`` of a decoded ``Source``."""
    paras = paragraphs(src.lines)
    if not paras:
        raise InputError(f"{src.name}: no text in the file")
    doc = find_structure(paras)
    body_start = [s for p in doc.preamble[:3] for s in p.heading + p.sentences]
    meta = read_meta([p.text for p in doc.front], src.meta, body_start, src.name)
    warnings = list(src.warnings) + doc.warnings
    text_year = report_year(meta, [part.heading for part in doc.parts], src.name)
    if year is not None and text_year is not None and year != text_year:
        warnings.append(f"year {year} {CONFLICT_MARK} {text_year}")
    if region and meta.government and not same_region(region, meta.government):
        warnings.append(f"region {region} {CONFLICT_MARK} {meta.government}")
    if year is None:
        year = text_year
    region = region or meta.government
    root = _build(src, doc, meta, region, year, warnings)
    schema.validate(root, f"{src.name}: parsed XML")
    return Report(root)


#: Suffixes of administrative units, left off when a user's region is compared with the text's.
_UNIT_SUFFIX = re.compile(r"(?:人民政府|特别行政区|自治区|自治州|自治县|地区|省|市|区|县|州|盟|旗)$")


def same_region(given: str, text: str) -> bool:
    """Whether the region a user gave names the government the text names (``温州`` and
    ``温州市`` do; ``杭州市`` and ``温州市`` do not). A region in Latin letters (a store name such
    as ``wenzhou``) cannot be compared and counts as the same."""
    if not re.search(r"[\u4e00-\u9fff]", given):
        return True
    a, b = _UNIT_SUFFIX.sub("", given.strip()), _UNIT_SUFFIX.sub("", text.strip())
    return bool(a) and bool(b) and (a in b or b in a)


#: A sentence without any digit or Chinese numeral holds no quantity: the extractor is skipped.
NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两半]")
#: How much of a paragraph before a sentence the extractor sees (time frames, lists announced
#: earlier, subjects left out): the longest paragraph of the samples and of every fifth corpus report is
#: 2,296 characters (鹤壁 2023); without
#: a bound a one-paragraph file of 260,000 characters took 62 s (quadratic), with it 1.4 s.
PREVIOUS_MAX = 3000


def _el(parent, tag: str, content: Optional[str] = None, attrib: Optional[dict] = None, **kw) -> etree._Element:
    attrs = {**(attrib or {}), **kw}
    e = etree.SubElement(parent, tag, {k: str(v) for k, v in attrs.items() if v is not None})
    if content is not None:
        e.text = content
    return e


def _build(src: Source, doc: Doc, meta, region, year, warnings) -> etree._Element:
    root = etree.Element("report", {"schema": "1"})
    if region:
        root.set("region", region)
    if year is not None:
        root.set("year", str(year))
    m = _el(root, "meta")
    if meta.title:
        _el(m, "title", meta.title)
    if meta.government:
        _el(m, "government", meta.government, level=meta.level)
    if meta.date:
        _el(m, "date", meta.date)
    if meta.session:
        _el(m, "session", meta.session)
    if meta.speaker:
        _el(m, "speaker", meta.speaker, office=meta.office)
    _el(m, "source", name=src.name or "report", format=src.format, encoding=src.encoding,
        sha256=src.sha256 or "0" * 64, url=meta.url)
    for w in warnings:
        _el(m, "warning", w)
    front_lines = [(ln.no, clean(ln.text)) for ln in src.front_lines] + [(p.first, p.text) for p in doc.front]
    front_lines = [(n, t) for n, t in front_lines if t]
    if front_lines:
        f = _el(root, "front")
        for n, t in front_lines:
            _el(f, "line", t, n=max(1, n))
    body = _el(root, "body")
    builder = _Builder(year)
    for j, para in enumerate(doc.preamble, 1):
        builder.paragraph(body, para, f"p0.para{j}", f"0.0.{j}", None)
    for k, part in enumerate(doc.parts, 1):
        role, period = part_role(part.heading, year)
        pe = _el(body, "part", id=f"p{k}", lines=f"{part.first}-{part.last}", n=part.n, role=role, period=period)
        _el(pe, "heading", part.heading)
        ctx_role = (role, period, [part.heading])
        if role == "appendix":  # 附件：2025年民生实事清单: the year's commitments
            first = "".join(part.paragraphs[0].heading + part.paragraphs[0].sentences) if part.paragraphs else ""
            title = part.heading + (first if len(first) <= 40 else "")
            ctx_role = (*appendix_role(title, year), [part.heading])
        builder.container()
        for j, para in enumerate(part.paragraphs, 1):
            builder.paragraph(pe, para, f"p{k}.para{j}", f"{k}.0.{j}", ctx_role)
        # 刚刚过去的2021年，… just before the sections: they tell of 2021 (汕尾 2022); a one-year review's
        # turn to the whole plan is no frame of its sections
        intro = builder.frame if period and "-" in period else None
        for s, sec in enumerate(part.sections, 1):
            se = _el(pe, "section", id=f"p{k}.s{s}", lines=f"{sec.first}-{sec.last}", n=sec.n)
            _el(se, "heading", sec.heading)
            sec_ctx = (role, period, [part.heading, sec.heading])
            builder.container(intro)
            for j, para in enumerate(sec.paragraphs, 1):
                builder.paragraph(se, para, f"p{k}.s{s}.para{j}", f"{k}.{s}.{j}", sec_ctx)
    if doc.back:
        b = _el(root, "back")
        for p in doc.back:
            _el(b, "line", p.text, n=p.first)
    return root


class _Builder:
    """Writes paragraphs and sentences, extracting targets sentence by sentence."""

    def __init__(self, year: Optional[int]):
        self.year = year
        self.frame: Optional[str] = None  # the single year a multi-year review is telling about

    def container(self, frame: Optional[str] = None) -> None:
        """A new part or section starts: no year frame carries into it, but the one its part's
        opening paragraphs set (``frame``)."""
        self.frame = frame

    def _carry(self, para: Paragraph, ctx_role):
        """In a multi-year review, a paragraph opening on one year (各位代表，刚刚过去的2021年…) sets
        the period of its figures and of the paragraphs after it (一是…二是…) until one opens on
        the whole span (五年来, 回望五年) or the container ends (Wenzhou 2022, national 2018). In a
        one-year review, a paragraph opening on the plan the year closes (2015年是“十二五”收官之年。过去五年，…)
        sets the plan's span until one opens on a year again (national 2016, 永州 2021)."""
        if not ctx_role or not ctx_role[1]:
            return ctx_role
        text = "".join(para.heading + para.sentences)
        if "-" not in ctx_role[1]:
            if ctx_role[0] == "review":  # a one-year review turning to the plan it closes, and back
                span = span_opening(text, ctx_role[1])
                if span or OPENING_YEAR_RE.match(SALUTATION_LEAD_RE.sub("", text)):
                    self.frame = span
            return (ctx_role[0], self.frame, ctx_role[2]) if self.frame else ctx_role
        year = opening_year(text, ctx_role[1])
        if year:
            self.frame = year
        elif MULTI_OPENING_RE.match(text):
            self.frame = None
        return (ctx_role[0], self.frame, ctx_role[2]) if self.frame else ctx_role

    def paragraph(self, parent, para: Paragraph, pid: str, path: str, ctx_role) -> None:
        pe = _el(parent, "paragraph", id=pid, lines=f"{para.first}-{para.last}")
        ctx_role = self._carry(para, ctx_role)
        previous = ""
        if para.heading:
            h = _el(pe, "heading")
            for i, s in enumerate(para.heading, 1):
                self.sentence(h, s, f"{pid}.h{i}", path, ctx_role, previous)
                previous += s
        for i, s in enumerate(para.sentences, 1):
            self.sentence(pe, s, f"{pid}.s{i}", path, ctx_role, previous)
            previous += s

    def sentence(self, parent, text: str, sid: str, path: str, ctx_role, previous: str) -> None:
        se = etree.SubElement(parent, "sentence", id=sid)
        se.text = text
        if not (NUMERAL.search(text) or WORD_ITEM_HINT.search(text)):
            return
        role, period, headings = ctx_role if ctx_role else (None, None, [])
        ctx = SentenceContext(role=role, report_year=self.year, period=period, previous=previous[-PREVIOUS_MAX:],
                              headings=list(headings))
        found: list[Target] = extract_targets(text, ctx)
        ids = [f"{sid}.t{i}" for i in range(1, len(found) + 1)]
        for t, tid in zip(found, ids):
            t.id = tid
            if t.link is not None and str(t.link).isdigit() and int(t.link) < len(ids):
                t.link = ids[int(t.link)]
            etree.SubElement(se, "target", t.to_attrib())
