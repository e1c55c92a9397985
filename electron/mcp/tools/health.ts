import { z } from 'zod';
import type { ModelStatus, StoreStatus } from '../deps';
import { defineTool } from '../tool';

const STALE_DAYS = 7;

const StoreState = z.enum(['missing', 'present', 'ready', 'locked', 'revoked', 'expired', 'corrupt', 'wrong_key', 'too_new']);
const ModelState = z.enum(['missing', 'fixture', 'not_loaded', 'loading', 'ready', 'failed']);

export const healthTool = defineTool({
  name: 'health',
  title: 'Glue Desk health',
  description:
    'Checks the local IT Glue copy before you rely on it: whether a synced store exists, when it last synced, record counts, the semantic search model, and whether password values are available. Call it first when other tools return nothing or errors.',
  input: {
    includeCounts: z.boolean().optional().describe('List record counts per type in the text answer (default true; structured output always has them).'),
  },
  output: {
    status: z.enum(['ok', 'warning', 'error']).describe('ok: ready to answer; warning: works with limits (see warnings); error: cannot answer until fixed.'),
    profile: z.string().describe('Glue Desk profile this server reads.'),
    store: z
      .object({
        state: StoreState.describe(
          'missing: never synced; present: file exists; ready: open and usable; revoked: IT Glue revoked the key, password values destroyed, locked until a sync with a valid key; expired: offline too long, password values destroyed, closed until a sync succeeds; locked/corrupt/wrong_key/too_new: needs the user.',
        ),
        lastSyncAt: z.string().nullable().describe('RFC 3339 time of the last completed sync, or null.'),
        counts: z.record(z.string(), z.number().int()).describe('Records per IT Glue type in the local copy.'),
        ageHours: z.number().nullable().describe('Hours since the last completed sync, or null.'),
        sizeBytes: z.number().int().nullable().describe('Size of the store on disk (with its write-ahead log), when it could be opened.'),
        lastRun: z
          .object({
            kind: z.enum(['full', 'incremental']).describe('Run kind.'),
            status: z.string().describe('running, ok, partial, failed or cancelled.'),
            startedAt: z.string().describe('When it started.'),
            finishedAt: z.string().nullable().describe('When it finished, or null.'),
          })
          .nullable()
          .describe('The newest sync run, finished or not.'),
        skipped: z.number().int().nullable().describe('Items IT Glue returned that could not be stored.'),
        offline: z
          .object({
            state: z.enum(['ok', 'warning', 'expired', 'never']).describe('ok; warning: expires within 3 days unless a sync reaches IT Glue; expired; never: expiry turned off.'),
            expiresAt: z.string().nullable().describe('When the offline copy expires without a sync (RFC 3339), or null.'),
            daysLeft: z.number().int().nullable().describe('Whole days left, or null.'),
          })
          .nullable()
          .describe('The offline-expiry rule: after offlineExpiryDays without reaching IT Glue, password values are destroyed.'),
      })
      .describe('The encrypted local copy of IT Glue.'),
    model: z
      .object({
        state: ModelState.describe('missing: not downloaded (keyword search only); fixture: test model, not semantic; not_loaded: loads on first semantic search; ready; failed.'),
        name: z.string().nullable().describe('Embedding model name.'),
      })
      .describe('The semantic search model.'),
    passwordValues: z.enum(['withheld', 'allowed']).describe('Whether tools may return password values (a setting the user controls in Glue Desk).'),
    warnings: z.array(z.string()).describe('Problems and what to do about each.'),
    version: z.string().describe('Glue Desk version.'),
  },
  handler: async ({ includeCounts }, { deps }) => {
    const warnings: string[] = [];
    let status: 'ok' | 'warning' | 'error' = 'ok';
    const raise = (to: 'warning' | 'error') => {
      if (status !== 'error') status = to;
    };

    const store = await safely(deps.storeStatus, (): StoreStatus => ({
      state: 'corrupt',
      lastSyncAt: null,
      counts: {},
      message: 'Could not check the local store. Restart Claude Desktop; if it persists, open Glue Desk and check the store.',
    }));
    switch (store.state) {
      case 'missing':
        raise('warning');
        warnings.push(store.message ?? 'Never synced: run `glue sync` (or open Glue Desk and sync) to make a local copy.');
        break;
      case 'locked':
        raise('warning');
        warnings.push(store.message ?? 'The store is locked: open Glue Desk and unlock it, then try again.');
        break;
      case 'revoked':
      case 'expired':
        raise('error');
        warnings.push(store.message ?? `Glue Desk is ${store.state}: sync with a valid key to unlock it.`);
        break;
      case 'corrupt':
      case 'wrong_key':
      case 'too_new':
        raise('error');
        warnings.push(store.message ?? `The store cannot be read (${store.state}). Open Glue Desk to repair or re-sync it.`);
        break;
      case 'ready':
        for (const n of store.notices ?? []) warnings.push(n);
        if (store.offline?.state === 'warning' || store.offline?.state === 'never') raise('warning');
        if (store.details?.lastRun?.status === 'running') warnings.push('A sync is running now; answers may change when it finishes.');
        if (store.details?.lastRun && (store.details.lastRun.status === 'failed' || store.details.lastRun.status === 'cancelled' || store.details.lastRun.status === 'partial')) {
          raise('warning');
          warnings.push(`The last sync ended ${store.details.lastRun.status}: run \`glue sync\` to finish it (it resumes where it stopped).`);
        }
        for (const w of store.details?.lastRun?.warnings ?? []) warnings.push(`Last sync: ${w}`);
        if (store.details && store.details.skipped > 0) warnings.push(`${store.details.skipped} item(s) from IT Glue could not be stored; \`glue status\` lists them.`);
        if (!store.lastSyncAt) {
          raise('warning');
          warnings.push('No sync has completed yet: run `glue sync` to finish one.');
        } else {
          const days = (Date.now() - Date.parse(store.lastSyncAt)) / 86_400_000;
          if (days > STALE_DAYS) {
            raise('warning');
            warnings.push(`Last sync was ${Math.floor(days)} days ago: answers may be out of date; run \`glue sync\`.`);
          }
        }
        break;
      case 'present':
        break;
    }

    const model = await safely(deps.modelStatus, (): ModelStatus => ({ state: 'failed', name: null, message: 'Could not check the search model.' }));
    if (model.state === 'missing' || model.state === 'fixture' || model.state === 'failed') {
      raise('warning');
      warnings.push(model.message ?? `Semantic search model ${model.state}: keyword search still works.`);
    }
    const settings = await safely(deps.settings, () => ({ allowPasswordValues: false }));

    const data = {
      status,
      profile: deps.profile.profile,
      store: {
        state: store.state,
        lastSyncAt: store.lastSyncAt,
        counts: { ...store.counts },
        ageHours: store.lastSyncAt ? Math.round(((Date.now() - Date.parse(store.lastSyncAt)) / 3_600_000) * 10) / 10 : null,
        sizeBytes: store.details?.sizeBytes ?? null,
        lastRun: store.details?.lastRun ? { kind: store.details.lastRun.kind, status: store.details.lastRun.status, startedAt: store.details.lastRun.startedAt, finishedAt: store.details.lastRun.finishedAt } : null,
        skipped: store.details?.skipped ?? null,
        offline: store.offline ?? null,
      },
      model: { state: model.state, name: model.name },
      passwordValues: settings.allowPasswordValues ? ('allowed' as const) : ('withheld' as const),
      warnings,
      version: deps.version,
    };
    return { data, text: renderHealth(data, includeCounts !== false) };
  },
});

async function safely<T>(get: () => Promise<T>, fallback: () => T): Promise<T> {
  try {
    return await get();
  } catch {
    return fallback();
  }
}

function renderHealth(h: {
  status: string;
  profile: string;
  store: { state: string; lastSyncAt: string | null; counts: Record<string, number>; ageHours: number | null; sizeBytes: number | null };
  model: { state: string; name: string | null };
  passwordValues: string;
  warnings: string[];
}, withCounts: boolean): string {
  const counts = !withCounts ? '' : Object.entries(h.store.counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `Glue Desk: ${h.status.toUpperCase()} (profile ${h.profile})`,
    `Store: ${h.store.state}${h.store.lastSyncAt ? `, last sync ${h.store.lastSyncAt} (${h.store.ageHours ?? '?'} h ago)` : ''}${h.store.sizeBytes !== null ? `, ${(h.store.sizeBytes / 1_048_576).toFixed(1)} MB` : ''}${counts ? ` — ${counts}` : ''}`,
    `Search model: ${h.model.state}`,
    `Password values: ${h.passwordValues}`,
    ...h.warnings.map((w) => `Warning: ${w}`),
  ];
  return lines.join('\n');
}
