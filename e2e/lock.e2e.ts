// The lock screen (issue #19): the built renderer in Debian's Chromium, through the web host,
// over the real app API on a seeded demo profile. Locked, the page shows only the lock screen
// and the host refuses data; a wrong passphrase is refused; the right one brings the app back.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../electron/web-host';
import type { GlueApp } from '../electron/core/app/index';
import { seedProfile, type SeededProfile } from '../electron/core/app/testing';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../electron/core/itglue/fake/server';
import { DEMO_TODAY } from '../electron/core/testing/seed-demo';
import { launchBrowser, serveRenderer, watchConsole } from './harness';

const PASS = 'correct horse battery';

describe('the lock screen', () => {
  let browser: Browser;
  let fake: FakeItGlue;
  let p: SeededProfile;
  let app: GlueApp;
  let host: WebHost;

  beforeAll(async () => {
    browser = await launchBrowser();
    fake = await startFakeItGlue({ port: 0, today: DEMO_TODAY });
    p = await seedProfile();
    app = await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`) });
    const c = await app.api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: DEMO_API_KEY });
    if (!c.ok) throw new Error(c.error.message);
    const set = await app.api.lock.setPassphrase({ next: PASS });
    if (!set.ok) throw new Error(set.error.message);
    host = await serveRenderer(app.api);
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await browser?.close();
    await fake?.close();
    p?.close();
  });

  it('replaces the app when it locks, refuses a wrong passphrase, and comes back with the right one', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(host.url);
    await page.getByRole('combobox', { name: 'Ask a question' }).waitFor();

    // Locked from elsewhere (idle timer, screen lock, the tray): the page follows at once.
    const locked = await app.api.lock.lock({});
    expect(locked.ok && locked.value.locked).toBe(true);
    await page.getByRole('heading', { name: 'Glue Desk is locked' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Ask a question' }).count()).toBe(0);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toMatch(/Acme|Harbor|Northwind/);

    await page.getByLabel('Unlock passphrase').fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Wrong unlock passphrase.').waitFor();
    await page.getByLabel('Unlock passphrase').fill(PASS);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('combobox', { name: 'Ask a question' }).waitFor();

    // Lock now from Settings → Security.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Security' }).waitFor();
    expect(await page.getByLabel('Destroy password values after offline for').inputValue()).toBe('30');
    expect(await page.getByLabel('Lock after idle for').inputValue()).toBe('15');
    await page.getByRole('button', { name: 'Lock now' }).click();
    await page.getByRole('heading', { name: 'Glue Desk is locked' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
