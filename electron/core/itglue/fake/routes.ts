import { JSON_TYPE, type DatasetKey, type FakeResource } from './dataset';
import { parseQuery, parseUpdatedAtRange, splitEscaped, type ParsedQuery } from './query';
import { compareIds, sortResources, type Table, type Tenant } from './tenant';

export interface Reply {
  status: number;
  body: string;
}

export interface RouteContext {
  /** Base URL for links (http://127.0.0.1:PORT). */
  baseUrl: string;
  passwordAccess: boolean;
  now: number;
  /** What `filter[document_folder_id]=null` lists on an organization's documents (FakeOptions). */
  documentsNullFilter: DocumentsNullFilter;
}

/**
 * `filter[document_folder_id]=null` on an organization's documents, which IT Glue does not
 * document: 'all' = every document of the organization, foldered ones included (reported on live
 * tenants, docs/itglue-api-notes.md); 'root' = the value null names no folder, so only the root
 * documents (a tenant that ignores the filter, or reads it as "folder id is null").
 */
export type DocumentsNullFilter = 'all' | 'root';

type ListKey = DatasetKey | 'expirations';

const LISTS: ReadonlySet<string> = new Set(['organizations', 'configurations', 'passwords', 'flexible_asset_types', 'flexible_assets', 'contacts', 'locations', 'domains', 'expirations', 'ssl_certificates', 'checklists']);
const SHOWS: ReadonlySet<string> = new Set(['organizations', 'configurations', 'passwords', 'flexible_asset_types', 'flexible_assets', 'contacts', 'locations', 'domains', 'documents', 'ssl_certificates', 'checklists']);
const ORG_CHILDREN: ReadonlySet<string> = new Set(['configurations', 'passwords', 'contacts', 'locations', 'domains', 'documents', 'document_folders', 'checklists', 'ssl_certificates']);
/** Types whose records belong to an organization, so filter[organization_id] applies. */
const ORG_OWNED: ReadonlySet<string> = new Set(['configurations', 'passwords', 'flexible_assets', 'contacts', 'locations', 'domains', 'documents', 'expirations', 'ssl_certificates', 'checklists', 'document_folders']);
/** Parents whose attachments are listed at /:type/:id/relationships/attachments. */
const ATTACHABLE: ReadonlySet<string> = new Set(['configurations', 'flexible_assets', 'documents', 'checklists', 'ssl_certificates', 'passwords', 'contacts', 'locations', 'domains']);
/** Child records a listing embeds as `included` when asked (one request instead of one per parent). */
const LIST_INCLUDES: Partial<Record<ListKey, { include: string; child: DatasetKey; fk: string; rel: string }>> = {
  configurations: { include: 'configuration_interfaces', child: 'configuration_interfaces', fk: 'configuration-id', rel: 'configuration-interfaces' },
  checklists: { include: 'checklist_tasks', child: 'checklist_tasks', fk: 'checklist-id', rel: 'checklist-tasks' },
};
/** IT Glue's class names, used by related items and password resources. */
const CLASS_NAME: Partial<Record<ListKey, string>> = {
  configurations: 'Configuration',
  flexible_assets: 'FlexibleAsset',
  passwords: 'Password',
  documents: 'Document',
  checklists: 'Checklist',
  ssl_certificates: 'SslCertificate',
  contacts: 'Contact',
  locations: 'Location',
  domains: 'Domain',
};
/** Which `include=` values each show accepts. */
const SHOW_INCLUDES: Partial<Record<ListKey, readonly string[]>> = {
  configurations: ['configuration_interfaces', 'related_items', 'passwords', 'attachments'],
  flexible_assets: ['related_items', 'attachments'],
  documents: ['related_items', 'attachments'],
  passwords: ['related_items', 'attachments'],
  checklists: ['checklist_tasks', 'attachments'],
  ssl_certificates: ['attachments'],
};
const LIST_TRUNCATE = 250;

export function errorReply(status: number, title: string, detail: string, statusField: string = String(status), source?: Record<string, string>): Reply {
  const error: Record<string, unknown> = { status: statusField, title, detail };
  if (source) error.source = source;
  return { status, body: JSON.stringify({ errors: [error] }) };
}

export const notFound = (detail: string): Reply => errorReply(404, 'Record not found', detail);

