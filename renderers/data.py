"""Plain-data renderers: the JSON contract, the CSV target table and Markdown.

Every function takes the model (``compare.model.Comparison`` or a list of ``store.target_model.Target``)
and returns plain data or a string; nothing here aligns, parses or writes files (see ``output.py``).
"""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Iterable, Iterator, Optional

from compare.model import Comparison, Edit, SectionPair, Unit
from store.target_model import Target

_WS = re.compile(r"\s+")

CHANGE_LABELS = {  # section and target changes, in Chinese for the page and Markdown
    "unchanged": "未变", "modified": "修改", "moved": "移动", "added": "新增", "removed": "删除",
    "split": "拆分", "merged": "合并", "raised": "调高", "lowered": "调低", "requalified": "改变限定",
}
ARROWS = {"raised": "↑", "lowered": "↓", "unchanged": "=", "requalified": "≈", "added": "+", "removed": "−"}
BOUND_LABELS = {"about": "左右", "at_least": "以上", "at_most": "以内", "range": "区间", "exact": ""}

CSV_SIDE_FIELDS = ("value", "unit", "bound", "modality")
CSV_COLUMNS = (["indicator"] + [f"a_{f}" for f in CSV_SIDE_FIELDS] + [f"b_{f}" for f in CSV_SIDE_FIELDS]
               + ["change", "a_text", "b_text", "indicator_key", "a_value_max", "b_value_max",
                  "a_path", "b_path", "a_sentence", "b_sentence"])


def squeeze(text: Optional[str]) -> str:
    """``text`` with all whitespace removed (``None`` → ``""``)."""
    return _WS.sub("", text or "")


def change_edits(edits: Iterable[Edit]) -> list[dict]:
    """Edits → ``[{"op": "insert"|"delete", "text": str}]``: equal runs dropped, whitespace removed,
    runs that become empty dropped."""
    out = []
    for e in edits:
        text = squeeze(e.text)
        if e.op in ("insert", "delete") and text:
            out.append({"op": e.op, "text": text})
    return out


def unit_dict(u: Optional[Unit]) -> Optional[dict]:
    """One side of a section pair → ``{"heading", "path", "id", "lines", "parent"}`` or ``None``."""
    if u is None:
        return None
    return {"heading": u.heading, "path": u.path, "id": u.id, "lines": u.lines, "parent": u.parent}


def iter_pairs(sections: Iterable[SectionPair]) -> Iterator[SectionPair]:
    """Every pair in document order: each part/section followed by its paragraph pairs (children)."""
    for p in sections:
        yield p
        yield from iter_pairs(p.children)


def section_dict(p: SectionPair) -> dict:
    """A section pair in the JSON contract's shape (children are listed separately, see ``iter_pairs``)."""
    return {
        "level": p.level, "a": unit_dict(p.a), "b": unit_dict(p.b), "change": p.change,
        "score": round(p.score, 4), "low_confidence": p.low_confidence,
        "moved_from": p.moved_from, "moved_to": p.moved_to, "related": list(p.related),
        "edits": change_edits(p.edits),
    }


def _target(t: Optional[Target]) -> Optional[dict]:
    return t.to_dict() if t is not None else None


def comparison_to_dict(c: Comparison) -> dict:
    """The ``wzdiff compare --format json`` object: ``a``, ``b`` (metadata), ``sections`` (levels 1-3,
    document order), ``targets``, ``achievements``, ``summary`` and ``options``."""
    return {
        "a": c.a, "b": c.b,
        "sections": [section_dict(p) for p in iter_pairs(c.sections)],
        "targets": [{"indicator": t.indicator, "indicator_key": t.indicator_key,
                     "a": _target(t.a), "b": _target(t.b), "change": t.change} for t in c.targets],
        "achievements": [{"indicator": x.indicator, "indicator_key": x.indicator_key,
                          "target": _target(x.target), "result": _target(x.result),
                          "met": x.met, "gap": x.gap} for x in c.achievements],
        "summary": c.summary(),
        "options": c.options,
    }


