import { z } from 'zod';
import type { ResultError } from '../../../shared/result';
import { moveStoreAside } from '../../core/profile/move-store-aside';
import { quickCheck } from '../../core/store/integrity';
import { acquireSyncLock, openProfile, openProfileKeychain } from '../../core/sync/index';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { parseFlags } from '../args';
import type { Command } from '../io';
import { explain, openForCommand, profileFlagOptions, profileFlagSchema } from '../profile';
import { syncWithProgress } from './sync';

const HELP = `Usage: glue repair [--force] [--json] [--profile NAME] [--data-dir DIR]

Checks the local store; when it is damaged (or its keys no longer open it), moves it aside as
store.db.damaged-<time> (kept, never deleted) and runs a full sync into a fresh store with the
same keys. A sound store is left alone unless --force is given.
  --force     move the store aside and re-sync even if it passes the check
  --json      sync progress and summary as JSON lines
Exit codes as for \`glue sync\`.
`;

const Flags = z.object({ ...profileFlagSchema, force: z.boolean().optional(), json: z.boolean().optional() });

/** Errors that a fresh store fixes; anything else (no keychain, wrong passphrase) it would not. */
const REPAIRABLE: ReadonlySet<ResultError['code']> = new Set(['STORE_CORRUPT', 'STORE_WRONG_KEY']);

export const run: Command = async (argv, io) => {
  const { flags } = parseFlags('repair', argv, { ...profileFlagOptions, force: { type: 'boolean' }, json: { type: 'boolean' } }, Flags);
  if (flags.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const base = await openProfileKeychain({ dataDir: flags['data-dir'], profile: flags.profile, env: io.env });
  if (!base.ok) {
    io.stderr.write(explain('repair', base.error));
    return EXIT_FAILED;
  }
  const { paths } = base.value;
  // Held while deciding and moving, so no sync writes into the file being moved.
  const lock = acquireSyncLock(paths.profileDir);
  if (!lock.ok) {
    io.stderr.write(explain('repair', lock.error));
    return EXIT_FAILED;
  }
  try {
    const opened = await openProfile({ dataDir: flags['data-dir'], profile: flags.profile, env: io.env, purpose: 'sync' });
    let reason: string;
    if (opened.ok) {
      const check = quickCheck(opened.value.store.db);
      opened.value.close();
      if (check.ok && !flags.force) {
        io.stdout.write(`The store ${paths.storeDb} passed its check (every page read in ${check.ms} ms); nothing to repair. Use --force to re-sync it anyway.\n`);
        return EXIT_OK;
      }
      reason = check.ok ? 'forced' : check.detail;
    } else if (REPAIRABLE.has(opened.error.code)) {
      reason = opened.error.message;
    } else {
      io.stderr.write(explain('repair', opened.error));
      return EXIT_FAILED;
    }
    const moved = moveStoreAside(paths.storeDb);
    if (!moved.ok) {
      io.stderr.write(explain('repair', moved.error));
      return EXIT_FAILED;
    }
    io.stderr.write(`glue repair: moved the store aside (${reason.length > 160 ? `${reason.slice(0, 157)}…` : reason}); it is kept as ${moved.value.keptAs}. Syncing a fresh copy.\n`);
  } finally {
    lock.value.release();
  }
  const profile = await openForCommand('repair', flags, io);
  if (!profile) return EXIT_FAILED;
  try {
    return await syncWithProgress(profile, io, { full: true, json: flags.json ?? false, command: 'repair' });
  } finally {
    profile.close();
  }
};
