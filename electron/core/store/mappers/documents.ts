import { z } from 'zod';
import { attrsSchema, bodyOf, bool, idNum, idOf, parseAttrs, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().min(1),
  'organization-id': idNum,
  'document-folder-id': idNum,
  /** Set by the sync from the synced folders ("Runbooks / Network"); not an IT Glue attribute. */
  'document-folder-path': str,
  archived: bool,
  'updated-at': str,
});

export const mapDocument: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  return {
    record: {
      type: 'documents',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name: a.name,
      body: bodyOf([a.name, a['document-folder-path'] ? `Folder: ${a['document-folder-path']}` : null]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: a.archived,
    },
    typed: { table: 'documents', row: { id, org_id: a['organization-id'], name: a.name, folder_id: a['document-folder-id'] } },
    relations: [],
  };
};
