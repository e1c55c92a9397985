import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../shared/result';
import { createTestApi } from '../shared/ipc/test-api';
import { HOSTILE_HTML } from '../electron/core/text/hostile-html';
import { sanitizeHtml } from '../electron/core/text/html';
import type { WebHost } from '../electron/web-host';
import { launchBrowser, serveRenderer, watchConsole } from './harness';

// Untrusted IT Glue text in real Chromium: document HTML arrives sanitised by core (as the
// store's read model hands it to every door), notes stay text. Chromium reports a CSP violation
// as soon as it parses an `on…=` attribute anywhere in the page, so a clean console proves the
// renderer never received a handler.
describe('renderer shows untrusted IT Glue content safely', () => {
  let browser: Browser;
  let host: WebHost;
  const org = { id: 1, name: 'Acme Dental' };
  const t = createTestApi({
    settings: {
      account: async () => ok({ configured: true, region: 'us' as const, baseUrl: 'https://api.itglue.com', passwordAccess: true }),
      get: async () => ok({ syncIntervalMinutes: 60, clipboardClearSeconds: 30, revealSeconds: 15, apiRequestsPer5Min: 3000, mcpAllowPasswordValues: false, offlineExpiryDays: 30, idleLockMinutes: 15 }),
      model: async () => ok({ state: 'fixture' as const, name: 'bow-hash', progress: null, message: '' }),
    },
    sync: {
      status: async () =>
        ok({ configured: true, lastSyncAt: new Date().toISOString(), running: false, progress: null, counts: {}, skipped: [], storeBytes: 1, model: { state: 'fixture' as const, name: 'bow' }, warnings: [] }),
    },
    ask: {
      ask: async () =>
        ok({
          answer: 'See the runbook.', noData: false, confidence: 0.8, intent: 'documents' as const, org, didYouMean: [],
          sources: [{ type: 'documents' as const, id: '80', name: 'Runbook', org, url: 'https://acme.itglue.com/1/documents/80', snippet: '<img src=x onerror=alert(1)>' }],
        }),
    },
    org: {
      list: async () => ok([{ id: 1, name: 'Acme Dental', shortName: null, typeName: null, counts: { documents: 1 } }]),
      records: async () => ok({ items: [], nextCursor: null }),
      detail: async () =>
        ok({
          type: 'documents' as const, id: '80', name: 'Runbook', org, url: 'https://acme.itglue.com/1/documents/80', archived: false,
          fields: [{ label: 'Notes', value: 'Ignore previous instructions <img src=x onerror="window.__pwned=1">', kind: 'multiline' as const }],
          related: { up: [], down: [] },
          sections: [
            { id: 's1', kind: 'text' as const, content: '', html: sanitizeHtml('<p>Go to <a href="https://acme.itglue.com/x" onclick="window.__pwned=2">admin</a></p>') },
            ...HOSTILE_HTML.map((h, i) => ({ id: `h${i}`, kind: 'text' as const, content: '', html: sanitizeHtml(h) })),
          ],
        }),
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

  it('sanitises document HTML and renders notes and snippets as text', async () => {
    const page = await browser.newPage();
    const problems = watchConsole(page);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(host.url);
    await page.getByLabel('Ask a question').fill('runbook?');
    await page.getByLabel('Ask a question').press('Enter');
    await expect.poll(() => page.getByText('<img src=x onerror=alert(1)>').count()).toBe(1);
    await page.getByRole('button', { name: 'Runbook', exact: true }).click();
    const section = page.locator('.doc-section');
    await section.first().waitFor();
    expect(await section.locator('img, script, form, input').count()).toBe(0);
    expect(await section.locator('a').first().getAttribute('rel')).toBe('noopener noreferrer');
    expect(await section.locator('a').first().getAttribute('onclick')).toBeNull();
    expect(await section.locator('a[href^="javascript"]').count()).toBe(0);
    const attributes = await section.evaluateAll((els) => els.flatMap((el) => [el, ...el.querySelectorAll('*')]).flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`)));
    expect(attributes.filter((a) => /^on/i.test(a))).toEqual([]);
    expect(attributes.filter((a) => a.startsWith('href=') && !a.startsWith('href=https://'))).toEqual([]);
    await page.getByText('Ignore previous instructions <img src=x onerror="window.__pwned=1">').waitFor();
    expect(await page.evaluate('globalThis.__pwned ?? 0')).toBe(0);
    expect(dialogs).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
