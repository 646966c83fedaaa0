"""The report schema (``store/report.rng``, RELAX NG) and safe XML loading.

``validate(root)`` raises ``WzdiffError`` naming the first problem; ``safe_fromstring(data)``
parses stored or user-supplied XML with entity expansion, DTD loading and network access off
(a billion-laughs or external-entity file is refused, not expanded).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lxml import etree

from store.errors import WzdiffError

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_blank_text=False)


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    data = resources.files("store").joinpath("report.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(data, _PARSER))


def validate(root: etree._Element, what: str = "report XML") -> None:
    """Raise ``WzdiffError`` if ``root`` does not match the shipped schema."""
    schema = _schema()
    if not schema.validate(root):
        err = schema.error_log.last_error
        raise WzdiffError(f"{what}: does not match the report schema (line {err.line}: {err.message})")


def safe_fromstring(data: bytes, what: str = "XML") -> etree._Element:
    """Parse ``data`` without entities, DTDs or network; raise ``WzdiffError`` on any problem,
    including a DOCTYPE (wzdiff never writes one, so its presence means the file is not ours)."""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        raise WzdiffError(f"{what}: refuses XML with a DOCTYPE or entity declarations")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as err:
        raise WzdiffError(f"{what}: not well-formed XML ({err.msg})") from None
