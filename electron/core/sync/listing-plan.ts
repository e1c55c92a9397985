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

/**
 * Every listing of a sync, each started as soon as what it depends on is stored: folders per
 * organization once the organizations are listed, documents once the folders are (their paths
 * come from the store), fields per flexible asset type once the types are, assets once the
 * fields are. The per-organization listings are one small request each (2 per organization on
 * a tenant that proves one documents listing suffices, ~6.5k at 1M records; ~6 otherwise), so
 * they run while the big tenant-wide listings are bound by parsing and writing rather than
 * waiting for them: the key's budget, not the order of stages, decides when
 * the last listing ends. A unit's non-fatal failure is recorded and the others go on; a fatal
 * one (cancel, rejected key) starts nothing more and is thrown once the running ones end.
 */
export async function listEverything(ctx: SyncContext, opts: ListAllOptions): Promise<ListingOutcome[]> {
  const { caps, account, failedTypes } = opts;
  account.documents = loadDocumentsProof(ctx);
  // Two lines: the tenant-wide listings hold their slots for minutes at 1M records, so the
  // listings that hang off organizations and types queue apart and run meanwhile.
  const tenantWide = new Slots(opts.concurrency);
  const scoped = new Slots(opts.concurrency);
  const outcomes: ListingOutcome[] = [];
  let fatal: unknown = null;

  const fail = (unit: ListingUnit, e: unknown): ListingOutcome => {
    failedTypes.add(unit.resource);
    ctx.warnings.push(`${unit.resource}${unit.orgId !== null ? ` of organization ${unit.orgId}` : unit.scope !== '*' ? ` (${unit.scope})` : ''}: ${describeError(e)}`);
    return { unit, complete: false, full: false };
  };
  const run = async (unit: ListingUnit): Promise<ListingOutcome> => {
    const release = await (unit.scope === '*' ? tenantWide : scoped).acquire();
    try {
      if (fatal !== null) throw fatal;
      const outcome = await runListing(ctx, unit);
      outcomes.push(outcome);
      return outcome;
    } catch (e) {
      if (isFatal(e)) {
        fatal ??= e;
        throw e;
      }
      const outcome = fail(unit, e);
      outcomes.push(outcome);
      return outcome;
    } finally {
      release();
    }
  };
  // Every unit started, so none is still writing when this returns, a fatal error included.
  const started: Promise<ListingOutcome>[] = [];
  const all = (units: readonly ListingUnit[]): Promise<ListingOutcome[]> =>
    Promise.all(
      units.map((u) => {
        const p = run(u);
        started.push(p);
        return p;
      }),
    );
  const stored = async (done: readonly ListingOutcome[]): Promise<void> => {
    await Promise.all(done.map((o) => o.stored));
  };

  const first = [...tenantListings(), ...accountTenantListings(account)];
  const orgs = first.filter((u) => u.resource === 'organizations');
  const types = first.filter((u) => u.resource === 'flexible-asset-types');
  const rest = first.filter((u) => !orgs.includes(u) && !types.includes(u));

  const perOrganization = async (): Promise<void> => {
    await stored(await all(orgs));
    const orgIds = failedTypes.has('organizations') ? [] : liveIds(ctx, 'organizations');
    if (!caps.documents) return;
    // Documents wait for the folders: their paths come from the store.
    await stored(await all(folderListings(orgIds, account)));
    const { paths, byOrg } = folderPaths(ctx);
    // Every organization's `=null` listing first, so a tenant that lists foldered documents in it
    // proves so before any per-folder listing would start (sync/documents-proof.ts).
    const whole = await all(organizationDocumentListings(ctx, orgIds, paths, account.documents));
    await stored(whole);
    if (await wholeListingsSuffice(whole)) {
      account.documents.reliedOn = true;
      return;
    }
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
        const release = await scoped.acquire();
        try {
          if (fatal !== null) throw fatal;
          o.ids = await listingIds(ctx, o.unit);
        } catch (e) {
          if (isFatal(e)) {
            fatal ??= e;
            throw e;
          }
          // Like a failed listing: nothing judged, and the documents sweep will not run.
          fail(o.unit, e);
          return false;
        } finally {
          release();
        }
        return contradictsProof(ctx, o.unit.orgId, new Set(o.ids));
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
  const settled = await Promise.allSettled([perOrganization(), perType(), all(rest)]);
  await Promise.allSettled(started);
  if (fatal !== null) throw fatal;
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes;
}
