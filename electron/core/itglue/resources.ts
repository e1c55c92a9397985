import type { CallOptions, ItGlueClient, ListOptions, Query } from './client';
import { KeyRejectedError, NoPasswordAccessError, RequestRejectedError } from './errors';
import type { ItGlueResource, ListPage } from './schemas';

/**
 * One helper per IT Glue listing the sync calls. Each yields pages (so the sync can checkpoint
 * by page number) of tolerant-parsed records.
 *
 * Incremental sync (`updatedSince`), decided here:
 * - Every type: `sort=-updated_at`, keep records updated at or after `since`, and stop paging
 *   at the first page that reaches older records. Cost: ceil(changed / 1000) requests, usually 1.
 *   If the server ignores the sort (a page is not newest-first), paging continues to the end and
 *   the filter is applied here, so a quiet server never makes us miss changes.
 * - Organizations additionally have the documented `filter[updated_at]=<since>,<now>`. The API
 *   refuses ranges longer than a week, so it is used only when `since` is at most 6 days old
 *   (a day of slack for clock skew); older cursors use the sort path rather than one request
 *   per week of history, which would cost more than it saves. A 422 falls back to the sort path.
 */

export interface ResourceListOptions extends ListOptions {
  /** RFC 3339 time of the last successful sync of this listing. */
  updatedSince?: string;
  /** Clock for the organizations range filter (tests, replays). */
  now?: Date;
}

export type PageStream = AsyncGenerator<ListPage, void, undefined>;

const WEEK_FILTER_MAX_MS = 6 * 24 * 3600 * 1000;

