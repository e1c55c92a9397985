import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchOrg, MIN_SCORE, orgsNamedExactly, orgsStartingWith, rankOrgs, type OrgCandidate } from './org-match';
import { boundedDistance } from './org-match-distance';
import { normaliseName } from '../identifiers/org-name-normalise';

// every code point, lone surrogates included (fast-check's 'binary' unit is slow to start)
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));

const ORGS: OrgCandidate[] = [
  { id: 1, name: 'Acme Corp' },
  { id: 2, name: 'Acme Dental, LLC', shortName: 'ADENT' },
  { id: 3, name: 'Harbor Health' },
  { id: 4, name: 'Société Générale Québec Inc.' },
  { id: 5, name: 'Summit' },
  { id: 6, name: 'Smith & Jones Law' },
  { id: 7, name: "O'Brien Plumbing", shortName: 'OBP' },
  { id: 8, name: 'The Lighthouse Foundation' },
  { id: 9, name: 'Müller Bau GmbH' },
  { id: 10, name: 'Home Instead' },
  { id: 11, name: 'Home Depot' },
  { id: 12, name: 'J & J Snack Foods' },
];

const ids = (list: OrgCandidate[]): number[] => list.map((o) => o.id).sort((a, b) => a - b);

function matched(said: string): number | string {
  const m = matchOrg(said, ORGS);
  if (m.kind === 'match') return m.org.id;
  if (m.kind === 'ambiguous') return `ambiguous ${ids(m.candidates).join(',')}`;
  return 'none';
}

describe('normalising names', () => {
  it.each([
    ['Société Générale Québec Inc.', 'societegeneralequebec'],
    ['Smith & Jones Law', 'smithjoneslaw'],
    ['Smith and Jones Law', 'smithjoneslaw'],
    ["O'Brien Plumbing", 'obrienplumbing'],
    ['O’Brien Plumbing', 'obrienplumbing'],
    ['The Lighthouse Foundation', 'lighthousefoundation'],
    ['Müller Bau GmbH', 'mullerbau'],
    ['Straße Holdings Ltd.', 'strasseholdings'],
    ['ACME L.L.C.', 'acme'],
    ['J & J Snack Foods', 'jjsnackfoods'],
    ['Acme Corp', 'acmecorp'],
    ['Inc', 'inc'],
  ])('%s → %s', (name, compact) => {
    expect(normaliseName(name).compact).toBe(compact);
  });
});

describe('matchOrg', () => {
  it.each([
    ['acme dental', 2],
    ['Acme Dental LLC', 2],
    ['acmedental', 2],
    ['acme-dental', 2],
    ['acme dentl', 2],
    ['ACME DENTAL', 2],
    ['adent', 2],
    ['dental acme', 2],
    ['acme corp', 1],
    ['acme crop', 1],
    ['harbor health', 3],
    ['harbor', 3],
    ['harbr health', 3],
    ['societe generale', 4],
    ['Société Générale Québec', 4],
    ['summit', 5],
    ['smith and jones', 6],
    ['smith & jones law', 6],
    ["o'brien", 7],
    ['obrien plumbing', 7],
    ['OBP', 7],
    ['lighthouse foundation', 8],
    ['the lighthouse', 8],
    ['muller', 9],
    ['Müller Bau', 9],
    ['home depot', 11],
    ['j&j', 12],
  ])('%s → org %s', (said, id) => {
    expect(matched(said)).toBe(id);
  });

  it('asks instead of guessing between confusable names', () => {
    expect(matched('acme')).toBe('ambiguous 1,2');
    expect(matched('@acme'.slice(1))).toBe('ambiguous 1,2');
    expect(matched('home')).toBe('ambiguous 10,11');
  });

  it('finds nothing for unrelated words and suggests close names', () => {
    expect(matchOrg('fabrikam', ORGS)).toEqual({ kind: 'none', suggestions: [] });
    expect(matched('backup')).toBe('none');
    expect(matched('')).toBe('none');
    const near = matchOrg('harbour helth clinic', ORGS);
    expect(near.kind).toBe('none');
    expect(near.kind === 'none' && near.suggestions.map((o) => o.id)).toContain(3);
  });

  it('does not treat a question word run as a longer name', () => {
    expect(matched('harbor health backup')).toBe('none');
    expect(matched('acme backup')).toBe('none');
  });

  it('picks one of two organizations with the same name as ambiguous, not the first', () => {
    const twins = [
      { id: 1, name: 'Acme Inc' },
      { id: 2, name: 'ACME, LLC' },
    ];
    const m = matchOrg('acme', twins);
    expect(m.kind === 'ambiguous' && ids(m.candidates)).toEqual([1, 2]);
  });

  it('returns the very objects it was given', () => {
    const m = matchOrg('harbor health', ORGS);
    expect(m.kind === 'match' && m.org).toBe(ORGS[2]);
  });
});

