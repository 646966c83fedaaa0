"""Read a report file of any supported format into numbered text lines.

Input: a path to a ``.txt``/``.md`` (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK;
CRLF or LF), ``.html``/``.htm`` (a page or a fragment), ``.docx`` or ``.pdf`` file.
Output: a ``Source`` with the decoded lines (``Line``: 1-based line number in the source, the text
with Markdown emphasis marks removed, and what those marks said), the format, the encoding and the
YAML header's fields. Nothing is repaired here (see ``store.repair``).

Errors: ``InputError`` with one line naming the file and the problem (missing, empty, too large,
binary, truncated or undecodable text, text in another encoding that decodes only to rare
characters, a PDF without extractable text or with ``(cid:`` glyph garbage). At most
``MAX_BYTES`` + 1 bytes are read from any file, device or FIFO.
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import sys
from datetime import date
import stat
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from store.errors import InputError

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ZW_RE = re.compile(f"[{ZERO_WIDTH}]")

#: Largest file accepted (bytes) and largest decoded text (characters). The longest report in the
#: corpus (1,361 files) is about 160,000 characters; a PDF of a long report is a few MB.
MAX_BYTES = 50 * 2**20
MAX_CHARS = 2_000_000
#: Fewest Chinese characters a text needs to be read as a report: the shortest corpus report has
#: thousands; English text or a single greeting (你好) is refused (break test).
MIN_HAN = 10

#: Magic numbers of binary formats users rename by mistake (images, archives, executables).
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"\x7fELF", b"MZ", b"\x1f\x8b",
                 b"Rar!", b"7z\xbc\xaf", b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00", b"RIFF")


@dataclass
class Line:
    """One source line: ``no`` (1-based), ``text`` (as decoded, emphasis marks removed),
    ``bold_lead`` (length of a Markdown ``**…**`` run at its start, in characters of ``text``;
    0 if none), ``bold_all`` (the whole line was bold), ``md_heading`` (it was a ``#`` heading)."""

    no: int
    text: str
    bold_lead: int = 0
    bold_all: bool = False
    md_heading: bool = False


@dataclass
class Source:
    """A decoded report file: ``lines`` in order, ``format`` (txt, md, html, docx, pdf),
    ``encoding`` (utf-8, utf-8-sig, utf-16, gb18030, binary formats: ``-``), ``meta``
    (YAML header fields such as ``title`` and ``source``), ``front_lines`` (lines of the YAML
    header, kept as front matter), ``name`` (file name), ``sha256`` of the bytes, ``warnings``."""

    lines: list[Line]
    format: str
    encoding: str
    name: str = ""
    sha256: str = ""
    meta: dict = field(default_factory=dict)
    front_lines: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_file(path: Path | str) -> Source:
    """Read the report file at ``path`` and return its ``Source`` (see ``read_bytes``).

    Input: a path to a regular file, or to a FIFO or character device (such as a process
    substitution ``<(…)``), which is read until its end like ``cat`` does; opening a FIFO waits
    for its writer. At most ``MAX_BYTES`` + 1 bytes are ever read (``read_limited``).
    Errors: ``InputError`` (one line naming ``path``) when it is missing, a directory, cannot be
    read, larger than ``MAX_BYTES``, or when ``read_bytes`` refuses its content."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a report file")
    return read_bytes(read_limited(path), name=path.name)


def read_limited(path: Path | str, limit: Optional[int] = None) -> bytes:
    """The bytes of the file at ``path``, reading at most ``limit`` + 1 bytes (``limit`` defaults
    to ``MAX_BYTES``) from any kind of file: a regular file (refused by its size before reading),
    a FIFO, a pipe or a character device such as ``/dev/zero`` (read up to the limit, then refused),
    so an endless or huge input never fills memory.

    Output: the bytes (``len`` ≤ ``limit``). Errors: ``InputError`` with one line naming ``path``
    when it cannot be opened or read, or when it holds more than ``limit`` bytes (the size error
    of ``read_bytes``)."""
    limit = MAX_BYTES if limit is None else limit
    try:
        with open(path, "rb") as fh:
            return _read_stream(fh, str(path), limit)
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None


#: What names standard input on the command line.
STDIN_NAME = "-"


def read_stdin(stream=None, limit: Optional[int] = None) -> bytes:
    """The bytes piped into standard input (``stream`` defaults to ``sys.stdin.buffer``), at most
    ``limit`` + 1 read as by ``read_limited``; what ``-`` names on the command line.

    Errors: ``InputError`` with one line when standard input is a terminal (nothing was piped in,
    and waiting for typed text would look like a hang), closed, unreadable or too large."""
    limit = MAX_BYTES if limit is None else limit
    stream = stream if stream is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{STDIN_NAME}: standard input is closed")
    try:
        if stream.isatty():
            raise InputError(f"{STDIN_NAME}: standard input is a terminal; pipe a report in (… - < report.txt)")
        return _read_stream(stream, STDIN_NAME, limit)
    except (OSError, ValueError) as err:
        raise InputError(f"{STDIN_NAME}: cannot read standard input ({getattr(err, 'strerror', None) or err})") from None


def _read_stream(fh, name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of the open binary file ``fh`` (``name`` for errors); a regular file
    larger than ``limit`` is refused by its size before reading."""
    st = os.fstat(fh.fileno())
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a directory, not a report file")
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise InputError(_too_large(name, st.st_size, limit))
    data = fh.read(limit + 1)  # a buffered read loops over short reads of pipes
    if len(data) > limit:  # a regular file that grew, or a stream: its real size is unknown
        raise InputError(_too_large(name, None, limit))
    return data


def _too_large(name: str, size: Optional[int], limit: int) -> str:
    """The one-line size error: ``size`` in bytes, or ``None`` for a stream longer than ``limit``."""
    mb = f"{size / 2**20:.1f} MB" if size is not None else f"more than {limit / 2**20:.1f} MB"
    return f"{name}: {mb} is too large for a work report (limit {limit / 2**20:g} MB)"


def read_bytes(data: bytes, name: str = "report.txt") -> Source:
    """Decode ``data`` (the bytes of a file called ``name``; its suffix selects PDF, DOCX, HTML or
    Markdown, and the bytes' magic numbers win over the suffix) into a ``Source``.

    Errors: ``InputError`` with one line starting ``name: `` for more than ``MAX_BYTES`` bytes,
    an empty or blank file, a binary file, text that does not decode (see ``decode_text``), more
    than ``MAX_CHARS`` characters, an XML file that is not HTML, a JSON file, or an unreadable PDF or
    DOCX."""
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(name, len(data), MAX_BYTES))
    if not data.strip():
        raise InputError(f"{name}: empty file")
    suffix = Path(name).suffix.lower()
    sha = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        src = _read_pdf(data, name)
    elif data.startswith(b"PK\x03\x04") or suffix == ".docx":
        src = _read_docx(data, name)
    else:
        text, enc = decode_text(data, name)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > MAX_CHARS:
            raise InputError(f"{name}: {len(text)} characters is too long for a work report (limit {MAX_CHARS})")
        if suffix == ".json" or (text.lstrip()[:1] in ("{", "[") and _is_json(text)):
            raise InputError(f"{name}: a JSON file, not a report (wzdiff reads its own exported XML; give "
                             "the report as text, Markdown, HTML, DOCX or PDF)")
        html_suffix = suffix in (".html", ".htm", ".xhtml")
        if suffix == ".xml" or (text.lstrip().startswith("<?xml") and not html_suffix and "<html" not in text[:4000].lower()):
            raise InputError(f"{name}: an XML file that is not a wzdiff report (wzdiff reads its own "
                             "exported XML; give the report as text, Markdown, HTML, DOCX or PDF)")
        if html_suffix or _looks_like_html(text) or "<html" in text[:4000].lower():
            src = _read_html(text, name, enc)
        elif suffix in (".md", ".markdown") or text.startswith("---\n") or (not suffix and _looks_like_markdown(text)):
            src = _read_markdown(text, name, enc)
        else:
            src = Source([Line(i + 1, t) for i, t in enumerate(text.split("\n"))], "txt", enc, name)
    src.name, src.sha256 = name, sha
    chars = sum(len(ln.text) for ln in src.lines)
    if chars > MAX_CHARS:  # DOCX and HTML too (text files are checked before parsing)
        raise InputError(f"{name}: {chars} characters is too long for a work report (limit {MAX_CHARS})")
    if not any(_ZW_RE.sub("", ln.text).strip() for ln in src.lines):
        raise InputError(f"{name}: no text in the file")
    han = len(_HAN_RE.findall("".join(ln.text for ln in src.lines)))
    if han < MIN_HAN:
        raise InputError(f"{name}: not a Chinese work report ({han} Chinese characters; at least {MIN_HAN} are needed, and a report has thousands)")
    for ln in src.lines:
        if "\x0c" in ln.text or "\x0b" in ln.text:  # page breaks of PDF text (pdftotext): whitespace
            ln.text = ln.text.replace("\x0c", " ").replace("\x0b", " ")
        bad = _NOT_XML_RE.search(ln.text)
        if bad:  # the XML keeps every character, and XML 1.0 cannot hold these
            raise InputError(f"{name}: line {ln.no} holds the control character U+{ord(bad.group(0)):04X}, "
                             f"which is not text (a binary file, or terminal colour codes?)")
    return src


