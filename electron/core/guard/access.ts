// The gate every door passes before it uses a store (issue #19): it counts the open, moves the
// high-water mark, and refuses a store that is locked (key revoked) or expired (offline too
// long), destroying the password values the moment the expiry is reached. A sync may pass a
// locked store: a successful sync is what unlocks it (contact.ts).
import type { ResultError } from '../../../shared/result';
import { destroyPasswordValues } from '../store/destroy-values';
import { isBusy } from '../store/errors';
import { readGuardState, updateGuardState, type GuardState } from '../store/guard-state';
import type { Store } from '../store/open';
import type { createTrustedClock } from './clock';
import { expiredMessage, offlineVerdict, type OfflineVerdict } from './offline';
import { REVOKED_MESSAGE } from './revocation';

export type GuardPurpose = 'read' | 'sync';
export type TrustedClock = ReturnType<typeof createTrustedClock>;

export interface GuardOptions {
  purpose: GuardPurpose;
  clock: TrustedClock;
  /** settings.offlineExpiryDays; 0 = never. */
  expiryDays: number;
  /** True once per open of the store (the monotonic open count). */
  countOpen: boolean;
}

export type GuardOutcome =
  | { ok: true; verdict: OfflineVerdict; state: GuardState; notices: string[] }
  /** closed: the store was closed (its values destroyed); a door that goes on opens it again. */
  | { ok: false; error: ResultError; closed: boolean };

/** The high-water mark is written when it moves by more than this (not on every tool call). */
const HIGH_WATER_STEP_MS = 60_000;

export function lockedError(state: GuardState, expiryDays: number): ResultError | null {
  if (!state.locked) return null;
  if (state.locked.reason === 'revoked') return { code: 'KEY_REVOKED', message: REVOKED_MESSAGE };
  return { code: 'OFFLINE_EXPIRED', message: expiredMessage(expiryDays, state.lastContact?.serverAt ?? null) };
}

/**
 * Another process writing (a CLI sync) must not fail a read: the bookkeeping (open count,
 * high-water mark) is skipped this once and the rules run on the state as read.
 */
function bestEffort(state: GuardState, write: () => GuardState): GuardState {
  try {
    return write();
  } catch (e) {
    if (isBusy(e)) return state;
    throw e;
  }
}

export async function guardStore(store: Store, opts: GuardOptions): Promise<GuardOutcome> {
  let state = readGuardState(store);
  const now = opts.clock.read(state.highWater);
  const seen = state.highWater ? Date.parse(state.highWater) : Number.NaN;
  const moved = !Number.isFinite(seen) || now.at.getTime() - seen > HIGH_WATER_STEP_MS;
  // Only reading doors keep the books: a sync checks the store (quick_check) before its first
  // write, and a damaged store must never be written to; its success records the contact.
  if (!store.readonly && opts.purpose === 'read' && (opts.countOpen || moved || !state.lastContact)) {
    const at = now.at.toISOString();
    state = bestEffort(state, () => updateGuardState(store, (s) => ({
      ...s,
      opens: s.opens + (opts.countOpen ? 1 : 0),
      highWater: s.highWater && s.highWater > at ? s.highWater : at,
      // A store from before this rule (or never synced) starts its offline clock now.
      lastContact: s.lastContact ?? { serverAt: at, localAt: at, opens: s.opens },
    })));
  }
  const notices: string[] = [];
  if (now.movedBack) {
    notices.push(`The system clock is behind a time Glue Desk has already seen (${state.highWater ?? '?'}); the offline expiry counts from that later time.`);
  }
  const locked = lockedError(state, opts.expiryDays);
  if (locked) {
    if (opts.purpose === 'read') return { ok: false, error: locked, closed: false };
    notices.push(locked.message);
  }
  const verdict = offlineVerdict(state, now.at, opts.expiryDays);
  if (verdict.state === 'expired' && !locked) {
    if (store.readonly) return { ok: false, error: { code: 'OFFLINE_EXPIRED', message: verdict.message ?? '' }, closed: false };
    await destroyPasswordValues(store, 'expired', now.at);
    return { ok: false, error: { code: 'OFFLINE_EXPIRED', message: verdict.message ?? '' }, closed: true };
  }
  if (verdict.message && verdict.state !== 'expired') notices.push(verdict.message);
  return { ok: true, verdict, state, notices };
}
