import { describe, expect, it } from "vitest";
import { createGenerationId } from "./ids";

describe("createGenerationId", () => {
  it("looks like OpenRouter's ids, time first, and sorts in creation order", () => {
    const id = createGenerationId(Date.UTC(2026, 10, 25, 1, 0, 0));
    expect(id).toMatch(/^gen-1795568400-[0-9A-Za-z]{20}$/);
    const earlier = createGenerationId(1_795_568_400_000);
    const later = createGenerationId(1_795_568_401_000);
    expect(earlier < later).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => createGenerationId())).size).toBe(1000);
  });
});
