import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadModelsDevCatalog } from "./load-models-dev-catalog";
import { renderCatalogJson } from "./render-catalog-json";

const generatedPath = path.join(import.meta.dirname, "catalog.generated.json");

describe("catalog.generated.json", () => {
  it("is what a fresh generation from the installed package gives (run scripts/catalog/refresh-catalog.ts)", async () => {
    const [committed, fresh] = await Promise.all([readFile(generatedPath, "utf8"), loadModelsDevCatalog()]);
    expect(committed).toBe(renderCatalogJson(fresh));
  });

  it("holds only integer prices", async () => {
    const committed: unknown = JSON.parse(await readFile(generatedPath, "utf8"));
    const prices: unknown[] = [];
    JSON.stringify(committed, (key, value: unknown) => {
      if (key.endsWith("PerMillion") || key === "requestMicros") prices.push(value);
      return value;
    });
    expect(prices.length).toBeGreaterThan(0);
    expect(prices.filter((price) => !Number.isSafeInteger(price) || (price as number) < 0)).toEqual([]);
  });
});
