import pkg from '../../package.json';
import { createStoreDeps } from './deps-store';
import type { McpDeps, McpSettings, ModelStatus, StoreStatus } from './deps';
import type { Logger } from './logger';
import type { ProfilePaths } from '../core/config/paths';

/**
 * Deps that need nothing but the file system, so the server runs before the store and the
 * model are wired. `overrides` replaces core services (tests plug in their own).
 */
export function createBaseDeps(
  profile: ProfilePaths,
  logger: Logger,
  overrides: Partial<Omit<McpDeps, 'profile' | 'logger' | 'env'>> = {},
  env: Record<string, string | undefined> = process.env,
): McpDeps {
  const core = createStoreDeps(profile, env);
  return {
    profile,
    logger,
    version: pkg.version,
    env,
    storeStatus: core.storeStatus,
    store: core.store,
    search: core.search,
    modelStatus: () => modelFileStatus(profile),
    settings: () => readSettings(profile, logger),
    ...overrides,
  };
}

/** What can be told without a key: is there a file, and does it look like an encrypted store? */
export async function storeFileStatus(profile: ProfilePaths): Promise<StoreStatus> {
  const { classifyFile } = await import('../core/store/header');
  switch (classifyFile(profile.storeDb)) {
    case 'missing':
    case 'empty':
      return { state: 'missing', lastSyncAt: null, counts: {}, message: 'No local IT Glue copy yet: run `glue sync` (or `glue demo`) first.' };
    case 'encrypted':
      return { state: 'present', lastSyncAt: null, counts: {}, message: null };
    default:
      return {
        state: 'corrupt',
        lastSyncAt: null,
        counts: {},
        message: `${profile.storeDb} is not a Glue Desk store. Move it away and run \`glue sync\` to rebuild the local copy.`,
      };
  }
}

export async function modelFileStatus(profile: ProfilePaths): Promise<ModelStatus> {
  const { describeModel, locateModel } = await import('../core/search/model-locator');
  const m = locateModel(profile.modelsDir);
  if (m.state === 'ready') return { state: 'not_loaded', name: m.id, message: null };
  return { state: m.state, name: m.id, message: describeModel(m) };
}

async function readSettings(profile: ProfilePaths, logger: Logger): Promise<McpSettings> {
  // Loaded on first use: conf and its validator are not needed to answer tools/list.
  const { loadSettings } = await import('../core/config/settings');
  const { settings, warnings } = loadSettings(profile.profileDir);
  for (const w of warnings) logger.warn(w);
  return { allowPasswordValues: settings.mcpAllowPasswordValues };
}
