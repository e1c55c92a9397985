import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/result';
import { createTestApi } from '../../../shared/ipc/test-api';
import type { SyncStatus } from '../../../shared/ipc';
import { createSyncStore } from './sync';
import { flush } from './test-deps';

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  configured: true, lastSyncAt: null, running: false, progress: null, counts: {}, skipped: [], storeBytes: 0, model: { state: 'fixture', name: 'bow' }, warnings: [], ...over,
});

describe('sync store', () => {
  it('tracks progress per type from events and reloads status when the run ends', async () => {
    let loads = 0;
    const t = createTestApi({ sync: { status: async () => ok(status({ lastSyncAt: loads++ ? '2026-11-23T10:00:00.000Z' : null })), start: async () => ok({ runId: 'r' }) } });
    const store = createSyncStore({ api: t.api });
    const off = store.getState().attach();
    await store.getState().load();
    await store.getState().start(true);
    expect(store.getState().status?.running).toBe(true);
    const p = { runId: 'r', phase: 'list' as const, orgId: null, requestsUsed: 3, etaSeconds: 40, message: '' };
    t.emit('sync', 'onDidProgress', { ...p, resourceType: 'configurations', done: 10, total: 100 });
    t.emit('sync', 'onDidProgress', { ...p, resourceType: 'passwords', done: 5, total: 50 });
    expect(Object.keys(store.getState().byType)).toEqual(['configurations', 'passwords']);
    t.emit('sync', 'onDidFinish', { runId: 'r', outcome: 'completed', error: null, counts: {}, requestsUsed: 9, finishedAt: 'now' });
    await flush();
    expect(store.getState().status?.lastSyncAt).toBe('2026-11-23T10:00:00.000Z');
    off();
    expect(t.listenerCount()).toBe(0);
  });

  it('shows indexing after a sync as background work that does not make the sync look running', async () => {
    const t = createTestApi({ sync: { status: async () => ok(status()) } });
    const store = createSyncStore({ api: t.api });
    const off = store.getState().attach();
    await store.getState().load();
    const p = { runId: 'r', resourceType: null, orgId: null, requestsUsed: 3, etaSeconds: 5, message: 'Indexing' };
    t.emit('sync', 'onDidProgress', { ...p, phase: 'index', done: 10, total: 100 });
    expect(store.getState().indexing?.done).toBe(10);
    expect(store.getState().status?.running).toBe(false);
    t.emit('sync', 'onDidProgress', { ...p, phase: 'done', done: 100, total: 100 });
    expect(store.getState().indexing).toBeNull();
    expect(store.getState().status?.running).toBe(false);
    off();
  });

  it('marks the app offline when the host is unreachable', async () => {
    const t = createTestApi({ sync: { status: async () => err('NETWORK', 'Cannot reach Glue Desk.') } });
    const store = createSyncStore({ api: t.api });
    await store.getState().load();
    expect(store.getState().offline).toBe(true);
  });
});
