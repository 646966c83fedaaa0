"""The git-backed report store: references, add/versions/no-op, list/log/show/export, import, CLI.

Real samples only (samples/wenzhou, samples/national); every store lives in tmp_path.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.errors import InputError, StoreError
from store.gitstore import Store
from store.importer import import_dir, names_from_path
from store.ref import ReportRef, check_region, check_year
from wzdiff import cli

ROOT = Path(__file__).resolve().parent.parent
WZ22 = ROOT / "samples" / "wenzhou" / "2022.txt"
WZ23 = ROOT / "samples" / "wenzhou" / "2023.md"
NAT15 = ROOT / "samples" / "national" / "2015.txt"


def excerpt(src: Path, dst: Path, lines: int = 40) -> Path:
    """The first ``lines`` lines of a real report, byte for byte (parses much faster than the whole)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(b"".join(src.read_bytes().splitlines(keepends=True)[:lines]))
    return dst


def git(store: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(store), *args], capture_output=True, text=True, check=True).stdout


# ---- references and names ------------------------------------------------------------------------
def test_ref_parse_and_str_round_trip():
    r = ReportRef.parse("wenzhou:2022@v1")
    assert (r.region, r.year, r.version) == ("wenzhou", 2022, "v1")
    assert str(r) == "wenzhou:2022@v1"
    assert str(ReportRef.parse("三亚市:2019")) == "三亚市:2019"
    assert ReportRef.parse("wenzhou:2022@ABCDEF12").version == "abcdef12"
    assert r.report_path == "reports/wenzhou/2022.xml"
    assert r.latest() == ReportRef("wenzhou", 2022)


@pytest.mark.parametrize("text", ["wenzhou", "wenzhou:22", "wenzhou:2022@", "wenzhou:2022@v0",
                                  "wenzhou:2022@xyz", "../etc:2022", ":2022", "wenzhou:1900"])
def test_bad_refs_are_refused_with_one_line(text):
    with pytest.raises(StoreError) as e:
        ReportRef.parse(text)
    assert "\n" not in str(e.value)


def test_looks_like_tells_refs_from_files(tmp_path, monkeypatch):
    assert ReportRef.looks_like("wenzhou:2022@v2")
    assert not ReportRef.looks_like(str(WZ22))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x:2022").write_text("a file with a colon")
    assert not ReportRef.looks_like("x:2022")


@pytest.mark.parametrize("bad", ["", "  ", "../etc", "/etc", "a/b", "..", ".git", "a b", "a:b", "x@y",
                                 "-rf", "_hidden", "w" * 65])
def test_bad_region_names_are_refused(bad):
    with pytest.raises(StoreError, match="invalid region"):
        check_region(bad)


def test_good_region_names_and_year_bounds():
    assert check_region("三亚市") == "三亚市"
    assert check_region("wenzhou") == "wenzhou"
    assert check_year("1949") == 1949 and check_year(2100) == 2100
    for y in (1948, 2101, "20x2"):
        with pytest.raises(StoreError, match="invalid year"):
            check_year(y)


def test_names_from_path(tmp_path):
    assert names_from_path(tmp_path / "cities" / "三亚市" / "2019.md") == ("三亚市", 2019)
    assert names_from_path(tmp_path / "wenzhou" / "2021-08.md") == ("wenzhou", 2021)
    assert names_from_path(tmp_path / "x" / "notes.txt") == ("x", None)
    assert names_from_path(tmp_path / "x" / "1900.txt") == ("x", None)


# ---- adding and versions -------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "st", create=True) as st:
        yield st


def test_add_writes_report_and_source_in_one_commit(store):
    res = store.add(WZ22, region="wenzhou", year=2022)
    assert res.added and str(res.ref) == "wenzhou:2022@v1"
    head = store.head()
    assert head == res.commit
    files = git(store.path, "show", "--name-only", "--format=", head).split()
    assert files == ["reports/wenzhou/2022.xml", "sources/wenzhou/2022.txt"]
    # the original bytes, untouched (GB/UTF-8, page numbers and all)
    assert store._blob(store._tree(head)["sources/wenzhou/2022.txt"]) == WZ22.read_bytes()
    msg = git(store.path, "log", "-1", "--format=%B")
    sha = hashlib.sha256(WZ22.read_bytes()).hexdigest()
    assert "wenzhou" in msg and "2022" in msg and "2022.txt" in msg and sha in msg
    # the working tree shows the same files, and git sees nothing to commit
    assert (store.path / "reports/wenzhou/2022.xml").read_bytes() == store.read_bytes(ReportRef("wenzhou", 2022))
    assert git(store.path, "status", "--porcelain") == ""
    report = store.read(ReportRef.parse("wenzhou:2022"))
    assert report.region == "wenzhou" and report.year == 2022
    assert "温州" in (report.title or "") + report.text()


