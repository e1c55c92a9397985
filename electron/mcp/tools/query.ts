import { z } from 'zod';
import { defineTool } from '../tool';
import { answerData, answerShape, renderAnswer } from './answer-shape';
import { orgField, orgIndex, resolveOrg } from './common';

export const queryTool = defineTool({
  name: 'query',
  title: 'Ask IT Glue',
  description:
    'Answers a natural-language question from the local IT Glue copy ("what is the firewall at Acme?", "who uses 10.20.1.15?", "domains expiring this month @Contoso"), with the records it used as sources. Says "No data available" rather than guessing.',
  input: {
    question: z.string().trim().min(1).max(2000).describe('The question, in plain words. Name the organization in it or pass `org`.'),
    org: orgField(),
  },
  output: answerShape,
  handler: async ({ question, org }, { deps }) => {
    const ctx = await deps.search();
    const orgId = org ? (await resolveOrg(orgIndex(await deps.store()), org)).id : undefined;
    const { ask } = await import('../../core/answers/engine');
    const data = answerData(await ask({ search: ctx }, question, { orgId }));
    return { data, text: renderAnswer(data) };
  },
});
