import type { Caller, GatewayStore, GenerationRecord } from "../gateway/store";

/** A GatewayStore in memory, for tests of the gateway core. */
export function createMemoryGatewayStore(options: { keys?: Record<string, Caller>; balances?: Record<string, bigint> } = {}) {
  const generations: GenerationRecord[] = [];
  const balances = new Map(Object.entries(options.balances ?? {}));
  const store: GatewayStore = {
    async findCallerByApiKey(secret) {
      return options.keys?.[secret] ?? null;
    },
    async getBalanceMicros(userId) {
      return balances.get(userId) ?? 0n;
    },
    async recordGeneration(record) {
      generations.push(record);
      balances.set(record.userId, (balances.get(record.userId) ?? 0n) - record.costMicros);
    },
    async findGeneration({ id, userId }) {
      return generations.find((record) => record.id === id && record.userId === userId) ?? null;
    },
  };
  return { store, generations, balances };
}
