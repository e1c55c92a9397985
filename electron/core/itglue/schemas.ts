import { z } from 'zod';

/**
 * IT Glue speaks JSON:API, loosely. These schemas are tolerant on purpose: unknown attributes
 * are kept, ids may be numbers, anything may be null, meta may be missing. A list is checked
 * item by item so one odd record costs a warning, not the whole sync.
 */

export interface ItGlueResource {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, unknown>;
}

export interface PageMeta {
  currentPage: number;
  nextPage: number | null;
  totalPages: number | null;
  totalCount: number | null;
}

export interface ListPage {
  data: ItGlueResource[];
  included: ItGlueResource[];
  meta: PageMeta;
}

export interface ItGlueDocument {
  data: ItGlueResource | ItGlueResource[] | null;
  included: ItGlueResource[];
  meta: Record<string, unknown>;
  links: Record<string, unknown>;
}

/** What a skipped item looks like to the caller: where and why, never the values. */
export interface ItGlueWarning {
  path: string;
  id: string | null;
  reason: string;
}
export type WarningSink = (w: ItGlueWarning) => void;

const idSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

export const resourceSchema = z.looseObject({
  id: idSchema,
  type: z.string().min(1),
  attributes: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((a) => a ?? {}),
  relationships: z.record(z.string(), z.unknown()).nullish(),
});

const looseRecord = z.record(z.string(), z.unknown());

export const envelopeSchema = z.looseObject({
  data: z.unknown(),
  included: z.array(z.unknown()).nullish(),
  meta: looseRecord.nullish(),
  links: looseRecord.nullish(),
});

const errorItemSchema = z.looseObject({
  status: z.union([z.string(), z.number()]).nullish(),
  title: z.string().nullish(),
  detail: z.string().nullish(),
});
export const errorDocumentSchema = z.looseObject({ errors: z.array(errorItemSchema) });

/** The first human-readable line of an error document, or null when there is none. */
export function errorDetail(body: unknown): string | null {
  const parsed = errorDocumentSchema.safeParse(body);
  if (!parsed.success) return null;
  const first = parsed.data.errors[0];
  if (!first) return null;
  const text = [first.title, first.detail].filter((s): s is string => typeof s === 'string' && s.length > 0);
  // Collapse duplicates ("Record not found: Record not found").
  return [...new Set(text)].join(': ').slice(0, 300) || null;
}

// --- attribute schemas per resource type (kebab-case, every field optional and nullable) ---

const str = z.string().nullish();
const bool = z.boolean().nullish();
/** Foreign keys are numbers, but tolerate "12" and turn anything unusable into null. */
// `.optional()` last so an absent key stays absent instead of appearing as null.
const fk = z
  .union([z.number(), z.string()])
  .nullable()
  .transform((v) => {
    if (v === null || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : null;
  })
  .optional();

export const organizationAttributes = z.looseObject({
  name: str,
  'organization-type-name': str,
  'organization-status-name': str,
  'short-name': str,
  'quick-notes': str,
  alert: str,
  description: str,
  primary: bool,
  'parent-id': fk,
  // A string like "[1,6]" in the live API; keep whatever arrives.
  'ancestor-ids': z.union([z.string(), z.array(z.unknown())]).nullish(),
  'created-at': str,
  'updated-at': str,
});

export const configurationAttributes = z.looseObject({
  name: str,
  hostname: str,
  'primary-ip': str,
  'mac-address': str,
  'serial-number': str,
  'asset-tag': str,
  'configuration-type-name': str,
  'configuration-status-name': str,
  'operating-system-name': str,
  notes: str,
  archived: bool,
  'organization-id': fk,
  'updated-at': str,
});

export const configurationInterfaceAttributes = z.looseObject({
  name: str,
  'ip-address': str,
  'mac-address': str,
  primary: bool,
  notes: str,
  'configuration-id': fk,
});

export const passwordAttributes = z.looseObject({
  name: str,
  username: str,
  url: str,
  notes: str,
  'password-category-name': str,
  restricted: bool,
  'resource-id': fk,
  'resource-type': str,
  'organization-id': fk,
  'updated-at': str,
});

export const flexibleAssetTypeAttributes = z.looseObject({ name: str, description: str, icon: str });

export const flexibleAssetFieldAttributes = z.looseObject({
  name: str,
  'name-key': str,
  kind: str,
  'flexible-asset-type-id': fk,
});

export const flexibleAssetAttributes = z.looseObject({
  name: str,
  'organization-id': fk,
  'flexible-asset-type-id': fk,
  traits: looseRecord.nullish(),
  'updated-at': str,
});

export const contactAttributes = z.looseObject({
  'first-name': str,
  'last-name': str,
  title: str,
  'contact-type-name': str,
  'location-name': str,
  important: bool,
  'contact-emails': z.array(z.unknown()).nullish(),
  'contact-phones': z.array(z.unknown()).nullish(),
  'organization-id': fk,
});

export const locationAttributes = z.looseObject({
  name: str,
  address: str,
  city: str,
  region: str,
  country: str,
  phone: str,
  'organization-id': fk,
});

export const domainAttributes = z.looseObject({ name: str, 'registrar-name': str, 'expires-on': str, 'organization-id': fk });

export const documentAttributes = z.looseObject({ name: str, 'organization-id': fk, 'updated-at': str });

export const documentSectionAttributes = z.looseObject({
  'resource-type': str,
  content: str,
  'rendered-content': str,
  sort: z.number().nullish(),
  'document-id': fk,
});

export const relatedItemAttributes = z.looseObject({
  'resource-id': fk,
  'resource-type': str,
  'resource-name': str,
  'destination-id': fk,
  'destination-type': str,
  notes: str,
});

/** Attribute schema by JSON:API type; types not listed are accepted as any attribute map. */
export const ATTRIBUTE_SCHEMAS: Record<string, z.ZodType<Record<string, unknown>>> = {
  organizations: organizationAttributes,
  configurations: configurationAttributes,
  'configuration-interfaces': configurationInterfaceAttributes,
  passwords: passwordAttributes,
  'flexible-asset-types': flexibleAssetTypeAttributes,
  'flexible-asset-fields': flexibleAssetFieldAttributes,
  'flexible-assets': flexibleAssetAttributes,
  contacts: contactAttributes,
  locations: locationAttributes,
  domains: domainAttributes,
  documents: documentAttributes,
  'document-sections': documentSectionAttributes,
  'related-items': relatedItemAttributes,
};

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'item';
  // zod messages name expected/received types, never the value itself.
  return `${where}: ${issue.message}`;
}

