"""Views of a ``compare.drift.DriftTable`` and a ``compare.trace.Lineage``: terminal (rich), CSV and
JSON (one record per series and year, loadable by ``pandas.read_csv`` / ``pandas.read_json``), and a
self-contained HTML page with one inline-SVG chart per series.

Columns (CSV header, JSON record keys), in ``COLUMNS`` order: see ``compare.drift.DriftRow``;
the booleans ``met`` and ``main`` are ``true``/``false``/empty (CSV, as the README promises) or
true/false/null (JSON).

Charts (``chart_view``): x = target year; a grey band per year for the target (``range``: value to
value_max; ``about``: ± ``ABOUT_RATE_TOL`` points for rates, ± ``ABOUT_AMOUNT_TOL`` of the value for
amounts; other bounds: a bar at the value with ▲ for at_least, ▼ for at_most); the results as a
line with a filled circle where met, a cross (×) where missed and a hollow circle where unclear, so
the chart reads without colour. Geometry is computed here; the markup is in
``templates/drift.html.j2`` (jinja2, autoescape on); the stylesheet ``templates/drift.css`` is
inlined and allowed by hash in a Content-Security-Policy; no script.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

from compare.drift import DriftRow, DriftTable
from compare.targets import ABOUT_AMOUNT_TOL, ABOUT_RATE_TOL, RATE_UNITS
from compare.trace import Lineage
from renderers.data import csv_cell

TEMPLATES = Path(__file__).parent / "templates"
COLUMNS = ("indicator_key", "indicator", "series", "measure", "year", "report_year", "value", "value_max",
           "unit", "bound", "modality", "note", "stretch_value", "main", "text", "result_value",
           "result_unit", "result_text", "met", "gap", "change")
BOUND_MARK = {"about": "左右", "at_least": "以上", "at_most": "以内", "range": "", "exact": ""}
MET_MARK = {True: "✔ met", False: "✘ missed", None: "? unclear"}


def _num(v) -> Optional[float | int]:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def records(table: DriftTable) -> list[dict]:
    """One dict per row, keys in ``COLUMNS`` order, whole numbers as int."""
    out = []
    for r in table.rows:
        d = asdict(r)
        out.append({k: _num(d[k]) for k in COLUMNS})
    return out


def to_csv(table: DriftTable) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for rec in records(table):
        w.writerow({k: csv_cell(v) for k, v in rec.items()})
    return buf.getvalue()


def to_json(table: DriftTable) -> str:
    """The rows as a JSON array of records (``pandas.read_json(path)`` reads it as is)."""
    return json.dumps(records(table), ensure_ascii=False, indent=1) + "\n"


def target_label(r: DriftRow) -> str:
    """``6.5-7%``, ``7%左右``, ``确保 8%以上``; ``—`` for a dropped row."""
    if r.value is None:
        return "—"
    v = f"{_num(r.value)}"
    if r.value_max is not None:
        v += f"-{_num(r.value_max)}"
    s = f"{v}{r.unit or ''}{BOUND_MARK.get(r.bound or '', '')}"
    if r.modality:
        s = f"{r.modality} {s}"
    if r.stretch_value is not None:
        s += f" (力争 {_num(r.stretch_value)})"
    return s


def result_label(r: DriftRow) -> str:
    return "—" if r.result_value is None else f"{_num(r.result_value)}{r.result_unit or ''}"


# ---- terminal ----------------------------------------------------------------------------------
def print_drift(table: DriftTable, console) -> None:
    """Rows by series, then per-series summaries, then dropped commitments by year."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"drift: {table.region or '?'} {', '.join(map(str, table.report_years))}", style="bold"))
    t = Table("series", "indicator", "year", "target", "result", "met", "change", "note")
    for r in table.rows:
        t.add_row(Text(r.series), Text(r.indicator), str(r.year), Text(target_label(r)), Text(result_label(r)),
                  MET_MARK[r.met] if r.result_value is not None or r.met is not None else "",
                  r.change or "", Text(r.note or ""))
    console.print(t)
    s = Table("series", "targets", "met", "missed", "longest miss run", "lowered after miss", "avg gap",
              title="summaries")
    for x in table.summaries:
        if x.judged or x.targets > 1:
            s.add_row(Text(x.series), str(x.targets), str(x.met), str(x.missed), str(x.longest_miss_streak),
                      f"{x.lowered_after_miss}/{x.misses_with_next}", "" if x.avg_gap is None else f"{x.avg_gap:+g}")
    console.print(s)
    d = Table("year", "last in", "dropped commitment", "best match", title=f"dropped commitments (match < {table.threshold:g})")
    for c in table.dropped:
        d.add_row(str(c.year), str(c.last_year), Text(c.text), "" if c.best_score is None else f"{c.best_score:g}")
    console.print(d)


