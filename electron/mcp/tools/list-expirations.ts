import { z } from 'zod';
import { clampLimit, cursorField, decodeCursor, defineTool, encodeCursor, limitField, pageFields, ToolError } from '../tool';
import { NO_DATA, openStore, orgField, orgIndex, resolveOrg } from './common';

export const listExpirationsTool = defineTool({
  name: 'list_expirations',
  title: 'Expiring soon',
  description: "What expires within the next N days (today included), soonest first, optionally for one organization: IT Glue's own Expirations list where the account has it (domains, warranties, SSL certificates, flexible asset dates), else domains, device warranties and SSL certificates from the records.",
  input: {
    days: z.number().int().optional().describe('Look-ahead window in days, 0-3650 (default 30).'),
    org: orgField(),
    what: z.enum(['all', 'domain', 'warranty', 'ssl', 'other']).optional().describe('Only domains, warranties, SSL certificates or other dated items, or all (default).'),
    limit: limitField(),
    cursor: cursorField(),
  },
  output: {
    items: z
      .array(
        z.object({
          what: z.enum(['domain', 'warranty', 'ssl', 'other']).describe('domain registration, device warranty, SSL certificate or another dated item.'),
          type: z.string().describe('IT Glue record type of the expiring record (domains, configurations, ssl-certificates, flexible-assets …).'),
          id: z.string().describe('IT Glue id.'),
          name: z.string().describe('Domain or device name.'),
          org: z.object({ id: z.number().int().describe('Organization id.'), name: z.string().describe('Organization name.') }).nullable().describe('Organization.'),
          expiresOn: z.string().describe('Expiry date (YYYY-MM-DD).'),
          daysLeft: z.number().int().describe('Days from today until it expires.'),
          url: z.string().nullable().describe('Link to the record in IT Glue.'),
        }).describe('One expiring item.'),
      )
      .describe('This page, soonest first.'),
    ...pageFields,
    days: z.number().int().describe('The window used, in days.'),
  },
  handler: async ({ days, org, what, limit, cursor }, { deps }) => {
    const window = Math.max(0, Math.min(3650, Math.trunc(days ?? 30)));
    const store = await openStore(deps);
    const orgId = org ? (await resolveOrg(orgIndex(store), org)).id : null;
    const today = new Date();
    const todayMs = Date.parse(today.toISOString().slice(0, 10));
    // Only the page is loaded (a 30-day window at 1M records holds tens of thousands of items).
    const scope = `exp:${window}:${orgId}:${what}`;
    const size = clampLimit(limit);
    const position = cursor ? decodeCursor(cursor, scope) : 0;
    const offset = typeof position === 'number' ? position : -1;
    if (offset < 0) throw new ToolError('INVALID_INPUT', 'The cursor points past the end of the list (the data may have changed). Call again without `cursor`.');
    const found = store.reader.expirationPage({ withinDays: window, today, orgId, what: what === 'all' ? undefined : what }, offset, size);
    if (offset > found.total) throw new ToolError('INVALID_INPUT', 'The cursor points past the end of the list (the data may have changed). Call again without `cursor`.');
    const page = { items: found.items, total: found.total, nextCursor: offset + size < found.total ? encodeCursor(offset + size, scope) : null };
    const items = page.items.map((e) => ({
      what: e.what,
      type: e.type,
      id: e.id,
      name: e.name,
      org: e.orgId !== null ? { id: e.orgId, name: e.orgName ?? `organization ${e.orgId}` } : null,
      expiresOn: e.expiresOn,
      daysLeft: Math.round((Date.parse(e.expiresOn) - todayMs) / 86_400_000),
      url: e.url,
    }));
    const text = items.length
      ? items.map((e) => `${e.expiresOn} (${e.daysLeft} d) ${e.what} ${e.name}${e.org ? ` — ${e.org.name}` : ''}${e.url ? ` ${e.url}` : ''}`).join('\n')
      : `${NO_DATA}: nothing expires in the next ${window} days.`;
    return { data: { items, total: page.total, nextCursor: page.nextCursor, days: window }, text };
  },
});
