// The blind evaluation: a third hand-written tenant (resources/eval/blind, another MSP) whose data
// and questions were written without reading the engine or the other question files, so its figures
// say how the engine does on a tenant nobody tuned against. Only the shared checks and hard rules
// of a graded set, and NO pass-rate floor on purpose: a floor would invite tuning against it.
import { describe, expect, it } from 'vitest';
import { gradedSetSuite } from './graded-set-suite';
import { BLIND_DIR, blindSet } from './sets';

describe('blind evaluation', () => {
  const suite = gradedSetSuite({ load: () => blindSet(), dir: BLIND_DIR, servedOrg: 'Copperkettle Brewing Company', minQuestions: 110, timeoutMs: 180_000 });

  it('holds vendors and an inactive client', () => {
    const attr = (key: string) => (suite.set.dataset.organizations?.data ?? []).map((o) => (o.attributes as Record<string, unknown>)[key]);
    expect(attr('organization-type-name').filter((t) => t === 'Vendor')).toHaveLength(2);
    expect(attr('organization-status-name')).toContain('Inactive');
  });
});
