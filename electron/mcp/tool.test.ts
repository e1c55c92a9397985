import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { err, ok } from '../../shared/result';
import { createBaseDeps } from './base-deps';
import type { McpDeps } from './deps';
import { createLogger } from './logger';
import { resolvePaths } from '../core/config/paths';
import { defineTool, paginate, registerTools, ToolError, type McpTool } from './tool';

let dir: string;
let deps: McpDeps;
let client: Client;

const SECRET = 'hunter2-Sup3rSecret';

const echo = defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Echoes a word back.',
  input: { word: z.string().describe('The word.'), limit: z.number().int().optional().describe('Page size.') },
  output: { word: z.string().describe('The same word.') },
  handler: async ({ word }) => ({ data: { word, leaked: SECRET }, text: `said ${word}` }),
});
const thrower = defineTool({
  name: 'thrower',
  title: 'Throws',
  description: 'Throws an unexpected error with a secret in it.',
  input: { password: z.string().optional().describe('Anything.') },
  output: { never: z.string().describe('Never returned.') },
  handler: async () => {
    throw new Error(`database exploded at /secret/path with ${SECRET}`);
  },
});
const expected = defineTool({
  name: 'expected',
  title: 'Expected failures',
  description: 'Fails the expected ways.',
  input: { how: z.enum(['throw', 'result', 'ok']).describe('Which failure.') },
  output: { fine: z.boolean().describe('True when ok.') },
  handler: async ({ how }) => {
    if (how === 'throw') throw new ToolError('STORE_LOCKED', 'The store is locked: open Glue Desk and unlock it.');
    if (how === 'result') return err('NOT_SYNCED', 'Never synced: run `glue sync`.');
    return ok({ data: { fine: true } });
  },
});
const wrongShape = defineTool({
  name: 'wrong_shape',
  title: 'Wrong shape',
  description: 'Returns data that does not fit its output schema.',
  input: {},
  // The type allows any number; the schema only up to 10, as a real bound would.
  output: { count: z.number().max(10).describe('A count.') },
  handler: async () => ({ data: { count: 11 }, text: 'x' }),
});
const paged = defineTool({
  name: 'paged',
  title: 'Paged',
  description: 'Pages 0..44 and reports progress.',
  input: { cursor: z.string().optional().describe('Cursor.'), limit: z.number().int().optional().describe('Limit.') },
  output: { items: z.array(z.number()).describe('Items.'), total: z.number().describe('Total.'), nextCursor: z.string().nullable().describe('Next.') },
  handler: async ({ cursor, limit }, ctx) => {
    await ctx.progress(1, 2, 'half way');
    const page = paginate(
      Array.from({ length: 45 }, (_, i) => i),
      cursor,
      limit,
      'paged',
    );
    await ctx.progress(2, 2, 'done');
    return { data: page };
  },
});

async function connect(tools: McpTool[]) {
  const server = new McpServer({ name: 't', version: '1' });
  registerTools(server, tools, deps);
  const [a, b] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(a), client.connect(b)]);
}

const text = (r: Awaited<ReturnType<Client['callTool']>>) =>
  (Array.isArray(r.content) ? r.content : []).map((c) => (c && typeof c === 'object' && 'text' in c ? String(c.text) : '')).join('\n');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glue-mcp-tool-'));
  const profile = resolvePaths({ env: { GLUE_DATA_DIR: dir } });
  if (!profile.ok) throw new Error(profile.error.message);
  deps = createBaseDeps(profile.value, createLogger({ dir: profile.value.logsDir, stderr: null }));
  await connect([echo, thrower, expected, wrongShape, paged]);
});
afterEach(async () => {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tool frame', () => {
  it('lists default read-only annotations and both schemas', async () => {
    const { tools } = await client.listTools();
    const e = tools.find((t) => t.name === 'echo');
    expect(e?.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false, idempotentHint: true, destructiveHint: false });
    expect(e?.outputSchema?.properties).toHaveProperty('word');
    expect(e?.inputSchema.properties).toHaveProperty('word');
  });

  it('returns structured content stripped to the output schema, plus text', async () => {
    const r = await client.callTool({ name: 'echo', arguments: { word: 'hi' } });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toEqual({ word: 'hi' });
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(text(r)).toBe('said hi');
  });

  it('turns an unexpected throw into an isError result without stack or message details', async () => {
    const r = await client.callTool({ name: 'thrower', arguments: { password: SECRET } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/unexpected problem running thrower/);
    expect(text(r)).not.toMatch(/exploded|\/secret\/path|at .*\.ts/);
    // The server is still up.
    expect((await client.callTool({ name: 'echo', arguments: { word: 'again' } })).structuredContent).toEqual({ word: 'again' });
    const log = readFileSync(deps.logger.file ?? '', 'utf8');
    expect(log).toContain('thrower');
    expect(log).not.toContain(SECRET);
  });

  it('maps ToolError and Result errors to their code and message', async () => {
    const a = await client.callTool({ name: 'expected', arguments: { how: 'throw' } });
    expect(a.isError).toBe(true);
    expect(text(a)).toBe('The store is locked: open Glue Desk and unlock it. (STORE_LOCKED)');
    const b = await client.callTool({ name: 'expected', arguments: { how: 'result' } });
    expect(text(b)).toContain('(NOT_SYNCED)');
    const c = await client.callTool({ name: 'expected', arguments: { how: 'ok' } });
    expect(c.structuredContent).toEqual({ fine: true });
  });

  it('answers wrong argument types with isError and keeps serving', async () => {
    const r = await client.callTool({ name: 'echo', arguments: { word: 42, limit: 'ten' } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/word/);
    expect((await client.callTool({ name: 'echo', arguments: { word: 'ok' } })).isError).toBeFalsy();
  });

  it('pages with opaque cursors and rejects forged ones', async () => {
    const first = await client.callTool({ name: 'paged', arguments: { limit: 20 } });
    const p1 = z.object({ items: z.array(z.number()), total: z.number(), nextCursor: z.string().nullable() }).parse(first.structuredContent);
    expect(p1.items).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(p1.total).toBe(45);
    const second = await client.callTool({ name: 'paged', arguments: { limit: 1000, cursor: p1.nextCursor } });
    const p2 = z.object({ items: z.array(z.number()), nextCursor: z.string().nullable() }).parse(second.structuredContent);
    expect(p2.items[0]).toBe(20);
    expect(p2.items).toHaveLength(25);
    expect(p2.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify({ p: 5, s: 'other' })).toString('base64url');
    for (const cursor of [forged, 'not a cursor!', 'AAAA']) {
      const bad = await client.callTool({ name: 'paged', arguments: { cursor } });
      expect(bad.isError).toBe(true);
      expect(text(bad)).toMatch(/without `cursor`/);
    }
  });

  it('sends progress notifications when the caller passes a progress token', async () => {
    const seen: string[] = [];
    await client.callTool({ name: 'paged', arguments: {} }, undefined, { onprogress: (p) => seen.push(`${p.progress}/${p.total} ${p.message}`) });
    expect(seen).toEqual(['1/2 half way', '2/2 done']);
  });

  it('reports output that breaks its schema as a bug, not as data', async () => {
    const r = await client.callTool({ name: 'wrong_shape', arguments: {} });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/invalid result for wrong_shape; this is a bug.*\(INTERNAL\)/);
  });

  it('refuses duplicate tool names', () => {
    expect(() => registerTools(new McpServer({ name: 'x', version: '1' }), [echo, echo], deps)).toThrow(/Duplicate/);
  });
});
