import { z } from 'zod';
import { cursorField, defineTool, limitField, pageFields } from '../tool';
import { NO_DATA, bool, openStore, orgField, orgIndex, orgRef, orgRefShape, resolveOrg, textField, urlField } from './common';
import { queryRecords } from './records-query';

export const queryDocumentsTool = defineTool({
  name: 'query_documents',
  title: 'List documents',
  description: 'Lists IT Glue documents (runbooks, procedures) by organization and words in their name or text. Use get_document to read one.',
  input: { org: orgField(), text: textField('title or text'), includeArchived: z.boolean().optional().describe('Include archived documents (default false).'), limit: limitField(), cursor: cursorField() },
  output: {
    items: z
      .array(
        z.object({
          id: z.string().describe('IT Glue document id (pass to get_document).'),
          name: z.string().describe('Document title.'),
          org: orgRefShape,
          folder: z.string().nullable().describe('Where it is filed, e.g. "Runbooks / Network"; null at the root.'),
          published: z.boolean().describe('Published in IT Glue.'),
          updatedAt: z.string().nullable().describe('When IT Glue last changed it.'),
          url: urlField(),
        }).describe('One document.'),
      )
      .describe('This page.'),
    ...pageFields,
  },
  handler: async ({ org, text, includeArchived, limit, cursor }, { deps }) => {
    const store = await openStore(deps);
    const index = orgIndex(store);
    const orgId = org ? (await resolveOrg(index, org)).id : null;
    const page = queryRecords(store, { type: 'documents', orgId, text, includeArchived }, cursor, limit, `docs:${orgId}:${text}:${includeArchived}`);
    const items = page.items.map((r) => ({
      id: r.id,
      name: r.name,
      org: orgRef(index, r.orgId),
      folder: store.reader.documentFolderPath(Number(r.id)),
      published: bool(r.attrs, 'published'),
      updatedAt: r.updatedAt,
      url: r.url,
    }));
    const lines = items.map((d) => `${d.name} (document ${d.id})${d.folder ? ` [${d.folder}]` : ''}${d.org ? ` — ${d.org.name}` : ''}`);
    return { data: { items, total: page.total, nextCursor: page.nextCursor }, text: lines.length ? lines.join('\n') : NO_DATA };
  },
});