def print_lineage(lin: Lineage, console) -> None:
    """Each year's status and wording, with the inline diff against the last year it appeared."""
    from rich.text import Text

    console.print(Text(f"trace: {lin.phrase}", style="bold"))
    if lin.first_year is None:
        console.print(Text(f"never found in {_years(lin)} (no sentence matches ≥ {lin.threshold:g})"))
    else:
        console.print(Text(f"first {lin.first_year}; dropped {_list(lin.dropped_years)}; "
                           f"reinstated {_list(lin.reinstated_years)} (match ≥ {lin.threshold:g})"))
    for y in lin.years:
        head = Text(f"{y.year} {y.status}" + (f" ({y.score:g}, {y.sentence_id})" if y.text else ""), style="bold")
        console.print(head)
        if y.text is None:
            continue
        if not y.edits:
            console.print(Text("  " + y.text))
            continue
        line = Text("  ")
        for e in y.edits:
            if e.op == "equal":
                line.append(e.text)
            elif e.op == "insert":
                line.append("[+" + e.text + "]", style="green")
            else:
                line.append("[-" + e.text + "]", style="red strike")
        console.print(line)


def _list(years: list) -> str:
    return ", ".join(map(str, years)) or "-"


def _years(lin: Lineage) -> str:
    ys = [y.year for y in lin.years]
    return f"{ys[0]}-{ys[-1]}" if len(ys) > 1 else ", ".join(map(str, ys)) or "no report"


def lineage_dict(lin: Lineage) -> dict:
    return {"phrase": lin.phrase, "region": lin.region, "threshold": lin.threshold,
            "first_year": lin.first_year, "dropped_years": lin.dropped_years,
            "reinstated_years": lin.reinstated_years,
            "years": [{"year": y.year, "status": y.status, "text": y.text, "sentence_id": y.sentence_id,
                       "score": y.score, "edits": [{"op": e.op, "text": e.text} for e in y.edits if e.op != "equal"]}
                      for y in lin.years]}


# ---- HTML --------------------------------------------------------------------------------------
W, H, LEFT, RIGHT, TOP, BOTTOM = 640, 220, 56, 16, 16, 34


@dataclass
class ChartView:
    series: str
    indicator: str
    unit: str
    rows: list
    summary: object
    bands: list = field(default_factory=list)    # dicts x y w h label
    bars: list = field(default_factory=list)     # dicts x1 x2 y mark label
    points: list = field(default_factory=list)   # dicts x y met label
    line: str = ""
    xticks: list = field(default_factory=list)   # dicts x label
    yticks: list = field(default_factory=list)   # dicts y label


def _tol(r: DriftRow) -> float:
    return ABOUT_RATE_TOL if (r.unit or "").strip() in RATE_UNITS or r.measure == "%" else ABOUT_AMOUNT_TOL * abs(r.value)


