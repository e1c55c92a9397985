// Shared e2e plumbing: Debian's Chromium through playwright-core (no browser download), and
// the web host serving the built renderer. The test command builds (`npm run build`) first.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { GlueApi } from '../shared/ipc';
import { startWebHost, type WebHost } from '../electron/web-host';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER_DIR = join(ROOT, 'out', 'renderer');
const CHROMIUM = process.env.GLUE_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set GLUE_CHROMIUM).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function serveRenderer(api: GlueApi): Promise<WebHost> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` before the e2e tests.');
  return startWebHost({ api, staticDir: RENDERER_DIR });
}

/** Collects console errors and CSP violations so a test can assert the page ran cleanly. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}
