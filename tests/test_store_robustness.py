"""Break tests of the store and the folder readers, on the real Wenzhou reports: git lock files
left by a killed ``wzdiff add`` (recovered) or by anything else (named, never written past), a FIFO
in a folder given to ``drift``/``trace``/``import`` (skipped unopened, no hang), and ``import
--workers`` below 1 (a usage error)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from _paths import ROOT, SAMPLES
from store import gitops
from store.gitstore import Store
from store.importer import find_reports
from store.model import Report
from store.parse import parse_file
from store.ref import ReportRef
from wzdiff import cli

WZ = SAMPLES / "wenzhou"
HANG = 60
"""Seconds after which a command counts as hung (the three reports take a few seconds)."""


def wzdiff(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real CLI in a child process, killed (and the test failed) if it hangs."""
    return subprocess.run([sys.executable, str(ROOT / "wzdiff.py"), *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, cwd=ROOT, timeout=HANG)


def git(path: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(path), *args], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def stored_2022(tmp_path_factory) -> Path:
    """A store holding wenzhou:2022@v1 (the real 2022 report); tests copy it."""
    p = tmp_path_factory.mktemp("base") / "st"
    with Store.open(p, create=True) as st:
        st.add(WZ / "2022.txt", region="wenzhou")
    return p


@pytest.fixture
def store(stored_2022, tmp_path) -> Path:
    return Path(shutil.copytree(stored_2022, tmp_path / "st", symlinks=True))


def assert_agrees(st_path: Path) -> None:
    """Checkout, index and history agree: no git lock file, a clean ``git status``, check ok."""
    assert [p.name for p in (st_path / ".git").rglob("*.lock") if p.name != "wzdiff.lock"] == []
    assert git(st_path, "status", "--porcelain") == ""
    with Store.open(st_path) as st:
        rep = st.check()
    assert rep.ok, rep.problems


# ---- git lock files --------------------------------------------------------------------------------
def test_a_git_lock_left_by_a_killed_add_is_cleared_and_the_next_add_is_committed(store, monkeypatch):
    """Break test: after kill -9 of `wzdiff add`'s process group, .git/index.lock stayed; later adds
    printed "added" while the checkout stayed old. The kill is made in two steps: the add dies just
    after its commit (the crash hook), then the test leaves what its killed checkout (git read-tree)
    leaves: index.lock, and the new files already written but not in the index."""
    p = wzdiff("add", str(WZ / "2023.md"), "--region", "wenzhou", "--year", "2022", "--store", str(store),
               env={"WZDIFF_CRASH_AT": "ref"})
    assert p.returncode == -signal.SIGKILL
    (store / ".git" / "index.lock").write_bytes(b"")
    for path in ("reports/wenzhou/2022.xml", "sources/wenzhou/2022.md"):
        (store / path).write_bytes(subprocess.run(["git", "-C", str(store), "show", f"HEAD:{path}"],
                                                  capture_output=True, check=True).stdout)
    monkeypatch.setattr(gitops, "STALE_LOCK_AGE", 0.0, raising=False)  # the killed git ended long ago

    with Store.open(store) as st:
        res = st.add(WZ / "2024.txt", region="wenzhou")
        assert res.added and res.commit == st.head()
        assert st.read(ReportRef.parse("wenzhou:2024")).year == 2024
        assert st.read(ReportRef.parse("wenzhou:2022")).text() == parse_file(WZ / "2023.md").text()
    assert_agrees(store)
    assert (store / "sources" / "wenzhou" / "2024.txt").read_bytes() == (WZ / "2024.txt").read_bytes()
    assert not (store / "sources" / "wenzhou" / "2022.txt").exists()
    shown = wzdiff("show", "wenzhou:2024", "--store", str(store))
    assert shown.returncode == 0 and shown.stdout.startswith("wenzhou:2024@v1")


def test_a_half_written_file_of_a_killed_checkout_is_set_aside_and_the_checkout_catches_up(store):
    """Break test: an import killed inside the checkout left reports/…/2023.xml half written and
    untracked; git then refused every later checkout ("untracked working tree file would be
    overwritten") while adds still printed "added". The file is now moved to
    .git/wzdiff-set-aside/ (kept, not deleted) and the checkout catches up."""
    p = wzdiff("add", str(WZ / "2023.md"), "--region", "wenzhou", "--year", "2023", "--store", str(store),
               env={"WZDIFF_CRASH_AT": "ref"})
    assert p.returncode == -signal.SIGKILL
    whole = subprocess.run(["git", "-C", str(store), "show", "HEAD:reports/wenzhou/2023.xml"],
                           capture_output=True, check=True).stdout
    (store / "reports" / "wenzhou" / "2023.xml").write_bytes(whole[:32768])
    with Store.open(store) as st:
        res = st.add(WZ / "2024.txt", region="wenzhou")
        assert res.added and res.checked_out and "could not be updated" not in res.describe()
    assert (store / "reports" / "wenzhou" / "2023.xml").read_bytes() == whole
    assert (store / "reports" / "wenzhou" / "2024.xml").exists()
    kept = list((store / ".git" / gitops.SET_ASIDE).rglob("2023.xml"))
    assert len(kept) == 1 and kept[0].read_bytes() == whole[:32768]
    assert_agrees(store)
    # `check` lists the kept file (break test: it was silent), and it is no problem of the store
    checked = wzdiff("check", "--store", str(store))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert str(kept[0].relative_to(store)) in checked.stdout and "check: ok" in checked.stdout


@pytest.mark.parametrize("lock", ["index.lock", "HEAD.lock", "refs/heads/main.lock"])
def test_a_git_lock_no_wzdiff_writer_left_is_named_and_never_written_past(store, lock):
    """A git lock file that no killed wzdiff writer left (a running `git commit`, a push into the
    store, a crashed git) may be live: the add fails with one line naming it and what to do, the
    store unchanged; `wzdiff check` names it (exit 1). Before: index.lock gave "added" with a stale
    checkout, HEAD.lock and the branch's lock "the branch moved"."""
    path = store / ".git" / lock
    path.write_bytes(b"")
    with Store.open(store) as st:
        head = st.head()
    p = wzdiff("add", str(WZ / "2023.md"), "--region", "wenzhou", "--store", str(store),
               env={"WZDIFF_LOCK_TIMEOUT": "0.2"})
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.count("\n") == 1 and str(path) in p.stderr and "delete the file" in p.stderr, p.stderr
    with Store.open(store) as st:
        assert st.head() == head
    c = wzdiff("check", "--store", str(store), env={"WZDIFF_LOCK_TIMEOUT": "0.2"})
    assert c.returncode == 1 and f"lock\t.git/{lock}\t" in c.stdout, c.stdout + c.stderr

    path.unlink()  # what the message says to do
    p = wzdiff("add", str(WZ / "2023.md"), "--region", "wenzhou", "--store", str(store))
    assert p.returncode == 0 and "added wenzhou:2023@v1" in p.stdout, p.stderr
    assert_agrees(store)


def test_a_git_lock_of_a_running_git_command_is_waited_for_not_deleted(store):
    """A live git command's lock goes away by itself: the add waits for it, never deletes it."""
    path = store / ".git" / "index.lock"
    path.write_bytes(b"")
    seen = []

    def git_command_ends():
        time.sleep(1.0)
        seen.append(path.exists())
        path.unlink()

    t = threading.Thread(target=git_command_ends)
    t.start()
    start = time.monotonic()
    r = CliRunner().invoke(cli, ["add", str(WZ / "2023.md"), "--region", "wenzhou", "--store", str(store)])
    t.join()
    assert r.exit_code == 0, r.output
    assert seen == [True] and time.monotonic() - start >= 1.0
    assert_agrees(store)


# ---- a FIFO in a folder of reports ---------------------------------------------------------------
@pytest.fixture
def folder_with_fifo(tmp_path) -> Path:
    """wenzhou/ with copies of the three real reports and a FIFO named like a fourth (no writer)."""
    d = tmp_path / "wenzhou"
    d.mkdir()
    for p in list(WZ.glob("*.txt")) + list(WZ.glob("*.md")):
        shutil.copy(p, d / p.name)
    os.mkfifo(d / "2025.txt")
    return d


def test_drift_and_trace_skip_a_fifo_in_the_folder(folder_with_fifo):
    """Break test: `wzdiff drift DIR` and `wzdiff trace DIR PHRASE` hung for ever opening it."""
    d = wzdiff("drift", str(folder_with_fifo), "--format", "csv")
    assert d.returncode == 0 and "2024" in d.stdout, d.stderr
    t = wzdiff("trace", str(folder_with_fifo), "营商环境")
    assert t.returncode == 0 and "2022" in t.stdout and "2024" in t.stdout, t.stderr
    found, other = find_reports(folder_with_fifo)
    assert [p.name for p in found] == ["2022.txt", "2023.md", "2024.txt"]
    assert [p.name for p in other] == ["2025.txt"]


def test_import_skips_a_fifo_named_like_a_stored_report(store, folder_with_fifo):
    """Break test: with wenzhou:2022 stored, a FIFO named 2022-08.txt hung `wzdiff import` (it was
    read to compare its SHA-256 with the stored source)."""
    os.mkfifo(folder_with_fifo / "2022-08.txt")
    p = wzdiff("import", str(folder_with_fifo), "--store", str(store))
    assert p.returncode == 0, p.stderr
    assert "2 added, 3 skipped, 0 rejected" in p.stdout
    assert "2022-08.txt\tnot a regular file" in p.stdout and "2025.txt\tnot a regular file" in p.stdout
    with Store.open(store) as st:
        assert [str(e.ref) for e in st.list()] == ["wenzhou:2022", "wenzhou:2023", "wenzhou:2024"]
        assert Report.from_bytes(st.read_bytes(ReportRef.parse("wenzhou:2022"))).year == 2022


# ---- import --workers ---------------------------------------------------------------------------
@pytest.mark.parametrize("workers", ["0", "-1"])
def test_import_refuses_fewer_than_one_worker(tmp_path, workers):
    """Break test: --workers 0 and -1 were accepted."""
    st = tmp_path / "st"
    p = wzdiff("import", str(WZ), "--workers", workers, "--store", str(st))
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.startswith("wzdiff: error: Invalid value for '--workers'") and p.stderr.count("\n") == 1
    assert not st.exists()
