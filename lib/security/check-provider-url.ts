import { isIP } from "node:net";

/**
 * Vets a base URL an admin types for a provider, before the server sends
 * requests (with an API key) to it. Without ALLOW_PRIVATE_PROVIDER_URLS it
 * must be https to a public host: a loopback, private, link-local or
 * otherwise internal address would let the admin page reach services inside
 * the network (server-side request forgery). With the flag, private and
 * loopback hosts are allowed, over plain http too (a local Ollama or vLLM).
 *
 * It checks the address as written; a public name that resolves to a
 * private address is caught at connect time instead, by the lookup in
 * ./guard-provider-lookup.ts, which classifies with `classifyHost` too.
 */

export type ProviderUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkProviderUrl(input: { url: string; allowPrivate: boolean }): ProviderUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(input.url.trim());
  } catch {
    return { ok: false, reason: "Enter a full URL, such as https://api.example.com/v1." };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return { ok: false, reason: "The URL must start with https://." };
  if (parsed.username || parsed.password) return { ok: false, reason: "Put the API key in its own field, not in the URL." };
  if (parsed.search || parsed.hash) return { ok: false, reason: "The URL must not have a query string or a fragment." };

  const internal = classifyHost(parsed.hostname);
  if (internal && !input.allowPrivate) {
    return { ok: false, reason: `The URL points at a ${internal} address. Set ALLOW_PRIVATE_PROVIDER_URLS=1 to allow local providers.` };
  }
  // Plain http only to an internal host, which the check above let through only with the flag.
  if (parsed.protocol === "http:" && !internal) return { ok: false, reason: "The URL must start with https://." };
  // Without a trailing slash, as the adapters join paths onto it.
  return { ok: true, url: parsed.toString().replace(/\/+$/, "") };
}

/** What kind of internal address a host is, or undefined for a public one. */
export function classifyHost(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  // Names only a local network resolves.
  if (host.endsWith(".local") || host.endsWith(".internal") || host.endsWith(".lan") || host.endsWith(".home.arpa")) return "private";
  if (isIP(host) === 4) return classifyIpv4(host);
  if (isIP(host) === 6) return classifyIpv6(host);
  // A bare single label ("ollama") resolves through the local search domain.
  if (!host.includes(".")) return "private";
  return undefined;
}

function classifyIpv4(address: string): string | undefined {
  const [a = 0, b = 0] = address.split(".").map(Number);
  if (a === 127) return "loopback";
  if (a === 0) return "unspecified";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 100 && b >= 64 && b <= 127) return "private"; // carrier-grade NAT
  if (a === 169 && b === 254) return "link-local"; // cloud metadata services live here
  if (a === 198 && (b === 18 || b === 19)) return "private"; // benchmarking
  if (a >= 224) return "multicast or reserved";
  return undefined;
}

function classifyIpv6(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (!groups) return "reserved";
  if (groups.every((group) => group === 0)) return "unspecified";
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1) return "loopback";
  const first = groups[0] ?? 0;
  // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address.
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  const nat64 = first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
  if (mapped || nat64) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    return classifyIpv4(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`) ?? undefined;
  }
  // The rest of ::/16, the deprecated IPv4-compatible ::a.b.c.d among it, is no public address.
  if (first === 0) return "reserved";
  if ((first & 0xfe00) === 0xfc00) return "private"; // unique local
  if ((first & 0xffc0) === 0xfe80) return "link-local";
  if ((first & 0xff00) === 0xff00) return "multicast or reserved";
  return undefined;
}

/** Eight 16-bit groups, or undefined when the text is not an address this can read. */
export function expandIpv6(address: string): number[] | undefined {
  let text = address.split("%")[0] ?? "";
  // A trailing dotted IPv4 part becomes two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail, ...extra] = text.split("::");
  if (extra.length > 0) return undefined;
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...tailGroups].map((group) => Number.parseInt(group, 16));
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}
