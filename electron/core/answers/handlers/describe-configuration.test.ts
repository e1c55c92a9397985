import { describe, expect, it } from 'vitest';
import { plainSnippet } from '../../search/search';
import { relatedNames } from './describe-configuration';

const rel = (type: string, id: string, name: string | null, direction: 'in' | 'out' = 'out') => ({ type, id, name, kind: 'related', notes: null, direction });

describe('related items in a configuration answer', () => {
  it('names each item once, even when the link is stored both ways or two records share type and name', () => {
    expect(relatedNames([rel('flexible-assets', '1', 'HQ network'), rel('flexible-assets', '1', 'HQ network', 'in'), rel('flexible-assets', '2', 'HQ network'), rel('configurations', '3', 'SW01')])).toEqual(['HQ network', 'SW01']);
  });
  it('says the type when different kinds of record share a name', () => {
    expect(relatedNames([rel('flexible-assets', '1', 'HQ'), rel('locations', '2', 'HQ')])).toEqual(['HQ (flexible asset)', 'HQ (location)']);
  });
});

describe('plain snippets', () => {
  it('say a field that repeats another once', () => {
    expect(plainSnippet('HFL-FW01\nHFL-FW01\n192.168.1.1')).toBe('HFL-FW01 · 192.168.1.1');
  });
});
