import { describe, expect, it } from 'vitest';
import { ok } from '../result';
import { IPC_SCHEMAS, type InputOf, type OutputOf } from './contract';
import { createApiClient, dispatch, eventChannel, methodChannel, subscribeAll } from './runtime';
import { createTestApi } from './test-api';

describe('IPC contract runtime', () => {
  it('derives one channel per method and event from the table', () => {
    expect(methodChannel('sync', 'status')).toBe('glue:sync.status');
    expect(eventChannel('sync', 'onDidProgress')).toBe('glue:sync.onDidProgress');
    const input: InputOf<'ask', 'ask'> = { question: 'what is the firewall at Acme?', orgId: 3 };
    expect(IPC_SCHEMAS.ask.ask.input.safeParse(input).success).toBe(true);
  });

  it('dispatches a valid call to the implementation and returns its result', async () => {
    const t = createTestApi({ ask: { suggestOrgs: async ({ prefix }) => ok([{ id: 1, name: `${prefix}me Corp` }]) } });
    const r = await dispatch(t.api, 'ask', 'suggestOrgs', { prefix: 'Ac' });
    expect(r).toEqual({ ok: true, value: [{ id: 1, name: 'Acme Corp' }] });
  });

  it('rejects bad shapes with INVALID_INPUT naming the field, before the implementation runs', async () => {
    const t = createTestApi({ vault: { reveal: async () => ok({ value: 'x', hideAfterSeconds: 5 }) } });
    const bad = await dispatch(t.api, 'vault', 'reveal', { id: '../../etc' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_INPUT');
      expect(bad.error.message).toContain('id');
    }
    const extra = await dispatch(t.api, 'settings', 'wipe', { confirm: 'yes' });
    expect(extra.ok ? null : extra.error.code).toBe('INVALID_INPUT');
    expect(t.calls).toHaveLength(0);
  });

  it('answers NOT_FOUND for unknown domains and methods, including prototype names', async () => {
    const t = createTestApi({});
    for (const [d, m] of [['nope', 'x'], ['sync', 'nope'], ['sync', 'constructor'], ['__proto__', 'x']] as const) {
      const r = await dispatch(t.api, d, m, {});
      expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    }
  });

  it('turns a throwing implementation into INTERNAL without leaking its message', async () => {
    const t = createTestApi({ sync: { status: async () => { throw new Error('/home/me/secret.db key=abc'); } } });
    const r = await dispatch(t.api, 'sync', 'status', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INTERNAL');
      expect(r.error.message).not.toContain('secret');
    }
  });

  it('builds a typed client over a transport and forwards every event', async () => {
    const t = createTestApi({ sync: { start: async ({ full }) => ok({ runId: full ? 'full' : 'incr' }) } });
    const client = createApiClient({
      invoke: (d, m, a) => dispatch(t.api, d, m, a),
      subscribe: (d, e, l) => subscribeAll(t.api, (dd, ee, p) => dd === d && ee === e && l(p)),
    });
    const started = await client.sync.start({ full: true });
    const runId: OutputOf<'sync', 'start'>['runId'] | null = started.ok ? started.value.runId : null;
    expect(runId).toBe('full');
    const seen: number[] = [];
    const off = client.sync.onDidProgress((p) => seen.push(p.done));
    t.emit('sync', 'onDidProgress', { done: 4 });
    off();
    t.emit('sync', 'onDidProgress', { done: 5 });
    expect(seen).toEqual([4]);
    expect(t.listenerCount()).toBe(0);
  });

  it('accepts https base URLs and loopback http only', () => {
    const parse = (baseUrl: string) => IPC_SCHEMAS.settings.connect.input.safeParse({ region: 'custom', baseUrl, apiKey: 'ITG.abcdefgh' }).success;
    expect(parse('https://api.itglue.com')).toBe(true);
    expect(parse('http://127.0.0.1:4010')).toBe(true);
    expect(parse('http://evil.example.com')).toBe(false);
    expect(IPC_SCHEMAS.settings.connect.input.safeParse({ region: 'custom', apiKey: 'ITG.abcdefgh' }).success).toBe(false);
  });
});
