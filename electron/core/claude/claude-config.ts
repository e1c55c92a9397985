import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, posix, win32 } from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../../shared/result';

export const CLAUDE_SERVER_KEY = 'glue-desk';

export const ServerEntry = z.object({
  command: z.string().min(1),
  args: z.array(z.string()),
  env: z.record(z.string(), z.string()),
});
export type ServerEntry = z.infer<typeof ServerEntry>;

export type JsonObject = { [key: string]: unknown };
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where Claude Desktop keeps its config on each OS. */
export function claudeConfigPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  if (platform === 'win32') return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), 'Claude', 'claude_desktop_config.json');
}

export interface EntryInput {
  /** The running binary: node in a checkout, the app binary when packaged. */
  execPath: string;
  /** The script that was launched (bin/glue.js, or the bundled entry inside the app). */
  script: string;
  /** True when running inside Electron (ELECTRON_RUN_AS_NODE). */
  electron: boolean;
  profile?: string;
  dataDir?: string;
}

/** The command Claude Desktop runs: the same binary and script as this very CLI call. */
export function buildServerEntry(input: EntryInput): ServerEntry {
  const args = [input.script, 'mcp'];
  if (input.profile) args.push('--profile', input.profile);
  if (input.dataDir) args.push('--data-dir', input.dataDir);
  return { command: input.execPath, args, env: input.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {} };
}

/**
 * Sets `mcpServers["glue-desk"]` and keeps every other server and key as they were.
 * `existing` is the parsed file (undefined when there is none).
 */
export function mergeClaudeConfig(existing: unknown, entry: ServerEntry): Result<{ config: JsonObject; changed: boolean }> {
  if (existing !== undefined && !isObject(existing)) {
    return err('INVALID_INPUT', 'Claude Desktop\'s config is not a JSON object. Fix or move the file, then run `glue connect-claude` again.');
  }
  const base: JsonObject = existing ?? {};
  const servers = base.mcpServers;
  if (servers !== undefined && !isObject(servers)) {
    return err('INVALID_INPUT', '"mcpServers" in Claude Desktop\'s config is not an object. Fix it by hand, then run `glue connect-claude` again.');
  }
  const before = servers?.[CLAUDE_SERVER_KEY];
  const changed = JSON.stringify(before) !== JSON.stringify(entry);
  return ok({ config: { ...base, mcpServers: { ...(servers ?? {}), [CLAUDE_SERVER_KEY]: entry } }, changed });
}

export interface ApplyOptions {
  dryRun: boolean;
  now?: Date;
}

export interface ApplyOutcome {
  path: string;
  changed: boolean;
  /** Unified-style line diff of the file, before → after. */
  diff: string;
  backup: string | null;
  written: boolean;
}

/** Reads, merges, backs up and atomically writes the config. The file is never left half-written. */
export function applyClaudeConfig(path: string, entry: ServerEntry, opts: ApplyOptions): Result<ApplyOutcome> {
  let text: string | null = null;
  try {
    text = existsSync(path) ? readFileSync(path, 'utf8') : null;
  } catch {
    return err('FORBIDDEN', `Cannot read ${path}. Check its permissions, then run again.`);
  }
  let parsed: unknown = undefined;
  if (text !== null && text.trim() !== '') {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      const why = e instanceof SyntaxError ? e.message : 'parse error';
      return err('INVALID_INPUT', `${path} is not valid JSON (${why}). Fix it or move it away, then run again. The file was not changed.`);
    }
  }
  const merged = mergeClaudeConfig(parsed, entry);
  if (!merged.ok) return err(merged.error.code, `${merged.error.message} (${path}; not changed)`);
  const after = `${JSON.stringify(merged.value.config, null, 2)}\n`;
  const before = text ?? '';
  const outcome: ApplyOutcome = { path, changed: merged.value.changed, diff: lineDiff(before, after), backup: null, written: false };
  if (opts.dryRun || !merged.value.changed) return ok(outcome);

  try {
    mkdirSync(dirname(path), { recursive: true });
    if (text !== null) {
      outcome.backup = `${path}.${stamp(opts.now ?? new Date())}.bak`;
      copyFileSync(path, outcome.backup);
    }
    const tmp = join(dirname(path), `.claude_desktop_config.${process.pid}.tmp`);
    const mode = text !== null ? statSync(path).mode & 0o777 : 0o600;
    writeFileSync(tmp, after, { mode });
    renameSync(tmp, path);
    outcome.written = true;
  } catch {
    return err('FORBIDDEN', `Could not write ${path}. Check the folder's permissions, then run again.`);
  }
  return ok(outcome);
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Minimal LCS line diff; config files are small, so O(n·m) is fine. */
export function lineDiff(a: string, b: string): string {
  const x = a === '' ? [] : a.replace(/\n$/, '').split('\n');
  const y = b === '' ? [] : b.replace(/\n$/, '').split('\n');
  const n = x.length;
  const m = y.length;
  const w = m + 1;
  const lcs = new Int32Array((n + 1) * w);
  const at = (i: number, j: number) => lcs[i * w + j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i * w + j] = x[i] === y[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      out.push(`  ${x[i]}`);
      i++;
      j++;
    } else if (j < m && (i >= n || at(i, j + 1) >= at(i + 1, j))) {
      out.push(`+ ${y[j]}`);
      j++;
    } else {
      out.push(`- ${x[i]}`);
      i++;
    }
  }
  return out.join('\n');
}

/**
 * Whether Claude Desktop's config already runs Glue Desk for this profile (read at start, so
 * the app shows a lasting "connected" state, not only right after connecting). A config that
 * is missing or unreadable counts as not connected.
 */
export function claudeConnection(path: string, profile: string): { connected: boolean; path: string } {
  if (!existsSync(path)) return { connected: false, path };
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const entry = isObject(parsed) && isObject(parsed.mcpServers) ? ServerEntry.safeParse(parsed.mcpServers[CLAUDE_SERVER_KEY]) : null;
    if (!entry?.success) return { connected: false, path };
    const at = entry.data.args.indexOf('--profile');
    const named = at >= 0 ? entry.data.args[at + 1] : 'default';
    return { connected: named === profile, path };
  } catch {
    return { connected: false, path };
  }
}
