// settings.*: the shared settings file, the IT Glue connection (tested before it is kept), the
// Claude Desktop entry, the local model, and wiping the profile's local copy.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGION_BASE_URLS, type ModelStatus, type Region, type Settings as IpcSettings, type SettingsApi } from '../../../shared/ipc';
import { err, ok, type Result } from '../../../shared/result';
import { applyClaudeConfig, buildServerEntry, claudeConfigPath, claudeConnection } from '../claude/claude-config';
import { loadSettings, updateSettings, type Settings } from '../config/settings';
import { createItGlueClient } from '../itglue/client';
import { probeTenant, testKey } from '../itglue/probe';
import { regionOf } from '../itglue/regions';
import { installModel } from '../search/model-download';
import { clearCredentials, saveCredentials } from '../secrets/key-manager';
import { META_PROBE } from '../sync/index';
import type { AppContext } from './context';
import { modelStatus } from './model-status';

const pick = (s: Settings): IpcSettings => ({
  syncIntervalMinutes: s.syncIntervalMinutes,
  clipboardClearSeconds: s.clipboardClearSeconds,
  revealSeconds: s.revealSeconds,
  apiRequestsPer5Min: s.apiRequestsPer5Min,
  mcpAllowPasswordValues: s.mcpAllowPasswordValues,
  offlineExpiryDays: s.offlineExpiryDays,
  idleLockMinutes: s.idleLockMinutes,
});

/** bin/glue.js of this checkout or install: what Claude Desktop should start as `glue mcp`. */
function findGlueScript(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'bin', 'glue.js');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function passwordAccessOf(text: string | null): boolean | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && 'passwordAccess' in v && typeof v.passwordAccess === 'boolean') return v.passwordAccess;
  } catch {
    // an unreadable probe is the same as none
  }
  return null;
}

export interface SettingsHooks {
  /** Cancels a running sync and indexing (wipe). */
  stopSync(): Promise<void>;
  /** The sync interval may have changed. */
  intervalChanged(): void;
  /** Any setting changed (the idle lock re-reads its time). */
  settingsChanged?(): void;
  /** A model was installed: search and the index follow it. */
  modelInstalled(): void;
}

export function createSettingsApi(ctx: AppContext, hooks: SettingsHooks): SettingsApi {
  const profileDir = ctx.paths.profileDir;
  let download: Promise<unknown> | null = null;
  const abort = new AbortController();
  ctx.onDispose(() => abort.abort());

  const currentModel = () => modelStatus(ctx.paths.modelsDir, loadSettings(profileDir).settings.modelEnabled);

  return {
    get: async () => ok(pick(loadSettings(profileDir).settings)),

    update: async (patch) => {
      const r = updateSettings(profileDir, patch);
      if (r.ok && patch.syncIntervalMinutes !== undefined) hooks.intervalChanged();
      if (r.ok) hooks.settingsChanged?.();
      return r.ok ? ok(pick(r.value)) : r;
    },

    account: async () => {
      const creds = await ctx.credentials();
      if (!creds.ok) return creds;
      const profile = ctx.paths.profile;
      const claude = claudeConnection(ctx.options.claude?.configPath ?? claudeConfigPath(process.platform, ctx.env), profile);
      if (!creds.value) return ok({ profile, claude, configured: false, region: null, baseUrl: null, passwordAccess: null });
      const opened = await ctx.open();
      const passwordAccess = opened.ok ? passwordAccessOf(opened.value.reader.getMeta(META_PROBE)) : null;
      return ok({ profile, claude, configured: true, region: regionOf(creds.value.baseUrl), baseUrl: creds.value.baseUrl, passwordAccess });
    },

    connect: async ({ region, baseUrl, apiKey }) => {
      const target = region === 'custom' ? baseUrl : REGION_BASE_URLS[region];
      if (!target) return err('INVALID_INPUT', 'Choose a region, or enter the base URL of your IT Glue API.');
      const key = apiKey.trim();
      const check = await testKey(target, key, ctx.options.connectAlternates ? { alternates: ctx.options.connectAlternates } : {});
      if (!check.ok) return check;
      // One more look to tell the user now whether password values will sync.
      const probe = await probeTenant(createItGlueClient({ baseUrl: check.value.baseUrl, apiKey: key, retries: 1 }));
      const kc = await ctx.keychain();
      if (!kc.ok) return kc;
      const saved = await saveCredentials(kc.value.keychain, ctx.paths.profile, { apiKey: key, baseUrl: check.value.baseUrl });
      if (!saved.ok) return saved;
      const savedRegion: Region = check.value.region;
      updateSettings(profileDir, savedRegion === 'custom' ? { region: 'custom', baseUrl: check.value.baseUrl } : { region: savedRegion });
      return ok({ organizations: check.value.organizations, passwordAccess: probe.ok && probe.value.passwordAccess === true });
    },

    connectClaude: async ({ dryRun }) => {
      const c = ctx.options.claude ?? {};
      const script = c.script ?? findGlueScript();
      if (!script) return err('NOT_FOUND', 'Cannot find the glue command of this installation; run `glue connect-claude` from a terminal instead.');
      const entry = buildServerEntry({
        execPath: c.execPath ?? process.execPath,
        script,
        electron: c.electron ?? Boolean(process.versions.electron),
        profile: ctx.paths.profile === 'default' ? undefined : ctx.paths.profile,
        dataDir: ctx.paths.dataDir,
      });
      const r = applyClaudeConfig(c.configPath ?? claudeConfigPath(process.platform, ctx.env), entry, { dryRun });
      if (!r.ok) return r;
      return ok({ path: r.value.path, backupPath: r.value.backup, diff: r.value.diff, written: r.value.written });
    },

    model: async () => ok(currentModel()),

    downloadModel: async () => {
      const now = currentModel();
      if (now.state === 'ready' || download) return ok(download ? { ...now, state: 'downloading' as const } : now);
      const emit = (s: ModelStatus): void => ctx.events.emit('settings.onDidChangeModel', s);
      let last = 0;
      download = installModel({
        modelsDir: ctx.paths.modelsDir,
        resourcesPath: ctx.options.resourcesPath,
        signal: abort.signal,
        onProgress: (p) => {
          const progress = p.total > 0 ? p.received / p.total : 0;
          if (progress - last < 0.01 && progress < 1) return;
          last = progress;
          emit({ ...now, state: 'downloading', progress, message: `Downloading ${p.file}…` });
        },
      }).then((r) => {
        download = null;
        if (r.ok) hooks.modelInstalled();
        const after = currentModel();
        emit(r.ok ? after : { ...after, message: r.error.message });
      });
      const started = { ...now, state: 'downloading' as const, progress: 0, message: 'Downloading the model…' };
      emit(started);
      return ok(started);
    },

    wipe: async () => {
      await hooks.stopSync();
      ctx.closeStore();
      const kc = await ctx.keychain();
      if (kc.ok) {
        const cleared = await clearCredentials(kc.value.keychain, ctx.paths.profile);
        if (!cleared.ok) return cleared;
      }
      const removed: Result<void> = (() => {
        try {
          for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(ctx.paths.storeDb + suffix, { force: true });
          return ok(undefined);
        } catch {
          return err('STORE_LOCKED', `Could not delete ${ctx.paths.storeDb}; close other Glue Desk windows and \`glue\` commands, then try again.`);
        }
      })();
      if (!removed.ok) return removed;
      return ok({ wiped: true as const });
    },

    onDidChangeModel: (listener) => ctx.events.on('settings.onDidChangeModel', listener),
  };
}
