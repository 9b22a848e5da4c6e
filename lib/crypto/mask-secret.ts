/**
 * What the UI shows of a stored key, `sk-...abcd`: enough to tell two keys
 * apart, too little to use. Short secrets show less, so the mask never gives
 * away more than a quarter of one.
 */
export function maskSecret(secret: string): string {
  const trimmed = secret.trim();
  const visible = Math.min(4, Math.floor(trimmed.length / 4));
  const head = Math.min(3, Math.floor(trimmed.length / 4));
  return `${trimmed.slice(0, head)}...${visible > 0 ? trimmed.slice(-visible) : ""}`;
}
