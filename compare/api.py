"""Compare two reports: ``compare_reports(a, b) -> Comparison`` (the one entry point).

Steps: align units (``compare.align``), align and diff the sentences of every aligned pair
(``compare.sentences``), pair the targets and link achievements (``compare.targets``). The result
speaks only the vocabulary of ``compare.model``; renderers draw it.
"""
from __future__ import annotations

from typing import Optional

from compare.align import CONFIDENT, Match, align_units
from compare.model import Comparison, SectionPair, Unit
from compare.sentences import align_sentences
from compare.targets import link_achievements, pair_targets
from store.model import Report, UnitInfo


def _unit(u: Optional[UnitInfo], parents: dict) -> Optional[Unit]:
    if u is None:
        return None
    parent = parents.get(u.parent_id)
    return Unit(u.id, u.level, u.heading, u.path, u.text, parent.heading if parent else "", u.lines)


def _own_sentences(u: Optional[UnitInfo], child_sentence_ids: set) -> list[tuple[str, str]]:
    if u is None:
        return []
    return [(i, t) for i, t in u.sentences if i not in child_sentence_ids]


def _roles(report: Report) -> dict:
    return {p.get("id"): p.get("role") for p in report.parts()}


def compare_reports(a: Report, b: Report, show_punct: bool = False) -> Comparison:
    """Align report ``a`` (older) with ``b`` (newer) and classify every change.

    ``show_punct``: count whitespace-, width- and punctuation-only differences as changes.
    Returns a ``Comparison`` whose ``sections`` list holds every part and section (levels 1–2) of
    both reports exactly once, each with its run-in paragraph pairs as ``children``."""
    ua, ub = a.units(), b.units()
    parents_a = {u.id: u for u in ua}
    parents_b = {u.id: u for u in ub}
    matches = align_units(ua, ub, _roles(a), _roles(b))
    pair_of_a = {m.a.id: m for m in matches if m.a}
    pair_of_b = {m.b.id: m for m in matches if m.b}

    # Sentences that belong to sections, so a part's own sentences are its intro only.
    sec_sents_a = {i for u in ua if u.level == 2 for i, _ in u.sentences}
    sec_sents_b = {i for u in ub if u.level == 2 for i, _ in u.sentences}

    def build(m: Match) -> SectionPair:
        excl_a = sec_sents_a if m.a and m.a.level == 1 else set()  # a part pairs with a section across levels
        excl_b = sec_sents_b if m.b and m.b.level == 1 else set()
        sents = align_sentences(_own_sentences(m.a, excl_a), _own_sentences(m.b, excl_b), show_punct)
        edits = [e for s in sents for e in s.edits]
        if m.a and m.b:
            changed = any(s.change != "unchanged" for s in sents)
            change = "moved" if m.moved else ("modified" if changed else "unchanged")
        elif m.a:
            change = m.relation or "removed"
        else:
            change = m.relation or "added"
        pair = SectionPair(m.level, _unit(m.a, parents_a), _unit(m.b, parents_b), change, m.score,
                           edits=edits, sentences=sents, related=[m.related] if m.related else [],
                           low_confidence=bool(m.a and m.b and m.score < CONFIDENT))
        if m.moved and m.a and m.b:
            pair.moved_from, pair.moved_to = m.a.parent_id, m.b.parent_id
        elif m.relation == "moved" and m.a:
            pair.moved_from, pair.moved_to = m.a.parent_id, m.related
        return pair

    built = {id(m): build(m) for m in matches}
    # Nest level-3 pairs under the pair of their parent (A's parent first, else B's).
    top: list[tuple[float, SectionPair]] = []
    order_b = {u.id: k for k, u in enumerate(ub)}
    order_a = {u.id: k for k, u in enumerate(ua)}
    for m in matches:
        p = built[id(m)]
        if m.level == 3:
            host = None
            if m.a and m.a.parent_id in pair_of_a:
                host = pair_of_a[m.a.parent_id]
            elif m.b and m.b.parent_id in pair_of_b:
                host = pair_of_b[m.b.parent_id]
            if host is not None:
                built[id(host)].children.append(p)
                continue
        top.append((_sort_key(m, order_a, order_b, pair_of_a, ua), p))
    top.sort(key=lambda kp: kp[0])
    sections = [p for _, p in top]
    def child_key(c: SectionPair):
        if c.b is not None:
            return (order_b[c.b.id], 0, 0)
        anchor = _b_of(pair_of_a, c.a.id, ua)
        return (order_b[anchor] if anchor else -1, 1, order_a[c.a.id])

    for p in sections:
        p.children.sort(key=child_key)
    aligned = {m.a.id: m.b.id for m in matches if m.a and m.b}
    targets = pair_targets(a, b, aligned)
    achievements = link_achievements(a, b)
    return Comparison(a.meta_dict(), b.meta_dict(), sections, targets, achievements,
                      options={"show_punct": show_punct})


def _b_of(pair_of_a: dict, a_id: str, ua: list[UnitInfo]) -> Optional[str]:
    """B id of the nearest preceding A unit that has a partner (for placing A-only units)."""
    ids = [u.id for u in ua]
    k = ids.index(a_id) if a_id in ids else -1
    while k >= 0:
        m = pair_of_a.get(ids[k])
        if m is not None and m.b is not None:
            return m.b.id
        k -= 1
    return None


def _sort_key(m: Match, order_a: dict, order_b: dict, pair_of_a: dict, ua: list[UnitInfo]):
    if m.b is not None:
        return (order_b[m.b.id], 0, 0)
    anchor = _b_of(pair_of_a, m.a.id, ua)
    return (order_b.get(anchor, -1) if anchor else -1, 1, order_a[m.a.id])
