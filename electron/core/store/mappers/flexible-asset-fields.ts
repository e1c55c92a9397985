import { z } from 'zod';
import { attrsSchema, bodyOf, idNum, idOf, num, parseAttrs, relationshipId, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().min(1),
  'name-key': str,
  kind: str,
  hint: str,
  order: num,
  sort: num,
  'flexible-asset-type-id': idNum,
  'updated-at': str,
});

export const mapFlexibleAssetField: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  return {
    record: {
      type: 'flexible-asset-fields',
      itglueId: resource.id,
      orgId: null,
      name: a.name,
      body: bodyOf([a.name, a['name-key'], a.kind, a.hint]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: {
      table: 'flexible_asset_fields',
      row: {
        id,
        type_id: a['flexible-asset-type-id'] ?? relationshipId(resource, 'flexible-asset-type'),
        name: a.name,
        name_key: a['name-key'],
        kind: a.kind,
        sort: a.order ?? a.sort,
      },
    },
    relations: [],
  };
};
