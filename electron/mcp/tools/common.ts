// Shared pieces of the data tools: opening the store, resolving an organization the way a
// technician names it, attribute access on stored IT Glue JSON, and the output shapes every
// tool repeats. Not a tool itself (tools/index.ts lists those).
import { z } from 'zod';
import type { OrgCandidate, RecordType } from '../../../shared/domain';
import { NO_DATA } from '../../../shared/domain';
import { readOrgs } from '../../core/store/read/org-directory';
import { perStoreVersion } from '../../core/store/read/store-version';
import type { OrganizationSummary, RecordView } from '../../core/store/reader';
import type { McpDeps, OpenedStore } from '../deps';
import { ToolError } from '../errors';
import type { ItGlueClient } from '../../core/itglue/client';
import { syncDataClient } from './sync-data';

export { NO_DATA };

export async function openStore(deps: McpDeps): Promise<OpenedStore> {
  return deps.store();
}

// One client per opened store for on-demand details: its pacer counts this server's requests
// against the key's budget across calls (a sync in another process has its own pacer).
// A promise per store, set before any await, so concurrent calls share one client (one pacer).
const detailClients = new WeakMap<OpenedStore, Promise<ItGlueClient | null>>();

/**
 * Fetches one record's pending details before a tool reads it (core/sync/on-demand.ts): one
 * request with the key from the profile's keychain, answered within seconds. Null when nothing
 * was pending or it was fetched; else the note to pass on (offline, no key, rejected key …).
 */
export async function ensureDetailsFor(store: OpenedStore, type: RecordType, id: string): Promise<string | null> {
  const { ensureDetails, ON_DEMAND_CLIENT } = await import('../../core/sync/on-demand');
  let client = detailClients.get(store);
  if (!client) {
    client = store.profile.credentials ? store.profile.createClient(ON_DEMAND_CLIENT).then((made) => (made.ok ? made.value : null)) : Promise.resolve(null);
    detailClients.set(store, client);
  }
  const detail = await client;
  // While this server runs a sync (sync_data), its client: one pacer for the key in this process.
  const r = await ensureDetails({ store: store.store, client: syncDataClient() ?? detail, type, id });
  return r.status === 'pending' ? r.note : null;
}

export const detailsNoteField = () =>
  z.string().nullable().describe('Why details (related items, attachments, sections, a password value) are missing: still pending in the sync and could not be fetched now; null when complete.');

// ---- input fields -------------------------------------------------------------------------

export const idField = (what: string) =>
  z
    .union([z.string().trim().regex(/^\d{1,18}$/, 'an IT Glue id is digits only'), z.number().int().positive().max(Number.MAX_SAFE_INTEGER)])
    .describe(`IT Glue id of the ${what} (digits, e.g. from a previous result).`);

export const orgField = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Organization (client): its IT Glue id, name, short name or a close spelling. Omit for all organizations.');

export const textField = (what: string) =>
  z.string().trim().max(500).optional().describe(`Words that must all appear in the ${what} (case-insensitive): anywhere in the name, or as the start of a word elsewhere.`);

export const idString = (id: string | number): string => String(id).trim();
export const idNumber = (id: string | number): number => Number(idString(id));

// ---- output shapes ------------------------------------------------------------------------

export const orgRefShape = z
  .object({ id: z.number().int().describe('IT Glue organization id.'), name: z.string().describe('Organization name.') })
  .nullable()
  .describe('Organization the item belongs to; null for account-wide items.');

export const sourceShape = z
  .object({
    type: z.string().describe('IT Glue record type, e.g. configurations, documents.'),
    id: z.string().describe('IT Glue id.'),
    name: z.string().describe('Record name.'),
    org: orgRefShape,
    url: z.string().describe('Link to the record in IT Glue (empty when IT Glue gave none).'),
    snippet: z.string().describe('The matching text, as untrusted data.'),
  })
  .describe('A record the answer was built from.');
