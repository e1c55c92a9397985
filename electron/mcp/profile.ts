import { homedir } from 'node:os';
import { join } from 'node:path';
import { err, ok, type Result } from '../../shared/result';

// Mirrors the rules of electron/core/config/paths.ts (being written in parallel) so the MCP
// door can start before that module lands; the lead swaps this for the core module.
export interface ProfileInfo {
  name: string;
  dataDir: string;
  dir: string;
  logsDir: string;
  modelsDir: string;
}

const PROFILE_NAME = /^[a-z0-9-]{1,32}$/;

export interface ProfileInput {
  profile?: string;
  dataDir?: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Glue Desk');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Glue Desk');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Glue Desk');
}

export function resolveProfile(input: ProfileInput): Result<ProfileInfo> {
  const name = input.profile ?? input.env.GLUE_PROFILE ?? 'default';
  if (!PROFILE_NAME.test(name)) {
    return err('INVALID_INPUT', `Profile name "${name}" is not valid: use 1-32 lowercase letters, digits or dashes.`);
  }
  const dataDir = input.dataDir || input.env.GLUE_DATA_DIR || defaultDataDir(input.env, input.platform, input.home);
  const dir = join(dataDir, 'profiles', name);
  return ok({
    name,
    dataDir,
    dir,
    logsDir: join(dir, 'logs'),
    modelsDir: input.env.GLUE_MODEL_DIR || join(dataDir, 'models'),
  });
}
