import { z } from 'zod';
import { NoPasswordAccessError, NotFoundError } from '../itglue/errors';
import { getPassword, listDocumentSections, showWithRelated } from '../itglue/resources';
import type { ItGlueResource } from '../itglue/schemas';
import { recordTypeFromName, type RelationInput } from '../store/index';
import { checkCancelled, type SyncContext } from './context';
import type { DetailUnit } from './planner';

const cursorSchema = z.object({ after: z.number().int().nonnegative(), w: z.string().nullable(), full: z.boolean() });
type DetailCursor = z.infer<typeof cursorSchema>;

function parseCursor(text: string | null): DetailCursor | null {
  if (!text) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const keyOf = (u: DetailUnit): string => `details:${u.kind}`;

type Fetched =
  | { kind: 'secret'; id: number; value: string }
  | { kind: 'related'; id: number; related: RelationInput[] }
  | { kind: 'sections'; id: number; sections: ItGlueResource[] }
  | { kind: 'gone'; id: number };

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

async function fetchOne(ctx: SyncContext, unit: DetailUnit, id: number): Promise<Fetched> {
  const opts = { signal: ctx.signal };
  try {
    switch (unit.kind) {
      case 'password-values': {
        const secret = await getPassword(ctx.client, id, opts);
        return { kind: 'secret', id, value: secret.value };
      }
      case 'configuration-related':
      case 'flexible-asset-related': {
        const r = await showWithRelated(ctx.client, unit.parentType, id, opts);
        return { kind: 'related', id, related: toRelations(r.related) };
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

interface PendingRow {
  id: number;
  updated_at: string | null;
}

/** Records this pass must visit: all live ones on a full pass, else those changed since the pass's watermark. */
function pendingOf(ctx: SyncContext, unit: DetailUnit, full: boolean, watermark: string | null): { ids: number[]; newMark: string | null } {
  const db = ctx.store.db;
  const rows = db
    .prepare<[string], PendingRow>("SELECT CAST(itglue_id AS INTEGER) AS id, updated_at FROM records WHERE type = ? AND deleted_at IS NULL AND itglue_id GLOB '[0-9]*'")
    .all(unit.parentType);
  let newMark = watermark;
  const ids = new Set<number>();
  for (const r of rows) {
    if (r.updated_at !== null && (newMark === null || r.updated_at > newMark)) newMark = r.updated_at;
    if (full || watermark === null || r.updated_at === null || r.updated_at > watermark) ids.add(r.id);
  }
  if (unit.kind === 'password-values' && !full) {
    // Values that never arrived (an interrupted pass, access granted later) are fetched too.
    for (const r of db.prepare<[], { id: number }>('SELECT p.id FROM passwords p JOIN records r ON r.rowid = p.record_rowid AND r.deleted_at IS NULL WHERE p.has_value = 0').all()) ids.add(r.id);
  }
  return { ids: [...ids].sort((a, b) => a - b), newMark };
}

export interface DetailOutcome {
  unit: DetailUnit;
  complete: boolean;
  /** Document ids whose sections were (to be) re-read in this pass; for the sections sweep. */
  pending: ReadonlySet<number>;
}

/**
 * Walks records in id order, fetching BATCH shows at once (the pacer bounds what is in
 * flight) and writing each batch with the pass's cursor in one transaction.
 */
export async function runDetails(ctx: SyncContext, unit: DetailUnit): Promise<DetailOutcome> {
  const { writer, runId } = ctx;
  const key = keyOf(unit);
  const previous = writer.getCheckpoint(key, '*');
  const ours = previous?.runId === runId && previous.completedAt === null ? parseCursor(previous.cursor) : null;
  if (previous?.runId === runId && previous.completedAt !== null) {
    return { unit, complete: true, pending: new Set() };
  }
  const watermark = previous?.lastUpdatedAt ?? null;
  const full = ours ? ours.full : ctx.kind === 'full';
  const { ids, newMark } = pendingOf(ctx, unit, full, watermark);
  const w = ours ? ours.w : newMark;
  const after = ours?.after ?? 0;
  const todo = ids.filter((id) => id > after);
  ctx.progress.announce(todo.length);

  const write = ctx.store.db.transaction((batch: Fetched[], last: number) => {
    for (const f of batch) {
      if (f.kind === 'secret' && f.value !== '') {
        writer.putSecret(f.id, f.value);
        ctx.passwordValues++;
      } else if (f.kind === 'related') {
        writer.putRelations(unit.parentType, String(f.id), f.related);
        ctx.relatedItems += f.related.length;
      } else if (f.kind === 'sections') {
        const r = writer.applyPage({ type: 'document-sections', resources: f.sections, runId });
        const c = ctx.counts['document-sections'];
        c.written += r.written;
        c.unchanged += r.unchanged;
        c.skipped += r.skipped;
      }
    }
    writer.setCheckpoint({ resource: key, scope: '*', cursor: JSON.stringify({ after: last, w, full } satisfies DetailCursor), lastUpdatedAt: watermark, runId });
  });

  const phase = unit.kind === 'password-values' ? 'secrets' : 'details';
  for (let i = 0; i < todo.length; i += ctx.detailBatch) {
    checkCancelled(ctx.signal);
    const ids = todo.slice(i, i + ctx.detailBatch);
    let batch: Fetched[];
    try {
      batch = await Promise.all(ids.map((id) => fetchOne(ctx, unit, id)));
    } catch (e) {
      if (e instanceof NoPasswordAccessError) {
        ctx.warnings.push(`${e.message} Password values were not synced (metadata only).`);
        return { unit, complete: false, pending: new Set(ids) };
      }
      throw e;
    }
    write.immediate(batch, ids[ids.length - 1] ?? after);
    ctx.progress.emit(phase, unit.parentType, null, ids.length, `${unit.kind}: ${Math.min(i + ctx.detailBatch, todo.length)}/${todo.length}`);
  }
  writer.setCheckpoint({ resource: key, scope: '*', cursor: null, lastUpdatedAt: w, runId, completedAt: ctx.now().toISOString() });
  return { unit, complete: true, pending: new Set(ids) };
}
