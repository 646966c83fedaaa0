"""Score `wzdiff compare --format json` against every gold pair in ../shared/gold/align/.

Runs the library call (the same the CLI makes) on the samples each gold file names and prints,
per pair: section accuracy, target-pair F1 and change accuracy, achievement F1 and met accuracy.
Usage: python bench/align_score.py [--verbose]
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from _paths import SHARED, load_evaluator  # noqa: E402  (../shared beside the checkout, else tests/shared)

GOLD = SHARED / "gold" / "align"



def sample(name: str) -> Path:
    """``wenzhou/2022`` → the sample file of that report (any suffix)."""
    hits = sorted((ROOT / "samples").glob(name + ".*"))
    if not hits:
        raise SystemExit(f"no sample for {name}")
    return hits[0]


def main(verbose: bool = False) -> list[dict]:
    from compare.api import compare_reports
    from renderers.data import comparison_to_dict as comparison_dict
    from store.parse import parse_file

    ev = load_evaluator()
    rows = []
    for gold in sorted(GOLD.glob("*.json")):
        g = json.loads(gold.read_text(encoding="utf-8"))
        t0 = time.process_time()
        result = compare_reports(parse_file(sample(g["a"])), parse_file(sample(g["b"])))
        cpu = time.process_time() - t0
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            json.dump(comparison_dict(result), f, ensure_ascii=False)
        s = ev.score_align(str(gold), f.name)
        Path(f.name).unlink()
        row = {"pair": gold.stem, "sections": s["sections"]["accuracy"], "targets_f1": s["targets"]["f1"],
               "change_acc": s["targets"]["change_accuracy"], "achievements_f1": s["achievements"]["f1"],
               "met_acc": s["achievements"]["met_accuracy"], "cpu_s": round(cpu, 2)}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False))
        if verbose:
            print("  wrong sections:", json.dumps(s["sections"]["wrong"], ensure_ascii=False))
            print("  targets:", json.dumps(s["targets"], ensure_ascii=False))
            print("  achievements:", json.dumps(s["achievements"], ensure_ascii=False))
    return rows


if __name__ == "__main__":
    main("--verbose" in sys.argv)
