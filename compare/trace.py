"""Commitment lineage: follow one phrase or sentence across a region's reports.

``trace(reports, phrase) -> Lineage``. In each report the best-matching sentence (run-in headings
and part/section headings included) is found by ``match_score``: rapidfuzz ``partial_ratio`` (0..100)
of the two texts with numbers masked and punctuation removed (``compare.similarity.mask``; the
figures change every year, the wording much less) and list numbering (一是, （三）) stripped, times
the share of the phrase's length the sentence covers (so a short sentence that happens to sit inside
a long phrase does not score 100). A year whose best score is below ``TRACE_MIN`` does not hold the
commitment.

``Lineage.years``: one ``LineageYear`` per report, oldest first, with ``status``:
``first`` (first appearance), ``kept``, ``dropped`` (absent, after having appeared), ``reinstated``
(back after a drop) or ``absent`` (not yet seen); ``edits`` the inline diff (``diff_tokens``) of
the wording against the last year it appeared (empty for ``first``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from rapidfuzz import fuzz, process

from compare.digest import Digest, as_digests
from compare.model import Edit
from compare.similarity import NUMBERING, mask
from compare.textdiff import diff_tokens

#: Lowest ``match_score`` (0..100) for a sentence to carry the commitment. Chosen on the samples
#: (see ``bench/drift_bench.py --scores``): a run-in heading of one hailar plan found again the next
#: year reworded scores 70-100 ("全面做好精准扶贫、精准脱贫工作" ↔ "打好精准脱贫攻坚战" 72); the best
#: match of a heading that is really gone scores 40-65, most 50-60 (the shared function words
#: 加快/推进/建设 of every plan). 70 separates the two with the fewest errors on the samples.
TRACE_MIN = 70.0
_LIST_MARK = re.compile(r"^(?:[一二三四五六七八九十]{1,2}[要是][，,、]?)")


def key(text: str) -> str:
    """Masked text: numbering and list marks (一是, 二要) stripped, numbers → #, punctuation removed."""
    t = NUMBERING.sub("", (text or "").strip())
    return mask(_LIST_MARK.sub("", t))


def match_score(phrase_key: str, sentence_key: str) -> float:
    """0..100: ``partial_ratio`` × min(1, len(sentence)/len(phrase)), both already ``key``-ed."""
    if not phrase_key or not sentence_key:
        return 0.0
    cover = min(1.0, len(sentence_key) / len(phrase_key))
    return fuzz.partial_ratio(phrase_key, sentence_key) * cover


class Matcher:
    """The sentences of one report, keyed once, to find phrases in: ``Matcher(sentences)`` with
    ``sentences`` a list of tuples whose 2nd item is the text (``Digest.sentences``)."""

    def __init__(self, sentences: list[tuple]):
        self.sentences = sentences
        self.keys = [key(s[1]) for s in sentences]
        self.lens = np.array([len(k) for k in self.keys], dtype=float)

    def best(self, phrase: str, minimum: float = TRACE_MIN) -> Optional[tuple[float, tuple]]:
        """(score, sentence) of the best-matching sentence scoring at least ``minimum``, else None
        (``match_score`` over all sentences at once: rapidfuzz ``cdist`` and numpy)."""
        pk = key(phrase)
        if not pk or not self.keys:
            return None
        ratios = process.cdist([pk], self.keys, scorer=fuzz.partial_ratio, dtype=np.float32)[0]
        scores = ratios * np.minimum(1.0, self.lens / len(pk))
        i = int(np.argmax(scores))
        sc = float(scores[i])
        return (round(sc, 1), self.sentences[i]) if sc >= minimum else None


def best_match(phrase: str, sentences: list[tuple], minimum: float = TRACE_MIN) -> Optional[tuple[float, tuple]]:
    """``Matcher(sentences).best(phrase, minimum)`` for one phrase."""
    return Matcher(sentences).best(phrase, minimum)


@dataclass
class LineageYear:
    year: int
    status: str  # first | kept | dropped | reinstated | absent
    text: Optional[str] = None
    sentence_id: Optional[str] = None
    score: Optional[float] = None
    edits: list[Edit] = field(default_factory=list)


@dataclass
class Lineage:
    phrase: str
    region: Optional[str]
    threshold: float
    years: list[LineageYear] = field(default_factory=list)

    @property
    def first_year(self) -> Optional[int]:
        return next((y.year for y in self.years if y.status == "first"), None)

    @property
    def dropped_years(self) -> list[int]:
        """Years the commitment was missing after having appeared (first year of each gap)."""
        out, prev = [], None
        for y in self.years:
            if y.status == "dropped" and prev != "dropped":
                out.append(y.year)
            prev = y.status
        return out

    @property
    def reinstated_years(self) -> list[int]:
        return [y.year for y in self.years if y.status == "reinstated"]

    @property
    def present_years(self) -> list[int]:
        return [y.year for y in self.years if y.text is not None]


def trace(reports, phrase: str, minimum: float = TRACE_MIN) -> Lineage:
    """Lineage of ``phrase`` over ``reports`` (Reports or Digests, any order)."""
    ds: list[Digest] = as_digests(reports)
    out = Lineage(phrase, next((d.region for d in ds if d.region), None), minimum)
    last_text: Optional[str] = None
    seen = gone = False
    for d in ds:
        hit = Matcher(d.sentences).best(phrase, minimum)
        if hit is None:
            status = "dropped" if seen else "absent"
            gone = seen
            out.years.append(LineageYear(d.year, status))
            continue
        score, (sid, text, *_) = hit
        status = "reinstated" if gone else "kept" if seen else "first"
        edits = diff_tokens(last_text, text) if last_text is not None else []
        out.years.append(LineageYear(d.year, status, text, sid, score, edits))
        seen, gone, last_text = True, False, text
    return out
