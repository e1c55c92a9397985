import type { RecordType } from '../../../shared/domain';
import { createItGlueClient, type ItGlueClient } from '../itglue/client';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue, type FakeOptions } from '../itglue/fake/server';
import { createTempStore, type TempStore } from '../store/testing';

/** A fake tenant over HTTP and a real SQLCipher store in a temp dir, for sync tests. */
export interface SyncRig {
  fake: FakeItGlue;
  temp: TempStore;
  client: ItGlueClient;
  close(): Promise<void>;
}

export const TODAY = '2026-01-23';

export async function createRig(fakeOptions: FakeOptions = {}, apiKey = DEMO_API_KEY): Promise<SyncRig> {
  const fake = await startFakeItGlue({ today: TODAY, ...fakeOptions });
  const temp = createTempStore();
  const client = createItGlueClient({ baseUrl: fake.url, apiKey, backoffBaseMs: 5, budget: { requests: 100_000, windowMs: 300_000 }, concurrency: 6 });
  return {
    fake,
    temp,
    client,
    close: async () => {
      temp.cleanup();
      await fake.close();
    },
  };
}

export const liveCount = (rig: SyncRig, type: RecordType): number =>
  rig.temp.store.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM records WHERE type = ? AND deleted_at IS NULL').get(type)?.n ?? 0;
