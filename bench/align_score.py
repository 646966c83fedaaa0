"""Score `wzdiff compare --format json` against every gold pair in ../shared/gold/align/.

Runs the library call (the same the CLI makes) on the samples each gold file names and prints,
per pair: section accuracy, target-pair F1 and change accuracy, achievement F1 and met accuracy.
Then the same for the pairs in ``bench/reviewed/``: alignments in the gold format written by a
reviewer who read both reports, not hand-checked gold: national 2016→2017, Hailar 2016→2017, 嘉兴
2023→2024 (first scores: targets F1 0.82/0.69/0.91, achievements 0.80/0.67/0.89), and, written
later by another reviewer, Hailar 2018→2019, 绵阳 2022→2023, 宁德 2022→2023 (first scores: sections
0.95/0.95/0.82, targets F1 0.53/0.73/0.76, achievements 0.57/0.59/0.78). Each was written before the
matcher had seen the pair; the general fixes they prompted are in the git log, so later figures on
them are somewhat optimistic. A pair whose reports are neither in
``samples/`` nor in ``../shared/corpus/`` is skipped.
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
REVIEWED = ROOT / "bench" / "reviewed"
CORPUS = ROOT.parent / "shared" / "corpus"



def sample(name: str) -> Path:
    """``wenzhou/2022`` (or ``cities/嘉兴市/2023``) → the sample or corpus file of that report (any
    suffix). Raises FileNotFoundError when there is none."""
    for folder in (ROOT / "samples", CORPUS):
        hits = sorted(folder.glob(name + ".*"))
        if hits:
            return hits[0]
    raise FileNotFoundError(f"no sample for {name}")


def main(verbose: bool = False) -> list[dict]:
    from compare.api import compare_reports
    from renderers.data import comparison_to_dict as comparison_dict
    from store.parse import parse_file

    ev = load_evaluator()
    rows = []
    for gold in sorted(GOLD.glob("*.json")) + sorted(REVIEWED.glob("*.json")):
        g = json.loads(gold.read_text(encoding="utf-8"))
        try:
            a, b = sample(g["a"]), sample(g["b"])
        except FileNotFoundError as e:
            print(json.dumps({"pair": gold.stem, "skipped": str(e)}, ensure_ascii=False))
            continue
        t0 = time.process_time()
        result = compare_reports(parse_file(a), parse_file(b))
        cpu = time.process_time() - t0
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            json.dump(comparison_dict(result), f, ensure_ascii=False)
        s = ev.score_align(str(gold), f.name)
        Path(f.name).unlink()
        row = {"pair": gold.stem, "set": "gold" if gold.parent == GOLD else "reviewed", "sections": s["sections"]["accuracy"], "targets_f1": s["targets"]["f1"],
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
