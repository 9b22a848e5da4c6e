import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { findClientAddress, PEER_ADDRESS_HEADER, rateLimitSubject } from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("findClientAddress", () => {
  it("is the socket's peer, ignoring X-Forwarded-For, when no proxy is trusted", () => {
    const request = headers({ [PEER_ADDRESS_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.1" });
    expect(findClientAddress(request, { trustProxy: 0 })).toBe("203.0.113.9");
  });

  it("reads IPv4 carried in IPv6 as IPv4, and is undefined without a peer address (not started by npm start)", () => {
    expect(findClientAddress(headers({ [PEER_ADDRESS_HEADER]: "::ffff:127.0.0.1" }), { trustProxy: 0 })).toBe("127.0.0.1");
    expect(findClientAddress(headers({ [PEER_ADDRESS_HEADER]: "2001:DB8::1" }), { trustProxy: 0 })).toBe("2001:db8::1");
    expect(findClientAddress(headers({ "x-forwarded-for": "198.51.100.1" }), { trustProxy: 0 })).toBeUndefined();
    expect(findClientAddress(headers({ [PEER_ADDRESS_HEADER]: "" }), { trustProxy: 0 })).toBeUndefined();
  });

  it("behind trusted proxies, takes the entry the outermost proxy appended, not what the client put before it", () => {
    const peer = { [PEER_ADDRESS_HEADER]: "10.0.0.2" };
    // One proxy: the last entry is the address it was called from.
    expect(findClientAddress(headers({ ...peer, "x-forwarded-for": "198.51.100.1" }), { trustProxy: 1 })).toBe("198.51.100.1");
    expect(findClientAddress(headers({ ...peer, "x-forwarded-for": "6.6.6.6, 198.51.100.1" }), { trustProxy: 1 })).toBe("198.51.100.1");
    // Two proxies (a CDN, then a load balancer): the second entry from the right.
    expect(findClientAddress(headers({ ...peer, "x-forwarded-for": "6.6.6.6, 198.51.100.1, 10.0.0.1" }), { trustProxy: 2 })).toBe("198.51.100.1");
    // Fewer entries than proxies: the first is the client.
    expect(findClientAddress(headers({ ...peer, "x-forwarded-for": "198.51.100.1" }), { trustProxy: 2 })).toBe("198.51.100.1");
    // Ports and brackets as some proxies write them.
    expect(findClientAddress(headers({ ...peer, "x-forwarded-for": "198.51.100.1:4711" }), { trustProxy: 1 })).toBe("198.51.100.1");
    expect(findClientAddress(headers({ ...peer, "x-forwarded-for": "[2001:db8::7]:4711" }), { trustProxy: 1 })).toBe("2001:db8::7");
  });

  it("falls back to the peer when the header is missing or its entry is not an address", () => {
    const peer = { [PEER_ADDRESS_HEADER]: "10.0.0.2" };
    expect(findClientAddress(headers(peer), { trustProxy: 1 })).toBe("10.0.0.2");
    expect(findClientAddress(headers({ ...peer, "x-forwarded-for": "unknown" }), { trustProxy: 1 })).toBe("10.0.0.2");
    expect(findClientAddress(headers({ ...peer, "x-forwarded-for": " , " }), { trustProxy: 1 })).toBe("10.0.0.2");
  });
});

describe("rateLimitSubject", () => {
  it("keeps IPv4 addresses whole and groups IPv6 addresses by their /64", () => {
    expect(rateLimitSubject("198.51.100.1")).toBe("198.51.100.1");
    expect(rateLimitSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitSubject("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe(rateLimitSubject("2001:db8:1:2::9"));
    expect(rateLimitSubject("2001:db8:1:3::1")).not.toBe(rateLimitSubject("2001:db8:1:2::1"));
  });
});

describe("TRUST_PROXY", () => {
  it("counts the proxies in front; unset or false is none, true is one", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ TRUST_PROXY: "all" })).toThrow(/TRUST_PROXY/);
  });
});
