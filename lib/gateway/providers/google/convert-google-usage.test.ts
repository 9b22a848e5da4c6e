import { describe, expect, it } from "vitest";
import { convertGoogleUsage } from "./convert-google-usage";

describe("convertGoogleUsage", () => {
  it("counts thoughts as completion and reasoning tokens, and cached tokens inside the prompt", () => {
    expect(
      convertGoogleUsage({ promptTokenCount: 12013, candidatesTokenCount: 15, thoughtsTokenCount: 73, cachedContentTokenCount: 11243, totalTokenCount: 12101 }),
    ).toEqual({
      prompt_tokens: 12013,
      completion_tokens: 88,
      total_tokens: 12101,
      prompt_tokens_details: { cached_tokens: 11243 },
      completion_tokens_details: { reasoning_tokens: 73 },
    });
  });

  it("reads missing counts as zero", () => {
    expect(convertGoogleUsage(undefined)).toMatchObject({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });
});
