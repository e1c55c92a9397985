import type { RecordType } from '../../shared/domain';
import type { LocatedModelState } from '../../shared/model';
import type { Logger } from './logger';
import type { ProfilePaths } from '../core/config/paths';
import type { Store } from '../core/store/open';
import type { StoreReader } from '../core/store/reader';
import type { OpenedProfile } from '../core/sync/service';
import type { SearchContext } from '../core/search/search';

// What the MCP door needs from core. Every getter is lazy: tools/list must answer without
// opening the store or loading the embedding model, so nothing here runs at startup.
// Core services (store reader, search, sync) are lazy getters too, wired in base-deps.ts;
// a tool only ever sees this interface.

export type StoreState = 'missing' | 'present' | 'ready' | 'locked' | 'revoked' | 'expired' | 'corrupt' | 'wrong_key' | 'too_new';

export interface StoreStatus {
  state: StoreState;
  /** RFC 3339 time of the last completed sync, or null if it never finished one. */
  lastSyncAt: string | null;
  counts: Partial<Record<RecordType, number>>;
  /** What to do about a non-ready state, in the user's words. */
  message: string | null;
  /** Facts read from an opened store; absent when it could not be opened. */
  details?: StoreDetails;
  /** Warnings from the guard (offline expiry near or off, clock moved back). */
  notices?: string[];
  /** The offline-expiry rule (core/guard/offline.ts), when the store is open. */
  offline?: { state: 'ok' | 'warning' | 'expired' | 'never'; expiresAt: string | null; daysLeft: number | null } | null;
}

export interface StoreDetails {
  sizeBytes: number;
  /** The newest sync run, finished or not. */
  lastRun: { kind: 'full' | 'incremental'; status: string; startedAt: string; finishedAt: string | null; warnings: string[] } | null;
  /** Items IT Glue returned that could not be stored (see `glue status`). */
  skipped: number;
}

/**
 * What is on disk (shared/model.ts; fixture: the tiny test model, which is not semantic, never
 * served as a real model), or where this server is in loading it.
 */
export type ModelState = LocatedModelState | 'not_loaded' | 'loading' | 'failed';

export interface ModelStatus {
  state: ModelState;
  name: string | null;
  message: string | null;
}

export interface McpSettings {
  /** Off unless the user turned it on in settings; then every reveal is audited. */
  allowPasswordValues: boolean;
}

export interface McpDeps {
  readonly profile: ProfilePaths;
  readonly logger: Logger;
  readonly version: string;
  /** The server's environment (GLUE_PASSPHRASE, GLUE_DATA_DIR …), for opening the profile. */
  readonly env: Record<string, string | undefined>;
  /** Must not throw: a broken store is a status, not an exception. */
  storeStatus(): Promise<StoreStatus>;
  /** Must not load the model; it reports what a later load would find. */
  modelStatus(): Promise<ModelStatus>;
  settings(): Promise<McpSettings>;
  /**
   * The profile's store, opened on first use (read/write: audit rows and sync_data write; every
   * other tool only reads, WAL lets the desktop app sync meanwhile). Rejects with a ToolError
   * whose message says what to do (never synced, locked, corrupt, wrong key).
   */
  store(): Promise<OpenedStore>;
  /**
   * Hybrid search (and the answer engine on top of it) over that store. The embedding model is
   * located on first use and its worker starts on the first query; with no model on disk the
   * search is keyword-only and says so.
   */
  search(): Promise<SearchContext>;
}

export interface OpenedStore {
  readonly store: Store;
  readonly reader: StoreReader;
  /** Keys and IT Glue credentials of the profile, for sync_data. */
  readonly profile: OpenedProfile;
}

/**
 * Memoises an async loader so a native module or the model loads once, on first use.
 * A failed load is forgotten so the next call can retry (e.g. after the user unlocks the store).
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (!pending) {
      pending = load();
      pending.catch(() => {
        pending = null;
      });
    }
    return pending;
  };
}
