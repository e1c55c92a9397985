// Embeddings after a sync: brings the vectors in line with the records in the background, as
// 'index' progress on the sync channel, so search by meaning catches up without the UI waiting.
// Without a model (or with semantic search turned off) it does nothing and search stays
// keyword-only, which the model status says.
import type { SyncProgress } from '../../../shared/domain';
import { updateEmbeddings, type EmbedProgress } from '../search/vectors';
import { truncateWal, withCheckpointer } from '../store/index';
import type { AppContext } from './context';

export interface Indexer {
  /** Starts (or restarts) an indexing pass; never throws, never waits for it. */
  run(runId: string, requestsUsed: number): void;
  /** The running pass's latest progress, or null. */
  progress(): SyncProgress | null;
  /** Resolves when a pass ends (tests, shutdown); null when none runs. */
  current(): Promise<void> | null;
  stop(): Promise<void>;
}

const PROGRESS_EVERY_MS = 250;

export function createIndexer(ctx: AppContext): Indexer {
  let active: { abort: AbortController; done: Promise<void>; progress: SyncProgress | null } | null = null;

  const stop = async (): Promise<void> => {
    const a = active;
    if (!a) return;
    a.abort.abort();
    await a.done;
  };
  ctx.onDispose(stop);

  async function pass(runId: string, requestsUsed: number, me: NonNullable<typeof active>): Promise<void> {
    const embedder = ctx.embedder();
    if (!embedder) return;
    const opened = await ctx.open();
    if (!opened.ok || me.abort.signal.aborted) return;
    const event = (p: Omit<SyncProgress, 'runId' | 'resourceType' | 'orgId' | 'requestsUsed'>): SyncProgress => ({ runId, resourceType: null, orgId: null, requestsUsed, ...p });
    let last = 0;
    const onProgress = (p: EmbedProgress): void => {
      const now = Date.now();
      // After the embedding, a large store's vectors are filed into the lists unscoped search reads.
      const step = p.lists ?? p;
      if (now - last < PROGRESS_EVERY_MS && step.done < step.total) return;
      last = now;
      const perRecord = p.done > 0 && p.chunks > 0 ? p.chunksPerSecond * (p.done / p.chunks) : 0;
      const progress = event({
        phase: 'index',
        done: step.done,
        total: step.total,
        etaSeconds: !p.lists && perRecord > 0 ? Math.round((p.total - p.done) / perRecord) : null,
        message: p.lists
          ? `Organising search by meaning: ${p.lists.done.toLocaleString('en-US')} of ${p.lists.total.toLocaleString('en-US')} vectors`
          : `Indexing for search by meaning: ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} records`,
      });
      me.progress = progress;
      ctx.events.emit('sync.onDidProgress', progress);
    };
    const store = opened.value.store;
    const r = await withCheckpointer(store, (checkpoints) => updateEmbeddings(store.db, embedder, { signal: me.abort.signal, onProgress, checkpoints })).catch(() => null);
    if (me.abort.signal.aborted) return;
    truncateWal(store);
    const message = r?.ok ? 'Search by meaning is up to date.' : `Search by meaning is not up to date (${r ? r.error.message : 'the embedding model failed'}); keyword search works.`;
    ctx.events.emit('sync.onDidProgress', event({ phase: 'done', done: r?.ok ? r.value.embeddedRecords : 0, total: r?.ok ? r.value.embeddedRecords : null, etaSeconds: null, message }));
  }

  return {
    run(runId, requestsUsed) {
      const previous = active;
      previous?.abort.abort();
      const me = { abort: new AbortController(), done: Promise.resolve(), progress: null as SyncProgress | null };
      me.done = (previous?.done ?? Promise.resolve())
        .then(() => pass(runId, requestsUsed, me))
        .catch(() => undefined)
        .finally(() => {
          if (active === me) active = null;
        });
      active = me;
    },
    progress: () => active?.progress ?? null,
    current: () => active?.done ?? null,
    stop,
  };
}
