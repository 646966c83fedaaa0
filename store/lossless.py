"""Check that a parsed report kept every character of its source.

The XML's front matter, body and back matter, read in order, must equal the source's text with
only the repaired artefacts removed: whitespace and line breaks, page-number lines, zero-width
characters, and format markup (Markdown ``**``/``#`` marks, HTML tags, which ``store.reading``
never passes on as text).
"""
from __future__ import annotations

import re

from store.model import Report
from store.reading import Source
from store.repair import PAGE_NUMBER, clean

_WS = re.compile(r"\s+")


def expected_text(src: Source) -> str:
    """The source's content, whitespace-free, without page-number lines and zero-width marks."""
    return "".join(_WS.sub("", clean(ln.text)) for ln in src.front_lines + src.lines
                   if not PAGE_NUMBER.match(clean(ln.text)))


def lost_characters(report: Report, src: Source) -> int:
    """How many characters differ between the report's text and ``expected_text(src)``
    (0 when lossless): the length of the two texts' non-matching runs."""
    got = _WS.sub("", report.full_text())
    want = expected_text(src)
    if got == want:
        return 0
    import difflib

    sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
    same = sum(b.size for b in sm.get_matching_blocks())
    return (len(want) - same) + (len(got) - same)
