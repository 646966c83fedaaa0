"""The input reader's guards (``store.reading``), with real report text: bounded reads from any
kind of file (``/dev/zero``, FIFOs, huge files), other encodings read as GB18030 mojibake,
files cut inside their last character, and where an undecodable byte is. Every refusal is one
``InputError`` line naming the file; in the CLI, ``wzdiff: error: …`` and exit 2."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from _paths import ROOT, SAMPLES
from store import reading
from store.errors import InputError
from store.reading import (common_han_share, decode_text, read_bytes,
                           read_file, read_limited)

WZ22 = SAMPLES / "wenzhou" / "2022.txt"
WZ24 = SAMPLES / "wenzhou" / "2024.txt"
NAT19 = SAMPLES / "national" / "2019.txt"
HAILAR16 = SAMPLES / "hailar" / "2016.txt"  # GB18030, CRLF
SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")


def refused(path_or_data, *words: str, name: str = "report.txt") -> str:
    """The one-line ``InputError`` reading ``path_or_data`` gives; it must contain ``words``."""
    with pytest.raises(InputError) as e:
        if isinstance(path_or_data, Path):
            read_file(path_or_data)
        else:
            read_bytes(path_or_data, name)
    msg = str(e.value)
    assert "\n" not in msg, msg
    for w in words:
        assert w in msg, (w, msg)
    return msg


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def one_line_cli_error(p: subprocess.CompletedProcess, *words: str) -> str:
    assert p.returncode == 2, (p.returncode, p.stderr[-2000:])
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wzdiff: error: "), p.stderr[-2000:]
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


def text_of(path: Path) -> str:
    return decode_text(path.read_bytes(), path.name)[0]


# ---- 1. bounded reads -------------------------------------------------------------------------
def test_dev_zero_is_refused_by_size_not_read_forever():
    refused(Path("/dev/zero"), "/dev/zero: ", "more than 50.0 MB is too large", "limit 50 MB")


def test_dev_zero_in_the_cli_is_one_line_and_bounded():
    # The process may not use much more than the limit: were /dev/zero read to its (absent) end,
    # the address-space cap would end it in a MemoryError traceback instead of this message.
    p = subprocess.run([sys.executable, "-c", "import resource, wzdiff; "
                        "resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30)); wzdiff.main()",
                        "targets", "/dev/zero"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    one_line_cli_error(p, "/dev/zero: more than 50.0 MB is too large for a work report")


def test_huge_regular_file_is_refused_by_its_size_before_reading(tmp_path):
    big = tmp_path / "2022.txt"
    with big.open("wb") as fh:  # real text, then a hole: 60 MB on paper, nothing to read
        fh.write(WZ22.read_bytes())
        fh.truncate(60 * 2**20)
    # "60.0 MB" is the file's size from stat; a read would have stopped at "more than 50.0 MB"
    refused(big, "2022.txt: 60.0 MB is too large", "limit 50 MB")
    one_line_cli_error(cli("targets", str(big)), "60.0 MB is too large")


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _writer(path: Path, chunks, written: list) -> threading.Thread:
    def run():
        try:
            with open(path, "wb") as fh:
                for chunk in chunks:
                    fh.write(chunk)
                    written[0] += len(chunk)
        except BrokenPipeError:  # the reader stopped at its limit and closed the pipe
            pass

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_fifo_with_a_report_is_read_like_the_file(tmp_path):
    fifo = _fifo(tmp_path, "2019.txt")
    data = NAT19.read_bytes()
    written = [0]
    t = _writer(fifo, [data[i:i + 4096] for i in range(0, len(data), 4096)], written)  # short reads
    src = read_file(fifo)
    t.join(10)
    assert not t.is_alive() and written[0] == len(data)
    want = read_file(NAT19)
    assert src.encoding == "utf-8" and src.name == "2019.txt" and src.sha256 == want.sha256
    assert [ln.text for ln in src.lines] == [ln.text for ln in want.lines]


def test_endless_fifo_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 2**20)
    fifo = _fifo(tmp_path, "endless.txt")
    line = WZ22.read_bytes()

    def forever():
        while True:
            yield line

    written = [0]
    t = _writer(fifo, forever(), written)
    refused(fifo, "endless.txt: more than 1.0 MB is too large", "limit 1 MB")
    t.join(10)
    assert not t.is_alive()
    # The reader took at most the limit + 1 byte; the rest is what the pipe buffered.
    assert written[0] < 2**20 + 1 + 2**20 + len(line)


def test_read_limited_reads_at_most_the_limit(tmp_path):
    f = tmp_path / "2024.txt"
    f.write_bytes(WZ24.read_bytes())
    assert read_limited(f) == WZ24.read_bytes()
    assert read_limited(f, limit=len(WZ24.read_bytes())) == WZ24.read_bytes()
    with pytest.raises(InputError, match="is too large"):
        read_limited(f, limit=len(WZ24.read_bytes()) - 1)
    with pytest.raises(InputError, match="no such file|cannot read"):
        read_limited(tmp_path / "nowhere.txt")


def test_read_bytes_size_check_comes_first():
    with pytest.raises(InputError, match=r"big.txt: 50.0 MB is too large"):
        read_bytes(b" " * (reading.MAX_BYTES + 1), "big.txt")  # blank, but too large to look at


# ---- 2. other encodings read as GB18030 mojibake -----------------------------------------------
def _convert(text: str, enc: str, tmp_path: Path) -> bytes:
    """``iconv -t ENC -c`` of ``text`` (Python's codec with errors='ignore' without iconv)."""
    if shutil.which("iconv"):
        p = subprocess.run(["iconv", "-f", "UTF-8", "-t", enc, "-c"], input=text.encode("utf-8"),
                           capture_output=True, timeout=60)
        if p.stdout:
            return p.stdout
    return text.encode({"BIG5": "big5", "SHIFT_JIS": "shift_jis", "EUC-KR": "euc-kr"}[enc], errors="ignore")


@pytest.mark.parametrize("sample", [WZ22, NAT19], ids=["wenzhou-2022", "national-2019"])
@pytest.mark.parametrize("enc", ["BIG5", "SHIFT_JIS", "EUC-KR"])
def test_other_encodings_are_refused_not_read_as_mojibake(sample, enc, tmp_path):
    data = _convert(text_of(sample), enc, tmp_path)
    f = tmp_path / f"{enc.lower()}.txt"
    f.write_bytes(data)
    gb = data.decode("gb18030", errors="replace")
    n, share = common_han_share(gb)
    assert n > 1000 and share < 0.35  # what the reader used to accept, e.g. 体穝玜薄 from Big5
    refused(f, f"{f.name}: does not decode as Chinese text in UTF-8, GB18030 or UTF-16",
            "wrong encoding?", f"only {share:.0%} of its {n} Han characters")


def test_big5_in_the_cli_is_one_line(tmp_path):
    f = tmp_path / "big5.txt"
    f.write_bytes(_convert(text_of(WZ22), "BIG5", tmp_path))
    one_line_cli_error(cli("targets", str(f)), "big5.txt: does not decode as Chinese text", "wrong encoding?")


def test_real_reports_in_gb18030_and_utf16_are_still_read(tmp_path):
    """Every sample re-encoded as GB18030 and as UTF-16 (with and without BOM) is read back to the
    same text; the real GB18030 files (Hailar) are read as they are."""
    for path in SAMPLE_FILES:
        text = text_of(path)
        for enc, data in (("gb18030", text.encode("gb18030")),
                          ("utf-16", b"\xff\xfe" + text.encode("utf-16-le")),
                          ("utf-16-le", text.encode("utf-16-le"))):
            got, label = decode_text(data, path.name)
            assert (got, label) == (text, enc), (path, enc)
    src = read_file(HAILAR16)
    assert src.encoding == "gb18030" and b"\r\n" in HAILAR16.read_bytes()


def test_short_texts_are_not_judged():
    """Fewer than COMMON_HAN_MIN_COUNT Han characters are too few to judge: a place name with
    a rare character in GB18030 is read."""
    src = read_bytes("瓯海区、洞头区、鹿城区、龙湾区\n".encode("gb18030"), "names.txt")
    assert src.encoding == "gb18030" and src.lines[0].text == "瓯海区、洞头区、鹿城区、龙湾区"


@pytest.mark.parametrize("text", ["Government work report: growth of 5% this year.\n", "你好\n"])
def test_a_text_with_hardly_any_chinese_is_no_report(text):
    """Break test: English text and a greeting were compared as reports (year and region null)."""
    refused(text.encode("utf-8"), "note.txt: not a Chinese work report", name="note.txt")


# ---- 3. truncated text --------------------------------------------------------------------------
def test_short_truncated_utf8_is_not_read_as_gb18030():
    data = "政".encode("utf-8") + "府".encode("utf-8")[:1]
    assert data == bytes.fromhex("e6 94 bf e5") and data.decode("gb18030") == "鏀垮"
    refused(data, "cut.txt: truncated UTF-8 text", "offset 3 of 4", "e5", name="cut.txt")


@pytest.mark.parametrize("keep", [1, 2])
def test_long_truncated_utf8_says_so_like_the_short_one(keep, tmp_path):
    data = WZ22.read_bytes().rstrip()
    last = data.rfind("项".encode("utf-8"))  # 中央八项规定, near the end; cut inside 项
    cut = data[:last + keep]
    f = tmp_path / "cut.txt"
    f.write_bytes(cut)
    refused(f, "cut.txt: truncated UTF-8 text", f"offset {last} of {len(cut)}", "cut short")
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + cut)  # offsets count the BOM
    refused(bom, "bom.txt: truncated UTF-8 text", f"offset {last + 3} of {len(cut) + 3}")


