import type { RecordType, SyncProgress } from '../../../shared/domain';
import type { ResultError } from '../../../shared/result';
import type { ItGlueClient } from '../itglue/client';
import type { TrustedClock } from '../guard/access';
import type { Store } from '../store/open';

export type SyncKind = 'full' | 'incremental';
export type SyncStatus = 'ok' | 'partial' | 'failed' | 'cancelled';

export interface RunSyncOptions {
  store: Store;
  client: ItGlueClient;
  /** Re-read everything (still resumes an interrupted full run). Default: incremental once a sync has completed. */
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  /** Where the lock file lives; default the store's folder (the profile dir). */
  lockDir?: string;
  /** Listings run at the same time (the client's pacer still bounds requests in flight). Default 4. */
  concurrency?: number;
  /** Shows fetched per written batch for password values / related items. Default 32. */
  detailBatch?: number;
  /** Overlap subtracted from a listing's watermark, for clock skew (default 120 s). */
  overlapMs?: number;
  /** Pause before the request that confirms a rejected key (guard/revocation.ts; default 2 s). */
  revocationConfirmDelayMs?: number;
  /** The offline-expiry clock a successful sync restarts (guard/; default the process's own). */
  guardClock?: TrustedClock;
  /** How often a running detail pass re-reads the priority orgs (store/priority-orgs.ts); default 1 s. */
  priorityPollMs?: number;
  /** Clock for the organizations updated_at window. */
  now?: () => Date;
}

export interface TypeCounts {
  /** New or changed records. */
  written: number;
  /** Of `written`, the records that were new to the store. */
  added: number;
  unchanged: number;
  skipped: number;
  deleted: number;
}

export interface SyncSummary {
  runId: string;
  kind: SyncKind;
  status: SyncStatus;
  /** True when this call continued an interrupted run. */
  resumed: boolean;
  counts: Record<RecordType, TypeCounts>;
  passwordValues: number;
  relatedItems: number;
  /** Requests this call made (retries included). */
  requests: number;
  warnings: string[];
  durationMs: number;
  /** Of durationMs, time spent in store write transactions (the database-only share). */
  dbMs: number;
  /** Why the run stopped early (failed / cancelled), null otherwise. */
  error: ResultError | null;
}
