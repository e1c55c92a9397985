import { afterEach, describe, expect, it } from 'vitest';
import type { FakeResource } from '../itglue/fake/server';
import { noteOrgInterest } from '../store/index';
import { detailRank } from './details-runner';
import { runSync } from './run-sync';
import { createRig, type SyncRig } from './test-helpers';

const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

const rig = async (): Promise<SyncRig> => {
  const r = await createRig({ logRequests: true }, undefined, { concurrency: 2 });
  rigs.push(r);
  return r;
};

/** One detail request as the fake server logged it: which pass, which record. */
interface DetailHit {
  at: number;
  kind: 'password' | 'configuration' | 'flexible-asset' | 'sections';
  id: number;
}

/** The detail requests of a sync's log; the probe's requests (one password show) come before the first listing and are left out. */
function detailHits(log: readonly string[]): DetailHit[] {
  const out: DetailHit[] = [];
  const listingsFrom = log.findIndex((line) => line.includes('page[number]=1'));
  log.forEach((line, at) => {
    if (at < listingsFrom) return;
    const path = line.split('?')[0] ?? '';
    const m = /^\/(passwords|configurations|flexible_assets)\/(\d+)$/.exec(path);
    const sections = /^\/documents\/(\d+)\/relationships\/sections$/.exec(path);
    if (sections) return void out.push({ at, kind: 'sections', id: Number(sections[1]) });
    if (!m) return;
    const kind = m[1] === 'passwords' ? 'password' : m[1] === 'configurations' ? 'configuration' : 'flexible-asset';
    out.push({ at, kind, id: Number(m[2]) });
  });
  return out;
}

const orgOf = (r: FakeResource): number => Number(r.attributes['organization-id']);
const typeOf = (r: FakeResource): string | null => {
  const t = r.attributes['configuration-type-name'];
  return typeof t === 'string' ? t : null;
};

