import type { ItGlueClient } from './client';
import { KeyRejectedError, NotFoundError } from './errors';
import { listing, type PageStream, type ResourceListOptions } from './resources';

/**
 * Listings of the rest of an account (docs/itglue-api-notes.md): document folders and the
 * documents inside them, checklists with their tasks, SSL certificates and IT Glue's own
 * expirations list. Same incremental rule as resources.ts (sort=-updated_at, stop at `since`).
 */

/** A filter value naming several values: commas inside one are escaped with a backslash (documented). */
export function filterList(values: readonly (string | number)[]): string {
  return values.map((v) => String(v).replace(/\\/g, '\\\\').replace(/,/g, '\\,')).join(',');
}

const orgPath = (orgId: string | number, child: string): string => `/organizations/${encodeURIComponent(String(orgId))}/relationships/${child}`;

/** Every folder of an organization, nested ones included (each names its `parent-id`). */
export function listDocumentFolders(client: ItGlueClient, orgId: string | number, opts: ResourceListOptions = {}): PageStream {
  return listing(client, orgPath(orgId, 'document_folders'), {}, opts);
}

/**
 * `filter[document_folder_id]=null`: undocumented; some tenants answer with every document of
 * the organization, foldered ones included, others with the root ones only (docs/itglue-api-notes.md).
 */
export const ALL_DOCUMENTS_FILTER = { 'filter[document_folder_id]': 'null' } as const;

/** An organization's documents asked with ALL_DOCUMENTS_FILTER: at least its root-level ones. */
export function listOrganizationDocuments(client: ItGlueClient, orgId: string | number, opts: ResourceListOptions = {}): PageStream {
  return listing(client, orgPath(orgId, 'documents'), { ...ALL_DOCUMENTS_FILTER }, opts);
}

/**
 * An organization's documents in the named folders: IT Glue lists only root-level documents
 * unless `filter[document_folder_id]` names folders (observed by others); several folders go in
 * one filter, comma-separated as IT Glue's filters take lists.
 */
export function listFolderDocuments(client: ItGlueClient, orgId: string | number, folderIds: readonly (string | number)[], opts: ResourceListOptions = {}): PageStream {
  return listing(client, orgPath(orgId, 'documents'), { 'filter[document_folder_id]': filterList(folderIds) }, opts);
}

/** Tenant-wide checklists, each page with its tasks as `included` (no request per checklist). */
export function listChecklists(client: ItGlueClient, opts: ResourceListOptions = {}): PageStream {
  return listing(client, '/checklists', { include: 'checklist_tasks' }, opts);
}

export function listSslCertificates(client: ItGlueClient, opts: ResourceListOptions = {}): PageStream {
  return listing(client, '/ssl_certificates', {}, opts);
}

/** IT Glue's own account-wide expirations (domains, warranties, certificates, asset dates). */
export function listExpirations(client: ItGlueClient, opts: ResourceListOptions = {}): PageStream {
  return listing(client, '/expirations', {}, opts);
}

/**
 * A resource the account or key may not have (a tenant without Document Folders or Checklists:
 * 404; a resource some keys reach only with a user session: 401/403 while the key itself still
 * works). Yields the listing's pages; `onUnavailable` is told, and nothing is yielded, when the
 * very first page is refused that way. A 401/403 is checked against a cheap organizations
 * request so a revoked key still stops the sync as KeyRejected.
 */
export async function* optionalListing(client: ItGlueClient, stream: PageStream, onUnavailable: (status: number) => void, signal?: AbortSignal): PageStream {
  let first = true;
  try {
    for await (const page of stream) {
      first = false;
      yield page;
    }
  } catch (e) {
    if (!first) throw e;
    if (e instanceof NotFoundError) return onUnavailable(404);
    if (!(e instanceof KeyRejectedError)) throw e;
    await client.get('/organizations', { 'page[size]': 1 }, { signal });
    onUnavailable(e.status);
  }
}
