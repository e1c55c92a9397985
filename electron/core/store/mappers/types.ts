import { z } from 'zod';
import type { RecordType } from '../../../../shared/domain';

/** One JSON:API resource as IT Glue sends it (ids are strings). */
// Objects are checked, not copied: pages of 1,000 resources are parsed on the hot path.
const plainObject = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an object');
export const itGlueResourceSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  attributes: plainObject,
  relationships: plainObject.optional(),
});
export type ItGlueResource = z.infer<typeof itGlueResourceSchema>;

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
