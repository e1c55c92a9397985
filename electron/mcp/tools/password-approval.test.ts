// Password values over MCP, per reveal (issue #19): with values allowed, a client that can ask
// (MCP elicitation) asks the user "allow once?" for each value; only an explicit allow reveals
// it; a client that cannot ask gets the setting's answer as before. Every decision is an audit
// row with door, record, org and outcome. A real `glue mcp` bundle over stdio, real SDK clients.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildCli, type CliHarness } from '../../cli/cli-harness';
import { updateSettings } from '../../core/config/settings';
import { createReader } from '../../core/store/reader';
import { seedProfile, textOf, type SeededProfile } from './test-harness';

let cli: CliHarness;
let profile: SeededProfile;

beforeAll(async () => {
  cli = await buildCli('password-approval');
  profile = await seedProfile();
}, 120_000);
afterAll(() => {
  cli?.dispose();
  profile?.cleanup();
});

async function connect(answer: ((message: string) => ElicitResult) | null): Promise<{ client: Client; asked: string[] }> {
  const asked: string[] = [];
  const client = new Client({ name: 'approval-test', version: '1' }, { capabilities: answer ? { elicitation: { form: {} } } : {} });
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      const message = 'message' in req.params ? req.params.message : '';
      asked.push(message);
      return answer(message);
    });
  }
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli.glue, 'mcp'], env: profile.env, stderr: 'pipe' }));
  return { client, asked };
}

const Out = z.object({ value: z.string().nullable(), valueStatus: z.string(), message: z.string() });

function pickPassword() {
  const p = profile.dataset.passwords?.data.find((x) => typeof x.attributes.password === 'string' && x.attributes['organization-id'] !== undefined);
  if (!p) throw new Error('no password in the demo tenant');
  const orgId = Number(p.attributes['organization-id']);
  const org = profile.dataset.organizations?.data.find((o) => Number(o.id) === orgId);
  return { id: p.id, name: String(p.attributes.name), value: String(p.attributes.password), orgId, orgName: String(org?.attributes.name) };
}

async function auditRows() {
  const store = await profile.openStore();
  try {
    return createReader(store).auditList(50);
  } finally {
    store.close();
  }
}

describe('password values over MCP, per reveal', () => {
  it('withheld while the setting is off (audited as withheld), and the client is never asked', async () => {
    const pw = pickPassword();
    const { client, asked } = await connect(() => ({ action: 'accept', content: { allow: true } }));
    const r = Out.parse((await client.callTool({ name: 'get_password', arguments: { id: pw.id } })).structuredContent);
    await client.close();
    expect(r).toMatchObject({ value: null, valueStatus: 'withheld' });
    expect(asked).toEqual([]);
    expect((await auditRows())[0]).toMatchObject({ door: 'mcp', action: 'mcp_value', passwordId: Number(pw.id), orgId: pw.orgId, name: pw.name, outcome: 'withheld' });
  });

  it('asks "allow once?" naming the password and org; declined or cancelled keeps the value back, allowed reveals it; each is audited', async () => {
    expect(updateSettings(profile.paths.profileDir, { mcpAllowPasswordValues: true }).ok).toBe(true);
    const pw = pickPassword();
    const answers: ElicitResult[] = [{ action: 'decline' }, { action: 'accept', content: { allow: false } }, { action: 'cancel' }, { action: 'accept', content: { allow: true } }];
    const { client, asked } = await connect(() => answers.shift() ?? { action: 'cancel' });
    const results = [];
    for (let i = 0; i < 4; i++) {
      const res = await client.callTool({ name: 'get_password', arguments: { id: pw.id } });
      results.push({ out: Out.parse(res.structuredContent), text: textOf(res.content) });
    }
    await client.close();
    expect(asked).toHaveLength(4);
    expect(asked[0]).toBe(`Claude asks for the password "${pw.name}" at ${pw.orgName}: allow once?`);
    for (const r of results.slice(0, 3)) {
      expect(r.out).toMatchObject({ value: null, valueStatus: 'declined' });
      expect(r.text).not.toContain(pw.value);
    }
    expect(results[3]?.out).toMatchObject({ value: pw.value, valueStatus: 'revealed' });
    const rows = (await auditRows()).slice(0, 4).reverse();
    expect(rows.map((a) => a.outcome)).toEqual(['declined', 'declined', 'cancelled', 'revealed']);
    expect(rows.every((a) => a.door === 'mcp' && a.passwordId === Number(pw.id) && a.orgId === pw.orgId && a.name === pw.name)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(pw.value);
  });

  it('a client that cannot ask gets the value as the setting says, audited as revealed', async () => {
    const pw = pickPassword();
    const { client } = await connect(null);
    const r = Out.parse((await client.callTool({ name: 'get_password', arguments: { id: pw.id } })).structuredContent);
    await client.close();
    expect(r).toMatchObject({ value: pw.value, valueStatus: 'revealed' });
    expect((await auditRows())[0]).toMatchObject({ door: 'mcp', outcome: 'revealed', passwordId: Number(pw.id) });
  });
});
