// Password metadata as the UI shows it (org and attached record by name). Never the value:
// the value lives sealed in `secrets` and only vault.reveal/copy open it, one at a time.
import type Database from 'better-sqlite3-multiple-ciphers';
import { RECORD_TYPES, type RecordType } from '../../../shared/domain';
import type { PasswordMeta } from '../../../shared/ipc';

interface Row {
  id: number;
  org_id: number | null;
  org_name: string | null;
  name: string;
  username: string | null;
  url: string | null;
  category: string | null;
  resource_type: string | null;
  resource_id: number | null;
  resource_name: string | null;
  has_value: number;
  restricted: number;
  updated_at: string | null;
}

const isRecordType = (t: string | null): t is RecordType => t !== null && (RECORD_TYPES as readonly string[]).includes(t);

const SELECT = `SELECT p.id, p.org_id, o.name AS org_name, p.name, p.username, p.url, p.category, p.resource_type, p.resource_id,
       rr.name AS resource_name, p.has_value, p.restricted, coalesce(p.password_updated_at, r.updated_at) AS updated_at
  FROM passwords p
  JOIN records r ON r.rowid = p.record_rowid AND r.deleted_at IS NULL
  LEFT JOIN organizations o ON o.id = p.org_id
  LEFT JOIN records rr ON rr.type = p.resource_type AND rr.itglue_id = CAST(p.resource_id AS TEXT) AND rr.deleted_at IS NULL`;

function toMeta(p: Row): PasswordMeta {
  return {
    id: String(p.id),
    name: p.name,
    username: p.username,
    url: p.url,
    category: p.category,
    org: p.org_id !== null && p.org_name !== null ? { id: p.org_id, name: p.org_name } : null,
    resource:
      isRecordType(p.resource_type) && p.resource_id !== null
        ? { type: p.resource_type, id: String(p.resource_id), name: p.resource_name ?? `${p.resource_type} ${p.resource_id}` }
        : null,
    updatedAt: p.updated_at,
    restricted: p.restricted === 1,
    hasValue: p.has_value === 1,
  };
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listPasswords(db: Database.Database, orgId: number, query?: string): PasswordMeta[] {
  const q = query?.trim() ?? '';
  const params: (string | number)[] = [orgId];
  let where = 'p.org_id = ?';
  if (q) {
    const like = `%${escapeLike(q)}%`;
    where += " AND (p.name LIKE ? ESCAPE '\\' OR p.username LIKE ? ESCAPE '\\' OR p.category LIKE ? ESCAPE '\\' OR rr.name LIKE ? ESCAPE '\\')";
    params.push(like, like, like, like);
  }
  return db.prepare<(string | number)[], Row>(`${SELECT} WHERE ${where} ORDER BY p.name COLLATE NOCASE, p.id LIMIT 2000`).all(...params).map(toMeta);
}

export function passwordsOf(db: Database.Database, type: RecordType, id: string): PasswordMeta[] {
  const n = Number(id);
  if (!Number.isSafeInteger(n)) return [];
  if (type === 'passwords') return db.prepare<[number], Row>(`${SELECT} WHERE p.id = ?`).all(n).map(toMeta);
  return db.prepare<[string, number], Row>(`${SELECT} WHERE p.resource_type = ? AND p.resource_id = ? ORDER BY p.name COLLATE NOCASE`).all(type, n).map(toMeta);
}

export function passwordById(db: Database.Database, id: number): PasswordMeta | null {
  const row = db.prepare<[number], Row>(`${SELECT} WHERE p.id = ?`).get(id);
  return row ? toMeta(row) : null;
}
