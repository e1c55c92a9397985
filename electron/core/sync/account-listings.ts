import type { RecordType } from '../../../shared/domain';
import { ALL_DOCUMENTS_FILTER, listChecklists, listDocumentFolders, listExpirations, listFolderDocuments, listOrganizationDocuments, listSslCertificates, optionalListing, filterList } from '../itglue/account-resources';
import type { ItGlueClient } from '../itglue/client';
import type { PageStream } from '../itglue/resources';
import type { ItGlueResource } from '../itglue/schemas';
import type { SyncContext } from './context';
import { watchForProof, type DocumentsProof } from './documents-proof';
import type { ListingOutcome } from './listing-runner';
import type { ListingUnit } from './planner';

/**
 * Listings for the rest of an IT Glue account (issue #18): SSL certificates, IT Glue's own
 * expirations, checklists with their tasks, document folders and the documents inside them.
 * Kept apart from planner.ts so the sync's core stays small; docs/sync.md has the rules.
 */

/** Resources this account or key turned out not to have, by type (HTTP status that said so). */
export interface AccountState {
  unavailable: Map<RecordType, number>;
  /** Whether `filter[document_folder_id]=null` lists foldered documents too (sync/documents-proof.ts). */
  documents: DocumentsProof;
}

export const newAccountState = (): AccountState => ({ unavailable: new Map(), documents: { proven: false, reliedOn: false } });

const LABEL: Partial<Record<RecordType, string>> = {
  'ssl-certificates': 'SSL certificates',
  expirations: 'Expirations',
  checklists: 'Checklists',
  'document-folders': 'Document folders',
};

/** A listing that degrades to "not on this account" on 404 (or a 401/403 the key survives). */
function optional(state: AccountState, resource: RecordType, open: ListingUnit['open']): ListingUnit['open'] {
  return (client, opts) => optionalListing(client, open(client, opts), (status) => state.unavailable.set(resource, status), opts.signal);
}

const tenantWide = (state: AccountState, resource: RecordType, path: string, open: ListingUnit['open'], extra: Partial<ListingUnit> = {}): ListingUnit => ({
  resource,
  scope: '*',
  orgId: null,
  open: optional(state, resource, open),
  idsPath: path,
  idsQuery: {},
  ...extra,
});

/** Stage 1 additions: tenant-wide SSL certificates, expirations and checklists (tasks included). */
export function accountTenantListings(state: AccountState): ListingUnit[] {
  return [
    tenantWide(state, 'ssl-certificates', '/ssl_certificates', (c, o) => listSslCertificates(c, o)),
    tenantWide(state, 'expirations', '/expirations', (c, o) => listExpirations(c, o)),
    tenantWide(state, 'checklists', '/checklists', (c, o) => withTaskOrgs(listChecklists(c, o)), { includedType: 'checklist-tasks' }),
  ];
}

/** Tasks inherit their checklist's organization when IT Glue leaves it out. */
async function* withTaskOrgs(stream: PageStream): PageStream {
  for await (const page of stream) {
    const orgOf = new Map(page.data.map((c) => [c.id, c.attributes['organization-id']]));
    const included = page.included.map((t): ItGlueResource => {
      if (t.type !== 'checklist-tasks' || t.attributes['organization-id'] != null) return t;
      const org = orgOf.get(String(t.attributes['checklist-id']));
      return org == null ? t : { ...t, attributes: { ...t.attributes, 'organization-id': org } };
    });
    yield { ...page, included };
  }
}

/** Stage 2 addition: each organization's document folders (nested ones included). */
export function folderListings(orgIds: readonly string[], state: AccountState): ListingUnit[] {
  return orgIds.map((org) => ({
    resource: 'document-folders',
    scope: org,
    orgId: Number(org),
    open: optional(state, 'document-folders', (c, o) => listDocumentFolders(c, org, o)),
    idsPath: `/organizations/${encodeURIComponent(org)}/relationships/document_folders`,
    idsQuery: {},
  }));
}

interface FolderRow {
  id: number;
  org_id: number | null;
  parent_id: number | null;
  name: string;
}

/** Each folder name in a path, and the whole path, are clipped: the path goes into the search text of every document filed under it, so a tenant's long names must not multiply. */
const MAX_FOLDER_NAME = 100;
const MAX_FOLDER_PATH = 400;
const SEP = ' / ';

const clipName = (name: string): string => (name.length > MAX_FOLDER_NAME ? `${name.slice(0, MAX_FOLDER_NAME - 1)}…` : name);

/** The names joined; past MAX_FOLDER_PATH the outermost ones give way to "…", keeping the folder's own name. */
function joinPath(names: readonly string[]): string {
  const whole = names.join(SEP);
  if (whole.length <= MAX_FOLDER_PATH) return whole;
  const kept = [...names];
  while (kept.length > 1 && `…${SEP}${kept.join(SEP)}`.length > MAX_FOLDER_PATH) kept.shift();
  return `…${SEP}${kept.join(SEP)}`;
}

