import { describe, expect, it } from 'vitest';
import { config, flexAsset, iface, org, password, tags } from '../fixtures.test-data';
import { createReader } from './index';
import { createTempStore } from '../testing';
import { tempStores } from '../test-stores';
import { createWriter } from '../writer';
import { DEMO_TODAY, seedDemoTemp } from '../../testing/seed-demo';

const tempStore = tempStores();

function seeded() {
  const t = tempStore();
  const w = createWriter(t.store);
  const runId = w.startRun('full');
  w.applyPage({ type: 'organizations', runId, resources: [org(1, 'Acme Corp'), org(2, 'Beta LLC')] });
  w.applyPage({
    type: 'configurations',
    runId,
    resources: [
      config(10, 1, 'SRV-DC01', { hostname: 'srv-dc01.acme.local', 'primary-ip': '10.20.0.5', 'mac-address': '00:1A:2B:3C:4D:5E', 'serial-number': 'abc123x', 'asset-tag': 'AT-0001', 'warranty-expires-at': '2026-03-10' }),
      config(11, 1, 'SRV-FS01', { 'primary-ip': '10.20.1.9', 'warranty-expires-at': '2027-01-01' }),
      config(12, 1, 'FW01', { 'primary-ip': '192.168.1.1' }),
      config(20, 2, 'BETA-SRV', { 'primary-ip': '10.20.0.5' }),
    ],
  });
  w.applyPage({
    type: 'configuration-interfaces',
    runId,
    resources: [iface(100, 12, '10.20.5.1', '00-aa-bb-cc-dd-ee', true), iface(101, 12, '2001:db8::1', null)],
  });
  w.applyPage({ type: 'passwords', runId, resources: [password(7, 1, 'DC01 local admin', { 'resource-type': 'Configuration', 'resource-id': 10 })] });
  w.applyPage({
    type: 'flexible-assets',
    runId,
    resources: [flexAsset(50, 1, 9, 'ERP', { servers: tags('Configurations', [10, 11]) }), flexAsset(51, 1, 9, 'Payroll', { uses: tags('FlexibleAssets', [50]) })],
  });
  w.applyPage({ type: 'domains', runId, resources: [{ id: '60', type: 'domains', attributes: { name: 'acme.com', 'registrar-name': 'Gandi', 'expires-on': '2026-03-01', 'organization-id': 1 } }] });
  w.applyPage({ type: 'documents', runId, resources: [{ id: '70', type: 'documents', attributes: { name: 'DR runbook', 'organization-id': 1 } }] });
  w.applyPage({
    type: 'document-sections',
    runId,
    resources: [
      { id: '72', type: 'document-sections', attributes: { 'document-id': 70, 'resource-type': 'Document::Text', content: '<p>Second</p>', 'rendered-content': '<p onclick="x()">Second <a href="javascript:x()">link</a></p><img src=x onerror=x()>', sort: 2 } },
      { id: '71', type: 'document-sections', attributes: { 'document-id': 70, 'resource-type': 'Document::Heading', content: 'First', sort: 1 } },
    ],
  });
  return { t, w, r: createReader(t.store) };
}

