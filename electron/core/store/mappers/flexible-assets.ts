import { z } from 'zod';
import { attrsSchema, bodyOf, bool, idNum, idOf, parseAttrs, recordTypeFromName, resourceUrl, storedAttrs, str } from './common';
import type { Mapper, RelationInput } from './types';

const attrs = attrsSchema({
  name: z.string().nullish(),
  'organization-id': idNum,
  'flexible-asset-type-id': idNum,
  'flexible-asset-type-name': str,
  traits: z.record(z.string(), z.unknown()).nullish(),
  archived: bool,
  'updated-at': str,
});

const tagTrait = z.object({
  type: z.string(),
  values: z.array(z.looseObject({ id: z.union([z.number(), z.string()]), name: z.string().nullish() })),
});

/** Text for the index and typed links out of one trait, by the field kind when it is known. */
function readTrait(key: string, value: unknown, kind: string | undefined): { text: string[]; relations: RelationInput[] } {
  const tag = tagTrait.safeParse(value);
  if (tag.success) {
    const toType = recordTypeFromName(tag.data.type);
    return {
      text: tag.data.values.map((v) => v.name ?? '').filter(Boolean),
      relations: toType ? tag.data.values.map((v) => ({ toType, toId: String(v.id), kind: 'tag', notes: key })) : [],
    };
  }
  // Password traits hold a password id; its value is never in a flexible asset.
  if (kind === 'Password') {
    const id = typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)) ? String(value) : null;
    return { text: [], relations: id ? [{ toType: 'passwords', toId: id, kind: 'password', notes: key }] : [] };
  }
  if (kind === 'Upload') return { text: [], relations: [] };
  if (typeof value === 'string' || typeof value === 'number') return { text: [String(value)], relations: [] };
  if (typeof value === 'boolean') return { text: [], relations: [] };
  return { text: [], relations: [] };
}

export const mapFlexibleAsset: Mapper = (resource, context) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const name = a.name?.trim() || `${a['flexible-asset-type-name'] ?? 'Flexible asset'} ${id}`;
  const text: string[] = [];
  const relations: RelationInput[] = [];
  for (const [key, value] of Object.entries(a.traits ?? {})) {
    const read = readTrait(key, value, context.fieldKinds?.get(key));
    text.push(...read.text);
    relations.push(...read.relations);
  }
  return {
    record: {
      type: 'flexible-assets',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name,
      body: bodyOf([name, a['flexible-asset-type-name'], ...text.map((t) => t.replace(/<[^>]+>/g, ' '))]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: a.archived,
    },
    typed: { table: 'flexible_assets', row: { id, org_id: a['organization-id'], type_id: a['flexible-asset-type-id'] } },
    relations,
  };
};