def chart_view(rows: list[DriftRow], summary, years: list[int]) -> ChartView:
    """Coordinates of one series' chart (see the module docstring)."""
    tg = [r for r in rows if r.value is not None]
    lo_hi = []
    for r in tg:
        top = r.value_max if r.value_max is not None else r.value + (_tol(r) if r.bound == "about" else 0)
        bot = r.value - (_tol(r) if r.bound == "about" else 0)
        lo_hi += [bot, top]
    lo_hi += [r.result_value for r in tg if r.result_value is not None and r.result_unit and
              r.result_unit.strip() == (r.unit or "").strip()]
    lo, hi = min(lo_hi), max(lo_hi)
    pad = (hi - lo) * 0.15 or abs(hi) * 0.1 or 1.0
    lo, hi = lo - pad, hi + pad
    ys = sorted(set(years) | {r.year for r in rows})
    step = (W - LEFT - RIGHT) / max(1, len(ys))

    def X(year):
        return round(LEFT + step * (ys.index(year) + 0.5), 1)

    def Y(v):
        return round(TOP + (H - TOP - BOTTOM) * (hi - v) / (hi - lo), 1)

    first = tg[0]
    cv = ChartView(rows[0].series, first.indicator, first.unit or "", rows, summary)
    half = step * 0.3
    for r in tg:
        label = f"{r.year}: target {target_label(r)}"
        if r.bound in ("range", "about"):
            top = r.value_max if r.bound == "range" and r.value_max is not None else r.value + _tol(r)
            bot = r.value if r.bound == "range" else r.value - _tol(r)
            cv.bands.append({"x": round(X(r.year) - half, 1), "y": Y(top), "w": round(2 * half, 1),
                             "h": max(2.0, round(Y(bot) - Y(top), 1)), "label": label})
        else:
            mark = {"at_least": "▲", "at_most": "▼"}.get(r.bound or "", "")
            cv.bars.append({"x1": round(X(r.year) - half, 1), "x2": round(X(r.year) + half, 1), "y": Y(r.value),
                            "mark": mark, "label": label})
    pts = []
    for r in tg:
        if r.result_value is None or (r.result_unit or "").strip() != (r.unit or "").strip():
            continue
        p = {"x": X(r.year), "y": Y(r.result_value), "met": r.met,
             "label": f"{r.year}: result {result_label(r)} ({MET_MARK[r.met]})"}
        cv.points.append(p)
        pts.append(f"{p['x']},{p['y']}")
    cv.line = " ".join(pts)
    cv.xticks = [{"x": X(y), "label": str(y)} for y in ys]
    cv.yticks = [{"y": Y(lo + (hi - lo) * k / 4), "label": f"{lo + (hi - lo) * k / 4:.3g}"} for k in range(5)]
    return cv


def _env():
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(target_label=target_label, result_label=result_label, met_mark=MET_MARK,
                       W=W, H=H, LEFT=LEFT, RIGHT=RIGHT, TOP=TOP, BOTTOM=BOTTOM)
    return env


def render_html(table: DriftTable) -> str:
    """The page: charts of the series with a result or at least two targets; the other series in a
    table; dropped commitments by year."""
    by: dict[str, list] = {}
    for r in table.rows:
        by.setdefault(r.series, []).append(r)
    summ = {s.series: s for s in table.summaries}
    charts, others = [], []
    for name, rows in by.items():
        tg = [r for r in rows if r.value is not None]
        if tg and (len(tg) > 1 or any(r.result_value is not None for r in tg)):
            charts.append(chart_view(rows, summ.get(name), table.report_years))
        else:
            others.extend(rows)
    from markupsafe import Markup

    css = Markup((TEMPLATES / "drift.css").read_text(encoding="utf-8"))  # our static file, verbatim
    css_hash = "'sha256-" + base64.b64encode(hashlib.sha256(str(css).encode()).digest()).decode() + "'"
    csp = f"default-src 'none'; style-src {css_hash}; img-src data:; base-uri 'none'; form-action 'none'"
    return _env().get_template("drift.html.j2").render(t=table, charts=charts, others=others, css=css, csp=csp)
