import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchContext } from '../../search/search';
import { seedDemoTemp, type SeededStore } from '../../testing/seed-demo';
import { ask, type AnswerContext } from '../engine';
import { findConfigType } from './config-types';
import { coverage } from './find';

describe('configuration types from the tenant', () => {
  let s: SeededStore & { dir: string };
  let ctx: AnswerContext;
  beforeAll(() => {
    s = seedDemoTemp();
    ctx = { search: createSearchContext(s.store) };
  });
  afterAll(() => s.close());

  it('maps plural, synonym and tail words to the stored type names', () => {
    const db = s.store.db;
    expect(findConfigType(db, ['servers'])).toMatchObject({ typeNames: ['Managed Server'], plural: true });
    expect(findConfigType(db, ['fw'])).toMatchObject({ typeNames: ['Firewall'], plural: false });
    expect(findConfigType(db, ['access', 'points'])?.typeNames).toEqual(['Wireless Access Point']);
    expect(findConfigType(db, ['point'])).toBeNull();
    expect(findConfigType(db, ['routers'])).toBeNull();
  });

  it('answers "how many <type> at <org>" with a count, every source of that org and type', async () => {
    const org = ctx.search.orgs().find((o) => o.name === 'Acme Corp');
    const n = s.store.db
      .prepare<[number], { n: number }>("SELECT count(*) AS n FROM configurations WHERE org_id = ? AND type_name = 'Workstation' AND archived = 0")
      .get(org?.id ?? 0)?.n;
    const a = await ask(ctx, 'how many workstations does acme corp have');
    expect(a.noData).toBe(false);
    expect(a.answer).toContain(`has ${n ?? -1} Workstation`);
    expect(a.sources.every((x) => x.type === 'configurations' && x.org?.name === 'Acme Corp')).toBe(true);
  });

  it('counts synonyms and ignores generic words in coverage', () => {
    expect(coverage(['wifi'], 'Wi-Fi (Staff)')).toBe(1);
    expect(coverage(['m365', 'admin'], 'Microsoft 365 Global Admin')).toBe(1);
    expect(coverage(['vpn', 'setup'], 'Site-to-site VPN to the MSP office')).toBe(1);
    expect(coverage(['setup'], 'Site-to-site VPN')).toBe(0);
  });
});
