// Records by key and filtered lists of them. This is filtering, not search: ranking lives in
// core/search. Every value is a bound parameter; attribute names come from code, never a caller.
import type { RecordType } from '../../../../shared/domain';
import { clampInt, containing, decodeNameCursor, encodeNameCursor, SUMMARY_FROM, toSummary, toView, type Db, type Param, type RecordRowDb, type RecordSummary, type RecordView, type SummaryRowDb } from './rows';

export interface RecordFilter {
  type: RecordType;
  orgId?: number | null;
  /** Words that must all appear (case-insensitive): anywhere in the name, or as the start of a word of the body. */
  words?: string;
  /** One phrase that must appear in name or body, as typed into a list filter. */
  phrase?: string;
  /** attrs JSON keys (from code) that must equal a value, case-insensitively. */
  attrEquals?: readonly (readonly [key: string, value: string])[];
  /** attrs JSON keys that must equal a number. */
  attrNumber?: readonly (readonly [key: string, value: number])[];
  /** Archived records are left out unless this is true. */
  includeArchived?: boolean;
}

const ATTR_KEY = /^[a-z0-9-]{1,64}$/;

function attrKey(key: string): string {
  if (!ATTR_KEY.test(key)) throw new Error('bad attribute key');
  return key;
}

function where(f: RecordFilter): { sql: string; params: Param[] } {
  const parts = ['r.type = ?', 'r.deleted_at IS NULL'];
  const params: Param[] = [f.type];
  if (!f.includeArchived) parts.push('r.archived = 0');
  if (f.orgId !== undefined && f.orgId !== null) {
    parts.push('r.org_id = ?');
    params.push(f.orgId);
  }
  // A word matches anywhere inside the name (a technician types part of one: "srv", "c01"), and
  // the start of any word of the body through the full-text index. Reading every body of a type
  // to look inside its words cost ~1 s tenant-wide at 1M records; names come from
  // records_type_name, in the order the list shows, so a page stops at its last row.
  for (const word of (f.words ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 12)) {
    if (/[\p{L}\p{N}]/u.test(word)) {
      parts.push("(lower(r.name) LIKE ? ESCAPE '\\' OR r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?))");
      params.push(containing(word), `{body} : "${word.replaceAll('"', '""')}"*`);
    } else {
      parts.push("lower(r.name) LIKE ? ESCAPE '\\'");
      params.push(containing(word));
    }
  }
  const phrase = f.phrase?.trim() ?? '';
  if (phrase) {
    parts.push("(r.name LIKE ? ESCAPE '\\' OR r.body LIKE ? ESCAPE '\\')");
    params.push(containing(phrase), containing(phrase));
  }
  for (const [key, value] of f.attrEquals ?? []) {
    parts.push(`lower(json_extract(r.attrs, '$."${attrKey(key)}"')) = lower(?)`);
    params.push(value.trim());
  }
  for (const [key, value] of f.attrNumber ?? []) {
    parts.push(`json_extract(r.attrs, '$."${attrKey(key)}"') = ?`);
    params.push(value);
  }
  return { sql: parts.join(' AND '), params };
}

/** Tag and Password traits of a flexible asset, with the name of the record each one links to. */
function traitLinker(db: Db) {
  const traitLinks = db.prepare<[string, string], { key: string; to_type: string; to_id: string; name: string }>(
    `SELECT rel.notes AS key, rel.to_type, rel.to_id, r.name FROM relations rel
     JOIN records r ON r.type = rel.to_type AND r.itglue_id = rel.to_id AND r.deleted_at IS NULL
     WHERE rel.from_type = ? AND rel.from_id = ? AND rel.source = 'attrs' AND rel.notes IS NOT NULL`,
  );
  /**
   * Tag and Password traits hold ids ("Firewall admin: 30000023"); where the linked record is in
   * the store its name is filled in, as a tag value { id, name }, so every reader of the record
   * (detail pane, MCP) shows names. Values whose record is not stored are left as they came.
   */
  return function nameTraitLinks(view: RecordView): void {
    const traits = view.attrs.traits;
    if (typeof traits !== 'object' || traits === null || Array.isArray(traits)) return;
    const links = traitLinks.all('flexible-assets', view.id);
    if (links.length === 0) return;
    const named: Record<string, unknown> = { ...traits };
    for (const [key, value] of Object.entries(named)) {
      const mine = links.filter((l) => l.key === key);
      if (mine.length === 0) continue;
      const nameOf = (id: unknown): string | undefined => mine.find((l) => l.to_id === String(id))?.name;
      if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
        const name = nameOf(value);
        const link = mine.find((l) => l.to_id === String(value));
        if (name !== undefined && link) named[key] = { type: link.to_type, values: [{ id: value, name }] };
      } else if (typeof value === 'object' && value !== null && 'values' in value && Array.isArray(value.values)) {
        const values: unknown[] = value.values;
        named[key] = {
          ...value,
          values: values.map((v) => {
            if (typeof v !== 'object' || v === null || !('id' in v)) return v;
            const has = 'name' in v && typeof v.name === 'string' && v.name !== '';
            const name = has ? undefined : nameOf(v.id);
            return name === undefined ? v : { ...v, name };
          }),
        };
      }
    }
    view.attrs = { ...view.attrs, traits: named };
  };
}

