// `glue search` and `glue ask` on real profiles (passphrase keychain, SQLCipher store holding the
// demo tenant written through the store writer), run in-process with captured output.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateDemoTenant } from '../../core/itglue/fake/generator';
import { createEmbedder } from '../../core/search/embedder';
import { fixtureModelsDir } from '../../core/search/test-models';
import { updateEmbeddings } from '../../core/search/vectors';
import { openProfile } from '../../core/sync/service';
import { DEMO_TODAY, passwordValues, writeDataset } from '../../core/testing/seed-demo';
import { UsageError, type CliIo, type Command } from '../io';
import { run as askRun } from './ask';
import { run as searchRun } from './search';

const tmp = mkdtempSync(join(tmpdir(), 'glue-cli-search-'));
const dataset = generateDemoTenant({ today: DEMO_TODAY });
const secrets = passwordValues(dataset);
const plainDir = join(tmp, 'plain');
const hybridDir = join(tmp, 'hybrid');
const emptyDir = join(tmp, 'empty');
const noModels = join(tmp, 'no-models');

const envFor = (dataDir: string, models = noModels): NodeJS.ProcessEnv => ({ GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: 'test passphrase', GLUE_MODEL_DIR: models });

async function seedProfile(dataDir: string, models: string, embed: boolean): Promise<void> {
  const p = await openProfile({ env: envFor(dataDir, models) });
  if (!p.ok) throw new Error(p.error.message);
  try {
    writeDataset(p.value.store, dataset);
    if (embed) {
      // The CLI only needs vectors of this model to exist: the first batches do (an interrupted
      // build keeps what it finished), and the test stays fast.
      const embedder = createEmbedder({ modelsDir: models });
      const stop = new AbortController();
      const r = await updateEmbeddings(p.value.store.db, embedder, { batchSize: 64, signal: stop.signal, onProgress: (x) => x.done >= 128 && stop.abort() });
      await embedder.close();
      if (!r.ok && r.error.code !== 'CANCELLED') throw new Error(r.error.message);
    }
  } finally {
    p.value.close();
  }
}

beforeAll(async () => {
  await seedProfile(plainDir, noModels, false);
  await seedProfile(hybridDir, fixtureModelsDir(), true);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(tty: boolean): Writable & { text: string; isTTY?: boolean } {
  const w = Object.assign(
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        w.text += chunk.toString();
        cb();
      },
    }),
    { text: '', isTTY: tty },
  );
  return w;
}

