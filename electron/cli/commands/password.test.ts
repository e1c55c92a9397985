// `glue password`, help, --version, did-you-mean, unknown profiles and local times: the real
// `glue` bundle run as a child process against a real SQLCipher profile holding the demo tenant.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../../package.json';
import { generateDemoTenant } from '../../core/itglue/fake/generator';
import { createReader } from '../../core/store/reader';
import { openProfile } from '../../core/sync/service';
import { DEMO_TODAY, writeDataset } from '../../core/testing/seed-demo';
import { buildCli, type CliHarness } from '../cli-harness';

const tmp = mkdtempSync(join(tmpdir(), 'glue-cli-password-'));
const dataDir = join(tmp, 'data');
const clip = join(tmp, 'clipboard.txt');
const dataset = generateDemoTenant({ today: DEMO_TODAY });
let cli: CliHarness;

// No DISPLAY, no WAYLAND_DISPLAY: the only clipboard is the one a test names.
const baseEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: tmp, GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: 'test passphrase', GLUE_MODEL_DIR: join(tmp, 'models'), LANG: 'en_GB.UTF-8', TZ: 'Europe/Paris' });
const withClipboard = (): NodeJS.ProcessEnv => ({ ...baseEnv(), GLUE_CLIPBOARD_COPY: `cat > '${clip}'`, GLUE_CLIPBOARD_PASTE: `cat '${clip}'` });

const secretOf = (org: string, name: string): string => {
  const orgId = (dataset.organizations?.data ?? []).find((o) => o.attributes.name === org)?.id;
  const p = (dataset.passwords?.data ?? []).find((x) => x.attributes.name === name && String(x.attributes['organization-id']) === String(orgId));
  return String(p?.attributes.password);
};

async function audit() {
  const p = await openProfile({ env: baseEnv() });
  if (!p.ok) throw new Error(p.error.message);
  try {
    return createReader(p.value.store).auditList(50);
  } finally {
    p.value.close();
  }
}

