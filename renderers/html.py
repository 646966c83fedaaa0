"""The comparison as one self-contained HTML page (jinja2, autoescape on; no external URL).

``render_html(comparison) -> str`` is the entry point. This module only arranges the model for the
templates in ``templates/`` (ids, anchors, which end of a moved unit goes where, the list of changes
to step through); all text reaches the page through autoescaped template expressions. The page's
CSS and JS are static files inlined verbatim; a Content-Security-Policy allows only those two (by
hash), so even text that escaped escaping could not run.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from compare.model import CHANGE_KINDS, TARGET_CHANGES, Comparison, SectionPair, SentencePair
from store.target_model import Target

from .data import ARROWS, CHANGE_LABELS, format_value, report_name, squeeze

TEMPLATES = Path(__file__).parent / "templates"
LOW_SCORE = 0.5  # a sentence pair with both sides and a lower score is marked as uncertain
STOP_UNIT_CHANGES = ("added", "removed", "moved", "split", "merged")
META_KEYS = (("date", "日期"), ("session", "会议"), ("speaker", "报告人"), ("office", "职务"),
             ("version", "版本"), ("revision", "版本"), ("url", "来源"), ("source", "来源"), ("path", "文件"))


@dataclass
class SentView:
    """A sentence pair on the page: ``a``/``b``/``m`` are runs ``(op, text)`` of the A side, the B side
    and the inline view (``m`` empty when the pair has no insertion or deletion)."""
    id: str
    pair: SentencePair
    kind: str
    a: list
    b: list
    m: list
    stop: bool
    low: bool


@dataclass
class RowView:
    """A part, section or paragraph pair on the page (``stub``: the far end of a moved unit, pointing
    at ``other``, the id of the row that shows it in full)."""
    id: str
    pair: SectionPair
    sentences: list = field(default_factory=list)
    children: list = field(default_factory=list)
    stub: bool = False
    other: Optional[str] = None
    stop: bool = False

    @property
    def changed(self) -> bool:
        """True when the row or anything inside it differs."""
        return (self.pair.change != "unchanged" or any(s.kind != "same" for s in self.sentences)
                or any(c.changed for c in self.children))


def _path_key(path: Optional[str]) -> tuple:
    return tuple(int(n) for n in re.findall(r"\d+", path or ""))


def _side_keys(s: SentencePair) -> list[tuple]:
    """Keys of a sentence pair's present sides: its sentence ids (its texts where ids are missing)."""
    return [(side, sid or text) for side, sid, text in (("a", s.a_id, s.a), ("b", s.b_id, s.b))
            if text is not None]


def display_order(pairs: list[SectionPair]) -> list[SectionPair]:
    """Pairs in reading order: by B position; a pair without B right after the pair that precedes it
    in A (A order among those)."""
    anchor, last_b = {}, ()
    for p in sorted((p for p in pairs if p.a is not None), key=lambda p: _path_key(p.a.path)):
        if p.b is not None:
            last_b = _path_key(p.b.path)
        else:
            anchor[id(p)] = last_b
    return sorted(pairs, key=lambda p: (_path_key(p.b.path), 0, ()) if p.b is not None
                  else (anchor[id(p)], 1, _path_key(p.a.path)))


def _runs(s: SentencePair) -> tuple[str, list, list, list]:
    """Kind (``same``/``mod``/``add``/``del``) and the A, B and inline runs of a sentence pair."""
    if s.a is None:
        return "add", [], [("insert", s.b or "")], []
    if s.b is None:
        return "del", [("delete", s.a)], [], []
    edits = [(e.op, e.text) for e in s.edits if e.text]
    if not any(op != "equal" for op, _ in edits):
        return "same", [("equal", s.a)], [("equal", s.b)], []
    return ("mod", [e for e in edits if e[0] != "insert"], [e for e in edits if e[0] != "delete"], edits)


