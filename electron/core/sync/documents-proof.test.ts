import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../shared/domain';
import { createItGlueClient } from '../itglue/client';
import { startProxy } from '../itglue/fake/proxy';
import { DEMO_API_KEY, startFakeItGlue, type DocumentsNullFilter, type FakeItGlue } from '../itglue/fake/server';
import type { Store } from '../store/open';
import { META_DOCUMENTS_PROOF } from './documents-proof';
import { runSync } from './run-sync';
import { createRig, TODAY, type SyncRig } from './test-helpers';
import type { RunSyncOptions } from './types';

// Issue #16: an organization's documents in one listing (`filter[document_folder_id]=null`) once
// the tenant proves it lists foldered documents that way; per-folder listings otherwise. Real
// store, the fake IT Glue server over HTTP in both behaviours.

const rigs: SyncRig[] = [];
const fakes: FakeItGlue[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
  for (const r of rigs.splice(0)) await r.close();
});
async function rig(documentsNullFilter: DocumentsNullFilter): Promise<SyncRig> {
  const r = await createRig({ documentsNullFilter, logRequests: true });
  rigs.push(r);
  return r;
}
async function sync(r: SyncRig, opts: Partial<RunSyncOptions> = {}) {
  const res = await runSync({ store: r.temp.store, client: r.client, ...opts });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

/** The documents listings a fake served: whole (`=null`), per folder, or neither (the probe's). */
function documentRequests(fake: FakeItGlue): { whole: number; perFolder: number } {
  let whole = 0;
  let perFolder = 0;
  for (const entry of fake.stats().log ?? []) {
    const url = new URL(entry, 'http://x');
    if (!/^\/organizations\/\d+\/relationships\/documents$/.test(url.pathname)) continue;
    const filter = url.searchParams.get('filter[document_folder_id]');
    if (filter === 'null') whole++;
    else if (filter !== null) perFolder++;
  }
  return { whole, perFolder };
}

/** A full sync, one listing at a time, cancelled at the first progress event for which `when` holds. */
async function fullSyncStopped(r: SyncRig, when: (p: SyncProgress) => boolean) {
  const stop = new AbortController();
  return runSync({ store: r.temp.store, client: r.client, full: true, concurrency: 1, signal: stop.signal, onProgress: (p) => void (when(p) && stop.abort()) });
}

const liveDocs = (store: Store): string[] =>
  store.db
    .prepare<[], { itglue_id: string }>("SELECT itglue_id FROM records WHERE type = 'documents' AND deleted_at IS NULL ORDER BY CAST(itglue_id AS INTEGER)")
    .all()
    .map((x) => x.itglue_id);
const served = (fake: FakeItGlue): string[] => (fake.dataset.documents?.data ?? []).map((d) => d.id).sort((a, b) => Number(a) - Number(b));
const proof = (store: Store): string | null => store.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(META_DOCUMENTS_PROOF)?.value || null;

/** A client for the fake behind a proxy that answers `refuse(url)`'s status instead where it returns one. */
async function refusing(fake: FakeItGlue, refuse: (url: string) => { status: number; detail: string } | null): Promise<{ client: ReturnType<typeof createItGlueClient>; close(): Promise<void> }> {
  const proxy = await startProxy(fake.url, (req, res) => {
    const answer = refuse(req.url ?? '');
    if (!answer) return false;
    res.writeHead(answer.status, { 'Content-Type': 'application/vnd.api+json' }).end(JSON.stringify({ errors: [{ status: String(answer.status), title: 'Refused', detail: answer.detail }] }));
    return true;
  });
  return { client: createItGlueClient({ baseUrl: proxy.url, apiKey: DEMO_API_KEY, backoffBaseMs: 5, budget: { requests: 100_000, windowMs: 300_000 } }), close: proxy.close };
}

const folderRequests = (fake: FakeItGlue): number => (fake.stats().log ?? []).filter((entry) => entry.includes('/relationships/document_folders')).length;
const documentText = (store: Store, id: string): { path: unknown; body: string } => {
  const row = store.db.prepare<[string], { attrs: string; body: string }>("SELECT attrs, body FROM records WHERE type = 'documents' AND itglue_id = ?").get(id);
  return { path: JSON.parse(row?.attrs ?? '{}')['document-folder-path'], body: row?.body ?? '' };
};

describe('documents in one listing per organization once the tenant proves it', () => {
  it("on a tenant that lists every document for =null: all stored, no per-folder listing, fewer requests than folder by folder; re-syncs delete nothing and sweep what IT Glue deleted", async () => {
    const all = await rig('all');
    const root = await rig('root');
    expect(served(all.fake).length).toBeGreaterThan(0);

    const s = await sync(all, { full: true });
    expect(s).toMatchObject({ status: 'ok', warnings: [] });
    expect(liveDocs(all.temp.store)).toEqual(served(all.fake));
    expect(documentRequests(all.fake).perFolder).toBe(0);
    expect(JSON.parse(proof(all.temp.store) ?? '{}')).toMatchObject({ org: expect.any(String), document: expect.any(String) });
    // Documents whose folder IT Glue gave keep the folder's path, as with per-folder listings.
    const nested = all.fake.dataset.documents?.data.find((d) => d.attributes.name === 'Firewall change runbook');
    const attrs = all.temp.store.db.prepare<[string], { attrs: string }>("SELECT attrs FROM records WHERE type = 'documents' AND itglue_id = ?").get(nested?.id ?? '');
    expect(JSON.parse(attrs?.attrs ?? '{}')['document-folder-path']).toBe('Runbooks / Network');

    const folderByFolder = await sync(root, { full: true });
    expect(folderByFolder.status).toBe('ok');
    const perOrg = documentRequests(root.fake);
    expect(perOrg.perFolder).toBe(root.fake.dataset.document_folders?.data.length);
    expect(s.requests).toBe(folderByFolder.requests - perOrg.perFolder);

    // An incremental re-sync lists only changes, so no foldered document proves anything: the
    // stored proof spares the per-folder listings, and the id sweep in the same form keeps them all.
    all.fake.resetStats();
    const again = await sync(all);
    expect(again).toMatchObject({ kind: 'incremental', status: 'ok', warnings: [] });
    expect(again.counts.documents.deleted).toBe(0);
    expect(liveDocs(all.temp.store)).toEqual(served(all.fake));
    expect(documentRequests(all.fake).perFolder).toBe(0);
    expect(await sync(all, { full: true })).toMatchObject({ status: 'ok', counts: { documents: { deleted: 0 } } });

    // A foldered document deleted in IT Glue is swept by the next incremental and full syncs.
    const [gone, later] = (all.fake.dataset.documents?.data ?? []).filter((d) => d.attributes['document-folder-id'] !== null);
    if (!gone || !later) throw new Error('demo tenant has too few foldered documents');
    all.fake.mutate.remove('documents', gone.id);
    expect(await sync(all)).toMatchObject({ status: 'ok', counts: { documents: { deleted: 1 } } });
    expect(liveDocs(all.temp.store)).not.toContain(gone.id);
    all.fake.mutate.remove('documents', later.id);
    expect(await sync(all, { full: true })).toMatchObject({ status: 'ok', counts: { documents: { deleted: 1 } } });
    expect(liveDocs(all.temp.store)).toEqual(served(all.fake));
  }, 60_000);

  it('on a tenant that lists only root documents for =null: per-folder listings keep every foldered document, nothing is swept wrongly, no proof is kept', async () => {
    const r = await rig('root');
    const s = await sync(r, { full: true });
    expect(s).toMatchObject({ status: 'ok', warnings: [] });
    expect(liveDocs(r.temp.store)).toEqual(served(r.fake));
    expect(proof(r.temp.store)).toBeNull();
    const orgs = r.fake.dataset.organizations?.data.length ?? 0;
    // Every organization's documents listing asks with =null (the probe's own request does not).
    expect(documentRequests(r.fake)).toEqual({ whole: orgs, perFolder: r.fake.dataset.document_folders?.data.length });

    const inc = await sync(r);
    expect(inc).toMatchObject({ kind: 'incremental', status: 'ok', counts: { documents: { deleted: 0 } } });
    expect(await sync(r, { full: true })).toMatchObject({ status: 'ok', counts: { documents: { deleted: 0 } } });
    expect(liveDocs(r.temp.store)).toEqual(served(r.fake));
    const foldered = r.fake.dataset.documents?.data.find((d) => d.attributes['document-folder-id'] !== null);
    if (!foldered) throw new Error('demo tenant has no foldered document');
    r.fake.mutate.remove('documents', foldered.id);
    expect(await sync(r)).toMatchObject({ status: 'ok', counts: { documents: { deleted: 1 } } });
    expect(liveDocs(r.temp.store)).toEqual(served(r.fake));
  }, 60_000);

  it('keeps the proof across a cancelled run, its resume and a restart', async () => {
    const r = await rig('all');
    // Organizations without folders after the demo ones (which have them, so the proof comes
    // first): the run is still listing their documents when it is stopped.
    for (let i = 1; i <= 150; i++) {
      const org = r.fake.mutate.add('organizations', { attributes: { name: `Branch ${i}` } });
      r.fake.mutate.add('documents', { attributes: { name: `Branch ${i} handbook`, 'organization-id': Number(org), 'document-folder-id': null, archived: false } });
    }
    // Stopped as soon as the proof is committed, amid the organizations' documents listings.
    const cancelled = await fullSyncStopped(r, () => proof(r.temp.store) !== null);
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    expect(proof(r.temp.store)).not.toBeNull();

    r.fake.resetStats();
    const resumed = await sync(r, { concurrency: 1 });
    expect(resumed).toMatchObject({ resumed: true, status: 'ok' });
    // The listings left were read with =null only: the stored proof spared their folders.
    expect(documentRequests(r.fake).whole).toBeGreaterThan(0);
    expect(documentRequests(r.fake).perFolder).toBe(0);
    expect(liveDocs(r.temp.store)).toEqual(served(r.fake));

    // A restart: the store opened again knows the tenant is proven.
    r.temp.store.close();
    r.temp.store = r.temp.reopen();
    r.fake.mutate.add('documents', { attributes: { name: 'Added after the restart', 'organization-id': Number(r.fake.dataset.organizations?.data[2]?.id), 'document-folder-id': null, archived: false } });
    r.fake.resetStats();
    const afterRestart = await sync(r);
    expect(afterRestart).toMatchObject({ kind: 'incremental', status: 'ok', counts: { documents: { deleted: 0 } } });
    expect(documentRequests(r.fake).perFolder).toBe(0);
    expect(liveDocs(r.temp.store)).toEqual(served(r.fake));
  }, 60_000);

  it.each([
    ['all', 'every document, without folder paths', /documents were synced without their folder paths/],
    ['root', 'root documents only', /only documents at the root of each organization were synced/],
  ] as const)('on a key refused Document Folders and a tenant that lists %s for =null: %s, said so', async (nullFilter, _what, notice) => {
    const r = await rig(nullFilter);
    // Before the Document Folders rollout IT Glue answered an API key 401 on folders only.
    const proxy = await refusing(r.fake, (url) => (url.includes('/relationships/document_folders') ? { status: 401, detail: 'Only supported for JWT requests' } : null));
    try {
      const res = await runSync({ store: r.temp.store, client: proxy.client, full: true });
      if (!res.ok) throw new Error(res.error.message);
      expect(res.value.status).toBe('ok');
      expect(res.value.warnings.join('\n')).toMatch(notice);
      const docs = r.fake.dataset.documents?.data ?? [];
      const expected = nullFilter === 'all' ? docs : docs.filter((d) => d.attributes['document-folder-id'] === null);
      expect(liveDocs(r.temp.store)).toEqual(expected.map((d) => d.id).sort((a, b) => Number(a) - Number(b)));
      expect(documentRequests(r.fake).perFolder).toBe(0);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it.each([
    ['an incremental sync (its id listing)', false],
    ['a full sync (what it stored)', true],
  ])('drops the proof when IT Glue stops listing foldered documents for =null, caught by %s, and loses nothing', async (_what, full) => {
    const r = await rig('all');
    await sync(r, { full: true });
    expect(proof(r.temp.store)).not.toBeNull();
    const before = liveDocs(r.temp.store);

    // Same account, same data: the tenant now reads =null as "root only".
    const changed = await startFakeItGlue({ today: TODAY, dataset: r.fake.dataset, documentsNullFilter: 'root', logRequests: true });
    fakes.push(changed);
    const client = createItGlueClient({ baseUrl: changed.url, apiKey: DEMO_API_KEY, backoffBaseMs: 5, budget: { requests: 100_000, windowMs: 300_000 }, concurrency: 6 });
    const res = await runSync({ store: r.temp.store, client, full });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value).toMatchObject({ status: 'ok', counts: { documents: { deleted: 0 } } });
    expect(res.value.warnings.join('\n')).toMatch(/left out the foldered documents of \d+ organizations .*listed folder by folder again/);
    expect(liveDocs(r.temp.store)).toEqual(before);
    expect(proof(r.temp.store)).toBeNull();
    // The same run fell back to per-folder listings, so its sweep still ran on complete listings.
    expect(documentRequests(changed).perFolder).toBe(changed.dataset.document_folders?.data.length);

    // From here on the store syncs folder by folder; a foldered document deleted is still swept.
    const foldered = changed.dataset.documents?.data.find((d) => d.attributes['document-folder-id'] !== null);
    if (!foldered) throw new Error('demo tenant has no foldered document');
    changed.mutate.remove('documents', foldered.id);
    const next = await runSync({ store: r.temp.store, client });
    expect(next.ok && next.value).toMatchObject({ status: 'ok', warnings: [], counts: { documents: { deleted: 1 } } });
    expect(liveDocs(r.temp.store)).toEqual(before.filter((id) => id !== foldered.id));
  }, 60_000);

  it('never sweeps every stored document because a sync listed none at all', async () => {
    const r = await rig('all');
    await sync(r, { full: true });
    const before = liveDocs(r.temp.store);
    for (const d of [...(r.fake.dataset.documents?.data ?? [])]) r.fake.mutate.remove('documents', d.id);
    for (const full of [false, true]) {
      const s = await sync(r, { full });
      expect(s).toMatchObject({ status: 'ok', counts: { documents: { deleted: 0 } } });
      expect(s.warnings.join('\n')).toMatch(/IT Glue listed no documents at all this time; deleted documents were not checked/);
      expect(liveDocs(r.temp.store)).toEqual(before);
    }
  }, 60_000);

  it('on a proven tenant, lists the folders after "searchable" and fills the documents\' folder paths then; a folder renamed in IT Glue renames the path of documents that did not change', async () => {
    const r = await rig('all');
    let atSearchable = -1;
    const s = await sync(r, { full: true, onProgress: (p) => void (p.message.startsWith('Searchable:') && (atSearchable = folderRequests(r.fake))) });
    expect(s).toMatchObject({ status: 'ok', warnings: [] });
    // Nothing a technician searches for waited for the folders; every folder was listed after.
    expect(atSearchable).toBe(0);
    expect(folderRequests(r.fake)).toBeGreaterThanOrEqual(r.fake.dataset.organizations?.data.length ?? 1);
    expect(liveDocs(r.temp.store)).toEqual(served(r.fake));
    const nested = r.fake.dataset.documents?.data.find((d) => d.attributes.name === 'Firewall change runbook');
    if (!nested) throw new Error('demo tenant has no nested document');
    expect(documentText(r.temp.store, nested.id)).toEqual({ path: 'Runbooks / Network', body: expect.stringContaining('Folder: Runbooks / Network') });

    // Renaming the parent folder changes no document in IT Glue: the incremental listing does
    // not re-read the document, the folder listing carries the new name into its path.
    const parent = r.fake.dataset.document_folders?.data.find((f) => f.attributes.name === 'Runbooks');
    if (!parent) throw new Error('demo tenant has no Runbooks folder');
    r.fake.mutate.update('document_folders', parent.id, { name: 'Playbooks' });
    const listedBy = r.temp.store.db.prepare<[string], { run: string | null }>("SELECT last_seen_run AS run FROM records WHERE type = 'documents' AND itglue_id = ?");
    const firstRun = listedBy.get(nested.id)?.run;
    const again = await sync(r);
    expect(again).toMatchObject({ kind: 'incremental', status: 'ok', warnings: [], counts: { documents: { written: 0, deleted: 0 } } });
    expect(documentText(r.temp.store, nested.id)).toEqual({ path: 'Playbooks / Network', body: expect.stringContaining('Folder: Playbooks / Network') });
    // A rewritten path is not IT Glue listing the document again: it keeps the run that did.
    expect(listedBy.get(nested.id)?.run).toBe(firstRun);
  }, 60_000);

  it('a run stopped amid the folder listings after "searchable" resumes them without listing documents again, and fills every path', async () => {
    const r = await rig('all');
    const cancelled = await fullSyncStopped(r, (p) => p.resourceType === 'document-folders' && folderRequests(r.fake) >= 2);
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    const listedBefore = new Set((r.fake.stats().log ?? []).filter((e) => e.includes('/relationships/document_folders')).map((e) => new URL(e, 'http://x').pathname));
    expect(listedBefore.size).toBeGreaterThan(0);

    r.fake.resetStats();
    expect(await sync(r)).toMatchObject({ resumed: true, status: 'ok', warnings: [] });
    const listedAfter = (r.fake.stats().log ?? []).filter((e) => e.includes('/relationships/document_folders')).map((e) => new URL(e, 'http://x').pathname);
    // The resumed run listed the folders of the organizations not done (again at most the one in
    // flight when it stopped: one listing at a time), and no documents again.
    expect(listedAfter.filter((path) => listedBefore.has(path)).length).toBeLessThanOrEqual(1);
    expect(new Set([...listedBefore, ...listedAfter]).size).toBe(r.fake.dataset.organizations?.data.length);
    expect(documentRequests(r.fake)).toEqual({ whole: 0, perFolder: 0 });
    const nested = r.fake.dataset.documents?.data.find((d) => d.attributes.name === 'Firewall change runbook');
    expect(documentText(r.temp.store, nested?.id ?? '').path).toBe('Runbooks / Network');
  }, 60_000);

  it('a folder listing that fails after "searchable" costs its paths and the folders sweep, never a document or a document\'s sections', async () => {
    const r = await rig('all');
    const org = r.fake.dataset.organizations?.data[0]?.id ?? '';
    const proxy = await refusing(r.fake, (url) => (url.includes(`/organizations/${org}/relationships/document_folders`) ? { status: 422, detail: 'Unprocessable' } : null));
    try {
      const res = await runSync({ store: r.temp.store, client: proxy.client, full: true });
      if (!res.ok) throw new Error(res.error.message);
      expect(res.value.status).toBe('partial');
      expect(res.value.warnings.join('\n')).toMatch(new RegExp(`document-folders of organization ${org}: .*HTTP 422`));
      expect(res.value.warnings.join('\n')).toMatch(/Deleted document-folders were not checked/);
      expect(liveDocs(r.temp.store)).toEqual(served(r.fake));
      const sections = r.temp.store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM records WHERE type = 'document-sections' AND deleted_at IS NULL").get()?.n ?? 0;
      expect(sections).toBe(r.fake.dataset.document_sections?.data.length);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
