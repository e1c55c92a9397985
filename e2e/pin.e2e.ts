// The org browser's pin button (issue 16): the built renderer in Debian's Chromium, through the
// web host, over the real GlueApi on a seeded demo profile. Pinning is done from the keyboard,
// survives a reload (it is in the store, where a sync reads it) and is undone the same way.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../electron/web-host';
import type { GlueApp } from '../electron/core/app/index';
import { seedProfile, type SeededProfile } from '../electron/core/app/testing';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../electron/core/itglue/fake/server';
import { DEMO_TODAY } from '../electron/core/testing/seed-demo';
import { launchBrowser, serveRenderer, watchConsole } from './harness';

let browser: Browser;
let p: SeededProfile;
let app: GlueApp;
let host: WebHost;
let fake: FakeItGlue;

beforeAll(async () => {
  browser = await launchBrowser();
  p = await seedProfile({ profile: 'pin-e2e' });
  app = await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`) });
  // A connected profile opens on the desk, not the first-run screen.
  fake = await startFakeItGlue({ port: 0, today: DEMO_TODAY });
  const c = await app.api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: DEMO_API_KEY });
  if (!c.ok) throw new Error(c.error.message);
  host = await serveRenderer(app.api);
}, 120_000);
afterAll(async () => {
  await host?.close();
  p?.close();
  await browser?.close();
  await fake?.close();
});

const ORG = 'Harbor Freight Logistics';

async function openOrg(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Browse' }).click();
  const filter = page.getByLabel('Filter organizations');
  await filter.fill('Harbor Freight');
  await filter.press('Enter');
  await page.getByRole('heading', { name: ORG }).waitFor();
}

const pinnedInApi = async (): Promise<boolean | undefined> => {
  const r = await app.api.org.list({});
  if (!r.ok) throw new Error(r.error.message);
  return r.value.find((o) => o.name === ORG)?.pinned;
};

describe('pin an organization from the org browser', () => {
  it('pins with the keyboard, stays pinned after a reload, and unpins', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(host.url);
    await openOrg(page);

    const pin = page.getByRole('button', { name: 'Pin', exact: true });
    expect(await pin.getAttribute('aria-pressed')).toBe('false');
    expect(await pin.getAttribute('title')).toBe("Fetch this organization's details first");
    await pin.focus();
    await page.keyboard.press('Enter');
    const pinned = page.getByRole('button', { name: 'Pinned', exact: true });
    await pinned.waitFor();
    expect(await pinned.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('option', { name: new RegExp(`${ORG}.*Pinned`) }).waitFor();
    expect(await pinnedInApi()).toBe(true);

    await page.reload();
    await page.getByRole('button', { name: 'Browse' }).click();
    await page.getByRole('option', { name: new RegExp(`${ORG}.*Pinned`) }).waitFor();
    await openOrg(page);
    const again = page.getByRole('button', { name: 'Pinned', exact: true });
    expect(await again.getAttribute('aria-pressed')).toBe('true');

    await again.focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Pin', exact: true }).waitFor();
    expect(await page.getByRole('option', { name: new RegExp(`${ORG}.*Pinned`) }).count()).toBe(0);
    expect(await pinnedInApi()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
