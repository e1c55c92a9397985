// What expires soon. Where the account has IT Glue's own expirations list (synced as
// `expirations`), that list is the answer: it is what IT Glue's Expirations page shows, flexible
// asset dates included (plus certificate assets it leaves out, below). Otherwise it is derived
// from the records: domain registrations, device
// warranties, SSL certificates (IT Glue's ssl_certificates resource, and flexible assets of a
// type whose name reads like one, with an expiry trait, as many tenants keep them).
import type { RecordType } from '../../../../shared/domain';
import { isRecordType, parseStoredAttrs, prepared, type Db, type Param } from './rows';

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
  /**
   * What has already expired instead ("out of warranty"): dated before today, back `pastDays`
   * days when given, else all of it; oldest first like the window ahead.
   */
  expired?: boolean;
  pastDays?: number;
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
/** Before every stored date: "everything that has expired". */
const EARLIEST = '0001-01-01';

// Exactly String.prototype.localeCompare with no arguments (ECMA-402), without building a
// collator per comparison: a day's ~1,400 warranties at 1M records sorted in 0.3 s that way.
// Built on first use: making one costs a cold `glue ask` ~15 ms, and most questions sort no expiry.
let collator: Intl.Collator | null = null;
const byDateThenName = (a: Expiration, b: Expiration): number => {
  collator ??= new Intl.Collator();
  return collator.compare(a.expiresOn, b.expiresOn) || collator.compare(a.name, b.name);
};

