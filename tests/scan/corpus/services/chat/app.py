"""Chat endpoint. We tried openai-like wrappers before; see docs."""

import openai
import openai_like
from flask import Flask

# from anthropic import Anthropic  (not yet)
client = openai.OpenAI()
LABEL = "gpt-4o is what the marketing page calls it"


def answer(question: str) -> str:
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content
