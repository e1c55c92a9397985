import { statSync } from 'node:fs';
import type { Door, RecordType } from '../../../shared/domain';
import { RECORD_TYPES } from '../../../shared/domain';
import { StoreError } from './errors';
import { hostnameKey, ipv4Range, ipv4ToNumber, normalizeIpv6, normalizeMac, normalizeSerial } from '../identifiers/index';
import type { Store } from './open';

export interface RecordView {
  rowid: number;
  type: RecordType;
  id: string;
  orgId: number | null;
  name: string;
  body: string;
  attrs: Record<string, unknown>;
  url: string | null;
  updatedAt: string | null;
  archived: boolean;
  deletedAt: string | null;
}

export interface RecordSummary {
  rowid: number;
  type: RecordType;
  id: string;
  orgId: number | null;
  orgName: string | null;
  name: string;
  url: string | null;
  updatedAt: string | null;
  archived: boolean;
}

export interface OrganizationSummary {
  id: number;
  name: string;
  shortName: string | null;
  typeName: string | null;
  statusName: string | null;
  parentId: number | null;
  counts: Partial<Record<RecordType, number>>;
}

export type LookupMatch = 'primary_ip' | 'interface_ip' | 'mac' | 'interface_mac' | 'hostname' | 'serial' | 'asset_tag';

export interface ConfigurationHit {
  id: number;
  name: string;
  hostname: string | null;
  primaryIp: string | null;
  orgId: number | null;
  orgName: string | null;
  url: string | null;
  matchedOn: LookupMatch;
  /** The value that matched (an interface's ip/mac, or the configuration's own field). */
  value: string;
  interfaceName: string | null;
}

export interface InterfaceRow {
  id: number;
  name: string | null;
  ip: string | null;
  mac: string | null;
  isPrimary: boolean;
}

export interface PasswordMeta {
  id: number;
  orgId: number | null;
  name: string;
  username: string | null;
  url: string | null;
  category: string | null;
  resourceType: string | null;
  resourceId: number | null;
  hasValue: boolean;
  restricted: boolean;
  passwordUpdatedAt: string | null;
}

export interface RelatedItem {
  type: string;
  id: string;
  name: string | null;
  kind: string;
  notes: string | null;
  direction: 'out' | 'in';
}

export interface ConfigurationDetail {
  record: RecordView;
  orgName: string | null;
  hostname: string | null;
  primaryIp: string | null;
  mac: string | null;
  serial: string | null;
  assetTag: string | null;
  typeName: string | null;
  statusName: string | null;
  warrantyExpiresAt: string | null;
  interfaces: InterfaceRow[];
  passwords: PasswordMeta[];
  related: RelatedItem[];
}

export interface DocumentSection {
  id: number;
  kind: string | null;
  sort: number | null;
  content: string | null;
  renderedContent: string | null;
}

export interface DependencyNode {
  type: string;
  id: string;
  name: string | null;
  orgId: number | null;
  depth: number;
  kind: string;
}

export interface Expiration {
  type: 'configurations' | 'domains';
  id: string;
  name: string;
  orgId: number | null;
  orgName: string | null;
  what: 'warranty' | 'domain';
  expiresOn: string;
}

export interface SyncRunView {
  id: string;
  kind: 'full' | 'incremental';
  startedAt: string;
  finishedAt: string | null;
  status: string;
  requests: number;
  warnings: string[];
}

export interface AuditEntry {
  id: number;
  at: string;
  door: Door;
  action: string;
  passwordId: number;
  orgId: number | null;
  name: string;
}

export interface StoreReader {
  getRecord(type: RecordType, id: string): RecordView | null;
  listOrganizations(): OrganizationSummary[];
  listRecords(query: { type: RecordType; orgId?: number | null; limit?: number; cursor?: string | null }): { items: RecordSummary[]; nextCursor: string | null };
  configurationDetail(id: number): ConfigurationDetail | null;
  documentWithSections(id: number): { record: RecordView; sections: DocumentSection[] } | null;
  passwordMeta(id: number): PasswordMeta | null;
  counts(): Record<RecordType, number>;
  lastSync(): SyncRunView | null;
  skippedCount(): number;
  storeSizeBytes(): number;
  findByIp(ip: string): ConfigurationHit[];
  findByCidr(cidr: string): ConfigurationHit[];
  findByMac(mac: string): ConfigurationHit[];
  findByHostname(hostname: string): ConfigurationHit[];
  findBySerial(serialOrAssetTag: string): ConfigurationHit[];
  dependencies(type: RecordType, id: string, direction: 'up' | 'down', depth?: number): DependencyNode[];
  expirations(withinDays: number, today?: Date): Expiration[];
  auditList(limit?: number): AuditEntry[];
  getMeta(key: string): string | null;
}

