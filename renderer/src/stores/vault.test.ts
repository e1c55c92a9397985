import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/result';
import { createTestApi } from '../../../shared/ipc/test-api';
import { createVaultStore } from './vault';
import { flush, manualTimers, memoryClipboard } from './test-deps';

const meta = { id: '5', name: 'Firewall admin', username: 'admin', url: null, category: null, org: { id: 1, name: 'Acme' }, resource: null, updatedAt: null, restricted: false, hasValue: true };

describe('vault store', () => {
  it('reveals a value and masks it again after revealSeconds', async () => {
    const timers = manualTimers();
    const t = createTestApi({ vault: { reveal: async () => ok({ value: 'Tr0ub4dor', hideAfterSeconds: 10 }) } });
    const store = createVaultStore({ api: t.api, clipboard: memoryClipboard(), timers });
    await store.getState().reveal('5');
    expect(store.getState().revealed['5']?.value).toBe('Tr0ub4dor');
    timers.advance(9_999);
    expect(store.getState().revealed['5']).toBeDefined();
    timers.advance(1);
    expect(store.getState().revealed['5']).toBeUndefined();
  });

  it('in the web host writes the clipboard itself and clears it only if it still holds our value', async () => {
    const timers = manualTimers();
    const clipboard = memoryClipboard();
    const t = createTestApi({ vault: { copy: async () => ok({ copied: false as const, value: 'pa55', clearAfterSeconds: 20 }) } });
    const store = createVaultStore({ api: t.api, clipboard, timers });
    await store.getState().copy('5', 'password');
    expect(clipboard.text).toBe('pa55');
    expect(store.getState().copied).toMatchObject({ id: '5', field: 'password' });
    timers.advance(20_000);
    await flush();
    expect(clipboard.text).toBe('');
    expect(store.getState().copied).toBeNull();

    await store.getState().copy('5', 'password');
    clipboard.text = 'something the user copied';
    timers.advance(20_000);
    await flush();
    expect(clipboard.text).toBe('something the user copied');
  });

  it('leaves the clipboard to the host when the host copied (Electron)', async () => {
    const clipboard = memoryClipboard();
    const t = createTestApi({ vault: { copy: async () => ok({ copied: true as const, clearAfterSeconds: 20 }) } });
    const store = createVaultStore({ api: t.api, clipboard, timers: manualTimers() });
    await store.getState().copy('5', 'username');
    expect(clipboard.text).toBe('');
    expect(store.getState().copied?.field).toBe('username');
  });

  it('shows the host error when a reveal is refused and masks everything on org change', async () => {
    const t = createTestApi({
      vault: {
        reveal: async ({ id }) => (id === '6' ? err('NO_PASSWORD_ACCESS', 'Your API key has no Password Access.') : ok({ value: 'v', hideAfterSeconds: 30 })),
        list: async () => ok([meta]),
      },
    });
    const store = createVaultStore({ api: t.api, clipboard: memoryClipboard(), timers: manualTimers() });
    await store.getState().load(1);
    await store.getState().reveal('5');
    await store.getState().reveal('6');
    expect(store.getState().error?.code).toBe('NO_PASSWORD_ACCESS');
    await store.getState().load(2);
    expect(store.getState().revealed).toEqual({});
  });
});
