import type { Door } from '../../../shared/domain';
import { err, ok, type Result } from '../../../shared/result';
import { isBusy } from './errors';
import { damagedStore, isDamage } from './integrity';
import type { Store } from './open';
import { open } from './secret-box';
import { secretsKeyOf } from './store-keys';

export type SecretAction = 'reveal' | 'copy_username' | 'copy_password' | 'mcp_value';

interface SecretRow {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * The only place a password value is decrypted. The audit row (password name and org, never
 * the value) is written in the same call and the value is returned only once it is stored, so
 * there is no reveal without a trace; a read-only store therefore cannot reveal.
 */
export function revealSecret(store: Store, passwordId: number, door: Door, action: SecretAction): Result<{ value: string }> {
  if (!Number.isSafeInteger(passwordId) || passwordId <= 0) return err('INVALID_INPUT', 'A password id must be a positive integer.');
  if (store.readonly) return err('FORBIDDEN', 'Password values cannot be shown from a read-only store, because the reveal could not be audited.');
  try {
    return reveal(store, passwordId, door, action);
  } catch (e) {
    // A page of the store that fails its checksum surfaces here as SQLITE_CORRUPT: that is
    // damage the user can repair, not an internal error.
    if (isDamage(e)) return err('STORE_CORRUPT', damagedStore('a page holding password data fails its checksum').message);
    if (isBusy(e)) return err('STORE_LOCKED', 'The store is busy (a sync may be running); try again in a moment.');
    throw e;
  }
}

function reveal(store: Store, passwordId: number, door: Door, action: SecretAction): Result<{ value: string }> {
  const db = store.db;
  const meta = db
    .prepare<[number], { name: string; org_id: number | null }>(
      'SELECT p.name, p.org_id FROM passwords p JOIN records r ON r.rowid = p.record_rowid AND r.deleted_at IS NULL WHERE p.id = ?',
    )
    .get(passwordId);
  if (!meta) return err('NOT_FOUND', `No password with id ${passwordId} in the local store; sync again if it was added recently.`);
  const sealed = db.prepare<[number], SecretRow>('SELECT iv, tag, ciphertext FROM secrets WHERE password_id = ?').get(passwordId);
  if (!sealed) {
    return err(
      'NOT_FOUND',
      `The value of "${meta.name}" was not synced: the IT Glue API key needs the Password Access option. Turn it on for the key in IT Glue (Account > API Keys) and sync again.`,
    );
  }
  let value: string;
  try {
    value = open(secretsKeyOf(store), passwordId, sealed);
  } catch {
    // The two keys were proven to belong together when the store opened (key-check.ts), so a
    // value that does not open is damaged bytes, not a wrong key.
    return err(
      'STORE_CORRUPT',
      `The stored value of "${meta.name}" is damaged: it does not decrypt, although this profile's password-value key opens the store. Run \`glue repair\` to move the damaged store aside (it is kept) and sync a fresh copy.`,
    );
  }
  try {
    recordAudit(store, { door, action, passwordId, orgId: meta.org_id, name: meta.name });
  } catch (e) {
    if (isBusy(e)) return err('STORE_LOCKED', 'The store is busy (a sync may be running); try again in a moment.');
    if (isDamage(e)) return err('STORE_CORRUPT', damagedStore('the audit log could not be written').message);
    return err('INTERNAL', 'The reveal could not be written to the audit log, so the value was not shown.');
  }
  return ok({ value });
}

export type AuditOutcome = 'revealed' | 'declined' | 'cancelled' | 'withheld';

/** One audit row: which entry (name and org, never a value), through which door, when, and what was decided. */
export function recordAudit(store: Store, entry: { door: Door; action: SecretAction; passwordId: number; orgId: number | null; name: string; outcome?: AuditOutcome }): void {
  store.db
    .prepare('INSERT INTO audit (at, door, action, password_id, org_id, name, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(new Date().toISOString(), entry.door, entry.action, entry.passwordId, entry.orgId, entry.name, entry.outcome ?? 'revealed');
}

/**
 * A request for a value that was not granted (declined or cancelled in the approval prompt,
 * or withheld by the setting): audited like a reveal, without opening anything.
 */
export function recordRefusal(store: Store, passwordId: number, door: Door, outcome: Exclude<AuditOutcome, 'revealed'>): Result<void> {
  if (store.readonly) return err('FORBIDDEN', 'The decision could not be audited from a read-only store.');
  const meta = store.db
    .prepare<[number], { name: string; org_id: number | null }>('SELECT p.name, p.org_id FROM passwords p JOIN records r ON r.rowid = p.record_rowid AND r.deleted_at IS NULL WHERE p.id = ?')
    .get(passwordId);
  if (!meta) return err('NOT_FOUND', `No password with id ${passwordId} in the local store.`);
  try {
    recordAudit(store, { door, action: 'mcp_value', passwordId, orgId: meta.org_id, name: meta.name, outcome });
  } catch (e) {
    if (isBusy(e)) return err('STORE_LOCKED', 'The store is busy (a sync may be running); try again in a moment.');
    throw e;
  }
  return ok(undefined);
}
