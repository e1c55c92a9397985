import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ListPromptsResultSchema, ListResourceTemplatesResultSchema, ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { McpDeps } from './deps';
import { MANIFEST_FILE, readManifest, type HandshakeManifest } from './handshake';
import { buildHandshakeManifest, rawSession } from './manifest';
import { createMcpServer } from './server';
import { emptyProfileDeps } from './tools/test-harness';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let profile: ReturnType<typeof emptyProfileDeps>;
let live: McpDeps;
let manifest: HandshakeManifest;

beforeAll(async () => {
  // The server as `glue mcp` runs it: real deps on a profile, not the build's throwing ones.
  profile = emptyProfileDeps();
  live = profile.deps;
  manifest = await buildHandshakeManifest();
});
afterAll(() => profile.cleanup());

it('equals what the live server tells an SDK client at initialize', async () => {
  const server = createMcpServer(live);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(b);
  const client = new Client({ name: 'manifest-test', version: '1' });
  await client.connect(a);
  expect(client.getServerVersion()).toEqual(manifest.initialize.serverInfo);
  expect(client.getServerCapabilities()).toEqual(manifest.initialize.capabilities);
  expect(client.getInstructions()).toBe(manifest.initialize.instructions);
  // What the client makes of each live answer equals what it makes of the manifest's.
  expect(await client.listTools()).toEqual(ListToolsResultSchema.parse(manifest.lists['tools/list']));
  expect(await client.listPrompts()).toEqual(ListPromptsResultSchema.parse(manifest.lists['prompts/list']));
  expect(await client.listResourceTemplates()).toEqual(ListResourceTemplatesResultSchema.parse(manifest.lists['resources/templates/list']));
  await client.close();
});

it('holds, byte for byte, the results the live server sends for each list', async () => {
  const session = await rawSession(live);
  for (const [method, result] of Object.entries(manifest.lists)) expect(await session.request(method), method).toEqual(result);
  const init = await session.request('initialize', { protocolVersion: manifest.protocol.latest, capabilities: {}, clientInfo: { name: 'x', version: '1' } });
  expect(init).toEqual({ protocolVersion: manifest.protocol.latest, ...manifest.initialize });
  await session.close();
});

it('is written by the CLI build next to the bundle, and matches these sources', () => {
  // bin/glue.js rebuilds out/cli when the sources are newer (unless GLUE_NO_BUILD=1 says a run just built it).
  const pre = spawnSync(process.execPath, [join(root, 'bin', 'glue.js'), '--help'], { stdio: 'ignore' });
  expect(pre.status).toBe(0);
  const built = readManifest(join(root, 'out', 'cli', MANIFEST_FILE));
  expect(built).toEqual(manifest);
  expect(JSON.parse(readFileSync(join(root, 'out', 'cli', MANIFEST_FILE), 'utf8'))).toEqual(manifest);
});
