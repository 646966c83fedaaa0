"""``wzdiff import DIR``: add a folder of reports, parsing in parallel worker processes.

Region and year come from the path when it says them (``…/REGION/YEAR.md``, ``…/REGION/YEAR-08.txt``,
or ``DIR`` itself named after the region), else from the text. Parsing runs in a process pool; the
parent commits what the workers return in batches (one commit per batch, under the store lock), so a
1,000-file import makes a few dozen commits and never holds the lock long. Workers die with the
importing process (``_die_with_parent``): a killed import leaves no worker behind. Two files of the same
REGION:YEAR become two versions, in path order.

    result = import_dir(store, Path("corpus"), progress=callback)
    result.added, result.skipped, result.rejected   # lists of ImportItem
"""
from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import re
import signal
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
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """Pool initializer: the worker gets SIGKILL when the importing process dies (Linux
    ``prctl(PR_SET_PDEATHSIG)``), so a killed ``wzdiff import`` never leaves workers behind blocked
    on a pipe nobody reads. If the parent died before this ran, the worker exits at once."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the check below still covers a dead parent
        pass
    if os.getppid() != parent:
        os._exit(1)


@dataclass
class ImportItem:
    """One file of an import: ``path``, ``ref`` (``REGION:YEAR@vN`` text, "" if unknown),
    ``reason`` (why it was skipped or rejected; the change summary when added) and, when added,
    ``conflicts``: where the region or year its path gave differs from the text (``Prepared``)."""

    path: str
    ref: str = ""
    reason: str = ""
    conflicts: tuple = ()


@dataclass
class ImportResult:
    """What ``import_dir`` did: ``added``, ``skipped`` (identical to a stored version, or not a
    report) and ``rejected`` (could not be parsed or named), each a list of ``ImportItem``;
    ``commits``: the commits made; ``checked_out``: False if a commit was made but the store's
    files could not be brought up to it (``wzdiff check`` says why)."""

    added: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    commits: list = field(default_factory=list)
    checked_out: bool = True


def find_reports(root: Path) -> tuple[list[Path], list[Path]]:
    """Report files under ``root`` (by extension, sorted by path; hidden names and README files
    excluded), and the files left out as not reports — among them links that lead outside ``root``
    (a link to /etc/passwd named 2016.txt would otherwise be stored and pushed) and names that are
    no regular file (``_not_regular``), which are never opened. Raises ``StoreError`` if ``root``
    is not a directory."""
    root = Path(root)
    if not root.is_dir():
        raise StoreError(f"{root}: not a directory")
    inside = root.resolve()
    found, other = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            ext = p.suffix.lower().lstrip(".")
            if _leads_outside(p, inside) or _not_regular(p):
                other.append(p)
            elif ext in SOURCE_EXTENSIONS and not name.upper().startswith("README"):
                found.append(p)
            else:
                other.append(p)
    return sorted(found), sorted(other)


def _leads_outside(path: Path, inside: Path) -> bool:
    """``path`` is a link whose target is not under the resolved folder ``inside``."""
    return path.is_symlink() and not path.resolve().is_relative_to(inside)


def _not_regular(path: Path) -> bool:
    """``path`` is no regular file, nor a link to one: a FIFO (opening it waits for a writer, for
    ever if none comes), a socket, a device or a broken link. Looks with ``stat`` only, never opens."""
    return not path.is_file()


def _left_out(path: Path, inside: Path) -> str:
    """Why ``find_reports`` left ``path`` out of the reports under the resolved folder ``inside``."""
    if _leads_outside(path, inside):
        return "a link that leads outside the folder"
    if _not_regular(path):
        return "not a regular file (a FIFO, socket, device or broken link): not read"
    return "not a report file (README or unknown extension)"


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


def _sha(p: Path) -> Optional[str]:
    try:
        return hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        return None


def _presorted(store, files: list[Path]) -> list[tuple[Path, Optional[str]]]:
    """``(path, ref)`` per file, ``ref`` naming the stored version it is skipped as (without
    parsing), else None: the file must be parsed and compared with the latest version.

    Only the LATEST version makes a file a no-op: the files of one REGION:YEAR (in path order, as
    the versions they would become) are skipped when the last of them is byte for byte the latest
    stored version and every earlier one is byte for byte some stored version (an import run
    again); otherwise only the leading files identical to the latest version are skipped, and the
    rest are parsed and compared with the latest version by ``Store.commit_prepared``, so a
    revert to an older text becomes a new version."""
    every, latest = store.stored_sources(), store.latest_sources()
    groups: dict[tuple, list[Path]] = {}
    for p in files:
        region, year = names_from_path(p)
        if region is not None and year is not None:
            groups.setdefault((region, year), []).append(p)
    ref_of: dict[Path, str] = {}
    for key, paths in groups.items():
        if key not in latest:
            continue
        shas = [_sha(p) for p in paths]
        top_sha, top_ref = latest[key]
        stored = every.get(key, {})
        if shas[-1] == top_sha and all(s in stored for s in shas[:-1]):
            ref_of.update({p: stored.get(s, top_ref) for p, s in zip(paths, shas)})
            continue
        for p, s in zip(paths, shas):  # leading files equal to the latest: no-ops
            if s is None or s != top_sha:
                break  # from here on the files are parsed; the store says what is identical
            ref_of[p] = top_ref
    return [(p, ref_of.get(p)) for p in files]


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
    inside = Path(root).resolve()
    result = ImportResult(skipped=[ImportItem(str(p), "", _left_out(p, inside)) for p in others])
    if total:
        total(len(files))
    jobs = []
    for p, ref in _presorted(store, files):
        if ref:
            result.skipped.append(ImportItem(str(p), ref, f"identical to the stored {ref}"))
            if progress:
                progress(str(p))
            continue
        jobs.append((str(p), *names_from_path(p), None))
    batch: list[Prepared] = []
    label = message or f"Import from {Path(root).name}"

    def flush():
        if not batch:
            return
        subject = f"{label}: {len(batch)} reports" if len(batch) > 1 else None
        results = store.commit_prepared(batch, message=None, subject=subject)
        for p, r in zip(batch, results):
            if r.added:
                result.added.append(ImportItem(p.origin, str(r.ref), r.summary, p.conflicts))
                result.checked_out = result.checked_out and r.checked_out
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
        # fork: the workers are this process's own children, which _die_with_parent relies on
        with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
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
