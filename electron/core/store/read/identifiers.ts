// Exact lookups of configurations by identifier: IPv4 or IPv6 address, IPv4 or IPv6 network,
// MAC, hostname, serial or asset tag. Values are read and keyed by core/identifiers, the same
// functions the mappers keyed the stored fields with, so every notation finds the same rows.
import { firstLabel, hostnameKey, ipv4ToNumber, normalizeIpv6, normalizeMac, normalizeSerial, parseCidr } from '../../identifiers/index';
import { StoreError } from '../errors';
import { prepared, type Db, type Param } from './rows';

export type LookupMatch = 'primary_ip' | 'interface_ip' | 'mac' | 'interface_mac' | 'hostname' | 'serial' | 'asset_tag';

/** One live configuration found by an identifier, once per field that matched. */
export interface ConfigurationHit {
  id: number;
  name: string;
  hostname: string | null;
  primaryIp: string | null;
  orgId: number | null;
  orgName: string | null;
  url: string | null;
  /** Its IT Glue configuration type and status ("Managed Server", "Active"). */
  typeName: string | null;
  statusName: string | null;
  matchedOn: LookupMatch;
  /** The value that matched (an interface's ip/mac, or the configuration's own field). */
  value: string;
  interfaceName: string | null;
}

export type IdentifierKind = 'ip' | 'cidr' | 'mac' | 'hostname' | 'serial';

interface HitRow {
  id: number;
  name: string;
  hostname: string | null;
  primary_ip: string | null;
  org_id: number | null;
  org_name: string | null;
  url: string | null;
  type_name: string | null;
  status_name: string | null;
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
  typeName: h.type_name,
  statusName: h.status_name,
  matchedOn: MATCHES.find((m) => m === h.matched_on) ?? 'primary_ip',
  value: h.value,
  interfaceName: h.interface_name,
});

// Matches are found, ordered and shown from the typed tables alone: only the page kept (500, or
// the page a door shows) is joined to organizations. A common identifier ("DC01", a private IP
// reused by every client) matches thousands of configurations at 1M records; joining each to its
// wide records row cost 100–250 ms, and even the 50 rows of one page cost most of a lookup, so
// the link a hit shows sits in the typed row (migration 0017). A typed row exists only while its
// record is live: the deletion sweep drops it with the record's flag.
const COLUMNS = `c.id, c.name, c.hostname, c.primary_ip, c.org_id, c.url, c.type_name, c.status_name`;
const CONFIG = `FROM configurations c`;
const INTERFACE = `FROM interfaces i JOIN configurations c ON c.id = i.configuration_id`;
const ORDER = 'ORDER BY 2, 1 LIMIT ?';
/** The most hits one lookup returns. */
export const IDENTIFIER_PAGE = 500;
/** What an IP lookup returns unless asked for more: the page a door shows. */
export const IP_PAGE = 50;
const pageOf = (limit: number): number => Math.max(1, Math.min(IDENTIFIER_PAGE, Math.trunc(limit) || 1));
const JOINED = (inner: string) => `SELECT h.id, h.name, h.hostname, h.primary_ip, h.org_id, o.name AS org_name, h.url, h.type_name, h.status_name, h.matched_on, h.value, h.interface_name
  FROM (${inner}) h LEFT JOIN organizations o ON o.id = h.org_id
  ORDER BY h.name, h.id`;

const isIp = (value: string): boolean => ipv4ToNumber(value) !== null || normalizeIpv6(value) !== null;
const NOT_A_NETWORK = (value: string) => `"${value.slice(0, 60)}" is not an IPv4 network; write it like 10.20.0.0/16 (or an IPv6 network like 2001:db8::/48).`;

/** What an identifier typed without saying what it is looks like. */
export function identifierKind(value: string): IdentifierKind {
  if (value.includes('/')) return 'cidr';
  if (isIp(value)) return 'ip';
  return normalizeMac(value) ? 'mac' : 'hostname';
}

