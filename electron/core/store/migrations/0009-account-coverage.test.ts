import { describe, expect, it } from 'vitest';
import { tempStores } from '../test-stores';

const tempStore = tempStores();

describe('migration 0009-account-coverage', () => {
  it("keeps a version-8 store's documents, gives them a folder column, and cascades deletes to the new typed tables", () => {
    const t = tempStore({ targetVersion: 8 });
    const db8 = t.store.db;
    db8.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, archived, content_hash) VALUES ('documents', '5', 7, 'Runbook', 'b', '{}', 0, 'h')").run();
    db8.prepare("INSERT INTO documents (id, record_rowid, org_id, name) VALUES (5, last_insert_rowid(), 7, 'Runbook')").run();
    t.store.close();

    const s = t.reopen({ targetVersion: 9 });
    expect(s.schemaVersion).toBe(9);
    expect(s.db.prepare('SELECT id, name, folder_id FROM documents').all()).toEqual([{ id: 5, name: 'Runbook', folder_id: null }]);
    const rows: Array<[string, string, string]> = [
      ['document-folders', 'document_folders', "INSERT INTO document_folders (id, record_rowid, org_id, parent_id, name) VALUES (11, ?, 7, NULL, 'Runbooks')"],
      ['checklists', 'checklists', "INSERT INTO checklists (id, record_rowid, org_id, name, completed) VALUES (12, ?, 7, 'Onboarding', 1)"],
      ['checklist-tasks', 'checklist_tasks', "INSERT INTO checklist_tasks (id, record_rowid, checklist_id, org_id, name) VALUES (13, ?, 12, 7, 'Step')"],
      ['ssl-certificates', 'ssl_certificates', "INSERT INTO ssl_certificates (id, record_rowid, org_id, name, expires_on) VALUES (14, ?, 7, 'www', '2027-01-01')"],
      ['expirations', 'expirations', "INSERT INTO expirations (id, record_rowid, org_id, resource_type, resource_id, expires_on) VALUES (15, ?, 7, 'domains', 3, '2027-01-01')"],
      ['attachments', 'attachments', "INSERT INTO attachments (id, record_rowid, org_id, resource_type, resource_id, name, size) VALUES (16, ?, 7, 'configurations', 9, 'a.pdf', 10)"],
    ];
    for (const [type, table, insert] of rows) {
      const id = insert.match(/VALUES \((\d+)/)?.[1] ?? '';
      const rowid = Number(s.db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, archived, content_hash) VALUES (?, ?, 7, 'n', 'b', '{}', 0, 'h')").run(type, id).lastInsertRowid);
      // Rows enter the full-text index through the writer (0006); a bare insert adds it here.
      s.db.prepare("INSERT INTO records_fts (rowid, name, body) VALUES (?, 'n', 'b')").run(rowid);
      s.db.prepare(insert).run(rowid);
      expect(s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 1 });
      s.db.prepare('DELETE FROM records WHERE rowid = ?').run(rowid);
      expect(s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });
});
