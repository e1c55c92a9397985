// The literal identifiers in a question: addresses, MACs, hostnames, serials. Each is what an
// exact lookup tries before any fuzzy search.
import { ipFromToken, parseCidr, type Cidr, type Ip } from './ip';
import { parseMac } from './mac';
import { isHostnameLike, isSerialLike, type Token } from './tokens';

export interface ExactTerms {
  ips: Ip[];
  cidrs: Cidr[];
  /** 12 lowercase hex digits each. Bare 12-hex tokens are listed here AND in `serials`. */
  macs: string[];
  /** As typed (case kept: people search "SRV-DC01"); compare case-insensitively. */
  hostnames: string[];
  serials: string[];
}

export interface ExactFound {
  exact: ExactTerms;
  /** Tokens that are addresses (IP, CIDR, MAC): never part of an org name or a keyword. */
  addressTokens: Set<number>;
  /** Every token that produced a term, with the position it was found at. */
  termAt: Map<number, string>;
}

const MAX_PER_KIND = 20;
const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^/:?#]+)/i;

function pushUnique<T>(list: T[], item: T, key: (x: T) => string): boolean {
  if (list.length >= MAX_PER_KIND || list.some((x) => key(x) === key(item))) return false;
  list.push(item);
  return true;
}

const SERIAL_CUE = /^(?:serial|serial#|s\/n|sn|tag|number|no|#)$/i;

/** True when the token follows "serial", "s/n", "service tag", "asset tag" or "serial number". */
function afterSerialCue(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1]?.core.toLowerCase() ?? '';
  if (!SERIAL_CUE.test(prev)) return false;
  if (prev === 'serial' || prev === 'serial#' || prev === 's/n' || prev === 'sn') return true;
  const before = tokens[i - 2]?.core.toLowerCase() ?? '';
  return prev === 'tag' ? before === 'service' || before === 'asset' : before === 'serial';
}

export function findExact(tokens: Token[]): ExactFound {
  const exact: ExactTerms = { ips: [], cidrs: [], macs: [], hostnames: [], serials: [] };
  const addressTokens = new Set<number>();
  const termAt = new Map<number, string>();
  const lower = (s: string): string => s.toLowerCase();
  tokens.forEach((token, i) => {
    if (token.core.startsWith('@') || token.core === '') return;
    const url = URL_HOST.exec(token.core);
    const core = url?.[1] ?? token.core;
    const bare = token.text.replace(/[,;!?.\u2026]+$/u, '');
    if (core.includes('/')) {
      const cidr = parseCidr(core);
      if (cidr) {
        pushUnique(exact.cidrs, cidr, (c) => c.cidr);
        addressTokens.add(i);
        termAt.set(i, core);
      }
      return;
    }
    const ip = ipFromToken(bare) ?? ipFromToken(core);
    if (ip) {
      pushUnique(exact.ips, ip, (x) => x.address);
      addressTokens.add(i);
      termAt.set(i, core);
      return;
    }
    const mac = parseMac(core);
    if (mac) {
      pushUnique(exact.macs, mac.mac, (x) => x);
      if (mac.bare) pushUnique(exact.serials, core, lower);
      addressTokens.add(i);
      termAt.set(i, core);
      return;
    }
    const host = isHostnameLike(core);
    // Service tags can be letters only ("QVCDZDJ"): written in capitals right after a serial cue, they count.
    const serial = isSerialLike(core) || (afterSerialCue(tokens, i) && /^[A-Z0-9][A-Z0-9-]{4,23}$/.test(core) && !/^(?:NUMBERS?|TAGS?)$/.test(core));
    if (host) pushUnique(exact.hostnames, core, lower);
    if (serial) pushUnique(exact.serials, core, lower);
    if (host || serial) termAt.set(i, core);
  });
  return { exact, addressTokens, termAt };
}
