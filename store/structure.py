"""Find a report's structure in its paragraphs: front matter, parts, sections, run-in headings,
sentences, back matter.

Input: ``store.repair.Para`` list. Output: a ``Doc`` tree of plain dataclasses that
``store.parse`` turns into XML. The rules, all general (none names a report):

- *Body start*: the salutation ``各位代表`` or the first part heading, whichever comes first;
  paragraphs before it are front matter (file-number line, title, date, speaker).
- *Back matter*: from the first paragraph after the body's last part that is a publisher's or
  wiki's footer (``本作品…``, ``（来源：…）``, ``责任编辑``, ``Public domain``, ``注：…维基``…).
- *Part* (level 1): ``一、`` … numbered in sequence (the next number after the current part),
  standing alone (no sentence after the heading) or marked as a heading by the source (Markdown
  ``#``/whole-line bold, HTML ``<h*>``). A ``一、`` item that restarts numbering inside a part, or a
  long run-in item, is a paragraph heading, not a part. An unnumbered line may be a part too: a
  role heading (``PART_WORDS``: 2022年工作回顾) or a year-led one (``YEAR_LED``: 2013年经济社会发展
  稳进向好); where two such lines (or one role heading) stand before the first ``一、``, the
  ``一、`` items are the sections of the part they stand in.
- *Section* (level 2): ``（一）``/``(一)`` in sequence inside a part; its heading runs to the first
  ``。！？`` (or the end of the paragraph); the rest of the paragraph is its first paragraph.
- *Run-in heading* (level 3) of a paragraph: a Markdown/HTML bold lead, an ordinal lead
  (``一是…。``, ``——…。``), or a short first sentence that names the topic (at most
  ``RUNIN_MAX`` characters, no digits, followed by at least ``RUNIN_BODY_RATIO`` times as much text).
- *Sentences*: split after ``。！？；!?;`` (with closing quotes/brackets), never inside “…”, 《…》
  or brackets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from store.repair import Para

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
PART_RE = re.compile(r"^([一二三四五六七八九十]{1,3})[、.．]")
SECTION_RE = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[)）]")
#: Item numberings ``1.``/``1、`` and ``第一，`` (the number in group 1).
ARABIC_ITEM = r"([1-9][0-9]?)[.．、](?![0-9０-９])"
DI_ITEM = r"第([一二三四五六七八九十]{1,3})[，,、]"
ORDINAL_LEAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}是|" + DI_ITEM + "|首先|其次|最后|——|" + ARABIC_ITEM
                          + r"|[（(][1-9][0-9]?[)）])")
#: Other numberings of a part's tasks, used as its sections where the part has no ``（一）``
#: section (80 corpus city reports number their tasks only so, e.g. 常德 2023
#: ``1.坚持壮大实体经济，厚植高质量发展根基。``, 攀枝花 2021 ``第一，高效推进…``).
TASK_RES = (re.compile("^" + ARABIC_ITEM), re.compile("^" + DI_ITEM))
#: Words that name a part's role; used only for unnumbered headings the source marks as headings.
PART_WORDS = re.compile(r"回顾|工作安排|目标任务|重点工作|重点任务|主要任务|工作任务|主要目标|总体目标|自身建设|总体要求|工作建议|今后五年|指导思想|奋斗目标|主要工作|工作总结|"
                        r"(?:政府|\d{4}年|今年|明年)工作$|工作(?:打算|部署|思路)")
#: A heading led by a year or a named plan (``2013年经济社会发展稳进向好``, ``2014年：改革创新、稳中求进``,
#: ``2016——抢抓先机、扎实开局的一年``, ``“十三五”——全面小康、决战决胜的五年``): reports without
#: numbered parts name their review and plan parts so (岳阳 2014/2015, 淮北 2014, 常德 2016), with no
#: role word. Taken as a part heading on the terms of a ``PART_WORDS`` heading, and only where it
#: holds no sentence (no 。！？；).
YEAR_LED = re.compile(r"^(?:(?:19|20)[0-9]{2}(?:年|——|—|－)(?![0-9])|“?十[一二三四五]五”?(?:——|—|：|:|时期|期间))")
#: Longest unmarked, unnumbered line taken as a part heading (``2022年政府工作回顾``,
#: ``2021年主要工作``) in a report without numbered parts: such headings in the flat city reports
#: are 7–20 characters; 30 keeps out sentences that merely mention 回顾 or 重点工作.
UNMARKED_PART_MAX = 30
#: An appendix or glossary after the speech (附件1, 附：2023年十件民生实事, 名词解释): its numbered
#: lists are not parts of the report (167 of the corpus city reports have one).
APPENDIX_RE = re.compile(r"(?:附件[0-9０-９一二三四五六七八九十]*|附表[0-9０-９]*|附[:：].{0,40}|名词(?:解释|注释)|注释)[:：]?$")
SALUTATION = re.compile(r"^各位代表[：:，,！!]")
FOOTER = re.compile(
    r"^(?:本作品|（来源|\(来源|来源[:：]|责任编辑|Public ?domain|【(?:打印|关闭)|扫一扫|分享到|相关(?:链接|附件)|"
    r"注[:：].{0,20}(?:维基|wiki|社群)|原文链接|\[?编辑\]?$)",
    re.I,
)
#: Longest run-in topic sentence, in characters incl. its 。. In the Wenzhou and national reports
#: the topic leads (千方百计帮扶市场主体。, 五年来，我们在…，综合实力显著增强。) are 8–30
#: characters; ordinary first sentences are 40+.
RUNIN_MAX = 32
#: A topic lead must be followed by at least this many times its length of body text.
RUNIN_BODY_RATIO = 2.5
#: Longest paragraph of a title block (front matter). The longest front-matter paragraph in the
#: 1,361 corpus reports is 75 characters (a ``现在，我代表…`` line before the salutation); a report
#: paragraph is mostly 150+. Without this bound, a report with no title block whose body has
#: ``各位代表，…`` mid-text lost everything before that line to the front matter.
FRONT_MAX = 120
#: Longest standalone line taken as a part or section heading when the source does not mark it.
HEADING_MAX = 60
OPEN_BR = "“‘「『（(《【〔[{"
CLOSE_BR = "”’」』）)》】〕]}"
SENT_END = "。！？；!?;"


def cn_number(s: str) -> int:
    """``一``…``九十九`` → int (``十`` 10, ``十二`` 12, ``二十`` 20, ``二十三`` 23)."""
    if "十" not in s:
        return CN_DIGITS.get(s, 0)
    tens, _, ones = s.partition("十")
    return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


#: The characters ``split_sentences`` acts on; everything else is skipped by one regex search.
_SENT_SPECIAL = re.compile("[" + re.escape(OPEN_BR + CLOSE_BR + SENT_END + '"') + "]")
_SENT_TAIL = re.compile("[" + re.escape(SENT_END + "”’」』）)》】") + "]*")
_PLAIN_SENTENCE = re.compile(r"[^。！？；]*[。！？；]+[”’」』）)]*|[^。！？；]+$")


def split_sentences(text: str) -> list[str]:
    """Split at sentence ends ``。！？；`` (with trailing closing quotes/brackets) outside quotes
    and brackets. ``"".join(result) == text``."""
    out, start, depth, i, n = [], 0, 0, 0, len(text)
    search = _SENT_SPECIAL.search
    while True:
        m = search(text, i)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c in OPEN_BR:
            depth += 1
        elif c in CLOSE_BR:
            depth = max(0, depth - 1)
        elif c in SENT_END and depth == 0:
            j = _SENT_TAIL.match(text, i + 1).end()
            out.append(text[start:j])
            start = i = j
            continue
        elif c == '"':
            depth = depth + 1 if depth == 0 else depth - 1
        i += 1
    if start < n:
        out.append(text[start:])
    # A quote that never closes must not swallow the rest of the paragraph: fall back to plain ends.
    if len(out) == 1 and len(text) > 200 and any(c in text for c in "。！？"):
        out = [m.group(0) for m in _PLAIN_SENTENCE.finditer(text)]
    if any(len(x) > SENTENCE_MAX for x in out):
        out = [piece for x in out for piece in _cut_long(x)]
    return out


#: Longest sentence kept whole. The longest real one in the samples and a third of the corpus is
#: 624 characters (云浮 2021); a text without 。 (26,000 clauses in one "sentence") made every target
#: record repeat the whole text (466 MB of JSON for 4,000 clauses) and ran out of memory.
SENTENCE_MAX = 1500


def _cut_long(x: str) -> list[str]:
    """``x`` in pieces of at most ``SENTENCE_MAX`` characters, each ending after a clause mark
    (，,、；) where there is one; ``"".join`` gives ``x`` back."""
    pieces = []
    while len(x) > SENTENCE_MAX:
        cut = max(x.rfind(c, 0, SENTENCE_MAX) for c in "，,、；;") + 1 or SENTENCE_MAX
        pieces.append(x[:cut])
        x = x[cut:]
    return pieces + [x] if x else pieces


@dataclass
class Paragraph:
    """A paragraph: its optional run-in ``heading`` (the first sentence(s), text not repeated in
    ``sentences``), its ``sentences`` and source line span."""

    sentences: list[str]
    first: int
    last: int
    heading: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A numbered ``（一）`` section: ``n``, ``heading`` text, paragraphs, source line span."""

    n: int
    heading: str
    first: int
    last: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Part:
    """A ``一、`` part: ``n`` (0 for an unnumbered heading), ``heading``, paragraphs that stand
    before its first section, and its sections (paragraphs after a section belong to it)."""

    n: int
    heading: str
    first: int
    last: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    appendix: bool = False  # an appendix (附件, 名词解释): its paragraphs are not split into parts


