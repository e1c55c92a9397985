import { createItGlueClient } from '../electron/core/itglue/client';
import { createTempStore } from '../electron/core/store/testing';
import { runSync } from '../electron/core/sync/run-sync';
import { META_DOCUMENTS_PROOF } from '../electron/core/sync/documents-proof';
import { startFakeTenant } from './fake-tenant-child';

// The sync measurement, run by sync.bench.ts as a bundled child process (the code as `glue sync`
// runs it): a full sync of a ~100k-record fake tenant, then a no-change incremental. The fake
// server runs in a process of its own (`glue fake-itglue`), so the peak RSS printed is the
// syncing process's alone. The rate limit is raised: the engine, not IT Glue's budget, is
// measured. BENCH_DOCUMENTS_NULL_FILTER=root: a tenant whose `filter[document_folder_id]=null`
// lists only root documents, so documents are listed folder by folder (default all).

const count = (db: ReturnType<typeof createTempStore>['store']['db'], sql: string): number => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;

async function main(): Promise<void> {
  const scale = Number(process.env.SYNC_BENCH_SCALE ?? 100_000);
  const nullFilter = process.env.BENCH_DOCUMENTS_NULL_FILTER ?? 'all';
  const { url, apiKey, child } = await startFakeTenant(scale, ['--rate-limit', '1000000000', '--documents-null-filter', nullFilter]);
  const temp = createTempStore();
  const client = createItGlueClient({ baseUrl: url, apiKey, budget: { requests: 10_000_000, windowMs: 300_000 }, concurrency: 8 });
  const rssAtStart = process.memoryUsage().rss;
  let peakRss = rssAtStart;
  // Heap and SQLite page cache are what a sync can hold; the split shows which one peaked.
  let peakHeap = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
  }, 25);
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const full = await runSync({ store: temp.store, client, full: true, concurrency: 6, detailBatch: 64 });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (!full.ok) throw new Error(full.error.message);
    const s = full.value;
    const stored = Object.values(s.counts).reduce((a, c) => a + c.written + c.unchanged, 0);

    // The request floor from what was stored (the sync was complete): one request per listing
    // page (folder listings per organization, and documents per organization once the tenant
    // proved `=null` lists them all, else per organization and per folder), one per password
    // value, one show per configuration and flexible asset.
    const db = temp.store.db;
    const live = (type: string): number => count(db, `SELECT count(*) AS n FROM records WHERE deleted_at IS NULL AND type = '${type}'`);
    const pages = (x: number): number => Math.max(1, Math.ceil(x / 1000));
    const perScope = (table: string, column: string, scopes: number): number =>
      scopes + db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table} GROUP BY ${column}`).all().reduce((a, r) => a + pages(r.n) - 1, 0);
    const proven = (db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(META_DOCUMENTS_PROOF)?.value ?? '') !== '';
    const types = live('flexible-asset-types');
    const orgs = live('organizations');
    const listingsFloor =
      pages(orgs) + pages(live('configurations')) + pages(live('passwords')) + pages(types) + pages(live('contacts')) + pages(live('locations')) + pages(live('domains')) +
      pages(live('ssl-certificates')) + pages(live('expirations')) + pages(live('checklists')) +
      perScope('flexible_asset_fields', 'type_id', types) + perScope('flexible_assets', 'type_id', types) +
      perScope('document_folders', 'org_id', orgs) +
      (proven
        ? perScope('documents', 'org_id', orgs)
        : // Per organization its root documents, per folder its documents (IT Glue lists only the root unless asked by folder).
          perScope('documents', 'coalesce(folder_id, -org_id)', orgs + live('document-folders'))) +
      live('documents');
    const floor = listingsFloor + s.passwordValues + live('configurations') + live('flexible-assets');
    const probe = 4;
    const peakFull = peakRss;

    const quiet = await runSync({ store: temp.store, client });
    const q = quiet.ok ? quiet.value : null;
    const cpuS = (cpu.user + cpu.system) / 1e6;
    console.log(
      [
        `sync bench — ${stored} records (scale ${scale}), status ${s.status}; fake server in a child process`,
        `  wall time (full, HTTP-bound)   ${wall.toFixed(1)} s  (sync process CPU ${cpuS.toFixed(1)} s)`,
        `  database-only ingest           ${Math.round(stored / (s.dbMs / 1000))} records/s (${(s.dbMs / 1000).toFixed(1)} s in store transactions)`,
        `  end-to-end rate                ${Math.round(stored / wall)} records/s (wall, HTTP included)`,
        `  documents                      =null lists ${nullFilter === 'root' ? 'root documents only' : 'every document'}; proven: ${proven}`,
        `  requests                       ${s.requests} vs floor ${floor} + probe ${probe} → ${(s.requests / (floor + probe)).toFixed(3)}x`,
        `  unrecovered 429s               ${s.status === 'ok' ? 0 : 'see warnings'}`,
        `  password values / related      ${s.passwordValues} / ${s.relatedItems}`,
        `  no-change incremental          ${q?.requests ?? 'failed'} requests (${listingsFloor} listing requests incl. per-org documents)`,
        `  peak RSS (sync process)        ${(peakFull / 1024 / 1024).toFixed(0)} MB (start ${(rssAtStart / 1024 / 1024).toFixed(0)} MB; incl. incremental ${(peakRss / 1024 / 1024).toFixed(0)} MB)`,
        `  peak JS heap + external         ${(peakHeap / 1024 / 1024).toFixed(0)} MB (the rest of RSS is code, SQLite's page cache and allocator slack)`,
        `  at IT Glue's 3000/300 s         ≥ ${((s.requests / 3000) * 5).toFixed(0)} min for this full sync (${s.requests} requests)`,
        ...s.warnings.map((w) => `  warning: ${w}`),
      ].join('\n'),
    );
  } finally {
    clearInterval(timer);
    temp.cleanup();
    child.kill('SIGINT');
  }
}

await main();
