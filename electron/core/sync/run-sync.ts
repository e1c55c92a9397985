import { dirname } from 'node:path';
import { z } from 'zod';
import type { RecordType } from '../../../shared/domain';
import { err, ok, type Result, type ResultError } from '../../../shared/result';
import { parseJsonWith } from '../../../shared/parse-json';
import { toResultError as itglueResultError, ItGlueError } from '../itglue/errors';
import { probeTenant } from '../itglue/probe';
import { processStopSignal } from '../lifecycle/stop-signals';
import { recordContact } from '../guard/contact';
import { processClock } from '../guard/index';
import { confirmRevoked, REVOKED_MESSAGE } from '../guard/revocation';
import { destroyPasswordValues } from '../store/destroy-values';
import { StoreError } from '../store/errors';
import { checkProportionate, damagedStore } from '../store/integrity';
import { writeOrgDirectory } from '../store/read/org-directory';
import { createWriter } from '../store/writer';
import { describeError, emptyCounts, isFatal, ProgressTracker, type SyncContext } from './context';
import { detailsProgress } from './details-progress';
import { detailKey, detailTiers } from './detail-queue';
import { runDetails, type DetailOutcome } from './details-runner';
import { fillFolderPaths } from './folder-paths';
import { listEverything, listLater } from './listing-plan';
import { acquireSyncLock } from './lock';
import { capabilitiesOf, detailUnits, type Capabilities, type DetailUnit } from './planner';
import { sweepChildren, sweepListings } from './sweep';
import { sweepAttachments } from './account-details';
import { dropUnavailable, newAccountState } from './account-listings';
import { openWriteQueue } from './write-queue';
import type { RunSyncOptions, SyncKind, SyncStatus, SyncSummary } from './types';

export const META_ACTIVE_RUN = 'sync.activeRun';
export const META_LAST_OK = 'sync.lastOk';
export const META_PROBE = 'tenant.probe';
export const META_NOTICES = 'sync.notices';

const activeSchema = z.object({ runId: z.string().min(1), kind: z.enum(['full', 'incremental']) });
const probeSchema = z.object({ passwordAccess: z.union([z.boolean(), z.literal('unknown')]), documents: z.boolean(), at: z.string() });

function getMeta(ctx: Pick<SyncContext, 'store'>, key: string): string | null {
  return ctx.store.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value ?? null;
}


function toError(e: unknown): ResultError {
  if (e instanceof ItGlueError) return itglueResultError(e);
  if (e instanceof StoreError) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: describeError(e) === 'unexpected error' ? 'The sync stopped on an unexpected error; run it again to resume (GLUE_DEBUG=1 shows details).' : describeError(e) };
}

async function capabilities(ctx: SyncContext): Promise<Capabilities> {
  const stored = parseJsonWith(probeSchema, getMeta(ctx, META_PROBE));
  // An incremental sync trusts a probe from the last day: a no-change sync stays about one request per listing.
  if (ctx.kind === 'incremental' && stored && Date.now() - Date.parse(stored.at) < 24 * 3600 * 1000) return stored;
  const probe = await probeTenant(ctx.client, { signal: ctx.signal });
  if (!probe.ok) throw new ProbeFailed(probe.error);
  const caps = capabilitiesOf(probe.value);
  ctx.writer.setMeta(META_PROBE, JSON.stringify({ ...caps, organizations: probe.value.organizations, at: new Date().toISOString() }));
  return caps;
}

class ProbeFailed extends Error {
  constructor(readonly error: ResultError) {
    super(error.message);
  }
}

/**
 * One sync of a profile's store: probe → listings (parallel, one transaction per page with its
 * checkpoint) → deletion sweeps → per-record details (password values, related items,
 * document sections). Interrupted runs (cancel, crash, kill -9) are resumed by the next call.
 * Refuses with SYNC_RUNNING while another sync holds the profile's lock.
 */
/** Negative: KiB, as PRAGMA cache_size takes it. */
const SYNC_CACHE_KIB = -32768;

