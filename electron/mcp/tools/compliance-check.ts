import { defineTool } from '../tool';
import { answerData, answerShape, renderAnswer } from './answer-shape';
import { orgField, orgIndex, resolveOrg } from './common';

export const complianceCheckTool = defineTool({
  name: 'compliance_check',
  title: 'Compliance check',
  description:
    'Checks one organization (or all) for documentation gaps: no backup asset, expired warranties, domains expired or expiring within 30 days, devices without a primary IP. Each finding cites its records.',
  input: { org: orgField() },
  output: answerShape,
  handler: async ({ org }, { deps }) => {
    const ctx = await deps.search();
    const found = org ? await resolveOrg(orgIndex(await deps.store()), org) : null;
    const [{ complianceAnswer }, { understand }] = await Promise.all([import('../../core/answers/handlers/compliance'), import('../../core/answers/parse/intent')]);
    const today = new Date();
    const orgRef = found ? { id: found.id, name: found.name } : null;
    const result = complianceAnswer({ ctx: { search: ctx }, q: understand('compliance check', ctx.orgs(), { now: today }), org: orgRef, today });
    const noData = !result || result.noData === true || result.sources.length === 0;
    const data = answerData({
      answer: noData ? 'No data available' : result.answer,
      noData,
      confidence: noData ? 0 : result.confidence,
      intent: 'compliance',
      org: orgRef,
      sources: noData ? [] : result.sources,
      didYouMean: [],
    });
    return { data, text: renderAnswer(data) };
  },
});
