import { z } from 'zod';
import { priorityOrgIds, setOrgPinned } from '../../core/store/priority-orgs';
import { createReader } from '../../core/store/reader';
import { parseFlags } from '../args';
import { UsageError, type Command } from '../io';
import { resolveOrgIn } from './search';
import { openForCommand, profileFlagOptions, profileFlagSchema } from '../profile';

const HELP = `Usage: glue pin [ORG] [--remove] [--profile NAME] [--data-dir DIR]

Pins an organization (a name, possibly abbreviated, or an id): while a sync fetches details
(related items, password values, document sections), a pinned organization's come first, even
across syncs, until unpinned. Without ORG, lists the organizations whose details go first now:
pinned ones, and those recently opened in the app or asked about (app, MCP).

  --remove   unpin ORG
`;

const Flags = z.object({ ...profileFlagSchema, remove: z.boolean().optional() });

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags('pin', argv, { ...profileFlagOptions, remove: { type: 'boolean' } }, Flags);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const said = positionals.join(' ').trim();
  if (flags.remove && said === '') throw new UsageError('glue pin: --remove needs the organization to unpin, e.g. `glue pin --remove acme`.');
  const profile = await openForCommand('pin', flags, io, { existing: true });
  if (!profile) return 1;
  try {
    const orgs = createReader(profile.store).listOrganizations({ counts: false });
    const nameOf = new Map(orgs.map((o) => [o.id, o.name]));
    if (said !== '') {
      const org = resolveOrgIn('pin', said, orgs);
      if (!setOrgPinned(profile.store.db, org.id, !flags.remove)) {
        io.stderr.write('glue pin: the store is busy (a sync is writing) or read-only; try again in a moment.\n');
        return 1;
      }
      io.stdout.write(flags.remove ? `Unpinned ${org.name}.\n` : `Pinned ${org.name}: its details are fetched first while a sync runs.\n`);
    }
    const ids = priorityOrgIds(profile.store.db);
    if (said === '' || !flags.remove) {
      io.stdout.write(ids.length === 0 ? 'No organization goes first; details follow the normal order.\n' : `Details first for: ${ids.map((id) => nameOf.get(id) ?? `organization ${id}`).join(', ')}\n`);
    }
    return 0;
  } finally {
    profile.close();
  }
};
