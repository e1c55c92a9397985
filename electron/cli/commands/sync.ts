import { z } from 'zod';
import { RECORD_TYPES } from '../../../shared/domain';
import { runSync, type OpenedProfile, type SyncSummary } from '../../core/sync/index';
import { breakerMessage } from '../../core/itglue/breaker-message';
import { EXIT_CANCELLED, EXIT_FAILED, EXIT_OK, EXIT_PARTIAL } from '../exit-codes';
import { parseFlags } from '../args';
import type { CliIo, Command } from '../io';
import { indexAfterSync } from '../index-step';
import { explain, openForCommand, profileFlagOptions, profileFlagSchema } from '../profile';
import { createProgressBar } from '../progress-bar';

const HELP = `Usage: glue sync [--full] [--json] [--profile NAME] [--data-dir DIR]

Copies your IT Glue account into the local encrypted store. The first sync reads everything;
later ones read only what changed. Ctrl-C stops cleanly; run \`glue sync\` again to resume.
  --full      re-read everything (deletions and archives are always checked)
  --json      one JSON object per line (progress events, then the summary)
Exit codes: 0 done, 1 failed, 2 bad flags, 3 partial (some listings failed after retries;
the rest is saved), 130 cancelled (Ctrl-C or SIGTERM; what was fetched is saved).
Keys: OS keychain, or a passphrase vault with GLUE_PASSPHRASE.
`;

/** What a sync changed, per type: added, changed, removed (and unchanged), the same figures the app shows. */
export function changeSummary(s: Pick<SyncSummary, 'counts'>): { added: number; changed: number; removed: number; unchanged: number } {
  let added = 0;
  let changed = 0;
  let removed = 0;
  let unchanged = 0;
  for (const t of RECORD_TYPES) {
    const c = s.counts[t];
    added += c.added;
    changed += c.written - c.added;
    removed += c.deleted;
    unchanged += c.unchanged;
  }
  return { added, changed, removed, unchanged };
}

function summaryLines(s: SyncSummary): string {
  const counts = RECORD_TYPES.map((t) => ({ t, c: s.counts[t] }))
    .filter(({ c }) => c.written + c.unchanged + c.skipped + c.deleted > 0)
    .map(
      ({ t, c }) =>
        `  ${t.padEnd(26)} ${String(c.added).padStart(6)} added ${String(c.written - c.added).padStart(6)} changed ${String(c.deleted).padStart(6)} removed ${String(c.unchanged).padStart(7)} unchanged${c.skipped ? ` ${c.skipped} skipped` : ''}`,
    );
  const head = `Sync ${s.status} (${s.kind}${s.resumed ? ', resumed' : ''}) in ${(s.durationMs / 1000).toFixed(1)} s, ${s.requests} requests; ${s.passwordValues} password values, ${s.relatedItems} related items.`;
  const t = changeSummary(s);
  const total = t.added + t.changed + t.removed === 0 ? 'No changes since the last sync.' : `Changes: ${t.added} added, ${t.changed} changed, ${t.removed} removed (${t.unchanged} unchanged).`;
  return [head, total, ...counts, ...s.warnings.map((w) => `warning: ${w}`)].join('\n') + '\n';
}

/** Runs one sync with a progress bar (TTY) or JSON lines; shared by `glue sync` and `glue demo`. Returns the exit code. */
export async function syncWithProgress(profile: OpenedProfile, io: CliIo, opts: { full: boolean; json: boolean; command: string }): Promise<number> {
  const client = await profile.createClient({
    breaker: {
      onChange: (e) => {
        const line = breakerMessage(e);
        if (opts.json) io.stdout.write(`${JSON.stringify({ event: 'itglue', state: e.state, ...(e.state === 'open' ? { until: e.until.toISOString() } : {}), message: line })}\n`);
        else io.stderr.write(`\n${line}\n`);
      },
    },
  });
  if (!client.ok) {
    io.stderr.write(explain(opts.command, client.error));
    return EXIT_FAILED;
  }
  const bar = createProgressBar(io.stderr);
  const result = await runSync({
    store: profile.store,
    client: client.value,
    full: opts.full,
    signal: io.signal,
    onProgress: (p) => (opts.json ? io.stdout.write(`${JSON.stringify({ event: 'progress', ...p })}\n`) : bar.update(p)),
  });
  bar.done();
  if (!result.ok) {
    if (opts.json) io.stdout.write(`${JSON.stringify({ event: 'error', error: result.error })}\n`);
    io.stderr.write(explain(opts.command, result.error));
    return EXIT_FAILED;
  }
  const s = result.value;
  if (opts.json) io.stdout.write(`${JSON.stringify({ event: 'summary', ...s })}\n`);
  else io.stdout.write(summaryLines(s));
  if (s.status === 'cancelled') {
    io.stderr.write(`Sync cancelled; run \`glue sync${profile.paths.profile === 'default' ? '' : ` --profile ${profile.paths.profile}`}\` to resume. Everything received so far is saved.\n`);
    return EXIT_CANCELLED;
  }
  if (s.status === 'failed') {
    if (s.error) io.stderr.write(explain(opts.command, s.error));
    return EXIT_FAILED;
  }
  await indexAfterSync(profile, io, { json: opts.json, runId: s.runId, requestsUsed: s.requests });
  if (io.signal.aborted) {
    io.stderr.write('Cancelled after the sync finished: everything is saved; the next `glue sync` brings search by meaning up to date.\n');
    return EXIT_CANCELLED;
  }
  if (s.status === 'partial') {
    // Scripts must be able to tell "some of IT Glue is missing" from success: the warnings say which listings failed.
    io.stderr.write(`Sync partial: ${s.warnings.length} warning(s) above; the listings that failed keep their previous data and are retried by the next \`glue sync\`.\n`);
    return EXIT_PARTIAL;
  }
  return EXIT_OK;
}

const Flags = z.object({ ...profileFlagSchema, full: z.boolean().optional(), json: z.boolean().optional() });

export const run: Command = async (argv, io) => {
  const { flags } = parseFlags('sync', argv, { ...profileFlagOptions, full: { type: 'boolean' }, json: { type: 'boolean' } }, Flags);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  // A store locked for a revoked key or an expired copy opens for a sync: success unlocks it.
  const profile = await openForCommand('sync', flags, io, { purpose: 'sync' });
  if (!profile) return 1;
  try {
    return await syncWithProgress(profile, io, { full: flags.full ?? false, json: flags.json ?? false, command: 'sync' });
  } finally {
    profile.close();
  }
};
