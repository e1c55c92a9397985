import { describe, expect, it, vi } from 'vitest';
import { CancelledError } from './errors';
import { Pacer } from './pacer';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Pacer', () => {
  it('never has more than `concurrency` requests in flight', async () => {
    const p = new Pacer({ budget: 1000, windowMs: 1000, concurrency: 3 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await p.acquire();
        inFlight++;
        peak = Math.max(peak, inFlight);
        await tick(5);
        inFlight--;
        release();
      }),
    );
    expect(peak).toBe(3);
  });

  it('spreads a burst over windows so no window holds more than the budget', async () => {
    const windowMs = 200;
    const p = new Pacer({ budget: 5, windowMs, concurrency: 10 });
    const starts: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 15 }, async () => {
        const release = await p.acquire();
        starts.push(performance.now());
        release();
      }),
    );
    starts.sort((a, b) => a - b);
    for (let i = 5; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 5] ?? 0)).toBeGreaterThanOrEqual(windowMs);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(2 * windowMs);
  });

  it('a 429 pauses every waiting request for the Retry-After time', async () => {
    const p = new Pacer({ concurrency: 4 });
    const pause = p.rateLimited(300);
    expect(pause).toBe(300);
    const t0 = performance.now();
    await Promise.all([p.acquire(), p.acquire()].map(async (a) => (await a)()));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('backs off exponentially on consecutive 429s without Retry-After, and resets after success', () => {
    const p = new Pacer({ backoffBaseMs: 100, maxBackoffMs: 1000 });
    const pauses = [1, 2, 3, 4, 5].map(() => p.rateLimited(null));
    expect(pauses[0]).toBeGreaterThanOrEqual(50);
    expect(pauses[0]).toBeLessThanOrEqual(100);
    expect(pauses[3]).toBeGreaterThanOrEqual(400);
    expect(pauses[4]).toBeLessThanOrEqual(1000);
    p.succeeded();
    expect(p.rateLimited(null)).toBeLessThanOrEqual(100);
  });

  it('caps a hostile Retry-After', () => {
    const p = new Pacer({ maxBackoffMs: 5000 });
    expect(p.rateLimited(86_400_000)).toBe(5000);
  });

  it('a cancelled waiter rejects at once and frees its place in the queue', async () => {
    const p = new Pacer({ concurrency: 1 });
    const release = await p.acquire();
    const ac = new AbortController();
    const waiting = p.acquire(ac.signal);
    const next = p.acquire();
    ac.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    release();
    (await next)();
    expect(p.used()).toBe(2);
  });

  it('leaves no wake-up behind when the last waiter is cancelled (a cancelled sync exits at once)', async () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const p = new Pacer({ budget: 1, windowMs: 300_000, concurrency: 1, now: () => now });
      (await p.acquire())();
      const ac = new AbortController();
      const waiting = p.acquire(ac.signal);
      expect(vi.getTimerCount()).toBe(1); // waits for the window to roll over
      ac.abort();
      await expect(waiting).rejects.toBeInstanceOf(CancelledError);
      expect(vi.getTimerCount()).toBe(0);
      // A later request is still admitted when the window allows.
      const later = p.acquire();
      now = 300_001;
      vi.advanceTimersByTime(300_002);
      (await later)();
    } finally {
      vi.useRealTimers();
    }
  });
});
