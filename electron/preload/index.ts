// Exposes exactly the contract-derived API as `window.glue`, plus the shell's own event.
// Bundled to one CommonJS file because a sandboxed preload cannot load ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApiClient, eventChannel, methodChannel } from '../../shared/ipc';
import { err, type Result } from '../../shared/result';

const FOCUS_SEARCH_CHANNEL = 'glue:shell.onDidRequestFocusSearch';

function on(channel: string, listener: (payload: unknown) => void): () => void {
  const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => void ipcRenderer.removeListener(channel, wrapped);
}

const api = createApiClient({
  async invoke(domain, method, arg): Promise<Result<unknown>> {
    try {
      const r: unknown = await ipcRenderer.invoke(methodChannel(domain, method), arg);
      return isResult(r) ? r : err('INTERNAL', 'Glue Desk sent an unexpected reply; restart the app.');
    } catch {
      return err('INTERNAL', 'Glue Desk could not reach its background process; restart the app.');
    }
  },
  subscribe: (domain, event, listener) => on(eventChannel(domain, event), listener),
});

function isResult(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  return v.ok === true ? 'value' in v : v.ok === false && 'error' in v;
}

contextBridge.exposeInMainWorld('glue', {
  ...api,
  shell: { onDidRequestFocusSearch: (listener: () => void) => on(FOCUS_SEARCH_CHANNEL, () => listener()) },
});
