import { z } from 'zod';
import { ensureProfileDirs, resolvePaths } from '../../core/config/paths';
import { isSettingKey, loadSettings, parseSettingValue, SETTING_KEYS, settingRule, updateSettings, type Settings } from '../../core/config/settings';
import { NEVER_WARNING } from '../../core/guard/offline';
import { parseFlags } from '../args';
import { UsageError, type CliIo, type Command } from '../io';

const HELP = `Usage: glue settings [list]                  show every setting
       glue settings get KEY                 show one setting
       glue settings set KEY VALUE [KEY VALUE ...]
Flags: --profile NAME (default "default")  --data-dir DIR  --json

Settings are shared by the app, the MCP server and the CLI.
${SETTING_KEYS.map((k) => `  ${k.padEnd(23)} ${settingRule(k)}`).join('\n')}

offlineExpiryDays and idleLockMinutes also take "never" (0); never for the offline expiry
keeps a lost laptop's copy for good, and every door warns about it.

Example: glue settings set mcpAllowPasswordValues true
         glue settings set region custom baseUrl https://api.itglue.example.com
`;

const Flags = z.object({
  profile: z.string().optional(),
  'data-dir': z.string().min(1).optional(),
  json: z.boolean().optional(),
  help: z.boolean().optional(),
});

const NEVER_KEYS: ReadonlySet<string> = new Set(['offlineExpiryDays', 'idleLockMinutes']);
const show = (value: Settings[keyof Settings], key?: string) => (value === undefined ? '(not set)' : value === 0 && key && NEVER_KEYS.has(key) ? '0 (never)' : String(value));

function printAll(io: CliIo, settings: Settings, json: boolean | undefined): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(settings)}\n`);
    return;
  }
  const width = Math.max(...SETTING_KEYS.map((k) => k.length));
  io.stdout.write(SETTING_KEYS.map((k) => `${k.padEnd(width)}  ${show(settings[k], k)}`).join('\n') + '\n');
}

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags(
    'settings',
    argv,
    { profile: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    Flags,
  );
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const [sub = 'list', ...args] = positionals;
  const paths = resolvePaths({ dataDirFlag: flags['data-dir'], profile: flags.profile, env: io.env });
  if (!paths.ok) {
    io.stderr.write(`glue settings: ${paths.error.message}\n`);
    return 2;
  }
  const { profileDir } = paths.value;
  const warn = (warnings: string[]) => warnings.forEach((w) => io.stderr.write(`glue settings: warning: ${w}\n`));

  if (sub === 'list' || (sub === 'get' && args.length === 0)) {
    if (sub === 'list' && args.length) throw new UsageError(`glue settings list: unexpected argument "${args[0]}". Run \`glue help settings\`.`);
    const { settings, warnings } = loadSettings(profileDir);
    warn(warnings);
    printAll(io, settings, flags.json);
    return 0;
  }
  if (sub === 'get') {
    const [key, extra] = args;
    if (extra !== undefined) throw new UsageError(`glue settings get: one KEY at a time. Run \`glue help settings\`.`);
    if (key === undefined || !isSettingKey(key)) throw new UsageError(`glue settings get: unknown setting "${key ?? ''}". Known settings: ${SETTING_KEYS.join(', ')}.`);
    const { settings, warnings } = loadSettings(profileDir);
    warn(warnings);
    const value = settings[key];
    io.stdout.write(flags.json ? `${JSON.stringify(value ?? null)}\n` : `${show(value, key)}\n`);
    return 0;
  }
  if (sub === 'set') {
    if (args.length === 0 || args.length % 2 !== 0) throw new UsageError('glue settings set: give KEY VALUE pairs, e.g. `glue settings set revealSeconds 30`.');
    const patch: Record<string, unknown> = {};
    for (let i = 0; i < args.length; i += 2) {
      const key = args[i] ?? '';
      const value = parseSettingValue(key, args[i + 1] ?? '');
      if (!value.ok) throw new UsageError(`glue settings set: ${value.error.message}`);
      patch[key] = value.value;
    }
    const made = ensureProfileDirs(paths.value, paths.value.dataDirSource);
    if (!made.ok) {
      io.stderr.write(`glue settings: ${made.error.message}\n`);
      return 1;
    }
    const updated = updateSettings(profileDir, patch);
    if (!updated.ok) {
      if (updated.error.code === 'INVALID_INPUT') throw new UsageError(`glue settings set: ${updated.error.message}`);
      io.stderr.write(`glue settings: ${updated.error.message}\n`);
      return 1;
    }
    if (flags.json) io.stdout.write(`${JSON.stringify(updated.value)}\n`);
    else io.stdout.write(Object.keys(patch).map((k) => (isSettingKey(k) ? `${k} = ${show(updated.value[k], k)}` : '')).join('\n') + '\n');
    // "never" is allowed, never silently: a lost laptop then keeps its copy for good.
    if (patch.offlineExpiryDays === 0) io.stderr.write(`glue settings: warning: ${NEVER_WARNING}\n`);
    return 0;
  }
  throw new UsageError(`glue settings: unknown subcommand "${sub}". Use list, get or set. Run \`glue help settings\`.`);
};
