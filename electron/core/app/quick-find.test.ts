// The quick switcher's API (org.quick) over a seeded demo store: names, hostnames, IPs and
// serials find their record, organizations lead, password entries come without any value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlueApi } from '../../../shared/ipc';
import { DEMO_TODAY, passwordValues } from '../testing/seed-demo';
import type { GlueApp } from './index';
import { type SeededProfile, seedProfile, unwrap } from './testing';

describe('org.quick', () => {
  let p: SeededProfile;
  let app: GlueApp;
  let api: GlueApi;
  beforeAll(async () => {
    p = await seedProfile();
    app = await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`) });
    api = app.api;
  });
  afterAll(() => p?.close());

  const configs = () => p.seeded.dataset.configurations?.data ?? [];

  it('finds a configuration by name, hostname, primary IP and serial, the exact one first', async () => {
    const fw = configs().find((c) => c.attributes.name === 'HFL-FW01');
    expect(fw).toBeDefined();
    const a = fw?.attributes ?? {};
    for (const [key, typed] of [['name', String(a.name)], ['primary-ip', String(a['primary-ip'])], ['serial-number', String(a['serial-number'])]] as const) {
      // The demo tenant reuses LAN ranges across orgs: every exact holder leads, this one among them.
      const holders = configs().filter((c) => String(c.attributes[key]).toLowerCase() === typed.toLowerCase()).length;
      const items = unwrap(await api.org.quick({ query: typed }));
      const lead = items.slice(0, holders);
      expect(lead.map((i) => i.id), typed).toContain(fw?.id);
      expect(lead.find((i) => i.id === fw?.id)).toMatchObject({ type: 'configurations', name: 'HFL-FW01', org: { name: 'Harbor Freight Logistics' } });
    }
    const byIp = unwrap(await api.org.quick({ query: String(a['primary-ip']) })).find((i) => i.id === fw?.id);
    expect(byIp?.detail).toBe(`IP ${String(a['primary-ip'])}`);
    expect(byIp?.copy).toEqual({ what: 'IP', value: String(a['primary-ip']) });
  });

  it('is fuzzy (letters in order) and puts organizations first on a tie', async () => {
    const items = unwrap(await api.org.quick({ query: 'hrbr hlth' }));
    expect(items[0]).toMatchObject({ type: 'organizations', name: 'Harbor Health' });
    const acme = unwrap(await api.org.quick({ query: 'acme' }));
    expect(acme.slice(0, 2).map((i) => i.name).sort()).toEqual(['Acme Corp', 'Acme Dental']);
  });

  it('lists password entries by name with their org and never a value', async () => {
    const items = unwrap(await api.org.quick({ query: 'Domain Admin', limit: 50 }));
    const pw = items.filter((i) => i.type === 'passwords');
    expect(pw.length).toBeGreaterThan(3);
    expect(pw.every((i) => i.name === 'Domain Admin' && i.org !== null && i.copy?.what === 'password' && i.copy.value === null)).toBe(true);
    const text = JSON.stringify(items);
    for (const secret of passwordValues(p.seeded.dataset)) expect(text).not.toContain(secret);
  });

  it('answers nothing for an empty query and refuses an over-long one', async () => {
    expect(unwrap(await api.org.quick({ query: '  ' }))).toEqual([]);
    expect(unwrap(await api.org.quick({ query: 'zzzzqqqq' }))).toEqual([]);
  });
});

describe('ask.starters', () => {
  it('writes starter questions from the store\'s own organizations and records, each of which answers', async () => {
    const p = await seedProfile();
    try {
      const app = await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`) });
      const starters = unwrap(await app.api.ask.starters({}));
      expect(starters.length).toBeGreaterThanOrEqual(3);
      const orgs = unwrap(await app.api.org.list({})).map((o) => o.name);
      // Every org a starter names exists in this store.
      const named = starters.flatMap((s) => orgs.filter((o) => s.includes(o)));
      expect(named.length).toBeGreaterThanOrEqual(2);
      for (const q of starters) {
        const a = unwrap(await app.api.ask.ask({ question: q }));
        expect(a.noData, q).toBe(false);
        expect(a.intent, q).not.toBe('ambiguous_org');
      }
    } finally {
      p.close();
    }
  });
});