/** Answers one authenticated GET; the HTTP layer adds auth, rate limits and faults around it. */
export function route(tenant: Tenant, url: URL, ctx: RouteContext): Reply {
  const parts = url.pathname.split('/').filter(Boolean);
  const q = parseQuery(url.searchParams);
  if (q.badSort) return errorReply(400, 'Bad Request', `sort by "${q.badSort}" is not supported; use name, updated_at or created_at, with - for descending`, 'bad_request', { parameter: 'sort' });
  const [resource, id, rel, child] = parts;
  if (!resource) return notFound('Unknown path');
  const key = resource === 'expirations' ? 'expirations' : (resource as ListKey);
  const table = key === 'expirations' ? tenant.expirations() : LISTS.has(key) || SHOWS.has(key) ? tenant.table(key) : null;

  if (parts.length === 1) {
    if (!LISTS.has(resource) || !table) return notFound(`No route for /${resource}`);
    if (key === 'flexible_assets' && !q.filters.has('flexible-asset-type-id')) {
      return errorReply(422, 'Unprocessable Entity', 'filter[flexible-asset-type-id] is required for /flexible_assets', '422', { parameter: 'filter[flexible-asset-type-id]' });
    }
    return listReply(tenant, table, key, null, q, url, ctx);
  }
  if (parts.length === 2 && id) {
    if (!SHOWS.has(resource)) return notFound(`No route for /${resource}/:id`);
    if (!table) return notFound(`No ${resource} in this account`);
    return showReply(tenant, table, key, id, q, ctx);
  }
  if (parts.length === 4 && id && rel === 'relationships' && child) {
    const nested = nestedScope(tenant, resource, id, child, q, ctx.documentsNullFilter);
    if ('status' in nested) return nested;
    return listReply(tenant, nested.table, nested.key, nested.scope, q, url, ctx);
  }
  return notFound(`No route for ${url.pathname}`);
}

function nestedScope(tenant: Tenant, parent: string, id: string, child: string, q: ParsedQuery, nullFilter: DocumentsNullFilter): Reply | { table: Table; key: ListKey; scope: FakeResource[] } {
  const known = parent === 'organizations' || parent === 'configurations' || parent === 'flexible_asset_types' || parent === 'documents' || (child === 'attachments' && ATTACHABLE.has(parent));
  const parentTable = known ? tenant.table(parent as DatasetKey) : null;
  if (!parentTable) return notFound(`No route for /${parent}/:id/relationships/${child}`);
  if (!parentTable.byId.has(id)) return notFound(`No ${parent} with id ${id}`);
  const scoped = (key: DatasetKey, attr: string): ReturnType<typeof nestedScope> => {
    const table = tenant.table(key);
    if (!table) return notFound(`No ${key} in this account`);
    return { table, key, scope: table.where(attr, id) };
  };
  if (parent === 'organizations' && child === 'documents') return documentsOf(tenant, id, q, nullFilter);
  if (parent === 'organizations' && ORG_CHILDREN.has(child)) return scoped(child as DatasetKey, 'organization-id');
  if (child === 'attachments') {
    const className = CLASS_NAME[parent as ListKey];
    const table = tenant.table('attachments');
    if (!table || !className) return notFound(`No attachments for ${parent}`);
    return { table, key: 'attachments', scope: table.where('resource-id', id).filter((a) => a.attributes['resource-type'] === className) };
  }
  if (parent === 'configurations' && child === 'configuration_interfaces') return scoped('configuration_interfaces', 'configuration-id');
  if (parent === 'flexible_asset_types' && child === 'flexible_asset_fields') return scoped('flexible_asset_fields', 'flexible-asset-type-id');
  if (parent === 'documents' && child === 'sections') return scoped('document_sections', 'document-id');
  return notFound(`No route for /${parent}/:id/relationships/${child}`);
}

function jsonType(key: ListKey): string {
  return key === 'expirations' ? 'expirations' : JSON_TYPE[key];
}

/**
 * An organization's documents as IT Glue lists them (observed by other tools' users, docs/itglue-api-notes.md):
 * only root-level documents unless `filter[document_folder_id]` names folders, the one filter
 * this nested route honours. Comma-separated ids (with `\,` escaping) name several folders.
 * The value `null` lists every document with nullFilter 'all', the root ones with 'root'.
 */
function documentsOf(tenant: Tenant, orgId: string, q: ParsedQuery, nullFilter: DocumentsNullFilter): Reply | { table: Table; key: ListKey; scope: FakeResource[] } {
  const table = tenant.table('documents');
  if (!table) return notFound('No documents in this account');
  const ofOrg = table.where('organization-id', orgId);
  const atRoot = (d: FakeResource): boolean => d.attributes['document-folder-id'] === null || d.attributes['document-folder-id'] === undefined;
  const folderFilter = q.filters.get('document_folder_id') ?? q.filters.get('document-folder-id');
  if (folderFilter === undefined) return { table, key: 'documents', scope: ofOrg.filter(atRoot) };
  const folders = new Set(splitEscaped(folderFilter).map((v) => v.trim()));
  if (folders.has('null') && nullFilter === 'all') return { table, key: 'documents', scope: ofOrg };
  return { table, key: 'documents', scope: ofOrg.filter((d) => (folders.has('null') && atRoot(d)) || folders.has(String(d.attributes['document-folder-id']))) };
}

