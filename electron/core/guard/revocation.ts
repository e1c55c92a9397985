// Revoked key → local copy gone (issue #19). One rejected request proves little (a proxy, a
// key being rotated, a typo in ITGLUE_API_KEY), so the values are destroyed only when IT Glue
// rejects the very key that last synced this store, and rejects it again on a second request a
// moment later. Network errors, 5xx and 429 never count: only 401/403 (KeyRejectedError).
import type { ItGlueClient } from '../itglue/client';
import { KeyRejectedError } from '../itglue/errors';
import { sleep } from '../itglue/http';
import { readGuardState } from '../store/guard-state';
import type { Store } from '../store/open';

export const REVOKED_MESSAGE =
  "Glue Desk is locked: IT Glue rejected this profile's API key twice after it had worked, so the key was revoked or deleted. The local password values were destroyed and the store stays closed. Log in with a valid key (`glue login`, or Settings → Account in the app) and sync: the data is synced again.";

/** Default pause before the confirming request. */
export const CONFIRM_DELAY_MS = 2_000;

export async function confirmRevoked(store: Store, client: ItGlueClient, opts: { delayMs?: number; signal?: AbortSignal } = {}): Promise<boolean> {
  const state = readGuardState(store);
  // A key that never completed a sync of this store proves nothing about the store's owner.
  if (!state.keyFingerprint || state.keyFingerprint !== client.keyFingerprint) return false;
  try {
    await sleep(opts.delayMs ?? CONFIRM_DELAY_MS, opts.signal);
    await client.get('/organizations', { 'page[size]': 1 }, { signal: opts.signal });
    return false;
  } catch (e) {
    return e instanceof KeyRejectedError;
  }
}
