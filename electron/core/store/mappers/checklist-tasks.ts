import { z } from 'zod';
import { attrsSchema, bodyOf, bool, idNum, idOf, num, parseAttrs, relationshipId, resourceUrl, storedAttrs, str } from './common';
import { MapError, type Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().min(1),
  'checklist-id': idNum,
  'organization-id': idNum,
  completed: bool,
  position: num,
  'assignee-name': str,
  'completed-at': str,
  'updated-at': str,
});

export const mapChecklistTask: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const checklistId = a['checklist-id'] ?? relationshipId(resource, 'checklist');
  if (checklistId === null) throw new MapError('task has no checklist id');
  return {
    record: {
      type: 'checklist-tasks',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name: a.name,
      body: bodyOf([a.name, a.completed ? 'Done' : 'Not done', a['assignee-name']]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: { table: 'checklist_tasks', row: { id, checklist_id: checklistId, org_id: a['organization-id'], name: a.name, completed: a.completed ? 1 : 0, sort: a.position } },
    relations: [],
  };
};
