import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchContext } from '../../search/search';
import { DEMO_TODAY, seedDemoTemp, type SeededStore } from '../../testing/seed-demo';
import { ask, type AnswerContext } from '../engine';

// Issue #18 through the answer engine: checklists, certificates and vendors of a synced-like store.
describe('answers over the rest of the account', () => {
  let s: SeededStore & { dir: string };
  let ctx: AnswerContext;
  beforeAll(() => {
    s = seedDemoTemp({ today: DEMO_TODAY });
    ctx = { search: createSearchContext(s.store) };
  });
  afterAll(() => s.close());

  it('says whether a checklist is done and which tasks are still open', async () => {
    const a = await ask(ctx, '@Acme Corp is the quarterly review checklist done');
    expect(a.noData).toBe(false);
    expect(a.sources[0]?.type).toBe('checklists');
    expect(a.answer).toMatch(/^Quarterly security review \(Acme Corp\) is not completed, due \d{4}-\d{2}-\d{2}: \d of 4 tasks done\. Still open: /);
    const done = await ask(ctx, '@Acme Corp new client onboarding checklist');
    expect(done.answer).toContain('New client onboarding (Acme Corp) is completed: 4 of 4 tasks done.');
  });

  it('lists the vendors apart from the customers, and leaves the inactive client out of the customers', async () => {
    const vendors = await ask(ctx, 'which vendors do we have');
    expect(vendors.sources.map((x) => x.name).sort()).toEqual(['Cascade Copier Leasing', 'Pacific Connect ISP']);
    const customers = await ask(ctx, 'list all customers');
    const names = customers.sources.map((x) => x.name);
    expect(names).toContain('Acme Corp');
    expect(names).not.toContain('Pacific Connect ISP');
    expect(names).not.toContain('Willamette Dental Lab');
  });
});
