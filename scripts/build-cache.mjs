// A build of a TypeScript entry and every source file it imports (packages stay outside, loaded
// from node_modules as they are), made by esbuild and kept under node_modules/.cache (never in
// git; a fresh clone or `npm ci` makes it anew at the first start). It is keyed by the content of
// each file that went into it: a start re-reads them (a few ms) and builds again when one
// changed. Each build lives in a directory named by that content, written aside and renamed, so
// that processes starting at once never see half a build (issue 15, start-up).
import { createHash } from "node:crypto";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Bumped when the build's options change, so that older builds are not taken for current. */
const FORMAT = 3;
/** The Node.js the build is made for (esbuild's target): another Node gets a build of its own. */
const NODE_TARGET = `node${process.versions.node.split(".")[0]}`;
/**
 * Builds unused this long (each start touches its own) are removed when another is made. A running
 * process has loaded its chunks at start-up (the `await import`s of src run while starting), so
 * it does not need its build afterwards.
 */
const KEEP_UNUSED_MS = 24 * 3600 * 1000;
/**
 * Files outside the import graph whose content changes what esbuild makes of it; the lock file
 * that `npm ci` writes stands for the packages built in (INLINE).
 */
const SETTINGS = ["tsconfig.json", "package.json", "node_modules/.package-lock.json"];
/**
 * Packages built into the entry with our code: ES modules (not CommonJS: yaml is), each hundreds of small files
 * (date-fns alone about 0.25 s to load file by file), with no dependencies and no files of their
 * own to find at run time; the build keeps only what we use of them. Every other package is
 * loaded from node_modules as it is.
 */
const INLINE = new Set(["date-fns", "@date-fns/tz", "chrono-node", "zod", "kysely"]);

const packageName = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/**
 * A package whose entry (as an `import` resolves it) is CommonJS is loaded with require() from the
 * build, not imported: Node imports a CommonJS module by first scanning its source, and each file
 * it re-exports, for the names it exports (cjs-module-lexer), which made importing fastify, ioredis
 * and bullmq take about twice as long as requiring the same files (issue 15). It is the same file
 * and the same module instance either way; the build reads its exports as Node's import would
 * (the default export is module.exports).
 */
const CJS = "parcel-desk-cjs";
const REQUIRE_BANNER =
  'import { createRequire as __parcelDeskCreateRequire } from "node:module";\n' +
  "const require = __parcelDeskCreateRequire(import.meta.url);";

/** Whether Node's `import` of this bare specifier loads a CommonJS file, the one require() loads. */
function importsCommonJs(specifier) {
  let url;
  let required;
  try {
    url = import.meta.resolve(specifier);
    required = createRequire(import.meta.url).resolve(specifier);
  } catch {
    return false;
  }
  if (!url.startsWith("file:")) return false; // node: built-ins
  const file = fileURLToPath(url);
  if (file !== required) return false; // a package with an entry of each kind: imported as it is
  if (file.endsWith(".cjs")) return true;
  if (!file.endsWith(".js")) return false;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (!existsSync(pkg)) continue;
    try {
      return JSON.parse(readFileSync(pkg, "utf8")).type !== "module";
    } catch {
      return false;
    }
  }
  return true;
}

const LOADERS = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx", ".js": "js", ".mjs": "js" };
const sha1 = (bytes) => createHash("sha1").update(bytes).digest("hex");
const listing = (dir) => sha1(readdirSync(dir).sort().join("\n"));

/**
 * The folders whose files decide how an import resolves (each input's folder and the one above
 * it): a file added there (src/x.ts beside src/x/index.ts) may change the build without any input
 * changing.
 */
function folders(root, inputs) {
  const dirs = {};
  for (const file of Object.keys(inputs)) {
    for (const dir of [dirname(file), dirname(dirname(file))]) {
      // Not the project's own folder: data/, logs and reports come and go there.
      if (!(dir in dirs) && dir !== "." && !dir.startsWith("..")) dirs[dir] = listing(join(root, dir));
    }
  }
  return dirs;
}

/**
 * The path of the built entry, up to date with the sources; undefined when it cannot be built
 * (the caller then runs the entry through tsx, which reports a syntax error as it always did).
 */
export async function cachedBuild(
  root,
  entry,
  cacheDir = join(root, "node_modules", ".cache", "parcel-desk-build"),
) {
  const slug = relative(root, resolve(root, entry)).replace(/[^A-Za-z0-9]+/g, "_");
  const manifestPath = join(cacheDir, `${slug}.json`);
  const current = upToDate(root, cacheDir, manifestPath);
  if (current) return current;
  // A cache that cannot be written (a read-only image): say so, and spare each start a build it
  // could not keep.
  const notWritable = unwritable(cacheDir);
  if (notWritable) {
    console.warn(`(start-up build cache off: ${notWritable}; running through tsx)`);
    return undefined;
  }
  try {
    return await build(root, entry, cacheDir, slug, manifestPath);
  } catch (error) {
    if (!Array.isArray(error?.errors)) {
      console.warn(`(start-up build cache off: ${error?.message ?? error}; running through tsx)`);
    }
    return undefined;
  }
}

/** Why builds cannot be kept under `cacheDir` (made if missing), or undefined when they can. */
function unwritable(cacheDir) {
  try {
    mkdirSync(cacheDir, { recursive: true });
    accessSync(cacheDir, constants.W_OK);
    return undefined;
  } catch (error) {
    return `${cacheDir} cannot be written (${error?.code ?? error})`;
  }
}

