// Test helper (not imported by production code): a real `glue mcp` child process over stdio,
// serving a profile whose passphrase-sealed keys open a SQLCipher store holding the demo
// tenant, written through the store writer exactly as a sync would.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ensureProfileDirs, resolvePaths, type ProfilePaths } from '../../core/config/paths';
import { updateSettings } from '../../core/config/settings';
import type { Dataset } from '../../core/itglue/fake/dataset';
import { generateDemoTenant } from '../../core/itglue/fake/generator';
import { loadKeys } from '../../core/secrets/key-manager';
import { createPassphraseVault, VAULT_FILE_NAME } from '../../core/secrets/passphrase-vault';
import { openStore, type Store } from '../../core/store/open';
import { passwordValues, writeDataset } from '../../core/testing/seed-demo';
import { createBaseDeps } from '../base-deps';
import type { McpDeps } from '../deps';
import { createLogger } from '../logger';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const GLUE = join(root, 'bin', 'glue.js');
export const PASSPHRASE = 'mcp-test-passphrase';

/** A fresh, never-synced profile in a temp data dir, and the server's real deps on it. */
export function emptyProfileDeps(): { dataDir: string; deps: McpDeps; cleanup(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'glue-mcp-empty-'));
  const r = resolvePaths({ env: { GLUE_DATA_DIR: dataDir } });
  if (!r.ok) throw new Error(r.error.message);
  const made = ensureProfileDirs(r.value, r.value.dataDirSource);
  if (!made.ok) throw new Error(made.error.message);
  const deps = createBaseDeps(made.value, createLogger({ dir: null, stderr: null }), {}, { GLUE_DATA_DIR: dataDir });
  return { dataDir, deps, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export interface SeededProfile {
  dataDir: string;
  paths: ProfilePaths;
  dataset: Dataset;
  secrets: string[];
  /** Opens the profile's store in this process (for audit checks); caller closes it. */
  openStore(): Promise<Store>;
  env: Record<string, string>;
  cleanup(): void;
}

/** A profile holding the demo tenant, or `opts.dataset` (e.g. the held-out eval tenant). */
export async function seedProfile(opts: { seed?: boolean; scale?: number; dataset?: Dataset } = {}): Promise<SeededProfile> {
  const dataDir = mkdtempSync(join(tmpdir(), 'glue-mcp-data-'));
  const r = resolvePaths({ env: { GLUE_DATA_DIR: dataDir } });
  if (!r.ok) throw new Error(r.error.message);
  const made = ensureProfileDirs(r.value, r.value.dataDirSource);
  if (!made.ok) throw new Error(made.error.message);
  const paths = made.value;
  const keychain = createPassphraseVault({ file: join(paths.profileDir, VAULT_FILE_NAME), passphrase: PASSPHRASE });
  const keys = await loadKeys(keychain, paths.profile);
  if (!keys.ok) throw new Error(keys.error.message);
  // Dates relative to the real today, so "expires within 30 days" holds for the server's clock.
  const dataset = opts.dataset ?? generateDemoTenant({ today: new Date().toISOString().slice(0, 10), ...(opts.scale ? { scale: opts.scale } : {}) });
  const open = () => openStore({ file: paths.storeDb, dbKey: keys.value.dbKey, secretsKey: keys.value.secretsKey });
  if (opts.seed !== false) {
    const store = open();
    writeDataset(store, dataset);
    store.close();
  }
  return {
    dataDir,
    paths,
    dataset,
    secrets: passwordValues(dataset),
    openStore: async () => open(),
    env: { PATH: process.env.PATH ?? '', GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: PASSPHRASE, ...(process.env.GLUE_NO_BUILD ? { GLUE_NO_BUILD: process.env.GLUE_NO_BUILD } : {}) },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface SpawnedServer {
  client: Client;
  stderr(): string;
  /** Protocol errors the client saw (a stray stdout line shows up here). */
  protocolErrors: string[];
  allowPasswords(on: boolean): void;
  /** The server's process id (for RSS figures). */
  pid: number | null;
  close(): Promise<void>;
}

export async function spawnServer(profile: SeededProfile): Promise<SpawnedServer> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [GLUE, 'mcp'], env: profile.env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: 'glue-data-test', version: '1' });
  const protocolErrors: string[] = [];
  client.onerror = (e) => protocolErrors.push(e.message);
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    protocolErrors,
    pid: transport.pid,
    allowPasswords: (on) => {
      const r = updateSettings(profile.paths.profileDir, { mcpAllowPasswordValues: on });
      if (!r.ok) throw new Error(r.error.message);
    },
    close: () => client.close(),
  };
}

export const textOf = (content: unknown): string =>
  z
    .array(z.object({ type: z.string(), text: z.string().optional() }))
    .parse(content)
    .map((c) => c.text ?? '')
    .join('\n');
