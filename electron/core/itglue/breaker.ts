import { CancelledError } from './errors';
import { sleep } from './http';

export type BreakerEvent = { state: 'open'; until: Date; failures: number } | { state: 'closed' };

export interface BreakerOptions {
  /** Failed requests in a row, across every worker, that open the breaker (default 8). */
  threshold?: number;
  /** First pause (default 30 s); doubles while IT Glue keeps failing, up to maxCooldownMs. */
  cooldownMs?: number;
  /** Longest pause (default 5 min). */
  maxCooldownMs?: number;
  /**
   * After this long without one answer, requests stop waiting and fail as before, so a sync
   * against an IT Glue that is down for good ends (partial or failed) instead of waiting for ever
   * (default 15 min).
   */
  giveUpAfterMs?: number;
  onChange?: (e: BreakerEvent) => void;
  now?: () => number;
}

/**
 * A circuit breaker shared by every request of one client. When IT Glue fails N requests in a
 * row (5xx, timeouts, resets, proxy pages), no new request starts until a cool-down has passed;
 * then they resume, and one more failure pauses them again for twice as long. Without it, every
 * worker retried on its own schedule: the requests kept coming while IT Glue was down, each
 * one's six attempts ran out, and whole listings failed over an outage of a minute or two.
 */
export class Breaker {
  private readonly threshold: number;
  private readonly baseCooldown: number;
  private readonly maxCooldown: number;
  private readonly giveUpAfter: number;
  private readonly now: () => number;
  private consecutive = 0;
  private cooldown: number;
  private openUntil = 0;
  private outageSince: number | null = null;
  private opened = false;
  // After a pause one request goes first (half-open); the rest wait for its outcome, so a
  // still-failing IT Glue gets one request per pause instead of one per worker.
  private probing = false;
  private waiters = new Set<() => void>();
  private pauses = 0;

  constructor(private readonly options: BreakerOptions = {}) {
    this.threshold = Math.max(1, options.threshold ?? 8);
    this.baseCooldown = Math.max(1, options.cooldownMs ?? 30_000);
    this.maxCooldown = Math.max(this.baseCooldown, options.maxCooldownMs ?? 300_000);
    this.giveUpAfter = options.giveUpAfterMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
    this.cooldown = this.baseCooldown;
  }

  /** IT Glue answered (any answer but a failure counts): requests flow freely again. */
  success(): void {
    this.settleProbe();
    this.consecutive = 0;
    this.cooldown = this.baseCooldown;
    this.outageSince = null;
    if (this.opened) {
      this.opened = false;
      this.options.onChange?.({ state: 'closed' });
    }
  }

  /** A request failed as if IT Glue were not answering. */
  failure(): void {
    this.settleProbe();
    const now = this.now();
    this.outageSince ??= now;
    this.consecutive++;
    if (this.consecutive < this.threshold || now < this.openUntil) return;
    this.openUntil = now + this.cooldown;
    this.cooldown = Math.min(this.cooldown * 2, this.maxCooldown);
    // After the pause, one more failure is enough to pause again.
    this.consecutive = this.threshold - 1;
    this.opened = true;
    this.pauses++;
    this.options.onChange?.({ state: 'open', until: new Date(this.openUntil), failures: this.threshold });
  }

  /** Pauses so far (a sync reports the ones during its run). */
  pauseCount(): number {
    return this.pauses;
  }

  /** True while requests should wait for IT Glue rather than spend their own attempts. */
  holding(): boolean {
    return this.opened && !this.givenUp();
  }

  givenUp(): boolean {
    return this.outageSince !== null && this.now() - this.outageSince > this.giveUpAfter;
  }

  /** A request ended without telling whether IT Glue answers (cancelled, 429): let another go first. */
  abandon(): void {
    this.settleProbe();
  }

  private settleProbe(): void {
    this.probing = false;
    for (const w of [...this.waiters]) w();
    this.waiters.clear();
  }

  private probeSettled(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise((resolve, reject) => {
      const done = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.delete(done);
        reject(new CancelledError());
      };
      this.waiters.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Resolves when this request may start: at once while closed; after a pause, one probe first.
   * Resolves true when this request is that probe. Rejects with CancelledError on abort.
   */
  async wait(signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (!this.opened || this.givenUp()) return false;
      const left = this.openUntil - this.now();
      if (left > 0) {
        await sleep(left, signal);
        continue;
      }
      if (!this.probing) {
        this.probing = true;
        return true;
      }
      await this.probeSettled(signal);
    }
  }
}
