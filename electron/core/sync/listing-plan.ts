import type { RecordType } from '../../../shared/domain';
import { accountTenantListings, folderDocumentListings, folderListings, folderPaths, organizationDocumentListings, type AccountState } from './account-listings';
import { describeError, isFatal, type SyncContext } from './context';
import { contradictsProof, dropDocumentsProof, loadDocumentsProof } from './documents-proof';
import { listingIds, runListing, type ListingOutcome } from './listing-runner';
import { fieldListings, flexibleAssetListings, tenantListings, type Capabilities, type ListingUnit } from './planner';

/** Live ids of a type, in IT Glue's numeric order. */
export function liveIds(ctx: Pick<SyncContext, 'store'>, type: RecordType): string[] {
  return ctx.store.db
    .prepare<[string], { itglue_id: string }>('SELECT itglue_id FROM records WHERE type = ? AND deleted_at IS NULL ORDER BY CAST(itglue_id AS INTEGER)')
    .all(type)
    .map((r) => r.itglue_id);
}

/** A FIFO limit on listings running at once. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.free = Math.max(1, limit);
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

export interface ListAllOptions {
  caps: Capabilities;
  account: AccountState;
  /** Listings running at once (the pacer bounds the requests in flight on its own). */
  concurrency: number;
  /** Types with a listing that failed; filled here, read by the sweeps and detail passes. */
  failedTypes: Set<RecordType>;
}

type LineOptions = Pick<ListAllOptions, 'concurrency' | 'failedTypes'>;

/**
 * Runs listing units in two lines of `concurrency` slots each (tenant-wide, scoped), keeping
 * their outcomes. A non-fatal failure is a warning and an incomplete outcome; the first fatal
 * one (cancel, rejected key) starts nothing more and is rethrown by `settle` once every started
 * unit has ended, so none is still writing when the caller goes on.
 */
