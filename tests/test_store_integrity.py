"""Store integrity: killed writers, concurrent writers, busy lock, check (fsck, schema, hand edits),
no stray git processes, clones that work as stores. Subprocesses run the real CLI."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from store import gitops
from store.errors import StoreError
from store.gitstore import Store
from store.importer import import_dir
from store.ref import ReportRef
from wzdiff import cli

ROOT = Path(__file__).resolve().parent.parent
WZ22 = ROOT / "samples" / "wenzhou" / "2022.txt"
WZ23 = ROOT / "samples" / "wenzhou" / "2023.md"
WZ24 = ROOT / "samples" / "wenzhou" / "2024.txt"
NAT = sorted((ROOT / "samples" / "national").glob("*.txt"))


def excerpt(src: Path, dst: Path, lines: int = 30) -> Path:
    """The first ``lines`` lines of a real report (parses in a fraction of the time of the whole)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    data = src.read_bytes().splitlines(keepends=True)
    dst.write_bytes(b"".join(data[:lines]))
    return dst


def git(path: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(path), *args], capture_output=True, text=True, check=check)


def wzdiff(*args: str, env: dict | None = None, wait: bool = True):
    cmd = [sys.executable, str(ROOT / "wzdiff.py"), *args]
    full = {**os.environ, **(env or {})}
    if wait:
        return subprocess.run(cmd, capture_output=True, text=True, env=full, cwd=ROOT)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full, cwd=ROOT)


def assert_sound(st_path: Path) -> None:
    """git fsck passes, and ``wzdiff check`` finds nothing (after catching up the working tree)."""
    fsck = git(st_path, "fsck", "--full", "--no-dangling", check=False)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr
    with Store.open(st_path) as st:
        rep = st.check()
        assert rep.ok, rep.problems
        for e in st.list():  # every stored version reads back and validates
            for v in st.log(e.region, e.year):
                assert st.read(v.ref).year == e.year


@pytest.fixture
def one(tmp_path) -> Path:
    """A store holding wenzhou:2022@v1 (an excerpt of the real 2022 report)."""
    p = tmp_path / "st"
    with Store.open(p, create=True) as st:
        st.add(excerpt(WZ22, tmp_path / "x" / "2022.txt", 60), region="wenzhou", year=2022)
    return p


@pytest.fixture
def v2(tmp_path) -> Path:
    """An excerpt of the real 2023 report, to add as wenzhou:2022@v2."""
    return excerpt(WZ23, tmp_path / "y" / "2023.md", 40)


# ---- killed writers ------------------------------------------------------------------------------
@pytest.mark.parametrize("stage", ["parsed", "blobs", "commit"])
def test_kill_before_the_ref_moves_leaves_the_store_as_it_was(one, v2, stage):
    with Store.open(one) as st:
        head = st.head()
    p = wzdiff("add", str(v2), "--region", "wenzhou", "--year", "2022", "--store", str(one),
               env={"WZDIFF_CRASH_AT": stage})
    assert p.returncode == -signal.SIGKILL
    with Store.open(one) as st:
        assert st.head() == head
        assert [str(v.ref) for v in st.log("wenzhou", 2022)] == ["wenzhou:2022@v1"]
    assert git(one, "status", "--porcelain").stdout == ""
    assert_sound(one)
    # the lock died with the process: the next add goes through at once
    p = wzdiff("add", str(v2), "--region", "wenzhou", "--year", "2022", "--store", str(one),
               env={"WZDIFF_LOCK_TIMEOUT": "0.5"})
    assert p.returncode == 0 and "wenzhou:2022@v2" in p.stdout


def test_kill_after_the_ref_moved_keeps_the_version_and_heals_the_checkout(one, v2):
    p = wzdiff("add", str(v2), "--region", "wenzhou", "--year", "2022", "--store", str(one),
               env={"WZDIFF_CRASH_AT": "ref"})
    assert p.returncode == -signal.SIGKILL
    with Store.open(one) as st:
        assert [str(v.ref) for v in st.log("wenzhou", 2022)] == ["wenzhou:2022@v1", "wenzhou:2022@v2"]
    assert git(one, "status", "--porcelain").stdout != ""  # checkout still shows v1
    assert_sound(one)  # check() catches the checkout up first
    assert git(one, "status", "--porcelain").stdout == ""
    assert (one / "sources" / "wenzhou" / "2022.md").read_bytes() == v2.read_bytes()


def _stat(pid: int) -> tuple[str, int] | None:
    """(state letter, parent pid) of a process, None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit() and (st := _stat(int(d.name))) and st[1] == pid and st[0] != "Z":
            out.append(int(d.name))
    return out


def _alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (a zombie waiting to be reaped is dead)."""
    return [p for p in pids if (st := _stat(p)) and st[0] != "Z"]


