import { describe, expect, it } from 'vitest';
import { contentHash } from './content-hash';
import { config, flexAsset, iface, org, password, tags } from './fixtures.test-data';
import { createReader } from './reader';
import type { TempStore } from './testing';
import { tempStores } from './test-stores';
import { createWriter } from './writer';

const tempStore = tempStores();
function setup() {
  const t = tempStore();
  const w = createWriter(t.store);
  const r = createReader(t.store);
  const runId = w.startRun('full', 'run-1');
  return { t, w, r, runId, db: t.store.db };
}
const count = (db: TempStore['store']['db'], sql: string): number => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;

describe('writer.applyPage', () => {
  it('is idempotent: the same page twice gives the same content hash and no duplicates', () => {
    const { t, w, db, runId } = setup();
    const page = [config(10, 1, 'SRV-DC01', { 'primary-ip': '10.20.0.5' }), config(11, 1, 'SRV-FS01')];
    const first = w.applyPage({ type: 'configurations', resources: page, runId });
    expect(first).toEqual({ written: 2, added: 2, unchanged: 0, skipped: 0 });
    const hash = contentHash(t.store);
    const second = w.applyPage({ type: 'configurations', resources: page, runId: 'run-2' });
    expect(second).toEqual({ written: 0, added: 0, unchanged: 2, skipped: 0 });
    expect(contentHash(t.store)).toBe(hash);
    expect(count(db, 'SELECT count(*) AS n FROM records')).toBe(2);
    expect(count(db, 'SELECT count(*) AS n FROM configurations')).toBe(2);
    expect(count(db, "SELECT count(*) AS n FROM records WHERE last_seen_run = 'run-2'")).toBe(2);
    expect(count(db, "SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH 'srvdc01'")).toBe(1);
  });

  it('rewrites a changed record in place, keeping its rowid and updating the index', () => {
    const { w, db, runId, r } = setup();
    w.applyPage({ type: 'configurations', resources: [config(10, 1, 'SRV-DC01')], runId });
    const before = r.getRecord('configurations', '10');
    // Counted as changed, not added: the sync summary says "1 changed".
    expect(w.applyPage({ type: 'configurations', resources: [config(10, 1, 'SRV-DC02')], runId })).toEqual({ written: 1, added: 0, unchanged: 0, skipped: 0 });
    const after = r.getRecord('configurations', '10');
    expect(after?.rowid).toBe(before?.rowid);
    expect(after?.name).toBe('SRV-DC02');
    expect(count(db, "SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH 'dc01'")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH 'dc02'")).toBe(1);
  });

  it('writes records and the checkpoint in one transaction: a failure leaves neither', () => {
    const { w, db, runId } = setup();
    db.exec("CREATE TEMP TRIGGER fail_checkpoint BEFORE INSERT ON sync_state BEGIN SELECT RAISE(ABORT, 'disk gone'); END");
    expect(() =>
      w.applyPage({ type: 'configurations', resources: [config(10, 1, 'A')], runId, checkpoint: { resource: 'configurations', scope: '1', cursor: '2', lastUpdatedAt: null } }),
    ).toThrow();
    expect(count(db, 'SELECT count(*) AS n FROM records')).toBe(0);
    db.exec('DROP TRIGGER temp.fail_checkpoint');
    w.applyPage({ type: 'configurations', resources: [config(10, 1, 'A')], runId, checkpoint: { resource: 'configurations', scope: '1', cursor: '2', lastUpdatedAt: '2026-01-01T00:00:00.000Z' } });
    expect(w.getCheckpoint('configurations', '1')).toMatchObject({ cursor: '2', lastUpdatedAt: '2026-01-01T00:00:00.000Z', runId, completedAt: null });
  });

  it('applyPages stores several pages with their checkpoints in one transaction: all or none', () => {
    const { w, db, runId } = setup();
    const pageOf = (id: number, cursor: string) => ({
      type: 'configurations' as const,
      resources: [config(id, 1, `SRV-${id}`)],
      runId,
      checkpoint: { resource: 'configurations', scope: '1', cursor, lastUpdatedAt: null },
    });
    // The second page's checkpoint fails: the first page must not be stored either.
    db.exec("CREATE TEMP TRIGGER fail_second BEFORE INSERT ON sync_state WHEN new.cursor = '3' BEGIN SELECT RAISE(ABORT, 'disk gone'); END");
    db.exec("CREATE TEMP TRIGGER fail_second_update BEFORE UPDATE ON sync_state WHEN new.cursor = '3' BEGIN SELECT RAISE(ABORT, 'disk gone'); END");
    expect(() => w.applyPages([pageOf(10, '2'), pageOf(11, '3')])).toThrow();
    expect(count(db, 'SELECT count(*) AS n FROM records')).toBe(0);
    expect(w.getCheckpoint('configurations', '1')).toBeNull();
    db.exec('DROP TRIGGER temp.fail_second; DROP TRIGGER temp.fail_second_update');
    expect(w.applyPages([pageOf(10, '2'), pageOf(11, '3')])).toEqual([
      { written: 1, added: 1, unchanged: 0, skipped: 0 },
      { written: 1, added: 1, unchanged: 0, skipped: 0 },
    ]);
    expect(w.getCheckpoint('configurations', '1')?.cursor).toBe('3');
    expect(count(db, "SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH 'srv'")).toBe(2);
  });

  it("joins the caller's transaction instead of nesting one, so the caller's rollback undoes it", () => {
    const { w, db, runId } = setup();
    const tx = db.transaction(() => {
      w.applyPage({ type: 'configurations', resources: [config(10, 1, 'A')], runId });
      w.putSecret(10, 'hunter2');
      throw new Error('the caller failed after the writes');
    });
    expect(() => tx.immediate()).toThrow('the caller failed');
    expect(count(db, 'SELECT count(*) AS n FROM records')).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM secrets')).toBe(0);
  });

  it('records invalid resources in skipped and clears them once they arrive valid', () => {
    const { w, r, runId } = setup();
    const res = w.applyPage({
      type: 'configurations',
      runId,
      resources: [config(10, 1, 'OK'), { id: '11', type: 'configurations', attributes: { name: 42 } }, { nope: true }, org(3, 'Wrong type')],
    });
    expect(res).toEqual({ written: 1, added: 1, unchanged: 0, skipped: 3 });
    expect(r.skippedCount()).toBe(3);
    w.applyPage({ type: 'configurations', runId, resources: [config(11, 1, 'Fixed')] });
    expect(r.skippedCount()).toBe(2);
  });

  it('strips the password value from attrs and seals it into secrets; notes stay out of the index', () => {
    const { w, db, runId, r } = setup();
    w.applyPage({ type: 'passwords', runId, resources: [password(7, 1, 'Domain admin', { password: 'Hunter2!', notes: 'recovery code ZZTOP' })] });
    const rec = r.getRecord('passwords', '7');
    expect(rec?.attrs).not.toHaveProperty('password');
    expect(rec?.body).not.toContain('ZZTOP');
    expect(count(db, "SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH 'ZZTOP'")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH 'hunter2'")).toBe(0);
    expect(r.passwordMeta(7)).toMatchObject({ hasValue: true, username: 'admin', category: 'Windows' });
    // A later list page (no value) keeps the stored secret.
    w.applyPage({ type: 'passwords', runId, resources: [password(7, 1, 'Domain admin', { notes: 'changed' })] });
    expect(r.passwordMeta(7)?.hasValue).toBe(true);
  });

  it('derives tag and password-trait relations from flexible assets using the field kinds', () => {
    const { w, db, runId } = setup();
    w.applyPage({
      type: 'flexible-asset-fields',
      runId,
      resources: [
        { id: '1', type: 'flexible-asset-fields', attributes: { name: 'Servers', 'name-key': 'servers', kind: 'Tag', order: 1, 'flexible-asset-type-id': 9 } },
        { id: '2', type: 'flexible-asset-fields', attributes: { name: 'Admin login', 'name-key': 'admin-login', kind: 'Password', order: 2, 'flexible-asset-type-id': 9 } },
      ],
    });
    w.applyPage({ type: 'flexible-assets', runId, resources: [flexAsset(50, 1, 9, 'ERP', { servers: tags('Configurations', [10, 11]), 'admin-login': 77, version: '12.4' })] });
    const rels = db.prepare<[], { to_type: string; to_id: string; kind: string }>("SELECT to_type, to_id, kind FROM relations WHERE from_id = '50' ORDER BY to_id").all();
    expect(rels).toEqual([
      { to_type: 'configurations', to_id: '10', kind: 'tag' },
      { to_type: 'configurations', to_id: '11', kind: 'tag' },
      { to_type: 'passwords', to_id: '77', kind: 'password' },
    ]);
    const body = db.prepare<[], { body: string }>("SELECT body FROM records WHERE itglue_id = '50'").get()?.body ?? '';
    expect(body).toContain('12.4');
    expect(body).not.toContain('77');
  });

  it('putRelations replaces detail relations only, leaving attribute-derived ones', () => {
    const { w, db, runId } = setup();
    w.applyPage({ type: 'flexible-assets', runId, resources: [flexAsset(50, 1, 9, 'ERP', { servers: tags('Configurations', [10]) })] });
    w.putRelations('flexible-assets', '50', [{ toType: 'documents', toId: '3', kind: 'related', notes: 'runbook' }]);
    w.putRelations('flexible-assets', '50', [{ toType: 'contacts', toId: '4', kind: 'related' }]);
    const rels = db.prepare<[], { to_type: string; source: string }>("SELECT to_type, source FROM relations WHERE from_id = '50' ORDER BY to_type").all();
    expect(rels).toEqual([
      { to_type: 'configurations', source: 'attrs' },
      { to_type: 'contacts', source: 'detail' },
    ]);
  });

  it('keeps the full-text index exactly in step: changes, a resource twice in a page, deletion and return', () => {
    const { w, db, runId } = setup();
    const match = (q: string): number => count(db, `SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH '${q}'`);
    w.applyPage({ type: 'configurations', resources: [config(10, 1, 'ALPHA-01'), config(11, 1, 'BRAVO-01')], runId });
    w.applyPage({ type: 'configurations', resources: [config(10, 1, 'CHARLIE-01'), config(12, 1, 'DELTA-01'), config(12, 1, 'ECHO-01')], runId });
    expect([match('alpha01'), match('charlie01'), match('delta01'), match('echo01'), match('bravo01')]).toEqual([0, 1, 0, 1, 1]);
    // A first sync of a type inserts without looking up; the repeats above were found on conflict.
    expect(count(db, "SELECT count(*) AS n FROM records WHERE type = 'configurations'")).toBe(3);
    expect(count(db, "SELECT live AS n FROM record_counts WHERE type = 'configurations' AND org_id = 1")).toBe(3);
    w.markDeletedExcept('configurations', '*', ['10', '12'], runId);
    expect(match('bravo01')).toBe(0);
    w.applyPage({ type: 'configurations', resources: [config(11, 1, 'BRAVO-01')], runId });
    expect(match('bravo01')).toBe(1);
    // Another writer (no fts_deferred row) still gets the triggers.
    db.prepare("UPDATE records SET name = 'FOXTROT' WHERE type = 'configurations' AND itglue_id = '12'").run();
    expect(match('foxtrot')).toBe(1);
    expect(count(db, 'SELECT count(*) AS n FROM fts_deferred')).toBe(0);
    db.prepare("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 1)").run();
  });

  it('flags an archived domain as archived, and clears the flag when it is restored', () => {
    const { w, r, runId } = setup();
    const domain = (archived: boolean) => ({ id: '60', type: 'domains', attributes: { name: 'acme.com', 'organization-id': 1, archived } });
    w.applyPage({ type: 'domains', resources: [domain(true)], runId });
    expect(r.getRecord('domains', '60')).toMatchObject({ archived: true, deletedAt: null });
    w.applyPage({ type: 'domains', resources: [domain(false)], runId });
    expect(r.getRecord('domains', '60')?.archived).toBe(false);
  });

  it('fills an interface org from its configuration', () => {
    const { w, r, runId } = setup();
    w.applyPage({ type: 'configurations', runId, resources: [config(10, 4, 'SRV')] });
    w.applyPage({ type: 'configuration-interfaces', runId, resources: [iface(100, 10, '10.0.0.1', null)] });
    expect(r.getRecord('configuration-interfaces', '100')?.orgId).toBe(4);
  });
});

describe('writer.markDeletedExcept', () => {
  it('marks unseen records of that scope deleted, hides them from search and lookups, and never touches other orgs', () => {
    const { w, db, r, runId } = setup();
    w.applyPage({ type: 'configurations', runId, resources: [config(10, 1, 'KEEP-A', { 'primary-ip': '10.0.0.1' }), config(11, 1, 'GONE-A', { 'primary-ip': '10.0.0.2' }), config(20, 2, 'OTHER-B')] });
    w.applyPage({ type: 'passwords', runId, resources: [password(7, 1, 'gone pw', { password: 'x' }), password(8, 2, 'other pw', { password: 'y' })] });
    expect(w.markDeletedExcept('configurations', '1', ['10'], 'run-2')).toBe(1);
    expect(w.markDeletedExcept('passwords', '1', [], 'run-2')).toBe(1);
    expect(r.getRecord('configurations', '11')?.deletedAt).not.toBeNull();
    expect(r.getRecord('configurations', '20')?.deletedAt).toBeNull();
    expect(r.findByIp('10.0.0.2')).toEqual([]);
    expect(r.findByIp('10.0.0.1').map((h) => h.name)).toEqual(['KEEP-A']);
    expect(count(db, "SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH 'gone'")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH 'other'")).toBe(2);
    expect(count(db, 'SELECT count(*) AS n FROM secrets')).toBe(1);
    expect(r.counts().configurations).toBe(2);
    // It comes back when IT Glue lists it again.
    w.applyPage({ type: 'configurations', runId: 'run-3', resources: [config(11, 1, 'GONE-A', { 'primary-ip': '10.0.0.2' })] });
    expect(r.findByIp('10.0.0.2').map((h) => h.name)).toEqual(['GONE-A']);
  });

  it("with scope '*' sweeps the whole type only", () => {
    const { w, r, runId } = setup();
    w.applyPage({ type: 'organizations', runId, resources: [org(1, 'A'), org(2, 'B')] });
    w.applyPage({ type: 'configurations', runId, resources: [config(10, 2, 'X')] });
    expect(w.markDeletedExcept('organizations', '*', ['1'], 'run-2')).toBe(1);
    expect(r.listOrganizations().map((o) => o.name)).toEqual(['A']);
    expect(r.getRecord('configurations', '10')?.deletedAt).toBeNull();
  });
});

describe('writer run bookkeeping', () => {
  it('records runs and checkpoints', () => {
    const { w, r } = setup();
    w.finishRun('run-1', { status: 'ok', requests: 12, warnings: ['documents not available'] });
    expect(r.lastSync()).toMatchObject({ id: 'run-1', kind: 'full', status: 'ok', requests: 12, warnings: ['documents not available'] });
    w.setCheckpoint({ resource: 'passwords', scope: '*', cursor: null, lastUpdatedAt: '2026-02-01T00:00:00.000Z', runId: 'run-1', completedAt: '2026-02-01T00:01:00.000Z' });
    expect(w.getCheckpoint('passwords', '*')?.completedAt).toBe('2026-02-01T00:01:00.000Z');
    expect(w.getCheckpoint('passwords', '9')).toBeNull();
    w.setMeta('capabilities', '{"documents":false}');
    expect(r.getMeta('capabilities')).toBe('{"documents":false}');
  });
});
