// The offline-expiry rule (issue #19): after `offlineExpiryDays` without a successful contact
// with IT Glue, the password values are destroyed and the store stays closed until a sync
// succeeds; from WARNING_DAYS before, every door warns. Pure: the store and the clock come in.
import type { GuardState } from '../store/guard-state';

export const DAY_MS = 86_400_000;
export const WARNING_DAYS = 3;

export type OfflineState = 'ok' | 'warning' | 'expired' | 'never';

export interface OfflineVerdict {
  state: OfflineState;
  /** When the copy expires (ISO), or null with expiry off or no contact recorded yet. */
  expiresAt: string | null;
  /** Whole days left, rounded down (0 on the last day), or null. */
  daysLeft: number | null;
  /** What to tell the user, or null when all is well. */
  message: string | null;
}

const day = (iso: string): string => iso.slice(0, 10);
const when = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export const NEVER_WARNING =
  'Offline expiry is off (offlineExpiryDays = never): a lost or handed-back laptop keeps its copy of client passwords for as long as the files exist. Set it to 1–90 days unless you have another control in place.';

export function expiredMessage(days: number, lastContact: string | null): string {
  return `Glue Desk is expired: this copy has not reached IT Glue for more than ${days} day(s)${lastContact ? ` (last contact ${day(lastContact)})` : ''}, so its password values were destroyed and the store stays closed. Connect to the internet and sync (\`glue sync\`, or Sync now in the app): the data is synced again.`;
}

export function offlineVerdict(state: GuardState, now: Date, expiryDays: number): OfflineVerdict {
  if (expiryDays === 0) return { state: 'never', expiresAt: null, daysLeft: null, message: NEVER_WARNING };
  const contact = state.lastContact;
  if (!contact) return { state: 'ok', expiresAt: null, daysLeft: null, message: null };
  // Both ends on the trusted clock's scale (contact.ts), so a skewed system clock cancels out.
  const expires = Date.parse(contact.localAt) + expiryDays * DAY_MS;
  const left = expires - now.getTime();
  const expiresAt = new Date(expires).toISOString();
  if (left <= 0) return { state: 'expired', expiresAt, daysLeft: 0, message: expiredMessage(expiryDays, contact.serverAt) };
  const daysLeft = Math.floor(left / DAY_MS);
  if (left <= WARNING_DAYS * DAY_MS) {
    return {
      state: 'warning',
      expiresAt,
      daysLeft,
      message: `The offline copy expires ${daysLeft === 0 ? 'today' : `in ${daysLeft} day(s)`} (${when(expiresAt)}): Glue Desk has not reached IT Glue since ${day(contact.serverAt)}. Sync (\`glue sync\`, or Sync now in the app) to keep it; otherwise its password values are destroyed then and the store stays closed until a sync succeeds.`,
    };
  }
  return { state: 'ok', expiresAt, daysLeft, message: null };
}
