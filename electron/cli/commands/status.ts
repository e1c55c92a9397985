import { z } from 'zod';
import { RECORD_TYPES } from '../../../shared/domain';
import { dateWithRelative } from '../../../shared/format/dates';
import { loadSettings } from '../../core/config/settings';
import { locateModel, describeModel } from '../../core/search/model-locator';
import { createReader } from '../../core/store/reader';
import { checkProportionate, damagedStore } from '../../core/store/integrity';
import { META_ACTIVE_RUN, META_NOTICES } from '../../core/sync/index';
import { syncLockState } from '../../core/sync/lock';
import { parseFlags } from '../args';
import type { Command } from '../io';
import { openForCommand, profileFlagOptions, profileFlagSchema } from '../profile';

const HELP = `Usage: glue status [--check] [--json] [--profile NAME] [--data-dir DIR]

Shows what the local store holds: records per type, the last sync, skipped records, store
size, where the keys live, the embedding model and the last sync's warnings. It reads every
page of the store to check it (about 2 s at 100k records) and exits 1 when it is damaged; a
store over 256 MB is read in full once a day, and --check reads it now.
`;

const Flags = z.object({ ...profileFlagSchema, json: z.boolean().optional(), check: z.boolean().optional() });
const notices = z.array(z.string());

export const run: Command = async (argv, io) => {
  // openForCommand prints the guard's notices on stderr; status lists them with its warnings.
  const { flags } = parseFlags('status', argv, { ...profileFlagOptions, json: { type: 'boolean' }, check: { type: 'boolean' } }, Flags);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const profile = await openForCommand('status', flags, io, { existing: true });
  if (!profile) return 1;
  try {
    // status is where a user checks the store: every page, as often as its size allows
    // (docs/reliability.md).
    const integrity = checkProportionate(profile.store.db, profile.store.file, { force: flags.check });
    const lock = syncLockState(profile.paths.profileDir);
    const syncLock = lock.held ? { pid: lock.owner?.pid ?? null, since: lock.owner?.since || null, running: lock.alive } : null;
    const lockLine = !syncLock
      ? []
      : syncLock.running
        ? [`A sync is running now (process ${syncLock.pid}${syncLock.since ? `, since ${dateWithRelative(syncLock.since)}` : ''}).`]
        : [`sync.lock is left over from process ${syncLock.pid ?? '?'}, which is no longer running; the next \`glue sync\` takes it over.`];
    if (!integrity.ok) {
      const message = damagedStore(integrity.detail).message;
      if (flags.json) io.stdout.write(`${JSON.stringify({ profile: profile.paths.profile, storeFile: profile.paths.storeDb, integrity: { ok: false, detail: integrity.detail, message }, syncLock })}\n`);
      io.stderr.write(`glue status: ${message}\n`);
      for (const l of lockLine) io.stderr.write(`${l}\n`);
      return 1;
    }
    const reader = createReader(profile.store);
    const counts = reader.counts();
    const last = reader.lastSync();
    let warnings: string[] = [];
    try {
      const parsed = notices.safeParse(JSON.parse(reader.getMeta(META_NOTICES) ?? '[]'));
      if (parsed.success) warnings = parsed.data;
    } catch {
      warnings = [];
    }
    // A settings file that could not be read is moved aside on read; status says where it went.
    // The guard's warnings (offline expiry near or off, clock moved back) come first.
    warnings = [...profile.notices, ...loadSettings(profile.paths.profileDir).warnings, ...warnings];
    const model = locateModel(profile.paths.modelsDir);
    const status = {
      profile: profile.paths.profile,
      connected: profile.credentials !== null,
      baseUrl: profile.credentials?.baseUrl ?? null,
      counts: Object.fromEntries(RECORD_TYPES.map((t) => [t, counts[t]])),
      lastSync: last,
      interruptedRun: (reader.getMeta(META_ACTIVE_RUN) ?? '') !== '',
      skipped: reader.skippedCount(),
      storeBytes: reader.storeSizeBytes(),
      storeFile: profile.paths.storeDb,
      keychain: { kind: profile.keychain.kind, description: profile.keychain.description },
      model: { state: model.state, id: model.id, description: describeModel(model) },
      warnings,
      integrity: { ok: true, ms: integrity.ms, checkedAt: integrity.checkedAt, fresh: integrity.fresh },
      syncLock,
    };
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(status)}\n`);
      return 0;
    }
    const lines = [
      `Profile ${status.profile}: ${status.connected ? `connected to ${status.baseUrl}` : 'not connected (run `glue login`)'}`,
      `Last sync: ${last ? `${last.kind} ${last.status}, started ${dateWithRelative(last.startedAt)}${last.finishedAt ? `, finished ${dateWithRelative(last.finishedAt)}` : ''}, ${last.requests} requests` : 'never (run `glue sync`)'}`,
      ...(status.interruptedRun && !syncLock?.running ? ['An interrupted sync will resume on the next `glue sync`.'] : []),
      ...lockLine,
      'Records:',
      ...RECORD_TYPES.map((t) => `  ${t.padEnd(26)} ${String(counts[t]).padStart(8)}`),
      `Skipped (failed validation): ${status.skipped}`,
      `Store: ${status.storeFile} (${(status.storeBytes / 1024 / 1024).toFixed(1)} MB; ${integrity.fresh ? `every page checked in ${integrity.ms} ms` : `every page checked at ${integrity.checkedAt}; --check checks now`})`,
      `Keys: ${status.keychain.description}`,
      `Model: ${status.model.description}`,
      ...warnings.map((w) => `warning: ${w}`),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    profile.close();
  }
};
