import type Database from 'better-sqlite3-multiple-ciphers';
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

/** Throws the STORE_CORRUPT error that names `glue repair` when the quick check fails. */
export function assertIntact(db: Database.Database): void {
  const r = quickCheck(db);
  if (!r.ok) throw damagedStore(r.detail);
}
