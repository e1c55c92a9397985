import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../fs/write-private-file';
import { z } from 'zod';
import { err, ok, type Result } from '../../../shared/result';
import { REGIONS } from '../../../shared/regions';
import { boundsRule, numberSettingSchema, type ProfileSettings } from '../../../shared/settings';

export const SETTINGS_FILE = 'settings.json';
export { REGIONS, type Region } from '../../../shared/regions';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

// The custom base URL is the one free-text setting: no credentials in it (settings are not a
// secret store), https except on loopback (the fake IT Glue server), no query or fragment.
const baseUrlSchema = z
  .string()
  .transform((s, ctx) => {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL' });
      return z.NEVER;
    }
    const httpsOrLoopback = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
    if (!httpsOrLoopback || url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'not an allowed URL' });
      return z.NEVER;
    }
    return url.href.replace(/\/+$/, '');
  });

/** One validator and one human description per key; the description is what errors quote. */
const FIELDS = {
  syncIntervalMinutes: { schema: numberSettingSchema('syncIntervalMinutes'), rule: boundsRule('syncIntervalMinutes'), kind: 'number' },
  clipboardClearSeconds: { schema: numberSettingSchema('clipboardClearSeconds'), rule: boundsRule('clipboardClearSeconds'), kind: 'number' },
  revealSeconds: { schema: numberSettingSchema('revealSeconds'), rule: boundsRule('revealSeconds'), kind: 'number' },
  mcpAllowPasswordValues: { schema: z.boolean(), rule: 'true or false', kind: 'boolean' },
  region: { schema: z.enum(REGIONS), rule: `one of ${REGIONS.join(', ')}`, kind: 'string' },
  baseUrl: {
    schema: baseUrlSchema,
    rule: 'an https:// URL without user, password, query or fragment (http:// only for 127.0.0.1/localhost), e.g. https://api.itglue.example.com',
    kind: 'string',
  },
  modelEnabled: { schema: z.boolean(), rule: 'true or false', kind: 'boolean' },
  apiRequestsPer5Min: { schema: numberSettingSchema('apiRequestsPer5Min'), rule: boundsRule('apiRequestsPer5Min'), kind: 'number' },
  offlineExpiryDays: { schema: numberSettingSchema('offlineExpiryDays'), rule: `${boundsRule('offlineExpiryDays')} ("never" also means 0)`, kind: 'number' },
  idleLockMinutes: { schema: numberSettingSchema('idleLockMinutes'), rule: `${boundsRule('idleLockMinutes')} ("never" also means 0)`, kind: 'number' },
} as const;

export type SettingKey = keyof typeof FIELDS;
export const SETTING_KEYS = Object.keys(FIELDS) as SettingKey[];

export type Settings = ProfileSettings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  syncIntervalMinutes: 60,
  clipboardClearSeconds: 30,
  revealSeconds: 20,
  mcpAllowPasswordValues: false,
  region: 'us',
  modelEnabled: true,
  // IT Glue's documented limit (docs/itglue-api-notes.md).
  apiRequestsPer5Min: 3000,
  offlineExpiryDays: 30,
  idleLockMinutes: 15,
});

/** The client's pacer budget from the settings: requests per 5-minute window. */
export const apiBudget = (s: Pick<Settings, 'apiRequestsPer5Min'>): { requests: number; windowMs: number } => ({ requests: s.apiRequestsPer5Min, windowMs: 300_000 });

export const settingRule = (key: SettingKey): string => FIELDS[key].rule;
export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(FIELDS, key);

const unknownKey = (key: string) => err('INVALID_INPUT', `Unknown setting "${key}". Known settings: ${SETTING_KEYS.join(', ')}.`);
const badValue = (key: SettingKey) => err('INVALID_INPUT', `${key} must be ${FIELDS[key].rule}.`);

function validateField<K extends SettingKey>(key: K, value: unknown): Result<Settings[K]> {
  const parsed = FIELDS[key].schema.safeParse(value);
  // Each schema's output type is exactly Settings[K]; TypeScript cannot follow the key through the map.
  return parsed.success ? ok(parsed.data as Settings[K]) : badValue(key);
}

