import { describe, expect, it } from "vitest";
import { cleanProviderMessage } from "./clean-provider-message";

describe("cleanProviderMessage", () => {
  it("redacts the configured key and key-like strings, and collapses whitespace", () => {
    const message = "Bad key my-own-key\n\n  (also sk-abc123456789)";
    expect(cleanProviderMessage(message, { apiKey: "my-own-key", keyPatterns: [/\bsk-[A-Za-z0-9]{6,}/g] })).toBe(
      "Bad key [redacted] (also [redacted])",
    );
  });

  it("leaves the message alone without a key or patterns", () => {
    expect(cleanProviderMessage("Overloaded", { apiKey: "", keyPatterns: [] })).toBe("Overloaded");
  });

  it("cuts long messages to 300 characters, ending with an ellipsis", () => {
    const cleaned = cleanProviderMessage("x".repeat(400), { keyPatterns: [] });
    expect(cleaned).toHaveLength(300);
    expect(cleaned.endsWith("…")).toBe(true);
  });

  it("cuts to a shorter length when asked, only after redacting, so no part of a key is left", () => {
    const cleaned = cleanProviderMessage(`${"x".repeat(10)} my-own-key`, { apiKey: "my-own-key", keyPatterns: [], maxLength: 14 });
    expect(cleaned).toBe("xxxxxxxxxx [r…");
  });
});
