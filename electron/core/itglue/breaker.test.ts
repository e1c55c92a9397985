import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Breaker, type BreakerEvent } from './breaker';
import { breakerMessage } from './breaker-message';
import { createItGlueClient } from './client';
import { startProxy, type FakeProxy } from './fake/proxy';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from './fake/server';

describe('Breaker (logic)', () => {
  it('says until when, in local HH:MM (with seconds for a short pause)', () => {
    const until = new Date(2026, 11, 2, 18, 5, 30);
    expect(breakerMessage({ state: 'open', until, failures: 8 }, until.getTime() - 30_000)).toBe('IT Glue is not answering; retrying at 18:05:30.');
    expect(breakerMessage({ state: 'open', until, failures: 8 }, until.getTime() - 300_000)).toBe('IT Glue is not answering; retrying at 18:05.');
  });

  it('opens after N failures in a row, doubles its pause while failures continue, closes on an answer, gives up after the outage limit', () => {
    let t = 0;
    const events: BreakerEvent[] = [];
    const b = new Breaker({ threshold: 3, cooldownMs: 100, maxCooldownMs: 300, giveUpAfterMs: 1000, now: () => t, onChange: (e) => events.push(e) });
    b.failure();
    b.failure();
    expect(b.holding()).toBe(false);
    b.failure();
    expect(events.at(-1)).toMatchObject({ state: 'open', until: new Date(100) });
    t = 150;
    b.failure(); // the first request after the pause fails: pause again, twice as long
    expect(events.at(-1)).toMatchObject({ state: 'open', until: new Date(350) });
    b.success();
    expect(events.at(-1)).toEqual({ state: 'closed' });
    expect(b.holding()).toBe(false);
    for (let i = 0; i < 3; i++) b.failure();
    t = 2000;
    expect(b.givenUp()).toBe(true);
    expect(b.holding()).toBe(false);
  });
});

// The real client against the fake IT Glue server over HTTP, behind a proxy that answers 503
// to everything for a while (an outage), as IT Glue does during an incident.
describe('the client across an IT Glue outage', () => {
  let fake: FakeItGlue;
  let proxy: FakeProxy;
  let outageUntil = 0;
  let duringOutage = 0;
  beforeAll(async () => {
    fake = await startFakeItGlue({ today: '2026-01-23', rateLimit: 100_000 });
    proxy = await startProxy(fake.url, (_req, res) => {
      if (Date.now() >= outageUntil) return false;
      duringOutage++;
      res.writeHead(503).end();
      return true;
    });
  });
  afterAll(async () => {
    await proxy.close();
    await fake.close();
  });

  const outage = async (breaker: { threshold: number; cooldownMs: number }) => {
    outageUntil = Date.now() + 1500;
    duringOutage = 0;
    const events: BreakerEvent[] = [];
    const client = createItGlueClient({ baseUrl: proxy.url, apiKey: DEMO_API_KEY, concurrency: 4, retries: 6, backoffBaseMs: 20, breaker: { ...breaker, onChange: (e) => events.push(e) } });
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => client.get('/organizations', { 'page[size]': 5 })));
    return { ok: results.filter((r) => r.status === 'fulfilled').length, events, duringOutage };
  };

  it('pauses every worker when IT Glue stops answering, says until when, and resumes: no request fails', async () => {
    // 3 failures in a row open it, fewer than a request's 6 attempts: whatever the scheduling,
    // no request runs out before everyone pauses.
    const r = await outage({ threshold: 3, cooldownMs: 400 });
    expect(r.ok).toBe(12);
    expect(r.events[0]).toMatchObject({ state: 'open' });
    expect(r.events.at(-1)).toEqual({ state: 'closed' });
    // After the first failures, one probe per pause: far fewer than 12 requests × 6 attempts.
    expect(r.duringOutage).toBeLessThan(30);
  });

  it('without it (threshold never reached), each worker spends its own retries and the requests fail', async () => {
    const r = await outage({ threshold: 1_000_000, cooldownMs: 400 });
    // Six attempts with backoff from 20 ms span well under the 1.5 s outage.
    expect(r.ok).toBeLessThan(12);
    expect(r.duringOutage).toBeGreaterThanOrEqual(36);
  });
});
