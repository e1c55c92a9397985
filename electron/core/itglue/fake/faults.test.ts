import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { DEFAULT_FAULTS, DEMO_API_KEY, parseFaultSpec, startFakeItGlue, type Dataset } from './server';

const tiny: Dataset = {
  organizations: { data: Array.from({ length: 30 }, (_, i) => ({ id: String(i + 1), type: 'organizations', attributes: { name: `Org ${i + 1}` } })) },
};

/** Raw outcome of one GET: a status and body, or the socket error. */
function rawGet(url: string): Promise<{ status: number; type: string; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(url, { headers: { 'x-api-key': DEMO_API_KEY }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks).toString() }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

describe('fault injection', () => {
  it('parses specs and rejects bad ones with a message naming the part', () => {
    expect(parseFaultSpec(DEFAULT_FAULTS).map((r) => r.kind)).toEqual(['429', '500', '504', 'reset', 'slow', 'badjson', 'html']);
    expect(parseFaultSpec('slow:0.5:250')).toEqual([{ kind: 'slow', p: 0.5, ms: 250 }]);
    expect(parseFaultSpec('')).toEqual([]);
    expect(() => parseFaultSpec('418:0.1')).toThrow(/418:0.1/);
    expect(() => parseFaultSpec('500:2')).toThrow(/probability/);
    expect(() => parseFaultSpec('slow:0.1')).toThrow(/delay/);
    expect(() => parseFaultSpec('500:0.1:5')).toThrow(/only slow/);
    expect(() => parseFaultSpec('500:0.6,502:0.6')).toThrow(/add up/);
  });

  it('makes every fault kind observable', async () => {
    const cases: Array<[string, (r: Awaited<ReturnType<typeof rawGet>>) => void]> = [
      ['429:1', (r) => expect(r).toMatchObject({ status: 429 })],
      ['500:1', (r) => expect(r).toMatchObject({ status: 500 })],
      ['502:1', (r) => expect(r).toMatchObject({ status: 502 })],
      ['503:1', (r) => expect(r).toMatchObject({ status: 503 })],
      ['504:1', (r) => expect(r).toMatchObject({ status: 504 })],
      ['reset:1', (r) => expect(r).toHaveProperty('error')],
      ['badjson:1', (r) => {
        expect(r).toMatchObject({ status: 200 });
        if ('body' in r) expect(() => JSON.parse(r.body)).toThrow();
      }],
      ['html:1', (r) => {
        expect(r).toMatchObject({ type: 'text/html; charset=utf-8' });
        if ('status' in r) expect([200, 502]).toContain(r.status);
      }],
    ];
    for (const [faults, check] of cases) {
      const fake = await startFakeItGlue({ dataset: tiny, faults });
      try {
        check(await rawGet(`${fake.url}/organizations`));
        expect(Object.values(fake.stats().faults)).toEqual([1]);
      } finally {
        await fake.close();
      }
    }
    const slow = await startFakeItGlue({ dataset: tiny, faults: 'slow:1:300' });
    try {
      const t0 = Date.now();
      const r = await rawGet(`${slow.url}/organizations`);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
      expect(r).toMatchObject({ status: 200 });
      if ('body' in r) expect(JSON.parse(r.body)).toHaveProperty('data');
    } finally {
      await slow.close();
    }
  });

  it('is deterministic: same seed and request order give the same faults', async () => {
    const spec = '429:0.1,500:0.1,502:0.05,503:0.05,504:0.05,badjson:0.05,html:0.05';
    const run = async (seed: number): Promise<string[]> => {
      const fake = await startFakeItGlue({ dataset: tiny, faults: spec, seed, rateLimit: 1e9 });
      try {
        const out: string[] = [];
        for (let i = 0; i < 120; i++) {
          const r = await rawGet(`${fake.url}/organizations?page[number]=${(i % 3) + 1}&page[size]=10`);
          out.push('error' in r ? 'error' : `${r.status}:${r.body.length}`);
        }
        return out;
      } finally {
        await fake.close();
      }
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(4);
  });
});
