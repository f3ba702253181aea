"""Approvals: the bookkeeping of an approval (``aimskit approve``), the evidence of who approved
each version, and the review gate that checks the code host's reviews.

What an approval covers is decided in ``aimskit.governance.approval``.
"""
