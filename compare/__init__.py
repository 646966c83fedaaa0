"""Align two reports and classify what changed: sections, sentences, targets, achievements, drift.

``compare.model`` is the change vocabulary every renderer reads; ``compare.api.compare_reports``
is the entry point.
"""
