import type { RecordType } from '../../../shared/domain';
import type { ItGlueResource } from '../itglue/schemas';
import { folderPaths } from './account-listings';
import type { SyncContext } from './context';
import type { ListingOutcome } from './listing-runner';

const PATH = 'document-folder-path';
/** Documents re-written per queued write: a few hundred keep each group commit short. */
const PER_WRITE = 500;

/**
 * Brings every live foldered document's folder path ("Runbooks / Network", part of its search
 * text) in line with the folders as now stored. Two kinds of document need it: those listed
 * before their folders (a tenant that proved one documents listing per organization lists its
 * folders after "searchable", listing-plan.ts) and those whose folder was renamed or moved since
 * they were listed (an incremental listing re-reads only changed documents). Runs only when
 * every folder listing of the run completed, after their sweep: with a folder missing, its
 * documents would lose their path. A document keeps its IT Glue `updated-at`, so no detail pass
 * fetches its sections again, and the run that last listed it: a rewritten path is not IT Glue
 * listing the document, which the deletion sweep and the documents proof count on
 * (`last_seen_run`, sync/documents-proof.ts), also when a stopped run resumes.
 */
export async function fillFolderPaths(ctx: SyncContext, outcomes: readonly ListingOutcome[], failedTypes: ReadonlySet<RecordType>): Promise<void> {
  const folders = outcomes.filter((o) => o.unit.resource === 'document-folders');
  if (folders.length === 0 || failedTypes.has('document-folders') || folders.some((o) => !o.complete)) return;
  const { paths } = folderPaths(ctx);
  const rows = ctx.store.db
    .prepare<[], { id: string; attrs: string; folder: number; seen: string | null }>(
      'SELECT r.itglue_id AS id, r.attrs, d.folder_id AS folder, r.last_seen_run AS seen FROM documents d JOIN records r ON r.rowid = d.record_rowid AND r.deleted_at IS NULL WHERE d.folder_id IS NOT NULL',
    )
    .all();
  // By the run that last listed each document: the writer stamps a page with its run.
  const bySighting = new Map<string, ItGlueResource[]>();
  for (const row of rows) {
    const attributes = JSON.parse(row.attrs) as Record<string, unknown>;
    const path = paths.get(row.folder);
    if (attributes[PATH] === path) continue;
    if (path === undefined) delete attributes[PATH];
    else attributes[PATH] = path;
    const run = row.seen ?? ctx.runId;
    const group = bySighting.get(run);
    const doc = { id: row.id, type: 'documents', attributes };
    if (group) group.push(doc);
    else bySighting.set(run, [doc]);
  }
  for (const [runId, changed] of bySighting) {
    for (let i = 0; i < changed.length; i += PER_WRITE) {
      const resources = changed.slice(i, i + PER_WRITE);
      await ctx.writes.add({ write: () => ctx.writer.applyPage({ type: 'documents', resources, runId }), records: resources.length });
    }
  }
  await ctx.writes.drain();
}
