import { z } from 'zod';
import { attrsSchema, bodyOf, bool, idNum, idOf, parseAttrs, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().min(1),
  description: str,
  'organization-id': idNum,
  completed: bool,
  'due-date': str,
  'completed-at': str,
  archived: bool,
  'updated-at': str,
});

/** The state is in the body in the words people ask with ("is the … checklist done"). */
export const mapChecklist: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const due = a['due-date']?.slice(0, 10) ?? null;
  return {
    record: {
      type: 'checklists',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name: a.name,
      body: bodyOf([a.name, a.description, a.completed ? 'Checklist completed: done' : 'Checklist open: not done yet', due ? `Due ${due}` : null]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: a.archived,
    },
    typed: { table: 'checklists', row: { id, org_id: a['organization-id'], name: a.name, completed: a.completed ? 1 : 0, due_on: due } },
    relations: [],
  };
};
