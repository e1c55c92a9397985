// What expires soon: domain registrations, device warranties and SSL certificates. IT Glue has
// no certificate resource of its own, so tenants record certificates as a flexible asset type
// whose name reads like one (SSL, TLS, certificate) with an expiry trait.
import { parseStoredAttrs, type Db, type Param } from './rows';

export type ExpiringWhat = 'domain' | 'warranty' | 'ssl';

export interface Expiration {
  type: 'configurations' | 'domains' | 'flexible-assets';
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
    const params: Param[] = orgId === null ? [from, until, from, until] : [from, until, orgId, from, until, orgId];
    // Exclusive upper bound one day later, so plain dates and RFC 3339 timestamps both compare
    // as text and the indexes on the expiry columns are used.
    return db
      .prepare<Param[], { type: 'configurations' | 'domains'; id: number; name: string; org_id: number | null; org_name: string | null; what: 'warranty' | 'domain'; expires_on: string; url: string | null }>(
        `SELECT 'configurations' AS type, x.id, x.name, x.org_id, o.name AS org_name, 'warranty' AS what, substr(x.warranty_expires_at, 1, 10) AS expires_on, r.url
           FROM configurations x JOIN records r ON r.rowid = x.record_rowid AND r.deleted_at IS NULL LEFT JOIN organizations o ON o.id = x.org_id
          WHERE x.archived = 0 AND x.warranty_expires_at >= ? AND x.warranty_expires_at < ?${org}
         UNION ALL
         SELECT 'domains', x.id, x.name, x.org_id, o.name, 'domain', substr(x.expires_on, 1, 10), r.url
           FROM domains x JOIN records r ON r.rowid = x.record_rowid AND r.deleted_at IS NULL LEFT JOIN organizations o ON o.id = x.org_id
          WHERE x.expires_on >= ? AND x.expires_on < ?${org}`,
      )
      .all(...params)
      .map((e) => ({ type: e.type, id: String(e.id), name: e.name, orgId: e.org_id, orgName: e.org_name, what: e.what, expiresOn: e.expires_on, url: e.url }));
  }

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
      const all = [...(q.what === 'ssl' ? [] : stored(from, until, orgId)), ...(q.what === undefined || q.what === 'ssl' ? certificates(from, last, orgId) : [])];
      return all.filter((e) => q.what === undefined || e.what === q.what).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.name.localeCompare(b.name));
    },

    /**
     * @deprecated Domains and warranties only, as answers/handlers/expirations.ts words them.
     * TODO(lead): call listExpirations (SSL certificates included) and say 'ssl' items, then delete this.
     */
    expirations(withinDays: number, today?: Date): Expiration[] {
      return reads.listExpirations({ withinDays, today }).filter((e) => e.what !== 'ssl');
    },
  };
  return reads;
}
