import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROMPT_INJECTION } from '../../core/itglue/fake/catalog';
import type { FakeResource } from '../../core/itglue/fake/dataset';
import { createReader } from '../../core/store/reader';
import { UNTRUSTED_TAG } from '../untrusted';
import { join } from 'node:path';
import { DEMO_API_KEY, startFakeItGlue } from '../../core/itglue/fake/server';
import { saveCredentials } from '../../core/secrets/key-manager';
import { createPassphraseVault, VAULT_FILE_NAME } from '../../core/secrets/passphrase-vault';
import { acquireSyncLock } from '../../core/sync/lock';
import { PASSPHRASE, seedProfile, spawnServer, textOf, type SeededProfile, type SpawnedServer } from './test-harness';

let profile: SeededProfile;
let server: SpawnedServer;
const outputs: string[] = [];

const items = (key: keyof SeededProfile['dataset']): FakeResource[] => profile.dataset[key]?.data ?? [];
const attr = (r: FakeResource, k: string): unknown => r.attributes[k];

async function call(name: string, args: Record<string, unknown> = {}) {
  const r = await server.client.callTool({ name, arguments: args });
  const text = textOf(r.content);
  const all = `${text}\n${JSON.stringify(r.structuredContent ?? null)}`;
  outputs.push(all);
  return { isError: r.isError === true, text, data: r.structuredContent, all };
}
const ok = async (name: string, args: Record<string, unknown> = {}) => {
  const r = await call(name, args);
  expect(r.isError, `${name}: ${r.text}`).toBe(false);
  return r;
};
const Page = z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number(), nextCursor: z.string().nullable() });

beforeAll(async () => {
  profile = await seedProfile();
  server = await spawnServer(profile);
  // The client validates every structuredContent against the listed outputSchema once it has
  // seen tools/list, so every call below also checks the schema.
  await server.client.listTools();
}, 60_000);
afterAll(async () => {
  await server?.close();
  profile?.cleanup();
});

