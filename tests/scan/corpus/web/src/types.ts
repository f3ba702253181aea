import type { Message } from "@anthropic-ai/sdk/resources/messages";

export async function lazyClient() {
  const { default: OpenAI } = await import("openai");
  return new OpenAI();
}
