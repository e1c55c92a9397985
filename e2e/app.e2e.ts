// Whole-app flows: the built renderer in Debian's Chromium, through the web host, over the real
// GlueApi (electron/core/app) on a seeded demo profile; the fake IT Glue server runs in-process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../electron/web-host';
import { openGlueApp, type GlueApp } from '../electron/core/app/index';
import { seedProfile, TEST_PASSPHRASE, type SeededProfile } from '../electron/core/app/testing';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../electron/core/itglue/fake/server';
import { DEMO_TODAY } from '../electron/core/testing/seed-demo';
import { launchBrowser, ROOT, serveRenderer, watchConsole } from './harness';

const SHOTS = join(ROOT, 'e2e', 'screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

let browser: Browser;
let fake: FakeItGlue;

beforeAll(async () => {
  browser = await launchBrowser();
  fake = await startFakeItGlue({ port: 0, today: DEMO_TODAY });
});
afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

async function newPage(host: WebHost, opts: { dark?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: opts.dark ? 'dark' : 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(host.url);
  return { context, page, problems };
}

describe('first run', () => {
  let dir: string;
  let app: GlueApp;
  let host: WebHost;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glue-e2e-first-'));
    const opened = await openGlueApp({ door: 'app', dataDir: dir, profile: 'first', env: { GLUE_MODEL_DIR: join(dir, 'models') }, passphrase: TEST_PASSPHRASE, connectAlternates: [] });
    if (!opened.ok) throw new Error(opened.error.message);
    app = opened.value;
    host = await serveRenderer(app.api);
  });
  afterAll(async () => {
    await host?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad key, accepts a good one and shows the first sync to the end', async () => {
    const { context, page, problems } = await newPage(host);
    await page.getByRole('heading', { name: 'Welcome to Glue Desk' }).waitFor();
    await shot(page, 'first-run');
    await page.getByLabel('Region').selectOption('custom');
    await page.getByLabel('Base URL').fill(fake.url);
    await page.getByLabel('API key').fill('ITG.wrong-key-123');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('alert').filter({ hasText: /key/i }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).not.toContain('ITG.wrong-key-123');
    await page.getByLabel('API key').fill(DEMO_API_KEY);
    await page.getByRole('button', { name: 'Connect' }).click();
    const first = page.getByRole('region', { name: 'First sync' });
    await first.waitFor();
    await first.getByRole('heading', { name: 'All synced' }).waitFor({ timeout: 30_000 });
    await shot(page, 'first-sync');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the app on a synced demo profile', () => {
  let p: SeededProfile;
  let app: GlueApp;
  let host: WebHost;
  beforeAll(async () => {
    p = await seedProfile({ profile: 'demo-e2e' });
    app = await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`) });
    // Connected to the fake server so the app is past its first run.
    const c = await app.api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: DEMO_API_KEY });
    if (!c.ok) throw new Error(c.error.message);
    host = await serveRenderer(app.api);
  });
  afterAll(async () => {
    await host?.close();
    p?.close();
  });

  it('answers questions with source cards, and says No data available when it has none', async () => {
    const { context, page, problems } = await newPage(host);
    const box = page.getByRole('combobox', { name: 'Ask a question' });
    await box.fill('what is the firewall at Harbor Freight Logistics?');
    await box.press('Enter');
    const sources = page.getByRole('region', { name: 'Sources' }).or(page.locator('[aria-label="Sources"]')).first();
    await sources.waitFor();
    expect(await page.locator('.source-card').count()).toBeGreaterThan(0);
    expect(await page.locator('.source-card').first().textContent()).toContain('HFL-FW01');
    await box.fill('who is the CEO of Mars');
    await box.press('Enter');
    await page.getByText('No data available').first().waitFor();
    await shot(page, 'chat');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('drills from an organization to a configuration and through a related item', async () => {
    const { context, page, problems } = await newPage(host);
    await page.getByRole('button', { name: 'Browse' }).click();
    await page.getByLabel('Filter organizations').fill('Harbor');
    await page.getByText('Harbor Freight Logistics').first().click();
    await page.getByText('HFL-FW01').first().click();
    const detail = page.getByRole('article', { name: /HFL-FW01/ });
    await detail.waitFor();
    await detail.getByRole('region', { name: 'Interfaces' }).waitFor();
    await shot(page, 'org-browser');
    const related = detail.locator('section[aria-label="Uses / belongs to"] button, section[aria-label="Used by / contains"] button').first();
    const name = (await related.textContent()) ?? '';
    await related.click();
    await page.getByRole('button', { name: 'Back to previous record' }).waitFor();
    expect(name.length).toBeGreaterThan(0);
    await shot(page, 'related-item');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reveals and copies a password, clears the clipboard after the shortened timeout, and logs both', async () => {
    const set = await app.api.settings.update({ clipboardClearSeconds: 5 });
    expect(set.ok).toBe(true);
    const { context, page, problems } = await newPage(host);
    await page.getByRole('button', { name: 'Browse' }).click();
    await page.getByLabel('Filter organizations').fill('Acme Corp');
    await page.getByText('Acme Corp').first().click();
    await page.getByRole('tab', { name: /Passwords/ }).click();
    await page.getByLabel('Filter passwords').waitFor();
    await page.locator('.rec-row').filter({ hasNotText: 'No value' }).first().click();
    const reveal = page.getByRole('button', { name: /^Reveal password of / }).first();
    await reveal.waitFor();
    const pwName = ((await reveal.getAttribute('aria-label')) ?? '').replace('Reveal password of ', '');
    await reveal.click();
    await page.getByLabel(`Password of ${pwName}`, { exact: true }).waitFor();
    await shot(page, 'passwords');
    await page.getByRole('button', { name: `Copy password of ${pwName}` }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()'), { timeout: 5_000 }).not.toBe('');
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()'), { timeout: 15_000, interval: 500 }).toBe('');
    await page.getByRole('button', { name: 'Settings' }).click();
    const log = page.getByRole('region', { name: 'Password access log' }).or(page.locator('[aria-labelledby="h-audit"]')).first();
    await log.getByText(pwName).first().waitFor();
    await log.scrollIntoViewIfNeeded();
    await shot(page, 'settings-audit');
    expect(problems).toEqual([]);
    await context.close();
    await app.api.settings.update({ clipboardClearSeconds: 30 });
  });

  it('keeps a settings toggle after a reload', async () => {
    const { context, page } = await newPage(host);
    await page.getByRole('button', { name: 'Settings' }).click();
    const toggle = page.getByRole('switch', { name: 'Let Claude read password values' });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.getByRole('switch', { name: 'Let Claude read password values' }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('switch', { name: 'Let Claude read password values' }).click();
    await context.close();
  });

  it('shows the HTML-injection note as text: no dialog, no img element', async () => {
    const { context, page, problems } = await newPage(host);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const box = page.getByRole('combobox', { name: 'Ask a question' });
    await box.fill('door code changed');
    await box.press('Enter');
    await page.locator('.turn').last().locator('.source-card, strong').first().waitFor();
    const cards = page.locator('.source-card');
    if ((await cards.count()) > 0) await cards.first().click();
    await page.waitForTimeout(500);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(problems.filter((m) => /alert|xss/i.test(m))).toEqual([]);
    await context.close();
  });

  it('looks right in dark mode', async () => {
    const { context, page } = await newPage(host, { dark: true });
    const box = page.getByRole('combobox', { name: 'Ask a question' });
    await box.fill('what is the firewall at Harbor Freight Logistics?');
    await box.press('Enter');
    await page.locator('.source-card').first().waitFor();
    await shot(page, 'chat-dark');
    await context.close();
  });

  it('web host refuses a wrong token and a non-loopback Host header', async () => {
    const wrong = await fetch(`${host.origin}/api/sync/status`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-glue-token': 'nope' }, body: '{}' });
    expect(wrong.status).toBe(401);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${host.origin}/api/sync/status`, { method: 'POST', headers: { host: 'evil.example.com', 'content-type': 'application/json', 'x-glue-token': host.token } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBeGreaterThanOrEqual(400);
    const right = await fetch(`${host.origin}/api/sync/status`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-glue-token': host.token }, body: '{}' });
    expect(right.status).toBe(200);
  });
});
