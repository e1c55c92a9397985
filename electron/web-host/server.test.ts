import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../shared/result';
import type { LockStatus } from '../../shared/ipc';
import { createTestApi } from '../../shared/ipc/test-api';
import { startWebHost, type WebHost } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(host: WebHost, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const call = (host: WebHost, path: string, body: unknown, token = host.token) =>
  raw(host, path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-glue-token': token }, body: JSON.stringify(body) });

describe('web host', () => {
  let dir: string;
  let host: WebHost;
  const lockStatus: LockStatus = { locked: true, reason: 'manual', enabled: true, passphraseSet: true, osUnlock: false, idleMinutes: 15, failures: 0, retryAfterSeconds: 0 };
  const t = createTestApi({
    ask: { suggestOrgs: async ({ prefix }) => ok([{ id: 7, name: `${prefix} Dental` }]) },
    sync: { start: async () => ok({ runId: 'r1' }) },
    lock: { status: async () => ok(lockStatus) },
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glue-webhost-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Glue Desk</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'glue-outside.txt'), 'outside');
    host = await startWebHost({ api: t.api, staticDir: dir });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and puts the token in the URL fragment only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
    expect(host.url.endsWith(host.token)).toBe(true);
  });

  it('serves the renderer with a CSP and without CORS headers', async () => {
    const r = await raw(host, '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Glue Desk');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const js = await raw(host, '/assets/app.js');
    expect(js.headers['content-type']).toContain('javascript');
  });

  it('refuses path traversal out of the static directory', async () => {
    for (const p of ['/../glue-outside.txt', '/%2e%2e/glue-outside.txt', '/assets/..%2f..%2fglue-outside.txt', '/%00']) {
      const r = await raw(host, p);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('outside');
    }
  });

  it('answers API calls only with the right token', async () => {
    const good = await call(host, '/api/ask/suggestOrgs', { prefix: 'Smile' });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toEqual({ ok: true, value: [{ id: 7, name: 'Smile Dental' }] });
    expect(good.headers['access-control-allow-origin']).toBeUndefined();

    const wrong = await call(host, '/api/ask/suggestOrgs', { prefix: 'x' }, 'not-the-token');
    expect(wrong.status).toBe(401);
    const none = await raw(host, '/api/ask/suggestOrgs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('FORBIDDEN');
  });

  it('rejects foreign Host headers (DNS rebinding) even with the token', async () => {
    const r = await raw(host, '/api/ask/suggestOrgs', {
      method: 'POST',
      headers: { host: `evil.example:${new URL(host.origin).port}`, 'content-type': 'application/json', 'x-glue-token': host.token },
      body: '{"prefix":"a"}',
    });
    expect(r.status).toBe(403);
    const page = await raw(host, '/', { headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
    const local = await raw(host, '/', { headers: { host: `localhost:${new URL(host.origin).port}` } });
    expect(local.status).toBe(200);
  });

  it('validates arguments with the contract schemas and refuses non-JSON bodies', async () => {
    const bad = await call(host, '/api/ask/suggestOrgs', { prefix: 5 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('INVALID_INPUT');
    const form = await raw(host, '/api/sync/start', { method: 'POST', headers: { 'content-type': 'text/plain', 'x-glue-token': host.token }, body: '{"full":true}' });
    expect(form.status).toBe(400);
    const unknown = await call(host, '/api/sync/explode', {});
    expect(unknown.status).toBe(404);
  });

  it('streams events over SSE to token holders and stops when they leave', async () => {
    const denied = await fetch(`${host.origin}/api/events`);
    expect(denied.status).toBe(401);
    const controller = new AbortController();
    const res = await fetch(`${host.origin}/api/events`, { headers: { 'x-glue-token': host.token }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    // A lock made while the page connected reached no one: the stream opens with the status as it stands.
    let text = '';
    while (!text.includes('event: lock.onDidChange')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain(JSON.stringify(lockStatus));
    t.emit('sync', 'onDidProgress', { runId: 'r1', done: 3 });
    text = '';
    while (!text.includes('event: sync.onDidProgress') || !text.endsWith('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"done":3');
    controller.abort();
    await new Promise((r) => setTimeout(r, 50));
    expect(t.listenerCount()).toBe(0);
  });
});
