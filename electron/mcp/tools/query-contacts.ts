import { z } from 'zod';
import { cursorField, defineTool, limitField, pageFields } from '../tool';
import { untrusted } from '../untrusted';
import { NO_DATA, bool, openStore, orgField, orgIndex, orgRef, orgRefShape, resolveOrg, str, textField, urlField } from './common';
import { queryRecords } from './records-query';

const Channel = z.object({ value: z.string().describe('Address or number.'), label: z.string().nullable().describe('Label, e.g. Work.'), primary: z.boolean().describe('Primary.') });

function channels(v: unknown): z.infer<typeof Channel>[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((c: unknown) => {
    if (typeof c !== 'object' || c === null || !('value' in c) || typeof c.value !== 'string') return [];
    const label = 'label-name' in c && typeof c['label-name'] === 'string' ? c['label-name'] : null;
    const ext = 'extension' in c && typeof c.extension === 'string' && c.extension ? ` x${c.extension}` : '';
    return [{ value: `${c.value}${ext}`, label, primary: 'primary' in c && c.primary === true }];
  });
}

export const queryContactsTool = defineTool({
  name: 'query_contacts',
  title: 'List contacts',
  description: 'Lists people at an organization with title, type, emails and phones, by organization and words (name, title, email).',
  input: { org: orgField(), text: textField('name, title or email'), importantOnly: z.boolean().optional().describe('Only contacts marked important (default false).'), limit: limitField(), cursor: cursorField() },
  output: {
    items: z
      .array(
        z.object({
          id: z.string().describe('IT Glue contact id.'),
          name: z.string().describe('Full name.'),
          org: orgRefShape,
          title: z.string().nullable().describe('Job title.'),
          type: z.string().nullable().describe('Contact type, e.g. Executive, Billing.'),
          important: z.boolean().describe('Marked important in IT Glue.'),
          location: z.string().nullable().describe('Location name.'),
          emails: z.array(Channel.describe('One email.')).describe('Email addresses.'),
          phones: z.array(Channel.describe('One phone.')).describe('Phone numbers.'),
          notes: z.string().describe('Notes, as untrusted data (empty when none).'),
          url: urlField(),
        }).describe('One contact.'),
      )
      .describe('This page.'),
    ...pageFields,
  },
  handler: async ({ org, text, importantOnly, limit, cursor }, { deps }) => {
    const store = await openStore(deps);
    const index = orgIndex(store);
    const orgId = org ? (await resolveOrg(index, org)).id : null;
    const attrEquals: [string, string][] = importantOnly ? [['important', '1']] : [];
    const page = queryRecords(store, { type: 'contacts', orgId, text, attrEquals }, cursor, limit, `contacts:${orgId}:${text}:${importantOnly}`);
    const items = page.items.map((r) => ({
      id: r.id,
      name: r.name,
      org: orgRef(index, r.orgId),
      title: str(r.attrs, 'title'),
      type: str(r.attrs, 'contact-type-name'),
      important: bool(r.attrs, 'important'),
      location: str(r.attrs, 'location-name'),
      emails: channels(r.attrs['contact-emails']),
      phones: channels(r.attrs['contact-phones']),
      notes: untrusted(str(r.attrs, 'notes'), `contacts/${r.id} notes`),
      url: r.url,
    }));
    const lines = items.map((c) => `${c.name}${c.title ? `, ${c.title}` : ''}${c.emails[0] ? ` <${c.emails[0].value}>` : ''}${c.phones[0] ? ` ${c.phones[0].value}` : ''}${c.org ? ` [${c.org.name}]` : ''}`);
    return { data: { items, total: page.total, nextCursor: page.nextCursor }, text: lines.length ? lines.join('\n') : NO_DATA };
  },
});