def test_kill_in_the_middle_of_an_import(tmp_path):
    src = tmp_path / "in"
    for i in range(24):
        excerpt([WZ24, NAT[1]][i % 2], src / f"r{i:02d}" / f"20{10 + i}.txt", 6 + i % 8)
    st = tmp_path / "st"
    # one commit per report: kill as soon as the first is in, while the others are still committed
    proc = wzdiff("import", str(src), "--workers", "2", "--store", str(st), wait=False,
                  env={"WZDIFF_IMPORT_BATCH": "1"})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (st / ".git" / "refs" / "heads" / "main").exists():
        time.sleep(0.005)
    workers = _children(proc.pid)
    assert workers, "the import runs its parsers in worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close(), proc.stderr.close()
    # the workers die with their parent (not left behind, re-parented, blocked on a pipe)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(workers):
        time.sleep(0.02)
    assert _alive(workers) == [], "import workers survived the killed import"
    assert _children(proc.pid) == []
    with Store.open(st) as s:
        landed = len(s.list())
        assert int(git(st, "rev-list", "--count", "HEAD").stdout) == landed
    assert 1 <= landed < 24
    assert_sound(st)
    p = wzdiff("import", str(src), "--workers", "2", "--store", str(st))
    assert p.returncode == 0, p.stderr
    assert f"import: {24 - landed} added, {landed} skipped, 0 rejected" in p.stdout
    with Store.open(st) as s:
        assert len(s.list()) == 24 and all(e.versions == 1 for e in s.list())
    assert_sound(st)


