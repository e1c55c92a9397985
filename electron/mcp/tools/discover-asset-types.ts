import { z } from 'zod';
import { defineTool } from '../tool';
import { untrusted } from '../untrusted';
import { NO_DATA, bool, num, openStore, str } from './common';
import { recordsWhere } from './records-query';

export const discoverAssetTypesTool = defineTool({
  name: 'discover_asset_types',
  title: 'Flexible asset types',
  description: 'Lists the flexible asset types in the account with their fields (name, kind, required) and how many assets each has. Use the type names with query_flexible_assets.',
  input: { includeFields: z.boolean().optional().describe('Include each type\'s fields (default true).') },
  output: {
    items: z
      .array(
        z.object({
          id: z.string().describe('Flexible asset type id.'),
          name: z.string().describe('Type name.'),
          description: z.string().describe('Type description, as untrusted data.'),
          enabled: z.boolean().describe('Enabled in IT Glue.'),
          assetCount: z.number().int().describe('Live assets of this type in the local copy.'),
          fields: z
            .array(
              z.object({
                name: z.string().describe('Field label.'),
                key: z.string().nullable().describe('Field key as used in traits.'),
                kind: z.string().nullable().describe('Field kind, e.g. Text, Tag, Date.'),
                required: z.boolean().describe('Required in IT Glue.'),
              }).describe('One field.'),
            )
            .describe('Fields in order.'),
        }).describe('One flexible asset type.'),
      )
      .describe('Types by name.'),
  },
  handler: async ({ includeFields }, { deps }) => {
    const store = await openStore(deps);
    const types = recordsWhere(store, { type: 'flexible-asset-types', includeArchived: true }, 1000).sort((a, b) => a.name.localeCompare(b.name));
    const counts = store.reader.countByAttr('flexible-assets', 'flexible-asset-type-id');
    const fields = includeFields === false ? [] : recordsWhere(store, { type: 'flexible-asset-fields', includeArchived: true }, 20_000);
    const items = types.map((t) => ({
      id: t.id,
      name: t.name,
      description: untrusted(str(t.attrs, 'description'), `flexible-asset-types/${t.id} description`),
      enabled: t.attrs.enabled !== false,
      assetCount: counts.get(t.id) ?? 0,
      fields: fields
        .filter((f) => String(num(f.attrs, 'flexible-asset-type-id')) === t.id)
        .sort((a, b) => (num(a.attrs, 'order') ?? 0) - (num(b.attrs, 'order') ?? 0))
        .map((f) => ({ name: f.name, key: str(f.attrs, 'name-key'), kind: str(f.attrs, 'kind'), required: bool(f.attrs, 'required') })),
    }));
    const text = items.length ? items.map((t) => `${t.name} (type ${t.id}): ${t.assetCount} assets${t.fields.length ? `; fields ${t.fields.map((f) => f.name).join(', ')}` : ''}`).join('\n') : NO_DATA;
    return { data: { items }, text };
  },
});
