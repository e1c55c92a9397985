import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureProfileDirs, profilePaths, resolveDataDir, resolvePaths } from './paths';

describe('resolveDataDir', () => {
  it('uses the OS app-data folder per platform', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/ann' }).dir).toBe('/home/ann/.config/Glue Desk');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', home: '/home/ann' }).dir).toBe('/xdg/Glue Desk');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: 'relative/xdg' }, platform: 'linux', home: '/home/ann' }).dir).toBe('/home/ann/.config/Glue Desk');
    expect(resolveDataDir({ env: {}, platform: 'darwin', home: '/Users/ann' }).dir).toBe('/Users/ann/Library/Application Support/Glue Desk');
    expect(resolveDataDir({ env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\ann' }).dir).toBe('C:\\Users\\ann\\AppData\\Roaming\\Glue Desk');
    expect(resolveDataDir({ env: {}, platform: 'win32', home: 'C:\\Users\\ann' }).dir).toBe('C:\\Users\\ann\\AppData\\Roaming\\Glue Desk');
  });

  it('prefers --data-dir, then GLUE_DATA_DIR', () => {
    const env = { GLUE_DATA_DIR: '/env/dir', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDataDir({ flag: '/flag/dir', env, platform: 'linux', home: '/h' })).toEqual({ dir: '/flag/dir', source: 'flag' });
    expect(resolveDataDir({ env, platform: 'linux', home: '/h' })).toEqual({ dir: '/env/dir', source: 'env' });
    expect(resolveDataDir({ flag: 'D:\\glue', env: {}, platform: 'win32', home: 'C:\\Users\\ann' }).dir).toBe('D:\\glue');
  });
});

describe('profilePaths', () => {
  it('lays out a profile and the shared models folder', () => {
    const paths = profilePaths('/data', 'demo', {}, 'linux');
    expect(paths).toEqual({
      ok: true,
      value: {
        dataDir: '/data',
        profile: 'demo',
        profileDir: '/data/profiles/demo',
        storeDb: '/data/profiles/demo/store.db',
        settingsFile: '/data/profiles/demo/settings.json',
        keysFile: '/data/profiles/demo/keys.enc',
        logsDir: '/data/profiles/demo/logs',
        modelsDir: '/data/models',
      },
    });
    expect(profilePaths('/data', 'default', { GLUE_MODEL_DIR: '/opt/models' }, 'linux')).toMatchObject({ ok: true, value: { modelsDir: '/opt/models' } });
  });

  it('rejects profile names outside ^[a-z0-9-]{1,32}$', () => {
    for (const bad of ['', 'Demo', '../etc', 'a b', 'a/b', 'x'.repeat(33)]) {
      expect(profilePaths('/data', bad, {}, 'linux')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(resolvePaths({ env: {}, profile: 'acme-msp-2', dataDirFlag: '/d', platform: 'linux' })).toMatchObject({ ok: true, value: { profileDir: '/d/profiles/acme-msp-2', dataDirSource: 'flag' } });
  });
});

describe('ensureProfileDirs', () => {
  const root = mkdtempSync(join(tmpdir(), 'glue-paths-'));
  afterAll(() => {
    chmodSync(root, 0o700);
    rmSync(root, { recursive: true, force: true });
  });
  const isRoot = process.getuid?.() === 0;

  it('creates the profile, logs and models folders private to the user', () => {
    const paths = resolvePaths({ env: {}, dataDirFlag: join(root, 'data'), profile: 'default' });
    if (!paths.ok) throw new Error(paths.error.message);
    expect(ensureProfileDirs(paths.value, paths.value.dataDirSource).ok).toBe(true);
    for (const dir of [paths.value.dataDir, paths.value.profileDir, paths.value.logsDir, paths.value.modelsDir]) {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
    // Idempotent.
    expect(ensureProfileDirs(paths.value, 'flag').ok).toBe(true);
  });

  it('says so when a chosen data folder has no parent, instead of creating a tree from a typo', () => {
    const paths = resolvePaths({ env: {}, dataDirFlag: join(root, 'typo', 'data'), profile: 'default' });
    if (!paths.ok) throw new Error(paths.error.message);
    const made = ensureProfileDirs(paths.value, 'flag');
    expect(made).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!made.ok) expect(made.error.message).toContain(`parent folder ${join(root, 'typo')} does not exist`);
    // The OS default may create its parents (a fresh ~/.config).
    expect(ensureProfileDirs(paths.value, 'os').ok).toBe(true);
  });

  it('says so when the data folder is a file or read-only', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const onFile = profilePaths(file, 'default', {});
    if (!onFile.ok) throw new Error(onFile.error.message);
    expect(ensureProfileDirs(onFile.value, 'flag')).toMatchObject({ ok: false, error: { message: expect.stringContaining('is not a folder') } });

    const locked = join(root, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    chmodSync(locked, 0o500);
    const inside = profilePaths(join(locked, 'data'), 'default', {});
    if (!inside.ok) throw new Error(inside.error.message);
    // root ignores mode bits, so as root the attempt runs with the effective uid of "nobody".
    if (isRoot) chmodSync(root, 0o755);
    if (isRoot) process.seteuid?.(65534);
    let made;
    try {
      made = ensureProfileDirs(inside.value, 'flag');
    } finally {
      if (isRoot) process.seteuid?.(0);
    }
    expect(made).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(`${locked} is read-only`) } });
  });
});
