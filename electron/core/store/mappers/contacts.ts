import { z } from 'zod';
import { attrsSchema, bodyOf, bool, idNum, idOf, parseAttrs, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const channel = z.looseObject({ value: z.string().nullish(), 'label-name': z.string().nullish(), extension: z.string().nullish() });

const attrs = attrsSchema({
  'first-name': str,
  'last-name': str,
  name: str,
  title: str,
  'contact-type-name': str,
  'location-name': str,
  important: bool,
  notes: str,
  'contact-emails': z.array(channel).nullish(),
  'contact-phones': z.array(channel).nullish(),
  'organization-id': idNum,
  'updated-at': str,
});

export const mapContact: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const name = [a['first-name'], a['last-name']].filter(Boolean).join(' ') || a.name || `Contact ${id}`;
  const emails = (a['contact-emails'] ?? []).map((e) => e.value ?? '').filter(Boolean);
  const phones = (a['contact-phones'] ?? []).map((p) => [p.value, p.extension ? `x${p.extension}` : null].filter(Boolean).join(' ')).filter(Boolean);
  return {
    record: {
      type: 'contacts',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name,
      body: bodyOf([name, a.title, a['contact-type-name'], a['location-name'], ...emails, ...phones, a.notes]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: {
      table: 'contacts',
      row: {
        id,
        org_id: a['organization-id'],
        first_name: a['first-name'],
        last_name: a['last-name'],
        title: a.title,
        type_name: a['contact-type-name'],
        location_name: a['location-name'],
        important: a.important ? 1 : 0,
        emails: JSON.stringify(emails),
        phones: JSON.stringify(phones),
      },
    },
    relations: [],
  };
};