#: Characters XML 1.0 cannot hold (C0 controls but tab, line feed and carriage return; U+FFFE/FFFF;
#: lone surrogates): a report holding one is refused, since its text is kept character for character.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


#: A text decoded from a legacy or UTF-16 encoding must be Chinese: of its Han characters (and
#: private-use characters, which GB18030's user-defined areas decode to), at least
#: ``COMMON_HAN_MIN_SHARE`` must be *common* hanzi, the 3,755 of GB2312 level 1 (lead bytes
#: 0xB0–0xD7). Other encodings read as GB18030 (which accepts almost any byte pairs) give rare or
#: private-use characters instead ("体穝玜薄"). Measured (``decode_text``'s own share):
#:
#: * all 1,361 files of the shared corpus (8 of them GB18030, 1,353 UTF-8): lowest share 0.9909
#:   (泸州 2025), median 0.998; the lowest share in any run of 50 consecutive Han characters
#:   is 0.80, of 30 is 0.73, of 20 is 0.65 (常德 2023, a list of place names).
#: * the 16 samples and 30 corpus reports converted to Big5/CP950/Big5-HKSCS, Shift-JIS/CP932
#:   and EUC-KR/CP949 (dropping what does not convert, like ``iconv -c``) and read as GB18030:
#:   highest share 0.29 (EUC-KR, whose Hanja rows overlap GB2312 level 1), Big5 0.17,
#:   Shift-JIS 0.00; ``iconv -t big5 -c`` of Wenzhou 2022 gives 0.16, ``-t euc-kr`` 0.26.
#:
#: 0.6 sits in the middle of that gap. Fewer than ``COMMON_HAN_MIN_COUNT`` Han characters are too
#: few to judge (a short list of place names can be half rare characters) and are not judged.
#: (EUC-JP shares GB2312's byte layout and is not caught by the share, but all 46 of those reports
#: converted to EUC-JP fail to decode as GB18030 on their own.) A report in traditional characters
#: saved as GBK would probably be refused too (not measured): most of them are outside GB2312.
COMMON_HAN_MIN_SHARE = 0.6
COMMON_HAN_MIN_COUNT = 20

