// Registers one handler per contract method and forwards every contract event, all derived
// from the table in shared/ipc. Every call is checked for its sender and parsed with zod.
import { err } from '../../shared/result';
import {
  CONTRACT_CHANNEL,
  DOMAINS,
  contractNames,
  dispatch,
  eventChannel,
  methodChannel,
  methodNames,
  subscribeAll,
  type GlueApi,
  type Unsubscribe,
} from '../../shared/ipc';

/** The slice of Electron's ipcMain we use; electron's ipcMain satisfies it. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: { senderFrame: { url: string } | null; returnValue: unknown }) => void): void;
  removeAllListeners(channel: string): void;
}

export function registerIpcHandlers(ipcMain: IpcMainLike, api: GlueApi, isTrustedSender: (url: string | undefined) => boolean): Unsubscribe {
  const channels: string[] = [];
  // The sandboxed preload cannot load zod, so it asks for the contract's names (synchronously,
  // once) and builds the bridge from them. Foreign frames get nothing.
  ipcMain.on(CONTRACT_CHANNEL, (event) => {
    event.returnValue = isTrustedSender(event.senderFrame?.url) ? contractNames() : null;
  });
  for (const domain of DOMAINS) {
    for (const method of methodNames(domain)) {
      const channel = methodChannel(domain, method);
      channels.push(channel);
      ipcMain.handle(channel, async (event, ...args) => {
        if (!isTrustedSender(event.senderFrame?.url)) return err('FORBIDDEN', 'This window may not use Glue Desk data.');
        if (args.length > 1) return err('INVALID_INPUT', `${domain}.${method} takes one argument object.`);
        return dispatch(api, domain, method, args[0]);
      });
    }
  }
  return () => {
    channels.forEach((c) => ipcMain.removeHandler(c));
    ipcMain.removeAllListeners(CONTRACT_CHANNEL);
  };
}

/** Sends every API event to the window (the preload re-dispatches it to listeners). */
export function forwardEvents(api: GlueApi, send: (channel: string, payload: unknown) => void): Unsubscribe {
  return subscribeAll(api, (domain, event, payload) => send(eventChannel(domain, event), payload));
}

export const FOCUS_SEARCH_CHANNEL = 'glue:shell.onDidRequestFocusSearch';
