// A tiny typed event hub: the API's onDid… methods subscribe here, the domains emit. Listener
// failures are swallowed so one broken window never stops a sync from reporting to the others.
import type { Unsubscribe } from '../../../shared/ipc';

export interface EventHub<M extends Record<string, unknown>> {
  on<K extends keyof M>(name: K, listener: (payload: M[K]) => void): Unsubscribe;
  emit<K extends keyof M>(name: K, payload: M[K]): void;
  count(): number;
}

export function createEventHub<M extends Record<string, unknown>>(): EventHub<M> {
  const listeners = new Map<keyof M, Set<(payload: never) => void>>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => void set.delete(listener);
    },
    emit(name, payload) {
      for (const l of [...(listeners.get(name) ?? [])]) {
        try {
          (l as (p: typeof payload) => void)(payload);
        } catch {
          // a listener's bug is not the emitter's failure
        }
      }
    },
    count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}
