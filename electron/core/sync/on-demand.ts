// On-demand details: when a door shows one record (the app's detail pane, a reveal or copy, an
// MCP get_* tool) whose details the sync has not written yet, that record's details are fetched
// first: the same request a detail pass makes (fetchOne), written through the same write
// (writeFetched), with whatever IT Glue client the door holds (the running sync's in the app, so
// the key's pacer is shared). Never throws at the door: a fetch that fails or is slow leaves the
// listed fields and a note saying why (docs/sync.md, "On-demand details").
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import type { RecordType } from '../../../shared/domain';
import { parseJsonWith } from '../../../shared/parse-json';
import type { ItGlueClient } from '../itglue/client';
import { CancelledError, ItGlueError, KeyRejectedError, NoPasswordAccessError, RateLimitedError } from '../itglue/errors';
import { createWriter, detailsFetchedFor, noteDetailsFetched, type Store, type StoreWriter } from '../store/index';
import { isBusy } from '../store/errors';
import { emptyCounts } from './context';
import { detailKey } from './detail-queue';
import { beyondCursor, detailRank, fetchOne, parseCursor, passVisits, writeFetched } from './details-runner';
import { detailUnits, type DetailUnit } from './planner';
import { META_ACTIVE_RUN, META_PROBE } from './run-sync';

/** How long a door waits for the one request before it answers with the listed fields. */
export const ON_DEMAND_TIMEOUT_MS = 4000;
/**
 * How a door's own client for these requests is made (when no sync's client is at hand): few
 * retries and a short timeout, since a door answers within seconds.
 */
export const ON_DEMAND_CLIENT = { retries: 2, backoffBaseMs: 250, timeoutMs: 15_000 } as const;
/** A fetch that outlived the door's wait may still finish and be written, until this. */
const BACKGROUND_LIMIT_MS = 60_000;

export type OnDemandReason = 'timeout' | 'offline' | 'key-rejected' | 'no-access' | 'gone' | 'not-connected' | 'busy' | 'failed';

export type OnDemandResult =
  /** Nothing was pending: the stored record is complete as far as the sync knows. */
  | { status: 'complete' }
  /** The details were pending, fetched and written: read the record again. */
  | { status: 'fetched' }
  /** Still pending; `note` says why, in the user's words, never with a secret or a URL. */
  | { status: 'pending'; reason: OnDemandReason; note: string };

export interface OnDemandInput {
  store: Store;
  /** The door's IT Glue client (with the key's pacer); null when offline or not connected. */
  client: ItGlueClient | null;
  type: RecordType;
  id: string;
  timeoutMs?: number;
}

const UNITS: ReadonlyMap<RecordType, DetailUnit> = new Map(detailUnits({ passwordAccess: true, documents: true }).map((u) => [u.parentType, u]));

const activeSchema = z.object({ runId: z.string().min(1) }).loose();
const probeSchema = z.object({ passwordAccess: z.union([z.boolean(), z.literal('unknown')]) }).loose();

const meta = (db: Database.Database, key: string): string | null => db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value ?? null;

interface RecordRow {
  id: number;
  updated_at: string | null;
  type_name: string | null;
  has_value: number | null;
}

function recordRow(db: Database.Database, type: RecordType, id: number): RecordRow | undefined {
  return db
    .prepare<[string, string], RecordRow>(
      `SELECT CAST(r.itglue_id AS INTEGER) AS id, r.updated_at,
              (SELECT c.type_name FROM configurations c WHERE c.record_rowid = r.rowid) AS type_name,
              (SELECT p.has_value FROM passwords p WHERE p.record_rowid = r.rowid) AS has_value
         FROM records r WHERE r.type = ? AND r.itglue_id = ? AND r.deleted_at IS NULL`,
    )
    .get(type, String(id));
}

/** What a pending record's details are, in a note. */
const WHAT: Record<DetailUnit['kind'], string> = {
  'password-values': 'its password value',
  'configuration-related': 'its related items and attachments',
  'flexible-asset-related': 'its related items and attachments',
  'document-sections': 'its sections',
};

/**
 * The unit whose details this record still waits for, or null. How "pending" is known:
 * - not when a door already fetched this version of it on demand (`on_demand_details`);
 * - a password: no value stored (`has_value = 0`) while the key is not known to lack Password
 *   Access (the probe in `meta`);
 * - any other record: its pass's checkpoint (`details:<kind>`) says so. No checkpoint: pending
 *   only while a sync is unfinished (`sync.activeRun`; a store whose syncs all completed has one
 *   per pass). A completed pass: the record changed after the pass's watermark (listed by a
 *   later sync). An unfinished pass: the record is in that pass (full, or changed since its
 *   watermark), beyond the cursor's written prefix in the pass's (rank, id) order and not in
 *   `ahead`.
 */
export function pendingUnit(db: Database.Database, type: RecordType, id: number, row: RecordRow): DetailUnit | null {
  const unit = UNITS.get(type);
  if (!unit) return null;
  // Fetched on demand already (by any door, in any process) for this version of the record.
  if (detailsFetchedFor(db, unit.kind, id, row.updated_at)) return null;
  if (unit.kind === 'password-values') {
    if (row.has_value !== 0) return null;
    const probe = parseJsonWith(probeSchema, meta(db, META_PROBE));
    return probe?.passwordAccess === false ? null : unit;
  }
  const cp = db
    .prepare<[string], { cursor: string | null; last_updated_at: string | null; completed_at: string | null }>("SELECT cursor, last_updated_at, completed_at FROM sync_state WHERE resource = ? AND scope = '*'")
    .get(detailKey(unit));
  if (!cp) return parseJsonWith(activeSchema, meta(db, META_ACTIVE_RUN)) ? unit : null;
  const cursor = cp.completed_at === null ? parseCursor(cp.cursor) : null;
  if (!cursor) return cp.last_updated_at !== null && row.updated_at !== null && row.updated_at > cp.last_updated_at ? unit : null;
  if (!passVisits(cursor.full, cp.last_updated_at, row.updated_at) || cursor.ahead?.includes(id)) return null;
  const rank = unit.parentType === 'configurations' ? detailRank(row.type_name) : 1;
  return beyondCursor(cursor, { id, rank }) ? unit : null;
}

