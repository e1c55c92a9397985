import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { AskState, AskStore } from './stores/ask';
import type { LockState, LockStore } from './stores/lock';
import type { OrgState, OrgStore } from './stores/org';
import type { SettingsState, SettingsStore } from './stores/settings';
import type { SwitcherState, SwitcherStore } from './stores/switcher';
import type { SyncState, SyncStore } from './stores/sync';
import type { VaultState, VaultStore } from './stores/vault';
import type { ShellBridge } from './transport';

export interface Stores {
  sync: SyncStore;
  ask: AskStore;
  org: OrgStore;
  vault: VaultStore;
  settings: SettingsStore;
  switcher: SwitcherStore;
  lock: LockStore;
  shell: ShellBridge | null;
  hostKind: 'electron' | 'web';
}

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const s = useContext(StoresContext);
  if (!s) throw new Error('StoresContext missing');
  return s;
}

const select =
  <S, K extends 'sync' | 'ask' | 'org' | 'vault' | 'settings' | 'switcher' | 'lock'>(key: K) =>
  <T,>(selector: (s: S) => T): T => {
    const store = useStores()[key] as unknown as StoreApi<S>;
    return useStore(store, selector);
  };

export const useSync = select<SyncState, 'sync'>('sync');
export const useAsk = select<AskState, 'ask'>('ask');
export const useOrg = select<OrgState, 'org'>('org');
export const useVault = select<VaultState, 'vault'>('vault');
export const useSettings = select<SettingsState, 'settings'>('settings');
export const useSwitcher = select<SwitcherState, 'switcher'>('switcher');
export const useLock = select<LockState, 'lock'>('lock');
