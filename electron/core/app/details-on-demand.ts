// The app's door onto on-demand details (core/sync/on-demand.ts): opening a record, revealing
// or copying a password whose details the sync has not written yet fetches them first. While
// the app's own sync runs (same process), the request goes through that sync's client, so the
// key's pacer and breaker count it with the pass's requests; otherwise through one client kept
// for these requests (ON_DEMAND_CLIENT), made from the stored key.
import type { RecordType } from '../../../shared/domain';
import { apiBudget, peekSettings } from '../config/settings';
import { createItGlueClient, type ItGlueClient } from '../itglue/client';
import type { Store } from '../store/index';
import { ensureDetails, ON_DEMAND_CLIENT } from '../sync/index';
import type { AppContext } from './context';

export interface OnDemandDetails {
  /** Fetches a pending record's details first; the note to show when they are still pending, else null. */
  ensure(store: Store, type: RecordType, id: string): Promise<string | null>;
  /** The running sync's client while it runs (null when it ends). */
  useSyncClient(client: ItGlueClient | null): void;
}

export function createOnDemandDetails(ctx: AppContext): OnDemandDetails {
  let syncClient: ItGlueClient | null = null;
  let own: { key: string; client: ItGlueClient } | null = null;

  async function client(): Promise<ItGlueClient | null> {
    if (syncClient) return syncClient;
    const creds = await ctx.credentials();
    if (!creds.ok || creds.value === null) return null;
    const { baseUrl, apiKey } = creds.value;
    const key = `${baseUrl}\n${apiKey}`;
    if (own?.key !== key) {
      own = { key, client: createItGlueClient({ baseUrl, apiKey, budget: apiBudget(peekSettings(ctx.paths.profileDir)), ...ON_DEMAND_CLIENT }) };
    }
    return own.client;
  }

  return {
    async ensure(store, type, id) {
      const r = await ensureDetails({ store, client: await client(), type, id, timeoutMs: ctx.options.detailsTimeoutMs });
      // This connection's own writes do not move data_version: the per-version caches (org
      // counts, quick switcher) are told (attachments and sections are counted records).
      if (r.status === 'fetched') ctx.memo.bump();
      return r.status === 'pending' ? r.note : null;
    },
    useSyncClient(c) {
      syncClient = c;
    },
  };
}
