import { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ensureProfileDirs, resolvePaths } from '../../core/config/paths';
import { MANIFEST_FILE, readManifest, startHandshake, type LoadReason } from '../../mcp/handshake';
import { UsageError, type Command } from '../io';

const HELP = `Usage: glue mcp [--profile NAME] [--data-dir DIR]

Serves the local IT Glue copy to an MCP client (Claude Desktop) over stdio.
stdout carries only the protocol; logs go to stderr and <profile>/logs/mcp.log.
Set it up in Claude Desktop with \`glue connect-claude\`.
`;

const OPTIONS = { profile: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } satisfies NonNullable<ParseArgsConfig['options']>;

// Nothing here may import zod or the MCP SDK before the handshake starts: that import costs
// ~150 ms, and the handshake answers initialize and tools/list meanwhile (docs/mcp.md "Fast start").
export const run: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(`glue mcp: ${e instanceof Error ? e.message : String(e)}. Run \`glue help mcp\`.`);
  }
  if (parsed.values.help) {
    // Help goes to stderr too: an MCP client that passes --help must still see a clean stdout.
    io.stderr.write(HELP);
    return 0;
  }
  if (parsed.positionals.length) throw new UsageError(`glue mcp: unexpected argument "${parsed.positionals[0]}". Run \`glue help mcp\`.`);
  const { profile: profileName, 'data-dir': dataDir } = parsed.values;
  if (dataDir === '') throw new UsageError('glue mcp: --data-dir needs a folder path. Run `glue help mcp`.');
  // The profile is checked before anything is answered, so a misconfigured Claude Desktop entry
  // fails at once with the reason on stderr instead of after a successful initialize.
  const paths = resolvePaths({ profile: profileName, dataDirFlag: dataDir, env: io.env });
  if (!paths.ok) throw new UsageError(`glue mcp: ${paths.error.message}`);
  const profile = ensureProfileDirs(paths.value, paths.value.dataDirSource);
  if (!profile.ok) throw new UsageError(`glue mcp: ${profile.error.message}`);

  const stdout = io.stdout instanceof Writable ? io.stdout : process.stdout;
  // The manifest sits beside the bundle chunk this code runs from (out/cli); from sources there
  // is none, and every request waits for the real server.
  const handshake = startHandshake({ stdin: process.stdin, stdout, manifest: readManifest(new URL(MANIFEST_FILE, import.meta.url)) });
  const reason = await new Promise<LoadReason | 'interrupted'>((resolve) => {
    if (io.signal.aborted) return resolve('interrupted');
    io.signal.addEventListener('abort', () => resolve('interrupted'), { once: true });
    void handshake.wanted.then(resolve);
  });
  if (reason === 'interrupted' || reason === 'output closed') {
    handshake.close(); // the client is gone or the user pressed Ctrl-C: nothing left to serve
    return 0;
  }

  try {
    // Loaded here, not at the top, so the handshake and `glue help` do not pay for the SDK.
    const { runStdioServer } = await import('../../mcp/stdio');
    return await runStdioServer({ profile: profile.value, env: io.env, stderr: io.stderr, signal: io.signal, handshake: { handshake, reason } });
  } catch (e) {
    handshake.close();
    throw e;
  }
};
