// Cold start of `glue mcp` as a real client sees it: send initialize and wait for its answer,
// then notifications/initialized + tools/list, then a first tools/call (health). Prints the
// median of 10 runs for spawn → initialize answered, → tools/list answered (the handshake;
// goal ≤ 150 ms) and → first tools/call answered (the full load of the real server), and the
// idle RSS afterwards. Figures only, no assertions.
// Variants: the real launcher (bin/glue.js), the bundle directly, the bundle without its
// handshake manifest (the slow path: every answer waits for the real server), and a bare node
// echo server as the floor on this machine.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const RUNS = 10;
const dataDir = mkdtempSync(join(tmpdir(), 'glue-mcp-bench-'));
const noManifest = mkdtempSync(join(root, 'out', '.bench-mcp-no-manifest-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(noManifest, { recursive: true, force: true });
});

const line = (m: object) => `${JSON.stringify(m)}\n`;
const INIT = line({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } });
const LIST = line({ jsonrpc: '2.0', method: 'notifications/initialized' }) + line({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
const CALL = line({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'health', arguments: {} } });

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

interface Run {
  init: number;
  list: number;
  call: number;
  rss: number | null;
}

async function once(args: string[], measureRss: boolean): Promise<Run> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, GLUE_DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'ignore'] });
  const at: Record<number, number> = {};
  const done = new Promise<void>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`no answer to all three requests from ${args.join(' ')}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const m: unknown = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        const id = typeof m === 'object' && m !== null && 'id' in m && typeof m.id === 'number' ? m.id : 0;
        if (!id || at[id] !== undefined) continue;
        at[id] = performance.now() - t0;
        // As a real client: initialized + tools/list only after the initialize result.
        if (id === 1) child.stdin.write(LIST);
        if (id === 2) child.stdin.write(CALL);
        if (id === 3) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
  });
  child.stdin.write(INIT);
  await done;
  let rss: number | null = null;
  if (measureRss) {
    await new Promise((r) => setTimeout(r, 1000));
    rss = rssKb(child.pid ?? 0);
  }
  child.stdin.end();
  await new Promise((r) => child.once('exit', r));
  return { init: at[1] ?? 0, list: at[2] ?? 0, call: at[3] ?? 0, rss };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return Math.round(s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2);
};

async function series(label: string, args: string[]) {
  await once(args, false); // warm the file cache, as a second launch by Claude would be
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(args, false));
  const { rss } = await once(args, true);
  return {
    label,
    init: median(runs.map((r) => r.init)),
    list: median(runs.map((r) => r.list)),
    listMax: Math.round(Math.max(...runs.map((r) => r.list))),
    call: median(runs.map((r) => r.call)),
    rssMb: rss === null ? 'n/a' : (rss / 1024).toFixed(1),
  };
}

it('glue mcp cold start', async () => {
  // Make sure out/cli is current, so the first measured launch does not include a build.
  const pre = spawnSync(process.execPath, [join(root, 'bin', 'glue.js'), '--help'], { stdio: 'ignore' });
  if (pre.status !== 0) throw new Error('bin/glue.js --help failed: run `npm run build:cli` and look at its errors');
  // Inside out/ so the copy still resolves node_modules.
  cpSync(join(root, 'out', 'cli'), noManifest, { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('mcp-handshake.json') });
  const echo = join(dataDir, 'echo.mjs');
  writeFileSync(
    echo,
    "import { createInterface } from 'node:readline';\ncreateInterface({ input: process.stdin }).on('line', (l) => { const m = JSON.parse(l); if (m.id) process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: {} }) + '\\n'); });\n",
  );

  const rows = [
    await series('node bin/glue.js mcp (launcher + bundle)', [join(root, 'bin', 'glue.js'), 'mcp']),
    await series('node out/cli/glue.js mcp (bundle)', [join(root, 'out', 'cli', 'glue.js'), 'mcp']),
    await series('same bundle without mcp-handshake.json (slow path)', [join(noManifest, 'glue.js'), 'mcp']),
    await series('bare node echo server (floor)', [echo]),
  ];
  const w = Math.max(...rows.map((r) => r.label.length));
  const ms = (n: number) => `${String(n).padStart(5)} ms`;
  const lines = [
    `MCP cold start, real-client order, median of ${RUNS} runs (goal: tools/list answered ≤ 150 ms)`,
    `${'variant'.padEnd(w)}  initialize  tools/list  (max)    1st tools/call  idle RSS`,
    ...rows.map((r) => `${r.label.padEnd(w)}  ${ms(r.init)}    ${ms(r.list)}  ${ms(r.listMax)}   ${ms(r.call)}      ${r.rssMb} MB`),
  ];
  console.log(lines.join('\n'));
});
