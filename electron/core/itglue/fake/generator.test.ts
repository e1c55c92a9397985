import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countRecords, loadDataset, serializeDocument, writeDataset, DATASET_FILES, type Dataset, type FakeResource } from './dataset';
import { generateDemoTenant } from './generator';
import { HTML_INJECTION, PROMPT_INJECTION } from './catalog';

const TODAY = '2026-01-23';
const bytes = (d: Dataset): string => DATASET_FILES.map((k) => serializeDocument(d[k] ?? { data: [] })).join('');
const data = (d: Dataset, key: (typeof DATASET_FILES)[number]): FakeResource[] => d[key]?.data ?? [];

describe('demo tenant generator', () => {
  const demo = generateDemoTenant({ today: TODAY });
  const orgs = data(demo, 'organizations');
  const orgName = (id: unknown): string => String(orgs.find((o) => o.id === String(id))?.attributes.name);

  it('is deterministic: same seed → byte-identical JSON; another seed differs', () => {
    expect(bytes(generateDemoTenant({ today: TODAY }))).toBe(bytes(demo));
    expect(bytes(generateDemoTenant({ today: TODAY, seed: 2 }))).not.toBe(bytes(demo));
  });

  it('has confusable client names, an internal MSP org and a child org', () => {
    const names = orgs.map((o) => o.attributes.name);
    expect(names).toEqual(expect.arrayContaining(['Acme Dental', 'Acme Corp', 'Harbor Freight Logistics', 'Harbor Health']));
    expect(orgs.filter((o) => o.attributes['organization-type-name'] === 'Internal')).toHaveLength(1);
    const child = orgs.find((o) => o.attributes['parent-id'] !== null);
    expect(child?.attributes['ancestor-ids']).toBe(`[${String(child?.attributes['parent-id'])}]`);
    expect(orgs.length).toBeGreaterThanOrEqual(13);
  });

  it('repeats LAN subnets across orgs and gives every device a primary interface', () => {
    const fwLan = data(demo, 'configuration_interfaces').filter((i) => i.attributes.primary === true && String(i.attributes['ip-address']).endsWith('.1'));
    const subnets = new Map<string, number>();
    for (const i of fwLan) {
      const net = String(i.attributes['ip-address']).replace(/\.1$/, '');
      subnets.set(net, (subnets.get(net) ?? 0) + 1);
    }
    expect(subnets.get('192.168.1')).toBeGreaterThanOrEqual(2);
    const withPrimary = new Set(data(demo, 'configuration_interfaces').filter((i) => i.attributes.primary === true).map((i) => String(i.attributes['configuration-id'])));
    expect(data(demo, 'configurations').every((c) => withPrimary.has(c.id))).toBe(true);
    // Vendors document no servers of their own.
    const clients = orgs.filter((o) => o.attributes['organization-type-name'] !== 'Vendor');
    expect(data(demo, 'configurations').filter((c) => c.attributes.hostname === 'SRV-DC01').length).toBe(clients.length);
  });

  it('has expired and soon-expiring warranties and domains', () => {
    const soon = (d: string): boolean => d > TODAY && d <= '2026-02-22';
    const warranties = data(demo, 'configurations').map((c) => String(c.attributes['warranty-expires-at']));
    expect(warranties.some((d) => d < TODAY)).toBe(true);
    expect(warranties.some(soon)).toBe(true);
    const domains = data(demo, 'domains').map((d) => String(d.attributes['expires-on']));
    expect(domains.some((d) => d < TODAY)).toBe(true);
    expect(domains.some(soon)).toBe(true);
    expect(domains.some((d) => d > '2026-03-01')).toBe(true);
  });

  it('leaves Backup gaps, and Backup assets hold tags and password ids', () => {
    const types = data(demo, 'flexible_asset_types');
    expect(types.map((t) => t.attributes.name)).toEqual(['Network Overview', 'Backup', 'Email', 'Active Directory', 'LAN', 'Wireless']);
    const backupType = types.find((t) => t.attributes.name === 'Backup')?.id;
    const backups = data(demo, 'flexible_assets').filter((a) => String(a.attributes['flexible-asset-type-id']) === backupType);
    const withBackup = new Set(backups.map((a) => a.attributes['organization-id']));
    expect(withBackup.size).toBeGreaterThan(3);
    expect(withBackup.size).toBeLessThan(orgs.length);
    const traits = backups[0]?.attributes.traits as Record<string, unknown>;
    expect(traits['backup-server']).toMatchObject({ type: 'Configurations', values: expect.any(Array) });
    const pw = data(demo, 'passwords').find((p) => p.id === String(traits['console-credentials']));
    expect(pw?.attributes.name).toBe('Backup Console');
  });

  it('has passwords with realistic names and values, and injection text in free-text fields', () => {
    const names = new Set(data(demo, 'passwords').map((p) => p.attributes.name));
    for (const n of ['Domain Admin', 'Firewall Admin', 'Wi-Fi (Staff)', 'Microsoft 365 Global Admin', 'Backup Console']) expect(names.has(n)).toBe(true);
    expect(data(demo, 'passwords').every((p) => typeof p.attributes.password === 'string')).toBe(true);
    const text = bytes(demo);
    expect(text).toContain(JSON.stringify(HTML_INJECTION).slice(1, -1));
    expect(text).toContain(PROMPT_INJECTION);
  });

  it('builds dependency chains: workstation → switch → firewall, app server → DC', () => {
    const rel = data(demo, 'related_items');
    const configs = new Map(data(demo, 'configurations').map((c) => [c.id, c]));
    const dest = (id: string): FakeResource[] => rel.filter((r) => r.attributes['resource-type'] === 'Configuration' && String(r.attributes['resource-id']) === id)
      .map((r) => configs.get(String(r.attributes['destination-id']))).filter((c): c is FakeResource => c !== undefined);
    const ws = data(demo, 'configurations').find((c) => c.attributes['configuration-type-name'] === 'Workstation');
    const sw = dest(ws?.id ?? '')[0];
    expect(sw?.attributes['configuration-type-name']).toBe('Switch');
    expect(dest(sw?.id ?? '')[0]?.attributes['configuration-type-name']).toBe('Firewall');
    expect(orgName(sw?.attributes['organization-id'])).toBe(orgName(ws?.attributes['organization-id']));
    const app = data(demo, 'configurations').find((c) => c.attributes.name === 'SRV-APP01');
    expect(dest(app?.id ?? '').map((c) => c.attributes.name)).toContain('SRV-DC01');
  });

  it('grows to about 100,000 records quickly', () => {
    const t0 = performance.now();
    const big = generateDemoTenant({ today: TODAY, scale: 100_000 });
    const ms = performance.now() - t0;
    const n = countRecords(big);
    expect(n).toBeGreaterThanOrEqual(100_000);
    expect(n).toBeLessThan(101_000);
    expect(ms).toBeLessThan(60_000);
    expect(new Set(data(big, 'organizations').map((o) => o.attributes.name)).size).toBe(data(big, 'organizations').length);
  });

  it('round-trips through a dataset directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-dataset-'));
    try {
      const files = await writeDataset(demo, dir);
      expect(files.map((f) => f.slice(dir.length + 1))).toContain('document_sections.json');
      expect(bytes(await loadDataset(dir))).toBe(bytes(demo));
      expect((await readFile(join(dir, 'organizations.json'), 'utf8')).startsWith('{"data":[\n{"id":"1001"')).toBe(true);
      await expect(loadDataset(join(dir, 'nope'))).rejects.toThrow(/organizations.json is missing/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('files documents in nested folders and adds checklists, certificates, attachments, vendors and an inactive client', () => {
    const folders = data(demo, 'document_folders');
    const byId = new Map(folders.map((f) => [f.id, f]));
    expect(folders.some((f) => f.attributes['parent-id'] !== null && byId.has(String(f.attributes['parent-id'])))).toBe(true);
    const docs = data(demo, 'documents');
    const inFolder = docs.filter((d) => d.attributes['document-folder-id'] !== null);
    expect(inFolder.length).toBeGreaterThan(docs.length / 2);
    expect(inFolder.every((d) => byId.get(String(d.attributes['document-folder-id']))?.attributes['organization-id'] === d.attributes['organization-id'])).toBe(true);
    expect(docs.some((d) => d.attributes['document-folder-id'] === null)).toBe(true);
    const checklists = new Set(data(demo, 'checklists').map((c) => c.id));
    expect(data(demo, 'checklist_tasks').every((t) => checklists.has(String(t.attributes['checklist-id'])))).toBe(true);
    expect(data(demo, 'checklists').some((c) => c.attributes.completed === true)).toBe(true);
    expect(data(demo, 'checklists').some((c) => c.attributes.completed === false)).toBe(true);
    expect(data(demo, 'ssl_certificates').some((c) => String(c.attributes['expires-on']) < TODAY)).toBe(true);
    expect(data(demo, 'attachments').every((a) => typeof a.attributes['attachment-file-size'] === 'number')).toBe(true);
    const types = new Set(data(demo, 'organizations').map((o) => `${String(o.attributes['organization-type-name'])}/${String(o.attributes['organization-status-name'])}`));
    expect(types).toEqual(new Set(['Internal/Active', 'Client/Active', 'Prospect/Active', 'Vendor/Active', 'Client/Inactive']));
  });
});
