import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_DATA, type SyncProgress } from '../../../shared/domain';
import type { GlueApi, SyncFinished } from '../../../shared/ipc';
import { DEMO_TODAY, passwordValues } from '../testing/seed-demo';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../itglue/fake/server';
import type { GlueApp } from './index';
import { type SeededProfile, seedProfile, unwrap } from './testing';

describe('createGlueApi over a seeded demo store', () => {
  let p: SeededProfile;
  let app: GlueApp;
  let api: GlueApi;

  beforeAll(async () => {
    p = await seedProfile();
    app = await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`) });
    api = app.api;
  });
  afterAll(() => p?.close());

  it('lists organizations with counts and pages one type inside an org', async () => {
    const orgs = unwrap(await api.org.list({}));
    const acme = orgs.find((o) => o.name === 'Acme Corp');
    expect(acme?.counts.configurations).toBeGreaterThan(5);
    expect(unwrap(await api.org.list({ query: 'acme' })).every((o) => /acme/i.test(o.name + (o.shortName ?? '')))).toBe(true);
    const first = unwrap(await api.org.records({ orgId: acme!.id, type: 'configurations', limit: 5 }));
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).not.toBeNull();
    const second = unwrap(await api.org.records({ orgId: acme!.id, type: 'configurations', limit: 5, cursor: first.nextCursor! }));
    expect(second.items[0]?.name.localeCompare(first.items[4]!.name, undefined, { sensitivity: 'base' })).toBeGreaterThanOrEqual(0);
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(10);
    expect(first.items.every((i) => i.org?.id === acme!.id && i.subtitle !== null)).toBe(true);
    const bad = await api.org.records({ orgId: acme!.id, type: 'configurations', cursor: 'nope' });
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
  });

  it('shows a configuration with interfaces, attached passwords (no values) and related items', async () => {
    const fw = p.seeded.dataset.configurations!.data.find((c) => c.attributes.name === 'NWIT-FW01')!;
    const d = unwrap(await api.org.detail({ type: 'configurations', id: fw.id }));
    expect(d.name).toBe('NWIT-FW01');
    expect(d.org?.name).toBe('Northwind IT Services');
    expect(d.fields.find((f) => f.label === 'Primary IP')).toMatchObject({ value: '10.99.0.1', kind: 'ip' });
    expect(d.interfaces?.length).toBeGreaterThan(0);
    expect(d.related.up.length + d.related.down.length).toBeGreaterThan(0);
    const text = JSON.stringify(d);
    for (const v of passwordValues(p.seeded.dataset)) expect(text).not.toContain(v);
    const related = [...d.related.up, ...d.related.down][0]!;
    expect(unwrap(await api.org.detail({ type: related.type, id: related.id })).name).toBe(related.name);
    const missing = await api.org.detail({ type: 'configurations', id: '999999999' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    // One vocabulary: up = what it depends on (a switch's firewall), down = what depends on it.
    const link = p.seeded.dataset.related_items!.data.find((r) => r.attributes['resource-type'] === 'Configuration' && r.attributes['destination-type'] === 'Configuration')!;
    const from = String(link.attributes['resource-id']);
    const to = String(link.attributes['destination-id']);
    expect(unwrap(await api.org.detail({ type: 'configurations', id: from })).related.up.map((x) => x.id)).toContain(to);
    expect(unwrap(await api.org.detail({ type: 'configurations', id: to })).related.down.map((x) => x.id)).toContain(from);
  });

  it('gives a password record its own metadata and a document its sections', async () => {
    const pw = p.seeded.dataset.passwords!.data[0]!;
    const d = unwrap(await api.org.detail({ type: 'passwords', id: pw.id }));
    expect(d.passwords).toEqual([expect.objectContaining({ id: pw.id, name: pw.attributes.name, hasValue: true })]);
    expect(JSON.stringify(d)).not.toContain(String(pw.attributes.password));
    const doc = p.seeded.dataset.documents!.data[0]!;
    const dd = unwrap(await api.org.detail({ type: 'documents', id: doc.id }));
    expect(dd.sections?.length).toBeGreaterThan(0);
  });

  it('browses the rest of the account: a document shows its folder, a checklist its tasks, a device its attachments', async () => {
    const data = p.seeded.dataset;
    const runbook = data.documents!.data.find((d) => d.attributes.name === 'Firewall change runbook')!;
    const orgId = Number(runbook.attributes['organization-id']);
    const docs = unwrap(await api.org.records({ orgId, type: 'documents' }));
    expect(docs.items.find((d) => d.id === runbook.id)?.subtitle).toBe('Runbooks / Network');
    const doc = unwrap(await api.org.detail({ type: 'documents', id: runbook.id }));
    expect(doc.fields[0]).toEqual({ label: 'Folder', value: 'Runbooks / Network', kind: 'text' });
    const orgs = unwrap(await api.org.list({}));
    const counts = orgs.find((o) => o.id === orgId)?.counts;
    expect(counts?.checklists).toBe(3);
    expect(counts?.['ssl-certificates']).toBe(2);
    const checklists = unwrap(await api.org.records({ orgId, type: 'checklists' }));
    const renewal = checklists.items.find((c) => c.name.startsWith('SSL renewal'))!;
    expect(renewal.subtitle).toMatch(/^Open · due \d{4}-\d{2}-\d{2}$/);
    const tasks = unwrap(await api.org.detail({ type: 'checklists', id: renewal.id })).fields[0];
    expect(tasks).toMatchObject({ label: 'Tasks (0 of 4 done)', kind: 'multiline' });
    expect(tasks?.value.split('\n')[0]).toBe('[ ] Generate CSR');
    const photo = data.attachments!.data.find((a) => a.attributes['resource-type'] === 'Configuration' && Number(a.attributes['organization-id']) === orgId)!;
    const device = unwrap(await api.org.detail({ type: 'configurations', id: String(photo.attributes['resource-id']) }));
    const attached = device.fields.find((f) => f.label.startsWith('Attachments'));
    expect(attached?.value).toContain(String(photo.attributes['attachment-file-name']));
  });

  it('answers with sources, says No data available for what is not there, and suggests orgs', async () => {
    const a = unwrap(await api.ask.ask({ question: 'what is the firewall at Harbor Freight Logistics?' }));
    expect(a.noData).toBe(false);
    expect(a.sources[0]?.name).toMatch(/FW/);
    const none = unwrap(await api.ask.ask({ question: 'who is the CEO of Mars' }));
    expect(none).toMatchObject({ answer: NO_DATA, noData: true });
    const hits = unwrap(await api.ask.search({ query: 'firew', prefix: true }));
    expect(hits.length).toBeGreaterThan(0);
    expect(unwrap(await api.ask.suggestOrgs({ prefix: 'harb' }))[0]?.name).toBe('Harbor Freight Logistics');
  });

  it('reveals and copies through the audited vault (door app); usernames too', async () => {
    const acme = unwrap(await api.org.list({ query: 'Acme Corp' }))[0]!;
    const list = unwrap(await api.vault.list({ orgId: acme.id }));
    expect(list.length).toBeGreaterThan(0);
    const withValue = list.find((x) => x.hasValue && x.username)!;
    const expected = p.seeded.dataset.passwords!.data.find((x) => x.id === withValue.id)!.attributes.password;
    const before = unwrap(await api.vault.audit({ limit: 100 })).length;
    const shown = unwrap(await api.vault.reveal({ id: withValue.id }));
    expect(shown.value).toBe(expected);
    expect(shown.hideAfterSeconds).toBeGreaterThan(0);
    const copied = unwrap(await api.vault.copy({ id: withValue.id, field: 'password' }));
    expect(copied).toMatchObject({ copied: false, value: expected });
    unwrap(await api.vault.copy({ id: withValue.id, field: 'username' }));
    const audit = unwrap(await api.vault.audit({ limit: 100 }));
    expect(audit.length - before).toBe(3);
    expect(audit.slice(0, 3).map((a) => [a.door, a.action, a.field, a.passwordName])).toEqual([
      ['app', 'copy', 'username', withValue.name],
      ['app', 'copy', 'password', withValue.name],
      ['app', 'reveal', null, withValue.name],
    ]);
    expect(JSON.stringify(audit)).not.toContain(String(expected));
    const gone = await api.vault.reveal({ id: '999999' });
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
  });

  it('keeps settings in the profile file and refuses values core does not allow', async () => {
    expect(unwrap(await api.settings.get({})).clipboardClearSeconds).toBe(30);
    expect(unwrap(await api.settings.update({ clipboardClearSeconds: 5, mcpAllowPasswordValues: true }))).toMatchObject({ clipboardClearSeconds: 5, mcpAllowPasswordValues: true });
    const reopened = await p.open();
    expect(unwrap(await reopened.api.settings.get({}))).toMatchObject({ clipboardClearSeconds: 5, mcpAllowPasswordValues: true });
    const tooLong = await api.settings.update({ clipboardClearSeconds: 500 });
    expect(tooLong.ok ? null : tooLong.error.code).toBe('INVALID_INPUT');
    unwrap(await api.settings.update({ clipboardClearSeconds: 30, mcpAllowPasswordValues: false }));
  });

  it('reports an unconnected account, model state, and a Claude Desktop dry run with no secrets', async () => {
    expect(unwrap(await api.settings.account({}))).toMatchObject({ profile: 'test', configured: false, region: null, baseUrl: null, passwordAccess: null });
    expect(['missing', 'fixture', 'ready']).toContain(unwrap(await api.settings.model({})).state);
    const status = unwrap(await api.sync.status({}));
    expect(status).toMatchObject({ configured: false, running: false });
    expect(status.counts.configurations).toBeGreaterThan(100);
    const start = await api.sync.start({ full: false });
    expect(start.ok ? null : start.error.code).toBe('NOT_FOUND');
    const dir = mkdtempSync(join(tmpdir(), 'glue-claude-'));
    try {
      const configPath = join(dir, 'claude.json');
      writeFileSync(configPath, JSON.stringify({ mcpServers: { other: { command: 'x', args: [], env: {} } } }));
      const claude = await p.open({ claude: { configPath, execPath: '/usr/bin/node', script: '/opt/glue/bin/glue.js', electron: false } });
      expect(unwrap(await claude.api.settings.account({})).claude).toEqual({ connected: false, path: configPath });
      const dry = unwrap(await claude.api.settings.connectClaude({ dryRun: true }));
      expect(dry).toMatchObject({ path: configPath, written: false });
      expect(dry.diff).toContain('glue-desk');
      expect(JSON.parse(readFileSync(configPath, 'utf8')).mcpServers['glue-desk']).toBeUndefined();
      const wet = unwrap(await claude.api.settings.connectClaude({ dryRun: false }));
      expect(wet.written).toBe(true);
      expect(JSON.parse(readFileSync(configPath, 'utf8')).mcpServers['glue-desk'].args).toEqual(['/opt/glue/bin/glue.js', 'mcp', '--profile', 'test', '--data-dir', p.dataDir]);
      // A new window (after a reload or restart) reads the lasting state from the config file.
      const later = await p.open({ claude: { configPath } });
      expect(unwrap(await later.api.settings.account({})).claude).toEqual({ connected: true, path: configPath });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('connect, sync and wipe against the fake IT Glue server', () => {
  let fake: FakeItGlue;
  let p: SeededProfile;
  beforeAll(async () => {
    fake = await startFakeItGlue({ port: 0, today: DEMO_TODAY });
    p = await seedProfile({ profile: 'fresh' });
  });
  afterAll(async () => {
    p?.close();
    await fake?.close();
  });

  it('rejects a bad key without storing it, keeps a good one, syncs with progress events, then wipes', async () => {
    const { api } = await p.open();
    const bad = await api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: 'ITG.not-a-real-key' });
    expect(bad.ok ? null : bad.error.code).toBe('KEY_REJECTED');
    expect(bad.ok ? '' : bad.error.message).not.toContain('ITG.not-a-real-key');
    expect(unwrap(await api.settings.account({})).configured).toBe(false);

    const good = unwrap(await api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: DEMO_API_KEY }));
    expect(good.organizations).toBeGreaterThan(5);
    expect(good.passwordAccess).toBe(true);
    expect(unwrap(await api.settings.account({}))).toMatchObject({ configured: true, region: 'custom', baseUrl: fake.url });

    const progress: SyncProgress[] = [];
    const finished = new Promise<SyncFinished>((resolve) => api.sync.onDidFinish(resolve));
    const off = api.sync.onDidProgress((e) => progress.push(e));
    const started = unwrap(await api.sync.start({ full: true }));
    const again = await api.sync.start({ full: false });
    expect(again.ok ? null : again.error.code).toBe('SYNC_RUNNING');
    const end = await finished;
    off();
    expect(end).toMatchObject({ runId: started.runId, outcome: 'completed', error: null });
    expect(end.requestsUsed).toBeGreaterThan(10);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((e) => e.runId === started.runId)).toBe(true);
    const status = unwrap(await api.sync.status({}));
    expect(status).toMatchObject({ configured: true, running: false });
    expect(status.lastSyncAt).not.toBeNull();

    expect(unwrap(await api.settings.wipe({ confirm: 'WIPE' }))).toEqual({ wiped: true });
    expect(unwrap(await api.settings.account({})).configured).toBe(false);
    expect(unwrap(await api.org.list({}))).toEqual([]);
  });
});
