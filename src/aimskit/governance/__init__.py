"""The shared domain predicates: risk scoring and levels, review schedules, CODEOWNERS from roles."""
