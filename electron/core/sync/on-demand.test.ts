import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItGlueClient, type ItGlueClient } from '../itglue/client';
import { DEMO_API_KEY_NO_PASSWORDS } from '../itglue/fake/server';
import { createReader } from '../store/reader';
import { revealSecret } from '../store/vault';
import { createWriter } from '../store/writer';
import { ensureDetails, pendingUnit } from './on-demand';
import { runSync } from './run-sync';
import { createRig, smallDemoTenant, type SyncRig } from './test-helpers';

const num = (v: unknown): number => Number(v);

/** A store whose first sync stopped at "Searchable": every listing in, no detail written yet. */
async function listingsOnly(rig: SyncRig): Promise<void> {
  const abort = new AbortController();
  await runSync({ store: rig.temp.store, client: rig.client, full: true, signal: abort.signal, onProgress: (p) => p.message.startsWith('Searchable:') && abort.abort() });
}

const clientFor = (baseUrl: string, apiKey: string): ItGlueClient => createItGlueClient({ baseUrl, apiKey, retries: 1, backoffBaseMs: 5 });

describe('on-demand details for one record', () => {
  let rig: SyncRig;
  let fetchedConfig = '';
  let fetchedPassword = '';
  const requests = (): string[] => rig.fake.stats().log ?? [];
  beforeAll(async () => {
    rig = await createRig({ dataset: smallDemoTenant(3), logRequests: true });
    await listingsOnly(rig);
  });
  afterAll(() => rig.close());

  it('fetches a pending configuration’s related items with one show request, then never again', async () => {
    const db = rig.temp.store.db;
    expect(db.prepare("SELECT count(*) AS n FROM relations WHERE source = 'detail'").get()).toEqual({ n: 0 });
    const withRelated = rig.fake.dataset.related_items!.data.find((r) => r.attributes['resource-type'] === 'Configuration')!;
    const id = String(num(withRelated.attributes['resource-id']));
    fetchedConfig = id;
    const reader = createReader(rig.temp.store);
    expect(reader.related('configurations', id).filter((r) => r.direction === 'up')).toEqual([]);
    rig.fake.resetStats();

    expect(await ensureDetails({ store: rig.temp.store, client: rig.client, type: 'configurations', id })).toEqual({ status: 'fetched' });
    expect(requests()).toEqual([expect.stringMatching(new RegExp(`^/configurations/${id}\\?include=related_items(%2C|,)attachments$`))]);
    expect(reader.related('configurations', id).filter((r) => r.direction === 'up').length).toBeGreaterThan(0);

    // Written now: the next open makes no request.
    expect(await ensureDetails({ store: rig.temp.store, client: rig.client, type: 'configurations', id })).toEqual({ status: 'complete' });
    expect(requests()).toHaveLength(1);
  });

  it('fetches a pending password value for a reveal', async () => {
    // The last one: the probe reads the first (password access) on every sync.
    const pw = rig.fake.dataset.passwords!.data.filter((p) => typeof p.attributes.password === 'string' && p.attributes.password !== '').at(-1)!;
    fetchedPassword = pw.id;
    expect(revealSecret(rig.temp.store, num(pw.id), 'app', 'reveal').ok).toBe(false);
    rig.fake.resetStats();
    expect(await ensureDetails({ store: rig.temp.store, client: rig.client, type: 'passwords', id: pw.id })).toEqual({ status: 'fetched' });
    expect(requests()).toEqual([`/passwords/${pw.id}`]);
    const revealed = revealSecret(rig.temp.store, num(pw.id), 'app', 'reveal');
    expect(revealed.ok && revealed.value.value).toBe(pw.attributes.password);
  });

  it('fetches a pending document’s sections (every page of them)', async () => {
    const withSections = new Set(rig.fake.dataset.document_sections!.data.map((x) => String(x.attributes['document-id'])));
    const doc = rig.fake.dataset.documents!.data.filter((d) => withSections.has(d.id)).at(-1)!;
    const reader = createReader(rig.temp.store);
    expect(reader.documentWithSections(num(doc.id))?.sections ?? []).toEqual([]);
    rig.fake.resetStats();
    expect(await ensureDetails({ store: rig.temp.store, client: rig.client, type: 'documents', id: doc.id })).toEqual({ status: 'fetched' });
    expect(requests().every((l) => l.startsWith(`/documents/${doc.id}/relationships/sections`))).toBe(true);
    const expected = rig.fake.dataset.document_sections!.data.filter((x) => String(x.attributes['document-id']) === doc.id).length;
    expect(reader.documentWithSections(num(doc.id))?.sections.length).toBe(expected);
  });

  it('without a client, offline, with a rejected key or no Password Access: the listed fields and a note, never a throw', async () => {
    const configs = rig.fake.dataset.configurations!.data;
    const [a, b, c] = configs.slice(-3).map((x) => x.id);
    const none = await ensureDetails({ store: rig.temp.store, client: null, type: 'configurations', id: a! });
    expect(none).toMatchObject({ status: 'pending', reason: 'not-connected', note: expect.stringContaining('related items') });

    // A closed port: connection refused.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const t0 = performance.now();
    const offline = await ensureDetails({ store: rig.temp.store, client: clientFor(`http://127.0.0.1:${port}`, 'ITG.x'), type: 'configurations', id: a! });
    expect(offline).toMatchObject({ status: 'pending', reason: 'offline', note: expect.stringContaining('could not be reached') });
    expect(performance.now() - t0).toBeLessThan(2000);

    const rejected = await ensureDetails({ store: rig.temp.store, client: clientFor(rig.fake.url, 'ITG.not-a-key-secret-123'), type: 'configurations', id: b! });
    expect(rejected).toMatchObject({ status: 'pending', reason: 'key-rejected' });
    expect(JSON.stringify(rejected)).not.toContain('not-a-key-secret-123');

    const pw = rig.fake.dataset.passwords!.data.find((p) => typeof p.attributes.password === 'string' && p.attributes.password !== '' && !revealSecret(rig.temp.store, num(p.id), 'app', 'reveal').ok)!;
    const noAccess = await ensureDetails({ store: rig.temp.store, client: clientFor(rig.fake.url, DEMO_API_KEY_NO_PASSWORDS), type: 'passwords', id: pw.id });
    expect(noAccess).toMatchObject({ status: 'pending', reason: 'no-access', note: expect.stringContaining('Password Access') });

    // Deleted in IT Glue since it was listed: 404, said plainly.
    rig.fake.mutate.remove('configurations', c!);
    const gone = await ensureDetails({ store: rig.temp.store, client: rig.client, type: 'configurations', id: c! });
    expect(gone).toMatchObject({ status: 'pending', reason: 'gone', note: expect.stringContaining('no longer has this record') });
  });

  it('answers with a note after the timeout when IT Glue does not answer', async () => {
    const hung: Server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    try {
      const id = rig.fake.dataset.configurations!.data.at(-4)!.id;
      const client = createItGlueClient({ baseUrl: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`, apiKey: 'ITG.x', retries: 1, timeoutMs: 1500 });
      const t0 = performance.now();
      const r = await ensureDetails({ store: rig.temp.store, client, type: 'configurations', id, timeoutMs: 300 });
      expect(r).toMatchObject({ status: 'pending', reason: 'timeout', note: expect.stringContaining('still on their way') });
      expect(performance.now() - t0).toBeLessThan(1200);
    } finally {
      hung.closeAllConnections();
      await new Promise<void>((r) => hung.close(() => r()));
    }
  });

  it('reads "pending" from the pass’s cursor: past the written prefix and not written ahead', () => {
    const ids = rig.fake.dataset.documents!.data.map((d) => Number(d.id)).sort((x, y) => x - y).slice(0, 4);
    createWriter(rig.temp.store).setCheckpoint({
      resource: 'details:document-sections',
      scope: '*',
      cursor: JSON.stringify({ after: ids[1], rank: 1, full: true, w: null, ahead: [ids[3]] }),
      lastUpdatedAt: null,
      runId: 'r1',
    });
    const row = (id: number) => ({ id, updated_at: '2026-01-01T00:00:00.000Z', type_name: null, has_value: null });
    expect(ids.map((id) => pendingUnit(rig.temp.store.db, 'documents', id, row(id))?.kind ?? null)).toEqual([null, null, 'document-sections', null]);
  });

  it('the resumed pass skips what was fetched on demand during its run and keeps it; then nothing is pending', async () => {
    const related = (id: string) => createReader(rig.temp.store).related('configurations', id).filter((r) => r.direction === 'up').length;
    const before = related(fetchedConfig);
    expect(before).toBeGreaterThan(0);
    rig.fake.resetStats();
    const done = await runSync({ store: rig.temp.store, client: rig.client, full: false });
    expect(done.ok && done.value.status).toMatch(/ok|partial/);
    const log = requests();
    expect(log.filter((l) => l.startsWith('/configurations/')).length).toBeGreaterThan(10);
    expect(log.filter((l) => l.startsWith(`/configurations/${fetchedConfig}?`))).toEqual([]);
    expect(log).not.toContain(`/passwords/${fetchedPassword}`);
    expect(related(fetchedConfig)).toBe(before);
    rig.fake.resetStats();
    for (const type of ['configurations', 'flexible-assets', 'documents', 'passwords'] as const) {
      const key = type === 'flexible-assets' ? 'flexible_assets' : type;
      const id = rig.fake.dataset[key]!.data.find((r) => type !== 'passwords' || (typeof r.attributes.password === 'string' && r.attributes.password !== ''))!.id;
      expect(await ensureDetails({ store: rig.temp.store, client: rig.client, type, id })).toEqual({ status: 'complete' });
    }
    expect(rig.fake.stats().requests).toBe(0);
  });
});
