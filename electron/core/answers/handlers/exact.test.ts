import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoTenant } from '../../itglue/fake/generator';
import { createSearchContext } from '../../search/search';
import { DEMO_TODAY, seedDatasetTemp, type SeededStore } from '../../testing/seed-demo';
import { ask, type AnswerContext } from '../engine';

// One private address reused by many devices (as at 1M records, where one sits on ~1,400): the
// answer lists the first page and says how many there are in all.
const SHARED = '10.250.9.9';

describe('exact answers for an IP shared by many devices', () => {
  let s: SeededStore & { dir: string };
  let ctx: AnswerContext;
  let devices: { name: string; org: unknown }[] = [];
  beforeAll(() => {
    const dataset = generateDemoTenant({ today: DEMO_TODAY, scale: 3000 });
    const live = (dataset.configurations?.data ?? []).filter((c) => c.attributes.archived !== true).slice(0, 60);
    for (const c of live) c.attributes['primary-ip'] = SHARED;
    devices = live.map((c) => ({ name: String(c.attributes.name), org: c.attributes['organization-id'] }));
    s = seedDatasetTemp(dataset);
    ctx = { search: createSearchContext(s.store) };
  });
  afterAll(() => s.close());

  it('counts every device on the address, lists the first 50 by name, and a scoped question finds its org’s device', async () => {
    const a = await ask(ctx, `who is ${SHARED}`);
    const orgs = new Set(devices.map((d) => d.org)).size;
    expect(a.answer).toContain(`${SHARED} matches 60 configurations${orgs > 1 ? ` in ${orgs} organizations` : ''} (50 shown)`);
    expect(a.sources).toHaveLength(50);
    const first50 = [...devices.map((d) => d.name)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).slice(0, 50);
    expect(a.sources.map((x) => x.name).sort()).toEqual([...first50].sort());
    expect(s.store.db.prepare('SELECT count(*) AS n FROM configurations WHERE primary_ip = ?').get(SHARED)).toEqual({ n: 60 });
  });
});
