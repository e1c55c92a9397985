/** The signals that ask a Glue Desk process to stop: Ctrl-C, `kill`, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Exit code of a run that a stop signal cancelled (documented in docs/reliability.md). */
export const EXIT_CANCELLED = 130;

export interface StopSignals {
  /** Aborts on the first stop signal; its reason is the signal's name. */
  readonly signal: AbortSignal;
  /** The first stop signal received, or null. */
  received(): StopSignal | null;
  /** Gives the signals back to Node's defaults (tests). */
  dispose(): void;
}

let claimed: AbortSignal | null = null;

/**
 * The process's stop signal once a door claimed them, else null. Long runs that a door may have
 * started in the background (an MCP `sync_data` run that outlived its call) listen to it too,
 * so a stop signal ends them the same way as a cancel.
 */
export const processStopSignal = (): AbortSignal | null => claimed;

export interface ClaimOptions {
  proc?: NodeJS.Process;
  /**
   * A second stop signal means "now": the default exits with EXIT_CANCELLED at once. Whatever
   * a run had committed stays committed (each page is one transaction), and a lock left
   * behind is recognised as stale by the next run.
   */
  onSecond?: (signal: StopSignal) => void;
}

/**
 * Makes this process the only one that decides what a stop signal does: the first one aborts
 * `signal`, so a sync commits what it fetched, releases its lock, prints its summary and exits
 * 130. Without this, `conf` → `atomically` → `when-exit` installs once-listeners that re-raise
 * the signal after running their hooks; with every once-listener spent, Node's default action
 * killed `glue sync` mid-run (no summary, `sync.lock` left behind). So listeners that anyone
 * else adds for these signals, before or after this call, are removed; exit hooks that
 * libraries register on 'exit' still run when we exit normally.
 */
export function claimStopSignals(options: ClaimOptions = {}): StopSignals {
  const proc = options.proc ?? process;
  const controller = new AbortController();
  if (proc === process) claimed = controller.signal;
  let first: StopSignal | null = null;
  const onSecond = options.onSecond ?? (() => proc.exit(EXIT_CANCELLED));
  const ours = new Map<StopSignal, () => void>();
  for (const sig of STOP_SIGNALS) {
    ours.set(sig, () => {
      if (first === null) {
        first = sig;
        controller.abort(sig);
      } else onSecond(sig);
    });
  }
  const isOurs = (sig: StopSignal, listener: unknown) => ours.get(sig) === listener;
  const dropForeign = (sig: StopSignal) => {
    for (const l of proc.listeners(sig)) if (!isOurs(sig, l)) proc.removeListener(sig, l as () => void);
  };
  // 'newListener' fires before the listener is added, so it is removed a microtask later.
  const onNewListener = (event: string | symbol, listener: unknown) => {
    const sig = STOP_SIGNALS.find((s) => s === event);
    if (sig && !isOurs(sig, listener)) queueMicrotask(() => proc.removeListener(sig, listener as () => void));
  };
  for (const sig of STOP_SIGNALS) {
    dropForeign(sig);
    proc.on(sig, ours.get(sig) as () => void);
  }
  proc.on('newListener', onNewListener);
  return {
    signal: controller.signal,
    received: () => first,
    dispose: () => {
      if (claimed === controller.signal) claimed = null;
      proc.removeListener('newListener', onNewListener);
      for (const sig of STOP_SIGNALS) proc.removeListener(sig, ours.get(sig) as () => void);
    },
  };
}
