// The tenant's flexible asset schema as technicians name it: each field's label (IT Glue's
// "name"), the name-key its traits are stored under, and its kind. Read once per store version
// (a tenant has hundreds of fields at most).
import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from './rows';
import { perStoreVersion } from './store-version';

export interface AssetField {
  typeId: number;
  typeName: string;
  label: string;
  nameKey: string;
  kind: string | null;
}

const schemas = new WeakMap<Database.Database, { key: string; value: AssetField[] }>();

export function assetFieldSchema(db: Database.Database): AssetField[] {
  return perStoreVersion(schemas, db, () => readSchema(db));
}

function readSchema(db: Database.Database): AssetField[] {
  return db
    .prepare<[], { type_id: number; type_name: string; name: string; name_key: string; kind: string | null }>(
      `SELECT f.type_id, t.name AS type_name, f.name, f.name_key, f.kind
         FROM flexible_asset_fields f
         JOIN records rf ON rf.rowid = f.record_rowid AND rf.deleted_at IS NULL
         JOIN flexible_asset_types t ON t.id = f.type_id
        WHERE f.name_key IS NOT NULL
        ORDER BY f.type_id, f.sort, f.id`,
    )
    .all()
    .map((f) => ({ typeId: f.type_id, typeName: f.type_name, label: f.name, nameKey: f.name_key, kind: f.kind }));
}

/** name-key → label for one flexible asset type. */
export function assetFieldLabels(db: Database.Database, typeId: number): Map<string, string> {
  return new Map(assetFieldSchema(db).filter((f) => f.typeId === typeId).map((f) => [f.nameKey, f.label]));
}

export interface AssetRef {
  id: number;
  rowid: number;
  orgId: number | null;
  typeId: number;
}

/**
 * Live flexible assets of these types, in one organization or all, in org order from the
 * (org_id, type_id) index, their flags read from records_flags: tenant-wide, the type index
 * sorted every asset of the type and read each one's wide records row (255 ms at 1M records, cold).
 */
export function assetsOfTypes(db: Database.Database, typeIds: readonly number[], orgId: number | undefined, limit: number): AssetRef[] {
  const out: AssetRef[] = [];
  for (const typeId of typeIds) {
    const params: number[] = orgId !== undefined ? [orgId, typeId, limit] : [typeId, limit];
    const rows = prepared<number[], { id: number; rowid: number; org_id: number | null; type_id: number }>(
      db,
      `SELECT a.id, a.record_rowid AS rowid, a.org_id, a.type_id
         FROM flexible_assets a INDEXED BY flexible_assets_org
         JOIN records r INDEXED BY records_flags ON r.rowid = a.record_rowid AND r.deleted_at IS NULL AND r.archived = 0
        WHERE ${orgId !== undefined ? 'a.org_id = ? AND ' : ''}a.type_id = ? ORDER BY a.org_id, a.id LIMIT ?`,
    ).all(...params);
    out.push(...rows.map((r) => ({ id: r.id, rowid: r.rowid, orgId: r.org_id, typeId: r.type_id })));
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

/** The type of one flexible asset. */
export function assetTypeOf(db: Database.Database, id: number): number | null {
  return db.prepare<[number], { type_id: number | null }>('SELECT type_id FROM flexible_assets WHERE id = ?').get(id)?.type_id ?? null;
}
