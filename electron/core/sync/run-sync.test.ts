import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordType, SyncProgress } from '../../../shared/domain';
import { JSON_TYPE, type DatasetKey } from '../itglue/fake/dataset';
import { DEFAULT_FAULTS, DEMO_API_KEY_NO_PASSWORDS } from '../itglue/fake/server';
import { contentHash } from '../store/content-hash';
import { createReader } from '../store/reader';
import { revealSecret } from '../store/vault';
import { runSync } from './run-sync';
import { createRig, liveCount, smallDemoTenant, type SyncRig } from './test-helpers';

const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});
async function rig(...args: Parameters<typeof createRig>): Promise<SyncRig> {
  const r = await createRig(...args);
  rigs.push(r);
  return r;
}
async function sync(r: SyncRig, full = false, extra: { signal?: AbortSignal; onProgress?: (p: SyncProgress) => void } = {}) {
  const res = await runSync({ store: r.temp.store, client: r.client, full, ...extra });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

const SYNCED: DatasetKey[] = [
  'organizations', 'configurations', 'configuration_interfaces', 'passwords', 'flexible_asset_types', 'flexible_asset_fields', 'flexible_assets', 'contacts', 'locations', 'domains',
  'documents', 'document_sections', 'document_folders', 'checklists', 'checklist_tasks', 'ssl_certificates',
];

describe('runSync against the fake IT Glue server', () => {
  it('full sync stores every record, field, relation and password value of the tenant', async () => {
    const r = await rig();
    const events: SyncProgress[] = [];
    const summary = await sync(r, true, { onProgress: (p) => events.push(p) });
    expect(summary.status).toBe('ok');
    expect(summary.warnings).toEqual([]);
    const db = r.temp.store.db;
    for (const key of SYNCED) {
      const rows = r.fake.dataset[key]?.data ?? [];
      const type = JSON_TYPE[key] as RecordType;
      expect(liveCount(r, type), type).toBe(rows.length);
      for (const row of rows.slice(0, 20)) {
        const rec = createReader(r.temp.store).getRecord(type, row.id);
        expect(rec, `${type} ${row.id}`).not.toBeNull();
        expect(rec?.updatedAt).toBe(row.attributes['updated-at']);
        expect(rec?.archived).toBe(row.attributes.archived === true);
        expect(rec?.attrs).not.toHaveProperty('password');
      }
    }
    // Every related item became a relation from its source record.
    const related = r.fake.dataset.related_items?.data ?? [];
    const relations = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM relations WHERE source = 'detail'").get()?.n ?? 0;
    expect(relations).toBe(related.filter((x) => ['Configuration', 'FlexibleAsset'].includes(String(x.attributes['resource-type']))).length);
    // Password values decrypt through revealSecret, and only there.
    const passwords = r.fake.dataset.passwords?.data ?? [];
    expect(summary.passwordValues).toBe(passwords.length);
    for (const p of passwords.slice(0, 10)) {
      const v = revealSecret(r.temp.store, Number(p.id), 'cli', 'reveal');
      expect(v).toEqual({ ok: true, value: { value: p.attributes.password } });
    }
    // Progress: phases in order, requests counted, final 'done'.
    expect(events[0]?.phase).toBe('probe');
    expect(events.at(-1)?.phase).toBe('done');
    expect(events.some((e) => e.phase === 'list' && e.total !== null)).toBe(true);
    expect(events.at(-1)?.requestsUsed).toBe(summary.requests);
    // The encrypted file holds no plaintext secret, note or API key.
    r.temp.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(r.temp.file);
    for (const p of passwords.slice(0, 30)) expect(bytes.includes(Buffer.from(String(p.attributes.password)))).toBe(false);
    expect(bytes.includes(Buffer.from('Main Office'))).toBe(false);
    expect(bytes.includes(Buffer.from(DEMO_API_KEY_NO_PASSWORDS.slice(0, 12)))).toBe(false);
  });

  it('incremental sync picks up adds, updates, deletes and archives; no change costs about one request per listing', async () => {
    const r = await rig();
    await sync(r, true);
    const firstOrg = r.fake.dataset.organizations?.data[0];
    const config = r.fake.dataset.configurations?.data[3];
    const gone = r.fake.dataset.contacts?.data[1];
    const archived = r.fake.dataset.configurations?.data[5];
    const pw = r.fake.dataset.passwords?.data[2];
    if (!firstOrg || !config || !gone || !archived || !pw) throw new Error('demo tenant too small');
    const added = r.fake.mutate.add('configurations', { attributes: { name: 'NEW-SRV-99', 'organization-id': Number(firstOrg.id), hostname: 'new-srv-99', 'primary-ip': '10.99.0.9', archived: false } });
    r.fake.mutate.update('configurations', config.id, { name: 'RENAMED-CONFIG' });
    r.fake.mutate.remove('contacts', gone.id);
    r.fake.mutate.archive('configurations', archived.id);
    r.fake.mutate.update('passwords', pw.id, { password: 'n3w-Secret-value!' });

    const s = await sync(r);
    expect(s.kind).toBe('incremental');
    expect(s.status).toBe('ok');
    const reader = createReader(r.temp.store);
    expect(reader.getRecord('configurations', added)?.name).toBe('NEW-SRV-99');
    expect(reader.getRecord('configurations', config.id)?.name).toBe('RENAMED-CONFIG');
    expect(reader.getRecord('contacts', gone.id)?.deletedAt).not.toBeNull();
    expect(reader.getRecord('configurations', archived.id)).toMatchObject({ archived: true, deletedAt: null });
    expect(revealSecret(r.temp.store, Number(pw.id), 'cli', 'reveal')).toEqual({ ok: true, value: { value: 'n3w-Secret-value!' } });
    expect(s.counts.contacts.deleted).toBe(1);

    r.fake.resetStats();
    const quiet = await sync(r);
    // Tenant-wide: 7 + SSL certificates, expirations, checklists; per type: fields and assets;
    // per organization: folders and documents (the fake lists every document for
    // filter[document_folder_id]=null, so the first sync proved no per-folder listing is needed).
    const orgs = r.fake.dataset.organizations?.data.length ?? 0;
    const listings = 10 + (r.fake.dataset.flexible_asset_types?.data.length ?? 0) * 2 + orgs * 2;
    // One changes page + one id sweep per listing, nothing per record.
    expect(quiet.requests).toBeLessThanOrEqual(listings * 2 + 2);
    expect(quiet.counts.configurations.written).toBe(0);
  });

  it('ends with the same content under DEFAULT_FAULTS as without faults', async () => {
    // A few organizations keep every record type (checked below) at a fraction of the requests:
    // each slow fault holds a request for 2 s.
    const dataset = smallDemoTenant(3);
    const clean = await rig({ dataset });
    await sync(clean, true);
    for (const key of SYNCED) expect(liveCount(clean, JSON_TYPE[key] as RecordType), key).toBeGreaterThan(0);
    // Without Retry-After (as documented) the client's own short backoff paces the 429s.
    const faulty = await rig({ dataset, faults: DEFAULT_FAULTS, retryAfter: false });
    const s = await sync(faulty, true);
    expect(s.status).toBe('ok');
    const faults = faulty.fake.stats().faults;
    // Every kind of fault in the spec was actually served at least once.
    for (const kind of ['429', '500', '504', 'reset', 'slow', 'html', 'badjson']) expect(faults[kind] ?? 0, kind).toBeGreaterThan(0);
    expect(contentHash(faulty.temp.store)).toBe(contentHash(clean.temp.store));
  });

  it('picks up an interface changed without its configuration once the weekly full read of configurations is due', async () => {
    const r = await rig({ dataset: smallDemoTenant(2) });
    await sync(r, true);
    const iface = r.fake.dataset.configuration_interfaces?.data[0];
    if (!iface) throw new Error('no interface in the tenant');
    // The fake moves only the interface's updated-at, as IT Glue may do.
    r.fake.mutate.update('configuration-interfaces', iface.id, { 'ip-address': '10.77.7.7' });
    const week = 8 * 24 * 3600 * 1000;
    const res = await runSync({ store: r.temp.store, client: r.client, now: () => new Date(Date.now() + week) });
    expect(res.ok && res.value).toMatchObject({ kind: 'incremental', status: 'ok' });
    expect(createReader(r.temp.store).findByIp('10.77.7.7').map((h) => h.interfaceName)).toEqual([iface.attributes.name]);
  });

  it('without Password Access stores metadata only and says so', async () => {
    const r = await rig({}, DEMO_API_KEY_NO_PASSWORDS);
    const s = await sync(r, true);
    expect(s.status).toBe('ok');
    expect(s.passwordValues).toBe(0);
    expect(liveCount(r, 'passwords')).toBe(r.fake.dataset.passwords?.data.length);
    expect(s.warnings.join('\n')).toMatch(/no Password Access/);
    const first = r.fake.dataset.passwords?.data[0];
    const v = revealSecret(r.temp.store, Number(first?.id), 'cli', 'reveal');
    expect(v.ok).toBe(false);
  });

  it('refuses a second concurrent sync, and resumes a cancelled one to the same result', async () => {
    const r = await rig();
    const controller = new AbortController();
    let pages = 0;
    const first = runSync({
      store: r.temp.store,
      client: r.client,
      full: true,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'list' && ++pages === 3) controller.abort();
      },
    });
    const second = await runSync({ store: r.temp.store, client: r.client });
    expect(second.ok ? null : second.error.code).toBe('SYNC_RUNNING');
    const cancelled = await first;
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    expect(cancelled.ok && cancelled.value.error?.message).toMatch(/resume/);
    const resumed = await sync(r);
    expect(resumed).toMatchObject({ status: 'ok', resumed: true, kind: 'full' });
    const clean = await rig();
    await sync(clean, true);
    expect(contentHash(r.temp.store)).toBe(contentHash(clean.temp.store));
  });
});
