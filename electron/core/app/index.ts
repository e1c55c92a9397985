// The one entry the Electron app, the web host (`glue web`, `glue demo`) and tests take their
// API from. What the doors expect of the GlueApi it returns (see shared/ipc/contract.ts):
// - each domain (sync, ask, org, vault, settings) is a plain object of closures, not a class
//   instance: hosts wrap and spread domains (electron/main/clipboard-host.ts);
// - methods never throw (dispatch turns a throw into INTERNAL) and return Result values;
//   arguments arrive already parsed by the contract's zod schemas;
// - vault.copy returns `{ copied: false, value, clearAfterSeconds }`: the door holds the
//   clipboard (the Electron door writes it and answers `{ copied: true }`, clipboard-host.ts);
// - vault.reveal/copy write the audit entry with the door given here ('app');
// - events (sync.onDidProgress/onDidFinish, settings.onDidChangeModel) return unsubscribe.
import type { GlueApi } from '../../../shared/ipc';
import { err, type Result } from '../../../shared/result';
import { createAskApi } from './ask-api';
import { createAppContext } from './context';
import type { GlueApiOptions } from './options';
import { createOnDemandDetails } from './details-on-demand';
import { createOrgApi } from './org-api';
import { createSettingsApi } from './settings-api';
import { createSyncApi } from './sync-api';
import { createVaultApi } from './vault-api';
import { loadSettings } from '../config/settings';
import { createAppLock, type AppLock } from './lock';
import { createLockApi, withLockGate } from './lock-gate';

export type { GlueApiOptions } from './options';

export type CreateGlueApi = (opts: GlueApiOptions) => Promise<GlueApi>;

export interface GlueApp {
  api: GlueApi;
  /** The profile the API serves. */
  profile: { name: string; dir: string; dataDir: string };
  /** The app lock the API is gated on (the Electron door reports screen lock and sleep to it). */
  lock: AppLock;
  /** Cancels a running sync or download and closes the store. */
  close(): Promise<void>;
}

/** Like createGlueApi, with the profile it resolved and a close(); a bad folder is a Result. */
export async function openGlueApp(opts: GlueApiOptions): Promise<Result<GlueApp>> {
  const made = createAppContext(opts);
  if (!made.ok) return made;
  const ctx = made.value;
  const details = createOnDemandDetails(ctx);
  const sync = createSyncApi(ctx, details);
  const lock = createAppLock({
    profileDir: ctx.paths.profileDir,
    clock: opts.lockClock,
    idleMinutes: () => loadSettings(ctx.paths.profileDir).settings.idleLockMinutes,
    osUnlock: opts.osUnlock,
  });
  ctx.onDispose(() => lock.dispose());
  const inner = {
    sync: sync.api,
    ask: createAskApi(ctx),
    org: createOrgApi(ctx, details),
    vault: createVaultApi(ctx, details),
    settings: createSettingsApi(ctx, {
      stopSync: sync.stop,
      intervalChanged: sync.scheduler.rearm,
      modelInstalled: () => {
        ctx.refreshEmbedder();
        sync.indexer.run('model-installed', 0);
      },
      // A new idle time applies at once.
      settingsChanged: () => lock.touch(),
    }),
  };
  const api: GlueApi = { ...withLockGate(inner, lock), lock: createLockApi(lock) };
  // A model installed earlier (or a store synced by the CLI) may have records without vectors.
  if (ctx.embedder()) sync.indexer.run('startup', 0);
  return { ok: true, value: { api, lock, profile: { name: ctx.paths.profile, dir: ctx.paths.profileDir, dataDir: ctx.paths.dataDir }, close: () => ctx.dispose() } };
}

/**
 * Never rejects: when the profile folder cannot be used, every method answers with that error
 * (the app still opens and can say what to do).
 */
export const createGlueApi: CreateGlueApi = async (opts) => {
  const app = await openGlueApp(opts);
  if (app.ok) return app.value.api;
  return failingApi(app);
};

function failingApi(failure: Result<never>): GlueApi {
  const answer = async (): Promise<Result<never>> => (failure.ok ? err('INTERNAL', 'Glue Desk could not start.') : failure);
  const off = () => () => undefined;
  return {
    sync: { status: answer, start: answer, cancel: answer, onDidProgress: off, onDidFinish: off },
    ask: { ask: answer, search: answer, suggestOrgs: answer, starters: answer },
    org: { list: answer, records: answer, detail: answer, quick: answer, pin: answer },
    vault: { list: answer, reveal: answer, copy: answer, audit: answer },
    settings: { get: answer, update: answer, account: answer, connect: answer, connectClaude: answer, model: answer, downloadModel: answer, wipe: answer, onDidChangeModel: off },
    lock: { status: answer, lock: answer, unlock: answer, setPassphrase: answer, touch: answer, onDidChange: off },
  };
}
