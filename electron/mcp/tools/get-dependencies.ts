import { z } from 'zod';
import type { DependencyNode, Direction } from '../../core/store/reader';
import { defineTool } from '../tool';
import { NO_DATA, idField, idString, liveRecord, openStore, orgIndex, orgRef, orgRefShape } from './common';

const DependencyType = z.enum(['configurations', 'flexible-assets', 'documents', 'passwords', 'contacts', 'locations', 'domains']);

export const getDependenciesTool = defineTool({
  name: 'get_dependencies',
  title: 'Dependencies of an item',
  description:
    'Walks IT Glue related items from one configuration or asset. direction "up": what it links to (what it depends on, e.g. the firewall a switch uplinks to); "down": what links to it (what would be affected if it failed); "both". Up to 5 hops.',
  input: {
    type: DependencyType.optional().describe('Record type of the starting item (default configurations).'),
    id: idField('starting item'),
    direction: z.enum(['up', 'down', 'both']).optional().describe('up: what it depends on; down: what depends on it; both (default).'),
    depth: z.number().int().optional().describe('How many hops to follow, 1-5 (default 3; larger values are capped at 5).'),
  },
  output: {
    root: z.object({ type: z.string().describe('Record type.'), id: z.string().describe('IT Glue id.'), name: z.string().describe('Name.'), url: z.string().nullable().describe('IT Glue link.') }).describe('The starting item.'),
    items: z
      .array(
        z.object({
          type: z.string().describe('Record type.'),
          id: z.string().describe('IT Glue id.'),
          name: z.string().nullable().describe('Name (null when the item is not in the local copy).'),
          org: orgRefShape,
          depth: z.number().int().describe('Hops from the starting item.'),
          direction: z.enum(['up', 'down']).describe('up: the start depends on it; down: it depends on the start.'),
          kind: z.string().describe('Kind of link.'),
        }).describe('One item reached.'),
      )
      .describe('Items reached, nearest first.'),
  },
  handler: async ({ type, id, direction, depth }, { deps }) => {
    const store = await openStore(deps);
    const t = type ?? 'configurations';
    const root = liveRecord(store, t, idString(id), t === 'configurations' ? 'query_configurations or find_ip_address' : 'search');
    const hops = Math.max(1, Math.min(5, Math.trunc(depth ?? 3)));
    const index = orgIndex(store);
    const dirs: Direction[] = direction === 'up' ? ['up'] : direction === 'down' ? ['down'] : ['up', 'down'];
    const items = dirs.flatMap((d) =>
      store.reader.walkDependencies(t, root.id, d, hops).map((n: DependencyNode) => ({ type: n.type, id: n.id, name: n.name, org: orgRef(index, n.orgId), depth: n.depth, direction: d, kind: n.kind })),
    );
    const data = { root: { type: t, id: root.id, name: root.name, url: root.url }, items };
    const text = items.length
      ? [`${root.name} (${t} ${root.id}):`, ...items.map((n) => `${'  '.repeat(n.depth)}${n.direction === 'up' ? 'depends on' : 'used by'} ${n.name ?? '(not synced)'} (${n.type} ${n.id})`)].join('\n')
      : `${NO_DATA}: ${root.name} has no related items in the local copy.`;
    return { data, text };
  },
});
