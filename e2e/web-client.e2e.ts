import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../shared/result';
import { createTestApi } from '../shared/ipc/test-api';
import type { SyncProgress } from '../shared/domain';
import { startWebHost, type WebHost } from '../electron/web-host';
import { createHttpApi } from '../renderer/src/transport/http';

// The renderer's HTTP transport against the real web host: same API, same results, events.
describe('web-host client', () => {
  let host: WebHost;
  let dir: string;
  const t = createTestApi({ ask: { suggestOrgs: async ({ prefix, limit }) => ok([{ id: limit ?? 0, name: prefix }]) } });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glue-client-'));
    host = await startWebHost({ api: t.api, staticDir: dir });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('calls methods and gets typed results or typed errors', async () => {
    const api = createHttpApi({ origin: host.origin, token: host.token });
    expect(await api.ask.suggestOrgs({ prefix: 'Acme', limit: 3 })).toEqual({ ok: true, value: [{ id: 3, name: 'Acme' }] });
    const notImplemented = await api.vault.list({ orgId: 1 });
    expect(notImplemented.ok ? null : notImplemented.error.code).toBe('INTERNAL');
    const wrong = createHttpApi({ origin: host.origin, token: 'nope' });
    const denied = await wrong.sync.status({});
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
  });

  it('reports NETWORK when the host is gone', async () => {
    const api = createHttpApi({ origin: 'http://127.0.0.1:9', token: host.token });
    const r = await api.sync.status({});
    expect(r.ok ? null : r.error.code).toBe('NETWORK');
  });

  it('delivers events over the stream and closes it when the last listener leaves', async () => {
    const api = createHttpApi({ origin: host.origin, token: host.token, retryMs: 20 });
    const seen: SyncProgress[] = [];
    const off = api.sync.onDidProgress((p) => seen.push(p));
    for (let i = 0; i < 50 && t.listenerCount() === 0; i++) await new Promise((r) => setTimeout(r, 20));
    t.emit('sync', 'onDidProgress', { runId: 'r', phase: 'list', resourceType: 'configurations', orgId: null, done: 7, total: 10, requestsUsed: 1, etaSeconds: 3, message: '' });
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(seen[0]?.done).toBe(7);
    off();
    for (let i = 0; i < 50 && t.listenerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(t.listenerCount()).toBe(0);
  });
});