interface DbState {
  writer: StoreWriter;
  /** In flight, so two doors opening the same record make one request. */
  inFlight: Map<string, Promise<OnDemandResult>>;
}
const states = new WeakMap<Database.Database, DbState>();
function stateOf(store: Store): DbState {
  let s = states.get(store.db);
  if (!s) {
    s = { writer: createWriter(store), inFlight: new Map() };
    states.set(store.db, s);
  }
  return s;
}

function pendingNote(unit: DetailUnit, reason: OnDemandReason): string {
  const what = WHAT[unit.kind];
  switch (reason) {
    case 'timeout':
      return `IT Glue is slow to answer, so this shows the listed fields; ${what} are still on their way. Open it again in a moment.`;
    case 'offline':
      return `IT Glue could not be reached, so this shows the listed fields; ${what} arrive with the next sync.`;
    case 'key-rejected':
      return `IT Glue rejected the API key, so this shows the listed fields; reconnect in Settings → Account (or \`glue login\`) to fetch ${what}.`;
    case 'no-access':
      return 'The IT Glue API key lacks the Password Access option, so the value cannot be fetched. Turn it on for the key in IT Glue (Account > API Keys) and sync again.';
    case 'gone':
      return 'IT Glue no longer has this record (deleted since the last sync); the next sync removes it.';
    case 'not-connected':
      return `The sync has not fetched ${what} yet, and Glue Desk cannot reach IT Glue from here (no API key), so this shows the listed fields.`;
    case 'busy':
      return `The store is busy (a sync is writing), so ${what} were not saved yet; open it again in a moment.`;
    case 'failed':
      return `IT Glue did not give ${what} just now, so this shows the listed fields; the sync fetches them later.`;
  }
}

function reasonOf(e: unknown): OnDemandReason {
  if (e instanceof NoPasswordAccessError) return 'no-access';
  if (e instanceof KeyRejectedError) return 'key-rejected';
  if (e instanceof CancelledError) return 'timeout';
  if (isBusy(e)) return 'busy';
  if (e instanceof RateLimitedError) return 'timeout';
  if (e instanceof ItGlueError) return e.code === 'NETWORK' || e.code === 'SERVER_ERROR' ? 'offline' : 'failed';
  return 'failed';
}

/**
 * Fetches and writes one record's pending details, answering within `timeoutMs`. A fetch still
 * running then goes on in the background and is written when it arrives (the next open shows
 * it). Never throws for IT Glue or store trouble; a programming error still throws.
 */
export async function ensureDetails(input: OnDemandInput): Promise<OnDemandResult> {
  const { store, type } = input;
  const id = /^[1-9]\d{0,15}$/.test(input.id) ? Number(input.id) : NaN;
  if (!Number.isSafeInteger(id) || !UNITS.has(type)) return { status: 'complete' };
  const db = store.db;
  const row = recordRow(db, type, id);
  if (!row) return { status: 'complete' };
  const unit = pendingUnit(db, type, id, row);
  if (!unit) return { status: 'complete' };
  const state = stateOf(store);
  const key = `${type}:${id}:${row.updated_at ?? ''}`;
  if (input.client === null || store.readonly) return { status: 'pending', reason: 'not-connected', note: pendingNote(unit, 'not-connected') };
  const client = input.client;

  let running = state.inFlight.get(key);
  if (!running) {
    const abort = new AbortController();
    const limit = setTimeout(() => abort.abort(), BACKGROUND_LIMIT_MS);
    running = (async (): Promise<OnDemandResult> => {
      try {
        const fetched = await fetchOne({ client, signal: abort.signal }, unit, id);
        if (fetched.kind === 'gone') return { status: 'pending', reason: 'gone', note: pendingNote(unit, 'gone') };
        if (!db.open) return { status: 'pending', reason: 'failed', note: pendingNote(unit, 'failed') };
        // Marked as seen by the running sync (if any), so its sweeps keep what this wrote.
        const runId = parseJsonWith(activeSchema, meta(db, META_ACTIVE_RUN))?.runId ?? 'on-demand';
        const tally = { counts: emptyCounts(), passwordValues: 0, relatedItems: 0 };
        db.transaction(() => {
          writeFetched(state.writer, unit, fetched, runId, tally);
          // The running pass skips it (same run); no door fetches this version again.
          noteDetailsFetched(db, unit.kind, id, runId, row.updated_at);
        }).immediate();
        return { status: 'fetched' };
      } catch (e) {
        const reason = reasonOf(e);
        if (reason === 'failed' && !(e instanceof ItGlueError)) throw e;
        return { status: 'pending', reason, note: pendingNote(unit, reason) };
      } finally {
        clearTimeout(limit);
        state.inFlight.delete(key);
      }
    })();
    state.inFlight.set(key, running);
    // The door may stop waiting; the background result must never be an unhandled rejection.
    running.catch(() => undefined);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<OnDemandResult>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'pending', reason: 'timeout', note: pendingNote(unit, 'timeout') }), input.timeoutMs ?? ON_DEMAND_TIMEOUT_MS);
  });
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
