"""Bringing an existing AIMS repository up to date: template changes and record-format migrations.

``template`` regenerates the template with the repository's own answers and merges it in with
git's three-way merge against the template output the repository last took, so the
organisation's edits are kept or shown as conflicts, never overwritten. ``migrations`` rewrites
records written for an older schema version, keeping their layout and comments.
"""
