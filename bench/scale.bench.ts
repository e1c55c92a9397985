// Large-tenant figures (issue #16): a store built once from the demo generator through the store
// writer (scale-build.run.ts, reused while BENCH_SCALE_DIR holds it), every answer path warm and
// on first call (scale.run.ts), a cold `glue ask` in a new process (store open included), and the
// MCP server's latency and RSS after 100 queries. Prints figures only.
//   BENCH_SCALE=1000000 BENCH_SCALE_DIR=/work/bench-data/1m npm run bench -- bench/scale.bench.ts
// Default: 100,000 in a directory under the OS temp dir. Building 1M takes ~2 min and ~1.8 GB of
// RAM (the generated tenant is held while it is written); the store is ~0.9 GB.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { runBundled } from './run-bundled';
import { scaleProfile } from './scale-profile';

const SCALE = Number(process.env.BENCH_SCALE ?? 100_000);
const DIR = process.env.BENCH_SCALE_DIR ?? join(tmpdir(), `glue-scale-${SCALE}`);
const root = join(import.meta.dirname, '..');
const GLUE = join(root, 'bin', 'glue.js');

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const rssMb = (pid: number | null | undefined, key: 'VmRSS' | 'VmHWM'): number =>
  pid ? Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024 : NaN;

it(`answer paths on a ${SCALE}-scale tenant`, async () => {
  const env = { BENCH_SCALE: String(SCALE), BENCH_SCALE_DIR: DIR };
  console.log(await runBundled('bench/scale-build.run.ts', { nodeArgs: ['--max-old-space-size=8192'], env }));
  console.log(await runBundled('bench/scale.run.ts', { env }));

  const profile = await scaleProfile(DIR);
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.js')], { cwd: root, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('could not build the CLI bundle');
  // Cold `glue ask`: a new process each time, the store opened in it (the OS file cache and the
  // CLI's code cache warm).
  const orgs = await (async () => {
    const s = await profile.open();
    const names = s.db.prepare<[], { name: string }>('SELECT name FROM organizations WHERE id % 211 = 0 LIMIT 5').all().map((r) => r.name);
    s.close();
    return names;
  })();
  const asks = ['what expires in the next 30 days', `firewall ip at ${orgs[0] ?? 'Acme'}`, `@${orgs[1] ?? 'Acme'} domain controller`, 'printer at main office', `what depends on ${orgs[2] ?? 'Acme'}-DC01`];
  // The first command after a build writes the CLI's code cache (electron/cli/code-cache.ts);
  // every later one, as on a user's machine, starts from it.
  spawnSync(process.execPath, [GLUE, 'ask', 'warm the code cache', '--json'], { env: profile.env, encoding: 'utf8' });
  const cold: string[] = [];
  for (const q of asks) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [GLUE, 'ask', q, '--json'], { env: profile.env, encoding: 'utf8' });
    cold.push(`  glue ask "${q}": ${(performance.now() - t).toFixed(0)} ms (exit ${r.status})`);
  }
  console.log(`cold glue ask (new process, store open included):\n${cold.join('\n')}`);

  // MCP: 100 `query` calls and a few other tools; RSS of the server afterwards.
  const transport = new StdioClientTransport({ command: process.execPath, args: [GLUE, 'mcp'], env: profile.env, stderr: 'pipe' });
  const client = new Client({ name: 'glue-scale-bench', version: '1' });
  await client.connect(transport);
  const topics = ['firewall', 'domain controller', 'printer', 'backup', 'wifi password', 'vpn', 'switch', 'what expires in the next 30 days', 'what depends on the file server', 'onboarding'];
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const q = i % 10 === 7 ? topics[7]! : `${topics[i % topics.length]} at ${orgs[i % orgs.length] ?? 'Acme'} ${i}`;
    const t = performance.now();
    await client.callTool({ name: 'query', arguments: { question: q } });
    times.push(performance.now() - t);
  }
  const other: string[] = [];
  for (const [tool, args] of [
    ['search', { query: 'printer at main office', limit: 20 }],
    ['list_expirations', { days: 30, limit: 50 }],
    ['query_configurations', { org: orgs[0] ?? 'Acme', limit: 50 }],
    ['get_dependencies', { type: 'configurations', id: '10000001' }],
  ] as const) {
    const t = performance.now();
    await client.callTool({ name: tool, arguments: args });
    other.push(`  ${tool}: ${(performance.now() - t).toFixed(0)} ms`);
  }
  const pid = transport.pid;
  console.log(
    [
      `MCP query ×100: p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
      ...other,
      `MCP server RSS after 100+ queries: ${rssMb(pid, 'VmRSS').toFixed(0)} MB (peak ${rssMb(pid, 'VmHWM').toFixed(0)} MB)`,
    ].join('\n'),
  );
  await client.close();
});
