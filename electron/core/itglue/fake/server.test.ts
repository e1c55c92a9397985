import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_API_KEY, DEMO_API_KEY_NO_PASSWORDS, startFakeItGlue, writeDataset, type Dataset, type FakeItGlue, type FakeResource } from './server';
import { generateDemoTenant } from './generator';

interface Doc {
  data: Item[] | Item;
  included?: Item[];
  meta: Record<string, unknown>;
  links: Record<string, string>;
  errors?: Array<{ status: string; title: string; detail: string }>;
}
interface Item {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: Array<{ type: string; id: string }> }>;
}

async function get(base: string, path: string, key: string | null = DEMO_API_KEY): Promise<{ status: number; headers: Headers; doc: Doc }> {
  const res = await fetch(`${base}${path}`, { headers: key === null ? {} : { 'x-api-key': key } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, doc: JSON.parse(text) as Doc };
}
const list = (doc: Doc): Item[] => (Array.isArray(doc.data) ? doc.data : []);
const one = (doc: Doc): Item => {
  if (Array.isArray(doc.data)) throw new Error('expected a single resource');
  return doc.data;
};

/** A hand-made tenant: 2,500 configurations in two orgs, with duplicate names for sort ties. */
function bigConfigTenant(): Dataset {
  const orgs: FakeResource[] = [1, 2].map((id) => ({ id: String(id), type: 'organizations', attributes: { name: `Org ${id}`, 'updated-at': '2026-01-01T00:00:00.000Z' } }));
  const configs: FakeResource[] = [];
  for (let i = 1; i <= 2500; i++) {
    configs.push({
      id: String(5000 + i),
      type: 'configurations',
      attributes: { name: `host-${i % 100}`, 'organization-id': (i % 2) + 1, 'updated-at': `2026-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z` },
    });
  }
  return { organizations: { data: orgs }, configurations: { data: configs } };
}

describe('fake IT Glue server: demo tenant', () => {
  let fake: FakeItGlue;
  beforeAll(async () => {
    fake = await startFakeItGlue({ today: '2026-01-23' });
  });
  afterAll(() => fake.close());

  it('answers a JSON:API page with meta, links and the right content type', async () => {
    const { status, headers, doc } = await get(fake.url, '/organizations?page[size]=5');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/vnd.api+json');
    expect(list(doc)).toHaveLength(5);
    expect(doc.meta).toMatchObject({ 'current-page': 1, 'next-page': 2, 'prev-page': null, 'total-count': 17, 'total-pages': 4 });
    expect(doc.links.next).toContain('page%5Bnumber%5D=2');
    const org = list(doc)[0];
    expect(typeof org?.id).toBe('string');
    expect(org?.attributes['ancestor-ids']).toMatch(/^\[[\d,]*\]$/);
    expect(org?.attributes['resource-url']).toBe(`https://demo.itglue.com/${org?.id}`);
    expect(org?.attributes['updated-at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(org?.attributes).toHaveProperty('parent-id');
  });

  it('rejects a bad or missing key with 401 and a JSON:API error', async () => {
    for (const key of ['ITG.wrong', null]) {
      const { status, doc } = await get(fake.url, '/organizations', key);
      expect(status).toBe(401);
      expect(doc.errors?.[0]?.status).toBe('401');
    }
  });

  it('answers 404 "Record not found" for unknown paths and ids', async () => {
    for (const path of ['/nope', '/configurations/999999999', '/organizations/1/relationships/nope', '/organizations/42/relationships/configurations']) {
      const { status, doc } = await get(fake.url, path);
      expect(status, path).toBe(404);
      expect(doc.errors?.[0]).toMatchObject({ status: '404', title: 'Record not found' });
    }
  });

  it('requires filter[flexible-asset-type-id] on /flexible_assets', async () => {
    const bad = await get(fake.url, '/flexible_assets');
    expect(bad.status).toBe(422);
    expect(bad.doc.errors?.[0]?.detail).toContain('filter[flexible-asset-type-id]');
    const types = list((await get(fake.url, '/flexible_asset_types')).doc);
    const backup = types.find((t) => t.attributes.name === 'Backup');
    expect(backup).toBeDefined();
    const ok = await get(fake.url, `/flexible_assets?filter[flexible-asset-type-id]=${backup?.id}&page[size]=1000`);
    expect(ok.status).toBe(200);
    const assets = list(ok.doc);
    expect(assets.length).toBeGreaterThan(3);
    expect(assets.every((a) => a.attributes['flexible-asset-type-id'] === Number(backup?.id))).toBe(true);
    const fields = list((await get(fake.url, `/flexible_asset_types/${backup?.id}/relationships/flexible_asset_fields`)).doc);
    expect(fields.map((f) => f.attributes.kind)).toEqual(expect.arrayContaining(['Tag', 'Password', 'Number', 'Date', 'Checkbox']));
  });

  it('never lists password values; show has the value only for a key with password access', async () => {
    const all = list((await get(fake.url, '/passwords?page[size]=1000')).doc);
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((p) => 'password' in p.attributes)).toBe(false);
    const first = all[0];
    const shown = one((await get(fake.url, `/passwords/${first?.id}`)).doc);
    expect(typeof shown.attributes.password).toBe('string');
    expect(String(shown.attributes.password).length).toBeGreaterThanOrEqual(16);
    const denied = await get(fake.url, `/passwords/${first?.id}`, DEMO_API_KEY_NO_PASSWORDS);
    expect(denied.status).toBe(200);
    expect(one(denied.doc).attributes).not.toHaveProperty('password');
    expect(one(denied.doc).attributes.name).toBe(first?.attributes.name);
    const notAsked = one((await get(fake.url, `/passwords/${first?.id}?show_password=false`)).doc);
    expect(notAsked.attributes).not.toHaveProperty('password');
  });

  it('ignores unknown filters, filters names exactly (escaped commas) and by organization either spelling', async () => {
    const everything = await get(fake.url, '/organizations?filter[favourite_colour]=blue');
    expect(everything.doc.meta['total-count']).toBe(17);
    const acme = list((await get(fake.url, `/organizations?filter[name]=${encodeURIComponent('Acme Dental')}`)).doc);
    expect(acme.map((o) => o.attributes.name)).toEqual(['Acme Dental']);
    const none = await get(fake.url, '/organizations?filter[name]=Acme');
    expect(none.doc.meta['total-count']).toBe(0);
    const two = list((await get(fake.url, `/organizations?filter[name]=${encodeURIComponent('Acme Dental,Acme Corp')}`)).doc);
    expect(two).toHaveLength(2);
    const escaped = await get(fake.url, `/organizations?filter[name]=${encodeURIComponent('Acme Dental\\,Acme Corp')}`);
    expect(escaped.doc.meta['total-count']).toBe(0);
    const orgId = acme[0]?.id;
    const a = await get(fake.url, `/configurations?filter[organization_id]=${orgId}&page[size]=1000`);
    const b = await get(fake.url, `/configurations?filter[organization-id]=${orgId}&page[size]=1000`);
    const nested = await get(fake.url, `/organizations/${orgId}/relationships/configurations?page[size]=1000`);
    expect(list(a.doc).length).toBeGreaterThan(10);
    expect(list(a.doc).map((c) => c.id)).toEqual(list(b.doc).map((c) => c.id));
    expect(list(nested.doc).map((c) => c.id)).toEqual(list(a.doc).map((c) => c.id));
    expect(list(a.doc).every((c) => c.attributes['organization-id'] === Number(orgId))).toBe(true);
  });

  it('serves configuration interfaces through include on lists and shows; related items only on shows', async () => {
    const page = await get(fake.url, '/configurations?page[size]=20&include=configuration_interfaces');
    const configs = list(page.doc);
    const included = page.doc.included ?? [];
    expect(included.length).toBeGreaterThanOrEqual(20);
    for (const c of configs) {
      const ids = c.relationships?.['configuration-interfaces']?.data.map((d) => d.id) ?? [];
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(included.find((i) => i.id === id)?.attributes['configuration-id']).toBe(Number(c.id));
    }
    const noRelated = await get(fake.url, '/configurations?page[size]=5&include=related_items');
    expect(noRelated.doc.included).toEqual([]);

    const fw = list((await get(fake.url, `/configurations?filter[name]=ACMD-FW01`)).doc)[0];
    const show = await get(fake.url, `/configurations/${fw?.id}?include=configuration_interfaces,related_items,passwords`);
    const inc = show.doc.included ?? [];
    const itfs = inc.filter((i) => i.type === 'configuration-interfaces');
    expect(itfs.map((i) => i.attributes.name).sort()).toEqual(['internal', 'wan1']);
    expect(inc.filter((i) => i.type === 'passwords').map((p) => p.attributes.name)).toContain('Firewall Admin');
    expect(inc.filter((i) => i.type === 'passwords').some((p) => 'password' in p.attributes)).toBe(false);
    const nested = list((await get(fake.url, `/configurations/${fw?.id}/relationships/configuration_interfaces`)).doc);
    expect(nested.map((i) => i.id).sort()).toEqual(itfs.map((i) => i.id).sort());

    // A workstation depends on a switch, which depends on the firewall.
    const acmeConfigs = list((await get(fake.url, `/configurations?page[size]=1000&filter[organization_id]=${fw?.attributes['organization-id']}`)).doc);
    const ws = acmeConfigs.find((c) => c.attributes['configuration-type-name'] === 'Workstation' || c.attributes['configuration-type-name'] === 'Laptop');
    const wsRel = (await get(fake.url, `/configurations/${ws?.id}?include=related_items`)).doc.included ?? [];
    const sw = wsRel.find((r) => r.attributes['destination-type'] === 'Configuration');
    expect(sw?.attributes['destination-name']).toMatch(/^ACMD-SW0\d$/);
    const swRel = (await get(fake.url, `/configurations/${sw?.attributes['destination-id']}?include=related_items`)).doc.included ?? [];
    expect(swRel.map((r) => r.attributes['destination-name'])).toContain('ACMD-FW01');
  });

  it('serves documents with sections, domains and derived expirations', async () => {
    const org = list((await get(fake.url, `/organizations?filter[name]=${encodeURIComponent('Acme Dental')}`)).doc)[0];
    const docs = list((await get(fake.url, `/organizations/${org?.id}/relationships/documents`)).doc);
    expect(docs.map((d) => d.attributes.name)).toContain('Acme Dental onboarding');
    const restore = fake.dataset.documents?.data.find((d) => d.attributes.name === 'Restore backups' && d.attributes['organization-id'] === Number(org?.id));
    expect(restore).toBeDefined();
    const sections = list((await get(fake.url, `/documents/${restore?.id}/relationships/sections`)).doc);
    expect(sections.map((s) => s.attributes['resource-type'])).toEqual(expect.arrayContaining(['Document::Heading', 'Document::Text', 'Document::Step']));
    expect(one((await get(fake.url, `/documents/${restore?.id}`)).doc).attributes.name).toBe('Restore backups');
    const exp = list((await get(fake.url, '/expirations?page[size]=1000')).doc);
    const domains = list((await get(fake.url, '/domains?page[size]=1000')).doc);
    expect(exp.filter((e) => e.attributes['resource-type-name'] === 'Domain')).toHaveLength(domains.length);
    expect(exp.some((e) => e.attributes['resource-type-name'] === 'Configuration')).toBe(true);
    const certs = list((await get(fake.url, '/ssl_certificates?page[size]=1000')).doc);
    expect(certs.length).toBeGreaterThan(0);
    expect(exp.filter((e) => e.attributes['resource-type-name'] === 'SslCertificate')).toHaveLength(certs.length);
  });

  it('lists only root-level documents unless filter[document_folder_id] names folders, which may nest', async () => {
    const org = list((await get(fake.url, `/organizations?filter[name]=${encodeURIComponent('Acme Dental')}`)).doc)[0];
    const folders = list((await get(fake.url, `/organizations/${org?.id}/relationships/document_folders?page[size]=1000`)).doc);
    const runbooks = folders.find((f) => f.attributes.name === 'Runbooks');
    const network = folders.find((f) => f.attributes.name === 'Network');
    expect(network?.attributes['parent-id']).toBe(Number(runbooks?.id));
    const root = list((await get(fake.url, `/organizations/${org?.id}/relationships/documents`)).doc);
    expect(root.every((d) => d.attributes['document-folder-id'] === null)).toBe(true);
    const inNetwork = list((await get(fake.url, `/organizations/${org?.id}/relationships/documents?filter[document_folder_id]=${network?.id}`)).doc);
    expect(inNetwork.map((d) => d.attributes.name)).toEqual(['Firewall change runbook']);
    // Several folders in one filter, comma-separated.
    const ids = folders.map((f) => f.id).join(',');
    const foldered = list((await get(fake.url, `/organizations/${org?.id}/relationships/documents?filter[document_folder_id]=${ids}`)).doc);
    const all = (fake.dataset.documents?.data ?? []).filter((d) => d.attributes['organization-id'] === Number(org?.id));
    expect(root.length + foldered.length).toBe(all.length);
  });

  it('lists every document of an organization for filter[document_folder_id]=null by default, only the root ones with documentsNullFilter root', async () => {
    const org = list((await get(fake.url, `/organizations?filter[name]=${encodeURIComponent('Acme Dental')}`)).doc)[0];
    const path = `/organizations/${org?.id}/relationships/documents?filter[document_folder_id]=null&page[size]=1000`;
    const all = (fake.dataset.documents?.data ?? []).filter((d) => d.attributes['organization-id'] === Number(org?.id));
    const rootIds = all.filter((d) => d.attributes['document-folder-id'] === null).map((d) => d.id).sort();
    expect(rootIds.length).toBeGreaterThan(0);
    expect(rootIds.length).toBeLessThan(all.length);
    const everything = list((await get(fake.url, path)).doc);
    expect(everything.map((d) => d.id).sort()).toEqual(all.map((d) => d.id).sort());

    const rootOnly = await startFakeItGlue({ dataset: fake.dataset, documentsNullFilter: 'root' });
    try {
      const root = list((await get(rootOnly.url, path)).doc);
      expect(root.map((d) => d.id).sort()).toEqual(rootIds);
    } finally {
      await rootOnly.close();
    }
    await expect(startFakeItGlue({ dataset: fake.dataset, documentsNullFilter: 'none' as never })).rejects.toThrow(/'all' or 'root'/);
  });

  it('serves checklists with their tasks included, and attachment metadata on shows and per record', async () => {
    const page = (await get(fake.url, '/checklists?page[size]=5&include=checklist_tasks')).doc;
    const first = list(page)[0];
    const tasks = (page.included ?? []).filter((t) => t.attributes['checklist-id'] === Number(first?.id));
    expect(tasks.length).toBeGreaterThan(0);
    const config = list((await get(fake.url, '/configurations?page[size]=1000')).doc).find((c) => String(c.attributes.name).endsWith('-FW01'));
    const shown = (await get(fake.url, `/configurations/${config?.id}?include=related_items,attachments`)).doc.included ?? [];
    const attachments = shown.filter((x) => x.type === 'attachments');
    expect(attachments.map((a) => a.attributes['attachment-file-name'])).toEqual([`${String(config?.attributes.name)}-rack.jpg`]);
    const listed = list((await get(fake.url, `/configurations/${config?.id}/relationships/attachments`)).doc);
    expect(listed.map((a) => a.id)).toEqual(attachments.map((a) => a.id));
  });

  it('applies filter[updated_at] ranges on organizations only, with the documented 422s', async () => {
    const msg = 'date range filter cannot be longer than a week, and cannot start with a wildcard';
    const star = await get(fake.url, `/organizations?filter[updated_at]=${encodeURIComponent('*,2026-01-20T00:00:00.000Z')}`);
    expect(star.status).toBe(422);
    expect(star.doc.errors?.[0]?.detail).toBe(msg);
    const long = await get(fake.url, `/organizations?filter[updated_at]=${encodeURIComponent('2026-01-01T00:00:00.000Z,2026-01-09T00:00:00.000Z')}`);
    expect(long.status).toBe(422);
    const from = '2026-01-16T00:00:00.000Z';
    const to = '2026-01-23T00:00:00.000Z';
    const week = await get(fake.url, `/organizations?page[size]=1000&filter[updated_at]=${encodeURIComponent(`${from},${to}`)}`);
    expect(week.status).toBe(200);
    const all = list((await get(fake.url, '/organizations?page[size]=1000')).doc);
    const expected = all.filter((o) => String(o.attributes['updated-at']) >= from && String(o.attributes['updated-at']) <= to).map((o) => o.id);
    expect(list(week.doc).map((o) => o.id)).toEqual(expected);
    const ignored = await get(fake.url, `/contacts?filter[updated_at]=${encodeURIComponent('*,x')}`);
    expect(ignored.status).toBe(200);
  });

  it('supports sparse fieldsets for cheap id sweeps', async () => {
    const page = list((await get(fake.url, '/configurations?page[size]=10&fields[configurations]=name')).doc);
    expect(page).toHaveLength(10);
    for (const c of page) expect(Object.keys(c.attributes)).toEqual(['name']);
    const ids = list((await get(fake.url, '/passwords?page[size]=3&fields[passwords]=id')).doc);
    for (const p of ids) expect(p.attributes).toEqual({});
  });
});

describe('fake IT Glue server: paging, sorting and mutations on a 2,500-record tenant', () => {
  let fake: FakeItGlue;
  beforeAll(async () => {
    fake = await startFakeItGlue({ dataset: bigConfigTenant() });
  });
  afterAll(() => fake.close());

  async function pageAll(path: string, size: number, viaLinks: boolean): Promise<Item[]> {
    const out: Item[] = [];
    let next: string | null = `${fake.url}${path}${path.includes('?') ? '&' : '?'}page[size]=${size}&page[number]=1`;
    for (let guard = 0; next && guard < 1000; guard++) {
      const res: Response = await fetch(next, { headers: { 'x-api-key': DEMO_API_KEY } });
      const doc = (await res.json()) as Doc;
      out.push(...list(doc));
      if (viaLinks) next = doc.links.next ?? null;
      else next = doc.meta['next-page'] === null ? null : `${fake.url}${path}${path.includes('?') ? '&' : '?'}page[size]=${size}&page[number]=${String(doc.meta['next-page'])}`;
    }
    return out;
  }

  it('returns every id exactly once with page[size] 1000 and 37', async () => {
    for (const [size, viaLinks] of [[1000, true], [37, false]] as const) {
      const items = await pageAll('/configurations', size, viaLinks);
      expect(items).toHaveLength(2500);
      expect(new Set(items.map((i) => i.id)).size).toBe(2500);
    }
    const last = await get(fake.url, '/configurations?page[size]=37&page[number]=68');
    expect(last.doc.meta).toMatchObject({ 'current-page': 68, 'next-page': null, 'total-pages': 68, 'total-count': 2500 });
    expect(list(last.doc)).toHaveLength(2500 - 67 * 37);
    expect(last.doc.links.next).toBeUndefined();
    const capped = await get(fake.url, '/configurations?page[size]=5000');
    expect(list(capped.doc)).toHaveLength(1000);
  });

  it('sorts stably (ties by id) so paging a sorted list neither skips nor repeats', async () => {
    for (const sort of ['name', '-name', 'updated_at', '-updated_at']) {
      const items = await pageAll(`/configurations?sort=${sort}`, 37, true);
      expect(new Set(items.map((i) => i.id)).size).toBe(2500);
      const attr = sort.includes('name') ? 'name' : 'updated-at';
      const desc = sort.startsWith('-');
      for (let i = 1; i < items.length; i++) {
        const a = items[i - 1];
        const b = items[i];
        if (!a || !b) continue;
        const x = String(a.attributes[attr]);
        const y = String(b.attributes[attr]);
        if (x === y) expect(Number(a.id)).toBeLessThan(Number(b.id));
        else expect(desc ? x > y : x < y).toBe(true);
      }
    }
    expect((await get(fake.url, '/configurations?sort=colour')).status).toBe(400);
  });

  it('filters by a comma list of ids for deletion sweeps', async () => {
    const { doc } = await get(fake.url, '/configurations?filter[id]=5001,5002,99&fields[configurations]=id');
    expect(list(doc).map((c) => c.id)).toEqual(['5001', '5002']);
  });

  it('mutation hooks change listings and bump updated-at strictly', async () => {
    const id = fake.mutate.add('configurations', { attributes: { name: 'NEW-HOST', 'organization-id': 1 } });
    const added = one((await get(fake.url, `/configurations/${id}`)).doc);
    expect(added.attributes.name).toBe('NEW-HOST');
    const t1 = String(added.attributes['updated-at']);
    const newest = list((await get(fake.url, '/configurations?sort=-updated_at&page[size]=1')).doc)[0];
    expect(newest?.id).toBe(id);

    fake.mutate.update('configurations', '5001', { name: 'RENAMED' });
    const renamed = one((await get(fake.url, '/configurations/5001')).doc);
    expect(renamed.attributes.name).toBe('RENAMED');
    expect(String(renamed.attributes['updated-at']) > t1).toBe(true);
    expect(list((await get(fake.url, '/configurations?filter[name]=RENAMED')).doc).map((c) => c.id)).toEqual(['5001']);

    fake.mutate.archive('configurations', '5002');
    const archived = one((await get(fake.url, '/configurations/5002')).doc);
    expect(archived.attributes.archived).toBe(true);
    expect(String(archived.attributes['updated-at']) > String(renamed.attributes['updated-at'])).toBe(true);

    fake.mutate.remove('configurations', '5003');
    expect((await get(fake.url, '/configurations/5003')).status).toBe(404);
    const all = await get(fake.url, '/configurations?page[size]=1');
    expect(all.doc.meta['total-count']).toBe(2500);
    expect(fake.dataset.configurations?.data.some((c) => c.id === '5003')).toBe(false);

    fake.mutate.update('organizations', '1', { name: 'Org One' });
    const since = new Date(Date.now() - 60_000).toISOString();
    const changed = list((await get(fake.url, `/organizations?filter[updated_at]=${encodeURIComponent(`${since},*`)}`)).doc);
    expect(changed.map((o) => o.id)).toEqual(['1']);
    expect(() => fake.mutate.update('configurations', '1', {})).toThrow(/does not exist/);
  });

  it('counts requests per path', async () => {
    fake.resetStats();
    await get(fake.url, '/organizations');
    await get(fake.url, '/organizations');
    await get(fake.url, '/configurations/5001');
    expect(fake.stats()).toMatchObject({ requests: 3, byPath: { '/organizations': 2, '/configurations/5001': 1 }, rateLimited: 0 });
  });
});

describe('fake IT Glue server: options', () => {
  it('rate-limits per key with and without Retry-After', async () => {
    for (const retryAfter of [true, false]) {
      const fake = await startFakeItGlue({ dataset: bigConfigTenant(), rateLimit: 5, windowS: 60, retryAfter });
      try {
        const statuses: number[] = [];
        let header: string | null = null;
        for (let i = 0; i < 7; i++) {
          const r = await get(fake.url, '/organizations');
          statuses.push(r.status);
          if (r.status === 429) header = r.headers.get('retry-after');
        }
        expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
        if (retryAfter) expect(Number(header)).toBeGreaterThanOrEqual(1);
        else expect(header).toBeNull();
        // Another key has its own budget.
        expect((await get(fake.url, '/organizations', DEMO_API_KEY_NO_PASSWORDS)).status).toBe(200);
        expect(fake.stats().rateLimited).toBe(2);
      } finally {
        await fake.close();
      }
    }
  });

  it('can reject keys with 403 and accept custom keys', async () => {
    const fake = await startFakeItGlue({ dataset: bigConfigTenant(), rejectStatus: 403, keys: { 'ITG.custom': { passwordAccess: false } } });
    try {
      expect((await get(fake.url, '/organizations', DEMO_API_KEY)).status).toBe(403);
      expect((await get(fake.url, '/organizations', 'ITG.custom')).status).toBe(200);
    } finally {
      await fake.close();
    }
  });

  it('answers 404 on documents routes for a tenant saved without documents.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-itglue-'));
    try {
      const demo = generateDemoTenant({ today: '2026-01-23' });
      const { documents: _docs, document_sections: _sections, ...older } = demo;
      await writeDataset(older, dir);
      const fake = await startFakeItGlue({ dataset: dir });
      try {
        const orgId = demo.organizations?.data[1]?.id;
        const docId = demo.documents?.data[0]?.id;
        expect((await get(fake.url, `/organizations/${orgId}/relationships/documents`)).status).toBe(404);
        expect((await get(fake.url, `/documents/${docId}`)).status).toBe(404);
        expect((await get(fake.url, `/documents/${docId}/relationships/sections`)).status).toBe(404);
        expect((await get(fake.url, `/organizations/${orgId}/relationships/configurations`)).status).toBe(200);
      } finally {
        await fake.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
