import type { z } from "zod";
import { InvalidRequestError } from "../errors";

/**
 * Validates a decoded JSON body against a schema. A failure becomes a 400
 * whose message and `param` name the first bad field (`messages[0].content`).
 */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new InvalidRequestError("Invalid request body.");
  const param = formatPath(issue.path);
  const message = param ? `Invalid request: ${param}: ${issue.message}` : `Invalid request: ${issue.message}`;
  throw new InvalidRequestError(message, { param: param || null, code: "invalid_request" });
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let formatted = "";
  for (const segment of path) {
    if (typeof segment === "number") formatted += `[${segment}]`;
    else formatted += formatted ? `.${String(segment)}` : String(segment);
  }
  return formatted;
}
