import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTENTS, type Intent } from '../../../../shared/domain';
import { understand, type OrgCandidate, type Query, type ScopeHow } from './intent';

// A small tenant with the traps real ones have: confusable names (Acme ×2, Home ×2), short
// names, diacritics, legal suffixes, "&", a leading "The", and names that are everyday words.
const ORGS: OrgCandidate[] = [
  { id: 1, name: 'Acme Corp' },
  { id: 2, name: 'Acme Dental, LLC', shortName: 'ADENT' },
  { id: 3, name: 'Harbor Health' },
  { id: 4, name: 'Société Générale Québec Inc.' },
  { id: 5, name: 'Summit' },
  { id: 6, name: 'Night Owl Bakery' },
  { id: 7, name: 'Office Pros Inc' },
  { id: 8, name: 'Smith & Jones Law' },
  { id: 9, name: "O'Brien Plumbing", shortName: 'OBP' },
  { id: 10, name: 'Home Instead' },
  { id: 11, name: 'Home Depot' },
  { id: 12, name: 'Müller Bau GmbH' },
  { id: 13, name: 'Bright Dental Group' },
  { id: 14, name: 'Northwind Traders', shortName: 'NWT' },
  { id: 15, name: 'Contoso Ltd' },
  { id: 16, name: 'The Lighthouse Foundation' },
  { id: 17, name: 'Blue Sky Networks' },
  { id: 18, name: 'Evergreen Pediatrics' },
  { id: 19, name: 'Keystone Logistics' },
  { id: 20, name: 'Pinnacle Financial Partners' },
];

// Monday 23 November 2026, local time.
const NOW = new Date(2026, 10, 23, 12, 0, 0);
const ask = (q: string): Query => understand(q, ORGS, { now: NOW });

type OrgExpectation = number | { ambiguous: number[] } | { unknown: string };

interface Row {
  q: string;
  intent: Intent;
  /** Omitted: the question must have no scope. */
  org?: OrgExpectation;
  how?: ScopeHow;
  text?: string;
  ips?: string[];
  cidrs?: string[];
  macs?: string[];
  hostnames?: string[];
  serials?: string[];
  days?: number;
  dir?: 'up' | 'down' | null;
  subject?: string | null;
}

