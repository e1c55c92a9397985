import { describe, expect, it } from 'vitest';
import { snippetBesides } from './format';

describe('snippetBesides', () => {
  it('drops leading repeats of the name, keeps the rest', () => {
    expect(snippetBesides('HFL-FW01', 'HFL-FW01 · HFL-FW01 · 192.168.1.1 · Firewall')).toBe('192.168.1.1 · Firewall');
    expect(snippetBesides('hfl-fw01', 'HFL-FW01 · 10.0.0.1')).toBe('10.0.0.1');
  });
  it('keeps a snippet that does not start with the name, and empties one that is only the name', () => {
    expect(snippetBesides('Acme', 'VPN to Acme · HQ')).toBe('VPN to Acme · HQ');
    expect(snippetBesides('Acme', 'Acme')).toBe('');
  });
});
