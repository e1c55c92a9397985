import { existsSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { accountFor, clearCredentials } from '../../core/secrets/key-manager';
import { openProfileKeychain } from '../../core/sync/index';
import { parseFlags } from '../args';
import type { CliIo, Command } from '../io';
import { explain, profileFlagOptions, profileFlagSchema } from '../profile';

const HELP = `Usage: glue logout [--wipe [--yes]] [--profile NAME] [--data-dir DIR]

Removes this profile's IT Glue key from the keychain. The local store and its keys stay, so
\`glue login\` later continues with the data you have.
  --wipe   also deletes the local store and its keys (asks first unless --yes)
`;

const Flags = z.object({ ...profileFlagSchema, wipe: z.boolean().optional(), yes: z.boolean().optional() });

async function confirm(io: CliIo, question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: io.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export const run: Command = async (argv, io) => {
  const { flags } = parseFlags('logout', argv, { ...profileFlagOptions, wipe: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } }, Flags);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const opened = await openProfileKeychain({ dataDir: flags['data-dir'], profile: flags.profile, env: io.env });
  if (!opened.ok) {
    io.stderr.write(explain('logout', opened.error));
    return 1;
  }
  const { paths, keychain } = opened.value;
  if (flags.wipe && !flags.yes && !(await confirm(io, `Delete the local store of profile "${paths.profile}" (${paths.storeDb})? [y/N] `))) {
    io.stderr.write('glue logout: nothing changed. Add --yes to delete without asking.\n');
    return 1;
  }
  const cleared = await clearCredentials(keychain.keychain, paths.profile);
  if (!cleared.ok) {
    io.stderr.write(explain('logout', cleared.error));
    return 1;
  }
  if (flags.wipe) {
    for (const f of [paths.storeDb, `${paths.storeDb}-wal`, `${paths.storeDb}-shm`]) if (existsSync(f)) rmSync(f, { force: true });
  }
  try {
    if (flags.wipe) await keychain.keychain.delete(accountFor(paths.profile, 'db-key'));
    if (flags.wipe) await keychain.keychain.delete(accountFor(paths.profile, 'secrets-key'));
  } catch {
    io.stderr.write('glue logout: the IT Glue key was removed, but the store keys could not be deleted from the keychain.\n');
    return 1;
  }
  io.stdout.write(`Logged out of profile "${paths.profile}"${flags.wipe ? ' and deleted its local store' : ''}.\n`);
  return 0;
};
