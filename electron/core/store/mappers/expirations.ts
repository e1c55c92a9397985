import { attrsSchema, bodyOf, idNum, idOf, parseAttrs, recordTypeFromName, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

// IT Glue's account-wide expirations list: one row per expiring thing (domain, warranty,
// SSL certificate, flexible asset date …), naming the record it comes from.
const attrs = attrsSchema({
  'organization-id': idNum,
  'resource-id': idNum,
  'resource-name': str,
  'resource-type-name': str,
  description: str,
  'expiration-date': str,
  'updated-at': str,
});

export const mapExpiration: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const expires = a['expiration-date']?.slice(0, 10) ?? null;
  const name = a['resource-name'] ?? a.description ?? `Expiration ${id}`;
  // IT Glue's class name (Domain, Configuration, SslCertificate …) as our record type when it is one.
  const toType = recordTypeFromName(a['resource-type-name']);
  return {
    record: {
      type: 'expirations',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name,
      body: bodyOf([name, a.description, a['resource-type-name'], expires ? `Expires ${expires}` : null]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: { table: 'expirations', row: { id, name, org_id: a['organization-id'], resource_type: toType ?? a['resource-type-name'], resource_id: a['resource-id'], expires_on: expires } },
    // The parent is a typed column, not a relation: relations are dependencies (docs/architecture.md).
    relations: [],
  };
};
