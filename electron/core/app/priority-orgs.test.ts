import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlueApi } from '../../../shared/ipc';
import { openStore } from '../store/open';
import { priorityOrgIds } from '../store/priority-orgs';
import { DEMO_TODAY } from '../testing/seed-demo';
import type { GlueApp } from './index';
import { type SeededProfile, seedProfile, unwrap } from './testing';

describe('the app notes the organizations a technician works on', () => {
  let p: SeededProfile;
  let app: GlueApp;
  let api: GlueApi;
  beforeAll(async () => {
    p = await seedProfile();
    app = await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`) });
    api = app.api;
  });
  afterAll(() => p?.close());

  // What a sync (its own connection, as `glue sync` would) reads while its details run.
  const noted = (): number[] => {
    const s = openStore({ file: p.seeded.file, dbKey: p.seeded.dbKey, secretsKey: p.seeded.secretsKey });
    try {
      return priorityOrgIds(s.db);
    } finally {
      s.close();
    }
  };

  it('opening an org, showing one of its records and asking about one put each first in line', async () => {
    const orgs = unwrap(await api.org.list({}));
    const [a, b, c] = orgs;
    expect(noted()).toEqual([]);
    unwrap(await api.org.records({ orgId: a!.id, type: 'configurations', limit: 5 }));
    expect(noted()).toEqual([a!.id]);
    const record = p.seeded.dataset.configurations!.data.find((x) => Number(x.attributes['organization-id']) === b!.id)!;
    unwrap(await api.org.detail({ type: 'configurations', id: record.id }));
    expect(noted()).toEqual([b!.id, a!.id]);
    const answer = unwrap(await api.ask.ask({ question: 'what is the firewall', orgId: c!.id }));
    expect(answer.org?.id).toBe(c!.id);
    expect(noted()).toEqual([c!.id, b!.id, a!.id]);
    // A question without an organization notes nothing.
    unwrap(await api.ask.ask({ question: 'which domains expire soon' }));
    expect(noted()).toHaveLength(3);
  });
});