def test_truncated_gb18030_still_says_so(tmp_path):
    gb = text_of(HAILAR16).rstrip().encode("gb18030")
    two = gb + "府".encode("gb18030")[:1]
    four = gb + "\U00020000".encode("gb18030")[:3]  # a four-byte character cut after 3 bytes
    for data, tail in ((two, 1), (four, 3)):
        refused(data, "2016.txt: truncated GB18030 text", f"offset {len(gb)} of {len(gb) + tail}",
                name="2016.txt")
    real = HAILAR16.read_bytes()
    refused(real[:-3] + real[-3:].rstrip(b"\r\n") + b"\xd5", "truncated GB18030", name="2016.txt")


def test_truncated_utf16_says_so():
    data = b"\xff\xfe" + text_of(WZ24).encode("utf-16-le")[:-1]
    refused(data, "2024.txt: truncated UTF-16 text", f"of {len(data)}", name="2024.txt")


# ---- 4. where an undecodable byte is ------------------------------------------------------------
def test_bad_bytes_at_the_end_name_offset_and_causes(tmp_path):
    good = "各位代表：现在，我代表市人民政府".encode("utf-8")[:27]
    f = tmp_path / "tailbad.txt"
    f.write_bytes(good + b"\xff\xfe\xff")
    msg = refused(f, "tailbad.txt: not valid UTF-8 text", "offset 27 of 30", "near the end", "ff fe ff",
                  "damaged or truncated, or in another encoding")
    one_line_cli_error(cli("targets", str(f)), msg)


