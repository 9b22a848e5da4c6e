/**
 * Dollars with enough digits to see a single cheap reply: a simulated reply
 * costs a few millionths of a dollar, which two decimals would show as $0.00.
 */
export function formatCost(dollars: number): string {
  if (dollars === 0) return "$0";
  if (Math.abs(dollars) >= 1) return `$${dollars.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
  return `$${dollars.toLocaleString("en-US", { maximumSignificantDigits: 3, maximumFractionDigits: 10 })}`;
}

/** Dollars per token (OpenRouter's decimal string) as dollars per million tokens. */
export function formatPerMillion(perToken: string): string {
  const value = Number(perToken) * 1_000_000;
  if (!Number.isFinite(value) || value === 0) return "$0";
  return `$${value.toLocaleString("en-US", { maximumFractionDigits: 4 })}`;
}

export function formatContextLength(tokens: number): string {
  if (tokens >= 1_000_000) return `${(tokens / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 1 })}M`;
  if (tokens >= 1_000) return `${Math.round(tokens / 1_000)}K`;
  return String(tokens);
}

export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1_000) return `${Math.round(milliseconds)} ms`;
  return `${(milliseconds / 1_000).toLocaleString("en-US", { maximumFractionDigits: 2 })} s`;
}
