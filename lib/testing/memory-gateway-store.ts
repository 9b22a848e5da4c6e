import { holdableMicros } from "../gateway/usage/holdable-micros";
import { InsufficientCreditsError } from "../gateway/errors";
import type { Caller, CreditHold, GatewayStore, GenerationRecord } from "../gateway/store";

/** A GatewayStore in memory, for tests of the gateway core; holds behave as the database's do. */
export function createMemoryGatewayStore(options: { keys?: Record<string, Caller>; balances?: Record<string, bigint> } = {}) {
  const generations: GenerationRecord[] = [];
  const balances = new Map(Object.entries(options.balances ?? {}));
  const holds = new Map<string, CreditHold>();
  const heldBy = (userId: string) => [...holds.values()].filter((hold) => hold.userId === userId).reduce((sum, hold) => sum + hold.amountMicros, 0n);
  const store: GatewayStore = {
    async findCallerByApiKey(secret) {
      return options.keys?.[secret] ?? null;
    },
    async getBalanceMicros(userId) {
      return balances.get(userId) ?? 0n;
    },
    async holdCredits({ id, userId, apiKeyId, maxMicros }) {
      const othersHeld = heldBy(userId);
      const amountMicros = holdableMicros({ available: (balances.get(userId) ?? 0n) - othersHeld, othersHeld, maxMicros });
      if (amountMicros === null) throw new InsufficientCreditsError();
      const hold = { id, userId, apiKeyId, amountMicros };
      holds.set(id, hold);
      return hold;
    },
    async recordGeneration(record, hold) {
      if (generations.some((existing) => existing.id === record.id)) throw new Error(`generation ${record.id} recorded twice`);
      generations.push(record);
      balances.set(record.userId, (balances.get(record.userId) ?? 0n) - record.costMicros);
      if (hold) holds.delete(hold.id);
    },
    async flush() {},
    async findGeneration({ id, userId }) {
      return generations.find((record) => record.id === id && record.userId === userId) ?? null;
    },
  };
  return { store, generations, balances, holds };
}
