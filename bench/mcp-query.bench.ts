// MCP figures on a 100k-record demo tenant: cold start (spawn → tools/list answered, median of
// 10), the `query` tool's latency (first call, which opens the store, then p50/p95 over a mix
// of questions), and the server's idle RSS afterwards. Prints figures only.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import type { FakeResource } from '../electron/core/itglue/fake/dataset';
import { seedProfile, spawnServer, type SeededProfile } from '../electron/mcp/tools/test-harness';

const SCALE = Number(process.env.GLUE_BENCH_SCALE ?? 100_000);
let profile: SeededProfile;

beforeAll(async () => {
  const t0 = performance.now();
  profile = await seedProfile({ scale: SCALE });
  const n = Object.values(profile.dataset).reduce((sum, d) => sum + (d?.data.length ?? 0), 0);
  console.log(`seeded ${n} records in ${Math.round(performance.now() - t0)} ms`);
});
afterAll(() => profile?.cleanup());

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const rssMb = (pid: number | null) => {
  const m = pid ? /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8')) : null;
  return m?.[1] ? (Number(m[1]) / 1024).toFixed(0) : '?';
};

it('prints cold start, query latency and idle RSS', async () => {
  // Cold start: a fresh process each time; the first run warms the file cache and the bundle.
  const starts: number[] = [];
  for (let i = 0; i <= 10; i++) {
    const t0 = performance.now();
    const s = await spawnServer(profile);
    await s.client.listTools();
    if (i > 0) starts.push(performance.now() - t0);
    await s.close();
  }

  const server = await spawnServer(profile);
  await server.client.listTools();
  const idleBefore = rssMb(server.pid);
  const items = (k: keyof SeededProfile['dataset']): FakeResource[] => profile.dataset[k]?.data ?? [];
  const name = (r: FakeResource | undefined) => String(r?.attributes.name ?? '');
  const orgs = items('organizations');
  const cfgs = items('configurations');
  const ifaces = items('configuration_interfaces');
  const questions: string[] = [];
  for (let i = 0; i < 10; i++) {
    const org = name(orgs[(i * 37) % orgs.length]);
    const cfg = cfgs[(i * 977) % cfgs.length];
    const ip = ifaces[(i * 431) % ifaces.length]?.attributes['ip-address'];
    questions.push(
      `what is the firewall at ${org}?`,
      `who uses ${typeof ip === 'string' ? ip : '10.0.0.1'}?`,
      `tell me about ${name(cfg)}`,
      `domains expiring in the next 30 days @${org}`,
      `how do we onboard a new user at ${org}`,
    );
  }
  const t0 = performance.now();
  await server.client.callTool({ name: 'query', arguments: { question: 'what is the firewall?' } });
  const first = performance.now() - t0;
  const times: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    const r = await server.client.callTool({ name: 'query', arguments: { question: q } });
    times.push(performance.now() - t);
    if (r.isError) console.log(`query failed: ${q}`);
  }
  // Other tools, for scale: each the median of 5 calls.
  const other: string[] = [];
  const ip = ifaces[7]?.attributes['ip-address'];
  for (const [tool, args] of [
    ['search', { query: 'backup server', limit: 20 }],
    ['query_configurations', { text: 'server', limit: 50 }],
    ['query_configurations', { org: String(orgs[3]?.id ?? ''), limit: 50 }],
    ['find_ip_address', { value: typeof ip === 'string' ? ip : '10.0.0.1' }],
    ['list_expirations', { days: 30, limit: 50 }],
    ['query_organizations', { query: name(orgs[5]).slice(0, 8) }],
  ] as const) {
    const ts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await server.client.callTool({ name: tool, arguments: args });
      ts.push(performance.now() - t);
    }
    other.push(`${tool} ${JSON.stringify(args).slice(0, 50)}: median ${pct(ts, 50).toFixed(0)} ms`);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const idleAfter = rssMb(server.pid);
  await server.close();

  console.log(
    [
      `MCP on a ${SCALE}-record demo tenant (keyword search: no model in the bench profile)`,
      `cold start spawn → tools/list: median ${pct(starts, 50).toFixed(0)} ms (min ${Math.min(...starts).toFixed(0)}, max ${Math.max(...starts).toFixed(0)}, n=${starts.length})`,
      `query, first call (opens the store): ${first.toFixed(0)} ms`,
      `query over ${times.length} questions: p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
      `RSS idle: ${idleBefore} MB after tools/list, ${idleAfter} MB after the queries`,
      ...other,
    ].join('\n'),
  );
});