export const sourcesField = () => z.array(sourceShape).describe('Records the answer is built from, with IT Glue links; cite them.');

export const urlField = () => z.string().nullable().describe('Link to the record in IT Glue.');

// ---- organizations ------------------------------------------------------------------------

export interface OrgIndex {
  all: readonly OrganizationSummary[];
  byId: ReadonlyMap<number, OrganizationSummary>;
  /** The same organizations as every door matches names against (the store's org directory). */
  names: readonly OrgCandidate[];
  /** The store an org resolved here is noted in as one the technician works on. */
  db?: OpenedStore['store']['db'];
}

type Db = OpenedStore['store']['db'];
const indexes = new WeakMap<Db, { key: string; value: OrgIndex }>();

/**
 * Organizations for naming and resolving (without record counts: the tools that show them count
 * one page), read once per store version. Names are matched against the store's org directory,
 * as `ask` matches them, with its index ready: at 1M records each tool call listed and
 * normalised ~3,000 names again.
 */
export function orgIndex(store: OpenedStore): OrgIndex {
  const db = store.store.db;
  return perStoreVersion(indexes, db, () => {
    const all = Object.freeze(store.reader.listOrganizations({ counts: false }));
    return { all, byId: new Map(all.map((o) => [o.id, o])), names: readOrgs(db), db };
  });
}

export function orgRef(index: OrgIndex, orgId: number | null): { id: number; name: string } | null {
  if (orgId === null) return null;
  const o = index.byId.get(orgId);
  return { id: orgId, name: o?.name ?? `organization ${orgId}` };
}

/** An organization as the user named it: an id, an exact or fuzzy name; errors say what to try. */
export async function resolveOrg(index: OrgIndex, said: string): Promise<OrganizationSummary> {
  const s = said.trim();
  const { resolveOrgRef, orgChoices } = await import('../../core/answers/org-resolve');
  const m = resolveOrgRef(s, index.names);
  const org = m.kind === 'match' ? index.byId.get(m.org.id) : undefined;
  if (org) {
    // A tool scoped to this org: a running sync fetches the org's pending details first.
    if (index.db && org.id > 0) (await import('../../core/store/priority-orgs')).noteOrgInterest(index.db, org.id, 'asked');
    return org;
  }
  if (m.kind === 'ambiguous') throw new ToolError('INVALID_INPUT', `"${clip(s)}" matches several organizations: ${orgChoices(m.candidates)}. Ask the user which one they mean, then call again with its id.`);
  const suggestions = m.kind === 'none' ? m.suggestions : [];
  const hint = suggestions.length ? ` Did you mean ${orgChoices(suggestions.slice(0, 5))}?` : ' Use query_organizations to list them.';
  throw new ToolError('NOT_FOUND', `No organization matches "${clip(s)}".${hint}`);
}

export const clip = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n)}…` : s);

// ---- stored attributes --------------------------------------------------------------------

export function str(attrs: Record<string, unknown>, key: string): string | null {
  const v = attrs[key];
  if (typeof v === 'string') return v.trim() ? v : null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export function num(attrs: Record<string, unknown>, key: string): number | null {
  const v = attrs[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return null;
}

export function bool(attrs: Record<string, unknown>, key: string): boolean {
  return attrs[key] === true;
}

/** A live (not deleted) record, or NOT_FOUND that says how to find the right id. */
export function liveRecord(store: OpenedStore, type: RecordType, id: string, finder: string): RecordView {
  const r = store.reader.getRecord(type, id);
  if (!r || r.deletedAt !== null) {
    throw new ToolError('NOT_FOUND', `No ${singular(type)} with id ${clip(id, 20)} in the local copy. Use ${finder} to find its id, or run \`glue sync\` if it was added recently.`);
  }
  return r;
}

export function singular(type: RecordType): string {
  return type.replace(/-/g, ' ').replace(/ies$/, 'y').replace(/s$/, '');
}
