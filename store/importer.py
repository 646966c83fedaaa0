"""``wzdiff import DIR``: add a folder of reports, parsing in parallel worker processes.

Region and year come from the path when it says them (``…/REGION/YEAR.md``, ``…/REGION/YEAR-08.txt``,
or ``DIR`` itself named after the region), else from the text. Parsing runs in a process pool; the
parent commits what the workers return in batches (one commit per batch, under the store lock), so a
1,000-file import makes a few dozen commits and never holds the lock long. Two files of the same
REGION:YEAR become two versions, in path order.

    result = import_dir(store, Path("corpus"), progress=callback)
    result.added, result.skipped, result.rejected   # lists of ImportItem
"""
from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from store.errors import StoreError
from store.prepare import SOURCE_EXTENSIONS, Prepared, prepare_quietly
from store.ref import check_region, check_year

BATCH_SIZE = 100
"""Reports per commit in an import: larger batches commit faster but hold the lock longer; 100
reports take well under a second to commit."""
INLINE_LIMIT = 4
"""Imports of at most this many files parse in this process (a pool costs more than it saves)."""
_YEAR_RE = re.compile(r"^((?:19|20|21)[0-9]{2})(?![0-9])")


@dataclass
class ImportItem:
    """One file of an import: ``path``, ``ref`` (``REGION:YEAR@vN`` text, "" if unknown) and
    ``reason`` (why it was skipped or rejected; the change summary when added)."""

    path: str
    ref: str = ""
    reason: str = ""


@dataclass
class ImportResult:
    """What ``import_dir`` did: ``added``, ``skipped`` (identical to a stored version, or not a
    report) and ``rejected`` (could not be parsed or named), each a list of ``ImportItem``;
    ``commits``: the commits made."""

    added: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    commits: list = field(default_factory=list)


def find_reports(root: Path) -> tuple[list[Path], list[Path]]:
    """Report files under ``root`` (by extension, sorted by path; hidden names and README files
    excluded), and the files left out as not reports. Raises ``StoreError`` if ``root`` is not a
    directory."""
    root = Path(root)
    if not root.is_dir():
        raise StoreError(f"{root}: not a directory")
    found, other = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            ext = p.suffix.lower().lstrip(".")
            if ext in SOURCE_EXTENSIONS and not name.upper().startswith("README"):
                found.append(p)
            else:
                other.append(p)
    return sorted(found), sorted(other)


def names_from_path(path: Path) -> tuple[Optional[str], Optional[int]]:
    """(region, year) the path says, each None when it does not (or says something invalid).

    The folder a file is in names its region, the file name's leading year its year:
    ``DIR/三亚市/2019.md`` → (三亚市, 2019); ``wenzhou/2021-08.md`` → (wenzhou, 2021);
    ``.../report.txt`` → (folder name, None). The text fills in whatever the path does not say.
    """
    m = _YEAR_RE.match(path.stem)
    year = int(m[1]) if m else None
    try:
        region = check_region(path.parent.resolve().name)
    except StoreError:
        region = None
    if year is not None:
        try:
            check_year(year)
        except StoreError:
            year = None
    return region, year


def import_dir(store, root: Path, *, workers: Optional[int] = None, batch_size: Optional[int] = None,
               progress: Optional[Callable[[str], None]] = None,
               total: Optional[Callable[[int], None]] = None, message: Optional[str] = None) -> ImportResult:
    """Import every report file under ``root`` into ``store`` (a ``store.gitstore.Store``).

    ``workers``: parser processes (default: CPU count); ``batch_size``: reports per commit (default
    ``$WZDIFF_IMPORT_BATCH`` or ``BATCH_SIZE``); ``progress(path)`` is called after each file,
    ``total(n)`` once with the number of files. Expected failures of single files are collected in
    ``rejected``, never raised; ``StoreError`` is raised only if the store itself refuses a write
    (busy, …), and then every batch committed before stays committed.
    """
    files, others = find_reports(root)
    batch_size = batch_size or int(os.environ.get("WZDIFF_IMPORT_BATCH", BATCH_SIZE))
    result = ImportResult(skipped=[ImportItem(str(p), "", "not a report file (README or unknown "
                                                         "extension)") for p in others])
    if total:
        total(len(files))
    known = store.stored_sources()
    jobs = []
    for p in files:
        region, year = names_from_path(p)
        if (region, year) in known:  # skip without parsing what is already stored byte for byte
            try:
                ref = known[(region, year)].get(hashlib.sha256(p.read_bytes()).hexdigest())
            except OSError:
                ref = None
            if ref:
                result.skipped.append(ImportItem(str(p), ref, f"identical to the stored {ref}"))
                if progress:
                    progress(str(p))
                continue
        jobs.append((str(p), region, year, None))
    batch: list[Prepared] = []
    label = message or f"Import from {Path(root).name}"

    def flush():
        if not batch:
            return
        subject = f"{label}: {len(batch)} reports" if len(batch) > 1 else None
        results = store.commit_prepared(batch, message=None, subject=subject)
        for p, r in zip(batch, results):
            if r.added:
                result.added.append(ImportItem(p.origin, str(r.ref), r.summary))
                if r.commit not in result.commits:
                    result.commits.append(r.commit)
            else:
                result.skipped.append(ImportItem(p.origin, str(r.ref), f"identical to the stored {r.ref}"))
        batch.clear()

    def outcomes():
        n = workers or os.cpu_count() or 1
        if len(jobs) <= INLINE_LIMIT or n == 1:
            yield from map(prepare_quietly, jobs)
            return
        with ProcessPoolExecutor(max_workers=n) as pool:
            yield from pool.map(prepare_quietly, jobs, chunksize=4)

    for job, (status, value) in zip(jobs, outcomes()):
        if status == "ok":
            if any((b.region, b.year) == (value.region, value.year) for b in batch) or len(batch) >= batch_size:
                flush()
            batch.append(value)
        else:
            result.rejected.append(ImportItem(job[0], "", value))
        if progress:
            progress(job[0])
    flush()
    if len(result.added) >= 50:
        store.compact()
    return result
