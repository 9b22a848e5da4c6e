import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { loadFreeLimitSettings, loadProviderSettings } from "../db/admin-settings-queries";
import { watchCacheVersions } from "../db/cache-versions";
import { getMetrics } from "../observability/gateway-metrics";
import { loadUserProviderKeys } from "../db/provider-key-queries";
import { defaultDatabaseUrl, isPostgresUrl } from "../db/database-url";
import { createPrismaEndpointHealthReportStore } from "../db/endpoint-health-reports";
import { createDatabaseFreeModelLimiter } from "../db/free-model-counters";
import { createPrismaGatewayStore } from "../db/gateway-store";
import { env } from "../env";
import { createCatalog } from "../gateway/catalog/create-catalog";
import { listGeneratedCatalogEntries, toProviderModel } from "../gateway/catalog/generated-catalog";
import type { ProviderAdapter, ProviderModel } from "../gateway/providers/provider";
import type { OwnKeyProviders } from "../gateway/routing/with-own-keys";
import type { GatewayDependencies } from "../gateway/completion/create-chat-completion";
import { createOwnKeyAdapter, createProviderRegistry, type ProviderRegistry } from "../gateway/providers/registry";
import { createEndpointHealth, type EndpointHealth } from "../gateway/routing/endpoint-health";
import { shareEndpointHealth, type EndpointHealthSharing } from "../gateway/routing/share-endpoint-health";
import type { GatewayStore } from "../gateway/store";
import { cachedValue, createReloadableCatalog, type ReloadableCatalog } from "./reloadable-catalog";

export interface Gateway {
  registry: ProviderRegistry;
  store: GatewayStore;
  /** Reloaded when an admin changes provider settings (catalog.reload()). */
  catalog: ReloadableCatalog;
  /** Per-endpoint health, kept in this process and merged with the other instances' on PostgreSQL. */
  health: EndpointHealth;
  /** Drops a user's cached own keys at once after they changed them (other instances within a second, see watchCacheVersions). */
  forgetOwnKeys(userId: string): void;
  /** The loop that shares `health` with the other instances; null on SQLite, which serves one instance. */
  healthSharing: EndpointHealthSharing | null;
  dependencies: GatewayDependencies;
  /**
   * For graceful shutdown, once no request is open: stops the background
   * loops, writes every settled generation and gives this instance's credit
   * leases back.
   */
  close(): Promise<void>;
}

const globalForGateway = globalThis as typeof globalThis & { switchyardGateway?: Gateway };

/** The process's one gateway, wired from the environment on first use. */
export function getGateway(): Gateway {
  globalForGateway.switchyardGateway ??= createGateway();
  return globalForGateway.switchyardGateway;
}

/**
 * Settings an admin changes in the app reach every instance within a second
 * (watchCacheVersions); this reload is the safety net.
 */
const SETTINGS_REFRESH_MS = 60_000;

