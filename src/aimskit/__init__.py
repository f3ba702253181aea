"""aimskit: ISO/IEC 42001 AI management systems as code."""

__version__ = "0.1.0"
