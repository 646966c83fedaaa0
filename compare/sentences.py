"""Align the sentences of two aligned units and diff each pair.

Sentences are paired by a global assignment on rapidfuzz's ``ratio`` of their number-masked
text (moves inside the unit allowed); pairs under ``SENTENCE_MIN`` stay unpaired (a deleted and an
inserted sentence). The result is in B's order, with each deleted A sentence placed after the B
sentence its predecessor was paired with, so reading the list top to bottom reads like the text.
"""
from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from compare.model import Edit, SentencePair
from compare.similarity import mask
from compare.textdiff import diff_tokens, is_unchanged, token_key

#: Lowest masked-text similarity (0..1) for two sentences to be the same sentence reworded. At 0.5
#: half the characters must survive; lower pairs on the gold pairs were unrelated sentences.
SENTENCE_MIN = 0.5


def _same(a: str, b: str, show_punct: bool) -> bool:
    return a == b or (not show_punct and token_key(a) == token_key(b))


def _pair_sentences(ta: list[str], tb: list[str]) -> dict[int, int]:
    """Index pairs (a → b) of the sentences ``ta``/``tb``: identical sentences first, in order (a
    dictionary lookup, so two copies of one long unit cost linear time and memory), then one
    global assignment on ``fuzz.ratio`` of the number-masked rest, keeping pairs of at least
    ``SENTENCE_MIN``. The assignment alone pairs identical sentences too (ratio 1.0 is every
    row's best) but needs a len(ta) × len(tb) matrix."""
    pairs: dict[int, int] = {}
    waiting: dict[str, list[int]] = {}
    for j, t in enumerate(tb):
        waiting.setdefault(t, []).append(j)
    for i, t in enumerate(ta):
        if waiting.get(t):
            pairs[i] = waiting[t].pop(0)
    rest_a = [i for i in range(len(ta)) if i not in pairs]
    taken = set(pairs.values())
    rest_b = [j for j in range(len(tb)) if j not in taken]
    if rest_a and rest_b:
        sim = process.cdist([mask(ta[i]) for i in rest_a], [mask(tb[j]) for j in rest_b], scorer=fuzz.ratio,
                            dtype=np.float32) / 100.0
        rows, cols = linear_sum_assignment(-sim)
        for r, c in zip(rows, cols):
            if sim[r, c] >= SENTENCE_MIN:
                pairs[rest_a[r]] = rest_b[c]
    return pairs


def align_sentences(sa: list[tuple[str, str]], sb: list[tuple[str, str]], show_punct: bool = False) -> list[SentencePair]:
    """``sa``/``sb``: (id, text) lists. Returns ``SentencePair`` list with inline edits."""
    pairs = _pair_sentences([t for _, t in sa], [t for _, t in sb])
    by_b = {j: i for i, j in pairs.items()}
    out: list[SentencePair] = []
    placed = set()

    def emit_deleted_after(i_prev: int):
        k = i_prev + 1
        while k < len(sa) and k not in pairs and k not in placed:
            ida, ta = sa[k]
            out.append(SentencePair(ta, None, ida, None, "removed", 0.0, [Edit("delete", ta)]))
            placed.add(k)
            k += 1

    emit_deleted_after(-1)
    for j, (idb, tb) in enumerate(sb):
        if j in by_b:
            i = by_b[j]
            ida, ta = sa[i]
            if _same(ta, tb, show_punct):
                out.append(SentencePair(ta, tb, ida, idb, "unchanged", 1.0, [Edit("equal", tb)]))
            else:
                edits = diff_tokens(ta, tb, show_punct)
                change = "unchanged" if is_unchanged(edits) else "modified"
                score = fuzz.ratio(mask(ta), mask(tb)) / 100.0
                out.append(SentencePair(ta, tb, ida, idb, change, round(score, 3), edits))
            placed.add(i)
            emit_deleted_after(i)
        else:
            out.append(SentencePair(None, tb, None, idb, "added", 0.0, [Edit("insert", tb)]))
    for k, (ida, ta) in enumerate(sa):
        if k not in placed:
            out.append(SentencePair(ta, None, ida, None, "removed", 0.0, [Edit("delete", ta)]))
    return out
