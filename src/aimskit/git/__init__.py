"""Every git access of aimskit (through GitPython), with git's errors turned into domain errors here."""

from __future__ import annotations

from aimskit.git.history import Approval, Revision, approval_rows, approvals, file_history
from aimskit.git.versions import document_versions
from aimskit.git.ranges import ChangedPath, Range, Sides, changed_paths, comparison_range, load_sides, text_at
from aimskit.git.repository import (
                                    Checkout,
                                    GitSource,
                                    checkout_state,
                                    glob_magic,
                                    open_repository,
                                    renames,
                                    resolve,
                                    tags_at,
)

__all__ = ["ChangedPath", "Range", "Sides", "changed_paths", "comparison_range", "load_sides", "text_at",
           "Approval", "Checkout", "GitSource", "Revision", "approval_rows", "approvals", "checkout_state",
           "file_history", "glob_magic", "document_versions", "open_repository", "renames", "resolve", "tags_at"]
