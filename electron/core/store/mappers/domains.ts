import { z } from 'zod';
import { attrsSchema, bodyOf, bool, idNum, idOf, parseAttrs, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().min(1),
  'registrar-name': str,
  'expires-on': str,
  notes: str,
  'organization-id': idNum,
  archived: bool,
  'updated-at': str,
});

export const mapDomain: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  return {
    record: {
      type: 'domains',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name: a.name,
      body: bodyOf([a.name, a['registrar-name'], a['expires-on'], a.notes]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: a.archived,
    },
    typed: {
      table: 'domains',
      row: { id, org_id: a['organization-id'], name: a.name, registrar: a['registrar-name'], expires_on: a['expires-on'] },
    },
    relations: [],
  };
};
