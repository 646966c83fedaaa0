"""Align the parts, sections and run-in-headed paragraphs of two reports.

Each level is solved as one global assignment (scipy's ``linear_sum_assignment``) on a score that
mixes body similarity (TF-IDF cosine of number-masked character bigrams) and heading similarity,
plus a bonus when the two units' parents are themselves aligned. Pairs below ``MIN_SCORE`` are not
forced: the unit is added or removed. A level-2 or level-3 pair whose parents are not aligned is
``moved``. An unpaired unit whose text is largely contained in a unit that did pair is reported as
``merged`` into it (A side) or ``split`` from it (B side), with ``related`` naming that unit.

Weights and thresholds were chosen on the gold pairs in ``../shared/gold/align/`` (Wenzhou
2022→2023, 2022→2024, national 2018→2019) with ``bench/align_score.py``: section accuracy
[1.0, 1.0, 0.89] at BODY_WEIGHT 0.85–1.0 and MIN_MARGIN 0.04–0.05; 0.6 body weight or a 0.03
margin fell to [1.0, 0.79, 0.79], a 0.08 margin to [0.95, 1.0, 0.84].
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
from scipy.optimize import linear_sum_assignment

from compare.similarity import Vectorizer, heading_key, heading_matrix
from store.model import UnitInfo

#: Weight of body similarity vs heading similarity in a pair's score (parts and sections);
#: headings are reworded every year, bodies much less (see the module docstring for the sweep).
BODY_WEIGHT = 0.85
HEADING_WEIGHT = round(1 - BODY_WEIGHT, 2)
#: Bonus added when the two units' parents are aligned with each other (keeps sections inside
#: their part unless the content clearly moved).
PARENT_BONUS = 0.15
#: Bonus for two parts of the same role (review↔review, plan↔plan).
ROLE_BONUS = 0.3
#: Weight of the relative-position prior: only breaks ties between equally similar partners
#: (identical paragraphs or sections of one report compared with itself pair in order), far
#: below any difference in similarity that matters (pairs on the gold differ by 0.05 or more).
POSITION_WEIGHT = 0.01
#: Lowest score of a pair that is kept; below it both units stay unpaired.
MIN_SCORE = {1: 0.25, 2: 0.22, 3: 0.3}
#: Sections and paragraphs: how far above the median score of its row and column a pair must be.
MIN_MARGIN = {2: 0.05, 3: 0.1}
#: A pair across unaligned parents must reach this score to be kept as ``moved``.
MOVE_SCORE = 0.45
#: Score at or above which a pair counts as confident (shown unmarked in the HTML).
CONFIDENT = 0.45
#: Share of an unpaired unit's bigrams found in a paired unit for it to be ``merged``/``split``,
#: and how many times the next best unit's share it must be. Wenzhou 2022's section 三（六）,
#: merged into 2023's （七） by the gold notes: 0.446 there, at most 0.212 in any other section.
MERGE_CONTAINMENT = 0.4
MERGE_MARGIN = 1.8
#: Cosine similarity an unpaired paragraph needs with a whole section of the other report to be
#: reported as moved into it, and the share of its bigrams that section must hold (Wenzhou 2022's
#: 深入推进绿色低碳发展 → 2023's section 六: cosine 0.315, containment 0.52; the next best
#: section: cosine 0.07, containment 0.27).
CROSS_LEVEL_MIN = 0.3
CROSS_CONTAINMENT = 0.45
#: A split or merge whose parts are close by body pairs by heading (``_heading_ties``). Each tier:
#: the share of the paired body similarity the other part must reach, how much closer its heading
#: must be (rapidfuzz ratio), and how much more its heading's words must share (cosine of the
#: headings' bigrams weighted by the reports' IDF, so one common word such as 发展 or 改善, about
#: 0.02, is not enough; ``None``: no such need). Nearly as close a body needs a clearly closer heading;
#: half as close a body needs a much closer heading that shares words. Sections over the 3 gold and
#: 18 reviewed pairs (bench/align_score.py): the first tier alone, 三明 0.85 → 0.93, plateau
#: 0.75–0.85 / 0.05–0.15; the second tier, Wenzhou 2022→2024 0.89 → 1.00, 常州 2014→2015 0.88 → 1.00,
#: 芜湖 2020→2021 0.82 → 0.86 and no pair lower on the plateau 0.4–0.55 / 0.14–0.23 (0.35 takes Hailar
#: 2016→2017 to 0.88; 0.12 takes 大庆 to 0.71 and 黄石 to 0.74, whose wrong swaps have heading margins
#: 0.11–0.13; 0.24 loses Wenzhou's 0.23); their word gains are 0.08–0.28. On 250 random consecutive
#: corpus pairs the second tier without the word need changed 14 section pairs in 13 reports, as read:
#: 8 right (玉溪 2023→2024 民生福祉日益增进 → 全心全意增进民生福祉, word gain 0.45; the least 0.04), 3
#: wrong (攀枝花 2022→2023, gains 0.00 and 0.02; 乐山 2019→2020, 0.05, 改善 and 保), 3 doubtful (鄂州
#: 0.02). The word need keeps the 8 and drops 攀枝花's two and 鄂州's. On another 300 random pairs
#: (the rule fixed), 12 changes, as read: 8 right (民生 sections that had paired with 政府自身建设 or
#: 风险防范 now pair with 民生), 2 wrong (乐山 as above; 阳泉 2022→2023 by 拓展…发展空间), 2 doubtful.
HEADING_TIES = ((0.8, 0.1, None), (0.5, 0.18, 0.03))
#: How many of the most similar paired units are examined for a merge or split.
MERGE_CANDIDATES = 3
#: Sections and paragraphs: share of the best score in its row or column a pair must reach. The
#: assignment maximises the summed excess over the floor, so two weak pairs could outweigh one
#: strong one (平顶山 2022→2023: 保障民生↔文旅 0.33 and 风险底线↔保障民生 0.34 beat 民生↔民生 0.47).
#: Section accuracy over the 3 gold and 10 reviewed pairs (bench/align_score.py): unchanged except
#: 平顶山 0.81 → 0.89 at 0.5, → 1.00 at 0.55–0.62; at 0.65 黄石 2018→2019 falls 0.79 → 0.74. The lower
#: end of the plateau.
REL_SHARE = 0.55
#: Sections or paragraphs of one level: above this many candidate pairs (len(A) × len(B)), units are
#: paired only under aligned parents, block by block, instead of in one global matrix, so cost
#: stays linear in the number of parents times their units. A dense level needs about a dozen
#: len(A) × len(B) float arrays (~100 bytes a cell): the longest of the 1,345 corpus reports has
#: under 400 paragraphs (160,000 cells); a 500,000-character text with itself had 2,521 (6.4
#: million cells, 590 MB; 440 MB for the whole process after this limit). Above the limit, a unit moved across
#: parents is reported removed and added, and the thresholds see one block's scores: forced on Wenzhou
#: 2022→2023, 45 of the 52 pairs of the global alignment are kept.
BLOCK_CELLS = 1_000_000


@dataclass
class Match:
    """One aligned pair of units (either side may be ``None``) with its score and relation."""

    level: int
    a: Optional[UnitInfo]
    b: Optional[UnitInfo]
    score: float
    moved: bool = False
    related: Optional[str] = None
    relation: Optional[str] = None  # "merged" | "split"


def align_units(units_a: list[UnitInfo], units_b: list[UnitInfo], roles_a: dict, roles_b: dict) -> list[Match]:
    """Align all units of both reports level by level (parts, then sections, then paragraphs).

    ``roles_*`` map a part id to its role (``review``…). Returns matches in A's document order
    with B-only units inserted after the unit they follow."""
    texts = [u.heading + u.text for u in units_a] + [u.heading + u.text for u in units_b]
    vec = Vectorizer(texts)
    index_a = {u.id: i for i, u in enumerate(units_a)}
    index_b = {u.id: len(units_a) + i for i, u in enumerate(units_b)}
    paired: dict[str, str] = {}  # a id → b id, over all levels so far
    matches: list[Match] = []
    for level in (1, 2, 3):
        la = [u for u in units_a if u.level == level]
        lb = [u for u in units_b if u.level == level]
        if not la and not lb:
            continue
        if level > 1 and len(la) * len(lb) > BLOCK_CELLS:
            level_matches = []
            for sa, sb in _by_parent(la, lb, paired):
                level_matches += _align_level(level, sa, sb, vec, index_a, index_b, roles_a, roles_b, paired)
        else:
            level_matches = _align_level(level, la, lb, vec, index_a, index_b, roles_a, roles_b, paired)
        for m in level_matches:
            if m.a and m.b:
                paired[m.a.id] = m.b.id
        _mark_merges(level_matches, vec, index_a, index_b, paired)
        matches.extend(level_matches)
        if level == 2:  # before the paragraphs, so that they pair under the new pair
            _self_building(matches, roles_a, roles_b, vec, index_a, index_b, paired)
    _cross_level(matches, [u for u in units_b if u.level == 2], vec, index_a, index_b)
    return matches


def _align_level(level: int, la: list[UnitInfo], lb: list[UnitInfo], vec: Vectorizer, index_a: dict,
                 index_b: dict, roles_a: dict, roles_b: dict, paired: dict) -> list[Match]:
    """Matches of one level between the units ``la`` and ``lb``: the score matrix (body, heading,
    role, parent, position) and the thresholded assignment (``_assign``)."""
    body = vec.matrix([index_a[u.id] for u in la], [index_b[u.id] for u in lb])
    heading = heading_matrix([u.heading for u in la], [u.heading for u in lb])
    both = np.outer([bool(u.heading) for u in la], [bool(u.heading) for u in lb])
    raw = np.where(both, BODY_WEIGHT * body + HEADING_WEIGHT * heading, body)
    if level == 1:
        ra = [roles_a.get(u.id) for u in la]
        rb = [roles_b.get(u.id) for u in lb]
        raw = raw + ROLE_BONUS * _equal_labels(ra, rb)
    parent_ok = np.zeros(body.shape, dtype=bool)
    if level > 1:
        # units without a parent (the preamble) stand in the body, which is aligned with the body
        pa = [paired.get(u.parent_id) if u.parent_id else "body" for u in la]
        pb = [u.parent_id or "body" for u in lb]
        parent_ok = _equal_labels(pa, pb)
    # tie-breaker: of equally good partners, the one at the same relative position
    pos_a = np.arange(len(la)) / max(1, len(la) - 1)
    pos_b = np.arange(len(lb)) / max(1, len(lb) - 1)
    score = raw + PARENT_BONUS * parent_ok + POSITION_WEIGHT * (1 - np.abs(pos_a[:, None] - pos_b[None, :]))
    matches = _assign(level, la, lb, score, raw, parent_ok)
    if level == 2:
        _heading_ties(matches, la, lb, body, heading, score, vec)
    return matches


def _heading_ties(matches: list[Match], la: list[UnitInfo], lb: list[UnitInfo], body: np.ndarray,
                  heading: np.ndarray, score: np.ndarray, vec: Vectorizer) -> None:
    """A section that split in two (or two that merged) pairs with the part that kept its heading.

    For each pair (a, b) not moved, another unit b′ under b's parent whose body is close enough to a
    and whose heading is closer by enough (a tier of ``HEADING_TIES``: cosine ≥ share × that of b,
    heading ≥ that of b + margin, heading words ≥ those of b + gain) takes b's place, and b is left
    unpaired (``_mark_merges`` may then call it ``split``); likewise a unit a′ under a's parent for b
    (``merged``). b′ may be unpaired, or paired with a unit it scores lower with than with a: then
    that unit is left unpaired too. Of several such units, the one with the closest heading.

    三明 2022→2023: （九）着力提高人民群众生活品质 split into （九）着力改善和保障民生 (body 0.21, heading
    0.38) and （十）着力统筹发展和安全 (0.24, 0.19): first tier. Wenzhou 2022→2024: （一）坚持稳字当头…
    推动经济平稳健康发展 (0.19, 0.33) and （三）坚持增量带动…产业结构优化升级 (0.28, 0.10) merged into
    （二）聚焦聚力稳进提质，奋力推动经济持续回升向好: second tier. 营口 2021→2022: 2022's （一）坚持以
    优化营商环境为基础 took in 2021's （一）聚焦…持续优化营商环境 (0.12, 0.37) and （二）…民营经济 (0.17,
    0.10); the assignment had paired （一） with （五）绿色低碳 (0.12, 0.10), which it scores lower.
    Taking units from their pairs too: national 2016→2017 sections 0.77 → 0.92, 营口 (a blind
    reviewer's pair) 0.77 → 0.91, no other of the 25 scored pairs moves; on 250 random corpus pairs,
    6 reports change, 4 for the better (攀枝花 2022→2023 （一）经济发展在转型升级中提质增效 ↔
    （一）三次产业质效齐升 instead of ↔ （五）绿色发展步伐加快), 2 mixed."""
    ia = {u.id: i for i, u in enumerate(la)}
    ib = {u.id: j for j, u in enumerate(lb)}
    words = vec.cosine([heading_key(u.heading) for u in la], [heading_key(u.heading) for u in lb])

    def closer(i2: int, j2: int, i: int, j: int) -> bool:
        return any(body[i2, j2] >= share * body[i, j] and heading[i2, j2] >= heading[i, j] + margin
                   and (gain is None or words[i2, j2] >= words[i, j] + gain) for share, margin, gain in HEADING_TIES)

    for m in [m for m in matches if m.a and m.b and not m.moved]:
        if not (m.a and m.b):  # left unpaired by an earlier swap
            continue
        i, j = ia[m.a.id], ib[m.b.id]
        # (heading score, side, the match of the unit that may take the pair's place)
        cands = []
        for o in matches:
            if o is m or o.moved:
                continue
            if o.b and o.b.parent_id == m.b.parent_id:
                j2 = ib[o.b.id]
                if closer(i, j2, i, j) and (not o.a or score[i, j2] > score[ia[o.a.id], j2]):
                    cands.append((heading[i, j2], "b", o))
            if o.a and o.a.parent_id == m.a.parent_id:
                i2 = ia[o.a.id]
                if closer(i2, j, i, j) and (not o.b or score[i2, j] > score[i2, ib[o.b.id]]):
                    cands.append((heading[i2, j], "a", o))
        if not cands:
            continue
        _, side, o = max(cands, key=lambda c: c[0])
        if side == "b":  # m = (a, b′); b unpaired, and o's a, if any
            left = Match(m.level, None, m.b, 0.0)
            m.b, o.b, o.score = o.b, None, 0.0
        else:
            left = Match(m.level, m.a, None, 0.0)
            m.a, o.a, o.score = o.a, None, 0.0
        if o.a or o.b:
            matches.append(left)
        else:  # o was the lone unit itself: it becomes the left one
            o.a, o.b = left.a, left.b
        m.score = round(min(1.0, float(score[ia[m.a.id], ib[m.b.id]])), 3)


def _by_parent(la: list[UnitInfo], lb: list[UnitInfo], paired: dict) -> list[tuple[list, list]]:
    """The units of one level grouped by parent pair: A's units under the A parent aligned with a
    B parent go with B's units under that parent; units without a parent stand in the body; A's
    units under an unpaired parent form one group with nothing to pair with."""
    groups: dict = {}
    for u in la:
        key = paired.get(u.parent_id, ("lone", u.parent_id)) if u.parent_id else "body"
        groups.setdefault(key, ([], []))[0].append(u)
    for u in lb:
        groups.setdefault(u.parent_id or "body", ([], []))[1].append(u)
    return list(groups.values())


def _equal_labels(xs: list, ys: list) -> np.ndarray:
    """Boolean matrix (len(xs), len(ys)): ``xs[i] == ys[j]``, False where ``xs[i]`` is empty (None
    or ""). Labels are coded as integers so the comparison is one numpy broadcast, not a Python
    loop over every pair."""
    codes: dict = {}
    ca = np.array([codes.setdefault(x, len(codes)) if x else -1 for x in xs], dtype=np.int64)
    cb = np.array([codes.get(y, -2) if y else -2 for y in ys], dtype=np.int64)
    return ca[:, None] == cb[None, :]


def _cross_level(matches: list[Match], sections_b: list[UnitInfo], vec: Vectorizer, index_a: dict, index_b: dict) -> None:
    """An unpaired A paragraph whose text went into a B section as several paragraphs (one topic
    paragraph grown into a section of its own) is ``moved`` there: ``related`` names the section."""
    if not sections_b:
        return
    cols = [index_b[u.id] for u in sections_b]
    for m in matches:
        if m.level != 3 or m.b is not None or m.relation:
            continue
        i = index_a[m.a.id]
        cos = vec.matrix([i], cols)[0]
        k = int(np.argmax(cos))
        c = vec.containment(i, cols[k])
        if cos[k] >= CROSS_LEVEL_MIN and c >= CROSS_CONTAINMENT:
            m.related, m.relation, m.moved, m.score = sections_b[k].id, "moved", True, round(float(cos[k]), 3)


def _self_building(matches: list[Match], roles_a: dict, roles_b: dict, vec: Vectorizer, index_a: dict, index_b: dict,
                   paired: dict) -> None:
    """Self-building (政府自身建设) is the one topic reports move between a section of the plan part
    and a part of its own: an unpaired plan section whose heading names it (``store.metadata.part_role``
    gives ``self``: （八）在抓好自身建设上聚焦发力) pairs with the other report's unpaired ``self`` part when
    that part is, of all the other report's parts, the most similar to it by text. Found on three
    hand-made alignments of unseen pairs (Hailar 2018→2019, 绵阳 2022→2023), where the reviewer paired
    them across levels as ``../shared/gold/README.md`` allows; a review section on self-building
    (（六）政府自身建设不断加强) stays with the review."""
    from store.metadata import part_role

    for sec_side, roles_sec, roles_part in (("a", roles_a, roles_b), ("b", roles_b, roles_a)):
        part_side = "b" if sec_side == "a" else "a"
        idx_sec, idx_part = (index_a, index_b) if sec_side == "a" else (index_b, index_a)
        lone = [m for m in matches if (m.a is None) != (m.b is None) and not m.relation]
        parts = [getattr(m, part_side) for m in matches if m.level == 1 and getattr(m, part_side) is not None]
        for ms in [m for m in lone if m.level == 2 and getattr(m, sec_side) is not None]:
            sec = getattr(ms, sec_side)
            if part_role(sec.heading, None)[0] != "self" or roles_sec.get(sec.parent_id) in ("review", "appendix"):
                continue
            cos = vec.matrix([idx_sec[sec.id]], [idx_part[p.id] for p in parts])[0] if parts else []
            if not len(cos):
                continue
            best = parts[int(np.argmax(cos))]
            mp = next((m for m in lone if m.level == 1 and getattr(m, part_side) is best), None)
            if mp is None or roles_part.get(best.id) != "self":
                continue
            setattr(ms, part_side, best)
            ms.score, ms.moved = round(float(max(cos)), 3), True
            paired[ms.a.id] = ms.b.id
            matches.remove(mp)
            lone.remove(mp)


def _assign(level, la, lb, score, raw, parent_ok) -> list[Match]:
    """Maximise the summed excess of each pair's score over the threshold, so that no weak pair is
    taken only because the assignment must be complete; a pair must pass on its raw score (the
    parent bonus helps choose among candidates but never lets a weak pair through)."""
    out: list[Match] = []
    used_a, used_b = set(), set()
    if la and lb:
        moved_m = (level > 1) & ~parent_ok
        floor = np.where(moved_m, MOVE_SCORE, MIN_SCORE[level])
        if level > 1 and min(raw.shape) >= 3:
            # Long texts share much common wording, so judge a pair against the typical score of
            # the unrelated pairs in its row and column.
            base = np.maximum(np.median(raw, axis=1)[:, None], np.median(raw, axis=0)[None, :])
            # … but a pair good enough to count as a move across parents is good enough at home
            # (identical sections make every median high).
            floor = np.where(moved_m, MOVE_SCORE, np.minimum(base + MIN_MARGIN[level], MOVE_SCORE))
        if level > 1:
            best = np.maximum(raw.max(axis=1)[:, None], raw.max(axis=0)[None, :])
            floor = np.maximum(floor, REL_SHARE * best)
        ok = raw >= floor
        gain = np.where(ok, score - floor + 1e-3, 0.0)
        rows, cols = linear_sum_assignment(-gain)
        for i, j in zip(rows, cols):
            s = float(score[i, j])
            moved = bool(moved_m[i, j])
            if not ok[i, j]:
                continue
            out.append(Match(level, la[i], lb[j], round(min(1.0, s), 3), moved=moved))
            used_a.add(i)
            used_b.add(j)
    out += [Match(level, u, None, 0.0) for i, u in enumerate(la) if i not in used_a]
    out += [Match(level, None, u, 0.0) for j, u in enumerate(lb) if j not in used_b]
    return out


def _mark_merges(matches: list[Match], vec: Vectorizer, index_a: dict, index_b: dict, paired: dict) -> None:
    """Flag unpaired units whose text went into (or came from) a paired unit of the other side.

    Containment is measured against the ``MERGE_CANDIDATES`` paired units most similar by cosine,
    among those under the aligned parent (a five-year goal is not merged into this year's work,
    nor a review section into a task section)."""
    pairs = [(m.a, m.b) for m in matches if m.a and m.b]
    for m in matches:
        if m.a and not m.b:
            cands = [ub for ua, ub in pairs if m.a.parent_id is None or paired.get(m.a.parent_id) == ub.parent_id]
            if cands:
                _relate(m, index_a[m.a.id], [index_b[u.id] for u in cands], cands, vec, "merged")
        elif m.b and not m.a:
            cands = [ua for ua, ub in pairs if m.b.parent_id is None or paired.get(ua.parent_id) == m.b.parent_id]
            if cands:
                _relate(m, index_b[m.b.id], [index_a[u.id] for u in cands], cands, vec, "split")


def _relate(m: Match, i: int, others: list[int], units: list[UnitInfo], vec: Vectorizer, relation: str) -> None:
    cos = vec.matrix([i], others)[0]
    scored = sorted(((vec.containment(i, others[k]), k) for k in np.argsort(-cos)[:MERGE_CANDIDATES]), reverse=True)
    if not scored:
        return
    best_c, best_k = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    if best_c >= MERGE_CONTAINMENT and best_c >= MERGE_MARGIN * second:
        m.related, m.relation, m.score = units[best_k].id, relation, round(best_c, 3)


