import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { markRawChunk, type ChatCompletionChunk } from "../chat-types";
import { convertOpenAICompatibleChunk, isCompleteOpenAIChunk } from "../providers/openai-compatible/convert-openai-compatible-chunk";
import { openAICompatibleChunkSchema } from "../providers/openai-compatible/openai-compatible-api";
import { presentRawChunk } from "./present-raw-chunk";

const fixtures = path.join(import.meta.dirname, "../providers/openai-compatible/__fixtures__");
const replacement = { id: "gen-123", model: "openai/gpt-4.1-nano", provider: "OpenAI" };

/** Chunks as the adapter makes them from a recorded stream: converted, and marked raw where complete. */
function readChunks(file: string): Array<{ chunk: ChatCompletionChunk; raw: string; complete: boolean }> {
  return readFileSync(path.join(fixtures, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((raw) => {
      const parsed = openAICompatibleChunkSchema.parse(JSON.parse(raw));
      const chunk = convertOpenAICompatibleChunk(parsed, { id: "fallback", created: 0, model: "fallback" });
      const complete = isCompleteOpenAIChunk(parsed);
      if (complete) markRawChunk(chunk, raw);
      return { chunk, raw, complete };
    });
}

/** What the gateway sends when it serialises a chunk itself. */
function serialised(chunk: ChatCompletionChunk): unknown {
  return JSON.parse(JSON.stringify({ ...chunk, id: replacement.id, model: replacement.model, provider: replacement.provider, usage: undefined }));
}

describe("presentRawChunk", () => {
  for (const file of ["openai-text.chunks.txt", "groq-tool-call.chunks.txt"]) {
    it(`sends what serialising would, for every complete chunk of ${file}, and nothing for the rest`, () => {
      const chunks = readChunks(file);
      const passed = chunks.filter(({ complete }) => complete);
      // All but the usage-only chunk at the end pass through.
      expect(passed.length).toBeGreaterThanOrEqual(chunks.length - 1);
      for (const { chunk, complete } of chunks) {
        const text = presentRawChunk(chunk, replacement);
        if (!complete) {
          expect(text).toBeUndefined();
          continue;
        }
        expect(JSON.parse(text!)).toEqual(serialised(chunk));
      }
    });
  }

  it("is not fooled by a field name inside content, and gives up on text laid out otherwise", () => {
    const raw = JSON.stringify({
      id: "chatcmpl-1",
      object: "chat.completion.chunk",
      created: 1,
      model: "m",
      choices: [{ index: 0, delta: { content: '{"model":"m","id":"chatcmpl-1"}' }, finish_reason: null }],
      usage: null,
    });
    const chunk = markRawChunk(convertOpenAICompatibleChunk(openAICompatibleChunkSchema.parse(JSON.parse(raw)), { id: "", created: 0, model: "" }), raw);
    expect(JSON.parse(presentRawChunk(chunk, replacement)!)).toEqual(serialised(chunk));

    const reordered = JSON.stringify({ object: "chat.completion.chunk", id: "chatcmpl-1", created: 1, model: "m", choices: [] });
    const other = markRawChunk(convertOpenAICompatibleChunk(openAICompatibleChunkSchema.parse(JSON.parse(reordered)), { id: "", created: 0, model: "" }), reordered);
    expect(presentRawChunk(other, replacement)).toBeUndefined();
  });
});
