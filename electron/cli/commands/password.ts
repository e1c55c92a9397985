import { z } from 'zod';
import { loadSettings } from '../../core/config/settings';
import { revealSecret } from '../../core/store/index';
import { createReader, type PasswordMeta } from '../../core/store/reader';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { copyTo, findClipboard, NO_CLIPBOARD, scheduleClear } from '../clipboard';
import { parseFlags } from '../args';
import { UsageError, type Command } from '../io';
import { resolveOrgIn } from './search';
import { explain, openForCommand, profileFlagOptions, profileFlagSchema } from '../profile';

const HELP = `Usage: glue password NAME|ID [--org NAME|ID] [--copy | --print] [--profile NAME] [--data-dir DIR]

Copies a password from the local copy to the clipboard and clears the clipboard after the
clipboardClearSeconds setting (default 30 s) if it still holds the value. Every copy or print
is written to the audit log (door "cli"), like a reveal in the app.

  --org NAME|ID   look only in this organization (a name may be abbreviated or misspelt)
  --copy          copy to the clipboard (the default)
  --print         write the value to standard output instead (also into a pipe: you asked)

A name that fits several entries lists them with their ids; give the id or --org.
Clipboard: pbcopy (macOS), clip (Windows), wl-copy, xclip or xsel (Linux), or the command in
GLUE_CLIPBOARD_COPY (reads the value on stdin; GLUE_CLIPBOARD_PASTE prints it, for the clear).
`;

const Flags = z.object({ ...profileFlagSchema, org: z.string().min(1).optional(), copy: z.boolean().optional(), print: z.boolean().optional() });

const describe = (p: PasswordMeta): string => `"${p.name}"${p.orgName ? ` (${p.orgName})` : ''}`;
const choice = (p: PasswordMeta): string => `  ${String(p.id).padStart(8)}  ${p.name}${p.username ? `  [${p.username}]` : ''}${p.orgName ? `  · ${p.orgName}` : ''}`;

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags(
    'password',
    argv,
    { ...profileFlagOptions, org: { type: 'string' }, copy: { type: 'boolean' }, print: { type: 'boolean' } },
    Flags,
  );
  if (flags.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const ref = positionals.join(' ').trim();
  if (ref === '') throw new UsageError('glue password: name the entry, e.g. `glue password "Domain Admin" --org acme`, or give its id. Run `glue help password`.');
  if (flags.copy && flags.print) throw new UsageError('glue password: --copy and --print exclude each other; choose one.');
  // Found before the value is opened: no audit row for a copy that cannot happen.
  const tool = flags.print ? null : findClipboard(io.env);
  if (!flags.print && !tool) {
    io.stderr.write(`glue password: ${NO_CLIPBOARD}\n`);
    return EXIT_FAILED;
  }
  const profile = await openForCommand('password', flags, io, { existing: true });
  if (!profile) return EXIT_FAILED;
  try {
    const reader = createReader(profile.store);
    const org = flags.org !== undefined ? resolveOrgIn('password', flags.org, reader.listOrganizations({ counts: false })) : null;
    const byId = /^\d{1,15}$/.test(ref) ? reader.passwordMeta(Number(ref)) : null;
    const found = byId && (!org || byId.orgId === org.id) ? [byId] : reader.findPasswordsByName(ref, { orgId: org?.id, limit: 20 });
    if (found.length === 0) {
      io.stderr.write(`glue password: no password entry named "${ref}"${org ? ` in ${org.name}` : ''} in the local copy. Try \`glue search "${ref}" --type passwords\`.\n`);
      return EXIT_FAILED;
    }
    if (found.length > 1) {
      io.stderr.write(`glue password: "${ref}" fits ${found.length === 20 ? 'at least 20' : found.length} entries; which one? Give its id${org ? '' : ' or --org'}:\n${found.map(choice).join('\n')}\n`);
      return EXIT_USAGE;
    }
    const entry = found[0] as PasswordMeta;
    const revealed = revealSecret(profile.store, entry.id, 'cli', flags.print ? 'reveal' : 'copy_password');
    if (!revealed.ok) {
      io.stderr.write(explain('password', revealed.error));
      return EXIT_FAILED;
    }
    if (flags.print || !tool) {
      io.stdout.write(io.stdout.isTTY ? `${revealed.value.value}\n` : revealed.value.value);
      return EXIT_OK;
    }
    const failed = copyTo(tool, revealed.value.value, io.env);
    if (failed) {
      io.stderr.write(`glue password: ${failed}. Use --print to write the value to standard output instead.\n`);
      return EXIT_FAILED;
    }
    const seconds = loadSettings(profile.paths.profileDir).settings.clipboardClearSeconds;
    await scheduleClear(tool, revealed.value.value, seconds, io.env);
    io.stdout.write(`Copied the password of ${describe(entry)} to the clipboard; it clears in ${seconds} s.\n`);
    return EXIT_OK;
  } finally {
    profile.close();
  }
};
