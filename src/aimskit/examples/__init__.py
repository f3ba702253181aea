"""Example content shipped with the template: list it, and remove it leaving a valid repository."""

from aimskit.examples.removal import Removal, RemovalRefused, apply, plan

__all__ = ["Removal", "RemovalRefused", "plan", "apply"]