_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ue000-\uf8ff\U00020000-\U0003ffff]")


@functools.lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The 3,755 hanzi of GB2312 level 1 (rows 0xB0–0xD7)."""
    out = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                out.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:  # D7FA–D7FE are unassigned
                pass
    return frozenset(out)


def common_han_share(text: str) -> tuple[int, float]:
    """``(n, share)`` for ``text``: ``n`` its Han (and private-use) characters, ``share`` the
    fraction of them in GB2312 level 1, the 3,755 most frequent hanzi (1.0 when ``n`` is 0).
    Pure; no errors."""
    chars = _HAN_RE.findall(text)
    if not chars:
        return 0, 1.0
    common = _common_han()
    return len(chars), sum(1 for c in chars if c in common) / len(chars)


#: Japanese kana and box-drawing characters: what Big5 or Shift-JIS bytes read as GB18030 are full
#: of (地區生產總值 in Big5 → 跋ネ玻…), and what no Chinese report holds. They tell a text too short for
#: the common-hanzi share (a 38-byte Big5 file was accepted, break test).
_MOJIBAKE_RE = re.compile("[\u2500-\u257f\u3040-\u30ff]")


def _looks_chinese(text: str) -> bool:
    """False when ``text`` has enough Han characters to judge and too few of them are common, or,
    for a text too short to judge, when it holds kana or box-drawing characters (``_MOJIBAKE_RE``)."""
    n, share = common_han_share(text)
    if n < COMMON_HAN_MIN_COUNT:
        return not _MOJIBAKE_RE.search(text)
    return share >= COMMON_HAN_MIN_SHARE


def _wrong_encoding(name: str, text: str, enc: str) -> InputError:
    n, share = common_han_share(text)
    return InputError(f"{name}: does not decode as Chinese text in UTF-8, GB18030 or UTF-16 (wrong "
                      f"encoding? read as {enc.upper()}, only {share:.0%} of its {n} Han characters are "
                      "common hanzi; if it is Big5, Shift-JIS or EUC-KR, convert it to UTF-8)")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Bytes of a text file → ``(text, encoding name)``.

    Order: a BOM (UTF-8, UTF-16); UTF-16 without a BOM (``_bomless_utf16``); strict UTF-8; strict
    GB18030 (which covers GBK and GB2312). Text read from GB18030 or UTF-16 must look Chinese
    (``COMMON_HAN_MIN_SHARE``), because GB18030 accepts almost any bytes.

    Errors (``InputError``, one line starting ``name: ``): a binary file; a file cut inside its
    last character ("truncated UTF-8/GB18030/UTF-16 text", also for a few bytes such as
    ``e6 94 bf e5``); a byte that cannot be decoded (its value, its offset and the encoding the
    text before it reads as; the file may be damaged, truncated or in another encoding); text that
    decodes only to rare characters ("does not decode as Chinese text …, wrong encoding?")."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8", name, skip=3), "utf-8-sig"
    utf16 = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _bomless_utf16(data)
    if utf16:
        text = _strict(data, utf16, name)
        if not _looks_chinese(text):
            raise _wrong_encoding(name, text, utf16)
        return text, utf16
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file, not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        u8 = err
    # Valid UTF-8 with non-ASCII text up to an incomplete character at the very end: a UTF-8
    # file cut short (GB18030 would read it, as mojibake: e6 94 bf e5 → 鏀垮).
    u8_text = max(data[:u8.start], default=0) >= 0x80
    if u8_text and _cut_short(u8, data):
        raise _truncated(name, data, u8.start, "UTF-8")
    try:
        text = data.decode("gb18030")
        gb = None
    except UnicodeDecodeError as err:
        text, gb = data.decode("gb18030", errors="replace"), err
    if gb is None and _control_ratio(text) > 0.01:
        raise InputError(f"{name}: binary file, not a text report")
    chinese = _looks_chinese(text)
    if gb is None and chinese:
        return text, "gb18030"
    # Not GB18030. Name the encoding the text evidently is in, and where it breaks.
    u8_chinese = len(_HAN_RE.findall(data[:u8.start].decode("utf-8"))) >= 2
    if u8_chinese and (gb is None or u8.start >= gb.start
                     or not _looks_chinese(data[:gb.start].decode("gb18030"))):
        raise _undecodable(name, data, u8.start, "UTF-8")
    if not chinese:
        raise _wrong_encoding(name, text, "gb18030")
    if _gb18030_prefix(data[gb.start:]):
        raise _truncated(name, data, gb.start, "GB18030")
    raise _undecodable(name, data, gb.start, "GB18030")


def _cut_short(err: UnicodeDecodeError, data: bytes) -> bool:
    """The decoding error is an incomplete character running to the end of ``data``."""
    return err.end >= len(data) and err.reason in ("unexpected end of data", "truncated data")


def _gb18030_prefix(tail: bytes) -> bool:
    """``tail`` (1–3 bytes) is the start of a GB18030 character: a lead byte 0x81–0xFE, then for
    a four-byte character a digit 0x30–0x39 and another lead byte."""
    pattern = (range(0x81, 0xFF), range(0x30, 0x3A), range(0x81, 0xFF))
    return 0 < len(tail) <= 3 and all(b in allowed for b, allowed in zip(tail, pattern))


def _truncated(name: str, data: bytes, offset: int, enc: str) -> InputError:
    return InputError(f"{name}: truncated {enc} text: the file ends inside a character (incomplete "
                      f"bytes {data[offset:].hex(' ')} at offset {offset} of {len(data)}); it was cut short")


def _undecodable(name: str, data: bytes, offset: int, enc: str) -> InputError:
    near_end = ", near the end" if offset >= len(data) - 4 else ""
    return InputError(f"{name}: not valid {enc} text: the first undecodable byte is at offset {offset} of "
                      f"{len(data)}{near_end} ({data[offset:offset + 4].hex(' ')}), though the text before "
                      f"it reads as {enc}; the file may be damaged or truncated, or in another encoding")


def _bomless_utf16(data: bytes) -> Optional[str]:
    """``utf-16-le``/``utf-16-be`` when ``data`` looks like UTF-16 without a BOM: an even length,
    and the high-byte lane holds almost only the high bytes of Chinese text (0x4E–0x9F for
    U+4E00–U+9FFF, 0x30 for CJK punctuation, 0xFF for full-width forms, 0x20 for “”, 0x00 for
    ASCII, which also gives line breaks) while the low-byte lane is rarely NUL."""
    head = data[:4096]
    if len(data) % 2 or len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for enc, low, high in (("utf-16-le", even, odd), ("utf-16-be", odd, even)):
        if low.count(0) > len(low) * 0.05:
            continue
        share = sum(1 for b in high if b in (0x00, 0x20, 0x30, 0xFF) or 0x4E <= b <= 0x9F) / len(high)
        if share >= 0.95 and high.count(0) >= 1:
            try:
                data.decode(enc)
            except UnicodeDecodeError:
                continue
            return enc
    return None


def _strict(data: bytes, enc: str, name: str, skip: int = 0) -> str:
    """``data[skip:]`` decoded as ``enc`` (after a BOM of ``skip`` bytes); a truncated or
    undecodable file raises ``InputError`` with the offset in the whole file."""
    try:
        return data[skip:].decode(enc)
    except UnicodeDecodeError as err:
        label = enc.upper().replace("-LE", "").replace("-BE", "")
        if _cut_short(err, data[skip:]):
            raise _truncated(name, data, skip + err.start, label) from None
        raise _undecodable(name, data, skip + err.start, label) from None


def _control_ratio(text: str) -> float:
    bad = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f\v")
    return bad / max(1, min(len(text), 20000))


#: A Markdown heading or a line set wholly in bold (``# 标题``, ``**一、工作回顾**``): what marks
#: a nameless input (standard input, a file without suffix) as Markdown. Plain-text reports in the
#: corpus have neither; the corpus's Markdown pages mark their headings one way or the other.
_MD_HEADING_RE = re.compile(r"^(?:#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*[ \t]*$)", re.M)


def _looks_like_markdown(text: str) -> bool:
    """True when ``text`` has at least two Markdown heading lines (see ``_MD_HEADING_RE``)."""
    return len(_MD_HEADING_RE.findall(text[:200_000])) >= 2


def _is_json(text: str) -> bool:
    """Whether ``text`` is one JSON document (``wzdiff export --format json`` fed back in was read as
    a report of 10,978 paragraphs, break test)."""
    import json

    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.match(r"<(p|div|h\d|body|section)[\s>]", head))


_BOLD = re.compile(r"\*\*|__")


def _md_line(no: int, raw: str) -> Line:
    """Strip Markdown marks from one line, remembering a bold lead and ``#`` headings."""
    md_heading = False
    m = re.match(r"^\s{0,3}(#{1,6})\s+", raw)
    if m:
        raw, md_heading = raw[m.end():], True
    stripped = raw.strip()
    bold_lead, bold_all = 0, False
    if stripped.startswith("**"):
        close = stripped.find("**", 2)
        if close > 2:
            bold_lead = len(_BOLD.sub("", stripped[2:close]))
            bold_all = not _BOLD.sub("", stripped[close + 2:]).strip()
    lead_ws = raw[: len(raw) - len(raw.lstrip())]
    return Line(no, lead_ws + _BOLD.sub("", raw.lstrip()), bold_lead, bold_all, md_heading)