interface RecordRowDb {
  rowid: number;
  type: string;
  itglue_id: string;
  org_id: number | null;
  name: string;
  body: string;
  attrs: string;
  url: string | null;
  updated_at: string | null;
  archived: number;
  deleted_at: string | null;
}

const isRecordType = (t: string): t is RecordType => (RECORD_TYPES as readonly string[]).includes(t);
const asType = (t: string): RecordType => {
  if (!isRecordType(t)) throw new StoreError('STORE_CORRUPT', `Unknown record type "${t.slice(0, 40)}" in the store.`);
  return t;
};

/** A record's stored attributes JSON as an object; a damaged value reads as no attributes. */
export function parseStoredAttrs(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {};
  } catch {
    return {};
  }
}

function toView(r: RecordRowDb): RecordView {
  return {
    rowid: r.rowid,
    type: asType(r.type),
    id: r.itglue_id,
    orgId: r.org_id,
    name: r.name,
    body: r.body,
    attrs: parseStoredAttrs(r.attrs),
    url: r.url,
    updatedAt: r.updated_at,
    archived: r.archived === 1,
    deletedAt: r.deleted_at,
  };
}

interface HitRow {
  id: number;
  name: string;
  hostname: string | null;
  primary_ip: string | null;
  org_id: number | null;
  org_name: string | null;
  url: string | null;
  matched_on: string;
  value: string;
  interface_name: string | null;
}

const MATCHES: readonly LookupMatch[] = ['primary_ip', 'interface_ip', 'mac', 'interface_mac', 'hostname', 'serial', 'asset_tag'];
const toHit = (h: HitRow): ConfigurationHit => ({
  id: h.id,
  name: h.name,
  hostname: h.hostname,
  primaryIp: h.primary_ip,
  orgId: h.org_id,
  orgName: h.org_name,
  url: h.url,
  matchedOn: MATCHES.find((m) => m === h.matched_on) ?? 'primary_ip',
  value: h.value,
  interfaceName: h.interface_name,
});

// Every lookup returns live configurations only, each once per matching field.
const HIT_COLUMNS = `c.id, c.name, c.hostname, c.primary_ip, c.org_id, o.name AS org_name, r.url`;
const HIT_JOINS = `JOIN records r ON r.rowid = c.record_rowid AND r.deleted_at IS NULL LEFT JOIN organizations o ON o.id = c.org_id`;

interface CursorKey {
  n: string;
  r: number;
}

function decodeCursor(cursor: string | null | undefined): CursorKey | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof v === 'object' && v !== null && 'n' in v && 'r' in v && typeof v.n === 'string' && typeof v.r === 'number') return { n: v.n, r: v.r };
  } catch {
    // fall through
  }
  throw new StoreError('INVALID_INPUT', 'That page cursor is not valid; start again from the first page.');
}