/** "Runbooks / Network" for every live folder; a loop or a missing parent ends the walk. */
export function folderPaths(ctx: Pick<SyncContext, 'store'>): { paths: Map<number, string>; byOrg: Map<number, number[]> } {
  const rows = ctx.store.db
    .prepare<[], FolderRow>('SELECT f.id, f.org_id, f.parent_id, f.name FROM document_folders f JOIN records r ON r.rowid = f.record_rowid AND r.deleted_at IS NULL ORDER BY f.id')
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paths = new Map<number, string>();
  const byOrg = new Map<number, number[]>();
  for (const row of rows) {
    const names: string[] = [];
    const seen = new Set<number>();
    for (let f: FolderRow | undefined = row; f && !seen.has(f.id) && names.length < 32; f = f.parent_id === null ? undefined : byId.get(f.parent_id)) {
      seen.add(f.id);
      names.unshift(clipName(f.name));
    }
    paths.set(row.id, joinPath(names));
    if (row.org_id !== null) byOrg.set(row.org_id, [...(byOrg.get(row.org_id) ?? []), row.id]);
  }
  return { paths, byOrg };
}

/** Documents carry their folder's path, so search and every door can show where they are filed. */
async function* withFolderPath(stream: PageStream, paths: ReadonlyMap<number, string>): PageStream {
  for await (const page of stream) {
    const data = page.data.map((d): ItGlueResource => {
      const folder = Number(d.attributes['document-folder-id']);
      const path = Number.isInteger(folder) && folder > 0 ? paths.get(folder) : undefined;
      return path === undefined ? d : { ...d, attributes: { ...d.attributes, 'document-folder-path': path } };
    });
    yield { ...page, data };
  }
}

/**
 * Folders named in one documents listing. Several ids can share one `filter[document_folder_id]`
 * (comma-separated, as IT Glue's filters take lists), which would cost an organization one
 * request per 1,000 foldered documents instead of one per folder. It stays at one folder per
 * listing until a live tenant confirms the list form on this filter (docs/itglue-api-notes.md):
 * a tenant that read "a,b" as one unknown folder, or ignored the filter, would silently lose
 * every foldered document — and the deletion sweep, which lists ids the same way, would mark
 * the stored ones deleted. A tenant that proves `=null` lists everything needs none of them.
 */
export const FOLDERS_PER_LISTING = 1;

const docsPath = (org: string): string => `/organizations/${encodeURIComponent(org)}/relationships/documents`;

/**
 * Stage 3a: per organization one listing with `filter[document_folder_id]=null`, which holds at
 * least its root documents and, on a tenant that proves it, all of them (sync/documents-proof.ts).
 * It keeps the scope the root listing always had (the org id), so checkpoints carry over; its id
 * listing for the sweep uses the same form.
 */
export function organizationDocumentListings(ctx: Pick<SyncContext, 'writer' | 'writes' | 'now'>, orgIds: readonly string[], paths: ReadonlyMap<number, string>, proof: DocumentsProof): ListingUnit[] {
  return orgIds.map((org) => ({
    resource: 'documents',
    scope: org,
    orgId: Number(org),
    open: (c: ItGlueClient, o: Parameters<ListingUnit['open']>[1]): PageStream => watchForProof(ctx, proof, org, withFolderPath(listOrganizationDocuments(c, org, o), paths)),
    idsPath: docsPath(org),
    idsQuery: { ...ALL_DOCUMENTS_FILTER },
  }));
}

/**
 * Stage 3b, for a tenant that has not proven the `=null` form: per organization its foldered
 * documents in listings of up to FOLDERS_PER_LISTING folders, since IT Glue lists only the root
 * unless folders are named. A folder group's scope is `org/ids`, so a group whose folders
 * changed is a new listing, read in full.
 */
export function folderDocumentListings(orgIds: readonly string[], paths: ReadonlyMap<number, string>, byOrg: ReadonlyMap<number, number[]>): ListingUnit[] {
  const units: ListingUnit[] = [];
  for (const org of orgIds) {
    const folders = byOrg.get(Number(org)) ?? [];
    for (let i = 0; i < folders.length; i += FOLDERS_PER_LISTING) {
      const group = folders.slice(i, i + FOLDERS_PER_LISTING);
      units.push({
        resource: 'documents',
        scope: `${org}/${group.join(',')}`,
        orgId: Number(org),
        open: (c, o) => withFolderPath(listFolderDocuments(c, org, group, o), paths),
        idsPath: docsPath(org),
        idsQuery: { 'filter[document_folder_id]': filterList(group) },
      });
    }
  }
  return units;
}

/**
 * Outcomes of listings the account does not have are dropped before the sweeps (a refused
 * listing read nothing, so sweeping would "delete" every stored record of the type), and the
 * user is told once per type.
 */
export function dropUnavailable(outcomes: ListingOutcome[], state: AccountState, warnings: string[]): void {
  if (state.unavailable.size === 0) return;
  // Per type dropped here: the folder listings a proven tenant runs after "searchable" come
  // through a second call, which must not repeat what the first one said.
  const dropped = new Set<RecordType>();
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const o = outcomes[i];
    if (o && state.unavailable.has(o.unit.resource)) {
      dropped.add(o.unit.resource);
      outcomes.splice(i, 1);
    }
  }
  for (const [type, status] of state.unavailable) {
    if (!dropped.has(type)) continue;
    const what = LABEL[type] ?? type;
    warnings.push(
      type === 'document-folders'
        ? state.documents.proven
          ? // IT Glue listed foldered documents without naming folders: they are all here, without paths.
            `${what} are not available to this API key (HTTP ${status}): documents were synced without their folder paths.`
          : `${what} are not available to this API key (HTTP ${status}): only documents at the root of each organization were synced.`
        : `${what} are not available on this IT Glue account or key (HTTP ${status}); they were skipped.`,
    );
  }
}
