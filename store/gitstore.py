"""The versioned report store: a plain git repository (GitPython) of parsed reports and their sources.

Layout at the branch's tip: ``reports/REGION/YEAR.xml`` (the parsed report, schema-valid) and
``sources/REGION/YEAR.EXT`` (the original file, byte for byte). Every write is one commit whose message
names region, year, source file name and SHA-256 and ends with machine-readable trailers (see
``store.history``). Writes are atomic and serialised (see ``store.gitops``).

Versions of a report are the commits that changed its XML, oldest first: ``wenzhou:2022@v1``, ``@v2``;
a commit hash works too. Reads go through git objects only (never the working tree), so a clone, a
bare repository or a checkout with stale files all read the same.

    with Store.open(Path("wzdiff-store"), create=True) as st:
        st.add(Path("samples/wenzhou/2022.txt"), region="wenzhou", year=2022)
        report = st.read(ReportRef.parse("wenzhou:2022@v1"))

Errors: ``StoreError`` for every expected failure (no store, unknown reference, busy, a git lock
file in the way, bad names);
``InputError`` for an unreadable report file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import git
from gitdb import LooseObjectDB
from gitdb.base import IStream

from store import gitops
from store.errors import StoreError
from store.history import (REPORT_RE, SOURCE_RE, AddResult, Commit, Entry, Version, add_trailers,
                           commit_message)
from store.prepare import Prepared, change_summary, prepare_report
from store.ref import ReportRef, check_region, check_year

DEFAULT_BRANCH = "main"


class Store:
    """A report store in the git repository at ``path`` (its working tree, or a bare repository).

    Open with ``Store.open(path, create=False)``; use as a context manager, or call ``close()``, so
    GitPython's helper git processes end. Read methods never lock; write methods take the store lock.
    """

    def __init__(self, repo: Optional[git.Repo], path: Path):
        self.path = path
        self.repo = None
        if repo is not None:
            self._attach(repo)

    def _attach(self, repo: git.Repo) -> None:
        self.repo = repo
        self.git_dir = Path(repo.git_dir).resolve()
        self.work_tree = None if repo.bare else Path(repo.working_tree_dir).resolve()
        self._env = gitops.identity_env(self.git_dir)
        self._loose = None
        # GitPython's own git processes (cat-file) must read this repository even when the caller's
        # environment points git elsewhere (inside a git hook): pin them here.
        repo.git.update_environment(GIT_DIR=str(self.git_dir), GIT_OBJECT_DIRECTORY=str(self.git_dir / "objects"),
                                    GIT_INDEX_FILE=str(self.git_dir / "index"))

    # ---- opening and closing -------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, create: bool = False) -> "Store":
        """Open the store at ``path``. With ``create``, a missing store (no directory, or an empty
        one) is created by the first write, so a refused add leaves nothing behind; until then it
        reads as empty. Raises ``StoreError`` if there is no store (or ``path`` is something else)."""
        path = Path(path)
        try:
            repo = git.Repo(path)
            if not _is_store(repo):
                raise StoreError(f"{path} is a git repository but not a wzdiff store (no reports/ in it); "
                                 f"give --store a new directory")
            return cls(repo, path)
        except git.NoSuchPathError:
            pass
        except git.InvalidGitRepositoryError:
            # an empty directory, or one another process is creating a store in right now
            if not create or not path.is_dir() or {p.name for p in path.iterdir()} - {".git"}:
                raise StoreError(f"{path} is not a wzdiff store (not a git repository)") from None
        if not create:
            raise StoreError(f"no store at {path}: add a report first (wzdiff add FILE) "
                             f"or give --store DIR")
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store directory")
        return cls(None, path)

    def _create(self) -> None:
        """Make the (empty) git repository of a store opened with ``create`` and not yet written.
        Two processes creating the same store at once serialise on a lock on the directory itself."""
        self.path.mkdir(parents=True, exist_ok=True)
        with gitops.dir_lock(self.path):
            git_dir = self.path.resolve() / ".git"
            if not git_dir.exists():
                gitops.init_repo(self.path, DEFAULT_BRANCH)
                # A push from a clone updates this checkout when it is clean (README: sharing).
                gitops.run_git(git_dir, ["config", "receive.denyCurrentBranch", "updateInstead"])
                gitops.mark_synced(git_dir, "")
        self._attach(git.Repo(self.path))

    def close(self) -> None:
        """End GitPython's persistent ``git cat-file`` processes and release the repository."""
        if self.repo is not None:
            self.repo.git.clear_cache()
            self.repo.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- git helpers ---------------------------------------------------------------------------
    def _git(self, *args: str, **kw) -> str:
        return gitops.git_out(self.git_dir, list(args), **kw)

    @property
    def branch(self) -> str:
        """The branch the store writes to (``refs/heads/main``, or whatever HEAD names in a clone)."""
        ref = self._git("symbolic-ref", "-q", "HEAD", check=False)
        if not ref:
            raise StoreError(f"{self.path}: HEAD is detached; check out a branch with git first")
        return ref

    def head(self) -> Optional[str]:
        """The commit at the tip of the store's branch, or None for an empty store."""
        if self.repo is None:
            return None
        out = self._git("rev-parse", "--verify", "--quiet", f"{self.branch}^{{commit}}", check=False)
        return out or None

    def _tree(self, commit: Optional[str]) -> dict[str, str]:
        """store path -> blob oid for every file under reports/ and sources/ at ``commit``."""
        if not commit:
            return {}
        out = gitops.run_git(self.git_dir, ["ls-tree", "-r", "-z", commit, "--", "reports", "sources"]).stdout
        tree = {}
        for rec in out.decode("utf-8", "replace").split("\0"):
            if rec:
                meta, path = rec.split("\t", 1)
                tree[path] = meta.split()[2]
        return tree

    def _blob(self, oid: str) -> bytes:
        return self.repo.odb.stream(bytes.fromhex(oid)).read()

    def _write_blob(self, data: bytes) -> str:
        """Write a loose blob (pure Python, no git process; temp file then rename) and return its oid."""
        from io import BytesIO

        if self._loose is None:
            self._loose = LooseObjectDB(str(self.git_dir / "objects"))
        return self._loose.store(IStream(b"blob", len(data), BytesIO(data))).hexsha.decode()

    def _history(self, *paths: str) -> list[Commit]:
        """Commits that changed any of ``paths`` (newest first), with the paths each one changed."""
        out = gitops.run_git(self.git_dir, ["log", "--format=%x1e%H%x1f%cI%x1f%B%x1f", "--name-only",
                                            self.branch, "--", *paths], check=False).stdout
        commits = []
        for rec in out.decode("utf-8", "replace").split("\x1e")[1:]:
            oid, date, message, names = rec.split("\x1f", 3)
            commits.append(Commit(oid, date, message.strip(), [n for n in names.split("\n") if n]))
        return commits

    # ---- writing -------------------------------------------------------------------------------
    def add(self, path: Path, region: Optional[str] = None, year: Optional[int] = None,
            message: Optional[str] = None) -> AddResult:
        """Parse, validate and commit the report file ``path`` as a new version of REGION:YEAR.

        Returns an ``AddResult``: status ``identical`` and no commit if the file is identical to
        the LATEST version (``_stage``); anything else, an older version's text included (a revert),
        is a new version. Raises ``InputError``/``StoreError``; on any error the store is as it was.
        """
        gitops.lock_timeout()  # a bad $WZDIFF_LOCK_TIMEOUT fails before the parse, not after
        prepared = prepare_report(Path(path), region, year)
        gitops.crash_point("parsed")
        return self.commit_prepared([prepared], message=message)[0]

    def commit_prepared(self, items: list[Prepared], message: Optional[str] = None,
                        subject: Optional[str] = None) -> list[AddResult]:
        """Commit already prepared reports in ONE commit (distinct REGION:YEAR each); identical ones
        are skipped. Returns one ``AddResult`` per item, in order. Takes the store lock."""
        gitops.lock_timeout()
        keys = [(p.region, p.year) for p in items]
        if len(set(keys)) != len(keys):
            raise StoreError("one commit cannot hold two versions of the same report")
        if self.repo is None:
            self._create()
        with gitops.store_lock(self.git_dir):
            head = self.head()
            self._catch_up(head)
            tree = self._tree(head)
            changes: dict[str, Optional[str]] = {}
            results: list[AddResult] = []
            trailers: list[str] = []
            for p in items:
                res = self._stage(p, head, tree, changes)
                results.append(res)
                if res.added:
                    trailers += add_trailers(p, changes[p.ref.report_path], changes[p.source_path], res.summary)
            added = [r for r in results if r.added]
            if not added:
                return results
            gitops.crash_point("blobs")
            text = commit_message(added, message, subject, trailers)
            commit = gitops.write_commit(self.git_dir, self.branch, head, changes, text, self._env)
            for r in added:
                r.commit = commit
            if self.work_tree is not None and not gitops.sync_worktree(self.git_dir, self.work_tree, commit):
                for r in added:
                    r.checked_out = False
        return results

    def _stage(self, p: Prepared, head: Optional[str], tree: dict, changes: dict) -> AddResult:
        """Decide what adding ``p`` changes; fill ``changes`` (path -> blob oid or None).

        Only the LATEST version counts: ``p`` is ``identical`` (nothing to do) when its XML equals
        the stored XML at the tip, or when its source has the SHA-256 wzdiff recorded for the latest
        version and that version's XML is still the blob wzdiff wrote. Anything else is a new
        version: the text of an older version (a revert), or a correction of a latest version that
        a plain git commit changed or broke (its XML unreadable or invalid)."""
        xml_path = p.ref.report_path
        old_sources = [s for s in tree if s.startswith(f"sources/{p.region}/{p.year}.")]
        old_xml_oid = tree.get(xml_path)
        old_text = None
        if old_xml_oid:
            versions = self.log(p.region, p.year)
            latest = versions[-1]
            old_xml = self._blob(old_xml_oid)
            intact = latest.by_wzdiff and latest.xml_oid == old_xml_oid
            if old_xml == p.xml or (intact and latest.source_sha256 == p.source_sha256):
                return AddResult(latest.ref, "identical", latest.commit, "", p.source_name, p.source_sha256)
            from store.model import Report

            try:
                old_text = Report.from_bytes(old_xml).text()
            except Exception:  # an invalid stored version must not block a correction
                old_text = ""
            n = len(versions) + 1
        else:
            n = 1
        for s in old_sources:
            changes[s] = None
        changes[xml_path] = self._write_blob(p.xml)
        changes[p.source_path] = self._write_blob(p.source)
        return AddResult(ReportRef(p.region, p.year, f"v{n}"), "added", "",
                         change_summary(old_text, p.text), p.source_name, p.source_sha256)

    # ---- reading -------------------------------------------------------------------------------
    def log(self, region: str, year: int) -> list[Version]:
        """Versions of REGION:YEAR, oldest first (``v1`` … ``vN``). Raises ``StoreError`` if the
        store has no such report."""
        ref = ReportRef(check_region(region), check_year(year))
        if not self.head():
            raise StoreError(f"{ref} is not in the store (the store is empty)")
        commits = [c for c in reversed(self._history(ref.report_path))]
        versions = []
        for c in commits:
            if ref.report_path not in c.paths:
                continue
            exists = self._git("cat-file", "-t", f"{c.oid}:{ref.report_path}", check=False)
            if not exists:  # a commit that deleted the report
                continue
            add = c.adds().get((ref.region, ref.year))
            n = len(versions) + 1
            versions.append(Version(ReportRef(ref.region, ref.year, f"v{n}"), n, c.oid, c.date, c.subject,
                                    c.summaries().get((ref.region, ref.year), ""),
                                    add[3] if add else "", add[2] if add else "", add is not None,
                                    add[0] if add else ""))
        if not versions:
            raise StoreError(f"{ref} is not in the store (see wzdiff list)")
        return versions

    def stored_sources(self) -> dict[tuple[str, int], dict[str, str]]:
        """(region, year) -> {source SHA-256: ``REGION:YEAR@vN``} for every version wzdiff stored,
        from one walk of the history (see ``latest_sources`` for what an import may skip)."""
        return self._source_index()[0]

    def latest_sources(self) -> dict[tuple[str, int], tuple[str, str]]:
        """(region, year) -> (source SHA-256, ``REGION:YEAR@vN``) of each report whose LATEST
        version wzdiff stored (a report last changed by a plain git commit is left out): a file
        with that SHA-256 is identical to the latest version, and adding it is a no-op."""
        return self._source_index()[1]

    def _source_index(self) -> tuple[dict, dict]:
        every: dict[tuple[str, int], dict[str, str]] = {}
        latest: dict[tuple[str, int], tuple[str, str]] = {}
        counts: dict[tuple[str, int], int] = {}
        tree = self._tree(self.head()) if self.repo is not None else {}
        for c in reversed(self._history("reports") if self.head() else []):
            adds = c.adds()
            for p in c.paths:
                m = REPORT_RE.match(p)
                if not m:
                    continue
                key = (m[1], int(m[2]))
                counts[key] = counts.get(key, 0) + 1
                ref = f"{key[0]}:{key[1]}@v{counts[key]}"
                if key in adds:
                    every.setdefault(key, {})[adds[key][2]] = ref
                    latest[key] = (adds[key][2], ref, adds[key][0])
                else:
                    latest.pop(key, None)
        # the latest counts only while the tip still holds the XML wzdiff wrote for it
        latest = {k: (sha, ref) for k, (sha, ref, oid) in latest.items()
                  if tree.get(f"reports/{k[0]}/{k[1]}.xml") == oid}
        return every, latest

    def resolve(self, ref: ReportRef) -> Version:
        """The stored version ``ref`` names (latest if it has no version). Raises ``StoreError``."""
        versions = self.log(ref.region, ref.year)
        if ref.version is None:
            return versions[-1]
        if ref.version.startswith("v") and ref.version[1:].isdigit():
            n = int(ref.version[1:])
            if n > len(versions):
                raise StoreError(f"{ref}: no such version ({ref.key} has v1 to v{len(versions)})")
            return versions[n - 1]
        hits = [v for v in versions if v.commit.startswith(ref.version)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise StoreError(f"{ref}: ambiguous commit prefix; give more digits")
        commit = self._git("rev-parse", "--verify", "--quiet", f"{ref.version}^{{commit}}", check=False)
        if commit and self._git("cat-file", "-t", f"{commit}:{ref.report_path}", check=False):
            base = [v for v in versions
                    if gitops.run_git(self.git_dir, ["merge-base", "--is-ancestor", v.commit, commit],
                                      check=False).returncode == 0]
            if base:
                return base[-1]
        raise StoreError(f"{ref}: no version of {ref.key} at commit {ref.version}")

    def read_bytes(self, ref: ReportRef) -> bytes:
        """The stored XML bytes of ``ref``. Raises ``StoreError`` for an unknown reference."""
        head = self.head()
        if ref.version is None and head:  # the latest version: straight from the tip, one git call
            oid = self._git("rev-parse", "--verify", "--quiet", f"{head}:{ref.report_path}", check=False)
            if oid:
                return self._blob(oid)
        v = self.resolve(ref)
        oid = self._git("rev-parse", f"{v.commit}:{ref.report_path}")
        return self._blob(oid)

    def read(self, ref: ReportRef):
        """The stored ``store.model.Report`` of ``ref`` (validated on load)."""
        from store.model import Report

        return Report.from_bytes(self.read_bytes(ref))

    def list(self, region: Optional[str] = None, year: Optional[int] = None) -> list[Entry]:
        """Stored reports, sorted by region then year, optionally only of ``region`` and/or ``year``.
        An empty store gives ``[]``."""
        if region is not None:
            region = check_region(region)
        head = self.head()
        tree = self._tree(head)
        reports = {}
        sources = {}
        for path in tree:
            m = REPORT_RE.match(path) or SOURCE_RE.match(path)
            if not m or (region and m[1] != region) or (year and int(m[2]) != int(year)):
                continue
            (reports if path.startswith("reports/") else sources)[(m[1], int(m[2]))] = path
        if not reports:
            return []
        counts: dict[tuple, int] = {}
        updated: dict[tuple, str] = {}
        for c in self._history("reports" if not region else f"reports/{region}"):
            for p in c.paths:
                m = REPORT_RE.match(p)
                if m and (m[1], int(m[2])) in reports:
                    key = (m[1], int(m[2]))
                    counts[key] = counts.get(key, 0) + 1
                    updated.setdefault(key, c.date)
        return [Entry(k[0], k[1], counts.get(k, 1), updated.get(k, ""), sources.get(k, ""))
                for k in sorted(reports)]

    def _catch_up(self, head: Optional[str]) -> None:
        """If an earlier write was interrupted after its commit, bring the working tree forward now.
        Call with the lock held."""
        marker = self.git_dir / gitops.SYNC_MARKER
        if self.work_tree is not None and head and marker.exists() and marker.read_text().strip() != head:
            gitops.sync_worktree(self.git_dir, self.work_tree, head)

    def sync(self) -> None:
        """Bring a non-bare store's working tree up to the branch tip after an interrupted write
        (local edits are kept). Takes the store lock, which deletes the git lock files a killed
        writer left; raises ``gitops.GitLockError`` for any other git lock file."""
        if self.repo is None:
            return
        with gitops.store_lock(self.git_dir):
            self._catch_up(self.head())

    def compact(self) -> None:
        """Pack loose objects (``git repack -d``, atomic): after a large import the store is
        smaller and faster to read. Takes the store lock; nothing reachable is ever dropped.

        No delta search (``--window=0``): reports of different places share no long runs, so on
        271 city reports the pack was 14 MB either way, made in 2.4 s instead of 6.1 s. A user's
        ``git gc`` later finds the deltas between versions of one report."""
        if self.repo is None:
            return
        with gitops.store_lock(self.git_dir):
            gitops.run_git(self.git_dir, ["repack", "-d", "-q", "--window=0"])

    def check(self):
        """Integrity check; see ``store.check.check_store``. Returns a ``CheckReport``."""
        from store.check import check_store

        if self.repo is None:
            from store.check import CheckReport

            return CheckReport()
        try:
            self.sync()
        except gitops.GitLockError:
            pass  # check_store names the lock file
        return check_store(self)


def _is_store(repo: "git.Repo") -> bool:
    """A wzdiff store: a repository without commits yet (being created), or whose HEAD holds
    ``reports/`` (every store commit does; a clone of a store too, without any local config)."""
    try:
        head = repo.head.commit
    except (ValueError, git.BadName):
        # no commit yet: a store being created has nothing beside .git (its first commit comes
        # before any checkout); a user's fresh `git init` with their files in it is no store
        return not any(p.name != ".git" for p in Path(repo.working_tree_dir or repo.git_dir).iterdir())
    return any(t.name == "reports" for t in head.tree.trees)
