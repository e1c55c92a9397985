import type { RecordType } from '../../../shared/domain';
import { checkCancelled, type SyncContext } from './context';
import { documentsAnswerEmpty } from './documents-proof';
import { listingIds, type ListingOutcome } from './listing-runner';

/**
 * IT Glue has no tombstones: a record is gone when a complete listing no longer has it. Seen =
 * records this run touched (full listings write every record they read) plus, for listings
 * that read only changes, an id sweep with sparse fieldsets. Runs per type only when every
 * listing of that type completed, so a failed or partial listing never marks anything deleted.
 */
export async function sweepListings(ctx: SyncContext, outcomes: readonly ListingOutcome[], failedTypes: ReadonlySet<RecordType>): Promise<void> {
  const byType = new Map<RecordType, ListingOutcome[]>();
  for (const o of outcomes) byType.set(o.unit.resource, [...(byType.get(o.unit.resource) ?? []), o]);
  for (const [type, list] of byType) {
    checkCancelled(ctx.signal);
    if (failedTypes.has(type) || list.some((o) => !o.complete)) {
      ctx.warnings.push(`Deleted ${type} were not checked this time because its listing did not finish.`);
      continue;
    }
    // Records this run wrote or touched are seen in the store itself (last_seen_run); only the
    // id sweeps of change-only listings add ids from outside.
    const extra: string[] = [];
    for (const o of list) {
      if (o.full) continue;
      for (const id of o.ids ?? (await listingIds(ctx, o.unit))) extra.push(id);
    }
    checkCancelled(ctx.signal);
    if (type === 'documents' && documentsAnswerEmpty(ctx, extra)) {
      ctx.warnings.push('IT Glue listed no documents at all this time; deleted documents were not checked, so none were removed from Glue Desk.');
      continue;
    }
    const gone = ctx.writer.markDeletedExcept(type, '*', extra, ctx.runId, { seenInRun: ctx.runId });
    ctx.counts[type].deleted += gone;
    ctx.progress.emit('sweep', type, null, 0, `${type}: ${gone} deleted`);
    if (type === 'configurations') sweepChildren(ctx, 'configuration-interfaces', 'interfaces', 'configuration_id', 'configurations', null);
  }
}

/**
 * Children read together with a parent (interfaces with configurations, sections per
 * document) are live when their parent is live and either the parent was not re-read this
 * run or the child was seen again with it.
 */
export function sweepChildren(
  ctx: SyncContext,
  type: RecordType,
  table: 'interfaces' | 'document_sections' | 'checklist_tasks',
  parentColumn: 'configuration_id' | 'document_id' | 'checklist_id',
  parentTable: 'configurations' | 'documents' | 'checklists',
  reread: ReadonlySet<number> | null,
): number {
  // Identifiers are fixed by the callers above, never user input.
  const rows = ctx.store.db
    .prepare<[string], { itglue_id: string; last_seen_run: string | null; parent: number; parent_seen: string | null }>(
      `SELECT r.itglue_id, r.last_seen_run, c.${parentColumn} AS parent, pr.last_seen_run AS parent_seen
       FROM records r JOIN ${table} c ON c.record_rowid = r.rowid
       JOIN ${parentTable} p ON p.id = c.${parentColumn}
       JOIN records pr ON pr.rowid = p.record_rowid AND pr.deleted_at IS NULL
       WHERE r.type = ? AND r.deleted_at IS NULL`,
    )
    .all(type);
  const seen: string[] = [];
  for (const r of rows) {
    const parentReread = reread ? reread.has(r.parent) : r.parent_seen === ctx.runId;
    if (!parentReread || r.last_seen_run === ctx.runId) seen.push(r.itglue_id);
  }
  const gone = ctx.writer.markDeletedExcept(type, '*', seen, ctx.runId);
  ctx.counts[type].deleted += gone;
  return gone;
}
