// import OpenAI from "openai";  -- replaced by Anthropic in March
import Anthropic from "@anthropic-ai/sdk";
import { render } from "./openai-like";

const client = new Anthropic();
console.log("openai is not used here");

export async function ask(q: string) {
  return client.messages.create({
    model: "claude-3-5-sonnet-20241022",
    max_tokens: 512,
    messages: [{ role: "user", content: q }],
  });
}
