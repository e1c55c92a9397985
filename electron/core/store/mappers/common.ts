import { z } from 'zod';
import type { RecordType } from '../../../../shared/domain';
import { MapError, type ItGlueResource } from './types';

export const str = z.string().nullish().transform((v) => (v === undefined || v === null || v === '' ? null : v));
export const bool = z.boolean().nullish().transform((v) => v ?? false);
/** Foreign keys are numbers in IT Glue, but tolerate numeric strings. */
export const idNum = z
  .union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])
  .nullish()
  .transform((v) => v ?? null);
export const num = z.number().nullish().transform((v) => v ?? null);

export function parseAttrs<T extends z.ZodType>(schema: T, resource: ItGlueResource): z.output<T> {
  const parsed = schema.safeParse(resource.attributes);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MapError(`invalid attributes: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'unknown'}`);
  }
  return parsed.data;
}

export function idOf(resource: ItGlueResource): number {
  if (!/^\d+$/.test(resource.id)) throw new MapError(`id "${resource.id.slice(0, 40)}" is not numeric`);
  return Number(resource.id);
}

/** Attributes as stored: a `password` value is dropped here, before anything is written. */
export function storedAttrs(resource: ItGlueResource): Record<string, unknown> {
  const { password: _password, ...rest } = resource.attributes;
  return rest;
}

export function bodyOf(parts: readonly (string | number | null | undefined)[]): string {
  return parts
    .filter((p): p is string | number => p !== null && p !== undefined && p !== '')
    .map((p) => String(p).trim())
    .filter((p) => p.length > 0)
    .join('\n');
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

/** Strips HTML tags and entities well enough for a search body (never rendered). */
export function plainText(html: string | null): string | null {
  if (!html) return null;
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
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
};

/** "Configuration", "Configurations", "flexible_assets", "FlexibleAsset" … → RecordType, or null. */
export function recordTypeFromName(name: string | null | undefined): RecordType | null {
  if (!name) return null;
  const key = name.toLowerCase().replace(/[^a-z]/g, '').replace(/s$/, '');
  return TYPE_NAMES[key] ?? null;
}
