"""Read a report file of any supported format into numbered text lines.

Input: a path to a ``.txt``/``.md`` (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK;
CRLF or LF), ``.html``/``.htm`` (a page or a fragment), ``.docx`` or ``.pdf`` file.
Output: a ``Source`` with the decoded lines (``Line``: 1-based line number in the source, the text
with Markdown emphasis marks removed, and what those marks said), the format, the encoding and the
YAML header's fields. Nothing is repaired here (see ``store.repair``).

Errors: ``InputError`` with one line naming the file and the problem (missing, empty, binary,
truncated or undecodable text, a PDF without extractable text or with ``(cid:`` glyph garbage).
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
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
    """Read ``path`` and return its ``Source``; raises ``InputError`` for unreadable input."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a report file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    return read_bytes(data, name=path.name)


def read_bytes(data: bytes, name: str = "report.txt") -> Source:
    """Decode ``data`` (the bytes of a file called ``name``) into a ``Source``."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data) / 2**20:.1f} MB is too large for a work report "
                         f"(limit {MAX_BYTES // 2**20} MB)")
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
        html_suffix = suffix in (".html", ".htm", ".xhtml")
        if suffix == ".xml" or (text.lstrip().startswith("<?xml") and not html_suffix and "<html" not in text[:4000].lower()):
            raise InputError(f"{name}: an XML file that is not a wzdiff report (wzdiff reads its own "
                             "exported XML; give the report as text, Markdown, HTML, DOCX or PDF)")
        if html_suffix or _looks_like_html(text) or "<html" in text[:4000].lower():
            src = _read_html(text, name, enc)
        elif suffix in (".md", ".markdown") or text.startswith("---\n"):
            src = _read_markdown(text, name, enc)
        else:
            src = Source([Line(i + 1, t) for i, t in enumerate(text.split("\n"))], "txt", enc, name)
    src.name, src.sha256 = name, sha
    if not any(_ZW_RE.sub("", ln.text).strip() for ln in src.lines):
        raise InputError(f"{name}: no text in the file")
    return src


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Bytes of a text file → (text, encoding name). BOMs first; then strict UTF-8; then strict
    GB18030 (which covers GBK and GB2312). A file that is neither (or is cut in the middle of a
    multi-byte character) raises ``InputError``; so does a binary file."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name), "utf-16"
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict(data, utf16, name), utf16
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file, not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as err:
        where = err.start
        kind = "truncated" if where >= len(data) - 4 else "not valid"
        raise InputError(f"{name}: {kind} GB18030/UTF-8 text (bad byte at offset {where})") from None
    if _control_ratio(text) > 0.01:
        raise InputError(f"{name}: binary file, not a text report")
    return text, "gb18030"


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


def _strict(data: bytes, enc: str, name: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not valid {enc} text (bad byte at offset {err.start})") from None


def _control_ratio(text: str) -> float:
    bad = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f\v")
    return bad / max(1, min(len(text), 20000))


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


def _read_markdown(text: str, name: str, enc: str) -> Source:
    lines = text.split("\n")
    meta: dict = {}
    front: list[Line] = []
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 60)):
            if lines[i].strip() in ("---", "..."):
                import yaml  # only Markdown with a header needs it

                try:
                    loaded = yaml.safe_load("\n".join(lines[1:i]))
                    if isinstance(loaded, dict):
                        meta = {str(k): str(v) for k, v in loaded.items() if v is not None}
                except yaml.YAMLError:
                    meta = {}
                front = [Line(j + 1, lines[j]) for j in range(0, i + 1)]
                start = i + 1
                break
    body = [_md_line(i + 1, lines[i]) for i in range(start, len(lines))]
    return Source(body, "md", enc, name, meta=meta, front_lines=front)


_HTML_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
                "blockquote", "pre", "title", "td", "dd", "dt", "header", "footer"}


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
        parser = lxml.html.HTMLParser(no_network=True, remove_comments=True,
                                      remove_pis=True)
        root = lxml.html.document_fromstring(text, parser=parser) if text.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise InputError(f"{name}: cannot parse HTML ({err})") from None
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


def _read_docx(data: bytes, name: str) -> Source:
    """A Word document → one line per paragraph, and per table cell, in document order."""
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


#: Share of the page height at top and bottom cropped as the running header / page-number band.
#: 6% of an A4 page is ~50 pt, which holds a page number set in 10–14 pt type with its margin.
PDF_BAND = 0.06


#: A PDF line that starts this many font sizes (ems) right of the page's left margin is the
#: indented first line of a paragraph. Chinese typesetting indents by 2 ems; 1.5 tolerates
#: justification, and a centred heading starts further in still.
PDF_INDENT_EM = 1.5


def _pdf_page_lines(page) -> list[str]:
    """The text lines of a cropped PDF page. A line indented from the page's left margin (the
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
    """A PDF → its text lines, page by page, without the page-number band."""
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as err:  # pdfminer raises many exception types for broken files
        raise InputError(f"{name}: not a readable PDF ({type(err).__name__})") from None
    lines: list[Line] = []
    try:
        with pdf:
            for page in pdf.pages:
                h = float(page.height)
                body = page.crop((0, h * PDF_BAND, float(page.width), h * (1 - PDF_BAND)))
                for t in _pdf_page_lines(body):
                    lines.append(Line(len(lines) + 1, t))
    except Exception as err:
        raise InputError(f"{name}: cannot extract text from the PDF ({type(err).__name__})") from None
    joined = "".join(ln.text for ln in lines)
    if "(cid:" in joined:
        raise InputError(f"{name}: the PDF's fonts have no Unicode map (text comes out as '(cid:…)' "
                         "glyph codes); use the web page's text or an OCR'd copy")
    if not joined.strip():
        raise InputError(f"{name}: the PDF has no extractable text (a scan?); use a text or OCR'd copy")
    return Source(lines, "pdf", "-", name)
