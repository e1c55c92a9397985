// sync.*: one background run at a time per app, progress and the end as events. The engine's
// own lock still guards against the CLI or another app syncing the same profile.
import { z } from 'zod';
import type { RecordType, SyncProgress } from '../../../shared/domain';
import type { Counts, SyncApi, SyncFinished, SyncStatus } from '../../../shared/ipc';
import { err, ok, type Result } from '../../../shared/result';
import { parseJsonWith } from '../../../shared/parse-json';
import { apiBudget, loadSettings, peekSettings } from '../config/settings';
import { breakerMessage } from '../itglue/breaker-message';
import { createItGlueClient } from '../itglue/client';
import { locateModel } from '../search/model-locator';
import { META_ACTIVE_RUN, META_LAST_OK, META_NOTICES, META_PROBE, runSync, type SyncSummary } from '../sync/index';
import { notConnected, type AppContext } from './context';
import { createIndexer, type Indexer } from './indexer';
import type { OnDemandDetails } from './details-on-demand';
import { truncateWal } from '../store/index';
import { modelStateOf } from './model-status';
import { createSyncScheduler, systemClock, type SyncScheduler } from './scheduler';

const strings = z.array(z.string());
const probeSchema = z.object({ documents: z.boolean().optional(), flexibleAssets: z.boolean().optional() }).loose();


function changesOf(summary: SyncSummary): NonNullable<SyncFinished['changes']> {
  const out: NonNullable<SyncFinished['changes']> = {};
  for (const [type, c] of Object.entries(summary.counts) as [RecordType, SyncSummary['counts'][RecordType]][]) {
    const change = { added: c.added, changed: c.written - c.added, removed: c.deleted };
    if (change.added + change.changed + change.removed > 0) out[type] = change;
  }
  return out;
}

function countsOf(summary: SyncSummary): Counts {
  const out: Counts = {};
  for (const [type, c] of Object.entries(summary.counts) as [RecordType, SyncSummary['counts'][RecordType]][]) out[type] = c.written + c.unchanged;
  return out;
}

interface Running {
  abort: AbortController;
  runId: string | null;
  progress: SyncProgress | null;
}

export interface SyncDomain {
  api: SyncApi;
  /** Cancels a running sync and indexing and waits until they let go of the store (wipe, shutdown). */
  stop(): Promise<void>;
  /** Embeddings catch up with the records in the background (after a sync, a model download). */
  indexer: Indexer;
  /** Background sync from settings.syncIntervalMinutes. */
  scheduler: SyncScheduler;
}

