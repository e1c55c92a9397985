import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LATEST_PROTOCOL_VERSION, ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { McpDeps } from './deps';
import { MANIFEST_FILE } from './handshake';
import { rawSession } from './manifest';
import { emptyProfileDeps } from './tools/test-harness';

// `glue mcp` as Claude Desktop starts it (bin/glue.js, real child process): the fast path must
// be invisible to a client, and the server must work the same without it.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const glue = join(root, 'bin', 'glue.js');
let profile: ReturnType<typeof emptyProfileDeps>;
let dataDir: string;
let live: McpDeps;
let noManifestDir: string;

const env = () => ({ PATH: process.env.PATH ?? '', GLUE_DATA_DIR: dataDir, GLUE_NO_BUILD: '1' });
const Message = z.object({ jsonrpc: z.literal('2.0'), id: z.union([z.string(), z.number()]).optional() }).loose();

beforeAll(() => {
  profile = emptyProfileDeps();
  ({ dataDir, deps: live } = profile);
  // Build out/cli if the sources are newer, once; every spawn below then runs it as is.
  expect(spawnSync(process.execPath, [glue, '--help'], { stdio: 'ignore' }).status).toBe(0);
  // A copy of the bundle without the manifest, inside the repo so node_modules still resolves.
  mkdirSync(join(root, 'out'), { recursive: true });
  noManifestDir = mkdtempSync(join(root, 'out', '.mcp-no-manifest-'));
  cpSync(join(root, 'out', 'cli'), noManifestDir, { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith(MANIFEST_FILE) });
});
afterAll(() => {
  profile.cleanup();
  rmSync(noManifestDir, { recursive: true, force: true });
});

async function sdkClient(script: string) {
  const transport = new StdioClientTransport({ command: process.execPath, args: [script, 'mcp'], env: env(), stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: 'fast-start-test', version: '1' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** A scripted client that reads stdout line by line and waits for the ids it needs. */
function rawClient(script: string) {
  const child = spawn(process.execPath, [script, 'mcp'], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
  const out: z.infer<typeof Message>[] = [];
  const stray: string[] = [];
  let partial = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      const parsed = (() => {
        try {
          return Message.safeParse(JSON.parse(l));
        } catch {
          return null;
        }
      })();
      if (parsed?.success) out.push(parsed.data);
      else stray.push(l);
    }
  });
  const send = (m: object) => child.stdin.write(`${JSON.stringify(m)}\n`);
  const waitFor = (id: number | string) =>
    new Promise<z.infer<typeof Message>>((resolve, reject) => {
      const t0 = Date.now();
      const tick = () => {
        const m = out.find((o) => o.id === id);
        if (m) return resolve(m);
        if (Date.now() - t0 > 20_000) return reject(new Error(`no answer to id ${id}; stdout: ${JSON.stringify(out).slice(0, 300)}; stderr: ${stderr}`));
        setTimeout(tick, 5);
      };
      tick();
    });
  const end = async () => {
    child.stdin.end();
    return new Promise<number | null>((resolve) => child.on('exit', resolve));
  };
  return { send, waitFor, end, out, stray, stderr: () => stderr };
}

const INIT = (protocolVersion: string, id: number | string = 1) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

describe('glue mcp with the fast path (SDK client)', () => {
  let c: Awaited<ReturnType<typeof sdkClient>>;
  beforeAll(async () => {
    c = await sdkClient(glue);
  });
  afterAll(async () => {
    await c?.client.close();
  });

  it('lists the same tools as the live server, and a tool call works right after', async () => {
    const session = await rawSession(live);
    const liveList = ListToolsResultSchema.parse(await session.request('tools/list'));
    await session.close();
    expect(await c.client.listTools()).toEqual(liveList);
    const health = await c.client.callTool({ name: 'health', arguments: {} });
    expect(health.isError).toBeFalsy();
    expect(health.structuredContent).toMatchObject({ store: { state: 'missing' } });
    expect(c.client.getServerVersion()?.name).toBe('glue-desk');
  });

  it('lists prompts and resources (resources/list comes from the real server)', async () => {
    const { prompts } = await c.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['expiry-review', 'onboard-technician', 'troubleshoot-device']);
    const { resources } = await c.client.listResources();
    expect(resources.map((r) => r.uri)).toContain('glue-desk://about');
    const { resourceTemplates } = await c.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['itglue://document/{id}', 'itglue://org/{id}']);
  });

  it('answered the handshake itself (the log says how many requests it took)', () => {
    expect(c.stderr()).toMatch(/mcp server started .*"fastAnswers":[12]/);
  });
});

