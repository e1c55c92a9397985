import { z } from 'zod';
import { ToolError } from './errors';

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 20;

/** Input field for page size. Out-of-range values are clamped rather than rejected. */
export const limitField = (def = DEFAULT_LIMIT) =>
  z.number().int().optional().describe(`How many items to return, 1-${MAX_LIMIT} (default ${def}); larger values are capped at ${MAX_LIMIT}.`);

export const cursorField = () =>
  z.string().max(512).optional().describe('Opaque cursor from a previous call\'s nextCursor, to get the next page. Omit for the first page.');

/** Output fields every paged tool returns. */
export const pageFields = {
  total: z.number().int().describe('How many items match in all.'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null when this is the last page.'),
};

export function clampLimit(limit: number | undefined, def = DEFAULT_LIMIT): number {
  if (limit === undefined || !Number.isFinite(limit)) return def;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

// `p` is a position: an offset for in-memory lists, or a keyset value (e.g. last name + id)
// for store queries. `s` ties the cursor to the query it came from.
const CursorState = z.object({ p: z.union([z.number().int().min(0), z.string().max(256)]), s: z.string().max(16) });
export type CursorPosition = z.infer<typeof CursorState>['p'];

export function encodeCursor(position: CursorPosition, scope: string): string {
  return Buffer.from(JSON.stringify({ p: position, s: scopeKey(scope) }), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor we issued. `scope` names the query it belongs to (tool + filters), so a
 * cursor from another query is refused instead of silently paging the wrong list.
 */
export function decodeCursor(cursor: string, scope: string): CursorPosition {
  const fail = () =>
    new ToolError('INVALID_INPUT', 'The cursor is not one this query issued. Call again without `cursor` to start from the first page.');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw fail();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  const parsed = CursorState.safeParse(json);
  if (!parsed.success || parsed.data.s !== scopeKey(scope)) throw fail();
  return parsed.data.p;
}

// A short digest keeps cursors small and does not echo filter values back in the cursor.
function scopeKey(scope: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < scope.length; i++) h = Math.imul(h ^ scope.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** Pages an in-memory list with opaque cursors. */
export function paginate<T>(items: readonly T[], cursor: string | undefined, limit: number | undefined, scope = ''): Page<T> {
  const size = clampLimit(limit);
  const position = cursor ? decodeCursor(cursor, scope) : 0;
  const offset = typeof position === 'number' ? position : -1;
  if (offset < 0 || offset > items.length) {
    throw new ToolError('INVALID_INPUT', 'The cursor points past the end of the list (the data may have changed). Call again without `cursor`.');
  }
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    total: items.length,
    nextCursor: end < items.length ? encodeCursor(end, scope) : null,
  };
}
