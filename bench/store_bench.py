"""Store benchmark: import ../shared/corpus into a new temporary store and time what users wait for.

Prints: import rate (reports per second, wall clock, parser workers = CPU count), ``list`` time
(library call, and the ``wzdiff list`` command including Python start-up), time to compare two stored
reports by reference (``wenzhou:2022`` vs ``wenzhou:2023``, with ``compare.api.compare_reports``;
skipped with a note if that function does not exist), ``check`` time, and the store's size on disk.

    python bench/store_bench.py                 # the whole corpus (1,362 files)
    python bench/store_bench.py --limit 100     # a quick run on the first 100 files (sorted paths)
    python bench/store_bench.py --keep DIR      # keep the store in DIR instead of a temp dir
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.gitstore import Store  # noqa: E402
from store.importer import find_reports, import_dir  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _size(path: Path) -> tuple[int, int]:
    """(bytes on disk, by allocated blocks; apparent bytes) of every file under ``path``."""
    disk = apparent = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            st = os.lstat(os.path.join(dirpath, f))
            disk += st.st_blocks * 512
            apparent += st.st_size
    return disk, apparent


def _limited_copy(src: Path, dst: Path, limit: int) -> Path:
    """Copy the first ``limit`` report files of ``src`` (sorted) to ``dst``, keeping relative paths."""
    files, _ = find_reports(src)
    for f in files[:limit]:
        target = dst / f.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    return dst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="import only the first N files")
    ap.add_argument("--workers", type=int, default=None, help="parser processes (default: CPU count)")
    ap.add_argument("--keep", type=Path, default=None, help="build the store here and keep it")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="wzdiff-bench-"))
    store_dir = args.keep or tmp / "store"
    src = args.corpus if not args.limit else _limited_copy(args.corpus, tmp / "corpus", args.limit)
    n_files = len(find_reports(src)[0])
    print(f"corpus: {src} ({n_files} report files); CPUs: {os.cpu_count()}; store: {store_dir}")
    try:
        with Store.open(store_dir, create=True) as st:
            git_time = _time_calls(st, "commit_prepared")
            t = time.perf_counter()
            res = import_dir(st, src, workers=args.workers)
            dt = time.perf_counter() - t
            print(f"import: {len(res.added)} added, {len(res.skipped)} skipped, {len(res.rejected)} rejected, "
                  f"{len(res.commits)} commits in {dt:.1f} s -> {len(res.added) / dt:.1f} reports/s "
                  f"({n_files / dt:.1f} files/s); committing took {git_time[0]:.1f} s of it, "
                  f"the rest is parsing in {args.workers or os.cpu_count()} workers")
            for item in res.rejected[:5]:
                print(f"  rejected {item.path}: {item.reason}")
            t = time.perf_counter()
            entries = st.list()
            print(f"list (library): {len(entries)} reports in {time.perf_counter() - t:.3f} s")
        t = time.perf_counter()
        out = subprocess.run([sys.executable, str(ROOT / "wzdiff.py"), "list", "--store", str(store_dir)],
                             capture_output=True, text=True, cwd=ROOT)
        print(f"wzdiff list (command, incl. start-up): {time.perf_counter() - t:.3f} s, "
              f"{len(out.stdout.splitlines()) - 1} rows, exit {out.returncode}")
        _bench_compare(store_dir)
        with Store.open(store_dir) as st:
            t = time.perf_counter()
            rep = st.check()
            print(f"check: {'ok' if rep.ok else f'{len(rep.problems)} problems'}, {rep.reports} reports "
                  f"validated in {time.perf_counter() - t:.1f} s")
        disk, apparent = _size(store_dir)
        git_disk, _ = _size(store_dir / ".git")
        print(f"store size: {disk / 2**20:.1f} MiB on disk ({apparent / 2**20:.1f} MiB apparent); "
              f".git {git_disk / 2**20:.1f} MiB, checkout {(disk - git_disk) / 2**20:.1f} MiB")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def _time_calls(obj, name: str) -> list:
    """Wrap ``obj.name`` so that the seconds spent in it add up in the returned one-item list."""
    spent = [0.0]
    inner = getattr(obj, name)

    def timed(*a, **kw):
        t = time.perf_counter()
        try:
            return inner(*a, **kw)
        finally:
            spent[0] += time.perf_counter() - t

    setattr(obj, name, timed)
    return spent


def _bench_compare(store_dir: Path) -> None:
    """Time ``compare_reports`` on two stored reports read by reference, if compare.api has it."""
    try:
        from compare.api import compare_reports
    except ImportError:
        print("compare by reference: skipped (compare.api.compare_reports does not exist yet)")
        return
    from store.loading import load_report

    refs = ("wenzhou:2022", "wenzhou:2023")
    with Store.open(store_dir) as st:
        have = {str(e.ref) for e in st.list(region="wenzhou")}
    if not set(refs) <= have:
        print(f"compare by reference: skipped ({' and '.join(refs)} not both in the store)")
        return
    t = time.perf_counter()
    a, b = (load_report(r, store=store_dir) for r in refs)
    t_load = time.perf_counter() - t
    comparison = compare_reports(a, b)
    dt = time.perf_counter() - t
    print(f"compare {refs[0]} {refs[1]} by reference: {dt:.2f} s (reading both from the store: "
          f"{t_load:.2f} s; {len(comparison.sections)} section pairs)")


if __name__ == "__main__":
    main()
