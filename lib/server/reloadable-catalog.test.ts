import { describe, expect, it, vi } from "vitest";
import type { Catalog } from "../gateway/catalog/create-catalog";
import { cachedValue, createReloadableCatalog } from "./reloadable-catalog";

const catalogNamed = (name: string): Catalog => ({
  listEndpoints: async () => [{ name }] as never,
  findEndpoints: async () => [{ name }] as never,
  invalidate: () => undefined,
});

describe("createReloadableCatalog", () => {
  it("answers from the first load, rebuilds only when the settings changed, and keeps serving when a load fails", async () => {
    let settings = "a";
    let builds = 0;
    const failures: unknown[] = [];
    const load = vi.fn(async () => {
      if (settings === "broken") throw new Error("database down");
      const name = settings;
      return { fingerprint: name, build: () => (builds++, catalogNamed(name)) };
    });
    const catalog = createReloadableCatalog({ initial: catalogNamed("environment only"), load, onError: (error) => failures.push(error) });
    expect(await catalog.listEndpoints()).toEqual([{ name: "a" }]);
    await catalog.reload();
    expect(builds).toBe(1);
    settings = "b";
    await catalog.reload();
    expect(await catalog.findEndpoints("any")).toEqual([{ name: "b" }]);
    settings = "broken";
    await catalog.reload();
    expect(await catalog.listEndpoints()).toEqual([{ name: "b" }]);
    expect(failures).toHaveLength(1);
  });
});

describe("cachedValue", () => {
  it("reads once per period and keeps the last good value when a read fails", async () => {
    let reads = 0;
    const read = cachedValue(
      async () => {
        reads++;
        return reads;
      },
      60_000,
      0,
      () => undefined,
    );
    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    expect(await read()).toBe(1);
    expect(reads).toBe(1);
  });
});
