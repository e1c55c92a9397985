// The offline clock: "now" for the expiry rule, read so that winding the system clock back does
// not extend an offline copy's life. Within a process the monotonic clock carries time forward
// from the first reading; across processes the store's high-water mark (guard-state.ts) does.

export interface GuardClock {
  /** The system wall clock. */
  now(): Date;
  /** A clock that only moves forward within this process (performance.now()). */
  monotonicMs(): number;
}

export const systemGuardClock: GuardClock = { now: () => new Date(), monotonicMs: () => performance.now() };

/** A clock behind the system clock by more than this has been moved back (NTP nudges are smaller). */
export const BACKWARDS_TOLERANCE_MS = 5 * 60_000;

export interface TrustedNow {
  /** The time the rules use: never before the high-water mark, never behind this process's own elapsed time. */
  at: Date;
  /** The system clock is behind a time already seen: it was moved back. */
  movedBack: boolean;
}

/**
 * One per process: the first reading anchors wall and monotonic time, and every later "now" is
 * at least the anchor plus the monotonic time elapsed since.
 */
export function createTrustedClock(clock: GuardClock): { read(highWater: string | null): TrustedNow } {
  let anchor: { wall: number; mono: number } | null = null;
  return {
    read(highWater) {
      const wall = clock.now().getTime();
      const mono = clock.monotonicMs();
      anchor ??= { wall, mono };
      const carried = anchor.wall + (mono - anchor.mono);
      const seen = highWater ? Date.parse(highWater) : Number.NaN;
      const floor = Math.max(carried, Number.isFinite(seen) ? seen : -Infinity);
      return { at: new Date(Math.max(wall, floor)), movedBack: wall < floor - BACKWARDS_TOLERANCE_MS };
    },
  };
}
