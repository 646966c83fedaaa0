"""The quantified-statement record shared by the extractor, the XML and the matcher.

A ``Target`` is one number in one sentence with its meaning. Field names follow the JSON contract of
``wzdiff targets --format json`` (see ``../shared/gold/README.md``):

- ``text``: the words that state it (the span), whitespace removed; ``start``/``end`` are offsets of that
  span in the sentence text (whitespace-free sentence), so the sentence text itself is never altered.
- ``indicator`` (as worded) and ``indicator_key`` (canonical key, e.g. ``gdp``; ``None`` if unknown).
- ``verb``: 增长, 达到, 控制在, … or ``None``.
- ``value``/``value_max``: numbers in the unit as written (``7`` for 7%, ``1.3`` for 1.3万公里).
- ``unit``: as written with multiplier (``%``, ``亿元``, ``万人``, ``个百分点``, ``""`` for a bare count).
- ``base_value``/``base_unit``: the value in the base unit (亿元 → 元 ×1e8, 万人 → 人 ×1e4; ‰ stays ‰).
- ``bound``: ``about`` | ``at_least`` | ``at_most`` | ``range`` | ``exact``.
- A headline target stated in words only (一般公共预算收入与经济增长基本同步) has ``value``, ``unit``
  and ``bound`` None and its predicate as ``verb`` (``store.targets.word_items``).
- ``modality``: 力争, 确保, 争取, 努力, 预计, 基本, … or ``None``.
- ``kind``: ``target`` | ``achievement`` | ``other``; ``period``: ``"2022"``, ``"2022-2026"`` or ``None``.
- ``main``: a headline expected target (主要预期目标) or not.
- ``role``: ``base`` or ``stretch`` for dual targets (增长7.5%左右，力争8%), else ``None``; ``link`` is the
  id of the other record of such a pair.
- ``sentence``, ``path`` and ``id`` are filled in by the parser (sentence text, ``"3.1.4"``, XML id).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Optional

BOUNDS = ("about", "at_least", "at_most", "range", "exact")
KINDS = ("target", "achievement", "other")


@dataclass
class Target:
    text: str
    value: Optional[float]
    unit: Optional[str] = ""
    indicator: str = ""
    indicator_key: Optional[str] = None
    verb: Optional[str] = None
    value_max: Optional[float] = None
    base_value: Optional[float] = None
    base_unit: Optional[str] = None
    bound: Optional[str] = "exact"
    modality: Optional[str] = None
    kind: str = "other"
    period: Optional[str] = None
    main: bool = False
    role: Optional[str] = None
    link: Optional[str] = None
    start: int = 0
    end: int = 0
    sentence: str = ""
    path: str = ""
    id: str = ""
    estimate: bool = False

    def to_dict(self) -> dict:
        """Plain dict in the JSON contract's field names (numbers as int when whole)."""
        d = asdict(self)
        for k in ("value", "value_max"):
            v = d[k]
            if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
                d[k] = int(v)
        return d

    # XML attributes: strings only; None is left out.
    def to_attrib(self) -> dict[str, str]:
        """Attributes of the ``<target>`` element (see store/report.rng); ``sentence``/``path`` left out."""
        out = {}
        for f in fields(self):
            if f.name in ("sentence", "path"):
                continue
            v = getattr(self, f.name)
            if v is None or v == "" and f.name not in ("unit",):
                continue
            if isinstance(v, bool):
                v = "true" if v else "false"
            elif isinstance(v, float):
                v = repr(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
            out[f.name] = str(v)
        return out

    @classmethod
    def from_attrib(cls, attrib, sentence: str = "", path: str = "") -> "Target":
        """Inverse of ``to_attrib``: rebuild a record from a ``<target>`` element's attributes."""
        kw: dict = {"sentence": sentence, "path": path}
        types = {f.name: f.type for f in fields(cls)}
        for k, v in attrib.items():
            if k not in types:
                continue
            if k in ("value", "value_max", "base_value"):
                kw[k] = float(v)
            elif k in ("start", "end"):
                kw[k] = int(v)
            elif k in ("main", "estimate"):
                kw[k] = v == "true"
            else:
                kw[k] = v
        kw.setdefault("text", "")
        kw.setdefault("value", None)
        if kw["value"] is None:  # a target stated in words only: no unit, no bound
            kw.setdefault("unit", None)
            kw.setdefault("bound", None)
        kw.setdefault("unit", "")
        return cls(**kw)


@dataclass
class SentenceContext:
    """What the extractor may know about a sentence besides its text.

    - ``role``: role of the part the sentence stands in: ``review`` (回顾: the past),
      ``plan`` (this year's targets and work), ``five_year`` (a multi-year plan), ``self`` (政府自身建设),
      or ``None`` (preamble, unknown).
    - ``report_year``: the year the report was delivered (2022 for the report of April 2022).
    - ``period``: the period the part is about: ``"2021"`` for a 2022 report's review of last year,
      ``"2017-2021"`` for a five-year review, ``"2022"`` for the plan, ``"2022-2026"`` for five-year goals.
    - ``previous``: the text of the same paragraph before this sentence ("" if first), for subject
      ellipsis and for lists announced by an earlier sentence (主要预期目标是：…).
    - ``headings``: headings of the enclosing part, section and paragraph, outermost first.
    """

    role: Optional[str] = None
    report_year: Optional[int] = None
    period: Optional[str] = None
    previous: str = ""
    headings: list = field(default_factory=list)
