import type { ModelPricing } from "../providers/provider";
import type { TokenUsage } from "./normalize-usage";

const MICROS_PER_DOLLAR = 1_000_000;

/**
 * The cost of a generation in integer micro-dollars.
 *
 * Prices are micro-dollars per million tokens, so tokens x price is exact in
 * pico-dollars; the sum is computed in BigInt and rounded up once, to the
 * micro-dollar, so no request is free by rounding and none is rounded twice.
 * Cache reads and writes are part of prompt_tokens and are priced at their
 * own rates (falling back to the prompt price); reasoning tokens are part of
 * completion_tokens and priced at the reasoning rate where one is set.
 */
export function computeCostMicros(pricing: ModelPricing, usage: TokenUsage): bigint {
  return computeCost(pricing, usage).totalMicros;
}

export interface CostBreakdown {
  /** What is billed: the exact sum rounded up to the micro-dollar, plus the request fee. */
  totalMicros: bigint;
  /** Exact prompt-side cost (cache reads and writes included), in pico-dollars. */
  promptPico: bigint;
  /** Exact completion-side cost (reasoning included), in pico-dollars. */
  completionPico: bigint;
}

export function computeCost(pricing: ModelPricing, usage: TokenUsage): CostBreakdown {
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const cacheWrite = Math.min(usage.cacheWriteTokens, usage.promptTokens - cached);
  const uncachedPrompt = usage.promptTokens - cached - cacheWrite;
  const reasoning = pricing.reasoningPerMillion === undefined ? 0 : Math.min(usage.reasoningTokens, usage.completionTokens);
  const plainCompletion = usage.completionTokens - reasoning;

  const promptPico =
    BigInt(uncachedPrompt) * BigInt(pricing.promptPerMillion) +
    BigInt(cached) * BigInt(pricing.cacheReadPerMillion ?? pricing.promptPerMillion) +
    BigInt(cacheWrite) * BigInt(pricing.cacheWritePerMillion ?? pricing.promptPerMillion);
  const completionPico =
    BigInt(plainCompletion) * BigInt(pricing.completionPerMillion) +
    BigInt(reasoning) * BigInt(pricing.reasoningPerMillion ?? pricing.completionPerMillion);

  const totalMicros = ceilDivide(promptPico + completionPico, 1_000_000n) + BigInt(pricing.requestMicros ?? 0);
  return { totalMicros, promptPico, completionPico };
}

/** Pico-dollars to a dollar figure, for reporting only (never for billing). */
export function picoToDollars(pico: bigint): number {
  return Number(pico) / 1e12;
}

/** Micro-dollars to the dollar figure OpenRouter reports as `cost`. */
export function microsToDollars(micros: bigint): number {
  return Number(micros) / MICROS_PER_DOLLAR;
}

/** Dollars per token as OpenRouter's catalog writes it: a decimal string. */
export function perMillionToPerTokenString(microsPerMillion: number): string {
  if (microsPerMillion === 0) return "0";
  // micro-dollars per million tokens = pico-dollars per token = 1e-12 dollars.
  const digits = microsPerMillion.toString().padStart(13, "0");
  const whole = digits.slice(0, -12).replace(/^0+(?=\d)/, "");
  const fraction = digits.slice(-12).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * What a request served with the caller's own provider key is billed: the
 * fee's share of what it would have cost, rounded up to the micro-dollar.
 */
export function applyByokFee(listMicros: bigint, feePercent: number): bigint {
  // Hundredths of a percent, so a fee such as 5.5% stays exact in integers.
  const basisPoints = BigInt(Math.round(feePercent * 100));
  return (listMicros * basisPoints + 9_999n) / 10_000n;
}

export function isFreePricing(pricing: ModelPricing): boolean {
  return (
    pricing.promptPerMillion === 0 &&
    pricing.completionPerMillion === 0 &&
    (pricing.requestMicros ?? 0) === 0 &&
    (pricing.reasoningPerMillion ?? 0) === 0
  );
}

function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
