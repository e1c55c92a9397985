// Background sync: one timer, armed from the settings' interval. The interval is read again
// whenever the timer fires or is re-armed, so a change made by another door (`glue settings`)
// is picked up at the next tick, and one made in the app's settings at once.

export interface SchedulerClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unref'd: a pending background sync never keeps a process alive. */
export const systemClock: SchedulerClock = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface SyncScheduler {
  /** Starts over from now with the current interval (settings changed, a sync finished). */
  rearm(): void;
  stop(): void;
  /** Milliseconds until the next background sync, or null when none is planned. */
  nextInMs(): number | null;
}

export interface SchedulerDeps {
  clock: SchedulerClock;
  /** Minutes between syncs; 0 = manual only. */
  intervalMinutes(): number;
  isSyncing(): boolean;
  /** Starts an incremental sync; its failures are the sync's to report, not the timer's. */
  startSync(): Promise<unknown>;
}

export function createSyncScheduler(deps: SchedulerDeps): SyncScheduler {
  let handle: unknown = null;
  let delay: number | null = null;
  let stopped = false;

  const clear = () => {
    if (handle !== null) deps.clock.clearTimeout(handle);
    handle = null;
    delay = null;
  };

  function arm(): void {
    clear();
    if (stopped) return;
    const minutes = deps.intervalMinutes();
    if (!(minutes > 0)) return;
    delay = minutes * 60_000;
    handle = deps.clock.setTimeout(fire, delay);
  }

  function fire(): void {
    handle = null;
    delay = null;
    if (stopped) return;
    // A sync already running (started by hand) counts as this tick's sync.
    if (deps.isSyncing() || !(deps.intervalMinutes() > 0)) return arm();
    arm();
    void deps.startSync().catch(() => undefined);
  }

  return {
    rearm: arm,
    stop() {
      stopped = true;
      clear();
    },
    nextInMs: () => delay,
  };
}
