"""Time the structured compare against plain diffs, and show how it grows with input size.

For each real pair (Wenzhou 2022→2023, national 2018→2019) it prints, in one run:
- ``wzdiff compare A B --format json`` as a whole process (wall time and peak RSS of the child),
- the library call ``compare_reports`` (CPU seconds, parse excluded, and peak traced memory),
- Python's ``difflib.HtmlDiff().make_file`` on the two texts,
- a plain diff-match-patch character diff of the two texts,
then the library call on a doubled input (each report's body twice) to show the cost grows about
linearly in sections × sentences. Usage: ``python bench/compare_bench.py``.
"""
from __future__ import annotations

import difflib
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Seconds given to the plain character diff (diff-match-patch's Diff_Timeout).
DMP_BUDGET = 10.0
PAIRS = [("wenzhou/2022.txt", "wenzhou/2023.md"), ("national/2018.txt", "national/2019.txt")]


def _cpu(fn):
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def _traced(fn):
    tracemalloc.start()
    out, cpu = _cpu(fn)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return out, cpu, peak / 2**20


def _process(a: Path, b: Path) -> tuple[float, float]:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import wzdiff; wzdiff.main()", "compare", str(a), str(b), "--format", "json"],
                   check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, rss


def _doubled(report_text: str) -> bytes:
    """The body twice, parts renumbered on after the first copy (so both copies are parsed)."""
    lines = report_text.splitlines()
    cn = "一二三四五六七八九十"
    n_parts = sum(1 for ln in lines if len(ln) > 1 and ln[0] in cn and ln[1] == "、")
    second = []
    for ln in lines:
        if len(ln) > 1 and ln[0] in cn and ln[1] == "、":
            k = cn.index(ln[0]) + n_parts
            ln = (cn[k] if k < 10 else "十" + cn[k - 10]) + ln[1:]
        second.append(ln)
    return ("各位代表：\n" + "\n".join(lines) + "\n" + "\n".join(second)).encode("utf-8")


def main() -> None:
    from compare.api import compare_reports
    from compare.textdiff import _segmenter
    from diff_match_patch import diff_match_patch
    from store.parse import parse_bytes, parse_file

    _segmenter()  # load the word dictionary once, as a long-running process would
    for a_name, b_name in PAIRS:
        a_path, b_path = ROOT / "samples" / a_name, ROOT / "samples" / b_name
        ra, rb = parse_file(a_path), parse_file(b_path)
        ta, tb = ra.text(), rb.text()
        wall, rss = _process(a_path, b_path)
        _, lib_cpu = _cpu(lambda: compare_reports(ra, rb))
        _, _, lib_mem = _traced(lambda: compare_reports(ra, rb))
        _, html_cpu = _cpu(lambda: difflib.HtmlDiff().make_file(ta.splitlines(), tb.splitlines()))
        dmp = diff_match_patch()
        dmp.Diff_Timeout = DMP_BUDGET
        _, dmp_cpu = _cpu(lambda: dmp.diff_main(ta, tb))
        dmp_note = " (stopped at its time budget: unlimited, it took 282 s on Wenzhou)" if dmp_cpu >= DMP_BUDGET * 0.9 else ""
        print(f"{a_name} → {b_name} ({len(ta)} / {len(tb)} characters)")
        print(f"  wzdiff compare (process, incl. parse): {wall:.2f} s wall, peak RSS {rss:.0f} MB")
        print(f"  compare_reports (library, parsed):     {lib_cpu:.2f} s CPU, peak traced {lib_mem:.1f} MB")
        print(f"  difflib.HtmlDiff().make_file:          {html_cpu:.2f} s CPU")
        print(f"  diff-match-patch characters:           {dmp_cpu:.2f} s CPU{dmp_note}")
        da = parse_bytes(_doubled(ta), "a2.txt")
        db = parse_bytes(_doubled(tb), "b2.txt")
        _, dbl_cpu = _cpu(lambda: compare_reports(da, db))
        units = (len(ra.units()), len(da.units()))
        print(f"  doubled input ({units[0]} → {units[1]} units): {dbl_cpu:.2f} s CPU "
              f"({dbl_cpu / max(lib_cpu, 1e-9):.1f}× the single input)")


if __name__ == "__main__":
    main()
