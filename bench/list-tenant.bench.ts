import { it } from 'vitest';
import { createItGlueClient, type ItGlueClient } from '../electron/core/itglue/client';
import { DEFAULT_FAULTS, DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../electron/core/itglue/fake/server';
import {
  listConfigurations,
  listContacts,
  listDocuments,
  listDocumentSections,
  listDomains,
  listFlexibleAssetFields,
  listFlexibleAssets,
  listFlexibleAssetTypes,
  listLocations,
  listOrganizations,
  listPasswords,
  type PageStream,
} from '../electron/core/itglue/resources';

// Lists every listing a full sync reads from a 100k-record fake tenant and prints requests used
// against the floor: sum over listings of max(1, ceil(count / 1000)). Goal: ≤1.05x without
// faults, ≤1.2x with DEFAULT_FAULTS. Prints figures only; never asserts on them.

const SCALE = 100_000;
const PARALLEL = 4;

interface Listing {
  name: string;
  expected: number;
  open: (c: ItGlueClient) => PageStream;
}

function groupCount(rows: { attributes: Record<string, unknown> }[] | undefined, attr: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows ?? []) {
    const k = String(r.attributes[attr]);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function listingsOf(f: FakeItGlue): Listing[] {
  const d = f.dataset;
  const n = (k: keyof typeof d) => d[k]?.data.length ?? 0;
  const out: Listing[] = [
    { name: 'organizations', expected: n('organizations'), open: (c) => listOrganizations(c) },
    { name: 'configurations', expected: n('configurations'), open: (c) => listConfigurations(c, { includeInterfaces: true }) },
    { name: 'passwords', expected: n('passwords'), open: (c) => listPasswords(c) },
    { name: 'flexible_asset_types', expected: n('flexible_asset_types'), open: (c) => listFlexibleAssetTypes(c) },
    { name: 'contacts', expected: n('contacts'), open: (c) => listContacts(c) },
    { name: 'locations', expected: n('locations'), open: (c) => listLocations(c) },
    { name: 'domains', expected: n('domains'), open: (c) => listDomains(c) },
  ];
  const fields = groupCount(d.flexible_asset_fields?.data, 'flexible-asset-type-id');
  const assets = groupCount(d.flexible_assets?.data, 'flexible-asset-type-id');
  for (const t of d.flexible_asset_types?.data ?? []) {
    out.push({ name: 'flexible_asset_fields', expected: fields.get(t.id) ?? 0, open: (c) => listFlexibleAssetFields(c, t.id) });
    out.push({ name: 'flexible_assets', expected: assets.get(t.id) ?? 0, open: (c) => listFlexibleAssets(c, t.id) });
  }
  const docs = groupCount(d.documents?.data, 'organization-id');
  for (const o of d.organizations?.data ?? []) {
    out.push({ name: 'documents', expected: docs.get(o.id) ?? 0, open: (c) => listDocuments(c, o.id) });
  }
  const sections = groupCount(d.document_sections?.data, 'document-id');
  for (const doc of d.documents?.data ?? []) {
    out.push({ name: 'document_sections', expected: sections.get(doc.id) ?? 0, open: (c) => listDocumentSections(c, doc.id) });
  }
  return out;
}

async function run(label: string, faults: string): Promise<void> {
  const f = await startFakeItGlue({ scale: SCALE, rateLimit: 1e9, faults, retryAfter: false });
  try {
    const listings = listingsOf(f);
    const c = createItGlueClient({ baseUrl: f.url, apiKey: DEMO_API_KEY, concurrency: PARALLEL, budget: { requests: 1e9, windowMs: 300_000 }, backoffBaseMs: 50 });
    const floor = listings.reduce((s, l) => s + Math.max(1, Math.ceil(l.expected / 1000)), 0);
    const byName = new Map<string, { records: number; expected: number }>();
    let mismatches = 0;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let i = next++; i < listings.length; i = next++) {
          const l = listings[i];
          if (!l) break;
          let records = 0;
          for await (const p of l.open(c)) records += p.data.length;
          if (records !== l.expected) mismatches++;
          const agg = byName.get(l.name) ?? { records: 0, expected: 0 };
          agg.records += records;
          agg.expected += l.expected;
          byName.set(l.name, agg);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const used = c.requestCount();
    const stats = f.stats();
    console.log(`\n=== list-tenant: ${label} (scale ${SCALE}, ${listings.length} listings) ===`);
    console.table(Object.fromEntries([...byName].map(([k, v]) => [k, v])));
    console.log(
      `requests used ${used} | floor ${floor} | ratio ${(used / floor).toFixed(3)}x | server saw ${stats.requests} | faults ${JSON.stringify(stats.faults)} | ` +
        `listings with a wrong count ${mismatches} | ${seconds.toFixed(1)} s`,
    );
  } finally {
    await f.close();
  }
}

it('lists a 100k-record tenant: requests used vs the floor', async () => {
  await run('faults off', '');
  await run('DEFAULT_FAULTS', DEFAULT_FAULTS);
});