#: A YAML header with anchors or aliases (``&a``, ``*a``) or brackets nested more than 8 deep.
YAML_UNSAFE_RE = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]|(?:[\[{][^\]}]*){8}")


def _read_markdown(text: str, name: str, enc: str) -> Source:
    lines = text.split("\n")
    meta: dict = {}
    front: list[Line] = []
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 60)):
            if lines[i].strip() in ("---", "..."):
                import yaml  # only Markdown with a header needs it

                header = "\n".join(lines[1:i])
                try:
                    # anchors/aliases (an alias bomb expands exponentially) and deep nesting (a
                    # RecursionError) are no report metadata: such a header is kept as text only
                    loaded = None if YAML_UNSAFE_RE.search(header) else yaml.safe_load(header)
                    if isinstance(loaded, dict):
                        meta = {str(k): str(v) for k, v in loaded.items() if isinstance(v, (str, int, float, date))}
                except (yaml.YAMLError, RecursionError):
                    meta = {}
                front = [Line(j + 1, lines[j]) for j in range(0, i + 1)]
                start = i + 1
                break
    body = [_md_line(i + 1, lines[i]) for i in range(start, len(lines))]
    return Source(body, "md", enc, name, meta=meta, front_lines=front)


_HTML_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
                "blockquote", "pre", "title", "td", "dd", "dt", "header", "footer"}


