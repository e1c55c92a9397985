import { describe, expect, it } from 'vitest';
import { latestVersion } from '../migrate';
import { createReader } from '../reader';
import { tempStores } from '../test-stores';
import { MIGRATIONS } from './index';

const tempStore = tempStores();
type Db = ReturnType<typeof tempStore>['store']['db'];

function device(db: Db, id: number, archived: boolean): void {
  const rowid = db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash, archived) VALUES ('configurations', ?, 1, ?, 'b', '{}', 'h', ?)").run(String(id), `PC-${id}`, archived ? 1 : 0).lastInsertRowid;
  db.prepare('INSERT INTO configurations (id, record_rowid, org_id, name, archived, warranty_expires_at) VALUES (?, ?, 1, ?, ?, ?)').run(id, rowid, `PC-${id}`, archived ? 1 : 0, '2026-01-10');
  const entry = db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('expirations', ?, 1, ?, 'b', '{}', 'h')").run(String(100 + id), `PC-${id}`).lastInsertRowid;
  db.prepare("INSERT INTO expirations (id, record_rowid, org_id, resource_type, resource_id, expires_on, name) VALUES (?, ?, 1, 'configurations', ?, '2026-01-10', ?)").run(100 + id, entry, id, `PC-${id}`);
}

describe('migration 0021-hidden-flags', () => {
  it("keeps a version-20 store's archived devices out of the expiry list, with their flags in records_hidden", () => {
    const t = tempStore({ targetVersion: 20 });
    device(t.store.db, 1, false);
    device(t.store.db, 2, true);
    device(t.store.db, 3, false);
    t.store.close();

    const s = t.reopen({ targetVersion: latestVersion(MIGRATIONS) });
    const columns = s.db.prepare("SELECT name FROM pragma_index_info('records_hidden') ORDER BY seqno").pluck().all();
    expect(columns).toEqual(['type', 'itglue_id', 'archived', 'deleted_at']);
    const page = createReader(s).expirationPage({ withinDays: 30, today: new Date('2026-01-01T12:00:00Z') }, 0, 10);
    expect(page.total).toBe(2);
    expect(page.items.map((e) => e.name)).toEqual(['PC-1', 'PC-3']);
  });
});