def test_identical_text_is_a_no_op_that_says_so(store):
    first = store.add(WZ22, region="wenzhou", year=2022)
    again = store.add(WZ22, region="wenzhou", year=2022)
    assert again.status == "identical" and not again.added
    assert again.commit == first.commit == store.head()
    assert "identical" in again.describe() and "wenzhou:2022@v1" in again.describe()
    assert len(store.log("wenzhou", 2022)) == 1


def test_versions_within_a_year(store):
    v1 = store.add(WZ22, region="wenzhou", year=2022)
    v2 = store.add(WZ23, region="wenzhou", year=2022, message="revised text")
    assert str(v2.ref) == "wenzhou:2022@v2"
    versions = store.log("wenzhou", 2022)
    assert [str(v.ref) for v in versions] == ["wenzhou:2022@v1", "wenzhou:2022@v2"]
    assert [v.commit for v in versions] == [v1.commit, v2.commit]
    assert versions[0].summary.startswith("first version:")
    assert "paragraphs changed" in versions[1].summary
    assert "revised text" in versions[1].subject
    assert versions[1].source_name == "2023.md"
    # each version reads back as it was stored
    old = store.read(ReportRef.parse("wenzhou:2022@v1")).text()
    new = store.read(ReportRef.parse("wenzhou:2022")).text()
    assert old != new
    assert store.read(ReportRef.parse(f"wenzhou:2022@{v1.commit[:8]}")).text() == old
    # the source of v2 replaced v1's at the tip; v1's stays in history
    tip = store._tree(store.head())
    assert "sources/wenzhou/2022.md" in tip and "sources/wenzhou/2022.txt" not in tip
    assert "sources/wenzhou/2022.txt" in store._tree(v1.commit)


def test_unknown_references_are_clear_errors(store):
    store.add(WZ22, region="wenzhou", year=2022)
    with pytest.raises(StoreError, match="no such version"):
        store.resolve(ReportRef.parse("wenzhou:2022@v3"))
    with pytest.raises(StoreError, match="not in the store"):
        store.log("wenzhou", 2023)
    with pytest.raises(StoreError, match="no version"):
        store.resolve(ReportRef.parse("wenzhou:2022@deadbeef"))


def test_bad_names_refused_before_anything_is_written(store):
    for region, year in (("../etc", 2022), ("/etc", 2022), ("", 2022), ("wenzhou", 1900), ("wenzhou", 2101)):
        with pytest.raises(StoreError):
            store.add(WZ22, region=region, year=year)
    assert store.head() is None
    assert not (store.path / "reports").exists()


def test_bad_input_leaves_store_unchanged(store, tmp_path):
    store.add(WZ22, region="wenzhou", year=2022)
    head = store.head()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError):
        store.add(empty, region="wenzhou", year=2022)
    with pytest.raises(InputError):
        store.add(tmp_path / "missing.txt", region="wenzhou", year=2022)
    assert store.head() == head and len(store.log("wenzhou", 2022)) == 1


def test_list_is_filterable(store, tmp_path):
    a, b, n = (excerpt(f, tmp_path / f.name) for f in (WZ22, WZ23, NAT15))
    store.add(a, region="wenzhou", year=2022)
    store.add(b, region="wenzhou", year=2023)
    store.add(b, region="wenzhou", year=2022)
    store.add(n, region="national", year=2015)
    rows = [(e.region, e.year, e.versions) for e in store.list()]
    assert rows == [("national", 2015, 1), ("wenzhou", 2022, 2), ("wenzhou", 2023, 1)]
    assert [str(e.ref) for e in store.list(region="wenzhou")] == ["wenzhou:2022", "wenzhou:2023"]
    assert [str(e.ref) for e in store.list(year=2015)] == ["national:2015"]
    assert store.list(region="hailar") == []


