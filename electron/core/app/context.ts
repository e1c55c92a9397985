// Everything the five API domains share: the profile's paths, its keychain and store (opened
// once, on first use), a search context over that store, settings, and the event hub. Opening
// is lazy and retried after a failure, so a locked keychain at start-up does not brick the app
// until restart.
import { basename, dirname } from 'node:path';
import type { SyncProgress } from '../../../shared/domain';
import type { ModelStatus, SyncFinished } from '../../../shared/ipc';
import { err, ok, type Result } from '../../../shared/result';
import { ensureProfileDirs, profilePaths, resolvePaths, type ProfilePaths } from '../config/paths';
import { guardStore, processClock, type GuardPurpose, type TrustedClock } from '../guard/index';
import { openGuardedProfileStore } from '../profile/open-profile-store';
import { loadCredentials, type ItGlueCredentials } from '../secrets/key-manager';
import { resolveKeychain, type ResolvedKeychain } from '../secrets/resolve-keychain';
import { loadSettings, peekSettings } from '../config/settings';
import { createEmbedder, type Embedder } from '../search/embedder';
import { locateModel } from '../search/model-locator';
import { createSearchContext, type SearchContext } from '../search/search';
import { createReader, type Store, type StoreReader } from '../store/index';
import { isBusy } from '../store/errors';
import { createEventHub, type EventHub } from './events';
import { createStoreMemo, type StoreMemo } from './store-memo';
import type { GlueApiOptions } from './options';

export type AppEvents = {
  'sync.onDidProgress': SyncProgress;
  'sync.onDidFinish': SyncFinished;
  'settings.onDidChangeModel': ModelStatus;
};

export interface OpenStore {
  store: Store;
  reader: StoreReader;
  search: SearchContext;
}

export interface AppContext {
  readonly options: GlueApiOptions;
  readonly env: Record<string, string | undefined>;
  readonly paths: ProfilePaths;
  readonly events: EventHub<AppEvents>;
  /** Whole-store aggregates kept until the records change. */
  readonly memo: StoreMemo;
  keychain(): Promise<Result<ResolvedKeychain>>;
  /**
   * The profile's store (created on first use), with a reader and a search context. Every call
   * passes the guard (core/guard): 'read' is refused while the store is locked for a revoked
   * key or an expired offline copy; 'sync' is let through, since a sync is what unlocks it.
   */
  open(purpose?: GuardPurpose): Promise<Result<OpenStore>>;
  /** The guard's warnings from the last open (offline expiry near or off, clock moved back). */
  notices(): string[];
  /** Re-read every time: connect and wipe change them while the app runs. */
  credentials(): Promise<Result<ItGlueCredentials | null>>;
  /**
   * The embedder search and indexing use, or null (keyword-only): the one given in the options,
   * else one made from the installed model when semantic search is on. Its worker starts on
   * the first embed, not here.
   */
  embedder(): Embedder | null;
  /** Looks at the model again (after a download); an open store's search follows. */
  refreshEmbedder(): void;
  /** Closes the store; the next open() opens it again (wipe, shutdown). */
  closeStore(): void;
  /** Work to cancel on dispose (a running sync, a model download). */
  onDispose(fn: () => void | Promise<void>): void;
  dispose(): Promise<void>;
}

/**
 * `profileDir` is `<dataDir>/profiles/<name>` (the CLI's layout). Any other folder is taken as
 * the data dir itself: Electron passes its userData folder, which is the CLI's data dir when
 * the product name is "Glue Desk", so the app, CLI and MCP share the default profile.
 */
export function resolveProfilePaths(opts: GlueApiOptions, env: Record<string, string | undefined>): Result<ProfilePaths> {
  if (opts.profileDir !== undefined) {
    const parent = dirname(opts.profileDir);
    if (basename(parent) === 'profiles') return profilePaths(dirname(parent), basename(opts.profileDir), env);
    return profilePaths(opts.profileDir, opts.profile ?? 'default', env);
  }
  const r = resolvePaths({ dataDirFlag: opts.dataDir, profile: opts.profile, env });
  return r.ok ? ok(r.value) : r;
}