@dataclass
class Doc:
    """What ``find_structure`` returns: front/back matter paragraphs, preamble paragraphs (body
    text before the first part), parts, and warnings."""

    front: list[Para]
    preamble: list[Paragraph]
    parts: list[Part]
    back: list[Para]
    warnings: list[str] = field(default_factory=list)


def _heading_end(text: str) -> int:
    """Length of a heading that opens ``text``: up to and including its first 。！？ outside
    quotes, or the whole text."""
    first = split_sentences(text)[0] if text else ""
    return len(first) if first and first[-1:] in "。！？!?" or first.endswith(("。”", "！”")) else len(text)


def _standalone(p: Para) -> bool:
    """The paragraph is only a heading (no sentence after it)."""
    return p.md_heading or p.bold_all or (len(p.text) <= HEADING_MAX and _heading_end(p.text) >= len(p.text))


def _unnumbered_part(p: Para, numbered: bool) -> bool:
    """An unnumbered part heading: a role heading (``PART_WORDS``) or a year-led one (``YEAR_LED``)
    that the source marks as a heading (Markdown/HTML), or, in a report without numbered parts, a
    short unmarked standalone line."""
    text = p.text
    marked = (p.bold_all or p.md_heading) and len(text) <= HEADING_MAX
    year_led = YEAR_LED.match(text) and len(text) <= UNMARKED_PART_MAX and not re.search(r"[。！？；]", text)
    # a year-led heading may list its themes (2016——抢抓先机、扎实开局的一年; 2014年：改革创新、稳中求进)
    unmarked = (not numbered and len(text) <= UNMARKED_PART_MAX and _standalone(p)
                and not re.search(r"[，,]" if year_led else r"[。！？；，,：:、]", text))
    named = PART_WORDS.search(text) or year_led
    return bool((marked or unmarked) and named) and not text.endswith(("：", ":"))  # 主要目标是： leads in


