import { z } from 'zod';
import { RECORD_TYPES } from '../../../shared/domain';
import { cursorField, decodeCursor, defineTool, encodeCursor, limitField, pageFields, ToolError } from '../tool';
import { clampLimit } from '../paging';
import { untrusted } from '../untrusted';
import { NO_DATA, orgField, orgIndex, orgRefShape, resolveOrg } from './common';

export const hitShape = z
  .object({
    type: z.string().describe('IT Glue record type.'),
    id: z.string().describe('IT Glue id.'),
    name: z.string().describe('Record name.'),
    org: orgRefShape,
    url: z.string().describe('Link to the record in IT Glue.'),
    snippet: z.string().describe('Matching text, as untrusted data.'),
    score: z.number().describe('Relevance (higher is better; comparable within one result only).'),
    matched: z.array(z.string()).describe('How it matched: keyword, vector, exact (an identifier), name (the record\'s name), kind (of the kind asked for).'),
  })
  .describe('One search hit.');

export const searchTool = defineTool({
  name: 'search',
  title: 'Search IT Glue',
  description:
    'Hybrid search (keywords + meaning) over every record in the local IT Glue copy, best first. An organization named in the query ("@Acme firewall", "acme dental printer") scopes it; exact identifiers (IP, MAC, hostname, serial) rank first, then records of the kind named (firewall, switch, a flexible asset type); interfaces and document sections are shown through their device or document. Filter by organization and record type.',
  input: {
    query: z.string().trim().min(1).max(1000).describe('Words, a phrase, or an identifier.'),
    org: orgField(),
    type: z.array(z.enum(RECORD_TYPES)).max(12).optional().describe('Only these record types, e.g. ["configurations","documents"].'),
    limit: limitField(),
    cursor: cursorField(),
  },
  output: {
    items: z.array(hitShape).describe('This page of hits.'),
    ...pageFields,
    mode: z.enum(['hybrid', 'keyword']).describe('keyword when the semantic model is not available.'),
    note: z.string().nullable().describe('Why the search was keyword-only, when it was.'),
  },
  handler: async ({ query, org, type, limit, cursor }, { deps }) => {
    const ctx = await deps.search();
    const orgId = org ? (await resolveOrg(orgIndex(await deps.store()), org)).id : undefined;
    const scope = `search:${query}:${orgId}:${(type ?? []).join(',')}`;
    const offset = cursor ? decodeCursor(cursor, scope) : 0;
    if (typeof offset !== 'number' || offset > 1000) throw new ToolError('INVALID_INPUT', 'The cursor is not one this search issued. Call again without `cursor`.');
    const size = clampLimit(limit);
    const { describeScope, hitTitle, retrieve } = await import('../../core/answers/retrieve');
    // One extra hit tells whether another page exists without counting every match.
    const r = await retrieve(ctx, { query, orgId, type, limit: size + 1, offset });
    const page = r.hits.slice(0, size);
    const items = page.map((h) => ({ type: h.type, id: h.id, name: hitTitle(h), org: h.org, url: h.url, snippet: untrusted(h.snippet, `${h.type}/${h.id}`, { maxChars: 600 }), score: h.score, matched: [...h.matched] }));
    const more = r.hits.length > size;
    const scopeLine = describeScope(r.scope) ?? (r.scope.kind === 'unknown' ? r.note : null);
    const list = items.length ? items.map((h) => `${h.name} (${h.type} ${h.id})${h.org ? ` — ${h.org.name}` : ''} ${h.url}`).join('\n') : r.empty ? (r.note ?? NO_DATA) : NO_DATA;
    const text = scopeLine ? `${scopeLine}\n${list}` : list;
    return { data: { items, total: offset + items.length + (more ? 1 : 0), nextCursor: more ? encodeCursor(offset + size, scope) : null, mode: r.mode, note: r.note }, text };
  },
});