describe('matchOrg reads only the orgs its index can match', () => {
  // rankOrgs still scores every org; matchOrg must find exactly the orgs that clear MIN_SCORE
  // there, whatever was typed: every name and short name with each letter dropped, swapped with
  // the next, replaced, or cut after it (typed so far).
  it('finds every org the full scan finds, and picks the same one (exhaustive over edits)', () => {
    const names = [...ORGS.flatMap((o) => [o.name, o.shortName ?? o.name]), 'Lighthouse', 'st jones', 'obrien', 'acme dentl'];
    for (const name of names) {
      for (let i = 0; i < name.length; i++) {
        const edits = [name.slice(0, i) + name.slice(i + 1), name.slice(0, i) + name.slice(i + 1, i + 2) + name.slice(i, i + 1) + name.slice(i + 2), name.slice(0, i + 1)];
        for (const ch of ['x', 'é', '😀', ' ']) edits.push(name.slice(0, i) + ch + name.slice(i + 1));
        for (const said of edits) {
          const full = rankOrgs(said, ORGS, 1000).filter((h) => h.score >= MIN_SCORE);
          const m = matchOrg(said, ORGS, { suggest: false });
          expect(m.kind === 'none', said).toBe(full.length === 0);
          if (m.kind === 'match') expect(m.org.id, said).toBe(full[0]?.org.id);
          if (m.kind === 'ambiguous') for (const c of m.candidates) expect(full.map((h) => h.org.id), said).toContain(c.id);
        }
      }
    }
  });
});

describe('whole-name helpers', () => {
  it('finds exact names and short names', () => {
    expect(ids(orgsNamedExactly('Acme Dental', ORGS))).toEqual([2]);
    expect(ids(orgsNamedExactly('adent', ORGS))).toEqual([2]);
    expect(orgsNamedExactly('acme', ORGS)).toEqual([]);
  });

  it('finds names beginning with whole words only', () => {
    expect(ids(orgsStartingWith('acme', ORGS))).toEqual([1, 2]);
    expect(ids(orgsStartingWith('home depot', ORGS))).toEqual([11]);
    expect(orgsStartingWith('acm', ORGS)).toEqual([]);
  });
});

describe('rankOrgs (autocomplete)', () => {
  it('lists everything by name for an empty prefix', () => {
    const all = rankOrgs('', ORGS, 100);
    expect(all).toHaveLength(ORGS.length);
    expect(all[0]?.org.name).toBe('Acme Corp');
  });

  it('ranks prefixes first, then words inside names', () => {
    expect(rankOrgs('acme d', ORGS, 3)[0]?.org.id).toBe(2);
    expect(rankOrgs('har', ORGS, 3)[0]?.org.id).toBe(3);
    const dent = rankOrgs('dent', ORGS, 5).map((r) => r.org.id);
    expect(dent[0]).toBe(2);
    expect(rankOrgs('quebec', ORGS, 3)[0]?.org.id).toBe(4);
    expect(rankOrgs('epot', ORGS, 3).map((r) => [r.org.id, r.how])).toEqual([[11, 'contains']]);
  });

  it('respects the limit and never invents organizations', () => {
    expect(rankOrgs('a', ORGS, 2)).toHaveLength(2);
    expect(rankOrgs('a', ORGS, 0)).toEqual([]);
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.integer({ min: -5, max: 50 }), (prefix, limit) => {
        const ranked = rankOrgs(prefix, ORGS, limit);
        expect(ranked.length).toBeLessThanOrEqual(Math.max(0, limit));
        for (const r of ranked) expect(ORGS).toContain(r.org);
      }),
    );
  });
});