def _run_in_part(p: Para, headed: bool) -> int:
    """Length of a part heading glued to its first paragraph (0 if none): a bold lead
    (``**一、过去五年工作回顾** 过去五年…``), a role heading before the text's first punctuation
    (``一、2013年工作回顾2013年，面对…``: up to the last ``PART_WORDS`` match), or, in a report
    without any other part heading (``headed`` False), a short first sentence (``一、狠抓扩大内需。
    聚焦…``). The caller asks only for a number no standalone heading of the report carries (a
    list ``二、…`` inside part 一 is never taken for part 二) and never inside an unnumbered part
    (there ``一、`` items are its tasks). Corpus: 鄂州 2014, 葫芦岛 2023, 珠海 2012, 益阳 2025, 黔南
    2022 gain their parts."""
    text = p.text
    if p.bold_lead and p.bold_lead <= HEADING_MAX:
        return p.bold_lead
    punct = re.search(r"[，。；：,:;！？]", text)
    limit = min(punct.start() if punct else len(text), UNMARKED_PART_MAX)
    ends = [m.end() for m in PART_WORDS.finditer(text, 0, limit)]
    if ends:
        return ends[-1]
    if not headed:
        k = _heading_end(text)
        return k if k <= RUNIN_MAX and k < len(text) else 0
    return 0


