// What answers read about one organization or across the tenant: contacts, locations, its
// configurations, assets and domains for an infrastructure summary or a compliance check, and
// configuration types as the tenant names them. Every query is keyed by an index (org, type).
import { RECORD_TYPES, type RecordType } from '../../../../shared/domain';
import { prepared, type Db } from './rows';

const isRecordType = (t: string): t is RecordType => (RECORD_TYPES as readonly string[]).includes(t);

/** A record in the shape an answer cites: its row, org and a body for the snippet (never a secret). */
export interface SourceRow {
  rowid: number;
  type: RecordType;
  itglue_id: string;
  org_id: number | null;
  org_name: string | null;
  name: string;
  url: string | null;
  body: string;
}

export function sourceRow(db: Db, type: string, id: string): SourceRow | null {
  const row = prepared<[string, string], Omit<SourceRow, 'type'> & { type: string }>(
    db,
    `SELECT r.rowid, r.type, r.itglue_id, r.org_id, o.name AS org_name, r.name, r.url, substr(r.body, 1, 400) AS body
       FROM records r LEFT JOIN organizations o ON o.id = r.org_id WHERE r.deleted_at IS NULL AND r.type = ? AND r.itglue_id = ?`,
  ).get(type, id);
  const t = row?.type;
  return row && t !== undefined && isRecordType(t) ? { ...row, type: t } : null;
}

export interface ContactRow {
  id: number;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  type_name: string | null;
  emails: string;
  phones: string;
}

/** An org's live contacts, important ones first. */
export function contactIdsOfOrg(db: Db, orgId: number, limit: number): number[] {
  return db
    .prepare<[number, number], { id: number }>(
      'SELECT c.id FROM contacts c JOIN records r ON r.rowid = c.record_rowid AND r.deleted_at IS NULL WHERE c.org_id = ? ORDER BY c.important DESC, c.last_name, c.id LIMIT ?',
    )
    .all(orgId, limit)
    .map((r) => r.id);
}

export function contactRow(db: Db, id: number): ContactRow | null {
  return db.prepare<[number], ContactRow>('SELECT id, first_name, last_name, title, type_name, emails, phones FROM contacts WHERE id = ?').get(id) ?? null;
}

export interface LocationRow {
  id: number;
  name: string;
  address: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  phone: string | null;
}

export function locationsOfOrg(db: Db, orgId: number): LocationRow[] {
  return db
    .prepare<[number], LocationRow>(
      'SELECT l.id, l.name, l.address, l.city, l.region, l.country, l.phone FROM locations l JOIN records r ON r.rowid = l.record_rowid AND r.deleted_at IS NULL WHERE l.org_id = ? ORDER BY l.name, l.id',
    )
    .all(orgId);
}

/** An org's live password ids by name. */
export function passwordIdsOfOrg(db: Db, orgId: number, limit: number): number[] {
  return db
    .prepare<[number, number], { id: number }>(
      'SELECT p.id FROM passwords p JOIN records r ON r.rowid = p.record_rowid AND r.deleted_at IS NULL WHERE p.org_id = ? ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?',
    )
    .all(orgId, limit)
    .map((r) => r.id);
}

export interface OrgConfiguration {
  id: number;
  name: string;
  type_name: string | null;
  primary_ip: string | null;
}

export function configurationsOfOrg(db: Db, orgId: number): OrgConfiguration[] {
  return db
    .prepare<[number], OrgConfiguration>(
      `SELECT c.id, c.name, c.type_name, c.primary_ip FROM configurations c JOIN records r ON r.rowid = c.record_rowid AND r.deleted_at IS NULL
        WHERE c.org_id = ? AND c.archived = 0 ORDER BY c.name, c.id`,
    )
    .all(orgId);
}

export function flexibleAssetsOfOrg(db: Db, orgId: number): { id: number; name: string; type_id: number | null; type_name: string | null }[] {
  return db
    .prepare<[number], { id: number; name: string; type_id: number | null; type_name: string | null }>(
      `SELECT f.id, r.name, f.type_id, t.name AS type_name FROM flexible_assets f JOIN records r ON r.rowid = f.record_rowid AND r.deleted_at IS NULL AND r.archived = 0
        LEFT JOIN flexible_asset_types t ON t.id = f.type_id WHERE f.org_id = ? ORDER BY t.name, r.name, f.id`,
    )
    .all(orgId);
}

export function domainsOfOrg(db: Db, orgId: number): { id: number; name: string; expires_on: string | null }[] {
  return db
    .prepare<[number], { id: number; name: string; expires_on: string | null }>(
      'SELECT d.id, d.name, d.expires_on FROM domains d JOIN records r ON r.rowid = d.record_rowid AND r.deleted_at IS NULL WHERE d.org_id = ? ORDER BY d.name, d.id',
    )
    .all(orgId);
}

