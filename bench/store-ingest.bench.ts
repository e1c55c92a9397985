import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { it } from 'vitest';

// Store ingest figures (see store-ingest.run.ts). The measurement runs bundled, in a child
// process, the way `glue sync` runs the writer. Prints; never asserts on timing.
const root = join(import.meta.dirname, '..');

it('store ingest: 100k records', async () => {
  const outfile = join(root, 'out', 'bench-ingest', 'run.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['bench/store-ingest.run.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3-multiple-ciphers', 'sqlite-vec'],
    logLevel: 'error',
    banner: { js: "import { createRequire as __glueCreateRequire } from 'node:module'; const require = __glueCreateRequire(import.meta.url);" },
  });
  const r = spawnSync(process.execPath, [outfile], { cwd: root, encoding: 'utf8', env: process.env, maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`store-ingest run failed (${r.status}): ${r.stderr}`);
  console.log(r.stdout);
});
