// Search as every door runs it (app, `glue search`, MCP `search`): over the generated demo
// tenant in a real SQLCipher store, keyword-only, as a fresh install without the model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchContext, type SearchContext } from '../search/search';
import { DEMO_TODAY, seedDemoTemp, type SeededStore } from '../testing/seed-demo';
import { describeScope, retrieve } from './retrieve';

describe('retrieve', () => {
  let seeded: SeededStore & { dir: string };
  let ctx: SearchContext;
  beforeAll(() => {
    seeded = seedDemoTemp({ today: DEMO_TODAY });
    ctx = createSearchContext(seeded.store);
  });
  afterAll(() => seeded.close());

  const top = async (query: string, limit = 5) => (await retrieve(ctx, { query, limit })).hits;

  it('scopes to an organization named in the words and never returns another one', async () => {
    const r = await retrieve(ctx, { query: 'acme dental firewall', limit: 10 });
    expect(r.scope).toMatchObject({ kind: 'org', org: { name: 'Acme Dental' }, from: 'text' });
    expect(r.hits[0]).toMatchObject({ type: 'configurations', name: 'ACMD-FW01' });
    expect(new Set(r.hits.map((h) => h.org?.name))).toEqual(new Set(['Acme Dental']));
    expect(describeScope(r.scope)).toBe('Searched in Acme Dental.');
  });

  it('reads a name with its last letter missing as that name, not as every org sharing its first word', async () => {
    const r = await retrieve(ctx, { query: 'Acme Denta firewall', limit: 10 });
    expect(r.scope).toMatchObject({ kind: 'org', org: { name: 'Acme Dental' } });
    expect(r.hits.every((h) => h.org?.name === 'Acme Dental')).toBe(true);
  });

  it('returns nothing, with a note, for an organization that does not exist', async () => {
    const r = await retrieve(ctx, { query: '@Zyxwv Holdings firewall' });
    expect(r.scope.kind).toBe('unknown');
    expect(r.hits).toEqual([]);
    expect(r.note).toMatch(/No organization matches "Zyxwv/);
  });

  it('keeps the caller\'s organization over words in the text', async () => {
    const orgs = ctx.orgs();
    const harbor = orgs.find((o) => o.name === 'Harbor Health');
    const r = await retrieve(ctx, { query: 'firewall', orgId: harbor?.id, limit: 10 });
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.org?.id === harbor?.id)).toBe(true);
  });

  it('ranks devices of the named kind above documents and schema records', async () => {
    const hits = await top('firewall');
    expect(hits.map((h) => h.type)).toEqual(['configurations', 'configurations', 'configurations', 'configurations', 'configurations']);
    expect(hits.every((h) => h.matched.includes('kind') || h.matched.includes('keyword'))).toBe(true);
    // The flexible asset field called "Firewall" still answers a question about the schema.
    const schema = await top('firewall field', 10);
    expect(schema.some((h) => h.type === 'flexible-asset-fields')).toBe(true);
  });

  it('keeps other words in the question: a runbook about firewalls is not a firewall', async () => {
    const hits = await top('acme dental firewall runbook');
    expect(hits[0]).toMatchObject({ type: 'documents', org: { name: 'Acme Dental' } });
  });

  it('ranks an identifier first and shows an interface through its device', async () => {
    const hits = await top('10.20.0.10');
    expect(hits[0]).toMatchObject({ type: 'configurations', name: 'SRV-DC01', org: { name: 'Harbor Health' } });
    expect(hits.some((h) => h.type === 'configuration-interfaces')).toBe(false);
    expect(new Set(hits.map((h) => `${h.type}:${h.id}`)).size).toBe(hits.length);
  });

  it('shows a document section as its document with the heading', async () => {
    // Words of a step, not of the title or the folder ("Runbooks / Backup"), so the section is what matched.
    const hits = await top('restore to an alternate location harbor health');
    expect(hits[0]?.type).toBe('documents');
    expect(hits[0]?.via).toBeTruthy();
    expect(hits.some((h) => h.type === 'document-sections')).toBe(false);
    const raw = await retrieve(ctx, { query: 'restore to an alternate location harbor health', children: true, limit: 10 });
    expect(raw.hits.some((h) => h.type === 'document-sections')).toBe(true);
  });

  it("shows an entry of IT Glue's expirations list as the domain it is about", async () => {
    const hits = await top('when does riversidefoundation.org expire');
    expect(hits[0]).toMatchObject({ type: 'domains', name: 'riversidefoundation.org', org: { name: 'Riverside Schools Foundation' } });
    expect(hits.some((h) => h.type === 'expirations')).toBe(false);
    const raw = await retrieve(ctx, { query: 'when does riversidefoundation.org expire', children: true, limit: 10 });
    expect(raw.hits.some((h) => h.type === 'expirations' && h.name === 'riversidefoundation.org')).toBe(true);
  });
});
