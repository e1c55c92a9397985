// A sync across an IT Glue outage: the real engine, a real SQLCipher store, the fake IT Glue
// server over HTTP behind a proxy that answers 503 to everything for a while.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItGlueClient } from '../itglue/client';
import { startProxy, type FakeProxy } from '../itglue/fake/proxy';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../itglue/fake/server';
import { createTempStore } from '../store/testing';
import { runSync } from './run-sync';
import { smallDemoTenant, TODAY } from './test-helpers';

let fake: FakeItGlue;
let proxy: FakeProxy;
let requests = 0;
let outage = { from: 0, to: 0 };

beforeAll(async () => {
  fake = await startFakeItGlue({ today: TODAY, dataset: smallDemoTenant(3), rateLimit: 100_000 });
  proxy = await startProxy(fake.url, (_req, res) => {
    const n = ++requests;
    if (n > outage.from && Date.now() < outage.to) {
      res.writeHead(503).end();
      return true;
    }
    if (n === outage.from) outage.to = Date.now() + 1500;
    return false;
  });
});
afterAll(async () => {
  await proxy.close();
  await fake.close();
});

async function syncThroughOutage(threshold: number) {
  requests = 0;
  // Down for 1.5 s from the 10th request: in the middle of the listings.
  outage = { from: 10, to: Number.MAX_SAFE_INTEGER };
  const temp = createTempStore();
  try {
    const client = createItGlueClient({ baseUrl: proxy.url, apiKey: DEMO_API_KEY, retries: 6, backoffBaseMs: 20, concurrency: 4, budget: { requests: 100_000, windowMs: 300_000 }, breaker: { threshold, cooldownMs: 400 } });
    const r = await runSync({ store: temp.store, client, full: true });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  } finally {
    temp.cleanup();
  }
}

describe('sync across an IT Glue outage', () => {
  it('pauses, says so in the summary, resumes, and finishes ok', async () => {
    // 3 failures in a row open it, fewer than the 6 attempts a request has: no request can
    // spend all of its own before everyone pauses, however the machine schedules them.
    const s = await syncThroughOutage(3);
    expect(s.status).toBe('ok');
    expect(s.warnings.join(' ')).toMatch(/IT Glue stopped answering during this sync: requests paused \d+ time\(s\) and resumed/);
  }, 60_000);

  it('without the breaker, workers spend their own retries and listings fail (partial)', async () => {
    const s = await syncThroughOutage(1_000_000);
    expect(s.status).not.toBe('ok');
  }, 60_000);
});
