import { z } from 'zod';
import type { RecordType } from '../../../../shared/domain';
import { htmlToText } from '../../text/html';
import { MapError, type ItGlueResource } from './types';

/**
 * Attribute fields as IT Glue sends them: "" or nothing for an empty text, null or nothing for
 * a false flag, numbers or numeric strings for foreign keys. These common kinds are checked and
 * normalised by hand in one pass; any other field is a zod schema, parsed on its own. (A zod
 * object over every field, then a normalisation pass, was most of mapping time: mapping runs
 * for every record of a sync, on the thread that writes the store.)
 */
type FieldKind = 'str' | 'bool' | 'idNum' | 'num';
interface Field<K extends FieldKind> {
  readonly kind: K;
}
/** Text, empty → null. */
export const str: Field<'str'> = { kind: 'str' };
/** Flag, missing → false. */
export const bool: Field<'bool'> = { kind: 'bool' };
/** Id (a number, or a numeric string as IT Glue sometimes sends) → number, missing → null. */
export const idNum: Field<'idNum'> = { kind: 'idNum' };
/** Number, missing → null. */
export const num: Field<'num'> = { kind: 'num' };

const EXPECTED: Record<FieldKind, string> = { str: 'a string', bool: 'a boolean', idNum: 'an integer id', num: 'a number' };
/** normalized()'s answer for a value of the wrong kind. */
const INVALID = Symbol('invalid');

function normalized(kind: FieldKind, v: unknown): unknown {
  if (v === undefined || v === null) return kind === 'bool' ? false : null;
  switch (kind) {
    case 'str':
      return typeof v === 'string' ? (v === '' ? null : v) : INVALID;
    case 'bool':
      return typeof v === 'boolean' ? v : INVALID;
    case 'idNum':
      if (typeof v === 'number') return Number.isSafeInteger(v) ? v : INVALID;
      return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : INVALID;
    case 'num':
      return typeof v === 'number' && Number.isFinite(v) ? v : INVALID;
  }
}

type FieldSpec = z.ZodType | Field<FieldKind>;
type FieldOutput<S> =
  S extends Field<'str'> ? string | null : S extends Field<'bool'> ? boolean : S extends Field<'idNum' | 'num'> ? number | null : S extends z.ZodType ? z.output<S> : never;
export type AttrsOf<S extends Record<string, FieldSpec>> = { [K in keyof S]: FieldOutput<S[K]> };

type CompiledField = { readonly key: string; readonly kind: FieldKind } | { readonly key: string; readonly schema: z.ZodType };

export interface AttrsSchema<S extends Record<string, FieldSpec>> {
  readonly fields: readonly CompiledField[];
  /** Carries S for parseAttrs's return type; never set. */
  readonly spec?: S;
}

const isField = (f: FieldSpec): f is Field<FieldKind> => !(f instanceof z.ZodType);

/** The attributes a mapper reads; `str`/`bool`/`idNum`/`num` fields are normalised as they are checked. */
export function attrsSchema<S extends Record<string, FieldSpec>>(spec: S): AttrsSchema<S> {
  return { fields: Object.entries(spec).map(([key, f]) => (isField(f) ? { key, kind: f.kind } : { key, schema: f })) };
}

export function parseAttrs<S extends Record<string, FieldSpec>>(schema: AttrsSchema<S>, resource: ItGlueResource): AttrsOf<S> {
  const input = resource.attributes;
  const out: Record<string, unknown> = {};
  for (const f of schema.fields) {
    const v = input[f.key];
    if ('schema' in f) {
      const parsed = f.schema.safeParse(v);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new MapError(`invalid attributes: ${[f.key, ...(issue?.path ?? [])].join('.')} ${issue?.message ?? 'is invalid'}`);
      }
      if (parsed.data !== undefined) out[f.key] = parsed.data;
    } else {
      const value = normalized(f.kind, v);
      if (value === INVALID) throw new MapError(`invalid attributes: ${f.key} must be ${EXPECTED[f.kind]}, got ${typeof v}`);
      out[f.key] = value;
    }
  }
  // Every field was checked and normalised above; TypeScript cannot follow the per-key loop,
  // so this is the one place the type is asserted.
  return out as AttrsOf<S>;
}

export function idOf(resource: ItGlueResource): number {
  if (!/^\d+$/.test(resource.id)) throw new MapError(`id "${resource.id.slice(0, 40)}" is not numeric`);
  return Number(resource.id);
}

/** Attributes as stored: a `password` value is dropped here, before anything is written. */
export function storedAttrs(resource: ItGlueResource): Record<string, unknown> {
  if (!('password' in resource.attributes)) return resource.attributes;
  const { password: _password, ...rest } = resource.attributes;
  return rest;
}

export function bodyOf(parts: readonly (string | number | null | undefined)[]): string {
  let body = '';
  for (const p of parts) {
    if (p === null || p === undefined) continue;
    const text = String(p).trim();
    if (text !== '') body = body === '' ? text : `${body}\n${text}`;
  }
  return body;
}

export function resourceUrl(resource: ItGlueResource): string | null {
  const url = resource.attributes['resource-url'];
  return typeof url === 'string' && url ? url : null;
}

export function relationshipId(resource: ItGlueResource, name: string): number | null {
  const rel = z
    .object({ data: z.object({ id: z.string() }).nullish() })
    .safeParse(resource.relationships?.[name]);
  const id = rel.success ? rel.data.data?.id : undefined;
  return id && /^\d+$/.test(id) ? Number(id) : null;
}

/** Searchable text of IT Glue HTML (entities decoded, tags and scripts gone). */
export function plainText(html: string | null): string | null {
  return html ? htmlToText(html).replace(/\s+/g, ' ') : null;
}

const TYPE_NAMES: Record<string, RecordType> = {
  organization: 'organizations',
  configuration: 'configurations',
  configurationinterface: 'configuration-interfaces',
  password: 'passwords',
  flexibleassettype: 'flexible-asset-types',
  flexibleassetfield: 'flexible-asset-fields',
  flexibleasset: 'flexible-assets',
  document: 'documents',
  documentsection: 'document-sections',
  contact: 'contacts',
  location: 'locations',
  domain: 'domains',
  documentfolder: 'document-folders',
  checklist: 'checklists',
  checklisttask: 'checklist-tasks',
  sslcertificate: 'ssl-certificates',
  expiration: 'expirations',
  attachment: 'attachments',
};

/** "Configuration", "Configurations", "flexible_assets", "FlexibleAsset" … → RecordType, or null. */
export function recordTypeFromName(name: string | null | undefined): RecordType | null {
  if (!name) return null;
  const key = name.toLowerCase().replace(/[^a-z]/g, '').replace(/s$/, '');
  return TYPE_NAMES[key] ?? null;
}
