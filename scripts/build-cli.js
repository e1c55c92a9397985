// Bundles the plain-Node doors (CLI, MCP server, web host, workers) with esbuild.
// Pure-JS packages are bundled in: loading zod and the MCP SDK file by file from
// node_modules costs more start-up than the rest of `glue mcp` together. Native modules
// (and the packages that load them) stay external and load from node_modules.
// Code splitting keeps each command's cold start to what it imports.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const NATIVE = [
  'better-sqlite3-multiple-ciphers',
  'sqlite-vec',
  '@xenova/transformers',
  'onnxruntime-node',
  'sharp',
  '@napi-rs/keyring',
  'electron',
  'playwright-core',
  'esbuild',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');
// Build beside the old bundle and swap, so a `glue` process starting meanwhile never
// finds out/cli half-written or missing.
mkdirSync(join(root, 'out'), { recursive: true });
const staging = mkdtempSync(join(root, 'out', '.cli-'));
const t0 = Date.now();
try {
  const esm = await build({
    absWorkingDir: root,
    metafile: true,
    // Worker threads need their own entry files next to the bundle.
    entryPoints: {
      glue: 'electron/cli/main.ts',
      'embed-worker': 'electron/core/search/embed-worker.ts',
      'kmeans-worker': 'electron/core/search/kmeans-worker.ts',
      // Run once below to write the fast-start handshake manifest; never loaded by `glue`.
      'mcp-manifest': 'electron/mcp/manifest.ts',
      // Loads glue.cjs (below) with a V8 code cache; bin/glue.js uses it for every command but mcp.
      'code-cache': 'electron/cli/code-cache.ts',
      // bin/glue.js starts a passphrase profile's key derivation with it before glue.cjs loads.
      'prefetch-keys': 'electron/cli/prefetch-keys.ts',
    },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: NATIVE,
    sourcemap: 'linked',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __glueCreateRequire } from 'node:module'; const require = __glueCreateRequire(import.meta.url);",
    },
  });
  // The same CLI as one CommonJS file, for bin/glue.js to run from a V8 code cache
  // (electron/cli/code-cache.ts): Node 20 can cache a script's bytecode but not an ES module's,
  // and ~50 ESM chunks cost a cold `glue ask` ~0.2 s of loading. Commands still load lazily
  // (esbuild turns their import() into deferred initialisers). `glue mcp` keeps the split ESM
  // build above: its fast start answers the handshake before the SDK chunks load.
  const cjs = await build({
    absWorkingDir: root,
    metafile: true,
    entryPoints: { glue: 'electron/cli/main.ts' },
    outExtension: { '.js': '.cjs' },
    outdir: staging,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: NATIVE,
    sourcemap: 'linked',
    logLevel: 'warning',
    minifyWhitespace: true,
    minifySyntax: true,
    // import.meta has no meaning in CommonJS: the bundle's own URL stands in (same folder as the chunks).
    define: { 'import.meta.url': '__glueBundleUrl' },
    banner: { js: "var __glueBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  // Node reads an ASCII bundle as a one-byte string, which V8 compiles and hashes faster than
  // the two-byte one a single non-ASCII character makes of all 1.7 MB (electron/cli/code-cache.ts).
  // esbuild escapes strings but leaves regular expression literals as written.
  const cjsText = readFileSync(join(staging, 'glue.cjs'), 'latin1');
  const wide = /[^\x00-\x7f]/.exec(cjsText);
  if (wide) {
    const near = cjsText.slice(Math.max(0, wide.index - 60), wide.index + 20).replace(/[^\x20-\x7e]/g, '?');
    throw new Error(`out/cli/glue.cjs must be ASCII but has a non-ASCII byte near "${near}": write the character in the source as a \\u escape`);
  }
  // The source files the bundles were built from, for bin/glue.js to check for edits with one
  // stat each instead of walking the tree (dependencies in node_modules are not tracked).
  const inputs = [...new Set([...Object.keys(esm.metafile.inputs), ...Object.keys(cjs.metafile.inputs)])].filter((f) => !/(^|\/)node_modules\//.test(f)).sort();
  writeFileSync(join(staging, 'inputs.json'), `${JSON.stringify(inputs)}\n`);
  // `glue mcp` answers the handshake from this file while the real server loads. It comes from
  // the staged bundle itself and is swapped in with it, so the two always match.
  const { buildHandshakeManifest } = await import(pathToFileURL(join(staging, 'mcp-manifest.js')).href);
  writeFileSync(join(staging, 'mcp-handshake.json'), `${JSON.stringify(await buildHandshakeManifest())}\n`);
  const old = `${outdir}.old-${process.pid}`;
  try {
    renameSync(outdir, old);
  } catch {
    // first build: nothing to move aside
  }
  renameSync(staging, outdir);
  rmSync(old, { recursive: true, force: true });
} catch (e) {
  rmSync(staging, { recursive: true, force: true });
  throw e;
}
process.stderr.write(`built out/cli in ${Date.now() - t0} ms\n`);
