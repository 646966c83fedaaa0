"""Terminal output with rich: a comparison's summary and target table, or a report's target list.

Colour only when the stream is a terminal (rich decides; ``plain=True`` forces plain text, as for a
file). Report text is always passed as ``rich.text.Text``, never as markup, so ``[bold]`` in a report
prints as written.
"""
from __future__ import annotations

from typing import IO, Iterable, Optional

from rich.console import Console
from rich.table import Table
from rich.text import Text

from compare.model import Comparison
from store.target_model import Target

from .data import ARROWS, format_value, iter_pairs, report_name

STYLES = {"raised": "green", "lowered": "red", "added": "cyan", "removed": "magenta",
          "requalified": "yellow", "modified": "yellow", "moved": "blue", "met": "green", "missed": "red"}


class _Console(Console):
    """rich's console, except that a closed pipe raises ``BrokenPipeError`` to the caller (which
    prints one line, as for every other output) instead of rich's silent ``SystemExit(1)``."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def make_console(file: Optional[IO[str]] = None, plain: bool = False) -> Console:
    """A console on ``file`` (stdout if ``None``); plain (no colour, no box-drawing) when ``plain``."""
    if plain:
        return _Console(file=file, no_color=True, highlight=False, width=120, force_terminal=False,
                       emoji=False, legacy_windows=False)
    return _Console(file=file, highlight=False, emoji=False)


def _counts(title: str, counts: dict) -> Text:
    t = Text(f"{title}: ", style="bold")
    for i, (k, v) in enumerate(counts.items()):
        t.append(", " if i else "")
        t.append(f"{k} {v}", style=STYLES.get(k, "") if v else "dim")
    return t


def print_comparison(c: Comparison, console: Console) -> None:
    """Print the header, the counts, the target change table and the changed parts/sections."""
    console.print(Text(f"{report_name(c.a)}  →  {report_name(c.b)}", style="bold"))
    s = c.summary()
    for title in ("sections", "targets", "achievements"):
        console.print(_counts(title, s[title]), soft_wrap=True)
    if c.targets:
        table = Table(title="Targets", show_lines=False)
        for col in ("indicator", "A", "B", "change"):
            table.add_column(col, overflow="fold")
        for tp in c.targets:
            table.add_row(Text(tp.indicator), Text(format_value(tp.a)), Text(format_value(tp.b)),
                          Text(f"{ARROWS.get(tp.change, '')} {tp.change}", style=STYLES.get(tp.change, "")))
        console.print(table)
    changed = [p for p in iter_pairs(c.sections) if p.level <= 2 and p.change != "unchanged"]
    if changed:
        console.print(Text("Changed sections:", style="bold"))
    for p in changed:
        a, b = (p.a.heading if p.a else "—"), (p.b.heading if p.b else "—")
        line = Text("  " * p.level)
        line.append(f"{p.change:<9}", style=STYLES.get(p.change, ""))
        line.append(a if a == b else f"{a} → {b}")
        console.print(line, soft_wrap=True)


def print_targets(targets: Iterable[Target], console: Console) -> None:
    """Print one row per target record: indicator, value, kind, period, main, path, text."""
    table = Table(show_lines=False)
    for col in ("indicator", "value", "kind", "period", "main", "path", "text"):
        table.add_column(col, overflow="fold")
    for t in targets:
        table.add_row(Text(t.indicator or ""), Text(format_value(t)), Text(t.kind), Text(t.period or ""),
                      Text("★" if t.main else ""), Text(t.path), Text(t.text))
    console.print(table)
