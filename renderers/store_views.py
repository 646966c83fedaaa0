"""Terminal views of the store: ``list``, ``log``, ``check``, ``import`` (rich tables on a terminal,
plain tab-separated lines when the output is a file or pipe, so scripts and tests can read it).

Each function takes the plain data ``store.gitstore``/``store.check``/``store.importer`` return and
prints; none of them reads the store.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

import click

from store.history import NOT_CHECKED_OUT


def _tty() -> bool:
    return sys.stdout.isatty()


def _table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    """A rich table on a terminal; else a header line and one tab-separated line per row."""
    if _tty():
        from rich.table import Table

        from renderers.terminal import make_console

        t = Table(title=title, title_justify="left")
        for c in columns:
            t.add_column(c)
        for r in rows:
            t.add_row(*r)
        make_console().print(t)
    else:
        click.echo("\t".join(columns))
        for r in rows:
            click.echo("\t".join(r))


def _day(iso: str) -> str:
    """``2026-11-29T21:24:22+00:00`` → ``2026-11-29 21:24``."""
    return iso[:16].replace("T", " ") if iso else ""


def print_store_list(entries: list, region: str | None = None, regions: list | None = None) -> None:
    """Stored reports (``store.gitstore.Entry``): reference, versions, last update, source file.

    ``region``: the region asked for (``wzdiff list REGION``); ``regions``: every region in the
    store, named when ``region`` has no reports. Raises ``StoreError`` when the store holds reports
    but none of ``region``."""
    if not entries:
        if region and regions:
            from store.errors import StoreError

            raise StoreError(f"no reports of region {region} (regions: {', '.join(regions)})")
        click.echo("the store holds no reports (yet): wzdiff add FILE or wzdiff import DIR")
        return
    rows = [[str(e.ref), str(e.versions), _day(e.updated), e.source] for e in entries]
    plural = "s" if len(entries) != 1 else ""
    _table(f"{len(entries)} stored report{plural}", ["report", "versions", "updated", "source"], rows)


def print_versions(versions: list) -> None:
    """Versions of one report (``store.gitstore.Version``), oldest first."""
    rows = [[str(v.ref), v.commit[:10], _day(v.date), v.subject,
             v.summary or ("(commit not made by wzdiff)" if not v.by_wzdiff else "")] for v in versions]
    _table(f"versions of {versions[0].ref.key}" if versions else "versions",
           ["version", "commit", "date", "message", "changes"], rows)


def print_check(report) -> None:
    """Findings of ``wzdiff check`` (``store.check.CheckReport``), then a one-line verdict."""
    if report.problems:
        _table("problems", ["kind", "path", "detail"],
               [[p.kind, p.path or "(repository)", p.detail] for p in report.problems])
    if report.set_aside:
        _table("set aside (untracked files that stood in a checkout's way; kept, look and delete)",
               ["file"], [[p] for p in report.set_aside])
    n = len(report.problems)
    verdict = "ok" if report.ok else f"{n} problem{'' if n == 1 else 's'}"
    click.echo(f"check: {verdict}: git fsck, {report.reports} reports validated, "
               f"{report.files} files checked for edits outside wzdiff")


def print_import_summary(result) -> None:
    """Summary of ``wzdiff import`` (``store.importer.ImportResult``): counts, then every skipped
    and rejected file with its reason, and every added file whose path named another region or
    year than its text (stored under the path's)."""
    rows = [["skipped", i.path, i.reason] for i in result.skipped] + \
           [["rejected", i.path, i.reason] for i in result.rejected]
    warned = [["added as " + i.ref, i.path, "; ".join(i.conflicts)] for i in result.added if i.conflicts]
    if warned:
        _table("check these", ["outcome", "file", "the path and the text disagree"], warned)
    if rows:
        _table("not added", ["outcome", "file", "reason"], rows)
    n = len(result.commits)
    behind = "" if result.checked_out else NOT_CHECKED_OUT
    click.echo(f"import: {len(result.added)} added, {len(result.skipped)} skipped, "
               f"{len(result.rejected)} rejected ({n} commit{'' if n == 1 else 's'}){behind}")


@contextmanager
def import_progress() -> Iterator[tuple]:
    """A rich progress bar on stderr for ``import_dir``: yields ``(total, advance)`` callbacks
    (``total(n)`` once, ``advance(path)`` per file). Silent when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield (lambda n: None), (lambda path: None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), console=Console(stderr=True)) as bar:
        task = bar.add_task("", total=None)
        yield (lambda n: bar.update(task, total=n)), \
              (lambda path: bar.update(task, advance=1, description=str(path)[-40:]))


EXPORT_FORMATS = ("xml", "txt", "json")


def export_bytes(xml: bytes, report, fmt: str, version=None) -> bytes:
    """A stored report in ``fmt``: ``xml`` (the stored bytes, unchanged), ``txt`` (plain text, one
    paragraph per line) or ``json`` (``Report.to_json_dict()`` plus ``store``: reference and commit
    when ``version`` is given). Raises ``ValueError`` for another format."""
    if fmt == "xml":
        return xml
    if fmt == "txt":
        return report.text().encode("utf-8")
    if fmt == "json":
        import json

        data = report.to_json_dict()
        if version is not None:
            data["store"] = {"ref": str(version.ref), "commit": version.commit, "date": version.date,
                             "source": version.source_name, "source_sha256": version.source_sha256}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}")


def print_report(version, report) -> None:
    """``wzdiff show``: a header (reference, commit, date, title, source) then the plain text."""
    click.echo(f"{version.ref}  commit {version.commit[:10]}  {_day(version.date)}")
    if report.title:
        click.echo(report.title)
    if version.source_name:
        click.echo(f"source: {version.source_name} (SHA-256 {version.source_sha256})")
    click.echo("")
    click.echo(report.text().rstrip("\n"))