function rawId(item: unknown): string | null {
  if (typeof item === 'object' && item !== null && 'id' in item) {
    const id = item.id;
    if (typeof id === 'string' || typeof id === 'number') return String(id).slice(0, 40);
  }
  return null;
}

/** One resource, checked against its type's attribute schema. Null (plus a warning) if unusable. */
export function parseResource(item: unknown, path: string, onWarning: WarningSink | undefined): ItGlueResource | null {
  const base = resourceSchema.safeParse(item);
  if (!base.success) {
    onWarning?.({ path, id: rawId(item), reason: describeIssue(base.error) });
    return null;
  }
  const { id, type, attributes, relationships } = base.data;
  const schema = ATTRIBUTE_SCHEMAS[type];
  let attrs: Record<string, unknown> = attributes;
  if (schema) {
    const parsed = schema.safeParse(attributes);
    if (!parsed.success) {
      onWarning?.({ path, id, reason: `attributes.${describeIssue(parsed.error)}` });
      return null;
    }
    attrs = parsed.data;
  }
  const out: ItGlueResource = { id, type, attributes: attrs };
  if (relationships) out.relationships = relationships;
  return out;
}

function parseList(items: unknown, path: string, onWarning: WarningSink | undefined): ItGlueResource[] {
  if (items === null || items === undefined) return [];
  if (!Array.isArray(items)) {
    onWarning?.({ path, id: null, reason: 'expected a list of records' });
    return [];
  }
  const out: ItGlueResource[] = [];
  for (const item of items) {
    const r = parseResource(item, path, onWarning);
    if (r) out.push(r);
  }
  return out;
}

const pageNumber = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isInteger(n) && n >= 0 ? n : null;
  });

function pageFromLink(link: unknown): number | null {
  if (typeof link !== 'string' || link.length === 0) return null;
  try {
    const url = new URL(link, 'http://placeholder.invalid');
    return pageNumber.parse(url.searchParams.get('page[number]'));
  } catch {
    return null;
  }
}

/**
 * Paging facts from meta, with links.next as the fallback: no meta and no links.next means a
 * single page. `requestedPage` is what we asked for, used when the server does not say.
 */
export function parseMeta(meta: Record<string, unknown> | null | undefined, links: Record<string, unknown> | null | undefined, requestedPage: number): PageMeta {
  const m = meta ?? {};
  const currentPage = pageNumber.parse(m['current-page']) ?? requestedPage;
  let nextPage = pageNumber.parse(m['next-page']);
  const nextLink = links?.['next'];
  if (nextPage === null && typeof nextLink === 'string' && nextLink.length > 0) {
    nextPage = pageFromLink(nextLink) ?? currentPage + 1;
  }
  return {
    currentPage,
    nextPage,
    totalPages: pageNumber.parse(m['total-pages']),
    totalCount: pageNumber.parse(m['total-count']),
  };
}

export type EnvelopeResult = { ok: true; doc: z.infer<typeof envelopeSchema> } | { ok: false; reason: string };

export function parseEnvelope(body: unknown): EnvelopeResult {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'not a JSON:API document' };
  if (!('data' in parsed.data)) return { ok: false, reason: 'no "data" in the document' };
  return { ok: true, doc: parsed.data };
}

export function parseListPage(
  doc: z.infer<typeof envelopeSchema>,
  path: string,
  requestedPage: number,
  onWarning: WarningSink | undefined,
): ListPage {
  return {
    data: parseList(doc.data, path, onWarning),
    included: parseList(doc.included, path, onWarning),
    meta: parseMeta(doc.meta, doc.links, requestedPage),
  };
}

export function parseDocument(doc: z.infer<typeof envelopeSchema>, path: string, onWarning: WarningSink | undefined): ItGlueDocument {
  const data = Array.isArray(doc.data) ? parseList(doc.data, path, onWarning) : doc.data === null || doc.data === undefined ? null : parseResource(doc.data, path, onWarning);
  return {
    data,
    included: parseList(doc.included, path, onWarning),
    meta: doc.meta ?? {},
    links: doc.links ?? {},
  };
}
