import type Database from 'better-sqlite3-multiple-ciphers';
import { statSync } from 'node:fs';
import { StoreError, sqliteCode } from './errors';

/**
 * What `glue repair` says and does, in one place so every door (status, sync, MCP, the app)
 * gives the same advice.
 */
export const REPAIR_ADVICE =
  'Run `glue repair`: it moves the damaged file aside (kept, not deleted) and syncs a fresh copy with the same keys. Nothing more was written to the damaged file.';

export const damagedStore = (detail: string): StoreError =>
  new StoreError('STORE_CORRUPT', `The local store is damaged (${detail}). ${REPAIR_ADVICE}`);

/** True for the errors SQLite and SQLCipher raise when a page fails its checksum or structure. */
export function isDamage(e: unknown): boolean {
  const code = sqliteCode(e);
  return code !== null && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export type IntegrityResult = { ok: true; ms: number } | { ok: false; ms: number; detail: string };

/**
 * `PRAGMA quick_check`: reads every page of every table and index, so SQLCipher verifies each
 * page's HMAC on the way (a flipped byte anywhere in use fails), and checks b-tree structure
 * without cross-checking indexes against tables. On a 100k-record store it costs a fraction
 * of `integrity_check` (docs/reliability.md has the figures), which is why opening for a sync,
 * `glue status` and MCP `health` run this one.
 */
export function quickCheck(db: Database.Database): IntegrityResult {
  const t = performance.now();
  const done = () => Math.round(performance.now() - t);
  try {
    const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
    if (problems.length === 0) return { ok: true, ms: done() };
    return { ok: false, ms: done(), detail: `${problems.length === 5 ? 'at least 5' : problems.length} problem(s) in its pages` };
  } catch (e) {
    if (isDamage(e)) return { ok: false, ms: done(), detail: 'a page fails its checksum' };
    throw e;
  }
}

/**
 * Up to this size every sync, `status` and `health` read every page (~2 s for the 135 MB of a
 * 100k-record store). Above it the full read is paid once a day: 6.9 s for the 910 MB of a 1M
 * store without vectors, and it grows with the file (docs/reliability.md).
 */
export const ALWAYS_CHECK_BYTES = 256 * 1024 * 1024;
export const FULL_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
/** Meta key: when the store last passed a full page check (ISO time). */
export const META_CHECKED_AT = 'integrity_checked_at';

export type CheckOutcome = IntegrityResult & { checkedAt: string; fresh: boolean };

/**
 * The check proportionate to the store: a full `quickCheck` when the store is small, has never
 * passed one, passed it more than a day ago, or `force` asks; otherwise the last passing check
 * stands (`fresh: false`). Pages a later read or write touches are still verified one by one by
 * the cipher, so damage met between full checks is reported as STORE_CORRUPT where it is met.
 * A passing full check is recorded in the store when it is writable.
 */
export function checkProportionate(db: Database.Database, file: string, opts: { force?: boolean; now?: Date; alwaysBytes?: number } = {}): CheckOutcome {
  const now = opts.now ?? new Date();
  const last = lastPassedAt(db);
  const big = sizeOf(file) > (opts.alwaysBytes ?? ALWAYS_CHECK_BYTES);
  if (!opts.force && big && last && now.getTime() - Date.parse(last) < FULL_CHECK_EVERY_MS && Date.parse(last) <= now.getTime()) {
    return { ok: true, ms: 0, checkedAt: last, fresh: false };
  }
  const r = quickCheck(db);
  const checkedAt = now.toISOString();
  if (r.ok && !db.readonly) db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(META_CHECKED_AT, checkedAt);
  return { ...r, checkedAt, fresh: true };
}

function lastPassedAt(db: Database.Database): string | null {
  try {
    const v = (db.prepare('SELECT value FROM meta WHERE key = ?').get(META_CHECKED_AT) as { value: string } | undefined)?.value;
    return v && Number.isFinite(Date.parse(v)) ? v : null;
  } catch (e) {
    if (isDamage(e)) return null; // the full check that follows reports it
    throw e;
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
