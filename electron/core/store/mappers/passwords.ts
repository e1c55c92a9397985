import { z } from 'zod';
import { attrsSchema, bodyOf, bool, idNum, idOf, parseAttrs, recordTypeFromName, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().min(1),
  'organization-id': idNum,
  username: str,
  url: str,
  'password-category-name': str,
  restricted: bool,
  'resource-id': idNum,
  'resource-type': str,
  'cached-resource-name': str,
  'password-updated-at': str,
  'updated-at': str,
  archived: bool,
  password: str,
});

// DECISION: the body holds name, username, url, category and resource name only. Notes often
// hold recovery codes, so they stay out of the index (they remain in attrs, inside SQLCipher).
export const mapPassword: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const resourceType = recordTypeFromName(a['resource-type']);
  return {
    record: {
      type: 'passwords',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name: a.name,
      body: bodyOf([a.name, a.username, a.url, a['password-category-name'], a['cached-resource-name']]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: a.archived,
    },
    typed: {
      table: 'passwords',
      row: {
        id,
        org_id: a['organization-id'],
        name: a.name,
        username: a.username,
        url: a.url,
        category: a['password-category-name'],
        resource_type: resourceType ?? a['resource-type'],
        resource_id: a['resource-id'],
        restricted: a.restricted ? 1 : 0,
        password_updated_at: a['password-updated-at'],
      },
    },
    relations: [],
    secret: a.password ?? undefined,
  };
};
