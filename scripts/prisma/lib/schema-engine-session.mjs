// Opens the wasm schema engine on one database through a driver adapter and
// closes everything it opened, including shadow databases, afterwards.
import { createEngineAdapterFactory } from "./driver-adapters.mjs";
import { loadSchemaEngineModule } from "./load-schema-engine.mjs";

export const NO_FILTER = { externalTables: [], externalEnums: [] };

/**
 * @param {{
 *   provider: string;
 *   url: string;
 *   schema?: { path: string; content: string };
 *   shadowServerUrl?: string;
 * }} options
 */
export async function openSchemaEngine({ provider, url, schema, shadowServerUrl }) {
  const { SchemaEngine } = await loadSchemaEngineModule();
  const factory = createEngineAdapterFactory({ provider, url, shadowServerUrl });
  const verbose = Boolean(process.env.DEBUG?.includes("schema-engine"));
  const engine = await SchemaEngine.new(
    { datamodels: schema ? [[schema.path, schema.content]] : undefined },
    (/** @type {string} */ line) => {
      if (verbose) process.stderr.write(`${line}\n`);
    },
    factory.bound,
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await factory.close();
    },
  };
}

/**
 * Runs `work` with an engine and always closes it.
 * @template T
 * @param {Parameters<typeof openSchemaEngine>[0]} options
 * @param {(engine: import("@prisma/schema-engine-wasm").SchemaEngine) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withSchemaEngine(options, work) {
  const session = await openSchemaEngine(options);
  try {
    return await work(session.engine);
  } finally {
    await session.close();
  }
}
