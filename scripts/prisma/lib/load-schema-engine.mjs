// Loads Prisma's schema engine compiled to WebAssembly. The native engine is a
// download from Prisma's servers, which this project cannot reach; the wasm
// build ships inside an npm package and speaks to databases through the same
// driver adapters the client uses.
import { readFile } from "node:fs/promises";

/** @type {Promise<typeof import("@prisma/schema-engine-wasm")> | undefined} */
let loading;

/**
 * The package's own entry point imports the .wasm file as an ES module, which
 * Node only allows behind a flag, so we instantiate it by hand with the
 * package's JavaScript glue as the import object.
 */
export function loadSchemaEngineModule() {
  loading ??= (async () => {
    const glueUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = await import(glueUrl);
    const bytes = await readFile(new URL("./schema_engine_bg.wasm", glueUrl));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    /** @type {{ __wbindgen_start: () => void }} */ (/** @type {unknown} */ (instance.exports)).__wbindgen_start();
    return glue;
  })();
  return loading;
}
