// Bundles the plain-Node doors (CLI, MCP server, web host, workers) with esbuild.
// Packages stay external: native modules (SQLCipher, sqlite-vec, onnxruntime) must load
// from node_modules, and code splitting keeps `glue mcp` cold start small.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');
rmSync(outdir, { recursive: true, force: true });
const t0 = Date.now();
await build({
  absWorkingDir: root,
  // Worker threads need their own entry files next to the bundle.
  entryPoints: {
    glue: 'electron/cli/main.ts',
    'embed-worker': 'electron/core/search/embed-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __glueCreateRequire } from 'node:module'; const require = __glueCreateRequire(import.meta.url);" },
});
process.stderr.write(`built out/cli in ${Date.now() - t0} ms\n`);
