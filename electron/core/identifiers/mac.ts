// MAC addresses in the notations tools print: "00:1A:2B:3C:4D:5E" (Linux, most docs),
// "00-1a-2b-3c-4d-5e" (Windows), "001a.2b3c.4d5e" (Cisco), "0:1a:2b:3c:4d:5e" (macOS drops
// leading zeros) and bare "001a2b3c4d5e". The result is always 12 lowercase hex digits, the
// form the store keeps. parseMac reads one token of a question; normalizeMac reads a stored
// field and accepts everything parseMac does (mac.test.ts checks that they agree).
//
// Decisions:
// - One separator per address; "00:1a-2b:..." is not a MAC.
// - Separated forms are certain: six groups without "::" can never be IPv6, so "aa:bb:..." is
//   unambiguous, and IPv6 fragments ("fe80:0:0:1", "2001:db8::1") fail the group widths.
// - A bare 12-hex-digit token is only POSSIBLY a MAC: it may just as well be a serial number or
//   an asset tag. It is reported with `bare: true` and the caller should also try it as a serial.
//   All-digit bare tokens ("001122334455") are kept too: a MAC can be all digits, and a wasted
//   MAC lookup costs less than a MAC question answered with "No data".

import { isSpace } from './chars';

export interface Mac {
  /** 12 lowercase hex digits, no separators. */
  mac: string;
  /** True when the token had no separators, so it may be a serial number instead. */
  bare: boolean;
}

const COLON_OR_DASH = /^([0-9a-f]{1,2})([:-])([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})$/i;
const CISCO = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i;
const BARE = /^[0-9a-f]{12}$/i;

export function parseMac(token: string): Mac | null {
  const sep = COLON_OR_DASH.exec(token);
  if (sep) {
    const groups = [sep[1], sep[3], sep[4], sep[5], sep[6], sep[7]];
    // Windows and Cisco never drop a leading zero; only the colon form (macOS) does.
    if (sep[2] === '-' && groups.some((g) => g?.length !== 2)) return null;
    return { mac: groups.map((g) => (g ?? '').padStart(2, '0')).join('').toLowerCase(), bare: false };
  }
  const cisco = CISCO.exec(token);
  if (cisco) return { mac: `${cisco[1]}${cisco[2]}${cisco[3]}`.toLowerCase(), bare: false };
  if (BARE.test(token)) return { mac: token.toLowerCase(), bare: true };
  return null;
}

/** "001a2b3c4d5e" → "00:1a:2b:3c:4d:5e", the form answers show. */
export function formatMac(mac: string): string {
  return mac.match(/../g)?.join(':') ?? mac;
}

/**
 * A stored MAC field in any notation parseMac reads, also with stray white space, → 12
 * lowercase hex digits, or null.
 */
// Hand-rolled rather than replace()+test(): the mappers call it for every configuration and
// interface of a sync (docs/store-write-path.md has what the regex cost). Only a value this
// loop rejects (e.g. the macOS form with single-digit groups) pays for parseMac's regexes.
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
  if (hex.length === 12) return hex;
  return parseMac(input.trim())?.mac ?? null;
}