/** Union of id-ordered buckets, in id order. */
function unionById(lists: FakeResource[][]): FakeResource[] {
  if (lists.length === 1) return lists[0] ?? [];
  const seen = new Set<string>();
  const out: FakeResource[] = [];
  for (const list of lists) for (const r of list) if (!seen.has(r.id)) { seen.add(r.id); out.push(r); }
  return out.sort((a, b) => compareIds(a.id, b.id));
}

function listReply(tenant: Tenant, table: Table, key: ListKey, scope: FakeResource[] | null, q: ParsedQuery, url: URL, ctx: RouteContext): Reply {
  const applied: Record<string, string> = {};
  let candidates: FakeResource[];
  let fromIndex = false;
  // Filters do not work on nested relationship routes, as on the real service.
  const filters = scope ? new Map<string, string>() : q.filters;
  const orgFilter = filters.get('organization_id') ?? filters.get('organization-id');
  const typeFilter = key === 'flexible_assets' ? filters.get('flexible-asset-type-id') : undefined;
  if (scope) {
    candidates = scope;
  } else if (orgFilter !== undefined && ORG_OWNED.has(key)) {
    candidates = unionById(splitEscaped(orgFilter).map((v) => table.where('organization-id', v.trim())));
    applied['organization_id'] = orgFilter;
    fromIndex = true;
  } else if (typeFilter !== undefined) {
    candidates = unionById(splitEscaped(typeFilter).map((v) => table.where('flexible-asset-type-id', v.trim())));
    applied['flexible-asset-type-id'] = typeFilter;
    fromIndex = true;
  } else {
    candidates = table.all();
  }
  if (fromIndex && typeFilter !== undefined && orgFilter !== undefined && ORG_OWNED.has(key)) {
    const types = new Set(splitEscaped(typeFilter).map((v) => v.trim()));
    candidates = candidates.filter((r) => types.has(String(r.attributes['flexible-asset-type-id'])));
    applied['flexible-asset-type-id'] = typeFilter;
  }
  const predicates: Array<(r: FakeResource) => boolean> = [];
  const idFilter = filters.get('id');
  if (idFilter !== undefined) {
    const ids = new Set(splitEscaped(idFilter).map((v) => v.trim()));
    predicates.push((r) => ids.has(r.id));
    applied.id = idFilter;
  }
  const nameFilter = filters.get('name');
  if (nameFilter !== undefined) {
    const names = new Set(splitEscaped(nameFilter));
    predicates.push((r) => names.has(String(r.attributes.name ?? '')));
    applied.name = nameFilter;
  }
  const updated = filters.get('updated_at');
  if (updated !== undefined && key === 'organizations') {
    const range = parseUpdatedAtRange(updated, ctx.now);
    if ('error' in range) return errorReply(422, 'Unprocessable Entity', range.error, 'unprocessable_entity', { parameter: 'filter[updated_at]' });
    predicates.push((r) => {
      const t = Date.parse(String(r.attributes['updated-at'] ?? ''));
      return t >= range.from && t <= range.to;
    });
    applied.updated_at = updated;
  }
  if (predicates.length > 0) candidates = candidates.filter((r) => predicates.every((p) => p(r)));

  let ordered = candidates;
  if (q.sort.length > 0) ordered = candidates === table.all() ? table.allSorted(q.sort) : sortResources(candidates, q.sort);

  const total = ordered.length;
  const totalPages = Math.ceil(total / q.pageSize);
  const start = (q.pageNumber - 1) * q.pageSize;
  const page = ordered.slice(start, start + q.pageSize);
  const hasNext = q.pageNumber < totalPages;

  const fields = q.fields.get(jsonType(key)) ?? null;
  // DECISION: configuration lists honour include=configuration_interfaces so a sync needs
  // no request per configuration; related items stay show-only, as on the real service.
  const embed = LIST_INCLUDES[key];
  const children = embed && q.include.has(embed.include) ? tenant.table(embed.child) : null;
  const included: string[] = [];
  const items = page.map((r) => {
    if (!children || !embed) return listItemJson(table, key, r, fields);
    const kids = children.where(embed.fk, r.id);
    for (const k of kids) included.push(listItemJson(children, embed.child, k, null));
    const item = { ...listItem(key, r, fields), relationships: { [embed.rel]: { data: kids.map((k) => ({ type: k.type, id: k.id })) } } };
    return JSON.stringify(item);
  });

  const meta = {
    'current-page': q.pageNumber,
    'next-page': hasNext ? q.pageNumber + 1 : null,
    'prev-page': q.pageNumber > 1 ? q.pageNumber - 1 : null,
    'total-pages': totalPages,
    'total-count': total,
    filters: applied,
  };
  const links: Record<string, string> = { self: `${ctx.baseUrl}${url.pathname}${url.search}` };
  const pageLink = (n: number): string => {
    const params = new URLSearchParams(url.searchParams);
    params.set('page[number]', String(n));
    params.set('page[size]', String(q.pageSize));
    return `${ctx.baseUrl}${url.pathname}?${params.toString()}`;
  };
  if (hasNext) links.next = pageLink(q.pageNumber + 1);
  if (q.pageNumber > 1) links.prev = pageLink(q.pageNumber - 1);
  links.last = pageLink(Math.max(1, totalPages));

  const includedPart = q.include.size > 0 ? `,"included":[${included.join(',')}]` : '';
  return { status: 200, body: `{"data":[${items.join(',')}]${includedPart},"meta":${JSON.stringify(meta)},"links":${JSON.stringify(links)}}` };
}

