"""Parse benchmark: run the parser over every file of ../shared/corpus and report what it finds.

Prints the number of files, failures (with their one-line reasons), files that lost characters
(``store.lossless.lost_characters`` > 0; the target is 0), characters per second, peak memory,
time per report (mean, median, slowest), and a structure summary: reports with no part detected
(flat), and reports whose structure looks suspicious (parts or sections out of sequence, a single
part, a part with one section, a heading longer than ``LONG_HEADING`` characters).

    python bench/parse_bench.py                  # the whole corpus (city reports included)
    python bench/parse_bench.py --limit 100      # the first 100 files (sorted paths)
    python bench/parse_bench.py --no-targets     # time the parser without target extraction
    python bench/parse_bench.py --profile        # cProfile the run, print the 25 costliest calls
    python bench/parse_bench.py -v               # list every flat and suspicious report

Peak memory is measured with ``resource`` (the process's maximum resident set size) — tracemalloc
would slow the parser several-fold and falsify the speed figure.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store import parse as parse_mod  # noqa: E402
from store.errors import WzdiffError  # noqa: E402
from store.lossless import lost_characters  # noqa: E402
from store.reading import read_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
#: A part or section heading longer than this is reported as suspicious: the longest real heading in
#: the gold files is 49 characters (national 2018 （六）); 80 leaves room for long city headings.
LONG_HEADING = 80


def corpus_files(root: Path) -> list[Path]:
    """Every report file under ``root`` (README files excluded), sorted."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.lower().startswith("readme"))


def suspicious(report) -> list[str]:
    """Reasons a parsed report's structure looks wrong (empty list when it looks sound)."""
    why = []
    parts = report.parts()
    ns = [int(p.get("n")) for p in parts]
    numbered = [n for n in ns if n]
    if numbered and numbered != list(range(1, len(numbered) + 1)):
        why.append(f"parts out of sequence {numbered}")
    if len(parts) == 1:
        why.append("a single part")
    for p in parts:
        secs = p.findall("section")
        sn = [int(s.get("n")) for s in secs]
        if sn and sn != list(range(1, len(sn) + 1)):
            why.append(f"sections of {p.get('id')} out of sequence {sn}")
        if len(secs) == 1:
            why.append(f"{p.get('id')} has a single section")
        for el in [p] + secs:
            h = el.findtext("heading") or ""
            if len(h) > LONG_HEADING:
                why.append(f"{el.get('id')} heading of {len(h)} characters")
    return why


def run(files: list[Path], targets: bool, verbose: bool) -> None:
    """Parse ``files`` and print the figures described in the module docstring."""
    if not targets:
        parse_mod._Builder.__init__ = _no_targets_init  # type: ignore[method-assign]
    failures, lossy, flat, odd, times = [], [], [], [], []
    chars = 0
    t_all = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        try:
            src = read_file(path)
            report = parse_mod.parse_source(src)
        except WzdiffError as err:
            failures.append((path, str(err)))
            continue
        except Exception as err:  # a bug: report it, keep going
            failures.append((path, f"BUG {type(err).__name__}: {err}"))
            continue
        times.append(time.perf_counter() - t0)
        chars += sum(len(ln.text) for ln in src.lines)
        lost = lost_characters(report, src)
        if lost:
            lossy.append((path, lost))
        if not report.parts():
            flat.append(path)
        why = suspicious(report)
        if why:
            odd.append((path, why))
    wall = time.perf_counter() - t_all
    parse_time = sum(times)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rel = lambda p: p.relative_to(CORPUS) if p.is_relative_to(CORPUS) else p  # noqa: E731
    print(f"files                 {len(files)}")
    print(f"failures              {len(failures)}")
    for p, why in failures:
        print(f"  {rel(p)}: {why}")
    print(f"lost characters       {len(lossy)} files")
    for p, n in lossy:
        print(f"  {rel(p)}: {n} characters")
    if times:
        print(f"characters per second {chars / parse_time:,.0f} (parse only, {chars:,} characters)")
        print(f"time per report       mean {1000 * statistics.mean(times):.1f} ms, "
              f"median {1000 * statistics.median(times):.1f} ms, max {1000 * max(times):.1f} ms "
              f"({'with' if targets else 'without'} target extraction)")
        print(f"reports per second    {len(times) / parse_time:.1f} (one core)")
    print(f"peak memory (RSS)     {rss_mb:.0f} MB")
    print(f"wall time             {wall:.1f} s (incl. lossless checks)")
    print(f"flat (0 parts)        {len(flat)}")
    print(f"suspicious structure  {len(odd)}")
    kinds: dict[str, int] = {}
    for _, why in odd:
        for w in why:
            k = w.split(" [")[0].split(" heading of")[0]
            k = "heading too long" if "heading of" in w else ("sections out of sequence" if "sections of" in w else
                ("part with a single section" if "single section" in w else k))
            kinds[k] = kinds.get(k, 0) + 1
    for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {n:5d}  {k}")
    if verbose:
        for p in flat:
            print(f"FLAT {rel(p)}")
        for p, why in odd:
            print(f"ODD  {rel(p)}: {'; '.join(why)}")


def _no_targets_init(self, year):
    self.year, self.extract = year, None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-targets", action="store_true")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    files = corpus_files(args.corpus)
    if args.limit:
        files = files[: args.limit]
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.runcall(run, files, not args.no_targets, args.verbose)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    else:
        run(files, not args.no_targets, args.verbose)


if __name__ == "__main__":
    main()
