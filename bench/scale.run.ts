// The large-tenant measurement (scale.bench.ts runs it bundled in a child process, as `glue`
// runs): every answer path, in process, on the store scale-build.run.ts built. Each path is
// timed on its first call (cold: the store just opened, the OS file cache as it is) and then
// warm over BENCH_SAMPLES inputs. Prints figures; never asserts on timing.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ask, type AnswerContext } from '../electron/core/answers/engine';
import { retrieve } from '../electron/core/answers/retrieve';
import { createSearchContext, search } from '../electron/core/search/search';
import { createReader } from '../electron/core/store/reader';
import { scaleProfile } from './scale-profile';

const DIR = process.env.BENCH_SCALE_DIR ?? '/work/bench-data/1m';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
/** Measures only the paths whose label holds this text (BENCH_ONLY=ask), e.g. under a profiler. */
const ONLY = process.env.BENCH_ONLY ?? '';

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const rssMb = (k: 'VmRSS' | 'VmHWM'): number => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const spread = <T,>(xs: readonly T[], n: number): T[] => (xs.length === 0 ? [] : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]!));

const rows: string[] = [];
async function measure(label: string, inputs: readonly string[], goal: number, f: (q: string) => unknown): Promise<void> {
  if (!label.includes(ONLY)) return;
  if (inputs.length === 0) {
    rows.push(`  ${label.padEnd(52)} (no inputs)`);
    return;
  }
  const t0 = performance.now();
  await f(inputs[0]!);
  const cold = performance.now() - t0;
  const xs: number[] = [];
  for (const q of inputs.slice(1)) {
    const t = performance.now();
    await f(q);
    xs.push(performance.now() - t);
  }
  const p95 = pct(xs, 95);
  rows.push(
    `  ${label.padEnd(52)} first ${cold.toFixed(0).padStart(5)} ms | p50 ${pct(xs, 50).toFixed(1).padStart(6)} p95 ${p95.toFixed(1).padStart(6)} max ${Math.max(...xs).toFixed(0).padStart(5)} ms  ${p95 <= goal ? 'ok' : 'MISSED'} (≤ ${goal})`,
  );
  console.log(rows[rows.length - 1]);
}

