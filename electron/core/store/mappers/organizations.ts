import { z } from 'zod';
import { attrsSchema, bodyOf, idNum, parseAttrs, resourceUrl, storedAttrs, str, idOf } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().min(1),
  'short-name': str,
  'organization-type-name': str,
  'organization-status-name': str,
  description: str,
  'quick-notes': str,
  alert: str,
  'parent-id': idNum,
  'updated-at': str,
});

export const mapOrganization: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  return {
    record: {
      type: 'organizations',
      itglueId: resource.id,
      orgId: id,
      name: a.name,
      body: bodyOf([a.name, a['short-name'], a['organization-type-name'], a['organization-status-name'], a.description, a['quick-notes'], a.alert]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: {
      table: 'organizations',
      row: {
        id,
        name: a.name,
        short_name: a['short-name'],
        type_name: a['organization-type-name'],
        status_name: a['organization-status-name'],
        parent_id: a['parent-id'],
      },
    },
    relations: [],
  };
};
