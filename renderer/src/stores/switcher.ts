import { createStore } from 'zustand/vanilla';
import type { QuickItem } from '../../../shared/ipc';
import type { ResultError } from '../../../shared/result';
import type { StoreDeps } from './deps';

const RECENT_KEY = 'glue.switcher.recent';
const RECENT_MAX = 8;

export interface SwitcherState {
  query: string;
  items: QuickItem[];
  error: ResultError | null;
  /** What was opened lately, newest first: the list when nothing is typed. Names only, never values. */
  recent: QuickItem[];
  search(query: string): Promise<void>;
  remember(item: QuickItem): void;
  reset(): void;
}

function loadRecent(storage: StoreDeps['storage']): QuickItem[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as QuickItem[]).filter((i) => i && typeof i.id === 'string' && typeof i.name === 'string' && typeof i.type === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

export const createSwitcherStore = ({ api, storage }: Pick<StoreDeps, 'api' | 'storage'>) =>
  createStore<SwitcherState>()((set, get) => {
    // An answer overtaken by a newer keystroke is dropped.
    let gen = 0;
    return {
      query: '',
      items: [],
      error: null,
      recent: loadRecent(storage),
      async search(query) {
        const mine = ++gen;
        set({ query });
        if (query.trim() === '') {
          set({ items: [], error: null });
          return;
        }
        const r = await api.org.quick({ query: query.slice(0, 200), limit: 20 });
        if (mine !== gen) return;
        set(r.ok ? { items: r.value, error: null } : { items: [], error: r.error });
      },
      remember(item) {
        // A copied password's value never lands here: QuickItem carries none.
        const recent = [item, ...get().recent.filter((i) => !(i.type === item.type && i.id === item.id))].slice(0, RECENT_MAX);
        set({ recent });
        try {
          storage.setItem(RECENT_KEY, JSON.stringify(recent));
        } catch {
          // storage full or denied: recent items are a convenience
        }
      },
      reset() {
        gen++;
        set({ query: '', items: [], error: null });
      },
    };
  });

export type SwitcherStore = ReturnType<typeof createSwitcherStore>;
