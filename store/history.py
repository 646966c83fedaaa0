"""The store's history vocabulary: what an add returns, what a version and a listed report are, and
how a wzdiff commit message is written and read back.

Every wzdiff commit message ends with one machine-readable pair of lines per report it stored::

    Wzdiff-Add: wenzhou 2022 xml=<blob oid> source=<blob oid> sha256=<source SHA-256> name=2022.txt
    Wzdiff-Summary: wenzhou 2022 first version: 86 paragraphs, 17,879 characters

``wzdiff log`` reads the summary back; ``wzdiff check`` compares the blob oids with the files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from store.ref import ReportRef

REPORT_RE = re.compile(r"^reports/([^/]+)/([0-9]{4})\.xml$")
SOURCE_RE = re.compile(r"^sources/([^/]+)/([0-9]{4})\.[^/]+$")
ADD_RE = re.compile(r"^Wzdiff-Add: (\S+) ([0-9]{4}) xml=([0-9a-f]{40}) source=([0-9a-f]{40}) "
                     r"sha256=([0-9a-f]{64}) name=(.*)$", re.M)
SUMMARY_RE = re.compile(r"^Wzdiff-Summary: (\S+) ([0-9]{4}) (.*)$", re.M)


#: Said after an add or import whose commit was made but whose files the checkout could not update.
NOT_CHECKED_OUT = "; committed, but the store's files could not be updated: run wzdiff check"


@dataclass
class AddResult:
    """Outcome of adding one report: ``ref`` (with its version, e.g. ``wenzhou:2022@v2``),
    ``status`` (``added`` or ``identical``), ``commit`` (the new commit, or the commit of the identical
    version), ``summary`` (what changed), ``source_name``, ``source_sha256``; ``checked_out``: False
    when the commit was made but the store's files could not be brought up to it (``wzdiff check``
    says why)."""

    ref: ReportRef
    status: str
    commit: str
    summary: str = ""
    source_name: str = ""
    source_sha256: str = ""
    checked_out: bool = True

    @property
    def added(self) -> bool:
        """True if a new version was committed."""
        return self.status == "added"

    def describe(self) -> str:
        """One line for the terminal."""
        if self.added:
            behind = "" if self.checked_out else NOT_CHECKED_OUT
            return (f"added {self.ref} from {self.source_name} (commit {self.commit[:10]}; "
                    f"{self.summary}){behind}")
        return (f"{self.ref.key} unchanged: {self.source_name} is identical to the stored {self.ref} "
                f"(commit {self.commit[:10]}); nothing to do")


@dataclass
class Version:
    """One stored version of a report: ``ref`` (``REGION:YEAR@vN``), ``n``, ``commit``, ``date``
    (ISO 8601 commit date), ``subject`` (the commit's first line), ``summary`` (what changed, from
    the commit message; "" for a commit not made by wzdiff), ``source_name``, ``source_sha256``,
    ``by_wzdiff`` (False if the commit was made with plain git), ``xml_oid`` (the XML blob the
    commit's ``Wzdiff-Add`` trailer records; "" for a commit not made by wzdiff)."""

    ref: ReportRef
    n: int
    commit: str
    date: str
    subject: str
    summary: str = ""
    source_name: str = ""
    source_sha256: str = ""
    by_wzdiff: bool = True
    xml_oid: str = ""


@dataclass
class Entry:
    """One stored report in ``Store.list``: ``region``, ``year``, ``versions`` (count), ``updated``
    (date of the latest version), ``source`` (store path of the original file, "" if none)."""

    region: str
    year: int
    versions: int
    updated: str
    source: str = ""

    @property
    def ref(self) -> ReportRef:
        """``REGION:YEAR`` of this entry."""
        return ReportRef(self.region, self.year)


@dataclass
class Commit:
    """A commit of the store's history as ``git log`` gives it: ``oid``, ``date`` (ISO 8601),
    ``message`` (full), ``paths`` (files it changed; empty for a merge)."""

    oid: str
    date: str
    message: str
    paths: list = field(default_factory=list)

    @property
    def subject(self) -> str:
        """The message's first line."""
        return self.message.splitlines()[0] if self.message else ""

    def adds(self) -> dict[tuple[str, int], tuple]:
        """(region, year) -> (xml oid, source oid, source sha256, source name) from the trailers."""
        return {(m[1], int(m[2])): (m[3], m[4], m[5], m[6].strip()) for m in ADD_RE.finditer(self.message)}

    def summaries(self) -> dict[tuple[str, int], str]:
        """(region, year) -> the one-line change summary, from the trailers."""
        return {(m[1], int(m[2])): m[3].strip() for m in SUMMARY_RE.finditer(self.message)}


def _one_line(text: str) -> str:
    """``text`` with control characters (a newline in a file name) replaced by spaces."""
    return "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in text).strip()


def add_trailers(p, xml_oid: str, source_oid: str, summary: str) -> list[str]:
    """The two trailer lines recording the prepared report ``p`` (a ``store.prepare.Prepared``)."""
    return [f"Wzdiff-Add: {p.region} {p.year} xml={xml_oid} source={source_oid} sha256={p.source_sha256} "
            f"name={_one_line(p.source_name)}",
            f"Wzdiff-Summary: {p.region} {p.year} {_one_line(summary)}"]


def commit_message(added: list[AddResult], message: Optional[str], subject: Optional[str],
                 trailers: list[str]) -> str:
        if len(added) == 1:
            r = added[0]
            first = subject or f"Add {r.ref} from {r.source_name}"
            body = [f"Source: {r.source_name} (SHA-256 {r.source_sha256})", f"Changes: {r.summary}"]
        else:
            first = subject or f"Add {len(added)} reports"
            body = [f"{r.ref} from {r.source_name} (SHA-256 {r.source_sha256})" for r in added]
        parts = [first + (f": {message.strip()}" if message and message.strip() else ""), "\n".join(body),
                 "\n".join(trailers)]
        return "\n\n".join(parts) + "\n"
