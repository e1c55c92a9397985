// The Electron side of the app lock (core/app/lock.ts holds the rules and is tested): the OS
// reports screen lock and sleep through powerMonitor, keyboard and mouse input in the window
// counts as activity, and on macOS Touch ID is the OS unlock. Kept to wiring so it can be
// read by eye; the pieces with a decision in them take their Electron objects as arguments.
import type { GlueApi } from '../../shared/ipc';

export interface PowerMonitorLike {
  on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
}

export interface TouchIdLike {
  canPromptTouchID(): boolean;
  promptTouchID(reason: string): Promise<void>;
}

/** Touch ID as core's osUnlock, on macOS with a Touch ID sensor only; undefined elsewhere. */
export function touchIdUnlock(prefs: TouchIdLike, platform: NodeJS.Platform = process.platform): (() => Promise<boolean>) | undefined {
  if (platform !== 'darwin' || !prefs.canPromptTouchID()) return undefined;
  return () =>
    prefs.promptTouchID('unlock Glue Desk').then(
      () => true,
      () => false,
    );
}

/** Screen lock and sleep lock the app at once. */
export function lockOnPowerEvents(power: PowerMonitorLike, api: GlueApi): void {
  power.on('lock-screen', () => void api.lock.lock({ reason: 'screen' }));
  power.on('suspend', () => void api.lock.lock({ reason: 'suspend' }));
}

/** Input events arrive many times a second: the idle timer is told at most every 10 s. */
export function activityReporter(api: GlueApi, now: () => number = Date.now): () => void {
  let last = 0;
  return () => {
    const t = now();
    if (t - last < 10_000) return;
    last = t;
    void api.lock.touch({});
  };
}
