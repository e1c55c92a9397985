import { z } from 'zod';
import { attrsSchema, bodyOf, idOf, parseAttrs, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({ name: z.string().min(1), description: str, 'updated-at': str });

export const mapFlexibleAssetType: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  return {
    record: {
      type: 'flexible-asset-types',
      itglueId: resource.id,
      orgId: null,
      name: a.name,
      body: bodyOf([a.name, a.description]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: { table: 'flexible_asset_types', row: { id, name: a.name, description: a.description } },
    relations: [],
  };
};
