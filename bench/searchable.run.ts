// Time until a first sync is searchable, at IT Glue's real budget (3,000 requests / 5 min, the
// fake server's default): a fake tenant in a child process, the sync here (bundled, as `glue`
// runs), stopped once the details have run for BENCH_DETAILS_S seconds (their ETA at the budget
// is printed, not waited for). Prints figures only.
// BENCH_DOCUMENTS_NULL_FILTER=root: a tenant whose `filter[document_folder_id]=null` lists only
// root documents (per-folder listings, the request count before issue #16's one listing per
// organization); default all, as reported on live tenants.
import { readFileSync } from 'node:fs';
import { createItGlueClient } from '../electron/core/itglue/client';
import { createTempStore } from '../electron/core/store/testing';
import { runSync } from '../electron/core/sync/run-sync';
import { startFakeTenant } from './fake-tenant-child';
import { createReader } from '../electron/core/store/reader';
import { META_DOCUMENTS_PROOF } from '../electron/core/sync/documents-proof';

const SCALE = Number(process.env.SYNC_BENCH_SCALE ?? 100_000);
const DETAILS_S = Number(process.env.BENCH_DETAILS_S ?? 20);
// BENCH_TRACE=1: a line per progress message on stderr (time, requests, RSS), to see where a run's time goes.
const TRACE = process.env.BENCH_TRACE === '1';
const NULL_FILTER = process.env.BENCH_DOCUMENTS_NULL_FILTER ?? 'all';

const mb = (n: number): string => (n / 1048576).toFixed(0);
const memory = (): string => {
  const m = process.memoryUsage();
  return `rss=${mb(m.rss)}MB heap=${mb(m.heapUsed)}/${mb(m.heapTotal)}MB ext=${mb(m.external)}MB`;
};
const peakRssMb = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

async function main(): Promise<void> {
  const { url, apiKey, child } = await startFakeTenant(SCALE, ['--documents-null-filter', NULL_FILTER]);
  const temp = createTempStore();
  // The client's defaults: IT Glue's budget.
  const client = createItGlueClient({ baseUrl: url, apiKey });
  const stop = new AbortController();
  const t0 = performance.now();
  let searchableS: number | null = null;
  let requestsAtSearchable = 0;
  let lastDetails = '';
  // Where the time to searchable goes: tenant-wide listings are bound by parsing and writing,
  // the per-organization ones (folders, documents) by the key's request budget.
  const lastList = { tenantWide: 0, perOrganization: 0 };
  let timer: NodeJS.Timeout | null = null;
  try {
    const res = await runSync({
      store: temp.store,
      client,
      full: true,
      signal: stop.signal,
      onProgress: (p) => {
        if (TRACE) process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)}s req=${p.requestsUsed} ${memory()} ${p.phase} ${p.message}\n`);
        if (p.phase === 'list') lastList[p.orgId === null ? 'tenantWide' : 'perOrganization'] = (performance.now() - t0) / 1000;
        if (p.message.startsWith('Searchable:')) {
          searchableS = (performance.now() - t0) / 1000;
          requestsAtSearchable = p.requestsUsed;
          timer = setTimeout(() => stop.abort(), DETAILS_S * 1000);
        } else if (p.message.startsWith('Searchable ·')) lastDetails = p.message;
      },
    });
    const records = temp.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM records WHERE deleted_at IS NULL').get()?.n ?? 0;
    const proven = (temp.store.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(META_DOCUMENTS_PROOF)?.value ?? '') !== '';
    const ip = temp.store.db.prepare<[], { ip: string }>('SELECT primary_ip AS ip FROM configurations WHERE primary_ip IS NOT NULL LIMIT 1').get()?.ip ?? '';
    console.log(
      [
        `time until searchable — fake tenant --scale ${SCALE} at IT Glue's budget (3,000 requests / 5 min); status ${res.ok ? res.value.status : res.error.code}`,
        `  searchable after            ${searchableS === null ? 'never' : `${(searchableS as number).toFixed(1)} s`} (${requestsAtSearchable} requests: probe + listings + sweeps)`,
        `  documents                   =null lists ${NULL_FILTER === 'root' ? 'root documents only' : 'every document'} on this tenant; proven: ${proven} (${proven ? 'one listing per organization' : 'per-folder listings'})`,
        `  last listing page stored    tenant-wide ${lastList.tenantWide.toFixed(1)} s, per organization ${lastList.perOrganization.toFixed(1)} s`,
        `  records in the store        ${records} (an IP is found: ${createReader(temp.store).findByIp(ip).length > 0})`,
        `  details after ${DETAILS_S} s         ${lastDetails}`,
        // The sync's own process (the fake tenant runs in a child and is not counted).
        `  peak RSS of the sync        ${peakRssMb().toFixed(0)} MB`,
      ].join('\n'),
    );
  } finally {
    if (timer) clearTimeout(timer);
    temp.cleanup();
    child.kill();
  }
}

await main();
// A cancelled sync can leave the pacer's timer for the next window running; the figures are out.
process.exit(0);
