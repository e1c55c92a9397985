// Password metadata. Never the value: the value lives sealed in `secrets`, and only
// revealSecret (store/vault.ts) opens one, writing the audit row in the same call.
import type { RecordType } from '../../../../shared/domain';
import { containing, isRecordType, type Db, type Param } from './rows';

export interface PasswordMeta {
  id: number;
  orgId: number | null;
  orgName: string | null;
  name: string;
  username: string | null;
  url: string | null;
  category: string | null;
  /** The record the entry is attached to, when IT Glue names one. */
  resourceType: string | null;
  resourceId: number | null;
  /** That record's name, when it is in the local copy. */
  resourceName: string | null;
  hasValue: boolean;
  restricted: boolean;
  /** When the value last changed in IT Glue. */
  passwordUpdatedAt: string | null;
  /** When the value or, failing that, the entry last changed. */
  updatedAt: string | null;
}

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
  password_updated_at: string | null;
  record_updated_at: string | null;
}

const SELECT = `SELECT p.id, p.org_id, o.name AS org_name, p.name, p.username, p.url, p.category, p.resource_type, p.resource_id,
       rr.name AS resource_name, p.has_value, p.restricted, p.password_updated_at, r.updated_at AS record_updated_at
  FROM passwords p
  JOIN records r ON r.rowid = p.record_rowid AND r.deleted_at IS NULL
  LEFT JOIN organizations o ON o.id = p.org_id
  LEFT JOIN records rr ON rr.type = p.resource_type AND rr.itglue_id = CAST(p.resource_id AS TEXT) AND rr.deleted_at IS NULL`;
const ORDER = 'ORDER BY p.name COLLATE NOCASE, p.id';

const toMeta = (p: Row): PasswordMeta => ({
  id: p.id,
  orgId: p.org_id,
  orgName: p.org_name,
  name: p.name,
  username: p.username,
  url: p.url,
  category: p.category,
  resourceType: p.resource_type,
  resourceId: p.resource_id,
  resourceName: p.resource_name,
  hasValue: p.has_value === 1,
  restricted: p.restricted === 1,
  passwordUpdatedAt: p.password_updated_at,
  updatedAt: p.password_updated_at ?? p.record_updated_at,
});

export function passwordReads(db: Db) {
  const rows = (whereSql: string, ...params: Param[]): PasswordMeta[] => db.prepare<Param[], Row>(`${SELECT} WHERE ${whereSql}`).all(...params).map(toMeta);

  return {
    passwordMeta(id: number): PasswordMeta | null {
      return rows('p.id = ?', id)[0] ?? null;
    },

    /** The entries attached to one record; for a password, the entry itself. */
    passwordsOf(type: RecordType, id: string | number): PasswordMeta[] {
      const n = Number(id);
      if (!Number.isSafeInteger(n)) return [];
      if (type === 'passwords') return rows('p.id = ?', n);
      return rows(`p.resource_type = ? AND p.resource_id = ? ${ORDER}`, type, n);
    },

    /**
     * Entries named `name` (any case) in any organization or in one; when none has exactly that
     * name, the entries whose name contains it. For `glue password NAME` and the quick switcher.
     */
    findPasswordsByName(name: string, opts: { orgId?: number | undefined; limit?: number } = {}): PasswordMeta[] {
      const q = name.trim();
      if (!q) return [];
      const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
      const inOrg = opts.orgId !== undefined ? ' AND p.org_id = ?' : '';
      const orgParams = opts.orgId !== undefined ? [opts.orgId] : [];
      const exact = rows(`p.name = ? COLLATE NOCASE${inOrg} ${ORDER} LIMIT ${limit}`, q, ...orgParams);
      if (exact.length > 0) return exact;
      return rows(`p.name LIKE ? ESCAPE '\\'${inOrg} ${ORDER} LIMIT ${limit}`, containing(q), ...orgParams);
    },

    /** An organization's entries, optionally those whose name, username, category or record contains `query`. */
    listPasswords(orgId: number, query?: string): PasswordMeta[] {
      const q = query?.trim() ?? '';
      if (!q) return rows(`p.org_id = ? ${ORDER} LIMIT 2000`, orgId);
      const like = containing(q);
      return rows(
        `p.org_id = ? AND (p.name LIKE ? ESCAPE '\\' OR p.username LIKE ? ESCAPE '\\' OR p.category LIKE ? ESCAPE '\\' OR rr.name LIKE ? ESCAPE '\\') ${ORDER} LIMIT 2000`,
        orgId,
        like,
        like,
        like,
        like,
      );
    },
  };
}

/** The record type a password is attached to, when it is one the store knows. */
export const attachedType = (p: PasswordMeta): RecordType | null => (isRecordType(p.resourceType) ? p.resourceType : null);