export interface LoadedSettings {
  settings: Settings;
  /** Things the user should hear about (a file moved aside, a value ignored); never fatal. */
  warnings: string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Moves an unreadable file aside so the user can inspect it, and says where it went. */
function quarantine(file: string, why: string): string {
  const aside = `${file}.bad-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
  } catch {
    return `Settings file ${file} ${why} and could not be moved aside; using defaults.`;
  }
  return `Settings file ${file} ${why}; moved it to ${aside} and using defaults.`;
}

function readStore(profileDir: string): { store: Record<string, unknown>; warnings: string[] } {
  const file = join(profileDir, SETTINGS_FILE);
  if (!existsSync(file)) return { store: {}, warnings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { store: {}, warnings: [quarantine(file, 'was not valid JSON')] };
  }
  if (!isPlainObject(raw)) return { store: {}, warnings: [quarantine(file, 'did not hold a settings object')] };
  return { store: raw, warnings: [] };
}

function fromStore(store: Record<string, unknown>): LoadedSettings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const warnings: string[] = [];
  const put = <K extends SettingKey>(key: K, value: unknown) => {
    const valid = validateField(key, value);
    if (valid.ok) settings[key] = valid.value;
    else warnings.push(`Ignoring ${key} in settings.json: it must be ${FIELDS[key].rule}. Using the default.`);
  };
  for (const key of SETTING_KEYS) if (key in store) put(key, store[key]);
  if (settings.region === 'custom' && !settings.baseUrl) {
    warnings.push('region is "custom" but no baseUrl is set; using region "us".');
    settings.region = 'us';
  }
  return { settings, warnings };
}

/**
 * The settings as they stand, without side effects: a broken file reads as the defaults and
 * stays where it is, for the door that reads settings properly (loadSettings) to move aside and
 * report. For values needed on the way: the guard's offline expiry on every open, the API
 * budget when a client is made.
 */
export function peekSettings(profileDir: string): Settings {
  const file = join(profileDir, SETTINGS_FILE);
  if (!existsSync(file)) return { ...DEFAULT_SETTINGS };
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isPlainObject(raw) ? fromStore(raw).settings : { ...DEFAULT_SETTINGS };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Settings of a profile with defaults filled in. A broken file never stops the app. */
export function loadSettings(profileDir: string): LoadedSettings {
  const { store, warnings } = readStore(profileDir);
  const loaded = fromStore(store);
  return { settings: loaded.settings, warnings: [...warnings, ...loaded.warnings] };
}

/**
 * Validates every value of `patch` (unknown input: it comes from IPC, MCP or the CLI) and
 * writes only the keys the user set, so improved defaults reach users who never changed them.
 */
export function updateSettings(profileDir: string, patch: unknown): Result<Settings> {
  if (!isPlainObject(patch)) return err('INVALID_INPUT', 'Settings changes must be an object of key → value.');
  const changes: Partial<Settings> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!isSettingKey(key)) return unknownKey(key);
    const valid = validateField(key, value);
    if (!valid.ok) return valid;
    Object.assign(changes, { [key]: valid.value });
  }

  const { store } = readStore(profileDir);
  const next: Record<string, unknown> = { ...store, ...changes };
  for (const key of SETTING_KEYS) if (key in next && !validateField(key, next[key]).ok) delete next[key];
  const region = next.region ?? DEFAULT_SETTINGS.region;
  if (region === 'custom' && typeof next.baseUrl !== 'string') {
    return err('INVALID_INPUT', `region "custom" needs baseUrl in the same change: baseUrl must be ${FIELDS.baseUrl.rule}.`);
  }
  if ('baseUrl' in changes && region !== 'custom') {
    return err('INVALID_INPUT', 'baseUrl is used only with region "custom": set region to custom in the same change.');
  }
  if (region !== 'custom') delete next.baseUrl;

  try {
    mkdirSync(profileDir, { recursive: true, mode: 0o700 });
    // Written whole and renamed into place (owner-only), as the rest of the profile's small files.
    writePrivateFile(join(profileDir, SETTINGS_FILE), `${JSON.stringify(next, null, '\t')}\n`);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : 'write failed';
    return err('INTERNAL', `Could not save settings in ${profileDir} (${code}). Check that the folder is writable.`);
  }
  return ok(fromStore(next).settings);
}

const TRUE = new Set(['true', 'on', 'yes', '1']);
const FALSE = new Set(['false', 'off', 'no', '0']);

/** Turns text typed by a user (CLI, a text field) into the value type a setting expects. */
export function parseSettingValue(key: string, raw: string): Result<unknown> {
  if (!isSettingKey(key)) return unknownKey(key);
  const text = raw.trim();
  switch (FIELDS[key].kind) {
    case 'boolean':
      if (TRUE.has(text.toLowerCase())) return ok(true);
      if (FALSE.has(text.toLowerCase())) return ok(false);
      return badValue(key);
    case 'number':
      // "never" for the two safety timers reads as their off value, 0.
      if (text.toLowerCase() === 'never' && (key === 'offlineExpiryDays' || key === 'idleLockMinutes')) return ok(0);
      return /^-?\d+$/.test(text) ? ok(Number(text)) : badValue(key);
    default:
      return ok(text);
  }
}
