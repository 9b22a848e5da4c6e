import { describe, expect, it } from "vitest";
import { InsufficientCreditsError, NoMatchingEndpointError, RateLimitError, UnknownModelError, UpstreamError } from "../gateway/errors";
import { describeChatError } from "./describe-chat-error";

describe("describeChatError", () => {
  const model = "simulated/scout:free";

  it("says what to do when credits run out", () => {
    expect(describeChatError(new InsufficientCreditsError(), model)).toMatch(/out of credits.*pick a free one/);
  });

  it("says how long to wait when a free model is rate limited", () => {
    expect(describeChatError(new RateLimitError("limit", 42), model)).toBe(`${model} is rate limited right now. Try again in 42 seconds.`);
    expect(describeChatError(new RateLimitError("limit", 3600), model)).toContain("60 minutes");
  });

  it("blames the provider, not the user, when it fails", () => {
    const message = describeChatError(new UpstreamError("Acme returned 503", { providerId: "acme", upstreamStatus: 503 }), model);
    expect(message).toContain("having trouble");
    expect(message).toContain("pick another model");
  });

  it("says a model is unavailable", () => {
    expect(describeChatError(new UnknownModelError(model), model)).toContain("isn't available");
  });

  it("says why no provider can serve this request, rather than that the model is unavailable", () => {
    const message = describeChatError(new NoMatchingEndpointError("No provider can serve it: Acme does not support tools."), model);
    expect(message).toContain(`No provider can serve ${model} for this request`);
    expect(message).toContain("does not support tools");
  });
});
