import { attrsSchema, bodyOf, idNum, idOf, num, parseAttrs, plainText, relationshipId, resourceUrl, storedAttrs, str } from './common';
import { MapError, type Mapper } from './types';

const attrs = attrsSchema({
  'document-id': idNum,
  'organization-id': idNum,
  'resource-type': str,
  'section-type': str,
  content: str,
  'rendered-content': str,
  sort: num,
  'updated-at': str,
});

export const mapDocumentSection: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const documentId = a['document-id'] ?? relationshipId(resource, 'document');
  if (documentId === null) throw new MapError('section has no document id');
  const text = plainText(a.content ?? a['rendered-content']);
  const kind = a['resource-type'] ?? a['section-type'];
  const name = (text ?? '').slice(0, 80) || `Section ${id}`;
  return {
    record: {
      type: 'document-sections',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name,
      body: bodyOf([text]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: {
      table: 'document_sections',
      row: { id, document_id: documentId, kind, sort: a.sort, content: a.content, rendered_content: a['rendered-content'] },
    },
    relations: [],
    orgFrom: a['organization-id'] === null ? { table: 'documents', id: documentId } : undefined,
  };
};
