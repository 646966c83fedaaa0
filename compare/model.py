"""The change vocabulary: plain data that the matcher produces and every renderer reads.

Nothing here formats text or knows about HTML; nothing here aligns. Shapes:

- ``Edit(op, text)``: one run of an inline diff; ``op`` is ``equal``, ``insert`` or ``delete``.
- ``Unit``: one side of an aligned pair: a part (level 1), section (level 2) or run-in-headed
  paragraph (level 3) with its id, heading, path (``"3.1"``) and body text.
- ``SentencePair``: two aligned sentences (either may be ``None``) with their inline ``edits``.
- ``SectionPair``: two aligned units with ``change`` in ``CHANGE_KINDS``, a confidence ``score``
  (0..1), the inline ``edits`` of their whole text, their ``sentences`` and, for parts and sections,
  the aligned run-in paragraphs under them (``children``). ``related`` names the ids of the other
  units a split or merge involves; ``moved_from``/``moved_to`` the parent path it left or joined.
- ``TargetPair``: the same indicator in both reports (either side may be ``None``) with its change in
  ``TARGET_CHANGES``.
- ``Achievement``: a target of report A for year Y and the result B's review gives for Y, ``met`` by
  the target's bound (``None`` where it cannot be judged).
- ``Comparison``: all of the above plus both reports' metadata.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from store.target_model import Target

CHANGE_KINDS = ("unchanged", "modified", "moved", "added", "removed", "split", "merged")
TARGET_CHANGES = ("raised", "lowered", "unchanged", "requalified", "added", "removed")


@dataclass
class Edit:
    op: str  # "equal" | "insert" | "delete"
    text: str


@dataclass
class Unit:
    id: str
    level: int
    heading: str
    path: str
    text: str = ""
    parent: str = ""  # heading of the enclosing part (for sections) or section (for paragraphs)
    lines: str = ""   # source line span, "24-30"


@dataclass
class SentencePair:
    a: Optional[str]
    b: Optional[str]
    a_id: Optional[str] = None
    b_id: Optional[str] = None
    change: str = "unchanged"
    score: float = 1.0
    edits: list[Edit] = field(default_factory=list)


@dataclass
class SectionPair:
    level: int
    a: Optional[Unit]
    b: Optional[Unit]
    change: str
    score: float
    edits: list[Edit] = field(default_factory=list)
    sentences: list[SentencePair] = field(default_factory=list)
    children: list["SectionPair"] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    moved_from: Optional[str] = None
    moved_to: Optional[str] = None
    low_confidence: bool = False


@dataclass
class TargetPair:
    indicator: str
    indicator_key: Optional[str]
    a: Optional[Target]
    b: Optional[Target]
    change: str


@dataclass
class Achievement:
    indicator: str
    indicator_key: Optional[str]
    target: Target
    result: Optional[Target]
    met: Optional[bool]
    gap: Optional[float] = None  # result - target, in the target's unit and direction (下降2.7% vs 增长8.5%: -11.2)


@dataclass
class Comparison:
    a: dict
    b: dict
    sections: list[SectionPair] = field(default_factory=list)
    targets: list[TargetPair] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    options: dict = field(default_factory=dict)

    def summary(self) -> dict:
        """Counts for the header: ``{"sections": {change: n}, "targets": {change: n},
        "achievements": {"met": n, "missed": n, "unclear": n}}``."""
        secs = Counter(p.change for p in self.sections)
        tg = Counter(t.change for t in self.targets)
        ach = Counter("met" if x.met else "missed" if x.met is False else "unclear" for x in self.achievements)
        return {
            "sections": {k: secs.get(k, 0) for k in CHANGE_KINDS},
            "targets": {k: tg.get(k, 0) for k in TARGET_CHANGES},
            "achievements": {k: ach.get(k, 0) for k in ("met", "missed", "unclear")},
        }
