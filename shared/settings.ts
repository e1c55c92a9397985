// The one place the numeric settings' limits live. Core's settings file validator, the IPC
// input schema and the settings screen's inputs all read them here, so the UI never offers a
// value core would refuse.
import { z } from 'zod';
import type { Region } from './regions';

/** A profile's settings file, shared by app, MCP and CLI. */
export interface ProfileSettings {
  /** 0 = manual sync only. */
  syncIntervalMinutes: number;
  clipboardClearSeconds: number;
  revealSeconds: number;
  /** MCP may return password values only when the user turns this on (and then it is audited). */
  mcpAllowPasswordValues: boolean;
  region: Region;
  /** Used only when region is "custom". */
  baseUrl?: string;
  modelEnabled: boolean;
  /**
   * The pacer's budget: requests per 5 minutes for this key. IT Glue documents 3,000 per
   * 5 minutes; other sources report 10/s and 10,000/day (docs/itglue-api-notes.md), so an
   * account that sees 429s can lower it.
   */
  apiRequestsPer5Min: number;
  /** Days without reaching IT Glue before the password values are destroyed; 0 = never (warned). */
  offlineExpiryDays: number;
  /** Idle minutes before the app locks; 0 = never. */
  idleLockMinutes: number;
}

export interface NumberBounds {
  min: number;
  max: number;
  /** A value outside [min, max] that is still allowed and means "off" (manual sync). */
  off?: number;
  /** What "off" means, in the words errors and help texts use. */
  offLabel?: string;
  unit: 'minutes' | 'seconds' | 'days' | 'requests per 5 minutes';
}

export const SETTING_BOUNDS = {
  syncIntervalMinutes: { min: 5, max: 1440, off: 0, offLabel: 'manual', unit: 'minutes' },
  offlineExpiryDays: { min: 1, max: 90, off: 0, offLabel: 'never', unit: 'days' },
  idleLockMinutes: { min: 1, max: 480, off: 0, offLabel: 'never', unit: 'minutes' },
  clipboardClearSeconds: { min: 5, max: 300, unit: 'seconds' },
  revealSeconds: { min: 5, max: 300, unit: 'seconds' },
  apiRequestsPer5Min: { min: 30, max: 3000, unit: 'requests per 5 minutes' },
} as const satisfies Record<string, NumberBounds>;

export type NumberSettingKey = keyof typeof SETTING_BOUNDS;

export function isWithinBounds(key: NumberSettingKey, value: number): boolean {
  const b: NumberBounds = SETTING_BOUNDS[key];
  return Number.isInteger(value) && (value === b.off || (value >= b.min && value <= b.max));
}

/** "a whole number of seconds from 5 to 300"; what errors and help texts quote. */
export function boundsRule(key: NumberSettingKey): string {
  const b: NumberBounds = SETTING_BOUNDS[key];
  const range = b.unit === 'requests per 5 minutes' ? `a whole number from ${b.min} to ${b.max} (requests per 5 minutes)` : `a whole number of ${b.unit} from ${b.min} to ${b.max}`;
  return b.off === undefined ? range : `${b.off} (${b.offLabel ?? 'off'}) or ${range}`;
}

/** The zod check for one numeric setting (no transform: input and output types stay number). */
export const numberSettingSchema = (key: NumberSettingKey) =>
  z.number().refine((v) => isWithinBounds(key, v), { message: `must be ${boundsRule(key)}` });
