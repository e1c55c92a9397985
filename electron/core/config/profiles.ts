// Which profiles exist under a data dir: read commands name them when asked for one that does
// not exist, instead of creating a new, empty, sealed profile from a typo.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PROFILE_NAME } from './paths';

/** Profile names (folders under profiles/ with a valid name), sorted. */
export function listProfiles(dataDir: string): string[] {
  const dir = path.join(dataDir, 'profiles');
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && PROFILE_NAME.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}