def test_bad_byte_in_the_middle_of_a_real_report(tmp_path):
    u8 = WZ24.read_bytes()
    at = u8.index("。".encode("utf-8"), 5000) + 3  # after a full character
    refused(u8[:at] + b"\xff" + u8[at:], "not valid UTF-8 text", f"offset {at} of {len(u8) + 1}",
            "in another encoding", name="mid.txt")
    gb = HAILAR16.read_bytes()
    at = gb.index("。".encode("gb18030"), 3000) + 2
    msg = refused(gb[:at] + b"\xff" + gb[at:], "not valid GB18030 text", f"offset {at} of {len(gb) + 1}",
                  name="2016.txt")
    assert "near the end" not in msg


def test_control_characters_are_refused_in_one_line_and_form_feeds_are_page_breaks(tmp_path):
    text = WZ22.read_text(encoding="utf-8")
    for ch in ("\x01", "\x1b", "\ufffe"):  # not text; XML cannot hold them
        refused((text[:500] + ch + text[500:]).encode("utf-8"), "holds the control character", name="c.txt")
    # pdftotext separates pages with a form feed: whitespace, not content
    i = text.index("- 2 -")
    src = read_bytes((text[:i] + "\x0c" + text[i:]).encode("utf-8"), "ff.txt")
    assert not any("\x0c" in ln.text for ln in src.lines)


def _docx_bytes(document_xml: str) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def test_a_docx_that_unpacks_too_large_or_holds_too_much_text_is_refused_at_once():
    """Break test: a 1.5 MB DOCX unpacking to 300 MB ran for minutes, a 190 KB one holding 9 million
    characters for 172 s. Both are refused in one line before python-docx parses them."""
    bomb = _docx_bytes("<w:document>" + "a" * (80 * 2**20) + "</w:document>")
    many = _docx_bytes("<w:document><w:body>" + ("<w:p><w:r><w:t>" + "各位代表" * 1000 + "</w:t></w:r></w:p>") * 800
                       + "</w:body></w:document>")
    for data, words in ((bomb, "unpacks to 80 MB"), (many, "about 3200000 characters")):
        with pytest.raises(InputError) as e:
            read_bytes(data, "report.docx")
        assert words in str(e.value) and "\n" not in str(e.value)