beforeAll(async () => {
  cli = await buildCli('password');
  const p = await openProfile({ env: baseEnv() });
  if (!p.ok) throw new Error(p.error.message);
  writeDataset(p.value.store, dataset);
  p.value.close();
  // The shortest clear the settings allow, so the test sees it happen.
  expect((await cli.run(['settings', 'set', 'clipboardClearSeconds', '5'], baseEnv())).status).toBe(0);
}, 120_000);
afterAll(() => {
  cli?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('glue help, --version and did-you-mean', () => {
  it('`glue help` lists the commands, `glue help CMD` shows its flags, --version the version', async () => {
    const help = await cli.run(['help'], baseEnv());
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^\s+password\s+Copy a password/m);
    const ask = await cli.run(['help', 'ask'], baseEnv());
    expect(ask.status).toBe(0);
    expect(ask.stdout).toMatch(/^Usage: glue ask/);
    const version = await cli.run(['--version'], baseEnv());
    expect(version.stdout).toBe(`glue ${pkg.version}\n`);
  });

  it('a mistyped command or flag gets the nearest one, not the parser\'s raw message', async () => {
    const aks = await cli.run(['aks', 'firewall'], baseEnv());
    expect(aks.status).toBe(2);
    expect(aks.stderr).toContain('unknown command "aks". Did you mean `glue ask`?');
    const serach = await cli.run(['help', 'serach'], baseEnv());
    expect(serach.stderr).toContain('Did you mean `glue search`?');
    const flag = await cli.run(['search', 'firewall', '--porfile', 'demo'], baseEnv());
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('glue search: unknown flag --porfile. Did you mean --profile?');
    expect(flag.stderr).not.toMatch(/ERR_PARSE_ARGS|Unknown option/);
  }, 30_000);
});

describe('profiles and times', () => {
  it('a read command refuses a profile that does not exist, lists the existing ones and creates nothing', async () => {
    const r = await cli.run(['status', '--profile', 'defualt'], baseEnv());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('there is no profile "defualt"');
    expect(r.stderr).toContain('Existing profiles: default. Did you mean --profile default?');
    expect(existsSync(join(dataDir, 'profiles', 'defualt'))).toBe(false);
    const ask = await cli.run(['ask', 'firewall', '--profile', 'nope'], baseEnv());
    expect(ask.status).toBe(1);
    expect(existsSync(join(dataDir, 'profiles', 'nope'))).toBe(false);
  }, 30_000);

  it('status shows the last sync in local time with how long ago, not a raw UTC timestamp', async () => {
    const r = await cli.run(['status'], baseEnv());
    expect(r.status, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('Last sync:')) ?? '';
    expect(line).toMatch(/started \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \((just now|\d+ minutes? ago)\)/);
    expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  }, 60_000);
});

describe('glue password', () => {
  it('a name several organizations share lists the entries with ids; an ambiguous --org lists the organizations', async () => {
    const r = await cli.run(['password', 'Domain Admin'], withClipboard());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"Domain Admin" fits \d+ entries; which one\? Give its id or --org/);
    expect(r.stderr).toMatch(/^\s+\d+ {2}Domain Admin {2}\[ACMD\\administrator\] {2}· Acme Dental$/m);
    const acme = await cli.run(['password', 'Domain Admin', '--org', 'acme'], withClipboard());
    expect(acme.status).toBe(2);
    expect(acme.stderr).toMatch(/--org "acme" matches several organizations: .*Acme Corp \(id \d+\).*Acme Dental \(id \d+\)/);
    expect(await audit()).toEqual([]);
  }, 30_000);

  it('copies by default, audits the copy as door "cli", and clears the clipboard after the configured seconds', async () => {
    const value = secretOf('Acme Dental', 'Domain Admin');
    const r = await cli.run(['password', 'domain admin', '--org', 'Acme Dental'], withClipboard());
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('Copied the password of "Domain Admin" (Acme Dental) to the clipboard; it clears in 5 s.\n');
    expect(r.stdout + r.stderr).not.toContain(value);
    expect(readFileSync(clip, 'utf8')).toBe(value);
    const rows = await audit();
    expect(rows[0]).toMatchObject({ door: 'cli', action: 'copy_password', name: 'Domain Admin' });
    await new Promise((ok) => setTimeout(ok, 7_000));
    expect(readFileSync(clip, 'utf8')).toBe('');
  }, 40_000);

  it('does not clear a clipboard the user has copied something else to meanwhile', async () => {
    const r = await cli.run(['password', 'Firewall Admin', '--org', 'Acme Corp'], withClipboard());
    expect(r.status, r.stderr).toBe(0);
    writeFileSync(clip, 'something the user copied');
    await new Promise((ok) => setTimeout(ok, 7_000));
    expect(readFileSync(clip, 'utf8')).toBe('something the user copied');
  }, 40_000);

  it('with no clipboard it says to use --print and opens nothing; --print writes the value, audited', async () => {
    const before = (await audit()).length;
    const none = await cli.run(['password', 'Domain Admin', '--org', 'Acme Dental'], baseEnv());
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no clipboard here .* Use --print/);
    expect(none.stdout).toBe('');
    expect((await audit()).length).toBe(before);
    const id = (dataset.passwords?.data ?? []).find((p) => p.attributes.name === 'Domain Admin')?.id ?? '';
    const printed = await cli.run(['password', String(id), '--print'], baseEnv());
    expect(printed.status, printed.stderr).toBe(0);
    expect(printed.stdout).toBe(String((dataset.passwords?.data ?? []).find((p) => p.id === id)?.attributes.password));
    expect((await audit())[0]).toMatchObject({ door: 'cli', action: 'reveal', passwordId: Number(id) });
  }, 30_000);

  it('an unknown name says so and suggests a search', async () => {
    const r = await cli.run(['password', 'no such entry'], withClipboard());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no password entry named "no such entry"');
  }, 30_000);
});
