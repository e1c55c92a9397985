import { z } from 'zod';
import type { RecordType } from '../../../shared/domain';
import { parseJsonWith } from '../../../shared/parse-json';
import { listIds } from '../itglue/resources';
import type { ItGlueResource } from '../itglue/schemas';
import { addCounts, checkCancelled, type SyncContext } from './context';
import type { ListingUnit } from './planner';

const cursorSchema = z.object({ page: z.number().int().positive().optional(), max: z.string().nullable().optional(), full: z.boolean(), done: z.boolean().optional() });
type ListingCursor = z.infer<typeof cursorSchema>;

const parseCursor = (text: string | null): ListingCursor | null => parseJsonWith(cursorSchema, text);

export interface ListingOutcome {
  unit: ListingUnit;
  complete: boolean;
  /** The listing read everything in scope (not only changes), so this run's sightings are the sweep's seen set. */
  full: boolean;
  /**
   * Settles once the listing's pages and its completion mark are committed (they may still sit
   * in the write queue when the runner returns). Listings that depend on this one await it.
   */
  stored?: Promise<void>;
  /** Ids an id listing already returned for this listing this run (the sweep lists them otherwise). */
  ids?: string[];
}

const maxUpdated = (current: string | null, records: readonly ItGlueResource[]): string | null => {
  let max = current;
  for (const r of records) {
    const u = r.attributes['updated-at'];
    // RFC 3339 UTC strings from one server order like the times they name.
    if (typeof u === 'string' && (max === null || u > max)) max = u;
  }
  return max;
};

/**
 * Interfaces arrive only as `included` on configuration pages, and IT Glue does not always
 * move a configuration's updated-at when one of its interfaces changes, so an incremental
 * listing (which stops at the first unchanged configuration) can miss such a change. A listing
 * that carries included records is therefore read in full once it has not been for this long:
 * about one request per 1,000 configurations, once a week, unchanged rows cost only a touch.
 */
export const INCLUDED_FULL_READ_MS = 7 * 24 * 3600 * 1000;

const fullReadKey = (unit: ListingUnit): string => `sync.fullRead:${unit.resource}:${unit.scope}`;

/**
 * Runs one listing page by page. Each page, its included records and the checkpoint (next page,
 * running watermark) are written in ONE transaction, so a crash leaves whole pages only and a
 * resumed run starts at the next page. The watermark moves only when the listing completes.
 */
export async function runListing(ctx: SyncContext, unit: ListingUnit): Promise<ListingOutcome> {
  const { writer, runId } = ctx;
  const previous = writer.getCheckpoint(unit.resource, unit.scope);
  const ours = previous?.runId === runId ? parseCursor(previous.cursor) : null;
  if (ours?.done) return { unit, complete: true, full: ours.full };
  const watermark = previous?.lastUpdatedAt ?? null;
  const lastFullRead = ctx.store.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(fullReadKey(unit))?.value ?? '';
  const includedStale = unit.includedType !== undefined && !(ctx.now().getTime() - Date.parse(lastFullRead) < INCLUDED_FULL_READ_MS);
  const full = ours ? ours.full : ctx.kind === 'full' || watermark === null || includedStale;
  const startPage = ours?.page ?? 1;
  let max = ours?.max ?? null;
  const since = full || watermark === null ? undefined : new Date(Date.parse(watermark) - ctx.overlapMs).toISOString();
  // The page, its included records and the checkpoint go into the same group commit.
  const writePage = (data: ItGlueResource[], included: ItGlueResource[], cursor: string): void => {
    const checkpoint = { resource: unit.resource, scope: unit.scope, cursor, lastUpdatedAt: watermark };
    const main = writer.applyPage({ type: unit.resource, resources: data, runId, checkpoint: unit.includedType ? undefined : checkpoint });
    addCounts(ctx, unit.resource, main);
    if (unit.includedType) {
      const type: RecordType = unit.includedType;
      addCounts(ctx, type, writer.applyPage({ type, resources: included.filter((r) => r.type === type), runId, checkpoint }));
    }
  };

  let announced = false;
  for await (const page of unit.open(ctx.client, { startPage, updatedSince: since, signal: ctx.signal, now: ctx.now() })) {
    checkCancelled(ctx.signal);
    if (!announced && page.meta.totalCount !== null) {
      ctx.progress.announce(full ? Math.max(0, page.meta.totalCount - (startPage - 1) * 1000) : page.data.length);
      announced = true;
    }
    max = maxUpdated(max, page.data);
    const next = page.meta.nextPage ?? page.meta.currentPage + 1;
    const cursor = JSON.stringify({ page: next, max, full } satisfies ListingCursor);
    const { data, included } = page;
    const label = `${unit.resource}${unit.orgId !== null ? ` (org ${unit.orgId})` : ''}: page ${page.meta.currentPage}`;
    await ctx.writes.add({
      write: () => writePage(data, included, cursor),
      committed: () => ctx.progress.emit('list', unit.resource, unit.orgId, data.length, label),
      records: data.length + included.length,
    });
  }
  const newMark = max !== null && (watermark === null || max > watermark) ? max : watermark;
  const completedAt = ctx.now().toISOString();
  // The completion mark queues behind the listing's pages (same group or a later one), so a
  // crash never leaves a listing marked done without its pages; the runner returns without
  // waiting for the commit, and without forcing one that would split the groups of the big
  // listings still running (thousands of per-organization listings end meanwhile).
  const stored = ctx.writes.commit({
    write: () => {
      writer.setCheckpoint({
        resource: unit.resource,
        scope: unit.scope,
        cursor: JSON.stringify({ full, done: true } satisfies ListingCursor),
        lastUpdatedAt: newMark,
        runId,
        completedAt,
      });
      if (full) writer.setMeta(fullReadKey(unit), completedAt);
    },
    records: 0,
  });
  // A failed group fails the run through the queue itself; this only keeps the rejection handled.
  stored.catch(() => undefined);
  return { unit, complete: true, full, stored };
}


/** Ids the listing has now, for a sweep after an incremental listing (which saw changes only). */
export function listingIds(ctx: SyncContext, unit: ListingUnit): Promise<string[]> {
  return listIds(ctx.client, unit.idsPath, unit.idsQuery, { signal: ctx.signal });
}
