"""wzdiff command line: a thin click layer over the library (``store``, ``compare``, ``renderers``).

Every command parses its options, calls library functions that the tests call too, and prints.
Expected failures (``store.errors.WzdiffError``), a reader closing the pipe and running out of memory
are printed as one line ``wzdiff: error: …`` with exit status 2; nothing else is caught, so a real
bug still shows its traceback.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from store.errors import WzdiffError

DEFAULT_STORE = "wzdiff-store"
#: Formats of ``drift`` and ``trace`` (``--format`` choices, and what ``-o NAME`` may select).
DRIFT_FORMATS = ("text", "csv", "json", "html")
TRACE_FORMATS = ("text", "json")


def _store_path(store: str | None) -> Path:
    return Path(store or os.environ.get("WZDIFF_STORE") or DEFAULT_STORE)


def _fail(err: Exception) -> None:
    msg = " ".join(str(err).split())
    click.echo(f"wzdiff: error: {msg}", err=True)
    sys.exit(2)


def _refuse_overwrite(output: str | None, *inputs: str | Path) -> None:
    """An output file must not be one of the input reports (``-o 2022.txt`` would destroy it), nor
    lie inside an input directory or the store (``drift dd -o dd/2025.txt`` would be read as a
    report next time; ``-o wzdiff-store/.git/HEAD`` would break the store)."""
    if not output:
        return
    out = Path(output).resolve()
    for name in inputs:
        src = Path(name)
        if not src.exists():
            continue
        src = src.resolve()
        if src == out:
            raise WzdiffError(f"{output}: is one of the input reports; choose another output file")
        if src.is_dir() and src in out.parents:
            raise WzdiffError(f"{output}: is inside {name}, which wzdiff reads; choose another output file")


class _Group(click.Group):
    """Turns a ``WzdiffError`` raised by any command into a one-line error and exit status 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WzdiffError as err:
            _fail(err)
        except BrokenPipeError:  # click.echo into a pipe whose reader left (click would exit 1, silent)
            from renderers.output import closed_pipe

            _fail(closed_pipe())
        except MemoryError:  # numpy's _ArrayMemoryError too (break test: 8,000 paragraphs under one parent)
            _fail(WzdiffError("out of memory: the input is too large to compare on this machine "
                              "(a report has hundreds of paragraphs, not thousands)"))


store_option = click.option("--store", "store", default=None, metavar="DIR",
                            help="Store directory (default: $WZDIFF_STORE or ./wzdiff-store).")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wzdiff")
def cli():
    """Compare Chinese government work reports (政府工作报告): sections, sentences, targets."""


@cli.command()
@click.argument("a")
@click.argument("b")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the result to this file.")
@click.option("--format", "fmt", type=click.Choice(["html", "json", "csv", "md", "text"]), default=None,
              help="Output format (default: from the -o name: .json, .csv, .md, .txt, else html; a terminal summary without -o).")
@click.option("--show-punct", is_flag=True, help="Count whitespace/punctuation-only differences as changes.")
@click.option("--region", default=None, help="Region of A and B when the text does not say.")
@store_option
def compare(a, b, output, fmt, show_punct, region, store):
    """Compare report A with report B.

    A and B are files (txt, md, html, docx, pdf), store references (wenzhou:2022,
    wenzhou:2022@v1), or - for the report piped into standard input (one of them).

    \b
    Example:
      wzdiff compare samples/wenzhou/2022.txt samples/wenzhou/2023.md -o diff.html
      wzdiff compare wenzhou:2022 wenzhou:2023 --format json > diff.json
    """
    from compare.api import compare_reports
    from renderers import output as out
    from store.loading import load_report

    if a == b == "-":
        raise WzdiffError("only one of A and B can be read from standard input (-)")
    _refuse_overwrite(output, a, b, _store_path(store))
    ra = load_report(a, store=_store_path(store), region=region)
    rb = load_report(b, store=_store_path(store), region=region)
    result = compare_reports(ra, rb, show_punct=show_punct)
    out.emit_comparison(result, fmt=fmt, output=output)


@cli.command()
@click.argument("report")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "text"]), default=None,
              help="Default: from the -o file's suffix (.json, .csv), else text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@click.option("--region", default=None)
@click.option("--year", type=int, default=None)
@click.option("--words", is_flag=True, help="Also list headline targets stated in words only (value null).")
@store_option
def targets(report, fmt, output, region, year, words, store):
    """List every quantified statement (target, achievement) of REPORT.

    REPORT is a file, a store reference (wenzhou:2022) or - (standard input).

    \b
    Example:
      wzdiff targets samples/wenzhou/2022.txt --format json > targets.json
      pdftotext report.pdf - | wzdiff targets - --format csv
    """
    from renderers import output as out
    from store.loading import load_report

    _refuse_overwrite(output, report, _store_path(store))
    r = load_report(report, store=_store_path(store), region=region, year=year)
    out.emit_targets(r.targets(words=words), fmt=fmt, output=output)


