import { closeSync, openSync, readSync, statSync } from 'node:fs';

export type FileKind = 'missing' | 'empty' | 'encrypted' | 'plain-sqlite' | 'unknown';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Tells an encrypted store from anything else without a key. SQLCipher keeps bytes 16..23 of
 * page 1 (page size, versions, reserved bytes, payload fractions) in clear while bytes 0..15
 * hold the random salt; a random or truncated file almost never matches all eight bytes.
 * That lets a wrong key (STORE_WRONG_KEY) be told from a damaged file (STORE_CORRUPT).
 */
export function classifyFile(file: string): FileKind {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return 'missing';
  }
  if (size === 0) return 'empty';
  if (size < 512) return 'unknown';
  const head = Buffer.alloc(24);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 24, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 16).equals(SQLITE_MAGIC)) return 'plain-sqlite';
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const powerOfTwo = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
  const versionsOk = [1, 2].includes(head[18] ?? 0) && [1, 2].includes(head[19] ?? 0);
  const reservedOk = (head[20] ?? 0) >= 32;
  const fractionsOk = head[21] === 64 && head[22] === 32 && head[23] === 32;
  if (powerOfTwo && versionsOk && reservedOk && fractionsOk && size % pageSize === 0) return 'encrypted';
  return 'unknown';
}
