from unittest import mock

import openai


def test_answer():
    with mock.patch.object(openai, "OpenAI"):
        pass
