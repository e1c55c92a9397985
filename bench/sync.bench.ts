import { it } from 'vitest';
import { createItGlueClient } from '../electron/core/itglue/client';
import { DEMO_API_KEY, countRecords, startFakeItGlue } from '../electron/core/itglue/fake/server';
import { createTempStore } from '../electron/core/store/testing';
import { runSync } from '../electron/core/sync/run-sync';

// Full sync of a ~100k-record fake tenant with the rate limit raised (the engine, not the
// budget, is measured), then a no-change incremental. Prints figures; asserts nothing.
it('sync: 100k-record fake tenant', async () => {
  const scale = Number(process.env.SYNC_BENCH_SCALE ?? 100_000);
  const fake = await startFakeItGlue({ scale, today: '2026-01-23', rateLimit: 10_000_000 });
  const temp = createTempStore();
  const client = createItGlueClient({ baseUrl: fake.url, apiKey: DEMO_API_KEY, budget: { requests: 10_000_000, windowMs: 300_000 }, concurrency: 8 });
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const d = fake.dataset;
    const n = (k: keyof typeof d) => d[k]?.data.length ?? 0;
    const records = countRecords(d) - n('related_items') - n('ssl_certificates');
    const pages = (x: number) => Math.max(1, Math.ceil(x / 1000));
    const types = n('flexible_asset_types');
    const perType = (k: 'flexible_asset_fields' | 'flexible_assets') => {
      const by = new Map<string, number>();
      for (const r of d[k]?.data ?? []) by.set(String(r.attributes['flexible-asset-type-id']), (by.get(String(r.attributes['flexible-asset-type-id'])) ?? 0) + 1);
      let sum = 0;
      for (let t = 0; t < types; t++) sum += 1;
      for (const v of by.values()) sum += pages(v) - 1;
      return sum;
    };
    const listingsFloor =
      pages(n('organizations')) + pages(n('configurations')) + pages(n('passwords')) + pages(n('flexible_asset_types')) + pages(n('contacts')) + pages(n('locations')) + pages(n('domains')) +
      perType('flexible_asset_fields') + perType('flexible_assets') + n('organizations') + n('documents');
    const floor = listingsFloor + n('passwords') + n('configurations') + n('flexible_assets');
    const probe = 4;

    const t0 = performance.now();
    const full = await runSync({ store: temp.store, client, full: true, concurrency: 6, detailBatch: 64 });
    const wall = (performance.now() - t0) / 1000;
    if (!full.ok) throw new Error(full.error.message);
    const s = full.value;
    const written = Object.values(s.counts).reduce((a, c) => a + c.written + c.unchanged, 0);
    fake.resetStats();
    const quiet = await runSync({ store: temp.store, client });
    const q = quiet.ok ? quiet.value : null;
    const budgetMinutes = (s.requests / 3000) * 5;
    console.log(
      [
        `sync bench — ${records} records (scale ${scale}), status ${s.status}`,
        `  wall time (full)            ${wall.toFixed(1)} s`,
        `  requests                    ${s.requests} vs floor ${floor} + probe ${probe} → ${(s.requests / (floor + probe)).toFixed(3)}x`,
        `  unrecovered 429s            ${s.status === 'ok' ? 0 : 'see warnings'} (server 429s answered: ${fake.stats().rateLimited})`,
        `  records stored              ${written}; ingest ${(written / wall).toFixed(0)} records/s (wall, HTTP included)`,
        `  password values / related   ${s.passwordValues} / ${s.relatedItems}`,
        `  no-change incremental       ${q?.requests ?? 'failed'} requests (${listingsFloor} listings incl. per-org documents)`,
        `  peak RSS                    ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
        `  at IT Glue's 3000/300 s      ≥ ${budgetMinutes.toFixed(0)} min for this full sync (${s.requests} requests)`,
        ...s.warnings.map((w) => `  warning: ${w}`),
      ].join('\n'),
    );
  } finally {
    clearInterval(timer);
    temp.cleanup();
    await fake.close();
  }
}, 1_800_000);
