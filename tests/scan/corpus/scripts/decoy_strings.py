"""Strings and relative imports that look like AI use and are not."""

from .openai import helpers

SNIPPET = "import anthropic"
exec("from openai import OpenAI")  # a string is not an import
