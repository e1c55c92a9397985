import { z } from 'zod';
import { defineTool } from '../tool';
import { untrusted } from '../untrusted';
import { orgSummaryShape } from './query-organizations';
import { liveRecord, openStore, orgIndex, resolveOrg, str } from './common';
import type { OpenedStore } from '../deps';
import type { OrganizationSummary } from '../../core/store/reader';

export const organizationOverviewShape = {
  organization: orgSummaryShape.describe('The organization.'),
  description: z.string().describe('Description, as untrusted data (empty when none).'),
  quickNotes: z.string().describe('Quick notes, as untrusted data (empty when none).'),
  alert: z.string().describe('Alert text, as untrusted data (empty when none).'),
  parent: z.object({ id: z.number().int().describe('Parent organization id.'), name: z.string().describe('Parent name.') }).nullable().describe('Parent organization, if any.'),
  updatedAt: z.string().nullable().describe('When IT Glue last changed the organization.'),
};

export function organizationOverview(store: OpenedStore, org: OrganizationSummary, parentName: string | null) {
  const r = liveRecord(store, 'organizations', String(org.id), 'query_organizations');
  const label = `organizations/${org.id}`;
  return {
    organization: { id: org.id, name: org.name, shortName: org.shortName, type: org.typeName, status: org.statusName, counts: store.reader.orgCounts([org.id]).get(org.id) ?? {}, url: r.url },
    description: untrusted(str(r.attrs, 'description'), `${label} description`),
    quickNotes: untrusted(str(r.attrs, 'quick-notes'), `${label} quick notes`),
    alert: untrusted(str(r.attrs, 'alert'), `${label} alert`),
    parent: org.parentId !== null ? { id: org.parentId, name: parentName ?? `organization ${org.parentId}` } : null,
    updatedAt: r.updatedAt,
  };
}

export function renderOverview(o: ReturnType<typeof organizationOverview>): string {
  const counts = Object.entries(o.organization.counts).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `# ${o.organization.name} (id ${o.organization.id})`,
    [o.organization.type, o.organization.status, o.organization.shortName].filter(Boolean).join(' · '),
    o.organization.url ? `IT Glue: ${o.organization.url}` : '',
    counts ? `Records: ${counts}` : 'Records: none',
    o.parent ? `Parent: ${o.parent.name} (id ${o.parent.id})` : '',
    o.alert ? `Alert:\n${o.alert}` : '',
    o.description ? `Description:\n${o.description}` : '',
    o.quickNotes ? `Quick notes:\n${o.quickNotes}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export const getOrganizationTool = defineTool({
  name: 'get_organization',
  title: 'Organization overview',
  description: 'One organization: type, status, record counts per type, quick notes and description (as untrusted data), and its IT Glue link.',
  input: { org: z.string().trim().min(1).max(200).describe('Organization id, name, short name or a close spelling.') },
  output: organizationOverviewShape,
  handler: async ({ org }, { deps }) => {
    const store = await openStore(deps);
    const index = orgIndex(store);
    const found = await resolveOrg(index, org);
    const data = organizationOverview(store, found, found.parentId !== null ? (index.byId.get(found.parentId)?.name ?? null) : null);
    return { data, text: renderOverview(data) };
  },
});
