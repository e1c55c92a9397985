import { createStore } from 'zustand/vanilla';
import type { RecordType } from '../../../shared/domain';
import type { OrgSummary, RecordDetail, RecordSummary } from '../../../shared/ipc';
import type { ResultError } from '../../../shared/result';
import type { StoreDeps } from './deps';

interface Loadable<T> {
  data: T;
  loading: boolean;
  error: ResultError | null;
}

export interface OrgState {
  orgs: Loadable<OrgSummary[]>;
  orgId: number | null;
  type: RecordType;
  recordQuery: string;
  records: Loadable<RecordSummary[]> & { nextCursor: string | null };
  detail: Loadable<RecordDetail | null>;
  /** Click-through trail of related items, for Back. */
  trail: { type: RecordType; id: string }[];
  /** Why the last pin or unpin did not take. */
  pinError: ResultError | null;
  loadOrgs(): Promise<void>;
  selectOrg(orgId: number): Promise<void>;
  selectType(type: RecordType): Promise<void>;
  searchRecords(query: string): Promise<void>;
  loadMore(): Promise<void>;
  open(type: RecordType, id: string): Promise<void>;
  back(): Promise<void>;
  /** Closes the open record (Esc, or the stacked layout's back button). */
  close(): void;
  /** Leaves the organization (the stacked layout's way back to the org list). */
  leaveOrg(): void;
  /** Pins or unpins an organization: its details are fetched first while a sync runs. */
  pin(orgId: number, pinned: boolean): Promise<void>;
}

const PAGE = 100;

export const createOrgStore = ({ api }: Pick<StoreDeps, 'api'>) =>
  createStore<OrgState>()((set, get) => {
    // Responses that arrive after the user moved on must not overwrite the newer view.
    let recordsGen = 0;
    let detailGen = 0;

    // 'refine': a new filter text keeps the rows on screen until its answer replaces them, so
    // typing never flashes an empty list; 'reset' (another org or type) clears them at once.
    async function fetchRecords(mode: 'append' | 'refine' | 'reset'): Promise<void> {
      const append = mode === 'append';
      const { orgId, type, recordQuery, records } = get();
      if (orgId === null) return;
      const gen = append ? recordsGen : ++recordsGen;
      set({ records: { ...records, loading: true, error: null, ...(mode === 'reset' ? { data: [], nextCursor: null } : {}) } });
      const cursor = append ? get().records.nextCursor : null;
      const r = await api.org.records({ orgId, type, limit: PAGE, ...(recordQuery ? { query: recordQuery } : {}), ...(cursor ? { cursor } : {}) });
      if (gen !== recordsGen) return;
      const prev = append ? get().records.data : [];
      set({
        records: r.ok
          ? { data: [...prev, ...r.value.items], nextCursor: r.value.nextCursor, loading: false, error: null }
          : { data: prev, nextCursor: null, loading: false, error: r.error },
      });
    }

    async function fetchDetail(type: RecordType, id: string): Promise<void> {
      const gen = ++detailGen;
      set({ detail: { ...get().detail, loading: true, error: null } });
      const r = await api.org.detail({ type, id });
      if (gen !== detailGen) return;
      set({ detail: r.ok ? { data: r.value, loading: false, error: null } : { data: null, loading: false, error: r.error } });
    }

    return {
      orgs: { data: [], loading: false, error: null },
      orgId: null,
      type: 'configurations',
      recordQuery: '',
      records: { data: [], nextCursor: null, loading: false, error: null },
      detail: { data: null, loading: false, error: null },
      trail: [],
      pinError: null,
      async pin(orgId, pinned) {
        set({ pinError: null });
        const r = await api.org.pin({ orgId, pinned });
        if (!r.ok) return set({ pinError: r.error });
        const orgs = get().orgs;
        set({ orgs: { ...orgs, data: orgs.data.map((o) => (o.id === orgId ? { ...o, pinned: r.value.pinned } : o)) } });
      },
      async loadOrgs() {
        set({ orgs: { ...get().orgs, loading: true, error: null } });
        const r = await api.org.list({});
        set({ orgs: r.ok ? { data: r.value, loading: false, error: null } : { data: [], loading: false, error: r.error } });
      },
      async selectOrg(orgId) {
        set({ orgId, recordQuery: '', trail: [], detail: { data: null, loading: false, error: null } });
        await fetchRecords('reset');
      },
      async selectType(type) {
        set({ type, recordQuery: '' });
        await fetchRecords('reset');
      },
      async searchRecords(query) {
        if (query === get().recordQuery) return;
        set({ recordQuery: query });
        await fetchRecords('refine');
      },
      async loadMore() {
        const { records } = get();
        if (records.loading || !records.nextCursor) return;
        await fetchRecords('append');
      },
      async open(type, id) {
        const current = get().detail.data;
        if (current && (current.type !== type || current.id !== id)) set({ trail: [...get().trail, { type: current.type, id: current.id }] });
        await fetchDetail(type, id);
      },
      close() {
        detailGen++;
        set({ trail: [], detail: { data: null, loading: false, error: null } });
      },
      leaveOrg() {
        detailGen++;
        recordsGen++;
        set({ orgId: null, recordQuery: '', trail: [], detail: { data: null, loading: false, error: null }, records: { data: [], nextCursor: null, loading: false, error: null } });
      },
      async back() {
        const trail = get().trail;
        const prev = trail.at(-1);
        if (!prev) return;
        set({ trail: trail.slice(0, -1) });
        await fetchDetail(prev.type, prev.id);
      },
    };
  });

export type OrgStore = ReturnType<typeof createOrgStore>;
