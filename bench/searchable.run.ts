// Time until a first sync is searchable, at IT Glue's real budget (3,000 requests / 5 min, the
// fake server's default): a fake tenant in a child process, the sync here (bundled, as `glue`
// runs), stopped once the details have run for BENCH_DETAILS_S seconds (their ETA at the budget
// is printed, not waited for). Prints figures only.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createItGlueClient } from '../electron/core/itglue/client';
import { createTempStore } from '../electron/core/store/testing';
import { runSync } from '../electron/core/sync/run-sync';
import { createReader } from '../electron/core/store/reader';

const SCALE = Number(process.env.SYNC_BENCH_SCALE ?? 100_000);
const DETAILS_S = Number(process.env.BENCH_DETAILS_S ?? 20);

async function startFake(): Promise<{ url: string; apiKey: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/glue.js', 'fake-itglue', '--scale', String(SCALE), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function main(): Promise<void> {
  const { url, apiKey, child } = await startFake();
  const temp = createTempStore();
  // The client's defaults: IT Glue's budget.
  const client = createItGlueClient({ baseUrl: url, apiKey });
  const stop = new AbortController();
  const t0 = performance.now();
  let searchableS: number | null = null;
  let requestsAtSearchable = 0;
  let lastDetails = '';
  let timer: NodeJS.Timeout | null = null;
  try {
    const res = await runSync({
      store: temp.store,
      client,
      full: true,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.message.startsWith('Searchable:')) {
          searchableS = (performance.now() - t0) / 1000;
          requestsAtSearchable = p.requestsUsed;
          timer = setTimeout(() => stop.abort(), DETAILS_S * 1000);
        } else if (p.message.startsWith('Searchable ·')) lastDetails = p.message;
      },
    });
    const records = temp.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM records WHERE deleted_at IS NULL').get()?.n ?? 0;
    const ip = temp.store.db.prepare<[], { ip: string }>('SELECT primary_ip AS ip FROM configurations WHERE primary_ip IS NOT NULL LIMIT 1').get()?.ip ?? '';
    console.log(
      [
        `time until searchable — fake tenant --scale ${SCALE} at IT Glue's budget (3,000 requests / 5 min); status ${res.ok ? res.value.status : res.error.code}`,
        `  searchable after            ${searchableS === null ? 'never' : `${(searchableS as number).toFixed(1)} s`} (${requestsAtSearchable} requests: probe + listings + sweeps)`,
        `  records in the store        ${records} (an IP is found: ${createReader(temp.store).findByIp(ip).length > 0})`,
        `  details after ${DETAILS_S} s         ${lastDetails}`,
      ].join('\n'),
    );
  } finally {
    if (timer) clearTimeout(timer);
    temp.cleanup();
    child.kill();
  }
}

await main();
