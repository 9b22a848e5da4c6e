import dns, { type LookupAddress, type LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { classifyHost } from "./check-provider-url";

/**
 * The connect-time half of the server-side request forgery guard that
 * `checkProviderUrl` starts when an admin saves a base URL: a public name
 * may resolve to a private address (set up that way, or rebound after the
 * URL was saved). Used as the connection's own DNS lookup, the addresses
 * checked are the very ones the socket then connects to, so nothing can
 * change between the check and the connect.
 */

/** Every address a name resolves to, as `dns.lookup` with `all: true` gives them. */
export type ResolveAll = (hostname: string, options: Omit<LookupOptions, "all">) => Promise<LookupAddress[]>;

export class ProviderAddressNotAllowedError extends Error {
  readonly code = "ERR_PROVIDER_ADDRESS_NOT_ALLOWED";
  readonly hostname: string;
  readonly address: string;
  readonly kind: string;

  constructor(input: { hostname: string; address: string; kind: string }) {
    const resolved = input.hostname === input.address ? input.address : `${input.hostname} (${input.address})`;
    super(`${resolved} is a ${input.kind} address, which a provider base URL set in the app may not reach without ALLOW_PRIVATE_PROVIDER_URLS.`);
    this.name = "ProviderAddressNotAllowedError";
    this.hostname = input.hostname;
    this.address = input.address;
    this.kind = input.kind;
  }
}

/** The refusal for the first internal address among those a host resolved to, or undefined when all are public. */
export function refuseInternalAddresses(hostname: string, addresses: readonly string[]): ProviderAddressNotAllowedError | undefined {
  // Refused when any one is internal: the socket may try any of them (happy eyeballs).
  for (const address of addresses) {
    const kind = classifyHost(address);
    if (kind) return new ProviderAddressNotAllowedError({ hostname, address, kind });
  }
  // An empty answer is not a connection to anything, but refusing it keeps the guard closed by default.
  if (addresses.length === 0) return new ProviderAddressNotAllowedError({ hostname, address: "no address", kind: "missing" });
  return undefined;
}

const resolveWithDns: ResolveAll = (hostname, options) =>
  new Promise((resolve, reject) => {
    // Read at call time, so a test can stand a resolver of its own in for the system's.
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

/**
 * A `lookup` for net.connect and tls.connect that answers only with public
 * addresses and fails the connection with ProviderAddressNotAllowedError
 * otherwise. `resolve` is the system resolver unless a test passes its own.
 */
export function createGuardedLookup(options: { resolve?: ResolveAll } = {}): LookupFunction {
  const resolve = options.resolve ?? resolveWithDns;
  return (hostname, lookupOptions, callback) => {
    const { all, ...rest } = lookupOptions;
    resolve(hostname, rest).then(
      (addresses) => {
        const refusal = refuseInternalAddresses(
          hostname,
          addresses.map((entry) => entry.address),
        );
        if (refusal) return callback(refusal, all ? [] : "");
        if (all) return callback(null, addresses);
        // Not empty: an empty answer was refused above.
        const first = addresses[0];
        callback(null, first?.address ?? "", first?.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, all ? [] : ""),
    );
  };
}
