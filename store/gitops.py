"""Low-level git plumbing for the store: run git, take the store lock, write one commit atomically.

The store never uses the repository's index or ``git commit``. A write builds its tree in a private
index file, makes the commit with ``git commit-tree`` and moves the branch with ``git update-ref NEW
OLD`` (compare-and-swap). Objects are written first and are harmless if nothing points to them, and a
ref update is atomic in git, so a process killed at any step leaves the branch where it was or where it
should be: never half-written. The working tree of a non-bare store is then brought forward with
``git read-tree -m -u`` (what ``git checkout`` does: local edits are kept, or the update is skipped).

Writers serialise on an ``flock`` on ``.git/wzdiff.lock``; the kernel drops it when a process dies,
so a killed writer never leaves the store locked. While a writer holds it, the file names the
writer's pid; a clean exit empties it. git's own lock files (``index.lock``, ``HEAD.lock``,
``refs/heads/main.lock``, …) are another matter: git takes them for single commands, and a process
killed inside one (``kill -9`` of ``wzdiff add``'s process group during the checkout) leaves its
lock behind, after which every git write of that kind fails. ``store_lock`` deals with them before
a writer starts (see there): it never writes past a git lock.
"""
from __future__ import annotations

import errno
import fcntl
import math
import os
import signal
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from store.errors import StoreError

LOCK_TIMEOUT = 10.0
"""Seconds a writer waits for another writer before "store is busy" (override: $WZDIFF_LOCK_TIMEOUT)."""
LOCK_POLL = 0.05
"""Seconds between two attempts to take the lock."""
STALE_LOCK_AGE = 2.0
"""Seconds a git lock file left by a dead wzdiff writer must have gone unchanged before it is
deleted: a git command the writer ran may outlive it by the few milliseconds it needs to finish
(the store's checkouts are a few files), and its lock is then not stale yet."""
LOCK_ADVICE = ("a git command is working in the store, or one was killed and left it; if none is "
               "running there, delete the file and try again")
"""What to do about a git lock file (in the error of a write that finds one, and in ``wzdiff check``)."""
ZERO_OID = "0" * 40
SYNC_MARKER = "wzdiff-synced"
"""File in GIT_DIR naming the commit the working tree was last brought to by wzdiff."""

_IDENTITY = {"GIT_AUTHOR_NAME": "wzdiff", "GIT_AUTHOR_EMAIL": "wzdiff@localhost",
             "GIT_COMMITTER_NAME": "wzdiff", "GIT_COMMITTER_EMAIL": "wzdiff@localhost"}


