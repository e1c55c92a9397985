import type { RecordType } from '../../../shared/domain';
import { createItGlueClient, type ItGlueClient } from '../itglue/client';
import { DEMO_API_KEY, startFakeItGlue, type Dataset, type FakeItGlue, type FakeOptions, type FakeResource } from '../itglue/fake/server';
import { generateDemoTenant } from '../itglue/fake/generator';
import { createTempStore, type TempStore } from '../store/testing';

/** A fake tenant over HTTP and a real SQLCipher store in a temp dir, for sync tests. */
export interface SyncRig {
  fake: FakeItGlue;
  temp: TempStore;
  client: ItGlueClient;
  close(): Promise<void>;
}

export const TODAY = '2026-01-23';

export interface RigOptions {
  /** Requests in flight at once (default 6). */
  concurrency?: number;
}

export async function createRig(fakeOptions: FakeOptions = {}, apiKey = DEMO_API_KEY, rigOptions: RigOptions = {}): Promise<SyncRig> {
  const fake = await startFakeItGlue({ today: TODAY, ...fakeOptions });
  const temp = createTempStore();
  const client = createItGlueClient({
    baseUrl: fake.url,
    apiKey,
    backoffBaseMs: 5,
    budget: { requests: 100_000, windowMs: 300_000 },
    concurrency: rigOptions.concurrency ?? 6,
  });
  return {
    fake,
    temp,
    client,
    close: async () => {
      temp.cleanup();
      await fake.close();
    },
  };
}

export const liveCount = (rig: SyncRig, type: RecordType): number =>
  rig.temp.store.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM records WHERE type = ? AND deleted_at IS NULL').get(type)?.n ?? 0;

const num = (r: FakeResource, key: string): number | null => {
  const v = r.attributes[key];
  return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;
};

/**
 * The demo tenant cut down to its first `orgs` organizations (every child follows its parent;
 * tenant-wide types stay whole), for tests whose cost grows with the request count, such as
 * the fault test, where each slow answer takes seconds.
 */
export function smallDemoTenant(orgs: number): Dataset {
  const d = generateDemoTenant({ today: TODAY });
  const keepOrgs = new Set((d.organizations?.data ?? []).slice(0, orgs).map((o) => Number(o.id)));
  const byOrg = (rows: FakeResource[] | undefined): FakeResource[] => (rows ?? []).filter((r) => keepOrgs.has(num(r, 'organization-id') ?? -1));
  const out: Dataset = { ...d };
  out.organizations = { data: (d.organizations?.data ?? []).filter((o) => keepOrgs.has(Number(o.id))) };
  for (const key of ['configurations', 'passwords', 'flexible_assets', 'contacts', 'locations', 'domains', 'documents', 'ssl_certificates'] as const) {
    if (d[key]) out[key] = { data: byOrg(d[key]?.data) };
  }
  const ids = (rows: FakeResource[] | undefined): Set<number> => new Set((rows ?? []).map((r) => Number(r.id)));
  const configs = ids(out.configurations?.data);
  const docs = ids(out.documents?.data);
  const assets = ids(out.flexible_assets?.data);
  out.configuration_interfaces = { data: (d.configuration_interfaces?.data ?? []).filter((i) => configs.has(num(i, 'configuration-id') ?? -1)) };
  if (d.document_sections) out.document_sections = { data: d.document_sections.data.filter((s) => docs.has(num(s, 'document-id') ?? -1)) };
  const source: Record<string, Set<number>> = { Configuration: configs, FlexibleAsset: assets, Document: docs };
  out.related_items = { data: (d.related_items?.data ?? []).filter((r) => source[String(r.attributes['resource-type'])]?.has(num(r, 'resource-id') ?? -1) ?? true) };
  return out;
}
