"""Draw a ``compare.model.Comparison`` (or a target list) as HTML, terminal tables, JSON, CSV, Markdown."""
