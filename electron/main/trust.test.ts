import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isTrustedSenderUrl } from './trust';

describe('trust rules', () => {
  it('trusts only our renderer file or the dev server', () => {
    const origin = { indexFile: '/app/out/renderer/index.html', devUrl: null };
    expect(isTrustedSenderUrl('file:///app/out/renderer/index.html', origin)).toBe(true);
    expect(isTrustedSenderUrl('file:///app/out/renderer/other.html', origin)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', origin)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', { ...origin, devUrl: 'http://localhost:5173' })).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', { ...origin, devUrl: 'http://localhost:5173' })).toBe(false);
    expect(isTrustedSenderUrl('not a url', origin)).toBe(false);
  });

  it('opens only https IT Glue links externally', () => {
    expect(isAllowedExternalUrl('https://acme.itglue.com/123/configurations/455')).toBe(true);
    expect(isAllowedExternalUrl('https://itglue.com/')).toBe(true);
    expect(isAllowedExternalUrl('http://acme.itglue.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://itglue.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@acme.itglue.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });
});
