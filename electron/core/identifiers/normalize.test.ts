import { isIPv4 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hostnameKey, intToIpv4, ipv4Range, ipv4ToNumber, normalizeIpv6, normalizeMac } from './index';

describe('store keys of identifiers', () => {
  it('reads MACs in colon, dash, dot and bare notation', () => {
    for (const m of ['00:1A:2B:3C:4D:5E', '00-1a-2b-3c-4d-5e', '001a.2b3c.4d5e', '001A2B3C4D5E', '0:1a:2b:3c:4d:5e']) expect(normalizeMac(m)).toBe('001a2b3c4d5e');
    expect(normalizeMac('0:9:f:8c:42:10')).toBe('00090f8c4210');
    expect(normalizeMac('00:1A:2B')).toBeNull();
    expect(normalizeMac('zz:1a:2b:3c:4d:5e')).toBeNull();
  });

  it('maps IPv4 to integers and CIDRs to ranges', () => {
    expect(ipv4ToNumber('10.20.0.5')).toBe(169082885);
    expect(intToIpv4(169082885)).toBe('10.20.0.5');
    expect(ipv4ToNumber('255.255.255.255')).toBe(4294967295);
    expect(ipv4ToNumber('10.20.0')).toBeNull();
    expect(ipv4Range('10.20.3.4/16')).toEqual({ first: ipv4ToNumber('10.20.0.0'), last: ipv4ToNumber('10.20.255.255') });
    expect(ipv4Range('0.0.0.0/0')).toEqual({ first: 0, last: 4294967295 });
    expect(ipv4Range('10.0.0.1')).toEqual({ first: 167772161, last: 167772161 });
    expect(ipv4Range('10.0.0.0/33')).toBeNull();
    expect(ipv4Range('10.0.0.0/x')).toBeNull();
  });

  it('writes IPv6 in one canonical form', () => {
    expect(normalizeIpv6('2001:DB8::1')).toBe('2001:0db8:0000:0000:0000:0000:0000:0001');
    expect(normalizeIpv6('::1')).toBe(normalizeIpv6('0:0:0:0:0:0:0:1'));
    expect(normalizeIpv6('::ffff:10.0.0.1')).toBe('0000:0000:0000:0000:0000:ffff:0a00:0001');
    expect(normalizeIpv6('fe80::1%eth0')).toBe('fe80:0000:0000:0000:0000:0000:0000:0001');
    expect(normalizeIpv6('10.0.0.1')).toBeNull();
  });

  it('agrees with the regex definitions on odd input (the normalisers are hand-rolled for speed)', () => {
    const macByRegex = (m: string): string | null => {
      const hex = m.toLowerCase().replace(/[\s:.-]/g, '');
      if (/^[0-9a-f]{12}$/.test(hex)) return hex;
      // the macOS form drops leading zeros: six colon groups of one or two digits
      const t = m.trim().toLowerCase();
      return /^[0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5}$/.test(t) ? t.split(':').map((g) => g.padStart(2, '0')).join('') : null;
    };
    const hostByRegex = (h: string): string | null => h.trim().toLowerCase().replace(/[-_\s]/g, '') || null;
    const ipByNet = (ip: string): number | null => (isIPv4(ip.trim()) ? ip.trim().split('.').reduce((n, p) => n * 256 + Number(p), 0) : null);
    const alphabet = ['0', '1', '2', '5', '9', 'a', 'F', 'g', ':', '-', '_', '.', ' ', '\u00a0', '\u2003', '\t', '25', '255', '256', '01', '00'];
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 20_000; i++) {
      const s = Array.from({ length: 1 + next(16) }, () => alphabet[next(alphabet.length)]).join('');
      expect(normalizeMac(s), s).toBe(macByRegex(s));
      expect(ipv4ToNumber(s), s).toBe(ipByNet(s));
      expect(hostnameKey(s), s).toBe(hostByRegex(s));
    }
    for (const ip of ['0.0.0.0', ' 10.1.2.3 ', '1.2.3.4.', '.1.2.3', '1..2.3', '01.2.3.4', '1.2.3.04', '256.1.1.1', '1.2.3.4.5']) expect(ipv4ToNumber(ip), ip).toBe(ipByNet(ip));
    expect(normalizeMac('00:1a:2b:3c:4d:5e:6f')).toBeNull();
  });

  it('builds hostname keys', () => {
    expect(hostnameKey('SRV-DC01')).toBe('srvdc01');
  });
});