def to_json(data) -> str:
    """Pretty UTF-8 JSON (CJK kept as is; dates and paths written as strings), ending in a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def targets_to_list(targets: Iterable[Target]) -> list[dict]:
    """The ``wzdiff targets --format json`` list: one ``Target.to_dict()`` per record."""
    return [t.to_dict() for t in targets]


def csv_cell(v) -> str:
    """A CSV cell: ``None`` → empty, booleans → ``true``/``false`` (as in the JSON), else ``str``."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def _csv(columns: list[str], rows: Iterable[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: csv_cell(v) for k, v in r.items()})
    return buf.getvalue()


def target_rows(c: Comparison) -> list[dict]:
    """One flat dict per ``TargetPair`` with the keys of ``CSV_COLUMNS``."""
    rows = []
    for tp in c.targets:
        row = {"indicator": tp.indicator, "indicator_key": tp.indicator_key, "change": tp.change}
        for side, t in (("a", tp.a), ("b", tp.b)):
            for f in CSV_SIDE_FIELDS + ("value_max", "text", "path", "sentence"):
                row[f"{side}_{f}"] = getattr(t, f) if t is not None else None
        rows.append(row)
    return rows


def comparison_csv(c: Comparison) -> str:
    """The target change table as CSV (header ``CSV_COLUMNS``; empty cell for a missing side)."""
    return _csv(list(CSV_COLUMNS), target_rows(c))


def targets_csv(targets: Iterable[Target]) -> str:
    """A report's target records as CSV, one column per ``Target.to_dict()`` field."""
    rows = targets_to_list(targets)
    columns = list(rows[0]) if rows else list(Target("", None).to_dict())
    return _csv(columns, rows)


def format_value(t: Optional[Target]) -> str:
    """``7%左右``, ``力争 8%``, ``6~7%``: a target's value with modality, unit and bound (``—`` if none)."""
    if t is None or t.value is None:
        return "—" if t is None else t.text
    value = f"{t.value:g}" + (f"~{t.value_max:g}" if t.value_max is not None else "")
    bound = "" if t.bound == "range" else BOUND_LABELS.get(t.bound, t.bound)
    return f"{t.modality + ' ' if t.modality else ''}{value}{t.unit or ''}{bound}"


def _md(text) -> str:
    """A Markdown table cell: pipes, angle brackets and line breaks made harmless."""
    s = " ".join(str(text if text is not None else "").split())
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def report_name(meta: dict) -> str:
    """A report's display name from its metadata: ``温州市2022年政府工作报告`` (government or region,
    year and title, each left out when missing or already in the title)."""
    title = str(meta.get("title") or "政府工作报告")
    gov = str(meta.get("government") or meta.get("region") or "")
    year = f"{meta['year']}年" if meta.get("year") else ""
    return (gov if gov not in title else "") + (year if str(meta.get("year")) not in title else "") + title


def comparison_markdown(c: Comparison) -> str:
    """Markdown for an issue or a wiki: summary, target table, list of changed sections."""
    s = c.summary()
    lines = [f"# {_md(report_name(c.a))} → {_md(report_name(c.b))}", ""]
    for name, counts in (("Sections", s["sections"]), ("Targets", s["targets"]),
                         ("Achievements", s["achievements"])):
        lines.append(f"- **{name}**: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    lines += ["", "## Targets", "", "| Indicator | A | B | Change |", "|---|---|---|---|"]
    for tp in c.targets:
        lines.append(f"| {_md(tp.indicator)} | {_md(format_value(tp.a))} | {_md(format_value(tp.b))} "
                     f"| {ARROWS.get(tp.change, '')} {tp.change} |")
    lines += ["", "## Changed sections", ""]
    for p in iter_pairs(c.sections):
        if p.change == "unchanged" or p.level > 2:
            continue
        a, b = (p.a.heading if p.a else "—"), (p.b.heading if p.b else "—")
        name = _md(a) if a == b else f"{_md(a)} → {_md(b)}"
        lines.append(f"{'  ' * (p.level - 1)}- **{p.change}** {name} (score {p.score:.2f})")
    return "\n".join(lines) + "\n"
