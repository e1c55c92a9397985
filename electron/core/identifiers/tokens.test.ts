import { describe, expect, it } from 'vitest';
import { findQuotedPhrases, isHostnameLike, isSerialLike, tokenize } from './tokens';

describe('tokens', () => {
  it('strips quotes, brackets, sentence punctuation and possessives but keeps addresses whole', () => {
    const cores = tokenize('("SRV-DC01\'s" fw01.acme.local. 10.0.0.1, 2001:db8:: NEAR(x*) ip:').map((t) => t.core);
    expect(cores).toEqual(['SRV-DC01', 'fw01.acme.local', '10.0.0.1', '2001:db8::', 'NEAR(x', 'ip']);
  });

  it('marks where a clause ends, so a name cannot run across a comma', () => {
    expect(tokenize('@acme, dental?').map((t) => t.endsClause)).toEqual([true, true]);
  });
});

describe('hostname-like', () => {
  it.each(['SRV-DC01', 'fw01.acme.local', 'ACME-WS-023', 'DC01', 'ACME-FW', 'mail.contoso.com', 'srv_app02', 'xn--bcher-kva.example'])('%s is a hostname', (t) => {
    expect(isHostnameLike(t)).toBe(true);
  });

  it.each(['e.g', 'i.e', 'backup.ps1', 'notes.txt', 'wi-fi', 'follow-up', 'Win10', 'O365', '10.0.0.1', '00:1a:2b:3c:4d:5e', 'v1.2', 'a', 'bob@acme.com', 'after-hours', '5CD1234XYZ'])(
    '%s is not',
    (t) => {
      expect(isHostnameLike(t)).toBe(false);
    },
  );
});

describe('serial-like', () => {
  it.each(['5CD1234XYZ', 'C02XK0ABJGH5', 'Q2XX-ABCD-1234', 'FGT60FTK20012345', 'SRV-DC01'])('%s is a serial', (t) => {
    expect(isSerialLike(t)).toBe(true);
  });

  it.each(['123456', 'ABCDEF', 'AB12', 'office365', 'sha256', '00-1a-2b-3c-4d-5e', 'A--123456'])('%s is not', (t) => {
    expect(isSerialLike(t)).toBe(false);
  });
});

describe('quoted phrases', () => {
  it('finds straight, curly and backtick quotes, never apostrophes', () => {
    expect(findQuotedPhrases(`find "core switch" and “night shift” and 'guest wifi' and \`ipconfig /all\``).map((p) => p.phrase)).toEqual([
      'core switch',
      'night shift',
      'guest wifi',
      'ipconfig /all',
    ]);
    expect(findQuotedPhrases("what's Joe's laptop")).toEqual([]);
    expect(findQuotedPhrases('an "unclosed quote')).toEqual([]);
  });
});