describe('the details queue', () => {
  it('fetches password values and servers before workstations, each record once', async () => {
    const r = await rig();
    const res = await runSync({ store: r.temp.store, client: r.client, full: true, detailBatch: 4 });
    expect(res.ok && res.value.status).toBe('ok');
    const hits = detailHits(r.fake.stats().log ?? []);
    const configs = new Map((r.fake.dataset.configurations?.data ?? []).map((c) => [Number(c.id), c]));
    const rankOf = (h: DetailHit): number => detailRank(typeOf(configs.get(h.id) as FakeResource));
    const workstations = hits.filter((h) => h.kind === 'configuration' && rankOf(h) === 2);
    const firstWorkstation = Math.min(...workstations.map((h) => h.at));
    const passwords = hits.filter((h) => h.kind === 'password');
    const servers = hits.filter((h) => h.kind === 'configuration' && rankOf(h) === 0);
    expect(workstations.length).toBeGreaterThan(0);
    expect(passwords.length).toBe(r.fake.dataset.passwords?.data.length);
    expect(servers.length).toBeGreaterThan(0);
    // Every password value and every server's related items were asked for before the first workstation's.
    expect(Math.max(...passwords.map((h) => h.at))).toBeLessThan(firstWorkstation);
    expect(Math.max(...servers.map((h) => h.at))).toBeLessThan(firstWorkstation);
    // Flexible assets and documents (the middle tier) start once passwords and servers are all under way.
    const middle = hits.filter((h) => h.kind === 'flexible-asset' || h.kind === 'sections');
    const lastFirstTier = Math.max(...[...passwords, ...servers].map((h) => h.at));
    expect(middle.filter((h) => h.at < lastFirstTier - 8).length).toBe(0);
    // No record fetched twice.
    const keys = hits.map((h) => `${h.kind}:${h.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('serves an organization the technician is working on first, workstations included, then the normal order', async () => {
    const r = await rig();
    const configs = r.fake.dataset.configurations?.data ?? [];
    // The org with the most workstations, so "first" is not what the normal order would do anyway.
    const counts = new Map<number, number>();
    for (const c of configs) if (detailRank(typeOf(c)) === 2) counts.set(orgOf(c), (counts.get(orgOf(c)) ?? 0) + 1);
    const org = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] as number;
    expect(noteOrgInterest(r.temp.store.db, org, 'asked')).toBe(true);
    const res = await runSync({ store: r.temp.store, client: r.client, full: true, detailBatch: 4, priorityPollMs: 0 });
    expect(res.ok && res.value.status).toBe('ok');
    const hits = detailHits(r.fake.stats().log ?? []);
    const byId = new Map(configs.map((c) => [Number(c.id), c]));
    const configHits = hits.filter((h) => h.kind === 'configuration');
    const ours = configs.filter((c) => orgOf(c) === org).length;
    expect(ours).toBeGreaterThan(0);
    // The org's configurations (servers to workstations) are the first ones shown.
    expect(configHits.slice(0, ours).every((h) => orgOf(byId.get(h.id) as FakeResource) === org)).toBe(true);
    // Its passwords' values come first too.
    const pw = new Map((r.fake.dataset.passwords?.data ?? []).map((p) => [Number(p.id), p]));
    const ourPasswords = [...pw.values()].filter((p) => orgOf(p) === org).length;
    const pwHits = hits.filter((h) => h.kind === 'password');
    expect(pwHits.slice(0, ourPasswords).every((h) => orgOf(pw.get(h.id) as FakeResource) === org)).toBe(true);
    // The rest follows the normal order: servers before workstations among the other orgs.
    const rest = configHits.slice(ours).map((h) => detailRank(typeOf(byId.get(h.id) as FakeResource)));
    expect(rest.indexOf(2)).toBeGreaterThan(rest.lastIndexOf(0));
    const keys = hits.map((h) => `${h.kind}:${h.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('an org noted while the details run jumps the queue of the running passes', async () => {
    const r = await rig();
    const configs = r.fake.dataset.configurations?.data ?? [];
    const byId = new Map(configs.map((c) => [Number(c.id), c]));
    // The org whose configurations the normal order would reach last.
    const org = orgOf(configs.filter((c) => detailRank(typeOf(c)) === 2).sort((a, b) => Number(b.id) - Number(a.id))[0] as FakeResource);
    let notedAt = -1;
    const res = await runSync({
      store: r.temp.store,
      client: r.client,
      full: true,
      detailBatch: 2,
      priorityPollMs: 0,
      onProgress: (p) => {
        if (notedAt < 0 && p.phase === 'details' && p.resourceType === 'configurations') {
          // As the app does when the technician opens the org (its own connection to the store).
          noteOrgInterest(r.temp.store.db, org, 'opened');
          notedAt = r.fake.stats().requests;
        }
      },
    });
    expect(res.ok && res.value.status).toBe('ok');
    expect(notedAt).toBeGreaterThan(0);
    const configHits = detailHits(r.fake.stats().log ?? []).filter((h) => h.kind === 'configuration');
    const after = configHits.filter((h) => h.at >= notedAt);
    const shownBefore = new Set(configHits.filter((h) => h.at < notedAt).map((h) => h.id));
    const pending = configs.filter((c) => orgOf(c) === org && !shownBefore.has(Number(c.id))).length;
    expect(pending).toBeGreaterThan(0);
    // Past the requests already in flight (2 × the pacer's concurrency), the org's pending configurations come next.
    const positions = after.map((h, i) => (orgOf(byId.get(h.id) as FakeResource) === org ? i : -1)).filter((i) => i >= 0);
    expect(positions.length).toBe(pending);
    expect(Math.max(...positions)).toBeLessThan(pending + 4);
  });

  it('a cancelled pass resumes without fetching again what it wrote ahead of its cursor', async () => {
    const r = await rig();
    const passwords = r.fake.dataset.passwords?.data ?? [];
    // The org whose passwords have the highest ids: written far ahead of the id-order prefix.
    const org = orgOf([...passwords].sort((a, b) => Number(b.id) - Number(a.id))[0] as FakeResource);
    noteOrgInterest(r.temp.store.db, org, 'pinned');
    const controller = new AbortController();
    let written = 0;
    const first = await runSync({
      store: r.temp.store,
      client: r.client,
      full: true,
      detailBatch: 2,
      priorityPollMs: 0,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'secrets' && (written += 1) === 4) controller.abort();
      },
    });
    expect(first.ok && first.value.status).toBe('cancelled');
    const db = r.temp.store.db;
    const stored = db.prepare<[], { id: number }>('SELECT id FROM passwords WHERE has_value = 1').all().map((x) => x.id);
    expect(stored.length).toBeGreaterThan(0);
    const cursor = JSON.parse(db.prepare<[], { cursor: string }>("SELECT cursor FROM sync_state WHERE resource = 'details:password-values'").get()?.cursor ?? '{}') as { ahead?: number[] };
    expect(cursor.ahead?.length).toBeGreaterThan(0);
    r.fake.resetStats();
    const resumed = await runSync({ store: r.temp.store, client: r.client, detailBatch: 2, priorityPollMs: 0 });
    expect(resumed.ok && resumed.value).toMatchObject({ status: 'ok', resumed: true, kind: 'full' });
    const again = detailHits(r.fake.stats().log ?? []).filter((h) => h.kind === 'password' && stored.includes(h.id));
    expect(again).toEqual([]);
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM passwords WHERE has_value = 0').get()?.n).toBe(0);
  });
});