def crash_point(stage: str) -> None:
    """Test hook: if ``$WZDIFF_CRASH_AT`` names ``stage``, the process kills itself (SIGKILL) here.

    Stages, in order: ``parsed``, ``blobs``, ``commit`` (commit object written, ref not moved),
    ``ref`` (ref moved, working tree not yet updated). Used by tests/test_store_integrity.py.
    """
    if os.environ.get("WZDIFF_CRASH_AT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def run_git(git_dir: Path, args: list[str], *, input: bytes | None = None, env: dict | None = None,
            work_tree: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``git --git-dir=GIT_DIR [--work-tree=W] ARGS`` and wait for it; return the completed
    process (stdout/stderr as bytes). Raises ``StoreError`` with git's first error line if ``check``
    and git fails."""
    git_dir = Path(git_dir).resolve()
    cmd = ["git", f"--git-dir={git_dir}"]
    if work_tree is not None:
        cmd.append(f"--work-tree={work_tree}")
    cmd += ["-c", "core.quotepath=off", *args]
    full_env = {**clean_env(), "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
    proc = subprocess.run(cmd, input=input, capture_output=True, env=full_env,
                          cwd=work_tree or git_dir)
    if check and proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StoreError(f"git {args[0]} failed in {git_dir}: {msg[0] if msg else proc.returncode}")
    return proc


LOCATION_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                 "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX")
"""Variables that point git at another repository (set inside git hooks, e.g. a pre-commit hook
running the tests): never inherited, or a store command could write into that repository."""


def clean_env() -> dict:
    """``os.environ`` without ``LOCATION_VARS``."""
    return {k: v for k, v in os.environ.items() if k not in LOCATION_VARS}


def init_repo(path: Path, branch: str) -> None:
    """``git init -b BRANCH PATH`` (a non-bare repository), with a clean environment."""
    proc = subprocess.run(["git", "init", "-q", "-b", branch, str(path)], capture_output=True,
                          env=clean_env())
    if proc.returncode != 0:
        raise StoreError(f"cannot create a store at {path}: "
                         f"{proc.stderr.decode('utf-8', 'replace').strip() or proc.returncode}")


def git_out(git_dir: Path, args: list[str], **kw) -> str:
    """stdout of ``run_git`` decoded as UTF-8, trailing newline stripped."""
    return run_git(git_dir, args, **kw).stdout.decode("utf-8", "replace").rstrip("\n")


def identity_env(git_dir: Path) -> dict:
    """Author/committer for store commits: the user's git identity if configured, else wzdiff."""
    name = run_git(git_dir, ["config", "user.name"], check=False).stdout.strip()
    email = run_git(git_dir, ["config", "user.email"], check=False).stdout.strip()
    return {} if name and email else dict(_IDENTITY)


def lock_timeout() -> float:
    """Seconds a writer waits for the lock: ``$WZDIFF_LOCK_TIMEOUT`` if set (a number ≥ 0), else
    ``LOCK_TIMEOUT``. Raises ``StoreError`` (one line) for any other value (``abc``, ``-1``, ``nan``)."""
    raw = os.environ.get("WZDIFF_LOCK_TIMEOUT")
    if raw is None or not raw.strip():
        return LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise StoreError(f"invalid WZDIFF_LOCK_TIMEOUT={raw!r}: give the seconds to wait for a busy "
                         f"store as a number ≥ 0 (e.g. 10)")
    return value


class GitLockError(StoreError):
    """A git lock file in the store stops a write (see ``store_lock``); the message names it."""


def git_locks(git_dir: Path) -> list[Path]:
    """git's lock files in the repository at ``git_dir``: ``*.lock`` at its top (``index.lock``,
    ``HEAD.lock``, ``config.lock``, the private index locks of ``write_commit``) and under ``refs/``;
    wzdiff's own ``wzdiff.lock`` is not one of them."""
    top = [p for p in git_dir.glob("*.lock") if p.name != "wzdiff.lock"]
    return sorted(top) + sorted((git_dir / "refs").rglob("*.lock"))


@contextmanager
def store_lock(git_dir: Path, timeout: Optional[float] = None) -> Iterator[None]:
    """Hold the store's writer lock (``GIT_DIR/wzdiff.lock``, an ``flock``) for the ``with`` body,
    in a repository without git lock files (``git_locks``), so the body's git writes cannot fail
    on one, nor ``sync_worktree`` leave the checkout behind while the commit goes through.

    Waits up to ``timeout`` seconds (default ``lock_timeout()``) for the ``flock``, then raises
    ``StoreError("store is busy: …")``. Then, for a git lock file:

    - left by a wzdiff writer that died holding the store lock (the lock file still names its pid;
      the lock was made after that writer took the store lock and has been unchanged for
      ``STALE_LOCK_AGE`` seconds): no live process can hold it (wzdiff's git commands run only under
      the store lock, and that writer is gone), so it is deleted, and the write goes on;
    - any other (a ``git commit`` or a push into the store running now, or a git process that
      crashed): git's own rule applies, nothing else may delete it. Waits up to ``timeout`` seconds
      for it to go, then raises ``GitLockError`` (one line naming the file and what to do); the
      store is left as it was.
    """
    if timeout is None:
        timeout = lock_timeout()
    fd = os.open(git_dir / "wzdiff.lock", os.O_RDWR | os.O_CREAT, 0o644)
    with _flocked(fd, git_dir.parent if git_dir.name == ".git" else git_dir, timeout):
        dead_since = os.fstat(fd).st_mtime if os.pread(fd, 64, 0).strip() else None
        _wait_for_git_locks(git_dir, dead_since, timeout)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)