const TABLE: Row[] = [
  // exact lookups
  { q: '10.0.0.5', intent: 'exact_lookup', ips: ['10.0.0.5'], subject: '10.0.0.5', text: '10.0.0.5' },
  { q: 'who has 00:1a:2b:3c:4d:5e', intent: 'exact_lookup', macs: ['001a2b3c4d5e'] },
  { q: "what's in 10.20.0.0/24", intent: 'exact_lookup', cidrs: ['10.20.0.0/24'], subject: '10.20.0.0/24' },
  { q: 'who has 00-1A-2B-3C-4D-5E at Harbor Health', intent: 'exact_lookup', org: 3, how: 'at', macs: ['001a2b3c4d5e'] },
  { q: '001a.2b3c.4d5e', intent: 'exact_lookup', macs: ['001a2b3c4d5e'] },
  { q: 'what is 2001:DB8::1', intent: 'exact_lookup', ips: ['2001:db8::1'] },
  { q: 'lookup fw01.acme.local', intent: 'exact_lookup', hostnames: ['fw01.acme.local'], subject: 'fw01.acme.local' },
  { q: 'SRV-DC01', intent: 'exact_lookup', hostnames: ['SRV-DC01'], serials: ['SRV-DC01'] },
  { q: 'which device is 192.168.1.10:3389', intent: 'exact_lookup', ips: ['192.168.1.10'] },
  { q: '5CD1234XYZ', intent: 'exact_lookup', serials: ['5CD1234XYZ'], hostnames: [] },
  // Letters-only service tags count only in capitals right after a serial cue.
  { q: 'serial QVCDZDJ', intent: 'configuration', serials: ['QVCDZDJ'], hostnames: [] },
  { q: 'service tag QVCDZDJ', intent: 'exact_lookup', serials: ['QVCDZDJ'] },
  { q: 'serial number for the firewall', intent: 'configuration', serials: [] },
  { q: 'who is using 10.0.0.77', intent: 'exact_lookup', ips: ['10.0.0.77'] },
  { q: '001A2B3C4D5E', intent: 'exact_lookup', macs: ['001a2b3c4d5e'], serials: ['001A2B3C4D5E'] },
  { q: '[fe80::1]:443', intent: 'exact_lookup', ips: ['fe80::1'] },
  { q: "what's on 10.20.30.0/24 @harbor", intent: 'exact_lookup', org: 3, how: '@', cidrs: ['10.20.30.0/24'] },
  { q: 'anything at 172.16.5.4?', intent: 'exact_lookup', ips: ['172.16.5.4'] },
  { q: 'hostname of 10.0.0.5', intent: 'exact_lookup', ips: ['10.0.0.5'] },
  { q: 'is 010.0.0.5 in use', intent: 'search', ips: [] },
  { q: 'https://fw01.acme.local:4443/login', intent: 'password', hostnames: ['fw01.acme.local'] },
  // passwords
  { q: 'wifi password for acme dental', intent: 'password', org: 2, how: 'for', text: 'wifi password', subject: 'wifi' },
  { q: '@harbor health admin credentials', intent: 'password', org: 3, how: '@' },
  { q: "what's the login for the Summit firewall", intent: 'password', org: 5, how: 'for', subject: 'firewall' },
  { q: 'psk for the guest wifi at night owl bakery', intent: 'password', org: 6, how: 'at', subject: 'guest wifi' },
  { q: 'domain admin password at contoso', intent: 'password', org: 15, how: 'at' },
  { q: 'creds for 10.0.0.5', intent: 'password', ips: ['10.0.0.5'], subject: '10.0.0.5' },
  { q: 'password for SRV-DC01', intent: 'password', hostnames: ['SRV-DC01'], subject: 'SRV-DC01' },
  { q: "what's the username and password for the NWT firewall", intent: 'password', org: 14, how: 'for' },
  { q: "@o'brien wifi key", intent: 'password', org: 9, how: '@', subject: 'wifi' },
  { q: 'password for the VPN at societe generale quebec', intent: 'password', org: 4, how: 'at', subject: 'VPN', text: 'password VPN' },
  { q: '@acme dentl wifi password', intent: 'password', org: 2, how: '@' },
  { q: '@harbr health wifi', intent: 'password', org: 3, how: '@' },
  // configurations
  { q: "what's the firewall ip for acme dental", intent: 'configuration', org: 2, how: 'for', text: 'firewall ip', subject: 'firewall' },
  { q: 'specs of the file server at Harbor Health', intent: 'configuration', org: 3, how: 'at', subject: 'file server' },
  { q: 'serial of fw01.acme.local', intent: 'configuration', hostnames: ['fw01.acme.local'] },
  { q: 'what server runs the ERP for Keystone Logistics', intent: 'configuration', org: 19, how: 'for' },
  { q: 'mac address of the printer @evergreen', intent: 'configuration', org: 18, how: '@', subject: 'printer' },
  { q: 'what model is the switch in the Lighthouse Foundation', intent: 'configuration', org: 16, how: 'in' },
  { q: 'operating system of SRV-APP02', intent: 'configuration', hostnames: ['SRV-APP02'] },
  { q: 'list all servers at acme corp', intent: 'configuration', org: 1, how: 'at' },
  { q: 'nas at Blue Sky Networks', intent: 'configuration', org: 17, how: 'at' },
  { q: 'what firewalls does Pinnacle Financial have', intent: 'configuration', org: 20, how: 'name' },
  { q: 'ip of the Contoso gateway', intent: 'configuration', org: 15, how: 'name', text: 'ip gateway' },
  { q: '@adent firewall', intent: 'configuration', org: 2, how: '@' },
  { q: 'printer in the office', intent: 'configuration', subject: 'printer office' },
  { q: "what's the email server for acme corp", intent: 'configuration', org: 1, how: 'for' },
  // organizations
  { q: 'tell me about @acme', intent: 'organization', org: { ambiguous: [1, 2] }, text: '' },
  { q: '@harbor', intent: 'organization', org: 3, how: '@', text: '', subject: null },
  { q: 'overview of Northwind Traders', intent: 'organization', org: 14, how: 'name' },
  { q: '@contosso', intent: 'organization', org: 15, how: '@' },
  { q: '@fabrikam', intent: 'organization', org: { unknown: 'fabrikam' } },
  { q: 'tell me about Bright Dental Group', intent: 'organization', org: 13, how: 'name' },
  { q: '@acme corp', intent: 'organization', org: 1, how: '@' },
  { q: '@smith & jones', intent: 'organization', org: 8, how: '@' },
  { q: '@acmedental', intent: 'organization', org: 2, how: '@' },
  { q: '@acme-dental', intent: 'organization', org: 2, how: '@' },
  { q: '@acme dentl', intent: 'organization', org: 2, how: '@' },
  { q: '@MÜLLER', intent: 'organization', org: 12, how: '@' },
  { q: '@muller bau', intent: 'organization', org: 12, how: '@' },
  // dependencies
  { q: 'what depends on SRV-DC01', intent: 'dependencies', dir: 'down', subject: 'SRV-DC01' },
  { q: 'what does SRV-DC01 depend on', intent: 'dependencies', dir: 'up', subject: 'SRV-DC01' },
  { q: 'impact if the SAN goes down at harbor health', intent: 'dependencies', dir: 'down', org: 3, how: 'at', subject: 'SAN' },
  { q: 'what does the ERP need', intent: 'dependencies', dir: 'up', subject: 'ERP' },
  { q: 'upstream of the core switch @keystone', intent: 'dependencies', dir: 'up', org: 19, how: '@' },
  { q: 'what breaks if fw01.acme.local fails', intent: 'dependencies', dir: 'down', hostnames: ['fw01.acme.local'] },
  { q: 'which systems rely on the VPN', intent: 'dependencies', dir: 'down', subject: 'VPN' },
  { q: 'blast radius of the exchange server', intent: 'dependencies', dir: 'down', subject: 'exchange server' },
  { q: 'what is connected to switch SW-CORE-01', intent: 'dependencies', dir: null, hostnames: ['SW-CORE-01'] },
  { q: 'who uses the file share at Office Pros', intent: 'dependencies', dir: 'down', org: 7, how: 'at' },
  // documents
  { q: 'how do I restore backups at Harbor Health', intent: 'documents', org: 3, how: 'at', subject: 'backups', text: 'restore backups' },
  { q: 'onboarding procedure for Evergreen Pediatrics', intent: 'documents', org: 18, how: 'for' },
  { q: 'runbook for the VPN', intent: 'documents', subject: 'VPN' },
  { q: 'steps to reset the admin password @acme corp', intent: 'documents', org: 1, how: '@' },
  { q: 'how to add a printer', intent: 'documents' },
  { q: 'is there a document about the backup process at Keystone', intent: 'documents', org: 19, how: 'at' },
  { q: 'documentation for the firewall migration at Blue Sky Networks', intent: 'documents', org: 17, how: 'at' },
  // contacts
  { q: 'who is the CEO at Pinnacle Financial Partners', intent: 'contacts', org: 20, how: 'at', subject: 'CEO' },
  { q: 'phone number for the office manager at @bright dental', intent: 'contacts', org: 13, how: '@' },
  { q: 'who do I call for after-hours support at acme corp', intent: 'contacts', org: 1, how: 'at' },
  { q: 'email address of the owner of Smith & Jones Law', intent: 'contacts', org: 8, how: 'name' },
  { q: 'contacts at Home Depot', intent: 'contacts', org: 11, how: 'at' },
  { q: "who's on call this week", intent: 'contacts', days: 6 },
  { q: 'cell for Dr. Patel at Evergreen', intent: 'contacts', org: 18, how: 'at' },
  { q: 'who to call for the CEO', intent: 'contacts', subject: 'CEO' },
  // locations
  { q: 'address of the main office for Harbor Health', intent: 'locations', org: 3, how: 'for' },
  { q: 'where is the office', intent: 'locations', subject: 'office' },
  // a client alone after "where is" is asked for its address, not its overview
  { q: 'where is Keystone Logistics', intent: 'locations', org: 19, how: 'name' },
  { q: "where's @harbor", intent: 'locations', org: 3, how: '@' },
  { q: 'list all locations for @northwind', intent: 'locations', org: 14, how: '@' },
  { q: "what's the street address for Société Générale Québec", intent: 'locations', org: 4, how: 'for' },
  { q: 'sites for Blue Sky Networks', intent: 'locations', org: 17, how: 'for' },
  // expirations
  { q: 'which warranties expire in the next 30 days', intent: 'expirations', days: 30 },
  { q: 'domains expiring this month at acme corp', intent: 'expirations', days: 7, org: 1, how: 'at' },
  { q: 'ssl certificates expiring next week', intent: 'expirations', days: 13 },
  { q: 'what renewals are coming up', intent: 'expirations', days: 30 },
  { q: 'licenses expiring within 2 weeks for Contoso', intent: 'expirations', days: 14, org: 15, how: 'for' },
  { q: 'warranty status of SRV-DC01', intent: 'expirations', hostnames: ['SRV-DC01'] },
  { q: 'anything expiring in the next ninety days?', intent: 'expirations', days: 90 },
  { q: 'what expires next month', intent: 'expirations', days: 38 },
  { q: 'devices out of warranty at Summit', intent: 'expirations', org: 5, how: 'at' },
  // compliance
  { q: 'which orgs are missing backups', intent: 'compliance', subject: 'backups' },
  { q: 'configurations without a backup at Harbor Health', intent: 'compliance', org: 3, how: 'at' },
  { q: 'compliance report for Evergreen Pediatrics', intent: 'compliance', org: 18, how: 'for' },
  { q: "servers that don't have antivirus", intent: 'compliance' },
  { q: 'hipaa audit gaps @bright dental group', intent: 'compliance', org: 13, how: '@' },
  // infrastructure
  { q: 'document the infrastructure for summit', intent: 'infrastructure', org: 5, how: 'for' },
  { q: 'summary of the network at Keystone Logistics', intent: 'infrastructure', org: 19, how: 'at' },
  { q: 'network diagram for @blue sky', intent: 'infrastructure', org: 17, how: '@' },
  { q: 'infrastructure overview acme dental', intent: 'infrastructure', org: 2, how: 'name' },
  // plain searches, and words that must not become organizations
  { q: '', intent: 'search', text: '', subject: null },
  { q: '   ', intent: 'search', text: '' },
  { q: 'backups at night', intent: 'search', text: 'backups night' },
  { q: 'at home', intent: 'search' },
  { q: 'vpn', intent: 'search', subject: 'vpn' },
  { q: '@harbor health backup', intent: 'search', org: 3, how: '@', text: 'backup', subject: 'backup' },
  { q: '@acme backup', intent: 'search', org: { ambiguous: [1, 2] }, text: 'backup' },
  { q: '@acme dental backup', intent: 'search', org: 2, how: '@', text: 'backup' },
  { q: 'hours at Home', intent: 'search', org: { ambiguous: [10, 11] } },
  { q: "'; DROP TABLE records; --", intent: 'search', text: 'DROP TABLE records' },
  { q: '"SRV-DC01" AND NEAR(backup*)', intent: 'exact_lookup', hostnames: ['SRV-DC01'] },
  { q: '🔥🔥 printer jammed 🔥', intent: 'configuration', subject: 'printer jammed' },
  { q: 'מה הסיסמה של @harbor', intent: 'search', org: 3, how: '@' },
  { q: 'in the next 30 days', intent: 'expirations', days: 30 },
  { q: 'OBP wifi', intent: 'password' },
  { q: 'Summit wifi', intent: 'password', org: 5, how: 'name' },
  { q: 'ADENT wifi', intent: 'password', org: 2, how: 'name' },
];

