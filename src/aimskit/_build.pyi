# The build writes aimskit/_build.py into a wheel (hatch_build.py); a checkout has none.
VERSION: str
