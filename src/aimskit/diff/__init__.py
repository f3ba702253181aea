"""Comparisons between two revisions of an AIMS, and their Markdown report."""