function describeScope(q: Query): unknown {
  const s = q.scope;
  if (s.kind === 'org') return { org: s.org.id, how: s.how };
  if (s.kind === 'ambiguous') return { ambiguous: s.candidates.map((c) => c.id).sort((a, b) => a - b) };
  if (s.kind === 'unknown') return { unknown: s.said };
  return 'none';
}

describe('understand: a table of questions', () => {
  it('has a big enough table', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(80);
  });

  it.each(TABLE.map((row) => [row.q, row] as const))('%j', (_q, row) => {
    const got = ask(row.q);
    expect(got.intent, `intent; signals ${JSON.stringify(got.signals)}`).toBe(row.intent);
    const scope = row.org === undefined ? 'none' : typeof row.org === 'number' ? { org: row.org, how: row.how } : row.org;
    expect(describeScope(got)).toEqual(scope);
    if (row.text !== undefined) expect(got.text).toBe(row.text);
    if (row.ips) expect(got.exact.ips.map((i) => i.address)).toEqual(row.ips);
    if (row.cidrs) expect(got.exact.cidrs.map((c) => c.cidr)).toEqual(row.cidrs);
    if (row.macs) expect(got.exact.macs).toEqual(row.macs);
    if (row.hostnames) expect(got.exact.hostnames).toEqual(row.hostnames);
    if (row.serials) expect(got.exact.serials).toEqual(row.serials);
    if (row.days !== undefined) expect(got.withinDays).toBe(row.days);
    if (row.dir !== undefined) expect(got.direction).toBe(row.dir ?? undefined);
    if (row.subject !== undefined) expect(got.subject).toBe(row.subject ?? undefined);
  });
});

