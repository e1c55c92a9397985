import type { Store } from './open';

/**
 * Copies the write-ahead log into the store file and cuts it to zero bytes. A long-running
 * process (the app, `glue web`) calls it after a sync and after an index pass: a sync marks
 * every record it sees (sweeps need the sighting), so even a sync that changed nothing leaves a
 * WAL several times the size of the store until the process exits (measured on the demo tenant:
 * a 2.2 MB store with a 14–20 MB WAL after each sync). Busy (a reader mid-query) is not an error:
 * the next call catches up.
 */
export function truncateWal(store: Store): boolean {
  if (store.readonly) return false;
  try {
    const rows = store.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return rows[0]?.busy === 0;
  } catch {
    return false;
  }
}
