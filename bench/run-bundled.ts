import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');

/**
 * Bundles a bench's measurement script (`bench/<name>.run.ts`) the way `glue` is bundled and
 * runs it in a child process with plain Node, returning its stdout. The figures then describe
 * the product's own process: vitest's module runner makes the same loop ~15 % slower and adds
 * ~25 MB of its own to the RSS of the process it runs in.
 */
export async function runBundled(entry: string, opts: { nodeArgs?: string[]; env?: Record<string, string>; echo?: boolean } = {}): Promise<string> {
  const outfile = await bundle(entry);
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), outfile], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', opts.echo ? 'inherit' : 'pipe'], env: { ...process.env, ...opts.env } });
  if (r.status !== 0) throw new Error(`${entry} failed (${r.status}): ${r.stderr ?? ''}`);
  return r.stdout;
}

/** Bundles a bench script as `glue` is bundled; returns the .mjs path. */
export async function bundle(entry: string): Promise<string> {
  const outfile = join(root, 'out', 'bench', `${basename(entry, '.ts')}.mjs`);
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3-multiple-ciphers', 'sqlite-vec', '@napi-rs/keyring', '@xenova/transformers'],
    logLevel: 'error',
    banner: { js: "import { createRequire as __glueCreateRequire } from 'node:module'; const require = __glueCreateRequire(import.meta.url);" },
  });
  return outfile;
}
