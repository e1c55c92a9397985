import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../io';
import { run } from './settings';

const root = mkdtempSync(join(tmpdir(), 'glue-cli-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function glue(argv: string[], env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let errText = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (errText += d.toString()));
  const io: CliIo = { stdout, stderr, env, signal: new AbortController().signal };
  const code = await run(argv, io);
  return { code, out, err: errText };
}

describe('glue settings', () => {
  const dataDir = join(root, 'data');
  const flags = ['--data-dir', dataDir];

  it('sets and gets a value, and other doors see it in the profile folder', async () => {
    expect(await glue(['set', 'mcpAllowPasswordValues', 'true', ...flags])).toEqual({ code: 0, out: 'mcpAllowPasswordValues = true\n', err: '' });
    expect(await glue(['get', 'mcpAllowPasswordValues', ...flags])).toMatchObject({ code: 0, out: 'true\n' });
    expect(await glue(['get', 'syncIntervalMinutes', '--json', ...flags])).toMatchObject({ code: 0, out: '60\n' });
    const file = join(dataDir, 'profiles', 'default', 'settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ mcpAllowPasswordValues: true });
    expect(statSync(join(dataDir, 'profiles', 'default')).mode & 0o777).toBe(0o700);
  });

  it('lists every setting, as text or JSON, per profile (GLUE_DATA_DIR works like --data-dir)', async () => {
    await glue(['set', 'revealSeconds', '45', '--profile', 'demo', ...flags]);
    const list = await glue(['list', '--profile', 'demo'], { GLUE_DATA_DIR: dataDir });
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^revealSeconds\s+45$/m);
    expect(list.out).toMatch(/^mcpAllowPasswordValues\s+false$/m);
    expect(list.out).toMatch(/^baseUrl\s+\(not set\)$/m);
    const json = await glue(['--json', '--profile', 'demo', ...flags]);
    expect(JSON.parse(json.out)).toEqual({ syncIntervalMinutes: 60, clipboardClearSeconds: 30, revealSeconds: 45, mcpAllowPasswordValues: false, region: 'us', modelEnabled: true, apiRequestsPer5Min: 3000, offlineExpiryDays: 30, idleLockMinutes: 15 });
  });

  it('sets several keys at once (a custom region with its URL)', async () => {
    const r = await glue(['set', 'region', 'custom', 'baseUrl', 'http://127.0.0.1:8123', '--json', ...flags]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ region: 'custom', baseUrl: 'http://127.0.0.1:8123' });
  });

  it('rejects bad keys, values and profile names with a usage error naming the allowed range', async () => {
    await expect(glue(['set', 'syncIntervalMinutes', '2', ...flags])).rejects.toThrow(
      new UsageError('glue settings set: syncIntervalMinutes must be 0 (manual) or a whole number of minutes from 5 to 1440.'),
    );
    await expect(glue(['set', 'modelEnabled', 'maybe', ...flags])).rejects.toThrow('modelEnabled must be true or false');
    await expect(glue(['set', 'apiKey', 'ITG.x', ...flags])).rejects.toThrow('Unknown setting "apiKey"');
    await expect(glue(['set', 'revealSeconds', ...flags])).rejects.toThrow('KEY VALUE pairs');
    await expect(glue(['get', 'nope', ...flags])).rejects.toThrow('unknown setting "nope"');
    await expect(glue(['frobnicate', ...flags])).rejects.toThrow('unknown subcommand');
    await expect(glue(['list', '--bogus', ...flags])).rejects.toThrow(UsageError);
    expect(await glue(['list', '--profile', 'Bad/Name', ...flags])).toMatchObject({ code: 2, err: expect.stringContaining('Profile name "Bad/Name" is not valid') });
    expect(await glue(['get', 'syncIntervalMinutes', ...flags])).toMatchObject({ out: '60\n' });
  });

  it('warns about a corrupt settings file and carries on with defaults', async () => {
    const dir = join(root, 'corrupt', 'profiles', 'default');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), '{"revealSeconds": ');
    const r = await glue(['get', 'revealSeconds', '--data-dir', join(root, 'corrupt')]);
    expect(r).toMatchObject({ code: 0, out: '20\n', err: expect.stringContaining('warning: Settings file') });
    expect(r.err).toContain('settings.json.bad-');
  });

  it('prints help', async () => {
    const r = await glue(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('glue settings set KEY VALUE');
    expect(r.out).toContain('clipboardClearSeconds');
  });
});
