import { describe, expect, it } from 'vitest';
import { regionName, regionOf, resolveBaseUrl, validateBaseUrl } from './regions';

describe('regions', () => {
  it('maps the official regions to their base URLs and back', () => {
    expect(resolveBaseUrl('us')).toEqual({ ok: true, value: 'https://api.itglue.com' });
    expect(resolveBaseUrl('eu')).toEqual({ ok: true, value: 'https://api.eu.itglue.com' });
    expect(resolveBaseUrl('au')).toEqual({ ok: true, value: 'https://api.au.itglue.com' });
    expect(regionOf('https://api.eu.itglue.com/')).toBe('eu');
    expect(regionOf('http://127.0.0.1:4000')).toBe('custom');
    expect(regionName('au')).toContain('Australia');
  });

  it('accepts https anywhere and http only on this machine', () => {
    expect(validateBaseUrl('https://proxy.example.com/itglue/')).toEqual({ ok: true, value: 'https://proxy.example.com/itglue' });
    expect(validateBaseUrl('http://127.0.0.1:8080')).toEqual({ ok: true, value: 'http://127.0.0.1:8080' });
    expect(validateBaseUrl('http://localhost:8080').ok).toBe(true);
    for (const bad of ['http://api.itglue.com', 'ftp://x', 'not a url', 'https://user:pw@x.com', 'https://x.com/?k=1']) {
      const r = validateBaseUrl(bad);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
    }
    expect(resolveBaseUrl('custom').ok).toBe(false);
    expect(resolveBaseUrl('custom', 'https://itg.example.com')).toEqual({ ok: true, value: 'https://itg.example.com' });
  });
});
