import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, intToIpv4, ipFromToken, ipv6ToBigInt, parseCidr, parseIp, parseIpv4, parseIpv6 } from './ip';

// every code point, lone surrogates included (fast-check's 'binary' unit is slow to start)
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));

describe('IPv4', () => {
  it.each([
    ['10.0.0.5', 167772165],
    ['0.0.0.0', 0],
    ['255.255.255.255', 4294967295],
    ['192.168.1.10', 3232235786],
  ])('reads %s', (text, int) => {
    expect(parseIpv4(text)).toEqual({ version: 4, address: text, int });
  });

  it.each(['256.1.1.1', '1.2.3', '1.2.3.4.5', '010.1.1.1', '192.168.001.010', '1.2.3.-4', '1..2.3', '', '1.2.3.4 ', '+1.2.3.4', '1.2.3.0x1', '１.２.３.４'])(
    'rejects %j (leading zeros are ambiguous: octal to inet_aton, so not read at all)',
    (text) => {
      expect(parseIpv4(text)).toBeNull();
    },
  );
});

describe('IPv6', () => {
  it.each([
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::ffff:10.0.0.5', '::ffff:10.0.0.5'],
    ['::FFFF:0a00:0005', '::ffff:10.0.0.5'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['1::', '1::'],
  ])('normalises %s → %s', (text, canonical) => {
    expect(parseIpv6(text)?.address).toBe(canonical);
  });

  it('expands to a fixed width', () => {
    expect(parseIpv6('2001:db8::1')?.expanded).toBe('2001:0db8:0000:0000:0000:0000:0000:0001');
  });

  it.each(['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', ':::', '12345::1', 'g::1', '1:2:3:4:5:6:7:8::', '::1.2.3', 'aa:bb:cc:dd:ee:ff', '12:30', ':1:2:3:4:5:6:7'])(
    'rejects %j',
    (text) => {
      expect(parseIpv6(text)).toBeNull();
    },
  );
});

describe('CIDR', () => {
  it('gives an IPv4 block as an integer range', () => {
    expect(parseCidr('10.20.0.0/24')).toEqual({
      version: 4,
      cidr: '10.20.0.0/24',
      network: '10.20.0.0',
      prefix: 24,
      start: parseIpv4('10.20.0.0')?.int,
      end: parseIpv4('10.20.0.255')?.int,
    });
  });

  it('masks host bits the way ip route does', () => {
    expect(parseCidr('10.20.0.77/16')?.cidr).toBe('10.20.0.0/16');
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ start: 0, end: 4294967295 });
    expect(parseCidr('10.1.2.3/32')).toMatchObject({ start: 167838211, end: 167838211 });
  });

  it('gives an IPv6 block as expanded first and last addresses', () => {
    expect(parseCidr('2001:DB8::/32')).toEqual({
      version: 6,
      cidr: '2001:db8::/32',
      network: '2001:db8::',
      prefix: 32,
      first: '2001:0db8:0000:0000:0000:0000:0000:0000',
      last: '2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff',
    });
  });

  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/024', '10.0.0.0/-1', '2001:db8::/129', '256.0.0.0/8', '10.0.0/8', '/24'])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeNull();
  });

  it('contains addresses inside and not outside', () => {
    const block = parseCidr('10.20.0.0/24');
    const inside = parseIp('10.20.0.200');
    const outside = parseIp('10.20.1.0');
    expect(block && inside && cidrContains(block, inside)).toBe(true);
    expect(block && outside && cidrContains(block, outside)).toBe(false);
    const v6 = parseCidr('fd00::/8');
    const ula = parseIp('fd12:3456::1');
    expect(v6 && ula && cidrContains(v6, ula)).toBe(true);
    expect(v6 && inside && cidrContains(v6, inside)).toBe(false);
  });
});

describe('tokens as pasted', () => {
  it.each([
    ['10.0.0.5:3389', '10.0.0.5'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[fe80::1]', 'fe80::1'],
  ])('%s → %s', (token, address) => {
    expect(ipFromToken(token)?.address).toBe(address);
  });
});

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
const v6Groups = fc.array(fc.oneof(fc.constant(0), fc.nat(0xffff)), { minLength: 8, maxLength: 8 });

describe('properties', () => {
  it('IPv4 text round-trips through its integer', () => {
    fc.assert(
      fc.property(v4, (octets) => {
        const text = octets.join('.');
        const ip = parseIpv4(text);
        expect(ip?.address).toBe(text);
        expect(ip && intToIpv4(ip.int)).toBe(text);
      }),
    );
  });

  it('IPv6 in any spelling normalises to one canonical form that parses to itself', () => {
    fc.assert(
      fc.property(v6Groups, fc.boolean(), fc.boolean(), (groups, pad, upper) => {
        let text = groups.map((g) => (pad ? g.toString(16).padStart(4, '0') : g.toString(16))).join(':');
        if (upper) text = text.toUpperCase();
        const ip = parseIpv6(text);
        expect(ip).not.toBeNull();
        const again = ip && parseIpv6(ip.address);
        expect(again?.address).toBe(ip?.address);
        expect(again?.expanded).toBe(ip?.expanded);
        expect(ip && ipv6ToBigInt(ip)).toBe(BigInt(`0x${groups.map((g) => g.toString(16).padStart(4, '0')).join('')}`));
      }),
    );
  });

  it('a CIDR block contains its own network and broadcast addresses, and nothing just outside', () => {
    fc.assert(
      fc.property(v4, fc.integer({ min: 0, max: 32 }), (octets, prefix) => {
        const block = parseCidr(`${octets.join('.')}/${prefix}`);
        if (!block || block.version !== 4) throw new Error('valid CIDR not read');
        const first = parseIpv4(intToIpv4(block.start));
        const last = parseIpv4(intToIpv4(block.end));
        expect(first && cidrContains(block, first)).toBe(true);
        expect(last && cidrContains(block, last)).toBe(true);
        expect(block.end - block.start + 1).toBe(2 ** (32 - prefix));
        const given = parseIpv4(octets.join('.'));
        expect(given && cidrContains(block, given)).toBe(true);
        if (block.start > 0) {
          const before = parseIpv4(intToIpv4(block.start - 1));
          expect(before && cidrContains(block, before)).toBe(false);
        }
      }),
    );
  });

  it('an IPv6 block contains its first and last addresses', () => {
    fc.assert(
      fc.property(v6Groups, fc.integer({ min: 0, max: 128 }), (groups, prefix) => {
        const block = parseCidr(`${groups.map((g) => g.toString(16)).join(':')}/${prefix}`);
        if (!block || block.version !== 6) throw new Error('valid CIDR not read');
        const first = parseIpv6(block.first);
        const last = parseIpv6(block.last);
        expect(first && cidrContains(block, first)).toBe(true);
        expect(last && cidrContains(block, last)).toBe(true);
        expect(first?.address).toBe(block.network);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint, maxLength: 60 }), (s) => {
        parseIp(s);
        parseCidr(s);
        ipFromToken(s);
      }),
    );
  });
});
