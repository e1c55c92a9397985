import type { SortKey } from './tenant';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** Splits on commas that are not escaped with a backslash; `\,` becomes a literal comma. */
export function splitEscaped(value: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      current += value[++i];
    } else if (c === ',') {
      out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  out.push(current);
  return out;
}

export interface ParsedQuery {
  pageNumber: number;
  pageSize: number;
  /** filter[key] → raw value, keys as sent. */
  filters: Map<string, string>;
  sort: SortKey[];
  /** Sort fields we do not know, so the route can answer 400 instead of guessing. */
  badSort: string | null;
  include: Set<string>;
  /** fields[type] → attribute names; the key is the JSON:API type or the path name. */
  fields: Map<string, Set<string>>;
  showPassword: boolean;
}

const SORT_ATTRS: Record<string, string> = {
  id: 'id',
  name: 'name',
  updated_at: 'updated-at',
  'updated-at': 'updated-at',
  created_at: 'created-at',
  'created-at': 'created-at',
  expiration_date: 'expiration-date',
  'expiration-date': 'expiration-date',
};

function positiveInt(raw: string | null): number | null {
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

export function parseQuery(params: URLSearchParams): ParsedQuery {
  const filters = new Map<string, string>();
  const fields = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    const filter = /^filter\[(.+)\]$/.exec(name);
    if (filter?.[1]) filters.set(filter[1], value);
    const field = /^fields\[(.+)\]$/.exec(name);
    if (field?.[1]) fields.set(field[1].replace(/_/g, '-'), new Set(value.split(',').map((s) => s.trim()).filter(Boolean)));
  }
  const sort: SortKey[] = [];
  let badSort: string | null = null;
  for (const part of (params.get('sort') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const desc = part.startsWith('-');
    const attr = SORT_ATTRS[desc ? part.slice(1) : part];
    if (attr) sort.push({ attr, desc });
    else badSort = part;
  }
  return {
    pageNumber: positiveInt(params.get('page[number]')) ?? 1,
    pageSize: Math.min(positiveInt(params.get('page[size]')) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    filters,
    sort,
    badSort,
    include: new Set((params.get('include') ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    fields,
    showPassword: params.get('show_password') !== 'false',
  };
}

export const RANGE_ERROR = 'date range filter cannot be longer than a week, and cannot start with a wildcard';
const WEEK_MS = 7 * 86_400_000;

/** `start,end` with '*' for an open end → [startMs, endMs], or the documented 422 message. */
export function parseUpdatedAtRange(raw: string, now: number): { from: number; to: number } | { error: string } {
  const [start, end, ...rest] = splitEscaped(raw).map((s) => s.trim());
  if (rest.length > 0 || start === undefined || start === '' || start === '*') return { error: RANGE_ERROR };
  const from = Date.parse(start);
  const to = end === undefined || end === '' || end === '*' ? now : Date.parse(end);
  if (Number.isNaN(from) || Number.isNaN(to)) return { error: `${RANGE_ERROR} (dates must be RFC 3339, like 2026-01-23T00:00:00.000Z)` };
  if (to - from > WEEK_MS) return { error: RANGE_ERROR };
  return { from, to };
}
