import { z } from 'zod';
import { attrsSchema, bodyOf, bool, idNum, idOf, parseAttrs, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().nullish(),
  'common-name': str,
  'issued-by': str,
  'issued-on': str,
  'expires-on': str,
  notes: str,
  'organization-id': idNum,
  archived: bool,
  'updated-at': str,
});

export const mapSslCertificate: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const name = a.name || a['common-name'] || `Certificate ${id}`;
  const expires = a['expires-on']?.slice(0, 10) ?? null;
  return {
    record: {
      type: 'ssl-certificates',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name,
      body: bodyOf([name, a['common-name'] !== name ? a['common-name'] : null, a['issued-by'], expires ? `Expires ${expires}` : null, a.notes]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: a.archived,
    },
    typed: { table: 'ssl_certificates', row: { id, org_id: a['organization-id'], name, expires_on: expires } },
    relations: [],
  };
};
