import { afterEach, describe, expect, it } from 'vitest';
import { createItGlueClient, type ItGlueClientOptions } from './client';
import { BadResponseError, CancelledError, KeyRejectedError, NetworkError, RequestRejectedError, ServerError, toResultError } from './errors';
import type { ItGlueWarning } from './schemas';
import { apiError, listPage, makeRecords, sendJson, startTestServer, type Handler, type TestServer } from './test-server';

const KEY = 'ITG.secret-key-0123456789abcdef';
let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(handler: Handler): Promise<TestServer> {
  server = await startTestServer(handler);
  return server;
}

function client(url: string, extra: Partial<ItGlueClientOptions> = {}) {
  return createItGlueClient({ baseUrl: url, apiKey: KEY, backoffBaseMs: 5, ...extra });
}

async function collect(gen: AsyncGenerator<{ data: { id: string }[] }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of gen) ids.push(...page.data.map((r) => r.id));
  return ids;
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('list', () => {
  it('pages through 2,500 records returning each exactly once, with the documented headers', async () => {
    const records = makeRecords(2500, 'configurations');
    const s = await serve((req, res) => sendJson(res, 200, listPage(records, req.query, req.path)));
    const c = client(s.url);
    const ids = await collect(c.list('/configurations', { 'filter[no_such_filter]': 'x' }));
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
    expect(s.requests.map((r) => r.query.get('page[number]'))).toEqual(['1', '2', '3']);
    expect(s.requests.every((r) => r.query.get('page[size]') === '1000')).toBe(true);
    const h = s.requests[0]?.headers;
    expect(h?.['x-api-key']).toBe(KEY);
    expect(h?.['accept']).toBe('application/vnd.api+json');
    expect(h?.['content-type']).toBe('application/vnd.api+json');
    expect(c.requestCount()).toBe(3);
    c.resetRequestCount();
    expect(c.requestCount()).toBe(0);
  });

  it('treats a page without meta as the only page, and follows links.next when meta is missing', async () => {
    const records = makeRecords(5, 'contacts');
    const s1 = await serve((_req, res) => sendJson(res, 200, { data: records }));
    expect(await collect(client(s1.url).list('/contacts'))).toEqual(['1', '2', '3', '4', '5']);
    await s1.close();
    const s2 = await serve((req, res) => {
      const n = Number(req.query.get('page[number]'));
      sendJson(res, 200, { data: records.slice(n - 1, n), links: n < 5 ? { next: `/contacts?page[number]=${n + 1}` } : {} });
    });
    expect(await collect(client(s2.url).list('/contacts'))).toEqual(['1', '2', '3', '4', '5']);
  });

  it('stops with BadResponse when the server repeats the same page forever', async () => {
    const records = makeRecords(3, 'locations');
    const s = await serve((_req, res) => sendJson(res, 200, { data: records, meta: { 'current-page': 1, 'next-page': 2 } }));
    const e = await caught(collect(client(s.url).list('/locations')));
    expect(e).toBeInstanceOf(BadResponseError);
    expect(s.requests).toHaveLength(2);
  });

  it('skips a record a shifting page repeats, with a warning, and tells apart ids that only look alike', async () => {
    const rec = (id: string, type = 'contacts') => ({ id, type, attributes: { name: `c${id}` } });
    const pages: Record<string, unknown[]> = {
      // "007" is not "7", and the same id of another type is another record.
      '1': [rec('7'), rec('8'), rec('ab-1')],
      '2': [rec('8'), rec('007'), rec('7', 'locations'), rec('ab-1'), rec('9')],
    };
    const s = await serve((req, res) => {
      const n = req.query.get('page[number]') ?? '1';
      sendJson(res, 200, { data: pages[n] ?? [], meta: { 'current-page': Number(n), 'next-page': n === '1' ? 2 : null } });
    });
    const warnings: ItGlueWarning[] = [];
    const ids = await collect(client(s.url, { onWarning: (w) => warnings.push(w) }).list('/contacts'));
    expect(ids).toEqual(['7', '8', 'ab-1', '007', '7', '9']);
    expect(warnings.map((w) => w.id)).toEqual(['8', 'ab-1']);
  });

  it('keeps numeric ids as strings, tolerates nulls everywhere, and skips a bad item with a warning', async () => {
    const warnings: ItGlueWarning[] = [];
    const s = await serve((_req, res) =>
      sendJson(res, 200, {
        data: [
          { id: 7, type: 'configurations', attributes: { name: null, hostname: null, 'organization-id': 3, 'primary-ip': null, archived: null }, relationships: null },
          { id: '8', type: 'configurations', attributes: null },
          { id: '9', type: 'configurations', attributes: { name: { secret: 'hunter2' } } },
          { type: 'configurations', attributes: { name: 'no id' } },
          { id: '10', type: 'configurations', attributes: { name: 'srv', 'a-new-attribute': [1, 2] } },
        ],
        included: null,
        meta: null,
        links: null,
      }),
    );
    const pages = [];
    for await (const p of client(s.url, { onWarning: (w) => warnings.push(w) }).list('/configurations')) pages.push(p);
    expect(pages).toHaveLength(1);
    const data = pages[0]?.data ?? [];
    expect(data.map((r) => r.id)).toEqual(['7', '8', '10']);
    expect(data[0]?.attributes['organization-id']).toBe(3);
    expect(data[1]?.attributes).toEqual({});
    expect(data[2]?.attributes['a-new-attribute']).toEqual([1, 2]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ path: '/configurations', id: '9' });
    expect(JSON.stringify(warnings)).not.toContain('hunter2');
  });
});

