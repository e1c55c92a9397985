// Wrong shapes to every method of the real API through the contract's dispatch: each answers
// INVALID_INPUT (or NOT_FOUND for names not in the contract), never a throw, never INTERNAL.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAINS, IPC_SCHEMAS, dispatch, methodNames, type GlueApi } from '../../../shared/ipc';
import { seedProfile, type SeededProfile } from './testing';

describe('IPC fuzz over the real GlueApi', () => {
  let p: SeededProfile;
  let api: GlueApi;
  beforeAll(async () => {
    p = await seedProfile();
    api = (await p.open()).api;
  });
  afterAll(() => p?.close());

  const calls = DOMAINS.flatMap((d) => methodNames(d).map((m) => [d, m] as const));

  it.each(calls)('%s.%s refuses wrong shapes with INVALID_INPUT', async (domain, method) => {
    const schema = (IPC_SCHEMAS[domain] as Record<string, { input: { safeParse(v: unknown): { success: boolean } } }>)[method]!.input;
    const fixed: unknown[] = [null, 42, 'x', [], { extra: 1 }, { id: '../../etc' }, { orgId: -1, type: 'nope' }, { question: '' }, { confirm: 'yes' }, { limit: 1e9 }];
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...fixed), fc.anything(), fc.dictionary(fc.constantFrom('id', 'orgId', 'type', 'query', 'full', 'limit', 'field', 'prefix', 'question', 'dryRun', 'confirm', 'apiKey', 'region'), fc.anything())), async (arg) => {
        // A valid argument would run the method for real (start a sync, wipe): only send invalid ones.
        const normalised = arg ?? {};
        fc.pre(!schema.safeParse(normalised).success);
        const r = await dispatch(api, domain, method, arg);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
      }),
      { numRuns: 60 },
    );
  });

  it('answers NOT_FOUND for names outside the contract', async () => {
    for (const [d, m] of [['vault', 'dump'], ['settings', '__proto__'], ['store', 'get']] as const) {
      const r = await dispatch(api, d, m, {});
      expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    }
  });

  it('keeps each domain a plain object of functions that hosts can spread', () => {
    for (const d of DOMAINS) {
      const domain = api[d] as unknown as Record<string, unknown>;
      expect(Object.getPrototypeOf(domain)).toBe(Object.prototype);
      const copy = { ...domain };
      for (const m of methodNames(d)) expect(typeof copy[m]).toBe('function');
    }
  });
});
