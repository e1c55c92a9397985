import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgCandidate } from '../../../../shared/domain';
import { createSearchContext } from '../../search/search';
import { runSync } from '../../sync/run-sync';
import { createRig, smallDemoTenant, type SyncRig } from '../../sync/test-helpers';
import { DIRECTORY_VERSION, liveOrgs, readOrgDirectory, writeOrgDirectory } from './org-directory';
import { matchOrg, orgsNamedExactly, orgsStartingWith, orgsWithInitials, rankOrgs } from '../../answers/org-match';
import { adoptOrgIndex, orgIndexJson } from '../../identifiers/org-name-index';
import { normaliseName } from '../../identifiers/org-name-normalise';

const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function syncedRig(): Promise<SyncRig> {
  const r = await createRig({ dataset: smallDemoTenant(4) });
  rigs.push(r);
  await sync(r);
  return r;
}

async function sync(r: SyncRig): Promise<void> {
  const res = await runSync({ store: r.temp.store, client: r.client });
  if (!res.ok || res.value.status !== 'ok') throw new Error('sync failed');
}

const ORGS: OrgCandidate[] = [
  { id: 1, name: 'Acme Corp' },
  { id: 2, name: 'Acme Dental, LLC', shortName: 'ADENT' },
  { id: 3, name: 'Société Générale Québec Inc.' },
  { id: 4, name: "O'Brien Plumbing", shortName: 'OBP' },
  { id: 5, name: 'The Maple Street Bakery Company', shortName: '  ' },
  { id: 6, name: 'J & J Snack Foods' },
  { id: 7, name: 'Pinecrest Veterinary Group' },
  { id: 8, name: 'Московский Завод 12' },
  { id: 9, name: '東京 Networks', shortName: '東京' },
  { id: 10, name: 'Home Instead' },
  { id: 11, name: 'Home Depot' },
];

describe('org name index kept as JSON', () => {
  it('matches exactly as the index built from the names, for any question', () => {
    const stored = Object.freeze(ORGS.map((o) => ({ ...o, shortName: o.shortName ?? null })));
    expect(adoptOrgIndex(stored, JSON.parse(orgIndexJson(stored)))).toBe(true);
    const fresh = ORGS.map((o) => ({ ...o }));
    const same = (q: string): void => {
      const ids = (list: readonly OrgCandidate[]): number[] => list.map((o) => o.id);
      const m = (list: readonly OrgCandidate[]): unknown => {
        const r = matchOrg(q, list);
        return r.kind === 'match' ? [r.kind, r.org.id, r.score, r.how] : r.kind === 'ambiguous' ? [r.kind, ids(r.candidates)] : [r.kind, ids(r.suggestions)];
      };
      expect(m(stored), q).toEqual(m(fresh));
      expect(ids(orgsNamedExactly(q, stored))).toEqual(ids(orgsNamedExactly(q, fresh)));
      expect(ids(orgsStartingWith(q, stored))).toEqual(ids(orgsStartingWith(q, fresh)));
      expect(ids(orgsWithInitials(q, stored))).toEqual(ids(orgsWithInitials(q, fresh)));
      expect(rankOrgs(q, stored).map((h) => [h.org.id, h.score])).toEqual(rankOrgs(q, fresh).map((h) => [h.org.id, h.score]));
    };
    for (const q of ['acme', 'acme dental', 'adent', 'societe generale', 'obrien', 'maple st bakery', 'j&j', 'pvg', 'завод', '東京', 'home', 'hom depot', 'nothing like it']) same(q);
    const words = ORGS.flatMap((o) => o.name.split(/\s+/));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }), fc.nat(3), (picked, cut) => {
        const q = picked.join(' ');
        same(q.slice(0, Math.max(1, q.length - cut)));
      }),
      { numRuns: 200 },
    );
  });

  it('is refused when its shape is not the one written or the list is not frozen', () => {
    const list = Object.freeze([{ id: 1, name: 'Acme' }]);
    const good = JSON.parse(orgIndexJson(list)) as Record<string, unknown>;
    expect(adoptOrgIndex([{ id: 1, name: 'Acme' }], good)).toBe(false);
    expect(adoptOrgIndex(list, { ...good, packed: [] })).toBe(false);
    expect(adoptOrgIndex(list, { ...good, byInitial: {} })).toBe(false);
    expect(adoptOrgIndex(list, { ...good, byLength: [4] })).toBe(false);
    expect(adoptOrgIndex(list, good)).toBe(true);
    expect(adoptOrgIndex(list, null)).toBe(false);
  });

  // A change to normaliseName that alters these needs DIRECTORY_VERSION bumped: directories built
  // by the old one would otherwise be taken for the new one's.
  it('pins the normal form of directory version 1', () => {
    expect(DIRECTORY_VERSION).toBe(1);
    expect(normaliseName('The Maple Street Bakery, L.L.C.')).toEqual({ tokens: ['maple', 'street', 'bakery'], compact: 'maplestreetbakery', alt: { tokens: ['maple', 'st', 'bakery'], compact: 'maplestbakery' } });
    expect(normaliseName('Société Générale & Fils Inc.')).toEqual({ tokens: ['societe', 'generale', 'fils'], compact: 'societegeneralefils', alt: null });
    expect(normaliseName('O’Brien Technologies')).toEqual({ tokens: ['obrien', 'technologies'], compact: 'obrientechnologies', alt: { tokens: ['obrien', 'tech'], compact: 'obrientech' } });
  });
});

