import { z } from 'zod';
import { cursorField, defineTool, limitField, pageFields } from '../tool';
import { untrusted } from '../untrusted';
import { NO_DATA, bool, openStore, orgField, orgIndex, orgRef, orgRefShape, resolveOrg, str, textField, urlField } from './common';
import { queryRecords } from './records-query';

export const queryLocationsTool = defineTool({
  name: 'query_locations',
  title: 'List locations',
  description: 'Lists sites (offices, data centres) with address and phone, by organization and words.',
  input: { org: orgField(), text: textField('name, address or city'), limit: limitField(), cursor: cursorField() },
  output: {
    items: z
      .array(
        z.object({
          id: z.string().describe('IT Glue location id.'),
          name: z.string().describe('Location name.'),
          org: orgRefShape,
          primary: z.boolean().describe('The organization\'s primary location.'),
          address: z.string().describe('Street, city, region, postal code and country on one line.'),
          phone: z.string().nullable().describe('Phone number.'),
          notes: z.string().describe('Notes, as untrusted data (empty when none).'),
          url: urlField(),
        }).describe('One location.'),
      )
      .describe('This page.'),
    ...pageFields,
  },
  handler: async ({ org, text, limit, cursor }, { deps }) => {
    const store = await openStore(deps);
    const index = orgIndex(store);
    const orgId = org ? (await resolveOrg(index, org)).id : null;
    const page = queryRecords(store, { type: 'locations', orgId, text }, cursor, limit, `locations:${orgId}:${text}`);
    const items = page.items.map((r) => ({
      id: r.id,
      name: r.name,
      org: orgRef(index, r.orgId),
      primary: bool(r.attrs, 'primary'),
      address: ['address-1', 'address-2', 'city', 'region-name', 'postal-code', 'country-name'].map((k) => str(r.attrs, k)).filter(Boolean).join(', '),
      phone: str(r.attrs, 'phone'),
      notes: untrusted(str(r.attrs, 'notes'), `locations/${r.id} notes`),
      url: r.url,
    }));
    const lines = items.map((l) => `${l.name}${l.primary ? ' (primary)' : ''} — ${l.address}${l.phone ? `, ${l.phone}` : ''}${l.org ? ` [${l.org.name}]` : ''}`);
    return { data: { items, total: page.total, nextCursor: page.nextCursor }, text: lines.length ? lines.join('\n') : NO_DATA };
  },
});
