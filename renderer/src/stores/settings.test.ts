import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/result';
import { createTestApi } from '../../../shared/ipc/test-api';
import type { Settings } from '../../../shared/ipc';
import { createSettingsStore } from './settings';

const base: Settings = { syncIntervalMinutes: 60, clipboardClearSeconds: 30, revealSeconds: 15, apiRequestsPer5Min: 3000, mcpAllowPasswordValues: false, offlineExpiryDays: 30, idleLockMinutes: 15 };

describe('settings store', () => {
  it('rolls an optimistic change back when the host refuses it', async () => {
    const t = createTestApi({
      settings: {
        get: async () => ok(base),
        account: async () => ok({ configured: true, region: 'eu' as const, baseUrl: 'https://api.eu.itglue.com', passwordAccess: true }),
        model: async () => ok({ state: 'ready' as const, name: 'm', progress: null, message: '' }),
        update: async () => err('KEYCHAIN_UNAVAILABLE', 'The keychain is locked; unlock it and try again.'),
      },
    });
    const store = createSettingsStore({ api: t.api });
    await store.getState().load();
    const pending = store.getState().update({ mcpAllowPasswordValues: true });
    expect(store.getState().settings?.mcpAllowPasswordValues).toBe(true);
    await pending;
    expect(store.getState().settings?.mcpAllowPasswordValues).toBe(false);
    expect(store.getState().error?.code).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('returns connect errors to the form and reloads the account on success', async () => {
    let configured = false;
    const t = createTestApi({
      settings: {
        get: async () => ok(base),
        account: async () => ok({ configured, region: configured ? ('us' as const) : null, baseUrl: null, passwordAccess: null }),
        model: async () => ok({ state: 'missing' as const, name: 'm', progress: null, message: '' }),
        connect: async ({ apiKey }) => {
          if (apiKey !== 'ITG.good-key') return err('KEY_REJECTED', 'IT Glue rejected this key.');
          configured = true;
          return ok({ organizations: 12, passwordAccess: false });
        },
      },
    });
    const store = createSettingsStore({ api: t.api });
    const bad = await store.getState().connect({ region: 'us', apiKey: 'ITG.bad-key' });
    expect(bad.ok ? null : bad.error.code).toBe('KEY_REJECTED');
    expect(store.getState().account).toBeNull();
    const good = await store.getState().connect({ region: 'us', apiKey: 'ITG.good-key' });
    expect(good.ok && good.value.passwordAccess).toBe(false);
    expect(store.getState().account?.configured).toBe(true);
  });
});
