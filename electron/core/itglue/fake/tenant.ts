import { DATASET_FILES, JSON_TYPE, datasetKey, type Dataset, type DatasetKey, type FakeResource, type ResourceDocument } from './dataset';
import { resourceUrl } from './urls';

/** Order by numeric id; ids are decimal strings, so length first avoids parsing. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * One resource type held in memory with the indexes the server needs at 100k records:
 * by id, grouped by a foreign key, and pre-sorted lists. Indexes are rebuilt lazily after a
 * mutation (mutations are rare; reads are the hot path).
 */
export class Table {
  readonly byId = new Map<string, FakeResource>();
  private version = 0;
  private builtFor = -1;
  private ordered: FakeResource[] = [];
  private readonly sorted = new Map<string, FakeResource[]>();
  private readonly groups = new Map<string, Map<string, FakeResource[]>>();
  /** Serialised list form per resource; objects are replaced on update, so this never goes stale. */
  readonly listJson = new WeakMap<FakeResource, string>();

  constructor(readonly key: DatasetKey | 'expirations', readonly doc: ResourceDocument) {
    for (const r of doc.data) this.byId.set(r.id, r);
  }

  get revision(): number {
    return this.version;
  }

  private fresh(): void {
    if (this.builtFor === this.version) return;
    this.ordered = [...this.doc.data].sort((a, b) => compareIds(a.id, b.id));
    this.sorted.clear();
    this.groups.clear();
    this.builtFor = this.version;
  }

  /** Every resource in id order. */
  all(): FakeResource[] {
    this.fresh();
    return this.ordered;
  }

  /** Every resource in `sort` order; cached per sort spec. */
  allSorted(sort: SortKey[]): FakeResource[] {
    this.fresh();
    if (sort.length === 0) return this.ordered;
    const spec = sort.map((s) => `${s.desc ? '-' : ''}${s.attr}`).join(',');
    let list = this.sorted.get(spec);
    if (!list) {
      list = sortResources(this.ordered, sort);
      this.sorted.set(spec, list);
    }
    return list;
  }

  /** Resources whose attribute `attr` equals `value` (compared as strings), in id order. */
  where(attr: string, value: string): FakeResource[] {
    this.fresh();
    let index = this.groups.get(attr);
    if (!index) {
      index = new Map();
      for (const r of this.ordered) {
        const v = r.attributes[attr];
        if (v === null || v === undefined) continue;
        const k = String(v);
        const bucket = index.get(k);
        if (bucket) bucket.push(r);
        else index.set(k, [r]);
      }
      this.groups.set(attr, index);
    }
    return index.get(value) ?? [];
  }

  put(resource: FakeResource): void {
    const existing = this.byId.get(resource.id);
    if (existing) this.doc.data[this.doc.data.indexOf(existing)] = resource;
    else this.doc.data.push(resource);
    this.byId.set(resource.id, resource);
    this.version++;
  }

  remove(id: string): boolean {
    const existing = this.byId.get(id);
    if (!existing) return false;
    this.doc.data.splice(this.doc.data.indexOf(existing), 1);
    this.byId.delete(id);
    this.version++;
    return true;
  }

  nextId(): string {
    let max = 0;
    for (const id of this.byId.keys()) max = Math.max(max, Number(id));
    return String(max + 1);
  }
}

/** Files that exist only when the account has the feature their family is named after. */
const OPTIONAL_FAMILY: Partial<Record<DatasetKey, DatasetKey>> = {
  documents: 'documents',
  document_sections: 'documents',
  document_folders: 'documents',
  checklists: 'checklists',
  checklist_tasks: 'checklists',
};

export interface SortKey {
  attr: string; // attribute name, or 'id'
  desc: boolean;
}

function sortValue(r: FakeResource, attr: string): string {
  if (attr === 'id') return r.id;
  const v = r.attributes[attr];
  if (v === null || v === undefined) return '';
  return attr === 'name' ? String(v).toLowerCase() : String(v);
}

