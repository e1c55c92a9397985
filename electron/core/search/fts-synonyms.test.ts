import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTemp, type SeededStore } from '../testing/seed-demo';
import { buildFromTerms, keywordSearch } from './fts';
import { groupTerms, singular, variants } from './fts-synonyms';

describe('query-side variants', () => {
  it('stems plain plurals only, never short or -ss words', () => {
    expect(singular('servers')).toBe('server');
    expect(singular('switches')).toBe('switch');
    expect(singular('policies')).toBe('policy');
    expect(singular('access')).toBeNull();
    expect(singular('mars')).toBeNull();
    expect(singular('status')).toBeNull();
  });

  it('joins table phrases and expands spellings, synonyms and plurals', () => {
    expect(groupTerms(['office', '365', 'admin'])).toEqual(['office 365', 'admin']);
    const wifi = variants('wifi').map((v) => v.words.join(' '));
    expect(wifi).toEqual(expect.arrayContaining(['wifi', 'wi fi', 'wireless']));
    expect(variants('e-mail').map((v) => v.words.join(' '))).toContain('email');
    expect(variants('servers')).toContainEqual({ words: ['server'], prefix: true });
    expect(variants('aps').map((v) => v.words.join(' '))).toContain('access point');
    expect(buildFromTerms(['servers'])?.match).toMatch(/"server"\*/);
  });

  describe('against a store', () => {
    let s: SeededStore & { dir: string };
    beforeAll(() => {
      s = seedDemoTemp();
    });
    afterAll(() => s.close());
    const names = (terms: string[], type: 'passwords' | 'configurations'): string[] => {
      const ids = keywordSearch(s.store.db, terms, { types: [type], limit: 50 }).hits.map((h) => h.rowid);
      const name = s.store.db.prepare<[number], { name: string }>('SELECT name FROM records WHERE rowid = ?');
      return ids.map((id) => name.get(id)?.name ?? '');
    };

    it('finds "Wi-Fi" for wifi, "Microsoft 365" for m365/office 365, "Managed Server" for servers', () => {
      expect(names(['wifi'], 'passwords')).toContain('Wi-Fi (Staff)');
      expect(names(['m365'], 'passwords')).toContain('Microsoft 365 Global Admin');
      expect(names(['office', '365'], 'passwords')).toContain('Microsoft 365 Global Admin');
      expect(names(['servers'], 'configurations').length).toBeGreaterThan(0);
    });
  });
});
