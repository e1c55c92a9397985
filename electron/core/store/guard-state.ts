// What the store remembers about its own safety (issue #19): when it last reached IT Glue, the
// highest time any door has seen, how often it was opened, which API key last synced it, and
// whether it is locked (key revoked, offline too long). It lives in the encrypted store's meta
// table, so changing it needs the database key, and it travels with the store file.
import { z } from 'zod';
import { parseJsonWith } from '../../../shared/parse-json';
import type { Store } from './open';

export const META_GUARD = 'guard.state';

export type LockReason = 'revoked' | 'expired';

const contactSchema = z.object({
  /** IT Glue's Date header on that answer (or the local time when it sent none). */
  serverAt: z.string(),
  /** The local clock at that moment. */
  localAt: z.string(),
  /** The open count at that moment. */
  opens: z.number().int().nonnegative(),
});

const stateSchema = z.object({
  lastContact: contactSchema.nullable(),
  /** The latest time any door has seen (ISO): the effective "now" never goes below it. */
  highWater: z.string().nullable(),
  /** Monotonic count of opens of this store by any door; it never goes down. */
  opens: z.number().int().nonnegative(),
  /** Fingerprint of the API key of the last successful sync (itglue/client keyFingerprintOf). */
  keyFingerprint: z.string().nullable(),
  locked: z.object({ reason: z.enum(['revoked', 'expired']), at: z.string() }).nullable(),
  /** When the password values were last destroyed, and why. */
  valuesDestroyed: z.object({ reason: z.enum(['revoked', 'expired']), at: z.string(), count: z.number().int().nonnegative() }).nullable(),
});

export type GuardState = z.infer<typeof stateSchema>;
export type GuardContact = z.infer<typeof contactSchema>;

export const EMPTY_GUARD_STATE: Readonly<GuardState> = Object.freeze({ lastContact: null, highWater: null, opens: 0, keyFingerprint: null, locked: null, valuesDestroyed: null });

/** The stored state; a missing or unreadable row reads as "never contacted" (the offline clock then starts now). */
export function readGuardState(store: Store): GuardState {
  const raw = store.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(META_GUARD)?.value ?? null;
  return parseJsonWith(stateSchema, raw) ?? { ...EMPTY_GUARD_STATE };
}

/** Read-modify-write in one immediate transaction, so two doors updating it do not lose a step. */
export function updateGuardState(store: Store, change: (s: GuardState) => GuardState): GuardState {
  const db = store.db;
  const tx = db.transaction(() => {
    const next = stateSchema.parse(change(readGuardState(store)));
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(META_GUARD, JSON.stringify(next));
    return next;
  });
  return tx.immediate();
}
