import { z } from 'zod';
import type { RecordType } from '../../../shared/domain';
import { defineTool, limitField } from '../tool';
import { clampLimit } from '../paging';
import { untrusted } from '../untrusted';
import { NO_DATA, orgField, orgIndex, resolveOrg } from './common';
import { hitShape } from './search';

// Where past problems and fixes are written down: runbooks and their sections, device notes,
// and flexible assets (backup, network, Wi-Fi notes).
const ISSUE_TYPES: readonly RecordType[] = ['documents', 'document-sections', 'configurations', 'flexible-assets'];

export const findSimilarIssuesTool = defineTool({
  name: 'find_similar_issues',
  title: 'Find similar issues',
  description:
    'Given a problem description, finds documents, runbook sections and device or asset notes that describe something similar (hybrid keyword + meaning search), best first, so past fixes can be reused.',
  input: {
    description: z.string().trim().min(1).max(2000).describe('The problem in plain words, e.g. "VPN users cannot connect after firewall update".'),
    org: orgField(),
    limit: limitField(10),
  },
  output: {
    items: z.array(hitShape).describe('Similar records, best first.'),
    mode: z.enum(['hybrid', 'keyword']).describe('keyword when the semantic model is not available.'),
    note: z.string().nullable().describe('Why the search was keyword-only, when it was.'),
  },
  handler: async ({ description, org, limit }, { deps }) => {
    const ctx = await deps.search();
    const orgId = org ? (await resolveOrg(orgIndex(await deps.store()), org)).id : undefined;
    const { search } = await import('../../core/search/search');
    const r = await search(ctx, { query: description, orgId, type: ISSUE_TYPES, limit: clampLimit(limit, 10) });
    const items = r.hits.map((h) => ({ type: h.type, id: h.id, name: h.name, org: h.org, url: h.url, snippet: untrusted(h.snippet, `${h.type}/${h.id}`, { maxChars: 600 }), score: h.score, matched: [...h.matched] }));
    const text = items.length ? items.map((h) => `${h.name} (${h.type} ${h.id})${h.org ? ` — ${h.org.name}` : ''} ${h.url}\n${h.snippet}`).join('\n') : NO_DATA;
    return { data: { items, mode: r.mode, note: r.note }, text };
  },
});
