import type { ToolCall } from "../../chat-types";
import type { ChatCompletionRequest } from "../../schema/chat-completion-request";
import { createRandomFor } from "./create-random";
import type { Question } from "./extract-keywords";
import { generateFromJsonSchema } from "./generate-from-json-schema";
import { stopWords } from "./phrase-bank";
import type { SimulatedModel } from "./simulated-models";

type Tool = NonNullable<ChatCompletionRequest["tools"]>[number];

export interface ToolCallContext {
  simulated: SimulatedModel;
  request: ChatCompletionRequest;
  seed: number;
  /** The last user message, read for words to match and echo. */
  question: Question;
}

/**
 * Decides whether the reply is a tool call, following OpenAI's tool_choice
 * semantics: "none" never calls, "required" or a named function always does,
 * and "auto" leaves it to the model. Only a tool-preferring model (Toolsmith)
 * calls on "auto", and it answers in text once a tool result is the last
 * message, so agent loops end. A forced choice still calls after a tool
 * result, as OpenAI's models do.
 * @see https://platform.openai.com/docs/guides/function-calling#tool-choice
 */
export function planToolCalls(context: ToolCallContext): ToolCall[] {
  const { request, simulated } = context;
  const tools = request.tools ?? [];
  const toolChoice = request.tool_choice ?? "auto";
  if (tools.length === 0 || toolChoice === "none") return [];

  const forced = toolChoice === "required" || typeof toolChoice === "object";
  const lastRole = request.messages.at(-1)?.role;
  const answeringToolResult = lastRole === "tool" || lastRole === "function";
  if (!forced && (!simulated.prefersToolCalls || answeringToolResult)) return [];

  let chosen: Tool[];
  if (typeof toolChoice === "object") {
    chosen = tools.filter((tool) => tool.function.name === toolChoice.function.name).slice(0, 1);
  } else {
    const ranked = rankByRelevance(tools, context.question.words);
    const [best, runnerUp] = ranked;
    chosen = best ? [best.tool] : [];
    const parallelAllowed = request.parallel_tool_calls !== false && simulated.model.supportedParameters.includes("parallel_tool_calls");
    const random = createRandomFor(context.seed, "parallel-tool-calls");
    if (simulated.prefersToolCalls && parallelAllowed && runnerUp && (runnerUp.score > 0 || random.chance(0.35))) {
      chosen.push(runnerUp.tool);
    }
  }

  return chosen.map((tool, index) => ({
    id: `call_${createRandomFor(context.seed, `tool-call-id:${index}`).string(24)}`,
    type: "function" as const,
    function: {
      name: tool.function.name,
      arguments: JSON.stringify(
        generateFromJsonSchema(tool.function.parameters ?? { type: "object", properties: {} }, {
          random: createRandomFor(context.seed, `tool-call-arguments:${index}:${tool.function.name}`),
          question: context.question,
          optionalProperties: "some",
        }),
      ),
    },
  }));
}

interface RankedTool {
  tool: Tool;
  score: number;
}

/** Tools whose name or description shares words with the question come first; ties keep the client's order. */
function rankByRelevance(tools: readonly Tool[], words: readonly string[]): RankedTool[] {
  const questionWords = new Set(words.map(stem));
  return tools
    .map((tool, order) => {
      const toolWords = new Set(
        `${tool.function.name.replace(/([a-z0-9])([A-Z])/g, "$1 $2")} ${tool.function.description ?? ""}`
          .toLowerCase()
          .split(/[^a-z0-9]+/)
          .filter((word) => word.length >= 3 && !stopWords.has(word))
          .map(stem),
      );
      let score = 0;
      for (const word of toolWords) if (questionWords.has(word)) score++;
      return { tool, score, order };
    })
    .sort((first, second) => second.score - first.score || first.order - second.order);
}

/** Crude plural folding, enough to match "weather" with "weathers" or "files" with "file". */
function stem(word: string): string {
  return word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word;
}
