"""Every git access of aimskit (through GitPython), with git's errors turned into domain errors here."""

from __future__ import annotations

from aimskit.git.history import Approval, Revision, acceptance_rows, approval_rows, approvals, file_history
from aimskit.git.versions import document_versions
from aimskit.git.ranges import (
    ChangedPath,
    Range,
    Sides,
    base_tip,
    changed_paths,
    comparison_range,
    load_sides,
    roles_at,
    text_at,
)
from aimskit.git.repository import (
                                    Checkout,
                                    GitSource,
                                    checkout_state,
                                    glob_magic,
                                    open_repository,
                                    renames,
                                    resolve,
                                    root_commits,
                                    tags_at,
)

__all__ = ["ChangedPath", "Range", "Sides", "base_tip", "changed_paths", "comparison_range", "load_sides", "roles_at",
           "text_at",
           "Approval", "Checkout", "GitSource", "Revision", "acceptance_rows", "approval_rows", "approvals",
           "checkout_state", "document_versions", "file_history", "glob_magic", "open_repository", "renames", "resolve", "root_commits", "tags_at"]
