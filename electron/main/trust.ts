// Who may call the IPC API and where links may go. Pure functions, unit-tested.
import { pathToFileURL } from 'node:url';

export interface RendererOrigin {
  /** Absolute path of the built renderer's index.html. */
  indexFile: string;
  /** electron-vite dev server URL (ELECTRON_RENDERER_URL), only in development. */
  devUrl: string | null;
}

/** Only our own page (file:// index or the dev server) may talk to main. */
export function isTrustedSenderUrl(url: string | undefined, origin: RendererOrigin): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const ours = new URL(pathToFileURL(origin.indexFile).href);
    return parsed.pathname === ours.pathname;
  }
  if (origin.devUrl) {
    const dev = new URL(origin.devUrl);
    return parsed.origin === dev.origin;
  }
  return false;
}

const ITGLUE_HOST = /(^|\.)itglue\.com$/i;

/** External links open in the system browser only for https IT Glue pages. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && ITGLUE_HOST.test(u.hostname) && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
