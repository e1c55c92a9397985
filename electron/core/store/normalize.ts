import { isIPv6 } from 'node:net';

/** Any MAC notation (00:1A:2B…, 00-1a-2b…, 001a.2b3c.4d5e, bare) → 12 lowercase hex, or null. */
// Hand-rolled rather than replace()+test(): mappers call the normalisers for every record of a
// sync, and the regex versions were a fifth of mapping time.
export function normalizeMac(input: string | null | undefined): string | null {
  if (!input) return null;
  let hex = '';
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 58 || c === 45 || c === 46 || isSpace(c)) continue; // : - . and white space
    if (hex.length === 12) return null;
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) hex += input[i];
    else if (c >= 65 && c <= 70) hex += String.fromCharCode(c + 32);
    else return null;
  }
  return hex.length === 12 ? hex : null;
}

/** What \s matches: ASCII white space, NBSP and the Unicode space separators. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/** Dotted IPv4 → unsigned 32-bit integer, for CIDR range scans; null when not IPv4. */
// Same grammar as net.isIPv4 (four decimal octets ≤ 255, no leading zeros), in one pass.
export function ipv4ToNumber(input: string | null | undefined): number | null {
  if (!input) return null;
  const ip = input.trim();
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= ip.length; i++) {
    const c = i < ip.length ? ip.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || octet > 255) return null;
      n = n * 256 + octet;
      if (++dots > 4) return null;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return null; // a leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3) return null;
    } else {
      return null;
    }
  }
  return dots === 4 ? n : null;
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** IPv6 in its full, lowercase, zero-padded form (so "::1" and "0:0::1" compare equal). */
export function normalizeIpv6(input: string | null | undefined): string | null {
  if (!input) return null;
  let ip = input.trim().toLowerCase().replace(/^\[|\]$/g, '');
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  if (!isIPv6(ip)) return null;
  let groups: string[];
  const tail = ip.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (tail?.[1]) {
    const n = ipv4ToNumber(tail[1]) ?? 0;
    ip = `${ip.slice(0, -tail[1].length)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const [head, rest] = ip.split('::') as [string, string | undefined];
  if (rest === undefined) {
    groups = head.split(':');
  } else {
    const left = head ? head.split(':') : [];
    const right = rest ? rest.split(':') : [];
    groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  }
  return groups.map((g) => g.padStart(4, '0')).join(':');
}

export interface Cidr {
  first: number;
  last: number;
}

/** "10.20.0.0/16" (or a bare address = /32) → inclusive integer range; null when not IPv4 CIDR. */
export function parseCidr(input: string): Cidr | null {
  const [addr, bitsText] = input.trim().split('/');
  const base = ipv4ToNumber(addr);
  if (base === null) return null;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32 || (bitsText !== undefined && !/^\d+$/.test(bitsText))) return null;
  const size = 2 ** (32 - bits);
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1 };
}

/** Hostname lookup key: lowercase, no domain suffix kept separately, dashes/underscores removed. */
export function hostnameKey(input: string | null | undefined): string | null {
  if (!input) return null;
  const lower = input.trim().toLowerCase();
  let key = '';
  let from = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 45 || c === 95 || isSpace(c)) {
      key += lower.slice(from, i);
      from = i + 1;
    }
  }
  key = from === 0 ? lower : key + lower.slice(from);
  return key || null;
}

export function normalizeSerial(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.trim().toUpperCase();
  return s || null;
}

/**
 * Extra search terms appended to a record's body so FTS (default separators) finds exact and
 * partial forms: "SRV-DC01" is already "srv dc01"; this adds "srvdc01" (and "srvdc01.corp.local"
 * without dots would be noise, so only the first label is joined), MACs as 12 hex digits,
 * serials uppercased.
 */
export function searchAliases(values: { hostnames?: (string | null | undefined)[]; macs?: (string | null | undefined)[]; serials?: (string | null | undefined)[] }): string[] {
  // A handful of values: an array with includes() is cheaper than a Set here.
  const out: string[] = [];
  const add = (v: string | null): void => {
    if (v && !out.includes(v)) out.push(v);
  };
  for (const h of values.hostnames ?? []) {
    if (!h) continue;
    const trimmed = h.trim();
    const dot = trimmed.indexOf('.');
    const first = dot < 0 ? trimmed : trimmed.slice(0, dot);
    const key = hostnameKey(first);
    if (key !== first.toLowerCase()) add(key);
  }
  for (const m of values.macs ?? []) add(normalizeMac(m));
  for (const s of values.serials ?? []) add(normalizeSerial(s));
  return out;
}
