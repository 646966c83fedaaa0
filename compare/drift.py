"""Multi-year drift of a region's targets: what was promised each year, what the next report says
was achieved, how the promise moved; and the commitments that were dropped.

``drift(reports, indicator=None, year_from=None, year_to=None, main_only=False) -> DriftTable``
takes ``Report``s or ``compare.digest.Digest``s of one region (any order).

Series. A year target (``compare.targets.year_targets(report, "target", report.year)``) belongs to
the series ``KEY/MEASURE``: KEY its canonical ``indicator_key`` (else ``~`` + its wording, numbers
masked), MEASURE its unit family (``compare.targets.unit_family``: ``%`` for a growth rate, ``元``
for an amount in 亿元/万元, ``人``…), so ``gdp/%`` (GDP growth) and ``gdp/元`` (GDP level) are two
series. Where a report gives several targets of one series, the row shows the first headline one
(主要预期目标, ``main``), else the first in document order; a ``stretch`` record (增长7.5%左右，力争8%)
is not a row of its own but the row's ``stretch_value``.

Rows (``DriftRow``), one per series and report year with a target or a drop:

- ``year``: the year the target is for (= ``report_year``, the year of the report that sets it).
- ``value``, ``value_max``, ``unit`` (as written), ``bound``, ``modality`` (as extracted),
  ``note``: a numberless clause right after the target in its sentence that holds a modality word
  (``在实际工作中争取更好结果``), ``text``: the target's words.
- ``result_value``/``result_unit``/``result_text``: the result the report of ``year + 1`` gives
  for ``year``, linked by ``compare.targets.link_achievements`` (restricted to this table's one
  target per series, and to results that are one year's: figures worded 年均/累计/平均每年 are
  about several years and are left out); ``met`` by ``compare.targets.judge`` (True/False, None
  when unclear or no next report); ``gap`` = result − target value (lower end of a range), in the
  target's unit, when both are in the same unit.
- ``change`` from the series' target in the previous report of the list: ``raised``, ``lowered``,
  ``unchanged``, ``requalified`` (``compare.targets.classify``: values compared in base units,
  lower end first); a ``requalified`` whose modality moved on ``MODALITY_STRENGTH`` is
  ``softened`` (确保→力争) or ``tightened`` (力争→确保); ``dropped`` (the previous report set it,
  this one does not: a row with no value), ``reinstated`` (set again after a drop), ``new`` (first
  set, with an earlier report in the list), ``None`` in the first report of the list.
  Raised/lowered compare the numbers: for a lower-is-better indicator (CPI, unemployment) a raised
  number is a looser target.

Summaries (``SeriesSummary``) per series: rows judged, met, missed; ``longest_miss_streak`` (misses
in consecutive years; an unclear year or a missing report breaks the run), ``lowered_after_miss``
(misses followed the next year by a ``lowered`` target) out of ``misses_with_next`` (misses whose
next year's report is in the list), ``avg_gap`` (mean ``gap``).

Dropped commitments (``DroppedCommitment``): each heading of a section or run-in-headed paragraph
in the plan parts of one report (``Digest.commitments``) that has no match (``compare.trace``
``best_match`` ≥ ``TRACE_MIN``) in the next report's plan parts (its whole text when the parser
found no parts in it), listed under the year of the report that left it out (not computed when ``indicator`` picks
one series).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from rapidfuzz import fuzz

from compare.digest import Digest, as_digests
from compare.similarity import mask
from compare.targets import classify, link_achievements, unit_family, year_targets
from compare.trace import TRACE_MIN, Matcher
from store.errors import WzdiffError
from store.target_model import Target

#: Firmness of a target's modality, used only to tell softened from tightened: 确保 (ensure) is a
#: firm promise; a plain figure is the usual expected target; 力争/争取/努力 (strive) state an
#: aspiration (gold README's modality list). Other modalities (预计, 基本) are not on the scale.
MODALITY_STRENGTH = {"确保": 3, None: 2, "力争": 1, "争取": 1, "努力": 1}
#: A result worded so is about several years, not the year the target is for.
MULTI_YEAR = re.compile(r"年均|累计|平均每年|五年来")
_NOTE = re.compile(r"^[，,]([^，,；;。！？\d]*(?:力争|争取|努力|确保)[^，,；;。！？\d]*)")
#: Lowest wording similarity (0..100) of a target's and a result's indicator. Measured on the
#: samples: a result of the same indicator scores 70-100 (国内生产总值 / 国内生产总值总量 86,
#: 城镇常住居民人均可支配收入 / 城镇居民人均可支配收入 92); a share or ratio carrying the same key
#: scores 30-55 (国内生产总值 / 服务业增加值占国内生产总值比重 52).
RESULT_WORDING_MIN = 60
CHANGES = ("raised", "lowered", "unchanged", "requalified", "softened", "tightened", "dropped", "reinstated", "new")


@dataclass
class DriftRow:
    series: str
    indicator_key: Optional[str]
    indicator: str
    measure: str
    year: int
    report_year: int
    value: Optional[float] = None
    value_max: Optional[float] = None
    unit: Optional[str] = None
    bound: Optional[str] = None
    modality: Optional[str] = None
    note: Optional[str] = None
    stretch_value: Optional[float] = None
    main: bool = False
    text: Optional[str] = None
    result_value: Optional[float] = None
    result_unit: Optional[str] = None
    result_text: Optional[str] = None
    met: Optional[bool] = None
    gap: Optional[float] = None
    change: Optional[str] = None


@dataclass
class SeriesSummary:
    series: str
    indicator_key: Optional[str]
    indicator: str
    targets: int = 0
    judged: int = 0
    met: int = 0
    missed: int = 0
    longest_miss_streak: int = 0
    lowered_after_miss: int = 0
    misses_with_next: int = 0
    avg_gap: Optional[float] = None
    changes: dict = field(default_factory=dict)


@dataclass
class DroppedCommitment:
    year: int        # the report that no longer has it
    last_year: int   # the report that last had it
    id: str
    text: str
    best_score: Optional[float] = None  # best match found in ``year``'s report (below the threshold)


@dataclass
class DriftTable:
    region: Optional[str]
    report_years: list[int]
    rows: list[DriftRow] = field(default_factory=list)
    summaries: list[SeriesSummary] = field(default_factory=list)
    dropped: list[DroppedCommitment] = field(default_factory=list)
    threshold: float = TRACE_MIN

    def series(self, name: str) -> list[DriftRow]:
        """Rows of one series (``gdp/%``) or of one indicator key (its first series), by year."""
        names = [r.series for r in self.rows]
        if name not in names:
            name = next((s for s in names if s.split("/")[0] == name), name)
        return sorted((r for r in self.rows if r.series == name), key=lambda r: r.year)


def series_of(t: Target) -> tuple[str, Optional[str], str]:
    """(series name, indicator_key, measure) of a target."""
    measure = unit_family(t.unit) or "-"
    k = t.indicator_key or "~" + mask(t.indicator or t.text)
    return f"{k}/{measure}", t.indicator_key, measure


def _note(t: Target) -> Optional[str]:
    s = t.sentence or ""
    pos = s.find(t.text) if t.text else -1
    if pos < 0:
        return None
    m = _NOTE.match(s[pos + len(t.text):])
    return m.group(1) if m else None


def _representatives(d: Digest, main_only: bool) -> dict[str, Target]:
    """One target per series of the report's year targets (see the module docstring)."""
    ts = [t for t in year_targets(d, "target", d.year) if t.value is not None]
    reps: dict[str, Target] = {}
    for t in sorted((t for t in ts if t.role != "stretch"), key=lambda t: not t.main):  # stable: doc order
        reps.setdefault(series_of(t)[0], t)
    if main_only:
        mains = {s for s, t in reps.items() if t.main}
        reps = {s: t for s, t in reps.items() if s in mains}
    return reps


