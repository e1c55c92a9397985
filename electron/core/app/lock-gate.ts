// While the app is locked, the app API itself refuses what would put IT Glue data on screen:
// records, answers, search, password lists, reveals and copies, the audit log, and the
// settings a passer-by could use to widen access (MCP password values, a new key, a wipe).
// Hiding it in the renderer alone would leave it one IPC call away. Every call that is let
// through counts as activity for the idle timer.
import type { GlueApi, LockApi } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import type { AppLock } from './lock';

type Method = (arg: never) => Promise<Result<unknown>>;

/** Methods that answer while locked: sync state, what the lock screen and header need. */
const OPEN_WHILE_LOCKED: Record<string, ReadonlySet<string>> = {
  sync: new Set(['status', 'start', 'cancel']),
  settings: new Set(['get', 'account', 'model']),
};

function gated<T extends object>(domain: string, methods: T, lock: AppLock): T {
  const open = OPEN_WHILE_LOCKED[domain] ?? new Set<string>();
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(methods)) {
    // Events (on…) subscribe; they carry no record data (sync progress, model state).
    if (typeof fn !== 'function' || name.startsWith('on') || open.has(name)) {
      out[name] = fn;
      continue;
    }
    const method = fn as Method;
    out[name] = async (arg: never) => {
      const gate = lock.gate();
      if (!gate.ok) return gate;
      lock.touch();
      return method(arg);
    };
  }
  return out as T;
}

export function withLockGate(api: Omit<GlueApi, 'lock'>, lock: AppLock): Omit<GlueApi, 'lock'> {
  return {
    sync: api.sync,
    ask: gated('ask', api.ask, lock),
    org: gated('org', api.org, lock),
    vault: gated('vault', api.vault, lock),
    settings: gated('settings', api.settings, lock),
  };
}

export function createLockApi(lock: AppLock): LockApi {
  return {
    status: async () => ({ ok: true, value: lock.status() }),
    lock: async ({ reason }) => lock.lock(reason ?? 'manual'),
    unlock: (arg) => lock.unlock(arg),
    setPassphrase: (arg) => lock.setPassphrase(arg),
    touch: async () => {
      lock.touch();
      return { ok: true, value: lock.status() };
    },
    onDidChange: (listener) => lock.onChange(listener),
  };
}
