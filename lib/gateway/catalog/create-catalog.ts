import type { ProviderAdapter, ProviderModel } from "../providers/provider";

/** One provider's offer of one model. */
export interface Endpoint {
  provider: ProviderAdapter;
  model: ProviderModel;
  /** Called with the caller's own key for this provider: billed the BYOK fee instead of the price. */
  byok?: boolean;
}

export interface Catalog {
  /** Every endpoint of every configured provider. */
  listEndpoints(): Promise<Endpoint[]>;
  /** The endpoints serving a canonical model id; empty when none does. */
  findEndpoints(modelId: string): Promise<Endpoint[]>;
  /** Forgets cached model lists (after configuration changes). */
  invalidate(): void;
}

export interface CatalogOptions {
  providers: readonly ProviderAdapter[];
  /** How long a provider's model list is reused, in milliseconds. */
  ttlMs?: number;
  now?: () => number;
}

interface Snapshot {
  endpoints: Endpoint[];
  byModel: Map<string, Endpoint[]>;
  loadedAt: number;
}

/**
 * Gathers what each configured provider serves. The list is cached so the
 * request path does a map lookup, not a provider call; a provider whose list
 * fails to load contributes nothing until the next refresh.
 */
export function createCatalog(options: CatalogOptions): Catalog {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  let snapshot: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;

  async function load(): Promise<Snapshot> {
    const lists = await Promise.all(
      options.providers.map(async (provider) => {
        try {
          const models = await provider.listModels();
          return models.map((model): Endpoint => ({ provider, model }));
        } catch (error) {
          console.warn(`[catalog] ${provider.id}: could not list models:`, error instanceof Error ? error.message : error);
          return [];
        }
      }),
    );
    const endpoints = lists.flat();
    const byModel = new Map<string, Endpoint[]>();
    for (const endpoint of endpoints) {
      const existing = byModel.get(endpoint.model.id);
      if (existing) existing.push(endpoint);
      else byModel.set(endpoint.model.id, [endpoint]);
    }
    return { endpoints, byModel, loadedAt: now() };
  }

  async function current(): Promise<Snapshot> {
    if (snapshot && now() - snapshot.loadedAt < ttlMs) return snapshot;
    if (!loading) {
      loading = load().then(
        (loaded) => {
          snapshot = loaded;
          loading = undefined;
          return loaded;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
    }
    // A stale list keeps serving while the fresh one loads.
    return snapshot ?? loading;
  }

  return {
    async listEndpoints() {
      return (await current()).endpoints;
    },
    async findEndpoints(modelId) {
      return (await current()).byModel.get(modelId) ?? [];
    },
    invalidate() {
      snapshot = undefined;
    },
  };
}
