// Exposes exactly the contract-derived API as `window.glue`, plus the shell's own event.
// A sandboxed preload can require only 'electron', so it imports nothing that pulls in an npm
// package: the method/event names come from main, derived there from the contract table.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApiClient, channelOf, CONTRACT_CHANNEL, type ContractNames } from '../../shared/ipc/client';
import type { Result } from '../../shared/result';

const FOCUS_SEARCH_CHANNEL = 'glue:shell.onDidRequestFocusSearch';

function on(channel: string, listener: (payload: unknown) => void): () => void {
  const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => void ipcRenderer.removeListener(channel, wrapped);
}

function isResult(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  return v.ok === true ? 'value' in v : v.ok === false && 'error' in v;
}

const fail = (code: 'INTERNAL', message: string): Result<unknown> => ({ ok: false, error: { code, message } });

const names: ContractNames | null = ipcRenderer.sendSync(CONTRACT_CHANNEL);
if (names) {
  const api = buildApiClient(names, {
    async invoke(domain, method, arg) {
      try {
        const r: unknown = await ipcRenderer.invoke(channelOf(domain, method), arg);
        return isResult(r) ? r : fail('INTERNAL', 'Glue Desk sent an unexpected reply; restart the app.');
      } catch {
        return fail('INTERNAL', 'Glue Desk could not reach its background process; restart the app.');
      }
    },
    subscribe: (domain, event, listener) => on(channelOf(domain, event), listener),
  });
  contextBridge.exposeInMainWorld('glue', {
    ...api,
    shell: { onDidRequestFocusSearch: (listener: () => void) => on(FOCUS_SEARCH_CHANNEL, () => listener()) },
  });
}