#: Deepest nesting libxml2 reads with ``huge_tree`` (its XML_PARSE_HUGE limit); deeper pages are refused.
HTML_MAX_DEPTH = 2048


def _read_html(text: str, name: str, enc: str) -> Source:
    """An HTML page or fragment → one line per block element or ``<br>`` (scripts, styles dropped).
    ``<strong>``/``<b>`` at the start of a block is remembered as a bold lead."""
    import lxml.html
    from lxml import etree

    # An XML declaration or DOCTYPE (with entity declarations) ahead of the page is dropped: the
    # HTML parser must never see an internal subset, and lxml refuses str input that declares an
    # encoding. Entities are never resolved and nothing is fetched.
    text = re.sub(r"^\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)+", "", text, flags=re.S | re.I)
    try:
        # huge_tree: libxml2 otherwise stops at 256 nested elements and drops the rest without an
        # error; old pages that never close <font> reach that (newcomer's break test, session 4)
        parser = lxml.html.HTMLParser(no_network=True, remove_comments=True,
                                      remove_pis=True, huge_tree=True)
        root = lxml.html.document_fromstring(text, parser=parser) if text.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise InputError(f"{name}: cannot parse HTML ({err})") from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise InputError(f"{name}: HTML nested too deeply to read whole (over {HTML_MAX_DEPTH} elements)")
    if root is None:
        raise InputError(f"{name}: no text in the HTML")
    for bad in root.xpath("//script|//style|//noscript|//template"):
        if bad.getparent() is not None:
            bad.drop_tree()
    out: list[Line] = []
    buf: list[str] = []
    lead = {"n": 0, "all": False, "heading": False}

    def flush():
        s = "".join(buf)
        if s.strip():
            out.append(Line(len(out) + 1, s, bold_lead=lead["n"], bold_all=lead["all"], md_heading=lead["heading"]))
        buf.clear()
        lead.update(n=0, all=False, heading=False)

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in _HTML_BLOCKS
        if block:
            flush()
            lead["heading"] = tag in ("h1", "h2", "h3", "h4", "h5", "h6")
        if tag == "br":
            flush()
        elif tag in ("strong", "b") and not "".join(buf).strip():
            t = el.text_content()
            lead["n"] = len(t.strip())
            buf.append(t)
            if el.tail:
                buf.append(el.tail)
            return
        if el.text and tag != "br":
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            if lead["n"] and not "".join(buf)[lead["n"]:].strip():
                lead["all"] = True
            flush()
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    return Source(out, "html", enc, name)


