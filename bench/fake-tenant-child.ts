import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Starts `glue fake-itglue --scale N` in a process of its own, so the measured process holds
 * only the sync. Its address and API key are read from its output rather than imported, so no
 * fake-server code loads into the measured process; the first key has password access.
 */
export async function startFakeTenant(scale: number, extraArgs: readonly string[] = []): Promise<{ url: string; apiKey: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/glue.js', 'fake-itglue', '--scale', String(scale), ...extraArgs, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  let url: string | null = null;
  const apiKey = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`glue fake-itglue exited (${code})`)));
    lines.on('line', (line) => {
      url ??= /^listening on (http:\/\/\S+)/.exec(line)?.[1] ?? null;
      const key = /^api keys: (\S+)/.exec(line)?.[1];
      if (key) resolve(key);
    });
  });
  if (!url) throw new Error('glue fake-itglue printed no address');
  return { url, apiKey, child };
}
