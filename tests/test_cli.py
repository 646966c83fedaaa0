"""The command line as a user runs it (a real process through ``wzdiff.main``): one-line errors,
outputs that never destroy inputs, and the inputs a newcomer tried that once crashed."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from _paths import ROOT, SAMPLES

W22 = SAMPLES / "wenzhou" / "2022.txt"
W23 = SAMPLES / "wenzhou" / "2023.md"


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", *args],
                          capture_output=True, text=True, cwd=cwd or ROOT, timeout=120)


def one_line_error(p: subprocess.CompletedProcess, *words: str) -> None:
    assert p.returncode == 2, (p.returncode, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wzdiff: error: "), p.stderr
    assert "Traceback" not in p.stderr
    for w in words:
        assert w in lines[0], lines[0]


def test_usage_errors_are_one_line():
    one_line_error(run("compare", str(W22), "--bogus"), "--bogus", "wzdiff compare --help")
    one_line_error(run("compare", str(W22)), "Missing argument 'B'")
    one_line_error(run("add", str(W22), "--year", "abc"), "--year", "abc")


def test_an_empty_output_name_is_one_line():
    """Break test: ``-o ''`` said "standard output: cannot write (Is a directory)"."""
    one_line_error(run("targets", str(W22), "-o", ""), "-o needs a file name")
    one_line_error(run("compare", str(W22), str(W23), "--format", "json", "-o", ""), "-o needs a file name")


def test_output_to_missing_directory_is_one_line(tmp_path):
    one_line_error(run("compare", str(W22), str(W23), "-o", str(tmp_path / "nodir" / "x.html")),
                   "cannot write", "No such file or directory")


def test_output_never_overwrites_an_input(tmp_path):
    a = tmp_path / "a.txt"
    a.write_bytes(W22.read_bytes())
    before = hashlib.sha256(a.read_bytes()).hexdigest()
    one_line_error(run("compare", str(a), str(W23), "-o", str(a)), "is one of the input reports")
    assert hashlib.sha256(a.read_bytes()).hexdigest() == before


def test_drift_and_trace_never_overwrite_a_report_of_their_directory(tmp_path):
    dd = tmp_path / "dd"
    dd.mkdir()
    for f in (W22, W23):
        (dd / f.name).write_bytes(f.read_bytes())
    before = hashlib.sha256((dd / "2022.txt").read_bytes()).hexdigest()
    one_line_error(run("drift", str(dd), "-o", str(dd / "2022.txt")), "is inside")
    one_line_error(run("trace", str(dd), "新能源", "--format", "json", "-o", str(dd / "2022.txt")), "is inside")
    assert hashlib.sha256((dd / "2022.txt").read_bytes()).hexdigest() == before
    one_line_error(run("drift", str(dd), "-o", str(dd / "2025.txt")), "is inside")  # read as a report next time
    assert not (dd / "2025.txt").exists()


def test_no_output_into_the_store(tmp_path):
    st = tmp_path / "st"
    assert run("add", str(W22), "--region", "wenzhou", "--year", "2022", "--store", str(st)).returncode == 0
    head = (st / ".git" / "HEAD").read_bytes()
    one_line_error(run("targets", "wenzhou:2022", "--store", str(st), "-o", str(st / ".git" / "HEAD")), "is inside")
    one_line_error(run("export", "wenzhou:2022", "--format", "txt", "--store", str(st), "-o",
                       str(st / "reports" / "wenzhou" / "2022.xml")), "is inside")
    assert (st / ".git" / "HEAD").read_bytes() == head
    assert run("check", "--store", str(st)).returncode == 0


def test_output_into_a_device_a_pipe_or_a_symlink_writes_through(tmp_path):
    import os

    null = tmp_path / "null"
    os.symlink("/dev/null", null)  # a symlink to the real device: neither may be replaced
    p = run("targets", str(W22), "--format", "json", "-o", str(null))
    assert p.returncode == 0, p.stderr
    assert null.is_symlink() and not Path("/dev/null").is_file()
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    os.symlink(real, link)
    assert run("targets", str(W22), "--format", "json", "-o", str(link)).returncode == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))


def test_output_to_dev_stdout_works_on_a_pipe_and_keeps_an_appended_file(tmp_path):
    """``-o /dev/stdout`` writes through the open stream: on a pipe it is the JSON (it once failed:
    the name resolves to ``pipe:[…]``), and a file the shell opened for appending keeps its text
    (it was once replaced by a rename)."""
    p = run("targets", str(W22), "--format", "json", "-o", "/dev/stdout")
    assert p.returncode == 0, p.stderr
    assert any(t["value"] == 5.5 and t["unit"] == "%" for t in json.loads(p.stdout))
    log = tmp_path / "log.txt"
    log.write_text("earlier line\n", encoding="utf-8")
    with open(log, "a", encoding="utf-8") as f:
        done = subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", "targets", str(W22),
                               "--format", "csv", "-o", "/dev/stdout"], stdout=f, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier line\n") and "地区生产总值" in text


def test_closed_standard_output_is_a_one_line_error():
    """Break test: ``wzdiff … >&-`` (standard output closed) ended in an AttributeError traceback."""
    for fmt in ("json", "text"):
        p = subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", "targets", str(W22),
                            "--format", fmt], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           cwd=ROOT, timeout=120, preexec_fn=lambda: __import__("os").close(1))
        one_line_error(p, "standard output is closed")


def _reader_leaves(args: list, take: int, **kw) -> subprocess.CompletedProcess:
    """Run wzdiff with ``args`` into a pipe whose reader takes ``take`` bytes (0: none) and goes, as
    ``| head -c N`` does; the pipe holds 4 KB (Linux ``F_SETPIPE_SZ``: a default pipe holds 64 KB, and
    an output that fits there may be written whole before the reader goes, so the test would pass or
    fail by timing). Returns the finished process with its standard error."""
    import fcntl

    r, w = os.pipe()
    fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 4096)
    p = subprocess.Popen([sys.executable, "-c", "import wzdiff; wzdiff.main()", *args], stdout=w,
                         stderr=subprocess.PIPE, cwd=ROOT, **kw)
    os.close(w)
    with os.fdopen(r, "rb") as reader:
        assert len(reader.read(take)) == take
    err = p.stderr.read().decode()
    p.wait(timeout=120)
    return subprocess.CompletedProcess(p.args, p.returncode, "", err)


def test_a_reader_closing_the_pipe_is_a_one_line_error_for_every_format():
    """Break test: the terminal table into a pipe whose reader had gone exited 1 in silence (rich's
    own handling) while JSON gave a one-line error; now both give the one line."""
    for fmt in ("text", "json"):  # the reader is gone before the first byte
        one_line_error(_reader_leaves(["compare", str(W22), str(W23), "--format", fmt], 0), "output closed")
    # a reader that takes a little and goes (| head -c 10): the large write came back short with no
    # error and the process exited 0, the JSON (532 KB) cut at 64 KB, and so did the terminal table of
    # targets (68 KB here) in one print (break tests)
    for args in (["compare", str(W22), str(W23), "--format", "json"], ["compare", str(W22), str(W23), "--format", "html"],
                 ["targets", str(W22)]):
        # COLUMNS=50: the table wraps to about 100 KB, well past what a pipe holds
        one_line_error(_reader_leaves(args, 10, env={**os.environ, "COLUMNS": "50"}), "output closed")


def test_running_out_of_memory_is_a_one_line_error(tmp_path):
    """Break test: 8,000 identical paragraphs under one parent needed 4.9 GB, and under a memory limit
    the compare ended in numpy's _ArrayMemoryError traceback. Here 5,000 (about 2 GB) under 1.5 GB."""
    import resource

    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(["（一）加强建设。"] * 5000), encoding="utf-8")
    limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))  # noqa: E731
    p = subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", "compare", str(big), str(big),
                        "--format", "json", "-o", str(tmp_path / "out.json")], capture_output=True, text=True,
                       cwd=ROOT, timeout=300, preexec_fn=limit, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    one_line_error(p, "out of memory")
    assert not (tmp_path / "out.json").exists()