export function expirationReads(db: Db) {
  // Warranties and domains are read through their expiry indexes: counted from the index alone,
  // and only the rows a page shows (whole days up to its last date) are loaded and joined. At 1M
  // records a 30-day window holds ~40k warranties; loading and sorting them all took 5–8 s.
  // A typed row exists only while its record is live (the deletion sweep drops it), so counts
  // need no records join; rows that are shown keep it.
  // IT Glue's ssl_certificates resource has its own typed table; an archived certificate is
  // left out through its record, found in records_hidden (archived or deleted records only):
  // reading every certificate record's flags from the wide table cost ~6k row reads per call.
  type Source = 'warranty' | 'domain' | 'ssl';
  const TABLE: Record<Source, { table: string; column: string; archived: string; type: RecordType }> = {
    warranty: { table: 'configurations', column: 'warranty_expires_at', archived: ' AND x.archived = 0', type: 'configurations' },
    domain: { table: 'domains', column: 'expires_on', archived: '', type: 'domains' },
    ssl: { table: 'ssl_certificates', column: 'expires_on', archived: ' AND x.record_rowid NOT IN (SELECT h.rowid FROM records h WHERE h.type = \'ssl-certificates\' AND (h.archived = 1 OR h.deleted_at IS NOT NULL))', type: 'ssl-certificates' },
  };
  const range = (s: Source, orgId: number | null) => `${TABLE[s].column} >= ? AND x.${TABLE[s].column} < ?${TABLE[s].archived}${orgId === null ? '' : ' AND x.org_id = ?'}`;
  const args = (from: string, until: string, orgId: number | null): Param[] => (orgId === null ? [from, until] : [from, until, orgId]);

  function count(s: Source, from: string, until: string, orgId: number | null): number {
    return db.prepare<Param[], { n: number }>(`SELECT count(*) AS n FROM ${TABLE[s].table} x WHERE x.${range(s, orgId)}`).get(...args(from, until, orgId))?.n ?? 0;
  }

  /** The first `n` expiry dates of a source, soonest first (from the index). */
  function firstDates(s: Source, from: string, until: string, orgId: number | null, n: number): string[] {
    const { table, column } = TABLE[s];
    return db
      .prepare<Param[], { d: string }>(`SELECT substr(x.${column}, 1, 10) AS d FROM ${table} x WHERE x.${range(s, orgId)} ORDER BY x.${column} LIMIT ?`)
      .all(...args(from, until, orgId), n)
      .map((r) => r.d);
  }

  /** The window's rows of a source from the typed table alone; url and org name are filled in for the page only. */
  function rows(s: Source, from: string, until: string, orgId: number | null): Listed[] {
    const { table, column, type } = TABLE[s];
    return db
      .prepare<Param[], { id: number; name: string; org_id: number | null; expires_on: string; rowid: number }>(
        `SELECT x.id, x.name, x.org_id, substr(x.${column}, 1, 10) AS expires_on, x.record_rowid AS rowid FROM ${table} x WHERE x.${range(s, orgId)}`,
      )
      .all(...args(from, until, orgId))
      .map((e) => ({ type, id: String(e.id), name: e.name, orgId: e.org_id, orgName: null, what: s, expiresOn: e.expires_on, url: null, rowid: e.rowid, sourceType: type, sourceId: e.id }));
  }

  /**
   * An entry read from an index, to be filled in if it is shown: `rowid` is the row behind it
   * (the record itself, or IT Glue's expiration entry), `source*` the record it is about.
   */
  type Listed = Expiration & { rowid: number; sourceType: string | null; sourceId: number | null };

  /**
   * A page's entries as shown: those deleted since they were indexed left out, the org's name and
   * the link filled in. Entries carry their name and org from the index; the wide records rows
   * (url sits behind the body's overflow pages) are read only for a link no typed row holds. A
   * fresh process spent ~160 ms of its first "what expires" reading 100 of them at 1M records.
   */
  function shown(entries: readonly (Expiration | Listed)[]): Expiration[] {
    const live = prepared<[number], { n: number }>(db, 'SELECT count(*) AS n FROM records INDEXED BY records_flags WHERE rowid = ? AND deleted_at IS NULL');
    const configurationUrl = prepared<[number], { url: string | null }>(db, 'SELECT url FROM configurations WHERE id = ?');
    const sourceUrl = prepared<[string, string], { url: string | null }>(db, 'SELECT url FROM records WHERE type = ? AND itglue_id = ?');
    const entryUrl = prepared<[number], { url: string | null }>(db, 'SELECT url FROM records WHERE rowid = ?');
    const orgName = prepared<[number], { name: string }>(db, 'SELECT name FROM organizations WHERE id = ?');
    const linkOf = (e: Listed): string | null => {
      if (e.sourceType !== null && e.sourceId !== null) {
        const url = e.sourceType === 'configurations' ? configurationUrl.get(e.sourceId)?.url : sourceUrl.get(e.sourceType, String(e.sourceId))?.url;
        if (url) return url;
      }
      return entryUrl.get(e.rowid)?.url ?? null;
    };
    return entries.flatMap((e): Expiration[] => {
      if (!('rowid' in e)) return [e];
      if (live.get(e.rowid)?.n !== 1) return [];
      const { rowid: _rowid, sourceType: _type, sourceId: _id, ...rest } = e;
      return [{ ...rest, orgName: rest.orgId === null ? null : (orgName.get(rest.orgId)?.name ?? null), url: linkOf(e) }];
    });
  }

  const WHAT_OF: Partial<Record<string, ExpiringWhat>> = { domains: 'domain', configurations: 'warranty', 'ssl-certificates': 'ssl' };
  const TYPE_OF: Record<Exclude<ExpiringWhat, 'other'>, RecordType> = { domain: 'domains', warranty: 'configurations', ssl: 'ssl-certificates' };

  // IT Glue's own list is read page by page from its indexes (migration 0013): counted from the
  // window index, the page's days found in date order, and only those days' rows (name in the
  // index) ordered; records are read for the shown page only. An entry whose source record is
  // stored archived or deleted is left out, like the derived list does: records_hidden holds
  // only such records, so the check is a small index probe per entry.
  const HIDDEN = '(h.archived = 1 OR h.deleted_at IS NOT NULL)';
  const VISIBLE = `NOT EXISTS (SELECT 1 FROM records h INDEXED BY records_hidden WHERE h.type = x.resource_type AND h.itglue_id = CAST(x.resource_id AS TEXT) AND ${HIDDEN})`;
  function listWhere(from: string, until: string, orgId: number | null, what: ExpiringWhat | undefined): { sql: string; params: Param[] } {
    const params: Param[] = [from, until];
    let sql = 'x.expires_on >= ? AND x.expires_on < ?';
    if (orgId !== null) {
      sql += ' AND x.org_id = ?';
      params.push(orgId);
    }
    if (what === 'other') sql += " AND (x.resource_type IS NULL OR x.resource_type NOT IN ('domains', 'configurations', 'ssl-certificates'))";
    else if (what !== undefined) {
      sql += ' AND x.resource_type = ?';
      params.push(TYPE_OF[what]);
    }
    return { sql, params };
  }

  /** How many listed entries the window holds: the index's count less the entries of hidden source records (few: walked from records_hidden). */
  function listCount(from: string, until: string, orgId: number | null, what: ExpiringWhat | undefined): number {
    const w = listWhere(from, until, orgId, what);
    const all = db.prepare<Param[], { n: number }>(`SELECT count(*) AS n FROM expirations x WHERE ${w.sql}`).get(...w.params)?.n ?? 0;
    if (all === 0) return 0;
    // The hidden records (a small covering index) become an in-memory lookup the window's entries
    // are checked against, in C: probing the tenant's expirations for each hidden record instead
    // read most of that index's pages (~175 ms in a fresh process at 1M records, 30 ms this way).
    const hidden =
      db
        .prepare<Param[], { n: number }>(
          `WITH hid(type, id) AS MATERIALIZED (SELECT h.type, CAST(h.itglue_id AS INTEGER) FROM records h INDEXED BY records_hidden WHERE ${HIDDEN})
           SELECT count(*) AS n FROM expirations x JOIN hid ON hid.type = x.resource_type AND hid.id = x.resource_id WHERE ${w.sql}`,
        )
        .get(...w.params)?.n ?? 0;
    return all - hidden;
  }

  /** The first `n` listed expiry dates in the window, soonest first. */
  function listFirstDates(from: string, until: string, orgId: number | null, what: ExpiringWhat | undefined, n: number): string[] {
    const w = listWhere(from, until, orgId, what);
    return db
      .prepare<Param[], { d: string }>(`SELECT substr(x.expires_on, 1, 10) AS d FROM expirations x WHERE ${w.sql} AND ${VISIBLE} ORDER BY x.expires_on LIMIT ?`)
      .all(...w.params, n)
      .map((r) => r.d);
  }

  /** The window's listed entries from the index alone; records are read for the shown page only. */
  function listRows(from: string, until: string, orgId: number | null, what: ExpiringWhat | undefined): Listed[] {
    const w = listWhere(from, until, orgId, what);
    return db
      .prepare<Param[], { id: number; resource_type: string | null; resource_id: number | null; expires_on: string; name: string | null; org_id: number | null; rowid: number }>(
        `SELECT x.id, x.resource_type, x.resource_id, substr(x.expires_on, 1, 10) AS expires_on, x.name, x.org_id, x.record_rowid AS rowid
           FROM expirations x WHERE ${w.sql} AND ${VISIBLE}`,
      )
      .all(...w.params)
      .map((e) => {
        const known = e.resource_type !== null && e.resource_id !== null && isRecordType(e.resource_type);
        return {
          type: known ? (e.resource_type as RecordType) : 'expirations',
          id: known ? String(e.resource_id) : String(e.id),
          name: e.name ?? '',
          orgId: e.org_id,
          orgName: null,
          what: (e.resource_type ? WHAT_OF[e.resource_type] : undefined) ?? 'other',
          expiresOn: e.expires_on,
          url: null,
          rowid: e.rowid,
          sourceType: e.resource_type,
          sourceId: e.resource_id,
        };
      });
  }

  /** Whether IT Glue's list already names this certificate asset in the window (then it is not added again). */
  function listed(c: Expiration, from: string, until: string, orgId: number | null): boolean {
    const w = listWhere(from, until, orgId, undefined);
    return (
      db
        .prepare<Param[], { found: number }>(`SELECT EXISTS (SELECT 1 FROM expirations x WHERE x.resource_type = ? AND x.resource_id = ? AND ${w.sql} AND ${VISIBLE}) AS found`)
        .get(c.type, Number(c.id), ...w.params)?.found === 1
    );
  }

  /** One page of IT Glue's list (plus certificate assets it leaves out), ordered by date, then name. */
  function listPage(q: ExpirationQuery, from: string, until: string, last: string, certs: Expiration[], offset: number, size: number): { items: Expiration[]; total: number } {
    const orgId = q.orgId ?? null;
    const extra = certs.filter((c) => !listed(c, from, until, orgId)).filter((c) => q.what === undefined || c.what === q.what);
    const total = listCount(from, until, orgId, q.what) + extra.length;
    const start = Math.max(0, Math.trunc(offset));
    const end = Math.min(total, start + Math.max(0, Math.trunc(size)));
    if (end <= start) return { items: [], total };
    const dates = [...extra.map((c) => c.expiresOn), ...listFirstDates(from, until, orgId, q.what, end)].sort();
    const lastDay = dates[end - 1] ?? last;
    const upTo = day(new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000));
    const items: (Expiration | Listed)[] = [...listRows(from, upTo < until ? upTo : until, orgId, q.what), ...extra.filter((c) => c.expiresOn <= lastDay)].sort(byDateThenName);
    const page = shown(items.slice(start, end));
    return { items: page, total };
  }

  const hasItGlueList = (): boolean => db.prepare<[], { found: number }>("SELECT EXISTS (SELECT 1 FROM records WHERE type = 'expirations' AND deleted_at IS NULL) AS found").get()?.found === 1;

  /** The flexible asset types whose assets may be certificates: by the type's name or its assets' type-name. */
  function certificateTypeIds(): number[] {
    const looksLike = (name: string | null): boolean => name !== null && /ssl|certificate|tls/.test(name.toLowerCase());
    const types = db.prepare<[], { id: number; name: string | null }>('SELECT id, name FROM flexible_asset_types').all();
    const sample = db.prepare<[number], { n: string | null }>(
      `SELECT json_extract(r.attrs, '$."flexible-asset-type-name"') AS n FROM flexible_assets x JOIN records r ON r.rowid = x.record_rowid WHERE x.type_id = ? LIMIT 1`,
    );
    const inUse = db
      .prepare<[], { t: number | null }>(
        `WITH RECURSIVE ids(t) AS (
           SELECT min(type_id) FROM flexible_assets
           UNION ALL
           SELECT (SELECT min(type_id) FROM flexible_assets WHERE type_id > ids.t) FROM ids WHERE ids.t IS NOT NULL
         ) SELECT t FROM ids WHERE t IS NOT NULL`,
      )
      .all()
      .map((r) => r.t)
      .filter((t): t is number => t !== null);
    const named = new Map(types.map((t) => [t.id, t.name]));
    return inUse.filter((id) => looksLike(named.get(id) ?? null) || looksLike(sample.get(id)?.n ?? null));
  }

  function certificates(from: string, last: string, orgId: number | null): Expiration[] {
    const typeIds = certificateTypeIds();
    if (typeIds.length === 0) return [];
    const params: Param[] = [...typeIds];
    let sql = `SELECT r.itglue_id, r.org_id, o.name AS org_name, r.name, r.attrs, r.url
        FROM flexible_assets x JOIN records r ON r.rowid = x.record_rowid LEFT JOIN organizations o ON o.id = r.org_id
        WHERE x.type_id IN (${typeIds.map(() => '?').join(', ')}) AND r.type = 'flexible-assets' AND r.deleted_at IS NULL AND r.archived = 0
          AND (lower(json_extract(r.attrs, '$."flexible-asset-type-name"')) LIKE '%ssl%'
            OR lower(json_extract(r.attrs, '$."flexible-asset-type-name"')) LIKE '%certificate%'
            OR lower(json_extract(r.attrs, '$."flexible-asset-type-name"')) LIKE '%tls%')`;
    if (orgId !== null) {
      sql += ' AND r.org_id = ?';
      params.push(orgId);
    }
    return db
      .prepare<Param[], { itglue_id: string; org_id: number | null; org_name: string | null; name: string; attrs: string; url: string | null }>(`${sql} ORDER BY r.rowid LIMIT 5000`)
      .all(...params)
      .flatMap((r) => {
        const expiresOn = certificateExpiry(parseStoredAttrs(r.attrs));
        return expiresOn && expiresOn >= from && expiresOn <= last
          ? [{ type: 'flexible-assets' as const, id: r.itglue_id, name: r.name, orgId: r.org_id, orgName: r.org_name, what: 'ssl' as const, expiresOn, url: r.url }]
          : [];
      });
  }

  const reads = {
    /**
     * One page of what expires from today through `withinDays` days ahead (or what has expired,
     * `expired`), soonest first, then by name, and how many in all.
     */
    expirationPage(q: ExpirationQuery, offset: number, size: number): { items: Expiration[]; total: number } {
      const today = q.today ?? new Date();
      const window = Math.max(0, q.withinDays);
      const past = q.pastDays === undefined ? null : Math.max(1, Math.trunc(q.pastDays));
      const from = q.expired ? (past === null ? EARLIEST : day(new Date(today.getTime() - past * 86_400_000))) : day(today);
      const last = day(new Date(today.getTime() + (q.expired ? -1 : window) * 86_400_000));
      // Exclusive upper bound one day later, so plain dates and RFC 3339 timestamps both compare
      // as text and the indexes on the expiry columns are used.
      const until = q.expired ? day(today) : day(new Date(today.getTime() + (window + 1) * 86_400_000));
      const orgId = q.orgId ?? null;
      const certs = q.what === undefined || q.what === 'ssl' ? certificates(from, last, orgId) : [];
      // IT Glue lists a flexible asset's date only when its field is marked as an expiry:
      // certificate assets it leaves out are added from their traits, once.
      if (hasItGlueList()) return listPage(q, from, until, last, certs, offset, size);
      const sources: Source[] = q.what === undefined ? ['warranty', 'domain', 'ssl'] : q.what === 'other' ? [] : [q.what];
      const total = certs.length + sources.reduce((n, s) => n + count(s, from, until, orgId), 0);
      const start = Math.max(0, Math.trunc(offset));
      const end = Math.min(total, start + Math.max(0, Math.trunc(size)));
      if (end <= start) return { items: [], total };
      // The page ends on or before the end-th soonest date: load whole days up to it, then order
      // them exactly as before (date, then name by localeCompare) and cut the page.
      const dates = [...certs.map((c) => c.expiresOn), ...sources.flatMap((s) => firstDates(s, from, until, orgId, end))].sort();
      const lastDay = dates[end - 1] ?? last;
      const upTo = day(new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000));
      const items: (Expiration | Listed)[] = [...sources.flatMap((s) => rows(s, from, upTo < until ? upTo : until, orgId)), ...certs.filter((c) => c.expiresOn <= lastDay)].sort(byDateThenName);
      return { items: shown(items.slice(start, end)), total };
    },

    /** Everything that expires from today through `withinDays` days ahead, soonest first, then by name. */
    listExpirations(q: ExpirationQuery): Expiration[] {
      return reads.expirationPage(q, 0, Number.MAX_SAFE_INTEGER).items;
    },
  };
  return reads;
}