function updatedAt(r: ItGlueResource): number | null {
  const v = r.attributes['updated-at'];
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

function parseSince(since: string): number {
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new RequestRejectedError(0, 'updatedSince', `"${since}" is not an RFC 3339 time`);
  return t;
}

async function* changedSince(client: ItGlueClient, path: string, query: Query, since: string, opts: ListOptions): PageStream {
  const sinceMs = parseSince(since);
  let trustSort = true;
  for await (const page of client.list(path, { ...query, sort: '-updated_at' }, opts)) {
    const times = page.data.map(updatedAt);
    for (let i = 1; i < times.length; i++) {
      const a = times[i - 1];
      const b = times[i];
      if (a === null || a === undefined || b === null || b === undefined || b > a) trustSort = false;
    }
    // Records without a readable updated-at are kept: better one extra write than a lost change.
    const data = page.data.filter((r, i) => {
      const t = times[i];
      return t === null || t === undefined || t >= sinceMs;
    });
    yield { ...page, data };
    const last = times[times.length - 1];
    if (trustSort && last !== null && last !== undefined && last < sinceMs) return;
  }
}

export function listing(client: ItGlueClient, path: string, query: Query, opts: ResourceListOptions): PageStream {
  const { updatedSince, now: _now, ...listOpts } = opts;
  return updatedSince ? changedSince(client, path, query, updatedSince, listOpts) : client.list(path, query, listOpts);
}

function orgScoped(orgId: string | number | undefined, path: string): string {
  return orgId === undefined ? `/${path}` : `/organizations/${encodeURIComponent(String(orgId))}/relationships/${path}`;
}

export async function* listOrganizations(client: ItGlueClient, opts: ResourceListOptions = {}): PageStream {
  const { updatedSince, now, ...listOpts } = opts;
  if (updatedSince) {
    const sinceMs = parseSince(updatedSince);
    const nowDate = now ?? new Date();
    if (nowDate.getTime() - sinceMs <= WEEK_FILTER_MAX_MS) {
      const range = `${new Date(sinceMs).toISOString()},${nowDate.toISOString()}`;
      let yielded = false;
      try {
        for await (const page of client.list('/organizations', { 'filter[updated_at]': range }, listOpts)) {
          yielded = true;
          yield page;
        }
        return;
      } catch (e) {
        // Only a refused filter before anything was yielded falls back; other errors propagate.
        if (yielded || !(e instanceof RequestRejectedError)) throw e;
      }
    }
  }
  yield* listing(client, '/organizations', {}, opts);
}

export function listConfigurations(
  client: ItGlueClient,
  opts: ResourceListOptions & { orgId?: string | number; includeInterfaces?: boolean } = {},
): PageStream {
  const { orgId, includeInterfaces, ...rest } = opts;
  // Nested routes scope by organization without relying on a filter name the server might ignore.
  return listing(client, orgScoped(orgId, 'configurations'), includeInterfaces ? { include: 'configuration_interfaces' } : {}, rest);
}

/** Lists never carry values; any `password` attribute that shows up anyway is dropped here. */
export async function* listPasswords(client: ItGlueClient, opts: ResourceListOptions & { orgId?: string | number } = {}): PageStream {
  const { orgId, ...rest } = opts;
  for await (const page of listing(client, orgScoped(orgId, 'passwords'), {}, rest)) {
    yield { ...page, data: page.data.map(withoutSecret) };
  }
}

function withoutSecret(r: ItGlueResource): ItGlueResource {
  if (!('password' in r.attributes)) return r;
  const { password: _password, ...attributes } = r.attributes;
  return { ...r, attributes };
}

export interface PasswordSecret {
  id: string;
  value: string;
  /** The record's other attributes, without the value. */
  attributes: Record<string, unknown>;
}

/**
 * One password value (one request). A key without Password Access gets the record without a
 * value, or 401/403: both become NoPasswordAccess, never an empty password. A 401/403 is checked
 * against a cheap organizations request so a revoked key still reads as KeyRejected.
 */
export async function getPassword(client: ItGlueClient, id: string | number, opts: CallOptions = {}): Promise<PasswordSecret> {
  let record: ItGlueResource;
  try {
    record = (await client.show('/passwords', id, opts)).data;
  } catch (e) {
    if (!(e instanceof KeyRejectedError)) throw e;
    await client.get('/organizations', { 'page[size]': 1 }, opts);
    throw new NoPasswordAccessError();
  }
  const value = record.attributes['password'];
  if (typeof value !== 'string') throw new NoPasswordAccessError();
  return { id: record.id, value, attributes: withoutSecret(record).attributes };
}

export function listFlexibleAssetTypes(client: ItGlueClient, opts: ResourceListOptions = {}): PageStream {
  return listing(client, '/flexible_asset_types', {}, opts);
}

export function listFlexibleAssetFields(client: ItGlueClient, typeId: string | number, opts: ResourceListOptions = {}): PageStream {
  return listing(client, `/flexible_asset_types/${encodeURIComponent(String(typeId))}/relationships/flexible_asset_fields`, {}, opts);
}

/** IT Glue requires the type filter on this route (422 without it). */
export function listFlexibleAssets(client: ItGlueClient, typeId: string | number, opts: ResourceListOptions = {}): PageStream {
  return listing(client, '/flexible_assets', { 'filter[flexible-asset-type-id]': String(typeId) }, opts);
}

export function listContacts(client: ItGlueClient, opts: ResourceListOptions & { orgId?: string | number } = {}): PageStream {
  const { orgId, ...rest } = opts;
  return listing(client, orgScoped(orgId, 'contacts'), {}, rest);
}

export function listLocations(client: ItGlueClient, opts: ResourceListOptions & { orgId?: string | number } = {}): PageStream {
  const { orgId, ...rest } = opts;
  return listing(client, orgScoped(orgId, 'locations'), {}, rest);
}

export function listDomains(client: ItGlueClient, opts: ResourceListOptions & { orgId?: string | number } = {}): PageStream {
  const { orgId, ...rest } = opts;
  return listing(client, orgScoped(orgId, 'domains'), {}, rest);
}

/** Tenants without Documents answer 404 (NotFoundError); probeTenant finds out up front. */
export function listDocuments(client: ItGlueClient, orgId: string | number, opts: ResourceListOptions = {}): PageStream {
  return listing(client, orgScoped(orgId, 'documents'), {}, opts);
}

export function listDocumentSections(client: ItGlueClient, docId: string | number, opts: ResourceListOptions = {}): PageStream {
  return listing(client, `/documents/${encodeURIComponent(String(docId))}/relationships/sections`, {}, opts);
}

/** JSON:API type (kebab-case plural) → URL path segment (snake_case). */
export function pathForType(type: string): string {
  return `/${type.replace(/-/g, '_')}`;
}

export interface WithRelated {
  record: ItGlueResource;
  /** `related-items` from the include; other included records (interfaces, passwords) in `included`. */
  related: ItGlueResource[];
  included: ItGlueResource[];
}

/** Related items exist only as an include on a show request: one request per record. */
export async function showWithRelated(
  client: ItGlueClient,
  type: string,
  id: string | number,
  opts: CallOptions & { include?: string[] } = {},
): Promise<WithRelated> {
  const include = ['related_items', ...(opts.include ?? [])].join(',');
  const { data, included } = await client.show(pathForType(type), id, { signal: opts.signal, include });
  const related = included.filter((r) => r.type === 'related-items');
  return { record: withoutSecret(data), related, included: included.filter((r) => r.type !== 'related-items').map(withoutSecret) };
}

/**
 * Every id a listing currently has, for the deletion sweep (IT Glue has no tombstones).
 * Asks for a sparse fieldset so the pages stay small where the server honours it.
 */
export async function listIds(client: ItGlueClient, path: string, query: Query = {}, opts: ListOptions = {}): Promise<string[]> {
  const segment = path.split('?')[0]?.split('/').filter(Boolean).pop() ?? '';
  const type = segment.replace(/_/g, '-');
  const ids: string[] = [];
  for await (const page of client.list(path, { [`fields[${type}]`]: 'id', ...query }, opts)) {
    for (const r of page.data) ids.push(r.id);
  }
  return ids;
}