def _run_in(p: Para, text: str, whole: bool) -> int:
    """Length of the run-in heading that opens ``text`` (0 if none)."""
    sents = split_sentences(text)
    if len(sents) < 2:
        return 0
    if p.bold_lead and p.bold_lead < len(text) and whole:  # a bold lead opens the whole paragraph
        return p.bold_lead
    first = sents[0]
    if first[-1:] not in "。！？!?":
        return 0
    rest = len(text) - len(first)
    if ORDINAL_LEAD.match(first) and len(first) <= RUNIN_MAX * 2:
        return len(first)
    if (len(first) <= RUNIN_MAX and not re.search(r"[0-9０-９%]", first)
            and rest >= RUNIN_BODY_RATIO * len(first) and not SALUTATION.match(first)):
        return len(first)
    return 0


def _paragraph(p: Para, text: Optional[str] = None) -> Optional[Paragraph]:
    whole = text is None
    text = p.text if whole else text
    if not text:
        return None
    k = _run_in(p, text, whole)
    heading = split_sentences(text[:k]) if k else []
    return Paragraph(split_sentences(text[k:]), p.first, p.last, heading)


def _body_start(paras: list[Para]) -> int:
    """Index of the first body paragraph: the salutation, part 一 or an unnumbered part heading, unless a paragraph longer
    than ``FRONT_MAX`` comes first (front matter is a title block of short lines; a report
    without one starts with its text)."""
    for i, p in enumerate(paras):
        if SALUTATION.match(p.text) or p.text in ("各位代表", "各位代表："):
            return i
        m = PART_RE.match(p.text)
        if m and cn_number(m.group(1)) == 1 and _standalone(p):
            return i
        if _unnumbered_part(p, False):  # 保定 2023: 2022年政府工作回顾 right after the title block
            return i
        if len(p.text) > FRONT_MAX:
            return i
    return 0


def _back_start(paras: list[Para], start: int) -> int:
    for i in range(start, len(paras)):
        if FOOTER.match(paras[i].text) and i > start + (len(paras) - start) // 2:
            return i
    return len(paras)


#: Section （一） glued to the lead-in before it (柳州 2015 一年来，我们突出抓了以下几个方面工作:（一）着力
#: 推动转型升级…): 12 paragraphs in 9 corpus reports, each followed by a paragraph that opens （二）.
GLUED_FIRST_RE = re.compile(r"[：:](?=[（(]一[)）])")
#: A later section glued to the end of the paragraph before it, after a sentence end (吕梁 2021
#: …让各类人才在吕梁专注创新、安心创业！（三）聚焦扩大内需战略基点…, a line break lost in the source).
GLUED_LATER_RE = re.compile(r"[。！？!?](?=[（(]([一二三四五六七八九十]{1,3})[)）])")
#: The （二） that shows a glued （一） is the first of a list must open one of this many next paragraphs.
GLUED_REACH = 40


