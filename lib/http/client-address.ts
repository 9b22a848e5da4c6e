import { isIP } from "node:net";
import { expandIpv6 } from "../security/check-provider-url";

/**
 * The address of the socket a request came in on, as `npm start`
 * (scripts/start.mjs) writes it over whatever the client sent under this
 * name: Next.js hands route handlers and server actions the headers only.
 */
export const PEER_ADDRESS_HEADER = "x-switchyard-peer-address";

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * Who sent a request, for per-address limits: the socket's peer, or with
 * `trustProxy` proxies in front, the address the outermost of them saw,
 * which is the `trustProxy`-th entry of X-Forwarded-For from the right
 * (each proxy appends the address it was called from; anything further
 * left came from the client and may be made up). Undefined when the
 * server was not started by `npm start` and so has no peer address.
 */
export function findClientAddress(headers: HeaderSource, options: { trustProxy: number }): string | undefined {
  const peer = normalizeAddress(headers.get(PEER_ADDRESS_HEADER) ?? "");
  if (options.trustProxy === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return peer;
  // Fewer entries than proxies: the first proxy had no header to append to, so the first entry is the client.
  const entry = forwarded[Math.max(0, forwarded.length - options.trustProxy)] ?? "";
  return normalizeAddress(entry) ?? peer;
}

/** An address as one form: IPv4 in IPv6 as IPv4, brackets and ports dropped; undefined when it is none. */
function normalizeAddress(text: string): string | undefined {
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return isIP(address) === 0 ? undefined : address.toLowerCase();
}

/**
 * What a per-address counter is kept for: an IPv4 address as it is, an IPv6
 * address by its /64, the block one subscriber usually holds whole, so a
 * client cannot step around a limit by picking another address in it.
 */
export function rateLimitSubject(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  if (!groups) return address;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}
