import type Database from 'better-sqlite3-multiple-ciphers';
import { perStoreVersion } from './store-version';

// A tenant has tens of flexible asset types; read them once per store version.
const typeNames = new WeakMap<Database.Database, { key: string; value: string[] }>();

/** Names of the tenant's flexible asset types that have live records. */
export function flexibleAssetTypeNames(db: Database.Database): string[] {
  return perStoreVersion(typeNames, db, () =>
    db
      .prepare<[], { name: string }>('SELECT t.name FROM flexible_asset_types t JOIN records r ON r.rowid = t.record_rowid AND r.deleted_at IS NULL ORDER BY t.name')
      .all()
      .map((r) => r.name),
  );
}

export interface KindFilter {
  /** Configuration type names as stored ("Firewall", "Managed Server"). */
  configurationTypes: readonly string[];
  /** Flexible asset type names as stored, compared without case. */
  assetTypes: readonly string[];
  orgId?: number;
  limit: number;
}

/**
 * Records rowids of live, unarchived configurations and flexible assets of the named kinds,
 * in one organization or across the tenant: the candidates for "the firewall at Acme" that a
 * keyword ranking may leave out (a device's record rarely repeats the word "firewall").
 * Index-backed: configurations by (type_name, org_id), flexible assets by (org_id, type_id)
 * or type_id.
 */
// Both joins read a record's flags from records_flags, never its wide row: tenant-wide, a kind's
// first page of a 1M store read ~200 rows behind their bodies (~90 ms in a fresh process).
export function rowidsOfKind(db: Database.Database, f: KindFilter): number[] {
  const out: number[] = [];
  const limit = Math.max(1, Math.min(1000, Math.trunc(f.limit)));
  if (f.configurationTypes.length > 0) {
    const params: (string | number)[] = [...f.configurationTypes];
    let where = `c.type_name IN (${f.configurationTypes.map(() => '?').join(', ')}) AND c.archived = 0`;
    if (f.orgId !== undefined) {
      where += ' AND c.org_id = ?';
      params.push(f.orgId);
    }
    params.push(limit);
    const rows = db
      .prepare<(string | number)[], { rowid: number }>(
        `SELECT c.record_rowid AS rowid FROM configurations c JOIN records r INDEXED BY records_flags ON r.rowid = c.record_rowid AND r.deleted_at IS NULL WHERE ${where} ORDER BY c.org_id, c.name LIMIT ?`,
      )
      .all(...params);
    out.push(...rows.map((r) => r.rowid));
  }
  if (f.assetTypes.length > 0) {
    const wanted = new Set(f.assetTypes.map((t) => t.toLowerCase()));
    const typeIds = db
      .prepare<[], { id: number; name: string }>('SELECT id, name FROM flexible_asset_types')
      .all()
      .filter((t) => wanted.has(t.name.toLowerCase()))
      .map((t) => t.id);
    for (const typeId of typeIds) {
      const params: number[] = f.orgId !== undefined ? [f.orgId, typeId, limit] : [typeId, limit];
      const rows = db
        .prepare<number[], { rowid: number }>(
          `SELECT a.record_rowid AS rowid FROM flexible_assets a JOIN records r INDEXED BY records_flags ON r.rowid = a.record_rowid AND r.deleted_at IS NULL AND r.archived = 0
            WHERE ${f.orgId !== undefined ? 'a.org_id = ? AND ' : ''}a.type_id = ? ORDER BY a.org_id, a.id LIMIT ?`,
        )
        .all(...params);
      out.push(...rows.map((r) => r.rowid));
    }
  }
  return out.slice(0, limit);
}

/** Live domains with exactly this name (any case): "where is acme.com registered". */
export function domainsNamed(db: Database.Database, name: string, orgId?: number): { id: number; orgId: number | null }[] {
  return db
    .prepare<[string], { id: number; org_id: number | null }>(
      'SELECT d.id, d.org_id FROM domains d JOIN records r ON r.rowid = d.record_rowid AND r.deleted_at IS NULL WHERE d.name = ? COLLATE NOCASE ORDER BY d.org_id, d.id LIMIT 50',
    )
    .all(name.trim())
    .filter((d) => orgId === undefined || d.org_id === orgId)
    .map((d) => ({ id: d.id, orgId: d.org_id }));
}

/**
 * The organizations whose live records are named by this domain: an IT Glue domain, or a
 * flexible asset named after it (an Active Directory domain, an email or website asset). At
 * most `limit` distinct orgs; both reads are index probes (domains_name, records_type_name).
 */
export function orgsOwningDomain(db: Database.Database, name: string, limit = 3): number[] {
  const rows = db
    .prepare<[string, string, number], { org_id: number }>(
      `SELECT org_id FROM domains d WHERE d.name = ? COLLATE NOCASE AND d.org_id IS NOT NULL
       UNION
       SELECT org_id FROM records r WHERE r.type = 'flexible-assets' AND lower(r.name) = lower(?) AND r.archived = 0 AND r.deleted_at IS NULL AND r.org_id IS NOT NULL
       LIMIT ?`,
    )
    .all(name.trim(), name.trim(), limit);
  return rows.map((r) => r.org_id);
}

/** Live records of one type in one organization, by name (index records_org_type). */
export function recordsOfTypeInOrg(db: Database.Database, type: string, orgId: number, limit: number): { rowid: number; type: string; id: string }[] {
  return db
    .prepare<[number, string, number], { rowid: number; type: string; id: string }>(
      'SELECT rowid, type, itglue_id AS id FROM records WHERE org_id = ? AND type = ? AND deleted_at IS NULL ORDER BY archived, name COLLATE NOCASE, rowid LIMIT ?',
    )
    .all(orgId, type, limit);
}

/** The records row of each organization id given (index on records(type, itglue_id)). */
export function organizationRowids(db: Database.Database, ids: readonly number[]): number[] {
  const stmt = db.prepare<[string], { rowid: number }>("SELECT rowid FROM records WHERE type = 'organizations' AND itglue_id = ? AND deleted_at IS NULL");
  return ids.map((id) => stmt.get(String(id))?.rowid).filter((r): r is number => r !== undefined);
}
