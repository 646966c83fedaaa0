"""``ReportRef``: the value type for a stored report reference such as ``wenzhou:2022@v1``.

Grammar: ``REGION:YEAR`` (latest version) or ``REGION:YEAR@VERSION`` where VERSION is ``vN``
(the N-th stored version, oldest is ``v1``) or a commit hash (4 to 40 hex digits).
Region names and years are checked here, once, for the whole store: see ``check_region`` and
``check_year``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from store.errors import StoreError

MIN_YEAR = 1949
"""Earliest year accepted (founding of the PRC: no 政府工作报告 before it)."""
MAX_YEAR = 2100
"""Latest year accepted (anything later is a typo)."""
MAX_REGION_LEN = 64
"""Longest region name accepted (the longest real name, a 自治州, is well under 20 characters)."""

# Letters (any script, so 三亚市 and wenzhou both pass), digits, '_', '-', '·'; not starting with
# '-' or '_' (a git option, a hidden file). No '/', '\\', '.', ':', '@', spaces or control characters,
# so a region can never leave reports/ or sources/, and never clashes with the reference syntax.
_REGION_RE = re.compile(r"^[^\W_][\w\-·]*$")
_VERSION_RE = re.compile(r"^(v[1-9][0-9]*|[0-9a-fA-F]{4,40})$")
_REF_RE = re.compile(r"^(?P<region>[^:@/\\]+):(?P<year>[0-9]{4})(?:@(?P<version>[^@]*))?$")


def check_region(region: str) -> str:
    """Return ``region`` (stripped) if it is a safe region name, else raise ``StoreError``.

    Accepted: ``wenzhou``, ``三亚市``, ``hailar-2``. Refused: ``""``, ``../etc``, ``/etc``, ``a/b``,
    ``.git``, names with spaces, ``:`` or ``@``, names longer than ``MAX_REGION_LEN``.
    """
    r = (region or "").strip() if isinstance(region, str) else ""
    if not r:
        raise StoreError("invalid region: the name is empty (give --region, e.g. wenzhou or 三亚市)")
    if len(r) > MAX_REGION_LEN:
        raise StoreError(f"invalid region {region!r}: longer than {MAX_REGION_LEN} characters")
    if not _REGION_RE.match(r):
        raise StoreError(f"invalid region {region!r}: start with a letter or digit, then use letters, "
                         f"digits, '-', '_' or '·' only (e.g. wenzhou, 三亚市, hailar-2; no '/', '.', "
                         f"spaces)")
    return r


def check_year(year) -> int:
    """Return ``year`` as an int if it is a whole number in ``MIN_YEAR``..``MAX_YEAR``, else raise
    ``StoreError``."""
    try:
        y = int(str(year).strip())
    except (TypeError, ValueError):
        raise StoreError(f"invalid year {year!r}: give a year such as 2022") from None
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise StoreError(f"invalid year {y}: must be between {MIN_YEAR} and {MAX_YEAR}")
    return y


@dataclass(frozen=True)
class ReportRef:
    """A stored report: ``region``, ``year`` and optional ``version`` (``"v2"``, a commit hash, or
    ``None`` for the latest). Construct with ``ReportRef.parse("wenzhou:2022@v1")``; ``str()`` gives
    that text back. The constructor validates and raises ``StoreError`` on a bad part."""

    region: str
    year: int
    version: Optional[str] = None

    def __post_init__(self):
        object.__setattr__(self, "region", check_region(self.region))
        object.__setattr__(self, "year", check_year(self.year))
        if self.version is not None:
            v = str(self.version).strip()
            if not _VERSION_RE.match(v):
                raise StoreError(f"invalid version {self.version!r} in {self.region}:{self.year}: "
                                 f"use v1, v2, … or a commit hash")
            object.__setattr__(self, "version", v.lower())

    @classmethod
    def parse(cls, text: str) -> "ReportRef":
        """Parse ``REGION:YEAR[@VERSION]``; raise ``StoreError`` with a one-line reason if malformed."""
        m = _REF_RE.match((text or "").strip())
        if not m:
            raise StoreError(f"invalid report reference {text!r}: expected REGION:YEAR or "
                             f"REGION:YEAR@vN (e.g. wenzhou:2022@v1)")
        return cls(m["region"], int(m["year"]), m["version"] if m["version"] is not None else None)

    @staticmethod
    def looks_like(text: str) -> bool:
        """True if ``text`` is written like a reference (``x:2022``, ``x:2022@v1``) and is not an
        existing file. Does not validate the parts: ``ReportRef.parse`` does that."""
        import os

        t = (text or "").strip()
        if not t or os.path.exists(t):
            return False
        return _REF_RE.match(t) is not None

    @property
    def key(self) -> str:
        """``REGION:YEAR`` without the version."""
        return f"{self.region}:{self.year}"

    @property
    def report_path(self) -> str:
        """Path of the XML inside the store: ``reports/REGION/YEAR.xml``."""
        return f"reports/{self.region}/{self.year}.xml"

    def latest(self) -> "ReportRef":
        """The same report without a version (its latest version)."""
        return ReportRef(self.region, self.year)

    def __str__(self) -> str:
        return f"{self.key}@{self.version}" if self.version else self.key
