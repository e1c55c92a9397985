// How a command opens a profile: its flags, the profile service, and one line per failure.
// Kept apart from commands/sync.ts so read commands (ask, search, status) do not load the
// sync engine and the IT Glue client to open a store (part of a cold `glue ask`).
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { ResultError } from '../../shared/result';
import { resolvePaths } from '../core/config/paths';
import { listProfiles } from '../core/config/profiles';
import { openProfile, type OpenedProfile } from '../core/sync/service';
import type { CliIo } from './io';
import { closest } from './suggest';

export const profileFlagOptions = { profile: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
export const profileFlagSchema = { profile: z.string().optional(), 'data-dir': z.string().min(1).optional(), help: z.boolean().optional() };

/** A ResultError as one line for people, with the one hint each common failure needs. */
export function explain(command: string, e: ResultError): string {
  let hint = '';
  if (e.code === 'STORE_LOCKED' && !/GLUE_PASSPHRASE/.test(e.message)) hint = ' Another Glue Desk process may be writing; try again in a moment.';
  return `glue ${command}: ${e.message}${hint}\n`;
}

/**
 * Read commands (status, ask, search, password) only open a profile that exists: a mistyped
 * --profile lists the existing ones instead of creating a new, empty, sealed profile.
 */
function missingProfile(command: string, flags: { profile?: string | undefined; 'data-dir'?: string | undefined }, io: CliIo): string | null {
  if (flags.profile === undefined) return null;
  const paths = resolvePaths({ dataDirFlag: flags['data-dir'], profile: flags.profile, env: io.env });
  if (!paths.ok || existsSync(paths.value.profileDir)) return null; // an invalid name is reported by openProfile
  const existing = listProfiles(paths.value.dataDir);
  const near = closest(flags.profile, existing);
  const list = existing.length > 0 ? ` Existing profiles: ${existing.join(', ')}.${near ? ` Did you mean --profile ${near}?` : ''}` : ' There are no profiles yet: run `glue login --profile NAME` (or `glue demo`) to create one.';
  return `glue ${command}: there is no profile "${flags.profile}" in ${paths.value.dataDir}.${list}\n`;
}

export async function openForCommand(
  command: string,
  flags: { profile?: string | undefined; 'data-dir'?: string | undefined },
  io: CliIo,
  opts: { existing?: boolean; purpose?: 'read' | 'sync' } = {},
): Promise<OpenedProfile | null> {
  if (opts.existing) {
    const missing = missingProfile(command, flags, io);
    if (missing) {
      io.stderr.write(missing);
      return null;
    }
  }
  const opened = await openProfile({ dataDir: flags['data-dir'], profile: flags.profile, env: io.env, purpose: opts.purpose ?? 'read' });
  if (!opened.ok) {
    io.stderr.write(explain(command, opened.error));
    return null;
  }
  if (opened.value.keychain.notice) io.stderr.write(`glue ${command}: ${opened.value.keychain.notice}\n`);
  if (command !== 'status') for (const notice of opened.value.notices) io.stderr.write(`glue ${command}: warning: ${notice}\n`);
  return opened.value;
}
