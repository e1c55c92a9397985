import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import { createTestApi } from '../../../shared/ipc/test-api';
import type { LockStatus } from '../../../shared/ipc';
import { createLockStore } from './lock';
import { manualTimers } from './test-deps';

const status = (locked: boolean): LockStatus => ({ locked, reason: locked ? 'manual' : null, enabled: true, passphraseSet: true, osUnlock: false, idleMinutes: 15, failures: 0, retryAfterSeconds: 0 });

describe('lock store', () => {
  it('a lock announced while the first status read is on its way stays locked when the read answers "unlocked"', async () => {
    let answer: (v: ReturnType<typeof ok<LockStatus>>) => void = () => undefined;
    const t = createTestApi({ lock: { status: () => new Promise((resolve) => (answer = resolve)) } });
    const store = createLockStore({ api: t.api, timers: manualTimers() });
    const off = store.getState().attach();
    const loading = store.getState().load();
    t.emit('lock', 'onDidChange', status(true));
    answer(ok(status(false))); // read before the lock, answered after it
    await loading;
    expect(store.getState().status?.locked).toBe(true);
    // with nothing announced meanwhile, a read is applied
    const again = store.getState().load();
    answer(ok(status(true)));
    await again;
    expect(store.getState().status?.locked).toBe(true);
    off();
  });
});
