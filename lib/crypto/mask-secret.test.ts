import { describe, expect, it } from "vitest";
import { maskSecret } from "./mask-secret";

describe("maskSecret", () => {
  it("keeps the first three and last four characters of a real key", () => {
    expect(maskSecret("sk-proj-0123456789abcdefabcd")).toBe("sk-...abcd");
    expect(maskSecret("  gsk_abcdefghijklmnop1234 ")).toBe("gsk...1234");
  });

  it("shows at most a quarter of a short secret", () => {
    expect(maskSecret("abcdefgh")).toBe("ab...gh");
    expect(maskSecret("abc")).toBe("...");
    expect(maskSecret("")).toBe("...");
  });
});
