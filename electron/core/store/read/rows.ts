// What every part of the read model shares: the row shapes of `records`, their conversion to
// views, the keyset cursor of name-ordered lists and LIKE escaping.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordType } from '../../../../shared/domain';
import { RECORD_TYPES } from '../../../../shared/domain';
import { StoreError } from '../errors';
import type { RecordRow } from '../mappers/types';

export type Db = Database.Database;
export type Param = string | number;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();
/**
 * The store's compiled statement for a fixed SQL text. better-sqlite3 compiles on every
 * prepare(), and an answer runs the same few lookups dozens of times (a source per hit): at 1M
 * records compiling was a fifth of an IP answer. Only for texts with no values spliced in, so
 * the map holds one entry per call site; statements die with their connection.
 */
export function prepared<P extends unknown[] | object, R>(db: Db, sql: string): Database.Statement<P, R> {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt as Database.Statement<P, R>;
}

/** One stored record, whole, as the writer stored it (mappers' RecordRow): the unit of search and of sources. */
export interface RecordView extends Omit<RecordRow, 'itglueId'> {
  rowid: number;
  /** The IT Glue id. */
  id: string;
  deletedAt: string | null;
}

/** A record as lists show it (no body), with its organization's name. */
export interface RecordSummary {
  rowid: number;
  type: RecordType;
  id: string;
  orgId: number | null;
  orgName: string | null;
  name: string;
  attrs: Record<string, unknown>;
  url: string | null;
  updatedAt: string | null;
  archived: boolean;
}

export interface RecordRowDb {
  rowid: number;
  type: string;
  itglue_id: string;
  org_id: number | null;
  name: string;
  body: string;
  attrs: string;
  url: string | null;
  updated_at: string | null;
  archived: number;
  deleted_at: string | null;
}

export interface SummaryRowDb {
  rowid: number;
  type: string;
  itglue_id: string;
  org_id: number | null;
  org_name: string | null;
  name: string;
  attrs: string;
  url: string | null;
  updated_at: string | null;
  archived: number;
}

/** Columns of a SummaryRowDb over `records r` joined to `organizations o`. */
export const SUMMARY_COLUMNS = 'r.rowid, r.type, r.itglue_id, r.org_id, o.name AS org_name, r.name, r.attrs, r.url, r.updated_at, r.archived';
export const SUMMARY_FROM = `SELECT ${SUMMARY_COLUMNS} FROM records r LEFT JOIN organizations o ON o.id = r.org_id`;

export const isRecordType = (t: string | null): t is RecordType => t !== null && (RECORD_TYPES as readonly string[]).includes(t);

export const asType = (t: string): RecordType => {
  if (!isRecordType(t)) throw new StoreError('STORE_CORRUPT', `Unknown record type "${t.slice(0, 40)}" in the store.`);
  return t;
};

/** A record's stored attributes JSON as an object; a damaged value reads as no attributes. */
export function parseStoredAttrs(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {};
  } catch {
    return {};
  }
}

export function toView(r: RecordRowDb): RecordView {
  return {
    rowid: r.rowid,
    type: asType(r.type),
    id: r.itglue_id,
    orgId: r.org_id,
    name: r.name,
    body: r.body,
    attrs: parseStoredAttrs(r.attrs),
    url: r.url,
    updatedAt: r.updated_at,
    archived: r.archived === 1,
    deletedAt: r.deleted_at,
  };
}

export function toSummary(r: SummaryRowDb): RecordSummary {
  return {
    rowid: r.rowid,
    type: asType(r.type),
    id: r.itglue_id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    attrs: parseStoredAttrs(r.attrs),
    url: r.url,
    updatedAt: r.updated_at,
    archived: r.archived === 1,
  };
}

export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
export const containing = (s: string): string => `%${escapeLike(s)}%`;

interface NameKey {
  n: string;
  r: number;
}

/** Keyset cursor of a list ordered by lower(name), rowid: the last row's key, opaque to callers. */
export function encodeNameCursor(last: { name: string; rowid: number }): string {
  return Buffer.from(JSON.stringify({ n: last.name.toLowerCase(), r: last.rowid })).toString('base64url');
}

export function decodeNameCursor(cursor: string | null | undefined): NameKey | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof v === 'object' && v !== null && 'n' in v && 'r' in v && typeof v.n === 'string' && typeof v.r === 'number') return { n: v.n, r: v.r };
  } catch {
    // fall through
  }
  throw new StoreError('INVALID_INPUT', 'That page cursor is not valid; start again from the first page.');
}

export const clampInt = (n: number, min: number, max: number): number => Math.max(min, Math.min(max, Math.trunc(n)));