def _section_number(p: Para) -> int:
    """The number of the section ``p`` opens (（三） → 3), 0 if it opens none."""
    m = SECTION_RE.match(p.text)
    return cn_number(m.group(1)) if m else 0


def _glued_cut(paras: list[Para], k: int) -> int:
    """Where paragraph ``k`` should be cut before a section glued into it, 0 if nowhere.

    （一） after a colon, when the next paragraph that opens a section opens （二）; （N） after a
    sentence end, when the last paragraph before it that opens a section (in the same part) opened
    （N−1） and the next one opens （N+1）. A number that does not sit between its neighbours is a
    cross-reference or a list inside the text, never cut."""
    p = paras[k]
    first = GLUED_FIRST_RE.search(p.text) if not SECTION_RE.match(p.text) else None
    later = [m for m in GLUED_LATER_RE.finditer(p.text) if cn_number(m.group(1)) > 1]
    if not (first or later):
        return 0  # most paragraphs: no neighbour is looked at
    nxt = next((n for q in paras[k + 1:k + 1 + GLUED_REACH] if (n := _section_number(q))), 0)
    if first and nxt == 2:
        return first.end()
    prev = 0
    for q in reversed(paras[max(0, k - GLUED_REACH):k + 1]):
        if (prev := _section_number(q)) or (PART_RE.match(q.text) and q is not p):
            break
    return next((m.end() for m in later if prev == cn_number(m.group(1)) - 1 and nxt == cn_number(m.group(1)) + 1), 0)


def _unglue_sections(paras: list[Para]) -> list[Para]:
    """``paras`` with each paragraph that holds a glued section heading (``_glued_cut``) cut in two
    before it. Both pieces keep the paragraph's lines; no character is lost or moved."""
    out: list[Para] = []
    for k, p in enumerate(paras):
        cut = _glued_cut(paras, k)
        if cut:
            out.append(replace(p, text=p.text[:cut], bold_all=False))
            out.append(replace(p, text=p.text[cut:], bold_lead=0, bold_all=False, md_heading=False))
            continue
        out.append(p)
    return out


