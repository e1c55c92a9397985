// The order the detail passes fetch in, across passes and inside one:
// - tiers across passes: password values and the related items of servers and network devices
//   first (tier 0), other configurations, flexible assets and document sections next (1),
//   workstations, laptops and phones last (2). A pass waits before a record of a later tier
//   while any pass still has records of an earlier tier to start, so the shared budget goes
//   where a technician needs it first;
// - priority orgs: records of an organization the technician is working on
//   (store/priority-orgs.ts) jump the queue, every tier of them, re-read while the pass runs.
import { CancelledError } from '../itglue/errors';
import type { DetailKind, DetailUnit } from './planner';

export const detailKey = (u: Pick<DetailUnit, 'kind'>): string => `details:${u.kind}`;

export const TIERS = 3;

/** A record's tier: see the top of this file. `rank` is detailRank's (0 servers … 2 workstations). */
export function tierOf(kind: DetailKind, rank: number): number {
  if (kind === 'password-values') return 0;
  if (kind === 'configuration-related') return Math.min(TIERS - 1, Math.max(0, rank));
  return 1;
}

export interface DetailTiers {
  /** The pass `key` has `left[t]` records of tier t to start. */
  register(key: string, left: readonly number[]): void;
  /** The pass `key` starts one record of `tier`. */
  take(key: string, tier: number): void;
  /** The pass `key` ended (done, failed or cancelled): it holds nobody back any more. */
  release(key: string): void;
  /** True while a record of `tier` must wait: an earlier tier has records left, or a pass has not said what it has. */
  blocked(tier: number): boolean;
  /** Resolves once `tier` is no longer blocked, or after `maxWaitMs` (so the caller can look at priority orgs again). */
  ready(tier: number, signal: AbortSignal | undefined, maxWaitMs: number): Promise<void>;
}

/** The gate shared by the passes of one run; `keys` are the passes that will run. */
export function detailTiers(keys: readonly string[]): DetailTiers {
  const expected = new Set(keys);
  const left = new Map<string, number[]>();
  const ended = new Set<string>();
  let waiters: { tier: number; wake: () => void }[] = [];
  const blocked = (tier: number): boolean => {
    for (const k of expected) if (!left.has(k) && !ended.has(k)) return true;
    for (const counts of left.values()) for (let t = 0; t < tier; t++) if ((counts[t] ?? 0) > 0) return true;
    return false;
  };
  const wakeReady = (): void => {
    const still: typeof waiters = [];
    for (const w of waiters) {
      if (blocked(w.tier)) still.push(w);
      else w.wake();
    }
    waiters = still;
  };
  return {
    register: (key, counts) => {
      expected.add(key);
      left.set(key, Array.from({ length: TIERS }, (_, t) => counts[t] ?? 0));
      wakeReady();
    },
    take: (key, tier) => {
      const counts = left.get(key);
      if (!counts) return;
      counts[tier] = Math.max(0, (counts[tier] ?? 0) - 1);
      if (counts[tier] === 0) wakeReady();
    },
    release: (key) => {
      left.delete(key);
      ended.add(key);
      wakeReady();
    },
    blocked,
    ready: (tier, signal, maxWaitMs) => {
      if (signal?.aborted) return Promise.reject(new CancelledError());
      if (!blocked(tier)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          waiters = waiters.filter((w) => w !== waiter);
        };
        const waiter = { tier, wake: () => (done(), resolve()) };
        const onAbort = (): void => (done(), reject(new CancelledError()));
        const timer = setTimeout(() => (done(), resolve()), Math.max(1, maxWaitMs));
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
      });
    },
  };
}

export interface QueueItem {
  id: number;
  rank: number;
  org: number | null;
  tier: number;
}

export type Picked = { index: number; priority: boolean } | { wait: number } | null;

/**
 * Hands a pass's records (already in its (rank, id) order) to its workers: records of priority
 * orgs first, most recently noted org first, then the rest in order, each record once. Priority
 * orgs are re-read at most every `pollMs`, so an org noted while the pass runs is served next.
 */
export class DetailPicker {
  private readonly claimed: Uint8Array;
  private next = 0;
  private queue: number[] = [];
  private queued = 0;
  private polledAt = Number.NEGATIVE_INFINITY;
  private orgsSeen = '';

  constructor(
    private readonly key: string,
    private readonly items: readonly QueueItem[],
    private readonly tiers: DetailTiers,
    private readonly readOrgs: () => readonly number[],
    private readonly pollMs: number,
  ) {
    this.claimed = new Uint8Array(items.length);
    const counts = Array.from({ length: TIERS }, () => 0);
    for (const it of items) counts[it.tier] = (counts[it.tier] ?? 0) + 1;
    tiers.register(key, counts);
  }

  pick(): Picked {
    this.refresh();
    while (this.queued < this.queue.length) {
      const i = this.queue[this.queued++] as number;
      if (this.claimed[i] === 0) return this.claim(i, true);
    }
    while (this.next < this.items.length && this.claimed[this.next] === 1) this.next++;
    if (this.next >= this.items.length) return null;
    const tier = (this.items[this.next] as QueueItem).tier;
    if (this.tiers.blocked(tier)) return { wait: tier };
    return this.claim(this.next++, false);
  }

  private claim(index: number, priority: boolean): Picked {
    this.claimed[index] = 1;
    this.tiers.take(this.key, (this.items[index] as QueueItem).tier);
    return { index, priority };
  }

  private refresh(): void {
    const now = performance.now();
    if (now - this.polledAt < this.pollMs) return;
    this.polledAt = now;
    const orgs = this.readOrgs();
    const seen = orgs.join(',');
    if (seen === this.orgsSeen) return;
    this.orgsSeen = seen;
    const position = new Map(orgs.map((o, i) => [o, i]));
    const found: { index: number; at: number }[] = [];
    for (let i = this.next; i < this.items.length; i++) {
      const org = (this.items[i] as QueueItem).org;
      const at = org === null ? undefined : position.get(org);
      if (at !== undefined && this.claimed[i] === 0) found.push({ index: i, at });
    }
    this.queue = found.sort((a, b) => a.at - b.at || a.index - b.index).map((f) => f.index);
    this.queued = 0;
  }
}
