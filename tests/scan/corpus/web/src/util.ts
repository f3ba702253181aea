/* import Anthropic from "@anthropic-ai/sdk" */
import wrapper from "my-openai-wrapper";
export const name = "openai";
