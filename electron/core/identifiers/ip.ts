// IP addresses and CIDR blocks: as a technician types them into a question (parse*), and as the
// store keys them (ipv4ToNumber, normalizeIpv6, ipv4Range), one grammar for both.
//
// Decisions (documented because each one changes what a lookup finds):
// - IPv4 is strict dotted-decimal: exactly four octets 0..255. An octet with a leading zero
//   ("010.1.1.1", "192.168.001.010") is REJECTED: inet_aton reads it as octal, browsers as
//   octal, Python ≥ 3.9.5 and Node reject it. Guessing decimal would silently look up a
//   different host than other tools would, so such a token stays plain text.
// - IPv6 accepts compressed, expanded, mixed-case and IPv4-embedded tails; output is the
//   RFC 5952 canonical text (lowercase, no leading zeros, longest zero run as "::", IPv4-mapped
//   as ::ffff:a.b.c.d). A zone ("fe80::1%eth0") is accepted and dropped: stored addresses
//   never carry one.
// - CIDR prefixes are plain decimal (no leading zeros, no sign). Host bits may be set
//   ("10.20.0.5/24"): the block is the masked network, as `ip route` and `ipcalc` treat it.
// - Ranges: IPv4 as unsigned integers [start, end]; IPv6 as the EXPANDED text of the first and
//   last address, which is fixed width, so comparing strings compares addresses.

export interface Ipv4 {
  version: 4;
  /** Canonical dotted-decimal. */
  address: string;
  /** Unsigned 32-bit value. */
  int: number;
}

export interface Ipv6 {
  version: 6;
  /** RFC 5952 canonical text. */
  address: string;
  /** Eight 4-digit lowercase groups; fixed width, so string order is address order. */
  expanded: string;
}

export type Ip = Ipv4 | Ipv6;

export interface Cidr4 {
  version: 4;
  /** Canonical "network/prefix". */
  cidr: string;
  network: string;
  prefix: number;
  /** First and last address as unsigned integers (network and broadcast). */
  start: number;
  end: number;
}

export interface Cidr6 {
  version: 6;
  cidr: string;
  network: string;
  prefix: number;
  /** Expanded text of the first and last address. */
  first: string;
  last: string;
}

export type Cidr = Cidr4 | Cidr6;

const OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const PREFIX = /^(?:0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

export function parseIpv4(text: string): Ipv4 | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let int = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    int = int * 256 + n;
  }
  return { version: 4, address: intToIpv4(int), int };
}

export function intToIpv4(int: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(int / 2 ** shift) % 256).join('.');
}

