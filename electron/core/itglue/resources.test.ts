import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItGlueClient, type ItGlueClient } from './client';
import { KeyRejectedError, NoPasswordAccessError, RequestRejectedError, toResultError } from './errors';
import { DEMO_API_KEY, DEMO_API_KEY_NO_PASSWORDS, startFakeItGlue, type FakeItGlue } from './fake/server';
import {
  getPassword,
  listConfigurations,
  listContacts,
  listDocuments,
  listDocumentSections,
  listDomains,
  listFlexibleAssetFields,
  listFlexibleAssets,
  listFlexibleAssetTypes,
  listIds,
  listLocations,
  listOrganizations,
  listPasswords,
  showWithRelated,
} from './resources';
import type { ItGlueResource, ListPage } from './schemas';

let fake: FakeItGlue;
let c: ItGlueClient;

beforeAll(async () => {
  fake = await startFakeItGlue({ rateLimit: 1e9 });
  c = createItGlueClient({ baseUrl: fake.url, apiKey: DEMO_API_KEY, backoffBaseMs: 5 });
});
afterAll(async () => {
  await fake.close();
});

async function all(gen: AsyncGenerator<ListPage>): Promise<ItGlueResource[]> {
  const out: ItGlueResource[] = [];
  for await (const p of gen) out.push(...p.data);
  return out;
}

function served(key: keyof FakeItGlue['dataset']): { id: string; attributes: Record<string, unknown> }[] {
  return fake.dataset[key]?.data ?? [];
}

describe('listings against the fake IT Glue', () => {
  it('lists every organization, contact, location and domain once', async () => {
    for (const [gen, key] of [
      [listOrganizations(c), 'organizations'],
      [listContacts(c), 'contacts'],
      [listLocations(c), 'locations'],
      [listDomains(c), 'domains'],
    ] as const) {
      const got = await all(gen);
      expect(got.map((r) => r.id).sort()).toEqual(served(key).map((r) => r.id).sort());
    }
  });

  it('an unknown filter is ignored by the server: the full set comes back', async () => {
    const got = await all(c.list('/contacts', { 'filter[no_such_field]': 'x' }));
    expect(got).toHaveLength(served('contacts').length);
  });

  it('scopes configurations to one organization and brings interfaces along', async () => {
    const orgId = served('organizations')[0]?.id ?? '';
    const pages: ListPage[] = [];
    for await (const p of listConfigurations(c, { orgId, includeInterfaces: true })) pages.push(p);
    const configs = pages.flatMap((p) => p.data);
    const expected = served('configurations').filter((r) => String(r.attributes['organization-id']) === orgId);
    expect(configs.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(pages.flatMap((p) => p.included).some((r) => r.type === 'configuration-interfaces')).toBe(true);
  });

  it('password lists carry no values; getPassword returns the value with Password Access', async () => {
    const list = await all(listPasswords(c));
    expect(list.length).toBe(served('passwords').length);
    expect(list.every((r) => !('password' in r.attributes))).toBe(true);
    const first = served('passwords')[0];
    const secret = await getPassword(c, first?.id ?? '');
    expect(secret.value).toBe(first?.attributes['password']);
    expect('password' in secret.attributes).toBe(false);
  });

  it('a key without Password Access gets NoPasswordAccess, a revoked key KeyRejected', async () => {
    const id = served('passwords')[0]?.id ?? '';
    const noPw = createItGlueClient({ baseUrl: fake.url, apiKey: DEMO_API_KEY_NO_PASSWORDS });
    await expect(getPassword(noPw, id)).rejects.toBeInstanceOf(NoPasswordAccessError);
    const revoked = createItGlueClient({ baseUrl: fake.url, apiKey: 'ITG.revoked' });
    await expect(getPassword(revoked, id)).rejects.toBeInstanceOf(KeyRejectedError);
  });

  it('flexible assets without the type filter are a clear 422; with it they list', async () => {
    let e: unknown = null;
    try {
      await all(c.list('/flexible_assets'));
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(RequestRejectedError);
    expect(toResultError(e).message).toContain('flexible-asset-type-id');
    const types = await all(listFlexibleAssetTypes(c));
    expect(types.length).toBeGreaterThan(0);
    let assets = 0;
    for (const t of types) {
      const fields = await all(listFlexibleAssetFields(c, t.id));
      expect(fields.length).toBeGreaterThan(0);
      const got = await all(listFlexibleAssets(c, t.id));
      expect(got.every((a) => String(a.attributes['flexible-asset-type-id']) === t.id)).toBe(true);
      assets += got.length;
    }
    expect(assets).toBe(served('flexible_assets').length);
  });

  it('lists documents per organization and their sections', async () => {
    const withDocs = new Set(served('documents').map((d) => String(d.attributes['organization-id'])));
    const orgId = [...withDocs][0] ?? '';
    const docs = await all(listDocuments(c, orgId));
    expect(docs.length).toBeGreaterThan(0);
    const sections = await all(listDocumentSections(c, docs[0]?.id ?? ''));
    expect(sections.length).toBeGreaterThan(0);
  });

  it('showWithRelated returns the related items of a configuration', async () => {
    const rel = served('related_items').find((r) => r.attributes['resource-type'] === 'Configuration');
    const id = String(rel?.attributes['resource-id'] ?? '');
    const got = await showWithRelated(c, 'configurations', id);
    expect(got.record.id).toBe(id);
    expect(got.related.length).toBeGreaterThan(0);
  });

  it('listIds returns exactly the ids the server has, after a deletion too', async () => {
    const before = await listIds(c, '/configurations');
    expect(before.sort()).toEqual(served('configurations').map((r) => r.id).sort());
    const gone = before[3] ?? '';
    fake.mutate.remove('configurations', gone);
    const after = await listIds(c, '/configurations');
    expect(after).toHaveLength(before.length - 1);
    expect(after).not.toContain(gone);
  });
});

describe('incremental listings', () => {
  it('configurations changed since a point come back, older pages are not fetched', async () => {
    const ids = served('configurations').slice(0, 3).map((r) => r.id);
    fake.mutate.update('configurations', ids[0] ?? '', { notes: 'changed 1' });
    const since = String(served('configurations').find((r) => r.id === ids[0])?.attributes['updated-at']);
    fake.mutate.update('configurations', ids[1] ?? '', { notes: 'changed 2' });
    fake.mutate.update('configurations', ids[2] ?? '', { notes: 'changed 3' });
    c.resetRequestCount();
    const got = await all(listConfigurations(c, { updatedSince: since, pageSize: 50 }));
    expect(got.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(c.requestCount()).toBe(1);
  });

  it('organizations use the week filter for a recent cursor and the sort path for an old one', async () => {
    const org = served('organizations')[1];
    fake.mutate.update('organizations', org?.id ?? '', { alert: 'moved office' });
    const stamp = Date.parse(String(served('organizations').find((r) => r.id === org?.id)?.attributes['updated-at']));
    const recent = await all(listOrganizations(c, { updatedSince: new Date(stamp - 1000).toISOString(), now: new Date(stamp + 60_000) }));
    expect(recent.map((r) => r.id)).toEqual([org?.id]);
    const sinceOld = stamp - 30 * 24 * 3600 * 1000;
    const old = await all(listOrganizations(c, { updatedSince: new Date(sinceOld).toISOString(), now: new Date(stamp + 60_000) }));
    const expected = served('organizations').filter((r) => Date.parse(String(r.attributes['updated-at'])) >= sinceOld);
    expect(old.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });
});
