"""How alike two pieces of report text are, with the numbers masked.

Numbers change every year while the wording of a commitment changes much less, so every digit run
(with its decimals) is replaced by one placeholder before comparing. Texts are compared as bags of
character bigrams weighted by TF-IDF over all units of both reports (so the words every section
uses, 推进, 加快, 坚持, weigh little), with cosine similarity. Headings are compared with
rapidfuzz's ratio after their numbering (``一、``, ``（三）``, ``一是``) is stripped.
"""
from __future__ import annotations

import math
from array import array
import re
from collections import Counter

import numpy as np
from rapidfuzz import fuzz

NUM = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
PUNCT = re.compile(r"[\s，。、；：！？“”‘’（）《》【】,.;:!?()\"'—\-…·]")
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}是|——)")


def mask(text: str) -> str:
    """Digits → ``#`` (one per number), punctuation and whitespace removed."""
    return PUNCT.sub("", NUM.sub("#", text))


def heading_key(heading: str) -> str:
    """A heading without its numbering and final punctuation, numbers masked."""
    return mask(NUMBERING.sub("", heading.strip()))


def heading_matrix(a: list[str], b: list[str]) -> np.ndarray:
    """0..1 similarity (rapidfuzz ``ratio`` of ``heading_key``) of every heading of ``a`` with every
    heading of ``b``, shape (len(a), len(b)); 0 where either is empty. One ``cdist`` call (a C loop)."""
    from rapidfuzz.process import cdist

    if not a or not b:
        return np.zeros((len(a), len(b)))
    ka, kb = [heading_key(h) if h else "" for h in a], [heading_key(h) if h else "" for h in b]
    m = cdist(ka, kb, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    m[[not k for k in ka], :] = 0.0
    m[:, [not k for k in kb]] = 0.0
    return m


def bigrams(text: str) -> Counter:
    """Character bigrams of the masked text (unigrams for texts of one character). A text of only
    punctuation (a Markdown rule ``---``, a ``……`` line) is taken as it stands, whitespace removed,
    so that it still pairs with its copy (a report compared with itself; break test: 36 corpus files
    hold such a line)."""
    t = mask(text) or re.sub(r"\s", "", text)
    if len(t) < 2:
        return Counter(t)
    return Counter(t[i:i + 2] for i in range(len(t) - 1))


class Vectorizer:
    """TF-IDF over character bigrams of a fixed collection of texts.

    ``Vectorizer(texts).matrix(idx_a, idx_b)`` gives the cosine similarity matrix between two
    subsets of the collection (by index) as a numpy array of shape (len(idx_a), len(idx_b))."""

    def __init__(self, texts: list[str]):
        self.bags = [bigrams(t) for t in texts]
        df: Counter = Counter()
        for bag in self.bags:
            df.update(bag.keys())
        n = max(1, len(texts))
        self.vocab = {g: i for i, g in enumerate(df)}
        self.idf = {g: math.log((1 + n) / (1 + c)) + 1.0 for g, c in df.items()}
        self.m = self._rows(self.bags)

    def _rows(self, bags: list[Counter]):
        """L2-normalised TF-IDF rows (scipy CSR, shape (len(bags), vocabulary)) of ``bags``; bigrams
        outside the collection's vocabulary are dropped."""
        from scipy.sparse import csr_matrix

        indptr, cols, vals = array("q", [0]), array("q"), array("d")  # CSR rows, packed (not lists)
        for bag in bags:
            known = [(self.vocab[g], (1 + math.log(c)) * self.idf[g]) for g, c in bag.items() if g in self.vocab]
            norm = math.sqrt(sum(w * w for _, w in known)) or 1.0
            cols.extend(k for k, _ in known)
            vals.extend(w / norm for _, w in known)
            indptr.append(len(cols))
        return csr_matrix((np.frombuffer(vals, dtype=np.float64), np.frombuffer(cols, dtype=np.int64),
                           np.frombuffer(indptr, dtype=np.int64)), shape=(len(bags), max(1, len(self.vocab))))

    def cosine(self, texts_a: list[str], texts_b: list[str]) -> np.ndarray:
        """Cosine similarity (shape (len(texts_a), len(texts_b))) of texts outside the collection, such
        as headings alone, weighted by the collection's IDF: words every unit uses weigh little."""
        if not texts_a or not texts_b:
            return np.zeros((len(texts_a), len(texts_b)))
        ra, rb = self._rows([bigrams(t) for t in texts_a]), self._rows([bigrams(t) for t in texts_b])
        return (ra @ rb.T).toarray()

    def matrix(self, idx_a: list[int], idx_b: list[int]) -> np.ndarray:
        if not idx_a or not idx_b:
            return np.zeros((len(idx_a), len(idx_b)))
        return (self.m[idx_a] @ self.m[idx_b].T).toarray()

    def containment(self, i: int, j: int) -> float:
        """Share of text ``i``'s bigram occurrences that also occur in text ``j`` (0..1)."""
        a, b = self.bags[i], self.bags[j]
        total = sum(a.values()) or 1
        return sum(min(c, b.get(g, 0)) for g, c in a.items()) / total
