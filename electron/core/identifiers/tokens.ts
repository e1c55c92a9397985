// Words of a question with their positions, and the shapes that deserve an exact lookup:
// hostnames, serial numbers, quoted phrases. IPs and MACs live in ip.ts and mac.ts.
import { parseIp } from './ip';
import { parseMac } from './mac';

export interface Token {
  /** The whitespace-free run as typed. */
  text: string;
  /** `text` without surrounding quotes, brackets, sentence punctuation or a possessive "'s". */
  core: string;
  /** Offsets of `text` in the (already cleaned) question. */
  start: number;
  end: number;
  /** The token ends a clause (",", "?", "!", ";", a sentence "."), so a name cannot run past it. */
  endsClause: boolean;
}

export interface Phrase {
  phrase: string;
  start: number;
  end: number;
}

// Non-ASCII characters are written as escapes (\u2026 "…", \u201c/\u201d curly double quotes,
// \u2018/\u2019 curly single quotes, \u00ab/\u00bb guillemets): the CLI bundle stays ASCII, which
// Node loads as a one-byte string (scripts/build-cli.js).
const LEADING = /^[\p{Ps}\p{Pe}\p{Pi}\p{Pf}"'`*<]+/u;
const TRAILING = /[\p{Ps}\p{Pe}\p{Pi}\p{Pf}"'`*>,;!?.\u2026]+$/u;
const CLAUSE_END = /[,;!?.\u2026]["'\u201d\u2019)\]]*$/u;

function coreOf(text: string): string {
  let core = text.replace(LEADING, '');
  let prev = '';
  while (prev !== core) {
    prev = core;
    core = core.replace(TRAILING, '').replace(/['\u2019]s$/iu, '');
    // a lone trailing ':' ("ip of fw01:") goes; "::" may end an IPv6 address and stays
    if (core.endsWith(':') && !core.endsWith('::')) core = core.slice(0, -1);
  }
  return core;
}

export function tokenize(question: string): Token[] {
  const tokens: Token[] = [];
  for (const m of question.matchAll(/\S+/gu)) {
    const text = m[0];
    const start = m.index;
    tokens.push({ text, core: coreOf(text), start, end: start + text.length, endsClause: CLAUSE_END.test(text) });
  }
  return tokens;
}

// An opening quote must start a word and its closing quote must end one, so apostrophes in
// "what's" or "Joe's" never open a phrase.
const QUOTED = [
  /(?<![\p{L}\p{N}])"([^"\n]{1,200})"(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])\u201c([^\u201d\n]{1,200})\u201d(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])'([^'\n]{1,200})'(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])\u2018([^\u2019\n]{1,200})\u2019(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])\u00ab([^\u00bb\n]{1,200})\u00bb(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])`([^`\n]{1,200})`(?![\p{L}\p{N}])/gu,
];

export function findQuotedPhrases(question: string): Phrase[] {
  const found: Phrase[] = [];
  for (const re of QUOTED) {
    for (const m of question.matchAll(re)) {
      const phrase = (m[1] ?? '').trim();
      if (phrase === '') continue;
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ phrase, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// Version numbers, protocols and product names shaped like hostnames or serials, which people
// write in questions all the time. Keeping them out stops "exact lookup" from winning on noise.
const TECH_TERMS = new Set([
  'win7', 'win8', 'win10', 'win11', 'windows7', 'windows10', 'windows11', 'o365', 'm365', 'office365',
  'microsoft365', 'ipv4', 'ipv6', 'mp3', 'mp4', 'h264', 'h265', 'sha1', 'sha256', 'sha512', 'md5',
  'utf8', 'utf16', 'x64', 'x86', 'arm64', 'wpa2', 'wpa3', 'cat5', 'cat5e', 'cat6', 'cat6a', 'tls12',
  'tls13', 'smbv1', 'smbv2', 'smbv3', 'snmpv2', 'snmpv3', 'http2', 'http3', 'covid19', 'y2k', 'base64',
  'wifi6', 'wifi6e', 'usb3', 'usb-c', 'hdmi2', 'dp14', 'pcie4', 'ddr4', 'ddr5', 'raid1', 'raid5',
  'raid6', 'raid10', 'ntfs', 'exfat', 'fat32', 'ext4', 'ws2019', 'ws2022', 'ws2016', 'sql2019', 'sql2022',
  'server2016', 'server2019', 'server2022', 'server2025', 'wi-fi6', 'rfc1918',
]);

// "backup.ps1" and "notes.txt" are files, not hosts.
const FILE_EXTENSIONS = new Set([
  'txt', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'csv', 'ppt', 'pptx', 'exe', 'msi', 'ps', 'bat', 'cmd',
  'sh', 'js', 'ts', 'py', 'json', 'xml', 'yml', 'yaml', 'ini', 'cfg', 'conf', 'log', 'zip', 'rar', 'gz',
  'tar', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'html', 'htm', 'md', 'iso', 'vhd', 'vhdx', 'vmdk', 'ova',
  'pst', 'ost', 'bak', 'dll', 'sys', 'reg', 'rdp', 'pem', 'crt', 'cer', 'pfx', 'key', 'pub', 'eml',
]);

const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

function isAddress(core: string): boolean {
  return parseIp(core) !== null || parseMac(core) !== null || core.includes('/');
}

/**
 * SRV-DC01, ACME-WS-023, fw01.acme.local, DC01. Rules: a dotted name whose last label is an
 * alphabetic TLD-like word (not a file extension); or a single label with a hyphen or
 * underscore that has a digit or is written in capitals (ACME-FW); or a single letter-first
 * label of four or more characters mixing letters and digits (DC01), minus version/product
 * names such as Win10 or O365.
 */
export function isHostnameLike(core: string): boolean {
  if (core.length < 2 || core.length > 253 || isAddress(core)) return false;
  if (TECH_TERMS.has(core.toLowerCase())) return false;
  if (core.includes('.')) {
    const labels = core.split('.');
    if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
    const tld = labels[labels.length - 1] ?? '';
    return /^[A-Za-z]{2,24}$/.test(tld) && !FILE_EXTENSIONS.has(tld.toLowerCase());
  }
  if (!LABEL.test(core) || !/[A-Za-z]/.test(core)) return false;
  if (/[-_]/.test(core)) {
    if (/[-_]{2}/.test(core)) return false;
    return /\d/.test(core) || (core === core.toUpperCase() && core.replace(/[-_]/g, '').length >= 4);
  }
  return core.length >= 4 && /^[A-Za-z]/.test(core) && /\d/.test(core);
}

/**
 * Serial numbers and asset tags: letters and digits mixed, at least six of them, hyphens
 * allowed (Meraki "Q2XX-ABCD-1234"). Also counts hostname-shaped tokens such as ACME-WS-023;
 * the engine tries each candidate against both columns.
 */
export function isSerialLike(core: string): boolean {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(core) || /--/.test(core)) return false;
  if (TECH_TERMS.has(core.toLowerCase()) || parseMac(core)?.bare === false) return false;
  const alnum = core.replace(/-/g, '');
  return alnum.length >= 6 && alnum.length <= 40 && /[A-Za-z]/.test(alnum) && /\d/.test(alnum);
}
