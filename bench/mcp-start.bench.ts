// Cold start of `glue mcp`: process spawn → tools/list answered, median of 10 runs, and the
// idle RSS afterwards. Prints figures only; the goal (≤ 150 ms) is checked by eye.
// Variants: the real launcher (bin/glue.js, with its staleness check), the bundle directly,
// the same server with pure-JS packages bundled in (what a build change would buy), and a
// bare node echo server as the floor on this machine.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const RUNS = 10;
const dataDir = mkdtempSync(join(tmpdir(), 'glue-mcp-bench-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } });
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });

function rssKb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m?.[1]) return Number(m[1]);
  } catch {
    // not Linux: fall back to ps
  }
  const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  const n = Number(r.stdout.trim());
  return Number.isFinite(n) && n > 0 ? n : null;
}

async function once(args: string[], env: NodeJS.ProcessEnv, measureRss: boolean): Promise<{ ms: number; rss: number | null }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, GLUE_DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'ignore'] });
  child.stdin.write(`${INIT}\n${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n${LIST}\n`);
  const ms = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no tools/list answer from ${args.join(' ')}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('"id":2')) {
        clearTimeout(timer);
        resolve(performance.now() - t0);
      }
    });
  });
  let rss: number | null = null;
  if (measureRss) {
    await new Promise((r) => setTimeout(r, 1000));
    rss = rssKb(child.pid ?? 0);
  }
  child.stdin.end();
  await new Promise((r) => child.once('exit', r));
  return { ms, rss };
}

async function series(label: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  await once(args, env, false); // warm the file cache, as a second launch by Claude would be
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await once(args, env, false)).ms);
  const { rss } = await once(args, env, true);
  times.sort((a, b) => a - b);
  const median = ((times[4] ?? 0) + (times[5] ?? 0)) / 2;
  return { label, median: Math.round(median), min: Math.round(times[0] ?? 0), max: Math.round(times[RUNS - 1] ?? 0), rssMb: rss === null ? 'n/a' : (rss / 1024).toFixed(1) };
}

it('glue mcp cold start', async () => {
  // Make sure out/cli is current, so the first measured launch does not include a build.
  const pre = spawnSync(process.execPath, [join(root, 'bin', 'glue.js'), '--help'], { stdio: 'ignore' });
  if (pre.status !== 0) throw new Error('bin/glue.js --help failed: run `npm run build:cli` and look at its errors');

  const benchDir = join(root, 'out', 'bench-mcp');
  await build({
    absWorkingDir: root,
    entryPoints: { glue: 'electron/cli/main.ts' },
    outdir: benchDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Native or heavy packages stay outside; zod, the MCP SDK, ajv are bundled.
    external: ['better-sqlite3-multiple-ciphers', 'sqlite-vec', '@xenova/transformers', 'onnxruntime-node', 'sharp', '@napi-rs/keyring', 'electron', 'conf'],
    logLevel: 'error',
    banner: { js: "import { createRequire as __glueCreateRequire } from 'node:module'; const require = __glueCreateRequire(import.meta.url);" },
  });
  const echo = join(dataDir, 'echo.mjs');
  writeFileSync(
    echo,
    "import { createInterface } from 'node:readline';\ncreateInterface({ input: process.stdin }).on('line', (l) => { const m = JSON.parse(l); if (m.id) process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: {} }) + '\\n'); });\n",
  );

  const rows = [
    await series('node bin/glue.js mcp (launcher + bundle)', [join(root, 'bin', 'glue.js'), 'mcp']),
    await series('node out/cli/glue.js mcp (bundle, packages external)', [join(root, 'out', 'cli', 'glue.js'), 'mcp']),
    await series('same, pure-JS packages bundled in', [join(benchDir, 'glue.js'), 'mcp']),
    await series('bare node echo server (floor)', [echo]),
  ];
  rmSync(benchDir, { recursive: true, force: true });
  const w = Math.max(...rows.map((r) => r.label.length));
  const lines = [
    `MCP cold start: spawn → tools/list answered, ${RUNS} runs each (goal ≤ 150 ms)`,
    `${'variant'.padEnd(w)}  median    min    max  idle RSS`,
    ...rows.map((r) => `${r.label.padEnd(w)}  ${String(r.median).padStart(4)} ms ${String(r.min).padStart(4)} ms ${String(r.max).padStart(4)} ms  ${r.rssMb} MB`),
  ];
  console.log(lines.join('\n'));
});
