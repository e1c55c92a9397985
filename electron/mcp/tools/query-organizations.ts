import { z } from 'zod';
import { cursorField, defineTool, limitField, pageFields, paginate } from '../tool';
import { NO_DATA, openStore, orgIndex, urlField } from './common';

export const orgSummaryShape = z.object({
  id: z.number().int().describe('IT Glue organization id.'),
  name: z.string().describe('Organization name.'),
  shortName: z.string().nullable().describe('Short name, if set.'),
  type: z.string().nullable().describe('Organization type, e.g. Client, Vendor.'),
  status: z.string().nullable().describe('Organization status, e.g. Active.'),
  counts: z.record(z.string(), z.number().int()).describe('Live records of each type in this organization.'),
  url: urlField(),
});

export const queryOrganizationsTool = defineTool({
  name: 'query_organizations',
  title: 'Find organizations',
  description:
    'Lists organizations (clients) in the local IT Glue copy. With `query`, ranks them by a forgiving name match (short names, typos, prefixes), best first. Use the ids with the other tools.',
  input: {
    query: z.string().trim().max(200).optional().describe('Part of the name, short name or a close spelling. Omit to list all, by name.'),
    limit: limitField(),
    cursor: cursorField(),
  },
  output: {
    items: z.array(orgSummaryShape.describe('One organization.')).describe('This page of organizations.'),
    ...pageFields,
  },
  handler: async ({ query, limit, cursor }, { deps }) => {
    const store = await openStore(deps);
    const index = orgIndex(store);
    let list = index.all;
    if (query) {
      const { findOrgs } = await import('../../core/answers/org-resolve');
      list = findOrgs(query, index.names, 200).flatMap((o) => index.byId.get(o.id) ?? []);
    }
    const page = paginate(list, cursor, limit, `orgs:${query ?? ''}`);
    const counts = store.reader.orgCounts(page.items.map((o) => o.id));
    const items = page.items.map((o) => ({
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      type: o.typeName,
      status: o.statusName,
      counts: counts.get(o.id) ?? {},
      url: store.reader.getRecord('organizations', String(o.id))?.url ?? null,
    }));
    const text = items.length ? items.map((o) => `${o.name} (id ${o.id})${o.shortName ? ` [${o.shortName}]` : ''}`).join('\n') : NO_DATA;
    return { data: { items, total: page.total, nextCursor: page.nextCursor }, text: page.nextCursor ? `${text}\n… ${page.total} in all; pass nextCursor for more.` : text };
  },
});