describe('reader lookups', () => {
  it('finds configurations by IP on the primary address and on interfaces, across orgs', () => {
    const { r } = seeded();
    expect(r.findByIp('10.20.0.5').map((h) => [h.name, h.orgName, h.matchedOn])).toEqual([
      ['BETA-SRV', 'Beta LLC', 'primary_ip'],
      ['SRV-DC01', 'Acme Corp', 'primary_ip'],
    ]);
    expect(r.findByIp(' 10.20.5.1 ').map((h) => [h.name, h.matchedOn, h.interfaceName])).toEqual([['FW01', 'interface_ip', 'eth100']]);
    expect(r.findByIp('2001:0db8:0:0::0001').map((h) => h.name)).toEqual(['FW01']);
    expect(r.findByIp('10.99.0.1')).toEqual([]);
    expect(r.findByIp('not an ip')).toEqual([]);
  });

  it('finds configurations inside a CIDR range', () => {
    const { r } = seeded();
    expect(r.findByCidr('10.20.0.0/16').map((h) => h.name).sort()).toEqual(['BETA-SRV', 'FW01', 'SRV-DC01', 'SRV-FS01']);
    expect(r.findByCidr('10.20.0.0/24').map((h) => h.name).sort()).toEqual(['BETA-SRV', 'SRV-DC01']);
    expect(() => r.findByCidr('10.20/99')).toThrow(/not an IPv4 network/);
  });

  it('finds by MAC in any notation, hostname with or without dashes/domain, serial and asset tag', () => {
    const { r } = seeded();
    for (const mac of ['00:1a:2b:3c:4d:5e', '001A.2B3C.4D5E', '00-1A-2B-3C-4D-5E']) expect(r.findByMac(mac).map((h) => h.name)).toEqual(['SRV-DC01']);
    expect(r.findByMac('00aabbccddee').map((h) => [h.name, h.matchedOn])).toEqual([['FW01', 'interface_mac']]);
    for (const host of ['SRV-DC01', 'srvdc01', 'srv-dc01.acme.local']) expect(r.findByHostname(host).map((h) => h.name)).toEqual(['SRV-DC01']);
    expect(r.findBySerial('ABC123X').map((h) => h.name)).toEqual(['SRV-DC01']);
    expect(r.findBySerial('abc123x').map((h) => h.matchedOn)).toEqual(['serial']);
    expect(r.findBySerial('at-0001').map((h) => h.matchedOn)).toEqual(['asset_tag']);
  });
});

describe('reader views', () => {
  it('shows a configuration with interfaces, its passwords (metadata only) and related items both ways', () => {
    const { r } = seeded();
    const d = r.configurationDetail(10);
    expect(d?.orgName).toBe('Acme Corp');
    expect(d?.passwords.map((p) => [p.name, p.hasValue])).toEqual([['DC01 local admin', false]]);
    // The ERP asset tags this server: it depends on the server, so it is 'down' from here.
    expect(d?.related).toEqual([expect.objectContaining({ type: 'flexible-assets', id: '50', name: 'ERP', kind: 'tag', notes: 'servers', direction: 'down' })]);
    expect(r.configurationDetail(12)?.interfaces.map((i) => [i.name, i.ip, i.isPrimary])).toEqual([
      ['eth100', '10.20.5.1', true],
      ['eth101', '2001:db8::1', false],
    ]);
    expect(r.configurationDetail(999)).toBeNull();
  });

  it('lists organizations with counts and pages records by name', () => {
    const { r } = seeded();
    const orgs = r.listOrganizations();
    expect(orgs.map((o) => [o.name, o.counts.configurations ?? 0])).toEqual([
      ['Acme Corp', 3],
      ['Beta LLC', 1],
    ]);
    const page1 = r.listRecords({ type: 'configurations', orgId: 1, limit: 2 });
    expect(page1.items.map((i) => i.name)).toEqual(['FW01', 'SRV-DC01']);
    const page2 = r.listRecords({ type: 'configurations', orgId: 1, limit: 2, cursor: page1.nextCursor });
    expect(page2.items.map((i) => i.name)).toEqual(['SRV-FS01']);
    expect(page2.nextCursor).toBeNull();
    expect(() => r.listRecords({ type: 'configurations', cursor: 'garbage' })).toThrow(/cursor/);
    expect(r.counts().configurations).toBe(4);
    expect(r.storeSizeBytes()).toBeGreaterThan(0);
  });

  it('returns a document with its sections in order', () => {
    const { r } = seeded();
    const doc = r.documentWithSections(70);
    expect(doc?.record.name).toBe('DR runbook');
    expect(doc?.sections.map((s) => s.text)).toEqual(['First', 'Second']);
    // IT Glue's HTML leaves the store only sanitised: no handler, no script URL, no image.
    expect(doc?.sections.map((s) => s.html)).toEqual([null, '<p>Second <a target="_blank" rel="noopener noreferrer">link</a></p>']);
    expect(r.getRecord('document-sections', '72')?.orgId).toBe(1);
  });

  it('lists warranty and domain expirations within a window', () => {
    const { r } = seeded();
    const soon = r.listExpirations({ withinDays: 30, today: new Date('2026-02-20T12:00:00Z') }).filter((e) => e.what !== 'ssl');
    expect(soon.map((e) => [e.what, e.name, e.expiresOn])).toEqual([
      ['domain', 'acme.com', '2026-03-01'],
      ['warranty', 'SRV-DC01', '2026-03-10'],
    ]);
  });
});

