// A client named by its domain scopes the question like its name would, through the one reader
// of questions (readQuestion) that ask and every door's search share; real SQLCipher store.
import { beforeEach, describe, expect, it } from 'vitest';
import { config, flexAsset, org } from '../store/fixtures.test-data';
import { tempStores, writePages } from '../store/test-stores';
import { createSearchContext, type SearchContext } from '../search/search';
import { ask } from './engine';
import { retrieve } from './retrieve';

const domain = (id: number, orgId: number, name: string) => ({ id: String(id), type: 'domains', attributes: { name, 'organization-id': orgId, archived: false } });

describe('a domain in the question', () => {
  const stores = tempStores();
  let ctx: SearchContext;
  beforeEach(() => {
    const t = stores();
    writePages(t.store, [
      { type: 'organizations', resources: [org(1, 'Kestrel Freight'), org(2, 'Kestrel Dental'), org(3, 'Osprey Legal')] },
      {
        type: 'configurations',
        resources: [
          config(11, 1, 'DC01', { hostname: 'DC01.kfreight.local', notes: 'Domain controller' }),
          config(21, 2, 'DC01', { hostname: 'DC01.kdental.local', notes: 'Domain controller, DNS and DHCP for kdental.local' }),
          config(22, 2, 'KD-FW01', { hostname: 'KD-FW01', 'configuration-type-name': 'Firewall', notes: 'Edge firewall' }),
          config(31, 3, 'DC01', { hostname: 'DC01.osprey.local', notes: 'Domain controller' }),
        ],
      },
      { type: 'flexible-assets', resources: [flexAsset(41, 1, 7, 'kfreight.local', { 'ad-full-name': 'kfreight.local', notes: 'domain controllers DC01' })] },
      {
        type: 'domains',
        resources: [{ ...domain(51, 2, 'kestreldental.com'), attributes: { ...domain(51, 2, 'kestreldental.com').attributes, 'registrar-name': 'Gandi', 'expires-on': '2027-03-01' } }, domain(52, 1, 'sharedvendor.com'), domain(53, 3, 'sharedvendor.com')],
      },
    ]);
    ctx = createSearchContext(t.store);
  });

  it('scopes search to the org whose Active Directory asset it names, never another org', async () => {
    const r = await retrieve(ctx, { query: 'which servers are domain controllers for kfreight.local', limit: 10 });
    expect(r.scope).toMatchObject({ kind: 'org', org: { name: 'Kestrel Freight' }, from: 'text' });
    expect(r.hits.length).toBeGreaterThan(0);
    expect(new Set(r.hits.map((h) => h.org?.name))).toEqual(new Set(['Kestrel Freight']));
  });

  it("reads a host's full name as the domain it sits in", async () => {
    const a = await ask({ search: ctx }, 'domain controller DC01.kfreight.local');
    expect(a.org?.name).toBe('Kestrel Freight');
    expect(a.sources.every((s) => s.org?.name === 'Kestrel Freight')).toBe(true);
  });

  it('scopes an answer to the org that holds an IT Glue domain', async () => {
    const a = await ask({ search: ctx }, 'domain controller for kestreldental.com');
    expect(a.org?.name).toBe('Kestrel Dental');
    expect(a.sources.every((s) => s.org?.name === 'Kestrel Dental')).toBe(true);
  });

  it('looks for what is asked inside the client a domain names, not for the domain as a device or a word', async () => {
    for (const q of ['domain controllers for kestreldental.com', 'dns servers for kestreldental.com', 'which firewall does kestreldental.com use']) {
      const a = await ask({ search: ctx }, q);
      expect(a.noData, q).toBe(false);
      expect(a.sources[0]?.org?.name, q).toBe('Kestrel Dental');
      expect(a.sources[0]?.type, q).toBe('configurations');
    }
    const r = await retrieve(ctx, { query: 'dns servers kestreldental.com', limit: 5 });
    expect(r.hits[0]?.name).toBe('DC01');
  });

  it('still answers about the domain record itself', async () => {
    const expiry = await ask({ search: ctx }, 'when does kestreldental.com expire');
    expect(expiry.sources[0]).toMatchObject({ type: 'domains', name: 'kestreldental.com' });
    expect(expiry.answer).toContain('2027-03-01');
    expect((await ask({ search: ctx }, 'registrar for kestreldental.com')).answer).toContain('Gandi');
    expect((await retrieve(ctx, { query: 'kestreldental.com', limit: 5 })).hits[0]).toMatchObject({ type: 'domains', name: 'kestreldental.com' });
  });

  it('scopes nothing for a domain several orgs hold, and a named org wins over a domain', async () => {
    expect((await retrieve(ctx, { query: 'domain controller sharedvendor.com' })).scope).toEqual({ kind: 'all' });
    const named = await retrieve(ctx, { query: '@Osprey Legal domain controller kfreight.local' });
    expect(named.scope).toMatchObject({ kind: 'org', org: { name: 'Osprey Legal' } });
  });
});
