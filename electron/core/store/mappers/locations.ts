import { z } from 'zod';
import { attrsSchema, bodyOf, idNum, idOf, parseAttrs, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().min(1),
  'address-1': str,
  'address-2': str,
  address: str,
  city: str,
  'postal-code': str,
  'region-name': str,
  region: str,
  'country-name': str,
  country: str,
  phone: str,
  notes: str,
  'organization-id': idNum,
  'updated-at': str,
});

export const mapLocation: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const address = a.address ?? ([a['address-1'], a['address-2']].filter(Boolean).join(', ') || null);
  const region = a['region-name'] ?? a.region;
  const country = a['country-name'] ?? a.country;
  return {
    record: {
      type: 'locations',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name: a.name,
      body: bodyOf([a.name, address, a.city, a['postal-code'], region, country, a.phone, a.notes]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: {
      table: 'locations',
      row: { id, org_id: a['organization-id'], name: a.name, address, city: a.city, region, country, phone: a.phone },
    },
    relations: [],
  };
};
