import { z } from "zod";
import { InvalidRequestError } from "../errors";
import { parseRequest } from "../schema/parse-request";

/**
 * The names OpenRouter's `supported_parameters` uses. A filter on one of
 * these that no model here supports is an empty list; any other name is a
 * typo worth a 400.
 * @see https://openrouter.ai/docs/api-reference/parameters
 */
export const OPENROUTER_PARAMETER_NAMES = [
  "frequency_penalty",
  "include_reasoning",
  "logit_bias",
  "logprobs",
  "max_tokens",
  "min_p",
  "parallel_tool_calls",
  "presence_penalty",
  "reasoning",
  "repetition_penalty",
  "response_format",
  "seed",
  "stop",
  "structured_outputs",
  "temperature",
  "tool_choice",
  "tools",
  "top_a",
  "top_k",
  "top_logprobs",
  "top_p",
  "verbosity",
  "web_search_options",
] as const;

const listModelsQuerySchema = z.strictObject({
  all: z
    .enum(["true", "false"], { error: "Must be 'true' or 'false'." })
    .optional()
    .transform((value) => value === "true"),
  supported_parameters: z
    .string()
    .transform((value) => value.split(",").map((name) => name.trim()))
    .pipe(z.array(z.enum(OPENROUTER_PARAMETER_NAMES, { error: (issue) => `Unknown parameter '${String(issue.input)}'.` })))
    .optional(),
});

export type ListModelsQuery = z.infer<typeof listModelsQuerySchema>;

/**
 * The query of `GET /api/v1/models`: `all=true` for every catalog model,
 * `supported_parameters=tools,response_format` to keep models one endpoint
 * of which takes them all. Anything else is a 400, not ignored.
 */
export function parseListModelsQuery(searchParams: URLSearchParams): ListModelsQuery {
  const query = new Map<string, string>();
  for (const [key, value] of searchParams) {
    // Which of two values was meant cannot be told; taking the last would hide the mistake.
    if (query.has(key)) throw new InvalidRequestError(`Query parameter '${key}' is given more than once.`, { param: key, code: "invalid_request" });
    query.set(key, value);
  }
  return parseRequest(listModelsQuerySchema, Object.fromEntries(query));
}
