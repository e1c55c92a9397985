import { RECORD_TYPES, type RecordType, type SyncPhase, type SyncProgress } from '../../../shared/domain';
import { CancelledError, ItGlueError, KeyRejectedError } from '../itglue/errors';
import type { ItGlueClient } from '../itglue/client';
import { StoreError } from '../store/errors';
import type { Store } from '../store/open';
import type { StoreWriter } from '../store/writer';
import type { DetailTiers } from './detail-queue';
import type { DetailsProgress } from './details-progress';
import type { SyncKind, TypeCounts } from './types';
import type { WriteQueue } from './write-queue';

/** What every runner shares during one run. */
export interface SyncContext {
  store: Store;
  client: ItGlueClient;
  writer: StoreWriter;
  runId: string;
  kind: SyncKind;
  signal: AbortSignal | undefined;
  overlapMs: number;
  detailBatch: number;
  now: () => Date;
  counts: Record<RecordType, TypeCounts>;
  warnings: string[];
  passwordValues: number;
  relatedItems: number;
  /** Milliseconds inside store write transactions, for the summary. */
  dbMs: number;
  /** Group commit for listing pages. */
  writes: WriteQueue;
  progress: ProgressTracker;
  /** The detail passes' share of the run: "searchable · details N % (ETA at the budget)". */
  details: DetailsProgress;
  /** The detail passes' shared order: earlier tiers first across passes (detail-queue.ts). */
  tiers: DetailTiers;
  /** How often a detail pass re-reads the priority orgs (ms). */
  priorityPollMs: number;
}

/** Adds one written page's outcome to the run's counts of its type. */
export function addCounts(ctx: Pick<SyncContext, 'counts'>, type: RecordType, r: { written: number; added: number; unchanged: number; skipped: number }): void {
  const c = ctx.counts[type];
  c.written += r.written;
  c.added += r.added;
  c.unchanged += r.unchanged;
  c.skipped += r.skipped;
}

export const emptyCounts = (): Record<RecordType, TypeCounts> =>
  Object.fromEntries(RECORD_TYPES.map((t) => [t, { written: 0, added: 0, unchanged: 0, skipped: 0, deleted: 0 }])) as Record<RecordType, TypeCounts>;

/** Progress across every unit: records done of those announced by page metadata; ETA from the rate so far. */
export class ProgressTracker {
  private done = 0;
  private total = 0;
  private readonly started = performance.now();
  constructor(
    private readonly runId: string,
    private readonly client: ItGlueClient,
    private readonly requestsAtStart: number,
    private readonly sink: ((p: SyncProgress) => void) | undefined,
  ) {}

  announce(n: number): void {
    this.total += n;
  }

  emit(phase: SyncPhase, resourceType: string | null, orgId: number | null, advanced: number, message: string): void {
    this.done += advanced;
    if (!this.sink) return;
    const elapsed = (performance.now() - this.started) / 1000;
    const total = Math.max(this.total, this.done);
    const eta = this.done > 0 && total > this.done && elapsed > 0.5 ? Math.round((elapsed / this.done) * (total - this.done)) : null;
    try {
      this.sink({
        runId: this.runId,
        phase,
        resourceType,
        orgId,
        done: this.done,
        total: this.total > 0 ? total : null,
        requestsUsed: this.client.requestCount() - this.requestsAtStart,
        etaSeconds: eta,
        message,
      });
    } catch {
      // A broken progress sink must not break the sync.
    }
  }
}

/** Errors that stop the whole run rather than one unit. */
// Only IT Glue trouble with one listing is survivable; store, disk and key failures stop the run.
export function isFatal(e: unknown): boolean {
  return !(e instanceof ItGlueError) || e instanceof CancelledError || e instanceof KeyRejectedError;
}

export function describeError(e: unknown): string {
  if (e instanceof ItGlueError || e instanceof StoreError) return e.message;
  const code = e instanceof Error && 'code' in e ? String(e.code) : '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'The disk is full: free some space, then run the sync again.';
  return 'unexpected error';
}

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
