import { describe, expect, it } from "vitest";
import { findMalformedPath } from "./find-malformed-path";

describe("findMalformedPath", () => {
  it.each(["/api/v1/%", "/api/v1/%zz", "/api/v1/models%E0%A4%A", "/api/v1/x/%C3%28", "/api/v1/%ED%A0%80"])("answers 400 for %s", (url) => {
    const found = findMalformedPath(url);
    expect(found?.status).toBe(400);
    expect(JSON.parse(found!.body)).toMatchObject({ error: { type: "invalid_request_error", message: expect.stringContaining("percent-escape") } });
  });

  it.each(["/api/v1/models", "/api/v1/models/simulated/swift%2Dmini/endpoints", "/api/v1/x-%E6%97%A5", "/api/v1/generation?id=%E0%A4%A"])("lets %s through", (url) => {
    expect(findMalformedPath(url)).toBeNull();
  });
});
