// Prints how fast the fake IT Glue server serves a 100k-record tenant page by page
// (requests/s, MB/s). Figures only; nothing here asserts on timing.
import { afterAll, beforeAll, it } from 'vitest';
import { DEMO_API_KEY, countRecords, startFakeItGlue, type FakeItGlue } from '../electron/core/itglue/fake/server';

let fake: FakeItGlue;
let setupMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  fake = await startFakeItGlue({ scale: 100_000, rateLimit: 1e9 });
  setupMs = performance.now() - t0;
});
afterAll(() => fake.close());

async function pageThrough(path: string, pageSize: number): Promise<{ requests: number; bytes: number; items: number }> {
  let requests = 0;
  let bytes = 0;
  let items = 0;
  let next: string | null = `${fake.url}${path}${path.includes('?') ? '&' : '?'}page[size]=${pageSize}`;
  while (next) {
    const res: Response = await fetch(next, { headers: { 'x-api-key': DEMO_API_KEY } });
    const text = await res.text();
    requests++;
    bytes += Buffer.byteLength(text);
    const doc = JSON.parse(text) as { data: unknown[]; links: { next?: string } };
    items += doc.data.length;
    next = doc.links.next ?? null;
  }
  return { requests, bytes, items };
}

it('serves a 100k tenant page by page', async () => {
  const types = fake.dataset.flexible_asset_types?.data.map((t) => t.id) ?? [];
  const listings = [
    '/organizations', '/configurations', '/configurations?include=configuration_interfaces', '/passwords', '/contacts',
    '/locations', '/domains', '/expirations', ...types.map((id) => `/flexible_assets?filter[flexible-asset-type-id]=${id}`),
  ];
  const rows: string[] = [];
  for (const pageSize of [1000, 50]) {
    for (const pass of ['cold', 'warm']) {
      let requests = 0;
      let bytes = 0;
      let items = 0;
      const t0 = performance.now();
      for (const path of listings) {
        const r = await pageThrough(path, pageSize);
        requests += r.requests;
        bytes += r.bytes;
        items += r.items;
      }
      const s = (performance.now() - t0) / 1000;
      rows.push(`| ${pageSize} | ${pass} | ${requests} | ${items} | ${(bytes / 1e6).toFixed(1)} | ${s.toFixed(2)} | ${(requests / s).toFixed(0)} | ${(bytes / 1e6 / s).toFixed(1)} |`);
    }
  }
  // Four clients at once, as the sync's concurrency limit allows.
  const t0 = performance.now();
  const parallel = await Promise.all(['/configurations', '/passwords', '/contacts', '/configurations?sort=-updated_at'].map((p) => pageThrough(p, 1000)));
  const s = (performance.now() - t0) / 1000;
  const preq = parallel.reduce((a, r) => a + r.requests, 0);
  const pbytes = parallel.reduce((a, r) => a + r.bytes, 0);
  rows.push(`| 1000 | 4 parallel | ${preq} | ${parallel.reduce((a, r) => a + r.items, 0)} | ${(pbytes / 1e6).toFixed(1)} | ${s.toFixed(2)} | ${(preq / s).toFixed(0)} | ${(pbytes / 1e6 / s).toFixed(1)} |`);

  console.log([
    `fake IT Glue server, demo tenant scale 100000: ${countRecords(fake.dataset)} records, generated + started in ${(setupMs / 1000).toFixed(2)} s`,
    '| page size | pass | requests | items | MB | s | req/s | MB/s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n'));
});
