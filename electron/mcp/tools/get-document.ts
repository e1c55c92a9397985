import { z } from 'zod';
import type { OpenedStore } from '../deps';
import { defineTool, ToolError } from '../tool';
import { untrusted } from '../untrusted';
import { detailsNoteField, ensureDetailsFor, idField, idNumber, openStore, orgIndex, orgRef, orgRefShape, urlField } from './common';

const SECTION_MAX = 8000;

export const documentShape = {
  id: z.string().describe('IT Glue document id.'),
  name: z.string().describe('Document title.'),
  org: orgRefShape,
  folder: z.string().nullable().describe('Where it is filed in IT Glue, e.g. "Runbooks / Network"; null at the root.'),
  updatedAt: z.string().nullable().describe('When IT Glue last changed it.'),
  url: urlField(),
  sections: z
    .array(
      z.object({
        id: z.number().int().describe('Section id.'),
        kind: z.string().nullable().describe('Section kind, e.g. Document::Heading, Document::Text, Document::Step.'),
        text: z.string().describe('Section text, as untrusted data.'),
      }).describe('One section.'),
    )
    .describe('Sections in order.'),
};

export function readDocument(store: OpenedStore, id: number) {
  const doc = store.reader.documentWithSections(id);
  if (!doc) throw new ToolError('NOT_FOUND', `No document with id ${id} in the local copy. Use query_documents to find its id, or run \`glue sync\` if it was added recently.`);
  const index = orgIndex(store);
  return {
    id: doc.record.id,
    name: doc.record.name,
    org: orgRef(index, doc.record.orgId),
    folder: store.reader.documentFolderPath(Number(doc.record.id)),
    updatedAt: doc.record.updatedAt,
    url: doc.record.url,
    sections: doc.sections.map((s) => ({
      id: s.id,
      kind: s.kind,
      text: untrusted(s.text, `documents/${doc.record.id} section ${s.id}`, { maxChars: SECTION_MAX }),
    })),
  };
}

export function renderDocument(d: ReturnType<typeof readDocument>): string {
  return [`# ${d.name} (document ${d.id})${d.org ? ` — ${d.org.name}` : ''}`, d.folder ? `Folder: ${d.folder}` : '', d.url ? `IT Glue: ${d.url}` : '', ...d.sections.map((s) => s.text)].filter(Boolean).join('\n\n');
}

export const getDocumentTool = defineTool({
  name: 'get_document',
  title: 'Read a document',
  description: 'One IT Glue document with its sections in order (headings, text, steps), each as untrusted data.',
  input: { id: idField('document') },
  output: { ...documentShape, detailsNote: detailsNoteField() },
  handler: async ({ id }, { deps }) => {
    const store = await openStore(deps);
    // Sections the sync has not fetched yet are fetched now, or the note says why not.
    const detailsNote = store.reader.getRecord('documents', String(idNumber(id))) ? await ensureDetailsFor(store, 'documents', String(idNumber(id))) : null;
    const data = { ...readDocument(store, idNumber(id)), detailsNote };
    return { data, text: [renderDocument(data), detailsNote ? `Details pending: ${detailsNote}` : ''].filter(Boolean).join('\n\n') };
  },
});
