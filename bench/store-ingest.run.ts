import { contentHash } from '../electron/core/store/content-hash';
import type { ItGlueResource } from '../electron/core/store/mappers/types';
import { createReader } from '../electron/core/store/reader';
import { createTempStore } from '../electron/core/store/testing';
import { createWriter } from '../electron/core/store/writer';
import { openWriteQueue } from '../electron/core/sync/write-queue';

// The store-ingest measurement, run by store-ingest.bench.ts as a bundled child process (the
// code as `glue` and the app run it; under vitest's module runner the same loop is ~15 % slower).
// Prints records/s for 100k synthetic configurations written in pages of 1,000 (records + typed
// rows + FTS + checkpoint per page) through the sync's write queue, then re-syncs of the same
// pages (unchanged, then all changed), the first sync with one transaction per page for
// comparison, and a few lookups.
const TOTAL = Number(process.env.BENCH_RECORDS ?? 100_000);
const PAGE = 1_000;

function page(start: number, version: number): ItGlueResource[] {
  return Array.from({ length: PAGE }, (_, k) => {
    const i = start + k;
    const orgId = (i % 200) + 1;
    return {
      id: String(i + 1),
      type: 'configurations',
      attributes: {
        name: `SRV-${orgId}-${i}`,
        hostname: `srv-${orgId}-${i}.corp${orgId}.local`,
        'organization-id': orgId,
        'primary-ip': `10.${orgId % 256}.${Math.floor(i / 256) % 256}.${i % 256}`,
        'mac-address': [0, 0x1a, (i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, '0')).join(':'),
        'serial-number': `SN${i}X${version}`,
        'configuration-type-name': i % 3 ? 'Workstation' : 'Server',
        'configuration-status-name': 'Active',
        'operating-system-name': 'Windows Server 2022',
        notes: `Rack ${i % 40}, maintained by team ${orgId % 7}. Version ${version}.`,
        archived: false,
        'updated-at': '2026-01-01T00:00:00.000Z',
      },
    };
  });
}

async function main(): Promise<void> {
  const t = createTempStore();
  try {
    const pages = Array.from({ length: TOTAL / PAGE }, (_, p) => page(p * PAGE, 1));
    // 'full' / 'incremental': through the sync's write queue as `glue sync` writes listing pages
    // (group commit; a full sync also copies the WAL back on a worker); 'per page': one
    // transaction per page, for comparison.
    const run = async (label: string, v: number, mode: 'full' | 'incremental' | 'per page', store = t.store): Promise<void> => {
      const w = createWriter(store);
      const runId = w.startRun(mode === 'incremental' ? 'incremental' : 'full');
      const { writes, stopCheckpoints } = openWriteQueue(store, w, { backgroundCheckpoints: mode === 'full' });
      const started = performance.now();
      const cpu0 = process.cpuUsage();
      let written = 0;
      let unchanged = 0;
      for (const [p, resources] of pages.entries()) {
        const input = {
          type: 'configurations' as const,
          resources: v === 1 ? resources : page(p * PAGE, v),
          runId,
          checkpoint: { resource: 'configurations', scope: '*', cursor: String(p + 2), lastUpdatedAt: null },
        };
        const write = (): void => {
          const res = w.applyPage(input);
          written += res.written;
          unchanged += res.unchanged;
        };
        if (mode !== 'per page') await writes.add({ write, records: PAGE });
        else write();
      }
      await writes.drain();
      await stopCheckpoints();
      const secs = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuSecs = (cpu.user + cpu.system) / 1e6;
      // CPU time (all threads) as well: on a shared 2-core box the wall rate also measures contention.
      console.log(
        `${label.padEnd(36)} ${TOTAL} records: wall ${secs.toFixed(2)} s = ${Math.round(TOTAL / secs).toLocaleString('en-US')} records/s; cpu ${cpuSecs.toFixed(2)} s = ${Math.round(TOTAL / cpuSecs).toLocaleString('en-US')} records/s (written ${written}, unchanged ${unchanged})`,
      );
    };
    await run('first sync (insert)', 1, 'full');
    await run('re-sync, nothing changed', 1, 'incremental');
    await run('re-sync, every record changed', 2, 'incremental');
    const single = createTempStore();
    await run('first sync, 1 page/transaction', 1, 'per page', single.store);
    single.cleanup();

    // Reference: bare records+FTS5 inserts in one transaction (architecture.md measured ~58k/s idle).
    // Each row enters the index by its own statement, as the insert trigger did before migration 0006.
    const ref = createTempStore();
    const insertRow = ref.store.db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('configurations', ?, ?, ?, ?, '{}', 'h')");
    const indexRow = ref.store.db.prepare('INSERT INTO records_fts (rowid, name, body) VALUES (?, ?, ?)');
    const ins = { run: (id: string, org: number, name: string, body: string) => indexRow.run(insertRow.run(id, org, name, body).lastInsertRowid, name, body) };
    const refStart = performance.now();
    const refCpu0 = process.cpuUsage();
    ref.store.db.transaction(() => {
      for (let i = 0; i < 30_000; i++) ins.run(String(i), i % 200, `SRV-${i}`, `server ${i} rack ${i % 40} windows server 2022 team ${i % 7}`);
    })();
    const refCpu = process.cpuUsage(refCpu0);
    console.log(
      `${'reference: bare insert+FTS'.padEnd(36)} 30000 records: wall ${Math.round(30_000 / ((performance.now() - refStart) / 1000)).toLocaleString('en-US')} records/s; cpu ${Math.round(30_000 / ((refCpu.user + refCpu.system) / 1e6)).toLocaleString('en-US')} records/s`,
    );
    ref.cleanup();

    const r = createReader(t.store);
    const time = (label: string, fn: () => unknown): void => {
      const started = performance.now();
      const n = 200;
      for (let i = 0; i < n; i++) fn();
      console.log(`${label.padEnd(28)} ${((performance.now() - started) / n).toFixed(3)} ms/op`);
    };
    time('findByIp', () => r.findByIp('10.7.100.7'));
    time('findByCidr /24', () => r.findByCidr('10.7.100.0/24'));
    time('findByHostname', () => r.findByHostname('SRV-7-5006'));
    time('findByMac', () => r.findByMac('00-1a-00-00-13-8e'));
    const started = performance.now();
    contentHash(t.store);
    console.log(`${`contentHash (${TOTAL})`.padEnd(28)} ${((performance.now() - started) / 1000).toFixed(2)} s`);
    console.log(`${'store size'.padEnd(28)} ${(r.storeSizeBytes() / 1e6).toFixed(1)} MB`);
  } finally {
    t.cleanup();
  }
}

await main();
