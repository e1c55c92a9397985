import { afterEach, describe, expect, it } from 'vitest';
import type { RecordType } from '../../../shared/domain';
import { JSON_TYPE, type DatasetKey } from '../itglue/fake/dataset';
import { generateDemoTenant } from '../itglue/fake/generator';
import { runSync } from './run-sync';
import { FOLDERS_PER_LISTING } from './account-listings';
import { createRig, smallDemoTenant, TODAY, type SyncRig } from './test-helpers';

// Issue #18: a tenant as real accounts hold it — documents in nested folders (IT Glue lists only
// the root ones unless asked per folder), checklists with tasks, SSL certificates, IT Glue's own
// expirations, attachment metadata, vendor and inactive organizations — is synced completely.

const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});
async function rig(...args: Parameters<typeof createRig>): Promise<SyncRig> {
  const r = await createRig(...args);
  rigs.push(r);
  return r;
}
async function sync(r: SyncRig, full = false) {
  const res = await runSync({ store: r.temp.store, client: r.client, full });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

const liveIds = (r: SyncRig, type: RecordType): string[] =>
  r.temp.store.db
    .prepare<[string], { itglue_id: string }>('SELECT itglue_id FROM records WHERE type = ? AND deleted_at IS NULL ORDER BY CAST(itglue_id AS INTEGER)')
    .all(type)
    .map((x) => x.itglue_id);
const ids = (rows: { id: string }[] | undefined): string[] => (rows ?? []).map((x) => x.id).sort((a, b) => Number(a) - Number(b));

const EVERY: DatasetKey[] = [
  'organizations', 'configurations', 'configuration_interfaces', 'passwords', 'flexible_asset_types', 'flexible_asset_fields', 'flexible_assets', 'contacts', 'locations', 'domains',
  'documents', 'document_sections', 'document_folders', 'checklists', 'checklist_tasks', 'ssl_certificates', 'attachments',
];

/** Attachments the sync reads: those on the records it shows (configurations, flexible assets). */
const shownAttachments = (r: SyncRig) => r.fake.dataset.attachments?.data.filter((a) => ['Configuration', 'FlexibleAsset'].includes(String(a.attributes['resource-type'])));

describe('syncing the whole account', () => {
  it('holds every record the fake server has, foldered documents with their folder path, at the request floor', async () => {
    const r = await rig();
    const s = await sync(r, true);
    expect(s).toMatchObject({ status: 'ok', warnings: [] });
    const d = r.fake.dataset;
    for (const key of EVERY) {
      const expected = key === 'attachments' ? ids(shownAttachments(r)) : ids(d[key]?.data);
      expect(expected.length, key).toBeGreaterThan(0);
      expect(liveIds(r, JSON_TYPE[key] as RecordType), key).toEqual(expected);
    }
    const expirations = (await (await fetch(`${r.fake.url}/expirations?page[size]=1000`, { headers: { 'x-api-key': 'ITG.demo.glue-desk-demo-key' } })).json()) as { data: { id: string }[] };
    expect(liveIds(r, 'expirations')).toEqual(ids(expirations.data));

    // Most documents sit in (nested) folders; each keeps its folder and the folder's path.
    const db = r.temp.store.db;
    const nested = d.documents?.data.find((x) => x.attributes.name === 'Firewall change runbook');
    const doc = db.prepare<[string], { folder_id: number | null; attrs: string; body: string }>(
      "SELECT t.folder_id, r.attrs, r.body FROM records r JOIN documents t ON t.record_rowid = r.rowid WHERE r.type = 'documents' AND r.itglue_id = ?",
    ).get(nested?.id ?? '');
    expect(doc?.folder_id).toBe(nested?.attributes['document-folder-id']);
    expect(JSON.parse(doc?.attrs ?? '{}')['document-folder-path']).toBe('Runbooks / Network');
    expect(doc?.body).toContain('Runbooks / Network');
    // Organization types and statuses as IT Glue has them, vendors included.
    const kinds = db.prepare<[], { type_name: string; status_name: string; n: number }>('SELECT type_name, status_name, count(*) AS n FROM organizations GROUP BY 1, 2 ORDER BY 1, 2').all();
    expect(kinds).toContainEqual({ type_name: 'Vendor', status_name: 'Active', n: 2 });
    expect(kinds).toContainEqual({ type_name: 'Client', status_name: 'Inactive', n: 1 });

    // The request floor: one request per listing page (per organization its folder listing and
    // one documents listing: the fake, like the tenants reported, lists foldered documents for
    // `filter[document_folder_id]=null`, so no per-folder listing is needed), one per password
    // value, one show per configuration and flexible asset (their attachments ride along), one
    // sections listing per document; plus the probe.
    const pages = (n: number): number => Math.max(1, Math.ceil(n / 1000));
    const n = (key: DatasetKey): number => d[key]?.data.length ?? 0;
    const tenantWide = (['organizations', 'configurations', 'passwords', 'flexible_asset_types', 'contacts', 'locations', 'domains', 'ssl_certificates', 'checklists'] as const).reduce((a, k) => a + pages(n(k)), 0) + pages(expirations.data.length);
    const perScope = n('flexible_asset_types') * 2 + n('organizations') * 2;
    const floor = tenantWide + perScope + n('passwords') + n('configurations') + n('flexible_assets') + n('documents');
    const probe = 4;
    expect(s.requests).toBeLessThanOrEqual(Math.ceil((floor + probe) * 1.05));
  });

  it('follows adds, edits and deletions of foldered documents, checklists, tasks, certificates and attachments', async () => {
    const r = await rig();
    await sync(r, true);
    const d = r.fake.dataset;
    const org = d.organizations?.data[1];
    const network = d.document_folders?.data.find((f) => f.attributes.name === 'Network' && f.attributes['organization-id'] === Number(org?.id));
    const foldered = d.documents?.data.find((x) => x.attributes['document-folder-id'] !== null);
    const task = d.checklist_tasks?.data[0];
    const cert = d.ssl_certificates?.data[0];
    const attachment = shownAttachments(r)?.[0];
    const parent = d.configurations?.data.find((c) => c.id === String(attachment?.attributes['resource-id']));
    if (!org || !network || !foldered || !task || !cert || !attachment || !parent) throw new Error('demo tenant lacks the records this test needs');
    const added = r.fake.mutate.add('documents', { attributes: { name: 'VPN troubleshooting', 'organization-id': Number(org.id), 'document-folder-id': Number(network.id), archived: false } });
    r.fake.mutate.remove('documents', foldered.id);
    r.fake.mutate.remove('checklist-tasks', task.id);
    r.fake.mutate.update('checklists', String(task.attributes['checklist-id']), { completed: true });
    r.fake.mutate.remove('ssl-certificates', cert.id);
    r.fake.mutate.remove('attachments', attachment.id);
    r.fake.mutate.update('configurations', parent.id, { notes: 'Rack photo removed.' });

    const s = await sync(r);
    expect(s).toMatchObject({ kind: 'incremental', status: 'ok' });
    expect(liveIds(r, 'documents')).toContain(added);
    expect(liveIds(r, 'documents')).not.toContain(foldered.id);
    expect(liveIds(r, 'checklist-tasks')).not.toContain(task.id);
    expect(liveIds(r, 'ssl-certificates')).not.toContain(cert.id);
    expect(liveIds(r, 'attachments')).not.toContain(attachment.id);
    const stored = r.temp.store.db.prepare<[string], { attrs: string }>("SELECT attrs FROM records WHERE type = 'documents' AND itglue_id = ?").get(added);
    expect(JSON.parse(stored?.attrs ?? '{}')['document-folder-path']).toBe('Runbooks / Network');
    expect(liveIds(r, 'attachments').length).toBe((shownAttachments(r) ?? []).length);
  });

  it(`on a tenant that lists only root documents for =null, lists every folder's documents, ${FOLDERS_PER_LISTING} folder(s) a request, and keeps up when a folder is added`, async () => {
    const r = await rig({ dataset: smallDemoTenant(2), documentsNullFilter: 'root' });
    // Not the first organization: the probe asks for its documents once.
    const org = r.fake.dataset.organizations?.data[1];
    if (!org) throw new Error('demo tenant has no second organization');
    const orgId = Number(org.id);
    const folders: string[] = [];
    for (let i = 1; i <= 2 * FOLDERS_PER_LISTING + 20; i++) {
      folders.push(r.fake.mutate.add('document-folders', { attributes: { name: `Site ${i}`, 'organization-id': orgId, 'parent-id': null } }));
    }
    const inFolder = (i: number, name: string): string =>
      r.fake.mutate.add('documents', { attributes: { name, 'organization-id': orgId, 'document-folder-id': Number(folders[i]), archived: false } });
    const first = inFolder(0, 'Site 1 cabling');
    const middle = inFolder(FOLDERS_PER_LISTING + 5, 'Site 56 cabling');
    const last = inFolder(folders.length - 1, 'Site 120 cabling');
    r.fake.resetStats();
    await sync(r, true);
    expect(liveIds(r, 'documents')).toEqual(expect.arrayContaining([first, middle, last]));
    const folderCount = r.fake.dataset.document_folders?.data.filter((f) => f.attributes['organization-id'] === orgId).length ?? 0;
    // The =null listing (root documents only here) plus one per group of folders.
    expect(r.fake.stats().byPath[`/organizations/${orgId}/relationships/documents`]).toBe(1 + Math.ceil(folderCount / FOLDERS_PER_LISTING));

    // A folder added later forms a new group, read in full by the next (incremental) sync.
    const added = r.fake.mutate.add('document-folders', { attributes: { name: 'Site 121', 'organization-id': orgId, 'parent-id': null } });
    const moved = r.fake.mutate.add('documents', { attributes: { name: 'Site 121 cabling', 'organization-id': orgId, 'document-folder-id': Number(added), archived: false } });
    const s = await sync(r);
    expect(s).toMatchObject({ kind: 'incremental', status: 'ok' });
    expect(liveIds(r, 'documents')).toEqual(expect.arrayContaining([first, middle, last, moved]));
    const stored = r.temp.store.db.prepare<[string], { attrs: string }>("SELECT attrs FROM records WHERE type = 'documents' AND itglue_id = ?").get(moved);
    expect(JSON.parse(stored?.attrs ?? '{}')['document-folder-path']).toBe('Site 121');
  });

  it('skips resources an account does not have with a notice, not a failed sync', async () => {
    const { checklists: _c, checklist_tasks: _t, ...withoutChecklists } = generateDemoTenant({ today: TODAY });
    const r = await rig({ dataset: withoutChecklists });
    const s = await sync(r, true);
    expect(s.status).toBe('ok');
    expect(s.warnings.join('\n')).toMatch(/Checklists are not available .*HTTP 404/);
    expect(liveIds(r, 'documents').length).toBe(withoutChecklists.documents?.data.length);
  });
});