describe('org directory in a synced store', () => {
  it('is written by the sync and lists what the store lists, in the same order', async () => {
    const r = await syncedRig();
    const db = r.temp.store.db;
    const orgs = readOrgDirectory(db);
    expect(orgs).not.toBeNull();
    expect(orgs).toEqual(liveOrgs(db));
    expect(orgs?.length).toBe(4);
    // A sync that changed no organization leaves it as it was.
    await sync(r);
    expect(writeOrgDirectory(db)).toBe(false);
  });

  it('is set aside when anyone renames, deletes or restores an organization, until the next sync writes it again', async () => {
    const r = await syncedRig();
    const db = r.temp.store.db;
    const [first, second] = liveOrgs(db);
    if (!first || !second) throw new Error('organizations expected');

    db.prepare('UPDATE organizations SET name = ? WHERE id = ?').run('Halcyon Orchard Partners', first.id);
    expect(readOrgDirectory(db)).toBeNull();
    const ctx = createSearchContext(r.temp.store);
    expect(matchOrg('halcyon orchard', ctx.orgs())).toMatchObject({ kind: 'match', org: { id: first.id } });
    expect(writeOrgDirectory(db)).toBe(true);
    expect(matchOrg('halcyon orchard', readOrgDirectory(db) ?? [])).toMatchObject({ kind: 'match', org: { id: first.id } });

    const record = db.prepare<[number], { rowid: number }>('SELECT record_rowid AS rowid FROM organizations WHERE id = ?').get(second.id)?.rowid;
    db.prepare("UPDATE records SET deleted_at = '2026-01-23T00:00:00Z' WHERE rowid = ?").run(record);
    expect(readOrgDirectory(db)).toBeNull();
    expect(createSearchContext(r.temp.store).orgs().map((o) => o.id)).not.toContain(second.id);
    writeOrgDirectory(db);
    expect(readOrgDirectory(db)?.map((o) => o.id)).not.toContain(second.id);
    db.prepare('UPDATE records SET deleted_at = NULL WHERE rowid = ?').run(record);
    expect(readOrgDirectory(db)).toBeNull();

    // Renamed in IT Glue: the next sync writes the directory again.
    r.fake.mutate.update('organizations', String(second.id), { name: 'Zephyr Quantum Logistics' });
    await sync(r);
    expect(matchOrg('zephyr quantum', readOrgDirectory(db) ?? [])).toMatchObject({ kind: 'match', org: { id: second.id } });
  });

  it('is not taken when damaged or of another version; the organizations are listed instead', async () => {
    const r = await syncedRig();
    const db = r.temp.store.db;
    const expected = liveOrgs(db).map((o) => o.id);
    for (const bad of ['{"orgs":', '{"orgs":[],"index":{}}', '[]']) {
      db.prepare('UPDATE org_directory SET blob = ?').run(bad);
      expect(readOrgDirectory(db)).toBeNull();
      expect(createSearchContext(r.temp.store).orgs().map((o) => o.id)).toEqual(expected);
    }
    db.prepare('UPDATE org_directory SET version = ?').run(DIRECTORY_VERSION + 1);
    expect(readOrgDirectory(db)).toBeNull();
    expect(writeOrgDirectory(db)).toBe(true);
    expect(readOrgDirectory(db)?.map((o) => o.id)).toEqual(expected);
  });
});
