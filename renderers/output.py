"""Choose a renderer for a format and write its result to a file or to stdout (the CLI's only entry)."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Optional

from compare.model import Comparison
from store.errors import WzdiffError
from store.target_model import Target

from . import data, terminal

COMPARISON_FORMATS = ("html", "json", "csv", "md", "text")
TARGET_FORMATS = ("json", "csv", "text")


#: Names that mean standard output (``-o -`` or ``-o /dev/stdout``): written through the open
#: stream, never reopened, so a pipe works and a file the shell opened for appending keeps its text.
STDOUT_NAMES = ("-", "/dev/stdout")


def _to_stdout(output: Optional[str]) -> bool:
    """Whether ``output`` (None, a path, ``-``) means standard output."""
    return output is None or output in STDOUT_NAMES


def _require_stdout() -> None:
    """Raise a one-line ``WzdiffError`` when the process started with standard output closed (``>&-``:
    ``sys.stdout`` is None)."""
    if sys.stdout is None:
        raise WzdiffError("standard output is closed; give -o FILE")


class _WholeWrites(io.RawIOBase):
    """A raw writer on a file descriptor that writes every byte or raises: a short write into a
    pipe whose reader has gone is retried, and the retry raises ``BrokenPipeError`` (CPython's own
    stream returned the short count, and the rest of the output was lost in silence)."""

    def __init__(self, fd: int):
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, b) -> int:
        _write_all(lambda view: os.write(self._fd, view), b)
        return len(b)


def guard_stdout() -> None:
    """Replace ``sys.stdout`` (for the console script, not for library callers) with a UTF-8 text
    stream on the same descriptor whose writes are whole or raise ``BrokenPipeError``, so that
    every command (terminal tables, ``click.echo`` of ``show``/``list``) reports a reader that left.
    Nothing is done when standard output is closed or has no descriptor."""
    try:
        fd = sys.stdout.fileno()
        sys.stdout.flush()
    except (AttributeError, OSError, ValueError):
        return
    raw = _WholeWrites(fd)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8", errors="strict",
                                  line_buffering=raw.isatty(), write_through=False)


def closed_pipe() -> WzdiffError:
    """The one-line error for a reader that closed the pipe (``| head``). Standard output is pointed
    at ``/dev/null`` so the interpreter's last flush at exit cannot fail again, after the message,
    with a traceback or another status."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return WzdiffError("output closed before everything was written")


def _write_all(write: Callable, data) -> None:
    """Call ``write`` (a binary stream's ``write``, or ``os.write`` on a descriptor) until every byte
    of ``data`` is written. A pipe whose reader has gone may take part of a large write and report
    the short count without an error (CPython 3.11: 65,536 of 532,079 bytes into ``| head -c 10``,
    exit status 0, the rest lost in silence); the next write then raises ``BrokenPipeError``, which
    the caller reports."""
    view = memoryview(data).cast("B")
    while view:
        n = write(view)
        if not n:
            raise BrokenPipeError("short write")
        view = view[n:]