class _Builder:
    """Turns ``Comparison.sections`` into ``RowView`` trees with page-wide unique ids."""

    def __init__(self, sections: list[SectionPair]):
        self.n_rows = self.n_sents = 0
        self.owner = self._owners(sections)  # sentence key -> the deepest pair listing it
        self.rows = [self.row(p, inside_whole=False) for p in display_order(sections)]
        self._place_stubs(self.rows)

    @staticmethod
    def _owners(sections) -> dict:
        """Each sentence side (``("a", id)``/``("b", id)``) → the deepest pair listing it."""
        owner: dict = {}

        def walk(p):
            for s in p.sentences:
                for k in _side_keys(s):
                    if k not in owner or owner[k].level < p.level:
                        owner[k] = p
            for c in p.children:
                walk(c)
        for p in sections:
            walk(p)
        return owner

    def row(self, p: SectionPair, inside_whole: bool) -> RowView:
        self.n_rows += 1
        whole = p.change in ("added", "removed")  # one stop for the unit, none for its sentences
        r = RowView(id=f"u{self.n_rows}", pair=p,
                    stop=p.change in STOP_UNIT_CHANGES and not inside_whole)
        sentences = p.sentences
        if not sentences and not p.children and ((p.a and p.a.text) or (p.b and p.b.text)):
            sentences = [SentencePair(a=p.a.text if p.a else None, b=p.b.text if p.b else None,
                                      change=p.change, score=p.score, edits=p.edits)]
        for s in sentences:
            if all(self.owner.get(k, p) is not p for k in _side_keys(s)):
                continue  # shown in a deeper unit
            self.n_sents += 1
            kind, a, b, m = _runs(s)
            r.sentences.append(SentView(
                id=f"p{self.n_sents}", pair=s, kind=kind, a=a, b=b, m=m,
                stop=kind != "same" and not (whole or inside_whole),
                low=s.a is not None and s.b is not None and s.score < LOW_SCORE))
        r.children = [self.row(c, inside_whole or whole) for c in display_order(p.children)]
        return r

    def _place_stubs(self, rows: list[RowView]) -> None:
        """Give every moved row a stub at its A position: in the sibling list of the row whose A path is
        its A parent's (the root list for parts and sections), after the unmoved sibling with the
        greatest A path below its own."""
        lists = [rows] + [r.children for r in _iter_rows(rows)]
        by_a_path = {r.pair.a.path: r for r in _iter_rows(rows) if r.pair.a is not None and not r.stub}
        moved = [(r, lst) for lst in lists for r in lst if r.pair.change == "moved" and r.pair.a is not None]
        for r, home in moved:
            key = _path_key(r.pair.a.path)
            parent = by_a_path.get(r.pair.a.path.rpartition(".")[0]) if home is not rows else None
            host = parent.children if parent is not None else home
            before = [i for i, x in enumerate(host) if not x.stub and x.pair.change != "moved"
                      and x.pair.a is not None and _path_key(x.pair.a.path) < key]
            at = max(before, key=lambda i: _path_key(host[i].pair.a.path)) + 1 if before else 0
            while at < len(host) and host[at].stub:
                at += 1
            stub = RowView(id=f"{r.id}-from", pair=r.pair, stub=True, other=r.id)
            r.other = stub.id
            host.insert(at, stub)


def _iter_rows(rows):
    for r in rows:
        yield r
        yield from _iter_rows(r.children)


def _sentence_links(rows) -> tuple[dict, dict]:
    """Maps squeezed sentence text and sentence ids to page ids, for A and for B."""
    maps: tuple[dict, dict] = ({}, {})
    for r in _iter_rows(rows):
        for s in r.sentences:
            for m, text, sid in ((maps[0], s.pair.a, s.pair.a_id), (maps[1], s.pair.b, s.pair.b_id)):
                if text:
                    m.setdefault(squeeze(text), s.id)
                if sid:
                    m.setdefault(("id", sid), s.id)
    return maps


def _link(t: Optional[Target], m: dict) -> Optional[str]:
    if t is None:
        return None
    found = m.get(squeeze(t.sentence))
    if found is None and t.id:  # a target id extends its sentence's id (s12 → s12.t1)
        ids = [k[1] for k in m if isinstance(k, tuple) and t.id.startswith(k[1])]
        found = m[("id", max(ids, key=len))] if ids else None
    return found


def _meta(meta: dict) -> dict:
    seen, facts = set(), []
    for key, label in META_KEYS:
        if meta.get(key) not in (None, "") and label not in seen:
            seen.add(label)
            facts.append((label, str(meta[key])))
    return {"name": report_name(meta), "facts": facts}


@lru_cache(maxsize=None)
def _static(name: str) -> tuple[Markup, str]:
    """A static file's text (trusted, shipped with the package) and its CSP hash source."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return Markup(text), f"'sha256-{digest}'"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(labels=CHANGE_LABELS, arrows=ARROWS, value=format_value,
                       change_kinds=CHANGE_KINDS, target_changes=TARGET_CHANGES)
    return env


def build_view(c: Comparison) -> dict:
    """Everything the template needs: metadata, summary, rows, target/achievement rows, stop count."""
    b = _Builder(c.sections)
    amap, bmap = _sentence_links(b.rows)
    targets = [{"pair": t, "a_link": _link(t.a, amap), "b_link": _link(t.b, bmap),
                "order": TARGET_CHANGES.index(t.change) if t.change in TARGET_CHANGES else 99}
               for t in c.targets]
    achievements = [{"x": x, "t_link": _link(x.target, amap), "r_link": _link(x.result, bmap)}
                    for x in c.achievements]
    stops = sum(1 for r in _iter_rows(b.rows) if not r.stub
                for s in [r, *r.sentences] if s.stop)
    return {"a": _meta(c.a), "b": _meta(c.b), "summary": c.summary(), "rows": b.rows,
            "targets": targets, "achievements": achievements, "stops": stops,
            "show_punct": bool(c.options.get("show_punct"))}


def render_html(c: Comparison) -> str:
    """The whole page for comparison ``c`` as a string (UTF-8 HTML5, self-contained)."""
    css, css_hash = _static("page.css")
    js, js_hash = _static("page.js")
    csp = (f"default-src 'none'; style-src {css_hash}; script-src {js_hash}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return _env().get_template("page.html.j2").render(v=build_view(c), css=css, js=js, csp=csp)
