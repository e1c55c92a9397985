import { setMaxListeners } from 'node:events';
import { CancelledError } from './errors';

export interface PacerOptions {
  /** Requests allowed per window for the key. IT Glue: 3000. */
  budget?: number;
  /** IT Glue: 300 s. */
  windowMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** First pause after a 429 without Retry-After; doubles per consecutive 429. */
  backoffBaseMs?: number;
  /** Ceiling for any pause, including a hostile Retry-After. */
  maxBackoffMs?: number;
  /** Clock, injectable for tests of the arithmetic. */
  now?: () => number;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (e: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export const DEFAULT_BUDGET = 3000;
export const DEFAULT_WINDOW_MS = 300_000;
export const DEFAULT_CONCURRENCY = 4;

/**
 * Keeps one API key under its request budget for every client that shares the pacer.
 *
 * A slot counts from the moment a request is sent until `windowMs` after its answer arrived.
 * The server counts a request when it arrives, which is somewhere in between, so with this
 * rule no window of the server's clock (sliding or fixed) can ever see more than `budget`
 * requests from us: a correct client sees no 429 from a correct server.
 */
export class Pacer {
  readonly budget: number;
  readonly windowMs: number;
  readonly concurrency: number;
  private readonly backoffBaseMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => number;
  private inFlight = 0;
  /** Completion times still inside the window, oldest first. */
  private completed: number[] = [];
  private head = 0;
  private waiters: Waiter[] = [];
  private pausedUntil = 0;
  private consecutive429 = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;

  constructor(opts: PacerOptions = {}) {
    this.budget = Math.max(1, Math.floor(opts.budget ?? DEFAULT_BUDGET));
    this.windowMs = Math.max(1, opts.windowMs ?? DEFAULT_WINDOW_MS);
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY));
    this.backoffBaseMs = opts.backoffBaseMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 120_000;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Resolves with a release function once a request may be sent. Call release exactly once. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new CancelledError());
          this.pump();
        },
      };
      if (signal) {
        // A sync queues hundreds of requests on one run signal by design; each listener is
        // removed when its request is admitted, so Node's leak warning would be a false alarm.
        setMaxListeners(0, signal);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /**
   * A 429 arrived: pause every request, not just the one that failed. Returns the pause in ms.
   * Retry-After is honoured (capped); without it, exponential backoff with jitter.
   */
  rateLimited(retryAfterMs: number | null): number {
    this.consecutive429++;
    let pause: number;
    if (retryAfterMs !== null && retryAfterMs >= 0) {
      pause = Math.min(retryAfterMs, this.maxBackoffMs);
    } else {
      const ceiling = Math.min(this.maxBackoffMs, this.backoffBaseMs * 2 ** (this.consecutive429 - 1));
      // Half fixed, half random: never zero (that would hammer), still spreads clients apart.
      pause = ceiling / 2 + Math.random() * (ceiling / 2);
    }
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + pause);
    this.pump();
    return pause;
  }

  /** Any non-429 answer ends a 429 streak. */
  succeeded(): void {
    this.consecutive429 = 0;
  }

  /** Requests counted against the current window, including those in flight. */
  used(): number {
    this.prune();
    return this.inFlight + this.completed.length - this.head;
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs;
    while (this.head < this.completed.length && (this.completed[this.head] ?? Infinity) <= cutoff) this.head++;
    if (this.head > 1024 && this.head * 2 > this.completed.length) {
      this.completed = this.completed.slice(this.head);
      this.head = 0;
    }
  }

  private pump(): void {
    for (;;) {
      const waiter = this.waiters[0];
      if (!waiter) {
        // Nobody left to admit (the last waiter was cancelled): a pending wake-up would only keep
        // the process alive, up to a whole window, after a cancelled sync.
        this.clearWake();
        return;
      }
      if (this.inFlight >= this.concurrency) return; // a release will pump again
      const now = this.now();
      if (now < this.pausedUntil) return this.wakeAt(this.pausedUntil);
      if (this.used() >= this.budget) {
        const oldest = this.completed[this.head];
        // Budget full of requests still in flight: their release will pump.
        if (oldest === undefined) return;
        return this.wakeAt(oldest + this.windowMs);
      }
      this.waiters.shift();
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.inFlight++;
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.completed.push(this.now());
        this.pump();
      });
    }
  }

  private clearWake(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, Math.ceil(at - this.now())) + 1,
    );
  }
}
