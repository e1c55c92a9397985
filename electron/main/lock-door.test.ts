import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/result';
import { createTestApi } from '../../shared/ipc/test-api';
import type { LockStatus } from '../../shared/ipc';
import { activityReporter, lockOnPowerEvents, touchIdUnlock } from './lock-door';

const status: LockStatus = { locked: true, reason: 'screen', enabled: true, passphraseSet: true, osUnlock: false, idleMinutes: 15, failures: 0, retryAfterSeconds: 0 };

describe('the Electron lock door', () => {
  it('locks on screen lock and on sleep, saying which', async () => {
    const t = createTestApi({ lock: { lock: async () => ok(status), touch: async () => ok(status) } });
    const handlers = new Map<string, () => void>();
    lockOnPowerEvents({ on: (e, fn) => handlers.set(e, fn) }, t.api);
    handlers.get('lock-screen')?.();
    handlers.get('suspend')?.();
    await Promise.resolve();
    expect(t.calls.map((c) => [c.method, c.arg])).toEqual([
      ['lock', { reason: 'screen' }],
      ['lock', { reason: 'suspend' }],
    ]);
  });

  it('offers Touch ID only on macOS with a sensor, and a refused prompt is not an unlock', async () => {
    const prefs = (can: boolean, pass: boolean) => ({ canPromptTouchID: () => can, promptTouchID: () => (pass ? Promise.resolve() : Promise.reject(new Error('cancelled'))) });
    expect(touchIdUnlock(prefs(true, true), 'win32')).toBeUndefined();
    expect(touchIdUnlock(prefs(false, true), 'darwin')).toBeUndefined();
    expect(await touchIdUnlock(prefs(true, true), 'darwin')?.()).toBe(true);
    expect(await touchIdUnlock(prefs(true, false), 'darwin')?.()).toBe(false);
  });

  it('reports input as activity at most every 10 s', () => {
    const t = createTestApi({ lock: { touch: async () => ok(status) } });
    let now = 0;
    const report = activityReporter(t.api, () => now);
    now = 20_000;
    report();
    now = 25_000;
    report();
    now = 31_000;
    report();
    expect(t.calls.filter((c) => c.method === 'touch')).toHaveLength(2);
  });
});