/** Stable: ties (and equal keys) fall back to ascending id, so paging never skips or repeats. */
export function sortResources(list: FakeResource[], sort: SortKey[]): FakeResource[] {
  const keyed = list.map((r) => ({ r, keys: sort.map((s) => sortValue(r, s.attr)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < sort.length; i++) {
      const s = sort[i];
      if (!s) continue;
      const x = a.keys[i] ?? '';
      const y = b.keys[i] ?? '';
      const c = s.attr === 'id' ? compareIds(x, y) : x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return s.desc ? -c : c;
    }
    return compareIds(a.r.id, b.r.id);
  });
  return keyed.map((k) => k.r);
}

export interface Mutations {
  add(type: string, resource: { id?: string; attributes: Record<string, unknown> }): string;
  update(type: string, id: string, attributes: Record<string, unknown>): void;
  remove(type: string, id: string): void;
  archive(type: string, id: string): void;
}

/** The whole tenant: one Table per dataset file, plus the derived expirations listing. */
export class Tenant implements Mutations {
  readonly dataset: Dataset;
  private readonly tables = new Map<DatasetKey, Table>();
  private lastStamp = 0;
  private expirationTable: Table | null = null;
  private expirationSource = '';

  constructor(source: Dataset) {
    // Own copies of the documents, so mutations never reach the caller's objects.
    this.dataset = {};
    let newest = '';
    for (const key of DATASET_FILES) {
      const doc = source[key];
      // A feature the account lacks (an older tenant without Documents, a key without
      // Checklists) has no file: its routes answer 404, as IT Glue's do.
      const family = OPTIONAL_FAMILY[key];
      if (family && !source[family]) continue;
      const own: ResourceDocument = { data: doc ? [...doc.data] : [] };
      this.dataset[key] = own;
      this.tables.set(key, new Table(key, own));
      for (const r of own.data) {
        // RFC 3339 UTC strings order like the times they name; parse only the newest.
        const u = r.attributes['updated-at'];
        if (typeof u === 'string' && u > newest) newest = u;
      }
    }
    const t = Date.parse(newest);
    if (!Number.isNaN(t)) this.lastStamp = t;
  }

  get hasChecklists(): boolean {
    return this.tables.has('checklists');
  }

  get hasDocuments(): boolean {
    return this.tables.has('documents');
  }

  table(key: DatasetKey): Table | null {
    return this.tables.get(key) ?? null;
  }

  /** Derived like IT Glue's: domain expiry dates, configuration warranties and SSL certificates. */
  expirations(): Table {
    const domains = this.tables.get('domains');
    const configs = this.tables.get('configurations');
    const certs = this.tables.get('ssl_certificates');
    const source = `${domains?.revision ?? 0}/${configs?.revision ?? 0}/${certs?.revision ?? 0}`;
    if (this.expirationTable && this.expirationSource === source) return this.expirationTable;
    const data: FakeResource[] = [];
    const add = (prefix: string, r: FakeResource, kind: string, date: unknown, description: string): void => {
      if (typeof date !== 'string' || date === '') return;
      data.push({
        id: `${prefix}${r.id}`,
        type: 'expirations',
        attributes: {
          'organization-id': r.attributes['organization-id'] ?? null,
          'organization-name': r.attributes['organization-name'] ?? null,
          'resource-id': Number(r.id),
          'resource-name': r.attributes.name ?? null,
          'resource-type-name': kind,
          description,
          'expiration-date': date.slice(0, 10),
          'resource-url': r.attributes['resource-url'] ?? null,
          'created-at': r.attributes['created-at'] ?? null,
          'updated-at': r.attributes['updated-at'] ?? null,
        },
      });
    };
    for (const r of domains?.all() ?? []) add('1', r, 'Domain', r.attributes['expires-on'], 'Domain registration');
    for (const r of configs?.all() ?? []) add('2', r, 'Configuration', r.attributes['warranty-expires-at'], 'Warranty');
    for (const r of certs?.all() ?? []) add('3', r, 'SslCertificate', r.attributes['expires-on'], 'SSL certificate');
    this.expirationTable = new Table('expirations', { data });
    this.expirationSource = source;
    return this.expirationTable;
  }

  /** Strictly increasing "now", so every mutation is visible to an updated-at cursor. */
  stamp(): string {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }

  private resolve(type: string): { key: DatasetKey; table: Table } {
    const key = datasetKey(type);
    if (!key) throw new Error(`unknown resource type "${type}"`);
    let table = this.tables.get(key);
    if (!table) {
      // Adding a document to an older tenant gives it documents from then on.
      const doc: ResourceDocument = { data: [] };
      this.dataset[key] = doc;
      table = new Table(key, doc);
      this.tables.set(key, table);
    }
    return { key, table };
  }

  private existing(table: Table, id: string): FakeResource {
    const r = table.byId.get(id);
    if (!r) throw new Error(`${table.key} ${id} does not exist`);
    return r;
  }

  add(type: string, resource: { id?: string; attributes: Record<string, unknown> }): string {
    const { key, table } = this.resolve(type);
    const id = resource.id ?? table.nextId();
    if (table.byId.has(id)) throw new Error(`${key} ${id} already exists`);
    const now = this.stamp();
    const org = resource.attributes['organization-id'];
    const orgId = key === 'organizations' ? null : typeof org === 'number' ? org : null;
    table.put({
      id,
      type: JSON_TYPE[key],
      attributes: {
        'resource-url': resourceUrl(key, id, orgId),
        'created-at': now,
        ...resource.attributes,
        'updated-at': now,
      },
    });
    return id;
  }

  update(type: string, id: string, attributes: Record<string, unknown>): void {
    const { table } = this.resolve(type);
    const r = this.existing(table, id);
    table.put({ ...r, attributes: { ...r.attributes, ...attributes, 'updated-at': this.stamp() } });
  }

  remove(type: string, id: string): void {
    const { table } = this.resolve(type);
    if (!table.remove(id)) throw new Error(`${table.key} ${id} does not exist`);
  }

  archive(type: string, id: string): void {
    this.update(type, id, { archived: true });
  }
}
