#!/usr/bin/env node
// `glue` launcher: runs the bundled CLI, rebuilding it first when the sources are newer
// (a fresh `npm install` of the repo, or a developer edit). Build output goes to stderr so
// `glue mcp` keeps stdout for the protocol only.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'cli', 'glue.js');

// The sources the bundle was built from (out/cli/inputs.json, written by build-cli): one stat
// each. A new file matters only once a listed one imports it, which changes that file; a
// missing or unreadable list, or a listed file gone, means rebuild.
function changedSince(built) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, 'out', 'cli', 'inputs.json'), 'utf8'));
  } catch {
    return true;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return true;
  for (const file of inputs) {
    try {
      if (typeof file !== 'string' || statSync(join(root, file)).mtimeMs > built) return true;
    } catch {
      return true;
    }
  }
  return false;
}

function stale() {
  if (!existsSync(bundle)) return true;
  if (!existsSync(join(root, 'electron'))) return false; // installed app: no sources to compare
  // `glue mcp` is started by Claude Desktop on every launch and its cold start is a product
  // figure: it runs the existing bundle without checking the sources (npm test, `npm run
  // build` and every other glue command keep the bundle fresh).
  if (process.argv[2] === 'mcp') return false;
  return changedSince(statSync(bundle).mtimeMs);
}

if (process.env.GLUE_NO_BUILD !== '1' && stale()) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.js')], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write('glue: could not build the CLI bundle (see above). Run `npm run build:cli` for details.\n');
    process.exit(1);
  }
}
// Every command runs the one-file CommonJS build from a V8 code cache (electron/cli/code-cache.ts)
// except `glue mcp`, which keeps the split ESM build its fast start is made for, and what main.ts
// answers without loading a command (`glue`, --version, --help), cheaper from the small ESM entry.
const cjs = join(root, 'out', 'cli', 'glue.cjs');
const loader = join(root, 'out', 'cli', 'code-cache.js');
const esmOnly = [undefined, 'mcp', '--version', '-v', 'version', '--help', '-h'].includes(process.argv[2]) || (process.argv[2] === 'help' && process.argv.length === 3);
if (!esmOnly && existsSync(cjs) && existsSync(loader)) {
  // A passphrase profile's scrypt starts first, on the thread pool, and overlaps the loading.
  const prefetch = join(root, 'out', 'cli', 'prefetch-keys.js');
  if (existsSync(prefetch)) (await import(pathToFileURL(prefetch).href)).prefetchForCommand(process.argv.slice(2), process.env);
  const { runWithCodeCache } = await import(pathToFileURL(loader).href);
  runWithCodeCache(cjs);
} else {
  await import(pathToFileURL(bundle).href);
}
