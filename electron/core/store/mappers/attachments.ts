import { attrsSchema, bodyOf, idNum, idOf, num, parseAttrs, recordTypeFromName, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

// Attachment metadata only (name, size, who, when): file bodies are never fetched or stored.
const attrs = attrsSchema({
  'attachment-file-name': str,
  name: str,
  'attachment-file-size': num,
  'attachment-content-type': str,
  'resource-type': str,
  'resource-id': idNum,
  'organization-id': idNum,
  'created-by': str,
  'created-at': str,
  'updated-at': str,
});

export const mapAttachment: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const name = a['attachment-file-name'] ?? a.name ?? `Attachment ${id}`;
  const parentType = recordTypeFromName(a['resource-type']);
  // Only what an offline index needs survives; a download URL, if any, expires anyway.
  const { 'download-url': _url, ...kept } = storedAttrs(resource);
  return {
    record: {
      type: 'attachments',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name,
      body: bodyOf([name, a['attachment-content-type'], a['created-by']]),
      attrs: kept,
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: {
      table: 'attachments',
      row: { id, org_id: a['organization-id'], resource_type: parentType, resource_id: a['resource-id'], name, size: a['attachment-file-size'], created_by: a['created-by'], created_at: a['created-at'] },
    },
    // The parent is a typed column, not a relation: relations are dependencies (docs/architecture.md).
    relations: [],
  };
};
