"""Open what a user names on the command line: a report file or a store reference.

``load_report("samples/wenzhou/2022.txt")`` parses the file (a ``.xml`` file that ``wzdiff
export`` wrote is read as the report it holds, validated); ``load_report("wenzhou:2022@v1",
store=Path("wzdiff-store"))`` reads that version from the store; ``load_report("-")`` parses the
report piped into standard input (its format told by its bytes: PDF, DOCX, HTML, Markdown, text). A stored report carries its
version (``v1``…) and commit in ``report.root`` attributes ``version``/``commit`` for renderers.
Errors: ``InputError`` for an unreadable file, ``StoreError`` for an unknown reference or a
missing store.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from store.errors import InputError
from store.model import Report
from store.parse import parse_file, parse_source
from store.reading import STDIN_NAME, read_bytes, read_limited, read_stdin
from store.ref import ReportRef


def load_report(what: str, store: Optional[Path] = None, region: Optional[str] = None,
                year: Optional[int] = None) -> Report:
    """A ``Report`` from a file path, ``-`` (standard input) or a store reference (see the module
    docstring)."""
    if what == STDIN_NAME:
        return _from_bytes(read_stdin(), STDIN_NAME, STDIN_NAME, region, year)
    path = Path(what)
    if path.is_file() and path.suffix.lower() == ".xml":
        return _from_bytes(read_limited(path), path.name, str(path), region, year)
    if path.exists():
        return parse_file(path, region=region, year=year)
    if ReportRef.looks_like(what):
        from store.gitstore import Store

        ref = ReportRef.parse(what)
        with Store.open(Path(store or "wzdiff-store")) as st:
            version = st.resolve(ref)
            report = Report.from_bytes(st.read_bytes(ref), what=str(ref))
        report.root.set("version", f"v{version.n}")
        report.root.set("commit", version.commit)
        return report
    raise InputError(f"{what}: no such file (and not a store reference like wenzhou:2022)")


def _from_bytes(data: bytes, name: str, what: str, region: Optional[str], year: Optional[int]) -> Report:
    """The report in ``data``: a report XML that ``wzdiff export`` wrote (validated), else the bytes
    of a report file called ``name`` parsed (``what`` names it in errors)."""
    if b"<report" in data[:4000]:
        return Report.from_bytes(data, what=what)
    return parse_source(read_bytes(data, name=name), region=region, year=year)
