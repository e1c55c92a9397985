import type { RecordType } from '../../../shared/domain';
import type { ItGlueResource } from '../itglue/schemas';
import type { SyncContext } from './context';

/** IT Glue's class name for the parents whose shows carry attachments. */
const CLASS_OF: Record<string, string> = { configurations: 'Configuration', 'flexible-assets': 'FlexibleAsset' };

/**
 * Attachment metadata from a show's `included`, each tied to its parent record and that
 * record's organization when IT Glue leaves them out (no file body is ever fetched).
 */
export function attachmentsOf(parent: ItGlueResource, included: readonly ItGlueResource[]): ItGlueResource[] {
  const org = parent.attributes['organization-id'];
  return included
    .filter((r) => r.type === 'attachments')
    .map((a) => ({
      ...a,
      attributes: {
        'organization-id': org ?? null,
        'resource-type': CLASS_OF[parent.type] ?? parent.type,
        'resource-id': Number(parent.id),
        ...Object.fromEntries(Object.entries(a.attributes).filter(([, v]) => v !== null && v !== undefined)),
      },
    }));
}


/**
 * Attachments are read with their parent's show, so an attachment is gone when its parent is
 * gone, or when its parent was shown again this run without it. `reread` holds, per parent
 * type, the ids shown this run; a type whose pass did not finish is absent, and its
 * attachments are all kept.
 */
export function sweepAttachments(ctx: SyncContext, reread: ReadonlyMap<RecordType, ReadonlySet<number>>): number {
  const rows = ctx.store.db
    .prepare<[], { itglue_id: string; last_seen_run: string | null; resource_type: string | null; resource_id: number | null; parent_live: number }>(
      `SELECT r.itglue_id, r.last_seen_run, a.resource_type, a.resource_id,
              EXISTS (SELECT 1 FROM records p WHERE p.type = a.resource_type AND p.itglue_id = CAST(a.resource_id AS TEXT) AND p.deleted_at IS NULL) AS parent_live
         FROM records r JOIN attachments a ON a.record_rowid = r.rowid
        WHERE r.type = 'attachments' AND r.deleted_at IS NULL`,
    )
    .all();
  const seen: string[] = [];
  for (const r of rows) {
    const shown = r.resource_type ? reread.get(r.resource_type as RecordType) : undefined;
    if (!shown) {
      // Parent type not walked this run (or its pass failed): keep unless the parent is gone and its type was checked.
      if (r.parent_live === 1 || !reread.has(r.resource_type as RecordType)) seen.push(r.itglue_id);
      continue;
    }
    if (r.parent_live === 1 && (r.resource_id === null || !shown.has(r.resource_id) || r.last_seen_run === ctx.runId)) seen.push(r.itglue_id);
  }
  const gone = ctx.writer.markDeletedExcept('attachments', '*', seen, ctx.runId);
  ctx.counts.attachments.deleted += gone;
  return gone;
}
