import { describe, expect, it } from "vitest";
import { checkProviderUrl, classifyHost } from "./check-provider-url";

const publicOnly = (url: string) => checkProviderUrl({ url, allowPrivate: false });
const withPrivate = (url: string) => checkProviderUrl({ url, allowPrivate: true });

describe("checkProviderUrl", () => {
  it("accepts https to a public host and drops the trailing slash", () => {
    expect(publicOnly("https://api.openai.com/v1/")).toEqual({ ok: true, url: "https://api.openai.com/v1" });
    expect(publicOnly(" https://gateway.example.com:8443/openai ")).toEqual({ ok: true, url: "https://gateway.example.com:8443/openai" });
    expect(publicOnly("https://8.8.8.8/v1")).toEqual({ ok: true, url: "https://8.8.8.8/v1" });
  });

  it("refuses plain http, other schemes, credentials, queries and junk", () => {
    for (const url of [
      "http://api.openai.com/v1",
      "ftp://api.example.com",
      "file:///etc/passwd",
      "https://user:pass@api.example.com",
      "https://api.example.com/v1?key=1",
      "https://api.example.com/#x",
      "not a url",
      "",
    ]) {
      expect(publicOnly(url).ok, url).toBe(false);
    }
    expect(withPrivate("http://api.openai.com/v1").ok).toBe(false);
  });

  it("refuses loopback, private, link-local and metadata addresses in every spelling", () => {
    for (const url of [
      "https://localhost:11434",
      "https://app.localhost",
      "https://127.0.0.1",
      "https://127.1.2.3",
      "https://2130706433", // 127.0.0.1 as one number
      "https://0x7f000001",
      "https://0.0.0.0",
      "https://10.0.0.5",
      "https://172.16.0.1",
      "https://172.31.255.255",
      "https://192.168.1.20:8000/v1",
      "https://100.64.0.1",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]:8080",
      "https://[::]",
      "https://[::ffff:127.0.0.1]",
      "https://[::ffff:a9fe:a9fe]",
      "https://[fd00::1]",
      "https://[fe80::1]",
      "https://metadata.google.internal",
      "https://printer.local",
      "https://ollama",
      "https://224.0.0.1",
    ]) {
      const result = publicOnly(url);
      expect(result.ok, url).toBe(false);
      expect(result.ok ? "" : result.reason, url).toMatch(/ALLOW_PRIVATE_PROVIDER_URLS/);
    }
    expect(publicOnly("https://172.32.0.1").ok).toBe(true);
    expect(publicOnly("https://[2606:4700::1111]").ok).toBe(true);
  });

  it("allows private and loopback hosts, over http too, when the flag is set", () => {
    expect(withPrivate("http://localhost:11434/")).toEqual({ ok: true, url: "http://localhost:11434" });
    expect(withPrivate("http://127.0.0.1:8000/v1")).toEqual({ ok: true, url: "http://127.0.0.1:8000/v1" });
    expect(withPrivate("http://192.168.1.20:8000/v1").ok).toBe(true);
    expect(withPrivate("https://[::1]:8080").ok).toBe(true);
  });
});

describe("classifyHost", () => {
  it("names what kind of internal address a host is", () => {
    expect(classifyHost("LOCALHOST.")).toBe("loopback");
    expect(classifyHost("[::1]")).toBe("loopback");
    expect(classifyHost("169.254.1.1")).toBe("link-local");
    expect(classifyHost("[64:ff9b::10.0.0.1]")).toBe("private");
    expect(classifyHost("::127.0.0.1")).toBe("reserved");
    expect(classifyHost("::ffff:0:7f00:1")).toBe("reserved");
    expect(classifyHost("api.groq.com")).toBeUndefined();
    expect(classifyHost("1.1.1.1")).toBeUndefined();
  });
});
