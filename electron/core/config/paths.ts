import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { err, ok, type Result } from '../../../shared/result';

export const APP_DIR_NAME = 'Glue Desk';
export const PROFILE_NAME = /^[a-z0-9-]{1,32}$/;
export const DEFAULT_PROFILE = 'default';

export interface DataDirInput {
  /** `--data-dir` flag value, if given. */
  flag?: string | undefined;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
}

export interface DataDir {
  dir: string;
  /** Where the value came from; a user-chosen folder's parent must exist, the OS default's need not. */
  source: 'flag' | 'env' | 'os';
}

export interface ProfilePaths {
  dataDir: string;
  profile: string;
  profileDir: string;
  storeDb: string;
  settingsFile: string;
  keysFile: string;
  logsDir: string;
  /** Shared by all profiles; GLUE_MODEL_DIR overrides. */
  modelsDir: string;
}

const pathFor = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

/** Pure: flag, then GLUE_DATA_DIR, then the OS app-data folder. */
export function resolveDataDir({ flag, env, platform, home }: DataDirInput): DataDir {
  const p = pathFor(platform);
  if (flag) return { dir: p.resolve(flag), source: 'flag' };
  if (env.GLUE_DATA_DIR) return { dir: p.resolve(env.GLUE_DATA_DIR), source: 'env' };
  if (platform === 'darwin') return { dir: p.join(home, 'Library', 'Application Support', APP_DIR_NAME), source: 'os' };
  if (platform === 'win32') return { dir: p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), APP_DIR_NAME), source: 'os' };
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME && p.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : p.join(home, '.config');
  return { dir: p.join(xdg, APP_DIR_NAME), source: 'os' };
}

export function checkProfileName(name: string): Result<string> {
  if (PROFILE_NAME.test(name)) return ok(name);
  return err('INVALID_INPUT', `Profile name "${name}" is not valid: use 1–32 lowercase letters, digits or dashes (e.g. "default", "demo", "acme-msp").`);
}

/** Pure: the files of one profile under a data dir. */
export function profilePaths(dataDir: string, profile: string, env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): Result<ProfilePaths> {
  const name = checkProfileName(profile);
  if (!name.ok) return name;
  const p = pathFor(platform);
  const profileDir = p.join(dataDir, 'profiles', profile);
  return ok({
    dataDir,
    profile,
    profileDir,
    storeDb: p.join(profileDir, 'store.db'),
    settingsFile: p.join(profileDir, 'settings.json'),
    keysFile: p.join(profileDir, 'keys.enc'),
    logsDir: p.join(profileDir, 'logs'),
    modelsDir: env.GLUE_MODEL_DIR ? p.resolve(env.GLUE_MODEL_DIR) : p.join(dataDir, 'models'),
  });
}

export interface ResolvePathsInput {
  dataDirFlag?: string | undefined;
  profile?: string | undefined;
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  home?: string;
}

/** Flag/env/OS data dir + profile (default "default") → paths; nothing is created. */
export function resolvePaths(input: ResolvePathsInput): Result<ProfilePaths & { dataDirSource: DataDir['source'] }> {
  const platform = input.platform ?? process.platform;
  const dataDir = resolveDataDir({ flag: input.dataDirFlag, env: input.env, platform, home: input.home ?? homedir() });
  const paths = profilePaths(dataDir.dir, input.profile ?? DEFAULT_PROFILE, input.env, platform);
  return paths.ok ? ok({ ...paths.value, dataDirSource: dataDir.source }) : paths;
}

function nearestExisting(dir: string): string {
  let current = dir;
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

function makeDir(dir: string, recursive: boolean): Result<void> {
  try {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) return err('INVALID_INPUT', `${dir} exists but is not a folder. Move it away or choose another data folder with --data-dir or GLUE_DATA_DIR.`);
      return ok(undefined);
    }
    if (!recursive && !existsSync(path.dirname(dir))) {
      return err('INVALID_INPUT', `Cannot create ${dir}: its parent folder ${path.dirname(dir)} does not exist. Create it first or choose another folder with --data-dir or GLUE_DATA_DIR.`);
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return ok(undefined);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    const blocker = nearestExisting(dir);
    let writable = true;
    try {
      accessSync(blocker, constants.W_OK);
    } catch {
      writable = false;
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || !writable) {
      return err('INVALID_INPUT', `Cannot create ${dir}: ${blocker} is read-only. Choose a writable data folder with --data-dir or GLUE_DATA_DIR.`);
    }
    return err('INVALID_INPUT', `Cannot create ${dir} (${code || 'unknown error'}). Choose another data folder with --data-dir or GLUE_DATA_DIR.`);
  }
}

/**
 * Creates the data dir, the profile dir with logs/, and models/, all 0700 (keys, store and
 * logs are private to the user). A folder the user named must have an existing parent, so a
 * typo does not quietly grow a new tree; the OS default may create its parents.
 */
export function ensureProfileDirs(paths: ProfilePaths, dataDirSource: DataDir['source'] = 'os'): Result<ProfilePaths> {
  for (const [dir, recursive] of [
    [paths.dataDir, dataDirSource === 'os'],
    [paths.profileDir, true],
    [paths.logsDir, true],
    [paths.modelsDir, true],
  ] as const) {
    const made = makeDir(dir, recursive);
    if (!made.ok) return made;
  }
  return ok(paths);
}