describe('understand: details', () => {
  it('ignores invisible characters: bidi controls, zero-width spaces, control codes', () => {
    const q = ask('\u202epassword\u202c for @har\u200bbor\u0000 SRV-DC01\u200f');
    expect(q.intent).toBe('password');
    expect(describeScope(q)).toEqual({ org: 3, how: '@' });
    expect(q.exact.hostnames).toEqual(['SRV-DC01']);
  });

  it('reads full-width digits as the address they look like', () => {
    expect(ask('who has １０.０.０.５').exact.ips.map((i) => i.address)).toEqual(['10.0.0.5']);
  });

  it('forgives typos in long names after @', () => {
    expect(describeScope(ask('@harbour helth printers'))).toEqual({ org: 3, how: '@' });
  });

  it('explains its intent with the cues that fired', () => {
    const q = ask('wifi password for acme dental');
    expect(q.signals).toContainEqual({ intent: 'password', cue: 'password', weight: 3, words: ['password'] });
  });

  it('keeps quoted phrases and hostnames whole, drops FTS and SQL syntax from keywords', () => {
    const q = ask('"SRV-DC01" AND NEAR(backup*) OR \'; DROP TABLE records; --');
    expect(q.phrases).toEqual(['SRV-DC01']);
    expect(q.keywords).toEqual(['srv-dc01', 'backup', 'drop', 'table', 'records']);
    expect(q.keywords.every((k) => /^[\p{L}\p{N}.-]+$/u.test(k))).toBe(true);
  });

  it('reports what was said after @ when no organization matches', () => {
    const q = ask('@helth printers');
    expect(q.scope.kind).toBe('unknown');
    expect(q.scope.kind === 'unknown' && q.scope.said).toBe('helth');
    expect(q.scope.kind === 'unknown' && q.scope.suggestions.map((o) => o.id)).toContain(3);
  });

  it('without organizations, @ is reported as unknown and nothing else binds', () => {
    expect(understand('@acme password', []).scope).toEqual({ kind: 'unknown', said: 'acme', suggestions: [] });
    expect(understand('password for Acme', []).scope).toEqual({ kind: 'none' });
  });

  it('reads calendar windows from the given date', () => {
    const endOfYear = understand('renewals due this year', ORGS, { now: new Date(2026, 11, 30, 9) });
    expect(endOfYear.withinDays).toBe(1);
    expect(understand('what expires today', ORGS, { now: NOW }).withinDays).toBe(0);
    expect(understand('what expires this quarter', ORGS, { now: NOW }).withinDays).toBe(38);
    expect(understand('certs expiring in the last 30 days', ORGS, { now: NOW }).withinDays).toBeUndefined();
  });

  it('cuts a 10 kB paste to a bounded question and still answers quickly', () => {
    const pasted = `password for @harbor health ${'lorem ipsum at for in of '.repeat(400)}`;
    const started = performance.now();
    const q = ask(pasted);
    expect(q.truncated).toBe(true);
    expect(q.raw).toBe(pasted);
    expect(q.scope).toMatchObject({ kind: 'org', how: '@' });
    expect(q.intent).toBe('password');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('survives a large tenant', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ id: i + 1, name: `Client ${i} Holdings ${String.fromCharCode(65 + (i % 26))}` }));
    const orgs = [...many, { id: 9001, name: 'Harbor Health' }];
    const q = understand(`wifi password for the clinic at Harbor Health ${'for the at in '.repeat(50)}`, orgs, { now: NOW });
    expect(q.scope).toMatchObject({ kind: 'org', org: { id: 9001 } });
  });
});