async function main(): Promise<void> {
  const profile = await scaleProfile(DIR);
  const info = profile.info();
  if (!info) throw new Error(`no bench store in ${DIR}: run scale-build first`);
  const t0 = performance.now();
  const store = await profile.open();
  const openMs = performance.now() - t0;
  const db = store.db;
  const reader = createReader(store);
  const ctx = createSearchContext(store, { cacheSize: 0 });
  const today = new Date(`${info.today}T12:00:00Z`);
  const actx: AnswerContext = { search: ctx, today };
  console.log(`store ${(info.storeBytes / 2 ** 30).toFixed(2)} GiB, ${info.records} records (scale ${info.scale}); opened in ${openMs.toFixed(0)} ms`);

  // Inputs come from the store itself (deterministic: evenly spread by rowid).
  const col = (sql: string): string[] => z.array(z.object({ v: z.union([z.string(), z.number()]) })).parse(db.prepare(sql).all()).map((r) => String(r.v));
  const n = SAMPLES + 1;
  const every = (table: string, column: string) => spread(col(`SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL AND rowid % 97 = 0`), n);
  const ips = every('configurations', 'primary_ip');
  const hosts = every('configurations', 'hostname');
  const serials = every('configurations', 'serial');
  const orgRows = z.array(z.object({ id: z.number(), name: z.string() })).parse(db.prepare('SELECT id, name FROM organizations ORDER BY id').all());
  const orgs = spread(orgRows, n);
  const withRelations = spread(col("SELECT DISTINCT from_id AS v FROM relations WHERE from_type = 'configurations' AND source != 'attrs' AND rowid % 53 = 0 LIMIT 2000"), n);
  const dependedOn = spread(col("SELECT to_id AS v FROM relations WHERE to_type = 'configurations' AND rowid % 53 = 0 LIMIT 2000"), n);
  const cfgName = db.prepare<[string], { name: string }>("SELECT name FROM records WHERE type = 'configurations' AND itglue_id = ?");
  const topics = ['backup schedule', 'vpn setup', 'printer toner', 'firewall rules', 'wifi password', 'onboarding a new user', 'domain renewal', 'server warranty', 'domain controller', 'firewall ip', 'printer at main office'];
  const askQs = orgs.map((o, i) => {
    switch (i % 4) {
      case 0:
        return `${topics[i % topics.length]} at ${o.name}`;
      case 1:
        return `@${o.name} ${topics[(i * 7) % topics.length]}`;
      case 2:
        return `${topics[(i * 3) % topics.length]}`;
      default:
        return `what is the firewall at ${o.name}?`;
    }
  });

  await measure('exact: reader.findByIp', ips, 10, (q) => reader.findByIp(q));
  await measure('exact: ask("who is <ip>")', ips.map((ip) => `who is ${ip}`), 10, (q) => ask(actx, q));
  await measure('exact: ask("where is <hostname>")', hosts.map((h) => `where is ${h}`), 10, (q) => ask(actx, q));
  await measure('exact: ask("serial <serial>")', serials.map((s) => `serial ${s}`), 10, (q) => ask(actx, q));
  await measure('search (keyword, 20 hits)', askQs, 150, (q) => search(ctx, { query: q, limit: 20 }));
  await measure('retrieve (search as the doors run it)', askQs.map((q) => `${q} `), 150, (q) => retrieve(ctx, { query: q, limit: 20 }));
  await measure('ask', askQs.map((q) => `${q}?`), 150, (q) => ask(actx, q));
  const days = Array.from({ length: 20 }, (_, i) => String(7 + i * 3));
  await measure('expirations: reader.expirationPage (tenant-wide, 50)', days, 100, (d) => reader.expirationPage({ withinDays: Number(d), today }, 0, 50));
  await measure('expirations: ask("what expires in the next N days")', days.map((d) => `what expires in the next ${d} days`), 100, (q) => ask(actx, q));
  await measure('expirations: reader.expirationPage (one org, 50)', orgs.slice(0, 20).map((o) => String(o.id)), 100, (id) => reader.expirationPage({ withinDays: 90, today, orgId: Number(id) }, 0, 50));
  await measure('dependencies: reader.walkDependencies down, 3 hops', dependedOn, 100, (id) => reader.walkDependencies('configurations', id, 'down', 3));
  await measure('dependencies: reader.walkDependencies up, 3 hops', withRelations, 100, (id) => reader.walkDependencies('configurations', id, 'up', 3));
  await measure('dependencies: reader.related (detail pane)', withRelations, 100, (id) => reader.related('configurations', id));
  await measure(
    'dependencies: ask("what depends on <name>")',
    dependedOn.slice(0, 30).map((id) => `what depends on ${cfgName.get(id)?.name ?? id}`),
    150,
    (q) => ask(actx, q),
  );
  await measure('org browse: first page of configurations', orgs.map((o) => String(o.id)), 100, (id) => reader.listRecords({ type: 'configurations', orgId: Number(id), includeArchived: true, limit: 100 }));
  await measure('org browse: organization list with counts', ['a', 'b', 'c', 'd', 'e', 'f'], 100, () => reader.listOrganizations());
  await measure('record filter: phrase inside one org', orgs.map((o, i) => `${o.id}|${['srv', 'print', 'fw', 'dc0', 'switch', 'ws-'][i % 6]}`), 100, (k) => {
    const [id, phrase] = k.split('|');
    return reader.listRecords({ type: 'configurations', orgId: Number(id), phrase, includeArchived: true, limit: 100 });
  });
  await measure('record filter: tenant-wide configurations "server"', ['server', 'printer', 'firewall', 'switch', 'router', 'ups'], 100, (w) => reader.listRecords({ type: 'configurations', words: w, limit: 50 }));

  console.log(`\n${rows.length} paths; RSS now ${rssMb('VmRSS').toFixed(0)} MB, peak ${rssMb('VmHWM').toFixed(0)} MB (in-process bench: store + samples)`);
  store.close();
}

await main();
