import { z } from 'zod';
import { attrsSchema, bodyOf, idNum, idOf, parseAttrs, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

// A document folder of an organization; `parent-id` nests it (null = top level).
const attrs = attrsSchema({
  name: z.string().min(1),
  'organization-id': idNum,
  'parent-id': idNum,
  'updated-at': str,
});

export const mapDocumentFolder: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  return {
    record: {
      type: 'document-folders',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name: a.name,
      body: bodyOf([a.name]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: { table: 'document_folders', row: { id, org_id: a['organization-id'], parent_id: a['parent-id'], name: a.name } },
    relations: [],
  };
};
