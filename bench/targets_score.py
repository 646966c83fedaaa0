#!/usr/bin/env python3
"""Score the target extractor against the gold files: P/R/F1 and kind/bound/indicator accuracy.

  python3 bench/targets_score.py            # every gold file that has a sample report
  python3 bench/targets_score.py --misses   # also list missed gold spans and extra predictions
  python3 bench/targets_score.py --full     # also run the whole report (own sentence split) and time it

Pipeline: when ``store/parse.py`` provides ``parse_file(path).targets()`` the real parser is scored;
until then the gold's own sentences are fed, in order, to ``extract_targets`` with a
``SentenceContext`` whose role/period come from the level-1 part (一、二、…) the sentence stands in.
Scoring uses ``score_targets`` of the gold scorer (``../shared/tools/evaluate.py``, else ``tests/shared``).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from _paths import SHARED, load_evaluator  # noqa: E402  (../shared beside the checkout, else tests/shared)

GOLD_DIR = SHARED / "gold" / "targets"
#: Blind annotations of unseen reports in the gold format (bench/reviewed/README.md).
REVIEWED_DIR = ROOT / "bench" / "reviewed" / "targets"
CORPUS = ROOT.parent / "shared" / "corpus"


def report_file(region: str, year: str) -> Path | None:
    """The sample or corpus file of ``region``'s report of ``year`` (``hailar``, ``本溪市``), or None."""
    for folder in (ROOT / "samples" / region, CORPUS / region, CORPUS / "cities" / region):
        hits = sorted(folder.glob(f"{year}.*"))
        if hits:
            return hits[0]
    return None

from store.target_model import SentenceContext  # noqa: E402
from store.targets import extract_targets  # noqa: E402



def squash(text: str) -> str:
    text = re.sub(r"(?m)^\s*-\s*\d+\s*-\s*$", "", text)  # page numbers
    return re.sub(r"[\s\u200b\u200c\u200d\ufeff\u3000]+", "", text)


def parts_of(raw: str) -> list[tuple[int, str]]:
    """(offset in the squashed text, heading) of each level-1 part (一、…)."""
    out = []
    flat = ""
    for line in raw.splitlines():
        s = squash(line)
        if re.match(r"^[一二三四五六七八九十]、", s) and len(s) < 40:
            out.append((len(flat), s))
        flat += s
    return out


def role_of(heading: str, year: int) -> tuple[str | None, str | None]:
    """Minimal role guess from a level-1 heading (bench only; the parser does this properly)."""
    if "回顾" in heading:
        return "review", f"{year - 5}-{year - 1}" if "五年" in heading else str(year - 1)
    if re.search(r"五年|目标任务", heading):
        return "five_year", f"{year}-{year + 4}"
    if "自身建设" in heading:
        return "self", str(year)
    return "plan", str(year)


def gold_sentence_preds(gold: list[dict], report: Path, year: int) -> list[dict]:
    flat = squash(report.read_text(encoding="utf-8"))
    parts = parts_of(report.read_text(encoding="utf-8"))
    preds, seen = [], set()
    for g in gold:
        sent = g["sentence"]
        if sent in seen:
            continue
        seen.add(sent)
        pos = flat.find(sent)
        heading = ""
        for off, h in parts:
            if pos >= off:
                heading = h
        role, period = role_of(heading, year) if heading else (None, None)
        ctx = SentenceContext(role=role, report_year=year, period=period,
                              previous=flat[max(0, pos - 300):pos] if pos > 0 else "", headings=[heading])
        preds += [t.to_dict() for t in extract_targets(sent, ctx)]
    return preds


def split_sentences(flat: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"[^。；！？]+[。；！？]?", flat)]


def full_report(report: Path, year: int):
    raw = report.read_text(encoding="utf-8")
    flat = squash(raw)
    parts = parts_of(raw)
    t0 = time.perf_counter()
    preds, pos, prev = [], 0, ""
    for sent in split_sentences(flat):
        heading = ""
        for off, h in parts:
            if pos >= off:
                heading = h
        role, period = role_of(heading, year) if heading else (None, None)
        preds += [t.to_dict() for t in extract_targets(sent, SentenceContext(role, year, period, prev))]
        prev = (prev + sent)[-300:]
        pos += len(sent)
    return preds, time.perf_counter() - t0


def predictions(gold_path: Path, report: Path, year: int, full: bool, gold_only: bool = False):
    if (ROOT / "store" / "parse.py").exists() and not gold_only:
        try:
            from store.parse import parse_file
            return [t.to_dict() for t in parse_file(str(report)).targets(words=False)], "parser"
        except Exception as e:  # the parser is being written; fall back
            print(f"  (parser failed: {type(e).__name__}: {e}; scoring gold sentences)")
    if full:
        return full_report(report, year)[0], "own split"
    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    return gold_sentence_preds(gold, report, year), "gold sentences"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--full", action="store_true", help="also time the whole report (naive sentence split)")
    ap.add_argument("--gold-sentences", action="store_true", help="feed the gold's sentences, not the parser")
    args = ap.parse_args(argv)
    ev = load_evaluator()
    for gold_path in sorted(GOLD_DIR.glob("*.jsonl")) + sorted(REVIEWED_DIR.glob("*.jsonl")):
        region, year = gold_path.stem.rsplit("-", 1)
        report = report_file(region, year)
        if report is None:
            continue
        preds, how = predictions(gold_path, report, int(year), False, args.gold_sentences)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            json.dump(preds, f, ensure_ascii=False)
        r = ev.score_targets(str(gold_path), f.name)
        fa = r["field_accuracy"]
        gold = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
        pairs = [(g, p) for g, p in ev.match_targets(preds, gold) if p is not None]
        fa["main"] = sum(bool(p.get("main")) == bool(g.get("main")) for g, p in pairs) / max(1, len(pairs))
        label = "reviewed " if gold_path.parent == REVIEWED_DIR else ""
        print(f"{label}{gold_path.stem} [{how}]: gold {r['gold']} pred {r['pred']} matched {r['matched']}  "
              f"P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}  "
              f"kind {fa['kind']:.3f} bound {fa['bound']:.3f} indicator {fa['indicator']:.3f} main {fa['main']:.3f}")
        if args.full:
            _, secs = full_report(report, int(year))
            print(f"  whole report extracted in {secs * 1000:.0f} ms")
        if args.misses:
            gold = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
            pairs = ev.match_targets(preds, gold)
            used = {id(p) for _, p in pairs if p is not None}
            for g, p in pairs:
                if p is None:
                    print(f"  MISS  {g['span']}  ({g['value']} {g['unit']})")
                else:
                    bad = [k for k in ("kind", "bound") if (p.get(k) or None) != (g.get(k) or None)]
                    if ev.partial_ratio(ev.squash(p.get("indicator")), ev.squash(g.get("indicator"))) < 0.7:
                        bad.append("indicator")
                    if bad:
                        print(f"  FIELD {g['span']}: " + ", ".join(f"{k} {p.get(k)!r}≠{g.get(k)!r}" for k in bad))
            for p in preds:
                if id(p) not in used:
                    print(f"  EXTRA {p['text']}  ({p['value']} {p['unit']}) in {p['sentence'][:40]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
