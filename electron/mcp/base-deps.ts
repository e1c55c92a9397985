import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json';
import type { McpDeps, McpSettings, ModelStatus, StoreStatus } from './deps';
import type { Logger } from './logger';
import type { ProfilePaths } from '../core/config/paths';

const MODEL = 'Xenova/all-MiniLM-L6-v2';

/**
 * Deps that need nothing but the file system, so the server runs before the store and the
 * model are wired. Pass `overrides` to plug in core services (the lead's step).
 */
export function createBaseDeps(profile: ProfilePaths, logger: Logger, overrides: Partial<Omit<McpDeps, 'profile' | 'logger'>> = {}): McpDeps {
  return {
    profile,
    logger,
    version: pkg.version,
    storeStatus: async () => storeFileStatus(profile),
    modelStatus: async () => modelFileStatus(profile),
    settings: () => readSettings(profile, logger),
    ...overrides,
  };
}

export function storeFileStatus(profile: ProfilePaths): StoreStatus {
  if (!existsSync(profile.storeDb)) {
    return { state: 'missing', lastSyncAt: null, counts: {}, message: 'No local IT Glue copy yet: run `glue sync` (or `glue demo`) first.' };
  }
  return { state: 'present', lastSyncAt: null, counts: {}, message: null };
}

export function modelFileStatus(profile: ProfilePaths): ModelStatus {
  const onnx = join(profile.modelsDir, ...MODEL.split('/'), 'onnx', 'model_quantized.onnx');
  if (!existsSync(onnx)) {
    return {
      state: 'missing',
      name: MODEL,
      message: 'The semantic search model is not downloaded: keyword search still works; open the app once online to fetch it.',
    };
  }
  return { state: 'not_loaded', name: MODEL, message: null };
}

async function readSettings(profile: ProfilePaths, logger: Logger): Promise<McpSettings> {
  // Loaded on first use: conf and its validator are not needed to answer tools/list.
  const { loadSettings } = await import('../core/config/settings');
  const { settings, warnings } = loadSettings(profile.profileDir);
  for (const w of warnings) logger.warn(w);
  return { allowPasswordValues: settings.mcpAllowPasswordValues };
}
