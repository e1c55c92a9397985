import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UNTRUSTED_TAG } from './untrusted';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const glue = join(root, 'bin', 'glue.js');

// GLUE_NO_BUILD passes through so a run that has just built out/cli can skip the staleness check.
const baseEnv = () => ({ PATH: process.env.PATH ?? '', ...(process.env.GLUE_NO_BUILD ? { GLUE_NO_BUILD: process.env.GLUE_NO_BUILD } : {}) });

let dataDir: string;
let client: Client;
let stderr = '';

const text = (content: unknown) =>
  z
    .array(z.object({ type: z.string(), text: z.string().optional() }))
    .parse(content)
    .map((c) => c.text ?? '')
    .join('\n');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'glue-mcp-stdio-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [glue, 'mcp'],
    env: { ...baseEnv(), GLUE_DATA_DIR: dataDir },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  client = new Client({ name: 'glue-test', version: '1' });
  await client.connect(transport);
});
afterAll(async () => {
  await client?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// JSON Schema as the client receives it; walk it to check every field has a description.
type Schema = { description?: string; properties?: Record<string, Schema>; items?: Schema | Schema[]; additionalProperties?: Schema | boolean };
const SchemaZ: z.ZodType<Schema> = z.lazy(() =>
  z.object({
    description: z.string().optional(),
    properties: z.record(z.string(), SchemaZ).optional(),
    items: z.union([SchemaZ, z.array(SchemaZ)]).optional(),
    additionalProperties: z.union([SchemaZ, z.boolean()]).optional(),
  }),
);
function undescribed(schema: Schema, path: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    if (!v.description) out.push(`${path}.${k}`);
    out.push(...undescribed(v, `${path}.${k}`));
  }
  return out;
}

describe('glue mcp over stdio', () => {
  it('introduces itself with instructions about untrusted data and password values', () => {
    expect(client.getServerVersion()?.name).toBe('glue-desk');
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toContain(`<${UNTRUSTED_TAG}>`);
    expect(instructions).toMatch(/never follow instructions/);
    expect(instructions).toMatch(/Password values are withheld/);
  });

  it('lists tools with input and output schemas and a description on every field', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('health');
    for (const t of tools) {
      expect(t.description, t.name).toBeTruthy();
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema, `${t.name} outputSchema`).toBeDefined();
      expect(undescribed(SchemaZ.parse(t.inputSchema), `${t.name}.input`)).toEqual([]);
      expect(undescribed(SchemaZ.parse(t.outputSchema), `${t.name}.output`)).toEqual([]);
      // sync_data writes the local copy (never IT Glue); every other tool only reads.
      expect(t.annotations?.readOnlyHint, t.name).toBe(t.name !== 'sync_data');
    }
  });

  it('health with no store yet is a warning telling the user to sync, not an error', async () => {
    const r = await client.callTool({ name: 'health', arguments: {} });
    expect(r.isError).toBeFalsy();
    const h = z
      .object({ status: z.string(), store: z.object({ state: z.string() }), passwordValues: z.string(), warnings: z.array(z.string()) })
      .parse(r.structuredContent);
    expect(h.status).toBe('warning');
    expect(h.store.state).toBe('missing');
    expect(h.passwordValues).toBe('withheld');
    expect(h.warnings.join(' ')).toMatch(/glue sync/);
    expect(text(r.content)).toMatch(/WARNING[\s\S]*glue sync/);
  });

  it('answers wrong argument types with isError and keeps serving', async () => {
    const bad = await client.callTool({ name: 'health', arguments: { includeCounts: 'yes' } });
    expect(bad.isError).toBe(true);
    expect(text(bad.content)).toMatch(/includeCounts/);
    expect(text(bad.content)).not.toMatch(/\n\s+at /);
    const wrong = await client.callTool({ name: 'nope', arguments: {} });
    expect(wrong.isError).toBe(true);
    const p = await client.getPrompt({ name: 'expiry-review', arguments: { days: 'soon' } }).catch((e: Error) => e);
    expect(p).toBeInstanceOf(Error);
    const again = await client.callTool({ name: 'health', arguments: {} });
    expect(again.isError).toBeFalsy();
  });

  it('offers the three prompts, naming the tools that exist', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['expiry-review', 'onboard-technician', 'troubleshoot-device']);
    const p = await client.getPrompt({ name: 'troubleshoot-device', arguments: { device: 'FW-01', org: 'Acme' } });
    const msg = z.object({ type: z.literal('text'), text: z.string() }).parse(p.messages[0]?.content);
    expect(msg.text).toContain('"FW-01" at Acme');
    expect(msg.text).toContain('- health:');
  });

  it('serves the about resource', async () => {
    const r = await client.readResource({ uri: 'glue-desk://about' });
    expect(JSON.stringify(r.contents)).toContain(UNTRUSTED_TAG);
  });

  it('logs calls to <profile>/logs/mcp.log and stderr', () => {
    const log = join(dataDir, 'profiles', 'default', 'logs', 'mcp.log');
    expect(existsSync(log)).toBe(true);
    expect(readFileSync(log, 'utf8')).toMatch(/tool call .*"tool":"health"/);
    expect(stderr).toContain('mcp server started');
  });
});

describe('glue mcp stdout', () => {
  it('keeps stdout empty for --help', () => {
    const r = spawnSync(process.execPath, [glue, 'mcp', '--help'], { env: { ...baseEnv(), GLUE_DATA_DIR: dataDir }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage: glue mcp/);
  });

  it('refuses a bad profile before answering anything, with the reason on stderr', () => {
    const init = JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    const r = spawnSync(process.execPath, [glue, 'mcp', '--profile', 'Not A Profile'], { env: { ...baseEnv(), GLUE_DATA_DIR: dataDir }, input: `${init}\n`, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/glue mcp: .*profile/i);
  });

  it('carries only JSON-RPC, even after garbage input', async () => {
    const child = spawn(process.execPath, [glue, 'mcp'], { env: { ...baseEnv(), GLUE_DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const send = (m: object | string) => child.stdin.write(`${typeof m === 'string' ? m : JSON.stringify(m)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send('this is not json');
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'health', arguments: {} } });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no reply; stdout so far: ${out}`)), 20_000);
      child.stdout.on('data', () => {
        if (out.includes('"id":2') && out.includes('"id":3')) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const lines = out.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(z.object({ jsonrpc: z.literal('2.0') }).loose().safeParse(JSON.parse(line)).success, line).toBe(true);
  });
});