@cli.command()
@click.argument("file", type=click.Path())
@click.option("--region", default=None, help="Region name, e.g. wenzhou (default: from the text or path).")
@click.option("--year", type=int, default=None, help="Year of the report (default: from the text or path).")
@click.option("--message", "-m", default=None, help="Extra text for the commit message (e.g. draft).")
@store_option
def add(file, region, year, message, store):
    """Parse FILE and store it as reports/REGION/YEAR.xml (one commit).

    \b
    Example:
      wzdiff add samples/wenzhou/2022.txt --region wenzhou --year 2022
    """
    from store.gitstore import Store

    with Store.open(_store_path(store), create=True) as st:
        res = st.add(Path(file), region=region, year=year, message=message)
    click.echo(res.describe())


@cli.command(name="list")
@click.argument("region", required=False)
@store_option
def list_(region, store):
    """List stored reports (optionally of one REGION): reference, versions, last update, source.

    \b
    Example:
      wzdiff list
      wzdiff list wenzhou --store wzdiff-store
    """
    from renderers.store_views import print_store_list
    from store.gitstore import Store

    with Store.open(_store_path(store)) as st:
        entries = st.list(region=region)
        regions = sorted({e.region for e in st.list()}) if region and not entries else None
    print_store_list(entries, region=region, regions=regions)


@cli.command()
@click.argument("region")
@click.argument("year", type=int)
@store_option
def log(region, year, store):
    """Show the stored versions of REGION's report of YEAR, oldest first (v1, v2, …).

    \b
    Example:
      wzdiff log wenzhou 2022
    """
    from renderers.store_views import print_versions
    from store.gitstore import Store

    with Store.open(_store_path(store)) as st:
        print_versions(st.log(region, year))


@cli.command()
@click.argument("ref")
@store_option
def show(ref, store):
    """Print a stored version of a report (REF: wenzhou:2022, wenzhou:2022@v1, wenzhou:2022@COMMIT).

    \b
    Example:
      wzdiff show wenzhou:2022@v1
    """
    from renderers.store_views import print_report
    from store.gitstore import Store
    from store.ref import ReportRef

    r = ReportRef.parse(ref)
    with Store.open(_store_path(store)) as st:
        print_report(st.resolve(r), st.read(r))