// every code point, lone surrogates included
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
const questionish = fc.string({
  unit: fc.oneof(
    anyCodePoint,
    fc.constantFrom('@', 'acme', 'harbor', 'for', 'at', 'in', ' ', '"', "'", '*', 'NEAR(', 'AND', 'OR', '10.0.0.', '/24', ':', '-', '.', '?', 'password', 'depends on', '\u202e', '\u200f', '👩‍💻'),
  ),
  maxLength: 60,
});

describe('understand: properties', () => {
  it('never throws, is deterministic, and only returns organizations from the list', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: anyCodePoint }), fc.string({ unit: 'grapheme' }), questionish), (s) => {
        const a = ask(s);
        expect(ask(s)).toEqual(a);
        expect(INTENTS).toContain(a.intent);
        const returned =
          a.scope.kind === 'org' ? [a.scope.org] : a.scope.kind === 'ambiguous' ? a.scope.candidates : a.scope.kind === 'unknown' ? a.scope.suggestions : [];
        for (const o of returned) expect(ORGS).toContain(o);
        expect(a.keywords.length).toBeLessThanOrEqual(24);
      }),
      { numRuns: 300 },
    );
  });

  it('handles 10 kB of arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(anyCodePoint, fc.constantFrom(' ', 'for ', '@acme ', 'at Harbor ')), minLength: 2000, maxLength: 10_000 }), (s) => {
        const q = ask(s);
        expect(q.text.length).toBeLessThanOrEqual(2000);
      }),
      { numRuns: 15 },
    );
  });
});
