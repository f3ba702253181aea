from openai._client import OpenAI
import anthropic
