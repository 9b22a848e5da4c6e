import "server-only";
import { createPrismaGatewayStore } from "../db/gateway-store";
import { env } from "../env";
import { createCatalog, type Catalog } from "../gateway/catalog/create-catalog";
import type { GatewayDependencies } from "../gateway/completion/create-chat-completion";
import { createProviderRegistry, type ProviderRegistry } from "../gateway/providers/registry";
import { createFreeModelLimiter } from "../gateway/rate-limit/free-model-limiter";
import { createEndpointHealth, type EndpointHealth } from "../gateway/routing/endpoint-health";
import type { GatewayStore } from "../gateway/store";

export interface Gateway {
  registry: ProviderRegistry;
  catalog: Catalog;
  store: GatewayStore;
  /** Per-endpoint health in this process; shared across instances in a later step. */
  health: EndpointHealth;
  dependencies: GatewayDependencies;
}

const globalForGateway = globalThis as typeof globalThis & { switchyardGateway?: Gateway };

/** The process's one gateway, wired from the environment on first use. */
export function getGateway(): Gateway {
  globalForGateway.switchyardGateway ??= createGateway();
  return globalForGateway.switchyardGateway;
}

function createGateway(): Gateway {
  const registry = createProviderRegistry(env);
  const catalog = createCatalog({ providers: registry.providers });
  const store = createPrismaGatewayStore();
  const freeLimiter = createFreeModelLimiter({ perMinute: env.FREE_REQUESTS_PER_MINUTE, perDay: env.FREE_REQUESTS_PER_DAY });
  const health = createEndpointHealth();
  return {
    registry,
    catalog,
    store,
    health,
    dependencies: {
      catalog,
      store,
      freeLimiter,
      health,
      settings: { keepAliveMs: env.STREAM_KEEPALIVE_MS, upstreamTimeoutMs: env.UPSTREAM_TIMEOUT_MS },
    },
  };
}
