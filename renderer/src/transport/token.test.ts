import { describe, expect, it } from 'vitest';
import { takeToken } from './token';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('web-host token', () => {
  it('takes the token from the fragment once, strips it from the address bar and survives reloads', () => {
    const storage = memory();
    const replaced: string[] = [];
    const history = { replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
    expect(takeToken({ hash: '#token=abc_DEF-123', pathname: '/', search: '' }, history, storage)).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/']);
    expect(takeToken({ hash: '', pathname: '/', search: '' }, history, storage)).toBe('abc_DEF-123');
    expect(takeToken({ hash: '', pathname: '/', search: '' }, history, memory())).toBeNull();
  });
});
