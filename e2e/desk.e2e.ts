// A desk tool a technician keeps open (issue 17): the layout from 800×600 up, the keyboard
// flows (quick switcher, filter boxes, Esc), answer cards that lead with the answer, and the
// screenshots of each view at three sizes, light and dark. The built renderer in Debian's
// Chromium, through the web host, over the real GlueApi on a seeded demo profile.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../electron/web-host';
import type { GlueApp } from '../electron/core/app/index';
import { type SeededProfile, seedProfile, unwrap } from '../electron/core/app/testing';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../electron/core/itglue/fake/server';
import { DEMO_TODAY } from '../electron/core/testing/seed-demo';
import { launchBrowser, ROOT, serveRenderer, watchConsole } from './harness';

const SHOTS = join(ROOT, 'e2e', 'screenshots');
const SIZES = [
  { width: 800, height: 600 },
  { width: 1024, height: 768 },
  { width: 1400, height: 900 },
] as const;
type Size = (typeof SIZES)[number];

let browser: Browser;
let fake: FakeItGlue;
let p: SeededProfile;
let app: GlueApp;
let host: WebHost;

beforeAll(async () => {
  browser = await launchBrowser();
  fake = await startFakeItGlue({ port: 0, today: DEMO_TODAY });
  p = await seedProfile({ profile: 'desk-e2e' });
  app = await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`) });
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

async function newPage(size: Size = { width: 1400, height: 900 }, dark = false): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: size, colorScheme: dark ? 'dark' : 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Browse' }).waitFor();
  return { context, page, problems };
}

// Runs in the page (a string: the node tsconfig has no DOM types).
const visiblePanes = async (page: Page) =>
  (await page.evaluate(
    `[...document.querySelectorAll('.browser > .pane')].filter((e) => getComputedStyle(e).display !== 'none').map((e) => { const r = e.getBoundingClientRect(); return { width: r.width, height: r.height }; })`,
  )) as { width: number; height: number }[];

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };

describe('a layout that holds', () => {
  for (const size of SIZES) {
    it(`at ${size.width}×${size.height} an open record leaves a way back to the list, and no pane shrinks to nothing`, async () => {
      const { context, page, problems } = await newPage(size);
      await page.getByRole('button', { name: 'Browse' }).click();
      const filter = page.getByLabel('Filter organizations');
      await filter.fill('Harbor Freight');
      await filter.press('Enter'); // Enter takes the first match
      await page.getByRole('heading', { name: 'Harbor Freight Logistics' }).waitFor();
      const records = page.getByLabel('Filter records');
      await records.fill('FW01');
      await records.press('ArrowDown'); // opens the first row and moves into the list
      const detail = page.getByRole('article', { name: /HFL-FW01/ });
      await detail.waitFor();
      const panes = await visiblePanes(page);
      for (const r of panes) {
        expect(r.width).toBeGreaterThan(200);
        expect(r.height).toBeGreaterThan(size.height - 120);
      }
      if (size.width < 1200) {
        // Stacked: the detail replaces the org list (and the records below 900 px).
        expect(panes.length).toBe(size.width < 900 ? 1 : 2);
        const back = page.getByRole('button', { name: 'Close record (Esc)' });
        await back.waitFor();
        // A flex item that shrinks to nothing is "visible" to the locator: check its height.
        expect((await back.boundingBox())?.height ?? 0).toBeGreaterThan(20);
      } else {
        expect(panes.length).toBe(3);
        expect((await box(page, '.pane-records .vlist')).height).toBeGreaterThan(300);
      }
      // Esc closes the record; the record list is back, with room to pick another one.
      await page.keyboard.press('Escape');
      await detail.waitFor({ state: 'detached' });
      expect((await box(page, '.pane-records')).height).toBeGreaterThan(size.height - 120);
      if (size.width < 900) {
        await page.getByRole('button', { name: '← Organizations' }).click();
        await page.getByLabel('Filter organizations').waitFor();
      }
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  }
});

describe('the quick switcher (Ctrl/⌘K) and the four daily tasks by keyboard', () => {
  const switcher = (page: Page) => page.getByRole('combobox', { name: 'Go to an organization, record, password or command' });
  const clipboard = (page: Page) => page.evaluate('navigator.clipboard.readText()') as Promise<string>;

  it('finds an IP: type the device, Enter opens it, Ctrl+Enter copies its IP; recent items show when empty', async () => {
    const { context, page, problems } = await newPage();
    await page.keyboard.press('Control+k');
    await switcher(page).waitFor();
    await switcher(page).fill('HFL-FW01');
    const first = page.getByRole('option').first();
    await expect.poll(() => first.textContent()).toContain('HFL-FW01');
    await switcher(page).press('Control+Enter');
    await expect.poll(() => clipboard(page)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const ip = await clipboard(page);
    await page.getByText(`Copied IP ${ip}`).waitFor();
    await switcher(page).press('Enter');
    await page.getByRole('article', { name: /HFL-FW01/ }).waitFor();
    // Esc closes the switcher; opened again with nothing typed, the device is under Recent.
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('HFL-FW01');
    await page.keyboard.press('Escape');
    await switcher(page).waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('copies a password: Ctrl+Enter goes through the audited copy, clears itself, and the log shows it', async () => {
    const set = await app.api.settings.update({ clipboardClearSeconds: 5 });
    expect(set.ok).toBe(true);
    const { context, page, problems } = await newPage();
    await page.keyboard.press('Control+k');
    await switcher(page).fill('Firewall Admin');
    const row = page.getByRole('option').filter({ hasText: 'Acme Dental' }).first();
    await row.waitFor();
    await row.hover();
    await switcher(page).press('Control+Enter');
    await page.getByText(/Copied the password of Firewall Admin · clears in [1-5] s/).waitFor();
    const acmeDental = unwrap(await app.api.org.list({ query: 'Acme Dental' }))[0];
    const pw = unwrap(await app.api.vault.list({ orgId: acmeDental?.id ?? 0, query: 'Firewall Admin' }))[0];
    const audit = unwrap(await app.api.vault.audit({ limit: 5 }));
    expect(audit[0]).toMatchObject({ door: 'app', action: 'copy', field: 'password', passwordId: pw?.id });
    expect((await clipboard(page)).length).toBeGreaterThan(6);
    await expect.poll(() => clipboard(page), { timeout: 15_000, interval: 500 }).toBe('');
    expect(problems).toEqual([]);
    await context.close();
    await app.api.settings.update({ clipboardClearSeconds: 30 });
  }, 40_000);

  it('opens a runbook and asks a question without the mouse', async () => {
    const { context, page, problems } = await newPage();
    await page.keyboard.press('Control+k');
    await switcher(page).fill('firewall change runbook');
    await expect.poll(() => page.getByRole('option').first().textContent(), { timeout: 5000 }).toContain('Firewall change runbook');
    await switcher(page).press('Enter');
    await page.getByRole('article', { name: /Document Firewall change runbook/ }).waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await switcher(page).fill('ask');
    await expect.poll(() => page.getByRole('option', { selected: true }).textContent({ timeout: 2000 }), { timeout: 5000 }).toContain('Ask a question');
    await switcher(page).press('Enter');
    const box = page.getByRole('combobox', { name: 'Ask a question' });
    await expect.poll(() => box.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('what is the firewall at Harbor Freight Logistics?');
    await page.keyboard.press('Enter');
    await page.locator('.source-card').first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs commands: settings, connect Claude (the card, focused) and sync now', async () => {
    const { context, page, problems } = await newPage();
    await page.keyboard.press('Control+k');
    await switcher(page).fill('connect claude');
    await switcher(page).press('Enter');
    await page.getByRole('heading', { name: 'Claude Desktop' }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.closest("[aria-labelledby=h-claude]") !== null')).toBe(true);
    const before = unwrap(await app.api.sync.status({})).lastSyncAt;
    await page.keyboard.press('Control+k');
    await switcher(page).fill('sync now');
    await switcher(page).press('Enter');
    await expect.poll(async () => unwrap(await app.api.sync.status({})).lastSyncAt, { timeout: 30_000 }).not.toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('answer cards lead with the answer', () => {
  const ask = async (page: Page, q: string) => {
    const box = page.getByRole('combobox', { name: 'Ask a question' });
    await box.fill(q);
    await box.press('Enter');
    await page.locator('.turn').last().locator('.answer').waitFor();
    return page.locator('.turn').last();
  };
  const clipboard = (page: Page) => page.evaluate('navigator.clipboard.readText()') as Promise<string>;

  it('puts the asked-for value first with a copy button; every IP and MAC of the record is copyable, in one MAC format', async () => {
    const { context, page, problems } = await newPage();
    const turn = await ask(page, '@acme dental firewall wan ip');
    const lead = turn.locator('.answer-lead');
    await expect.poll(() => lead.locator('.lead-text').textContent()).toBe('198.51.100.101');
    expect(await lead.textContent()).toContain('ACMD-FW01 (Acme Dental)');
    await lead.getByRole('button', { name: /^Copy / }).click();
    await expect.poll(() => clipboard(page)).toBe('198.51.100.101');
    // The lead comes before the facts and the source card.
    const order = await turn.evaluate((el) => [...el.querySelectorAll('.answer-lead, .answer-facts, .source-card')].map((e) => e.className.split(' ')[0]));
    expect(order.slice(0, 3)).toEqual(['answer-lead', 'answer-facts', 'source-card']);
    await turn.getByRole('button', { name: 'Copy IP 192.168.1.1' }).first().click();
    await expect.poll(() => clipboard(page)).toBe('192.168.1.1');
    await turn.getByRole('button', { name: 'Copy MAC 00:09:0f:8c:42:10' }).click();
    await expect.poll(() => clipboard(page)).toBe('00:09:0f:8c:42:10');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('groups "what expires" by organization with counts and "in N days", sources folded away', async () => {
    const { context, page, problems } = await newPage();
    // The demo tenant's dates are relative to its own today.
    await page.clock.setFixedTime(new Date(`${DEMO_TODAY}T12:00:00`));
    const turn = await ask(page, 'what expires in the next 30 days');
    const list = turn.locator('.answer-list');
    await list.waitFor();
    const groups = list.locator('.group-title');
    expect(await groups.count()).toBeGreaterThan(3);
    expect(await groups.first().textContent()).toMatch(/^Acme Corp \d+$/);
    expect(await list.locator('time').first().textContent()).toMatch(/\((tomorrow|in \d+ days)\)$/);
    expect(await turn.locator('.source-card:visible').count()).toBe(0);
    expect(await turn.locator('.sources-fold summary').textContent()).toMatch(/^\d+ sources$/);
    // An item opens its record.
    await list.getByRole('button', { name: /^Open / }).first().click();
    await page.getByRole('article').first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a password answer carries Copy and Reveal through the audited viewer path, with a true countdown', async () => {
    const { context, page, problems } = await newPage();
    const turn = await ask(page, 'wifi password for acme corp');
    const entries = turn.getByRole('list', { name: 'Passwords in this answer' });
    await entries.waitFor();
    expect(await turn.textContent()).not.toContain('reveal it in Glue Desk');
    const reveal = entries.getByRole('button', { name: 'Reveal password of Wi-Fi (Staff)' });
    await reveal.click();
    const hide = entries.getByRole('button', { name: 'Hide password of Wi-Fi (Staff)' });
    await hide.waitFor();
    // From the first frame: never more than the configured 20 s.
    expect(Number((await hide.textContent())?.replace(/\D/g, ''))).toBeLessThanOrEqual(20);
    await entries.getByRole('button', { name: 'Copy password of Wi-Fi (Staff)' }).click();
    await entries.getByText(/Copied · clears in (30|29)s/).waitFor();
    const audit = unwrap(await app.api.vault.audit({ limit: 2 }));
    expect(audit.map((a) => [a.door, a.action, a.passwordName, a.org?.name])).toEqual([
      ['app', 'copy', 'Wi-Fi (Staff)', 'Acme Corp'],
      ['app', 'reveal', 'Wi-Fi (Staff)', 'Acme Corp'],
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an org name two organizations share asks which one, and starter chips name organizations this store has', async () => {
    const { context, page, problems } = await newPage();
    const orgs = unwrap(await app.api.org.list({})).map((o) => o.name);
    const chips = page.getByRole('group', { name: 'Starter questions' }).or(page.locator('[aria-label="Starter questions"]')).first().getByRole('button');
    await expect.poll(() => chips.count()).toBeGreaterThanOrEqual(3);
    const texts = await chips.allTextContents();
    expect(texts.some((t) => orgs.some((o) => t.includes(o)))).toBe(true);
    const turn = await ask(page, '@acme firewall');
    await turn.getByText('Which organization did you mean?').waitFor();
    await turn.getByRole('button', { name: 'Acme Dental' }).click();
    await page.locator('.turn').last().getByText('ACMD-FW01').first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('contacts get mailto:, tel: and copy', async () => {
    const { context, page, problems } = await newPage();
    const turn = await ask(page, 'main contact at acme dental');
    const mail = turn.getByRole('link', { name: 'olivia.khan@acmedental.com' });
    expect(await mail.getAttribute('href')).toBe('mailto:olivia.khan@acmedental.com');
    expect(await turn.getByRole('link', { name: '+1 555-0179 x178' }).getAttribute('href')).toBe('tel:+15550179;ext=178');
    await turn.getByRole('button', { name: 'Copy e-mail olivia.khan@acmedental.com' }).click();
    await expect.poll(() => clipboard(page)).toBe('olivia.khan@acmedental.com');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('screenshots of each view at 800×600, 1024×768 and 1400×900, light and dark', () => {
  for (const dark of [false, true]) {
    for (const size of SIZES) {
      const tag = `${size.width}x${size.height}-${dark ? 'dark' : 'light'}`;
      it(`ask, browse, switcher and settings at ${tag}`, async () => {
        const { context, page, problems } = await newPage(size, dark);
        const shot = (view: string) => page.screenshot({ path: join(SHOTS, `${view}-${tag}.png`) });
        // Ask: an answer card that leads with the value.
        const box = page.getByRole('combobox', { name: 'Ask a question' });
        await box.fill('@acme dental firewall wan ip');
        await box.press('Enter');
        await page.locator('.answer-lead').last().waitFor();
        await shot('ask');
        // Browse: a record open (stacked below 1200 px).
        await page.keyboard.press('Control+k');
        const sw = page.getByRole('combobox', { name: 'Go to an organization, record, password or command' });
        await sw.fill('HFL-FW01');
        await expect.poll(() => page.getByRole('option').first().textContent()).toContain('HFL-FW01');
        await sw.press('Enter');
        await page.getByRole('article', { name: /HFL-FW01/ }).getByRole('region', { name: 'Interfaces' }).waitFor();
        await shot('browse');
        // The switcher with results.
        await page.keyboard.press('Control+k');
        await sw.fill('acme');
        await expect.poll(() => page.getByRole('option').first().textContent()).toContain('Acme');
        await shot('switcher');
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('heading', { name: 'Password access log' }).waitFor();
        await shot('settings');
        // Nothing overflows the window sideways at any size.
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        expect(problems).toEqual([]);
        await context.close();
      }, 60_000);
    }
  }
});
