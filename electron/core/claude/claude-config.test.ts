import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyClaudeConfig, buildServerEntry, claudeConfigPath, mergeClaudeConfig, type ServerEntry } from './claude-config';

const entry: ServerEntry = { command: '/usr/bin/node', args: ['/opt/glue/bin/glue.js', 'mcp'], env: {} };
const other = { command: 'npx', args: ['-y', '@acme/other-server'], env: { TOKEN: 'keep-me' } };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'glue-claude-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('mergeClaudeConfig', () => {
  it('adds glue-desk and keeps other servers and top-level keys', () => {
    const r = mergeClaudeConfig({ globalShortcut: 'Ctrl+Space', mcpServers: { other } }, entry);
    expect(r.ok && r.value.config).toEqual({ globalShortcut: 'Ctrl+Space', mcpServers: { other, 'glue-desk': entry } });
    expect(r.ok && r.value.changed).toBe(true);
  });

  it('starts a config from nothing and notices when nothing changes', () => {
    const first = mergeClaudeConfig(undefined, entry);
    expect(first.ok && first.value.config).toEqual({ mcpServers: { 'glue-desk': entry } });
    const again = mergeClaudeConfig(first.ok ? first.value.config : {}, entry);
    expect(again.ok && again.value.changed).toBe(false);
  });

  it('refuses shapes it cannot merge into without guessing', () => {
    expect(mergeClaudeConfig([1, 2], entry).ok).toBe(false);
    const r = mergeClaudeConfig({ mcpServers: 'oops' }, entry);
    expect(!r.ok && r.error.message).toMatch(/mcpServers.*not an object/);
  });
});

describe('claudeConfigPath and buildServerEntry', () => {
  it('knows each OS location', () => {
    expect(claudeConfigPath('darwin', {}, '/Users/t')).toBe('/Users/t/Library/Application Support/Claude/claude_desktop_config.json');
    expect(claudeConfigPath('win32', { APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'C:\\Users\\t')).toBe(
      'C:\\Users\\t\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    );
    expect(claudeConfigPath('linux', {}, '/home/t')).toBe('/home/t/.config/Claude/claude_desktop_config.json');
  });

  it('runs the packaged app as node with the bundled entry', () => {
    expect(buildServerEntry({ execPath: '/Applications/Glue Desk.app/Contents/MacOS/Glue Desk', script: '/app/out/cli/glue.js', electron: true, profile: 'work' })).toEqual({
      command: '/Applications/Glue Desk.app/Contents/MacOS/Glue Desk',
      args: ['/app/out/cli/glue.js', 'mcp', '--profile', 'work'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
  });
});

describe('applyClaudeConfig', () => {
  const now = new Date('2026-11-23T10:20:30.456Z');

  it('writes a timestamped backup, then the merged file', () => {
    const path = join(dir, 'claude_desktop_config.json');
    const original = `${JSON.stringify({ mcpServers: { other }, theme: 'dark' }, null, 2)}\n`;
    writeFileSync(path, original);
    const r = applyClaudeConfig(path, entry, { dryRun: false, now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.backup).toBe(`${path}.20261123T102030Z.bak`);
    expect(readFileSync(r.value.backup ?? '', 'utf8')).toBe(original);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ mcpServers: { other, 'glue-desk': entry }, theme: 'dark' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('creates the folder and file when Claude has none yet', () => {
    const path = join(dir, 'Claude', 'claude_desktop_config.json');
    const r = applyClaudeConfig(path, entry, { dryRun: false, now });
    expect(r.ok && r.value.backup).toBeNull();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ mcpServers: { 'glue-desk': entry } });
  });

  it('dry run shows the diff and writes nothing', () => {
    const path = join(dir, 'c.json');
    const original = '{"mcpServers":{}}';
    writeFileSync(path, original);
    const r = applyClaudeConfig(path, entry, { dryRun: true, now });
    expect(r.ok && r.value.diff).toMatch(/^\+ {2,}"glue-desk": \{$/m);
    expect(r.ok && r.value.written).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(readdirSync(dir)).toEqual(['c.json']);
  });

  it('leaves a config that is not valid JSON untouched, with a clear error', () => {
    const path = join(dir, 'c.json');
    const broken = '{ "mcpServers": { "other": { "command": "x", } ';
    writeFileSync(path, broken);
    const r = applyClaudeConfig(path, entry, { dryRun: false, now });
    expect(!r.ok && r.error.message).toMatch(/not valid JSON.*Fix it or move it away.*not changed/);
    expect(readFileSync(path, 'utf8')).toBe(broken);
    expect(readdirSync(dir)).toEqual(['c.json']);
  });
});

describe('glue connect-claude', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const glue = (args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin', 'glue.js'), 'connect-claude', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('writes the entry that points at this node and bin/glue.js, keeps others, and dry-runs', () => {
    const path = join(dir, 'claude.json');
    writeFileSync(path, JSON.stringify({ mcpServers: { other } }));
    const dry = glue(['--config', path, '--dry-run', '--profile', 'demo']);
    expect(dry.stderr).not.toMatch(/error/i);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('+     "glue-desk": {');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ mcpServers: { other } });

    const real = glue(['--config', path, '--profile', 'demo']);
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(/Restart Claude Desktop/);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written.mcpServers.other).toEqual(other);
    expect(written.mcpServers['glue-desk']).toEqual({
      command: process.execPath,
      args: [join(root, 'bin', 'glue.js'), 'mcp', '--profile', 'demo'],
      env: {},
    });
    expect(readdirSync(dir).some((f) => f.endsWith('.bak'))).toBe(true);

    const printed = glue(['--print']);
    expect(JSON.parse(printed.stdout).mcpServers['glue-desk'].args[1]).toBe('mcp');
  });

  it('exits non-zero and leaves invalid JSON alone', () => {
    const path = join(dir, 'claude.json');
    writeFileSync(path, 'not json');
    const r = glue(['--config', path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path, 'utf8')).toBe('not json');
    expect(existsSync(`${path}.bak`)).toBe(false);
  });
});
