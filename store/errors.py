"""Errors that reach the user as one line (the CLI prints ``str(err)`` and exits non-zero)."""


class WzdiffError(Exception):
    """Base class: every expected failure (bad input, bad reference, store problem).

    The message is one line, names the file or reference at fault, and says what is wrong.
    """


class InputError(WzdiffError):
    """A report file cannot be read or parsed (empty, binary, wrong encoding, truncated, no text)."""


class StoreError(WzdiffError):
    """The store refused an operation (bad region/year, unknown reference, busy, integrity)."""
