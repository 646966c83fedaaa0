"""Step one of every write to the store: parse a report file and validate it, outside any lock.

``prepare_report(path, region, year) -> Prepared`` reads the source bytes, parses them with
``store.parse.parse_bytes``, checks region and year (``store.ref``), serialises the XML and reads
those exact bytes back through the safe, schema-validating loader (``Report.from_bytes``).
A ``Prepared`` is plain data (picklable), so import worker processes can build it and hand it to
the process that commits.

``change_summary(old_text, new_text)`` is the one-line "what changed" kept in each commit message.
"""
from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from store.errors import InputError, StoreError, WzdiffError
from store.ref import ReportRef, check_region, check_year
from store.reading import read_limited

SOURCE_EXTENSIONS = ("txt", "md", "markdown", "html", "htm", "docx", "pdf")
"""File extensions the parser reads; other files are not report sources."""


@dataclass
class Prepared:
    """A parsed, validated report ready to commit.

    ``xml``: the UTF-8 XML bytes to store at ``reports/REGION/YEAR.xml``; ``source``: the original
    file's bytes (stored at ``sources/REGION/YEAR.EXT``); ``source_name``: its file name;
    ``source_sha256``: hex SHA-256 of ``source``; ``text``: the report's plain text (for the change
    summary); ``origin``: the path it was read from (for messages); ``conflicts``: where the region
    or year given (by the user, or by an import from the path) differs from what the text says, one
    line each (``year 2021 given, but the text says 2022``).
    """

    region: str
    year: int
    title: str
    xml: bytes
    source: bytes
    source_name: str
    source_sha256: str
    text: str
    origin: str
    conflicts: tuple = ()

    @property
    def ref(self) -> ReportRef:
        """``REGION:YEAR`` of this report (no version)."""
        return ReportRef(self.region, self.year)

    @property
    def ext(self) -> str:
        """Extension of the source file, lower case, without the dot (``txt`` if none)."""
        suffix = Path(self.source_name).suffix.lower().lstrip(".")
        return suffix if suffix and suffix.isalnum() else "txt"

    @property
    def source_path(self) -> str:
        """Path of the original file inside the store: ``sources/REGION/YEAR.EXT``."""
        return f"sources/{self.region}/{self.year}.{self.ext}"


def prepare_report(path: Path, region: Optional[str] = None, year: Optional[int] = None,
                   default_region: Optional[str] = None) -> Prepared:
    """Parse and validate the report file ``path``; ``region``/``year`` override what the text says;
    ``default_region`` is used when neither ``region`` nor the text gives one.

    Raises ``StoreError`` for a bad region or year (checked before parsing when given) or when
    neither the arguments nor the text give them; ``InputError`` (from the parser) for a bad file;
    ``WzdiffError`` if the XML does not validate against the schema or cannot be re-read.
    """
    from store.model import Report
    from store.parse import CONFLICT_MARK, parse_bytes

    path = Path(path)
    if region is not None:
        region = check_region(region)
    if year is not None:
        year = check_year(year)
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a report file (wzdiff import DIR adds a folder)")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    source = read_limited(path)  # at most MAX_BYTES; a one-line InputError otherwise
    report = parse_bytes(source, name=path.name, region=region, year=year)
    reg = region or report.region or default_region
    yr = year or report.year
    if not reg:
        raise StoreError(f"{path}: cannot tell the region from the text; give --region (e.g. wenzhou)")
    if not yr:
        raise StoreError(f"{path}: cannot tell the year from the text; give --year (e.g. 2022)")
    reg, yr = check_region(reg), check_year(yr)
    if (report.region, report.year) != (reg, yr):  # the text gave neither: name it in the XML
        report = parse_bytes(source, name=path.name, region=reg, year=yr)
    if (report.region, report.year) != (reg, yr):
        raise StoreError(f"{path}: parsed as {report.region}:{report.year}, expected {reg}:{yr}")
    xml = report.to_bytes()
    # The gate: the exact bytes that will be stored are re-read with the safe loader and validated
    # against the schema (a few milliseconds), whatever the parser checked before.
    checked = Report.from_bytes(xml, what=f"{path}: XML to store")
    return Prepared(region=reg, year=yr, title=report.title or "", xml=xml, source=source,
                    source_name=path.name, source_sha256=hashlib.sha256(source).hexdigest(),
                    text=checked.text(), origin=str(path),
                    conflicts=tuple(w for w in report.warnings if CONFLICT_MARK in w))


def prepare_quietly(args: tuple) -> tuple[str, object]:
    """Worker entry point for imports: ``(path, region, year, default_region) -> ("ok", Prepared)``
    or ``("rejected", "one-line reason")``. Never raises for an expected failure."""
    path, region, year, default_region = args
    try:
        return "ok", prepare_report(Path(path), region, year, default_region)
    except WzdiffError as err:
        return "rejected", " ".join(str(err).split())
    except Exception as err:  # a parser bug must not stop a 1,000-file import; report it
        return "rejected", f"internal error while parsing: {type(err).__name__}: {err}"


def change_summary(old_text: Optional[str], new_text: str) -> str:
    """One line saying what changed between two versions' plain texts (paragraphs = lines).

    ``old_text`` None gives ``"first version: N paragraphs, M characters"``; otherwise e.g.
    ``"3 paragraphs changed, 1 added, 0 removed (~2% of the text)"`` (``1 paragraph changed``).
    """
    new_paras = [p for p in new_text.splitlines() if p.strip()]
    chars = sum(len(p) for p in new_paras)
    if old_text is None:
        return f"first version: {_n(len(new_paras), 'paragraph')}, {_n(chars, 'character')}"
    old_paras = [p for p in old_text.splitlines() if p.strip()]
    sm = difflib.SequenceMatcher(None, old_paras, new_paras, autojunk=False)
    changed = added = removed = touched = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        touched += sum(len(p) for p in new_paras[j1:j2]) or sum(len(p) for p in old_paras[i1:i2])
        common = min(i2 - i1, j2 - j1)
        changed += common
        added += (j2 - j1) - common
        removed += (i2 - i1) - common
    if not (changed or added or removed):
        return "same paragraphs (only metadata or markup changed)"
    share = 100.0 * touched / max(chars, 1)
    return (f"{_n(changed, 'paragraph')} changed, {added} added, {removed} removed "
            f"(~{min(share, 100.0):.0f}% of the text)")


def _n(count: int, noun: str) -> str:
    """``1 paragraph``, ``2 paragraphs``, ``1,234 characters``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
