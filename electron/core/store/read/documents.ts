// A document with its sections, in order.
import { toView, type Db, type RecordRowDb, type RecordView } from './rows';

export interface DocumentSection {
  id: number;
  kind: string | null;
  sort: number | null;
  content: string | null;
  renderedContent: string | null;
}

export function documentReads(db: Db) {
  return {
    /** A live document and its live sections; null when deleted or unknown. */
    documentWithSections(id: number): { record: RecordView; sections: DocumentSection[] } | null {
      const record = db.prepare<[string], RecordRowDb>("SELECT * FROM records WHERE type = 'documents' AND itglue_id = ?").get(String(id));
      if (!record || record.deleted_at !== null) return null;
      const sections = db
        .prepare<[number], { id: number; kind: string | null; sort: number | null; content: string | null; rendered_content: string | null }>(
          `SELECT s.id, s.kind, s.sort, s.content, s.rendered_content FROM document_sections s
             JOIN records r ON r.rowid = s.record_rowid AND r.deleted_at IS NULL
            WHERE s.document_id = ? ORDER BY s.sort, s.id`,
        )
        .all(id)
        .map((s) => ({ id: s.id, kind: s.kind, sort: s.sort, content: s.content, renderedContent: s.rendered_content }));
      return { record: toView(record), sections };
    },
  };
}
