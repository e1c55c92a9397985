import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiBudget, DEFAULT_SETTINGS, loadSettings, parseSettingValue, peekSettings, updateSettings } from './settings';

const root = mkdtempSync(join(tmpdir(), 'glue-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const profileDir = () => {
  const dir = join(root, `p${n++}`);
  mkdirSync(dir);
  return dir;
};

describe('settings', () => {
  it('starts from the defaults without writing anything', () => {
    const dir = profileDir();
    expect(loadSettings(dir)).toEqual({
      settings: { syncIntervalMinutes: 60, clipboardClearSeconds: 30, revealSeconds: 20, mcpAllowPasswordValues: false, region: 'us', modelEnabled: true, apiRequestsPer5Min: 3000, offlineExpiryDays: 30, idleLockMinutes: 15 },
      warnings: [],
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('offline expiry takes 1–90 days or never (0); the idle lock 1–480 minutes or never', () => {
    const dir = profileDir();
    expect(parseSettingValue('offlineExpiryDays', 'never')).toEqual({ ok: true, value: 0 });
    expect(parseSettingValue('idleLockMinutes', 'Never')).toEqual({ ok: true, value: 0 });
    expect(updateSettings(dir, { offlineExpiryDays: 7, idleLockMinutes: 5 }).ok).toBe(true);
    expect(loadSettings(dir).settings).toMatchObject({ offlineExpiryDays: 7, idleLockMinutes: 5 });
    expect(updateSettings(dir, { offlineExpiryDays: 0 }).ok).toBe(true);
    for (const bad of [91, -1, 1.5]) {
      const r = updateSettings(dir, { offlineExpiryDays: bad });
      expect(!r.ok && r.error.message).toBe('offlineExpiryDays must be 0 (never) or a whole number of days from 1 to 90 ("never" also means 0).');
    }
    expect(updateSettings(dir, { idleLockMinutes: 481 }).ok).toBe(false);
  });

  it('saves only what was changed, 0600, and reads it back', () => {
    const dir = profileDir();
    expect(updateSettings(dir, { mcpAllowPasswordValues: true, syncIntervalMinutes: 0 })).toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, mcpAllowPasswordValues: true, syncIntervalMinutes: 0 },
    });
    const file = join(dir, 'settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ mcpAllowPasswordValues: true, syncIntervalMinutes: 0 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(updateSettings(dir, { revealSeconds: 45 }).ok).toBe(true);
    expect(loadSettings(dir).settings).toMatchObject({ mcpAllowPasswordValues: true, syncIntervalMinutes: 0, revealSeconds: 45 });
    // Replaced whole through a temporary file that does not stay behind.
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rejects bad values naming the key and the allowed range, and changes nothing', () => {
    const dir = profileDir();
    updateSettings(dir, { revealSeconds: 10 });
    const cases: [Record<string, unknown>, string][] = [
      [{ syncIntervalMinutes: 3 }, 'syncIntervalMinutes must be 0 (manual) or a whole number of minutes from 5 to 1440'],
      [{ syncIntervalMinutes: 1.5 }, 'syncIntervalMinutes must be'],
      [{ clipboardClearSeconds: 0 }, 'clipboardClearSeconds must be a whole number of seconds from 5 to 300'],
      [{ revealSeconds: 301 }, 'revealSeconds must be a whole number of seconds from 5 to 300'],
      [{ mcpAllowPasswordValues: 'yes' }, 'mcpAllowPasswordValues must be true or false'],
      [{ region: 'mars' }, 'region must be one of us, eu, au, custom'],
      [{ apiKey: 'ITG.x' }, 'Unknown setting "apiKey"'],
      [{ region: 'custom' }, 'region "custom" needs baseUrl'],
      [{ baseUrl: 'https://api.example.com' }, 'baseUrl is used only with region "custom"'],
      [{ region: 'custom', baseUrl: 'http://api.example.com' }, 'baseUrl must be an https:// URL'],
      [{ region: 'custom', baseUrl: 'https://user:pw@api.example.com' }, 'baseUrl must be'],
      [{ region: 'custom', baseUrl: 'https://api.example.com/?key=abc' }, 'baseUrl must be'],
    ];
    for (const [patch, message] of cases) {
      const result = updateSettings(dir, patch);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!result.ok) expect(result.error.message).toContain(message);
    }
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ revealSeconds: 10 });
    expect(updateSettings(dir, null)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('accepts a custom region with its URL (https, or http on loopback for the fake server) and drops it when leaving custom', () => {
    const dir = profileDir();
    expect(updateSettings(dir, { region: 'custom', baseUrl: 'https://api.itglue.example.com/' })).toMatchObject({ ok: true, value: { region: 'custom', baseUrl: 'https://api.itglue.example.com' } });
    expect(updateSettings(dir, { baseUrl: 'http://127.0.0.1:4567' })).toMatchObject({ ok: true, value: { baseUrl: 'http://127.0.0.1:4567' } });
    const back = updateSettings(dir, { region: 'eu' });
    expect(back).toMatchObject({ ok: true, value: { region: 'eu' } });
    if (back.ok) expect(back.value.baseUrl).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ region: 'eu' });
  });

  it('moves a corrupt file aside, warns, uses defaults, and can save again', () => {
    for (const garbage of ['{ "syncIntervalMinutes": 15,', '[1,2,3]', '']) {
      const dir = profileDir();
      writeFileSync(join(dir, 'settings.json'), garbage);
      const loaded = loadSettings(dir);
      expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
      expect(loaded.warnings).toHaveLength(1);
      const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.bad-'));
      expect(aside).toHaveLength(1);
      expect(loaded.warnings[0]).toContain(aside[0]);
      expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe(garbage);
      expect(updateSettings(dir, { modelEnabled: false })).toMatchObject({ ok: true, value: { modelEnabled: false } });
      expect(loadSettings(dir)).toEqual({ settings: { ...DEFAULT_SETTINGS, modelEnabled: false }, warnings: [] });
    }
  });

  it('ignores a single hand-edited bad value with a warning and keeps the rest', () => {
    const dir = profileDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ syncIntervalMinutes: -5, revealSeconds: 60, futureSetting: 'kept' }));
    const loaded = loadSettings(dir);
    expect(loaded.settings).toMatchObject({ syncIntervalMinutes: 60, revealSeconds: 60 });
    expect(loaded.warnings).toEqual([expect.stringContaining('Ignoring syncIntervalMinutes')]);
    // A later save keeps settings this version does not know (a newer app may have written them).
    expect(updateSettings(dir, { modelEnabled: false }).ok).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ revealSeconds: 60, futureSetting: 'kept', modelEnabled: false });
  });

  it('parses typed text into the type of each setting', () => {
    expect(parseSettingValue('mcpAllowPasswordValues', 'true')).toEqual({ ok: true, value: true });
    expect(parseSettingValue('modelEnabled', 'off')).toEqual({ ok: true, value: false });
    expect(parseSettingValue('syncIntervalMinutes', '15')).toEqual({ ok: true, value: 15 });
    expect(parseSettingValue('syncIntervalMinutes', 'soon')).toMatchObject({ ok: false, error: { message: expect.stringContaining('syncIntervalMinutes must be') } });
    expect(parseSettingValue('region', ' eu ')).toEqual({ ok: true, value: 'eu' });
    expect(parseSettingValue('nope', 'x')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('the API budget setting', () => {
  it('defaults to IT Glue\'s documented 3,000 requests per 5 minutes, can be lowered, never raised above it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glue-settings-budget-'));
    try {
      expect(apiBudget(loadSettings(dir).settings)).toEqual({ requests: 3000, windowMs: 300_000 });
      expect(updateSettings(dir, { apiRequestsPer5Min: 600 }).ok).toBe(true);
      expect(apiBudget(loadSettings(dir).settings)).toEqual({ requests: 600, windowMs: 300_000 });
      // Reading the budget on the way (every sync client) never moves a broken file: the door that loads settings says so.
      writeFileSync(join(dir, 'settings.json'), '{ not json');
      expect(apiBudget(peekSettings(dir)).requests).toBe(3000);
      expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{ not json');
      rmSync(join(dir, 'settings.json'));
      const tooHigh = updateSettings(dir, { apiRequestsPer5Min: 10_000 });
      expect(tooHigh.ok ? null : tooHigh.error.message).toBe('apiRequestsPer5Min must be a whole number from 30 to 3000 (requests per 5 minutes).');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