describe('errors', () => {
  it('a rejected key (401 or 403) is KeyRejected with advice, never retried, never quoting the key', async () => {
    for (const status of [401, 403]) {
      const s = await serve((_req, res) => apiError(res, status, 'Unauthorized', `key ${KEY} is not valid`));
      const e = await caught(client(s.url).get('/organizations'));
      expect(e).toBeInstanceOf(KeyRejectedError);
      const r = toResultError(e);
      expect(r.code).toBe('KEY_REJECTED');
      expect(r.message).toContain('Account > API Keys');
      expect(r.message).toContain('90 days');
      expect(r.message).not.toContain(KEY);
      expect(s.requests).toHaveLength(1);
      await s.close();
    }
  });

  it('422 surfaces the server reason as INVALID_INPUT without retrying, with the key redacted', async () => {
    const s = await serve((_req, res) =>
      sendJson(res, 422, { errors: [{ status: 'unprocessable_entity', title: 'Unprocessable Entity', detail: `filter required (key ${KEY})` }] }),
    );
    const e = await caught(client(s.url).get('/flexible_assets', { secret: 'x' }));
    expect(e).toBeInstanceOf(RequestRejectedError);
    const r = toResultError(e);
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.message).toContain('filter required');
    expect(r.message).toContain('/flexible_assets');
    expect(r.message).not.toContain(KEY);
    expect(r.message).not.toContain('secret=');
    expect(s.requests).toHaveLength(1);
  });

  it('404 is NOT_FOUND and a redirect is refused rather than followed with the key', async () => {
    const s = await serve((req, res) => {
      if (req.path === '/gone/1') return apiError(res, 404, 'Record not found');
      res.writeHead(302, { location: 'http://127.0.0.2:9/steal' }).end();
    });
    expect(toResultError(await caught(client(s.url).show('/gone', 1))).code).toBe('NOT_FOUND');
    expect(toResultError(await caught(client(s.url).get('/moved'))).code).toBe('BAD_RESPONSE');
  });

  it('gives up on a server that keeps failing with a clear ServerError after the configured attempts', async () => {
    const s = await serve((_req, res) => apiError(res, 503, 'Service Unavailable'));
    const e = await caught(client(s.url, { retries: 3 }).get('/organizations'));
    expect(e).toBeInstanceOf(ServerError);
    expect(toResultError(e).code).toBe('SERVER_ERROR');
    expect(s.requests).toHaveLength(3);
  });

  it('refuses bodies larger than the cap without retrying', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, { data: makeRecords(200, 'domains') }));
    const e = await caught(client(s.url, { maxBodyBytes: 2000 }).get('/domains'));
    expect(e).toBeInstanceOf(BadResponseError);
    expect(s.requests).toHaveLength(1);
  });

  it('a persistent HTML page or a non-JSON:API document is a BadResponse, not a crash', async () => {
    const s = await serve((req, res) => {
      if (req.path === '/html') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>');
      } else sendJson(res, 200, { hello: 'world' });
    });
    const e1 = await caught(client(s.url, { retries: 2 }).get('/html'));
    expect(e1).toBeInstanceOf(BadResponseError);
    expect(toResultError(e1).message).toContain('/html');
    const e2 = await caught(client(s.url).get('/other'));
    expect(e2).toBeInstanceOf(BadResponseError);
  });

  it('accepts JSON with an unexpected but non-HTML content type', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify({ data: { id: 1, type: 'domains', attributes: {} } })));
    const doc = await client(s.url).get('/domains/1');
    expect(doc.data).toEqual({ id: '1', type: 'domains', attributes: {} });
  });
});