def test_hostile_markdown_headers_and_deep_html_from_the_break_test():
    """Session 4's break test: a YAML alias bomb in a Markdown header ran for minutes and gigabytes, a
    20,000-deep list raised RecursionError; HTML nested over 256 elements (old pages never close
    <font>) lost the rest of the report without a word. Now the header is kept as text only, pages up
    to libxml2's 2048 levels are read whole and deeper ones are refused."""
    body = "\n\n各位代表：\n\n一、2022年工作回顾\n\n地区生产总值增长8%。\n"
    bomb = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    prev = "a"
    for n in "bcdefghi":
        bomb += f"{n}: &{n} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = n
    for header in (bomb + "title: x\n---", "---\na: " + "[" * 20000 + "]" * 20000 + "\n---"):
        src = read_bytes((header + body).encode("utf-8"), "r.md")
        assert src.meta == {} and any("地区生产总值" in ln.text for ln in src.lines)
    src = read_bytes(("---\ntitle: 温州市政府工作报告\ndate: 2023-02-08\n---" + body).encode("utf-8"), "r.md")
    assert src.meta == {"title": "温州市政府工作报告", "date": "2023-02-08"}
    deep = ("<html><body>" + "<font>" * 400 + "<p>一、2022年工作回顾</p><p>地区生产总值增长8%。</p>"
            + "<p>二、2023年工作安排</p><p>地区生产总值增长6%左右。</p></body></html>")
    assert [ln.text for ln in read_bytes(deep.encode("utf-8"), "r.html").lines][-1] == "地区生产总值增长6%左右。"
    with pytest.raises(InputError, match="nested too deeply"):
        read_bytes(("<html><body>" + "<div>" * 5000 + "<p>一、2022年工作回顾。地区生产总值增长8%。</p></body></html>").encode("utf-8"), "r.html")


def test_standard_input_on_a_terminal_is_refused_not_waited_on():
    """``wzdiff targets -`` typed with nothing piped in would wait for the keyboard like a hang: a
    terminal on standard input is refused in one line. A pipe is read (to its end)."""
    import pty

    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "rb", closefd=False) as tty:
            with pytest.raises(InputError, match="standard input is a terminal"):
                reading.read_stdin(tty)
    finally:
        os.close(master)
        os.close(slave)
    r, w = os.pipe()
    os.write(w, WZ22.read_bytes()[:1000])
    os.close(w)
    with os.fdopen(r, "rb") as pipe:
        assert reading.read_stdin(pipe) == WZ22.read_bytes()[:1000]


def test_nameless_markdown_is_read_as_markdown():
    """Input without a file name (standard input) is told Markdown by its heading lines: the
    Wenzhou 2023 page, without its YAML header, gives the same lines as from a ``.md`` name (its
    ``**…**`` marks dropped), and a plain-text report stays text."""
    page = (SAMPLES / "wenzhou" / "2023.md").read_bytes().split(b"---\n", 2)[2]
    nameless = read_bytes(page, name=reading.STDIN_NAME)
    assert nameless.format == "md"
    assert [ln.text for ln in nameless.lines] == [ln.text for ln in read_bytes(page, name="2023.md").lines]
    assert not any(ln.text.startswith("**") for ln in nameless.lines)
    assert read_bytes(WZ22.read_bytes(), name=reading.STDIN_NAME).format == "txt"


def test_a_short_big5_file_is_refused():
    """Break test: 38 bytes of Big5 (政府工作報告 地區生產總值增長百分之七) read as GB18030 mojibake
    (跋ネ玻…) too short for the common-hanzi share, and were accepted. Kana and box-drawing characters
    in a short text give it away; the same words in GB18030 are read."""
    words = "政府工作報告 地區生產總值增長百分之七"
    with pytest.raises(InputError, match="does not decode as Chinese text"):
        read_bytes(words.encode("big5"), "x.txt")
    assert "".join(ln.text for ln in read_bytes(words.encode("gb18030"), "x.txt").lines) == words