def _wait_for_git_locks(git_dir: Path, dead_since: Optional[float], timeout: float) -> None:
    """Return once ``git_dir`` holds no git lock file, deleting those a dead writer left: made at
    or after ``dead_since`` (when that writer took the store lock; None: no writer died) and
    unchanged for ``STALE_LOCK_AGE`` seconds. Raises ``GitLockError`` after ``timeout`` seconds
    (at least ``STALE_LOCK_AGE`` when a writer died, so its young locks can age)."""
    deadline = time.monotonic() + max(timeout, STALE_LOCK_AGE if dead_since is not None else 0)
    while True:
        waiting = []
        for lock in git_locks(git_dir):
            try:
                mtime = lock.stat().st_mtime
            except FileNotFoundError:
                continue  # released meanwhile
            if dead_since is not None and dead_since <= mtime <= time.time() - STALE_LOCK_AGE:
                lock.unlink(missing_ok=True)
            else:
                waiting.append(lock)
        if not waiting:
            return
        if time.monotonic() >= deadline:
            raise GitLockError(f"git lock file {waiting[0]} is in the way (waited {timeout:g} s): "
                               f"{LOCK_ADVICE}")
        time.sleep(LOCK_POLL)


@contextmanager
def dir_lock(path: Path, timeout: Optional[float] = None) -> Iterator[None]:
    """Hold an ``flock`` on the directory ``path`` itself (used while creating a store there)."""
    fd = os.open(path, os.O_RDONLY)
    with _flocked(fd, path, timeout):
        yield


@contextmanager
def _flocked(fd: int, where: Path, timeout: Optional[float]) -> Iterator[None]:
    """Take an exclusive ``flock`` on ``fd`` (then close it), waiting up to ``timeout`` seconds."""
    try:
        if timeout is None:
            timeout = lock_timeout()
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as err:
                if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreError(f"store is busy: another wzdiff process is writing to {where}; "
                                     f"waited {timeout:g} s, try again") from None
                time.sleep(LOCK_POLL)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def write_commit(git_dir: Path, branch: str, parent: Optional[str], changes: dict[str, Optional[str]],
                 message: str, env: dict) -> Optional[str]:
    """Commit ``changes`` (store path -> blob oid, or None to delete) on top of ``parent``.

    Builds the tree in a private index, writes the commit, then moves ``branch`` from ``parent`` to
    it with a compare-and-swap. Returns the new commit oid, or None if the tree did not change.
    Raises ``StoreError`` if the branch moved meanwhile (someone wrote without the lock).
    Call with the store lock held.
    """
    index = git_dir / f"wzdiff-index-{os.getpid()}"
    ienv = {**env, "GIT_INDEX_FILE": str(index)}
    try:
        if parent:
            run_git(git_dir, ["read-tree", parent], env=ienv)
        else:
            run_git(git_dir, ["read-tree", "--empty"], env=ienv)
        lines = []
        for path, oid in changes.items():
            lines.append(f"100644 blob {oid}\t{path}\n" if oid else f"0 {ZERO_OID}\t{path}\n")
        run_git(git_dir, ["update-index", "--index-info"], input="".join(lines).encode(), env=ienv)
        tree = git_out(git_dir, ["write-tree"], env=ienv)
    finally:
        index.unlink(missing_ok=True)
    if parent and tree == git_out(git_dir, ["rev-parse", f"{parent}^{{tree}}"]):
        return None
    args = ["commit-tree", tree] + (["-p", parent] if parent else []) + ["-F", "-"]
    commit = git_out(git_dir, args, input=message.encode("utf-8"), env=env)
    crash_point("commit")
    proc = run_git(git_dir, ["update-ref", "-m", "wzdiff: " + message.splitlines()[0], branch, commit,
                             parent or ZERO_OID], check=False)
    if proc.returncode != 0:
        raise StoreError(f"the store's branch {branch} moved during the write (a git command ran "
                         f"outside wzdiff?); nothing was changed, try again")
    crash_point("ref")
    return commit