export async function runSync(options: RunSyncOptions): Promise<Result<SyncSummary>> {
  const { store, client } = options;
  // A stop signal (SIGINT/SIGTERM) cancels every sync of the process, also one a door left
  // running in the background; each commits what it fetched and releases its lock.
  const processStop = processStopSignal();
  const signal = processStop && options.signal ? AbortSignal.any([options.signal, processStop]) : (processStop ?? options.signal);
  if (store.readonly) return err('INVALID_INPUT', 'This store was opened read-only; a sync needs it writable.');
  const lock = acquireSyncLock(options.lockDir ?? dirname(store.file));
  if (!lock.ok) return lock;
  // A damaged store is never written to: each page written next to a broken one would be lost
  // with it, and the sync would report success over a store that cannot answer.
  const intact = checkProportionate(store.db, store.file);
  if (!intact.ok) {
    lock.value.release();
    const e = damagedStore(intact.detail);
    return err(e.code, e.message);
  }
  const started = performance.now();
  const requestsAtStart = client.requestCount();
  const serverDateAtStart = client.lastServerDate()?.getTime() ?? null;
  const pausesAtStart = client.breaker.pauseCount();
  // A sync writes pages of mixed types and hardly re-reads them: half the store's 64 MiB page
  // cache did not slow the 100k sync bench and took ~35 MB off its peak RSS (318 → 283 MB).
  // The connection's own size comes back afterwards for the reads that follow.
  const cacheBefore = store.db.pragma('cache_size', { simple: true });
  store.db.pragma(`cache_size = ${SYNC_CACHE_KIB}`);
  try {
    const writer = createWriter(store);
    const probeCtx = { store };
    const active = parseJsonWith(activeSchema, getMeta(probeCtx, META_ACTIVE_RUN));
    const everOk = getMeta(probeCtx, META_LAST_OK) !== null;
    const wanted: SyncKind = options.full || !everOk ? 'full' : 'incremental';
    let runId: string;
    let kind: SyncKind;
    let resumed = false;
    // An interrupted run continues in its own mode; --full over an interrupted incremental starts afresh.
    if (active && !(wanted === 'full' && active.kind === 'incremental')) {
      runId = active.runId;
      kind = active.kind;
      resumed = true;
      store.db.prepare("UPDATE sync_runs SET status = 'running', finished_at = NULL WHERE id = ?").run(runId);
    } else {
      kind = wanted;
      runId = writer.startRun(kind);
      writer.setMeta(META_ACTIVE_RUN, JSON.stringify({ runId, kind }));
    }
    // Listings write most of a full sync: their WAL is copied back on a worker thread meanwhile.
    const { writes, stopCheckpoints } = openWriteQueue(store, writer, { onFlush: (ms) => (ctx.dbMs += ms), backgroundCheckpoints: kind === 'full' });
    const ctx: SyncContext = {
      store,
      client,
      writer,
      runId,
      kind,
      signal,
      overlapMs: options.overlapMs ?? 120_000,
      detailBatch: Math.max(1, options.detailBatch ?? 32),
      now: options.now ?? (() => new Date()),
      counts: emptyCounts(),
      warnings: [],
      passwordValues: 0,
      relatedItems: 0,
      dbMs: 0,
      writes,
      progress: new ProgressTracker(runId, client, requestsAtStart, options.onProgress),
      details: detailsProgress(client.pacer),
      // Replaced by the passes that actually run, once the listings tell which.
      tiers: detailTiers([]),
      priorityPollMs: Math.max(0, options.priorityPollMs ?? 1000),
    };
    const concurrency = Math.max(1, options.concurrency ?? 4);
    let status: SyncStatus = 'ok';
    let error: ResultError | null = null;
    let revoked = false;
    const failedTypes = new Set<RecordType>();
    try {
      ctx.progress.emit('probe', null, null, 0, resumed ? `Resuming the interrupted ${kind} sync` : `Starting a ${kind} sync`);
      const caps = await capabilities(ctx);
      if (caps.passwordAccess === false) {
        ctx.warnings.push('This API key has no Password Access: passwords were synced as metadata only (no values). Enable "Password Access" on the key in IT Glue > Account > API Keys, then sync again.');
      }
      if (!caps.documents) ctx.warnings.push('This IT Glue account has no Documents (not available on this tenant); documents were skipped.');

      const account = newAccountState();
      const plan = await listEverything(ctx, { caps, account, concurrency, failedTypes });
      const { outcomes } = plan;
      if (failedTypes.has('flexible-asset-types')) failedTypes.add('flexible-assets').add('flexible-asset-fields');
      if (failedTypes.has('organizations')) failedTypes.add('documents').add('document-folders');
      // Without every folder listed, documents filed in the missing folders were not seen.
      if (failedTypes.has('document-folders')) failedTypes.add('documents');
      // The last completion marks may still be queued: the sweeps read what the listings stored.
      await ctx.writes.drain();
      await stopCheckpoints();
      dropUnavailable(outcomes, account, ctx.warnings);
      await sweepListings(ctx, outcomes, failedTypes);
      if (outcomes.some((o) => o.unit.resource === 'checklists') && !failedTypes.has('checklists')) {
        sweepChildren(ctx, 'checklist-tasks', 'checklist_tasks', 'checklist_id', 'checklists', null);
      }
      await fillFolderPaths(ctx, outcomes, failedTypes);
      // The organizations as listed, ready for a cold question to match its org scope against.
      writeOrgDirectory(ctx.store.db);
      // Every listed record, field and IP is in the store now: answers work from here on, while
      // the details (one request per record, at the key's budget) fill in.
      ctx.progress.emit('details', null, null, 0, 'Searchable: every listed record is in the store; fetching details');

      // Detail passes are independent of each other and share the client's pacer, so they run
      // together: a slow answer near the end of one pass no longer holds up the next.
      const runUnit = async (unit: DetailUnit): Promise<void> => {
        let outcome: DetailOutcome;
        try {
          outcome = await runDetails(ctx, unit);
        } catch (e) {
          if (isFatal(e)) throw e;
          ctx.warnings.push(`${unit.kind}: ${describeError(e)}`);
          failedTypes.add(unit.parentType);
          return;
        }
        if (!outcome.complete) failedTypes.add(unit.parentType);
        else if (unit.kind === 'document-sections') sweepChildren(ctx, 'document-sections', 'document_sections', 'document_id', 'documents', outcome.pending);
        else if (unit.kind === 'configuration-related' || unit.kind === 'flexible-asset-related') shownWithAttachments.set(unit.parentType, outcome.pending);
      };
      const shownWithAttachments = new Map<RecordType, ReadonlySet<number>>();
      const units = detailUnits(caps).filter((u) => !failedTypes.has(u.parentType));
      ctx.tiers = detailTiers(units.map(detailKey));
      // The folders a proven tenant lists after "searchable" share the budget with the details.
      const folders = async (): Promise<void> => {
        if (plan.later.length === 0) return;
        const later = await listLater(ctx, plan.later, { concurrency, failedTypes });
        await ctx.writes.drain();
        dropUnavailable(later, account, ctx.warnings);
        await sweepListings(ctx, later, failedTypes);
        await fillFolderPaths(ctx, later, failedTypes);
      };
      const settled = await Promise.allSettled([...units.map(runUnit), folders()]);
      const fatal = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (fatal) throw fatal.reason;
      sweepAttachments(ctx, shownWithAttachments);
      if (failedTypes.size > 0) status = 'partial';
    } catch (e) {
      const re = e instanceof ProbeFailed ? e.error : toError(e);
      status = re.code === 'CANCELLED' ? 'cancelled' : 'failed';
      error = re.code === 'CANCELLED' ? { code: 'CANCELLED', message: 'Sync cancelled. Everything received so far is saved; run the sync again to resume where it stopped.' } : re;
      // 401/403 on the key that last synced this store, confirmed by a second request: revoked.
      if (re.code === 'KEY_REJECTED') revoked = await confirmRevoked(store, client, { delayMs: options.revocationConfirmDelayMs, signal });
    }

    const pauses = client.breaker.pauseCount() - pausesAtStart;
    if (pauses > 0) ctx.warnings.push(`IT Glue stopped answering during this sync: requests paused ${pauses} time(s) and resumed (docs/reliability.md).`);

    // Pages fetched before a failure or a cancel are whole pages with their checkpoints: keep them.
    try {
      await ctx.writes.drain();
    } catch (e) {
      error ??= toError(e);
      if (status === 'ok' || status === 'partial') status = 'failed';
    }
    await stopCheckpoints(); // already stopped after the listings unless they failed

    const requests = client.requestCount() - requestsAtStart;
    const previous = store.db.prepare<[string], { requests: number }>('SELECT requests FROM sync_runs WHERE id = ?').get(runId)?.requests ?? 0;
    const finish = (): void => {
      writer.finishRun(runId, { status, requests: previous + requests, warnings: error ? [...ctx.warnings, error.message] : ctx.warnings });
      // Cancelled, failed and killed runs resume; a partial one is finished (its failed listings
      // keep their old watermarks, so the next sync retries them without re-reading the rest).
      if (status === 'ok' || status === 'partial') writer.setMeta(META_ACTIVE_RUN, '');
      if (status === 'ok') writer.setMeta(META_LAST_OK, new Date().toISOString());
      writer.setMeta(META_NOTICES, JSON.stringify(ctx.warnings));
      // A contact is IT Glue answering this run: a partial run whose every listing failed is not one.
      const answered = (client.lastServerDate()?.getTime() ?? null) !== serverDateAtStart;
      if (status === 'ok' || (status === 'partial' && answered)) recordContact(store, client, options.guardClock ?? processClock);
    };
    try {
      finish();
    } catch (e) {
      // The disk may be full or the store locked; the run stays resumable.
      error ??= toError(e);
      if (status === 'ok') status = 'failed';
    }
    if (revoked) {
      // The store closes here: the door opens it again (with a fresh value key) to sync or is refused.
      await destroyPasswordValues(store, 'revoked', ctx.now());
      error = { code: 'KEY_REVOKED', message: REVOKED_MESSAGE };
    }
    ctx.progress.emit('done', null, null, 0, `Sync ${status}`);
    return ok({
      runId,
      kind,
      status,
      resumed,
      counts: ctx.counts,
      passwordValues: ctx.passwordValues,
      relatedItems: ctx.relatedItems,
      requests,
      warnings: ctx.warnings,
      durationMs: Math.round(performance.now() - started),
      dbMs: Math.round(ctx.dbMs),
      error,
    });
  } catch (e) {
    return err(toError(e).code, toError(e).message);
  } finally {
    if (typeof cacheBefore === 'number' && store.db.open) store.db.pragma(`cache_size = ${Math.trunc(cacheBefore)}`);
    lock.value.release();
  }
}
