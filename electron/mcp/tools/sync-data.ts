import { z } from 'zod';
import type { SyncProgress } from '../../../shared/domain';
import type { SyncSummary } from '../../core/sync/types';
import type { ItGlueClient } from '../../core/itglue/client';
import type { McpDeps } from '../deps';
import { defineTool, ToolError } from '../tool';

// One sync per server process; the store's lock file covers other processes (the app, the CLI).
// A run outlives the call that started it when it takes longer than the caller waits.
interface Running {
  kind: 'full' | 'incremental';
  startedAt: string;
  last: SyncProgress | null;
  done: Promise<SyncOutcome>;
  abort: AbortController;
  /** The run's IT Glue client: on-demand details share its pacer while it runs (common.ts). */
  client: ItGlueClient;
}
interface SyncOutcome {
  summary: SyncSummary | null;
  error: { code: string; message: string } | null;
}
let running: Running | null = null;

/** The client of the sync this server runs, while it runs. */
export const syncDataClient = (): ItGlueClient | null => running?.client ?? null;

const summaryShape = z
  .object({
    runId: z.string().describe('Sync run id.'),
    kind: z.enum(['full', 'incremental']).describe('What kind of run it was.'),
    status: z.enum(['ok', 'partial', 'failed', 'cancelled']).describe('How it ended.'),
    resumed: z.boolean().describe('It continued an interrupted run.'),
    written: z.number().int().describe('Records added or changed.'),
    deleted: z.number().int().describe('Records removed because IT Glue no longer has them.'),
    requests: z.number().int().describe('IT Glue API requests used.'),
    durationMs: z.number().int().describe('How long it took.'),
    warnings: z.array(z.string()).describe('Things the user should know (e.g. skipped items).'),
  })
  .nullable()
  .describe('The finished run, or null while it is still running.');

function summarize(s: SyncSummary) {
  const counts = Object.values(s.counts);
  return {
    runId: s.runId,
    kind: s.kind,
    status: s.status,
    resumed: s.resumed,
    written: counts.reduce((n, c) => n + c.written, 0),
    deleted: counts.reduce((n, c) => n + c.deleted, 0),
    requests: s.requests,
    durationMs: Math.round(s.durationMs),
    warnings: s.warnings.slice(0, 20),
  };
}

async function start(deps: McpDeps, full: boolean): Promise<Running> {
  const [{ openProfile, runSync }] = await Promise.all([import('../../core/sync/index')]);
  // Its own connection: the first sync of a profile must create the store, which the read
  // side (deps.store) deliberately never does.
  const opened = await openProfile({ dataDir: deps.profile.dataDir, profile: deps.profile.profile, env: deps.env, purpose: 'sync' });
  if (!opened.ok) throw new ToolError(opened.error.code, opened.error.message);
  const profile = opened.value;
  const client = await profile.createClient();
  if (!client.ok) {
    profile.close();
    throw new ToolError(client.error.code, client.error.message);
  }
  const abort = new AbortController();
  const run: Running = { kind: full ? 'full' : 'incremental', startedAt: new Date().toISOString(), last: null, abort, client: client.value, done: Promise.resolve({ summary: null, error: null }) };
  run.done = runSync({ store: profile.store, client: client.value, full, signal: abort.signal, onProgress: (p) => (run.last = p) })
    .then((r): SyncOutcome => (r.ok ? { summary: r.value, error: null } : { summary: null, error: r.error }))
    .catch((): SyncOutcome => ({ summary: null, error: { code: 'INTERNAL', message: 'The sync stopped unexpectedly; run `glue sync` to see why.' } }))
    .finally(() => {
      profile.close();
      if (running === run) running = null;
    });
  return run;
}

export const syncDataTool = defineTool({
  name: 'sync_data',
  title: 'Sync from IT Glue',
  description:
    'Refreshes the local copy from IT Glue: incremental (only changes, the default) or full. Sends progress while it waits; a long run keeps going in the background, and calling again reports on it. Refuses while another sync runs.',
  input: {
    mode: z.enum(['incremental', 'full']).optional().describe('incremental (default): only changes since the last sync; full: re-read everything.'),
    waitSeconds: z.number().int().optional().describe('How long to wait for the run to finish before returning, 0-600 (default 50); it keeps running after.'),
  },
  output: {
    status: z.enum(['finished', 'running', 'busy', 'failed']).describe('finished: done (see summary); running: still going in the background; busy: another sync was already running; failed: could not run (see message).'),
    message: z.string().describe('What happened, for the user.'),
    progress: z
      .object({
        phase: z.string().describe('Sync phase.'),
        resourceType: z.string().nullable().describe('Record type being read.'),
        done: z.number().int().describe('Items done in this phase.'),
        total: z.number().int().nullable().describe('Items in this phase, when known.'),
        message: z.string().describe('Progress text.'),
      })
      .nullable()
      .describe('Latest progress of a running sync.'),
    summary: summaryShape,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async ({ mode, waitSeconds }, { deps, progress, signal }) => {
    const progressOf = (p: SyncProgress | null) => (p ? { phase: p.phase, resourceType: p.resourceType, done: p.done, total: p.total, message: p.message } : null);
    if (running) {
      return {
        data: { status: 'busy' as const, message: `A ${running.kind} sync started at ${running.startedAt} is still running; ask again later for its result.`, progress: progressOf(running.last), summary: null },
        text: 'A sync is already running in Glue Desk; I did not start another. Ask again in a minute for its progress.',
      };
    }
    const run = await start(deps, mode === 'full');
    running = run;
    const waitMs = Math.max(0, Math.min(600, Math.trunc(waitSeconds ?? 50))) * 1000;
    const cancel = () => run.abort.abort();
    signal.addEventListener('abort', cancel, { once: true });
    let sent = '';
    const tick = setInterval(() => {
      const p = run.last;
      const key = p ? `${p.phase}:${p.resourceType}:${p.done}` : '';
      if (!p || key === sent) return;
      sent = key;
      void progress(p.done, p.total, `${p.phase}${p.resourceType ? ` ${p.resourceType}` : ''}: ${p.message}`).catch(() => undefined);
    }, 250);
    try {
      const outcome = await Promise.race([run.done, new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs).unref())]);
      if (!outcome) {
        return {
          data: { status: 'running' as const, message: `The ${run.kind} sync is still running in the background; call sync_data again later for its result.`, progress: progressOf(run.last), summary: null },
          text: `Sync still running (${progressOf(run.last)?.message ?? 'starting'}). Call sync_data again later for the result.`,
        };
      }
      if (outcome.error) {
        const status = outcome.error.code === 'SYNC_RUNNING' ? ('busy' as const) : ('failed' as const);
        const text = status === 'busy' ? `Another Glue Desk process is syncing this profile; I did not start a second sync. ${outcome.error.message}` : outcome.error.message;
        return { data: { status, message: outcome.error.message, progress: null, summary: null }, text };
      }
      const summary = outcome.summary ? summarize(outcome.summary) : null;
      const message = summary ? `${summary.kind} sync ${summary.status}: ${summary.written} records written, ${summary.deleted} removed, ${summary.requests} requests.` : 'Sync finished.';
      return { data: { status: 'finished' as const, message, progress: null, summary }, text: message };
    } finally {
      clearInterval(tick);
      signal.removeEventListener('abort', cancel);
    }
  },
});