describe('reader.walkDependencies', () => {
  it('walks up (what it depends on) and down (what depends on it) through tags, and survives a cycle', () => {
    const { w, r } = seeded();
    expect(r.walkDependencies('flexible-assets', '51', 'up', 5).map((n) => [n.name, n.depth])).toEqual([
      ['ERP', 1],
      ['SRV-DC01', 2],
      ['SRV-FS01', 2],
    ]);
    expect(r.walkDependencies('configurations', '10', 'down', 5).map((n) => [n.name, n.depth])).toEqual([
      ['ERP', 1],
      ['Payroll', 2],
    ]);
    expect(r.walkDependencies('flexible-assets', '51', 'up', 1).map((n) => n.name)).toEqual(['ERP']);
    // SRV-DC01 → Payroll closes a loop Payroll → ERP → SRV-DC01 → Payroll.
    w.putRelations('configurations', '10', [{ toType: 'flexible-assets', toId: '51', kind: 'related' }]);
    const loop = r.walkDependencies('flexible-assets', '51', 'up', 10);
    expect(loop.map((n) => [n.name, n.depth])).toEqual([
      ['ERP', 1],
      ['SRV-DC01', 2],
      ['SRV-FS01', 2],
    ]);
    expect(r.walkDependencies('configurations', '10', 'down', 10).map((n) => n.name)).toEqual(['ERP', 'Payroll']);
  });

  it('names the records a flexible asset links to from Tag and Password traits, leaving unknown ids as they came', () => {
    const t = createTempStore();
    const w = createWriter(t.store);
    const r = createReader(t.store);
    const runId = w.startRun('full');
    try {
      w.applyPage({
        type: 'flexible-asset-fields',
        runId,
        resources: [
          { id: '1', type: 'flexible-asset-fields', attributes: { name: 'Firewall', 'name-key': 'firewall', kind: 'Tag', order: 1, 'flexible-asset-type-id': 9 } },
          { id: '2', type: 'flexible-asset-fields', attributes: { name: 'Firewall admin', 'name-key': 'firewall-admin', kind: 'Password', order: 2, 'flexible-asset-type-id': 9 } },
          { id: '3', type: 'flexible-asset-fields', attributes: { name: 'Backup admin', 'name-key': 'backup-admin', kind: 'Password', order: 3, 'flexible-asset-type-id': 9 } },
        ],
      });
      w.applyPage({ type: 'configurations', runId, resources: [config(10, 1, 'FW-EDGE01')] });
      w.applyPage({ type: 'passwords', runId, resources: [password(77, 1, 'Firewall admin login')] });
      const firewall = { type: 'Configurations', values: [{ id: 10 }, { id: 12 }] };
      w.applyPage({ type: 'flexible-assets', runId, resources: [flexAsset(50, 1, 9, 'Network', { firewall, 'firewall-admin': 77, 'backup-admin': 78 })] });
      const traits = r.getRecord('flexible-assets', '50')?.attrs.traits;
      expect(traits).toEqual({
        firewall: { type: 'Configurations', values: [{ id: 10, name: 'FW-EDGE01' }, { id: 12 }] },
        'firewall-admin': { type: 'passwords', values: [{ id: 77, name: 'Firewall admin login' }] },
        'backup-admin': 78,
      });
    } finally {
      t.cleanup();
    }
  });
});