export function createAppContext(options: GlueApiOptions): Result<AppContext> {
  const env = options.env ?? process.env;
  const resolved = resolveProfilePaths(options, env);
  if (!resolved.ok) return resolved;
  // A folder the user typed must have an existing parent; the OS default may create its parents.
  const made = ensureProfileDirs(resolved.value, options.dataDir !== undefined ? 'flag' : 'os');
  if (!made.ok) return made;
  const paths = made.value;
  const events = createEventHub<AppEvents>();
  const disposers: (() => void | Promise<void>)[] = [];

  let keychainP: Promise<Result<ResolvedKeychain>> | null = null;
  const keychain = (): Promise<Result<ResolvedKeychain>> => {
    keychainP ??= resolveKeychain({ env, profileDir: paths.profileDir, profile: paths.profile, passphrase: options.passphrase, service: options.keychainService }).then((r) => {
      if (!r.ok) keychainP = null;
      return r;
    });
    return keychainP;
  };

  // Made from the model on disk unless the host passed one (tests, a host with its own).
  let auto: { modelId: string | null; embedder: Embedder | null } | null = null;
  const embedder = (): Embedder | null => {
    if (options.embedder !== undefined) return options.embedder;
    auto ??= pickEmbedder(null);
    return auto.embedder;
  };
  function pickEmbedder(previous: Embedder | null): { modelId: string | null; embedder: Embedder | null } {
    const model = locateModel(paths.modelsDir);
    const wanted = model.state !== 'missing' && loadSettings(paths.profileDir).settings.modelEnabled ? model.id : null;
    if (previous && previous.info.id === wanted) return { modelId: wanted, embedder: previous };
    if (previous) void previous.close();
    return { modelId: wanted, embedder: wanted === null ? null : createEmbedder({ modelsDir: paths.modelsDir }) };
  }

  let opened: OpenStore | null = null;
  let opening: Promise<Result<OpenStore>> | null = null;
  let notices: string[] = [];
  const clock: TrustedClock = options.guardClock ?? processClock;
  async function doOpen(purpose: GuardPurpose): Promise<Result<OpenStore>> {
    const kc = await keychain();
    if (!kc.ok) return kc;
    const store = await openGuardedProfileStore({ profile: paths.profile, profileDir: paths.profileDir, storeDb: paths.storeDb, keychain: kc.value.keychain, purpose, clock });
    if (!store.ok) return store;
    notices = store.value.notices;
    const s = store.value.store;
    opened = { store: s, reader: createReader(s), search: createSearchContext(s, { embedder: embedder() }) };
    return ok(opened);
  }
  const open = async (purpose: GuardPurpose = 'read'): Promise<Result<OpenStore>> => {
    const current = opened;
    if (current && current.store.db.open) {
      let guarded;
      try {
        guarded = await guardStore(current.store, { purpose, clock, expiryDays: peekSettings(paths.profileDir).offlineExpiryDays, countOpen: false });
      } catch (e) {
        if (isBusy(e)) return err('STORE_LOCKED', 'The store is busy (a sync may be running); try again in a moment.');
        throw e;
      }
      if (!guarded.ok) {
        if (guarded.closed) opened = null;
        return { ok: false, error: guarded.error };
      }
      notices = guarded.notices;
      return ok(current);
    }
    opening ??= doOpen(purpose).finally(() => (opening = null));
    return opening;
  };

  return ok({
    options,
    env,
    paths,
    events,
    memo: createStoreMemo(),
    keychain,
    open,
    notices: () => notices,
    async credentials() {
      const kc = await keychain();
      if (!kc.ok) return kc;
      return loadCredentials(kc.value.keychain, paths.profile);
    },
    embedder,
    refreshEmbedder() {
      if (options.embedder !== undefined) return;
      const before = auto?.embedder ?? null;
      auto = pickEmbedder(before);
      if (opened && auto.embedder !== before) opened.search = createSearchContext(opened.store, { embedder: auto.embedder });
    },
    closeStore() {
      opened?.store.close();
      opened = null;
    },
    onDispose: (fn) => void disposers.push(fn),
    async dispose() {
      for (const fn of disposers.splice(0)) await fn();
      opened?.store.close();
      opened = null;
      await auto?.embedder?.close();
      auto = null;
    },
  });
}

/** For methods that cannot answer before a store exists. */
export const notConnected = (): Result<never> =>
  err('NOT_FOUND', 'Glue Desk is not connected to IT Glue yet. Open Settings → Account and paste an API key.');