def sync_worktree(git_dir: Path, work_tree: Path, new: str) -> bool:
    """Bring the index and working tree of a non-bare store forward to commit ``new``.

    Moves from the commit recorded in ``GIT_DIR/wzdiff-synced`` (the last one wzdiff checked out;
    empty for a new store), or, without that file (a store made by ``git clone``), from ``new``'s
    first parent, like ``git checkout`` does: files edited by hand are kept, and if an edit
    conflicts nothing is touched (``wzdiff check`` reports it); files that already hold their
    content at ``new`` (a killed checkout wrote them) are no edits. Returns True on success.
    """
    marker = git_dir / SYNC_MARKER
    if marker.exists():
        base = marker.read_text().strip()
        if base and run_git(git_dir, ["cat-file", "-e", f"{base}^{{commit}}"], check=False).returncode:
            base = ""
    else:
        base = git_out(git_dir, ["rev-parse", "--verify", "--quiet", f"{new}^"], check=False)
    args = ["read-tree", "-m", "-u"] + ([base] if base else []) + [new]

    def merge() -> bool:
        return run_git(git_dir, args, work_tree=work_tree, check=False).returncode == 0

    ok = merge()
    if not ok:  # perhaps only stale stat data, or files a killed checkout wrote: once more
        try:
            _refresh_index(git_dir, work_tree, base, new)
        except StoreError:
            pass  # a file went away meanwhile: the merge says what is wrong
        ok = merge()
    if ok:
        mark_synced(git_dir, new)
    return ok


def _refresh_index(git_dir: Path, work_tree: Path, base: str, new: str) -> None:
    """Make the index say what the working tree holds where that is no local edit, so that a
    ``read-tree -m -u base new`` refused for "not uptodate" can succeed when tried again:

    - refresh the files' stat data (``update-index --refresh``: a copied store's index does not
      match its files' inodes and times, and ``read-tree`` takes each of them for an edit);
    - index the files that ``base`` → ``new`` changes and that already hold their content at
      ``new``: a ``read-tree -m -u`` killed midway wrote them but not the index (its ``index.lock``
      was then deleted as stale, see ``store_lock``).

    Files edited by hand stay as they are, unindexed. Raises ``StoreError`` if git fails."""
    run_git(git_dir, ["update-index", "-q", "--refresh"], work_tree=work_tree, check=False)  # 1: edits
    old = base or git_out(git_dir, ["hash-object", "-t", "tree", "--stdin"], input=b"")  # empty tree
    fields = git_out(git_dir, ["diff-tree", "-r", "-z", "--no-renames", old, new]).split("\0")
    wanted = {path: meta.split()[3] for meta, path in zip(fields[0::2], fields[1::2])
              if meta.split()[3] != ZERO_OID and (work_tree / path).is_file()}
    if not wanted:
        return
    hashes = git_out(git_dir, ["hash-object", "--stdin-paths"], input="\n".join(wanted).encode(),
                     work_tree=work_tree).split("\n")
    done = [path for path, oid in zip(wanted, hashes) if oid == wanted[path]]
    tracked = set(git_out(git_dir, ["ls-files", "-z"], work_tree=work_tree).split("\0"))
    _set_aside(git_dir, work_tree, [p for p in wanted if p not in done and p not in tracked])
    if done:
        run_git(git_dir, ["update-index", "--add", "-z", "--stdin"], work_tree=work_tree,
                input="".join(p + "\0" for p in done).encode())


SET_ASIDE = "wzdiff-set-aside"
"""Folder in GIT_DIR where untracked files that block a checkout are kept (``_set_aside``)."""


def _set_aside(git_dir: Path, work_tree: Path, paths: list[str]) -> None:
    """Move untracked files that stand where the checkout must write (a checkout killed midway
    leaves a half-written ``reports/…xml``; git then refuses every later update: "untracked working
    tree file would be overwritten") to ``GIT_DIR/wzdiff-set-aside/TIME/PATH``: kept, never deleted,
    out of the way."""
    if not paths:
        return
    folder = git_dir / SET_ASIDE / time.strftime("%Y%m%dT%H%M%S")
    for path in paths:
        dest = folder / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work_tree / path, dest)


def set_aside_files(git_dir: Path) -> list[Path]:
    """Every file ``_set_aside`` has kept under ``GIT_DIR/wzdiff-set-aside/``, sorted (paths)."""
    folder = git_dir / SET_ASIDE
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def mark_synced(git_dir: Path, commit: str) -> None:
    """Record (atomically) that the working tree holds ``commit`` ("" for a new, empty store)."""
    tmp = git_dir / (SYNC_MARKER + ".tmp")
    tmp.write_text(commit + "\n")
    os.replace(tmp, git_dir / SYNC_MARKER)
