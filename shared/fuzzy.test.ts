import { describe, expect, it } from 'vitest';
import { fuzzyFilter } from './fuzzy';

describe('fuzzy org filter', () => {
  const orgs = ['Académie Nord', 'Acme Dental', 'Northwind Traders', 'Contoso Ltd', 'ACME Holdings'];
  it('prefers word starts and prefixes, and drops non-matches', () => {
    expect(fuzzyFilter(orgs, 'acd', (o) => o)[0]).toBe('Acme Dental');
    expect(fuzzyFilter(orgs, 'north', (o) => o)[0]).toBe('Northwind Traders');
    expect(fuzzyFilter(orgs, 'zzz', (o) => o)).toEqual([]);
    expect(fuzzyFilter(orgs, '', (o) => o)).toEqual(orgs);
  });
});
