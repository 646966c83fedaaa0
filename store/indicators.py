"""Canonical indicator table: map an indicator as worded (``全市生产总值``) to a key (``gdp``).

The table is data, in ``store/indicators.tsv`` (shipped with the package). Format, one indicator a line,
UTF-8, tab-separated::

    key<TAB>wording<TAB>wording…

``#`` starts a comment line; blank lines are ignored. Wordings are compared after removing whitespace.
A user may add or override keys with their own file of the same format:
``load_indicator_table(extra_path="my.tsv")`` (lines of the extra file win for the same wording).

``indicator_key(indicator)`` returns the key whose wording is the longest one contained in the
indicator (so ``城镇居民人均可支配收入`` → ``income_urban``, not ``income``), or ``None``. A level
(``总量``), rank (``排名``) or share (``占…比重``) of an indicator is not the indicator itself, so
wordings that match only before such a word are skipped (``地区生产总值总量排名`` → None).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

TABLE_PATH = Path(__file__).with_name("indicators.tsv")
_NOT_ITSELF = re.compile(r"^(?:总量排名|排名|排位|占|比重|增速排名)")


def _read(path) -> list[tuple[str, str]]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, *words = [c.strip() for c in line.split("\t")]
        rows += [(re.sub(r"\s+", "", w), key) for w in words if w.strip()]
    return rows


def load_indicator_table(extra_path=None) -> dict[str, str]:
    """{wording: key} from the shipped table, updated with ``extra_path`` (same TSV format) if given."""
    table = dict(_read(TABLE_PATH))
    if extra_path:
        table.update(_read(extra_path))
    return table


@lru_cache(maxsize=1)
def _default() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(load_indicator_table().items(), key=lambda kv: -len(kv[0])))


def indicator_key(indicator: str, table: Optional[dict] = None) -> Optional[str]:
    """Canonical key of an indicator as worded, or None. ``table``: a dict from ``load_indicator_table``."""
    if not indicator:
        return None
    ind = re.sub(r"\s+", "", indicator)
    items = _default() if table is None else sorted(table.items(), key=lambda kv: -len(kv[0]))
    for word, key in items:
        pos = ind.find(word)
        if pos >= 0 and not _NOT_ITSELF.match(ind[pos + len(word):]):
            return key
    return None
