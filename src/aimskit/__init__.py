"""aimskit: ISO/IEC 42001 AI management systems as code."""

try:  # a wheel built from a checkout carries its own version, commit included (hatch_build.py)
    from ._build import VERSION as __version__  # a generated leaf: it imports nothing
except ImportError:
    __version__ = "0.1.0"
