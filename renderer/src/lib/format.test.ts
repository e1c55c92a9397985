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

import { changeLine, changeLines } from './format';

describe('sync changes', () => {
  it('sums what a sync changed, and says so when it changed nothing', () => {
    expect(changeLine({})).toBe('no changes');
    expect(changeLine({ configurations: { added: 2, changed: 1, removed: 0 }, passwords: { added: 1, changed: 0, removed: 3 } })).toBe('3 added, 1 changed, 3 removed');
    expect(changeLines({ configurations: { added: 2, changed: 1, removed: 0 } })).toEqual(['Configurations: +2 ~1']);
  });
});