describe('read model', () => {
  it("walks dependencies in the one vocabulary: 'up' = what X depends on, 'down' = what depends on X", () => {
    const { r } = seeded();
    // Payroll's trait lists ERP, and ERP's lists SRV-DC01: Payroll depends on ERP, which depends on SRV-DC01.
    expect(r.walkDependencies('flexible-assets', '51', 'up', 5).map((n) => [n.name, n.depth])).toEqual([
      ['ERP', 1],
      ['SRV-DC01', 2],
      ['SRV-FS01', 2],
    ]);
    expect(r.walkDependencies('configurations', '10', 'down', 5).map((n) => n.name)).toEqual(['ERP', 'Payroll']);
    expect(r.related('configurations', '10').map((i) => [i.name, i.direction, i.record?.type])).toEqual([['ERP', 'down', 'flexible-assets']]);
    expect(r.related('flexible-assets', '50').map((i) => [i.name, i.direction])).toEqual([
      ['SRV-DC01', 'up'],
      ['SRV-FS01', 'up'],
      ['Payroll', 'down'],
    ]);
  });

  it('lists SSL certificates kept as flexible assets with domains and warranties, and filters by org and kind', () => {
    const { t, r } = seeded();
    const w = createWriter(t.store);
    const runId = w.startRun('incremental');
    const cert = flexAsset(80, 2, 11, 'www.beta.com', { 'expiration-date': '2026-03-05' });
    cert.attributes['flexible-asset-type-name'] = 'SSL Certificate';
    w.applyPage({ type: 'flexible-assets', runId, resources: [cert] });
    const today = new Date('2026-02-20T12:00:00Z');
    expect(r.listExpirations({ withinDays: 30, today }).map((e) => [e.what, e.name, e.expiresOn, e.orgName])).toEqual([
      ['domain', 'acme.com', '2026-03-01', 'Acme Corp'],
      ['ssl', 'www.beta.com', '2026-03-05', 'Beta LLC'],
      ['warranty', 'SRV-DC01', '2026-03-10', 'Acme Corp'],
    ]);
    // Each entry links to its record in IT Glue.
    const link = t.store.db.prepare<[string, string], { url: string | null }>('SELECT url FROM records WHERE type = ? AND itglue_id = ?');
    const soon = r.listExpirations({ withinDays: 30, today });
    expect(soon.map((e) => e.url)).toEqual(soon.map((e) => link.get(e.type, e.id)?.url));
    expect(soon.some((e) => e.url !== null)).toBe(true);
    expect(r.listExpirations({ withinDays: 30, today, orgId: 2 }).map((e) => e.name)).toEqual(['www.beta.com']);
    expect(r.listExpirations({ withinDays: 30, today, what: 'warranty' }).map((e) => e.name)).toEqual(['SRV-DC01']);
    expect(r.listExpirations({ withinDays: 13, today }).map((e) => e.name)).toEqual(['acme.com', 'www.beta.com']);
  });

  it('pages expirations in the full list\'s order, with the full count, whatever the page size', () => {
    const demo = seedDemoTemp({ scale: 3000 });
    try {
      const r = createReader(demo.store);
      const today = new Date(`${DEMO_TODAY}T12:00:00Z`);
      for (const q of [{ withinDays: 365, today }, { withinDays: 30, today, what: 'warranty' as const }, { withinDays: 400, today, what: 'domain' as const }]) {
        const all = r.listExpirations(q);
        expect(all.length).toBeGreaterThan(3);
        for (const size of [1, 3, 7, 50]) {
          const paged = [];
          for (let offset = 0; offset < all.length; offset += size) {
            const page = r.expirationPage(q, offset, size);
            expect(page.total).toBe(all.length);
            paged.push(...page.items);
          }
          expect(paged).toEqual(all);
        }
        expect(r.expirationPage(q, all.length, 10)).toEqual({ items: [], total: all.length });
      }
    } finally {
      demo.close();
    }
  });

  it('reads only the page of an IP shared by many devices, and counts them all from the typed tables', () => {
    const demo = seedDemoTemp({ scale: 3000 });
    try {
      const r = createReader(demo.store);
      const shared = demo.store.db.prepare('SELECT primary_ip AS ip, count(*) AS n FROM configurations WHERE primary_ip IS NOT NULL GROUP BY primary_ip_num ORDER BY n DESC LIMIT 1').get() as { ip: string; n: number };
      expect(shared.n).toBeGreaterThan(2);
      const all = r.findByIp(shared.ip, 500);
      expect(all.map((h) => h.name)).toEqual([...all.map((h) => h.name)].sort());
      expect(r.findByIp(shared.ip, 2)).toEqual(all.slice(0, 2));
      expect(r.findByIp(shared.ip, 1)).toEqual(all.slice(0, 1));
      expect(r.findByIp(shared.ip)).toEqual(all.slice(0, 50));
      expect(r.countByIp(shared.ip)).toEqual({ configurations: new Set(all.map((h) => h.id)).size, organizations: new Set(all.map((h) => h.orgId)).size });
      expect(r.countByIp('not an ip')).toEqual({ configurations: 0, organizations: 0 });
      expect(r.findIdentifier(shared.ip).hits).toEqual(all);
    } finally {
      demo.close();
    }
  });

  it('finds by IPv6 network and reads any identifier by its shape', () => {
    const { r } = seeded();
    expect(r.findByCidr('2001:db8::/32').map((h) => [h.name, h.interfaceName])).toEqual([['FW01', 'eth101']]);
    expect(r.findByCidr('2001:db9::/32')).toEqual([]);
    expect(r.findIdentifier('10.20.0.0/24').hits.map((h) => h.name).sort()).toEqual(['BETA-SRV', 'SRV-DC01']);
    expect(r.findIdentifier('2001:db8::1')).toMatchObject({ kind: 'ip', hits: [{ name: 'FW01' }] });
    expect(r.findIdentifier('0:aa:bb:cc:dd:ee')).toMatchObject({ kind: 'mac', hits: [{ name: 'FW01', matchedOn: 'interface_mac' }] });
    expect(r.findIdentifier('srv-dc01.acme.local')).toMatchObject({ kind: 'hostname', hits: [{ name: 'SRV-DC01' }] });
    expect(r.findIdentifier('AT-0001')).toMatchObject({ kind: 'hostname', hits: [{ name: 'SRV-DC01', matchedOn: 'asset_tag' }] });
    expect(() => r.findIdentifier('10.0.0.0/99')).toThrow(/10\.20\.0\.0\/16/);
    expect(() => r.findIdentifier('nonsense', 'mac')).toThrow(/not a MAC/);
  });

  it('gives one password shape: attached record and org by name', () => {
    const { r } = seeded();
    const [p] = r.listPasswords(1);
    expect(p).toMatchObject({ name: 'DC01 local admin', orgName: 'Acme Corp', resourceType: 'configurations', resourceId: 10, resourceName: 'SRV-DC01', hasValue: false });
    expect(r.listPasswords(1, 'srv-dc').map((x) => x.id)).toEqual([p?.id]);
    expect(r.listPasswords(1, 'nothing like it')).toEqual([]);
    expect(r.passwordsOf('configurations', '10')).toEqual([p]);
    expect(r.passwordMeta(p?.id ?? 0)).toEqual(p);
  });

  it('pages and filters records by words or phrase, with org names and attributes', () => {
    const { r } = seeded();
    const page = r.recordPage({ type: 'configurations', words: 'srv' }, 0, 2);
    expect([page.total, page.items.map((i) => [i.name, i.orgName])]).toEqual([3, [['BETA-SRV', 'Beta LLC'], ['SRV-DC01', 'Acme Corp']]]);
    expect(r.listRecords({ type: 'configurations', orgId: 1, phrase: 'fs0' }).items.map((i) => i.name)).toEqual(['SRV-FS01']);
    // A word is found anywhere inside a name, and at the start of a word of the body (the
    // configuration type "Server" is in the body; "erver" inside it is not a word start).
    expect(r.listRecords({ type: 'configurations', words: 'rv-d' }).items.map((i) => i.name)).toEqual(['SRV-DC01']);
    expect(r.recordPage({ type: 'configurations', words: 'serv' }, 0, 10).total).toBe(r.recordsWhere({ type: 'configurations', attrEquals: [['configuration-type-name', 'server']] }).filter((x) => !x.archived).length);
    expect(r.recordPage({ type: 'configurations', words: 'erver' }, 0, 10).total).toBe(0);
    expect(r.recordPage({ type: 'configurations', words: 'serv "-' }, 0, 10).total).toBe(0);
    expect(r.recordsWhere({ type: 'configurations', attrEquals: [['configuration-type-name', 'server']] }).length).toBe(4);
    expect(r.hasRecords()).toBe(true);
    expect(r.orgCounts([2])).toEqual(new Map([[2, { configurations: 1 }]]));
  });
});
