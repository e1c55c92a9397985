// Domain vocabulary shared by core, every door and the renderer. Plain types only.

/** Record types as IT Glue names them in JSON:API `type` (kebab-case plurals). */
export const RECORD_TYPES = [
  'organizations',
  'configurations',
  'configuration-interfaces',
  'passwords',
  'flexible-asset-types',
  'flexible-asset-fields',
  'flexible-assets',
  'documents',
  'document-sections',
  'contacts',
  'locations',
  'domains',
  'document-folders',
  'checklists',
  'checklist-tasks',
  'ssl-certificates',
  'expirations',
  'attachments',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Where a request came from; written to the audit log with every secret reveal/copy. */
export type Door = 'app' | 'mcp' | 'cli';

export interface OrgRef {
  id: number;
  name: string;
}

/** A record an answer or a search result is built from, with a link back to IT Glue. */
export interface Source {
  type: RecordType;
  id: string;
  name: string;
  org: OrgRef | null;
  url: string;
  snippet: string;
}

export const INTENTS = [
  'exact_lookup',
  'password',
  'configuration',
  'organization',
  'dependencies',
  'documents',
  'contacts',
  'locations',
  'expirations',
  'compliance',
  'infrastructure',
  /** A labelled field of a record, e.g. a flexible asset trait asked for by its label. */
  'field',
  'search',
  'ambiguous_org',
] as const;
export type Intent = (typeof INTENTS)[number];

/** An organization as name matching sees it (the store's org list, the @org autocomplete). */
export interface OrgCandidate {
  id: number;
  name: string;
  shortName?: string | null;
}

export const NO_DATA = 'No data available';

export interface Answer {
  /** Plain text built only from stored fields, or exactly NO_DATA. */
  answer: string;
  noData: boolean;
  /** 0..1, how sure the engine is the first source is what was asked for. */
  confidence: number;
  intent: Intent;
  org: OrgRef | null;
  sources: Source[];
  /** Closest candidates when noData, or the organizations to choose from when ambiguous. */
  didYouMean: Source[];
}

export type SyncPhase = 'probe' | 'list' | 'details' | 'secrets' | 'sweep' | 'index' | 'done';

/** One progress event; the CLI draws a bar from it, the app a view, MCP a notification. */
export interface SyncProgress {
  runId: string;
  phase: SyncPhase;
  resourceType: string | null;
  orgId: number | null;
  done: number;
  total: number | null;
  requestsUsed: number;
  etaSeconds: number | null;
  message: string;
}
