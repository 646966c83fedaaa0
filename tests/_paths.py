"""Where the tests find the real reports and the gold answers.

``SAMPLES``: the repository's copies of real reports. ``SHARED``: the workspace's ``../shared``
(corpus, gold answers, scorer) when it sits beside the checkout, else the vendored copy of the gold
answers and scorer in ``tests/shared``.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
_WORKSPACE = ROOT.parent / "shared"
SHARED = _WORKSPACE if (_WORKSPACE / "gold" / "align").is_dir() else ROOT / "tests" / "shared"


def load_evaluator():
    """The gold scorer ``evaluate.py`` (from ``SHARED/tools``) as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("evaluate", SHARED / "tools" / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
