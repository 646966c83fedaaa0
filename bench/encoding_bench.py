"""Encoding guard over the whole corpus: the share of common hanzi that ``store.reading`` requires
of a text decoded from GB18030 or UTF-16 (``COMMON_HAN_MIN_SHARE``), measured on every real report.

For every file of ../shared/corpus: decode it as the reader does, then re-encode the text as
GB18030 and decode again (so the share test runs on each). Prints the number of files, how many
were refused (the target is 0), and the lowest and median common-hanzi share against the threshold.

    python bench/encoding_bench.py
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.errors import InputError  # noqa: E402
from store.reading import COMMON_HAN_MIN_SHARE, common_han_share, decode_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")
    if not files:
        raise SystemExit(f"no corpus at {CORPUS}")
    shares, refused = [], []
    for path in files:
        try:
            text, _ = decode_text(path.read_bytes(), path.name)
            decode_text(text.encode("gb18030"), path.name)
        except InputError as err:
            refused.append(str(err))
            continue
        shares.append((common_han_share(text)[1], path.relative_to(CORPUS)))
    low = min(shares)
    print(f"files                {len(files)}")
    print(f"refused              {len(refused)}")
    for r in refused[:10]:
        print(f"  {r}")
    print(f"lowest share         {low[0]:.4f} ({low[1]})")
    print(f"median share         {statistics.median(s for s, _ in shares):.4f}")
    print(f"threshold            {COMMON_HAN_MIN_SHARE}")


if __name__ == "__main__":
    main()
