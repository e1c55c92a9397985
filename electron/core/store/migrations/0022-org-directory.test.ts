import { describe, expect, it } from 'vitest';
import { readOrgDirectory } from '../read/org-directory';
import { matchOrg } from '../../answers/org-match';
import { latestVersion } from '../migrate';
import { tempStores } from '../test-stores';
import { MIGRATIONS } from './index';

const tempStore = tempStores();

describe('migration 0022-org-directory', () => {
  it("keeps a version-21 store's live organizations ready to match, and drops the directory when one is renamed", () => {
    const t = tempStore({ targetVersion: 21 });
    const db = t.store.db;
    const org = (id: number, name: string, short: string | null, deleted: string | null): void => {
      const rowid = db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash, deleted_at) VALUES ('organizations', ?, ?, ?, 'b', '{}', 'h', ?)").run(String(id), id, name, deleted).lastInsertRowid;
      db.prepare('INSERT INTO organizations (id, record_rowid, name, short_name) VALUES (?, ?, ?, ?)').run(id, rowid, name, short);
    };
    org(1, 'Société Générale, Inc.', 'SG', null);
    org(2, 'Maple Street Bakery', null, null);
    org(3, 'Gone Away Ltd', null, '2026-01-01T00:00:00Z');
    t.store.close();

    const s = t.reopen({ targetVersion: latestVersion(MIGRATIONS) });
    const orgs = readOrgDirectory(s.db);
    expect(orgs?.map((o) => [o.id, o.name, o.shortName])).toEqual([
      [2, 'Maple Street Bakery', null],
      [1, 'Société Générale, Inc.', 'SG'],
    ]);
    expect(matchOrg('societe generale', orgs ?? [])).toMatchObject({ kind: 'match', org: { id: 1 } });
    expect(matchOrg('maple st bakery', orgs ?? [])).toMatchObject({ kind: 'match', org: { id: 2 } });

    s.db.prepare('UPDATE organizations SET short_name = short_name WHERE id = 1').run();
    expect(readOrgDirectory(s.db)).not.toBeNull();
    s.db.prepare("UPDATE organizations SET short_name = 'SGQ' WHERE id = 1").run();
    expect(readOrgDirectory(s.db)).toBeNull();
  });
});
