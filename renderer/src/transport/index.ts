// Picks the host: the Electron preload bridge when present, else the web host over HTTP.
// Everything above this file sees one GlueApi and cannot tell which.
import type { GlueApi, Unsubscribe } from '../../../shared/ipc';
import { createHttpApi } from './http';
import { takeToken } from './token';

export interface ShellBridge {
  onDidRequestFocusSearch(listener: () => void): Unsubscribe;
}

declare global {
  interface Window {
    glue?: GlueApi & { shell?: ShellBridge };
  }
}

export interface Host {
  api: GlueApi;
  shell: ShellBridge | null;
  /** True when the host writes the system clipboard itself (Electron). */
  kind: 'electron' | 'web';
}

export function connectHost(): Host | { error: string } {
  if (window.glue) return { api: window.glue, shell: window.glue.shell ?? null, kind: 'electron' };
  const token = takeToken(window.location, window.history, window.sessionStorage);
  if (!token) return { error: 'This page needs the link Glue Desk printed when it started (it carries a one-time token).' };
  return { api: createHttpApi({ origin: window.location.origin, token }), shell: null, kind: 'web' };
}