def _stretch(d: Digest, rep: Target) -> Optional[float]:
    for t in d.targets():
        if t.role == "stretch" and rep.id and (t.link == rep.id or rep.link == t.id):
            return t.value
    return None


def _change(prev: Target, cur: Target) -> str:
    c = classify(prev, cur)
    if c == "requalified":
        a, b = MODALITY_STRENGTH.get(prev.modality or None), MODALITY_STRENGTH.get(cur.modality or None)
        if a is not None and b is not None and a != b:
            return "softened" if b < a else "tightened"
    return c


def _row(d: Digest, t: Target) -> DriftRow:
    name, key, measure = series_of(t)
    return DriftRow(name, key, t.indicator or "", measure, d.year, d.year, t.value, t.value_max, t.unit,
                    t.bound, t.modality, _note(t), _stretch(d, t), t.main, t.text)


def _compatible(t: Target, r: Target) -> bool:
    """Could ``r`` be the result of ``t``? Same unit family; same key where both have one; and
    indicator wordings alike (rapidfuzz ``ratio`` ≥ ``RESULT_WORDING_MIN`` on the masked words),
    since a key is also given to shares and ratios of an indicator (服务业增加值占国内生产总值比重)."""
    if unit_family(t.unit) != unit_family(r.unit):
        return False
    if t.indicator_key and r.indicator_key and t.indicator_key != r.indicator_key:
        return False
    return fuzz.ratio(mask(t.indicator or ""), mask(r.indicator or "")) >= RESULT_WORDING_MIN


