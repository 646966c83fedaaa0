"""``wzdiff check``: is the store sound, and was anything in it changed outside wzdiff?

Three checks, each a list of ``Problem``s:

1. ``fsck``: ``git fsck --full`` (dangling objects, which an interrupted write may leave, are fine);
   ``lock``: a git lock file in the store (``gitops.git_locks``: ``index.lock``, ``HEAD.lock``,
   ``refs/heads/main.lock``, …), which makes every later git write of its kind fail. Those a killed
   wzdiff writer left are gone by then (``Store.check`` takes the store lock first, see
   ``gitops.store_lock``); the others are named here.
2. ``schema``: every ``reports/REGION/YEAR.xml`` at the tip loads and validates against the schema,
   and its region/year metadata agrees with its path (in parallel; blobs already found valid under
   the same schema are remembered in ``GIT_DIR/wzdiff-valid``).
3. ``hand-edit``: every file under ``reports/`` and ``sources/`` is the blob the last wzdiff commit
   recorded for it (``Wzdiff-Add`` trailer: blob oids); a file changed by a plain git commit, or
   not recorded at all, is reported; in a non-bare store, uncommitted changes in the working tree
   are reported too (``worktree``).

Files a checkout had to move out of its way (``gitops.set_aside_files``) are listed in
``set_aside``: kept for the user to look at, not a problem of the store.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from store import gitops
from store.errors import WzdiffError


@dataclass
class Problem:
    """One finding: ``kind`` (``fsck``, ``lock``, ``schema``, ``hand-edit``, ``worktree``), ``path``
    (store path; for a lock, its path in the store's directory; "" for the whole repository) and
    ``detail`` (one line)."""

    kind: str
    path: str
    detail: str


@dataclass
class CheckReport:
    """Result of ``check_store``: ``reports`` checked, ``files`` checked, ``problems`` found, and
    ``set_aside``: paths (relative to the store) of files kept in ``.git/wzdiff-set-aside/``."""

    reports: int = 0
    files: int = 0
    problems: list = field(default_factory=list)
    set_aside: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_store(store) -> CheckReport:
    """Run all checks on ``store`` (a ``store.gitstore.Store``); never raises for a finding."""
    from store.history import REPORT_RE as _REPORT_RE, SOURCE_RE as _SOURCE_RE

    rep = CheckReport()
    proc = gitops.run_git(store.git_dir, ["fsck", "--full", "--no-dangling", "--no-progress"], check=False)
    if proc.returncode != 0:
        lines = (proc.stdout + proc.stderr).decode("utf-8", "replace").strip().splitlines()
        for line in lines[:20] or [f"git fsck exited with {proc.returncode}"]:
            rep.problems.append(Problem("fsck", "", line.strip()))
    for lock in gitops.git_locks(store.git_dir):
        rep.problems.append(Problem("lock", os.path.relpath(lock, store.path),
                                    f"git lock file left in the store: {gitops.LOCK_ADVICE}"))
    rep.set_aside = [os.path.relpath(p, store.path) for p in gitops.set_aside_files(store.git_dir)]
    head = store.head()
    tree = store._tree(head)
    rep.files = len(tree)
    reports = [(path, oid) for path, oid in sorted(tree.items()) if _REPORT_RE.match(path)]
    rep.reports = len(reports)
    cache = _ValidCache(store.git_dir)
    todo = [(path, oid) for path, oid in reports if not cache.known(path, oid)]
    for start in range(0, len(todo), CHUNK):
        blobs = []
        for path, oid in todo[start:start + CHUNK]:
            try:
                blobs.append((path, oid, store._blob(oid)))
            except Exception as err:  # a missing object: fsck says more
                rep.problems.append(Problem("schema", path, f"cannot be read: {type(err).__name__}: {err}"))
        for (path, oid, _), problem in zip(blobs, _map(_validate, [(p, d) for p, _, d in blobs])):
            if problem:
                rep.problems.append(Problem("schema", path, problem))
            else:
                cache.add(path, oid)
    cache.save()
    _check_provenance(store, tree, rep, _REPORT_RE, _SOURCE_RE)
    if store.work_tree is not None and head:
        # GIT_OPTIONAL_LOCKS=0: status takes no index.lock, which would stop a writer starting now
        out = gitops.run_git(store.git_dir, ["status", "--porcelain=v1", "-z", "--untracked-files=all",
                                             "--", "reports", "sources"], work_tree=store.work_tree,
                             env={"GIT_OPTIONAL_LOCKS": "0"},
                             check=False).stdout.decode("utf-8", "replace")
        for rec in out.split("\0"):
            if len(rec) > 3:
                rep.problems.append(Problem("worktree", rec[3:], f"changed in the working tree, not "
                                            f"committed (git status: {rec[:2].strip()})"))
    return rep


VALIDATE_WORKERS_FROM = 16
"""Validate in a process pool when at least this many reports are not in the cache (RELAX NG takes
~0.2 s a report: 1,345 reports take 4 to 5 minutes in one process)."""


CHUNK = 256
"""Reports read into memory at once while validating (~130 KB of XML each)."""


def _validate(item: tuple[str, bytes]) -> str:
    """"" if the XML at store path ``item[0]`` validates and its region/year match the path, else
    the one-line problem. Runs in worker processes."""
    from store.history import REPORT_RE as _REPORT_RE
    from store.model import Report

    path, data = item
    try:
        report = Report.from_bytes(data, what=path)
    except WzdiffError as err:
        return " ".join(str(err).split())
    except Exception as err:
        return f"cannot be read: {type(err).__name__}: {err}"
    m = _REPORT_RE.match(path)
    if str(report.region) != m[1] or int(report.year or 0) != int(m[2]):
        return f"metadata says {report.region}:{report.year}"
    return ""


def _map(fn, items: list) -> list:
    if len(items) < VALIDATE_WORKERS_FROM:
        return [fn(i) for i in items]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor() as pool:
        return list(pool.map(fn, items, chunksize=8))


class _ValidCache:
    """(blob oid, path) pairs already found valid under the current schema (``GIT_DIR/wzdiff-valid``). A blob
    never changes (its oid is its content's hash, which fsck verifies), so a result holds until the
    schema changes; the file names the schema's hash on its first line."""

    def __init__(self, git_dir):
        import hashlib
        from importlib import resources

        self.path = git_dir / "wzdiff-valid"
        self.schema = hashlib.sha256(resources.files("store").joinpath("report.rng").read_bytes()).hexdigest()
        self.oids: set = set()
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
            if lines and lines[0] == self.schema:
                self.oids = set(lines[1:])
        except (OSError, UnicodeDecodeError):
            pass
        self.dirty = False

    def known(self, path: str, oid: str) -> bool:
        return f"{oid} {path}" in self.oids

    def add(self, path: str, oid: str) -> None:
        self.oids.add(f"{oid} {path}")
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text("\n".join([self.schema, *sorted(self.oids)]) + "\n", encoding="utf-8")
            os.replace(tmp, self.path)


def _check_provenance(store, tree: dict, rep: CheckReport, report_re, source_re) -> None:
    """Compare each file's blob with what the last commit that touched it recorded."""
    last: dict[str, object] = {}
    for c in store._history("reports", "sources"):
        for p in c.paths:
            last.setdefault(p, c)
    for path, oid in sorted(tree.items()):
        m = report_re.match(path) or source_re.match(path)
        if not m:
            rep.problems.append(Problem("hand-edit", path, "file not written by wzdiff "
                                        "(not reports/REGION/YEAR.xml or sources/REGION/YEAR.EXT)"))
            continue
        c = last.get(path)
        if c is None:
            continue  # only reachable through a merge: the parents' commits were checked
        add = c.adds().get((m[1], int(m[2])))
        if add is None:
            rep.problems.append(Problem("hand-edit", path, f"last changed by commit {c.oid[:10]} "
                                        f"({c.subject!r}), which wzdiff did not make"))
            continue
        expected = add[0] if path.startswith("reports/") else add[1]
        if expected != oid:
            rep.problems.append(Problem("hand-edit", path, f"content differs from what wzdiff wrote "
                                        f"in commit {c.oid[:10]} (edited by hand, then committed?)"))
