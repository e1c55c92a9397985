import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchContext, focusSnippet, search, type SearchContext } from './search';
import { buildFtsQuery, ftsSearch, indexedRows, keywordSearch, rankedHead, readVarint } from './fts';
import { createTempStore } from '../store/testing';
import { writePages } from '../store/test-stores';
import { passwordValues, seedDemoTemp, type SeededStore } from '../testing/seed-demo';

describe('FTS query safety and hybrid search (keyword mode)', () => {
  let s: SeededStore & { dir: string };
  let ctx: SearchContext;
  beforeAll(() => {
    s = seedDemoTemp();
    ctx = createSearchContext(s.store);
  });
  afterAll(() => s.close());

  it('turns FTS syntax, SQL, quotes, emoji, RTL and huge input into safe queries', () => {
    for (const text of ['"', 'a*', 'NEAR(a b)', 'AND OR NOT', '"unbalanced', "'; DROP TABLE records; --", 'x'.repeat(10_000), '🔥🔥', 'שלום עולם', 'name:foo', '(a OR b)']) {
      const q = buildFtsQuery(text, { prefixLast: true });
      if (q) expect(() => ftsSearch(s.store.db, q, { limit: 5 })).not.toThrow();
    }
    expect(buildFtsQuery('   ')).toBeNull();
    expect(buildFtsQuery('🔥')).toBeNull();
  });

  it('never throws, is deterministic, respects the org scope, never returns a password value (property)', async () => {
    const secrets = passwordValues(s.dataset);
    const orgs = ctx.orgs();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.option(fc.constantFrom(...orgs.map((o) => o.id)), { nil: undefined }), async (text, orgId) => {
        const a = await search(ctx, { query: text, orgId, limit: 10 });
        const b = await search(ctx, { query: text, orgId, limit: 10 });
        expect(a.hits.map((h) => h.rowid)).toEqual(b.hits.map((h) => h.rowid));
        if (orgId !== undefined) for (const h of a.hits) expect(h.org?.id).toBe(orgId);
        const json = JSON.stringify(a);
        for (const v of secrets) expect(json.includes(v)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it("ranks an org's or a kind's matches exactly as the tenant-wide ranking orders them, archived and deleted rows included", () => {
    const db = s.store.db;
    const orgOf = db.prepare<[number], { org_id: number | null }>('SELECT org_id FROM records WHERE rowid = ?');
    // Archive one match and delete another, so the scoped path must apply the same flags.
    const server = buildFtsQuery('server OR backup', { join: 'OR' });
    const all = server ? ftsSearch(db, server, { limit: 1000 }) : [];
    expect(all.length).toBeGreaterThan(20);
    const [archived, deleted] = [all[0]!.rowid, all[1]!.rowid];
    db.prepare('UPDATE records SET archived = 1 WHERE rowid = ?').run(archived);
    db.prepare("UPDATE records SET deleted_at = '2026-01-01' WHERE rowid = ?").run(deleted);
    try {
      for (const text of ['server', 'backup schedule', 'firewall vpn', 'printer']) {
        const q = buildFtsQuery(text, { join: 'OR' });
        if (!q) throw new Error(text);
        const everywhere = ftsSearch(db, q, { limit: 1000 });
        for (const org of ctx.orgs()) {
          const scoped = ftsSearch(db, q, { orgId: org.id, limit: 5 });
          const expected = everywhere.filter((h) => orgOf.get(h.rowid)?.org_id === org.id).slice(0, 5);
          expect(scoped).toEqual(expected);
          expect(scoped.map((h) => h.rowid)).not.toContain(deleted);
        }
        // The best index matches checked until the page is settled (a large tenant's first try):
        // whatever it returns is the full ranking's page, ties within one kind included.
        for (const types of [[], ['configurations'], ['passwords'], ['documents', 'flexible-assets']] as const) {
          const want = everywhere.filter((h) => types.length === 0 || (types as readonly string[]).includes(h.type));
          for (const [limit, cap] of [[5, 2000], [5, 40], [20, 60], [3, 8]] as const) {
            const head = rankedHead(db, q, { limit }, types, limit, cap);
            if (head !== null) expect(head).toEqual(want.slice(0, limit));
          }
        }
        expect(ftsSearch(db, q, { limit: 5 })).toEqual(everywhere.slice(0, 5));
        // a few kinds tenant-wide are ranked through their own rows, in the same order
        for (const types of [['passwords'], ['documents', 'flexible-assets'], ['configurations']] as const) {
          const kinds = ftsSearch(db, q, { types, limit: 5 });
          expect(kinds).toEqual(everywhere.filter((h) => (types as readonly string[]).includes(h.type)).slice(0, 5));
        }
      }
    } finally {
      db.prepare('UPDATE records SET archived = 0, deleted_at = NULL WHERE rowid IN (?, ?)').run(archived, deleted);
    }
  });

  it('boosts exact identifiers, reports keyword-only mode, and keeps secrets out of the FTS index', async () => {
    const r = await search(ctx, { query: '10.20.0.10', limit: 5 });
    expect(r.mode).toBe('keyword');
    expect(r.note).toMatch(/Keyword search only/);
    expect(r.hits[0]?.name).toBe('SRV-DC01');
    expect(r.hits[0]?.matched).toContain('exact');
    const prefix = await search(ctx, { query: 'firewall chan', prefix: true, orgId: ctx.orgs()[0]?.id, type: 'documents' });
    expect(prefix.hits[0]?.name).toBe('Firewall change runbook');
    const all = s.store.db.prepare<[], { name: string; body: string }>('SELECT name, body FROM records').all();
    const indexed = JSON.stringify(all);
    for (const v of passwordValues(s.dataset)) expect(indexed.includes(v)).toBe(false);
  });

  it('settles a page inside a run of tied matches instead of ranking every match again', () => {
    const t = createTempStore();
    try {
      // Devices made from one template score alike: 40 ties, then one archived.
      const devices = Array.from({ length: 40 }, (_, i) => ({ id: String(100 + i), type: 'configurations', attributes: { name: `DC-${10 + i}`, 'configuration-type-name': 'Domain Controller', 'organization-id': 1, archived: i === 0 } }));
      writePages(t.store, [{ type: 'configurations', resources: devices }]);
      const q = buildFtsQuery('domain controller');
      if (!q) throw new Error('query');
      const full = ftsSearch(t.store.db, q, { limit: 1000 });
      expect(full).toHaveLength(40);
      const head = rankedHead(t.store.db, q, { limit: 5 }, [], 5, 10);
      expect(head).not.toBeNull();
      expect(head).toEqual(full.slice(0, 5));
      expect(full.at(-1)?.rowid).toBe(full.find((h) => h.score !== full[0]?.score)?.rowid);
    } finally {
      t.cleanup();
    }
  });

  it('counts the live records from the keyword index header, as bm25 does', () => {
    expect(indexedRows(s.store.db)).toBe(s.store.db.prepare<[], { n: number }>('SELECT sum(live) AS n FROM record_counts').get()?.n);
    const t = createTempStore();
    try {
      const db = t.store.db;
      const live = (): number => db.prepare<[], { n: number | null }>('SELECT sum(live) AS n FROM record_counts').get()?.n ?? 0;
      expect(indexedRows(db)).toBe(0);
      const people = [1, 2, 3, 4, 5].map((i) => ({ id: String(i), type: 'contacts', attributes: { 'first-name': 'Person', 'last-name': String(i), 'organization-id': 1 } }));
      writePages(t.store, [{ type: 'contacts', resources: people }]);
      expect(indexedRows(db)).toBe(5);
      db.prepare("UPDATE records SET deleted_at = '2026-01-23T00:00:00Z' WHERE itglue_id IN ('2', '4')").run();
      expect([indexedRows(db), live()]).toEqual([3, 3]);
    } finally {
      t.cleanup();
    }
    expect([readVarint(Uint8Array.of(0x05)), readVarint(Uint8Array.of(0xb9, 0xd4, 0x1e)), readVarint(Uint8Array.of(0x81)), readVarint(Uint8Array.of(...Array<number>(8).fill(0x80), 0x07))]).toEqual([5, 944_670, null, 7]);
  });

  it('shows the matched words in the snippet and ignores filler words when no record holds every word', async () => {
    const body = `${'Intro text about nothing much. '.repeat(12)}Rotate the tapes every Friday.`;
    expect(focusSnippet(body, ['tapes'])).toMatch(/^….*tapes every Friday/);
    expect(focusSnippet('Short body', ['zzz'])).toBe('Short body');
    const org = ctx.orgs().find((o) => o.name === 'Acme Corp')!;
    const r = await search(ctx, { query: 'how do I do the firewall change for the office', orgId: org.id, type: 'documents', limit: 3 });
    expect(r.hits[0]?.name).toBe('Firewall change runbook');
    expect(r.hits[0]?.snippet.toLowerCase()).toMatch(/firewall|change/);
  });

  it('keeps to records holding every content word when only a filler word is missing from them', () => {
    const db = s.store.db;
    const terms = ['firewall', 'at', 'change', 'runbook'];
    // no record says "at" with the rest, so the filler word is dropped, not every word at once
    expect(ftsSearch(db, buildFtsQuery(terms.join(' '))!, { limit: 5 })).toEqual([]);
    const r = keywordSearch(db, terms, { limit: 50 });
    expect(r.query?.join).toBe('AND');
    expect(r.query?.terms).toEqual(['firewall', 'change', 'runbook']);
    expect(r.hits.length).toBeGreaterThan(0);
    const name = db.prepare<[number], { name: string }>('SELECT name FROM records WHERE rowid = ?');
    expect(name.get(r.hits[0]?.rowid ?? 0)?.name).toBe('Firewall change runbook');
    // records holding only one of the words are left out, as when a question holds no filler
    const anyWord = ftsSearch(db, buildFtsQuery('firewall change runbook', { join: 'OR' })!, { limit: 50 });
    expect(r.hits.length).toBeLessThan(anyWord.length);
    // with no record holding every content word, any of them still finds something
    expect(keywordSearch(db, ['firewall', 'at', 'zzzunheardof'], { limit: 5 }).query?.join).toBe('OR');
  });
});