# ---- concurrent writers ----------------------------------------------------------------------------
def test_concurrent_adds_all_land_and_nothing_is_corrupted(tmp_path):
    st = tmp_path / "st"  # created by the race itself
    a, b, c = (excerpt(f, tmp_path / "x" / f.name, 20) for f in (WZ22, WZ23, WZ24))
    n0, n1 = (excerpt(f, tmp_path / "n" / f.name, 12) for f in NAT[:2])
    jobs = [(a, "wenzhou", "2022"), (b, "wenzhou", "2023"), (c, "wenzhou", "2024"),
            (n0, "national", "2015"), (b, "wenzhou", "2022"), (n1, "national", "2016")]
    procs = [wzdiff("add", str(f), "--region", r, "--year", y, "--store", str(st), wait=False,
                    env={"WZDIFF_LOCK_TIMEOUT": "60"}) for f, r, y in jobs]
    outs = [(p.wait(), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close(), p.stderr.close()
    assert all(rc == 0 for rc, _, _ in outs), outs
    with Store.open(st) as s:
        assert [(e.region, e.year, e.versions) for e in s.list()] == [
            ("national", 2015, 1), ("national", 2016, 1),
            ("wenzhou", 2022, 2), ("wenzhou", 2023, 1), ("wenzhou", 2024, 1)]
        assert int(git(st, "rev-list", "--count", "HEAD").stdout) == 6
    assert git(st, "status", "--porcelain").stdout == ""
    assert_sound(st)


def test_a_held_lock_gives_store_is_busy(one, v2, monkeypatch):
    monkeypatch.setenv("WZDIFF_LOCK_TIMEOUT", "0.3")
    with gitops.store_lock(one / ".git"):
        t = time.monotonic()
        r = CliRunner().invoke(cli, ["add", str(v2), "--region", "wenzhou", "--year", "2022",
                                     "--store", str(one)])
        assert 0.25 < time.monotonic() - t < 5
    assert r.exit_code == 2 and r.output.startswith("wzdiff: error: store is busy")
    with Store.open(one) as st:
        assert len(st.log("wenzhou", 2022)) == 1


def test_a_ref_moved_behind_our_back_is_refused_not_overwritten(one):
    with Store.open(one) as st:
        head = st.head()
        tree = st._git("hash-object", "-t", "tree", "-w", "/dev/null")
        stale = st._git("commit-tree", tree, "-m", "not the tip", env=st._env)
        with pytest.raises(StoreError, match="moved during the write"):
            gitops.write_commit(st.git_dir, st.branch, stale, {"reports/x/2020.xml": st._write_blob(b"<x/>")},
                                "x\n", st._env)
        assert st.head() == head


# ---- check ---------------------------------------------------------------------------------------------
def test_check_reports_hand_edits_and_invalid_xml(one, v2):
    xml = one / "reports" / "wenzhou" / "2022.xml"
    text = xml.read_text(encoding="utf-8")
    xml.write_text(text.replace("温州", "杭州", 1), encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", "--store", str(one)])
    assert r.exit_code == 1
    assert "worktree\treports/wenzhou/2022.xml" in r.output
    git(one, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "fix by hand")
    with Store.open(one) as st:
        probs = [(p.kind, p.path) for p in st.check().problems]
    assert probs == [("hand-edit", "reports/wenzhou/2022.xml")]
    # a file that is not even a report
    xml.write_text("<report/>", encoding="utf-8")
    (one / "notes.txt").write_text("mine")
    git(one, "add", "-A")
    git(one, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "break it")
    with Store.open(one) as st:
        probs = sorted((p.kind, p.path) for p in st.check().problems)
    assert probs == [("hand-edit", "reports/wenzhou/2022.xml"), ("schema", "reports/wenzhou/2022.xml")]
    # wzdiff can still add the next version over it, and the history keeps everything
    with Store.open(one) as st:
        res = st.add(v2, region="wenzhou", year=2022)
        assert str(res.ref) == "wenzhou:2022@v4" and st.check().ok


def test_check_reports_a_damaged_repository(one):
    with Store.open(one) as st:
        oid = st._tree(st.head())["sources/wenzhou/2022.txt"]
    obj = one / ".git" / "objects" / oid[:2] / oid[2:]
    obj.chmod(0o644)
    obj.unlink()
    r = CliRunner().invoke(cli, ["check", "--store", str(one)])
    assert r.exit_code == 1 and "fsck" in r.output and oid in r.output


# ---- no stray git processes ------------------------------------------------------------------------------
def _git_children() -> list[str]:
    me, found = os.getpid(), []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == me and "git" in cmd:
            found.append(cmd)
    return found


def test_an_import_of_200_reports_leaves_no_git_processes(tmp_path):
    src = tmp_path / "in"
    for i in range(200):  # 200 reports: excerpts of the 2015 national report under 200 names
        excerpt(NAT[0], src / f"region{i:03d}" / "2015.txt", 5 + i % 3)
    with Store.open(tmp_path / "st", create=True) as st:
        res = import_dir(st, src, workers=2)
        assert len(res.added) == 200 and not res.rejected
        for e in st.list()[:20]:  # reads through GitPython's persistent cat-file processes
            st.read(e.ref)
        st.check()
    # closing asks GitPython's cat-file processes to exit; on a loaded machine they may take a
    # moment to go, a leaked one never does
    deadline = time.monotonic() + 5
    while _git_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _git_children() == []


# ---- sharing ---------------------------------------------------------------------------------------------
def test_a_clone_works_as_a_store_and_pushes_back(one, v2, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(one), str(clone)], check=True)
    with Store.open(clone) as st:
        assert [str(e.ref) for e in st.list()] == ["wenzhou:2022"]
        assert st.add(v2, region="wenzhou", year=2022).ref.version == "v2"
        assert st.add(excerpt(WZ24, tmp_path / "z" / "2024.txt"), region="wenzhou", year=2024).added
        assert st.check().ok
    assert git(clone, "status", "--porcelain").stdout == ""
    git(clone, "push", "-q", "origin", "HEAD")
    with Store.open(one) as st:  # the origin's checkout followed the push (updateInstead)
        assert [(str(e.ref), e.versions) for e in st.list()] == [("wenzhou:2022", 2), ("wenzhou:2024", 1)]
        assert st.read(ReportRef.parse("wenzhou:2022@v1")).year == 2022
    assert (one / "reports" / "wenzhou" / "2024.xml").exists()
    assert_sound(one)
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(one), str(bare)], check=True)
    with Store.open(bare) as st:
        assert st.add(excerpt(NAT[0], tmp_path / "n" / "2015.txt"), region="national", year=2015).added
        assert [str(e.ref) for e in st.list()] == ["national:2015", "wenzhou:2022", "wenzhou:2024"]
        assert st.check().ok


def test_git_variables_of_a_hook_never_redirect_the_store(tmp_path, v2, monkeypatch):
    """Run inside a git hook (GIT_DIR, GIT_INDEX_FILE set to another repository), the store still
    writes only to itself and the other repository is untouched."""
    decoy = tmp_path / "decoy"
    subprocess.run(["git", "init", "-q", str(decoy)], check=True)
    before = sorted(p.name for p in (decoy / ".git").iterdir())
    monkeypatch.setenv("GIT_DIR", str(decoy / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(decoy / ".git" / "index"))
    monkeypatch.setenv("GIT_WORK_TREE", str(decoy))
    with Store.open(tmp_path / "st", create=True) as st:
        res = st.add(v2, region="wenzhou", year=2022)
        assert st.read(res.ref).year == 2022 and st.check().ok
    for var in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"):
        monkeypatch.delenv(var)
    assert sorted(p.name for p in (decoy / ".git").iterdir()) == before
    assert not (decoy / "reports").exists()
    assert git(tmp_path / "st", "log", "--format=%s").stdout.startswith("Add wenzhou:2022@v1")
