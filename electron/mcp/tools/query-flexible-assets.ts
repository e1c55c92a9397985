import { z } from 'zod';
import { cursorField, defineTool, limitField, pageFields } from '../tool';
import { untrusted } from '../untrusted';
import { NO_DATA, openStore, orgField, orgIndex, orgRef, orgRefShape, resolveOrg, str, textField, urlField } from './common';
import { queryRecords } from './records-query';

const TRAIT_MAX = 2000;

export const traitShape = z
  .object({
    key: z.string().describe('Field key (name-key in IT Glue).'),
    text: z.string().describe('The value as untrusted data (text fields), or the names of linked records (tag fields).'),
    links: z.array(z.object({ type: z.string().describe('Linked record type.'), id: z.string().describe('Linked record id.'), name: z.string().describe('Linked record name.') })).describe('Records a tag field links to.'),
  })
  .describe('One field of the asset.');

export function traitsOf(raw: unknown, label: string): z.infer<typeof traitShape>[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  return Object.entries(raw).flatMap(([key, v]): z.infer<typeof traitShape>[] => {
    if (typeof v === 'string') return v.trim() ? [{ key, text: untrusted(v, `${label} ${key}`, { maxChars: TRAIT_MAX }), links: [] }] : [];
    if (typeof v === 'number' || typeof v === 'boolean') return [{ key, text: String(v), links: [] }];
    if (typeof v === 'object' && v !== null && 'values' in v && Array.isArray(v.values)) {
      const type = 'type' in v && typeof v.type === 'string' ? v.type : 'records';
      const values: unknown[] = v.values;
      const links = values.flatMap((x): { type: string; id: string; name: string }[] =>
        typeof x === 'object' && x !== null && 'id' in x && (typeof x.id === 'number' || typeof x.id === 'string')
          ? [{ type, id: String(x.id), name: 'name' in x && typeof x.name === 'string' ? x.name : String(x.id) }]
          : [],
      );
      return [{ key, text: untrusted(links.map((l) => l.name).join(', '), `${label} ${key}`), links }];
    }
    return [];
  });
}

export const queryFlexibleAssetsTool = defineTool({
  name: 'query_flexible_assets',
  title: 'List flexible assets',
  description:
    'Lists flexible assets (custom records such as Network Overview, Wi-Fi, Backup, Email, SSL certificates) by organization, asset type name and words, with their fields as untrusted data. discover_asset_types lists the types.',
  input: {
    org: orgField(),
    type: z.string().trim().min(1).max(100).optional().describe('Flexible asset type name, e.g. "Wireless" (see discover_asset_types).'),
    text: textField('name or field values'),
    limit: limitField(10),
    cursor: cursorField(),
  },
  output: {
    items: z
      .array(
        z.object({
          id: z.string().describe('IT Glue flexible asset id.'),
          name: z.string().describe('Asset name.'),
          type: z.string().nullable().describe('Flexible asset type name.'),
          org: orgRefShape,
          traits: z.array(traitShape).describe('Fields and values.'),
          updatedAt: z.string().nullable().describe('When IT Glue last changed it.'),
          url: urlField(),
        }).describe('One flexible asset.'),
      )
      .describe('This page.'),
    ...pageFields,
  },
  handler: async ({ org, type, text, limit, cursor }, { deps }) => {
    const store = await openStore(deps);
    const index = orgIndex(store);
    const orgId = org ? (await resolveOrg(index, org)).id : null;
    const attrEquals: [string, string][] = type ? [['flexible-asset-type-name', type]] : [];
    const page = queryRecords(store, { type: 'flexible-assets', orgId, text, attrEquals }, cursor, limit ?? 10, `fa:${orgId}:${type}:${text}`);
    const items = page.items.map((r) => ({
      id: r.id,
      name: r.name,
      type: str(r.attrs, 'flexible-asset-type-name'),
      org: orgRef(index, r.orgId),
      traits: traitsOf(r.attrs.traits, `flexible-assets/${r.id}`),
      updatedAt: r.updatedAt,
      url: r.url,
    }));
    const lines = items.map((a) => `${a.name} (${a.type ?? 'asset'} ${a.id})${a.org ? ` — ${a.org.name}` : ''}${a.url ? ` ${a.url}` : ''}`);
    return { data: { items, total: page.total, nextCursor: page.nextCursor }, text: lines.length ? lines.join('\n') : NO_DATA };
  },
});
