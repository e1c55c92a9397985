// The app's pin button through the API: org.pin shares `glue pin`'s core function, the org list
// says which are pinned, and a sync (its own connection) reads the pin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlueApi } from '../../../shared/ipc';
import { IPC_SCHEMAS } from '../../../shared/ipc/contract';
import { openStore } from '../store/open';
import { priorityOrgIds } from '../store/priority-orgs';
import { DEMO_TODAY } from '../testing/seed-demo';
import { type SeededProfile, seedProfile, unwrap } from './testing';

describe('org.pin', () => {
  let p: SeededProfile;
  let api: GlueApi;
  beforeAll(async () => {
    p = await seedProfile();
    api = (await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`) })).api;
  });
  afterAll(() => p?.close());

  const firstSeen = (): number[] => {
    const s = openStore({ file: p.seeded.file, dbKey: p.seeded.dbKey, secretsKey: p.seeded.secretsKey });
    try {
      return priorityOrgIds(s.db);
    } finally {
      s.close();
    }
  };

  it('pins an org (the list marks it, a sync puts it first), then unpins it', async () => {
    const [a] = unwrap(await api.org.list({}));
    expect(a!.pinned).toBe(false);
    expect(unwrap(await api.org.pin({ orgId: a!.id, pinned: true }))).toEqual({ orgId: a!.id, pinned: true });
    expect(unwrap(await api.org.list({})).find((o) => o.id === a!.id)?.pinned).toBe(true);
    expect(firstSeen()).toEqual([a!.id]);
    unwrap(await api.org.pin({ orgId: a!.id, pinned: false }));
    expect(unwrap(await api.org.list({})).find((o) => o.id === a!.id)?.pinned).toBe(false);
    // Unpinned like `glue pin --remove`: it stays ahead as long as an ordinary note would.
    expect(firstSeen()).toEqual([a!.id]);
  });

  it('refuses an org that is not in the store, and input the contract does not allow', async () => {
    const r = await api.org.pin({ orgId: 999_999_999, pinned: true });
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
    for (const bad of [{ orgId: 0, pinned: true }, { orgId: 1.5, pinned: true }, { orgId: 1, pinned: 'yes' }, { orgId: 1 }, { orgId: 1, pinned: true, extra: 1 }]) {
      expect(IPC_SCHEMAS.org.pin.input.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