def find_structure(paras: list[Para]) -> Doc:
    """Split ``paras`` into front matter, body (preamble, parts, sections, paragraphs) and back
    matter; see the module docstring for the rules."""
    paras = _unglue_sections(paras)
    start = _body_start(paras)
    end = _back_start(paras, start)
    doc = Doc(front=paras[:start], preamble=[], parts=[], back=paras[end:])
    part: Optional[Part] = None
    section: Optional[Section] = None
    body = paras[start:end]
    first = next((i for i, p in enumerate(body) if PART_RE.match(p.text) and _standalone(p)), len(body))
    # a report whose parts are unnumbered lines (中山 2021: “十三五”时期发展成就和2020年主要工作 … 2021年
    # 工作安排) may number the tasks of its plan part 一、二、…: those are its sections, not parts
    # (a year-led line alone is not enough: 肇庆 2021 opens its speech with one before 一、)
    lead = [p for p in body[:first] if _unnumbered_part(p, False)]
    tasks = first < len(body) and (any(PART_WORDS.search(p.text) for p in lead) or len(lead) >= 2)
    standalone = set() if tasks else {cn_number(m.group(1)) for p in body if (m := PART_RE.match(p.text)) and _standalone(p)}
    numbered = bool(standalone)
    unnumbered = any(_unnumbered_part(p, numbered) for p in body)
    for p in paras[start:end]:
        text = p.text
        # an appendix follows the speech: at least two parts or a part with sections before it (the
        # appendix and glossary of 昭通 2023 are 60% of its paragraphs: no position rule would do)
        if (len(doc.parts) >= 2 or (doc.parts and doc.parts[-1].sections)) and APPENDIX_RE.match(text) and _standalone(p):
            part = Part(0, text, p.first, p.last, appendix=True)
            doc.parts.append(part)
            section = None
            continue
        if part is not None and part.appendix:
            para = _paragraph(p)
            if para:
                part.paragraphs.append(para)
                part.last = p.last
            continue
        m = PART_RE.match(text)
        if m and tasks and part is not None and part.n == 0 and _standalone(p):
            n = cn_number(m.group(1))
            if n == (section.n if section else 0) + 1:
                section = Section(n, text, p.first, p.last)
                part.sections.append(section)
                continue
        if m:
            n = cn_number(m.group(1))
            expected = (part.n if part else 0) + 1
            k = (len(text) if _standalone(p) else 0 if n in standalone or (part and part.n == 0)
                 else _run_in_part(p, numbered or unnumbered))
            if n == expected and k:
                part = Part(n, text[:k], p.first, p.last)
                doc.parts.append(part)
                section = None
                rest = _paragraph(p, text[k:]) if k < len(text) else None
                if rest:
                    part.paragraphs.append(rest)
                continue
        m = SECTION_RE.match(text)
        if m and part is not None:
            n = cn_number(m.group(1))
            expected = (section.n if section else 0) + 1
            if n == expected and _heading_end(text) <= HEADING_MAX * 2:
                k = _heading_end(text)
                section = Section(n, text[:k], p.first, p.last)
                part.sections.append(section)
                rest = _paragraph(p, text[k:])
                if rest:
                    section.paragraphs.append(rest)
                continue
        if _unnumbered_part(p, numbered) and all(x.n == 0 for x in doc.parts) and not m:
            # An unnumbered part heading marked as a heading by the source (Markdown/HTML).
            part = Part(0, text, p.first, p.last)
            doc.parts.append(part)
            section = None
            continue
        para = _paragraph(p)
        if para is None:
            continue
        if section is not None:
            section.paragraphs.append(para)
            section.last = p.last
        elif part is not None:
            part.paragraphs.append(para)
        else:
            doc.preamble.append(para)
        if part is not None:
            part.last = p.last
    for part in doc.parts:
        if not part.sections and not part.appendix:
            part.paragraphs, part.sections = _task_sections(part)
    if not doc.parts:
        doc.warnings.append("no part headings (一、二、…) found: stored as a flat report")
    return doc


def _task_sections(part: Part) -> tuple[list[Paragraph], list[Section]]:
    """(the part's own paragraphs, its sections) for a part that numbers its tasks ``1.``, ``2.``… or
    ``第一，``, ``第二，``… instead of ``（一）``: every paragraph led by one numbering style, numbered
    1, 2, … n (n ≥ 2) in order with no restart, each led by a heading (a run-in heading, or a
    paragraph that is only a heading, at most ``HEADING_MAX * 2`` characters). The paragraphs before
    item 1 stay the part's; each item takes the paragraphs up to the next. ``(paragraphs, [])`` when
    the items are not so (a list 1. 2. 3. restarting inside the part is a list, not its tasks)."""
    for task_re in TASK_RES:
        led = [(k, m) for k, para in enumerate(part.paragraphs)
               if (m := task_re.match("".join(para.heading) or (para.sentences[0] if para.sentences else "")))]
        numbers = [int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1)) for _, m in led]
        if len(led) < 2 or numbers != list(range(1, len(led) + 1)):
            continue
        heads = []
        for k, _ in led:
            para = part.paragraphs[k]
            head = "".join(para.heading) or (para.sentences[0] if len(para.sentences) == 1 else "")
            if not head or len(head) > HEADING_MAX * 2:
                return part.paragraphs, []
            heads.append(head)
        sections = []
        bounds = [k for k, _ in led] + [len(part.paragraphs)]
        for n, (head, k, stop) in enumerate(zip(heads, bounds, bounds[1:]), 1):
            lead = part.paragraphs[k]
            section = Section(n, head, lead.first, part.paragraphs[stop - 1].last)
            if lead.heading and lead.sentences:
                section.paragraphs.append(Paragraph(lead.sentences, lead.first, lead.last))
            section.paragraphs.extend(part.paragraphs[k + 1:stop])
            sections.append(section)
        return part.paragraphs[:bounds[0]], sections
    return part.paragraphs, []
