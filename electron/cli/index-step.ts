import type { SyncProgress } from '../../shared/domain';
import { loadSettings } from '../core/config/settings';
import { createEmbedder } from '../core/search/embedder';
import { locateModel } from '../core/search/model-locator';
import { updateEmbeddings, type EmbedProgress } from '../core/search/vectors';
import { withCheckpointer } from '../core/store/index';
import type { OpenedProfile } from '../core/sync/index';
import type { CliIo } from './io';
import { createProgressBar } from './progress-bar';

/**
 * After a sync: bring the vectors in line with the records so `glue ask`/`search` (and MCP)
 * search by meaning too. Without a model, or with semantic search off, it says so in one line
 * and search stays keyword-only. Embedding failures never fail the sync that preceded them.
 */
export async function indexAfterSync(profile: OpenedProfile, io: CliIo, opts: { json: boolean; runId: string; requestsUsed: number }): Promise<void> {
  const model = locateModel(profile.paths.modelsDir);
  const loaded = loadSettings(profile.paths.profileDir);
  // A settings file that could not be read was moved aside and defaults are in use: say where it went.
  for (const w of loaded.warnings) io.stderr.write(`warning: ${w}\n`);
  const enabled = loaded.settings.modelEnabled;
  if (model.state === 'missing' || !enabled) {
    if (!opts.json) {
      io.stderr.write(
        enabled
          ? 'Search by meaning is off until the model is installed (`glue model download`); keyword search works.\n'
          : 'Search by meaning is turned off in settings; keyword search works.\n',
      );
    }
    return;
  }
  const bar = createProgressBar(io.stderr);
  const emit = (p: SyncProgress): void => {
    if (opts.json) io.stdout.write(`${JSON.stringify({ event: 'progress', ...p })}\n`);
    else bar.update(p);
  };
  const embedder = createEmbedder({ modelsDir: profile.paths.modelsDir });
  try {
    const started = Date.now();
    const onProgress = (p: EmbedProgress): void =>
      emit({
        runId: opts.runId,
        phase: 'index',
        resourceType: null,
        orgId: null,
        // After the embedding, a large store's vectors are filed into the lists unscoped search reads.
        done: (p.lists ?? p).done,
        total: (p.lists ?? p).total,
        requestsUsed: opts.requestsUsed,
        etaSeconds: !p.lists && p.done > 0 ? Math.round(((Date.now() - started) / 1000) * ((p.total - p.done) / p.done)) : null,
        message: p.lists ? 'Organising search by meaning' : 'Indexing for search by meaning',
      });
    const r = await withCheckpointer(profile.store, (checkpoints) => updateEmbeddings(profile.store.db, embedder, { signal: io.signal, checkpoints, onProgress }));
    bar.done();
    if (!r.ok) io.stderr.write(`Search by meaning is not up to date (${r.error.message}); keyword search works.\n`);
    else if (!opts.json) io.stdout.write(`Search by meaning: ${r.value.embeddedRecords} records indexed (${model.state === 'fixture' ? 'test fixture model, not semantic' : model.id}).\n`);
  } finally {
    bar.done();
    await embedder.close();
  }
}
