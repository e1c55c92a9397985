// The rest of an account as every door reads it: where a document is filed, a checklist with
// its tasks, a record's attachments (metadata only).
import type { RecordType } from '../../../../shared/domain';
import { toView, type Db, type RecordRowDb, type RecordView } from './rows';

export interface ChecklistTask {
  id: number;
  name: string;
  completed: boolean;
  sort: number | null;
  assignee: string | null;
  completedAt: string | null;
}

export interface AttachmentMeta {
  id: number;
  name: string;
  /** Bytes, when IT Glue said. */
  size: number | null;
  createdBy: string | null;
  createdAt: string | null;
}

/** Folder names from the top down; a loop or a missing parent ends the walk. */
const PATH_SQL = `
WITH RECURSIVE up(id, parent_id, name, depth) AS (
  SELECT id, parent_id, name, 0 FROM document_folders WHERE id = ?
  UNION ALL
  SELECT f.id, f.parent_id, f.name, up.depth + 1 FROM document_folders f JOIN up ON f.id = up.parent_id WHERE up.depth < 32
)
SELECT name FROM up ORDER BY depth DESC`;

export function accountReads(db: Db) {
  const reads = {
    /** "Runbooks / Network" for a folder id, or null when the folder is unknown. */
    folderPath(folderId: number): string | null {
      const names = db.prepare<[number], { name: string }>(PATH_SQL).all(folderId).map((r) => r.name);
      return names.length > 0 ? names.join(' / ') : null;
    },

    /** Where a document is filed, from the synced folders (current even after a folder rename); null at the root. */
    documentFolderPath(documentId: number): string | null {
      const folder = db.prepare<[number], { folder_id: number | null }>('SELECT folder_id FROM documents WHERE id = ?').get(documentId)?.folder_id ?? null;
      return folder === null ? null : reads.folderPath(folder);
    },

    /** A live checklist and its live tasks in order; null when deleted or unknown. */
    checklistWithTasks(id: number): { record: RecordView; completed: boolean; dueOn: string | null; tasks: ChecklistTask[] } | null {
      const record = db.prepare<[string], RecordRowDb>("SELECT * FROM records WHERE type = 'checklists' AND itglue_id = ?").get(String(id));
      if (!record || record.deleted_at !== null) return null;
      const row = db.prepare<[number], { completed: number; due_on: string | null }>('SELECT completed, due_on FROM checklists WHERE id = ?').get(id);
      const tasks = db
        .prepare<[number], { id: number; name: string; completed: number; sort: number | null; attrs: string }>(
          `SELECT t.id, t.name, t.completed, t.sort, r.attrs FROM checklist_tasks t JOIN records r ON r.rowid = t.record_rowid AND r.deleted_at IS NULL
            WHERE t.checklist_id = ? ORDER BY t.sort, t.id`,
        )
        .all(id)
        .map((t) => {
          const attrs = JSON.parse(t.attrs) as Record<string, unknown>;
          const text = (k: string): string | null => (typeof attrs[k] === 'string' && attrs[k] !== '' ? (attrs[k] as string) : null);
          return { id: t.id, name: t.name, completed: t.completed === 1, sort: t.sort, assignee: text('assignee-name'), completedAt: text('completed-at') };
        });
      return { record: toView(record), completed: row?.completed === 1, dueOn: row?.due_on ?? null, tasks };
    },

    /** Live attachments of one record, by name. */
    attachmentsOf(type: RecordType, id: string): AttachmentMeta[] {
      if (!/^\d+$/.test(id)) return [];
      return db
        .prepare<[string, number], { id: number; name: string; size: number | null; created_by: string | null; created_at: string | null }>(
          `SELECT a.id, a.name, a.size, a.created_by, a.created_at FROM attachments a JOIN records r ON r.rowid = a.record_rowid AND r.deleted_at IS NULL
            WHERE a.resource_type = ? AND a.resource_id = ? ORDER BY a.name COLLATE NOCASE, a.id`,
        )
        .all(type, Number(id))
        .map((a) => ({ id: a.id, name: a.name, size: a.size, createdBy: a.created_by, createdAt: a.created_at }));
    },
  };
  return reads;
}
