"""Turn report files into structured XML reports and keep them in a git-backed store.

Modules: ``reading`` (bytes → text of one format), ``repair`` (undo PDF and web artefacts),
``parse`` (text → ``Report`` XML), ``schema`` (RELAX NG validation, safe XML loading),
``model`` (``Report`` and ``ReportRef``), ``numbers``/``targets``/``indicators`` (quantified
statements), ``gitstore`` (versioned store).
"""