def _link(a: Digest, b: Digest, reps: dict[str, Target]) -> dict[int, object]:
    """{id(target): Achievement}: each of A's representatives linked, on its own, by
    ``link_achievements`` to B's one-year results for A's year that are ``_compatible`` with it."""
    results = [r for r in year_targets(b, "achievement", a.year) if not MULTI_YEAR.search(r.text or "")]
    out = {}
    for t in reps.values():
        cands = [r for r in results if _compatible(t, r)]
        for x in link_achievements(a, b, targets=[t], results=cands) if cands else []:
            out[id(x.target)] = x
    return out


def _wanted(name: str, key: Optional[str], indicator: str, want: Optional[str]) -> bool:
    if not want:
        return True
    return want in (name, key, name.split("/")[0]) or want in (indicator or "")


def drift(reports, indicator: Optional[str] = None, year_from: Optional[int] = None,
          year_to: Optional[int] = None, main_only: bool = False) -> DriftTable:
    """The drift table of one region's reports (see the module docstring). ``indicator`` keeps the
    series whose name (``gdp/%``), key (``gdp``) or wording (``国内生产总值``) it gives;
    ``year_from``/``year_to`` keep target years in that range (inclusive; reports outside it are
    still used for results and changes).

    Raises ``WzdiffError`` (one line) when there is no report, ``year_from`` > ``year_to``, the
    window holds no report year, or ``indicator`` matches no series (naming the keys there are)."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise WzdiffError(f"--from {year_from} is after --to {year_to}")
    ds = as_digests(reports)
    if not ds:
        raise WzdiffError("no reports (with a year) to compare")
    reps = {d.year: _representatives(d, main_only) for d in ds}
    links = {a.year: _link(a, b, reps[a.year]) for a, b in zip(ds, ds[1:])}
    rows: list[DriftRow] = []
    seen: set[str] = set()
    prev: dict[str, Target] = {}
    for i, d in enumerate(ds):
        cur = reps[d.year]
        for name, t in cur.items():
            row = _row(d, t)
            ach = links.get(d.year, {}).get(id(t))
            if ach is not None and ach.result is not None:
                row.result_value, row.result_unit, row.result_text = ach.result.value, ach.result.unit, ach.result.text
                row.met, row.gap = ach.met, ach.gap
            if name in prev:
                row.change = _change(prev[name], t)
            elif i > 0:
                row.change = "reinstated" if name in seen else "new"
            rows.append(row)
        for name, t in prev.items():
            if name not in cur:
                _, key, measure = series_of(t)
                rows.append(DriftRow(name, key, t.indicator or "", measure, d.year, d.year, change="dropped"))
        seen.update(cur)
        prev = cur
    every = rows
    rows = [r for r in rows if _wanted(r.series, r.indicator_key, r.indicator, indicator)]
    if indicator and not rows:
        keys = sorted({r.indicator_key for r in every if r.indicator_key})
        shown = ", ".join(keys[:12]) + (f", … ({len(keys) - 12} more)" if len(keys) > 12 else "")
        raise WzdiffError(f"no indicator {indicator!r} in these reports"
                          + (f"; keys: {shown}" if keys else "") + "; a series (gdp/%) or part of a wording works too")
    if (year_from is not None and year_from > ds[-1].year) or (year_to is not None and year_to < ds[0].year):
        raise WzdiffError(f"no report year in {year_from or '…'}-{year_to or '…'}: the reports cover "
                          f"{ds[0].year}-{ds[-1].year}")
    rows = [r for r in rows if (year_from is None or r.year >= year_from) and (year_to is None or r.year <= year_to)]
    rows.sort(key=lambda r: (r.series, r.year))
    years = [d.year for d in ds if (year_from is None or d.year >= year_from) and (year_to is None or d.year <= year_to)]
    table = DriftTable(next((d.region for d in ds if d.region), None), years, rows, summarize(rows))
    if not indicator:  # one series asked for: the commitments are not about it
        table.dropped = [c for c in dropped_commitments(ds) if c.year in years]
    return table


def summarize(rows: list[DriftRow]) -> list[SeriesSummary]:
    """Per-series counts, streaks and average gap of drift rows (see the module docstring)."""
    by: dict[str, list[DriftRow]] = defaultdict(list)
    for r in rows:
        by[r.series].append(r)
    out = []
    for name, rs in sorted(by.items()):
        rs.sort(key=lambda r: r.year)
        at = {r.year: r for r in rs}
        tg = [r for r in rs if r.change != "dropped"]
        s = SeriesSummary(name, rs[0].indicator_key, next((r.indicator for r in tg), rs[0].indicator), len(tg))
        run, last = 0, None
        for r in tg:
            if r.met is not None:
                s.judged += 1
                s.met += r.met
                s.missed += not r.met
            run = run + 1 if r.met is False and (run == 0 or last == r.year - 1) else (1 if r.met is False else 0)
            last = r.year
            s.longest_miss_streak = max(s.longest_miss_streak, run)
            nxt = at.get(r.year + 1)
            if r.met is False and nxt is not None:
                s.misses_with_next += 1
                s.lowered_after_miss += nxt.change == "lowered"
        gaps = [r.gap for r in tg if r.gap is not None]
        s.avg_gap = round(sum(gaps) / len(gaps), 3) if gaps else None
        s.changes = {c: n for c in CHANGES if (n := sum(r.change == c for r in rs))}
        out.append(s)
    return out


def dropped_commitments(reports) -> list[DroppedCommitment]:
    """Plan-part headings of each report with no match in the next report (module docstring)."""
    ds = as_digests(reports)
    out = []
    for a, b in zip(ds, ds[1:]):
        pool = [s for s in b.sentences if s[2] in ("plan", "five_year", "self")] or b.sentences
        m = Matcher(pool)
        for cid, text in a.commitments:
            near = m.best(text, 0.0)
            if near is None or near[0] < TRACE_MIN:
                out.append(DroppedCommitment(b.year, a.year, cid, text, near[0] if near else None))
    return out
