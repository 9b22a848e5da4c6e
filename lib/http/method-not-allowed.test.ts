import { describe, expect, it } from "vitest";
import { anthropicErrorResponse } from "../gateway/inbound/anthropic/anthropic-error-response";
import { methodNotAllowed } from "./method-not-allowed";

describe("methodNotAllowed", () => {
  it("answers 405 in OpenAI's error shape with the Allow header", async () => {
    const response = methodNotAllowed("POST")(new Request("http://localhost/api/v1/chat/completions", { method: "GET" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({
      error: { message: "GET is not allowed here; use POST.", type: "invalid_request_error", param: null, code: "method_not_allowed" },
    });
  });

  it("answers in Anthropic's shape where the route does", async () => {
    const response = methodNotAllowed("POST", anthropicErrorResponse)(new Request("http://localhost/api/v1/messages", { method: "DELETE" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({ type: "error", error: { type: "invalid_request_error", message: "DELETE is not allowed here; use POST." } });
  });
});
