import { z } from 'zod';
import { parseJsonWith } from '../../../shared/parse-json';
import type { PageStream } from '../itglue/resources';
import type { SyncContext } from './context';

/**
 * Issue #16: one documents listing per organization once the tenant proves it.
 *
 * Each organization's documents are listed with `filter[document_folder_id]=null`. IT Glue does
 * not document that value: some tenants answer with every document of the organization, foldered
 * ones included (reported by other tools' users, docs/itglue-api-notes.md), others with the root
 * documents only (a tenant that ignores the filter, or reads it as "folder id is null"). Either
 * way the answer holds the root documents, so it replaces the root listing.
 *
 * Proof: a document with a folder in that answer shows the tenant lists foldered documents for
 * this form. Only then are the per-folder listings (one request per folder) left out; until then
 * they run as before, so a tenant that never proves it loses nothing.
 *
 * The proof is kept in `meta` (the store is one account's), so incremental syncs, which list
 * only changed documents and seldom see a foldered one, and resumed runs keep it. It is dropped
 * when an answer contradicts it: IT Glue may change the undocumented behaviour, and a tenant
 * that stopped listing foldered documents would otherwise lose them all, the deletion sweep
 * marking the stored ones deleted. What contradicts it: an organization whose complete listing
 * of this form (a full read, or the id listing of an incremental sync) has none of the foldered
 * documents the store holds for it. Deleting every foldered document of an organization looks
 * the same; that costs one sync of per-folder listings (the proof comes back with the next
 * foldered document seen), never a lost document.
 */
export const META_DOCUMENTS_PROOF = 'itglue.documentsNullFilter';

const proofSchema = z.object({ org: z.string(), document: z.string(), at: z.string() });

export interface DocumentsProof {
  /** The tenant listed a foldered document for `filter[document_folder_id]=null` (stored or this run). */
  proven: boolean;
  /** This run left out the per-folder listings, relying on the proof. */
  reliedOn: boolean;
}

export function loadDocumentsProof(ctx: Pick<SyncContext, 'store'>): DocumentsProof {
  const text = ctx.store.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(META_DOCUMENTS_PROOF)?.value ?? null;
  return { proven: parseJsonWith(proofSchema, text) !== null, reliedOn: false };
}

const folderOf = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/**
 * Passes an organization's `=null` listing through; the first foldered document in it records
 * the proof, queued ahead of the page that carries it.
 */
export async function* watchForProof(ctx: Pick<SyncContext, 'writer' | 'writes' | 'now'>, proof: DocumentsProof, org: string, stream: PageStream): PageStream {
  for await (const page of stream) {
    if (!proof.proven) {
      const foldered = page.data.find((d) => folderOf(d.attributes['document-folder-id']) !== null);
      if (foldered) {
        proof.proven = true;
        const value = JSON.stringify({ org, document: foldered.id, at: ctx.now().toISOString() } satisfies z.infer<typeof proofSchema>);
        await ctx.writes.add({ write: () => ctx.writer.setMeta(META_DOCUMENTS_PROOF, value), records: 0 });
      }
    }
    yield page;
  }
}

/**
 * True when the organization's complete `=null` listing contradicts the proof: the store holds
 * live foldered documents of it and the listing had none of them. Seen = touched by this run
 * (a full read) or among `listed` (the ids an incremental sync's id listing returned).
 */
export function contradictsProof(ctx: Pick<SyncContext, 'store' | 'runId'>, org: number, listed: ReadonlySet<string> | null): boolean {
  const rows = ctx.store.db
    .prepare<[string, number], { itglue_id: string; seen: number }>(
      `SELECT r.itglue_id, r.last_seen_run IS ? AS seen FROM documents d
       JOIN records r ON r.rowid = d.record_rowid AND r.deleted_at IS NULL
       WHERE d.org_id = ? AND d.folder_id IS NOT NULL`,
    )
    .all(ctx.runId, org);
  return rows.length > 0 && !rows.some((r) => r.seen === 1 || listed?.has(r.itglue_id) === true);
}

/** Forgets the proof (committed with the next group), so this and later syncs list folder by folder. */
export async function dropDocumentsProof(ctx: Pick<SyncContext, 'writer' | 'writes'>, proof: DocumentsProof): Promise<void> {
  proof.proven = false;
  await ctx.writes.commit({ write: () => ctx.writer.setMeta(META_DOCUMENTS_PROOF, ''), records: 0 });
}

/**
 * True when no documents listing of this run returned any document (nothing stored or touched,
 * no id listed) while the store holds live documents. The sweep then marks nothing: a tenant
 * that answered `=null` with nothing at all (reading "null" as the id of a folder that does not
 * exist; not reported, docs/itglue-api-notes.md), or any other listing gone blank, would
 * otherwise delete every stored document. An account whose documents were truly all deleted
 * keeps them, with this notice, until one is listed again.
 */
export function documentsAnswerEmpty(ctx: Pick<SyncContext, 'store' | 'runId'>, listedIds: readonly string[]): boolean {
  if (listedIds.length > 0) return false;
  const row = ctx.store.db
    .prepare<[string], { live: number; seen: number }>(
      "SELECT count(*) AS live, coalesce(sum(last_seen_run IS ?), 0) AS seen FROM records WHERE type = 'documents' AND deleted_at IS NULL",
    )
    .get(ctx.runId);
  return (row?.live ?? 0) > 0 && row?.seen === 0;
}
