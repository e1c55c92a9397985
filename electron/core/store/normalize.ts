import { isIPv4, isIPv6 } from 'node:net';

/** Any MAC notation (00:1A:2B…, 00-1a-2b…, 001a.2b3c.4d5e, bare) → 12 lowercase hex, or null. */
export function normalizeMac(input: string | null | undefined): string | null {
  if (!input) return null;
  const hex = input.toLowerCase().replace(/[\s:.-]/g, '');
  return /^[0-9a-f]{12}$/.test(hex) ? hex : null;
}

/** Dotted IPv4 → unsigned 32-bit integer, for CIDR range scans; null when not IPv4. */
export function ipv4ToNumber(input: string | null | undefined): number | null {
  if (!input) return null;
  const ip = input.trim();
  if (!isIPv4(ip)) return null;
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
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
  const key = input.trim().toLowerCase().replace(/[-_\s]/g, '');
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
  const out = new Set<string>();
  for (const h of values.hostnames ?? []) {
    if (!h) continue;
    const first = h.trim().split('.')[0] ?? '';
    const key = hostnameKey(first);
    if (key && key !== first.toLowerCase()) out.add(key);
  }
  for (const m of values.macs ?? []) {
    const mac = normalizeMac(m);
    if (mac) out.add(mac);
  }
  for (const s of values.serials ?? []) {
    const serial = normalizeSerial(s);
    if (serial) out.add(serial);
  }
  return [...out];
}
