import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * PGlite's two big files, read and compiled ahead (issue 15, start-up): `npm start` asks for them
 * first thing (startup.ts), so that reading the 9 MB of WebAssembly and compiling it, which V8 does
 * off the main thread, and reading the 6 MB file-system bundle overlap with loading the service's
 * modules; the embedded store then opens with them instead of reading them itself. Taken once:
 * nothing keeps them after the database has them.
 */
export interface PGliteAssets {
  pgliteWasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

/** V8's WebAssembly (this project's TypeScript libraries declare only its types). */
const wasmApi = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }
).WebAssembly;

let ahead: Promise<PGliteAssets | undefined> | undefined;

async function load(): Promise<PGliteAssets | undefined> {
  try {
    const dist = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    const [wasm, data] = await Promise.all([
      readFile(join(dist, "pglite.wasm")),
      readFile(join(dist, "pglite.data")),
    ]);
    return { pgliteWasmModule: await wasmApi.compile(wasm), fsBundle: new Blob([data]) };
  } catch {
    return undefined; // PGlite finds its files itself
  }
}

/** Begins reading and compiling them (again only after the last were taken). */
export function prefetchPGliteAssets(): void {
  ahead ??= load();
}

/** Those prefetched, if any (undefined: PGlite loads its own). */
export async function takePGliteAssets(): Promise<PGliteAssets | undefined> {
  const assets = ahead;
  ahead = undefined;
  return assets;
}
