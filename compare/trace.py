"""Commitment lineage: follow one phrase or sentence across a region's reports.

``trace(reports, phrase) -> Lineage``. In each report the best-matching sentence (run-in headings
and part/section headings included) is found by ``match_score``: rapidfuzz ``partial_ratio`` (0..100)
of the two texts with numbers masked and punctuation removed (``compare.similarity.mask``; the
figures change every year, the wording much less) and list numbering (一是, （三）) stripped, times
the share of the phrase's length the sentence covers (so a short sentence that happens to sit inside
a long phrase does not score 100), capped by the match of the phrase's content words (``content``:
the key without the generic policy verbs ``GENERIC`` such as 加快/推进) when those match less than
``CONTENT_MIN``: a sentence sharing only 加快推进 with the phrase is not the same commitment. A year
whose best score is below ``TRACE_MIN`` does not hold the commitment.

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
#: Generic policy verbs and adverbs that open most commitments (加快推进…, 全面深化…, 大力加强…):
#: masked when the content words of a phrase and a sentence are compared.
GENERIC = re.compile(r"加快|推进|加强|深化|全面|持续|大力|积极")
#: Lowest ``partial_ratio`` (0..100) of the phrase's content words (``content``) in a sentence for
#: the sentence's full score to count; below it the score is capped at that ratio. Measured (see
#: ``tests/test_drift.py::test_trace_needs_more_than_a_shared_verb_phrase``) on every sentence
#: scoring ≥ ``TRACE_MIN`` as the best match of a commitment heading of the hailar (2012-2019) and
#: national (2015-2019) reports in the next report, plus the phrases 加快推进工业经济(优化升级)
#: traced through hailar: the content ratios below 60 were both false matches (加快推进工业经济 ↔
#: 加快推进职业教育产教融合… 33, 积极稳妥去杠杆 ↔ 积极稳妥推进混合所有制改革 57); from 60 up the
#: true rewordings start (推进旧城区提质升级 ↔ 稳步推进旧城区改造 60, 坚持城乡统筹发展，加快推进新型
#: 城镇化进程 ↔ 加快推进新型城镇化进程，做大区域中心城市 64), mixed with false matches the content
#: words cannot tell (推进健康中国建设 ↔ 推进平安中国建设 67). 60 removes the two clear false matches
#: and no true one.
CONTENT_MIN = 60.0
_LIST_MARK = re.compile(r"^(?:[一二三四五六七八九十]{1,2}[要是][，,、]?)")


def key(text: str) -> str:
    """Masked text: numbering and list marks (一是, 二要) stripped, numbers → #, punctuation removed."""
    t = NUMBERING.sub("", (text or "").strip())
    return mask(_LIST_MARK.sub("", t))


def content(k: str) -> str:
    """A ``key``-ed text without the ``GENERIC`` policy verbs: its content words."""
    return GENERIC.sub("", k)


def match_score(phrase_key: str, sentence_key: str) -> float:
    """0..100: ``partial_ratio`` × min(1, len(sentence)/len(phrase)), both already ``key``-ed;
    capped at the ``partial_ratio`` of their ``content`` words when that is below ``CONTENT_MIN``
    (no cap when the phrase is all generic words)."""
    if not phrase_key or not sentence_key:
        return 0.0
    cover = min(1.0, len(sentence_key) / len(phrase_key))
    score = fuzz.partial_ratio(phrase_key, sentence_key) * cover
    pc = content(phrase_key)
    if pc:
        c = fuzz.partial_ratio(pc, content(sentence_key))
        if c < CONTENT_MIN:
            score = min(score, c)
    return score


class Matcher:
    """The sentences of one report, keyed once, to find phrases in: ``Matcher(sentences)`` with
    ``sentences`` a list of tuples whose 2nd item is the text (``Digest.sentences``)."""

    def __init__(self, sentences: list[tuple]):
        self.sentences = sentences
        self.keys = [key(s[1]) for s in sentences]
        self.contents = [content(k) for k in self.keys]
        self.lens = np.array([len(k) for k in self.keys], dtype=float)

    def best(self, phrase: str, minimum: float = TRACE_MIN) -> Optional[tuple[float, tuple]]:
        """(score, sentence) of the best-matching sentence scoring at least ``minimum``, else None
        (``match_score`` over all sentences at once: rapidfuzz ``cdist`` and numpy)."""
        pk = key(phrase)
        if not pk or not self.keys:
            return None
        ratios = process.cdist([pk], self.keys, scorer=fuzz.partial_ratio, dtype=np.float32)[0]
        scores = ratios * np.minimum(1.0, self.lens / len(pk))
        pc = content(pk)
        if pc:
            c = process.cdist([pc], self.contents, scorer=fuzz.partial_ratio, dtype=np.float32)[0]
            scores = np.where(c < CONTENT_MIN, np.minimum(scores, c), scores)
        i = int(np.argmax(scores))
        sc = float(scores[i])
        return (round(sc, 1), self.sentences[i]) if sc >= minimum else None


def best_match(phrase: str, sentences: list[tuple], minimum: float = TRACE_MIN) -> Optional[tuple[float, tuple]]:
    """``Matcher(sentences).best(phrase, minimum)`` for one phrase."""
    return Matcher(sentences).best(phrase, minimum)


def check_phrase(phrase: str) -> None:
    """Raise ``WzdiffError`` (one line) if ``phrase`` has nothing to match: empty, or only numbers,
    punctuation and list numbering."""
    from store.errors import WzdiffError

    if not (phrase or "").strip():
        raise WzdiffError("empty phrase: give the words of a commitment to trace, e.g. 推进供给侧结构性改革")
    if not key(phrase).replace("#", ""):  # "#" is a masked number
        raise WzdiffError(f"phrase {phrase!r} has no words to match (only numbers, punctuation or numbering)")


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
    """Lineage of ``phrase`` over ``reports`` (Reports or Digests, any order). Raises
    ``WzdiffError`` for a phrase with nothing to match (empty, or only numbers and punctuation) and
    when there is no report."""
    from store.errors import WzdiffError

    check_phrase(phrase)
    ds: list[Digest] = as_digests(reports)
    if not ds:
        raise WzdiffError("no reports (with a year) to trace the phrase in")
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
