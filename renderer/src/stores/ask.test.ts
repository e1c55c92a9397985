import { describe, expect, it } from 'vitest';
import { NO_DATA, type Answer } from '../../../shared/domain';
import { err, ok } from '../../../shared/result';
import { createTestApi } from '../../../shared/ipc/test-api';
import { createAskStore } from './ask';
import { manualTimers, memoryStorage } from './test-deps';

const answer = (text: string): Answer => ({
  answer: text,
  noData: text === NO_DATA,
  confidence: 0.9,
  intent: 'configuration',
  org: { id: 3, name: 'Acme Dental' },
  sources: [{ type: 'configurations', id: '455', name: 'FW01', org: { id: 3, name: 'Acme Dental' }, url: 'https://acme.itglue.com/3/configurations/455', snippet: 'x'.repeat(1000) }],
  didYouMean: [],
});

describe('ask store', () => {
  it('asks with the picked @org scope and keeps history across reloads', async () => {
    const storage = memoryStorage();
    const t = createTestApi({ ask: { ask: async ({ question }) => ok(answer(`The firewall for "${question}" is FW01`)) } });
    const store = createAskStore({ api: t.api, storage, timers: manualTimers() });
    store.getState().pickOrg({ id: 3, name: 'Acme Dental' });
    await store.getState().ask('@Acme Dental firewall?');
    expect(t.calls[0]?.arg).toEqual({ question: '@Acme Dental firewall?', orgId: 3 });
    expect(store.getState().turns[0]?.answer?.answer).toContain('FW01');

    const reloaded = createAskStore({ api: t.api, storage, timers: manualTimers() });
    expect(reloaded.getState().turns).toHaveLength(1);
    expect(reloaded.getState().turns[0]?.answer?.sources[0]?.snippet.length).toBeLessThanOrEqual(300);
  });

  it('drops the scope when the mention was edited away', async () => {
    const t = createTestApi({ ask: { ask: async () => ok(answer(NO_DATA)) } });
    const store = createAskStore({ api: t.api, storage: memoryStorage(), timers: manualTimers() });
    store.getState().pickOrg({ id: 3, name: 'Acme Dental' });
    await store.getState().ask('firewall?');
    expect(t.calls[0]?.arg).toEqual({ question: 'firewall?' });
  });

  it('keeps errors on the turn and does not persist them; ignores corrupt history', async () => {
    const storage = memoryStorage();
    storage.setItem('glue.chatHistory.v1', '{"not":"an array"');
    const t = createTestApi({ ask: { ask: async () => err('NOT_SYNCED', 'Run a first sync.') } });
    const store = createAskStore({ api: t.api, storage, timers: manualTimers() });
    expect(store.getState().turns).toEqual([]);
    await store.getState().ask('anything');
    expect(store.getState().turns[0]?.error?.code).toBe('NOT_SYNCED');
    expect(storage.getItem('glue.chatHistory.v1')).toBe('[]');
  });
});
