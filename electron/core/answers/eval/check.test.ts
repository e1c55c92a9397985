import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../itglue/fake/dataset';
import { sectionsAsDocuments, unknownReferences } from './check';
import { questionFileSchema } from './schema';

const r = (id: string, type: string, attributes: Record<string, unknown>) => ({ id, type, attributes });
const dataset: Dataset = {
  organizations: { data: [r('1', 'organizations', { name: 'Alpha' })] },
  configurations: { data: [r('10', 'configurations', { name: 'FW01', 'organization-id': 1 })] },
  contacts: { data: [r('20', 'contacts', { 'first-name': 'Ada', 'last-name': 'Lee', 'organization-id': 1 })] },
  documents: { data: [r('30', 'documents', { name: 'Runbook', 'organization-id': 1 })] },
  document_sections: { data: [r('31', 'document-sections', { 'document-id': 30, content: 'step' })] },
};

describe('unknownReferences', () => {
  it('names every expected source or org the dataset does not hold', () => {
    const file = questionFileSchema.parse({
      today: '2026-01-01',
      questions: [
        { id: 'ok', q: 'a', kind: 'k', expect: { sources: [{ type: 'configurations', name: 'FW01', org: 'Alpha' }, { type: 'contacts', name: 'Ada Lee' }], notOrgs: ['Alpha'] } },
        { id: 'typo', q: 'b', kind: 'k', expect: { sources: [{ type: 'configurations', name: 'FW1', org: 'Alpha' }], ambiguous: ['Alpha', 'Beta'] } },
      ],
    });
    expect(unknownReferences(dataset, file)).toEqual([
      'typo: no {"type":"configurations","name":"FW1","org":"Alpha"} in the dataset',
      'typo: no organization "Beta" in the dataset',
    ]);
  });
});

describe('sectionsAsDocuments', () => {
  it('cites a section as its document and leaves other records alone', () => {
    const cite = sectionsAsDocuments(dataset);
    expect(cite({ type: 'document-sections', id: '31', name: 'step', org: null })).toEqual({ type: 'documents', id: '31', name: 'Runbook', org: { id: 1, name: 'Alpha' } });
    const fw = { type: 'configurations' as const, id: '10', name: 'FW01', org: { id: 1, name: 'Alpha' } };
    expect(cite(fw)).toBe(fw);
  });
});
