import { createStore } from 'zustand/vanilla';
import type { z } from 'zod';
import type { Account, ClaudeConfigResult, ConnectResult, ModelStatus, Settings, schemas } from '../../../shared/ipc';
import type { Result, ResultError } from '../../../shared/result';
import type { StoreDeps } from './deps';

export type ConnectInput = z.infer<typeof schemas.connect>;
export type SettingsPatch = z.infer<typeof schemas.settingsPatch>;

export interface SettingsState {
  settings: Settings | null;
  account: Account | null;
  model: ModelStatus | null;
  loading: boolean;
  error: ResultError | null;
  saving: boolean;
  claude: ClaudeConfigResult | null;
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<void>;
  connect(input: ConnectInput): Promise<Result<ConnectResult>>;
  connectClaude(dryRun: boolean): Promise<void>;
  downloadModel(): Promise<void>;
  wipe(): Promise<Result<{ wiped: true }>>;
  attach(): () => void;
}

export const createSettingsStore = ({ api }: Pick<StoreDeps, 'api'>) =>
  createStore<SettingsState>()((set, get) => ({
    settings: null,
    account: null,
    model: null,
    loading: false,
    error: null,
    saving: false,
    claude: null,
    async load() {
      set({ loading: true, error: null });
      const [s, a, m] = await Promise.all([api.settings.get({}), api.settings.account({}), api.settings.model({})]);
      const error = [s, a, m].find((r) => !r.ok);
      set({
        loading: false,
        settings: s.ok ? s.value : get().settings,
        account: a.ok ? a.value : get().account,
        model: m.ok ? m.value : get().model,
        error: error && !error.ok ? error.error : null,
      });
    },
    async update(patch) {
      const before = get().settings;
      // Optimistic, so toggles feel instant; rolled back if the host refuses.
      if (before) set({ settings: { ...before, ...patch } });
      set({ saving: true, error: null });
      const r = await api.settings.update(patch);
      set(r.ok ? { settings: r.value, saving: false } : { settings: before, saving: false, error: r.error });
    },
    async connect(input) {
      set({ saving: true, error: null });
      const r = await api.settings.connect(input);
      set({ saving: false });
      if (r.ok) await get().load();
      return r;
    },
    async connectClaude(dryRun) {
      set({ saving: true, error: null });
      const r = await api.settings.connectClaude({ dryRun });
      set(r.ok ? { claude: r.value, saving: false } : { saving: false, error: r.error });
      // The lasting state comes from Claude Desktop's config file, read again once written.
      if (r.ok && r.value.written) {
        const a = await api.settings.account({});
        if (a.ok) set({ account: a.value });
      }
    },
    async downloadModel() {
      const r = await api.settings.downloadModel({});
      set(r.ok ? { model: r.value } : { error: r.error });
    },
    async wipe() {
      const r = await api.settings.wipe({ confirm: 'WIPE' });
      if (r.ok) set({ claude: null });
      await get().load();
      return r;
    },
    attach() {
      return api.settings.onDidChangeModel((model) => set({ model }));
    },
  }));

export type SettingsStore = ReturnType<typeof createSettingsStore>;
