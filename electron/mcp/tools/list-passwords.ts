import { z } from 'zod';
import type { PasswordMeta } from '../../core/store/reader';
import { cursorField, defineTool, limitField, pageFields } from '../tool';
import { NO_DATA, openStore, orgField, orgIndex, orgRef, orgRefShape, resolveOrg, textField, type OrgIndex } from './common';
import { queryRecords } from './records-query';

export const passwordMetaShape = z
  .object({
    id: z.number().int().describe('IT Glue password id (pass to get_password).'),
    name: z.string().describe('Password entry name.'),
    username: z.string().nullable().describe('Username stored with it.'),
    org: orgRefShape,
    category: z.string().nullable().describe('Password category.'),
    loginUrl: z.string().nullable().describe('The URL the credential is for (not a link to IT Glue).'),
    linkedTo: z
      .object({ type: z.string().describe('Linked record type.'), id: z.number().int().describe('Linked record id.') })
      .nullable()
      .describe('The configuration or asset this password belongs to, if any.'),
    hasValue: z.boolean().describe('Whether the value was synced (the API key needs Password Access).'),
    restricted: z.boolean().describe('Restricted in IT Glue.'),
    passwordUpdatedAt: z.string().nullable().describe('When the value last changed.'),
  })
  .describe('Password metadata; never the value.');

export function toPasswordMeta(p: PasswordMeta, index: OrgIndex) {
  return {
    id: p.id,
    name: p.name,
    username: p.username,
    org: orgRef(index, p.orgId),
    category: p.category,
    loginUrl: p.url,
    linkedTo: p.resourceType && p.resourceId !== null ? { type: p.resourceType, id: p.resourceId } : null,
    hasValue: p.hasValue,
    restricted: p.restricted,
    passwordUpdatedAt: p.passwordUpdatedAt,
  };
}

export const listPasswordsTool = defineTool({
  name: 'list_passwords',
  title: 'List password entries',
  description:
    'Lists password entries (name, username, category, what they belong to) by organization and words. Metadata only: values are never listed; use get_password for one entry.',
  input: { org: orgField(), text: textField('name, username, category or URL'), limit: limitField(), cursor: cursorField() },
  output: {
    items: z.array(passwordMetaShape.extend({ url: z.string().nullable().describe('Link to the entry in IT Glue.') })).describe('This page.'),
    ...pageFields,
  },
  handler: async ({ org, text, limit, cursor }, { deps }) => {
    const store = await openStore(deps);
    const index = orgIndex(store);
    const orgId = org ? (await resolveOrg(index, org)).id : null;
    const page = queryRecords(store, { type: 'passwords', orgId, text }, cursor, limit, `passwords:${orgId}:${text}`);
    const items = page.items.flatMap((r) => {
      const meta = store.reader.passwordMeta(Number(r.id));
      return meta ? [{ ...toPasswordMeta(meta, index), url: r.url }] : [];
    });
    const lines = items.map((p) => `${p.name} (id ${p.id})${p.username ? `, user ${p.username}` : ''}${p.org ? ` — ${p.org.name}` : ''}`);
    return { data: { items, total: page.total, nextCursor: page.nextCursor }, text: lines.length ? `${lines.join('\n')}\n(values withheld; use get_password)` : NO_DATA };
  },
});