function createGateway(): Gateway {
  const environmentRegistry = createProviderRegistry(env);
  // Provider keys and switches an admin set in the app, over the environment's.
  const catalog = createReloadableCatalog({
    initial: createCatalog({ providers: environmentRegistry.providers }),
    load: async () => {
      const overrides = await loadProviderSettings();
      return {
        fingerprint: createHash("sha256").update(JSON.stringify([...overrides].sort(([a], [b]) => (a < b ? -1 : 1)))).digest("hex"),
        build: () => {
          gateway.registry = createProviderRegistry(env, overrides);
          return createCatalog({ providers: gateway.registry.providers });
        },
      };
    },
    onError: (error) => console.warn("[gateway] could not load the provider settings; keeping the last ones:", error),
  });
  const catalogReloads = setInterval(() => void catalog.reload(), SETTINGS_REFRESH_MS);
  catalogReloads.unref();

  const prismaStore = createPrismaGatewayStore(undefined, { flushIntervalMs: env.USAGE_FLUSH_INTERVAL_MS });
  const metrics = getMetrics();
  metrics.gauge("switchyard_pending_settlements", "Settled generations waiting for the next batch write.", () => prismaStore.pendingSettlements());
  // Every generation passes through here once: the metrics count it as it is recorded.
  const store: typeof prismaStore = {
    ...prismaStore,
    recordGeneration: async (record, hold, content) => {
      await prismaStore.recordGeneration(record, hold, content);
      metrics.observeGeneration(record);
    },
  };
  const environmentLimits = { perMinute: env.FREE_REQUESTS_PER_MINUTE, perDay: env.FREE_REQUESTS_PER_DAY, perDayPurchased: env.FREE_REQUESTS_PER_DAY_PURCHASED };
  const freeLimits = cachedValue(() => loadFreeLimitSettings(), SETTINGS_REFRESH_MS, environmentLimits, (error) =>
    console.warn("[gateway] could not load the free-model limits; keeping the last ones:", error),
  );
  const freeLimiter = createDatabaseFreeModelLimiter({ limits: freeLimits });
  // Callers' own provider keys, decrypted on use and kept briefly per user.
  const ownKeyAdapters = new Map<string, { expiresAt: number; providers: OwnKeyProviders | null }>();
  const ownKeys = {
    feePercent: env.BYOK_FEE_PERCENT,
    async providersFor(userId: string): Promise<OwnKeyProviders | null> {
      const cached = ownKeyAdapters.get(userId);
      if (cached && cached.expiresAt > Date.now()) return cached.providers;
      const keys = await loadUserProviderKeys({ userId });
      const adapters = new Map<string, ProviderAdapter>();
      for (const [providerId, apiKey] of keys) {
        const adapter = createOwnKeyAdapter(providerId, apiKey, env);
        if (adapter) adapters.set(providerId, adapter);
      }
      const providers = adapters.size > 0 ? { adapters, findModel: findCatalogModel } : null;
      if (ownKeyAdapters.size > 10_000) ownKeyAdapters.clear();
      ownKeyAdapters.set(userId, { expiresAt: Date.now() + OWN_KEYS_CACHE_MS, providers });
      return providers;
    },
  };
  const billingMaintenance = startBillingMaintenance(async () => {
    const released = await store.releaseExpiredHolds();
    if (released > 0) console.warn(`[billing] released ${released} credit hold(s) left by requests that never settled`);
    await freeLimiter.pruneExpired();
    await store.deleteExpiredContent();
  });
  // What another instance (or this one) changed reaches these caches within a second.
  const cacheVersions = watchCacheVersions({
    onChange: {
      "api-keys": () => store.invalidate("api-keys"),
      "user-settings": () => store.invalidate("user-settings"),
      providers: () => void catalog.reload(),
      "provider-keys": () => ownKeyAdapters.clear(),
      "free-limits": () => freeLimits.forget(),
    },
  });
  const health = createEndpointHealth();
  const healthSharing = isPostgresUrl(env.DATABASE_URL ?? defaultDatabaseUrl)
    ? shareEndpointHealth({ health, store: createPrismaEndpointHealthReportStore(), instanceId: randomUUID() })
    : null;
  const gateway: Gateway = {
    registry: environmentRegistry,
    catalog,
    store,
    health,
    healthSharing,
    forgetOwnKeys: (userId) => ownKeyAdapters.delete(userId),
    async close() {
      clearInterval(catalogReloads);
      cacheVersions.stop();
      clearInterval(billingMaintenance);
      await healthSharing?.stop();
      await store.close();
    },
    dependencies: {
      catalog,
      store,
      freeLimiter,
      health,
      ownKeys,
      settings: {
        keepAliveMs: env.STREAM_KEEPALIVE_MS,
        upstreamTimeoutMs: env.UPSTREAM_TIMEOUT_MS,
        upstreamIdleTimeoutMs: env.UPSTREAM_IDLE_TIMEOUT_MS,
      },
    },
  };
  return gateway;
}

/** A caller's own keys take effect (or stop) within a second (watchCacheVersions); this is the safety net. */
const OWN_KEYS_CACHE_MS = 60_000;

const catalogModels = new Map(
  listGeneratedCatalogEntries().flatMap((entry) => entry.endpoints.map((endpoint) => [`${endpoint.providerId}:${entry.id}`, toProviderModel(entry, endpoint)] as const)),
);

/** A model as the catalog has it at one provider, for callers' own keys to providers this instance has none for. */
function findCatalogModel(providerId: string, modelId: string): ProviderModel | undefined {
  return catalogModels.get(`${providerId}:${modelId}`);
}

const BILLING_MAINTENANCE_INTERVAL_MS = 60_000;

/**
 * Every minute: release holds whose request never settled (an instance that
 * died mid-request), drop counters whose window has passed and prompt logs
 * past their retention. Every
 * instance runs it; the work is idempotent.
 */
function startBillingMaintenance(run: () => Promise<void>): NodeJS.Timeout {
  const timer = setInterval(() => {
    run().catch((error: unknown) => console.warn("[billing] maintenance failed; retrying next minute:", error));
  }, BILLING_MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return timer;
}
