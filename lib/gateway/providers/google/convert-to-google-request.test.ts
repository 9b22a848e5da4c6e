import { describe, expect, it } from "vitest";
import { InvalidRequestError, UnsupportedFeatureError } from "../../errors";
import type { UpstreamChatRequest } from "../provider";
import { convertToGoogleRequest } from "./convert-to-google-request";

const model = "gemini-2.5-flash";

describe("convertToGoogleRequest: messages", () => {
  it("moves system and developer messages to systemInstruction and merges consecutive turns of one role", () => {
    const body = convertToGoogleRequest({
      model,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Answer in French." }] },
        { role: "user", content: "Hi" },
        { role: "user", content: [{ type: "text", text: "there" }] },
        { role: "assistant", content: "Bonjour" },
        { role: "user", content: "Ça va ?" },
      ],
    });
    expect(body).toEqual({
      systemInstruction: { parts: [{ text: "Be brief." }, { text: "Answer in French." }] },
      contents: [
        { role: "user", parts: [{ text: "Hi" }, { text: "there" }] },
        { role: "model", parts: [{ text: "Bonjour" }] },
        { role: "user", parts: [{ text: "Ça va ?" }] },
      ],
    });
  });

  it("sends data: URLs inline and https URLs by reference", () => {
    const body = convertToGoogleRequest({
      model,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Compare" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.JPG?size=large" } },
          ],
        },
      ],
    });
    expect(body.contents[0]?.parts).toEqual([
      { text: "Compare" },
      { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } },
      { fileData: { mimeType: "image/jpeg", fileUri: "https://example.com/cat.JPG?size=large" } },
    ]);
  });

  it("rejects image URLs it cannot send, with the part's path", () => {
    const withUrl = (url: string): UpstreamChatRequest => ({ model, messages: [{ role: "user", content: [{ type: "image_url", image_url: { url } }] }] });
    expect(() => convertToGoogleRequest(withUrl("https://example.com/image"))).toThrow(UnsupportedFeatureError);
    expect(() => convertToGoogleRequest(withUrl("https://example.com/image"))).toThrow(/messages\[0\]\.content\[0\]\.image_url\.url/);
    expect(() => convertToGoogleRequest(withUrl("http://example.com/cat.png"))).toThrow(/data: URLs or https URLs/);
  });

  it("turns tool calls into functionCall parts with their thought signature, and tool results into functionResponse parts", () => {
    const body = convertToGoogleRequest({
      model,
      messages: [
        { role: "user", content: "Weather in Paris and London?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_r1_0__thought__c2lnbmF0dXJl", type: "function", function: { name: "weather", arguments: '{"location":"Paris"}' } },
            { id: "call_r1_1", type: "function", function: { name: "weather", arguments: "" } },
          ],
        },
        { role: "tool", tool_call_id: "call_r1_0__thought__c2lnbmF0dXJl", content: '{"temperature":21}' },
        { role: "tool", tool_call_id: "call_r1_1", content: "rainy" },
      ],
    });
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris and London?" }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "weather", args: { location: "Paris" } }, thoughtSignature: "c2lnbmF0dXJl" },
          { functionCall: { name: "weather", args: {} } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "weather", response: { temperature: 21 } } },
          { functionResponse: { name: "weather", response: { content: "rainy" } } },
        ],
      },
    ]);
  });

  it("rejects a tool result for an unknown call and arguments that are not a JSON object", () => {
    expect(() => convertToGoogleRequest({ model, messages: [{ role: "tool", tool_call_id: "nope", content: "x" }] })).toThrow(InvalidRequestError);
    expect(() =>
      convertToGoogleRequest({
        model,
        messages: [{ role: "assistant", tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: "[1]" } }] }],
      }),
    ).toThrow(/messages\[0\]\.tool_calls\[0\]\.function\.arguments must be a JSON object/);
  });
});

describe("convertToGoogleRequest: tools and options", () => {
  const tools: UpstreamChatRequest["tools"] = [
    {
      type: "function",
      function: {
        name: "weather",
        description: "Get the weather",
        parameters: { $schema: "x", type: "object", properties: { location: { type: "string" } }, required: ["location"], additionalProperties: false },
      },
    },
    { type: "function", function: { name: "time", parameters: { type: "object", properties: {} } } },
  ];

  it("declares functions with converted parameters and maps tool_choice", () => {
    const body = convertToGoogleRequest({ model, messages: [{ role: "user", content: "hi" }], tools, tool_choice: "required" });
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          { name: "weather", description: "Get the weather", parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] } },
          { name: "time" },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: "ANY" } });
    const choice = (toolChoice: UpstreamChatRequest["tool_choice"]): unknown =>
      convertToGoogleRequest({ model, messages: [{ role: "user", content: "hi" }], tools, tool_choice: toolChoice }).toolConfig;
    expect(choice("auto")).toEqual({ functionCallingConfig: { mode: "AUTO" } });
    expect(choice("none")).toEqual({ functionCallingConfig: { mode: "NONE" } });
    expect(choice({ type: "function", function: { name: "time" } })).toEqual({ functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["time"] } });
  });

  it("maps sampling options, structured output and reasoning to generationConfig", () => {
    const body = convertToGoogleRequest({
      model,
      messages: [{ role: "user", content: "hi" }],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      max_tokens: 100,
      max_completion_tokens: 200,
      stop: "END",
      seed: 7,
      response_format: {
        type: "json_schema",
        json_schema: { name: "answer", schema: { type: "object", properties: { ok: { type: ["boolean", "null"] } }, additionalProperties: false } },
      },
      reasoning: { effort: "medium" },
    });
    expect(body.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 200,
      stopSequences: ["END"],
      seed: 7,
      responseMimeType: "application/json",
      responseSchema: { type: "object", properties: { ok: { type: "boolean", nullable: true } } },
      thinkingConfig: { thinkingBudget: 8192, includeThoughts: true },
    });
    const config = (request: Partial<UpstreamChatRequest>): unknown =>
      convertToGoogleRequest({ model, messages: [{ role: "user", content: "hi" }], ...request }).generationConfig;
    expect(config({ response_format: { type: "json_object" } })).toEqual({ responseMimeType: "application/json" });
    expect(config({ reasoning: { max_tokens: 2000, exclude: true } })).toEqual({ thinkingConfig: { thinkingBudget: 2000, includeThoughts: false } });
    expect(config({ reasoning: { effort: "low" } })).toEqual({ thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    expect(config({ reasoning: { effort: "high" } })).toEqual({ thinkingConfig: { thinkingBudget: 24576, includeThoughts: true } });
    expect(config({ reasoning: { enabled: false } })).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
    expect(config({ stop: ["a", "b"] })).toEqual({ stopSequences: ["a", "b"] });
  });

  it.each([
    ["logprobs", { logprobs: true }],
    ["logit_bias", { logit_bias: { "50256": -100 } }],
    ["n", { n: 2 }],
    ["repetition_penalty", { repetition_penalty: 1.1 }],
    ["parallel_tool_calls", { parallel_tool_calls: false }],
    ["prediction", { prediction: { type: "content", content: "x" } }],
  ])("refuses %s instead of dropping it", (field, extra) => {
    const request = { model, messages: [{ role: "user", content: "hi" }], ...extra } as UpstreamChatRequest;
    const error = (() => {
      try {
        convertToGoogleRequest(request);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect(error).toMatchObject({ status: 400, param: field, code: "unsupported_parameter" });
  });
});
