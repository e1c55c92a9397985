import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priorityOrgIds } from '../../core/store/priority-orgs';
import { seedProfile, spawnServer, textOf, type SeededProfile, type SpawnedServer } from './test-harness';

let profile: SeededProfile;
let server: SpawnedServer;

beforeAll(async () => {
  profile = await seedProfile();
  server = await spawnServer(profile);
});
afterAll(async () => {
  await server?.close();
  profile?.cleanup();
});

// What a running sync (its own connection) reads between detail requests.
const noted = async (): Promise<number[]> => {
  const store = await profile.openStore();
  try {
    return priorityOrgIds(store.db);
  } finally {
    store.close();
  }
};

describe('MCP tools note the organization they are scoped to', () => {
  it('a tool given an org, and a question naming one, put that org first for the details queue', async () => {
    const orgs = profile.dataset.organizations?.data ?? [];
    const [first, second] = orgs;
    const name = (o: typeof first): string => String(o?.attributes.name);
    expect(await noted()).toEqual([]);
    const listed = await server.client.callTool({ name: 'query_configurations', arguments: { org: name(first) } });
    expect(listed.isError, textOf(listed.content)).not.toBe(true);
    expect(await noted()).toEqual([Number(first?.id)]);
    const asked = await server.client.callTool({ name: 'query', arguments: { question: `what is the firewall at ${name(second)}` } });
    expect(asked.isError, textOf(asked.content)).not.toBe(true);
    expect(await noted()).toEqual([Number(second?.id), Number(first?.id)]);
  });
});
