// A document with its sections, in order.
import { htmlToText, sanitizeHtml } from '../../text/html';
import { toView, type Db, type RecordRowDb, type RecordView } from './rows';

/** A document section as every door shows it: IT Glue's HTML only ever leaves here sanitised. */
export interface DocumentSection {
  id: number;
  kind: string | null;
  sort: number | null;
  /** IT Glue's rendered HTML reduced to the shared allow-list (text/html.ts), or null. */
  html: string | null;
  /** The section's readable text, for terminals, MCP and answers. */
  text: string;
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
        .map((s) => ({
          id: s.id,
          kind: s.kind,
          sort: s.sort,
          html: s.rendered_content ? sanitizeHtml(s.rendered_content) : null,
          text: htmlToText(s.content ?? s.rendered_content ?? ''),
        }));
      return { record: toView(record), sections };
    },

    /** The document a section belongs to. */
    documentOfSection(sectionId: number): number | null {
      return db.prepare<[number], { d: number | null }>('SELECT document_id AS d FROM document_sections WHERE id = ?').get(sectionId)?.d ?? null;
    },
  };
}