export function createReader(store: Store): StoreReader {
  const db = store.db;
  const recordByKey = db.prepare<[string, string], RecordRowDb>('SELECT * FROM records WHERE type = ? AND itglue_id = ?');

  const traitLinks = db.prepare<[string, string], { key: string; to_type: string; to_id: string; name: string }>(
    `SELECT rel.notes AS key, rel.to_type, rel.to_id, r.name FROM relations rel
     JOIN records r ON r.type = rel.to_type AND r.itglue_id = rel.to_id AND r.deleted_at IS NULL
     WHERE rel.from_type = ? AND rel.from_id = ? AND rel.source = 'attrs' AND rel.notes IS NOT NULL`,
  );
  /**
   * Tag and Password traits hold ids ("Firewall admin: 30000023"); where the linked record is in
   * the store its name is filled in, as a tag value { id, name }, so every reader of the record
   * (detail pane, MCP) shows names. Values whose record is not stored are left as they came.
   */
  function nameTraitLinks(view: RecordView): void {
    const traits = view.attrs.traits;
    if (typeof traits !== 'object' || traits === null || Array.isArray(traits)) return;
    const links = traitLinks.all('flexible-assets', view.id);
    if (links.length === 0) return;
    const named: Record<string, unknown> = { ...traits };
    for (const [key, value] of Object.entries(named)) {
      const mine = links.filter((l) => l.key === key);
      if (mine.length === 0) continue;
      const nameOf = (id: unknown): string | undefined => mine.find((l) => l.to_id === String(id))?.name;
      if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
        const name = nameOf(value);
        const link = mine.find((l) => l.to_id === String(value));
        if (name !== undefined && link) named[key] = { type: link.to_type, values: [{ id: value, name }] };
      } else if (typeof value === 'object' && value !== null && 'values' in value && Array.isArray(value.values)) {
        const values: unknown[] = value.values;
        named[key] = {
          ...value,
          values: values.map((v) => {
            if (typeof v !== 'object' || v === null || !('id' in v)) return v;
            const has = 'name' in v && typeof v.name === 'string' && v.name !== '';
            const name = has ? undefined : nameOf(v.id);
            return name === undefined ? v : { ...v, name };
          }),
        };
      }
    }
    view.attrs = { ...view.attrs, traits: named };
  }

  function hits(sql: string, ...params: (string | number)[]): ConfigurationHit[] {
    return db.prepare<(string | number)[], HitRow>(sql).all(...params).map(toHit);
  }

  function byIpNumber(n: number, last: number): ConfigurationHit[] {
    return hits(
      `SELECT ${HIT_COLUMNS}, 'primary_ip' AS matched_on, c.primary_ip AS value, NULL AS interface_name
         FROM configurations c ${HIT_JOINS} WHERE c.primary_ip_num BETWEEN ? AND ?
       UNION
       SELECT ${HIT_COLUMNS}, 'interface_ip', i.ip, i.name
         FROM interfaces i JOIN configurations c ON c.id = i.configuration_id ${HIT_JOINS}
         JOIN records ir ON ir.rowid = i.record_rowid AND ir.deleted_at IS NULL
        WHERE i.ip_num BETWEEN ? AND ?
       ORDER BY 2, 1 LIMIT 500`,
      n,
      last,
      n,
      last,
    );
  }

  function passwordRows(where: string, ...params: (string | number)[]): PasswordMeta[] {
    return db
      .prepare<(string | number)[], { id: number; org_id: number | null; name: string; username: string | null; url: string | null; category: string | null; resource_type: string | null; resource_id: number | null; has_value: number; restricted: number; password_updated_at: string | null }>(
        `SELECT p.* FROM passwords p JOIN records r ON r.rowid = p.record_rowid AND r.deleted_at IS NULL WHERE ${where} ORDER BY p.name COLLATE NOCASE`,
      )
      .all(...params)
      .map((p) => ({
        id: p.id,
        orgId: p.org_id,
        name: p.name,
        username: p.username,
        url: p.url,
        category: p.category,
        resourceType: p.resource_type,
        resourceId: p.resource_id,
        hasValue: p.has_value === 1,
        restricted: p.restricted === 1,
        passwordUpdatedAt: p.password_updated_at,
      }));
  }

  return {
    getRecord(type, id) {
      const row = recordByKey.get(type, id);
      if (!row) return null;
      const view = toView(row);
      if (view.type === 'flexible-assets') nameTraitLinks(view);
      return view;
    },

    listOrganizations() {
      const orgs = db
        .prepare<[], { id: number; name: string; short_name: string | null; type_name: string | null; status_name: string | null; parent_id: number | null }>(
          'SELECT o.* FROM organizations o JOIN records r ON r.rowid = o.record_rowid AND r.deleted_at IS NULL ORDER BY o.name COLLATE NOCASE',
        )
        .all();
      const counts = db
        .prepare<[], { org_id: number; type: string; n: number }>(
          // record_counts (migration 4) is kept by triggers; org 0 stands for "no organization".
          "SELECT org_id, type, live AS n FROM record_counts WHERE org_id <> 0 AND type <> 'organizations' AND live > 0",
        )
        .all();
      const byOrg = new Map<number, Partial<Record<RecordType, number>>>();
      for (const c of counts) {
        if (!isRecordType(c.type)) continue;
        const entry = byOrg.get(c.org_id) ?? {};
        entry[c.type] = c.n;
        byOrg.set(c.org_id, entry);
      }
      return orgs.map((o) => ({
        id: o.id,
        name: o.name,
        shortName: o.short_name,
        typeName: o.type_name,
        statusName: o.status_name,
        parentId: o.parent_id,
        counts: byOrg.get(o.id) ?? {},
      }));
    },

    listRecords({ type, orgId, limit = 100, cursor }) {
      const size = Math.max(1, Math.min(1000, Math.trunc(limit)));
      const after = decodeCursor(cursor);
      const params: (string | number)[] = [type];
      let where = 'r.type = ? AND r.deleted_at IS NULL';
      if (orgId !== undefined && orgId !== null) {
        where += ' AND r.org_id = ?';
        params.push(orgId);
      }
      if (after) {
        where += ' AND (lower(r.name), r.rowid) > (?, ?)';
        params.push(after.n, after.r);
      }
      params.push(size + 1);
      const rows = db
        .prepare<(string | number)[], { rowid: number; type: string; itglue_id: string; org_id: number | null; org_name: string | null; name: string; url: string | null; updated_at: string | null; archived: number }>(
          `SELECT r.rowid, r.type, r.itglue_id, r.org_id, o.name AS org_name, r.name, r.url, r.updated_at, r.archived
             FROM records r LEFT JOIN organizations o ON o.id = r.org_id
            WHERE ${where} ORDER BY lower(r.name), r.rowid LIMIT ?`,
        )
        .all(...params);
      const page = rows.slice(0, size);
      const lastRow = page[page.length - 1];
      return {
        items: page.map((r) => ({
          rowid: r.rowid,
          type: asType(r.type),
          id: r.itglue_id,
          orgId: r.org_id,
          orgName: r.org_name,
          name: r.name,
          url: r.url,
          updatedAt: r.updated_at,
          archived: r.archived === 1,
        })),
        nextCursor: rows.length > size && lastRow ? Buffer.from(JSON.stringify({ n: lastRow.name.toLowerCase(), r: lastRow.rowid })).toString('base64url') : null,
      };
    },

    configurationDetail(id) {
      const record = recordByKey.get('configurations', String(id));
      if (!record || record.deleted_at !== null) return null;
      const c = db
        .prepare<[number], { hostname: string | null; primary_ip: string | null; mac: string | null; serial: string | null; asset_tag: string | null; type_name: string | null; status_name: string | null; warranty_expires_at: string | null; org_name: string | null }>(
          'SELECT c.*, o.name AS org_name FROM configurations c LEFT JOIN organizations o ON o.id = c.org_id WHERE c.id = ?',
        )
        .get(id);
      if (!c) return null;
      const interfaces = db
        .prepare<[number], { id: number; name: string | null; ip: string | null; mac: string | null; is_primary: number }>(
          `SELECT i.id, i.name, i.ip, i.mac, i.is_primary FROM interfaces i JOIN records r ON r.rowid = i.record_rowid AND r.deleted_at IS NULL
            WHERE i.configuration_id = ? ORDER BY i.is_primary DESC, i.name`,
        )
        .all(id)
        .map((i) => ({ id: i.id, name: i.name, ip: i.ip, mac: i.mac, isPrimary: i.is_primary === 1 }));
      const related = db
        .prepare<[string, string, string, string], { type: string; id: string; name: string | null; kind: string; notes: string | null; direction: 'out' | 'in' }>(
          `SELECT rel.to_type AS type, rel.to_id AS id, r.name, rel.kind, rel.notes, 'out' AS direction
             FROM relations rel LEFT JOIN records r ON r.type = rel.to_type AND r.itglue_id = rel.to_id
            WHERE rel.from_type = ? AND rel.from_id = ? AND (r.deleted_at IS NULL)
           UNION ALL
           SELECT rel.from_type, rel.from_id, r.name, rel.kind, rel.notes, 'in'
             FROM relations rel LEFT JOIN records r ON r.type = rel.from_type AND r.itglue_id = rel.from_id
            WHERE rel.to_type = ? AND rel.to_id = ? AND (r.deleted_at IS NULL)
           ORDER BY 6 DESC, 3`,
        )
        .all('configurations', String(id), 'configurations', String(id));
      return {
        record: toView(record),
        orgName: c.org_name,
        hostname: c.hostname,
        primaryIp: c.primary_ip,
        mac: c.mac,
        serial: c.serial,
        assetTag: c.asset_tag,
        typeName: c.type_name,
        statusName: c.status_name,
        warrantyExpiresAt: c.warranty_expires_at,
        interfaces,
        passwords: passwordRows("p.resource_type = 'configurations' AND p.resource_id = ?", id),
        related,
      };
    },

    documentWithSections(id) {
      const record = recordByKey.get('documents', String(id));
      if (!record || record.deleted_at !== null) return null;
      const sections = db
        .prepare<[number], { id: number; kind: string | null; sort: number | null; content: string | null; rendered_content: string | null }>(
          `SELECT s.id, s.kind, s.sort, s.content, s.rendered_content FROM document_sections s
             JOIN records r ON r.rowid = s.record_rowid AND r.deleted_at IS NULL
            WHERE s.document_id = ? ORDER BY s.sort, s.id`,
        )
        .all(id)
        .map((s) => ({ id: s.id, kind: s.kind, sort: s.sort, content: s.content, renderedContent: s.rendered_content }));
      return { record: toView(record), sections };
    },

    passwordMeta(id) {
      return passwordRows('p.id = ?', id)[0] ?? null;
    },

    counts() {
      const out = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Record<RecordType, number>;
      for (const row of db.prepare<[], { type: string; n: number }>('SELECT type, sum(live) AS n FROM record_counts GROUP BY type HAVING sum(live) > 0').all()) {
        if (isRecordType(row.type)) out[row.type] = row.n;
      }
      return out;
    },

    lastSync() {
      const row = db
        .prepare<[], { id: string; kind: string; started_at: string; finished_at: string | null; status: string; requests: number; warnings: string }>(
          'SELECT * FROM sync_runs ORDER BY started_at DESC, rowid DESC LIMIT 1',
        )
        .get();
      if (!row) return null;
      const warnings: unknown = JSON.parse(row.warnings);
      return {
        id: row.id,
        kind: row.kind === 'incremental' ? 'incremental' : 'full',
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        status: row.status,
        requests: row.requests,
        warnings: Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string') : [],
      };
    },

    skippedCount() {
      return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM skipped').get()?.n ?? 0;
    },

    storeSizeBytes() {
      return ['', '-wal'].reduce((sum, suffix) => {
        try {
          return sum + statSync(store.file + suffix).size;
        } catch {
          return sum;
        }
      }, 0);
    },

    findByIp(ip) {
      const n = ipv4ToNumber(ip);
      if (n !== null) return byIpNumber(n, n);
      const v6 = normalizeIpv6(ip);
      if (v6 === null) return [];
      return hits(
        `SELECT ${HIT_COLUMNS}, 'interface_ip' AS matched_on, i.ip AS value, i.name AS interface_name
           FROM interfaces i JOIN configurations c ON c.id = i.configuration_id ${HIT_JOINS}
           JOIN records ir ON ir.rowid = i.record_rowid AND ir.deleted_at IS NULL
          WHERE i.ip6 = ?
         UNION
         SELECT ${HIT_COLUMNS}, 'primary_ip', c.primary_ip, NULL FROM configurations c ${HIT_JOINS} WHERE lower(c.primary_ip) = lower(?)
         ORDER BY 2, 1 LIMIT 500`,
        v6,
        ip.trim(),
      );
    },

    findByCidr(cidr) {
      const range = ipv4Range(cidr);
      if (!range) throw new StoreError('INVALID_INPUT', `"${cidr.slice(0, 60)}" is not an IPv4 network; write it like 10.20.0.0/16.`);
      return byIpNumber(range.first, range.last);
    },

    findByMac(mac) {
      const m = normalizeMac(mac);
      if (!m) return [];
      return hits(
        `SELECT ${HIT_COLUMNS}, 'mac' AS matched_on, c.mac AS value, NULL AS interface_name FROM configurations c ${HIT_JOINS} WHERE c.mac = ?
         UNION
         SELECT ${HIT_COLUMNS}, 'interface_mac', i.mac, i.name
           FROM interfaces i JOIN configurations c ON c.id = i.configuration_id ${HIT_JOINS}
           JOIN records ir ON ir.rowid = i.record_rowid AND ir.deleted_at IS NULL
          WHERE i.mac = ?
         ORDER BY 2, 1 LIMIT 500`,
        m,
        m,
      );
    },

    findByHostname(hostname) {
      const key = hostnameKey(hostname.trim().split('.')[0]);
      if (!key) return [];
      return hits(
        `SELECT ${HIT_COLUMNS}, 'hostname' AS matched_on, coalesce(c.hostname, c.name) AS value, NULL AS interface_name
           FROM configurations c ${HIT_JOINS} WHERE c.hostname_key = ? ORDER BY 2, 1 LIMIT 500`,
        key,
      );
    },

    findBySerial(serialOrAssetTag) {
      const s = normalizeSerial(serialOrAssetTag);
      if (!s) return [];
      return hits(
        `SELECT ${HIT_COLUMNS}, 'serial' AS matched_on, c.serial AS value, NULL AS interface_name FROM configurations c ${HIT_JOINS} WHERE c.serial = ?
         UNION
         SELECT ${HIT_COLUMNS}, 'asset_tag', c.asset_tag, NULL FROM configurations c ${HIT_JOINS} WHERE c.asset_tag = ? COLLATE NOCASE
         ORDER BY 2, 1 LIMIT 500`,
        s,
        serialOrAssetTag.trim(),
      );
    },

    dependencies(type, id, direction, depth = 3) {
      const maxDepth = Math.max(1, Math.min(10, Math.trunc(depth)));
      // UNION (not UNION ALL) drops repeated (node, depth) rows and the depth bound ends any
      // cycle; the outer query keeps each node once, at its shortest distance.
      const [fromCol, toCol] = direction === 'down' ? ['from', 'to'] : ['to', 'from'];
      return db
        .prepare<[string, string, number, string, string], { type: string; id: string; name: string | null; org_id: number | null; depth: number; kind: string }>(
          `WITH RECURSIVE walk(type, id, depth, kind) AS (
             SELECT ?, ?, 0, ''
             UNION
             SELECT rel.${toCol}_type, rel.${toCol}_id, walk.depth + 1, rel.kind
               FROM walk JOIN relations rel ON rel.${fromCol}_type = walk.type AND rel.${fromCol}_id = walk.id
              WHERE walk.depth < ?
                AND NOT EXISTS (SELECT 1 FROM records d WHERE d.type = rel.${toCol}_type AND d.itglue_id = rel.${toCol}_id AND d.deleted_at IS NOT NULL)
           )
           SELECT w.type, w.id, r.name, r.org_id, min(w.depth) AS depth, w.kind
             FROM walk w LEFT JOIN records r ON r.type = w.type AND r.itglue_id = w.id
            WHERE NOT (w.type = ? AND w.id = ?)
            GROUP BY w.type, w.id
            ORDER BY depth, r.name`,
        )
        .all(type, id, maxDepth, type, id)
        .map((n) => ({ type: n.type, id: n.id, name: n.name, orgId: n.org_id, depth: n.depth, kind: n.kind }));
    },

    expirations(withinDays, today = new Date()) {
      const from = today.toISOString().slice(0, 10);
      // Exclusive upper bound one day later, so plain dates and RFC 3339 timestamps both compare
      // as text and the indexes on the expiry columns are used.
      const to = new Date(today.getTime() + (Math.max(0, withinDays) + 1) * 86_400_000).toISOString().slice(0, 10);
      return db
        .prepare<[string, string, string, string], { type: 'configurations' | 'domains'; id: number; name: string; org_id: number | null; org_name: string | null; what: 'warranty' | 'domain'; expires_on: string }>(
          `SELECT 'configurations' AS type, c.id, c.name, c.org_id, o.name AS org_name, 'warranty' AS what, substr(c.warranty_expires_at, 1, 10) AS expires_on
             FROM configurations c ${HIT_JOINS}
            WHERE c.archived = 0 AND c.warranty_expires_at >= ? AND c.warranty_expires_at < ?
           UNION ALL
           SELECT 'domains', d.id, d.name, d.org_id, o.name, 'domain', substr(d.expires_on, 1, 10)
             FROM domains d JOIN records r ON r.rowid = d.record_rowid AND r.deleted_at IS NULL LEFT JOIN organizations o ON o.id = d.org_id
            WHERE d.expires_on >= ? AND d.expires_on < ?
           ORDER BY 7, 3`,
        )
        .all(from, to, from, to)
        .map((e) => ({ type: e.type, id: String(e.id), name: e.name, orgId: e.org_id, orgName: e.org_name, what: e.what, expiresOn: e.expires_on }));
    },

    auditList(limit = 100) {
      return db
        .prepare<[number], { id: number; at: string; door: Door; action: string; password_id: number; org_id: number | null; name: string }>(
          'SELECT * FROM audit ORDER BY id DESC LIMIT ?',
        )
        .all(Math.max(1, Math.min(10_000, Math.trunc(limit))))
        .map((a) => ({ id: a.id, at: a.at, door: a.door, action: a.action, passwordId: a.password_id, orgId: a.org_id, name: a.name }));
    },

    getMeta(key) {
      return db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value ?? null;
    },
  };
}
