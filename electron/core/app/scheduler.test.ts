import { describe, expect, it } from 'vitest';
import { createSyncScheduler, type SchedulerClock } from './scheduler';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: SchedulerClock = {
    setTimeout: (fn, ms) => (timers.set(++seq, { at: now + ms, fn }), seq),
    clearTimeout: (h) => void timers.delete(h as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > until) break;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = until;
  };
  return { clock, advance, pending: () => timers.size };
}

const MIN = 60_000;

describe('background sync scheduler', () => {
  it('syncs every interval, skips a tick while a sync runs, and stops on close', () => {
    const c = manualClock();
    const interval = 15;
    let syncing = false;
    let starts = 0;
    const s = createSyncScheduler({ clock: c.clock, intervalMinutes: () => interval, isSyncing: () => syncing, startSync: async () => void starts++ });
    s.rearm();
    c.advance(14 * MIN);
    expect(starts).toBe(0);
    c.advance(1 * MIN);
    expect(starts).toBe(1);
    syncing = true;
    c.advance(15 * MIN);
    expect(starts).toBe(1);
    syncing = false;
    c.advance(15 * MIN);
    expect(starts).toBe(2);
    s.stop();
    c.advance(60 * MIN);
    expect(starts).toBe(2);
    expect(c.pending()).toBe(0);
    s.rearm();
    expect(c.pending()).toBe(0);
  });

  it('re-arms from now when the interval changes, and plans nothing for manual (0)', () => {
    const c = manualClock();
    let interval = 60;
    let starts = 0;
    const s = createSyncScheduler({ clock: c.clock, intervalMinutes: () => interval, isSyncing: () => false, startSync: async () => void starts++ });
    s.rearm();
    c.advance(50 * MIN);
    interval = 5;
    s.rearm();
    expect(s.nextInMs()).toBe(5 * MIN);
    c.advance(5 * MIN);
    expect(starts).toBe(1);
    interval = 0;
    s.rearm();
    expect(s.nextInMs()).toBeNull();
    c.advance(24 * 60 * MIN);
    expect(starts).toBe(1);
  });

  it('follows an interval changed elsewhere at the next tick and survives a failing start', () => {
    const c = manualClock();
    let interval = 10;
    let starts = 0;
    const s = createSyncScheduler({ clock: c.clock, intervalMinutes: () => interval, isSyncing: () => false, startSync: async () => { starts++; throw new Error('offline'); } });
    s.rearm();
    interval = 30;
    c.advance(10 * MIN);
    expect(starts).toBe(1);
    expect(s.nextInMs()).toBe(30 * MIN);
  });
});
