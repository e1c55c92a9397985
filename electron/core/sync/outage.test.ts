// A sync across an IT Glue outage: the real engine, a real SQLCipher store, the fake IT Glue
// server over HTTP behind a proxy that answers 503 to everything for a while.
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItGlueClient } from '../itglue/client';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../itglue/fake/server';
import { createTempStore } from '../store/testing';
import { runSync } from './run-sync';
import { smallDemoTenant, TODAY } from './test-helpers';

let fake: FakeItGlue;
let proxy: Server;
let url = '';
let requests = 0;
let outage = { from: 0, to: 0 };

beforeAll(async () => {
  fake = await startFakeItGlue({ today: TODAY, dataset: smallDemoTenant(3), rateLimit: 100_000 });
  const up = new URL(fake.url);
  proxy = createServer((req, res) => {
    const n = ++requests;
    if (n > outage.from && Date.now() < outage.to) {
      res.writeHead(503).end();
      return;
    }
    if (n === outage.from) outage.to = Date.now() + 1500;
    const fwd = request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(fwd);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const a = proxy.address();
  url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(async () => {
  await new Promise((r) => proxy.close(r));
  await fake.close();
});

async function syncThroughOutage(threshold: number) {
  requests = 0;
  // Down for 1.5 s from the 10th request: in the middle of the listings.
  outage = { from: 10, to: Number.MAX_SAFE_INTEGER };
  const temp = createTempStore();
  try {
    const client = createItGlueClient({ baseUrl: url, apiKey: DEMO_API_KEY, retries: 6, backoffBaseMs: 20, concurrency: 4, budget: { requests: 100_000, windowMs: 300_000 }, breaker: { threshold, cooldownMs: 400 } });
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
