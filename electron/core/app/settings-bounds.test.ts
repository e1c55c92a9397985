// The IPC schema and core's settings validator must accept exactly the same numbers: a value
// the settings screen sends and IPC lets through must never be refused by core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { updateSettings } from '../config/settings';
import { IPC_SCHEMAS } from '../../../shared/ipc';
import { isWithinBounds, SETTING_BOUNDS, type NumberSettingKey } from '../../../shared/settings';

const dir = mkdtempSync(join(tmpdir(), 'glue-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('numeric setting bounds', () => {
  const keys = Object.keys(SETTING_BOUNDS) as NumberSettingKey[];
  it.each(keys)('%s: IPC and core agree at and around every edge', (key) => {
    const b: { min: number; max: number; off?: number } = SETTING_BOUNDS[key];
    const probes = [b.min - 1, b.min, b.min + 1, b.max - 1, b.max, b.max + 1, 0, 1, 2.5, -5, 600];
    for (const v of probes) {
      const ipc = IPC_SCHEMAS.settings.update.input.safeParse({ [key]: v }).success;
      const core = updateSettings(dir, { [key]: v }).ok;
      expect({ v, ipc }).toEqual({ v, ipc: core });
      expect(ipc).toBe(isWithinBounds(key, v));
    }
  });
  it('keeps the limits the product promises', () => {
    expect(isWithinBounds('syncIntervalMinutes', 0)).toBe(true);
    expect(isWithinBounds('syncIntervalMinutes', 3)).toBe(false);
    expect(isWithinBounds('clipboardClearSeconds', 600)).toBe(false);
    expect(isWithinBounds('revealSeconds', 3)).toBe(false);
  });
});
