import { NO_CHECKPOINTER, startCheckpointer } from '../store/checkpointer';
import type { Store } from '../store/open';
import type { StoreWriter } from '../store/writer';

export interface WriteQueueOptions {
  /** Runs the writes in one transaction (the store's IMMEDIATE transaction in production). */
  transaction(writes: readonly (() => void)[]): void;
  /** Flush once this many records are queued. */
  maxRecords?: number;
  /** …or this many writes (pages). */
  maxWrites?: number;
  /** …or this long after the first queued write, so progress stays fresh and a kill loses little. */
  maxDelayMs?: number;
  /** Awaited before a full group is committed: lets a lagging background checkpoint catch up. */
  beforeFlush?(): Promise<void>;
  /** After each commit, with the time spent inside it (the sync summary's dbMs). */
  onFlush?(ms: number): void;
}

export interface QueuedWrite {
  /** The database work: runs inside the group's transaction. */
  write(): void;
  /** Runs after the group committed (progress events). */
  committed?(): void;
  /** Runs when the group holding this write failed (nothing of it was stored). */
  failed?(e: unknown): void;
  records: number;
}

// Full pages hit the record bound first (16 pages of 1,000); the write bound only groups the
// small writes of per-organization listings and their completion marks.
const GROUP_MAX_WRITES = 64;
const GROUP_MAX_RECORDS = 16_000;
const GROUP_MAX_DELAY_MS = 250;

/**
 * Group commit for listing pages. Each queued write is one page with its checkpoint; a flush
 * runs every queued write in ONE transaction, so a crash still leaves whole pages (and their
 * checkpoints) or nothing, while the commit cost is paid once per group instead of per page:
 * the index pages a page touches and the WAL frames they become are written once per group
 * (bench/store-ingest prints both ways).
 *
 * Runners do not wait for their page's commit, only for room in the queue, so fetching the next
 * page overlaps with the group filling up. A runner calls `drain()` before it marks its listing
 * complete. A failed flush fails every later call, so no runner reports a page it never stored.
 */
export class WriteQueue {
  private queued: QueuedWrite[] = [];
  private records = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failure: unknown = null;
  private readonly maxRecords: number;
  private readonly maxWrites: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: WriteQueueOptions) {
    this.maxRecords = options.maxRecords ?? GROUP_MAX_RECORDS;
    this.maxWrites = options.maxWrites ?? GROUP_MAX_WRITES;
    this.maxDelayMs = options.maxDelayMs ?? GROUP_MAX_DELAY_MS;
  }

  /** Queues a write; a full group is committed before this resolves. */
  async add(item: QueuedWrite): Promise<void> {
    this.throwIfFailed();
    this.queued.push(item);
    this.records += item.records;
    if (this.queued.length >= this.maxWrites || this.records >= this.maxRecords) {
      await this.options.beforeFlush?.();
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flushQuietly(), this.maxDelayMs);
    }
  }

  /**
   * Queues a write and resolves once the group holding it has committed (rejects if that group
   * failed). Unlike `drain`, it does not cut the group short: a listing that ends while others
   * still fill the queue does not split their groups.
   */
  commit(item: QueuedWrite): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queued: QueuedWrite = {
        ...item,
        committed: () => {
          item.committed?.();
          resolve();
        },
        failed: reject,
      };
      this.add(queued).catch(reject);
    });
  }

  /**
   * Commits everything queued now and stops the timer; resolves when it is stored (or rejects
   * with the failure). Runners drain before completing a listing; the run drains at its end.
   */
  async drain(): Promise<void> {
    this.flush();
  }

  private flushQuietly(): void {
    try {
      this.flush();
    } catch {
      // Remembered in `failure`; the next add or drain rethrows it to its runner.
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.throwIfFailed();
    const batch = this.queued;
    if (batch.length === 0) return;
    this.queued = [];
    this.records = 0;
    const t0 = performance.now();
    try {
      this.options.transaction(batch.map((b) => b.write));
    } catch (e) {
      this.failure = e;
      for (const b of batch) b.failed?.(e);
      throw e;
    } finally {
      this.options.onFlush?.(performance.now() - t0);
    }
    for (const b of batch) b.committed?.();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}

export interface OpenWriteQueueOptions {
  /** After each commit, with its duration. */
  onFlush?(ms: number): void;
  /**
   * Copy the WAL back on a worker thread (store/checkpointer) until `stopCheckpoints`. Worth it
   * for a full sync, which writes the whole tenant; an incremental one writes little and is
   * better off without a second thread and connection (~13 MB of RSS).
   */
  backgroundCheckpoints: boolean;
}

/** The sync's group commit on a store: one IMMEDIATE transaction (a writer batch) per group. */
export function openWriteQueue(store: Store, writer: StoreWriter, options: OpenWriteQueueOptions): { writes: WriteQueue; stopCheckpoints(): Promise<void> } {
  const checkpointer = options.backgroundCheckpoints ? startCheckpointer(store) : NO_CHECKPOINTER;
  const onFlush = options.onFlush ?? (() => undefined);
  const writes = new WriteQueue({
    transaction: (batch) => writer.batch(() => batch.forEach((w) => w())),
    beforeFlush: () => checkpointer.ready(),
    onFlush: (ms) => {
      onFlush(ms);
      checkpointer.nudge();
    },
  });
  return { writes, stopCheckpoints: () => checkpointer.stop() };
}
