"""Prompts. Mentions openai, anthropic and claude-3 only in text."""

SYSTEM = "You are a helpful assistant, unlike openai-like bots."
label = "claude-3-opus"