def _docx_line(n: int, para) -> Line:
    """One DOCX paragraph as a ``Line``; a bold first run is a bold lead, a Heading style a heading."""
    lead = 0
    for run in para.runs:
        if run.bold:
            lead += len(run.text)
        else:
            break
    text = para.text
    style = getattr(para.style, "name", "") if para.style is not None else ""
    return Line(n, text, bold_lead=len(text[:lead].strip()) if lead else 0,
                bold_all=bool(lead) and not text[lead:].strip(), md_heading=str(style).startswith("Heading"))


#: Largest unpacked size of a DOCX (all its parts). A report of ``MAX_CHARS`` characters is about
#: 6 MB of UTF-8 plus its markup; a 1.5 MB zip bomb of 300 MB ran for minutes (break test).
DOCX_UNPACKED_MAX = 64 * 2**20
#: The text of a DOCX's runs (<w:t>…</w:t>), as bytes; a Chinese character is 3 of them.
_DOCX_TEXT_RE = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def _read_docx(data: bytes, name: str) -> Source:
    """A Word document → one line per paragraph, and per table cell, in document order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
            if unpacked > DOCX_UNPACKED_MAX:
                raise InputError(f"{name}: unpacks to {unpacked // 2**20} MB, too large for a work report "
                                 f"(limit {DOCX_UNPACKED_MAX // 2**20} MB)")
            body = z.read("word/document.xml") if "word/document.xml" in z.namelist() else b""
    except (zipfile.BadZipFile, OSError, RuntimeError) as err:
        raise InputError(f"{name}: not a readable DOCX file ({err})") from None
    # the text runs' length, counted before python-docx builds its tree (minutes for 9 million characters)
    chars = sum(len(m) for m in _DOCX_TEXT_RE.findall(body)) // 3
    if chars > MAX_CHARS:
        raise InputError(f"{name}: about {chars} characters is too long for a work report (limit {MAX_CHARS})")
    try:
        import docx

        doc = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise InputError(f"{name}: not a readable DOCX file ({err})") from None
    except Exception as err:  # python-docx raises its own PackageNotFoundError and friends
        raise InputError(f"{name}: not a readable DOCX file ({type(err).__name__})") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    lines: list[Line] = []
    n = 0
    # Body paragraphs and tables in document order; a table gives one line per cell, row by row,
    # so its figures are kept (a blank line closes each row).
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n += 1
            lines.append(_docx_line(n, DocxParagraph(child, doc)))
            lines.append(Line(n, ""))
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                        continue
                    seen.add(id(cell._tc))
                    for para in cell.paragraphs:
                        n += 1
                        lines.append(_docx_line(n, para))
                n += 1
                lines.append(Line(n, ""))
    return Source(lines, "docx", "-", name)


#: A page's first or last line that is only a page number (2, - 2 -, 第2页, 第2页 共20页, 2/20).
PDF_PAGE_NO_RE = re.compile(r"[-—–\s]*(?:第?\s*\d{1,4}\s*页?(?:\s*[/／共]\s*\d{1,4}\s*页?)?)[-—–\s]*")


#: A PDF line that starts this many font sizes (ems) right of the page's left margin is the
#: indented first line of a paragraph. Chinese typesetting indents by 2 ems; 1.5 tolerates
#: justification, and a centred heading starts further in still.
PDF_INDENT_EM = 1.5


def _pdf_page_lines(page) -> list[str]:
    """The text lines of a PDF page. A line indented from the page's left margin (the
    most common left edge) by ``PDF_INDENT_EM`` ems or more is prefixed with two U+3000, the
    way a word processor marks a paragraph's first line (whitespace: nothing is added to the
    report's text, but ``store.repair`` sees where paragraphs start)."""
    rows = page.extract_text_lines()
    if not rows:
        return []
    edges = [round(r["x0"]) for r in rows]
    margin = max(set(edges), key=edges.count)
    out = []
    for r in rows:
        size = r["chars"][0].get("size", 0) if r.get("chars") else 0
        indented = size and r["x0"] - margin >= PDF_INDENT_EM * size
        out.append(("\u3000\u3000" if indented else "") + r["text"])
    return out


