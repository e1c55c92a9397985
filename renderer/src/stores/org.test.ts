import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/result';
import { createTestApi } from '../../../shared/ipc/test-api';
import type { RecordDetail } from '../../../shared/ipc';
import { createOrgStore } from './org';

const detail = (id: string, down: string[] = []): RecordDetail => ({
  type: 'configurations', id, name: `cfg ${id}`, org: null, url: `https://x.itglue.com/${id}`, archived: false, fields: [],
  related: { up: [], down: down.map((d) => ({ type: 'configurations', id: d, name: d, org: null, subtitle: null, archived: false })) },
});

describe('org store', () => {
  it('pages records with the cursor and resets on type change', async () => {
    const t = createTestApi({
      org: {
        records: async ({ cursor, type }) =>
          ok({ items: [{ type, id: cursor ?? 'a', name: cursor ?? 'a', org: null, subtitle: null, archived: false }], nextCursor: cursor ? null : 'b' }),
      },
    });
    const store = createOrgStore({ api: t.api });
    await store.getState().selectOrg(1);
    await store.getState().loadMore();
    expect(store.getState().records.data.map((r) => r.id)).toEqual(['a', 'b']);
    await store.getState().loadMore();
    expect(t.calls).toHaveLength(2);
    await store.getState().selectType('passwords');
    expect(store.getState().records.data.map((r) => r.type)).toEqual(['passwords']);
  });

  it('keeps the rows on screen while a new filter text is asked, and drops an answer overtaken by a newer one', async () => {
    const releases: (() => void)[] = [];
    const t = createTestApi({
      org: {
        records: async ({ query }) => {
          if (query === 'sl') await new Promise<void>((r) => releases.push(r));
          return ok({ items: [{ type: 'configurations', id: query ?? 'all', name: query ?? 'all', org: null, subtitle: null, archived: false }], nextCursor: null });
        },
      },
    });
    const store = createOrgStore({ api: t.api });
    await store.getState().selectOrg(1);
    const slow = store.getState().searchRecords('sl');
    expect(store.getState().records.data.map((r) => r.id)).toEqual(['all']);
    await store.getState().searchRecords('slo');
    releases.forEach((r) => r());
    await slow;
    expect(store.getState().records.data.map((r) => r.id)).toEqual(['slo']);
  });

  it('clicks through related items and back', async () => {
    const t = createTestApi({ org: { detail: async ({ id }) => ok(detail(id, ['2'])) } });
    const store = createOrgStore({ api: t.api });
    await store.getState().open('configurations', '1');
    await store.getState().open('configurations', '2');
    expect(store.getState().detail.data?.id).toBe('2');
    await store.getState().back();
    expect(store.getState().detail.data?.id).toBe('1');
    expect(store.getState().trail).toEqual([]);
  });

  it('ignores a slow answer for a record the user already left', async () => {
    let release: () => void = () => undefined;
    const t = createTestApi({
      org: {
        detail: async ({ id }) => {
          if (id === 'slow') await new Promise<void>((r) => (release = r));
          return ok(detail(id));
        },
      },
    });
    const store = createOrgStore({ api: t.api });
    const slow = store.getState().open('configurations', 'slow');
    await store.getState().open('configurations', 'fast');
    release();
    await slow;
    expect(store.getState().detail.data?.id).toBe('fast');
  });
});

describe('org store: closing', () => {
  it('close drops the open record and its trail; an answer still on its way does not bring it back', async () => {
    let release: () => void = () => {};
    const t = createTestApi({
      org: {
        detail: async ({ id }) => {
          if (id === 'slow') await new Promise<void>((r) => (release = r));
          return ok(detail(id));
        },
      },
    });
    const store = createOrgStore({ api: t.api });
    await store.getState().open('configurations', 'a');
    const pending = store.getState().open('configurations', 'slow');
    store.getState().close();
    release();
    await pending;
    expect(store.getState().detail.data).toBeNull();
    expect(store.getState().trail).toEqual([]);
  });

  it('leaveOrg returns to the org list with nothing selected', async () => {
    const t = createTestApi({ org: { records: async () => ok({ items: [], nextCursor: null }) } });
    const store = createOrgStore({ api: t.api });
    await store.getState().selectOrg(3);
    store.getState().leaveOrg();
    expect(store.getState().orgId).toBeNull();
  });

  it('pin marks the org pinned in the list; a refused pin keeps the list and says why', async () => {
    const org = { id: 3, name: 'Acme', shortName: null, typeName: null, counts: {} };
    let refuse = false;
    const t = createTestApi({
      org: {
        list: async () => ok([org]),
        pin: async ({ orgId, pinned }) => (refuse ? err('STORE_LOCKED', 'busy') : ok({ orgId, pinned })),
      },
    });
    const store = createOrgStore({ api: t.api });
    await store.getState().loadOrgs();
    await store.getState().pin(3, true);
    expect(store.getState().orgs.data[0]?.pinned).toBe(true);
    refuse = true;
    await store.getState().pin(3, false);
    expect(store.getState().orgs.data[0]?.pinned).toBe(true);
    expect(store.getState().pinError?.code).toBe('STORE_LOCKED');
  });
});
