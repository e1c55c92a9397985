// The app lock as the renderer sees it (core/app/lock.ts decides; the host refuses data while
// locked). The store only mirrors the status, sends the unlock and reports activity.
import { createStore } from 'zustand/vanilla';
import type { LockStatus } from '../../../shared/ipc';
import type { ResultError } from '../../../shared/result';
import type { StoreDeps } from './deps';

export interface LockState {
  status: LockStatus | null;
  busy: boolean;
  error: ResultError | null;
  load(): Promise<void>;
  lockNow(): Promise<void>;
  unlock(input: { passphrase?: string; os?: boolean }): Promise<boolean>;
  setPassphrase(input: { current?: string; next: string }): Promise<boolean>;
  /** Keyboard or pointer input: the idle timer starts over (at most every 10 s). */
  activity(): void;
  attach(): () => void;
}

export type LockStore = ReturnType<typeof createLockStore>;

export const createLockStore = ({ api, timers }: Pick<StoreDeps, 'api' | 'timers'>) => {
  let lastTouch = 0;
  // A status read answers for the moment it was asked: a lock announced while it was on its way
  // is newer, and applying the read after it put the unlocked app back on a locked screen.
  let changes = 0;
  const read = async (set: (s: Partial<LockState>) => void): Promise<void> => {
    const asked = changes;
    const r = await api.lock.status({});
    if (changes !== asked) return;
    set(r.ok ? { status: r.value } : { error: r.error });
  };
  return createStore<LockState>()((set) => ({
    status: null,
    busy: false,
    error: null,
    load: () => read(set),
    async lockNow() {
      const r = await api.lock.lock({});
      set(r.ok ? { status: r.value, error: null } : { error: r.error });
    },
    async unlock(input) {
      set({ busy: true, error: null });
      const r = await api.lock.unlock(input);
      set(r.ok ? { status: r.value, busy: false } : { busy: false, error: r.error });
      if (!r.ok) void read((s) => set(s.status ? { status: s.status } : {}));
      return r.ok;
    },
    async setPassphrase(input) {
      set({ busy: true, error: null });
      const r = await api.lock.setPassphrase(input);
      set(r.ok ? { status: r.value, busy: false } : { busy: false, error: r.error });
      return r.ok;
    },
    activity() {
      const now = timers.now();
      if (now - lastTouch < 10_000) return;
      lastTouch = now;
      void api.lock.touch({});
    },
    attach: () =>
      api.lock.onDidChange((status) => {
        changes++;
        set({ status });
      }),
  }));
};