describe('retries', () => {
  // Each fault happens on the first attempt only; the second attempt must succeed.
  const faults: Record<string, Handler> = {
    '500': (_q, res) => apiError(res, 500, 'Internal Server Error'),
    '502': (_q, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>'),
    '503': (_q, res) => apiError(res, 503, 'Service Unavailable'),
    '504': (_q, res) => res.writeHead(504).end(),
    reset: (_q, res, raw) => {
      raw.socket.destroy();
      res.destroy();
    },
    badjson: (_q, res) => res.writeHead(200, { 'content-type': 'application/vnd.api+json' }).end('{"data": [{"id": "1", "ty'),
    html200: (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Login</title>'),
    empty: (_q, res) => res.writeHead(200, { 'content-type': 'application/vnd.api+json' }).end(''),
    truncated: (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.api+json', 'content-length': '5000' });
      res.write('{"data": [');
      setTimeout(() => res.destroy(), 20);
    },
    slow: (_q, res) => {
      setTimeout(() => sendJson(res, 200, { data: [] }), 1500);
    },
  };
  for (const [name, fault] of Object.entries(faults)) {
    it(`recovers from ${name}`, async () => {
      let n = 0;
      const s = await serve((req, res, raw) => {
        if (n++ === 0) return fault(req, res, raw);
        sendJson(res, 200, { data: [{ id: '1', type: 'organizations', attributes: { name: 'Acme' } }] });
      });
      const doc = await client(s.url, { timeoutMs: 400 }).get('/organizations');
      expect(Array.isArray(doc.data) ? doc.data.map((r) => r.id) : doc.data).toEqual(['1']);
      expect(s.requests).toHaveLength(2);
    });
  }
});

describe('timeouts and cancellation', () => {
  it('a server that never answers ends in a NETWORK error after the configured attempts', async () => {
    const s = await serve(() => undefined);
    const t0 = performance.now();
    const e = await caught(client(s.url, { timeoutMs: 150, retries: 2 }).get('/organizations'));
    expect(e).toBeInstanceOf(NetworkError);
    expect(toResultError(e).message).toContain('no answer');
    expect(s.requests).toHaveLength(2);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('cancellation mid-request rejects promptly with Cancelled and is not retried', async () => {
    const s = await serve(() => undefined);
    const ac = new AbortController();
    const p = client(s.url, { timeoutMs: 30_000 }).get('/organizations', undefined, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const t0 = performance.now();
    const e = await caught(p);
    expect(e).toBeInstanceOf(CancelledError);
    expect(toResultError(e).code).toBe('CANCELLED');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(s.requests).toHaveLength(1);
  });

  it('cancellation while backing off after 429 rejects promptly', async () => {
    const s = await serve((_req, res) => apiError(res, 429, 'Too Many Requests'));
    const ac = new AbortController();
    const c = client(s.url, { backoffBaseMs: 10_000 });
    const p = c.get('/organizations', undefined, { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const t0 = performance.now();
    expect(await caught(p)).toBeInstanceOf(CancelledError);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('rate limits', () => {
  const WINDOW = 400;
  const BUDGET = 15;

  /** The most requests the server saw inside any WINDOW ms. */
  function peak(times: number[]): number {
    let best = 0;
    let lo = 0;
    for (let hi = 0; hi < times.length; hi++) {
      while ((times[hi] ?? 0) - (times[lo] ?? 0) >= WINDOW) lo++;
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }

  /** Enforces BUDGET per sliding WINDOW like IT Glue, and adds a storm of spurious 429s. */
  function limitedServer(stormRate: number, retryAfter: string | null): { handler: Handler; overBudget: () => number } {
    const records = makeRecords(25, 'passwords');
    const accepted: number[] = [];
    let over = 0;
    let k = 0;
    return {
      overBudget: () => over,
      handler: (req, res) => {
        const inWindow = accepted.filter((t) => req.at - t < WINDOW).length;
        accepted.push(req.at);
        if (inWindow >= BUDGET) {
          over++;
          return apiError(res, 429, 'Too Many Requests');
        }
        // Deterministic storm: every n-th request is refused.
        if (stormRate > 0 && k++ % Math.round(1 / stormRate) === 0) {
          return sendJson(res, 429, { errors: [{ status: '429', title: 'Too Many Requests' }] }, retryAfter === null ? {} : { 'retry-after': retryAfter });
        }
        sendJson(res, 200, listPage(records, req.query, req.path));
      },
    };
  }

  for (const retryAfter of [null, '0']) {
    it(`a 429 storm ${retryAfter === null ? 'without' : 'with'} Retry-After completes and never exceeds the budget`, async () => {
      const srv = limitedServer(0.3, retryAfter);
      const s = await serve(srv.handler);
      const c = client(s.url, { budget: { requests: BUDGET, windowMs: WINDOW }, concurrency: 4, backoffBaseMs: 5 });
      const ids = await collect(c.list('/passwords', {}, { pageSize: 1 }));
      expect(new Set(ids).size).toBe(25);
      expect(srv.overBudget()).toBe(0);
      expect(peak(s.requests.map((r) => r.at))).toBeLessThanOrEqual(BUDGET);
    });
  }

  it('honours Retry-After by pausing every request, not just the one refused', async () => {
    let refused = 0;
    let refusedAt = 0;
    const s = await serve((req, res) => {
      if (refused++ === 0) {
        refusedAt = req.at;
        return sendJson(res, 429, { errors: [{ status: '429', title: 'Too Many Requests' }] }, { 'retry-after': '1' });
      }
      setTimeout(() => sendJson(res, 200, { data: [] }), 5);
    });
    const c = client(s.url, { concurrency: 1 });
    await Promise.all([c.get('/a'), c.get('/b'), c.get('/c')]);
    const after = s.requests.slice(1).map((r) => r.at - refusedAt);
    expect(after).toHaveLength(3);
    for (const gap of after) expect(gap).toBeGreaterThanOrEqual(950);
  });

  it('a key whose real limit is lower than the configured budget (shared key) still completes', async () => {
    const srv = limitedServer(0, null);
    const s = await serve(srv.handler);
    const c = client(s.url, { budget: { requests: 1000, windowMs: WINDOW }, backoffBaseMs: 50 });
    const ids = await collect(c.list('/passwords', {}, { pageSize: 1 }));
    expect(new Set(ids).size).toBe(25);
    expect(srv.overBudget()).toBeGreaterThan(0);
  });
});
