// The CLI's clipboard: Electron's is not there, so `glue password` uses the system's own tool
// (pbcopy, clip, wl-copy, xclip, xsel) and a detached helper clears it after the configured
// seconds, but only if it still holds the value (a later copy by the user is left alone).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ClipboardTool {
  /** For messages: "xclip", "pbcopy", or the user's GLUE_CLIPBOARD_COPY command. */
  name: string;
  /** Writes its stdin to the clipboard. */
  copy: string[];
  /** Prints the clipboard; null when there is no way to read it (then the clear is unconditional). */
  paste: string[] | null;
}

function onPath(cmd: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && exts.some((ext) => existsSync(path.join(dir, cmd + ext))));
}

/** The clipboard tool this machine has, or null (then the user is told to use --print). */
export function findClipboard(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): ClipboardTool | null {
  // Any other clipboard (tmux, a remote session's bridge): a shell command that reads stdin.
  if (env.GLUE_CLIPBOARD_COPY?.trim()) {
    const paste = env.GLUE_CLIPBOARD_PASTE?.trim();
    return { name: env.GLUE_CLIPBOARD_COPY.trim(), copy: ['sh', '-c', env.GLUE_CLIPBOARD_COPY], paste: paste ? ['sh', '-c', paste] : null };
  }
  if (platform === 'darwin') return onPath('pbcopy', env, platform) ? { name: 'pbcopy', copy: ['pbcopy'], paste: ['pbpaste'] } : null;
  if (platform === 'win32') return { name: 'clip', copy: ['clip'], paste: ['powershell', '-NoProfile', '-Command', 'Get-Clipboard -Raw'] };
  if (env.WAYLAND_DISPLAY && onPath('wl-copy', env, platform)) return { name: 'wl-copy', copy: ['wl-copy'], paste: onPath('wl-paste', env, platform) ? ['wl-paste', '-n'] : null };
  if (env.DISPLAY && onPath('xclip', env, platform)) return { name: 'xclip', copy: ['xclip', '-selection', 'clipboard'], paste: ['xclip', '-selection', 'clipboard', '-o'] };
  if (env.DISPLAY && onPath('xsel', env, platform)) return { name: 'xsel', copy: ['xsel', '--clipboard', '--input'], paste: ['xsel', '--clipboard', '--output'] };
  return null;
}

export const NO_CLIPBOARD =
  'no clipboard here (looked for pbcopy, clip, wl-copy, xclip, xsel; or set GLUE_CLIPBOARD_COPY to a command that reads the value on stdin). Use --print to write the value to standard output instead.';

/** Puts `value` on the clipboard; an error message when the tool fails. */
export function copyTo(tool: ClipboardTool, value: string, env: NodeJS.ProcessEnv): string | null {
  const [cmd, ...args] = tool.copy as [string, ...string[]];
  // xclip and wl-copy stay running to serve the selection: their output is not waited for.
  const r = spawnSync(cmd, args, { input: value, stdio: ['pipe', 'ignore', 'ignore'], env, timeout: 10_000 });
  if (r.error) return `${tool.name} could not run (${r.error.message})`;
  if (r.status !== 0) return `${tool.name} failed (exit ${r.status ?? r.signal})`;
  return null;
}

// Runs detached, after `glue` has exited: waits, then empties the clipboard if it still holds
// the value (compared by hash; the value itself is never handed to the helper).
const CLEARER = `
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const job = JSON.parse(input);
  setTimeout(() => {
    if (job.paste) {
      const r = spawnSync(job.paste[0], job.paste.slice(1), { encoding: 'utf8', timeout: 10000 });
      if (r.status !== 0) return;
      const now = createHash('sha256').update(r.stdout.replace(/\\r?\\n$/, '')).digest('hex');
      const exact = createHash('sha256').update(r.stdout).digest('hex');
      if (now !== job.hash && exact !== job.hash) return;
    }
    spawnSync(job.copy[0], job.copy.slice(1), { input: '', stdio: ['pipe', 'ignore', 'ignore'], timeout: 10000 });
  }, job.seconds * 1000);
});
`;

/** Starts the detached helper that clears the clipboard in `seconds`; resolves once it has its job. */
export async function scheduleClear(tool: ClipboardTool, value: string, seconds: number, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, ['-e', CLEARER], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env, windowsHide: true });
  const job = { seconds, copy: tool.copy, paste: tool.paste, hash: createHash('sha256').update(value).digest('hex') };
  await new Promise<void>((resolve) => child.stdin?.end(JSON.stringify(job), () => resolve()));
  child.unref();
}
