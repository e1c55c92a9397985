import { z } from 'zod';
import { parseJsonWith } from '../../../shared/parse-json';
import { NoPasswordAccessError, NotFoundError } from '../itglue/errors';
import { getPassword, listDocumentSections, showWithRelated } from '../itglue/resources';
import type { ItGlueResource } from '../itglue/schemas';
import { fetchedDuringRun, priorityOrgIds, recordTypeFromName, type RelationInput } from '../store/index';
import { attachmentsOf } from './account-details';
import { addCounts, checkCancelled, type SyncContext } from './context';
import { DetailPicker, detailKey, tierOf, type QueueItem } from './detail-queue';
import type { DetailUnit } from './planner';
import type { StoreWriter } from '../store/writer';

// `rank` (absent in cursors written before the priority order): the pass walks (rank, id) and
// `after`/`rank` name the last record of the written prefix; without it the pass walks ids.
// `ahead` (absent before priority orgs): ids written beyond that prefix (a priority org's records,
// the rolling window's early finishers), so a resumed pass fetches none of them again.
const cursorSchema = z.object({
  after: z.number().int().nonnegative(),
  w: z.string().nullable(),
  full: z.boolean(),
  rank: z.number().int().nonnegative().optional(),
  ahead: z.array(z.number().int().nonnegative()).optional(),
});
type DetailCursor = z.infer<typeof cursorSchema>;

export const parseCursor = (text: string | null): DetailCursor | null => parseJsonWith(cursorSchema, text);

export type Fetched =
  | { kind: 'secret'; id: number; value: string }
  | { kind: 'related'; id: number; related: RelationInput[]; attachments: ItGlueResource[] }
  | { kind: 'sections'; id: number; sections: ItGlueResource[] }
  | { kind: 'gone'; id: number }
  /** Fetched on demand during this run (on-demand.ts): already written, nothing to fetch or write. */
  | { kind: 'skipped'; id: number };

const relatedAttrs = z.looseObject({
  'destination-type': z.string().nullish(),
  'destination-id': z.union([z.number(), z.string()]).nullish(),
  notes: z.string().nullish(),
});

export function toRelations(items: readonly ItGlueResource[]): RelationInput[] {
  const out: RelationInput[] = [];
  for (const item of items) {
    const a = relatedAttrs.safeParse(item.attributes);
    if (!a.success) continue;
    const toType = recordTypeFromName(a.data['destination-type']);
    const toId = a.data['destination-id'];
    if (!toType || toId === null || toId === undefined || String(toId) === '') continue;
    out.push({ toType, toId: String(toId), kind: 'related', notes: a.data.notes ?? null });
  }
  return out;
}

/** One record's details: one show request (a document's sections: its pages). Used by the passes and on demand (on-demand.ts). */
export async function fetchOne(ctx: Pick<SyncContext, 'client' | 'signal'>, unit: DetailUnit, id: number): Promise<Fetched> {
  const opts = { signal: ctx.signal };
  try {
    switch (unit.kind) {
      case 'password-values': {
        const secret = await getPassword(ctx.client, id, opts);
        return { kind: 'secret', id, value: secret.value };
      }
      case 'configuration-related':
      case 'flexible-asset-related': {
        // Attachment metadata rides on the same show request (include=attachments): no extra request.
        const r = await showWithRelated(ctx.client, unit.parentType, id, { ...opts, include: ['attachments'] });
        return { kind: 'related', id, related: toRelations(r.related), attachments: attachmentsOf(r.record, r.included) };
      }
      case 'document-sections': {
        const sections: ItGlueResource[] = [];
        for await (const page of listDocumentSections(ctx.client, id, opts)) sections.push(...page.data);
        return { kind: 'sections', id, sections };
      }
    }
  } catch (e) {
    // Deleted since it was listed: the next sweep takes care of it.
    if (e instanceof NotFoundError) return { kind: 'gone', id };
    throw e;
  }
}

/** What writing details adds to a run's summary. */
export type DetailTally = Pick<SyncContext, 'counts' | 'passwordValues' | 'relatedItems'>;

/**
 * Writes one record's fetched details through the writer, inside the caller's transaction: the
 * one write path of the passes and of an on-demand fetch. `runId` marks written children as
 * seen by that run (the sections and attachments sweeps read it).
 */
export function writeFetched(writer: StoreWriter, unit: DetailUnit, f: Fetched, runId: string, tally: DetailTally): void {
  if (f.kind === 'secret' && f.value !== '') {
    writer.putSecret(f.id, f.value);
    tally.passwordValues++;
  } else if (f.kind === 'related') {
    writer.putRelations(unit.parentType, String(f.id), f.related);
    tally.relatedItems += f.related.length;
    if (f.attachments.length > 0) addCounts(tally, 'attachments', writer.applyPage({ type: 'attachments', resources: f.attachments, runId }));
  } else if (f.kind === 'sections') {
    addCounts(tally, 'document-sections', writer.applyPage({ type: 'document-sections', resources: f.sections, runId }));
  }
}

interface PendingRow {
  id: number;
  updated_at: string | null;
  type_name: string | null;
  org_id: number | null;
}

