"""The review gate: the roles a change needs (``aimskit.approvals.needs``), checked against the
approvals the code host reports (``hosts``), into a verdict (``verdict``)."""