export function recordReads(db: Db) {
  const recordByKey = db.prepare<[string, string], RecordRowDb>('SELECT * FROM records WHERE type = ? AND itglue_id = ?');
  const nameTraitLinks = traitLinker(db);

  return {
    /** One record by type and IT Glue id, deleted or not (`deletedAt` says); flexible assets with their trait links named. */
    getRecord(type: RecordType, id: string): RecordView | null {
      const row = recordByKey.get(type, id);
      if (!row) return null;
      const view = toView(row);
      if (view.type === 'flexible-assets') nameTraitLinks(view);
      return view;
    },

    /** True once any live record is stored (a profile that has synced). */
    hasRecords(): boolean {
      return (db.prepare<[], { n: number }>('SELECT EXISTS (SELECT 1 FROM records WHERE deleted_at IS NULL) AS n').get()?.n ?? 0) === 1;
    },

    /** A page of matching records by name, keyset-paged: pass `nextCursor` back for the next. */
    listRecords(f: RecordFilter & { cursor?: string | null; limit?: number }): { items: RecordSummary[]; nextCursor: string | null } {
      const size = clampInt(f.limit ?? 100, 1, 1000);
      const after = decodeNameCursor(f.cursor);
      const w = where(f);
      if (after) {
        w.sql += ' AND (lower(r.name), r.rowid) > (?, ?)';
        w.params.push(after.n, after.r);
      }
      const rows = db.prepare<Param[], SummaryRowDb>(`${SUMMARY_FROM} WHERE ${w.sql} ORDER BY lower(r.name), r.rowid LIMIT ?`).all(...w.params, size + 1);
      const items = rows.slice(0, size);
      const last = items[items.length - 1];
      return { items: items.map(toSummary), nextCursor: rows.length > size && last ? encodeNameCursor(last) : null };
    },

    /** Matching records by name from an offset, with how many match in all (for offset cursors). */
    recordPage(f: RecordFilter, offset: number, size: number): { items: RecordSummary[]; total: number } {
      const w = where(f);
      const total = db.prepare<Param[], { n: number }>(`SELECT count(*) AS n FROM records r WHERE ${w.sql}`).get(...w.params)?.n ?? 0;
      const rows = db.prepare<Param[], SummaryRowDb>(`${SUMMARY_FROM} WHERE ${w.sql} ORDER BY lower(r.name), r.rowid LIMIT ? OFFSET ?`).all(...w.params, size, offset);
      return { items: rows.map(toSummary), total };
    },

    /** All matching records in stored order, up to `max` (small child lists: fields of a type). */
    recordsWhere(f: RecordFilter, max = 500): RecordSummary[] {
      const w = where(f);
      return db.prepare<Param[], SummaryRowDb>(`${SUMMARY_FROM} WHERE ${w.sql} ORDER BY r.rowid LIMIT ?`).all(...w.params, max).map(toSummary);
    },

    /** Live, unarchived record counts grouped by one attribute (e.g. flexible assets per type id). */
    countByAttr(type: RecordType, key: string): Map<string, number> {
      const rows = db
        .prepare<[string], { k: string | number | null; n: number }>(
          `SELECT json_extract(attrs, '$."${attrKey(key)}"') AS k, count(*) AS n FROM records WHERE type = ? AND deleted_at IS NULL AND archived = 0 GROUP BY k`,
        )
        .all(type);
      return new Map(rows.filter((r) => r.k !== null).map((r) => [String(r.k), r.n]));
    },
  };
}