describe('properties', () => {
  it('never throws and only returns given organizations', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint, maxLength: 80 }), (said) => {
        const m = matchOrg(said, ORGS);
        const found = m.kind === 'match' ? [m.org] : m.kind === 'ambiguous' ? m.candidates : m.suggestions;
        for (const o of found) expect(ORGS).toContain(o);
        expect(matchOrg(said, ORGS)).toEqual(m);
      }),
    );
  });

  it('every organization is found by its own name, and by its name in other spellings', () => {
    // legal suffixes and "the"/"and" are dropped by design, so they cannot be a whole name
    const dropped = new Set(['the', 'and', 'inc', 'llc', 'ltd', 'gmbh', 'plc', 'llp', 'pty', 'sas', 'sarl', 'srl', 'spa', 'aps', 'mbh']);
    const word = fc.stringMatching(/^[A-Z][a-z]{2,9}$/).filter((w) => !dropped.has(w.toLowerCase()));
    const names = fc.array(word, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.uniqueArray(names, { minLength: 1, maxLength: 6, selector: (n) => n.join(' ').toLowerCase() }), (nameLists) => {
        const orgs = nameLists.map((words, i) => ({ id: i + 1, name: `${words.join(' ')} Inc.` }));
        orgs.forEach((org, i) => {
          const words = nameLists[i] ?? [];
          for (const said of [words.join(' '), words.join('-').toUpperCase(), words.join('').toLowerCase()]) {
            const m = matchOrg(said, orgs);
            // identical normalised names are the only excuse not to find it
            if (m.kind === 'ambiguous') expect(m.candidates).toContain(org);
            else expect(m.kind === 'match' && m.org).toBe(org);
          }
        });
      }),
    );
  });

  it('bounded distance agrees with the plain definition on small words', () => {
    // optimal string alignment written out in full, with no band and no early stop
    const plain = (a: string, b: string): number => {
      const s = Array.from(a);
      const t = Array.from(b);
      const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
          const row = d[i] as number[];
          const up = d[i - 1] as number[];
          row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (s[i - 1] === t[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
        }
      }
      return (d[s.length] as number[])[t.length] as number;
    };
    fc.assert(
      // three letters (and one outside the BMP), so repeats and swapped neighbours are common
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '😀'), maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', '😀'), maxLength: 12 }), fc.nat(4), (a, b, max) => {
        const d = plain(a, b);
        expect(plain(b, a)).toBe(d);
        expect(boundedDistance(a, b, max)).toBe(Math.min(d, max + 1));
      }),
      { numRuns: 2000 },
    );
    expect(plain('acmedentl', 'acmedental')).toBe(1);
    expect(plain('crop', 'corp')).toBe(1);
  });
});

describe('abbreviations in names', () => {
  const LIST: OrgCandidate[] = [
    { id: 1, name: 'Maple Street Bakery' },
    { id: 2, name: 'Fifth Avenue Dental' },
    { id: 3, name: 'Acme Company' },
    { id: 4, name: 'Acme Corp' },
    { id: 5, name: 'Globex International' },
    { id: 6, name: 'St. Mary Hospital' },
    { id: 7, name: 'County Dept of Roads' },
    { id: 8, name: 'Acme Tech' },
    { id: 9, name: 'Acme Technologies' },
  ];
  const m = (said: string): number | string => {
    const r = matchOrg(said, LIST);
    return r.kind === 'match' ? r.org.id : r.kind === 'ambiguous' ? `ambiguous ${ids(r.candidates).join(',')}` : 'none';
  };

  it.each([
    ['maple st bakery', 1],
    ['Maple St. Bakery', 1],
    ['fifth ave dental', 2],
    ['acme co', 3],
    ['Acme Co.', 3],
    ['acme corporation', 4],
    ['globex intl', 5],
    ['saint mary hospital', 6],
    ['st mary hosp', 6],
    ['county department of roads', 7],
    // written as the name is, the full form wins over the abbreviation
    ['acme tech', 8],
    ['acme technologies', 9],
  ])('%s → %s', (said, id) => {
    expect(m(said)).toBe(id);
  });

  it('keeps prefixes of the full word working while typing', () => {
    expect(m('maple stre')).toBe(1);
    expect(rankOrgs('maple stree', LIST)[0]?.org.id).toBe(1);
    expect(rankOrgs('fifth av', LIST)[0]?.org.id).toBe(2);
  });

  it('finds whole names and name starts through abbreviations', () => {
    expect(ids(orgsNamedExactly('maple st bakery', LIST))).toEqual([1]);
    expect(ids(orgsNamedExactly('Maple Street Bakery', LIST))).toEqual([1]);
    expect(ids(orgsNamedExactly('acme co', LIST))).toEqual([3]);
    expect(ids(orgsStartingWith('maple st', LIST))).toEqual([1]);
    expect(ids(orgsStartingWith('globex intl', LIST))).toEqual([5]);
    expect(orgsNamedExactly('maple st', LIST)).toEqual([]);
  });
});
