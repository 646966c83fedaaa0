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


def align_sentences(sa: list[tuple[str, str]], sb: list[tuple[str, str]], show_punct: bool = False) -> list[SentencePair]:
    """``sa``/``sb``: (id, text) lists. Returns ``SentencePair`` list with inline edits."""
    pairs: dict[int, int] = {}
    if sa and sb:
        ma = [mask(t) for _, t in sa]
        mb = [mask(t) for _, t in sb]
        sim = process.cdist(ma, mb, scorer=fuzz.ratio, dtype=np.float32) / 100.0
        rows, cols = linear_sum_assignment(-sim)
        for i, j in zip(rows, cols):
            if sim[i, j] >= SENTENCE_MIN:
                pairs[int(i)] = int(j)
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
