// Builds the large-tenant bench store once (see scale-profile.ts); run by scale.bench.ts in a
// child process with a large heap (the generated tenant is held in memory while it is written).
// Reuses the store when tenant.json says it holds the requested scale.
import { rmSync, statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { generateDemoTenant } from '../electron/core/itglue/fake/generator';
import { writeDataset } from '../electron/core/testing/seed-demo';
import { scaleProfile } from './scale-profile';

const DIR = process.env.BENCH_SCALE_DIR ?? '/work/bench-data/1m';
const SCALE = Number(process.env.BENCH_SCALE ?? 1_000_000);

const peakRssMb = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

async function main(): Promise<void> {
  let profile = await scaleProfile(DIR);
  const have = profile.info();
  if (have && have.scale === SCALE) {
    console.log(`reusing ${DIR}: ${have.records} records at scale ${have.scale}, dates relative to ${have.today}`);
    return;
  }
  // A half-written store from an interrupted build is thrown away, never measured.
  rmSync(DIR, { recursive: true, force: true });
  profile = await scaleProfile(DIR);
  const today = new Date().toISOString().slice(0, 10);
  let t = performance.now();
  const dataset = generateDemoTenant({ today, scale: SCALE });
  const generateS = (performance.now() - t) / 1000;
  const records = Object.entries(dataset).reduce((n, [k, d]) => n + (k === 'related_items' ? 0 : (d?.data.length ?? 0)), 0);
  console.log(`generated ${records} records (+ ${dataset.related_items?.data.length ?? 0} related items) in ${generateS.toFixed(1)} s`);
  t = performance.now();
  const store = await profile.open();
  writeDataset(store, dataset);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const writeS = (performance.now() - t) / 1000;
  const storeBytes = statSync(profile.storeDb).size;
  const info = { scale: SCALE, today, records, generateS, writeS, storeBytes, peakRssMb: peakRssMb() };
  profile.saveInfo(info);
  console.log(JSON.stringify(info));
}

await main();
