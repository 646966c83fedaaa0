"""Choose a renderer for a format and write its result to a file or to stdout (the CLI's only entry)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Iterable, Optional

from compare.model import Comparison
from store.errors import WzdiffError
from store.target_model import Target

from . import data, terminal

COMPARISON_FORMATS = ("html", "json", "csv", "md", "text")
TARGET_FORMATS = ("json", "csv", "text")


def _write(text: str | bytes, output: Optional[str]) -> None:
    """Write ``text`` (str as UTF-8, or bytes) to stdout or to the file ``output``.

    A file is written to a temporary name beside it and renamed into place, so a failure never
    leaves half a file; a symlink is followed, and a device or pipe (``/dev/null``, a FIFO) is
    written into, never replaced. Any OS failure (missing directory, permission, full disk, closed pipe)
    becomes a one-line ``WzdiffError``."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if output is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        target = Path(output).resolve()  # a symlink is followed: the file it names is written
        if target.is_dir():
            raise WzdiffError(f"{output}: is a directory; give a file name for the output")
        if target.exists() and not target.is_file():
            with open(target, "wb") as f:  # a device or a pipe (/dev/null, a FIFO) is written into
                f.write(data)
            return
        tmp = target.with_name(f".{target.name}.wzdiff-tmp")
        try:
            tmp.write_bytes(data)
            tmp.replace(target)
        finally:
            if tmp.exists():
                tmp.unlink()
    except BrokenPipeError:
        raise WzdiffError("output closed before everything was written") from None
    except OSError as err:
        raise WzdiffError(f"{output or 'standard output'}: cannot write ({err.strerror or err})") from None


def _print(draw: Callable, output: Optional[str]) -> None:
    """Run ``draw(console)`` on stdout (colour if a tty) or, plain, into the ``output`` file."""
    if output is None:
        try:
            draw(terminal.make_console())
        except BrokenPipeError:
            raise WzdiffError("output closed before everything was written") from None
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
SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".md": "md", ".txt": "text", ".html": "html", ".htm": "html"}


def emit_comparison(c: Comparison, fmt: Optional[str] = None, output: Optional[str] = None) -> None:
    """Write comparison ``c`` in ``fmt`` to ``output`` (a path) or stdout.

    ``fmt=None`` means the format the ``output`` name ends with (``.json``, ``.csv``, ``.md``,
    ``.txt`` → text), else ``html`` when ``output`` is given, else the terminal summary (``text``).
    """
    if fmt is None and output:
        fmt = SUFFIX_FORMATS.get(Path(output).suffix.lower(), "html")
    fmt = fmt or "text"
    if fmt == "text":
        _print(lambda con: terminal.print_comparison(c, con), output)
    else:
        _write(render_comparison(c, fmt), output)


def emit_targets(targets: Iterable[Target], fmt: Optional[str] = "text", output: Optional[str] = None) -> None:
    """Write a report's target records as ``json`` (list of ``Target.to_dict()``), ``csv`` or ``text``."""
    targets = list(targets)
    fmt = fmt or "text"
    if fmt == "json":
        _write(data.to_json(data.targets_to_list(targets)), output)
    elif fmt == "csv":
        _write(data.targets_csv(targets), output)
    elif fmt == "text":
        _print(lambda con: terminal.print_targets(targets, con), output)
    else:
        raise WzdiffError(f"unknown format for targets: {fmt!r} (use one of {', '.join(TARGET_FORMATS)})")
