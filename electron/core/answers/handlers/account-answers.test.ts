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

  it('answers "out of warranty" and "expired in the last 30 days" with what has already run out, oldest first', async () => {
    const c = { ...ctx, today: new Date(`${DEMO_TODAY}T12:00:00Z`) };
    const dates = (answer: string) => [...answer.matchAll(/^- (\d{4}-\d{2}-\d{2}): /gm)].map((m) => m[1] ?? '');
    const out = await ask(c, 'which devices are out of warranty');
    expect(out.intent).toBe('expirations');
    expect(out.answer).toMatch(/^\d+ devices? (?:is|are) out of warranty, oldest first:\n- \d{4}-\d{2}-\d{2}: warranty of /);
    expect(dates(out.answer).length).toBeGreaterThan(0);
    expect(dates(out.answer).every((d) => d < DEMO_TODAY)).toBe(true);
    expect(dates(out.answer)).toEqual([...dates(out.answer)].sort());
    expect(out.sources[0]?.snippet).toMatch(/^Warranty expired \d{4}-\d{2}-\d{2}$/);
    const recent = await ask(c, 'what expired in the last 30 days');
    expect(recent.answer).toMatch(/^\d+ items? (?:has|have) expired in the last 30 days, oldest first:/);
    const monthAgo = new Date(c.today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    expect(dates(recent.answer).every((d) => d >= monthAgo && d < DEMO_TODAY)).toBe(true);
    // What will expire is still the window ahead.
    expect((await ask(c, 'what expires in the next 30 days')).answer).toMatch(/^\d+ items? expires? in the next 30 days:/);
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
