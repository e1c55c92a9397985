import { afterEach, describe, expect, it } from 'vitest';
import { createItGlueClient, type ItGlueClientOptions } from './client';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from './fake/server';
import { FAULT_KINDS } from './fake/faults';

// The same client against the other engineer's fake IT Glue: faults and limits as it serves them.
const open: FakeItGlue[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

async function fake(opts: Parameters<typeof startFakeItGlue>[0]): Promise<FakeItGlue> {
  const f = await startFakeItGlue(opts);
  open.push(f);
  return f;
}

async function listAll(f: FakeItGlue, path: string, pages: number, extra: Partial<ItGlueClientOptions>) {
  const count = f.dataset[path === '/configurations' ? 'configurations' : 'contacts']?.data.length ?? 0;
  const pageSize = Math.ceil(count / pages);
  const c = createItGlueClient({ baseUrl: f.url, apiKey: DEMO_API_KEY, backoffBaseMs: 5, ...extra });
  const ids: string[] = [];
  for await (const p of c.list(path, {}, { pageSize })) ids.push(...p.data.map((r) => r.id));
  return { ids, count, client: c };
}

describe('client against the fake IT Glue', () => {
  it('survives every fault kind the fake can inject and returns each record exactly once', async () => {
    const spec = FAULT_KINDS.map((k) => (k === 'slow' ? 'slow:0.06:800' : `${k}:0.06`)).join(',');
    // Without Retry-After so the fake's 1 s 429 pauses do not dominate the test's run time.
    const f = await fake({ rateLimit: 1e9, faults: spec, seed: 7, retryAfter: false });
    const { ids, count } = await listAll(f, '/configurations', 80, { timeoutMs: 400, retries: 10 });
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    const drawn = f.stats().faults;
    for (const k of FAULT_KINDS) expect(drawn[k] ?? 0, `fault ${k} was never injected`).toBeGreaterThan(0);
  });

  for (const retryAfter of [true, false]) {
    it(`paces under the key's limit so a correct server never answers 429 (429 storm, Retry-After ${retryAfter ? 'sent' : 'absent'})`, async () => {
      const f = await fake({ rateLimit: 10, windowS: 0.5, retryAfter, faults: '429:0.2', seed: 2 });
      // The fake asks for 1 s after each injected 429, so keep the page count small when it does.
      const { ids, count } = await listAll(f, '/contacts', retryAfter ? 6 : 25, { budget: { requests: 10, windowMs: 500 } });
      expect(new Set(ids).size).toBe(count);
      expect(f.stats().rateLimited).toBe(0);
      expect(f.stats().faults['429'] ?? 0).toBeGreaterThan(0);
    });
  }

  it('completes when the real limit is below the configured budget (a key shared with another tool)', async () => {
    const f = await fake({ rateLimit: 8, windowS: 0.5, retryAfter: true });
    const { ids, count } = await listAll(f, '/contacts', 25, { budget: { requests: 3000, windowMs: 300_000 } });
    expect(new Set(ids).size).toBe(count);
    expect(f.stats().rateLimited).toBeGreaterThan(0);
  });
});