async function cli(cmd: Command, args: string[], env: NodeJS.ProcessEnv, tty = false): Promise<Ran> {
  const stdout = sink(tty);
  const stderr = sink(false);
  const io: CliIo = { stdout, stderr, env, signal: new AbortController().signal };
  const code = await cmd(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const hitJson = z.object({
  mode: z.enum(['hybrid', 'keyword']),
  org: z.object({ id: z.number(), name: z.string() }).nullable(),
  hits: z.array(z.object({ type: z.string(), id: z.string(), name: z.string(), url: z.string(), org: z.object({ id: z.number(), name: z.string() }).nullable() })),
});
const answerJson = z.object({
  answer: z.string(),
  noData: z.boolean(),
  intent: z.string(),
  mode: z.enum(['hybrid', 'keyword']),
  sources: z.array(z.object({ type: z.string(), name: z.string(), url: z.string(), org: z.object({ name: z.string() }).nullable() })),
  didYouMean: z.array(z.object({ name: z.string() })),
});

describe('glue search', () => {
  it('prints JSON when not on a terminal, keyword-only with a one-line notice when no model is installed', async () => {
    const r = await cli(searchRun, ['10.20.0.10'], envFor(plainDir));
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/keyword search only: the embedding model is not installed \(run `glue model download`/);
    const out = hitJson.parse(JSON.parse(r.stdout));
    expect(out.mode).toBe('keyword');
    expect(out.hits[0]?.name).toBe('SRV-DC01');
  });

  it('runs hybrid with a model and built vectors, and says nothing on stderr', async () => {
    const r = await cli(searchRun, ['backup', 'schedule', '--limit', '5'], envFor(hybridDir, fixtureModelsDir()));
    expect(r.stderr).toBe('');
    const out = hitJson.parse(JSON.parse(r.stdout));
    expect(out.mode).toBe('hybrid');
    expect(out.hits.length).toBeGreaterThan(0);
    expect(out.hits.length).toBeLessThanOrEqual(5);
  });

  it('scopes by a fuzzy org name or an id, and filters by type', async () => {
    const byName = hitJson.parse(JSON.parse((await cli(searchRun, ['firewall', '--org', 'acme corp', '--type', 'documents'], envFor(plainDir))).stdout));
    expect(byName.org?.name).toBe('Acme Corp');
    expect(byName.hits.length).toBeGreaterThan(0);
    for (const h of byName.hits) {
      expect(h.org?.id).toBe(byName.org?.id);
      expect(h.type).toBe('documents');
    }
    const byId = hitJson.parse(JSON.parse((await cli(searchRun, ['firewall', '--org', String(byName.org?.id), '--type', 'documents'], envFor(plainDir))).stdout));
    expect(byId.hits.map((h) => h.id)).toEqual(byName.hits.map((h) => h.id));
    const typo = hitJson.parse(JSON.parse((await cli(searchRun, ['bakery', '--org', 'maple st bakery'], envFor(plainDir))).stdout));
    expect(typo.org?.name).toBe('Maple Street Bakery');
  });

  it('rejects an ambiguous org listing the candidates, an unknown org, a bad type and an empty query', async () => {
    await expect(cli(searchRun, ['server', '--org', 'harbor'], envFor(plainDir))).rejects.toThrow(/--org "harbor" matches several organizations: .*Harbor Freight Logistics \(id \d+\).*Harbor Health/);
    await expect(cli(searchRun, ['server', '--org', 'zzzz qqqq'], envFor(plainDir))).rejects.toThrow(/no organization matches/);
    await expect(cli(searchRun, ['server', '--type', 'cars'], envFor(plainDir))).rejects.toThrow(UsageError);
    await expect(cli(searchRun, ['server', '--limit', '0'], envFor(plainDir))).rejects.toThrow(/--limit: must be at least 1/);
    await expect(cli(searchRun, [], envFor(plainDir))).rejects.toThrow(/give a query/);
  });

  it('prints readable results on a terminal', async () => {
    const r = await cli(searchRun, ['SRV-DC01'], envFor(plainDir), true);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ 1\. SRV-DC01 {2}\[configurations · [^\]]+\]\n/);
    expect(r.stdout).toMatch(/https?:\/\//);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('says how to get data when the profile holds none, and never writes to the store', async () => {
    const r = await cli(searchRun, ['anything'], envFor(emptyDir));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds no synced data yet. Run `glue sync`/);
    const p = await openProfile({ env: envFor(plainDir) });
    if (!p.ok) throw new Error(p.error.message);
    const before = p.value.store.db.prepare('SELECT count(*) AS n, max(rowid) AS m FROM records').get();
    p.value.close();
    await cli(searchRun, ['printer'], envFor(plainDir));
    await cli(askRun, ['what is 10.20.0.10'], envFor(plainDir));
    const again = await openProfile({ env: envFor(plainDir) });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.store.db.prepare('SELECT count(*) AS n, max(rowid) AS m FROM records').get()).toEqual(before);
    again.value.close();
  });
});

describe('glue ask', () => {
  it('answers an exact lookup with sources (JSON), hybrid when vectors exist', async () => {
    const r = await cli(askRun, ['what is 10.20.0.10'], envFor(hybridDir, fixtureModelsDir()));
    expect(r.code).toBe(0);
    const a = answerJson.parse(JSON.parse(r.stdout));
    expect(a).toMatchObject({ intent: 'exact_lookup', noData: false, mode: 'hybrid' });
    expect(a.sources[0]?.name).toBe('SRV-DC01');
  });

  it('prints the answer, then sources with org, type and url on a terminal', async () => {
    const r = await cli(askRun, ['what depends on SRV-DC01'], envFor(plainDir), true);
    expect(r.code).toBe(0);
    const [answer, ...rest] = r.stdout.split('\n\nSources:\n');
    expect(answer?.length).toBeGreaterThan(10);
    expect(rest.join('')).toMatch(/^ {3}1\. .+ {2}\[\w[\w-]* · .+\]\n {6}https?:\/\//);
  });

  it('gives exactly "No data available" with suggestions, and asks which org when ambiguous', async () => {
    const none = answerJson.parse(JSON.parse((await cli(askRun, ['who is the CEO of Mars'], envFor(plainDir))).stdout));
    expect(none).toMatchObject({ answer: 'No data available', noData: true, sources: [] });
    const which = answerJson.parse(JSON.parse((await cli(askRun, ['@harbor firewall'], envFor(plainDir))).stdout));
    expect(which.intent).toBe('ambiguous_org');
    expect(which.didYouMean.map((d) => d.name)).toEqual(expect.arrayContaining(['Harbor Freight Logistics', 'Harbor Health']));
  });

  it('scopes with --org and never prints a password value', async () => {
    const r = await cli(askRun, ['switch password', '--org', 'maple st bakery'], envFor(hybridDir, fixtureModelsDir()));
    const a = answerJson.parse(JSON.parse(r.stdout));
    expect(a.noData).toBe(false);
    for (const s of a.sources) expect(s.org?.name).toBe('Maple Street Bakery');
    const pretty = await cli(askRun, ['admin password for Acme Corp'], envFor(plainDir), true);
    for (const out of [r.stdout, pretty.stdout, pretty.stderr]) for (const v of secrets) expect(out.includes(v)).toBe(false);
  });
});
