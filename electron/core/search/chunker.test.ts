import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkRecord } from './chunker';

describe('chunkRecord', () => {
  it('keeps a short record as one chunk that names its type, name and org', () => {
    const chunks = chunkRecord({ type: 'configurations', name: 'fw01', body: 'FortiGate 60F, port 443 open', orgName: 'Acme' });
    expect(chunks).toEqual([{ seq: 0, text: 'Configuration: fw01 (Acme)\nFortiGate 60F, port 443 open' }]);
  });

  it('gives a record with no body one chunk with its name', () => {
    expect(chunkRecord({ type: 'organizations', name: 'Acme', body: '  ' })).toEqual([{ seq: 0, text: 'Organization: Acme' }]);
  });

  it('splits long text at sentence ends, with overlap, every chunk carrying the prefix', () => {
    const body = Array.from({ length: 60 }, (_, i) => `Step ${i}: restart service number ${i} and check the log.`).join(' ');
    const chunks = chunkRecord({ type: 'documents', name: 'Runbook', body, orgName: 'Acme' }, { maxChars: 400, overlap: 80 });
    expect(chunks.length).toBeGreaterThan(5);
    chunks.forEach((c, i) => {
      expect(c.seq).toBe(i);
      expect(c.text.startsWith('Document: Runbook (Acme)\n')).toBe(true);
      expect(c.text.length).toBeLessThanOrEqual('Document: Runbook (Acme)\n'.length + 400);
    });
    // Every sentence appears whole in at least one chunk.
    for (let i = 0; i < 60; i++) expect(chunks.some((c) => c.text.includes(`Step ${i}: restart service number ${i} and check the log.`))).toBe(true);
  });

  it('covers every word of any body, in bounded chunks (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,30}$/), { maxLength: 400 }), fc.integer({ min: 100, max: 600 }), (words, maxChars) => {
        const chunks = chunkRecord({ type: 'documents', name: 'n', body: words.join(' ') }, { maxChars });
        const seen = new Set(chunks.flatMap((c) => c.text.split('\n').slice(1).join(' ').split(' ')));
        for (const w of words) expect(seen.has(w)).toBe(true);
        for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual('Document: n\n'.length + maxChars);
      }),
      { numRuns: 200 },
    );
  });
});
