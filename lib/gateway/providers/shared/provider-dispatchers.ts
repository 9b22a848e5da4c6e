import { isIP } from "node:net";
import { Agent, buildConnector, type Dispatcher } from "undici";
import { createGuardedLookup, ProviderAddressNotAllowedError, refuseInternalAddresses, type ResolveAll } from "../../../security/guard-provider-lookup";

/**
 * The connection pools providers are called through. The timeouts are
 * fetch's; each attempt's own deadline aborts sooner. Redirects are never
 * followed (undici's default, made explicit): a provider's 3xx is an error
 * like any non-2xx, so a redirect cannot carry a request, and its key, to
 * an address nobody vetted.
 */
const AGENT_OPTIONS = { keepAliveTimeout: 30_000, headersTimeout: 300_000, bodyTimeout: 300_000, maxRedirections: 0 } as const;

/**
 * For the addresses an operator configured (`<PROVIDER>_BASE_URL`, the
 * defaults): trusted, so nothing is checked on this path, and one pool per
 * origin is kept alive between requests.
 */
export const trustedProviderDispatcher: Dispatcher = new Agent(AGENT_OPTIONS);

/**
 * For base URLs an admin set in the app, which reach the server from a web
 * form: every connection is refused when the host is, or resolves to, a
 * loopback, private, link-local or otherwise internal address. The check is
 * the connection's own DNS lookup, so a name rebound after the check cannot
 * slip through. `resolve` stands in for the system resolver in tests.
 */
export function createGuardedProviderDispatcher(options: { resolve?: ResolveAll } = {}): Dispatcher {
  const connect = buildConnector({ lookup: createGuardedLookup(options) });
  return new Agent({
    ...AGENT_OPTIONS,
    connect(connectOptions, callback) {
      // An address written as an IP is connected to without any lookup, so it is checked here.
      const host = connectOptions.hostname.replace(/^\[|\]$/g, "");
      const refusal = isIP(host) === 0 ? undefined : refuseInternalAddresses(host, [host]);
      if (refusal) {
        logRefusal(refusal);
        callback(refusal, null);
        return;
      }
      connect(connectOptions, (...result) => {
        if (result[0] instanceof ProviderAddressNotAllowedError) logRefusal(result[0]);
        callback(...result);
      });
    },
  });
}

/** The operator sees which address was refused; the API client is told only why (see rethrowAsUpstreamError). */
function logRefusal(refusal: ProviderAddressNotAllowedError): void {
  console.warn(`[gateway] refused to connect to a provider: ${refusal.message}`);
}

let guarded: Dispatcher | undefined;

/**
 * How to connect to a provider whose base URL an admin set in the app: the
 * guarded pool, or the trusted one when ALLOW_PRIVATE_PROVIDER_URLS lets
 * admins point providers at internal addresses.
 */
export function dispatcherForAdminBaseUrl(options: { allowPrivate: boolean }): Dispatcher {
  if (options.allowPrivate) return trustedProviderDispatcher;
  guarded ??= createGuardedProviderDispatcher();
  return guarded;
}
