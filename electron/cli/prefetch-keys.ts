// Starts the passphrase vault's key derivation before a command loads its modules (see
// core/secrets/vault-kdf.ts): on a passphrase profile it hides scrypt's ~0.1 s behind module
// loading. Flags are read leniently here; the command parses them strictly afterwards, and a
// guess that misses (another profile, a bad flag) only costs the wasted derivation.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolvePaths } from '../core/config/paths';
import { prefetchVaultKeys, VAULT_FILE_NAME } from '../core/secrets/vault-kdf';
import { COMMANDS } from './commands';

export function prefetchProfileKeys(argv: string[], env: Record<string, string | undefined>): void {
  const passphrase = env.GLUE_PASSPHRASE;
  if (!passphrase) return;
  let values: { profile?: unknown; 'data-dir'?: unknown };
  try {
    values = parseArgs({ args: argv, options: { profile: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true }).values;
  } catch {
    return;
  }
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const paths = resolvePaths({ dataDirFlag: text(values['data-dir']), profile: text(values.profile), env });
  if (paths.ok) prefetchVaultKeys(join(paths.value.profileDir, VAULT_FILE_NAME), passphrase);
}

/**
 * For `glue <command> …` as typed: prefetches when the command opens a profile (not for its
 * help). bin/glue.js calls this first, from a small bundle entry, before the CLI bundle loads.
 */
export function prefetchForCommand(argv: string[], env: Record<string, string | undefined>): void {
  const [name, ...rest] = argv;
  if (!name || !COMMANDS[name]?.opensProfile || rest.includes('--help') || rest.includes('-h')) return;
  prefetchProfileKeys(rest, env);
}