def _write(text: str | bytes, output: Optional[str]) -> None:
    """Write ``text`` (str as UTF-8, or bytes) to stdout or to the file ``output``.

    A regular file is written to a temporary name beside it and renamed into place, so a failure
    never leaves half a file; a symlink is followed. Standard output (``None``, ``-``,
    ``/dev/stdout``) is written through the open stream. Anything else that is no regular file (a
    device such as ``/dev/null`` or ``/dev/stderr``, a FIFO, a ``/dev/fd/N`` or ``/proc`` name) is
    opened for appending and written into, never replaced or truncated. Any OS failure (missing
    directory, permission, full disk, closed pipe) becomes a one-line ``WzdiffError``."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output == "":  # -o '' (break test: "standard output: cannot write (Is a directory)")
        raise WzdiffError("-o needs a file name (or - for standard output)")
    try:
        if _to_stdout(output):
            _require_stdout()
            sys.stdout.flush()
            _write_all(sys.stdout.buffer.write, data)
            sys.stdout.buffer.flush()
            return
        if output.startswith(("/dev/", "/proc/")) or (os.path.exists(output) and not os.path.isfile(output)):
            if os.path.isdir(output):
                raise WzdiffError(f"{output}: is a directory; give a file name for the output")
            with open(output, "ab") as f:  # a device, pipe or descriptor is written into, as it is
                _write_all(f.write, data)
            return
        target = Path(output).resolve()  # a symlink is followed: the file it names is written
        tmp = target.with_name(f".{target.name}.wzdiff-tmp")
        try:
            tmp.write_bytes(data)
            tmp.replace(target)
        finally:
            if tmp.exists():
                tmp.unlink()
    except BrokenPipeError:
        raise closed_pipe() from None
    except OSError as err:
        raise WzdiffError(f"{output or 'standard output'}: cannot write ({err.strerror or err})") from None


def _print(draw: Callable, output: Optional[str]) -> None:
    """Run ``draw(console)`` on stdout (colour if a tty) or, plain, into the ``output`` file."""
    if _to_stdout(output):
        _require_stdout()
        try:
            draw(terminal.make_console())
            sys.stdout.flush()  # a closed pipe shows here, not silently at exit
        except BrokenPipeError:
            raise closed_pipe() from None
        except OSError as err:
            raise WzdiffError(f"standard output: cannot write ({err.strerror or err})") from None
        return
    import io

    buf = io.StringIO()
    draw(terminal.make_console(buf, plain=True))
    _write(buf.getvalue(), output)


def render_comparison(c: Comparison, fmt: str) -> str:
    """The comparison as text in ``fmt`` (``html``, ``json``, ``csv`` or ``md``)."""
    if fmt == "html":
        from .html import render_html  # jinja2 only when needed
        return render_html(c)
    if fmt == "json":
        return data.to_json(data.comparison_to_dict(c))
    if fmt == "csv":
        return data.comparison_csv(c)
    if fmt == "md":
        return data.comparison_markdown(c)
    raise WzdiffError(f"unknown format for compare: {fmt!r} (use one of {', '.join(COMPARISON_FORMATS)})")


#: The format of ``compare -o NAME`` when ``--format`` is not given: from the name's suffix.
#: Names of document formats wzdiff reads or others write but never writes itself: ``-o diff.pdf``
#: would be an HTML page under a PDF's name (break test), so it is refused.
FOREIGN_SUFFIXES = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".rtf", ".png", ".jpg", ".svg")
SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".md": "md", ".txt": "text", ".html": "html", ".htm": "html",
                  ".xml": "xml"}


def choose_format(fmt: Optional[str], output: Optional[str], formats: Iterable[str], file_default: str) -> str:
    """The format to write: ``fmt`` if given; else, for an ``output`` file, the format its name
    ends with (``.json``, ``.csv``, ``.md``, ``.txt`` → text, ``.html``/``.htm``) when that is one
    of ``formats``, else ``file_default``; else (stdout) the terminal view, ``text``.

    Errors: ``WzdiffError`` when the name ends with the suffix of a format this command cannot write
    (``targets -o t.html``, ``compare -o c.pdf``): writing a table into a file called ``.html`` would
    mislead."""
    if fmt:
        return fmt
    if _to_stdout(output):
        return "text"
    suffix = Path(output).suffix.lower()
    by_name = SUFFIX_FORMATS.get(suffix)
    if (by_name and by_name not in formats) or suffix in FOREIGN_SUFFIXES:
        names = ", ".join(s for s, f in SUFFIX_FORMATS.items() if f in formats)
        raise WzdiffError(f"{output}: this command cannot write {suffix} files; name the file {names}, or give --format")
    return by_name or file_default


def emit_comparison(c: Comparison, fmt: Optional[str] = None, output: Optional[str] = None) -> None:
    """Write comparison ``c`` in ``fmt`` to ``output`` (a path) or stdout; ``fmt=None`` is chosen
    by ``choose_format`` (a file with another suffix gets ``html``)."""
    fmt = choose_format(fmt, output, COMPARISON_FORMATS, "html")
    if fmt == "text":
        _print(lambda con: terminal.print_comparison(c, con), output)
    else:
        _write(render_comparison(c, fmt), output)


def emit_targets(targets: Iterable[Target], fmt: Optional[str] = None, output: Optional[str] = None) -> None:
    """Write a report's target records as ``json`` (list of ``Target.to_dict()``), ``csv`` or ``text``;
    ``fmt=None`` is chosen by ``choose_format`` (a file with another suffix gets ``text``)."""
    targets = list(targets)
    fmt = choose_format(fmt, output, TARGET_FORMATS, "text")
    if fmt == "json":
        _write(data.to_json(data.targets_to_list(targets)), output)
    elif fmt == "csv":
        _write(data.targets_csv(targets), output)
    elif fmt == "text":
        _print(lambda con: terminal.print_targets(targets, con), output)
    else:
        raise WzdiffError(f"unknown format for targets: {fmt!r} (use one of {', '.join(TARGET_FORMATS)})")