/** The manifest's build if every file it was made from still has the same content. */
function upToDate(root, cacheDir, manifestPath) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    return undefined;
  }
  if (
    manifest.format !== FORMAT ||
    manifest.target !== NODE_TARGET ||
    manifest.esbuild !== esbuildVersion()
  ) {
    return undefined;
  }
  const out = join(cacheDir, manifest.dir, manifest.entry);
  if (!existsSync(out)) return undefined;
  try {
    for (const [file, hash] of Object.entries(manifest.inputs)) {
      if (sha1(readFileSync(join(root, file))) !== hash) return undefined;
    }
    for (const [dir, hash] of Object.entries(manifest.dirs)) {
      if (listing(join(root, dir)) !== hash) return undefined;
    }
  } catch {
    return undefined; // a file or folder gone
  }
  const now = new Date();
  try {
    utimesSync(join(cacheDir, manifest.dir), now, now); // in use: not pruned
  } catch {
    // read-only cache: it is still good to run
  }
  return out;
}

/** esbuild as tsx has it (tsx's own dependency): nothing new to install. */
const fromTsx = () => createRequire(createRequire(import.meta.url).resolve("tsx/package.json"));
const esbuild = () => fromTsx()("esbuild");

/** Its version, read without loading it (a start that finds its build up to date never does). */
function esbuildVersion() {
  try {
    return JSON.parse(readFileSync(fromTsx().resolve("esbuild/package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

/**
 * Each source file read once, hashed, and given to esbuild with `import.meta.url`, `.dirname`
 * and `.filename` written out as the source file's own (files next to a module, such as the web
 * pages, are found where they are in src, not in the cache).
 */
function hashingLoader(root, inputs) {
  return {
    name: "parcel-desk-sources",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!args.path.startsWith("node:") && INLINE.has(packageName(args.path))) return undefined;
        if (args.kind === "import-statement" && args.namespace !== CJS && importsCommonJs(args.path)) {
          return { path: args.path, namespace: CJS };
        }
        return { path: args.path, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: CJS }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: "js",
      }));
      b.onLoad({ filter: /.*/ }, (args) => {
        if (args.path.includes("/node_modules/")) return undefined; // INLINE, keyed by the lock file
        const bytes = readFileSync(args.path);
        inputs[relative(root, args.path)] = sha1(bytes);
        const loader = LOADERS[extname(args.path)];
        if (!loader) return { contents: bytes, loader: "default" };
        const contents = bytes
          .toString("utf8")
          .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href))
          .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(args.path)))
          .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path));
        return { contents, loader };
      });
    },
  };
}

async function build(root, entry, cacheDir, slug, manifestPath) {
  const { build: esbuildBuild, version } = esbuild();
  const inputs = {};
  for (const file of SETTINGS) {
    if (existsSync(join(root, file))) inputs[file] = sha1(readFileSync(join(root, file)));
  }
  // Written as if into a directory beside the final one, so source maps' relative paths hold.
  const staging = join(cacheDir, "staging");
  const result = await esbuildBuild({
    absWorkingDir: root,
    entryPoints: [resolve(root, entry)],
    bundle: true,
    // Each `await import("./x")` stays a chunk of its own, loaded (with the packages it imports)
    // only when that line runs: Slack's SDK only with Slack credentials.
    splitting: true,
    format: "esm",
    platform: "node",
    target: NODE_TARGET,
    outdir: staging,
    entryNames: "[name]",
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
    // Less for Node to read, compile and scan for its source map at each start (issue 15); stack
    // traces still name src/…ts lines (the map), whose text is read from src, not from the map.
    minifyWhitespace: true,
    sourcesContent: false,
    banner: { js: REQUIRE_BANNER },
    write: false,
    metafile: false,
    logLevel: "silent",
    plugins: [hashingLoader(root, inputs)],
  });
  const key = sha1(JSON.stringify([FORMAT, NODE_TARGET, version, Object.entries(inputs).sort()])).slice(
    0,
    16,
  );
  const dir = `${slug}-${key}`;
  const finalDir = join(cacheDir, dir);
  if (!existsSync(finalDir)) {
    const partial = `${finalDir}.tmp-${process.pid}`;
    for (const file of result.outputFiles) {
      const target = join(partial, relative(staging, file.path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
    try {
      renameSync(partial, finalDir);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(finalDir)) throw error; // else another process made the same build first
    }
  } else {
    const now = new Date();
    utimesSync(finalDir, now, now); // made before (these sources again): in use, not pruned
  }
  const entryName = `${basename(entry, extname(entry))}.js`;
  const dirs = folders(root, inputs);
  const manifest = {
    format: FORMAT,
    target: NODE_TARGET,
    esbuild: version,
    dir,
    entry: entryName,
    inputs,
    dirs,
  };
  const partialManifest = `${manifestPath}.${process.pid}`;
  writeFileSync(partialManifest, JSON.stringify(manifest));
  renameSync(partialManifest, manifestPath);
  prune(cacheDir, slug, dir);
  return join(finalDir, entryName);
}

/** Removes this entry's builds nobody has started from in a day, and abandoned partial ones. */
function prune(cacheDir, slug, keep) {
  const now = Date.now();
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith(`${slug}-`) || name === keep) continue;
    const path = join(cacheDir, name);
    try {
      const age = now - statSync(path).mtimeMs;
      if (age > (name.includes(".tmp-") ? 3600 * 1000 : KEEP_UNUSED_MS)) {
        rmSync(path, { recursive: true, force: true });
      }
    } catch {
      // gone already
    }
  }
}
