import type { ErrorCode } from '../../shared/result';
import type { ProfilePaths } from '../core/config/paths';
import type { SearchContext } from '../core/search/search';
import { lazy, type OpenedStore, type StoreState, type StoreStatus } from './deps';
import { ToolError } from './errors';
import type { OfflineVerdict } from '../core/guard/offline';

export const NOT_SYNCED_MESSAGE = 'No local data yet: run `glue sync` (or `glue demo`) first, then ask again.';

const STATE_OF: Partial<Record<ErrorCode, StoreState>> = {
  NOT_SYNCED: 'missing',
  KEY_REVOKED: 'revoked',
  OFFLINE_EXPIRED: 'expired',
  STORE_LOCKED: 'locked',
  KEYCHAIN_UNAVAILABLE: 'locked',
  STORE_CORRUPT: 'corrupt',
  STORE_WRONG_KEY: 'wrong_key',
  STORE_TOO_NEW: 'too_new',
};

/**
 * The real store behind `deps.store()` and `deps.storeStatus()`. Nothing is loaded until a
 * tool asks: the keychain, SQLCipher and sqlite-vec are imported on first use so tools/list
 * stays cheap. A failed open is retried on the next call (the user may have unlocked it).
 */
export function createStoreDeps(profile: ProfilePaths, env: Record<string, string | undefined>): {
  store: () => Promise<OpenedStore>;
  storeStatus: () => Promise<StoreStatus>;
  search: () => Promise<SearchContext>;
} {
  // Opened once and kept, but passed through the guard on every call: a long-running server
  // must stop answering the moment its copy expires, and reopen after its values were
  // destroyed (the guard closes the store then) once a sync has unlocked it.
  let opening = lazy(() => openProfileStore(profile, env));
  const store = async (): Promise<OpenedStore> => {
    let opened = await opening();
    if (!opened.store.db.open) {
      opening = lazy(() => openProfileStore(profile, env));
      opened = await opening();
    }
    const [{ guardStore, processClock }, { peekSettings }] = await Promise.all([import('../core/guard/index'), import('../core/config/settings')]);
    const expiryDays = peekSettings(profile.profileDir).offlineExpiryDays;
    let guarded: Awaited<ReturnType<typeof guardStore>>;
    try {
      guarded = await guardStore(opened.store, { purpose: 'read', clock: processClock, expiryDays, countOpen: false });
    } catch {
      throw new ToolError('STORE_LOCKED', 'The store is busy (a sync may be running); try again in a moment.');
    }
    if (!guarded.ok) {
      if (guarded.closed || !opened.store.db.open) opening = lazy(() => openProfileStore(profile, env));
      throw new ToolError(guarded.error.code, guarded.error.message);
    }
    notices = guarded.notices;
    offline = guarded.verdict;
    return opened;
  };
  let notices: string[] = [];
  let offline: OfflineVerdict | null = null;
  let searchOf: { store: OpenedStore['store']; search: Promise<SearchContext> } | null = null;
  const search = async (): Promise<SearchContext> => {
    const opened = await store();
    if (searchOf?.store !== opened.store) searchOf = { store: opened.store, search: makeSearch(opened) };
    return searchOf.search;
  };
  const makeSearch = async (opened: OpenedStore): Promise<SearchContext> => {
    const [{ createSearchContext }, { createEmbedder }, { locateModel }] = await Promise.all([
      import('../core/search/search'),
      import('../core/search/embedder'),
      import('../core/search/model-locator'),
    ]);
    // No model on disk: keyword search only (the result's note says so) rather than a failure.
    const embedder = locateModel(profile.modelsDir).state === 'missing' ? null : createEmbedder({ modelsDir: profile.modelsDir });
    return createSearchContext(opened.store, { embedder });
  };

  let checked: OpenedStore | null = null;
  async function storeStatus(): Promise<StoreStatus> {
    const { storeFileStatus } = await import('./base-deps');
    const file = await storeFileStatus(profile);
    if (file.state !== 'present') return file;
    try {
      const opened = await store();
      const { reader } = opened;
      // Once per opened store, in proportion to its size (a full read of the pages, ~2 s at 100k
      // records): "is this copy sound" for the session; a damaged one is corrupt, never "ready".
      if (checked !== opened) {
        const { checkProportionate, damagedStore } = await import('../core/store/integrity');
        const r = checkProportionate(opened.store.db, opened.store.file);
        if (!r.ok) return { state: 'corrupt', lastSyncAt: null, counts: {}, message: damagedStore(r.detail).message };
        checked = opened;
      }
      const counts = reader.counts();
      const run = reader.lastSync();
      return {
        state: 'ready',
        lastSyncAt: lastCompletedSync(reader),
        counts,
        message: null,
        notices,
        offline: offline ? { state: offline.state, expiresAt: offline.expiresAt, daysLeft: offline.daysLeft } : null,
        details: {
          sizeBytes: reader.storeSizeBytes(),
          lastRun: run ? { kind: run.kind, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt, warnings: run.warnings.slice(0, 10) } : null,
          skipped: reader.skippedCount(),
        },
      };
    } catch (e) {
      if (e instanceof ToolError) return { state: STATE_OF[e.code] ?? 'corrupt', lastSyncAt: null, counts: {}, message: e.message };
      return { state: 'corrupt', lastSyncAt: null, counts: {}, message: 'The local store could not be opened. Open Glue Desk to check it, or run `glue sync`.' };
    }
  }

  return { store, storeStatus, search };
}

function lastCompletedSync(reader: OpenedStore['reader']): string | null {
  // The sync engine records its last clean finish under this key (core/sync META_LAST_OK);
  // a store written by the writer alone (seeded, or an older engine) only has sync_runs.
  const fromMeta = reader.getMeta('sync.lastOk');
  if (fromMeta) return fromMeta;
  const run = reader.lastSync();
  return run && run.finishedAt && (run.status === 'ok' || run.status === 'partial') ? run.finishedAt : null;
}

async function openProfileStore(profile: ProfilePaths, env: Record<string, string | undefined>): Promise<OpenedStore> {
  const [{ classifyFile }, { openProfile }, { createReader }] = await Promise.all([
    import('../core/store/header'),
    import('../core/sync/service'),
    import('../core/store/reader'),
  ]);
  const kind = classifyFile(profile.storeDb);
  // Never create a store from the MCP door: an empty one would hide "you have not synced".
  if (kind === 'missing' || kind === 'empty') throw new ToolError('NOT_SYNCED', NOT_SYNCED_MESSAGE);
  const opened = await openProfile({ dataDir: profile.dataDir, profile: profile.profile, env });
  if (!opened.ok) throw new ToolError(opened.error.code, opened.error.message);
  const { store } = opened.value;
  // The guard ran at open; store() runs it again on every call, without counting an open.
  return { store, reader: createReader(store), profile: opened.value };
}