export function flexibleAssetTypes(db: Db): { id: number; name: string }[] {
  return db.prepare<[], { id: number; name: string }>('SELECT t.id, t.name FROM flexible_asset_types t JOIN records r ON r.rowid = t.record_rowid AND r.deleted_at IS NULL').all();
}

/** Checks of one org for the compliance answer; `day` is YYYY-MM-DD. */
export function complianceReads(db: Db, backupTypeIds: readonly number[]) {
  const hasBackup = db.prepare<number[], { n: number }>(
    `SELECT count(*) AS n FROM flexible_assets f JOIN records r ON r.rowid = f.record_rowid AND r.deleted_at IS NULL AND r.archived = 0
      WHERE f.org_id = ? AND f.type_id IN (${backupTypeIds.map(() => '?').join(',') || 'NULL'})`,
  );
  const expiredWarranty = db.prepare<[number, string], { id: number; name: string; w: string }>(
    `SELECT c.id, c.name, substr(c.warranty_expires_at, 1, 10) AS w FROM configurations c JOIN records r ON r.rowid = c.record_rowid AND r.deleted_at IS NULL
      WHERE c.org_id = ? AND c.archived = 0 AND c.warranty_expires_at IS NOT NULL AND c.warranty_expires_at < ? ORDER BY c.warranty_expires_at, c.id`,
  );
  const domains = db.prepare<[number, string], { id: number; name: string; e: string }>(
    `SELECT d.id, d.name, substr(d.expires_on, 1, 10) AS e FROM domains d JOIN records r ON r.rowid = d.record_rowid AND r.deleted_at IS NULL
      WHERE d.org_id = ? AND d.expires_on IS NOT NULL AND d.expires_on < ? ORDER BY d.expires_on, d.id`,
  );
  const noIp = db.prepare<[number], { id: number; name: string }>(
    `SELECT c.id, c.name FROM configurations c JOIN records r ON r.rowid = c.record_rowid AND r.deleted_at IS NULL
      WHERE c.org_id = ? AND c.archived = 0 AND (c.primary_ip IS NULL OR c.primary_ip = '') ORDER BY c.name, c.id`,
  );
  return {
    hasBackup: (orgId: number): boolean => (hasBackup.get(orgId, ...backupTypeIds)?.n ?? 0) > 0,
    expiredWarranties: (orgId: number, day: string) => expiredWarranty.all(orgId, day),
    domainsExpiringBefore: (orgId: number, day: string) => domains.all(orgId, day),
    configurationsWithoutIp: (orgId: number) => noIp.all(orgId),
  };
}

/** The configuration type names in use, as the tenant writes them. */
export function configurationTypeNames(db: Db): string[] {
  // A configuration's typed row exists only while its record is live (the deletion sweep drops
  // it), so the records join is not needed; and the distinct names are read by jumping from one
  // name to the next in the type index (a few dozen seeks) instead of reading every
  // configuration (a quarter of a million at 1M records: 6 s on the first question).
  return db
    .prepare<[], { t: string }>(
      `WITH RECURSIVE names(t) AS (
         SELECT min(type_name) FROM configurations WHERE type_name IS NOT NULL
         UNION ALL
         SELECT (SELECT min(type_name) FROM configurations WHERE type_name > names.t) FROM names WHERE names.t IS NOT NULL
       )
       SELECT t FROM names WHERE t IS NOT NULL AND trim(t) <> ''`,
    )
    .all()
    .map((r) => r.t);
}

export interface TypedConfiguration {
  id: number;
  name: string;
  org_id: number | null;
  org_name: string | null;
  primary_ip: string | null;
  type_name: string;
}

/** Live, unarchived configurations of these types, in scope, ordered by org then name (index on type, org). */
export function configurationsOfType(db: Db, typeNames: readonly string[], orgId: number | null, limit = 100_000): TypedConfiguration[] {
  if (typeNames.length === 0) return [];
  const params: (string | number)[] = [...typeNames];
  let where = `c.type_name IN (${typeNames.map(() => '?').join(', ')}) AND c.archived = 0`;
  if (orgId !== null) {
    where += ' AND c.org_id = ?';
    params.push(orgId);
  }
  params.push(limit);
  return db
    .prepare<(string | number)[], TypedConfiguration>(
      `SELECT c.id, c.name, c.org_id, o.name AS org_name, c.primary_ip, c.type_name
         FROM configurations c JOIN records r ON r.rowid = c.record_rowid AND r.deleted_at IS NULL
         LEFT JOIN organizations o ON o.id = c.org_id
        WHERE ${where}
        ORDER BY o.name COLLATE NOCASE, c.org_id, c.name COLLATE NOCASE, c.id LIMIT ?`,
    )
    .all(...params);
}

/** The type name of each configuration id given (ids without a type are left out). */
export function typeOfConfigurations(db: Db, ids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const rows = db.prepare<number[], { id: number; t: string | null }>(`SELECT id, type_name AS t FROM configurations WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids);
  for (const r of rows) if (r.t) out.set(r.id, r.t);
  return out;
}
