import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/result';
import { createTestApi } from '../../shared/ipc/test-api';
import { IPC_SCHEMAS } from '../../shared/ipc';
import { forwardEvents, registerIpcHandlers, type IpcMainLike } from './ipc';
import { isTrustedSenderUrl } from './trust';

type Handler = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const syncHandlers = new Map<string, Parameters<IpcMainLike['on']>[1]>();
  const sendSync = (channel: string, url: string) => {
    const event = { senderFrame: { url }, returnValue: undefined as unknown };
    syncHandlers.get(channel)?.(event);
    return event.returnValue;
  };
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
    on: (channel, listener) => void syncHandlers.set(channel, listener),
    removeAllListeners: (channel) => void syncHandlers.delete(channel),
  };
  const invoke = (channel: string, url: string | null, ...args: unknown[]) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: url === null ? null : { url } }, ...args);
  };
  return { ipc, handlers, invoke, sendSync };
}

const origin = { indexFile: '/opt/Glue Desk/resources/app.asar/out/renderer/index.html', devUrl: null };
const ours = 'file:///opt/Glue%20Desk/resources/app.asar/out/renderer/index.html#/chat';
const trusted = (url: string | undefined) => isTrustedSenderUrl(url, origin);

describe('Electron IPC handlers', () => {
  it('registers exactly one channel per contract method and removes them all', () => {
    const { ipc, handlers } = fakeIpcMain();
    const off = registerIpcHandlers(ipc, createTestApi({}).api, trusted);
    const expected = Object.entries(IPC_SCHEMAS).flatMap(([d, ms]) => Object.keys(ms).map((m) => `glue:${d}.${m}`));
    expect([...handlers.keys()].sort()).toEqual(expected.sort());
    off();
    expect(handlers.size).toBe(0);
  });

  it('gives the preload the contract names, derived from the table, only for our page', () => {
    const { ipc, sendSync } = fakeIpcMain();
    registerIpcHandlers(ipc, createTestApi({}).api, trusted);
    const names = sendSync('glue:contract', ours);
    expect(names).toMatchObject({ sync: { methods: ['status', 'start', 'cancel'], events: ['onDidProgress', 'onDidFinish'] } });
    expect(sendSync('glue:contract', 'https://evil.example/')).toBeNull();
  });

  it('answers calls from our own page', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const t = createTestApi({ org: { list: async ({ query }) => ok([{ id: 1, name: `${query ?? ''}Acme`, shortName: null, typeName: null, counts: {} }]) } });
    registerIpcHandlers(ipc, t.api, trusted);
    const r = await invoke('glue:org.list', ours, { query: 'x' });
    expect(r).toMatchObject({ ok: true, value: [{ name: 'xAcme' }] });
  });

  it('refuses foreign senders before touching core', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const t = createTestApi({ vault: { reveal: async () => ok({ value: 'hunter2', hideAfterSeconds: 10 }) } });
    registerIpcHandlers(ipc, t.api, trusted);
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'about:blank', null]) {
      const r = await invoke('glue:vault.reveal', url, { id: '12' });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(t.calls).toHaveLength(0);
  });

  it('rejects bad argument shapes with typed errors', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const t = createTestApi({ vault: { copy: async () => ok({ copied: true as const, clearAfterSeconds: 30 }) } });
    registerIpcHandlers(ipc, t.api, trusted);
    const cases: unknown[][] = [[{ id: '1', field: 'notes' }], [{ id: 1, field: 'password' }], ['1'], [{ id: '1', field: 'password' }, 'extra']];
    for (const args of cases) {
      const r = await invoke('glue:vault.copy', ours, ...args);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(t.calls).toHaveLength(0);
  });

  it('forwards contract events to the window channel', () => {
    const t = createTestApi({});
    const sent: [string, unknown][] = [];
    const off = forwardEvents(t.api, (channel, payload) => sent.push([channel, payload]));
    t.emit('sync', 'onDidFinish', { runId: 'a', outcome: 'completed' });
    off();
    t.emit('sync', 'onDidFinish', { runId: 'b' });
    expect(sent).toEqual([['glue:sync.onDidFinish', { runId: 'a', outcome: 'completed' }]]);
  });
});