def test_standard_input_is_read_for_dash():
    """``-`` names the report piped in: its format is told by its bytes (the Markdown page gives the
    same targets as the file), and compare takes it as A or B, but not both."""
    def piped(path: Path, *args: str) -> subprocess.CompletedProcess:
        with open(path, "rb") as f:
            return subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", *args], stdin=f,
                                  capture_output=True, text=True, cwd=ROOT, timeout=120)

    from_file = json.loads(run("targets", str(W23), "--format", "json").stdout)
    p = piped(W23, "targets", "-", "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == from_file and len(from_file) > 200
    p = piped(W22, "compare", "-", str(W23), "--format", "json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["a"]["year"] == 2022 and d["a"]["source"] == "-"
    assert d["sections"] == json.loads(run("compare", str(W22), str(W23), "--format", "json").stdout)["sections"]
    one_line_error(piped(W22, "compare", "-", "-"), "only one of A and B")
    one_line_error(subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", "targets", "-"],
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT, timeout=120),
                   "-: empty file")


def test_output_format_follows_the_file_name(tmp_path):
    """Without ``--format``, ``-o x.json``/``x.csv`` write JSON/CSV for targets, drift and trace too
    (``targets -o x.json`` once wrote the terminal table)."""
    assert run("targets", str(W22), "-o", str(tmp_path / "t.json")).returncode == 0
    assert any(t["value"] == 5.5 for t in json.loads((tmp_path / "t.json").read_text(encoding="utf-8")))
    assert run("targets", str(W22), "-o", str(tmp_path / "t.csv")).returncode == 0
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[0].startswith("text,value,unit,")
    assert run("drift", str(SAMPLES / "national"), "--indicator", "gdp/%", "-o", str(tmp_path / "d.json")).returncode == 0
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert run("trace", str(SAMPLES / "wenzhou"), "新能源", "-o", str(tmp_path / "l.json")).returncode == 0
    assert json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    # a suffix of a format the command cannot write is refused (it once got the table silently);
    # an unknown suffix gets the command's file default
    one_line_error(run("targets", str(W22), "-o", str(tmp_path / "t.html")), "cannot write .html", ".json, .csv, .txt")
    assert not (tmp_path / "t.html").exists()
    one_line_error(run("trace", str(SAMPLES / "wenzhou"), "新能源", "-o", str(tmp_path / "l.csv")), "cannot write .csv")
    one_line_error(run("compare", str(W22), str(W23), "-o", str(tmp_path / "c.pdf")), "cannot write .pdf")
    assert run("targets", str(W22), "-o", str(tmp_path / "t.out")).returncode == 0
    assert "5.5%" in (tmp_path / "t.out").read_text(encoding="utf-8")


def test_html_saved_by_a_browser_is_read(tmp_path):
    """A page saved by a browser starts with a comment; an XML declaration or a DOCTYPE with an
    entity may stand before <html>. None of them may crash the reader or expand an entity."""
    page = tmp_path / "page.html"
    page.write_text('<!-- saved from url=(0036)http://www.gov.cn/ -->\n<!DOCTYPE x [<!ENTITY e "SECRET">]>'
                    "<html><body><p>各位代表：</p><h4>一、2022年工作回顾</h4><p>地区生产总值增长6%左右。</p><p>R&amp;D投入持续增加。</p>"
                    "<script>alert(1)</script></body></html>", encoding="utf-8")
    p = run("targets", str(page), "--format", "json")
    assert p.returncode == 0, p.stderr
    records = json.loads(p.stdout)
    assert [(r["indicator"], r["value"], r["bound"]) for r in records] == [("地区生产总值", 6, "about")]
    assert "SECRET" not in p.stdout and "alert" not in p.stdout


def test_utf16_without_bom_is_read(tmp_path):
    f = tmp_path / "2024.txt"
    f.write_bytes((SAMPLES / "wenzhou" / "2024.txt").read_text(encoding="utf-8").encode("utf-16-le"))
    p = run("targets", str(f), "--format", "json")
    assert p.returncode == 0, p.stderr
    records = json.loads(p.stdout)
    assert any(r["indicator_key"] == "gdp" and r["value"] == 8730.6 for r in records)
    assert all(r["value"] is not None for r in records)  # quantified statements only …
    p = run("targets", str(f), "--format", "json", "--words")  # … unless asked for the items in words
    assert [r["text"] for r in json.loads(p.stdout) if r["value"] is None] == ["一般公共预算收入与经济增长基本同步"]


def test_exported_xml_compares_like_its_source(tmp_path):
    """`compare` reads a report XML written by wzdiff (as `export --format xml` gives it)."""
    from store.parse import parse_file

    xml = tmp_path / "w22.xml"
    xml.write_bytes(parse_file(W22).to_bytes())
    from_xml = run("compare", str(xml), str(W23), "--format", "json")
    from_txt = run("compare", str(W22), str(W23), "--format", "json")
    assert from_xml.returncode == 0, from_xml.stderr
    a, b = json.loads(from_xml.stdout), json.loads(from_txt.stdout)
    assert a["sections"] == b["sections"] and a["targets"] == b["targets"]


def test_foreign_or_hostile_xml_is_refused(tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><report>&a;</report>')
    one_line_error(run("compare", str(evil), str(W23)), "evil.xml", "DOCTYPE")
    other = tmp_path / "other.xml"
    other.write_text('<?xml version="1.0"?><rss><item>地区生产总值</item></rss>')
    one_line_error(run("targets", str(other)), "other.xml")


def test_too_large_input_is_refused(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text("经济增长6%左右。" * 250_000, encoding="utf-8")
    one_line_error(run("targets", str(huge)), "huge.txt", "too long")


def test_compare_output_format_follows_the_file_name(tmp_path):
    assert run("compare", str(W22), str(W23), "-o", str(tmp_path / "d.json")).returncode == 0
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["targets"]
    assert run("compare", str(W22), str(W23), "-o", str(tmp_path / "d.html")).returncode == 0
    assert (tmp_path / "d.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_show_into_a_pipe_whose_reader_left_is_a_one_line_error(tmp_path):
    """Break test: ``wzdiff show REF | head -c 10`` exited 1 with nothing said (click's own handling of
    a broken pipe in click.echo). The 52 KB it prints fits in a default pipe, so the test gives it a
    4 KB one (it once passed or failed by timing)."""
    store = tmp_path / "store"
    assert run("add", str(W22), "--region", "wenzhou", "--store", str(store)).returncode == 0
    one_line_error(_reader_leaves(["show", "wenzhou:2022", "--store", str(store)], 10), "output closed")


def test_an_export_is_read_back_from_standard_input_and_json_is_refused(tmp_path):
    """Break test: the XML of ``wzdiff export`` piped into ``targets -`` was refused while the same file
    by name was read; the JSON export was read as a report of 10,978 paragraphs."""
    store = tmp_path / "store"
    assert run("add", str(W22), "--region", "wenzhou", "--store", str(store)).returncode == 0
    xml = subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", "export", "wenzhou:2022", "--store",
                          str(store)], capture_output=True, cwd=ROOT, timeout=120).stdout
    p = subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", "targets", "-", "--format", "json"],
                       input=xml, capture_output=True, cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == json.loads(run("targets", str(W22), "--format", "json").stdout)
    # without --format the -o name chooses, as for every other command (e.json once got XML)
    assert run("export", "wenzhou:2022", "--store", str(store), "-o", str(tmp_path / "e.json")).returncode == 0
    assert json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))["meta"]["year"] == 2022
    assert run("export", "wenzhou:2022", "--store", str(store), "-o", str(tmp_path / "e.txt")).returncode == 0
    assert (tmp_path / "e.txt").read_text(encoding="utf-8").startswith("各位代表")
    one_line_error(run("targets", str(tmp_path / "e.json")), "a JSON file, not a report")
