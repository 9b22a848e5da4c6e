/**
 * How much one request may hold: its whole maximum when that is available;
 * all that is left when less is, but only while no other request holds
 * anything; else nothing (null). So at most one request ever runs on less
 * than its maximum, and it has everything else to itself: an account (or a
 * key's limit) goes past zero by at most that one request's cost beyond its
 * hold, and then refuses everything until credits come in.
 */
export function holdableMicros({ available, othersHeld, maxMicros }: { available: bigint; othersHeld: bigint; maxMicros: bigint }): bigint | null {
  if (available <= 0n) return null;
  if (available >= maxMicros) return maxMicros;
  return othersHeld === 0n ? available : null;
}
