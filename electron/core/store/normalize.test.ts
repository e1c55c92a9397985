import { describe, expect, it } from 'vitest';
import { searchAliases } from './normalize';

describe('search aliases', () => {
  it('adds joined hostnames, bare MACs and uppercased serials', () => {
    expect(searchAliases({ hostnames: ['SRV-DC01.corp.local', 'plain'], macs: ['00:1A:2B:3C:4D:5E'], serials: ['abc-12'] })).toEqual(['srvdc01', '001a2b3c4d5e', 'ABC-12']);
  });
});
