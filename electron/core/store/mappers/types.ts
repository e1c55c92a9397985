import type { RecordType } from '../../../../shared/domain';

/** One JSON:API resource as IT Glue sends it (ids are strings). */
export interface ItGlueResource {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, unknown>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The resource when `raw` has the JSON:API shape the mappers read, else null. Checked by hand
 * and returned as is, not copied: the writer runs this for every record of a sync, and the
 * mappers read only the members checked here.
 */
export function asResource(raw: unknown): ItGlueResource | null {
  if (!isPlainObject(raw)) return null;
  const { id, type, attributes, relationships } = raw;
  if (typeof id !== 'string' || id === '' || typeof type !== 'string' || !isPlainObject(attributes)) return null;
  if (relationships !== undefined && !isPlainObject(relationships)) return null;
  return raw as unknown as ItGlueResource;
}

export type SqlValue = string | number | null;

export const TYPED_TABLES = [
  'organizations',
  'configurations',
  'interfaces',
  'passwords',
  'flexible_asset_types',
  'flexible_asset_fields',
  'flexible_assets',
  'documents',
  'document_sections',
  'contacts',
  'locations',
  'domains',
  'document_folders',
  'checklists',
  'checklist_tasks',
  'ssl_certificates',
  'expirations',
  'attachments',
] as const;
export type TypedTable = (typeof TYPED_TABLES)[number];

export interface RelationInput {
  toType: RecordType;
  toId: string;
  kind: string;
  notes?: string | null;
}

export interface RecordRow {
  type: RecordType;
  itglueId: string;
  orgId: number | null;
  name: string;
  body: string;
  /** Attributes as stored: never contains a password value. */
  attrs: Record<string, unknown>;
  url: string | null;
  updatedAt: string | null;
  archived: boolean;
}

export interface MappedRecord {
  record: RecordRow;
  typed: { table: TypedTable; row: { id: number } & Record<string, SqlValue> };
  relations: RelationInput[];
  /** Only for passwords shown one at a time: goes to `secrets`, nowhere else. */
  secret?: string;
  /** When the resource carries no organization id, take it from this parent row. */
  orgFrom?: { table: 'configurations' | 'documents'; id: number };
}

export interface MapContext {
  /** name-key → kind for the flexible asset type being mapped (Password/Upload traits are not text). */
  fieldKinds?: ReadonlyMap<string, string>;
}

export type Mapper = (resource: ItGlueResource, context: MapContext) => MappedRecord;

/** Thrown for a resource that fails validation; the writer records it in `skipped`. */
export class MapError extends Error {}