@cli.command()
@click.argument("ref")
@click.option("--format", "fmt", type=click.Choice(["xml", "txt", "json"]), default=None,
              help="Default: from the -o file's suffix (.xml, .txt, .json), else xml.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@store_option
def export(ref, fmt, output, store):
    """Write a stored report (REF: wenzhou:2022[@v1]) as XML, plain text or JSON.

    \b
    Example:
      wzdiff export wenzhou:2022@v1 --format json -o wenzhou-2022.json
    """
    from renderers.output import STDOUT_NAMES, _write, choose_format
    from renderers.store_views import export_bytes
    from store.gitstore import Store
    from store.ref import ReportRef

    if not fmt:  # from the -o name (-o e.json once got XML, break test), else xml
        named = output and output not in STDOUT_NAMES
        fmt = choose_format(None, output, ("xml", "text", "json"), "xml") if named else "xml"
        fmt = "txt" if fmt == "text" else fmt
    r = ReportRef.parse(ref)
    _refuse_overwrite(output, _store_path(store))
    with Store.open(_store_path(store)) as st:
        data = export_bytes(st.read_bytes(r), st.read(r), fmt, st.resolve(r))
    _write(data, output)  # the shared writer: bytes as they are; a bad path is a one-line error


@cli.command(name="import")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Parser processes (default: CPU count).")
@click.option("--message", "-m", default=None, help="Subject of the import's commits.")
@store_option
def import_(directory, workers, message, store):
    """Add every report under DIRECTORY (region from the folder, year from the file name, else
    from the text), parsing in parallel; prints what was added, skipped and rejected. Exit status
    1 if any file was rejected (the others are stored).

    \b
    Example:
      wzdiff import samples/national
    """
    from renderers.store_views import import_progress, print_import_summary
    from store.gitstore import Store
    from store.importer import import_dir

    with Store.open(_store_path(store), create=True) as st, import_progress() as (total, advance):
        result = import_dir(st, Path(directory), workers=workers, progress=advance, total=total,
                            message=message)
    print_import_summary(result)
    if result.rejected:
        sys.exit(1)


@cli.command()
@store_option
def check(store):
    """Check the store: git fsck, every XML against the schema, files edited outside wzdiff.
    Exit status 1 if a problem is found.

    \b
    Example:
      wzdiff check --store wzdiff-store
    """
    from renderers.store_views import print_check
    from store.gitstore import Store

    with Store.open(_store_path(store)) as st:
        report = st.check()
    print_check(report)
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("source")
@click.option("--from", "year_from", type=int, default=None, help="First target year shown.")
@click.option("--to", "year_to", type=int, default=None, help="Last target year shown.")
@click.option("--indicator", default=None, help="One series: key (gdp), series (gdp/%) or wording.")
@click.option("--main", "main_only", is_flag=True, help="Headline targets (主要预期目标) only.")
@click.option("--format", "fmt", type=click.Choice(DRIFT_FORMATS), default=None,
              help="Default: from the -o file's suffix (.csv, .json, .html), else text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@click.option("--no-cache", is_flag=True, help="Do not use or fill the store's cache of parsed reports.")
@store_option
def drift(source, year_from, year_to, indicator, main_only, fmt, output, no_cache, store):
    """Targets, results and changes over the years of SOURCE: a region in the store, or a
    directory of one region's report files (one per year).

    \b
    Example:
      wzdiff drift samples/national --indicator gdp
      wzdiff drift hailar --from 2014 --format csv -o hailar-drift.csv
    """
    from compare.digest import load_series
    from compare.drift import drift as drift_table
    from renderers import drift_views as dv
    from renderers.output import _print, _write, choose_format

    fmt = choose_format(fmt, output, DRIFT_FORMATS, "text")
    if year_from is not None and year_to is not None and year_from > year_to:  # before any parsing
        raise WzdiffError(f"--from {year_from} is after --to {year_to}")
    _refuse_overwrite(output, source, _store_path(store))
    table = drift_table(load_series(source, _store_path(store), cache=not no_cache), indicator=indicator,
                        year_from=year_from, year_to=year_to, main_only=main_only)
    if fmt == "text":
        _print(lambda con: dv.print_drift(table, con), output)
    else:
        _write({"csv": dv.to_csv, "json": dv.to_json, "html": dv.render_html}[fmt](table), output)


@cli.command()
@click.argument("source")
@click.argument("phrase")
@click.option("--format", "fmt", type=click.Choice(TRACE_FORMATS), default=None,
              help="Default: from the -o file's suffix (.json), else text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@store_option
def trace(source, phrase, fmt, output, store):
    """Follow one commitment (a phrase or sentence) across the years of SOURCE (a region in the
    store, or a directory of one region's report files).

    \b
    Example:
      wzdiff trace samples/wenzhou "打造全国新能源产能中心和应用示范城市"
    """
    from compare.digest import load_series
    from compare.trace import check_phrase, trace as trace_phrase
    from renderers import drift_views as dv
    from renderers.output import _print, _write, choose_format
    from renderers.data import to_json

    fmt = choose_format(fmt, output, TRACE_FORMATS, "text")
    check_phrase(phrase)  # before any parsing
    _refuse_overwrite(output, source, _store_path(store))
    lin = trace_phrase(load_series(source, _store_path(store)), phrase)
    if fmt == "json":
        _write(to_json(dv.lineage_dict(lin)), output)
    else:
        _print(lambda con: dv.print_lineage(lin, con), output)


_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click ≥ 8.2


def main():
    """Console-script entry point: every usage error (bad option, bad value, missing argument) is
    one line ``wzdiff: error: …`` with exit status 2, like every other expected failure."""
    from renderers.output import closed_pipe, guard_stdout

    guard_stdout()
    try:
        rv = cli.main(prog_name="wzdiff", standalone_mode=False)
        sys.stdout.flush()  # the last of the output: a reader that left shows here, not at exit
    except _NO_ARGS as err:  # bare `wzdiff`: show the help, as click does
        click.echo(err.ctx.get_help() if err.ctx else "", err=True)
        sys.exit(2)
    except click.UsageError as err:
        sub = err.ctx is not None and err.ctx.parent is not None
        hint = f" (see 'wzdiff {err.ctx.command.name} --help')" if sub else " (see 'wzdiff --help')"
        _fail(Exception(err.format_message() + hint))
    except click.ClickException as err:
        _fail(Exception(err.format_message()))
    except click.Abort:
        click.echo("wzdiff: aborted", err=True)
        sys.exit(130)
    except WzdiffError as err:
        _fail(err)
    except BrokenPipeError:
        _fail(closed_pipe())
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":
    main()
