"""Undo the artefacts of how a report was saved: page numbers, hard line breaks, stray spaces.

Input: the ``Line`` list of a ``store.reading.Source``. Output: ``Para`` blocks (logical
paragraphs) whose text keeps every character of the source except the repaired artefacts:
whitespace (line breaks, indentation, spaces a PDF put between Chinese characters and digits),
page-number lines (``- 2 -``, ``— 2 —``, ``－2－``) and zero-width characters. A single space
between two Latin letters or digits (``Public domain``) is kept.

How paragraphs are found (the three layouts users bring):

- *Hard-wrapped* text extracted from a PDF: most lines have nearly the same length (the wrap
  width). A line ends its paragraph when it is short, or ends with sentence-final punctuation and
  shows a second signal (a trailing space, a line shorter than the wrap width, a heading next),
  or is itself a short heading. Blank lines mean nothing in this layout. A heading is never glued
  onto the paragraph before it.
- *Blocks* separated by blank lines (web pages, Markdown, wiki text): a block is a paragraph;
  inside a block a line that starts with a heading number or indentation starts a new one
  (fragments a wiki split around links are joined back).
- *One paragraph per line* (a word processor's text without blank lines), and a *whole report on
  one line* with paragraphs separated by runs of spaces, U+3000 or U+2003.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from store.reading import ZERO_WIDTH, Line

#: A page number alone on its line, dashes on both sides: ``- 2 -``, ``— 12 —``, ``－2－``.
PAGE_NUMBER = re.compile(r"^\s*[-—－–―]{1,2}\s*\d{1,4}\s*[-—－–―]{1,2}\s*$")
_ZW = re.compile(f"[{ZERO_WIDTH}]")
_WS = re.compile(r"\s+")
_KEEP_SPACE = re.compile(r"(?<=[A-Za-z0-9.])\s+(?=[A-Za-z])|(?<=[A-Za-z])\s+(?=[A-Za-z0-9])")
FINAL = "。！？：；!?:;"
CLOSERS = "”’」』）)】》\"'"
HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[部分章节篇]|——|[一二三四五六七八九十]是)"
)
_INDENT = re.compile(r"^(?:\u3000|[ \u2003]{2})")
#: Share of the lines that must be indented for indentation to mark paragraph starts in
#: hard-wrapped text: a paragraph of 28-character lines is ~10 lines long (Wenzhou 2022: 62
#: paragraphs in 1,300 lines), so its first lines make ~5-10% of all lines; 3% leaves room for
#: short paragraphs being rarer and excludes the odd indented line.
INDENT_SHARE = 0.03
#: Paragraph separators of a report saved on one line: two or more spaces, or U+3000/U+2003.
ONE_LINE_SEPARATOR = re.compile(r"[ \u3000\u2003]{2,}|[\u3000\u2003]+")


@dataclass
class Para:
    """A logical paragraph: ``text`` (artefacts removed), first and last source line numbers,
    the Markdown/HTML emphasis facts of its first line (``bold_lead`` characters, ``bold_all``),
    ``md_heading`` and ``removed`` (the page-number lines dropped inside it)."""

    text: str
    first: int
    last: int
    bold_lead: int = 0
    bold_all: bool = False
    md_heading: bool = False


_DIRTY = re.compile(rf"[\s{ZERO_WIDTH}]")
_HALF_WIDTH = re.compile(r"[A-Za-z0-9 %.\-+/]")  # narrow ASCII; a period inside a number is narrow too


def clean(text: str) -> str:
    """Remove zero-width characters and whitespace, keeping one space between Latin words."""
    if not _DIRTY.search(text):
        return text  # most lines of text saved from a word processor: nothing to do
    text = _ZW.sub("", text)
    text = _KEEP_SPACE.sub("\x00", text)
    text = _WS.sub("", text)
    return text.replace("\x00", " ")


def _ends_sentence(s: str) -> bool:
    s = s.rstrip().rstrip(CLOSERS)
    return bool(s) and s[-1] in FINAL


def _plain(s: str) -> str:
    return _ZW.sub("", s).strip()


def display_len(s: str) -> float:
    """Width of cleaned text in full-width cells: CJK and full-width characters 1, ASCII letters and
    digits 0.5. ASCII punctuation counts 1: in Chinese text it stands for a full-width mark (PDF
    extraction and editors often turn ，into ,), and a line must not look shorter, and so end its
    paragraph, only because its commas are half-width (newcomer's test: ，→ , split six headings)."""
    t = clean(s)
    return len(t) - 0.5 * len(_HALF_WIDTH.findall(t))


def wrap_width(lines: list[Line]) -> int:
    """Return the wrap width of hard-wrapped text, or 0 when the text is not hard-wrapped.

    Hard-wrapped means: the most common length of the lines of 15+ characters, ±2, covers at least
    40% of all non-empty lines. (Wenzhou 2022's PDF text: width 28, 72% of lines within ±2; no
    other corpus file passes 10%.)"""
    lens = [round(display_len(ln.text)) for ln in lines if _plain(ln.text)]
    lens = [n for n in lens if n]
    if len(lens) < 20:
        return 0
    common = Counter(n for n in lens if n >= 15)
    if not common:
        return 0
    mode = common.most_common(1)[0][0]
    near = sum(1 for n in lens if abs(n - mode) <= 2)
    return mode if near / len(lens) >= 0.4 else 0


def paragraphs(lines: list[Line]) -> list[Para]:
    """Group source lines into logical paragraphs (see the module docstring)."""
    lines = [ln for ln in lines if not PAGE_NUMBER.match(_plain(ln.text))]
    nonempty = [ln for ln in lines if _plain(ln.text)]
    if not nonempty:
        return []
    if len(nonempty) <= 3 and max(len(ln.text) for ln in nonempty) > 2000:
        return _one_line(nonempty)
    width = wrap_width(nonempty)
    if width:
        return _hard_wrapped(nonempty, width)
    return _blocks(lines)


def _para(group: list[Line]) -> Para:
    first = group[0]
    return Para(clean("".join(ln.text for ln in group)), first.no, group[-1].no,
                first.bold_lead, first.bold_all and len(group) == 1, first.md_heading)


def _one_line(lines: list[Line]) -> list[Para]:
    out = []
    for ln in lines:
        for piece in ONE_LINE_SEPARATOR.split(ln.text):
            if clean(piece):
                out.append(Para(clean(piece), ln.no, ln.no))
    return out


def _is_heading_line(s: str, width: int) -> bool:
    """A line that opens with a heading number and is short of the wrap width."""
    t = clean(s)
    return bool(HEADING_START.match(t)) and len(t) < width - 2


def _hard_wrapped(lines: list[Line], width: int) -> list[Para]:
    # Does this text mark paragraph ends with a trailing space? (Wenzhou 2022: 60 of 62 paragraph
    # ends carry one, no mid-paragraph line does.) Then a sentence end without one is not an end.
    punct_ends = [ln for ln in lines if _ends_sentence(clean(ln.text))]
    marked = sum(1 for ln in punct_ends if ln.text != ln.text.rstrip())
    uses_trailing = bool(punct_ends) and marked >= 0.2 * len(punct_ends)
    # Does it mark paragraph starts by indentation (two U+3000 or spaces: PDF text read by
    # store.reading, or a typist's)? Then an indented line starts a paragraph, and the line
    # before it ends one, whatever its length or last character. A single leading space is a
    # page's first line in Wenzhou 2022 (32 lines, none of them a paragraph start), not an indent.
    indented = [_INDENT.match(ln.text) is not None for ln in lines]
    uses_indent = sum(indented) >= INDENT_SHARE * len(lines)
    out: list[Para] = []
    group: list[Line] = []
    for i, ln in enumerate(lines):
        t = clean(ln.text)
        nxt = clean(lines[i + 1].text) if i + 1 < len(lines) else ""
        if group and uses_indent and indented[i]:
            out.append(_para(group))
            group = []
        if group and HEADING_START.match(t):
            prev = group[-1].text
            if _ends_sentence(clean(prev)) or display_len(prev) < width - 2:
                out.append(_para(group))
                group = []
        group.append(ln)
        n = display_len(t)
        trailing = ln.text != ln.text.rstrip()
        heading_next = bool(HEADING_START.match(nxt))
        if HEADING_START.match(t) and (trailing or n < width - 2):
            end = True  # a heading that stops short of the margin stands alone
        elif uses_indent:
            end = n + (2 if indented[i] else 0) < width - 3 or (i + 1 < len(lines) and indented[i + 1])
        elif uses_trailing:
            end = n < width - 4 or (_ends_sentence(t) and (trailing or heading_next))
        else:
            end = n < width - 3 or (_ends_sentence(t) and (n < width - 1 or heading_next))
        if end:
            out.append(_para(group))
            group = []
    if group:
        out.append(_para(group))
    return [p for p in out if p.text]


#: Longest line (characters) that counts as a heading standing alone before an indented line.
#: Part and section headings in the corpus are at most 40 characters; Hailar 2013's
#: ``一、过去一年工作回顾`` is followed, with no blank line, by an indented paragraph.
SHORT_HEADING = 40


def _short_heading(text: str) -> bool:
    t = clean(text)
    return bool(HEADING_START.match(t)) and len(t) <= SHORT_HEADING and not any(c in t[:-1] for c in "。！？")


def _blocks(lines: list[Line]) -> list[Para]:
    blocks: list[list[Line]] = []
    cur: list[Line] = []
    for ln in lines:
        # A line of zero-width characters only is not blank: wiki text puts one between the
        # pieces of a number it split (74.4 / U+200B / 万亿元), which belong together.
        if ln.text.strip():
            cur.append(ln)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    multi = sum(1 for b in blocks if len(b) > 1)
    one_per_line = multi > len(blocks) * 0.5
    out: list[Para] = []
    for block in blocks:
        group: list[Line] = []
        for ln in block:
            starts_new = bool(group) and (
                one_per_line
                or HEADING_START.match(clean(ln.text))
                or ln.md_heading or ln.bold_lead
                or (ln.text[:1] in " \u3000\t\u2003"
                    and (_ends_sentence(group[-1].text) or _short_heading(group[-1].text)))
            )
            if starts_new:
                out.append(_para(group))
                group = []
            group.append(ln)
        if group:
            out.append(_para(group))
    return [p for p in out if p.text]