function listingLines(ctx: SyncContext, opts: LineOptions) {
  const tenantWide = new Slots(opts.concurrency);
  const scoped = new Slots(opts.concurrency);
  const outcomes: ListingOutcome[] = [];
  const started: Promise<unknown>[] = [];
  let fatal: unknown = null;

  const fail = (unit: ListingUnit, e: unknown): void => {
    opts.failedTypes.add(unit.resource);
    ctx.warnings.push(`${unit.resource}${unit.orgId !== null ? ` of organization ${unit.orgId}` : unit.scope !== '*' ? ` (${unit.scope})` : ''}: ${describeError(e)}`);
  };
  /** `work` for `unit` in one of `slots`; null when it failed without stopping the run. */
  const guard = async <T>(slots: Slots, unit: ListingUnit, work: () => Promise<T>): Promise<T | null> => {
    const release = await slots.acquire();
    try {
      if (fatal !== null) throw fatal;
      return await work();
    } catch (e) {
      if (isFatal(e)) {
        fatal ??= e;
        throw e;
      }
      fail(unit, e);
      return null;
    } finally {
      release();
    }
  };
  const run = async (unit: ListingUnit): Promise<ListingOutcome> => {
    const outcome = (await guard(unit.scope === '*' ? tenantWide : scoped, unit, () => runListing(ctx, unit))) ?? { unit, complete: false, full: false };
    outcomes.push(outcome);
    return outcome;
  };
  const all = (units: readonly ListingUnit[]): Promise<ListingOutcome[]> =>
    Promise.all(
      units.map((u) => {
        const p = run(u);
        started.push(p);
        return p;
      }),
    );
  const settle = async (stages: readonly Promise<unknown>[]): Promise<void> => {
    const settled = await Promise.allSettled(stages);
    await Promise.allSettled(started);
    if (fatal !== null) throw fatal;
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return { all, scoped, outcomes, settle, guard };
}

/**
 * Runs the listings a plan left for later (ListingPlan.later), after "searchable": they count in
 * the details' progress (one request each, as a folder listing mostly is), so its ETA at the
 * key's budget includes them. Returns their outcomes.
 */
export async function listLater(ctx: SyncContext, units: readonly ListingUnit[], opts: LineOptions): Promise<ListingOutcome[]> {
  const { all, outcomes, settle } = listingLines(ctx, opts);
  ctx.details.announce(units.length);
  const listed = (o: ListingOutcome): void => ctx.progress.emit('details', o.unit.resource, o.unit.orgId, 0, ctx.details.advance(1));
  await settle([Promise.all(units.map((u) => all([u]).then(([o]) => o && listed(o))))]);
  return outcomes;
}

/** What the listings leave for after "searchable" (run-sync.ts runs it beside the detail passes). */
export interface ListingPlan {
  outcomes: ListingOutcome[];
  /**
   * Folder listings of a tenant that proved one documents listing per organization holds every
   * document: they bring the folders themselves and the documents' folder paths (filled in
   * afterwards by fillFolderPaths), no document, so at 1M records their ~3,200 requests (five
   * minutes of the key's budget) no longer stand before "searchable".
   */
  later: ListingUnit[];
}

/**
 * Every listing of a sync, each started as soon as what it depends on is stored: documents per
 * organization once the organizations are listed (and, on a tenant that has not proven that one
 * listing holds them all, folders and then documents folder by folder), fields per flexible
 * asset type once the types are, assets once the fields are. The per-organization listings are
 * one small request each, so they run while the big tenant-wide listings are bound by parsing
 * and writing rather than waiting for them: the key's budget, not the order of stages, decides
 * when the last listing ends. A unit's non-fatal failure is recorded and the others go on; a
 * fatal one (cancel, rejected key) starts nothing more and is thrown once the running ones end.
 */
export async function listEverything(ctx: SyncContext, opts: ListAllOptions): Promise<ListingPlan> {
  const { caps, account, failedTypes } = opts;
  account.documents = loadDocumentsProof(ctx);
  // Two lines: the tenant-wide listings hold their slots for minutes at 1M records, so the
  // listings that hang off organizations and types queue apart and run meanwhile.
  const { all, scoped, outcomes, settle, guard } = listingLines(ctx, opts);
  const stored = async (done: readonly ListingOutcome[]): Promise<void> => {
    await Promise.all(done.map((o) => o.stored));
  };
  const later: ListingUnit[] = [];

  const first = [...tenantListings(), ...accountTenantListings(account)];
  const orgs = first.filter((u) => u.resource === 'organizations');
  const types = first.filter((u) => u.resource === 'flexible-asset-types');
  const rest = first.filter((u) => !orgs.includes(u) && !types.includes(u));

  const perOrganization = async (): Promise<void> => {
    await stored(await all(orgs));
    const orgIds = failedTypes.has('organizations') ? [] : liveIds(ctx, 'organizations');
    if (!caps.documents) return;
    // Every organization's `=null` listing first, so a tenant that lists foldered documents in it
    // proves so before any folder is listed (sync/documents-proof.ts). Paths come from the
    // folders stored by earlier syncs; fillFolderPaths brings them up to date.
    const whole = await all(organizationDocumentListings(ctx, orgIds, folderPaths(ctx).paths, account.documents));
    await stored(whole);
    if (await wholeListingsSuffice(whole)) {
      account.documents.reliedOn = true;
      later.push(...folderListings(orgIds, account));
      return;
    }
    // Foldered documents are listed folder by folder here, so the folders come first.
    await stored(await all(folderListings(orgIds, account)));
    const { paths, byOrg } = folderPaths(ctx);
    await all(folderDocumentListings(orgIds, paths, byOrg));
  };
  /**
   * Proven and not contradicted by any organization's complete listing: a full read is judged
   * by what it stored, an incremental one by its id listing (kept for the sweep). A failed
   * listing stops the documents sweep anyway, so it needs no per-folder listings either.
   */
  const wholeListingsSuffice = async (whole: readonly ListingOutcome[]): Promise<boolean> => {
    if (!account.documents.proven) return false;
    const judged = await Promise.all(
      whole.map(async (o): Promise<boolean> => {
        if (!o.complete || o.unit.orgId === null) return false;
        if (o.full) return contradictsProof(ctx, o.unit.orgId, null);
        const ids = await guard(scoped, o.unit, () => listingIds(ctx, o.unit));
        // A failed id listing is like a failed listing: nothing judged, no documents sweep.
        if (ids === null) return false;
        o.ids = ids;
        return contradictsProof(ctx, o.unit.orgId, new Set(ids));
      }),
    );
    const contradicted = whole.filter((_, i) => judged[i]).map((o) => o.unit.orgId);
    if (contradicted.length === 0) return true;
    await dropDocumentsProof(ctx, account.documents);
    ctx.warnings.push(
      `IT Glue's listing of all documents left out the foldered documents of ${contradicted.length === 1 ? `organization ${contradicted[0]}` : `${contradicted.length} organizations (${contradicted.slice(0, 5).join(', ')}${contradicted.length > 5 ? ', …' : ''})`}: documents are listed folder by folder again.`,
    );
    return false;
  };
  const perType = async (): Promise<void> => {
    await stored(await all(types));
    const typeIds = failedTypes.has('flexible-asset-types') ? [] : liveIds(ctx, 'flexible-asset-types');
    // Assets wait for their type's fields, which map their traits.
    await stored(await all(fieldListings(typeIds)));
    await all(flexibleAssetListings(typeIds));
  };
  // Organizations and types first in their line: everything else that waits hangs off them.
  await settle([perOrganization(), perType(), all(rest)]);
  return { outcomes, later };
}
