import { createStore } from 'zustand/vanilla';
import type { SyncProgress } from '../../../shared/domain';
import type { SyncFinished, SyncStatus } from '../../../shared/ipc';
import type { ResultError } from '../../../shared/result';
import type { StoreDeps } from './deps';

export interface SyncState {
  status: SyncStatus | null;
  loading: boolean;
  error: ResultError | null;
  /** Latest progress per resource type of the running sync, for the per-type view. */
  byType: Record<string, SyncProgress>;
  latest: SyncProgress | null;
  /** Embeddings catching up after a sync: background work that never blocks the app. */
  indexing: SyncProgress | null;
  lastFinish: SyncFinished | null;
  /** The host cannot be reached (web host gone, network error). */
  offline: boolean;
  load(): Promise<void>;
  start(full: boolean): Promise<void>;
  cancel(): Promise<void>;
  /** Subscribes to progress/finish events; returns the unsubscribe. */
  attach(): () => void;
}

export const createSyncStore = ({ api }: Pick<StoreDeps, 'api'>) =>
  createStore<SyncState>()((set, get) => ({
    status: null,
    loading: false,
    error: null,
    byType: {},
    latest: null,
    indexing: null,
    lastFinish: null,
    offline: false,
    async load() {
      set({ loading: true });
      const r = await api.sync.status({});
      if (r.ok) {
        const p = r.value.progress;
        const indexing = p?.phase === 'index' ? p : r.value.running ? get().indexing : null;
        set({ status: r.value, loading: false, error: null, offline: false, latest: p && p.phase !== 'index' ? p : get().latest, indexing });
      }
      else set({ loading: false, error: r.error, offline: r.error.code === 'NETWORK' });
    },
    async start(full) {
      set({ error: null, byType: {}, latest: null, lastFinish: null });
      const r = await api.sync.start({ full });
      if (!r.ok) {
        set({ error: r.error, offline: r.error.code === 'NETWORK' });
        return;
      }
      const status = get().status;
      if (status) set({ status: { ...status, running: true } });
    },
    async cancel() {
      const r = await api.sync.cancel({});
      if (!r.ok) set({ error: r.error });
    },
    attach() {
      const offProgress = api.sync.onDidProgress((p) => {
        if (p.phase === 'index') return set({ indexing: p });
        if (p.phase === 'done') set({ indexing: null });
        const byType = p.resourceType ? { ...get().byType, [p.resourceType]: p } : get().byType;
        const status = get().status;
        set({ latest: p, byType, status: status ? { ...status, running: p.phase !== 'done', progress: p } : status });
      });
      const offFinish = api.sync.onDidFinish((f) => {
        set({ lastFinish: f, error: f.error });
        void get().load();
      });
      return () => {
        offProgress();
        offFinish();
      };
    },
  }));

export type SyncStore = ReturnType<typeof createSyncStore>;
