"""``Report``: typed access to a parsed report's XML tree (see ``store/report.rng``).

Callers never touch raw attribute strings: ``report.year`` is an ``int``, ``report.date`` an ISO
string, ``report.targets()`` a list of ``Target`` records, ``report.units()`` the comparable units
(parts, sections, run-in-headed paragraphs) in document order.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterator, Optional

from lxml import etree

from store import schema
from store.target_model import Target


def sentence_text(el: etree._Element) -> str:
    """The text of a ``<sentence>`` (its ``<target>`` children carry no text)."""
    return el.text or ""


def element_text(el: etree._Element) -> str:
    """All sentence and heading text under ``el``, concatenated (whitespace-free)."""
    out = []
    for node in el.iter("heading", "sentence"):
        if node.tag == "sentence" or not len(node):
            out.append(node.text or "")
    return "".join(out)


@dataclass
class UnitInfo:
    """A comparable unit: ``level`` 1 (part), 2 (section) or 3 (run-in-headed paragraph, or an
    unheaded paragraph directly under a part without sections); ``heading``; ``path``
    (``"3.1"``); ``text`` (whole text incl. heading); ``sentences`` as (id, text) pairs (headings
    included); ``parent_id``; ``children`` (ids of the units one level down)."""

    id: str
    level: int
    heading: str
    path: str
    text: str
    sentences: list[tuple[str, str]]
    parent_id: Optional[str] = None
    lines: str = ""
    children: list[str] = field(default_factory=list)


class Report:
    """A parsed report over its lxml tree ``root``."""

    def __init__(self, root: etree._Element):
        self.root = root

    # --- loading and saving -------------------------------------------------------------
    @classmethod
    def from_bytes(cls, data: bytes, what: str = "report XML") -> "Report":
        """Parse stored XML safely (no entities/DTD/network) and validate it against the schema."""
        root = schema.safe_fromstring(data, what)
        schema.validate(root, what)
        return cls(root)

    def to_bytes(self) -> bytes:
        """UTF-8 XML with declaration, indented for readable git diffs."""
        return etree.tostring(self.root, encoding="UTF-8", xml_declaration=True, pretty_print=True)

    # --- metadata -----------------------------------------------------------------------
    def _meta(self, tag: str) -> Optional[str]:
        el = self.root.find(f"meta/{tag}")
        return el.text if el is not None else None

    @property
    def region(self) -> Optional[str]:
        return self.root.get("region")

    @property
    def year(self) -> Optional[int]:
        y = self.root.get("year")
        return int(y) if y else None

    @property
    def title(self) -> Optional[str]:
        return self._meta("title")

    @property
    def government(self) -> Optional[str]:
        return self._meta("government")

    @property
    def level(self) -> Optional[str]:
        el = self.root.find("meta/government")
        return el.get("level") if el is not None else None

    @property
    def date(self) -> Optional[str]:
        return self._meta("date")

    @property
    def session(self) -> Optional[str]:
        return self._meta("session")

    @property
    def speaker(self) -> Optional[str]:
        return self._meta("speaker")

    @property
    def office(self) -> Optional[str]:
        el = self.root.find("meta/speaker")
        return el.get("office") if el is not None else None

    @property
    def source(self) -> dict:
        el = self.root.find("meta/source")
        return dict(el.attrib) if el is not None else {}

    @property
    def warnings(self) -> list[str]:
        return [w.text or "" for w in self.root.findall("meta/warning")]

    def meta_dict(self) -> dict:
        """Metadata as a plain dict (the ``a``/``b`` objects of the compare JSON)."""
        return {"region": self.region, "year": self.year, "title": self.title, "government": self.government,
                "level": self.level, "date": self.date, "session": self.session, "speaker": self.speaker,
                "office": self.office, "source": self.source.get("name"), "sha256": self.source.get("sha256"),
                "version": self.root.get("version")}

    # --- structure ----------------------------------------------------------------------
    def parts(self) -> list[etree._Element]:
        return self.root.findall("body/part")

    def iter_sentences(self) -> Iterator[etree._Element]:
        """Every ``<sentence>`` of the body in document order (run-in headings included)."""
        return self.root.find("body").iter("sentence")

    def units(self) -> list[UnitInfo]:
        """Parts, sections and paragraphs as ``UnitInfo`` in document order. Paragraphs before the
        first part (the preamble; the whole body of a report without parts) are level-3 units
        without a parent."""
        out: list[UnitInfo] = [self._unit(para, 3, None) for para in self.root.findall("body/paragraph")]
        for part in self.parts():
            pu = self._unit(part, 1, None)
            out.append(pu)
            for child in part:
                if child.tag == "section":
                    su = self._unit(child, 2, pu.id)
                    pu.children.append(su.id)
                    out.append(su)
                    for para in child.findall("paragraph"):
                        u = self._unit(para, 3, su.id)
                        su.children.append(u.id)
                        out.append(u)
                elif child.tag == "paragraph":
                    u = self._unit(child, 3, pu.id)
                    pu.children.append(u.id)
                    out.append(u)
        return out

    @staticmethod
    def _unit(el: etree._Element, level: int, parent: Optional[str]) -> UnitInfo:
        h = el.find("heading")
        heading = element_text(h) if h is not None else ""
        sents = [(s.get("id"), sentence_text(s)) for s in el.iter("sentence")]
        text = ((h.text or "") if h is not None and not len(h) else "") + "".join(t for _, t in sents)
        if level < 3 and h is not None and not len(h):
            sents = [(el.get("id") + ".h", h.text or "")] + sents
        ids = el.get("id").split(".")
        nums = [int("".join(c for c in x if c.isdigit()) or 0) for x in ids]
        path = ".".join(str(n) for n in nums)
        return UnitInfo(el.get("id"), level, heading, path, text, sents, parent, el.get("lines", ""))

    # --- targets ------------------------------------------------------------------------
    def targets(self, words: bool = True) -> list[Target]:
        """Every ``<target>`` as a ``Target`` with ``sentence`` and ``path`` filled in; without the
        headline targets stated in words only (value None) when ``words`` is False."""
        out = []
        for s in self.iter_sentences():
            text = sentence_text(s)
            if not len(s):
                continue
            path = _path_of(s.get("id"))
            for t in s.findall("target"):
                if words or "value" in t.attrib:
                    out.append(Target.from_attrib(t.attrib, sentence=text, path=path))
        return out

    # --- text ---------------------------------------------------------------------------
    def text(self) -> str:
        """Plain text: headings and paragraphs, one per line (front and back matter left out)."""
        lines = []
        for el in self.root.find("body").iter("part", "section", "paragraph"):
            h = el.find("heading")
            if el.tag != "paragraph":
                lines.append(h.text or "")
            else:
                lines.append(element_text(el))
        return "\n".join(ln for ln in lines if ln) + "\n"

    def full_text(self) -> str:
        """Front matter, body and back matter text, whitespace-free (for losslessness checks)."""
        parts = [ln.text or "" for ln in self.root.iterfind("front/line")]
        parts.append(element_text(self.root.find("body")))
        parts += [ln.text or "" for ln in self.root.iterfind("back/line")]
        return "".join(parts)

    def to_json_dict(self) -> dict:
        """Metadata, units and targets as JSON-ready data."""
        return {"meta": self.meta_dict(),
                "units": [u.__dict__ for u in self.units()],
                "targets": [t.to_dict() for t in self.targets()]}

    def to_json(self) -> str:
        return json.dumps(self.to_json_dict(), ensure_ascii=False, indent=1)


def _path_of(sid: str) -> str:
    """``p3.s1.para4.s2`` → ``"3.1.4"`` (part.section.paragraph; 0 where absent)."""
    bits = sid.split(".")
    part = int(bits[0][1:] or 0)
    sec = next((int(b[1:]) for b in bits[1:2] if b.startswith("s") and b[1:].isdigit()), 0)
    para = next((int(b[4:]) for b in bits if b.startswith("para")), 0)
    return f"{part}.{sec}.{para}"