describe('glue mcp stdout with the fast path (scripted client)', () => {
  it('gives exactly one response per id and nothing else', async () => {
    const r = rawClient(glue);
    r.send(INIT('2025-06-18', 0)); // Claude Desktop starts its ids at 0
    const init = await r.waitFor(0);
    expect(init).toMatchObject({ result: { protocolVersion: '2025-06-18', serverInfo: { name: 'glue-desk' } } });
    r.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    r.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    r.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'health', arguments: {} } });
    r.send({ jsonrpc: '2.0', id: 'p', method: 'prompts/list' });
    await Promise.all([r.waitFor(2), r.waitFor(3), r.waitFor('p')]);
    r.send({ jsonrpc: '2.0', id: 4, method: 'tools/list' }); // after the handover: the real server answers
    await r.waitFor(4);
    await new Promise((res) => setTimeout(res, 100)); // a duplicate would show up by now
    expect(await r.end()).toBe(0);
    expect(r.stray).toEqual([]);
    // Order may differ (the fast path answers list requests the moment they arrive); the set may not.
    expect(r.out.map((o) => String(o.id)).sort()).toEqual(['0', '2', '3', '4', 'p']);
    expect(r.out.find((o) => o.id === 4)?.result).toEqual(r.out.find((o) => o.id === 2)?.result);
    expect(r.out.find((o) => o.id === 3)).toMatchObject({ result: { structuredContent: { store: { state: 'missing' } } } });
  });

  it('negotiates an unsupported protocol version as the SDK does', async () => {
    const r = rawClient(glue);
    r.send(INIT('2023-01-01'));
    expect(await r.waitFor(1)).toMatchObject({ result: { protocolVersion: LATEST_PROTOCOL_VERSION } });
    expect(await r.end()).toBe(0);
    expect(r.out.map((o) => o.id)).toEqual([1]);
  });

  it('leaves a malformed initialize to the SDK, whose own error the client gets', async () => {
    const bad = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: { roots: { listChanged: 'yes' } }, clientInfo: { name: 'raw', version: '1' } } };
    const session = await rawSession(live);
    const sdk = await session.exchange('initialize', bad.params);
    await session.close();
    const r = rawClient(glue);
    r.send(bad);
    const answer = await r.waitFor(1);
    expect(await r.end()).toBe(0);
    expect(answer).toEqual({ ...z.object({ error: z.unknown() }).parse(sdk), jsonrpc: '2.0', id: 1 });
    expect(r.out).toHaveLength(1);
  });
});

describe('glue mcp without a manifest (slow path)', () => {
  it('still serves an SDK client: initialize, tools/list, a tool call', async () => {
    const c = await sdkClient(join(noManifestDir, 'glue.js'));
    const { tools } = await c.client.listTools();
    expect(tools.map((t) => t.name)).toContain('health');
    const health = await c.client.callTool({ name: 'health', arguments: {} });
    expect(health.isError).toBeFalsy();
    await c.client.close();
    expect(c.stderr()).toMatch(/"fastAnswers":0,"loadedOn":"no manifest"/);
  });

  it('ignores an unreadable manifest', async () => {
    writeFileSync(join(noManifestDir, MANIFEST_FILE), '{"format":1,"protocol":');
    try {
      const r = rawClient(join(noManifestDir, 'glue.js'));
      r.send(INIT('2025-06-18'));
      r.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      r.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
      await r.waitFor(2);
      expect(await r.end()).toBe(0);
      expect(r.out.map((o) => o.id)).toEqual([1, 2]);
      expect(r.stderr()).toMatch(/"loadedOn":"no manifest"/);
    } finally {
      rmSync(join(noManifestDir, MANIFEST_FILE), { force: true });
    }
  });
});
