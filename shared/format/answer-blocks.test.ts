import { describe, expect, it } from 'vitest';
import { answerBlocks, tokens } from './answer-blocks';
import { displayMac } from './mac';

describe('answer blocks', () => {
  it('leads with the asked-for value, then the record as facts', () => {
    const blocks = answerBlocks(
      'wan1 IP: 198.51.100.101 — ACMD-FW01 (Acme Dental)\n\nACMD-FW01 (Acme Dental). Type: Firewall. Status: Active. Primary IP: 192.168.1.1. MAC: 00:09:0f:8c:42:10. Warranty until: 2027-02-24. Interfaces: internal 192.168.1.1; wan1 198.51.100.101.',
    );
    expect(blocks[0]).toEqual({ kind: 'lead', label: 'wan1 IP', value: '198.51.100.101', subject: 'ACMD-FW01 (Acme Dental)' });
    expect(blocks[1]).toMatchObject({ kind: 'facts', title: 'ACMD-FW01 (Acme Dental)' });
    const facts = blocks[1]?.kind === 'facts' ? blocks[1].facts : [];
    expect(facts.map((f) => f.label)).toEqual(['Type', 'Status', 'Primary IP', 'MAC', 'Warranty until', 'Interfaces']);
    expect(facts.at(-1)?.value).toBe('internal 192.168.1.1; wan1 198.51.100.101');
  });

  it('groups a list that spans organizations, with counts and dates, and keeps the text after it', () => {
    const blocks = answerBlocks(
      '4 items expire in the next 30 days:\n- 2026-01-24: warranty of CRV-PRN01 (Cedar Ridge Veterinary)\n- 2026-01-24: domain riversidefoundation.org (Riverside Schools Foundation)\n- 2026-01-26: warranty of CRV-AP01 (Cedar Ridge Veterinary)\n- 2026-02-01: warranty of ACME-FW01 (Acme Corp)\nThat is all.',
    );
    const list = blocks[0];
    expect(list?.kind).toBe('list');
    if (list?.kind !== 'list') return;
    expect(list.heading).toBe('4 items expire in the next 30 days:');
    expect(list.count).toBe(4);
    expect(list.groups.map((g) => [g.org, g.items.length])).toEqual([
      ['Acme Corp', 1],
      ['Cedar Ridge Veterinary', 2],
      ['Riverside Schools Foundation', 1],
    ]);
    expect(list.groups[1]?.items[0]).toEqual({ date: '2026-01-24', text: 'warranty of CRV-PRN01 (Cedar Ridge Veterinary)', org: 'Cedar Ridge Veterinary' });
    expect(blocks[1]).toEqual({ kind: 'text', text: 'That is all.' });
  });

  it('keeps a one-org list ungrouped, reading the org before a colon', () => {
    const blocks = answerBlocks('- Olivia Khan, Office Manager (Acme Dental): olivia.khan@acmedental.com, +1 555-0175\n- Tom Nguyen, IT Contact (Acme Dental): tom@acmedental.com');
    expect(blocks[0]).toMatchObject({ kind: 'list', groups: [{ org: null }] });
    if (blocks[0]?.kind === 'list') expect(blocks[0].groups[0]?.items[0]?.org).toBe('Acme Dental');
  });

  it('leaves text it does not know as text', () => {
    expect(answerBlocks('Which organization do you mean by "acme": Acme Corp, Acme Dental?')).toEqual([{ kind: 'text', text: 'Which organization do you mean by "acme": Acme Corp, Acme Dental?' }]);
  });
});

describe('tokens', () => {
  it('finds IPs, networks, MACs, e-mails, phones, links and dates', () => {
    const t = tokens('LAN 192.168.1.0/24 via 10.0.0.1, MAC 00-1A-2B-3C-4D-5E, mail a.b@x.org or call +1 555-0179 x178; https://admin.example.com/x. Due 2027-02-24, 12 devices.');
    expect(t.filter((x) => x.kind !== 'text')).toEqual([
      { kind: 'cidr', text: '192.168.1.0/24' },
      { kind: 'ip', text: '10.0.0.1' },
      { kind: 'mac', text: '00-1A-2B-3C-4D-5E' },
      { kind: 'email', text: 'a.b@x.org' },
      { kind: 'phone', text: '+1 555-0179 x178' },
      { kind: 'url', text: 'https://admin.example.com/x' },
      { kind: 'date', text: '2027-02-24' },
    ]);
    // Digits glued to a word ("wan1") or to an IP are not a phone number.
    expect(tokens('internal 192.168.1.1; wan1 198.51.100.101').filter((x) => x.kind !== 'text')).toEqual([
      { kind: 'ip', text: '192.168.1.1' },
      { kind: 'ip', text: '198.51.100.101' },
    ]);
    expect(t.map((x) => x.text).join('')).toBe('LAN 192.168.1.0/24 via 10.0.0.1, MAC 00-1A-2B-3C-4D-5E, mail a.b@x.org or call +1 555-0179 x178; https://admin.example.com/x. Due 2027-02-24, 12 devices.');
  });
});

describe('MAC display', () => {
  it('shows every notation as lowercase colon pairs', () => {
    expect(displayMac('00-1A-2B-3C-4D-5E')).toBe('00:1a:2b:3c:4d:5e');
    expect(displayMac('001a.2b3c.4d5e')).toBe('00:1a:2b:3c:4d:5e');
    expect(displayMac('0:1a:2b:3c:4d:5e')).toBe('00:1a:2b:3c:4d:5e');
    expect(displayMac('001a2b3c4d5e')).toBeNull();
    expect(displayMac('001a2b3c4d5e', { bare: true })).toBe('00:1a:2b:3c:4d:5e');
  });
});
