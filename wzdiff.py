"""wzdiff command line: a thin click layer over the library (``store``, ``compare``, ``renderers``).

Every command parses its options, calls library functions that the tests call too, and prints.
Expected failures (``store.errors.WzdiffError``) are printed as one line ``wzdiff: error: …`` with
exit status 2; nothing else is caught, so a real bug still shows its traceback.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from store.errors import WzdiffError

DEFAULT_STORE = "wzdiff-store"


def _store_path(store: str | None) -> Path:
    return Path(store or os.environ.get("WZDIFF_STORE") or DEFAULT_STORE)


def _fail(err: Exception) -> None:
    msg = " ".join(str(err).split())
    click.echo(f"wzdiff: error: {msg}", err=True)
    sys.exit(2)


class _Group(click.Group):
    """Turns a ``WzdiffError`` raised by any command into a one-line error and exit status 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WzdiffError as err:
            _fail(err)


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
              help="Output format (default: html with -o, a terminal summary without).")
@click.option("--show-punct", is_flag=True, help="Count whitespace/punctuation-only differences as changes.")
@click.option("--region", default=None, help="Region of A and B when the text does not say.")
@store_option
def compare(a, b, output, fmt, show_punct, region, store):
    """Compare report A with report B.

    A and B are files (txt, md, html, docx, pdf) or store references (wenzhou:2022, wenzhou:2022@v1).

    \b
    Example:
      wzdiff compare samples/wenzhou/2022.txt samples/wenzhou/2023.md -o diff.html
      wzdiff compare wenzhou:2022 wenzhou:2023 --format json > diff.json
    """
    from compare.api import compare_reports
    from renderers import output as out
    from store.loading import load_report

    ra = load_report(a, store=_store_path(store), region=region)
    rb = load_report(b, store=_store_path(store), region=region)
    result = compare_reports(ra, rb, show_punct=show_punct)
    out.emit_comparison(result, fmt=fmt, output=output)


@cli.command()
@click.argument("report")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "text"]), default="text")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@click.option("--region", default=None)
@click.option("--year", type=int, default=None)
@store_option
def targets(report, fmt, output, region, year, store):
    """List every quantified statement (target, achievement) of REPORT.

    \b
    Example:
      wzdiff targets samples/wenzhou/2022.txt --format json > targets.json
    """
    from renderers import output as out
    from store.loading import load_report

    r = load_report(report, store=_store_path(store), region=region, year=year)
    out.emit_targets(r.targets(), fmt=fmt, output=output)


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
    """List stored reports (optionally of one REGION)."""
    from renderers.store_views import print_store_list
    from store.gitstore import Store

    with Store.open(_store_path(store)) as st:
        print_store_list(st.list(region=region))


@cli.command()
@click.argument("region")
@click.argument("year", type=int)
@store_option
def log(region, year, store):
    """Show the stored versions of REGION's report of YEAR."""
    from renderers.store_views import print_versions
    from store.gitstore import Store

    with Store.open(_store_path(store)) as st:
        print_versions(st.log(region, year))


def main():
    """Console-script entry point."""
    cli(prog_name="wzdiff")


if __name__ == "__main__":
    main()