export function identifierReads(db: Db) {
  const hits = (sql: string, limit: number, ...params: Param[]): ConfigurationHit[] => prepared<Param[], HitRow>(db, JOINED(sql)).all(...params, pageOf(limit)).map(toHit);

  // An address's matches come in name order from its indexes alone (the interface carries its
  // configuration's name and org, migration 0018): the two ordered arms are merged and stop at
  // the page, and only the rows shown are read. Ranges (networks) are read whole and sorted.
  const ipPage = (primary: string, iface: string): string => `SELECT page.id, page.name, page.matched_on, page.value, page.interface_name FROM (
       SELECT c.id, c.name, 'primary_ip' AS matched_on, c.primary_ip AS value, NULL AS interface_name FROM configurations c WHERE ${primary}
       UNION
       SELECT i.configuration_id, i.configuration_name, 'interface_ip', i.ip, i.name FROM interfaces i WHERE ${iface} AND i.configuration_name IS NOT NULL
       ${ORDER}) page`;
  const pageHits = (sql: string, limit: number, ...params: Param[]): ConfigurationHit[] =>
    prepared<Param[], HitRow>(
      db,
      `SELECT c.id, c.name, c.hostname, c.primary_ip, c.org_id, o.name AS org_name, c.url, c.type_name, c.status_name, p.matched_on, p.value, p.interface_name
         FROM (${sql}) p JOIN configurations c ON c.id = p.id LEFT JOIN organizations o ON o.id = c.org_id
         ORDER BY p.name, p.id`,
    )
      .all(...params, pageOf(limit))
      .map(toHit);
  /** Configurations (id, org) an address is on, from the indexes alone: what a count reads. */
  const ipOwners = (primary: string, iface: string): string =>
    `SELECT c.id, c.org_id FROM configurations c WHERE ${primary}
     UNION ALL
     SELECT i.configuration_id, i.configuration_org_id FROM interfaces i WHERE ${iface} AND i.configuration_name IS NOT NULL`;
  const V4 = ['c.primary_ip_num = ?', 'i.ip_num = ?'] as const;
  const V6 = ['c.primary_ip_num IS NULL AND c.primary_ip IS NOT NULL AND lower(c.primary_ip) = lower(?)', 'i.ip6 = ?'] as const;

  function byIpv4Range(first: number, last: number, limit: number): ConfigurationHit[] {
    return hits(
      `SELECT ${COLUMNS}, 'primary_ip' AS matched_on, c.primary_ip AS value, NULL AS interface_name ${CONFIG} WHERE c.primary_ip_num BETWEEN ? AND ?
       UNION
       SELECT ${COLUMNS}, 'interface_ip', i.ip, i.name ${INTERFACE} WHERE i.ip_num BETWEEN ? AND ? ${ORDER}`,
      limit,
      first,
      last,
      first,
      last,
    );
  }

  // Configurations keep their primary IPv6 as typed, so a network matches interfaces only.
  function byIpv6Range(first: string, last: string, limit: number): ConfigurationHit[] {
    return hits(`SELECT ${COLUMNS}, 'interface_ip' AS matched_on, i.ip AS value, i.name AS interface_name ${INTERFACE} WHERE i.ip6 BETWEEN ? AND ? ${ORDER}`, limit, first, last);
  }

  const reads = {
    /**
     * The configurations an IP address is on, by name: the first `limit` hits (50 unless asked,
     * at most 500) only, so a door reads just the page it shows (countByIp says how many in all) — one private address can sit on 1,400 devices at 1M records.
     */
    findByIp(ip: string, limit: number = IP_PAGE): ConfigurationHit[] {
      const n = ipv4ToNumber(ip);
      if (n !== null) return pageHits(ipPage(...V4), limit, n, n);
      const v6 = normalizeIpv6(ip);
      if (v6 === null) return [];
      return pageHits(ipPage(...V6), limit, ip.trim(), v6);
    },

    /** How many configurations, in how many organizations, an IP address is on (address indexes only: no row read). */
    countByIp(ip: string): { configurations: number; organizations: number } {
      const n = ipv4ToNumber(ip);
      const v6 = n === null ? normalizeIpv6(ip) : null;
      if (n === null && v6 === null) return { configurations: 0, organizations: 0 };
      const sql = n !== null ? ipOwners(...V4) : ipOwners(...V6);
      const params: Param[] = n !== null ? [n, n] : [ip.trim(), v6 ?? ''];
      const row = prepared<Param[], { c: number; o: number }>(db, `SELECT count(DISTINCT m.id) AS c, count(DISTINCT m.org_id) AS o FROM (${sql}) m`).get(...params);
      return { configurations: row?.c ?? 0, organizations: row?.o ?? 0 };
    },

    /** Configurations inside an IPv4 or IPv6 network ("10.20.0.0/16", "2001:db8::/48"); a bare address is itself. */
    findByCidr(cidr: string, limit: number = IDENTIFIER_PAGE): ConfigurationHit[] {
      const text = cidr.trim();
      if (!text.includes('/') && isIp(text)) return reads.findByIp(text, limit);
      const range = parseCidr(text);
      if (!range) throw new StoreError('INVALID_INPUT', NOT_A_NETWORK(cidr));
      return range.version === 4 ? byIpv4Range(range.start, range.end, limit) : byIpv6Range(range.first, range.last, limit);
    },

    findByMac(mac: string): ConfigurationHit[] {
      const m = normalizeMac(mac);
      if (!m) return [];
      return hits(
        `SELECT ${COLUMNS}, 'mac' AS matched_on, c.mac AS value, NULL AS interface_name ${CONFIG} WHERE c.mac = ?
         UNION
         SELECT ${COLUMNS}, 'interface_mac', i.mac, i.name ${INTERFACE} WHERE i.mac = ?
         ${ORDER}`,
        IDENTIFIER_PAGE,
        m,
        m,
      );
    },

    findByHostname(hostname: string): ConfigurationHit[] {
      const wanted = hostname.trim();
      const key = hostnameKey(firstLabel(wanted));
      if (!key) return [];
      const found = hits(`SELECT ${COLUMNS}, 'hostname' AS matched_on, coalesce(c.hostname, c.name) AS value, NULL AS interface_name ${CONFIG} WHERE c.hostname_key = ? ${ORDER}`, IDENTIFIER_PAGE, key);
      // "DC01.bluestemcu.local": a device whose full name is exactly that excludes every other DC01.
      if (!wanted.includes('.')) return found;
      const exact = found.filter((h) => h.value.toLowerCase() === wanted.toLowerCase());
      return exact.length > 0 ? exact : found;
    },

    findBySerial(serialOrAssetTag: string): ConfigurationHit[] {
      const s = normalizeSerial(serialOrAssetTag);
      if (!s) return [];
      return hits(
        `SELECT ${COLUMNS}, 'serial' AS matched_on, c.serial AS value, NULL AS interface_name ${CONFIG} WHERE c.serial = ?
         UNION
         SELECT ${COLUMNS}, 'asset_tag', c.asset_tag, NULL ${CONFIG} WHERE c.asset_tag = ? COLLATE NOCASE
         ${ORDER}`,
        IDENTIFIER_PAGE,
        s,
        serialOrAssetTag.trim(),
      );
    },

    /**
     * One lookup for any identifier: `kind` when the caller knows it, else read from the value's
     * shape (a name that is no hostname is tried as a serial or asset tag). Throws INVALID_INPUT
     * when the value is not of the kind given.
     */
    findIdentifier(value: string, kind?: IdentifierKind): { kind: IdentifierKind; hits: ConfigurationHit[] } {
      const k = kind ?? identifierKind(value);
      const bad = (what: string) => new StoreError('INVALID_INPUT', `"${value.slice(0, 60)}" is not ${what}.`);
      switch (k) {
        case 'ip':
          if (!isIp(value)) throw bad('an IP address');
          return { kind: k, hits: reads.findByIp(value, IDENTIFIER_PAGE) };
        case 'cidr':
          return { kind: k, hits: reads.findByCidr(value, IDENTIFIER_PAGE) };
        case 'mac':
          if (!normalizeMac(value)) throw bad('a MAC address (e.g. 00:11:22:33:44:55)');
          return { kind: k, hits: reads.findByMac(value) };
        case 'serial':
          return { kind: k, hits: reads.findBySerial(value) };
        case 'hostname': {
          const byName = reads.findByHostname(value);
          return { kind: k, hits: byName.length || kind ? byName : reads.findBySerial(value) };
        }
      }
    },
  };
  return reads;
}
