import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../shared/result';
import { createTestApi } from '../shared/ipc/test-api';
import type { WebHost } from '../electron/web-host';
import { launchBrowser, serveRenderer, watchConsole } from './harness';

// Smoke only: the whole-app flows run against the real core once it lands.
describe('web host serves the built renderer', () => {
  let browser: Browser;
  let host: WebHost;
  const t = createTestApi({
    settings: {
      account: async () => ok({ configured: false, region: null, baseUrl: null, passwordAccess: null }),
      get: async () => ok({ syncIntervalMinutes: 60, clipboardClearSeconds: 30, revealSeconds: 15, apiRequestsPer5Min: 3000, mcpAllowPasswordValues: false, offlineExpiryDays: 30, idleLockMinutes: 15 }),
      model: async () => ok({ state: 'missing' as const, name: 'all-MiniLM-L6-v2', progress: null, message: '' }),
    },
    sync: {
      status: async () =>
        ok({ configured: false, lastSyncAt: null, running: false, progress: null, counts: {}, skipped: [], storeBytes: 0, model: { state: 'missing' as const, name: 'all-MiniLM-L6-v2' }, warnings: [] }),
    },
  });

  beforeAll(async () => {
    host = await serveRenderer(t.api);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('opens with the token link, talks to the API and hides the token', async () => {
    const page = await browser.newPage();
    const problems = watchConsole(page);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Welcome to Glue Desk' }).waitFor({ timeout: 10_000 });
    expect(page.url()).not.toContain('token');
    expect(await page.getByLabel('API key').getAttribute('type')).toBe('password');
    expect(t.calls.some((c) => c.domain === 'settings' && c.method === 'account')).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('refuses a wrong token and tells a tokenless visitor what to do', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.origin}/#token=wrong-token`);
    const status = await page.evaluate(async () => {
      const r = await fetch('/api/sync/status', { method: 'POST', headers: { 'content-type': 'application/json', 'x-glue-token': 'wrong-token' }, body: '{}' });
      return r.status;
    });
    expect(status).toBe(401);
    const fresh = await browser.newPage();
    await fresh.goto(host.origin);
    await fresh.getByRole('alert').filter({ hasText: 'link Glue Desk printed' }).waitFor({ timeout: 10_000 });
    await page.close();
    await fresh.close();
  });
});
