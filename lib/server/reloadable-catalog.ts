import type { Catalog } from "../gateway/catalog/create-catalog";

export interface ReloadableCatalog extends Catalog {
  /** Rebuilds the catalog when what it is built from changed; never throws. */
  reload(): Promise<void>;
}

/**
 * A catalog rebuilt from settings that live outside the process (provider
 * keys an admin set in the app): `load` returns a fingerprint of the
 * settings and a way to build the catalog from them, and a rebuild happens
 * only when the fingerprint changes. Lookups wait for the first load, so no
 * request is routed before the admin's providers are known; later reloads
 * swap the catalog between requests.
 */
export function createReloadableCatalog(options: {
  initial: Catalog;
  load: () => Promise<{ fingerprint: string; build: () => Catalog }>;
  onError: (error: unknown) => void;
}): ReloadableCatalog {
  let current = options.initial;
  let fingerprint: string | undefined;

  async function reload(): Promise<void> {
    try {
      const loaded = await options.load();
      if (loaded.fingerprint === fingerprint) return;
      fingerprint = loaded.fingerprint;
      current = loaded.build();
    } catch (error) {
      options.onError(error);
    }
  }

  const firstLoad = reload();
  return {
    async listEndpoints() {
      await firstLoad;
      return current.listEndpoints();
    },
    async findEndpoints(modelId) {
      await firstLoad;
      return current.findEndpoints(modelId);
    },
    invalidate() {
      current.invalidate();
    },
    reload,
  };
}

/** An async value read at most once per `ttlMs`; a failed read keeps the last good value. */
export function cachedValue<Value>(
  load: () => Promise<Value>,
  ttlMs: number,
  fallback: Value,
  onError: (error: unknown) => void,
): (() => Promise<Value>) & { forget(): void } {
  let value = fallback;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<Value> | undefined;
  const read = () => {
    if (Date.now() - loadedAt < ttlMs) return Promise.resolve(value);
    pending ??= load()
      .then(
        (loaded) => {
          value = loaded;
          return loaded;
        },
        (error: unknown) => {
          onError(error);
          return value;
        },
      )
      .finally(() => {
        loadedAt = Date.now();
        pending = undefined;
      });
    return pending;
  };
  /** The next read loads afresh. */
  const forget = () => {
    loadedAt = Number.NEGATIVE_INFINITY;
  };
  return Object.assign(read, { forget });
}