def test_opening_a_missing_store_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Store.open(tmp_path / "nowhere")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(StoreError, match="not a wzdiff store"):
        Store.open(tmp_path / "full", create=True)


# ---- import ----------------------------------------------------------------------------------------
def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    for src, rel in ((WZ22, "wenzhou/2022.txt"), (WZ23, "wenzhou/2023.md"), (NAT15, "national/2015.txt"),
                     (WZ23, "三亚市/2021-08.md"), (WZ22, "三亚市/2021.txt")):
        excerpt(src, d / rel, 40)
    (d / "README.md").write_text("# not a report\n")
    (d / "bad").mkdir()
    (d / "bad" / "2020.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return d


def test_import_dir_adds_skips_and_rejects_with_reasons(store, tmp_path):
    d = _folder(tmp_path)
    seen = []
    res = import_dir(store, d, workers=2, progress=seen.append)
    assert sorted(i.ref for i in res.added) == ["national:2015@v1", "wenzhou:2022@v1", "wenzhou:2023@v1",
                                               "三亚市:2021@v1", "三亚市:2021@v2"]
    assert len(seen) == 6
    assert [Path(i.path).name for i in res.skipped] == ["README.md"]
    assert [Path(i.path).parent.name for i in res.rejected] == ["bad"]
    assert res.rejected[0].reason and "\n" not in res.rejected[0].reason
    # two files of one year became two versions, in path order (2021-08 before 2021)
    assert [v.source_name for v in store.log("三亚市", 2021)] == ["2021-08.md", "2021.txt"]
    assert len(res.commits) == 2  # one batch, split where the same report came twice
    # the path names the region and year the report is stored under; where the text says other, the
    # summary says so (an excerpt of Wenzhou 2022 filed as 三亚市/2021.txt)
    warned = {Path(i.path).relative_to(d).as_posix(): i.conflicts for i in res.added if i.conflicts}
    assert warned["三亚市/2021.txt"] == ("year 2021 given, but the text says 2022",
                                        "region 三亚市 given, but the text says 温州市")
    assert "wenzhou/2022.txt" not in warned and "national/2015.txt" not in warned
    again = import_dir(store, d, workers=2)
    assert again.added == [] and len(again.skipped) == 6 and len(again.rejected) == 1
    assert all("identical" in i.reason for i in again.skipped if i.ref)


# ---- the command line -------------------------------------------------------------------------------
def test_cli_round_trip(tmp_path):
    st = str(tmp_path / "st")
    run = CliRunner().invoke
    r = run(cli, ["add", str(WZ22), "--region", "wenzhou", "--year", "2022", "--store", st])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("added wenzhou:2022@v1 from 2022.txt")
    r = run(cli, ["add", str(WZ22), "--region", "wenzhou", "--year", "2022", "--store", st])
    assert r.exit_code == 0 and "identical" in r.output and "nothing to do" in r.output
    run(cli, ["add", str(WZ23), "--region", "wenzhou", "--year", "2022", "-m", "adopted", "--store", st])
    r = run(cli, ["list", "--store", st])
    assert r.exit_code == 0
    assert r.output.splitlines()[1].split("\t")[:2] == ["wenzhou:2022", "2"]
    r = run(cli, ["log", "wenzhou", "2022", "--store", st])
    lines = r.output.splitlines()
    assert lines[1].startswith("wenzhou:2022@v1\t") and lines[2].startswith("wenzhou:2022@v2\t")
    assert "adopted" in lines[2] and "first version" in lines[1]
    r = run(cli, ["show", "wenzhou:2022@v1", "--store", st])
    assert r.exit_code == 0 and r.output.startswith("wenzhou:2022@v1  commit ")
    assert "2022.txt" in r.output
    r = run(cli, ["export", "wenzhou:2022@v1", "--format", "xml", "--store", st])
    assert r.stdout_bytes.startswith(b"<?xml") and b'region="wenzhou"' in r.stdout_bytes
    out = tmp_path / "v2.json"
    r = run(cli, ["export", "wenzhou:2022", "--format", "json", "-o", str(out), "--store", st])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["store"]["ref"] == "wenzhou:2022@v2" and data["store"]["source"] == "2023.md"
    r = run(cli, ["export", "wenzhou:2022@v1", "--format", "txt", "--store", st])
    assert r.exit_code == 0 and r.output.count("\n") > 50
    r = run(cli, ["check", "--store", st])
    assert r.exit_code == 0 and r.output.startswith("check: ok")


def test_cli_errors_are_one_line_exit_2(tmp_path):
    st = str(tmp_path / "st")
    run = CliRunner().invoke
    r = run(cli, ["add", str(WZ22), "--region", "../etc", "--store", st])
    assert r.exit_code == 2 and r.output.startswith("wzdiff: error: invalid region '../etc'")
    r = run(cli, ["add", str(WZ22), "--region", "wenzhou", "--year", "1948", "--store", st])
    assert r.exit_code == 2 and "between 1949 and 2100" in r.output
    r = run(cli, ["list", "--store", st])
    assert r.exit_code == 2 and "no store" in r.output
    run(cli, ["add", str(WZ22), "--region", "wenzhou", "--year", "2022", "--store", st])
    r = run(cli, ["show", "wenzhou:2022@v9", "--store", st])
    assert r.exit_code == 2 and r.output.count("\n") == 1 and "no such version" in r.output


def test_default_store_is_relative_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WZDIFF_STORE", raising=False)
    src = excerpt(NAT15, tmp_path / "n" / "2015.txt", 30)
    r = CliRunner().invoke(cli, ["add", "n/2015.txt", "--region", "national", "--year", "2015"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "wzdiff-store" / "sources" / "national" / "2015.txt").read_bytes() == src.read_bytes()
    r = CliRunner().invoke(cli, ["log", "national", "2015"])
    assert r.exit_code == 0 and r.output.splitlines()[1].startswith("national:2015@v1\t")


def test_cli_import_and_env_store(tmp_path, monkeypatch):
    d = _folder(tmp_path)
    monkeypatch.setenv("WZDIFF_STORE", str(tmp_path / "envstore"))
    r = CliRunner().invoke(cli, ["import", str(d), "--workers", "2"])
    assert r.exit_code == 1, r.output  # one file rejected: the others are stored, the status says so
    assert r.output.strip().splitlines()[-1] == "import: 5 added, 1 skipped, 1 rejected (2 commits)"
    assert "README.md" in r.output and "bad/2020.txt" in r.output
    assert (tmp_path / "envstore" / "reports" / "三亚市" / "2021.xml").exists()


def test_compare_by_reference_reads_the_stored_versions(tmp_path):
    from store.loading import load_report

    st = tmp_path / "st"
    with Store.open(st, create=True) as s:
        s.add(WZ22, region="wenzhou", year=2022)
        s.add(WZ23, region="wenzhou", year=2022)
    a = load_report("wenzhou:2022@v1", store=st)
    b = load_report("wenzhou:2022", store=st)
    assert a.root.get("version") == "v1" and b.root.get("version") == "v2"
    assert a.text() != b.text()


# ---- only the latest version makes a re-add a no-op ------------------------------------------------
def test_re_adding_an_older_version_reverts_to_it_as_a_new_version(store, tmp_path):
    a, b = excerpt(WZ22, tmp_path / "a" / "2022.txt"), excerpt(WZ23, tmp_path / "b" / "2022.md")
    store.add(a, region="wenzhou", year=2022)
    store.add(b, region="wenzhou", year=2022)
    back = store.add(a, region="wenzhou", year=2022)
    assert back.added and str(back.ref) == "wenzhou:2022@v3"
    assert store.read_bytes(ReportRef.parse("wenzhou:2022")) == store.read_bytes(ReportRef.parse("wenzhou:2022@v1"))
    assert "sources/wenzhou/2022.txt" in store._tree(store.head())
    again = store.add(a, region="wenzhou", year=2022)  # identical to the latest (v3): a no-op
    assert again.status == "identical" and str(again.ref) == "wenzhou:2022@v3" and again.commit == back.commit
    assert len(store.log("wenzhou", 2022)) == 3
    assert store.check().ok


@pytest.mark.parametrize("broken", ["<report/>", None])  # invalid XML / a valid XML edited by hand
def test_a_latest_version_broken_by_a_hand_commit_is_repaired_by_re_adding(store, tmp_path, broken):
    a = excerpt(WZ22, tmp_path / "a" / "2022.txt")
    store.add(a, region="wenzhou", year=2022)
    xml = store.path / "reports" / "wenzhou" / "2022.xml"
    good = xml.read_bytes()
    xml.write_text(broken or good.decode("utf-8").replace("温州", "杭州", 1), encoding="utf-8")
    git(store.path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "edit by hand")
    assert not store.check().ok
    fixed = store.add(a, region="wenzhou", year=2022)  # the same source bytes as v1
    assert fixed.added and str(fixed.ref) == "wenzhou:2022@v3"
    assert store.read_bytes(ReportRef.parse("wenzhou:2022")) == good
    assert store.check().ok


def test_import_skips_only_what_is_the_latest_version(store, tmp_path):
    d = tmp_path / "in"
    a = excerpt(WZ22, d / "wenzhou" / "2022.txt")
    assert len(import_dir(store, d).added) == 1
    store.add(excerpt(WZ23, tmp_path / "b" / "2022.md"), region="wenzhou", year=2022)
    res = import_dir(store, d)  # a.txt is v1, but the latest is v2: importing it reverts
    assert [i.ref for i in res.added] == ["wenzhou:2022@v3"] and res.skipped == []
    assert store.read_bytes(ReportRef.parse("wenzhou:2022")) == store.read_bytes(ReportRef.parse("wenzhou:2022@v1"))
    res = import_dir(store, d)
    assert res.added == [] and [(i.ref, i.reason) for i in res.skipped] == [
        ("wenzhou:2022@v3", "identical to the stored wenzhou:2022@v3")]
    # a hand commit over the latest version: the same file is imported again, as a repair
    (store.path / "reports" / "wenzhou" / "2022.xml").write_text("<report/>", encoding="utf-8")
    git(store.path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "break it")
    res = import_dir(store, d)
    assert [i.ref for i in res.added] == ["wenzhou:2022@v5"] and store.check().ok
    assert a.read_bytes() == store._blob(store._tree(store.head())["sources/wenzhou/2022.txt"])


# ---- environment and messages --------------------------------------------------------------------
@pytest.mark.parametrize("value", ["abc", "-1", "nan", "1e999"])
def test_a_bad_lock_timeout_is_a_one_line_error(tmp_path, monkeypatch, value):
    monkeypatch.setenv("WZDIFF_LOCK_TIMEOUT", value)
    st = tmp_path / "st"
    r = CliRunner().invoke(cli, ["add", str(excerpt(NAT15, tmp_path / "n" / "2015.txt")), "--region", "national",
                                 "--year", "2015", "--store", str(st)])
    assert r.exit_code == 2, r.output
    assert r.output.count("\n") == 1 and r.output.startswith("wzdiff: error: invalid WZDIFF_LOCK_TIMEOUT=")
    assert not st.exists()
    monkeypatch.setenv("WZDIFF_LOCK_TIMEOUT", " 0.5 ")
    r = CliRunner().invoke(cli, ["add", str(tmp_path / "n" / "2015.txt"), "--region", "national",
                                 "--year", "2015", "--store", str(st)])
    assert r.exit_code == 0, r.output


def test_messages_say_what_is_wrong(tmp_path):
    st = str(tmp_path / "st")
    run = CliRunner().invoke
    assert run(cli, ["add", str(excerpt(NAT15, tmp_path / "n" / "2015.txt")), "--region", "national",
                     "--year", "2015", "--store", st]).exit_code == 0
    r = run(cli, ["list", "nosuch", "--store", st])
    assert r.exit_code == 2 and r.output == "wzdiff: error: no reports of region nosuch (regions: national)\n"
    r = run(cli, ["list", "national", "--store", st])
    assert r.exit_code == 0 and r.output.splitlines()[1].startswith("national:2015\t")
    r = run(cli, ["add", str(tmp_path / "n"), "--region", "national", "--year", "2016", "--store", st])
    assert r.exit_code == 2 and "is a directory" in r.output and "no such file" not in r.output
    r = run(cli, ["add", str(tmp_path / "n" / "2015.txt"), "--region", "-x", "--year", "2016", "--store", st])
    assert r.exit_code == 2 and "start with a letter or digit" in r.output
    with pytest.raises(StoreError, match="longer than 64"):
        check_region("w" * 65)


def test_change_summaries_use_the_singular_for_one():
    from store.prepare import change_summary

    assert change_summary(None, "一段话") == "first version: 1 paragraph, 3 characters"
    assert change_summary(None, "甲\n乙") == "first version: 2 paragraphs, 2 characters"
    assert change_summary("甲\n乙\n丙", "甲\n丁\n丙").startswith("1 paragraph changed, 0 added, 0 removed")
    assert change_summary("甲\n乙", "丙\n丁").startswith("2 paragraphs changed")


@pytest.mark.parametrize("command", ["add", "list", "log", "show", "export", "import", "check"])
def test_every_store_command_has_a_help_example_that_exists_in_a_clone(command):
    r = CliRunner().invoke(cli, [command, "--help"])
    assert r.exit_code == 0 and "Example:" in r.output
    lines = [ln.split() for ln in r.output.split("Example:")[1].splitlines() if ln.strip().startswith("wzdiff ")]
    assert lines and all(ln[1] == command for ln in lines)
    for word in (w for ln in lines for w in ln):
        if word.startswith(("samples/", "../")):  # sample files the example names exist in a clone
            assert (ROOT / word).exists(), word


def test_export_to_a_missing_directory_is_a_one_line_error(tmp_path):
    st = str(tmp_path / "st")
    run = CliRunner().invoke
    run(cli, ["add", str(excerpt(NAT15, tmp_path / "n" / "2015.txt")), "--region", "national", "--year", "2015",
              "--store", st])
    r = run(cli, ["export", "national:2015", "-o", str(tmp_path / "no" / "x.xml"), "--store", st])
    assert r.exit_code == 2 and r.output.count("\n") == 1 and "cannot write" in r.output
    out = tmp_path / "x.xml"
    r = run(cli, ["export", "national:2015", "-o", str(out), "--store", st])
    assert r.exit_code == 0 and out.read_bytes() == (tmp_path / "st" / "reports" / "national" / "2015.xml").read_bytes()


def test_a_git_repository_that_is_not_a_store_is_refused(tmp_path):
    """--store pointing at a project's own repository must not commit reports into it."""
    repo = tmp_path / "project"
    repo.mkdir()
    (repo / "notes.txt").write_text("mine", encoding="utf-8")
    for args in (["init", "-q"], ["add", "notes.txt"], ["-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    with pytest.raises(StoreError, match="not a wzdiff store"):
        Store.open(repo, create=True)
    log = subprocess.run(["git", "log", "--oneline"], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert len(log.splitlines()) == 1
    fresh = tmp_path / "fresh"  # a fresh `git init` holding the user's files, no commit yet
    fresh.mkdir()
    (fresh / "draft.txt").write_text("mine", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=fresh, check=True)
    with pytest.raises(StoreError, match="not a wzdiff store"):
        Store.open(fresh, create=True)


def test_import_leaves_out_links_that_lead_outside_the_folder(tmp_path):
    """Break test: ln -s /etc/passwd DIR/wenzhou/2016.txt was stored as wenzhou:2016. A link inside
    the folder is still a report."""
    import shutil

    from _paths import SAMPLES
    from store.importer import find_reports

    region = tmp_path / "in" / "wenzhou"
    region.mkdir(parents=True)
    outside = tmp_path / "secret.txt"
    outside.write_text("不是报告", encoding="utf-8")
    (region / "2016.txt").symlink_to(outside)
    shutil.copy(SAMPLES / "wenzhou" / "2022.txt", region / "2022.txt")
    (region / "2023.txt").symlink_to(region / "2022.txt")
    found, other = find_reports(tmp_path / "in")
    assert [p.name for p in found] == ["2022.txt", "2023.txt"]
    assert [p.name for p in other] == ["2016.txt"]
    from store.importer import import_dir

    (region / "2023.txt").unlink()
    result = import_dir(Store.open(tmp_path / "store", create=True), tmp_path / "in")
    assert [(Path(i.path).name, i.reason) for i in result.skipped] == [("2016.txt", "a link that leads outside the folder")]
