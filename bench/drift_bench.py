"""Time ``wzdiff drift`` over ten stored years of one region, with and without the digest cache.

The samples hold 8 years of one district (hailar 2012-2019) and 5 of the State Council; for a
ten-year region the bench stores hailar 2012-2019 plus the national reports of 2018 and 2019 filed
as years 2020 and 2021 of the same region (timing only: the text sizes are real, the series is not).
It also times the two real regions (hailar, national).

Printed, for each region: the store read + ``drift()`` library call without cache (every XML parsed
and validated), with a cold cache (parse, then write the cache), with a warm cache, and the whole
``wzdiff drift REGION --format json`` process with a warm cache. Aim: under 2 s.

    python bench/drift_bench.py [--keep DIR]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.digest import load_store  # noqa: E402
from compare.drift import drift  # noqa: E402
from store.gitstore import Store  # noqa: E402

SAMPLES = ROOT / "samples"
REGIONS = {
    "ten": [(SAMPLES / "hailar" / f"{y}.txt", y) for y in range(2012, 2020)]
    + [(SAMPLES / "national" / "2018.txt", 2020), (SAMPLES / "national" / "2019.txt", 2021)],
    "hailar": [(SAMPLES / "hailar" / f"{y}.txt", y) for y in range(2012, 2020)],
    "national": [(SAMPLES / "national" / f"{y}.txt", y) for y in range(2015, 2020)],
}


def build(store: Path) -> None:
    with Store.open(store, create=True) as st:
        for region, files in REGIONS.items():
            for path, year in files:
                st.add(path, region=region, year=year)


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="drift-bench-"))
    store = args.keep or tmp / "store"
    t = time.perf_counter()
    if not (store / ".git").exists():
        build(store)
    print(f"store: {store} (built in {time.perf_counter() - t:.1f} s)")
    cache = store / ".git" / "wzdiff-cache"
    print(f"{'region':8} {'years':>5} {'rows':>5} {'no cache':>9} {'cold cache':>11} {'warm cache':>11} "
          f"{'drift() only':>13} {'CLI warm':>9}")
    for region in REGIONS:
        no_cache, ds = timed(lambda: drift(load_store(store, region, cache=False)))
        shutil.rmtree(cache, ignore_errors=True)
        t = time.perf_counter()
        drift(load_store(store, region, cache=True))
        cold = time.perf_counter() - t
        warm, table = timed(lambda: drift(load_store(store, region, cache=True)))
        digests = load_store(store, region, cache=True)
        lib, _ = timed(lambda: drift(digests))
        t = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "wzdiff.py"), "drift", region, "--store", str(store),
                        "--format", "json", "-o", str(tmp / f"{region}.json")], check=True)
        cli = time.perf_counter() - t
        print(f"{region:8} {len(table.report_years):5d} {len(table.rows):5d} {no_cache:8.2f}s {cold:10.2f}s "
              f"{warm:10.2f}s {lib:12.2f}s {cli:8.2f}s")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