export function createSyncApi(ctx: AppContext, details?: Pick<OnDemandDetails, 'useSyncClient'>): SyncDomain {
  let running: (Running & { done: Promise<void> }) | null = null;
  const indexer = createIndexer(ctx);
  const stop = async (): Promise<void> => {
    const r = running;
    if (r) {
      r.abort.abort();
      await r.done;
    }
    await indexer.stop();
  };
  ctx.onDispose(stop);
  const scheduler = createSyncScheduler({
    clock: ctx.options.clock ?? systemClock,
    intervalMinutes: () => loadSettings(ctx.paths.profileDir).settings.syncIntervalMinutes,
    isSyncing: () => running !== null,
    startSync: () => start({ full: false }),
  });
  scheduler.rearm();
  ctx.onDispose(() => scheduler.stop());

  async function status(): Promise<Result<SyncStatus>> {
    const creds = await ctx.credentials();
    if (!creds.ok) return creds;
    const opened = await ctx.open();
    if (!opened.ok) return opened;
    const { reader } = opened.value;
    // Mid-sync counts move with every page: read them fresh then.
    const all = running ? reader.counts() : ctx.memo.get('counts', opened.value.store.db, () => reader.counts());
    const counts: Counts = {};
    for (const [type, n] of Object.entries(all) as [RecordType, number][]) if (n > 0) counts[type] = n;
    const last = reader.lastSync();
    const lastOk = reader.getMeta(META_LAST_OK);
    const lastSyncAt = lastOk ?? (last?.finishedAt && (last.status === 'ok' || last.status === 'partial') ? last.finishedAt : null);
    const probe = parseJsonWith(probeSchema, reader.getMeta(META_PROBE));
    const skipped: SyncStatus['skipped'] = [];
    if (probe?.documents === false) skipped.push({ type: 'documents', reason: 'Documents are not enabled for this IT Glue account.' });
    if (probe?.flexibleAssets === false) skipped.push({ type: 'flexible-assets', reason: 'This account has no flexible asset types.' });
    const { settings, warnings } = loadSettings(ctx.paths.profileDir);
    const notes = [...warnings, ...(parseJsonWith(strings, reader.getMeta(META_NOTICES)) ?? [])];
    const invalid = reader.skippedCount();
    if (invalid > 0) notes.push(`${invalid} record(s) failed validation and were skipped; they are listed in the sync log.`);
    if (!running && reader.getMeta(META_ACTIVE_RUN)) notes.push('The last sync was interrupted; Sync now resumes it where it stopped.');
    const model = locateModel(ctx.paths.modelsDir);
    return ok({
      configured: creds.value !== null,
      lastSyncAt,
      running: running !== null,
      progress: running?.progress ?? indexer.progress(),
      counts,
      skipped,
      storeBytes: reader.storeSizeBytes(),
      model: { state: modelStateOf(model.state, settings.modelEnabled), name: model.id },
      warnings: notes,
      securityNotices: ctx.notices(),
    });
  }

  async function start({ full }: { full: boolean }): Promise<Result<{ runId: string }>> {
    if (running) return err('SYNC_RUNNING', 'A sync is already running; wait for it to finish or cancel it.');
    const creds = await ctx.credentials();
    if (!creds.ok) return creds;
    if (!creds.value) return notConnected();
    // A store locked for a revoked key or an expired copy opens for a sync: success unlocks it.
    const opened = await ctx.open('sync');
    if (!opened.ok) return opened;
    // The pass after this sync covers whatever the current one has not reached.
    await indexer.stop();
    let finish: () => void = () => undefined;
    const run = { abort: new AbortController(), runId: null as string | null, progress: null as SyncProgress | null, done: new Promise<void>((resolve) => (finish = resolve)) };
    // An IT Glue outage pauses the run (itglue/breaker.ts): the progress line says until when.
    const client = createItGlueClient({
      baseUrl: creds.value.baseUrl,
      apiKey: creds.value.apiKey,
      budget: apiBudget(peekSettings(ctx.paths.profileDir)),
      breaker: { onChange: (e) => run.progress && ctx.events.emit('sync.onDidProgress', { ...run.progress, message: breakerMessage(e) }) },
    });
    running = run;
    // Records opened meanwhile fetch their pending details through this client: one pacer for the key.
    details?.useSyncClient(client);
    // start answers with the engine's run id (from its first event) or with why it could not start.
    let answer: (r: Result<{ runId: string }>) => void = () => undefined;
    const answered = new Promise<Result<{ runId: string }>>((resolve) => (answer = resolve));
    const onProgress = (p: SyncProgress): void => {
      run.runId = p.runId;
      run.progress = p;
      ctx.memo.bump();
      answer(ok({ runId: p.runId }));
      ctx.events.emit('sync.onDidProgress', p);
    };
    void runSync({ store: opened.value.store, client, full, signal: run.abort.signal, onProgress, guardClock: ctx.options.guardClock })
      .catch((): Result<SyncSummary> => err('INTERNAL', 'The sync stopped on an unexpected error; run it again to resume.'))
      .then((r) => {
        running = null;
        details?.useSyncClient(null);
        ctx.memo.bump();
        finish();
        if (!r.ok && run.runId === null) return answer(r);
        const runId = r.ok ? r.value.runId : (run.runId ?? 'unknown');
        answer(ok({ runId }));
        const finished: SyncFinished = {
          runId,
          outcome: r.ok ? (r.value.status === 'cancelled' ? 'cancelled' : r.value.status === 'failed' ? 'failed' : 'completed') : r.error.code === 'CANCELLED' ? 'cancelled' : 'failed',
          error: r.ok ? r.value.error : r.error,
          counts: r.ok ? countsOf(r.value) : {},
          changes: r.ok ? changesOf(r.value) : {},
          requestsUsed: r.ok ? r.value.requests : 0,
          finishedAt: new Date().toISOString(),
        };
        // The WAL a sync leaves would otherwise stay on disk until the app exits.
        truncateWal(opened.value.store);
        ctx.events.emit('sync.onDidFinish', finished);
        scheduler.rearm();
        if (finished.outcome === 'completed') indexer.run(runId, finished.requestsUsed);
      });
    return answered;
  }

  const api: SyncApi = {
    status: () => status(),
    start: (arg) => start(arg),
    cancel: async () => {
      if (!running) return ok({ cancelled: false });
      running.abort.abort();
      return ok({ cancelled: true });
    },
    onDidProgress: (listener) => ctx.events.on('sync.onDidProgress', listener),
    onDidFinish: (listener) => ctx.events.on('sync.onDidFinish', listener),
  };
  return { api, stop, indexer, scheduler };
}