/** Parses IPv6 text into eight 16-bit groups, or null. */
function ipv6Groups(text: string): number[] | null {
  let s = text;
  const zone = s.indexOf('%');
  if (zone !== -1) {
    if (!/^[0-9A-Za-z._~-]+$/.test(s.slice(zone + 1))) return null;
    s = s.slice(0, zone);
  }
  if (s.length < 2 || s.length > 45) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (lastColon === -1) return null;
  const lastPart = s.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    const v4 = parseIpv4(lastPart);
    if (!v4) return null;
    tail = [Math.floor(v4.int / 65536), v4.int % 65536];
    // keep a "::" that ends right before the IPv4 part ("::1.2.3.4"), drop a single ':'
    s = s[lastColon - 1] === ':' ? s.slice(0, lastColon + 1) : s.slice(0, lastColon);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    for (const g of half.split(':')) {
      if (!HEXTET.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  if (!head) return null;
  if (halves.length === 1) {
    const groups = [...head, ...tail];
    return groups.length === 8 ? groups : null;
  }
  const rest = parse(halves[1] ?? '');
  if (!rest) return null;
  const fill = 8 - head.length - rest.length - tail.length;
  // "::" stands for at least one zero group
  if (fill < 1) return null;
  return [...head, ...new Array<number>(fill).fill(0), ...rest, ...tail];
}

function groupsToCanonical(groups: number[]): string {
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMapped) {
    const hi = groups[6] ?? 0;
    const lo = groups[7] ?? 0;
    return `::ffff:${intToIpv4(hi * 65536 + lo)}`;
  }
  // longest run of two or more zero groups; the first one wins a tie (RFC 5952 §4.2.3)
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

function groupsToExpanded(groups: number[]): string {
  return groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
}

export function parseIpv6(text: string): Ipv6 | null {
  const groups = ipv6Groups(text);
  if (!groups) return null;
  return { version: 6, address: groupsToCanonical(groups), expanded: groupsToExpanded(groups) };
}

export function parseIp(text: string): Ip | null {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

export function ipv6ToBigInt(ip: Ipv6): bigint {
  return BigInt(`0x${ip.expanded.replaceAll(':', '')}`);
}

function bigIntToGroups(value: bigint): number[] {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  return groups;
}

export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash === -1) return null;
  const prefixText = text.slice(slash + 1);
  if (!PREFIX.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const ip = parseIp(text.slice(0, slash));
  if (!ip) return null;
  if (ip.version === 4) {
    if (prefix > 32) return null;
    const size = 2 ** (32 - prefix);
    const start = Math.floor(ip.int / size) * size;
    const network = intToIpv4(start);
    return { version: 4, cidr: `${network}/${prefix}`, network, prefix, start, end: start + size - 1 };
  }
  if (prefix > 128) return null;
  const hostBits = BigInt(128 - prefix);
  const value = ipv6ToBigInt(ip);
  const first = (value >> hostBits) << hostBits;
  const last = first | ((1n << hostBits) - 1n);
  const firstGroups = bigIntToGroups(first);
  const network = groupsToCanonical(firstGroups);
  return {
    version: 6,
    cidr: `${network}/${prefix}`,
    network,
    prefix,
    first: groupsToExpanded(firstGroups),
    last: groupsToExpanded(bigIntToGroups(last)),
  };
}

export function cidrContains(cidr: Cidr, ip: Ip): boolean {
  if (cidr.version === 4) return ip.version === 4 && ip.int >= cidr.start && ip.int <= cidr.end;
  return ip.version === 6 && ip.expanded >= cidr.first && ip.expanded <= cidr.last;
}

/**
 * Reads an address out of one whitespace-free token the way people paste them: with a port
 * ("10.0.0.5:3389", "[2001:db8::1]:443") or in brackets. Null when the token is not an address.
 */
export function ipFromToken(token: string): Ip | null {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(token);
  if (bracketed?.[1]) return parseIpv6(bracketed[1]);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(token);
  if (withPort?.[1]) return parseIpv4(withPort[1]);
  return parseIp(token);
}

/** Dotted IPv4 → unsigned 32-bit integer, for range scans; null when not IPv4. */
// Same grammar as parseIpv4 (and net.isIPv4: four decimal octets ≤ 255, no leading zeros), hand-
// rolled in one pass because the mappers call it for every configuration and interface of a sync.
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

/**
 * IPv6 as the store keys it: the expanded form (eight 4-digit lowercase groups), so "::1" and
 * "0:0::1" compare equal. Brackets and a zone ("fe80::1%eth0") are dropped; null when not IPv6.
 */
export function normalizeIpv6(input: string | null | undefined): string | null {
  if (!input) return null;
  let ip = input.trim();
  if (ip.startsWith('[')) ip = ip.slice(1);
  if (ip.endsWith(']')) ip = ip.slice(0, -1);
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  return parseIpv6(ip)?.expanded ?? null;
}

/** "10.20.0.0/16" (or a bare address = /32) → inclusive integer range; null when not IPv4. */
export function ipv4Range(input: string): { first: number; last: number } | null {
  const text = input.trim();
  const cidr = parseCidr(text.includes('/') ? text : `${text}/32`);
  return cidr?.version === 4 ? { first: cidr.start, last: cidr.end } : null;
}
