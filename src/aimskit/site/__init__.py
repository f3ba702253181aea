"""The site: the pipeline (validate, history, readiness, render) and the site engines."""
