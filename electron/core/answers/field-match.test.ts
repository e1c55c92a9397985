import { describe, expect, it } from 'vitest';
import { matchLabel, pickFields, questionWords } from './field-match';

const fields = (...labels: string[]) => labels.map((label, i) => ({ label, value: `v${i}` }));

describe('which field a question asks for', () => {
  it('finds a label by its words, or by words that mean the same in IT documentation', () => {
    expect(pickFields(questionWords(['spam', 'filter']), fields('Spam Filter', 'Inbound Delivery', 'Notes')).map((p) => p.field.label)).toEqual(['Spam Filter']);
    expect(pickFields(questionWords(['public', 'ip']), fields('Primary IP', 'wan1 IP', 'Location')).map((p) => p.field.label)).toEqual(['wan1 IP']);
    expect(pickFields(questionWords(['os']), fields('Operating system', 'Model')).map((p) => p.field.label)).toEqual(['Operating system']);
    expect(pickFields(questionWords(['renewal']), fields('Expires on', 'Registrar')).map((p) => p.field.label)).toEqual(['Expires on']);
  });

  it('lists every field that answers equally, each value once', () => {
    const picked = pickFields(questionWords(['wan', 'ip']), [
      { label: 'wan1 IP', value: '203.0.113.7' },
      { label: 'wan2 IP', value: '198.51.100.9' },
      { label: 'WAN IP', value: '203.0.113.7' },
    ]);
    expect(picked.map((p) => p.field.value).sort()).toEqual(['198.51.100.9', '203.0.113.7']);
  });

  it('never picks a field on weak words alone, nor on the record\'s own kind', () => {
    expect(matchLabel(questionWords(['notes', 'name']), 'Notes')).toBeNull();
    expect(pickFields(questionWords(['firewall', 'password']), fields('Password category'), new Set(['password']))).toEqual([]);
    expect(pickFields(questionWords(['firewall']), fields('Configuration type', 'Serial number'))).toEqual([]);
  });
});
