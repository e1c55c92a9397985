import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMac, normalizeMac, parseMac } from './mac';

describe('MAC addresses', () => {
  it.each([
    ['00:1A:2B:3C:4D:5E', false],
    ['00-1a-2b-3c-4d-5e', false],
    ['001a.2b3c.4d5e', false],
    ['0:1a:2b:3c:4d:5e', false],
    ['001A2B3C4D5E', true],
  ])('%s → 001a2b3c4d5e', (token, bare) => {
    expect(parseMac(token)).toEqual({ mac: '001a2b3c4d5e', bare });
  });

  it.each([
    '00:1a-2b:3c:4d:5e',
    '00:1a:2b:3c:4d',
    '00:1a:2b:3c:4d:5e:6f',
    '0-1a-2b-3c-4d-5e',
    'fe80::1a:2b:3c',
    '2001:db8:0:0:1:2',
    'fe80:0:0:0:0:1',
    '001a2b3c4d5',
    '001a2b3c4d5e6',
    '00:1g:2b:3c:4d:5e',
    'SRV-DC01',
  ])('rejects %j', (token) => {
    expect(parseMac(token)).toBeNull();
  });

  it('keeps an all-digit bare token as a possible MAC (the caller tries it as a serial too)', () => {
    expect(parseMac('001122334455')).toEqual({ mac: '001122334455', bare: true });
  });

  it('formats for display', () => {
    expect(formatMac('001a2b3c4d5e')).toBe('00:1a:2b:3c:4d:5e');
  });

  it('every notation of the same bytes normalises to the same 12 hex digits and back', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(255), { minLength: 6, maxLength: 6 }), fc.boolean(), (bytes, upper) => {
        const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
        const spellings = [hex.join(':'), hex.join('-'), `${hex[0]}${hex[1]}.${hex[2]}${hex[3]}.${hex[4]}${hex[5]}`, hex.join('')];
        const expected = hex.join('');
        for (const s of spellings) expect(parseMac(upper ? s.toUpperCase() : s)?.mac).toBe(expected);
        expect(parseMac(formatMac(expected))?.mac).toBe(expected);
      }),
    );
  });

  it('the store normaliser reads every MAC the question parser reads, to the same 12 hex digits', () => {
    const hexGroup = (width: 1 | 2 | 4) => fc.stringMatching(width === 4 ? /^[0-9a-fA-F]{4}$/ : width === 2 ? /^[0-9a-fA-F]{2}$/ : /^[0-9a-fA-F]{1,2}$/);
    const spelling = fc.oneof(
      fc.array(hexGroup(1), { minLength: 6, maxLength: 6 }).map((g) => g.join(':')),
      fc.array(hexGroup(2), { minLength: 6, maxLength: 6 }).map((g) => g.join('-')),
      fc.array(hexGroup(4), { minLength: 3, maxLength: 3 }).map((g) => g.join('.')),
      fc.stringMatching(/^[0-9a-fA-F]{12}$/),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(spelling, (s) => {
        const parsed = parseMac(s);
        if (parsed) expect(normalizeMac(s), s).toBe(parsed.mac);
      }),
      { numRuns: 2000 },
    );
    expect(normalizeMac('0:9:f:8c:42:10')).toBe(parseMac('0:9:f:8c:42:10')?.mac);
  });
});
