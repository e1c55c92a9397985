// What expires soon. Where the account has IT Glue's own expirations list (synced as
// `expirations`), that list is the answer: it is what IT Glue's Expirations page shows, flexible
// asset dates included (plus certificate assets it leaves out, below). Otherwise it is derived
// from the records: domain registrations, device
// warranties, SSL certificates (IT Glue's ssl_certificates resource, and flexible assets of a
// type whose name reads like one, with an expiry trait, as many tenants keep them).
import type { RecordType } from '../../../../shared/domain';
import { isRecordType, parseStoredAttrs, type Db, type Param } from './rows';

export type ExpiringWhat = 'domain' | 'warranty' | 'ssl' | 'other';

export interface Expiration {
  type: RecordType;
  id: string;
  name: string;
  orgId: number | null;
  orgName: string | null;
  what: ExpiringWhat;
  /** YYYY-MM-DD. */
  expiresOn: string;
  url: string | null;
}

export interface ExpirationQuery {
  /** Days ahead, today included: 0 = only what expires today. */
  withinDays: number;
  today?: Date;
  orgId?: number | null;
  what?: ExpiringWhat;
}

/** The first expiry-looking date in a certificate asset's traits (YYYY-MM-DD), or null. */
export function certificateExpiry(attrs: Record<string, unknown>): string | null {
  const traits = attrs.traits;
  if (typeof traits !== 'object' || traits === null || Array.isArray(traits)) return null;
  for (const [key, value] of Object.entries(traits)) {
    if (!/expir|valid[-_ ]?(to|until)|not[-_ ]?after/i.test(key) || typeof value !== 'string') continue;
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
    if (m?.[1]) return m[1];
  }
  return null;
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

export function expirationReads(db: Db) {
  function stored(from: string, until: string, orgId: number | null): Expiration[] {
    const org = orgId === null ? '' : ' AND x.org_id = ?';
    const params: Param[] = orgId === null ? [from, until, from, until, from, until] : [from, until, orgId, from, until, orgId, from, until, orgId];
    // Exclusive upper bound one day later, so plain dates and RFC 3339 timestamps both compare
    // as text and the indexes on the expiry columns are used.
    return db
      .prepare<Param[], { type: 'configurations' | 'domains' | 'ssl-certificates'; id: number; name: string; org_id: number | null; org_name: string | null; what: 'warranty' | 'domain' | 'ssl'; expires_on: string; url: string | null }>(
        `SELECT 'configurations' AS type, x.id, x.name, x.org_id, o.name AS org_name, 'warranty' AS what, substr(x.warranty_expires_at, 1, 10) AS expires_on, r.url
           FROM configurations x JOIN records r ON r.rowid = x.record_rowid AND r.deleted_at IS NULL LEFT JOIN organizations o ON o.id = x.org_id
          WHERE x.archived = 0 AND x.warranty_expires_at >= ? AND x.warranty_expires_at < ?${org}
         UNION ALL
         SELECT 'domains', x.id, x.name, x.org_id, o.name, 'domain', substr(x.expires_on, 1, 10), r.url
           FROM domains x JOIN records r ON r.rowid = x.record_rowid AND r.deleted_at IS NULL LEFT JOIN organizations o ON o.id = x.org_id
          WHERE x.expires_on >= ? AND x.expires_on < ?${org}
         UNION ALL
         SELECT 'ssl-certificates', x.id, x.name, x.org_id, o.name, 'ssl', x.expires_on, r.url
           FROM ssl_certificates x JOIN records r ON r.rowid = x.record_rowid AND r.deleted_at IS NULL AND r.archived = 0 LEFT JOIN organizations o ON o.id = x.org_id
          WHERE x.expires_on >= ? AND x.expires_on < ?${org}`,
      )
      .all(...params)
      .map((e) => ({ type: e.type, id: String(e.id), name: e.name, orgId: e.org_id, orgName: e.org_name, what: e.what, expiresOn: e.expires_on, url: e.url }));
  }

  const WHAT_OF: Partial<Record<string, ExpiringWhat>> = { domains: 'domain', configurations: 'warranty', 'ssl-certificates': 'ssl' };

  /** IT Glue's own list; an entry whose record is stored archived or deleted is left out, like the derived list does. */
  function itGlueList(from: string, until: string, orgId: number | null): Expiration[] {
    const params: Param[] = [from, until];
    let sql = `SELECT x.id, x.resource_type, x.resource_id, x.expires_on, r.name, r.url, r.org_id, o.name AS org_name, src.url AS src_url
        FROM expirations x JOIN records r ON r.rowid = x.record_rowid AND r.deleted_at IS NULL
        LEFT JOIN records src ON src.type = x.resource_type AND src.itglue_id = CAST(x.resource_id AS TEXT)
        LEFT JOIN organizations o ON o.id = r.org_id
       WHERE x.expires_on >= ? AND x.expires_on < ? AND (src.rowid IS NULL OR (src.deleted_at IS NULL AND src.archived = 0))`;
    if (orgId !== null) {
      sql += ' AND r.org_id = ?';
      params.push(orgId);
    }
    return db
      .prepare<Param[], { id: number; resource_type: string | null; resource_id: number | null; expires_on: string; name: string; url: string | null; org_id: number | null; org_name: string | null; src_url: string | null }>(sql)
      .all(...params)
      .map((e) => {
        const known = e.resource_type !== null && e.resource_id !== null && isRecordType(e.resource_type);
        return {
          type: known ? (e.resource_type as RecordType) : 'expirations',
          id: known ? String(e.resource_id) : String(e.id),
          name: e.name,
          orgId: e.org_id,
          orgName: e.org_name,
          what: (e.resource_type ? WHAT_OF[e.resource_type] : undefined) ?? 'other',
          expiresOn: e.expires_on,
          url: e.src_url ?? e.url,
        };
      });
  }

  const hasItGlueList = (): boolean => db.prepare<[], { found: number }>("SELECT EXISTS (SELECT 1 FROM records WHERE type = 'expirations' AND deleted_at IS NULL) AS found").get()?.found === 1;

  function certificates(from: string, last: string, orgId: number | null): Expiration[] {
    const params: Param[] = [];
    let sql = `SELECT r.itglue_id, r.org_id, o.name AS org_name, r.name, r.attrs, r.url FROM records r LEFT JOIN organizations o ON o.id = r.org_id
        WHERE r.type = 'flexible-assets' AND r.deleted_at IS NULL AND r.archived = 0
          AND (lower(json_extract(r.attrs, '$."flexible-asset-type-name"')) LIKE '%ssl%'
            OR lower(json_extract(r.attrs, '$."flexible-asset-type-name"')) LIKE '%certificate%'
            OR lower(json_extract(r.attrs, '$."flexible-asset-type-name"')) LIKE '%tls%')`;
    if (orgId !== null) {
      sql += ' AND r.org_id = ?';
      params.push(orgId);
    }
    return db
      .prepare<Param[], { itglue_id: string; org_id: number | null; org_name: string | null; name: string; attrs: string; url: string | null }>(`${sql} LIMIT 5000`)
      .all(...params)
      .flatMap((r) => {
        const expiresOn = certificateExpiry(parseStoredAttrs(r.attrs));
        return expiresOn && expiresOn >= from && expiresOn <= last
          ? [{ type: 'flexible-assets' as const, id: r.itglue_id, name: r.name, orgId: r.org_id, orgName: r.org_name, what: 'ssl' as const, expiresOn, url: r.url }]
          : [];
      });
  }

  const reads = {
    /** Everything that expires from today through `withinDays` days ahead, soonest first, then by name. */
    listExpirations(q: ExpirationQuery): Expiration[] {
      const today = q.today ?? new Date();
      const window = Math.max(0, q.withinDays);
      const from = day(today);
      const last = day(new Date(today.getTime() + window * 86_400_000));
      const until = day(new Date(today.getTime() + (window + 1) * 86_400_000));
      const orgId = q.orgId ?? null;
      const certs = q.what === undefined || q.what === 'ssl' ? certificates(from, last, orgId) : [];
      let all: Expiration[];
      if (hasItGlueList()) {
        // IT Glue lists a flexible asset's date only when its field is marked as an expiry:
        // certificate assets it leaves out are added from their traits, once.
        const listed = itGlueList(from, until, orgId);
        const seen = new Set(listed.map((e) => `${e.type}:${e.id}`));
        all = [...listed, ...certs.filter((c) => !seen.has(`${c.type}:${c.id}`))];
      } else {
        all = [...(q.what === 'ssl' ? [] : stored(from, until, orgId)), ...certs];
      }
      return all.filter((e) => q.what === undefined || e.what === q.what).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.name.localeCompare(b.name));
    },

  };
  return reads;
}