/**
 * The order that serves a technician while details fill in: servers and network devices first
 * (what a technician asks about during an incident), workstations and phones last. Read from the
 * configuration type IT Glue lists; anything else sits in between.
 */
export function detailRank(typeName: string | null): number {
  const t = (typeName ?? '').toLowerCase();
  if (/server|firewall|switch|router|network|gateway|access point|wireless|\bnas\b|\bsan\b|storage|hypervisor|host|\bups\b|domain controller|vpn/.test(t)) return 0;
  if (/workstation|laptop|desktop|notebook|\bpc\b|mobile|phone|tablet|thin client|kiosk/.test(t)) return 2;
  return 1;
}

interface Pending {
  id: number;
  rank: number;
}

const byRankThenId = (a: Pending, b: Pending): number => a.rank - b.rank || a.id - b.id;

/** Whether a pass visits a record: every live one on a full pass, else those changed since its watermark. */
export const passVisits = (full: boolean, watermark: string | null, updatedAt: string | null): boolean =>
  full || watermark === null || updatedAt === null || updatedAt > watermark;

/**
 * Whether a record lies beyond a cursor's written prefix, in the order the cursor was written
 * in: (rank, id), or ids alone for a cursor written before ranks (both ranks count as 0 then).
 */
export const beyondCursor = (cursor: Pick<DetailCursor, 'after' | 'rank'>, item: Pending): boolean =>
  byRankThenId(cursor.rank === undefined ? { id: item.id, rank: 0 } : item, { id: cursor.after, rank: cursor.rank ?? 0 }) > 0;

/** Records this pass must visit: all live ones on a full pass, else those changed since the pass's watermark. */
function pendingOf(ctx: SyncContext, unit: DetailUnit, full: boolean, watermark: string | null, ranked: boolean): { items: QueueItem[]; newMark: string | null } {
  const db = ctx.store.db;
  // Iterated, not loaded: the passes start together, and four arrays of 100k row objects
  // were a visible share of the sync's peak RSS. Nothing writes until this returns.
  const withType = ranked && unit.parentType === 'configurations';
  const rows = db
    .prepare<[string], PendingRow>(
      withType
        ? `SELECT CAST(r.itglue_id AS INTEGER) AS id, r.updated_at, c.type_name, r.org_id FROM records r LEFT JOIN configurations c ON c.id = CAST(r.itglue_id AS INTEGER)
            WHERE r.type = ? AND r.deleted_at IS NULL AND r.itglue_id GLOB '[0-9]*'`
        : "SELECT CAST(itglue_id AS INTEGER) AS id, updated_at, NULL AS type_name, org_id FROM records WHERE type = ? AND deleted_at IS NULL AND itglue_id GLOB '[0-9]*'",
    )
    .iterate(unit.parentType);
  let newMark = watermark;
  const picked = new Map<number, { rank: number; org: number | null }>();
  for (const r of rows) {
    if (r.updated_at !== null && (newMark === null || r.updated_at > newMark)) newMark = r.updated_at;
    if (passVisits(full, watermark, r.updated_at)) picked.set(r.id, { rank: withType ? detailRank(r.type_name) : 1, org: r.org_id });
  }
  if (unit.kind === 'password-values' && !full) {
    // Values that never arrived (an interrupted pass, access granted later) are fetched too.
    for (const r of db.prepare<[], { id: number; org_id: number | null }>('SELECT p.id, r.org_id FROM passwords p JOIN records r ON r.rowid = p.record_rowid AND r.deleted_at IS NULL WHERE p.has_value = 0').all()) {
      picked.set(r.id, { rank: 1, org: r.org_id });
    }
  }
  const items = [...picked].map(([id, p]) => {
    const rank = ranked ? p.rank : 0;
    return { id, rank, org: p.org, tier: tierOf(unit.kind, rank) };
  });
  return { items: items.sort(byRankThenId), newMark };
}

export interface DetailOutcome {
  unit: DetailUnit;
  complete: boolean;
  /** Document ids whose sections were (to be) re-read in this pass; for the sections sweep. */
  pending: ReadonlySet<number>;
}

/**
 * Walks records in (rank, id) order with a rolling window: a few workers (bounded by the
 * client's pacer concurrency) each take the next record as soon as their last request ends, so
 * one slow answer holds up one worker, not a batch. Records of priority orgs go first, and a
 * record of a later tier waits while any pass has earlier-tier records left (detail-queue.ts).
 * Finished results are written in groups of `detailBatch` (any order; every write is an
 * idempotent upsert) with the pass's cursor in one transaction: the last record of the written
 * prefix plus the ids written beyond it, so a resumed pass fetches nothing twice.
 */
export async function runDetails(ctx: SyncContext, unit: DetailUnit): Promise<DetailOutcome> {
  const key = detailKey(unit);
  try {
    return await walk(ctx, unit, key);
  } finally {
    ctx.tiers.release(key);
  }
}

