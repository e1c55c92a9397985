// On-demand details in the app (issue 16): a first sync stopped as soon as it is searchable, then
// a configuration opened in the built renderer (Debian's Chromium, through the web host, over the
// real GlueApi) shows its related items, fetched with one request to the fake IT Glue server;
// with IT Glue unreachable, a record opens with its listed fields and says why details are missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncFinished } from '../shared/ipc';
import type { WebHost } from '../electron/web-host';
import { openGlueApp, type GlueApp } from '../electron/core/app/index';
import { TEST_PASSPHRASE } from '../electron/core/app/testing';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../electron/core/itglue/fake/server';
import type { FakeResource } from '../electron/core/itglue/fake/dataset';
import { smallDemoTenant, TODAY } from '../electron/core/sync/test-helpers';
import { launchBrowser, serveRenderer, watchConsole } from './harness';

let browser: Browser;
let fake: FakeItGlue;
let app: GlueApp;
let host: WebHost;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  fake = await startFakeItGlue({ today: TODAY, dataset: smallDemoTenant(3), logRequests: true });
  dir = mkdtempSync(join(tmpdir(), 'glue-e2e-on-demand-'));
  const opened = await openGlueApp({ door: 'app', dataDir: dir, profile: 'od', env: { GLUE_MODEL_DIR: join(dir, 'models') }, passphrase: TEST_PASSPHRASE, connectAlternates: [] });
  if (!opened.ok) throw new Error(opened.error.message);
  app = opened.value;
  const c = await app.api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: DEMO_API_KEY });
  if (!c.ok) throw new Error(c.error.message);
  const finished = new Promise<SyncFinished>((resolve) => app.api.sync.onDidFinish(resolve));
  app.api.sync.onDidProgress((p) => {
    if (p.message.startsWith('Searchable:')) void app.api.sync.cancel({});
  });
  const started = await app.api.sync.start({ full: true });
  if (!started.ok) throw new Error(started.error.message);
  expect((await finished).outcome).toBe('cancelled');
  host = await serveRenderer(app.api);
}, 120_000);
afterAll(async () => {
  await host?.close();
  await app?.close();
  await browser?.close();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Configurations IT Glue relates to something, with unique names in their org, last ids first. */
function pendingConfigs(): FakeResource[] {
  const withRelated = new Set(fake.dataset.related_items!.data.filter((r) => r.attributes['resource-type'] === 'Configuration').map((r) => String(r.attributes['resource-id'])));
  const configs = fake.dataset.configurations!.data;
  const name = (c: FakeResource) => String(c.attributes.name);
  return configs
    .filter((c) => withRelated.has(c.id) && configs.filter((o) => o.attributes['organization-id'] === c.attributes['organization-id'] && name(o).includes(name(c))).length === 1)
    .sort((a, b) => Number(b.id) - Number(a.id));
}

async function openConfig(page: Page, config: FakeResource): Promise<void> {
  const org = fake.dataset.organizations!.data.find((o) => Number(o.id) === Number(config.attributes['organization-id']))!;
  await page.getByRole('button', { name: 'Browse' }).click();
  const filter = page.getByLabel('Filter organizations');
  await filter.fill(String(org.attributes.name));
  await filter.press('Enter');
  await page.getByRole('heading', { name: String(org.attributes.name) }).waitFor();
  const records = page.getByLabel('Filter records');
  await records.fill(String(config.attributes.name));
  await page.getByRole('option', { name: new RegExp(String(config.attributes.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().waitFor();
  await records.press('ArrowDown');
  await page.getByRole('article', { name: `Configuration ${String(config.attributes.name)}` }).waitFor();
}

describe('opening a record whose details are pending', () => {
  it('shows its related items, fetched with one request; offline, its listed fields and a note', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(host.url);
    const [first, second] = pendingConfigs();
    fake.resetStats();
    await openConfig(page, first!);
    await page.getByRole('region', { name: /Uses \/ belongs to|Used by \/ contains/ }).first().waitFor();
    expect((fake.stats().log ?? []).filter((l) => l.startsWith('/configurations/'))).toEqual([expect.stringMatching(new RegExp(`^/configurations/${first!.id}\\?`))]);
    expect(await page.getByRole('status').filter({ hasText: 'listed fields' }).count()).toBe(0);

    await fake.close();
    await openConfig(page, second!);
    await page.getByRole('status').filter({ hasText: 'could not be reached' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