describe('organizations', () => {
  it('finds an organization by a misspelt name and gives its overview with injected notes wrapped', async () => {
    const hfl = items('organizations').find((o) => attr(o, 'name') === 'Harbor Freight Logistics');
    expect(hfl).toBeDefined();
    const found = Page.parse((await ok('query_organizations', { query: 'harbour freight' })).data);
    expect(found.items[0]?.name).toBe('Harbor Freight Logistics');
    const r = await ok('get_organization', { org: 'Harbor Freight' });
    expect(r.text).toContain(`<${UNTRUSTED_TAG}`);
    const quick = z.object({ quickNotes: z.string() }).parse(r.data).quickNotes;
    expect(quick).toContain(PROMPT_INJECTION);
    expect(quick.startsWith(`<${UNTRUSTED_TAG}`)).toBe(true);
    expect(quick.trim().endsWith(`</${UNTRUSTED_TAG}>`)).toBe(true);
  });

  it('lists all organizations with counts and pages with a cursor', async () => {
    const first = Page.parse((await ok('query_organizations', { limit: 5 })).data);
    expect(first.total).toBe(items('organizations').length);
    expect(first.items).toHaveLength(5);
    const second = Page.parse((await ok('query_organizations', { limit: 5, cursor: first.nextCursor })).data);
    expect(second.items[0]?.name).not.toBe(first.items[0]?.name);
  });

  it('says which organization it could not find, with suggestions', async () => {
    const r = await call('get_organization', { org: 'Zzyzx Unknown Holdings' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/No organization matches/);
  });
});

describe('configurations', () => {
  const withInterfaces = () => {
    const ifaces = items('configuration_interfaces');
    const cfg = items('configurations').find((c) => ifaces.some((i) => attr(i, 'configuration-id') === Number(c.id) && attr(i, 'ip-address')));
    if (!cfg) throw new Error('demo has a configuration with interfaces');
    const iface = ifaces.find((i) => attr(i, 'configuration-id') === Number(cfg.id) && attr(i, 'ip-address'));
    return { cfg, iface: iface! };
  };

  it('filters by organization and type, and opens one with interfaces and password names but no values', async () => {
    const fw = items('configurations').find((c) => attr(c, 'configuration-type-name') === 'Firewall')!;
    const list = Page.parse((await ok('query_configurations', { org: String(attr(fw, 'organization-id')), type: 'firewall' })).data);
    expect(list.items.map((i) => i.id)).toContain(fw.id);
    expect(list.items.every((i) => z.object({ type: z.string() }).parse(i).type === 'Firewall')).toBe(true);
    const { cfg } = withInterfaces();
    const r = await ok('get_configuration', { id: cfg.id });
    const d = z.object({ name: z.string(), interfaces: z.array(z.object({ ip: z.string().nullable() })), url: z.string().nullable() }).parse(r.data);
    expect(d.name).toBe(attr(cfg, 'name'));
    expect(d.interfaces.length).toBeGreaterThan(0);
    expect(d.url).toMatch(/^https:\/\//);
  });

  it('finds a device by interface IP, by CIDR and by MAC, with its organization', async () => {
    const { cfg, iface } = withInterfaces();
    const byIp = z.object({ kind: z.string(), items: z.array(z.object({ configurationId: z.string(), org: z.object({ name: z.string() }).nullable() })) }).parse((await ok('find_ip_address', { value: String(attr(iface, 'ip-address')) })).data);
    expect(byIp.kind).toBe('ip');
    expect(byIp.items.map((i) => i.configurationId)).toContain(cfg.id);
    expect(byIp.items[0]?.org?.name).toBeTruthy();
    const ip = String(attr(iface, 'ip-address'));
    if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
      const cidr = `${ip.split('.').slice(0, 3).join('.')}.0/24`;
      const byNet = z.object({ items: z.array(z.object({ configurationId: z.string() })) }).parse((await ok('find_ip_address', { value: cidr })).data);
      expect(byNet.items.map((i) => i.configurationId)).toContain(cfg.id);
    }
    const mac = String(attr(cfg, 'mac-address'));
    const byMac = z.object({ kind: z.string(), items: z.array(z.object({ configurationId: z.string() })) }).parse((await ok('find_ip_address', { value: mac.toUpperCase().replace(/:/g, '-') })).data);
    expect(byMac.kind).toBe('mac');
    expect(byMac.items.map((i) => i.configurationId)).toContain(cfg.id);
    // macOS drops leading zeros ("0:9:f:…"); ask's parser reads that form, and so does this tool
    const zeroed = items('configurations').find((c) => /(^|[:-])0[0-9a-f]/i.test(String(attr(c, 'mac-address') ?? '')))!;
    const short = String(attr(zeroed, 'mac-address')).toLowerCase().split(/[:-]/).map((g) => g.replace(/^0(?=.)/, '')).join(':');
    expect(short.split(':').some((g) => g.length === 1)).toBe(true);
    const byShort = z.object({ kind: z.string(), items: z.array(z.object({ configurationId: z.string() })) }).parse((await ok('find_ip_address', { value: short })).data);
    expect(byShort.kind).toBe('mac');
    expect(byShort.items.map((i) => i.configurationId)).toContain(zeroed.id);
  });

  it('asks which organization is meant when a name fits several, listing them', async () => {
    const r = await call('query_configurations', { org: 'harbor' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/"harbor" matches several organizations: .*Harbor Freight Logistics \(id \d+\).*Harbor Health.*Ask the user which one/);
  });

  it('takes IPv6 addresses and networks like IPv4 ones', async () => {
    const v6 = z.object({ kind: z.string(), total: z.number() }).parse((await ok('find_ip_address', { value: '2001:db8:ffff::/48' })).data);
    expect(v6).toEqual({ kind: 'cidr', total: 0 });
    expect((await ok('find_ip_address', { value: 'fe80::dead:beef' })).text).toMatch(/No data available/);
  });

  it('says "No data available" for an address nobody has, and refuses a malformed network', async () => {
    const none = await ok('find_ip_address', { value: '203.0.113.254' });
    expect(none.text).toMatch(/No data available/);
    const bad = await call('find_ip_address', { value: '10.0.0.0/99' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/10\.20\.0\.0\/16/);
  });

  it('walks dependencies both ways', async () => {
    const rel = items('related_items').find((r) => attr(r, 'resource-type') === 'Configuration' && attr(r, 'destination-type') === 'Configuration')!;
    const needs = z.object({ items: z.array(z.object({ id: z.string(), direction: z.string() })) }).parse((await ok('get_dependencies', { id: String(attr(rel, 'resource-id')), direction: 'up' })).data);
    expect(needs.items.map((i) => i.id)).toContain(String(attr(rel, 'destination-id')));
    const usedBy = z.object({ items: z.array(z.object({ id: z.string() })) }).parse((await ok('get_dependencies', { id: String(attr(rel, 'destination-id')), direction: 'down', depth: 99 })).data);
    expect(usedBy.items.map((i) => i.id)).toContain(String(attr(rel, 'resource-id')));
  });
});

describe('documents, assets, people and places', () => {
  it('lists documents and reads one, sections wrapped as untrusted data', async () => {
    const doc = items('documents')[0]!;
    const list = Page.parse((await ok('query_documents', { org: String(attr(doc, 'organization-id')) })).data);
    expect(list.items.map((i) => i.id)).toContain(doc.id);
    const r = await ok('get_document', { id: doc.id });
    const d = z.object({ sections: z.array(z.object({ text: z.string() })) }).parse(r.data);
    expect(d.sections.length).toBeGreaterThan(0);
    for (const s of d.sections) if (s.text) expect(s.text.startsWith(`<${UNTRUSTED_TAG}`)).toBe(true);
  });

  it('shows where a document is filed, in the list and in the document', async () => {
    const runbook = items('documents').find((d) => attr(d, 'name') === 'Firewall change runbook')!;
    const list = Page.parse((await ok('query_documents', { org: String(attr(runbook, 'organization-id')), limit: 200 })).data);
    expect(list.items.find((i) => i.id === runbook.id)?.folder).toBe('Runbooks / Network');
    expect(list.items.some((i) => i.folder === null)).toBe(true);
    const r = await ok('get_document', { id: runbook.id });
    expect(z.object({ folder: z.string() }).parse(r.data).folder).toBe('Runbooks / Network');
    expect(r.text).toContain('Folder: Runbooks / Network');
  });

  it('lists SSL certificates from IT Glue\'s expirations and finds checklists and certificates by search', async () => {
    const r = await ok('list_expirations', { days: 400, what: 'ssl', limit: 200 });
    const e = z.object({ items: z.array(z.object({ what: z.literal('ssl'), type: z.string(), name: z.string() })) }).parse(r.data);
    expect(e.items.length).toBeGreaterThan(0);
    expect(e.items.every((i) => i.type === 'ssl-certificates')).toBe(true);
    const cert = e.items[0]!;
    const found = Page.parse((await ok('search', { query: cert.name, type: ['ssl-certificates'] })).data);
    expect(found.items.map((i) => i.name)).toContain(cert.name);
    const checklists = Page.parse((await ok('search', { query: 'quarterly security review', type: ['checklists'] })).data);
    expect(checklists.items.length).toBeGreaterThan(0);
  });

  it('the injected document section comes back wrapped', async () => {
    const hfl = items('organizations').find((o) => attr(o, 'name') === 'Harbor Freight Logistics')!;
    const docs = Page.parse((await ok('query_documents', { org: hfl.id, limit: 200 })).data);
    const texts = await Promise.all(docs.items.map(async (d) => (await ok('get_document', { id: String(d.id) })).all));
    const hit = texts.find((t) => t.includes(PROMPT_INJECTION));
    expect(hit).toBeDefined();
    expect(hit!).toMatch(new RegExp(`<${UNTRUSTED_TAG}[^>]*>\\\\n[^<]*${PROMPT_INJECTION.slice(0, 20)}`));
  });

  it('discovers asset types with fields and counts, and lists assets of one type', async () => {
    const types = z.object({ items: z.array(z.object({ name: z.string(), assetCount: z.number(), fields: z.array(z.object({ key: z.string().nullable() })) })) }).parse((await ok('discover_asset_types')).data);
    expect(types.items.length).toBe(items('flexible_asset_types').length);
    const used = types.items.find((t) => t.assetCount > 0)!;
    expect(used.fields.length).toBeGreaterThan(0);
    const assets = Page.parse((await ok('query_flexible_assets', { type: used.name, limit: 200 })).data);
    expect(assets.total).toBe(used.assetCount);
  });

  it('lists locations and contacts of one organization', async () => {
    const c = items('contacts')[0]!;
    const contacts = Page.parse((await ok('query_contacts', { org: String(attr(c, 'organization-id')), text: String(attr(c, 'last-name')) })).data);
    expect(contacts.items.map((i) => i.name)).toContain(attr(c, 'name'));
    const l = items('locations')[0]!;
    const locations = Page.parse((await ok('query_locations', { org: String(attr(l, 'organization-id')) })).data);
    expect(locations.items.map((i) => i.name)).toContain(attr(l, 'name'));
  });

  it('lists domains and warranties expiring soon, soonest first', async () => {
    const r = await ok('list_expirations', { days: 60, limit: 200 });
    const e = z.object({ items: z.array(z.object({ expiresOn: z.string(), daysLeft: z.number(), url: z.string().nullable() })) }).parse(r.data);
    expect(e.items.length).toBeGreaterThan(0);
    expect(e.items.map((i) => i.expiresOn)).toEqual([...e.items.map((i) => i.expiresOn)].sort());
    expect(e.items.every((i) => i.daysLeft >= 0 && i.daysLeft <= 60)).toBe(true);
  });
});

describe('passwords', () => {
  const pw = () => items('passwords').find((p) => typeof attr(p, 'password') === 'string')!;

  it('lists metadata and withholds values by default', async () => {
    const list = Page.parse((await ok('list_passwords', { org: String(attr(pw(), 'organization-id')), limit: 200 })).data);
    expect(list.items.map((i) => String(i.id))).toContain(pw().id);
    const r = await ok('get_password', { id: pw().id });
    expect(z.object({ value: z.null(), valueStatus: z.literal('withheld') }).parse(r.data)).toBeTruthy();
    expect(r.text).toContain("value withheld: enable 'Allow password values over MCP' in Glue Desk settings or `glue settings set mcpAllowPasswordValues true`");
    expect(r.all).not.toContain(String(attr(pw(), 'password')));
  });

  it('reveals the value when the setting is on, and audits it through the mcp door', async () => {
    server.allowPasswords(true);
    try {
      const r = await ok('get_password', { id: pw().id });
      const d = z.object({ value: z.string(), valueStatus: z.literal('revealed') }).parse(r.data);
      expect(d.value).toBe(attr(pw(), 'password'));
      const store = await profile.openStore();
      try {
        const audit = createReader(store).auditList(5);
        expect(audit[0]).toMatchObject({ door: 'mcp', action: 'mcp_value', passwordId: Number(pw().id), name: attr(pw(), 'name') });
      } finally {
        store.close();
      }
    } finally {
      server.allowPasswords(false);
    }
    const again = await ok('get_password', { id: pw().id });
    expect(z.object({ valueStatus: z.string() }).parse(again.data).valueStatus).toBe('withheld');
  });
});

describe('answers and search (core engines)', () => {
  const hfl = () => items('organizations').find((o) => attr(o, 'name') === 'Harbor Freight Logistics')!;
  const Answer = z.object({ answer: z.string(), noData: z.boolean(), intent: z.string(), sources: z.array(z.object({ url: z.string(), snippet: z.string(), name: z.string() })) });

  it('query answers a question with sources that link to IT Glue', async () => {
    const fw = items('configurations').find((c) => attr(c, 'configuration-type-name') === 'Firewall' && attr(c, 'organization-id') === Number(hfl().id))!;
    const a = Answer.parse((await ok('query', { question: 'what is the firewall?', org: 'Harbor Freight Logistics' })).data);
    expect(a.noData).toBe(false);
    expect(a.sources.length).toBeGreaterThan(0);
    expect(a.sources.every((s) => s.url.startsWith('https://'))).toBe(true);
    expect(a.sources.map((s) => s.name)).toContain(attr(fw, 'name'));
    for (const src of a.sources) if (src.snippet) expect(src.snippet.startsWith(`<${UNTRUSTED_TAG}`)).toBe(true);
  });

  it('query says "No data available" when nothing matches', async () => {
    const r = await ok('query', { question: 'qwxzv plorbfrazzle' });
    const a = Answer.parse(r.data);
    expect(a.noData).toBe(true);
    expect(a.answer).toBe('No data available');
    expect(r.text).toMatch(/^No data available/);
  });

  it('search ranks a device by name, filters by type and org, and pages', async () => {
    const cfg = items('configurations').find((c) => attr(c, 'organization-id') === Number(hfl().id))!;
    const r = z.object({ items: z.array(z.object({ id: z.string(), type: z.string() })), mode: z.string(), nextCursor: z.string().nullable() }).parse((await ok('search', { query: String(attr(cfg, 'name')), org: hfl().id, type: ['configurations'] })).data);
    expect(r.items[0]?.id).toBe(cfg.id);
    expect(r.items.every((i) => i.type === 'configurations')).toBe(true);
    const p1 = z.object({ items: z.array(z.object({ id: z.string() })), nextCursor: z.string().nullable() }).parse((await ok('search', { query: 'server', limit: 2 })).data);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = z.object({ items: z.array(z.object({ id: z.string() })) }).parse((await ok('search', { query: 'server', limit: 2, cursor: p1.nextCursor })).data);
    expect(p2.items.map((i) => i.id)).not.toEqual(p1.items.map((i) => i.id));
  });

  it('find_similar_issues returns documents and notes about the problem', async () => {
    const r = z.object({ items: z.array(z.object({ type: z.string(), url: z.string() })) }).parse((await ok('find_similar_issues', { description: 'VPN users cannot connect to the firewall' })).data);
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items.every((i) => ['documents', 'document-sections', 'configurations', 'flexible-assets'].includes(i.type))).toBe(true);
  });

  it('compliance_check and document_infrastructure cite their records', async () => {
    const c = Answer.parse((await ok('compliance_check', { org: hfl().id })).data);
    expect(c.intent).toBe('compliance');
    if (!c.noData) expect(c.sources.length).toBeGreaterThan(0);
    const d = z.object({ markdown: z.string(), noData: z.boolean(), sources: z.array(z.object({ url: z.string() })) }).parse((await ok('document_infrastructure', { org: 'Harbor Freight' })).data);
    expect(d.noData).toBe(false);
    expect(d.markdown).toMatch(/^## Harbor Freight Logistics infrastructure/);
    expect(d.sources.length).toBeGreaterThan(0);
  });
});

describe('errors and fuzzing', () => {
  it('answers unknown ids with isError and a way forward', async () => {
    for (const [tool, args] of [
      ['get_configuration', { id: '999999999' }],
      ['get_document', { id: 999999999 }],
      ['get_password', { id: '999999999' }],
      ['get_dependencies', { id: '999999999' }],
      ['get_organization', { org: '999999999' }],
    ] as const) {
      const r = await call(tool, args);
      expect(r.isError, tool).toBe(true);
      expect(r.text, tool).toMatch(/NOT_FOUND/);
      expect(r.text, tool).not.toMatch(/\n\s+at /);
    }
  });

  it('survives wrong types, missing fields, huge strings and silly limits on every tool', async () => {
    const { tools } = await server.client.listTools();
    const huge = 'x'.repeat(200_000);
    const wrong: unknown[] = [42, -1, 1e308, true, null, [], {}, 'not-a-number', huge, '../../etc/passwd', "' OR 1=1 --"];
    for (const t of tools) {
      const props = Object.keys(z.object({ properties: z.record(z.string(), z.unknown()).optional() }).parse(t.inputSchema).properties ?? {});
      const cases: Record<string, unknown>[] = [{}, { unknown: 'x' }, { limit: -5 }, { limit: 1e9 }, { cursor: 'forged' }];
      for (const p of props) for (const v of wrong) cases.push({ [p]: v });
      for (const args of cases) {
        // Either a clean result or a clean error; never a crash, a stack or a lost connection.
        const r = await server.client.callTool({ name: t.name, arguments: args });
        const text = textOf(r.content);
        expect(text, `${t.name} ${JSON.stringify(args).slice(0, 80)}`).not.toMatch(/\n\s+at |INTERNAL/);
      }
    }
    expect((await ok('health')).text).toMatch(/Glue Desk: /);
  }, 120_000);

  it('keeps answering while another process holds a write transaction (WAL)', async () => {
    const store = await profile.openStore();
    try {
      store.db.prepare('BEGIN IMMEDIATE').run();
      store.db.prepare("INSERT INTO meta (key, value) VALUES ('mcp-test-writer', 'x') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
      const t0 = performance.now();
      const r = await ok('query_organizations', { limit: 3 });
      expect(Page.parse(r.data).items).toHaveLength(3);
      expect(performance.now() - t0).toBeLessThan(4000); // not waiting out the busy timeout
      await ok('search', { query: 'firewall' });
    } finally {
      if (store.db.inTransaction) store.db.prepare('ROLLBACK').run();
      store.close();
    }
  });

  it('serves org and document resources and lists them', async () => {
    const listed = await server.client.listResources();
    expect(listed.resources.some((r) => r.uri.startsWith('itglue://org/'))).toBe(true);
    expect(listed.resources.some((r) => r.uri.startsWith('itglue://document/'))).toBe(true);
    const hfl = items('organizations').find((o) => attr(o, 'name') === 'Harbor Freight Logistics')!;
    const org = await server.client.readResource({ uri: `itglue://org/${hfl.id}` });
    const text = JSON.stringify(org.contents);
    expect(text).toContain('Harbor Freight Logistics');
    expect(text).toContain(UNTRUSTED_TAG);
    const doc = await server.client.readResource({ uri: `itglue://document/${items('documents')[0]!.id}` });
    expect(JSON.stringify(doc.contents)).toContain(UNTRUSTED_TAG);
    await expect(server.client.readResource({ uri: 'itglue://org/999999999' })).rejects.toThrow(/No organization/);
  });

  it('health reports the opened store with counts and the last sync', async () => {
    const h = z.object({ store: z.object({ state: z.string(), lastSyncAt: z.string().nullable(), counts: z.record(z.string(), z.number()) }) }).parse((await ok('health')).data);
    expect(h.store.state).toBe('ready');
    expect(h.store.lastSyncAt).not.toBeNull();
    expect(h.store.counts.configurations).toBe(items('configurations').length);
  });

  it('never put a password value in any output except the audited reveal, and kept stdout clean', () => {
    const revealed = String(items('passwords').find((p) => typeof attr(p, 'password') === 'string')!.attributes.password);
    for (const out of outputs) for (const secret of profile.secrets) if (secret !== revealed || !out.includes('"revealed"')) expect(out.includes(secret), 'a password value leaked').toBe(false);
    expect(server.protocolErrors).toEqual([]);
  });
});

describe('sync_data', () => {
  it('refuses politely while another process holds the sync lock', async () => {
    const lock = acquireSyncLock(profile.paths.profileDir);
    if (!lock.ok) throw new Error(lock.error.message);
    try {
      // Credentials so the refusal comes from the lock, not from a missing login.
      const keychain = createPassphraseVault({ file: join(profile.paths.profileDir, VAULT_FILE_NAME), passphrase: PASSPHRASE });
      const saved = await saveCredentials(keychain, profile.paths.profile, { apiKey: 'ITG.test', baseUrl: 'http://127.0.0.1:9' });
      expect(saved.ok).toBe(true);
      const r = await ok('sync_data', {});
      expect(z.object({ status: z.string() }).parse(r.data).status).toBe('busy');
      expect(r.text).toMatch(/already|Another/);
    } finally {
      lock.value.release();
    }
  });

  it('runs an incremental sync against IT Glue with progress notifications', async () => {
    const fake = await startFakeItGlue({ dataset: profile.dataset });
    try {
      const keychain = createPassphraseVault({ file: join(profile.paths.profileDir, VAULT_FILE_NAME), passphrase: PASSPHRASE });
      expect((await saveCredentials(keychain, profile.paths.profile, { apiKey: DEMO_API_KEY, baseUrl: fake.url })).ok).toBe(true);
      const seen: number[] = [];
      const r = await server.client.callTool({ name: 'sync_data', arguments: { waitSeconds: 120 } }, undefined, { onprogress: (p) => seen.push(p.progress), timeout: 120_000 });
      const d = z.object({ status: z.string(), summary: z.object({ status: z.string(), requests: z.number() }).nullable() }).parse(r.structuredContent);
      expect(d.status, textOf(r.content)).toBe('finished');
      expect(d.summary?.status).toBe('ok');
      expect(d.summary?.requests).toBeGreaterThan(0);
      expect(seen.length).toBeGreaterThan(0);
      const h = z.object({ store: z.object({ state: z.string(), lastSyncAt: z.string().nullable() }) }).parse((await ok('health')).data);
      expect(h.store.state).toBe('ready');
      expect(Date.now() - Date.parse(h.store.lastSyncAt ?? '')).toBeLessThan(5 * 60_000);
    } finally {
      await fake.close();
    }
  }, 150_000);
});