/** List form: never a password value; organizations' quick notes cut to 250 characters. */
function listAttributes(key: ListKey, r: FakeResource): Record<string, unknown> {
  if (key === 'passwords' && 'password' in r.attributes) {
    const { password: _secret, ...rest } = r.attributes;
    return rest;
  }
  const notes = r.attributes['quick-notes'];
  if (key === 'organizations' && typeof notes === 'string' && notes.length > LIST_TRUNCATE) {
    return { ...r.attributes, 'quick-notes': notes.slice(0, LIST_TRUNCATE) };
  }
  return r.attributes;
}

function sparse(attributes: Record<string, unknown>, fields: Set<string> | null): Record<string, unknown> {
  if (!fields) return attributes;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in attributes) out[f] = attributes[f];
  return out;
}

function listItem(key: ListKey, r: FakeResource, fields: Set<string> | null): { id: string; type: string; attributes: Record<string, unknown> } {
  return { id: r.id, type: r.type, attributes: sparse(listAttributes(key, r), fields) };
}

function listItemJson(table: Table, key: ListKey, r: FakeResource, fields: Set<string> | null): string {
  if (fields) return JSON.stringify(listItem(key, r, fields));
  let json = table.listJson.get(r);
  if (json === undefined) {
    json = JSON.stringify(listItem(key, r, null));
    table.listJson.set(r, json);
  }
  return json;
}

function showReply(tenant: Tenant, table: Table, key: ListKey, id: string, q: ParsedQuery, ctx: RouteContext): Reply {
  const r = table.byId.get(id);
  if (!r) return notFound(`No ${key} with id ${id}`);
  let attributes: Record<string, unknown> = r.attributes;
  if (key === 'passwords' && !(ctx.passwordAccess && q.showPassword)) {
    // Without Password Access the real service answers 200 and leaves the value out.
    const { password: _secret, ...rest } = r.attributes;
    attributes = rest;
  }
  const item: Record<string, unknown> = { id: r.id, type: r.type, attributes: sparse(attributes, q.fields.get(jsonType(key)) ?? null) };
  const included: unknown[] = [];
  const relationships: Record<string, { data: Array<{ type: string; id: string }> }> = {};
  const allowed = SHOW_INCLUDES[key] ?? [];
  const className = CLASS_NAME[key];
  for (const inc of q.include) {
    if (!allowed.includes(inc)) continue;
    let kids: FakeResource[] = [];
    let kidKey: DatasetKey = 'related_items';
    if (inc === 'configuration_interfaces') {
      kidKey = 'configuration_interfaces';
      kids = tenant.table(kidKey)?.where('configuration-id', id) ?? [];
    } else if (inc === 'passwords') {
      kidKey = 'passwords';
      kids = (tenant.table(kidKey)?.where('resource-id', id) ?? []).filter((p) => p.attributes['resource-type'] === 'Configuration');
    } else if (inc === 'related_items' && className) {
      kids = (tenant.table(kidKey)?.where('resource-id', id) ?? []).filter((x) => x.attributes['resource-type'] === className);
    } else if (inc === 'attachments' && className) {
      kidKey = 'attachments';
      kids = (tenant.table(kidKey)?.where('resource-id', id) ?? []).filter((x) => x.attributes['resource-type'] === className);
    } else if (inc === 'checklist_tasks') {
      kidKey = 'checklist_tasks';
      kids = tenant.table(kidKey)?.where('checklist-id', id) ?? [];
    }
    for (const k of kids) included.push(listItem(kidKey, k, null));
    relationships[inc.replace(/_/g, '-')] = { data: kids.map((k) => ({ type: k.type, id: k.id })) };
  }
  if (Object.keys(relationships).length > 0) item.relationships = relationships;
  const doc: Record<string, unknown> = { data: item };
  if (q.include.size > 0) doc.included = included;
  return { status: 200, body: JSON.stringify(doc) };
}
