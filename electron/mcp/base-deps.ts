import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import pkg from '../../package.json';
import type { McpDeps, McpSettings, ModelStatus, StoreStatus } from './deps';
import type { Logger } from './logger';
import type { ProfileInfo } from './profile';

const MODEL = 'Xenova/all-MiniLM-L6-v2';
const SettingsFile = z.object({ mcpAllowPasswordValues: z.boolean().optional() });

/**
 * Deps that need nothing but the file system, so the server runs before the store and the
 * model are wired. Pass `overrides` to plug in core services (the lead's step).
 */
export function createBaseDeps(profile: ProfileInfo, logger: Logger, overrides: Partial<Omit<McpDeps, 'profile' | 'logger'>> = {}): McpDeps {
  return {
    profile,
    logger,
    version: pkg.version,
    storeStatus: async () => storeFileStatus(profile),
    modelStatus: async () => modelFileStatus(profile),
    settings: async () => readSettings(profile, logger),
    ...overrides,
  };
}

export function storeFileStatus(profile: ProfileInfo): StoreStatus {
  if (!existsSync(join(profile.dir, 'store.db'))) {
    return { state: 'missing', lastSyncAt: null, counts: {}, message: 'No local IT Glue copy yet: run `glue sync` (or `glue demo`) first.' };
  }
  return { state: 'present', lastSyncAt: null, counts: {}, message: null };
}

export function modelFileStatus(profile: ProfileInfo): ModelStatus {
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

function readSettings(profile: ProfileInfo, logger: Logger): McpSettings {
  const file = join(profile.dir, 'settings.json');
  if (!existsSync(file)) return { allowPasswordValues: false };
  try {
    const parsed = SettingsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { allowPasswordValues: parsed.data.mcpAllowPasswordValues === true };
    logger.warn('settings.json has unexpected values; password values stay withheld');
  } catch {
    logger.warn('settings.json is not readable JSON; password values stay withheld');
  }
  return { allowPasswordValues: false };
}
