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
 * fetches its sections again.
 */
export async function fillFolderPaths(ctx: SyncContext, outcomes: readonly ListingOutcome[], failedTypes: ReadonlySet<RecordType>): Promise<void> {
  const folders = outcomes.filter((o) => o.unit.resource === 'document-folders');
  if (folders.length === 0 || failedTypes.has('document-folders') || folders.some((o) => !o.complete)) return;
  const { paths } = folderPaths(ctx);
  const rows = ctx.store.db
    .prepare<[], { id: string; attrs: string; folder: number }>(
      'SELECT r.itglue_id AS id, r.attrs, d.folder_id AS folder FROM documents d JOIN records r ON r.rowid = d.record_rowid AND r.deleted_at IS NULL WHERE d.folder_id IS NOT NULL',
    )
    .all();
  const changed: ItGlueResource[] = [];
  for (const row of rows) {
    const attributes = JSON.parse(row.attrs) as Record<string, unknown>;
    const path = paths.get(row.folder);
    if (attributes[PATH] === path) continue;
    if (path === undefined) delete attributes[PATH];
    else attributes[PATH] = path;
    changed.push({ id: row.id, type: 'documents', attributes });
  }
  for (let i = 0; i < changed.length; i += PER_WRITE) {
    const resources = changed.slice(i, i + PER_WRITE);
    await ctx.writes.add({ write: () => ctx.writer.applyPage({ type: 'documents', resources, runId: ctx.runId }), records: resources.length });
  }
  await ctx.writes.drain();
}
