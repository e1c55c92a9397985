import { Writable } from 'node:stream';
import { z } from 'zod';
import { parseFlags } from '../args';
import { UsageError, type Command } from '../io';

const HELP = `Usage: glue mcp [--profile NAME] [--data-dir DIR]

Serves the local IT Glue copy to an MCP client (Claude Desktop) over stdio.
stdout carries only the protocol; logs go to stderr and <profile>/logs/mcp.log.
Set it up in Claude Desktop with \`glue connect-claude\`.
`;

const Flags = z.object({
  profile: z.string().optional(),
  'data-dir': z.string().min(1).optional(),
  help: z.boolean().optional(),
});

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags(
    'mcp',
    argv,
    { profile: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    Flags,
  );
  if (flags.help) {
    // Help goes to stderr too: an MCP client that passes --help must still see a clean stdout.
    io.stderr.write(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`glue mcp: unexpected argument "${positionals[0]}". Run \`glue help mcp\`.`);
  // Loaded here, not at the top, so `glue help` does not pay for the MCP SDK.
  const [{ ensureProfileDirs, resolvePaths }, { runStdioServer }] = await Promise.all([import('../../core/config/paths'), import('../../mcp/stdio')]);
  const paths = resolvePaths({ profile: flags.profile, dataDirFlag: flags['data-dir'], env: io.env });
  if (!paths.ok) throw new UsageError(`glue mcp: ${paths.error.message}`);
  const profile = ensureProfileDirs(paths.value, paths.value.dataDirSource);
  if (!profile.ok) throw new UsageError(`glue mcp: ${profile.error.message}`);
  return runStdioServer({ profile: profile.value, env: io.env, stdin: process.stdin, stdout: io.stdout instanceof Writable ? io.stdout : process.stdout, stderr: io.stderr, signal: io.signal });
};
