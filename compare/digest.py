"""What the multi-year views (``compare.drift``, ``compare.trace``) need of a report, and where it
comes from: a ``Digest`` per report, built from a parsed ``Report``, read from the store (with a
cache), or parsed from a directory of report files.

``Digest`` fields:

- ``region`` (str or None), ``year`` (int or None); ``targets()`` → list of ``Target`` (every
  quantified statement of the report, as ``Report.targets()``), so ``compare.targets.year_targets``
  accepts a Digest like a Report.
- ``sentences``: ``[(id, text, role), …]`` every body sentence in document order (run-in headings
  included), ``role`` the role of its part (``review``, ``plan``, ``five_year``, ``self``,
  ``other``) or ``None`` before the first part / when the parser found no parts.
- ``commitments``: ``[(id, text), …]`` the headings of sections and run-in-headed paragraphs in
  the parts that set future work (role ``plan``, ``five_year``, ``self``): the report's
  commitments, numeric or not.

Cache (store only): ``load_store(..., cache=True)`` keeps each Digest as JSON under the store's git
directory (``.git/wzdiff-cache/digest-v1/SHA256.json``, never in the working tree, so ``wzdiff
check`` does not see it), keyed by the SHA-256 of the stored XML: a stored report never changes
under its hash, so the cache cannot go stale; bump ``DIGEST_VERSION`` when the Digest changes.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

from store.model import Report
from store.target_model import Target

DIGEST_VERSION = 1
#: Parts whose headings are commitments (future work), as ``store.metadata.part_role`` names them.
COMMITMENT_ROLES = ("plan", "five_year", "self")


@dataclass
class Digest:
    region: Optional[str]
    year: Optional[int]
    target_list: list[Target] = field(default_factory=list)
    sentences: list[tuple[str, str, Optional[str]]] = field(default_factory=list)
    commitments: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""

    def targets(self) -> list[Target]:
        return self.target_list

    def to_json(self) -> str:
        d = {"v": DIGEST_VERSION, "region": self.region, "year": self.year, "source": self.source,
             "targets": [asdict(t) for t in self.target_list],
             "sentences": self.sentences, "commitments": self.commitments}
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Digest":
        d = json.loads(text)
        return cls(d["region"], d["year"], [Target(**t) for t in d["targets"]],
                   [tuple(s) for s in d["sentences"]], [tuple(c) for c in d["commitments"]], d.get("source", ""))


def digest(report: Report, source: str = "") -> Digest:
    """The Digest of a parsed report (see the module docstring)."""
    sentences: list = []
    commitments: list = []
    body = report.root.find("body")
    for el in body:
        role = el.get("role") if el.tag == "part" else None
        for node in el.iter("heading", "sentence"):
            if node.tag == "sentence":
                sentences.append((node.get("id"), node.text or "", role))
            elif not len(node) and node.text:  # part/section heading (run-in headings are sentences)
                sentences.append((node.getparent().get("id") + ".h", node.text, role))
        if el.tag != "part" or role not in COMMITMENT_ROLES:
            continue
        for sub in el.iter("section", "paragraph"):
            h = sub.find("heading")
            if h is None:
                continue
            text = h.text if not len(h) else "".join(x.text or "" for x in h.iter("sentence"))
            if text:
                commitments.append((sub.get("id"), text))
    return Digest(report.region, report.year, report.targets(), sentences, commitments, source)


def as_digests(reports) -> list[Digest]:
    """Reports or Digests → Digests sorted by year (reports without a year are left out)."""
    out = [r if isinstance(r, Digest) else digest(r) for r in reports]
    return sorted((d for d in out if d.year is not None), key=lambda d: d.year)


def _parse_one(job: tuple[str, Optional[str], Optional[int]]) -> Digest:
    from store.parse import parse_file

    path, region, year = job
    return digest(parse_file(path, region=region, year=year), source=path)


def load_dir(directory: Path) -> list[Digest]:
    """Digests of every report file in ``directory`` (region from the folder name, year from the
    file name, else from the text; see ``store.importer.names_from_path``), oldest first. Which
    files are reports is ``store.importer.find_reports``'s call, as for ``wzdiff import``: a FIFO,
    socket or device is skipped unopened (opening a FIFO would wait for ever). Two files
    of one year: the later path wins. Parsed in this process, one file after another (a process
    pool was slower on the 2-CPU test machine: 5.4 s against 3.8 s for the 8 hailar files).

    Raises ``StoreError`` when ``directory`` holds no report files, or files of several regions
    (subfolders named after regions, e.g. ``samples``: drift and trace are about one region)."""
    from store.errors import StoreError
    from store.importer import find_reports, names_from_path

    files, _ = find_reports(Path(directory))
    if not files:
        raise StoreError(f"no reports in {directory} (report files: .txt, .md, .html, .docx, .pdf)")
    jobs = [(str(p), *names_from_path(p)) for p in files]
    folders: dict[str, str] = {}
    for p, (_, region, _) in zip(files, jobs):
        folders.setdefault(region or p.parent.name, str(p.parent))
    if len(folders) > 1:
        names = sorted(folders)
        raise StoreError(f"{directory} holds reports of {len(names)} regions ({', '.join(names)}): "
                         f"give one region's folder, e.g. {folders[names[0]]}")
    ds = [_parse_one(j) for j in jobs]
    by_year = {d.year: d for d in ds if d.year is not None}
    if not by_year:
        raise StoreError(f"no reports in {directory} with a year (name the files YEAR.txt, e.g. 2019.txt)")
    return [by_year[y] for y in sorted(by_year)]


def load_store(store_path: Path, region: str, cache: bool = True) -> list[Digest]:
    """Digests of the latest stored version of each of ``region``'s reports, oldest first.
    Raises ``StoreError`` when there is no store or the region has no reports."""
    from store.errors import StoreError
    from store.gitstore import Store
    from store.ref import ReportRef

    out = []
    with Store.open(Path(store_path)) as st:
        entries = st.list(region=region)
        if not entries:
            regions = sorted({e.region for e in st.list()})
            raise StoreError(f"no reports in the store at {store_path} of region {region}"
                             + (f" (regions: {', '.join(regions)})" if regions else " (the store is empty)"))
        cache_dir = Path(st.git_dir) / "wzdiff-cache" / f"digest-v{DIGEST_VERSION}" if cache and st.repo else None
        for e in sorted(entries, key=lambda e: e.year):
            ref = ReportRef(e.region, e.year)
            data = st.read_bytes(ref)
            key = hashlib.sha256(data).hexdigest()
            hit = cache_dir / f"{key}.json" if cache_dir else None
            if hit is not None and hit.exists():
                out.append(Digest.from_json(hit.read_text(encoding="utf-8")))
                continue
            d = digest(Report.from_bytes(data, what=str(ref)), source=str(ref))
            if hit is not None:
                hit.parent.mkdir(parents=True, exist_ok=True)
                tmp = hit.with_suffix(".tmp")
                tmp.write_text(d.to_json(), encoding="utf-8")
                tmp.replace(hit)
            out.append(d)
    return out


def load_series(source: str, store_path: Optional[Path] = None, cache: bool = True) -> list[Digest]:
    """A region's reports from ``source``: an existing directory of report files, else a region
    name in the store at ``store_path``. Raises ``StoreError`` (one line) when ``source`` is a file,
    a missing path, or a region with no reports."""
    import os

    from store.errors import StoreError
    from store.ref import check_region

    p = Path(source)
    if p.is_dir():
        return load_dir(p)
    if p.exists():
        raise StoreError(f"{source}: not a directory (give a directory of one region's reports, "
                         f"or a region in the store)")
    if not source.strip() or os.sep in source or (os.altsep and os.altsep in source):
        raise StoreError(f"{source or repr(source)}: no such directory")
    store_path = Path(store_path or "wzdiff-store")
    check_region(source)
    if not (store_path.exists()):
        raise StoreError(f"{source}: no such directory, and no store at {store_path} to find a region "
                         f"{source} in (give --store DIR)")
    return load_store(store_path, source, cache=cache)
