import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where a worker thread's JavaScript is: `name` is its entry (`<name>.ts` beside `from` in the
 * sources, `<name>.js` in a bundle), `sources` the files it is built from (paths from this
 * folder; they key the on-the-fly build below).
 *
 * Bundled: scripts/build-cli.js emits out/cli/<name>.js and electron-vite (a main input per
 * worker in electron.vite.config.ts) emits out/main/<name>.js, each next to its entry. The code
 * here lands in the entry file or in a shared chunk one folder down (out/main/chunks/), so the
 * worker is looked for beside `from`, then one folder up.
 *
 * From TypeScript source (vitest, benches): Node 20 cannot run .ts in a worker, so the worker is
 * bundled on the fly with esbuild (already a dependency) into node_modules/.cache. Packages stay
 * external and resolve from that node_modules, exactly like the real bundle. The output name
 * carries a hash of the sources, so edits rebuild and parallel test files share one build. This
 * avoids loader hooks, whose registration inside workers changes between Node versions.
 */
export async function workerUrl(name: string, sources: string[], from: string): Promise<URL> {
  if (!from.endsWith('.ts')) {
    const beside = new URL(`./${name}.js`, from);
    const above = new URL(`../${name}.js`, from);
    // In a packaged app these paths are inside app.asar, which Electron's fs (and its workers) read.
    return !existsSync(fileURLToPath(beside)) && existsSync(fileURLToPath(above)) ? above : beside;
  }
  const here = dirname(fileURLToPath(from));
  const entry = join(here, `${name}.ts`);
  const hash = createHash('sha256')
    .update(Buffer.concat([`${name}.ts`, ...sources].map((f) => readFileSync(join(here, f)))))
    .digest('hex')
    .slice(0, 16);
  const outDir = join(nearestNodeModules(here), '.cache', 'glue-desk');
  const outfile = join(outDir, `${name}-${hash}.mjs`);
  if (!existsSync(outfile)) {
    mkdirSync(outDir, { recursive: true });
    const { build } = await import('esbuild');
    // Write to a unique temp name then rename, so a concurrent reader never sees half a file.
    const tmp = `${outfile}.${process.pid}.${Date.now()}.tmp.mjs`;
    await build({ entryPoints: [entry], outfile: tmp, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error' });
    renameSync(tmp, outfile);
  }
  return pathToFileURL(outfile);
}

function nearestNodeModules(start: string): string {
  let dir = start;
  for (;;) {
    const nm = join(dir, 'node_modules');
    if (existsSync(join(nm, 'esbuild'))) return nm;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('node_modules with esbuild not found above ' + start);
    dir = parent;
  }
}
