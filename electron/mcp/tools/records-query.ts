// Filtered, paged listing over the `records` table (the store's published contract for readers).
// This is filtering, not search: ranking lives in core/search. Every value is a bound
// parameter; attribute names come from the tool code, never from the caller.
import type { RecordType } from '../../../shared/domain';
import type { OpenedStore } from '../deps';
import { parseStoredAttrs } from '../../core/store/reader';
import { clampLimit, decodeCursor, encodeCursor } from '../paging';
import { ToolError } from '../errors';

export interface RecordFilter {
  type: RecordType;
  orgId?: number | null;
  /** Words that must all appear in name or body. */
  text?: string;
  /** attrs JSON keys (from tool code) that must equal a value, case-insensitively. */
  attrEquals?: readonly (readonly [key: string, value: string])[];
  /** attrs JSON keys that must equal a number. */
  attrNumber?: readonly (readonly [key: string, value: number])[];
  includeArchived?: boolean;
}

export interface RecordRow {
  rowid: number;
  id: string;
  orgId: number | null;
  name: string;
  attrs: Record<string, unknown>;
  url: string | null;
  updatedAt: string | null;
  archived: boolean;
}

interface RecordRowDb {
  rowid: number;
  itglue_id: string;
  org_id: number | null;
  name: string;
  attrs: string;
  url: string | null;
  updated_at: string | null;
  archived: number;
}

const toRecordRow = (r: RecordRowDb): RecordRow => ({
  rowid: r.rowid,
  id: r.itglue_id,
  orgId: r.org_id,
  name: r.name,
  attrs: parseStoredAttrs(r.attrs),
  url: r.url,
  updatedAt: r.updated_at,
  archived: r.archived === 1,
});

const ATTR_KEY = /^[a-z0-9-]{1,64}$/;
const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(f: RecordFilter): { sql: string; params: (string | number)[] } {
  const parts = ['type = ?', 'deleted_at IS NULL'];
  const params: (string | number)[] = [f.type];
  if (!f.includeArchived) parts.push('archived = 0');
  if (f.orgId !== undefined && f.orgId !== null) {
    parts.push('org_id = ?');
    params.push(f.orgId);
  }
  for (const word of (f.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 12)) {
    parts.push("(lower(name) LIKE ? ESCAPE '\\' OR lower(body) LIKE ? ESCAPE '\\')");
    params.push(like(word), like(word));
  }
  for (const [key, value] of f.attrEquals ?? []) {
    if (!ATTR_KEY.test(key)) throw new Error('bad attribute key');
    parts.push(`lower(json_extract(attrs, '$."${key}"')) = lower(?)`);
    params.push(value.trim());
  }
  for (const [key, value] of f.attrNumber ?? []) {
    if (!ATTR_KEY.test(key)) throw new Error('bad attribute key');
    parts.push(`json_extract(attrs, '$."${key}"') = ?`);
    params.push(value);
  }
  return { sql: parts.join(' AND '), params };
}


export interface RecordPage {
  items: RecordRow[];
  total: number;
  nextCursor: string | null;
}

