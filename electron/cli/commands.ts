import type { Command } from './io';

interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: Command }>;
  /** Opens a profile's store: its passphrase keys are derived while the command loads. */
  opensProfile?: true;
}

// Commands load lazily so `glue mcp` does not pay for the sync engine or the web host.
export const COMMANDS: Record<string, CommandEntry> = {
  'fake-itglue': { summary: 'Serve a fake IT Glue API (demo tenant or a dataset dir)', load: () => import('./commands/fake-itglue') },
  mcp: { summary: 'Serve the local IT Glue copy to Claude Desktop (MCP over stdio)', load: () => import('./commands/mcp') },
  'connect-claude': { summary: 'Add Glue Desk to Claude Desktop\'s MCP servers', load: () => import('./commands/connect-claude') },
  model: { summary: 'Show or download the local embedding model (semantic search)', load: () => import('./commands/model') },
  settings: { summary: 'Show or change settings shared by the app, MCP and CLI', load: () => import('./commands/settings') },
  login: { summary: 'Connect a profile to IT Glue (tests and stores the API key)', load: () => import('./commands/login') },
  logout: { summary: 'Forget the IT Glue key of a profile (--wipe: also its local store)', load: () => import('./commands/logout') },
  sync: { summary: 'Copy IT Glue into the local encrypted store (resumable)', load: () => import('./commands/sync'), opensProfile: true },
  repair: { summary: 'Move a damaged store aside (kept) and sync a fresh copy with the same keys', load: () => import('./commands/repair'), opensProfile: true },
  status: { summary: 'Show what the local store holds, the last sync and warnings', load: () => import('./commands/status'), opensProfile: true },
  web: { summary: 'Open the app UI in a browser (loopback web host) for a profile', load: () => import('./commands/web') },
  search: { summary: 'Search the local copy (records with org, type and IT Glue link)', load: () => import('./commands/search'), opensProfile: true },
  pin: { summary: 'Pin an organization: its details are fetched first while a sync runs', load: () => import('./commands/pin'), opensProfile: true },
  password: { summary: 'Copy a password to the clipboard (cleared after a while; audited)', load: () => import('./commands/password'), opensProfile: true },
  ask: { summary: 'Ask a question of the local copy; answers cite their sources', load: () => import('./commands/ask'), opensProfile: true },
  demo: { summary: 'Try Glue Desk on a generated demo IT Glue account', load: () => import('./commands/demo') },
};
