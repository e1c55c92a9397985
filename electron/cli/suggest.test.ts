import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest';

describe('did you mean', () => {
  it('counts a swapped pair as one edit', () => {
    expect(editDistance('aks', 'ask')).toBe(1);
    expect(editDistance('serach', 'search')).toBe(1);
  });
  it('suggests the nearest command or flag, and nothing for an unrelated word', () => {
    const commands = ['ask', 'search', 'status', 'sync', 'settings', 'password'];
    expect(closest('aks', commands)).toBe('ask');
    expect(closest('serach', commands)).toBe('search');
    expect(closest('porfile', ['profile', 'data-dir', 'help', 'json'])).toBe('profile');
    expect(closest('passwrod', commands)).toBe('password');
    expect(closest('xyzzy', commands)).toBeNull();
  });
});