def _read_pdf(data: bytes, name: str) -> Source:
    """A PDF → its text lines, page by page, without page numbers and running headers or footers:
    a page's first or last line that is only a page number (``PDF_PAGE_NO_RE``), or whose text
    (digits aside) opens or closes at least half of the pages (at least three). Nothing else is
    dropped: a fixed crop of the page's top and bottom lost the first line of body text on pages
    set with small margins (break test of a generated PDF). Text beyond ``MAX_CHARS`` is refused."""
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as err:  # pdfminer raises many exception types for broken files
        raise InputError(f"{name}: not a readable PDF ({type(err).__name__})") from None
    pages: list[list[str]] = []
    size = 0
    try:
        with pdf:
            for page in pdf.pages:
                pages.append(_pdf_page_lines(page))
                size += sum(len(t) for t in pages[-1])
                if size > MAX_CHARS:
                    raise InputError(f"{name}: more than {MAX_CHARS} characters is too long for a work report")
    except InputError:
        raise
    except Exception as err:
        raise InputError(f"{name}: cannot extract text from the PDF ({type(err).__name__})") from None
    def digits_aside(t: str) -> str:
        return re.sub(r"\d+", "#", t.strip())

    ends = Counter(digits_aside(rows[k]) for rows in pages if rows for k in {0, len(rows) - 1})
    running = {t for t, c in ends.items() if len(pages) >= 3 and c >= max(3, len(pages) / 2)}
    lines: list[Line] = []
    for rows in pages:
        for k, t in enumerate(rows):
            edge = k in (0, len(rows) - 1)
            if edge and (PDF_PAGE_NO_RE.fullmatch(t.strip()) or digits_aside(t) in running):
                continue
            lines.append(Line(len(lines) + 1, t))
    joined = "".join(ln.text for ln in lines)
    if "(cid:" in joined:
        raise InputError(f"{name}: the PDF's fonts have no Unicode map (text comes out as '(cid:…)' "
                         "glyph codes); use the web page's text or an OCR'd copy")
    if not joined.strip():
        raise InputError(f"{name}: the PDF has no extractable text (a scan?); use a text or OCR'd copy")
    return Source(lines, "pdf", "-", name)
