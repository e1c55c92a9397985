// Filtered, paged listing for the query_* tools: the read model filters and counts, this adds
// the MCP cursor (an offset tied to the query that issued it).
import type { RecordFilter, RecordSummary } from '../../core/store/reader';
import type { OpenedStore } from '../deps';
import { clampLimit, decodeCursor, encodeCursor } from '../paging';
import { ToolError } from '../errors';

/** The read model's filter as tools phrase it: `text` is words that must all appear. */
export type ToolRecordFilter = Omit<RecordFilter, 'words' | 'phrase'> & { text?: string };

export interface RecordPage {
  items: RecordSummary[];
  total: number;
  nextCursor: string | null;
}

const toFilter = ({ text, ...f }: ToolRecordFilter): RecordFilter => ({ ...f, words: text });

/** One page of matching records, by name; `scope` ties the cursor to this query. */
export function queryRecords(store: OpenedStore, f: ToolRecordFilter, cursor: string | undefined, limit: number | undefined, scope: string): RecordPage {
  const size = clampLimit(limit);
  const position = cursor ? decodeCursor(cursor, scope) : 0;
  if (typeof position !== 'number') throw new ToolError('INVALID_INPUT', 'The cursor is not one this query issued. Call again without `cursor`.');
  const { items, total } = store.reader.recordPage(toFilter(f), position, size);
  const end = position + items.length;
  return { items, total, nextCursor: end < total ? encodeCursor(end, scope) : null };
}

/** All live records of a type matching the filter (small child lists: fields of a type). */
export function recordsWhere(store: OpenedStore, f: ToolRecordFilter, max = 500): RecordSummary[] {
  return store.reader.recordsWhere(toFilter(f), max);
}
