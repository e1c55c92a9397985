// What every answer handler gets: the search context (store, reader, embedder, org list), the
// understood question, the organization in scope, and "today" for date questions.
import type { OrgRef, Source } from '../../../shared/domain';
import { plainSnippet, type SearchContext } from '../search/search';
import { sourceRow, type SourceRow } from '../store/index';
import type { OrgCandidate } from './org-match';
import type { Query } from './parse/intent';

export interface AnswerContext {
  search: SearchContext;
  /** "Today" for expirations and compliance; defaults to now. */
  today?: Date;
}

export interface HandlerInput {
  ctx: AnswerContext;
  q: Query<OrgCandidate>;
  org: OrgRef | null;
  today: Date;
}

/** What a handler found; null when it has nothing to say (the engine falls back to search). */
export interface Found {
  answer: string;
  sources: Source[];
  confidence: number;
  didYouMean?: Source[];
  /** Nothing matched well enough: the answer becomes exactly NO_DATA, didYouMean the nearest. */
  noData?: boolean;
}

export type Handler = (input: HandlerInput) => Promise<Found | null> | Found | null;

function toSource(r: SourceRow, snippet?: string): Source {
  return {
    type: r.type,
    id: r.itglue_id,
    name: r.name,
    org: r.org_id !== null && r.org_name !== null ? { id: r.org_id, name: r.org_name } : null,
    url: r.url ?? '',
    snippet: plainSnippet(snippet ?? r.body),
  };
}

/** A source for one live record, or null when it is gone. Snippets come from `body`, which never holds a secret. */
export function sourceOf(ctx: AnswerContext, type: string, id: string | number, snippet?: string): Source | null {
  const row = sourceRow(ctx.search.db, type, String(id));
  return row ? toSource(row, snippet) : null;
}


export function orgSource(ctx: AnswerContext, orgId: number): Source | null {
  return sourceOf(ctx, 'organizations', orgId);
}

export const present = <T>(x: T | null | undefined): x is T => x !== null && x !== undefined;

/** "a, b and c" */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

export const orgSuffix = (name: string | null | undefined): string => (name ? ` (${name})` : '');
