import { z } from 'zod';
import { NO_DATA } from '../../../shared/domain';
import { defineTool } from '../tool';
import { wrapSource } from './answer-shape';
import { orgIndex, orgRefShape, resolveOrg, sourcesField } from './common';

export const documentInfrastructureTool = defineTool({
  name: 'document_infrastructure',
  title: 'Document an organization\'s infrastructure',
  description:
    'A markdown summary of one organization\'s infrastructure from the local copy: servers, network devices, subnets, key assets, backups and domains, with the records used as sources.',
  input: { org: z.string().trim().min(1).max(200).describe('Organization id, name, short name or a close spelling.') },
  output: {
    org: orgRefShape,
    markdown: z.string().describe('The summary in markdown (names, IPs and dates from IT Glue), or "No data available".'),
    noData: z.boolean().describe('True when the organization has nothing documented.'),
    sources: sourcesField(),
  },
  handler: async ({ org }, { deps }) => {
    const ctx = await deps.search();
    const found = await resolveOrg(orgIndex(await deps.store()), org);
    const [{ infrastructureAnswer }, { understand }] = await Promise.all([import('../../core/answers/handlers/infrastructure'), import('../../core/answers/parse/intent')]);
    const today = new Date();
    const ref = { id: found.id, name: found.name };
    const r = infrastructureAnswer({ ctx: { search: ctx }, q: understand(`document infrastructure`, ctx.orgs(), { now: today }), org: ref, today });
    const noData = !r || r.noData === true;
    const sources = noData ? [] : r.sources.map(wrapSource);
    const markdown = noData ? NO_DATA : r.answer;
    const links = sources.slice(0, 30).map((s) => `- [${s.name}](${s.url})`);
    return { data: { org: ref, markdown, noData, sources }, text: noData ? `${NO_DATA} for ${found.name}.` : `${markdown}\n\n**Sources**\n${links.join('\n')}` };
  },
});