async function walk(ctx: SyncContext, unit: DetailUnit, key: string): Promise<DetailOutcome> {
  const { writer, runId } = ctx;
  const previous = writer.getCheckpoint(key, '*');
  const ours = previous?.runId === runId && previous.completedAt === null ? parseCursor(previous.cursor) : null;
  if (previous?.runId === runId && previous.completedAt !== null) {
    return { unit, complete: true, pending: new Set() };
  }
  const watermark = previous?.lastUpdatedAt ?? null;
  const full = ours ? ours.full : ctx.kind === 'full';
  // A pass resumed from a cursor written in id order keeps that order.
  const ranked = ours === null || ours.rank !== undefined;
  const { items, newMark } = pendingOf(ctx, unit, full, watermark, ranked);
  const w = ours ? ours.w : newMark;
  const from: Pending = { id: ours?.after ?? 0, rank: ours?.rank ?? 0 };
  const aheadIds = new Set(ours?.ahead ?? []);
  // Written beyond the prefix by an earlier attempt: skipped now, carried in the cursor until the prefix passes them.
  let carried = items.filter((p) => aheadIds.has(p.id) && byRankThenId(p, from) > 0);
  const todoItems = items.filter((p) => byRankThenId(p, from) > 0 && !aheadIds.has(p.id));
  const ids = items.map((p) => p.id);
  ctx.progress.announce(todoItems.length);
  ctx.details.announce(todoItems.length);
  const picker = new DetailPicker(key, todoItems, ctx.tiers, () => priorityOrgIds(ctx.store.db), ctx.priorityPollMs);

  const write = ctx.store.db.transaction((batch: Fetched[], cursor: DetailCursor) => {
    for (const f of batch) writeFetched(writer, unit, f, runId, ctx);
    writer.setCheckpoint({ resource: key, scope: '*', cursor: JSON.stringify(cursor), lastUpdatedAt: watermark, runId });
  });

  const phase = unit.kind === 'password-values' ? 'secrets' : 'details';
  // A door may have fetched a record on demand during this run: the pass counts it as written.
  const fetchedOnDemand = fetchedDuringRun(ctx.store.db, unit.kind, runId);
  const done = new Uint8Array(todoItems.length);
  const doneAhead = new Set<number>(); // indices written beyond the prefix
  let prefix = 0; // todoItems[0..prefix) are all written
  let buffer: { index: number; fetched: Fetched }[] = [];
  let stop: unknown = null;
  let noAccess: NoPasswordAccessError | null = null;
  const flush = (): void => {
    if (buffer.length === 0) return;
    for (const b of buffer) {
      done[b.index] = 1;
      doneAhead.add(b.index);
    }
    while (prefix < todoItems.length && done[prefix] === 1) doneAhead.delete(prefix++);
    const last = prefix > 0 ? (todoItems[prefix - 1] ?? from) : from;
    carried = carried.filter((p) => byRankThenId(p, last) > 0);
    const ahead = [...carried.map((p) => p.id), ...[...doneAhead].map((i) => (todoItems[i] as QueueItem).id)];
    const cursor: DetailCursor = { after: last.id, w, full, ...(ranked ? { rank: last.rank } : {}), ...(ahead.length > 0 ? { ahead } : {}) };
    const t0 = performance.now();
    write.immediate(buffer.map((b) => b.fetched), cursor);
    ctx.dbMs += performance.now() - t0;
    ctx.progress.emit(phase, unit.parentType, null, buffer.length, ctx.details.advance(buffer.length));
    buffer = [];
  };
  const worker = async (): Promise<void> => {
    while (stop === null) {
      try {
        checkCancelled(ctx.signal);
        const next = picker.pick();
        if (next === null) return;
        if ('wait' in next) {
          await ctx.tiers.ready(next.wait, ctx.signal, ctx.priorityPollMs);
          continue;
        }
        const id = (todoItems[next.index] as QueueItem).id;
        const fetched: Fetched = fetchedOnDemand(id) ? { kind: 'skipped', id } : await fetchOne(ctx, unit, id);
        if (stop !== null) return;
        buffer.push({ index: next.index, fetched });
        if (buffer.length >= ctx.detailBatch) flush();
      } catch (e) {
        if (e instanceof NoPasswordAccessError) noAccess ??= e;
        stop ??= e;
        return;
      }
    }
  };
  const workers = Math.max(1, Math.min(todoItems.length, ctx.client.pacer.concurrency * 2));
  await Promise.all(Array.from({ length: workers }, worker));
  // Results that arrived before a failure are kept: the cursor still covers only what is written.
  flush();
  if (noAccess !== null) {
    ctx.warnings.push(`${(noAccess as NoPasswordAccessError).message} Password values were not synced (metadata only).`);
    return { unit, complete: false, pending: new Set(todoItems.filter((_, i) => done[i] === 0).map((p) => p.id)) };
  }
  if (stop !== null) throw stop;
  writer.setCheckpoint({ resource: key, scope: '*', cursor: null, lastUpdatedAt: w, runId, completedAt: ctx.now().toISOString() });
  // The sections and attachments sweeps read `pending`; password values hand back nothing to hold.
  return { unit, complete: true, pending: unit.kind === 'password-values' ? new Set() : new Set(ids) };
}
