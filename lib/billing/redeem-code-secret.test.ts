import { describe, expect, it } from "vitest";
import { generateRedeemCode, hashRedeemCode, normalizeRedeemCode } from "./redeem-code-secret";

describe("redeem code secrets", () => {
  it("generates distinct, well-formed codes whose hash and prefix match", () => {
    const codes = Array.from({ length: 50 }, () => generateRedeemCode());
    expect(new Set(codes.map((code) => code.code)).size).toBe(50);
    for (const { code, hash, prefix } of codes) {
      expect(code).toMatch(/^SY(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
      expect(hash).toBe(hashRedeemCode(code));
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(code.startsWith(`${prefix}-`)).toBe(true);
    }
  });

  it("finds the same code whatever the case, dashes, spaces and look-alike letters", () => {
    const { code, hash } = generateRedeemCode();
    const typed = ` ${code.toLowerCase().replaceAll("-", " ")} `;
    expect(hashRedeemCode(typed)).toBe(hash);
    expect(hashRedeemCode(code.slice(3))).toBe(hash);
    expect(normalizeRedeemCode("sy-o1il0-00000-00000-00000")).toBe("SY01110000000000000000");
    expect(hashRedeemCode("SY-AAAAA-AAAAA-AAAAA-AAAAB")).not.toBe(hashRedeemCode("SY-AAAAA-AAAAA-AAAAA-AAAAA"));
  });
});
