/**
 * Sliding window per key: a request is allowed when fewer than `limit` allowed requests
 * happened in the last `windowMs`. Rejected requests do not use budget (a client that waits
 * out Retry-After gets in). A sliding window is the stricter reading of "N per window", so a
 * client that passes here also passes a fixed-window server.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, { times: number[]; head: number }>();

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** null when allowed, else the seconds until a slot frees up (at least 1). */
  take(key: string, now: number): number | null {
    let q = this.hits.get(key);
    if (!q) {
      q = { times: [], head: 0 };
      this.hits.set(key, q);
    }
    const cutoff = now - this.windowMs;
    while (q.head < q.times.length && (q.times[q.head] ?? 0) <= cutoff) q.head++;
    if (q.head > 1024 && q.head * 2 > q.times.length) {
      q.times = q.times.slice(q.head);
      q.head = 0;
    }
    if (q.times.length - q.head >= this.limit) {
      const oldest = q.times[q.head] ?? now;
      return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
    }
    q.times.push(now);
    return null;
  }

  reset(): void {
    this.hits.clear();
  }
}
