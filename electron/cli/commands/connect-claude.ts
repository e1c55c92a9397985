import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { applyClaudeConfig, buildServerEntry, claudeConfigPath, CLAUDE_SERVER_KEY } from '../../core/claude/claude-config';
import { parseFlags } from '../args';
import { UsageError, type Command } from '../io';

const HELP = `Usage: glue connect-claude [--profile NAME] [--data-dir DIR] [--config PATH] [--dry-run] [--print]

Adds Glue Desk to Claude Desktop's MCP servers ("${CLAUDE_SERVER_KEY}"), keeping every other
server and setting. A timestamped backup of the old file is written next to it.
  --dry-run   show the change, write nothing
  --print     print the server entry JSON only
  --config    use this config file instead of Claude Desktop's default location
Restart Claude Desktop afterwards.
`;

const Flags = z.object({
  profile: z.string().regex(/^[a-z0-9-]{1,32}$/, 'use 1-32 lowercase letters, digits or dashes').optional(),
  'data-dir': z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  'dry-run': z.boolean().optional(),
  print: z.boolean().optional(),
  help: z.boolean().optional(),
});

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags(
    'connect-claude',
    argv,
    {
      profile: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      'dry-run': { type: 'boolean' },
      print: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    Flags,
  );
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`glue connect-claude: unexpected argument "${positionals[0]}". Run \`glue help connect-claude\`.`);
  const script = process.argv[1];
  if (!script) throw new UsageError('glue connect-claude: cannot tell which script is running; run it as `glue connect-claude`.');

  const entry = buildServerEntry({
    execPath: process.execPath,
    script: realpathSync(script),
    electron: Boolean(process.versions.electron),
    profile: flags.profile,
    // Absolute, because Claude Desktop starts the server from its own working directory.
    dataDir: flags['data-dir'] ? resolve(flags['data-dir']) : undefined,
  });
  if (flags.print) {
    io.stdout.write(`${JSON.stringify({ mcpServers: { [CLAUDE_SERVER_KEY]: entry } }, null, 2)}\n`);
    return 0;
  }
  const path = flags.config ? resolve(flags.config) : claudeConfigPath(process.platform, io.env);
  const result = applyClaudeConfig(path, entry, { dryRun: flags['dry-run'] === true });
  if (!result.ok) {
    io.stderr.write(`glue connect-claude: ${result.error.message}\n`);
    return 1;
  }
  const r = result.value;
  if (flags['dry-run']) {
    io.stdout.write(`Dry run: ${r.changed ? 'would change' : 'no change needed for'} ${r.path}\n${r.changed ? `${r.diff}\n` : ''}`);
    return 0;
  }
  if (!r.changed) {
    io.stdout.write(`Claude Desktop is already set up for Glue Desk (${r.path}).\n`);
    return 0;
  }
  io.stdout.write(
    `Added "${CLAUDE_SERVER_KEY}" to ${r.path}.\n${r.backup ? `Backup of the previous file: ${r.backup}\n` : ''}Restart Claude Desktop to load it.\n`,
  );
  return 0;
};
