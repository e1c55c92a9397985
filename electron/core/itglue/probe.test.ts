import { afterEach, describe, expect, it } from 'vitest';
import { createItGlueClient } from './client';
import { DEMO_API_KEY, DEMO_API_KEY_NO_PASSWORDS, startFakeItGlue, type FakeItGlue } from './fake/server';
import { probeTenant, testKey } from './probe';
import { apiError, sendJson, startTestServer, type TestServer } from './test-server';

const open: Array<FakeItGlue | TestServer> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function fakeWith(opts: Parameters<typeof startFakeItGlue>[0] = {}): Promise<FakeItGlue> {
  const f = await startFakeItGlue({ rateLimit: 1e9, ...opts });
  open.push(f);
  return f;
}

describe('probeTenant', () => {
  it('reports organizations, password access, documents and flexible assets in five requests', async () => {
    const f = await fakeWith();
    const c = createItGlueClient({ baseUrl: f.url, apiKey: DEMO_API_KEY });
    const r = await probeTenant(c);
    expect(r).toEqual({
      ok: true,
      value: { organizations: f.dataset.organizations?.data.length, passwordAccess: true, documents: true, flexibleAssets: true },
    });
    expect(c.requestCount()).toBeLessThanOrEqual(5);
  });

  it('tells a key without Password Access apart', async () => {
    const f = await fakeWith();
    const r = await probeTenant(createItGlueClient({ baseUrl: f.url, apiKey: DEMO_API_KEY_NO_PASSWORDS }));
    expect(r.ok && r.value.passwordAccess).toBe(false);
  });

  it('a tenant without Documents degrades to documents: false', async () => {
    const demo = await fakeWith();
    const { documents: _d, document_sections: _s, ...older } = demo.dataset;
    const f = await fakeWith({ dataset: older });
    const r = await probeTenant(createItGlueClient({ baseUrl: f.url, apiKey: DEMO_API_KEY }));
    expect(r.ok && r.value.documents).toBe(false);
    expect(r.ok && r.value.organizations).toBeGreaterThan(0);
  });

  it('a rejected key is a KEY_REJECTED result, not a throw', async () => {
    const f = await fakeWith();
    const r = await probeTenant(createItGlueClient({ baseUrl: f.url, apiKey: 'ITG.nope' }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('KEY_REJECTED');
  });
});

describe('testKey', () => {
  it('accepts a working key and counts organizations', async () => {
    const f = await fakeWith();
    const r = await testKey(f.url, DEMO_API_KEY);
    expect(r).toEqual({ ok: true, value: { baseUrl: f.url, region: 'custom', organizations: f.dataset.organizations?.data.length } });
  });

  it('says KEY_REJECTED with advice, never echoing the key', async () => {
    const f = await fakeWith({ rejectStatus: 403 });
    const r = await testKey(f.url, 'ITG.bad-key-value');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('KEY_REJECTED');
    expect(r.error.message).toContain('90 days');
    expect(r.error.message).not.toContain('ITG.bad-key-value');
  });

  it('says REGION_MISMATCH when another region accepts the key', async () => {
    const wrong = await startTestServer((_req, res) => apiError(res, 401, 'Unauthorized'));
    const right = await startTestServer((_req, res) => sendJson(res, 200, { data: [], meta: { 'total-count': 0 } }));
    open.push(wrong, right);
    const r = await testKey(wrong.url, 'ITG.eu-key', { alternates: [right.url] });
    expect(!r.ok && r.error.code).toBe('REGION_MISMATCH');
  });

  it('says NETWORK for an address nobody answers on, and refuses plain http off this machine', async () => {
    const gone = await startTestServer(() => undefined);
    const url = gone.url;
    await gone.close();
    const r = await testKey(url, 'ITG.x', { timeoutMs: 500 });
    expect(!r.ok && r.error.code).toBe('NETWORK');
    const plain = await testKey('http://api.itglue.com', 'ITG.x');
    expect(!plain.ok && plain.error.code).toBe('INVALID_INPUT');
  });
});
