import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { createGuardedLookup, ProviderAddressNotAllowedError, type ResolveAll } from "./guard-provider-lookup";

/** A resolver that answers from a table, as DNS would for these names. */
function fakeResolver(table: Record<string, string[]>): ResolveAll {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

const resolver = fakeResolver({
  "api.public.test": ["104.18.6.192", "2606:4700::6812:6c0"],
  "rebound.public.test": ["10.0.0.7"],
  "metadata.public.test": ["169.254.169.254"],
  "loopback.public.test": ["127.0.0.1"],
  "half.public.test": ["104.18.6.192", "192.168.1.20"],
  "v6-loopback.public.test": ["::1"],
  "v6-private.public.test": ["fd12:3456::1"],
  "mapped-loopback.public.test": ["::ffff:127.0.0.1"],
  "mapped-metadata.public.test": ["::ffff:a9fe:a9fe"],
  "mapped-public.public.test": ["::ffff:104.18.6.192"],
  "nat64-private.public.test": ["64:ff9b::10.0.0.1"],
  "empty.public.test": [],
});

type LookupResult = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family: number | undefined };

function lookup(hostname: string, all: boolean): Promise<LookupResult> {
  const guarded = createGuardedLookup({ resolve: resolver });
  return new Promise((resolve) => guarded(hostname, { all }, (error, address, family) => resolve({ error, address, family })));
}

describe("createGuardedLookup", () => {
  it("refuses a public name that resolves to a private, loopback or metadata address", async () => {
    for (const [hostname, kind] of [
      ["rebound.public.test", "private"],
      ["loopback.public.test", "loopback"],
      ["metadata.public.test", "link-local"],
    ] as const) {
      for (const all of [true, false]) {
        const { error } = await lookup(hostname, all);
        expect(error, hostname).toBeInstanceOf(ProviderAddressNotAllowedError);
        expect(error).toMatchObject({ code: "ERR_PROVIDER_ADDRESS_NOT_ALLOWED", hostname, kind });
        expect(error?.message).toMatch(/ALLOW_PRIVATE_PROVIDER_URLS/);
      }
    }
  });

  it("refuses a name when any one of its addresses is internal, as the socket may try any of them", async () => {
    const { error } = await lookup("half.public.test", true);
    expect(error).toMatchObject({ address: "192.168.1.20", kind: "private" });
  });

  it("refuses internal IPv6 addresses and IPv4 addresses carried in IPv6 (mapped, NAT64)", async () => {
    expect((await lookup("v6-loopback.public.test", true)).error).toMatchObject({ kind: "loopback" });
    expect((await lookup("v6-private.public.test", true)).error).toMatchObject({ kind: "private" });
    expect((await lookup("mapped-loopback.public.test", true)).error).toMatchObject({ address: "::ffff:127.0.0.1", kind: "loopback" });
    expect((await lookup("mapped-metadata.public.test", false)).error).toMatchObject({ kind: "link-local" });
    expect((await lookup("nat64-private.public.test", true)).error).toMatchObject({ kind: "private" });
    // A mapped public address is public.
    expect((await lookup("mapped-public.public.test", false)).error).toBeNull();
  });

  it("answers with public addresses in the form asked for: all of them, or the first with its family", async () => {
    expect(await lookup("api.public.test", true)).toEqual({
      error: null,
      address: [
        { address: "104.18.6.192", family: 4 },
        { address: "2606:4700::6812:6c0", family: 6 },
      ],
      family: undefined,
    });
    expect(await lookup("api.public.test", false)).toEqual({ error: null, address: "104.18.6.192", family: 4 });
  });

  it("passes the resolver's own failure on, and refuses an empty answer", async () => {
    expect((await lookup("nowhere.public.test", true)).error).toMatchObject({ code: "ENOTFOUND" });
    expect((await lookup("empty.public.test", false)).error).toBeInstanceOf(ProviderAddressNotAllowedError);
  });
});
