from google import genai

client = genai.Client()
MODEL = "gemini-1.5-flash"


def summarise(text):
    return client.models.generate_content(model=MODEL, contents=text)
