import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import { createTestApi } from '../../../shared/ipc/test-api';
import type { QuickItem } from '../../../shared/ipc';
import { createSwitcherStore } from './switcher';
import { memoryStorage } from './test-deps';

const item = (id: string): QuickItem => ({ type: 'configurations', id, name: `cfg ${id}`, org: null, detail: null, copy: null, archived: false });

describe('switcher store', () => {
  it('drops an answer overtaken by a newer query', async () => {
    let release: () => void = () => {};
    const t = createTestApi({
      org: {
        quick: async ({ query }) => {
          if (query === 'a') await new Promise<void>((r) => (release = r));
          return ok([item(query)]);
        },
      },
    });
    const store = createSwitcherStore({ api: t.api, storage: memoryStorage() });
    const slow = store.getState().search('a');
    await store.getState().search('ab');
    release();
    await slow;
    expect(store.getState().items.map((i) => i.id)).toEqual(['ab']);
  });

  it('keeps the last opened items, newest first, without duplicates, across a restart', () => {
    const storage = memoryStorage();
    const t = createTestApi({});
    const store = createSwitcherStore({ api: t.api, storage });
    for (const id of ['1', '2', '1', '3']) store.getState().remember(item(id));
    expect(store.getState().recent.map((i) => i.id)).toEqual(['3', '1', '2']);
    expect(createSwitcherStore({ api: t.api, storage }).getState().recent.map((i) => i.id)).toEqual(['3', '1', '2']);
    storage.setItem('glue.switcher.recent', '{not json');
    expect(createSwitcherStore({ api: t.api, storage }).getState().recent).toEqual([]);
  });
});
