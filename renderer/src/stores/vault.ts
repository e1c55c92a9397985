import { createStore } from 'zustand/vanilla';
import type { AuditEntry, PasswordMeta } from '../../../shared/ipc';
import type { ResultError } from '../../../shared/result';
import type { StoreDeps } from './deps';

export interface VaultState {
  orgId: number | null;
  items: PasswordMeta[];
  loading: boolean;
  error: ResultError | null;
  /** Revealed values by password id, with when they re-mask. Never persisted. */
  revealed: Record<string, { value: string; until: number }>;
  copied: { id: string; field: 'username' | 'password'; until: number } | null;
  audit: { data: AuditEntry[]; loading: boolean; error: ResultError | null };
  load(orgId: number, query?: string): Promise<void>;
  reveal(id: string): Promise<void>;
  hide(id: string): void;
  copy(id: string, field: 'username' | 'password'): Promise<void>;
  loadAudit(): Promise<void>;
  /** One entry's metadata for a card outside the password list (chat); leaves the list alone. */
  lookup(orgId: number, id: string, name: string): Promise<PasswordMeta | null>;
  /** Drops every revealed value and pending timer (window hidden, screen change). */
  maskAll(): void;
}

export const createVaultStore = ({ api, clipboard, timers }: Pick<StoreDeps, 'api' | 'clipboard' | 'timers'>) =>
  createStore<VaultState>()((set, get) => {
    const remask = new Map<string, () => void>();
    let clearCopied: (() => void) | null = null;
    let loadGen = 0;

    return {
      orgId: null,
      items: [],
      loading: false,
      error: null,
      revealed: {},
      copied: null,
      audit: { data: [], loading: false, error: null },
      async load(orgId, query) {
        const gen = ++loadGen;
        if (orgId !== get().orgId) get().maskAll();
        set({ orgId, loading: true, error: null });
        const r = await api.vault.list(query ? { orgId, query } : { orgId });
        if (gen !== loadGen) return;
        set(r.ok ? { items: r.value, loading: false } : { items: [], loading: false, error: r.error });
      },
      async reveal(id) {
        const r = await api.vault.reveal({ id });
        if (!r.ok) {
          set({ error: r.error });
          return;
        }
        const ms = r.value.hideAfterSeconds * 1000;
        remask.get(id)?.();
        remask.set(id, timers.schedule(() => get().hide(id), ms));
        set({ error: null, revealed: { ...get().revealed, [id]: { value: r.value.value, until: timers.now() + ms } } });
      },
      hide(id) {
        remask.get(id)?.();
        remask.delete(id);
        const { [id]: _gone, ...rest } = get().revealed;
        set({ revealed: rest });
      },
      async copy(id, field) {
        const r = await api.vault.copy({ id, field });
        if (!r.ok) {
          set({ error: r.error });
          return;
        }
        const ms = r.value.clearAfterSeconds * 1000;
        if (!r.value.copied) {
          // No system clipboard in this host: write it here and clear it only if it is still ours.
          const value = r.value.value;
          try {
            await clipboard.write(value);
          } catch {
            set({ error: { code: 'INTERNAL', message: 'The browser refused clipboard access. Allow it for this page and try again.' } });
            return;
          }
          timers.schedule(() => {
            clipboard.read().then(
              (now) => (now === value ? clipboard.write('') : undefined),
              () => clipboard.write(''),
            ).catch(() => undefined);
          }, ms);
        }
        clearCopied?.();
        clearCopied = timers.schedule(() => set({ copied: null }), ms);
        set({ error: null, copied: { id, field, until: timers.now() + ms } });
      },
      async lookup(orgId, id, name) {
        const r = await api.vault.list({ orgId, query: name.slice(0, 200) });
        return r.ok ? (r.value.find((p) => p.id === id) ?? null) : null;
      },
      async loadAudit() {
        set({ audit: { ...get().audit, loading: true, error: null } });
        const r = await api.vault.audit({ limit: 200 });
        set({ audit: r.ok ? { data: r.value, loading: false, error: null } : { data: [], loading: false, error: r.error } });
      },
      maskAll() {
        for (const cancel of remask.values()) cancel();
        remask.clear();
        set({ revealed: {} });
      },
    };
  });

export type VaultStore = ReturnType<typeof createVaultStore>;