/** One page of matching records, by name; `scope` ties the cursor to this query. */
export function queryRecords(store: OpenedStore, f: RecordFilter, cursor: string | undefined, limit: number | undefined, scope: string): RecordPage {
  const size = clampLimit(limit);
  const position = cursor ? decodeCursor(cursor, scope) : 0;
  if (typeof position !== 'number') throw new ToolError('INVALID_INPUT', 'The cursor is not one this query issued. Call again without `cursor`.');
  const w = where(f);
  const db = store.store.db;
  const total = db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM records WHERE ${w.sql}`).get(...w.params)?.n ?? 0;
  const rows = db
    .prepare<(string | number)[], RecordRowDb>(
      `SELECT rowid, itglue_id, org_id, name, attrs, url, updated_at, archived FROM records WHERE ${w.sql} ORDER BY lower(name), rowid LIMIT ? OFFSET ?`,
    )
    .all(...w.params, size, position);
  const end = position + rows.length;
  return {
    items: rows.map(toRecordRow),
    total,
    nextCursor: end < total ? encodeCursor(end, scope) : null,
  };
}

/** Live record counts grouped by one attribute (e.g. flexible assets per type id). */
export function countByAttr(store: OpenedStore, type: RecordType, key: string): Map<string, number> {
  if (!ATTR_KEY.test(key)) throw new Error('bad attribute key');
  const rows = store.store.db
    .prepare<[string], { k: string | number | null; n: number }>(
      `SELECT json_extract(attrs, '$."${key}"') AS k, count(*) AS n FROM records WHERE type = ? AND deleted_at IS NULL AND archived = 0 GROUP BY k`,
    )
    .all(type);
  return new Map(rows.filter((r) => r.k !== null).map((r) => [String(r.k), r.n]));
}

/** All live records of a type matching one attribute (small child lists: fields of a type). */
export function recordsWhere(store: OpenedStore, f: RecordFilter, max = 500): RecordRow[] {
  const w = where(f);
  return store.store.db
    .prepare<(string | number)[], RecordRowDb>(
      `SELECT rowid, itglue_id, org_id, name, attrs, url, updated_at, archived FROM records WHERE ${w.sql} ORDER BY rowid LIMIT ?`,
    )
    .all(...w.params, max)
    .map(toRecordRow);
}

/**
 * Live flexible assets whose type reads like an SSL/TLS certificate. IT Glue has no certificate
 * resource of its own, so tenants record them as a flexible asset type with an expiry field.
 */
export function certificateAssets(store: OpenedStore, orgId: number | null): RecordRow[] {
  const params: (string | number)[] = [];
  let sql = `SELECT rowid, itglue_id, org_id, name, attrs, url, updated_at, archived FROM records
      WHERE type = 'flexible-assets' AND deleted_at IS NULL AND archived = 0
        AND (lower(json_extract(attrs, '$."flexible-asset-type-name"')) LIKE '%ssl%'
          OR lower(json_extract(attrs, '$."flexible-asset-type-name"')) LIKE '%certificate%'
          OR lower(json_extract(attrs, '$."flexible-asset-type-name"')) LIKE '%tls%')`;
  if (orgId !== null) {
    sql += ' AND org_id = ?';
    params.push(orgId);
  }
  return store.store.db
    .prepare<(string | number)[], RecordRowDb>(`${sql} LIMIT 5000`)
    .all(...params)
    .map(toRecordRow);
}

/** The first expiry-looking date in a certificate asset's traits (YYYY-MM-DD), or null. */
export function certificateExpiry(attrs: Record<string, unknown>): string | null {
  const traits = attrs.traits;
  if (typeof traits !== 'object' || traits === null || Array.isArray(traits)) return null;
  for (const [key, value] of Object.entries(traits)) {
    if (!/expir|valid[-_ ]?(to|until)|not[-_ ]?after/i.test(key) || typeof value !== 'string') continue;
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
    if (m?.[1]) return m[1];
  }
  return null;
}

/** Live record counts per type for a few organizations (one page), not the whole tenant. */
export function orgCounts(store: OpenedStore, orgIds: readonly number[]): Map<number, Record<string, number>> {
  const out = new Map<number, Record<string, number>>(orgIds.map((id) => [id, {}]));
  if (orgIds.length === 0) return out;
  const rows = store.store.db
    .prepare<number[], { org_id: number; type: string; n: number }>(
      `SELECT org_id, type, count(*) AS n FROM records WHERE deleted_at IS NULL AND type <> 'organizations' AND org_id IN (${orgIds.map(() => '?').join(',')}) GROUP BY org_id, type`,
    )
    .all(...orgIds);
  for (const r of rows) {
    const entry = out.get(r.org_id);
    if (entry) entry[r.type] = r.n;
  }
  return out;
}
